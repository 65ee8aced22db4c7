"""The framework's enums: libraries, 一级/二级指标, direction, status, with Chinese labels.

Enum *values* are the English identifiers of ../shared/GLOSSARY.md; `.label`
gives the Chinese label users see; `parse_labeled` accepts either. Level
labels as people write them (产出目标, 预期产出指标 …) are parsed by
`kb.domain.levels`. Not for models (see `kb.domain.schema`).
"""
from __future__ import annotations

import sys
from enum import Enum
from typing import Any

from kb.domain.text import normalize


class LabeledEnum(str, Enum):
    """A str enum whose members carry their Chinese label (made by `labeled_enum`).

    The value is the English identifier (GLOSSARY.md); `.label` is what users see;
    `parse_labeled` accepts either. Every labelled enum of the project is one, declared
    as a table identifier → label, so a label is written once, beside its member.
    """

    def __new__(cls, value: str, label: str = ""):
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj._label = label or value
        return obj

    @property
    def label(self) -> str:
        return self._label

    def __str__(self) -> str:  # pragma: no cover - cosmetic
        return self.value


def labeled_enum(name: str, doc: str, labels: dict[str, str]) -> type[LabeledEnum]:
    """A `LabeledEnum` called `name` with one member per entry of `labels` (identifier →
    Chinese label); the identifier is the member's name and its value. `doc` is its docstring
    (the OpenAPI description of the enum)."""
    module = sys._getframe(1).f_globals["__name__"]  # the caller's, as Enum's own functional API does
    enum = LabeledEnum(name, [(k, (k, label)) for k, label in labels.items()], module=module, qualname=name)
    enum.__doc__ = doc
    return enum


Library = labeled_enum("Library", "基础指标库 (`basic`) or 单位指标库 (`unit`).",
                  {"basic": "基础指标库", "unit": "单位指标库"})
Level1 = labeled_enum("Level1", "一级指标. 成本 became a 一级指标 with 财预〔2021〕101号.", {
    "output": "产出指标", "cost": "成本指标", "benefit": "效益指标", "satisfaction": "满意度指标"})
Level2 = labeled_enum("Level2", "二级指标 under each 一级指标 (88号 and 101号 frameworks).", {
    "quantity": "数量指标", "quality": "质量指标", "timeliness": "时效指标", "output_cost": "成本指标",
    "economic_cost": "经济成本指标", "social_cost": "社会成本指标", "ecological_cost": "生态环境成本指标",
    "economic_benefit": "经济效益指标", "social_benefit": "社会效益指标", "ecological_benefit": "生态效益指标",
    "sustainable_impact": "可持续影响指标", "beneficiary_satisfaction": "服务对象满意度指标"})
Direction = labeled_enum("Direction", "How an actual compares to the target: 正向 (higher is better), 反向, 等于, 定性.", {
    "positive": "正向", "negative": "反向", "equal": "等于", "qualitative": "定性"})
Stage = labeled_enum("Stage", "A stage of the performance lifecycle (全过程预算绩效管理).", {
    "declaration": "事前申报", "monitoring": "事中监控", "evaluation": "事后评价", "feedback": "结果反馈"})
Status = labeled_enum("Status", "Status of a library indicator: 有效 or 已停用.",
                 {"active": "有效", "deprecated": "已停用"})
DeclarationState = labeled_enum("DeclarationState", "State of a 事前申报 (the page's labels.js STATES says the same).", {
    "draft": "草稿", "submitted": "已提交待审核", "returned": "已退回", "approved": "审核通过"})
DeclarationAction = labeled_enum("DeclarationAction", "A state change of a 事前申报 (`return` is DeclarationAction['return']).", {
    "submit": "提交", "return": "退回", "approve": "审核通过"})


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


def parse_labeled(enum: type[LabeledEnum], v: Any) -> Any:
    """`v` as a member of `enum` when it is the identifier or the Chinese label (after normalisation), else `v`."""
    if v is None or isinstance(v, enum):
        return v
    t = normalize(str(v))
    for m in enum:
        if t in (m.value, m.label):
            return m
    return v  # let pydantic raise its own error naming the allowed values


