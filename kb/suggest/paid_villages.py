"""After ranking: the count of villages a per-village fund pays is the row counting them (round 22, item 1).

"按9万元/村的标准补助全县120个行政村" and "保障全镇23个行政村正常运转，每村9万元" state how many villages the fund pays,
yet `binding` read the count as the villages' setting (a bare count of places with no work verb right before it: the
scope word 全县 / 全镇 stands between 补助 and the figure, or the verb 保障 is no work verb), and 补助村(社区)数量 stayed
待填写. A figure of the setting (全县共有行政村120个, `kb.suggest.facts`) is no target and is not in the text's
mentions at all; but when the fund's money is written per village (每村 / 村均 / 万元/村) the villages counted in a
clause of the fund are the ones its standard applies to — the output a 财政局 reviewer checks against the budget
(villages × standard). `bind_paid_villages` binds that count (≥ N 个) to the shown blank count of villages (its name
holds 村, its unit 个, no 村干部); nothing changes when a shown row already holds the figure, when the text counts
villages twice with different figures, or when no such blank row is shown. Pure over drafts, in place; after ranking,
so the ranker's training reads the same candidates.
"""
from __future__ import annotations

import re
from dataclasses import replace

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

# the fund's money is per village: 每村9万元, 每个行政村, 村均投入, 9万元/村
_PER_VILLAGE = re.compile(r"每(?:个)?(?:行政)?村|每行政村|村均|(?:万元|元)/(?:个)?(?:行政)?村")
# what the villages are (the mention's object)
_VILLAGES = ("行政村", "村", "村（社区）", "村(社区)", "建制村")
# a count of other people or things in a village (村干部人数), not of the villages
_NOT_VILLAGES = re.compile(r"干部|村民|人员|户")
WHY = "描述中按村补助的村数: {said}"


def bind_paid_villages(pool: list[Draft], ctx: ProjectContext) -> None:
    """See the module docstring. Mutates `pool`'s drafts; no error."""
    if not _PER_VILLAGE.search(ctx.text):
        return
    counts = [m for m in ctx.mentions if m.unit == "个" and m.obj in _VILLAGES]
    if len({m.value for m in counts}) != 1:
        return   # no count of villages, or two different ones (the towns' and the villages' are kept apart above)
    shown = [d for d in pool if d.tier != Tier.ALTERNATE and d.name]
    m = counts[0]
    if any(d.mention is not None and d.mention.start == m.start and d.bound for d in shown):
        return
    rows = [d for d in shown if d.slot == "quantity" and not d.value and (d.unit or "") == "个"
            and "村" in d.name and not _NOT_VILLAGES.search(d.name)]
    if not rows:
        return
    d = max(rows, key=lambda d: (int(d.tier), d.score))
    clause = re.split(r"[，,。；;]", ctx.text[:m.start])[-1] + ctx.text[m.start:m.end]
    d.mention = replace(m)
    d.operator, d.value, d.value_unit, d.value_source, d.note = "≥", m.value, "个", "text", ""
    d.tier = Tier.BOUND
    d.evidence.append(WHY.format(said=clause))
