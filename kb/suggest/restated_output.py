"""After ranking: a benefit count that restates an output count is set aside beside another benefit row (trial 18).

A reviewer of trial 18 struck 受益农户户数 ≥ 1700 户 under 效益 in a toilet renovation that renovates 1700 户 (产出:
农村卫生户厕改造户数 ≥ 1700 户): each household renovated is the household that benefits, so the row counts the
output again, while 受益人口数量 ≥ 5100 人 beside it carries the benefit. A shown benefit count of beneficiaries
(`_BENEFICIARIES`: 受益…户数 / 人数) holding the same figure and unit as a shown output quantity, the text writing
that figure a second time for the beneficiaries (改造…1700户 … 受益农户1700户), is set aside
(an alternate, the reason in its evidence) when another shown benefit row remains, so no benefit slot is emptied.
Run after ranking: the ranker's training is untouched.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier
from kb.suggest.table import group_of

WHY = "与产出指标“{name}”同一数量（{value}{unit}），效益中重复计数，仅作备选"

# a count of those who benefit: 受益农户户数, 受益群众人数, 受益户数
_BENEFICIARIES = re.compile(r"^受益[\u4e00-\u9fff]{0,6}(?:户数|人数|数量|人口)$")


def _figure(d: Draft) -> tuple[str, str]:
    return d.value, d.value_unit or d.unit


def set_aside_benefit_restating_output(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside each shown benefit count of beneficiaries in `pool` (ranked drafts of one project) whose value and
    unit a shown output quantity row holds, when another shown benefit row stays (module docstring). In place;
    `ctx` is read for nothing but kept for the passes' one signature; no error."""
    from kb.suggest.dedupe import set_aside

    shown = [d for d in pool if d.tier != Tier.ALTERNATE and d.name and d.value]
    outputs = [d for d in shown if d.slot == "quantity" and d.value_source == "text" and d.mention is not None]
    for d in shown:
        if group_of(d.slot) != "benefit" or not _BENEFICIARIES.match(d.name) or d.value_source != "text" \
                or d.mention is None:
            continue
        # the text states the figure twice (改造…1700户 … 受益农户1700户): one figure read by two rows is no restating
        same = next((q for q in outputs if _figure(q) == _figure(d) and q.mention.start != d.mention.start), None)
        others = [b for b in pool if b is not d and b.tier != Tier.ALTERNATE and b.name
                  and group_of(b.slot) == "benefit" and not b.pending]
        if same is not None and others:
            set_aside(d, WHY.format(name=same.name, value=d.value, unit=_figure(d)[1]))
