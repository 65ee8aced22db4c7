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
    """Name each shown 数量 row bound to a part the text states with 其中 for the part (module docstring), and a
    count named by its verb alone beside another count of that work by the words before its figure
    (`name_by_manner`). In place."""
    name_by_manner(pool, ctx)
    for d in pool:
        m = d.mention
        if d.tier == Tier.ALTERNATE or d.slot != "quantity" or d.value_source != "text" or m is None:
            continue
        name = part_name(ctx.text, m.start, m.unit, m.obj)
        if name and name != d.name:
            d.evidence.append(f"描述中的{m.value}{m.unit}是其中的一部分（{name[:-2]}），按这部分命名")
            d.name = name


# the words right before a figure that say which kind of the work it counts (快速检测12000批次: 快速)
_MANNER = re.compile(r"([\u4e00-\u9fff]{2})([\u4e00-\u9fff]{2})$")


def name_by_manner(pool: list[Draft], ctx: ProjectContext) -> None:
    """Trial 18: “定量检测1200批次，快速检测12000批次” formed 定量检测批次 and 检测批次, the second named by its verb
    alone; the table read them as one measure and left the 1200 out. A shown 数量 row bound to a figure, named by
    the verb right before it plus the measure (检测批次), beside another row bound to another figure in the same
    unit whose name ends with it (定量检测批次), takes the two characters the text writes before the verb
    (快速检测批次). In place."""
    bound = [d for d in pool if d.tier != Tier.ALTERNATE and d.slot == "quantity" and d.value_source == "text"
             and d.mention is not None]
    for d in bound:
        m = d.mention
        if not m.verb or not d.name.startswith(m.verb) or m.obj:
            continue
        if not any(o is not d and o.mention.start != m.start and o.mention.unit == m.unit and o.name != d.name
                   and o.name.endswith(d.name) for o in bound):
            continue
        said = _MANNER.search(m.context)
        if said and said.group(2) == m.verb and said.group(1) not in ("全年", "年内", "计划", "开展", "完成"):
            d.evidence.append(f"按描述“{m.context}{m.value}{m.unit}”命名")
            d.name = said.group(1) + d.name
