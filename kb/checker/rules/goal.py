"""GOAL rules (GOAL-01, GOAL-02): the 总体目标 / 年度目标 text above the indicator table.

A goal row is one whose 一级指标 is a goal label (总体目标, 年度目标, 中期目标,
绩效目标 …) with no 二级指标 and no value; its text sits in `name`
(RULES.md §1). List numbering such as "1." does not count as quantification.
Not for rewrites.
"""
from __future__ import annotations

import re

from kb.checker import lexicon as L
from kb.checker.catalog import RuleHit, rule
from kb.checker.parse import ParsedRow
from kb.settings import CheckerSettings

_ENUM_RE = re.compile(r"(?:^|(?<=[;；。,，:：]))\s*[(（]?\d{1,2}[.、)）](?!\d)")
_DIGIT_RE = re.compile(r"\d")


def goal_quantified(text: str) -> bool:
    """True when the goal text holds a number other than list numbering."""
    return bool(_DIGIT_RE.search(_ENUM_RE.sub("", text)))


@rule("GOAL-01", on="goal", fields=("name",))
def goal_01(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Goal text with no number: no quantity, standard, deadline or effect stated."""
    if r.name and not goal_quantified(r.name):
        return RuleHit("name", "目标文字没有任何量化内容（数量、质量标准、时限或效果）")
    return None


@rule("GOAL-02", on="goal", fields=("name",))
def goal_02(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Goal text restating activities or money (经费, 结算, 检查, 完成…工作 …) instead of outputs and effects."""
    m = L.GOAL_ACT_RE.search(r.name) if r.name else None
    if m:
        return RuleHit("name", f"目标复述工作内容或资金安排（“{m.group()}”），没有说明产出和效果")
    return None
