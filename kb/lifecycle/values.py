"""Reading target and actual values as written in real tables.

Real 绩效目标表 and 自评表 hold values such as `100`, `≥95%`, `100% `,
`29.5亩`, `1,290.3`, `129(完工率243%)`, `基本完成1429.39`, `≥80%` (an actual
written in target form) or `达成年度指标 ` (with a trailing space). These
helpers turn them into a number, an embedded operator, or a normalised text
for qualitative comparison, and decide an indicator's direction (正向 / 反向 /
等于 / 定性). Pure functions; not for scoring or lights (see `scoring`,
`monitoring`).
"""
from __future__ import annotations

import math
import re

from kb.domain.quantity import IncomparableUnits, NotFinite, in_target_unit, parse_quantity, target_quantity
from kb.domain.schema import Direction, normalize_operator
from kb.domain.text import normalize
from kb.errors import DataError

_LEAD_OP = re.compile(r"^\s*(>=|<=|=>|=<|==|[≥≤＞＜>＜<=＝])")
# a date-like value (时效 rows such as '2021年12月完成', '2023.07-2024.01') is not a quantity


def parse_number(text: str | float | int | None) -> float | None:
    """The first number in `text` as written (`kb.domain.quantity.parse_quantity`: NFKC,
    thousands separators, scientific notation, a magnitude such as 万 applied), else None.

    Dates ('2021年12月', '2023.07', '2023-07-01') are not numbers here: returns None
    for them (a year 19xx/20xx followed by 年 or by a two-digit month); so is a
    number too large to represent (`1e999`).
    `'≥95%'` → 95.0; `'1,290.3平方米'` → 1290.3; `'129(完工率243%)'` → 129.0; `'1e308'` → 1e308.
    """
    try:
        q = parse_quantity(text)
    except NotFinite:
        return None
    return q.value if q is not None else None


def target_and_actual(target: str | float | None, unit: str, actual: str | float | None, *,
                      field: str = "", name: str = "") -> tuple[float | None, float | None]:
    """(target, actual) as numbers in the target's unit (see `kb.domain.quantity.in_target_unit`):
    `'12'` 公里 with `'12000米'` → (12, 12); `'12000'` 人 with `'1.25万'` → (12000, 12500);
    `'90'` % with `'0.95'` → (90, 95). None for a side that states no number.

    Raises DataError on `{field}.actual`: an actual in a unit of another kind
    (吨 against 公里), a negative actual, a number too large to represent, or
    — when `name` is a share (…合格率, …覆盖率; not a growth rate) with a target
    in % — an actual above 100 %, which a share cannot reach.
    """
    where = f"{field}.actual".strip(".")
    try:
        tq = target_quantity(target, unit)
    except NotFinite:
        tq = None
    if tq is None:
        return None, parse_number(actual)
    try:
        a = in_target_unit(actual, tq)
    except IncomparableUnits as e:
        raise DataError(str(e), field=where) from None
    except NotFinite as e:
        raise DataError(f"实际完成值{e}", field=where) from None
    if a is not None and a < 0:
        raise DataError(f"实际完成值不能为负数（{actual}）", field=where)
    if a is not None and not math.isfinite(a):
        raise DataError("实际完成值超出了可表示的数值范围", field=where)
    if a is not None and a > 100 and _is_share(name, tq.unit or unit):
        raise DataError(f"“{name}”是比率，实际完成值 {format_number(a)}% 超过 100%，不可能：请核对数值", field=where)
    return tq.value, a


# a rate that may exceed 100 % (增长率 150 %); other …率 / 比例 / 占比 are shares of a whole
_MAY_EXCEED = ("增长", "增幅", "增速", "提高", "提升", "同比", "环比", "变化", "变动", "超额", "溢价", "倍")


def _is_share(name: str, unit: str) -> bool:
    """True when `name` measures a share of a whole (RULES.md §5.4 ratio measure) written in %."""
    from kb.domain.units import canon_unit, measure_of

    n = normalize(name or "")
    return (canon_unit(normalize(unit or "")) == "%" and measure_of(n) == "ratio"
            and not any(w in n for w in _MAY_EXCEED))


def embedded_operator(text: str | None) -> str:
    """Operator written at the start of a value (`'≥95'` → `'≥'`), else ''."""
    m = _LEAD_OP.match(normalize(text or ""))
    return normalize_operator(m.group(1)) if m else ""


def same_text(a: str | None, b: str | None) -> bool:
    """True when two qualitative values are the same after normalisation.

    NFKC, Traditional→Simplified, whitespace folded and stripped, so
    `'达成年度指标 '` equals `'达成年度指标'`.
    """
    return normalize(a or "") == normalize(b or "")


def direction_of(operator: str | None, value: str | None, explicit: str | Direction | None = None) -> Direction:
    """The scoring direction of a target row.

    `explicit` (an identifier or label: positive/正向 …) wins. Otherwise the
    operator decides (≥ > → 正向; ≤ < → 反向; = → 等于; 定性 → 定性); with no
    operator, one written inside the value is used; a value without any number
    is 定性; a bare number is read as 正向 (the usual meaning of a
    declared quantity). Raises ValueError for an unknown explicit direction.
    """
    if explicit:
        if isinstance(explicit, Direction):
            return explicit
        t = normalize(str(explicit))
        for d in Direction:
            if t in (d.value, d.label):
                return d
        raise ValueError(f"未知的指标方向: {explicit}")
    op = normalize_operator(operator) or embedded_operator(value)
    if op in ("≥", ">"):
        return Direction.positive
    if op in ("≤", "<"):
        return Direction.negative
    if op == "=":
        return Direction.equal
    if op == "定性":
        return Direction.qualitative
    return Direction.positive if parse_number(value) is not None else Direction.qualitative


def format_number(x: float) -> str:
    """A number as a short string: 95.0 → '95', 0.125 → '0.125'; never 'inf' or 'nan'."""
    if not math.isfinite(x):
        return "超出可表示范围的数"
    return f"{x:.6g}" if x != int(x) or abs(x) >= 1e15 else str(int(x))


def format_times(ratio: float) -> str:
    """How many times a target an actual is, for a message: '5.0 倍', '8.33e+303 倍'; a
    ratio that overflows (1e308 against 0.5) is '1e308 倍以上' — never 'inf'."""
    if not math.isfinite(ratio):
        return "1e308 倍以上"
    return f"{ratio:.1f} 倍" if ratio < 1e6 else f"{ratio:.3g} 倍"
