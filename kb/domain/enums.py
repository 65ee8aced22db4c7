"""The framework's enums: libraries, 一级/二级指标, direction, status, with Chinese labels.

Enum *values* are the English identifiers of ../shared/GLOSSARY.md; `.label`
gives the Chinese label users see; `parse_labeled` accepts either. Level
labels as people write them (产出目标, 预期产出指标 …) are parsed by
`kb.domain.levels`. Not for models (see `kb.domain.schema`).
"""
from __future__ import annotations

from enum import Enum
from typing import Any

from kb.domain.text import normalize


class _Labeled(str, Enum):
    """A str enum with a Chinese label and tolerant parsing."""

    @property
    def label(self) -> str:
        return _LABELS[self]

    def __str__(self) -> str:  # pragma: no cover - cosmetic
        return self.value


class Library(_Labeled):
    """基础指标库 (`basic`) or 单位指标库 (`unit`)."""

    basic = "basic"
    unit = "unit"


class Level1(_Labeled):
    """一级指标. 成本 became a 一级指标 with 财预〔2021〕101号."""

    output = "output"
    cost = "cost"
    benefit = "benefit"
    satisfaction = "satisfaction"


class Level2(_Labeled):
    """二级指标 under each 一级指标 (88号 and 101号 frameworks)."""

    quantity = "quantity"
    quality = "quality"
    timeliness = "timeliness"
    output_cost = "output_cost"
    economic_cost = "economic_cost"
    social_cost = "social_cost"
    ecological_cost = "ecological_cost"
    economic_benefit = "economic_benefit"
    social_benefit = "social_benefit"
    ecological_benefit = "ecological_benefit"
    sustainable_impact = "sustainable_impact"
    beneficiary_satisfaction = "beneficiary_satisfaction"


class Direction(_Labeled):
    """How an actual compares to the target: 正向 (higher is better), 反向, 等于, 定性."""

    positive = "positive"
    negative = "negative"
    equal = "equal"
    qualitative = "qualitative"


class Status(_Labeled):
    active = "active"
    deprecated = "deprecated"


_LABELS: dict[Enum, str] = {
    Library.basic: "基础指标库", Library.unit: "单位指标库",
    Level1.output: "产出指标", Level1.cost: "成本指标", Level1.benefit: "效益指标",
    Level1.satisfaction: "满意度指标",
    Level2.quantity: "数量指标", Level2.quality: "质量指标", Level2.timeliness: "时效指标",
    Level2.output_cost: "成本指标", Level2.economic_cost: "经济成本指标",
    Level2.social_cost: "社会成本指标", Level2.ecological_cost: "生态环境成本指标",
    Level2.economic_benefit: "经济效益指标", Level2.social_benefit: "社会效益指标",
    Level2.ecological_benefit: "生态效益指标", Level2.sustainable_impact: "可持续影响指标",
    Level2.beneficiary_satisfaction: "服务对象满意度指标",
    Direction.positive: "正向", Direction.negative: "反向", Direction.equal: "等于",
    Direction.qualitative: "定性",
    Status.active: "有效", Status.deprecated: "已停用",
}

# Level2 → its Level1 (output_cost sits under 产出 in the 88号 framework)
LEVEL2_PARENT: dict[Level2, Level1] = {
    Level2.quantity: Level1.output, Level2.quality: Level1.output,
    Level2.timeliness: Level1.output, Level2.output_cost: Level1.output,
    Level2.economic_cost: Level1.cost, Level2.social_cost: Level1.cost,
    Level2.ecological_cost: Level1.cost,
    Level2.economic_benefit: Level1.benefit, Level2.social_benefit: Level1.benefit,
    Level2.ecological_benefit: Level1.benefit, Level2.sustainable_impact: Level1.benefit,
    Level2.beneficiary_satisfaction: Level1.satisfaction,
}


def parse_labeled(enum: type[_Labeled], v: Any) -> Any:
    """`v` as a member of `enum` when it is the identifier or the Chinese label (after normalisation), else `v`."""
    if v is None or isinstance(v, enum):
        return v
    t = normalize(str(v))
    for m in enum:
        if t in (m.value, m.label):
            return m
    return v  # let pydantic raise its own error naming the allowed values


