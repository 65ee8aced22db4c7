"""Counts the text names by a label of its own, where the object reader finds no object (issue 10, round 5).

A target list writes a row's name and value together (情景教学或外训批次6批次): the words before the figure end on
the figure's own unit, a count of things done (批次, 人次, 场次 …). The object reader cuts such a label at 或 / 和 and
finds no object, so no row was formed and the figure was lost; the label is the name (情景教学或外训批次 ≥ 6 批次;
the real table D023 names it so).

Not done: a count of incidents whose kind follows the figure (防火期共接报处置15起森林草原火灾 → 森林草原火灾起数):
the figure is what happened, and a row 森林草原火灾起数 ≥ 15 起 asks for more fires (measured, and dropped).

Pure over the project context and the gathered pool; never for a figure a gathered row already carries or the
budget. Added after gathering and binding (`engine.counts_named_by_the_text`), so the ranker's training pools are
untouched.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.objects import Mention

# units of counted things a label may end on (批次, 人次, 场次, 户次 …): the label then names the measure itself
LABEL_UNITS = frozenset("批次 人次 场次 户次 车次 架次 台次 期次".split())
# a label opens on a word of the list's form, not its content (其中, 目标1) — dropped
_LABEL_LEAD = re.compile(r"^(?:其中|目标[一二三四五六七八九十\d]*|年度绩效目标|绩效目标|主要|完成|共|全年|累计)+")


def labelled_count_drafts(ctx: ProjectContext, pool: list[Draft]) -> list[Draft]:
    """One 数量 draft per stated figure no draft of `pool` carries whose label names it (`label_name`), holding
    the figure as its mention (its target the text's, once bound by `binding.bind_own_mentions`); names already in
    `pool` are not made twice."""
    carried = {(d.mention.start, d.mention.end) for d in pool if d.mention is not None}
    have = {d.key for d in pool}
    out = []
    for m in ctx.mentions:
        if (m.start, m.end) in carried or m.is_budget:
            continue
        name = label_name(m)
        if not name:
            continue
        d = Draft(name=name, level2="quantity", source="formed", unit=m.unit, direction="positive", mention=m,
                  evidence=[f"描述中的数量: {m.context}{m.value}{m.unit}", "按描述用词生成"])
        if d.key not in have:
            have.add(d.key)
            out.append(d)
    return out


def label_name(m: Mention) -> str | None:
    """The label before the figure when it ends on the figure's own unit and counts no object the reader found
    (情景教学或外训批次6批次 → 情景教学或外训批次); None otherwise, or when the label is under two Chinese characters
    before its unit, holds a digit or is longer than `naming.MAX_NAME`."""
    from kb.suggest.naming import MAX_NAME

    unit = m.unit[1:] if len(m.unit) > 2 and m.unit[0] == "万" else m.unit
    if m.obj or unit not in LABEL_UNITS or not m.context.endswith(unit):
        return None
    label = _LABEL_LEAD.sub("", m.context)
    head = label[:-len(unit)]
    if len(head) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", label) or len(label) > MAX_NAME:
        return None
    return label
