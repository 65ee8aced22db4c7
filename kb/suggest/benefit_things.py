"""After ranking: a count of things named as beneficiaries is the work's extent, an output (trial 22).

覆盖全县42条河流 gave 受益河流数量 ≥ 42 条 under 社会效益: rivers are no beneficiaries — a fresh reviewer struck it as
the 管护河流数量 output filed as a benefit. A benefit row 受益〔thing〕数量 whose thing is a work's object (河流, 道路,
水库 …, never people, households, places or bodies) is named by the verb of its clause (覆盖河流数量) and re-filed under
数量; set aside when the table already counts that thing. Renames and re-files only, after ranking.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_THING = re.compile(r"^受益(?P<thing>河流|河道|河湖|湖泊|水库|山塘|渠道|沟渠|道路|公路|桥梁|路段|管网|林地|草原|湿地)数量$")
_VERB = re.compile(r"(覆盖|管护|治理|整治|保洁|巡查|养护|清理|疏浚|修缮|维护|监测)")


def refile_counted_things(pool: list[Draft], ctx: ProjectContext) -> None:
    """Re-file each shown 受益〔thing〕数量 of `pool` as the count of the work on it (module docstring). In place."""
    for d in pool:
        t = _THING.match(d.name)
        if d.tier == Tier.ALTERNATE or not t or d.slot == "quantity":
            continue
        thing = t.group("thing")
        if any(o is not d and o.tier != Tier.ALTERNATE and o.slot == "quantity" and thing in o.name
               and o.value == d.value for o in pool):
            set_aside(d, f"{thing}不是受益对象，数量已由数量指标承载")
            continue
        verb = ""
        if d.mention is not None:
            clause = re.split(r"[，,。；;：:]", ctx.text[max(0, d.mention.start - 30):d.mention.start])[-1]
            found = _VERB.findall(clause)
            verb = found[-1] if found else ""
        verb = verb or next(iter(_VERB.findall(ctx.core or "")), "")
        if not verb:
            set_aside(d, f"{thing}不是受益对象，仅作备选")
            continue
        name = f"{verb}{thing}数量"
        d.evidence.append(f"{thing}不是受益对象，是工作的对象：{d.name} → {name}（数量指标）")
        d.name, d.level2 = name, "quantity"
