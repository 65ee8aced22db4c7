"""After ranking: a running plant's design scale is its setting, and it builds nothing (trial 23).

"县城污水处理厂设计规模3万吨/日，由县水务公司特许经营" opens an operating subsidy: the table put 县城污水处理厂设计规模 ≥ 3
万吨 (the setting made a target, its /日 lost; the checker's FEAS-04 flags it) and a blank 污水管网建设长度 — nothing is
built. A fresh reviewer struck both. A shown row bound to a figure written right after 设计规模 / 设计能力 / 处理能力 with no
building word in its clause is set aside; so is a blank row whose name builds (建设, 新建, 铺设) in a text that
builds or buys nothing (`kb.domain.words.builds_or_buys`). Only sets aside, after ranking.
"""
from __future__ import annotations

import re

from kb.domain.words import builds_or_buys
from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_SCALE = re.compile(r"(?:设计规模|设计能力|处理能力|日处理规模)(?:为|达|是)?$")
_BUILD = re.compile(r"新建|扩建|改建|建设|建成|提标|改造")
_BUILDING_NAME = re.compile(r"建设|新建|铺设|建成")


def set_aside_running_plant_rows(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside a running plant's design scale and blank building rows of `pool` (module docstring). In place."""
    builds = builds_or_buys((ctx.name or "") + ctx.text)
    for d in pool:
        if d.tier == Tier.ALTERNATE or not d.name:
            continue
        m = d.mention
        if m is not None and d.value_source == "text":
            clause = re.split(r"[，,。；;：:]", ctx.text[max(0, m.start - 30):m.start])[-1]
            if _SCALE.search(clause) and not _BUILD.search(clause):
                set_aside(d, f"“{clause}{ctx.text[m.start:m.end]}”是设施的设计规模（现状），不是产出目标，仅作备选")
        elif not builds and d.pending and _BUILDING_NAME.search(d.name):
            set_aside(d, f"描述中没有建设内容，“{d.name}”不适用，仅作备选")
