"""After ranking: a completion date set by the budget year's end where the text says the term otherwise.

`binding._bind_deadline` dates an on-time row by the budget year's end (`binding.YEAR_END_BASIS`) when the text
states no date. Two statements of the text are no date and still contradict 12月31日前 (round 18):
- a season before which the work is done (今年汛期前完成, 春耕前完工, 秋季开学前投入使用): the row takes the season as
  the text says it (2025年汛期前) — 12月31日前 lets the work run past the flood season it was paid to prepare for;
- a year's goal that is a share of the whole work (年度目标:完成项目主体工程70%, D006): the year's end closes that
  share, not the whole work, so 高标准农田建设完成时间 12月31日前 says more than the text — the row dates the year's
  task (高标准农田建设年度任务完成时间), its explanation saying which share.
Renames and re-dates only, after ranking (the ranker's training reads the same candidates).
"""
from __future__ import annotations

import re

from kb.domain.years import stated_year
from kb.suggest.binding import PAY_YEAR_END_BASIS
from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

# a season the work is done before: 汛期前, 主汛期前, 雨季前, 春耕前, 秋季开学前, 供暖季前 … and a verb of being done
_SEASON = re.compile(r"(?P<when>今年|本年度?|当年|明年|(?P<y>20\d\d)年)?(?P<season>主汛期|汛期|雨季|春耕|春播|秋收|秋播|夏收"
                     r"|(?:春季|秋季|新学期)?开学|供暖季?|采暖季?|春节)(?:来临|到来)?前[^，,。；;]{0,8}?"
                     r"(?P<verb>完成|完工|竣工|建成|到位|投入使用|交付|发放|拨付|兑付)")
_PAYS = ("发放", "拨付", "兑付")


def date_by_stated_season(pool: list[Draft], ctx: ProjectContext) -> None:
    """Re-date each shown row dated by the budget year's end to the season the text's work is done before
    (module docstring): a paying row by a season said of paying, another by one said of the work. In place."""
    said = _SEASON.search(ctx.text)
    if not said:
        return
    year = int(said.group("y")) if said.group("y") else stated_year(ctx.name, ctx.description)
    if year and said.group("when") == "明年":
        year += 1
    value = f"{year}年{said.group('season')}前" if year else f"{said.group('season')}前"
    pays = said.group("verb") in _PAYS
    for d in pool:
        if d.tier == Tier.ALTERNATE or d.value_source != "year_end" or (d.note == PAY_YEAR_END_BASIS) != pays:
            continue
        d.value, d.value_source, d.note = value, "text", ""
        d.explanation = f"实际完成的日期，不晚于描述写明的{said.group('season')}前"
        d.evidence.append(f"描述中的完成时限: {said.group(0)}")


# the year's goal as a share of the whole work: 年度目标:完成项目主体工程70%, 年内完成工程总量的60%
_PART_GOAL = re.compile(r"(?:年度目标|年度计划|本年度|年内|当年|今年)[^。；;]{0,12}?完成[^。；;，,%]{0,12}?(?P<share>\d{1,2}(?:\.\d+)?)%")
_WHOLE_DONE = re.compile(r"完成时间|完工时间|竣工时间")


def date_year_task_of_part_goal(pool: list[Draft], ctx: ProjectContext) -> None:
    """Rename each shown completion row dated by the budget year's end to the year's task when the text's goal for
    the year is a share of the work below 100 % (module docstring). In place."""
    goal = _PART_GOAL.search(ctx.text)
    if not goal or float(goal.group("share")) >= 100:
        return
    for d in pool:
        if d.tier == Tier.ALTERNATE or d.value_source != "year_end" or d.note == PAY_YEAR_END_BASIS:
            continue
        done = _WHOLE_DONE.search(d.name)
        if not done or "年度" in d.name:
            continue
        d.name = d.name[:done.start()] + "年度任务" + d.name[done.start():]
        d.explanation = f"年度目标（{goal.group(0)}）完成的日期，不晚于预算年度末；不是全部工程的完工时间"
        d.evidence.append(f"描述的年度目标是完成{goal.group('share')}%，预算年度末完成的是年度任务，不是全部工程")


# a relative term for paying the text states: 开学后30日内拨付到校, 资金到位后15日内发放 (the checker's reader takes only
# working days and dates: `kb.checker.rewrite.payment_days`)
_PAID_WITHIN = re.compile(r"(?P<after>开学|学期开始|资金到位|资金下达|收到资金|申请受理|审核通过)后(?P<n>\d{1,3})(?P<unit>个工作日|日|天)内"
                          r"[^，,。；;]{0,8}?(?P<verb>拨付|发放|兑付|支付)")
_PAID_THING = re.compile(r"补助|补贴|资助|拨付|发放|兑付|营养餐|助学金|奖励")


def limit_payment_by_stated_term(pool: list[Draft], ctx: ProjectContext) -> None:
    """A relative term for paying the text states (开学后30日内拨付到校, round 18): the shown on-time rate of the
    payment (补助发放及时率 =100 %) becomes the limit it states (补助发放时限 ≤ 30 日, 开学后), and a completion row of
    the payment dated by the budget year's end (营养餐补助发放完成时间 12月31日前 “描述未写明…”) is set aside — the text
    says when the money is paid, the year's end says nothing of it. In place."""
    from kb.checker.rewrite import limit_name, pays_on_time
    from kb.suggest.dedupe import set_aside

    said = _PAID_WITHIN.search(ctx.text)
    if not said:
        return
    unit = "个工作日" if said.group("unit") == "个工作日" else "日"
    limited = False
    for d in pool:
        if d.tier == Tier.ALTERNATE or d.slot != "timeliness" or d.value_source == "text" or not pays_on_time(d.key):
            continue
        d.name = limit_name(d.name)
        d.explanation = f"{said.group('after')}至{said.group('verb')}到对象所用的{unit}数，不超过描述写明的时限"
        d.operator, d.value, d.value_unit, d.unit, d.value_source, d.note = "≤", said.group("n"), unit, unit, "text", ""
        d.evidence.append(f"描述中的{said.group('verb')}时限: {said.group(0)}")
        limited = True
    for d in pool:
        if d.tier != Tier.ALTERNATE and d.value_source == "year_end" and _PAID_THING.search(d.name) \
                and (limited or d.note == PAY_YEAR_END_BASIS):
            set_aside(d, f"描述写明{said.group('verb')}时限（{said.group(0)}），不按预算年度末设定完成时间")
