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

from kb.domain.enums import Level1, Level2
from kb.domain.schema import TargetRow
from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

# why a row is set aside, in the draft's evidence (Chinese, as `vetting.set_aside` writes it)
REPEAT_WHY = "审核规则 STR-12：与第{other}行“{name}”计量同一对象的同一口径（或调查同一对象的满意度），保留较优的一行"
NO_DELIVERY_WHY = "本项目不建设、不采购，没有可验收的交付物（与审核规则 STR-10 同一口径）"


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
    table = [TargetRow(level1=Level1(l1).label, level2=Level2(l2).label, name=d.name, operator=d.operator,
                       value=d.value, unit=d.value_unit or d.unit) for d in shown for l1, l2 in [d.shown_levels]]
    context = {"project": ctx.name, "description": ctx.description}
    for a, b in repeated_measures(table, context):
        first, second = shown[a - 1], shown[b - 1]
        if Tier.ALTERNATE in (first.tier, second.tier):
            continue   # one of the pair already went with another pair
        weaker, kept = (first, second) if (int(first.tier), first.score) < (int(second.tier), second.score) \
            else (second, first)
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
            weaker, kept = (a, b) if (int(a.tier), a.score) < (int(b.tier), b.score) else (b, a)
            set_aside(weaker, PAY_TWICE_WHY.format(name=kept.name))
            return True
    return False


PAY_TWICE_WHY = "与“{name}”同为资金发放的时效，保留较优的一行"
