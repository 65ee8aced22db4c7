"""Cell helpers shared by the .xlsx writers: text-only cells and all-or-nothing saving.

Not for layout (each writer owns its sheet).
"""
from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from kb.errors import DataError

TEXT_FORMAT = "@"  # Excel's 文本 number format: what staff type in later stays text too


def text_cell(ws: Any, row: int, col: int, value: Any) -> Any:
    """Write `value` as a text cell (never a formula, never a number); None → empty text cell.

    openpyxl turns any string starting with '=' into a formula; forcing the
    data type to string writes it as an inline string instead.
    """
    c = ws.cell(row, col)
    if value is None:
        text = ""
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    c.value = text
    c.data_type = "s"
    c.number_format = TEXT_FORMAT
    return c


def workbook_bytes(wb: Any) -> bytes:
    """The workbook as .xlsx bytes (for HTTP responses)."""
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


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


def save_atomic(wb: Any, path: str | Path) -> Path:
    """Save `wb` to `path` all or nothing (a temporary file renamed over it); DataError when it cannot be written."""
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
