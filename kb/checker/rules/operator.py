"""OPERATOR rules (OP-01 … OP-04): missing, invalid, conflicting and reversed 计算符号.

Detection follows ../shared/data/rules/RULES.md §5.3; the operator may sit in
its own field or inside the value (≥95%, 95%以上, 2025年12月31日前 → ≤).
Direction of an indicator comes from `kb.checker.parse.name_direction`.
Not for rewrites.
"""
from __future__ import annotations

from kb.checker.catalog import RuleHit, rule
from kb.checker.parse import OP_DIR, VALID_OPS, ParsedRow
from kb.checker.rules.quantification import is_qnt_09
from kb.settings import CheckerSettings


@rule("OP-01", needs="noop", retarget=True)
def op_01(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """No operator in the field or the value, for a number or a grade word (dates need none)."""
    if r.op or r.emb_op or r.is_date or r.approx:
        return None
    if r.has_digit or r.grade:
        return RuleHit("operator", f"指标值“{r.v}”没有计算符号（≥、≤、=、定性 等），考核方向不明")
    return None


@rule("OP-02", needs="opbad", retarget=True)
def op_02(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Operator outside ≥ > = < ≤ 定性 区间 定量(其他) (± accepted), or an approximate value (约、左右)."""
    if r.op and r.op not in VALID_OPS:
        return RuleHit("operator", f"计算符号“{r.raw.operator.strip()}”无效")
    if r.approx:
        return RuleHit("value", f"指标值“{r.v}”是约数，无法判定是否达成")
    return None


@rule("OP-03", needs="opemb", retarget=True)
def op_03(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Field operator and the comparator inside the value point different ways.

    ours: 定性 with a numeric comparison in the value (定性 · ≥95%) contradicts itself: a
    qualitative target has a grade, not a threshold.
    """
    if r.op == "定性" and r.emb_op and r.num is not None and not r.is_date:
        return RuleHit("operator", f"计算符号是“定性”，指标值“{r.v}”却是数值比较")
    if r.op in OP_DIR and r.op != "±" and r.emb_op and r.emb_op != "±":
        if OP_DIR[r.op] != OP_DIR[r.emb_op]:
            return RuleHit("operator", f"计算符号“{r.op}”与指标值“{r.v}”中的比较方向不一致")
    return None


_ORDERING = frozenset(("≥", ">", "≤", "<"))  # the operators OP-04 judges


def _covers_per_unit(r: ParsedRow, h: RuleHit) -> tuple[str, ...]:
    """OP-04 on an amount per person in 元 (人均培训成本 ≥800 元) makes UNIT-02 on it redundant: one finding on the
    target, whose rewrite (≤800 元/人, `rewrite.build_target`) corrects the operator and the unit together. Any
    other UNIT-02 (a unit that does not fit the name) stays its own finding."""
    from kb.checker.rewrite import per_money_unit  # the rewrite module imports the rule families' helpers

    return ("UNIT-02",) if per_money_unit(r) else ()


@rule("OP-04", needs="num", retarget=True, covers=_covers_per_unit)
def op_04(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Negative indicator (逾期率, 故障率, 成本 …) with ≥/>, or positive ratio with ≤/< (not with QNT-09)."""
    if r.num is None or r.eff_op not in _ORDERING or r.direction is None:
        return None  # the operator first: most rows give no ordering, and their name's direction is not read
    if r.direction == "neg" and r.eff_op in ("≥", ">") and r.num > 0:
        return RuleHit("operator", f"“{r.name}”越低越好，却用了“{r.eff_op}”")
    if r.direction == "pos" and r.eff_op in ("≤", "<") and not is_qnt_09(r):
        return RuleHit("operator", f"“{r.name}”越高越好，却用了“{r.eff_op}”")
    return None
