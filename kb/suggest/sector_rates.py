"""After ranking: a sector-wide rate a fund does not produce (trial 20, D056).

A library row measuring the state of a whole sector in the region — 普通高中毛入学率 ≥ 92 %, 义务教育巩固率, 学前教育
普及率 — is an outcome of the sector's whole budget and population, not the output of one fund (D056: a 112 万元
quality-improvement fund for an 实验区 and a 示范区 was given 普通高中毛入学率 ≥ 92 % from the library; a 财政局 reviewer
struck it: the 92 is no figure of the text and the fund cannot move it). Such a row is set aside unless the text names
the rate (毛入学率, 巩固率 …) or a goal of it (入学, 普及). Rows bound to a figure of the text stay. Pure over drafts, in
place; after ranking, so the ranker's training reads the same candidates.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

# the sector-wide rates (group 1: the stem the text must name for the row to stay)
_SECTOR_RATE = re.compile(r"(毛入学|净入学|入学|巩固|普及|升学|入园)率$")
# what names the rate's goal in a text (普及高中阶段教育, 提高入学率, 控辍保学)
_GOAL_WORDS = {"毛入学": ("入学",), "净入学": ("入学",), "入学": ("入学",), "巩固": ("巩固", "控辍保学", "辍学"),
               "普及": ("普及",), "升学": ("升学",), "入园": ("入园",)}


def set_aside_sector_rate(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside each shown library or type row of a sector-wide rate (`_SECTOR_RATE`) whose stem or goal the text
    does not name (module docstring). In place."""
    text = ctx.text
    for d in pool:
        if d.tier == Tier.ALTERNATE or d.value_source == "text" or d.source == "formed":
            continue
        m = _SECTOR_RATE.search(d.name)
        if not m or any(w in text for w in _GOAL_WORDS[m.group(1)]):
            continue
        set_aside(d, f"“{d.name}”是全行业、全地区的统计指标，不是本项目资金的产出，描述也没有写明这一目标，仅作备选")
