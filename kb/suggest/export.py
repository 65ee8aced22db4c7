"""A suggested table as the .xlsx a declarant hands in (openpyxl).

Sheet 绩效目标表: title, 项目名称 and 预算(万元) lines, then the usual columns
一级指标 | 二级指标 | 三级指标 | 指标值 | 计量单位 | 指标解释 | 设定依据 | 分值, with
一级 and 二级 cells merged down their blocks. 指标值 holds the operator
(≥300, ≤45, 定性:好) or 待填写. Sheet 备选指标 lists the alternates per slot.
Every cell is written as text, never as a formula: a value such as `=0次`
stays the characters `=0次` (data type forced to string). 分值 splits 100
points as `SCORES` (产出 50, 成本 10, 效益 30, 满意度 10 — our default; local
rules may set others), evenly within each 一级指标, whole numbers summing to
100. Not for checked tables with findings (`kb.checker.export`).
"""
from __future__ import annotations

import io
from pathlib import Path

from kb.errors import DataError, write_failure

COLUMNS = ["一级指标", "二级指标", "三级指标", "指标值", "计量单位", "指标解释", "设定依据", "分值"]
SCORES = {"output": 50, "cost": 10, "benefit": 30, "satisfaction": 10}
WIDTHS = [12, 16, 34, 14, 10, 40, 28, 8]


def target_cell(c) -> str:
    """指标值 cell: operator + value (定性:value for qualitative), or 待填写."""
    if not c.value:
        return "待填写"
    if c.operator == "定性":
        return f"定性:{c.value}"
    return f"{c.operator}{c.value}"


def scores(rows: list) -> list[int]:
    """分值 per row: SCORES per 一级指标 split evenly, whole numbers summing to 100 (largest remainders,
    first rows first on ties).

    一级指标 without rows give their points to the others in proportion. A row left 待填写 (no value)
    gets at most the table's even share (100 ÷ rows): one blank 优抚对象生活水平 held all 30 points of
    效益 (D042 fresh trial); what it gives up goes to the rows with a value of its 一级指标, else to every
    row with a value in proportion.
    """
    present = {r.level1 for r in rows}
    base = {k: v for k, v in SCORES.items() if k in present}
    total = sum(base.values()) or 1
    share = [0.0] * len(rows)
    for k, v in base.items():
        mine = [i for i, r in enumerate(rows) if r.level1 == k]
        for i in mine:
            share[i] = v * 100 / total / len(mine)
    _cap_blank_rows(rows, share)
    whole = [int(x) for x in share]
    order = sorted(range(len(rows)), key=lambda i: (-(share[i] - whole[i]), i))
    for i in order[:100 - sum(whole)] if rows else []:
        whole[i] += 1
    return whole


def _cap_blank_rows(rows: list, share: list[float]) -> None:
    """Move what a 待填写 row holds above the even share to the rows with a value (in place)."""
    even = 100 / len(rows) if rows else 0.0
    valued = [i for i, r in enumerate(rows) if r.value]
    if not valued:
        return
    for i, r in enumerate(rows):
        if r.value or share[i] <= even:
            continue
        surplus, share[i] = share[i] - even, even
        takers = [j for j in valued if rows[j].level1 == r.level1] or valued
        weight = sum(share[j] for j in takers) or 1.0
        for j in takers:
            share[j] += surplus * share[j] / weight


def write_xlsx(result, path: str | Path | None = None, *, project_name: str = "") -> bytes:
    """The workbook of a `SuggestResult` (bytes); also written to `path` when given.

    Raises DataError when there is no table (not confident) or the file cannot be written.
    """
    from openpyxl import Workbook

    if not result.confident or not result.default_table:
        raise DataError("没有可导出的绩效目标表(描述中没有足够相关的内容)", field="description")
    wb = Workbook()
    ws = wb.active
    ws.title = "绩效目标表"
    _main_sheet(ws, result, project_name)
    _alternates_sheet(wb.create_sheet("备选指标"), result)
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    if path is not None:
        try:
            Path(path).write_bytes(data)
        except OSError as e:
            raise write_failure(e, path) from None
    return data


def _text(ws, row: int, col: int, value) -> None:
    """Write `value` as a text cell (`kb.io.xlsx_cells.text_cell`: never a formula, never a number)."""
    from kb.io.xlsx_cells import text_cell

    text_cell(ws, row, col, value)


def _main_sheet(ws, result, project_name: str) -> None:
    from openpyxl.styles import Alignment, Font

    _text(ws, 1, 1, "项目支出绩效目标表")
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    _text(ws, 2, 1, "项目名称")
    _text(ws, 2, 2, project_name)
    _text(ws, 3, 1, "预算(万元)")
    _text(ws, 3, 2, "" if result.budget_wan is None else f"{result.budget_wan:g}")
    for j, h in enumerate(COLUMNS, start=1):
        _text(ws, 5, j, h)
        ws.cell(5, j).font = Font(bold=True)
    rows = result.default_table
    for i, (c, s) in enumerate(zip(rows, scores(rows)), start=6):
        for j, v in enumerate((c.level1_label, c.level2_label, c.name, target_cell(c), c.unit,
                               c.explanation or c.note, c.basis, str(s)), start=1):
            _text(ws, i, j, v)
            ws.cell(i, j).alignment = Alignment(wrap_text=True, vertical="center")
    _merge_blocks(ws, rows, first=6)
    for j, w in enumerate(WIDTHS, start=1):
        ws.column_dimensions[chr(64 + j)].width = w


def _merge_blocks(ws, rows: list, first: int) -> None:
    """Merge equal 一级 (column A) and 二级 (column B) cells down their runs."""
    for col, key in ((1, lambda c: c.level1_label), (2, lambda c: (c.level1_label, c.level2_label))):
        start = 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or key(rows[i]) != key(rows[start]):
                if i - start > 1:
                    ws.merge_cells(start_row=first + start, start_column=col, end_row=first + i - 1, end_column=col)
                start = i


def _alternates_sheet(ws, result) -> None:
    for j, h in enumerate(("一级指标", "二级指标", "三级指标", "指标值", "计量单位", "设定依据"), start=1):
        _text(ws, 1, j, h)
    r = 2
    for cands in result.alternates.values():
        for c in cands:
            for j, v in enumerate((c.level1_label, c.level2_label, c.name, target_cell(c), c.unit, c.basis),
                                  start=1):
                _text(ws, r, j, v)
            r += 1
