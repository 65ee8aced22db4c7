"""QUANT rules (QNT-01 … QNT-12, and our QNT-13): vague values, slogans as names, value form and ranges.

Pure functions over parsed rows; detection follows
../shared/data/rules/RULES.md §5.2 and the word lists of §4
(`kb.checker.lexicon`). A name containing 提升 is never judged vague: QNT-01
reads the value only. Not for rewrites.
"""
from __future__ import annotations

import re

from kb.checker import lexicon as L
from kb.checker.catalog import RuleHit, rule
from kb.checker.fixes import fmt_num
from kb.checker.parse import QUANT_OPS, ParsedRow, ParsedTable
from kb.domain.enums import Level1, Level2
from kb.domain.units import WHOLE_UNITS, is_time_unit
from kb.settings import CheckerSettings


def outcome_grade_of_benefit(r: ParsedRow) -> bool:
    """A 效益 row whose target says only that it is met (定性：达到预期, 达成年度指标; `lexicon.OUTCOME_GRADES`):
    the expectation is stated nowhere, so the value is as vague as 有所提高 (round 13)."""
    return r.v in L.OUTCOME_GRADES and r.level1 is Level1.benefit


def outcome_grade_of_count(r: ParsedRow) -> bool:
    """An 产出/数量 row whose target says only that it is met (定性：达成年度指标, trial 13): a count's target is the
    number planned for the year, and the grade states none (the 质量 row's 定性：达到预期 — the work's design or
    acceptance standard — stands, round 13)."""
    return r.v in L.OUTCOME_GRADES and r.level1 is Level1.output and r.level2 is Level2.quantity


def is_qnt_01(r: ParsedRow) -> bool:
    """No digit and a vague word (non-时效 rows also the timeliness words); 定性+等级词 exempt, except a 效益 row's
    达到预期 / 达成年度指标 (`outcome_grade_of_benefit`)."""
    if not r.v or r.has_digit:
        return False
    if outcome_grade_of_benefit(r) or outcome_grade_of_count(r):
        return True
    if r.op == "定性" and r.grade:
        return False
    return r.vague or (r.time_vague and not r.timeliness)


@rule("QNT-01", needs="text", retarget=True)
def qnt_01(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    if not is_qnt_01(r):
        return None
    if outcome_grade_of_benefit(r):
        return RuleHit("value", f"指标值“{r.v}”没有说明预期是什么（效益要达到的程度未写明），无法考核")
    if outcome_grade_of_count(r):
        return RuleHit("value", f"数量指标的指标值“{r.v}”没有写明本年度计划完成的数量，无法考核")
    return RuleHit("value", f"指标值“{r.v}”是程度或趋势表述，没有数值，无法考核")


def is_qnt_02(r: ParsedRow) -> bool:
    return bool(r.name) and bool(L.ASPIRE_RE.search(r.name)) and not r.metric


@rule("QNT-02", depends="name", fields=("name",))
def qnt_02(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Name holds an aspiration verb (提高/促进/实现 …) and no measure noun."""
    if not is_qnt_02(r):
        return None
    verb = L.ASPIRE_RE.search(r.name).group()  # type: ignore[union-attr]
    return RuleHit("name", f"指标名称“{r.name}”含“{verb}”却没有度量口径，是愿景而不是指标")


def is_qnt_04(r: ParsedRow) -> bool:
    return r.placeholder and not (r.v == "无" and r.op == "定性")


@rule("QNT-03", needs="text", retarget=True)
def qnt_03(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """A quantitative operator (≥ ≤ = > < 区间) with a value that has no number."""
    if r.op in QUANT_OPS and r.v and not r.has_digit and not is_qnt_04(r) and not r.is_date:
        return RuleHit("operator", f"选择了“{r.op}”，指标值“{r.v}”却没有数值")
    return None


@rule("QNT-04", needs="placeholder", retarget=True)
def qnt_04(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Placeholder value (**, XX, 待定, -, / …); a 定性 “无” is a legal grade.

    ours: an Excel formula (=SUM(A1:A9), @SUM(1)) is a value not filled in either: its digits
    are cell references, and we never evaluate it. So is a number in scientific notation (1e3,
    read as 1 by some tools and 1000 by others) or above 1 万亿 in its unit (a typing slip).
    """
    if r.formula:
        return RuleHit("value", f"指标值“{r.v}”是 Excel 公式，不是数值；请填写计算结果")
    if r.bad_number:  # ours: 1e3 / a figure above 1 万亿 (kb.domain.quantity.target_number_problem)
        # trial 16: the catalog's title 指标值为占位符 said nothing of a number: the finding's own title says what it is
        title = "指标值使用了科学计数法" if "科学计数法" in r.bad_number else "指标值超过1万亿，数值不合理"
        return RuleHit("value", r.bad_number, {"title": title})
    if is_qnt_04(r):
        return RuleHit("value", f"指标值“{r.v}”是未填实的占位符")
    return None


def is_sat_04(r: ParsedRow) -> bool:
    return r.sat_level and bool(r.v) and not r.has_digit and not is_qnt_04(r)


def is_time_01(r: ParsedRow) -> bool:
    return r.timeliness and bool(r.v) and not r.has_digit and r.time_vague


# a duration that is the budget year itself: 1年, 12个月, 365天 (the catalog lists “1年” for TIME-02)
_YEAR_SPANS = {("年", 1.0), ("个月", 12.0), ("月", 12.0), ("天", 365.0), ("日", 365.0), ("天", 366.0), ("日", 366.0)}


def is_time_02(r: ParsedRow) -> bool:
    if not r.timeliness:
        return False
    if r.full_year:
        return True
    return (r.num is not None and not r.is_date and r.eff_op in ("", "=", "≤")
            and (r.eff_unit, r.num) in _YEAR_SPANS)


def is_time_01_floor(r: ParsedRow) -> bool:
    """A 时效 value that is a duration with ≥ / > (维持时效 ≥ 1 年): a lower bound on time, no time limit."""
    return (r.timeliness and r.num is not None and not r.is_date and r.eff_op in ("≥", ">")
            and bool(r.eff_unit) and is_time_unit(r.eff_unit))


def is_cost_01(r: ParsedRow) -> bool:
    return r.cost_row and bool(r.v) and not r.has_digit


@rule("QNT-05", needs="text", retarget=True)
def qnt_05(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Text value that is neither a grade nor caught as vague / timeliness / cost / satisfaction / placeholder.

    ours (trial 10): a 定性 value stating a verifiable result (`lexicon.checkable_result`: 隐患全部消除, 无…事故发生,
    已建立…制度, 通过验收) is a met-or-not standard and passes; the same words without 定性 are flagged only for the
    undeclared operator, and the fix declares 定性 keeping them (`rewrite._count_target`)."""
    if not r.v or r.has_digit or r.grade or r.is_date:
        return None
    if is_qnt_01(r) or is_time_01(r) or is_time_02(r) or is_cost_01(r) or is_sat_04(r) or is_qnt_04(r):
        return None
    if L.checkable_result(r.v):
        if r.op == "定性":
            return None
        return RuleHit("operator", f"文字指标值“{r.v}”写明了可核验的结果，但未声明“定性”")
    return RuleHit("value", f"文字指标值“{r.v}”既不是数值、定性等级，也不是可核验的结果，无法判断是否完成")


@rule("QNT-06", needs="text", retarget=True)
def qnt_06(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """A quantifiable name (…率, …人数, 面积 …) given a text / 定性 value (not 满意度 or 成本 rows)."""
    if not r.v or r.has_digit or r.op in QUANT_OPS or r.sat_row or r.cost_row or is_qnt_04(r):
        return None
    m = L.QUANT_NAME_RE.search(r.name_base)
    if not m:
        return None
    return RuleHit("value", f"“{r.name}”可以计量（{m.group()}），指标值却是文字“{r.v}”")


def _bounded_ratio(r: ParsedRow) -> bool:
    return bool(L.RATIO_NAME_RE.search(r.name)) and not L.GROWTH_RE.search(r.name)


@rule("QNT-07", needs="num", retarget=True)
def qnt_07(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """A bounded ratio (合格率, 覆盖率, 满意度 …) set above 100 % or below 0."""
    if r.num is None or not r.pct or r.eff_op == "±":
        return None
    if (r.num > 100 or r.v.lstrip("≥≤=<>").startswith("-")) and _bounded_ratio(r):  # the figure first: cheap
        return RuleHit("value", f"“{r.name}”是有上限的比率，指标值{fmt_num(r.num)}%超出0–100%")
    return None


def is_qnt_08(r: ParsedRow) -> bool:
    return r.eff_op == "≥" and r.num == 100 and r.pct and r.direction != "neg"


def is_time_05(r: ParsedRow) -> bool:
    """A 时效 rate (及时率 …, a % or bare number): its “及时” has no deadline (TIME-05)."""
    return (r.timeliness and r.has_digit and not r.is_date and (r.pct or not r.eff_unit)
            and bool(L.TIME05_NAME_RE.search(r.name)))


def _keeps_rate(r: ParsedRow) -> bool:
    """A payment's on-time rate with no payment term in the text: TIME-05 keeps the rate (no date is made up), so
    QNT-08's own =100 % is the fix (trial 19), not a completion date (`kb.checker.rewrite.rewrite_row`)."""
    from kb.checker.rewrite import payment_deadline, pays_on_time  # the rewrite module imports the rules' helpers
    from kb.checker.rules.timeliness import budget_year

    return pays_on_time(r.name) and not payment_deadline(r.ctx.get("description"), budget_year(r))


@rule("QNT-08", needs="num", retarget=True)
def qnt_08(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """“≥100%” on a positive ratio: the same as “=100%”. On a 时效 rate the row is rewritten as a
    dated deadline (TIME-05), and the message says so: the fix and the message agree."""
    if is_qnt_08(r):
        if is_time_05(r) and not _keeps_rate(r):
            return RuleHit("operator", "“≥100%”等同于“=100%”；而时效指标宜写明完成时限，本行按 TIME-05 改为完成时间")
        return RuleHit("operator", "“≥100%”等同于“=100%”，应写“=100%”")
    return None


def is_qnt_09(r: ParsedRow) -> bool:
    if r.num is None:
        return False
    if r.eff_op in ("≥", ">") and r.num == 0:
        return True
    return r.eff_op in ("≤", "<") and r.num == 100 and r.pct and r.direction == "pos"


@rule("QNT-09", needs="always", retarget=True)
def qnt_09(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """A target that always holds: ≥0 / >0, or ≤100% on a positive ratio."""
    if is_qnt_09(r):
        return RuleHit("value", f"目标“{r.eff_op}{fmt_num(r.num)}{r.eff_unit}”无论如何都能达成，没有约束力")
    return None


@rule("QNT-10", needs="num", retarget=True)
def qnt_10(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """A value with a number that also carries ≥6 Chinese characters of explanation.

    The count (`ValueInfo.text_chars`) is taken after removing numbers, units,
    dates and comparator words from the value.
    """
    if r.has_digit and r.text_chars >= s.max_value_text_chars:
        return RuleHit("value", f"指标值“{r.v}”夹带说明文字，数值难以识别和比对")
    return None


@rule("QNT-11", needs="range", retarget=True)
def qnt_11(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Range with lower ≥ upper, or a one-sided operator used with a range."""
    if r.rng is None or r.is_date:
        return None
    lo, hi = r.rng
    if lo >= hi:
        return RuleHit("value", f"区间“{r.v}”的下限不小于上限")
    if r.op in ("≥", "≤", ">", "<"):
        return RuleHit("operator", f"单边运算符“{r.op}”与区间值“{r.v}”同时使用")
    return None


_AVERAGE_RE = re.compile(r"均|每|平均|比")
_MAGNITUDE_RE = re.compile(r"[万亿千百]")


@rule("QNT-13", needs="num", advice="核对数值和计量单位：人数、户数、个数等只能是整数（0.5万人应写为5000人，或计量单位改为万人）")
def qnt_13(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """ours: a count of whole persons, households or things (`kb.domain.units.WHOLE_UNITS`) set to a
    fraction (培训人数 ≥0.5 人); not an average (人均, 每村 …), a range or a figure with a magnitude (0.5万)."""
    if (r.num is None or r.num == int(r.num) or r.is_date or r.rng is not None or r.eff_unit not in WHOLE_UNITS
            or _MAGNITUDE_RE.search(r.v) or _AVERAGE_RE.search(r.name)):
        return None
    return RuleHit("value", f"“{r.name}”以{r.eff_unit}计，只能是整数，指标值{fmt_num(r.num)}{r.eff_unit}不可能")


@rule("QNT-12", on="table", fix_text="把可量化的指标改为数值目标")
def qnt_12(t: ParsedTable, s: CheckerSettings) -> list[RuleHit]:
    """More than 1/3 of the indicator rows carry a text (number-free) value. A number QNT-04 refuses (1e3, a figure
    above 1 万亿) is a number written wrong, not a text (trial 16: “2个指标中2个指标值为文字”)."""
    n = len(t.items)
    if not n:
        return []
    text = t.text_values
    if text / n > s.max_qualitative_share:
        return [RuleHit("value", f"{n}个指标中{text}个指标值为文字，超过{s.max_qualitative_share:.0%}，表整体量化不足")]
    return []
