"""The checker's test rows: one row as a declarant writes it, and a table's findings keyed by (row, rule id)."""
from __future__ import annotations

from kb.checker import check_rows
from kb.domain.findings import CheckFinding
from kb.domain.schema import TargetRow


def row(l1: str, l2: str, name: str, op: str, value: str, unit: str) -> TargetRow:
    """A TargetRow from its six cells (一级, 二级, 三级, operator, value, unit) as written."""
    return TargetRow(level1=l1, level2=l2, name=name, operator=op, value=value, unit=unit)


def found(rows: list[TargetRow], **ctx) -> dict[tuple[int | None, str], CheckFinding]:
    """The findings of `rows` checked with `ctx` as the table's context, by (row number or None, rule id)."""
    rep = check_rows(rows, context=ctx)
    return {(f.row, f.rule_id): f for f in rep.findings}
