"""事后评价 scoring: per-indicator score, total and grade (pure functions).

Rules and their sources:

* Quantitative indicators are scored by direction. 正向 (≥, >): full weight
  when actual ≥ target, else weight × actual / target. 反向 (≤, <): full
  weight when actual ≤ target, else weight × (2 − actual / target), i.e. 0 from
  twice the target on — the budget-integration system's self-evaluation
  formula ("反向指标完成值≥2倍指标值得0分", ../shared/data/rules/RULES.md OP-04
  basis). 等于 (=): weight × (1 − |actual − target| / target). A zero target is
  met by any actual on the right side of it (正向: ≥ 0; 反向 / 等于: exactly 0).
* 定性 indicators take one of three tiers — 达成年度指标 80–100 % of the weight,
  部分达成年度指标并具有一定效果 60–80 %, 未达成年度指标且效果较差 0–60 %
  (财预〔2020〕10号 附件1, RULES.md §2.2; the same bands are quoted in the
  中江县水利局 2022 self-evaluation form, ../shared/data/policies/03). The
  evaluator may pick the percentage inside the tier; by default an achieved
  indicator gets 100 %, the lower tiers their middle (70 %, 30 %).
* An actual at least twice a 正向 / 等于 target gives a warning: the target was
  probably set too low (10号 附件1: 完成值远高于指标值的要分析原因; RULES.md
  FEAS-01 uses the same factor 2). The score is not reduced automatically.
* Grade of the total (out of 100): 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60
  (财预〔2020〕10号 评价结果等级).
* The weights of one self-evaluation add up to 100 (财预〔2020〕10号 单位自评:
  预算执行率 10 分 + 产出/效益/满意度 90 分; the budget-integration system
  refuses to save weights that do not add up to 100, RULES.md STR-13). With the
  预算执行率 line the indicators carry 100 − its weight (90 + 10 by default);
  the tolerance is `CheckerSettings.weight_tolerance` (STR-13, default 0.5).
  A declaration's 分值 add up to 100 over the indicators alone (事前, STR-13);
  when such a table is evaluated with the 预算执行率 line, the indicator weights
  are scaled proportionally to 100 − its weight (`indicator_share`, with a warning).

Not for storage (see `kb.lifecycle.evaluation`).
"""
from __future__ import annotations

import calendar
import re
from datetime import date

from pydantic import BaseModel

from kb.errors import DataError
from kb.lifecycle.values import direction_of, format_number, format_times, parse_number, same_text, target_and_actual
from kb.domain.enums import labeled_enum
from kb.domain.schema import Direction
from kb.domain.text import normalize

FAR_ABOVE_FACTOR = 2.0  # RULES.md FEAS-01: actual ≥ 2 × target → target probably too low
GRADE_BANDS = ((90.0, "优"), (80.0, "良"), (60.0, "中"), (float("-inf"), "差"))


Tier = labeled_enum("Tier", "The three tiers of a 定性 indicator (财预〔2020〕10号 附件1).", {
    "achieved": "达成年度指标", "partial": "部分达成年度指标并具有一定效果", "not_achieved": "未达成年度指标且效果较差"})

# a tier's (low, high) share of the weight; low is inclusive
_TIER_BANDS = {Tier.achieved: (0.8, 1.0), Tier.partial: (0.6, 0.8), Tier.not_achieved: (0.0, 0.6)}
_TIER_DEFAULT = {Tier.achieved: 1.0, Tier.partial: 0.7, Tier.not_achieved: 0.3}
# actual texts that state the tier themselves (RULES.md GRADE words)
_ACHIEVED_WORDS = {"达成年度指标", "达成", "完成", "已完成", "达标", "达到预期", "符合预期", "是", "有",
                   "合格", "合规"}
_PARTIAL_WORDS = {"部分达成年度指标并具有一定效果", "部分达成", "部分完成", "基本完成", "基本达标"}
_NOT_WORDS = {"未达成年度指标且效果较差", "未达成", "未完成", "未达标", "不合格", "不合规", "否", "无"}


def parse_tier(text: str | Tier | None) -> Tier | None:
    """A tier from its identifier or Chinese label (or a usual short form), else None."""
    if text is None or isinstance(text, Tier):
        return text
    t = normalize(text)
    for tier in Tier:
        if t in (tier.value, tier.label):
            return tier
    if t in _ACHIEVED_WORDS:
        return Tier.achieved
    if t in _PARTIAL_WORDS:
        return Tier.partial
    if t in _NOT_WORDS:
        return Tier.not_achieved
    return None


def infer_tier(target: str | None, actual: str | None) -> Tier | None:
    """Tier implied by a qualitative actual: equal to the target (after normalisation,
    so trailing spaces do not matter) or a tier word → that tier; else None."""
    if actual is None or not normalize(actual):
        return None
    if same_text(target, actual):
        return Tier.achieved
    return parse_tier(actual) or deadline_tier(target, actual)


_YMD = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*(?:[月./-]\s*(\d{1,2})\s*[日号]?)?")
_YEAR_END = re.compile(r"(\d{4})\s*年\s*(?:底|末|内|年底|年末)")
_BEFORE = re.compile(r"前|之前|以前|以内|之内|截止|底|末")


def _first_date(text: str) -> date | None:
    t = normalize(text)
    m = _YMD.search(t)
    if not m:
        y = _YEAR_END.search(t)  # 2023年底 / 2023年末 / 2023年内: the year's last day
        return date(int(y.group(1)), 12, 31) if y else None
    y, mo, d = int(m.group(1)), int(m.group(2)), m.group(3)
    if not 1 <= mo <= 12:
        return None
    last = calendar.monthrange(y, mo)[1]
    day = int(d) if d else last  # "2023年12月前" / "2023年12月底": the month's last day
    return date(y, mo, day) if 1 <= day <= last else None


def deadline_tier(target: str | None, actual: str | None) -> Tier | None:
    """Tier of a 时效 row whose target is a deadline (2023年12月31日前, 2023年底前) and whose actual is a
    date: on or before the deadline → 达成; later → 部分达成 (done, but late); None when either is
    not a date. The rule is ours: 财预〔2020〕10号 scores 定性 rows by tier and leaves the reading of a
    date to the evaluator; a completed but late task is the usual 部分达成."""
    if not target or not actual or not _BEFORE.search(target):
        return None
    due, done = _first_date(target), _first_date(actual)
    if due is None or done is None:
        return None
    return Tier.achieved if done <= due else Tier.partial


def grade(total: float) -> str:
    """Grade of a total score out of 100: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60."""
    for low, g in GRADE_BANDS:
        if total >= low:
            return g
    return "差"  # pragma: no cover


class IndicatorScore(BaseModel):
    """Score of one indicator.

    direction: positive/negative/equal/qualitative; completion: actual/target
    (quantitative only); tier: for 定性; score in [0, weight]; score_low /
    score_high: the range the rules allow (a point for quantitative rows, the
    tier's band for 定性); warnings: Chinese messages.
    """

    direction: Direction
    weight: float
    score: float
    completion: float | None = None
    tier: Tier | None = None
    score_low: float
    score_high: float
    warnings: list[str] = []


def score_indicator(*, operator: str = "", target: str | float | None, actual: str | float | None,
                    weight: float, unit: str = "", direction: str | Direction | None = None,
                    tier: str | Tier | None = None, score_pct: float | None = None,
                    field: str = "", name: str = "") -> IndicatorScore:
    """Score one indicator (see the module docstring for the rules and sources).

    Args:
        operator/target/unit: the declared 计算符号, 指标值 and 计量单位 (text as declared).
        actual: the 实际完成值 (text or number), read in the target's unit
            (`values.target_and_actual`: 12000米 against 12 公里, 1.25万 against 12000 人).
        weight: the indicator's 分值 (≥ 0).
        direction: override of the direction read from operator/target.
        tier: for 定性 rows (or a quantitative row whose actual is only text):
            achieved / partial / not_achieved or the Chinese label; inferred from
            the actual when omitted (equal text or a tier word).
        score_pct: for 定性 rows, the share of the weight in percent, inside the tier's band.
        field: name used in error messages (e.g. 'rows[3]').
        name: the indicator's name: a share (…合格率) in % cannot exceed 100 % (the rule
            monitoring applies, `values.target_and_actual`).
    Raises:
        DataError: negative weight, missing actual, an unknown tier, a score_pct
        outside the tier band, a qualitative row whose tier cannot be told, or an
        actual that is negative, not finite, in a unit that cannot be compared, or a share above 100 %.
    """
    if weight is None or weight < 0:
        raise DataError("权重必须是不小于 0 的数", field=f"{field}.weight".strip("."))
    try:
        d = direction_of(operator, None if target is None else str(target), direction)
    except ValueError as e:
        raise DataError(str(e), field=f"{field}.direction".strip(".")) from None
    tnum = anum = None
    if d is not Direction.qualitative:
        tnum, anum = target_and_actual(target, unit, actual, field=field, name=name)
    given_tier = parse_tier(tier)
    if tier is not None and given_tier is None:
        raise DataError(f"无法识别的定性等级: {tier}（可用 达成年度指标/部分达成年度指标并具有一定效果/未达成年度指标且效果较差）",
                        field=f"{field}.tier".strip("."))

    if d is not Direction.qualitative and tnum is not None and anum is not None and given_tier is None:
        return _quantitative(d, tnum, anum, float(weight))

    # qualitative, or a quantitative row whose target/actual is not a number
    the_tier = given_tier or infer_tier(None if target is None else str(target),
                                        None if actual is None else str(actual))
    if the_tier is None:
        if actual is None or not normalize(str(actual)):
            raise DataError("缺少实际完成值", field=f"{field}.actual".strip("."))
        raise DataError("无法从实际完成值判断达成等级，请填写 tier（达成年度指标/部分达成年度指标并具有一定效果/未达成年度指标且效果较差）",
                        field=f"{field}.tier".strip("."))
    low, high = _TIER_BANDS[the_tier]
    if score_pct is not None:
        share = score_pct / 100.0
        ok = low <= share <= high if the_tier is Tier.achieved else low <= share < high
        if not ok:
            raise DataError(f"得分比例 {score_pct}% 不在“{the_tier.label}”的区间 {low*100:.0f}%–{high*100:.0f}% 内",
                            field=f"{field}.score_pct".strip("."))
    else:
        share = _TIER_DEFAULT[the_tier]
    w = float(weight)
    return IndicatorScore(direction=Direction.qualitative if d is Direction.qualitative else d,
                          weight=w, score=w * share, tier=the_tier,
                          score_low=w * low, score_high=w * high)


def _quantitative(d: Direction, t: float, a: float, w: float) -> IndicatorScore:
    warnings: list[str] = []
    if d is Direction.positive:
        completion = a / t if t > 0 else (1.0 if a >= t else 0.0)
        share = 1.0 if a >= t else max(0.0, completion)
    elif d is Direction.negative:
        completion = a / t if t > 0 else (1.0 if a <= 0 else float("inf"))
        if a <= t:
            share = 1.0
        elif t > 0:
            share = max(0.0, 2.0 - a / t)
        else:
            share = 0.0
    else:  # equal
        if t != 0:
            completion = a / t
            share = max(0.0, 1.0 - abs(a - t) / abs(t))
        else:
            completion = 1.0 if a == 0 else float("inf")
            share = 1.0 if a == 0 else 0.0
    if d in (Direction.positive, Direction.equal) and t > 0 and a >= FAR_ABOVE_FACTOR * t:
        warnings.append(f"实际完成值 {format_number(a)} 是目标值 {format_number(t)} 的 {format_times(a / t)}，"
                        "目标值可能设置偏低，请分析原因并在下年度调整（财预〔2020〕10号 附件1）")
    score = w * min(1.0, share)
    return IndicatorScore(direction=d, weight=w, score=score,
                          completion=None if completion == float("inf") else completion,
                          score_low=score, score_high=score, warnings=warnings)


class TotalScore(BaseModel):
    """Sum of indicator scores: total, total_weight, the percentage out of 100 used for the grade, grade, warnings."""

    total: float
    total_weight: float
    percent: float
    grade: str
    warnings: list[str] = []


def total_score(scores: list[IndicatorScore]) -> TotalScore:
    """Total and grade of a list of indicator scores.

    The grade is taken on the total when the weights add up to 100 (the
    10号 form); otherwise on total / total_weight × 100, with a warning (for
    partial published tables). The API refuses such weights before scoring
    (`check_weight_total`).
    """
    total = sum(s.score for s in scores)
    tw = sum(s.weight for s in scores)
    warnings: list[str] = []
    if abs(tw - 100.0) > 1e-6:
        warnings.append(f"权重合计为 {format_number(round(tw, 4))}，不是 100；等级按得分率计算")
        pct = 100.0 * total / tw if tw > 0 else 0.0
    else:
        pct = total
    return TotalScore(total=total, total_weight=tw, percent=pct, grade=grade(pct), warnings=warnings)


def indicator_share(weights: list[float], *, budget_weight: float | None, total: float = 100.0,
                    tolerance: float = 0.5) -> tuple[list[float], str | None]:
    """Weights of the indicator rows when the 预算执行率 line is scored too.

    A declared table's 分值 add up to `total` (100, STR-13 at 事前申报); the
    self-evaluation gives 预算执行率 `budget_weight` (10) of the 100, so the
    indicators carry total − budget_weight (90, 财预〔2020〕10号 单位自评). Rows
    summing to `total` (± tolerance) are scaled by (total − budget_weight) / total
    and a warning says so; any other sum is returned unchanged (`check_weight_total`
    judges it).
    """
    rows_sum = sum(weights)
    if not budget_weight or rows_sum <= 0 or abs(rows_sum - total) > tolerance + 1e-9:
        return weights, None
    share = total - budget_weight
    factor = share / rows_sum
    note = (f"指标权重合计 {format_number(round(rows_sum, 4))} 分，已按比例折算为 {format_number(round(share, 4))} 分"
            f"（×{format_number(round(factor, 6))}），另计预算执行率 {format_number(round(budget_weight, 4))} 分"
            "（财预〔2020〕10号 单位自评）")
    return [w * factor for w in weights], note


def check_weight_total(row_weights: list[tuple[int, float]], *, budget_weight: float | None = None,
                       total: float = 100.0, tolerance: float = 0.5, field: str = "rows") -> float:
    """Check that the weights of one evaluation add up to `total` (100).

    Args:
        row_weights: (1-based row number, weight) of every scored indicator row.
        budget_weight: weight of the 预算执行率 line when it is scored, else None.
        total / tolerance: the required sum and the allowed deviation
            (CheckerSettings.weight_total / weight_tolerance, RULES.md STR-13).
        field: the request field named in the error.
    Returns:
        the sum of all weights.
    Raises:
        DataError (field `field`) when the sum is off by more than `tolerance`;
        the message gives the sum, the share the indicators should carry and the
        weight of each row (财预〔2020〕10号 单位自评: 90 + 预算执行率 10).
    """
    rows_sum = sum(w for _, w in row_weights)
    all_sum = rows_sum + (budget_weight or 0.0)
    if abs(all_sum - total) <= tolerance + 1e-9:
        return all_sum
    listed = "、".join(f"第{n}行 {format_number(round(w, 4))}" for n, w in row_weights)
    if budget_weight is not None:
        want = (f"指标权重应合计 {format_number(round(total - budget_weight, 4))} 分，"
                f"加预算执行率 {format_number(round(budget_weight, 4))} 分共 {format_number(total)} 分")
        got = (f"指标权重合计 {format_number(round(rows_sum, 4))} 分 + 预算执行率 "
               f"{format_number(round(budget_weight, 4))} 分 = {format_number(round(all_sum, 4))} 分")
    else:
        want = (f"指标权重应合计 {format_number(total)} 分（如另计预算执行率 10 分，则指标合计 "
                f"{format_number(total - 10)} 分）")
        got = f"指标权重合计 {format_number(round(all_sum, 4))} 分"
    raise DataError(f"{got}，{want}，允许误差 ±{format_number(tolerance)}（财预〔2020〕10号 单位自评）。"
                    f"各行权重：{listed}", field=field)


def budget_execution_score(budget_wan: float | None, executed_wan: float, weight: float = 10.0) -> IndicatorScore:
    """The 预算执行率 line (default 10 points, 财预〔2020〕10号 单位自评):
    weight × min(1, executed / budget). A zero or missing budget scores full
    weight when nothing was spent and 0 otherwise. Raises DataError for a
    negative amount."""
    if executed_wan < 0:
        raise DataError("预算执行金额不能为负", field="budget_executed_wan")
    warnings = []
    if not budget_wan:
        share = 1.0 if executed_wan == 0 else 0.0
        rate = None
    else:
        rate = executed_wan / budget_wan
        share = min(1.0, rate)
        if rate > 1:
            warnings.append(f"预算执行金额 {format_number(executed_wan)} 万元超出预算 {format_number(budget_wan)} 万元，"
                            "请核实执行数或说明超支原因")
    s = weight * share
    return IndicatorScore(direction=Direction.positive, weight=weight, score=s, completion=rate,
                          score_low=s, score_high=s, warnings=warnings)
