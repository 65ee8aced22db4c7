"""After ranking: a count of the text named for the whole work its clause states, not a piece of it (trial 16).

“开展专业扑火队员培训3期共240人次” gave 森林防火人次 ≥ 240 (the 240 read with no object, named from the project) and
队员培训期数 ≥ 3 (the object cut to 队员培训): a fresh reviewer struck the first as garbled — 240人次 is 专业扑火队员
培训人次. The work is the words of the clause before the figures (after 开展 / 举办 / 组织 …): a formed row bound to
the figure after 共 / 合计 with no object of its own is named 〔work〕人次 / 〔work〕人数, and a formed row whose object
is a tail of that work keeps the work whole (专业扑火队员培训期数). Pure over drafts; run after ranking.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

# the clause up to a figure: (verb)(the work)(an earlier figure of it and 共)? — 开展专业扑火队员培训3期共
_WORK_CLAUSE = re.compile(r"^(?:开展|举办|组织|实施|进行|完成)(?P<work>[\u4e00-\u9fff]{2,16}?)"
                          r"(?P<first>\d+(?:\.\d+)?\s*[期次场批班轮个]\s*(?:共|合计|累计|计))?$")
_COUNT_NAMES = {"人次": "人次", "人": "人数", "名": "人数"}


def _work_before(text: str, start: int) -> tuple[str, bool] | None:
    """(the work, whether an earlier figure and 共 stand between it and `start`) for the figure at `start`."""
    clause = re.split(r"[，,。；;：:、]", text[max(0, start - 40):start])[-1]
    m = _WORK_CLAUSE.match(clause)
    return (m.group("work"), bool(m.group("first"))) if m else None


def name_whole_work(pool: list[Draft], ctx: ProjectContext) -> None:
    """Name the shown formed rows bound to a figure of a work's clause for the whole work (module docstring)."""
    for d in pool:
        m = d.mention
        if d.tier == Tier.ALTERNATE or not d.bound or m is None or d.source != "formed":
            continue
        found = _work_before(ctx.text, m.start)
        if found is None:
            continue
        work, after_first = found
        if not m.obj and after_first and m.unit in _COUNT_NAMES:
            name = work + _COUNT_NAMES[m.unit]
        elif m.obj and work != m.obj and work.endswith(m.obj) and d.name.startswith(m.obj):
            name = work + d.name[len(m.obj):]
        else:
            continue
        d.evidence.append(f"按描述原文“{work}”命名（原为“{d.name}”）")
        d.name = name
