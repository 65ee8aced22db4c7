"""Pair the items of a monitoring report or an evaluation with the declared target rows.

An item names its row by 1-based `row` or by `name`; errors name the field
with items counted from 1 (`rows[3].row` is the third item) and name rows
by their 1-based row number.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from kb.domain.messages import field_label
from kb.domain.text import normalize_name
from kb.errors import DataError
from kb.lifecycle.models import TargetRowRecord


def match_rows(rows: Sequence[TargetRowRecord], items: Sequence[Any], what: str) -> list[tuple[int, TargetRowRecord, Any]]:
    """Pair each item of `items` (by its 1-based `row` or its `name`) with a target row.

    Returns (0-based index in `items`, row, item). Error fields and messages
    count items from 1 (`rows[3].row`, `指标行第 3 项`, as the checker and the
    translated validation errors do) and name declaration rows by their
    1-based row number.
    """
    by_pos = {r.position: r for r in rows}
    by_name: dict[str, list[TargetRowRecord]] = defaultdict(list)
    for r in rows:
        by_name[normalize_name(r.name)].append(r)
    seen: set[int] = set()
    out = []
    for i, it in enumerate(items):
        field = f"{what}[{i + 1}]"
        item = f"{field_label(what)}第 {i + 1} 项"
        if it.row is not None:
            r = by_pos.get(it.row)
            if r is None:
                raise DataError(f"{item}：申报中没有第 {it.row} 行（共 {len(rows)} 行）", field=f"{field}.row")
        elif it.name:
            cands = by_name.get(normalize_name(it.name), [])
            if not cands:
                raise DataError(f"{item}：申报中没有名为“{it.name}”的指标", field=f"{field}.name")
            if len(cands) > 1:
                raise DataError(f"{item}：有多个名为“{it.name}”的指标（第 "
                                + "、".join(str(c.position) for c in cands) + " 行），请填写行号指明是哪一行",
                                field=f"{field}.row")
            r = cands[0]
        else:
            raise DataError(f"{item}：请填写行号（从 1 开始）或指标名称，指明是哪个指标", field=f"{field}.row")
        if r.position in seen:
            raise DataError(f"{item}：第 {r.position} 行“{r.name}”重复填报", field=f"{field}.row")
        seen.add(r.position)
        out.append((i, r, it))
    return out


def row_error(e: DataError, what: str, i: int, r: TargetRowRecord) -> DataError:
    """`e` with a message naming the declaration row (1-based) and, when it differs, the item (1-based)."""
    item = f"（{field_label(what)}第 {i + 1} 项）" if i + 1 != r.position else ""
    return DataError(f"第 {r.position} 行“{r.name}”{item}：{e.message}", field=e.field)
