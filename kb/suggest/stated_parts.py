"""After ranking: a count the text states as a part of another (其中规格4厘米以上苗种不少于200万尾) is named for the part.

Trial 18: “放流…苗种300万尾，其中规格4厘米以上苗种不少于200万尾” formed 苗种数量 ≥ 200 万尾 for the part, a name the
table read as the same measure as 经济鱼类苗种数量 ≥ 300 万尾 — and the 200 万尾, the fry of a size that survives, was
left out. A shown 数量 row bound to a figure whose clause opens on 其中 takes the clause's words before the figure
(less a verb of how much: 不少于, 达到 …) as its name with the measure of its unit (规格4厘米以上苗种数量), when they hold
the object the row counts. Renames only; run after ranking, so the ranker's training is untouched. In place.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_CLAUSE_START = re.compile(r"[，,。；;：:]")
_HOW_MUCH = re.compile(r"(?:不少于|不低于|不小于|达到|达|超过|约|共|计|为|有)+$")
_NAME = re.compile(r"[\u4e00-\u9fff0-9.]{3,16}")


def part_name(text: str, start: int, unit: str, obj: str) -> str:
    """The name of the part a figure at `start` of `text` counts (其中规格4厘米以上苗种不少于 → 规格4厘米以上苗种数量),
    '' when its clause does not open on 其中 or its words do not hold `obj`."""
    clause = _CLAUSE_START.split(text[max(0, start - 30):start])[-1]
    if not clause.startswith("其中"):
        return ""
    words = _HOW_MUCH.sub("", clause[2:])
    from kb.suggest.naming import unit_measure

    measure = unit_measure(unit)
    if not measure or not obj or not words.endswith(obj) or not _NAME.fullmatch(words) or words == obj:
        return ""
    return words + measure if not words.endswith(measure) else words


def name_stated_parts(pool: list[Draft], ctx: ProjectContext) -> None:
    """Name each shown 数量 row bound to a part the text states with 其中 for the part (module docstring). In place."""
    for d in pool:
        m = d.mention
        if d.tier == Tier.ALTERNATE or d.slot != "quantity" or d.value_source != "text" or m is None:
            continue
        name = part_name(ctx.text, m.start, m.unit, m.obj)
        if name and name != d.name:
            d.evidence.append(f"描述中的{m.value}{m.unit}是其中的一部分（{name[:-2]}），按这部分命名")
            d.name = name
