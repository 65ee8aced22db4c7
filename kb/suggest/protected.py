"""After ranking: a figure the work protects or benefits is a 效益 row, never an output (trial 17).

"工程实施后保护沿岸耕地5200亩、群众8600人" gave 产出/数量 沿岸耕地面积 ≥ 5200 亩: the farmland is what the works keep
safe, not what they produce, and 保护 was lost (the candidates read 保护 only opening its clause, trial 11; a lead
such as 工程实施后 hid it). A shown 数量 row bound to a figure whose clause says, right before the figure's object,
that the work protects or benefits it (保护, 惠及, 受益 — no other verb of the work between) is filed under 效益 /
社会效益 and named by that verb with the object, where it lies dropped (保护耕地面积). Only re-files and renames (the
reason in the evidence); run after ranking, so the ranker's training reads the same candidates.
"""
from __future__ import annotations

import re

from kb.domain.words import WORK_VERBS
from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_CLAUSE_START = re.compile(r"[，,。；;：:！？!?]")
# the verb of a benefit right before what it reaches (保护沿岸耕地, 惠及农户)
_BENEFIT_BEFORE = re.compile(r"(?P<verb>保护|惠及|受益)(?P<obj>[\u4e00-\u9fff]{1,10})$")
# what stands before the verb when it opens the verb phrase (工程实施后|保护…, 可|保护…): not a noun's inside (网络安全等级保护测评)
_VERB_OPENS = re.compile(r"(?:^|后|可|能|将|有效|直接|共|累计|并|以|从而|进而|同时)$")
# where what is protected lies (沿岸耕地 → 耕地): no part of the measure's name
_WHERE_LIES = re.compile(r"^(?:下游|上游|沿河|沿岸|沿江|沿湖|沿线|两岸|周边|流域内?|河道两侧|项目区)")


def refile_protected_figures(pool: list[Draft], ctx: ProjectContext) -> None:
    """Re-file under 社会效益 each shown 数量 row of `pool` bound to a figure the work protects or benefits, named by
    the verb and its object (module docstring). Mutates the drafts; no error."""
    text = ctx.text
    for d in pool:
        m = d.mention
        if d.tier == Tier.ALTERNATE or d.slot != "quantity" or d.value_source != "text" or m is None:
            continue
        clause = _CLAUSE_START.split(text[max(0, m.start - 40):m.start])[-1]
        said = _BENEFIT_BEFORE.search(clause)
        if said is None or any(v in said.group("obj") for v in WORK_VERBS) \
                or not _VERB_OPENS.search(clause[:said.start()]):
            continue
        verb, obj = said.group("verb"), _WHERE_LIES.sub("", said.group("obj"))
        if not obj or obj not in d.name:
            continue
        old = d.name
        d.name = verb + d.name[d.name.index(obj):]
        d.level2 = "social_benefit"
        d.evidence.append(f"描述写明“{said.group(0)}{m.value}{m.unit}”是工程{verb}的对象，属社会效益（原为数量指标“{old}”）")
