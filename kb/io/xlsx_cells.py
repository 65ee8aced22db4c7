"""Cell helpers shared by every .xlsx writer and reader: text-only cells, the frame of a
绩效目标表 sheet (title, project lines, header, bordered rows, 一级/二级 merged blocks),
all-or-nothing saving, cell values read back as text, opening an uploaded workbook.

Every cell we write is text (`text_cell`): a value such as `=0次` stays
text and never becomes a formula, so a file we hand out never executes.
Not for the columns of a sheet (each writer owns them: `kb.io.xlsx`,
`kb.io.xlsx_table`, `kb.io.xlsx_library`).
"""
from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kb.errors import DataError

TEXT_FORMAT = "@"  # Excel's 文本 number format: what staff type in later stays text too
TABLE_TITLE = "项目支出绩效目标表"
HEADER_FILL = "D9D9D9"  # the light grey of a header row


def number_text(x: float) -> str:
    """A number as people write it: `12`, `0.5`, `3.14159` (no trailing zeros, no exponent)."""
    if float(x) == int(x):
        return str(int(x))
    return f"{x:.6f}".rstrip("0").rstrip(".")


def text_cell(ws: Any, row: int, col: int, value: Any) -> Any:
    """Write `value` as a text cell (never a formula, never a number); None → empty text cell.

    openpyxl turns any string starting with '=' into a formula; forcing the
    data type to string writes it as an inline string instead.
    """
    c = ws.cell(row, col)
    if value is None:
        text = ""
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        text = number_text(value)
    else:
        text = str(value)
    c.value = text
    c.data_type = "s"
    c.number_format = TEXT_FORMAT
    return c


def cell_text(v: Any, number_format: str = "") -> str:
    """A cell's value as the text people see: numbers without trailing zeros, a % format as `95%`,
    dates as `2025年1月1日`, booleans as 是/否, None as ''."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, (dt.datetime, dt.date)):
        return f"{v.year}年{v.month}月{v.day}日"
    if isinstance(v, (int, float)):
        if "%" in (number_format or ""):
            return number_text(v * 100) + "%"
        return number_text(v)
    return str(v)


def header_cell(ws: Any, row: int, col: int, text: str) -> Any:
    """A bold header cell on the light grey of a header row."""
    from openpyxl.styles import Font, PatternFill

    c = text_cell(ws, row, col, text)
    c.font, c.fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    return c


def set_widths(ws: Any, widths: Sequence[float]) -> None:
    """Column widths (in characters), from column A on."""
    from openpyxl.utils import get_column_letter

    for j, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = w


def _border() -> Any:
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="999999")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def table_frame(ws: Any, header: Sequence[str], lines: Sequence[tuple[str, str]]) -> int:
    """Start a 绩效目标表 sheet: the title over the header's width, one `label | text` line per pair
    of `lines` (项目名称, 预算年度, goal texts …; the text merged to the right and wrapped), then the
    bold, bordered header row. Returns the header's row number; the table's rows follow it
    (`table_row`)."""
    from openpyxl.styles import Alignment, Font

    ncol = len(header)
    title = text_cell(ws, 1, 1, TABLE_TITLE)
    title.font, title.alignment = Font(bold=True, size=14), Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    line = 2
    for label, text in lines:
        text_cell(ws, line, 1, label).font = Font(bold=True)
        text_cell(ws, line, 2, text).alignment = Alignment(wrap_text=True, vertical="center")
        ws.merge_cells(start_row=line, start_column=2, end_row=line, end_column=ncol)
        line += 1
    border = _border()
    for j, h in enumerate(header, 1):
        c = header_cell(ws, line, j, h)
        c.border, c.alignment = border, Alignment(horizontal="center", vertical="center")
    return line


def table_row(ws: Any, row: int, values: Sequence[Any]) -> list[Any]:
    """One row of a 绩效目标表: text cells, thin borders, wrapped; returns the cells."""
    from openpyxl.styles import Alignment

    border, wrap = _border(), Alignment(wrap_text=True, vertical="center")
    cells = []
    for j, v in enumerate(values, 1):
        c = text_cell(ws, row, j, v)
        c.border, c.alignment = border, wrap
        cells.append(c)
    return cells


def merge_blocks(ws: Any, first: int, last: int) -> None:
    """Merge equal 一级 cells (column 1), and equal 二级 cells (column 2) within one 一级 block,
    down rows first..last: the usual layout of a 绩效目标表."""
    for col in (1, 2):
        start = first
        for r in range(first + 1, last + 2):
            same = r <= last and ws.cell(r, col).value == ws.cell(start, col).value and (
                col == 1 or ws.cell(r, 1).value == ws.cell(start, 1).value)
            if not same:
                if r - 1 > start and ws.cell(start, col).value:
                    ws.merge_cells(start_row=start, start_column=col, end_row=r - 1, end_column=col)
                start = r


def workbook_bytes(wb: Any) -> bytes:
    """The workbook as .xlsx bytes (for HTTP responses)."""
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def save_atomic(wb: Any, path: str | Path) -> Path:
    """Save `wb` to `path` all or nothing (a temporary file renamed over it: a crash mid-write leaves
    any old file intact); DataError when it cannot be written."""
    p = Path(path)
    tmp = p.with_name(f".{p.name}.tmp")
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        wb.save(tmp)
        os.replace(tmp, p)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise DataError(f"无法写入文件：{e.strerror}", file=str(p)) from e
    return p


def open_workbook(source: str | Path | bytes, file: str = "", *, read_only: bool = False,
                  formulas: bool = False) -> Any:
    """The openpyxl workbook of a path or of uploaded bytes; DataError naming `file` when it is no
    readable .xlsx. Cells hold values (a formula's cached result, never evaluated), or with
    `formulas=True` the formulas themselves (data_type "f"), for a reader that refuses them."""
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(source) if isinstance(source, bytes) else source,
                             read_only=read_only, data_only=not formulas)
    except Exception as e:  # zipfile.BadZipFile, InvalidFileException, OSError, KeyError …
        raise DataError(f"无法打开 Excel 文件（{type(e).__name__}）；请确认是 .xlsx 格式", file=file) from None
