"""Step 7 of suggest, with the checker's eyes: no default table holds two rows the checker reads as one.

`kb.checker.engine.repeated_measures` is STR-12's reading of a repeat under another name — one measure of one
object (系统可用率 and 政务信息系统正常运行率 ≥99 %; 残疾人生活补贴发放准确率 and 补助对象补助资金发放准确率)
or one group's satisfaction (干部满意度 and 参训人员满意度 of a 干部培训; 运维服务满意度 and 系统使用人员满意度). Of
each such pair in the table the weaker row (tier, then score; the later row on a tie) is set aside, and the
table is assembled again, so the freed place takes the next row of the same slot (`engine.choose_table`).

So is an acceptance (〔X〕验收合格率) when the project builds and buys nothing (`kb.domain.words.builds_or_buys`,
the reading of the checker's STR-10: 视频监控系统运维 hands nothing over to accept).
"""
from __future__ import annotations

import re

from kb.domain.enums import Level1, Level2
from kb.domain.schema import TargetRow
from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

# why a row is set aside, in the draft's evidence (Chinese, as `vetting.set_aside` writes it)
REPEAT_WHY = "审核规则 STR-12：与第{other}行“{name}”计量同一对象的同一口径（或调查同一对象的满意度），保留较优的一行"
NO_DELIVERY_WHY = "本项目不建设、不采购，没有可验收的交付物（与审核规则 STR-10 同一口径）"


def weaker_first(a: Draft, b: Draft) -> tuple[Draft, Draft]:
    """(the weaker, the kept) of two rows that ask one thing: the lower tier, then the lower ranker score."""
    return (a, b) if (int(a.tier), a.score) < (int(b.tier), b.score) else (b, a)


def set_aside_disagreeing(rows: list[Draft], ctx: ProjectContext) -> bool:
    """Set aside (tier ALTERNATE) the rows of the default table `rows` the checker would not keep beside the
    others: the weaker of each pair `repeated_measures` reads as one measure (or one group's satisfaction), and
    an acceptance rate of a project that builds and buys nothing. Returns whether any row was set aside (the
    caller assembles the table again)."""
    from kb.checker.engine import repeated_measures
    from kb.domain.words import builds_or_buys
    from kb.suggest.vetting import set_aside

    shown = [d for d in rows if d.tier != Tier.ALTERNATE and d.name]
    changed = False
    delivers = builds_or_buys((ctx.name or "") + (ctx.description or ""))
    for d in shown:
        if "验收" in d.name and not delivers and d.value_source != "text":
            set_aside(d, NO_DELIVERY_WHY)
            changed = True
    shown = [d for d in shown if d.tier != Tier.ALTERNATE]
    changed |= _one_payment_timing(shown)
    shown = [d for d in shown if d.tier != Tier.ALTERNATE]
    changed |= _one_stated_figure(shown) or _one_derived_cost(shown) or _blank_total_cost(shown) or _one_harm_count(shown)
    shown = [d for d in shown if d.tier != Tier.ALTERNATE]
    table = [TargetRow(level1=Level1(l1).label, level2=Level2(l2).label, name=d.name, operator=d.operator,
                       value=d.value, unit=d.value_unit or d.unit) for d in shown for l1, l2 in [d.shown_levels]]
    context = {"project": ctx.name, "description": ctx.description}
    for a, b in repeated_measures(table, context):
        first, second = shown[a - 1], shown[b - 1]
        if Tier.ALTERNATE in (first.tier, second.tier):
            continue   # one of the pair already went with another pair
        weaker, kept = weaker_first(first, second)
        set_aside(weaker, REPEAT_WHY.format(other=shown.index(kept) + 1, name=kept.name))
        changed = True
    return changed


def _one_payment_timing(shown: list[Draft]) -> bool:
    """A payment dated by `values._bind_deadline` (优抚对象生活补助发放完成时间 2023年12月31日前: the checker's
    `_PAY_DATE_NAME_RE`) beside another row timing the payment (优抚对象生活补助金每月中旬发放 =100 %: `table`'s
    on-time payment class) times it twice: the weaker goes. Returns whether a row was set aside."""
    from kb.checker.rewrite import _PAY_DATE_NAME_RE
    from kb.suggest.table import MEASURE_CLASSES
    from kb.suggest.vetting import set_aside

    paying = next(c for c in MEASURE_CLASSES if c.search("补助发放及时率"))   # the on-time payment class
    dated = [d for d in shown if d.slot == "timeliness" and _PAY_DATE_NAME_RE.search(d.name)]
    timed = [d for d in shown if d.slot in ("quality", "timeliness") and paying.search(d.name)]
    for a in dated:
        for b in timed:
            if Tier.ALTERNATE in (a.tier, b.tier):
                continue
            weaker, kept = weaker_first(a, b)
            set_aside(weaker, PAY_TWICE_WHY.format(name=kept.name))
            return True
    return False


def _one_stated_figure(shown: list[Draft]) -> bool:
    """A figure the text restates with no work of its own binds one row, not two: 新建和改造社区老年食堂8处 … 2025年6月
    底前8处助餐点全部投入运营 gave 改造社区老年食堂数量 ≥8 处 and 助餐点数量 ≥8 处 (trial 7: the same 8 sites). Of two
    数量 rows bound from the text (`Draft.mention`) with the same value and unit, the one whose mention has no verb
    (`Mention.verb` '', nor a work verb of `words.WORK_VERBS` in its words) and comes later in the text is set aside
    when the other's has one; 改造文化站5个，新建村卫生室5个 (each with its work) stays two rows. Returns whether a row was set aside."""
    from kb.suggest.vetting import set_aside
    from kb.suggest.words import WORK_VERBS

    bound = [d for d in shown if d.slot == "quantity" and d.value_source == "text" and d.mention is not None]
    for a in bound:
        for b in bound:
            if a is b or Tier.ALTERNATE in (a.tier, b.tier) or (a.value, a.value_unit) != (b.value, b.value_unit):
                continue
            if a.mention.verb and not b.mention.verb and b.mention.start > a.mention.end and \
                    not any(v in b.mention.context + b.mention.obj for v in WORK_VERBS):
                set_aside(b, RESTATED_WHY.format(name=a.name))
                return True
    return False


def _one_derived_cost(shown: list[Draft]) -> bool:
    """Two cost rows holding one figure derived from the budget (250万元 ÷ 12公里: 农村公路每公里建设成本 and 公路养护每公里
    成本 ≤20.84 万元/公里, trial 7) ask one cost twice: the weaker (tier, then score) is set aside, and its place may take
    the total cost. Returns whether a row was set aside."""
    from kb.suggest.vetting import set_aside

    derived = [d for d in shown if d.slot == "cost" and d.value_source == "derived" and d.value]
    for i, a in enumerate(derived):
        for b in derived[i + 1:]:
            if Tier.ALTERNATE in (a.tier, b.tier) or (a.value, a.value_unit) != (b.value, b.value_unit):
                continue
            weaker, kept = weaker_first(a, b)
            set_aside(weaker, DERIVED_TWICE_WHY.format(name=kept.name))
            return True
    return False


def _blank_total_cost(shown: list[Draft]) -> bool:
    """A 待填写 amount in 万元 named by the cost the budget row already holds (物业管理费 待填写 万元 beside 物业管理成本
    ≤1125 万元; 燃油费 beside 车辆维修燃油费成本 ≤340 万元) asks the total again: it is set aside. Returns whether a row
    was set aside."""
    from kb.suggest.vetting import set_aside

    totals = [d for d in shown if d.slot == "cost" and d.value_source == "budget"]
    for d in shown:
        if d.slot != "cost" or not d.pending or d.unit != "万元" or d.tier == Tier.ALTERNATE:
            continue
        stem = _COST_TAIL.sub("", d.key)
        kept = next((t for t in totals if stem and stem in _COST_TAIL.sub("", t.key)), None)
        if kept is not None:
            set_aside(d, DERIVED_TWICE_WHY.format(name=kept.name))
            return True
    return False


def _one_harm_count(shown: list[Draft]) -> bool:
    """A harm counted twice: 森林火灾发生次数 = 0 次 under 质量 beside 防火期森林草原火灾起数 under 社会效益 (E048, an
    aircraft rental against forest fires) count the same fires. Of a count of occurrences (`_HARM_COUNT`: 发生次数,
    起数, 次数) in an output slot (数量, 质量) and one of the same harm (the last two characters of the object: 火灾)
    under 效益, the output row is set aside: the number of fires is what the work brings about, where the real table
    files it (防火期森林草原火灾起数, 社会效益). Returns whether a row was set aside."""
    from kb.suggest.vetting import set_aside

    def harm(d: Draft) -> str:
        obj = _HARM_COUNT.sub("", d.key)
        return obj[-2:] if len(obj) >= 2 and obj != d.key else ""

    effects = [d for d in shown if d.slot.endswith("_benefit") and harm(d)]
    for d in shown:
        if d.slot not in ("quantity", "quality") or d.value_source == "text" or d.tier == Tier.ALTERNATE:
            continue
        kept = next((e for e in effects if e.tier != Tier.ALTERNATE and harm(e) == harm(d) != ""), None)
        if kept is not None:
            set_aside(d, HARM_TWICE_WHY.format(name=kept.name))
            return True
    return False


# a count of a harm's occurrences (火灾发生次数, 火灾起数, 事故次数)
_HARM_COUNT = re.compile(r"(?:发生)?(?:次数|起数)$")
HARM_TWICE_WHY = "与效益指标“{name}”计量同一事件的发生次数，归入效益，保留一行"
_COST_TAIL = re.compile(r"(?:费用|经费|资金|费)?(?:成本|支出)?$")
DERIVED_TWICE_WHY = "与“{name}”是按预算测算的同一成本，保留一行"
RESTATED_WHY = "描述中的同一数字已由“{name}”计量（后文复述，没有另外的工作），保留一行"
PAY_TWICE_WHY = "与“{name}”同为资金发放的时效，保留较优的一行"
