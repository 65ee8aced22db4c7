"""After ranking: a measurable aim the text states takes the place of a vague benefit row (trial 23b).

The vagrants' text (trial 23) says "对长期滞留人员全部落实安置", yet the table's one 效益 row was the library's
社会救助体系 待填写 (可持续影响, a quality no one can measure) and the 质量 slot carried the library's
流浪乞讨人员救助安置率 = 100 % as a reference value. When a clause states that a group is placed in full
(对X全部落实安置, X均得到安置) and every shown 效益 row has no number (待填写 or a qualitative 达到预期; none shown: the table would take a
vague filler after the ranking, as 社会救助体系 was), those rows are set aside for X安置率 = 100 % (社会效益, bound to the text), and a shown
library 安置率 row that no figure of the text binds gives way to it (one placement rate). Otherwise nothing changes.
After ranking (the ranker's training reads the same candidates). In place.
"""
from __future__ import annotations

import re

from kb.suggest.candidates import BENEFIT_SLOTS
from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_ALL_PLACED = re.compile(r"(?:^|(?<=[，,；;。：:]))(?:对|将)?([\u4e00-\u9fff]{2,10}?)(?:全部|均|全面)(?:落实|得到|予以|妥善)?安置")


def _number(v: str) -> bool:
    try:
        float(v)
        return True
    except ValueError:
        return False


def prefer_stated_placement(pool: list[Draft], ctx: ProjectContext) -> None:
    """Replace the vague benefit rows of `pool` by the text's stated full placement (module docstring). In place."""
    m = _ALL_PLACED.search(ctx.text)
    if not m:
        return
    shown = [d for d in pool if d.tier != Tier.ALTERNATE and d.name]
    benefit = [d for d in shown if d.slot in BENEFIT_SLOTS]
    if any(d.value_source == "text" for d in benefit):
        return
    vague = [d for d in benefit if not _number(d.value or "")]
    if len(vague) < len(benefit) or not shown:
        return
    name = m.group(1) + "安置率"
    if any(d.name == name for d in shown):
        return
    why = f"描述写明了可衡量的目标“{m.group(0)}”，以{name} = 100 % 代替"
    for d in vague:
        set_aside(d, why)
    for d in shown:
        if d.name.endswith("安置率") and d.value_source != "text":
            set_aside(d, why)
    pool.append(Draft(name=name, level2="social_benefit", source="formed", unit="%", direction="positive",
                      operator="=", value="100", value_unit="%", value_source="text", tier=Tier.BOUND,
                      score=max(d.score for d in vague or shown), explanation=f"{m.group(1)}中已落实安置的比例",
                      evidence=[f"描述中的目标: {m.group(0)}", "按描述用词生成"]))
