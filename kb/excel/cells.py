"""Cell helpers shared by the .xlsx writers: text-only cells and all-or-nothing saving.

Not for layout (each writer owns its sheet).
"""
from __future__ import annotations

import io
from typing import Any

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
