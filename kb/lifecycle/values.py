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

import re

from kb.domain.schema import Direction, normalize_operator
from kb.domain.text import normalize

_NUM = re.compile(r"[-+]?\d+(?:,\d{3})*(?:\.\d+)?|[-+]?\.\d+")
_LEAD_OP = re.compile(r"^\s*(>=|<=|=>|=<|==|[≥≤＞＜>＜<=＝])")
# a date-like value (时效 rows such as '2021年12月完成', '2023.07-2024.01') is not a quantity
_DATE = re.compile(r"(?:19|20)\d{2}\s*年|(?:19|20)\d{2}[./-](?:0[1-9]|1[0-2])(?!\d)")


def parse_number(text: str | float | int | None) -> float | None:
    """The first number in `text` (NFKC-normalised, thousands separators removed), else None.

    Dates ('2021年12月', '2023.07', '2023-07-01') are not numbers here: returns None
    for them (a year 19xx/20xx followed by 年 or by a two-digit month).
    `'≥95%'` → 95.0; `'1,290.3平方米'` → 1290.3; `'129(完工率243%)'` → 129.0.
    """
    if text is None:
        return None
    if isinstance(text, (int, float)):
        return float(text)
    t = normalize(text)
    if not t or _DATE.search(t):
        return None
    m = _NUM.search(t)
    if not m:
        return None
    return float(m.group().replace(",", ""))


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
    """A number as a short string: 95.0 → '95', 0.125 → '0.125'."""
    return f"{x:.6g}" if x != int(x) else str(int(x))
