"""After ranking: a count of places each of which gets the thing built is the count of that thing.

在3个社区建设老年助餐点: the text counts the communities, and one 老年助餐点 is built in each — a reviewer found
老年助餐点建设数量 待填写 while the text states it (round 18). The figure binds the ranked row counting the thing
built (its name holds the thing and a count's measure), ≥ the places' number, when no shown row carries the figure
already. Binds a figure of the text to a row already in the pool, after ranking: the ranker's training is untouched.
"""
from __future__ import annotations

import re
from dataclasses import replace

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

# N个〔places〕〔verb〕〔thing〕: the places, a verb of setting up, the thing set up in each
_BUILT_IN_EACH = re.compile(r"(?P<place>社区|村|行政村|乡镇|街道|学校|小区|养老院|敬老院|卫生院|村\(社区\))(?:内|中|里)?"
                            r"(?:分别|各)?(?P<verb>建设|新建|建成|设立|打造|开设|增设|改建|设置)(?P<thing>[\u4e00-\u9fff]{2,8}?)"
                            r"(?=[，,。；;、和及]|$)")
_COUNT_NAME = re.compile(r"数量$|个数$|数$")


def bind_thing_built_in_places(pool: list[Draft], ctx: ProjectContext) -> None:
    """Bind each "在N个〔places〕〔verb〕〔thing〕" of the text no shown row carries to the ranked blank count of the
    thing (module docstring). Mutates the drafts."""
    t = ctx.text
    shown = [d for d in pool if d.tier != Tier.ALTERNATE and d.name]
    for m in ctx.mentions:
        if m.unit not in ("个", "所", "处") or any(d.mention is not None and d.mention.start == m.start and d.value
                                                   for d in shown):
            continue
        said = _BUILT_IN_EACH.match(t, m.end)
        if not said:
            continue
        thing = said.group("thing")
        rows = [d for d in shown if d.slot == "quantity" and not d.value and _COUNT_NAME.search(d.name)
                and thing[-3:] in d.name and (d.value_unit or d.unit or m.unit) == m.unit]
        if not rows:
            continue
        d = max(rows, key=lambda d: (int(d.tier), d.score))
        d.mention = replace(m, obj=thing, verb=said.group("verb"))
        d.operator, d.value, d.value_unit, d.value_source = "≥", m.value, m.unit, "text"
        d.note, d.tier = "", Tier.BOUND
        d.evidence.append(f"描述中的数量: 在{m.value}{m.unit}{said.group(0)}（每处一个）")
