"""Counts the text states of its work alone, a verb and a figure (出差8人, 共贴息74户次, 开展抽查95批次).

The figure counts no object the reader could name, and the verb is no "verb of the work" a formed name admits,
so `candidates.formed_drafts` forms no row: the figure was lost. Real tables name such a count by the verb and the
unit's measure (E003 出差人数, E031 贴息户次, E038 开展抽查批次): `naming.verb_count_name`. Pure over the project
context and the gathered pool. Not for figures a formed row already carries (`kb.suggest.candidates`).
"""
from __future__ import annotations

from typing import Callable

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.objects import Mention


def verb_count_drafts(ctx: ProjectContext, pool: list[Draft]) -> list[Draft]:
    """One 数量 draft per stated figure that no draft of `pool` carries (formed from it or bound to it) and
    `naming.verb_count_name` names, holding the figure as its mention (the target is the text's once bound,
    `binding.bind_mentions`); names already in `pool` are not made twice."""
    from kb.suggest.naming import verb_count_name

    return uncarried_count_drafts(ctx, pool, verb_count_name, "按描述用词生成", skip_budget=True)


def uncarried_count_drafts(ctx: ProjectContext, pool: list[Draft], name_of: Callable[[Mention], str | None],
                           named: str, *, skip_budget: bool = False) -> list[Draft]:
    """The one way a stated figure no draft of `pool` carries (formed from it or bound to it; the budget's own
    figure too when `skip_budget`) becomes a 数量 draft: named by `name_of(mention)` (None: no draft), its mention
    held, the evidence saying the figure and how it was `named` (按描述用词生成, 按描述原文命名); a name already in
    `pool` or made before is not made twice. Used by `verb_count_drafts` and `clause_counts.clause_count_drafts`."""
    carried = {(d.mention.start, d.mention.end) for d in pool if d.mention is not None}   # bound copies too
    have = {d.key for d in pool}
    out = []
    for m in ctx.mentions:
        if (m.start, m.end) in carried or (skip_budget and m.is_budget):
            continue
        name = name_of(m)
        if not name:
            continue
        d = Draft(name=name, level2="quantity", source="formed", unit=m.unit, direction="positive", mention=m,
                  evidence=[f"描述中的数量: {m.context}{m.value}{m.unit}", named])
        if d.key not in have:
            have.add(d.key)
            out.append(d)
    return out
