"""Counts and rates the text names by a label of its own, where the object reader finds none (issue 10, round 5).

A target list writes a row's name and value together (情景教学或外训批次6批次): the words before the figure end on
the figure's own unit, a count of things done (批次, 人次, 场次 …). The object reader cuts such a label at 或 / 和 and
finds no object, so no row was formed and the figure was lost; the label is the name (情景教学或外训批次 ≥ 6 批次;
the real table D023 names it so). A rate in % whose label ends on 率 / 进度 is named so too when no library row took
it (报告称'资金拨付进度100%' → 资金拨付进度 = 100 %, filed as the checker files the name: 时效; real table E043) —
never a share of the budget (执行率, 预算支出进度).

Not done: a count of incidents whose kind follows the figure (防火期共接报处置15起森林草原火灾 → 森林草原火灾起数):
the figure is what happened, and a row 森林草原火灾起数 ≥ 15 起 asks for more fires (measured, and dropped).

Pure over the project context and the gathered pool; never for a figure a gathered row already carries or the
budget. Added after gathering and binding (`engine.counts_named_by_the_text`), so the ranker's training pools are
untouched.
"""
from __future__ import annotations

import re

from kb.checker.rewrite import guess_level
from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.garbled_names import REPORTING_LEAD
from kb.suggest.objects import Mention

# units of counted things a label may end on (批次, 人次, 场次, 户次 …): the label then names the measure itself
LABEL_UNITS = frozenset("批次 人次 场次 户次 车次 架次 台次 期次".split())
# a rate's label: what the text reports or targets in % ends on 率 / 进度 (资金拨付进度100%)
_RATE_LABEL_END = ("率", "进度")
# a share of the budget spent is the budget's own figure, no row of the table (执行率100%, 预算支出进度)
_BUDGET_WORDS = ("执行", "预算", "支出", "得分", "权重")
# a label opens on a word of the list's form or of how the text says it, not of its content (其中, 目标1, 报告称,
# 确保, 力争) — dropped (the lead-ins of reporting are `garbled_names.REPORTING_LEAD`, one list)
_LABEL_LEAD = re.compile(r"^(?:" + REPORTING_LEAD + r"|其中|目标[一二三四五六七八九十\d]*|年度绩效目标|绩效目标|全年|累计|"
                         r"确保|保障(?!性)|保证|力争|争取|实现|要求|做到|预计)+")


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
        name, level2 = label_name(m), "quantity"
        if not name:
            name = rate_label_name(m)
            if not name:
                continue
            level2 = guess_level(name)[1].value
        d = Draft(name=name, level2=level2, source="formed", unit=m.unit, direction="positive", mention=m,
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


def rate_label_name(m: Mention) -> str | None:
    """The label before a figure in % when it ends on 率 / 进度 and the reader found no object (报告称'资金拨付进度
    100%' → 资金拨付进度, real table E043); None for a share of the budget (执行率, 预算, 支出: the budget's figure),
    a label under three Chinese characters or longer than `naming.MAX_NAME`."""
    from kb.suggest.naming import MAX_NAME

    if m.obj or m.unit != "%" or not m.context.endswith(_RATE_LABEL_END):
        return None
    label = _LABEL_LEAD.sub("", m.context)
    if len(label) < 4 or len(label) > MAX_NAME or not re.fullmatch(r"[\u4e00-\u9fff]+", label):
        return None
    return None if any(w in label for w in _BUDGET_WORDS) else label
