"""After ranking: a count bound to one part of a stated whole is named for that part (trial 22).

计划实施重点对象危房改造85户，其中C级危房加固改造55户、D级危房拆除重建30户 gave 农村危房改造户数 ≥ 30 户 — the
whole's name on the D级 part, beside the 85 户 of the whole: a fresh reviewer struck it as contradicting the text. A
row bound to a figure said after 其中, whose name writes none of the part's own words (拆除重建: words the whole's
clause does not write), is named for its part (危房拆除重建户数), or set aside when a row of that name is already
there. Renames only, after ranking.
"""
from __future__ import annotations

import re

from kb.domain.text import bigrams
from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_GRADE = re.compile(r"^(?:[A-Da-d一二三四]级|[一二三四]类)")
_MEASURE = re.compile(r"(户数|人数|数量|个数|面积|长度|里程|人次)$")


def _part_name(d: Draft, ctx: ProjectContext) -> str:
    """The part's name for `d` (module docstring), '' when `d` is no whole's name on a part's figure."""
    m = d.mention
    sentence = re.split(r"[。；;]", ctx.text[max(0, m.start - 60):m.start])[-1]
    if "其中" not in sentence:
        return ""
    head = sentence[:sentence.rindex("其中")]
    whole = [o for o in ctx.mentions if o.unit == m.unit and o.start < m.start and ctx.text[o.start:o.end] in head]
    if not whole or not all(float(o.value) > float(m.value) for o in whole if re.fullmatch(r"[\d.]+", o.value)):
        return ""
    part = _GRADE.sub("", m.context)
    own = set(bigrams(part)) - set(bigrams(whole[-1].context))
    measure = _MEASURE.search(d.name)
    if not own or own & set(bigrams(d.name)) or not measure or len(part) < 2:
        return ""
    return part + measure.group()


def name_part_counts(pool: list[Draft], ctx: ProjectContext) -> None:
    """Name each count of `pool` bound to one part of a whole for its part, or set it aside (module docstring)."""
    for d in pool:
        m = d.mention
        if d.tier == Tier.ALTERNATE or m is None or d.slot != "quantity" or d.value != m.value:
            continue
        name = _part_name(d, ctx)
        if not name or name == d.name:
            continue
        if any(o is not d and o.name == name and o.tier != Tier.ALTERNATE for o in pool):
            set_aside(d, f"描述的{m.value}{m.unit}是其中一部分，已由“{name}”一行承载")
            continue
        d.evidence.append(f"描述的{m.value}{m.unit}是其中一部分（{m.context}），按这一部分命名：{d.name} → {name}")
        d.name = name
