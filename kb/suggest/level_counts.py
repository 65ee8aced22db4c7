"""After ranking: a count the text states per level of office, one row per level (trial 22).

全年县级河长每季度巡河不少于1次，乡级河长每月巡河不少于1次，村级河长每周巡河不少于1次 gave one 巡河次数 ≥ 4 次: the
county chief's patrols under a name that reads as all patrols, the township's 12 and the village's 52 lost. Each
figure of the same words (巡河) said of a different level (县级河长, 乡级河长, 村级河长) is that level's: the bound row
is named for its level (县级河长巡河次数 ≥ 4 次) and a copy carries each other level's figure (乡级河长巡河次数 ≥ 12
次, 村级河长巡河次数 ≥ 52 次). A copy adds no candidate to the ranker's training (it runs after ranking, as
`group_standards` does).
"""
from __future__ import annotations

import dataclasses
import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_LEVEL = re.compile(r"(?P<level>[省市县区乡镇村]级)(?P<role>河长|湖长|林长|路长|田长|网格员|巡查员|护林员)?")


def _level_of(text: str, m) -> str:
    """The level of office named in the clause before mention `m` (县级河长), '' for none."""
    clause = re.split(r"[，,。；;：:]", text[max(0, m.start - 30):m.start])[-1]
    found = list(_LEVEL.finditer(clause))
    return found[-1].group() if found else ""


def name_counts_per_level(pool: list[Draft], ctx: ProjectContext) -> None:
    """Name a shown count bound to a figure said of one level of office for that level, and add a copy for each other
    level's figure of the same words (module docstring). In place."""
    for d in list(pool):
        m = d.mention
        if d.tier == Tier.ALTERNATE or m is None or d.slot != "quantity" or d.value != m.value or not m.context:
            continue
        same = [o for o in ctx.mentions if o.unit == m.unit and o.context == m.context]
        levels = {o.start: _level_of(ctx.text, o) for o in same}
        if len(same) < 2 or len(set(levels.values())) != len(same) or not all(levels.values()):
            continue
        base = d.name
        if any(levels[m.start] in x or x in levels[m.start] for x in (base,)):
            continue
        d.name = levels[m.start] + base
        d.evidence.append(f"描述按层级分别写明{m.context}的数量，本行是“{levels[m.start]}”的")
        at = pool.index(d)
        for o in same:
            if o.start == m.start or any(x.name == levels[o.start] + base for x in pool):
                continue
            copy = dataclasses.replace(d, name=levels[o.start] + base, value=o.value, mention=o,
                                       evidence=[f"描述中的数量: {o.context}{o.value}{o.unit}",
                                                 f"描述按层级分别写明{m.context}的数量，本行是“{levels[o.start]}”的"],
                                       features=list(d.features))
            at += 1
            pool.insert(at, copy)
