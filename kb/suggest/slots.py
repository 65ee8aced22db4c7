"""The slots of a draft 绩效目标表 and how many suggestions each deserves.

A table covers 产出 (数量/质量/时效), 成本, 效益 (经济/社会/生态/可持续影响)
and 满意度 (财预〔2015〕88号 indicator framework; 成本 as its own 一级 since
财预〔2021〕101号). The weights are the share of indicator rows each slot
holds in published tables (the 562 rows of ../shared/data/declarations/
dev.jsonl: 数量 37 %, 质量 15 %, 成本 8 %, 时效 7.5 %, 社会效益 6 %,
满意度 6 %, 经济效益 3.5 %, 可持续影响 3 %, 生态效益 2 %); the flat
suggestion list interleaves slots by these weights (D'Hondt), so the first
ten suggestions look like a real table's mix. 满意度 weighs double its row
share: nearly every table has exactly one satisfaction row, so its first
candidate is worth a place among the first ten.
"""
from __future__ import annotations

from dataclasses import dataclass

from kb.domain.schema import Level1, Level2


@dataclass(frozen=True)
class Slot:
    """One (一级, 二级) position of the table; `level2s` are the Level2 values it takes."""

    key: str
    level1: Level1
    level2: Level2
    level2s: tuple[Level2, ...]
    weight: float


SLOTS: tuple[Slot, ...] = (
    Slot("quantity", Level1.output, Level2.quantity, (Level2.quantity,), 0.37),
    Slot("quality", Level1.output, Level2.quality, (Level2.quality,), 0.15),
    Slot("timeliness", Level1.output, Level2.timeliness, (Level2.timeliness,), 0.075),
    Slot("cost", Level1.cost, Level2.economic_cost,
         (Level2.output_cost, Level2.economic_cost, Level2.social_cost, Level2.ecological_cost), 0.08),
    Slot("economic_benefit", Level1.benefit, Level2.economic_benefit, (Level2.economic_benefit,), 0.035),
    Slot("social_benefit", Level1.benefit, Level2.social_benefit, (Level2.social_benefit,), 0.06),
    Slot("ecological_benefit", Level1.benefit, Level2.ecological_benefit, (Level2.ecological_benefit,), 0.02),
    Slot("sustainable_impact", Level1.benefit, Level2.sustainable_impact, (Level2.sustainable_impact,), 0.03),
    Slot("satisfaction", Level1.satisfaction, Level2.beneficiary_satisfaction,
         (Level2.beneficiary_satisfaction,), 0.12),
)

SLOT_OF_LEVEL2: dict[str, Slot] = {l2.value: s for s in SLOTS for l2 in s.level2s}

# slots every table should have even without a lexical match (a generic candidate is offered)
REQUIRED_SLOTS = ("quantity", "quality", "timeliness", "cost", "social_benefit", "satisfaction")


def interleave(slot_lists: dict[str, list], limit: int) -> list:
    """Merge per-slot ranked lists into one list by slot weight (D'Hondt quotas).

    At each position the slot with the largest weight / (taken + 1) among
    slots with candidates left contributes its next candidate.
    """
    weights = {s.key: s.weight for s in SLOTS}
    order = [s.key for s in SLOTS]
    taken = {k: 0 for k in slot_lists}
    out = []
    while len(out) < limit:
        live = [k for k, v in slot_lists.items() if taken[k] < len(v)]
        if not live:
            break
        k = max(live, key=lambda s: (weights.get(s, 0.01) / (taken[s] + 1), -order.index(s) if s in order else 0))
        out.append(slot_lists[k][taken[k]])
        taken[k] += 1
    return out
