"""Counts the text states of its work alone, a verb and a figure (出差8人, 共贴息74户次, 开展抽查95批次).

The figure counts no object the reader could name, and the verb is no "verb of the work" a formed name admits,
so `candidates.formed_drafts` forms no row: the figure was lost. Real tables name such a count by the verb and the
unit's measure (E003 出差人数, E031 贴息户次, E038 开展抽查批次): `naming.verb_count_name`. Pure over the project
context and the gathered pool. Not for figures a formed row already carries (`kb.suggest.candidates`).
"""
from __future__ import annotations

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft


def verb_count_drafts(ctx: ProjectContext, pool: list[Draft]) -> list[Draft]:
    """One 数量 draft per stated figure that no draft of `pool` carries (formed from it or bound to it) and
    `naming.verb_count_name` names, holding the figure as its mention (the target is the text's once bound,
    `binding.bind_mentions`); names already in `pool` are not made twice."""
    from kb.suggest.naming import verb_count_name

    carried = {(d.mention.start, d.mention.end) for d in pool if d.mention is not None}   # bound copies too
    have = {d.key for d in pool}
    out = []
    for m in ctx.mentions:
        if (m.start, m.end) in carried or m.is_budget:
            continue
        name = verb_count_name(m)
        if not name:
            continue
        d = Draft(name=name, level2="quantity", source="formed", unit=m.unit, direction="positive", mention=m,
                  evidence=[f"描述中的数量: {m.context}{m.value}{m.unit}", "按描述用词生成"])
        if d.key not in have:
            have.add(d.key)
            out.append(d)
    return out
