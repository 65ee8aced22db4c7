"""After ranking: one figure of the text written twice (15000人次 and 1.5万人次) is carried by one row.

A declarant writes a count once in units and once in 万 (全年助餐15000人次，惠及老年人1.5万人次); each writing binds its
own row (助餐人次 ≥ 15000, 受益老年人人次 ≥ 1.5 万人次) and the table states one figure twice — a reviewer asks for one
row (round 18). Two shown rows bound to two mentions whose amounts are equal once 万 is read (15000 = 1.5 × 10000), in
one measure (人次 and 万人次), one written with 万 and the other without: the row whose 二级 keeps more rows carrying the
text's figures is set aside (its slot is left the poorer otherwise), else the later writing's. Sets aside only.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.quantities import MONEY_UNITS
from kb.suggest.ranker import Tier


def _amount(d: Draft) -> tuple[str, float] | None:
    """(measure, amount) of the figure `d` carries, 万 read (1.5 万人次 → ("人次", 15000.0)); None for a rate, money,
    a figure not of the text."""
    m = d.mention
    if d.value_source != "text" or m is None or m.unit in MONEY_UNITS or m.unit in ("%", "‰") or "/" in m.unit:
        return None
    try:
        v = float(m.value)
    except ValueError:
        return None
    return (m.unit[1:], v * 10000) if m.unit.startswith("万") and len(m.unit) > 1 else (m.unit, v)


_CLAUSE_END = re.compile(r"[，,。；;]")
_PART = re.compile(r"其中|含|包括")


def _a_part(text: str, start: int) -> bool:
    """The figure at `start` is said as a part of another (其中线上参与15000人次 beside 参与群众1.5万人次, trial 13):
    its own figure, even where the declarant's sums do not add up."""
    return bool(_PART.search(_CLAUSE_END.split(text[max(0, start - 20):start])[-1]))


def one_row_per_figure(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside the second row of each figure the text writes twice (module docstring). In place."""
    shown = [d for d in pool if d.tier != Tier.ALTERNATE and d.name and _amount(d)]
    for a in shown:
        for b in shown:
            if a is b or a.tier == Tier.ALTERNATE or b.tier == Tier.ALTERNATE or a.mention.start >= b.mention.start:
                continue
            if _amount(a) != _amount(b) or a.mention.unit.startswith("万") == b.mention.unit.startswith("万") \
                    or _a_part(ctx.text, a.mention.start) or _a_part(ctx.text, b.mention.start):
                continue
            drop = a if b.slot == "quantity" and a.slot != "quantity" else b
            keep = b if drop is a else a
            set_aside(drop, f"描述中的{drop.mention.value}{drop.mention.unit}与{keep.mention.value}{keep.mention.unit}"
                            f"是同一数字的两种写法，已由“{keep.name}”计量，仅作备选")
