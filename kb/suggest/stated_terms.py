"""After ranking: a row dated by the budget year's end where the text states the term otherwise.

`binding._bind_deadline` dates an on-time row by the budget year's end (`binding.YEAR_END_BASIS`) when the text
states no date. Two statements of the text are no date and still contradict 12月31日前 (round 18):
- a season before which the work is done (今年汛期前完成, 春耕前完工, 秋季开学前投入使用): the row takes the season as
  the text says it (2025年汛期前) — 12月31日前 lets the work run past the flood season it was paid to prepare for;
- a year's goal that is a share of the whole work (年度目标:完成项目主体工程70%, D006): the year's end closes that
  share, not the whole work, so 高标准农田建设完成时间 12月31日前 says more than the text — the row dates the year's
  task (高标准农田建设年度任务完成时间), its explanation saying which share.
Renames and re-dates only, after ranking (the ranker's training reads the same candidates).

Two more a fresh reviewer of trial 16 struck or corrected:
- an event's dates (“定于10月1日至7日在百侯古镇举行”) gave 客家文化旅游节完成时间 2025年12月31日前 with the basis
  “描述未写明完成时限”: the period's end is the deadline (2025年10月7日前), the basis the dates as written;
- “年底前完成” gave the year's end (right) with the basis “描述未写明完成时限” (wrong): the basis says what the text
  states.
Only rows dated by the year's end (`binding.YEAR_END_BASIS` / `PAY_YEAR_END_BASIS`, value_source year_end); a
deadline binding read is never touched. Pure over drafts; run after ranking, so the ranker's training reads the same
candidates.
"""
from __future__ import annotations

import re

from kb.domain.years import planned_year, stated_year
from kb.suggest.binding import PAY_YEAR_END_BASIS, YEAR_END_BASIS
from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.objects import Mention
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


# a relative term for paying the text states: 开学后30日内拨付到校, 资金到位后15日内发放, 每季度结束后30日内拨付 (trial 20),
# 开学后2个月内发放到位 — read by the checker's `relative_limit` (one reader: TIME-05 writes the same limit); the words
# before it name the event it runs from (the explanation's)
_PAID_AFTER = re.compile(r"(?P<after>[^，,。；;]{0,12}?)后(?P<n>\d{1,3})(?P<unit>个工作日|工作日|个月|日|天|周|小时)内")
_PAID_THING = re.compile(r"补助|补贴|资助|拨付|发放|兑付|营养餐|助学金|奖励")
# the duration as the text writes it (30日内 → 日, 30天内 → 天; 工作日 → 个工作日)
_WITHIN = r"(?<![月\d.]){n}(?P<unit>个工作日|工作日|个月|日|天|周|小时)内[^，,。；;]{{0,8}}"


def _stated_within(text: str, n: str, verbs: tuple[str, ...]) -> re.Match | None:
    """The words of `text` stating the limit of `n` units for one of `verbs` (30日内拨付承保机构), else None."""
    return next((m for m in re.finditer(_WITHIN.format(n=re.escape(n)), text)
                 if any(v in m.group() for v in verbs)), None)


def _event_before(text: str, said: re.Match) -> str:
    """The event a limit runs from, written before it (县级保费补贴资金于每季度结束后30日内 → 每季度结束), else ''."""
    before = _PAID_AFTER.search(text[max(0, said.start() - 14):said.end()])
    return re.sub(r"^.*?(?:于|在|自)", "", before.group("after")) if before and before.group("after") else ""


def _limit(d: Draft, n: str, said: re.Match, verb: str, after: str) -> None:
    unit = "个工作日" if said.group("unit") in ("个工作日", "工作日") else said.group("unit")
    from kb.checker.rewrite import limit_name

    d.name = limit_name(d.name)
    d.explanation = (f"{after}至{verb}到对象所用的{unit}数，不超过描述写明的时限" if after
                     else f"{verb}所用的{unit}数，不超过描述写明的时限")
    d.operator, d.value, d.value_unit, d.unit, d.value_source, d.note = "≤", n, unit, unit, "text", ""
    d.evidence.append(f"描述中的{verb}时限: {said.group(0)}")
    # the limit's own words, not the figure the row held before (保险理赔兑付及时率100%: one figure, one row)
    d.mention = Mention(n, unit, verb, "", said.start(), said.end(), context=said.group(), action=verb)


def limit_payment_by_stated_term(pool: list[Draft], ctx: ProjectContext) -> None:
    """A relative term for paying the text states (开学后30日内拨付到校, round 18; 每季度结束后30日内拨付承保机构, 开学后
    2个月内发放到位, trial 20): the shown on-time rate of the payment (补助发放及时率 =100 %) becomes the limit it states
    (补助发放时限 ≤ 30 日, in the text's unit), and a completion row of the payment dated by the budget year's end
    (营养餐补助发放完成时间 12月31日前 “描述未写明…”) is set aside — the text says when the money is paid, the year's end
    says nothing of it. Another act's limit (受理后15个工作日内办结, 7天内完成
    维修) is its on-time row's (the checker's `relative_limit` and `row_verbs`). In place."""
    from kb.checker.rewrite import pays_on_time, relative_limit, row_verbs
    from kb.domain.words import PAYMENT_VERBS
    from kb.suggest.dedupe import set_aside

    text = ctx.text
    limit = relative_limit(text, PAYMENT_VERBS)
    said = _stated_within(text, limit[1], PAYMENT_VERBS) if limit and limit[0] == "≤" else None
    if said is not None:
        verb = next(v for v in PAYMENT_VERBS if v in said.group())
        after = _event_before(text, said)
        rows = [d for d in pool if d.tier != Tier.ALTERNATE and d.slot == "timeliness" and d.value_source != "text"
                and pays_on_time(d.key)]
        for d in rows:
            _limit(d, limit[1], said, verb, after)
        for d in pool:
            if d.tier != Tier.ALTERNATE and d.value_source == "year_end" and _PAID_THING.search(d.name) \
                    and (rows or d.note == PAY_YEAR_END_BASIS):
                set_aside(d, f"描述写明{verb}时限（{said.group(0)}），不按预算年度末设定完成时间")
    for d in pool:   # another act's limit: 受理后15个工作日内办结 → 审批办结时限 ≤ 15 个工作日
        if d.tier == Tier.ALTERNATE or d.slot != "timeliness" or d.value_source == "text" or pays_on_time(d.key) \
                or not re.search(r"(?:及时|按时|按期)", d.name):
            continue
        verbs = row_verbs(d.name)
        if not verbs or set(verbs) <= {"完成", "完工", "竣工"}:
            continue
        own = relative_limit(text, verbs)
        if own and own[0] == "≤" and (m := _stated_within(text, own[1], verbs)) is not None:
            _limit(d, own[1], m, next(v for v in verbs if v in m.group()), "")


def limit_spare_payment_row(pool: list[Draft], ctx: ProjectContext) -> None:
    """When the text states a relative term for paying (每季度结束后30日内拨付承保机构, trial 20) and no shown 时效 row
    times the payment (the type's 保费补贴资金拨付及时率 was set aside for another rate's 100 %, the table kept a blank
    农业保险理赔时限), the best type's or formed payment row of the pool takes the limit (保费补贴资金拨付时限 ≤ 30 日)
    and is shown. After the passes that bind the text's figures to one row each; in place."""
    from kb.checker.rewrite import pays_on_time, relative_limit
    from kb.domain.words import PAYMENT_VERBS

    limit = relative_limit(ctx.text, PAYMENT_VERBS)
    said = _stated_within(ctx.text, limit[1], PAYMENT_VERBS) if limit and limit[0] == "≤" else None
    if said is None or any(d.tier != Tier.ALTERNATE and d.slot == "timeliness" and (pays_on_time(d.key) or "时限" in d.name
                           and d.value_source == "text") for d in pool):
        return
    spare = sorted((d for d in pool if d.tier == Tier.ALTERNATE and d.slot == "timeliness"
                    and d.source in ("type", "formed") and pays_on_time(d.key)), key=lambda d: -d.score)
    if spare:
        spare[0].tier = Tier.BOUND
        _limit(spare[0], limit[1], said, next(v for v in PAYMENT_VERBS if v in said.group()), _event_before(ctx.text, said))


# an event's dates: 定于10月1日至7日在百侯古镇举行, 将于2025年9月20日—22日举办, 于5月18日举行
_EVENT_DATES = re.compile(
    r"(?:定于|将于|拟于|计划于|预计于|于)\s*(?:(?P<y>20\d\d)年)?(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日"
    r"(?:\s*[—–\-~～至到]\s*(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日)?"
    r"(?:[^，,。；;]{0,14}?)(?P<verb>举办|举行|开展|召开|进行|开幕)")
# a single day is an event's only when it is held that day (于5月18日举行); 于3月1日开展 is when work starts
_HELD = ("举办", "举行", "召开", "开幕")
# the year's end as the text states it: 年底前完成, 年内全部完工, 本年度内实施完毕
_YEAR_END_SAID = re.compile(r"(?:年底前|年末前|年底|年内|本年度内|年度内)(?:全部)?(?:完成|完工|实施完毕|建成|结束)")
_YEAR = re.compile(r"(20\d\d)年")


def _year_end_row(d: Draft) -> bool:
    return (d.tier != Tier.ALTERNATE and d.slot == "timeliness" and d.value_source == "year_end"
            and d.note in (YEAR_END_BASIS, PAY_YEAR_END_BASIS))


def event_end(text: str) -> tuple[int | None, int, int, re.Match] | None:
    """(year or None, month, day, the match of the dates and the verb) of the last day of the one event period `text`
    states (定于10月1日至7日在百侯古镇举行 → (None, 10, 7, …)), else None (none, or several)."""
    found = list(_EVENT_DATES.finditer(text))
    if len(found) != 1:
        return None
    m = found[0]
    if not m.group("d2") and m.group("verb") not in _HELD:
        return None
    month = int(m.group("m2") or m.group("m1"))
    day = int(m.group("d2") or m.group("d1"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return (int(m.group("y")) if m.group("y") else None), month, day, m


def date_by_stated_terms(pool: list[Draft], ctx: ProjectContext) -> None:
    """Date a year-end row by the event's period the text states, or give it the text's own 年底前 as its basis
    (module docstring). In place."""
    rows = [d for d in pool if _year_end_row(d)]
    if not rows:
        return
    text = ctx.text
    event = event_end(text)
    said = _YEAR_END_SAID.search(text)
    for d in rows:
        if event is not None:
            year, month, day, m = event
            if year is None and (y := _YEAR.search(d.value or "")):
                year = int(y.group(1))
            d.value = f"{year}年{month}月{day}日前" if year else f"{month}月{day}日前"
            d.evidence.append(f"描述写明的活动时间: {m.group()}，完成时间取其末日")
        elif said is not None:
            m = said
            d.evidence.append(f"描述写明的完成时限: {said.group()}")
        else:
            continue
        # the 设定依据 names the words the date comes from (项目申报内容中的计划数(定于10月1日至7日在百侯古镇举行))
        d.value_source, d.note = "text", ""
        d.mention = Mention(d.value, "", "", "", m.start(), m.end(), context=m.group(), derivation=m.group())


# a deadline with no year (12月31日前, 10月7日前): the checker's TIME-01 since trial 17 (which year's?)
_YEARLESS = re.compile(r"^(\d{1,2})月(\d{1,2})日前$")


def year_the_deadlines(pool: list[Draft], ctx: ProjectContext) -> None:
    """Give each row's year-less deadline (12月31日前 where the text states no year: `binding._bind_deadline`, an
    event's dates, a library's typical value) the year the text plans for, else 当年 — as the checker's STR-10 row
    and TIME-01's fix write it, so the checker passes what suggest writes (trial 17). Values only, after ranking."""
    year = None
    for d in pool:
        if d.value and _YEARLESS.match(d.value):
            year = year or planned_year(ctx.name, ctx.text) or "当"
            d.value = f"{year}年{d.value}"


# a monthly term of paying (每月10日前发放到位, 每月5日前拨付): every month's payment by that day of the month
_MONTHLY_TERM = re.compile(r"(?:按月[^，,。；;]{0,12}?[，,])?每月(?P<d>\d{1,2})日(?:前|之前|以前)[^，,。；;]{0,4}?(?P<verb>发放|拨付|兑付|支付)")
_ON_TIME_TAIL = re.compile(r"(?:按时|及时|按月|足额)*(?:发放|拨付|兑付|支付)?(?:及时率|及时性|按时率|及时)$")


def date_monthly_payment(pool: list[Draft], ctx: ProjectContext) -> None:
    """A monthly term of paying the text states (每月10日前发放到位, trial 18): the shown on-time rate of the payment
    (补贴发放及时率 = 100 %, the library's) becomes the term as the text says it (补贴发放时间 每月10日前); a row named for
    one part of a project of two (残疾人护理补贴 of 生活补贴和护理补贴) is named for the whole payment (补贴). In place;
    the first such row only, the others are left to the table's own rules."""
    from kb.checker.rewrite import pays_on_time
    from kb.suggest.whole_cost import coordinated_part

    said = _MONTHLY_TERM.search(ctx.text)
    if not said:
        return
    value = f"每月{said.group('d')}日前"
    for d in sorted(pool, key=lambda d: (-int(d.tier), -d.score)):
        if d.tier == Tier.ALTERNATE or d.slot != "timeliness" or d.value_source == "text" or not pays_on_time(d.key):
            continue
        base = _ON_TIME_TAIL.sub("", d.name)
        if base == d.name:
            continue
        if coordinated_part(base, ctx.name or ""):
            base = re.sub(r"^.*?(补贴|补助|津贴|资金)$", r"\1", base)
        d.name = f"{base}{said.group('verb')}时间"
        d.explanation = f"每月{said.group('verb')}到位的日期，不晚于描述写明的每月{said.group('d')}日"
        d.operator, d.value, d.value_unit, d.unit, d.value_source, d.note = "", value, "", "", "text", ""
        d.evidence.append(f"描述中的{said.group('verb')}时限: {said.group(0)}")
        return
