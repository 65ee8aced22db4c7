"""After ranking: a coverage the text states binds the coverage row that library values filled (trial 15).

A reviewer of trial 15 struck 农村生活垃圾收运处置村覆盖率 ≥ 95 % (the library's value) in a text saying
"农村生活垃圾收运处置体系覆盖的行政村比例达到100%": the figure of the text was bound to no row, and the coverage row
beside it took the typical value. A percentage the text states in a clause of covering (覆盖), held by no shown row,
is bound to the shown coverage row (…覆盖率) without the text's figure whose name shares at least two two-character
pieces with that clause besides 覆盖 (收运, 处置, 生活, 垃圾 …): the text's figure wins over the library's. A
whole (100 %) reads "=" as `values.rate_operator` writes it. Pure over drafts; run after ranking.
"""
from __future__ import annotations

import re
from dataclasses import replace

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

WHY = "目标值取描述原文“{said}”"


def _pieces(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)} - {"覆盖", "盖率", "比例"}


def bind_stated_coverage(pool: list[Draft], ctx: ProjectContext) -> None:
    """Bind each stated coverage percentage no shown row of `pool` holds to the shown coverage row it names
    (module docstring). Mutates `pool`; no error."""
    from kb.suggest.values import rate_operator

    t = ctx.text
    shown = [d for d in pool if d.tier != Tier.ALTERNATE and d.name]
    for m in ctx.mentions:
        if m.unit != "%" or any(d.bound and d.mention is not None and d.mention.start == m.start for d in shown):
            continue
        clause = re.split(r"[，,。；;]", t[:m.start])[-1]
        if "覆盖" not in clause:
            continue
        rows = [d for d in shown if d.name.endswith("覆盖率") and not d.bound and len(_pieces(d.name) & _pieces(clause)) >= 2]
        if not rows:
            continue
        d = max(rows, key=lambda d: len(_pieces(d.name) & _pieces(clause)))
        d.mention = replace(m)
        d.value, d.value_source = m.value, "text"
        d.operator = rate_operator(d, "≥", m.value)
        d.evidence.append(WHY.format(said=clause + t[m.start:m.end]))
