"""The checked table as the declarant filled it: the input .xlsx (or CSV) with the review written beside its rows.

`jixiao check table.xlsx --out checked.xlsx` (without --fix) writes this: every row stays on the sheet row it
had, so the row number the terminal, the API and the findings' messages give (the sheet's own row, 第 N 行 as
Excel shows it) is the row of the written workbook too. The table's sheet gets two columns after its last
one, 审核意见 and 修改建议 (reused when the sheet already has them: a checked file checked again), and the
rows with findings are filled by their worst severity; a sheet 审核意见 lists every finding (replacing an
older one). A CSV input becomes a one-sheet workbook with its records on the same rows. Other sheets and
the declarant's cells are kept as they were; the cells written are text (`kb.io.xlsx_cells.text_cell`).

Not for JSON input (no sheet to keep: `kb.io.xlsx.export_xlsx`) nor for the rewritten table
(`kb.io.xlsx_table.write_declaration`).
"""
from __future__ import annotations

from pathlib import Path

from kb.domain.findings import SEVERITY_LABELS, SEVERITY_RANK, CheckReport
from kb.domain.schema import TableInput
from kb.errors import DataError

ANNOTATED = (".xlsx", ".xlsm", ".csv")  # inputs written back as they were, with the review beside the rows
_FILL = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
_COLUMNS = ("审核意见", "修改建议")


def annotate_input(src: str | Path, decl: TableInput, report: CheckReport, out: str | Path) -> Path:
    """Write `src` (the .xlsx / .xlsm / CSV file `decl` was read from, `report` its check) to `out` (.xlsx)
    with the review beside its rows, every row on the sheet row it had; returns `out`.

    Row numbers of `report` must be `decl.row_numbers` (the sheet's rows, as `read_table` gives them).
    Raises DataError when `src` is of another type or `out` cannot be written.
    """
    from kb.io.tables import csv_grid, header_row, sheet_grid
    from kb.io.xlsx_cells import fill_uncached_formulas, open_workbook, save_atomic

    p = Path(src)
    suffix = p.suffix.lower()
    if suffix not in ANNOTATED:
        raise DataError("只有 .xlsx / CSV 可在原表上写审核意见", file=str(p))
    if suffix == ".csv":
        from openpyxl import Workbook

        from kb.io.xlsx_cells import text_cell

        grid = csv_grid(p)
        wb = Workbook()
        ws = wb.active
        ws.title = "绩效目标表"
        for i, cells in enumerate(grid, 1):
            for j, v in enumerate(cells, 1):
                if v != "":
                    text_cell(ws, i, j, v)
    else:
        # values as `read_table` read them (a formula's cached result, an uncached one's constant or text)
        wb = fill_uncached_formulas(open_workbook(p, str(p)), p, str(p))
        ws = wb[_sheet_name(decl, wb)]
        grid = sheet_grid(ws)
    header = header_row(grid)
    _annotate_sheet(ws, header, report)
    if "审核意见" in wb.sheetnames:
        del wb["审核意见"]
    from kb.io.xlsx import SHEET_ROWS, write_findings

    numbers = list(decl.row_numbers or range(1, len(decl.rows) + 1))
    write_findings(wb.create_sheet("审核意见"), report, {n: r.name for n, r in zip(numbers, decl.rows)},
                   SHEET_ROWS.format(sheet=ws.title))
    return save_atomic(wb, out)


def _sheet_name(decl: TableInput, wb) -> str:
    """The sheet `decl` was read from (`TableInput.source` is `file#sheet`), else the first one."""
    name = decl.source.rsplit("#", 1)[1] if "#" in (decl.source or "") else ""
    return name if name in wb.sheetnames else wb.sheetnames[0]


def _annotate_sheet(ws, header: int, report: CheckReport) -> None:
    """审核意见 / 修改建议 in two columns after the table's last (or the sheet's own such columns), on each
    row a finding names, the row filled by its worst severity."""
    from openpyxl.cell.cell import MergedCell
    from openpyxl.styles import Alignment, Font, PatternFill

    from kb.io.xlsx_cells import text_cell

    cols = _review_columns(ws, header)
    for j, h in zip(cols, _COLUMNS):
        text_cell(ws, header, j, h).font = Font(bold=True)
    by_row: dict[int, list] = {}
    for f in report.findings:
        if f.row is not None:
            by_row.setdefault(f.row, []).append(f)
    for r in range(header + 1, ws.max_row + 1):  # a checked file checked again: no stale review stays
        for j in cols:
            if not isinstance(ws.cell(r, j), MergedCell) and ws.cell(r, j).value is not None and r not in by_row:
                ws.cell(r, j).value = None
    wrap = Alignment(wrap_text=True, vertical="top")
    for n, fs in by_row.items():
        notes = "\n".join(f"[{f.rule_id}·{SEVERITY_LABELS[f.severity]}] {f.message}" for f in fs)
        advice = "\n".join(dict.fromkeys(t for f in fs if (t := f.suggestion.text if f.suggestion else "")))
        for j, v in zip(cols, (notes, advice)):
            text_cell(ws, n, j, v).alignment = wrap
        fill = PatternFill("solid", fgColor=_FILL[max(fs, key=lambda f: SEVERITY_RANK[f.severity]).severity])
        for j in range(1, cols[1] + 1):
            c = ws.cell(n, j)
            if not isinstance(c, MergedCell):
                c.fill = fill
    from openpyxl.utils import get_column_letter

    for j in cols:
        ws.column_dimensions[get_column_letter(j)].width = 44


def _review_columns(ws, header: int) -> tuple[int, int]:
    """The columns of 审核意见 and 修改建议: the header row's own when it has them, else the two after the
    last column holding a value or a merged range."""
    own = {str(c.value).strip(): c.column for c in ws[header] if c.value is not None}
    if all(h in own for h in _COLUMNS):
        return own[_COLUMNS[0]], own[_COLUMNS[1]]
    last = max([c for (_, c), cell in ws._cells.items() if cell.value is not None] +
               [rng.max_col for rng in ws.merged_cells.ranges] + [0])
    return last + 1, last + 2
