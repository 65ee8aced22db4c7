"""After ranking: a figure of the county's present state (全县现有…18处) is the setting, never a target (trial 23).

"全县现有街面巡查重点区域18处" gave 巡查重点区域数量 ≥ 18 处 under 数量: the 18 places are what the county has, stated
before the year's plan (2025年计划…), not what the project produces — a fresh reviewer struck it. A shown 数量 row bound to
a figure whose clause opens as the checker's and vetting's setting does (`vetting.SETTING_CLAUSE`: 全县现有, 本市现有) is
set aside. Only sets aside (the reason in its evidence), after ranking.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier
from kb.suggest.vetting import SETTING_CLAUSE

# a building or plan word after 现有 makes the figure the project's (全县现有场地新建助餐点8个)
_PLAN = re.compile(r"新建|改建|扩建|计划|拟|新增|建设|完成")


def set_aside_setting_figure(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside each shown 数量 row of `pool` bound to a figure of the present state (module docstring). In place."""
    for d in pool:
        m = d.mention
        if d.tier == Tier.ALTERNATE or m is None or d.value_source != "text" or d.slot != "quantity":
            continue
        clause = re.split(r"[，,。；;：:]", ctx.text[max(0, m.start - 30):m.start])[-1]
        if SETTING_CLAUSE.match(clause) and not _PLAN.search(clause):
            set_aside(d, f"“{clause}{ctx.text[m.start:m.end]}”是现状，不是项目的产出目标，仅作备选")
