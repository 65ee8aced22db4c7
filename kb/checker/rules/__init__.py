"""The rule catalog as code: one module per rule family, each rule a unit.

A family module holds, for each of its rules, the detection (a pure function
registered with `kb.checker.catalog.rule` under its catalog id), what the
rule's suggestion speaks about and how it is fixed (`fields`, `retarget`,
`deletes`, `fix_text`, or a `table_fix` function beside a table rule). The
catalog's metadata (severity, scope, dimension, basis) stays data in
`kb.checker.catalog`. Adding a rule touches its family module and its test.

`FAMILIES` is the order in which families report on one row: findings of a
row come in this order, rule by rule as each module registers them.
"""
from __future__ import annotations

from kb.checker.rules import (  # noqa: F401  (importing a family registers its rules)
    cost, feasibility, goal, operator, quantification, relevance, satisfaction, structure, text, timeliness,
    unit,
)

FAMILIES = ("unit", "quantification", "structure", "goal", "relevance", "cost", "feasibility", "operator",
            "satisfaction", "text", "timeliness")
