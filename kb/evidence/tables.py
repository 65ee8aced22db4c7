"""Read the cells of .xlsx sheets and .csv files, bounded, for indexing and for imports.

.xlsx: openpyxl in read-only mode (values, not formulas), after the zip-bomb
guard (`kb.evidence.sniff.check_zip`); only the used range is read, capped
at `max_sheet_rows` rows and `max_sheet_cols` columns (`settings.evidence`);
a date under one of Excel's built-in Chinese date formats (2024年12月31日 kept
as a serial) is read as the date it shows (`kb.io.xlsx_cells.sheet_cell_value`).
.csv: decoded as UTF-8 (with or without BOM) or GB18030, the delimiter
(comma, tab or semicolon) sniffed from the first lines. Row numbers are
1-based, as a person counts rows in the file; trailing empty cells are cut.
Not for understanding the rows (see `kb.evidence.extract`, `kb.archive.vouchers`).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.errors import DataError


@dataclass
class Sheet:
    """One sheet: its name ('' for a CSV), its non-empty rows as (1-based row number, cells),
    whether rows past the cap were left unread, and the first value cell past the caps
    ('XFD1048576'; '' when none or unknown, as for a CSV)."""

    name: str
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    truncated: bool = False
    beyond_cell: str = ""


def _trim(cells) -> list[Any]:
    vals = [None if (c is None or (isinstance(c, str) and not c.strip())) else c for c in cells]
    while vals and vals[-1] is None:
        vals.pop()
    return vals


def read_sheets(path: Path, ftype: str, settings, *, filename: str = "") -> list[Sheet]:
    """The sheets of an .xlsx (`ftype` 'xlsx') or the one table of a .csv ('csv').

    `settings` is `Settings.evidence`. Raises DataError naming the file when
    it cannot be read.
    """
    fname = filename or Path(path).name
    if ftype == "csv":
        return [_read_csv(path, settings, fname)]
    if ftype != "xlsx":
        raise DataError(f"不是表格文件（{ftype}）", file=fname)
    from kb.evidence.sniff import check_zip

    extent = check_zip(Path(path), settings)  # where each worksheet part's values lie
    import openpyxl

    from kb.io.xlsx_cells import sheet_cell_value

    fh = open(path, "rb")  # a file object: openpyxl refuses paths without an .xlsx suffix
    try:
        wb = openpyxl.load_workbook(fh, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many types for a broken file
        fh.close()
        raise DataError(f"不是有效的 .xlsx 文件: {type(e).__name__}", file=fname) from None
    out = []
    try:
        for ws in wb.worksheets:
            sh = Sheet(name=str(ws.title))
            cap = settings.max_sheet_rows
            # the sheet's own dimension is not trusted (whole formatted columns reach row 1048576):
            # rows are read up to the last one within the caps holding a value (found by the zip guard,
            # so a lone far cell such as XFD1048576 costs nothing), and a sheet is truncated when a
            # value lies past the caps
            ext = extent.get(str(getattr(ws, "_worksheet_path", "")).lstrip("/"))
            if ext is not None:
                sh.truncated, sh.beyond_cell = ext.beyond, ext.beyond_cell
                bound = ext.last_row
            else:  # a part the guard did not see (never for a well-formed package): walk to the cap
                bound = cap
            for r, cells in enumerate(ws.iter_rows(min_row=1, max_row=max(bound, 1), max_col=settings.max_sheet_cols), 1):
                vals = _trim([sheet_cell_value(c) for c in cells])
                if vals:
                    sh.rows.append((r, vals))
            out.append(sh)
    except DataError:
        raise
    except Exception as e:  # a sheet whose XML is broken
        raise DataError(f"读取 .xlsx 失败: {type(e).__name__}", file=fname) from None
    finally:
        wb.close()
        fh.close()
    return out


def decode_text(raw: bytes, fname: str) -> str:
    """`raw` decoded as UTF-8 (BOM or not) or GB18030; DataError naming the file otherwise."""
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise DataError("无法按 UTF-8 或 GB18030 解码", file=fname)


def _read_csv(path: Path, settings, fname: str) -> Sheet:
    text = decode_text(Path(path).read_bytes(), fname)
    sample = text[:4096]
    try:
        delim = csv.Sniffer().sniff(sample, delimiters=",\t;").delimiter
    except csv.Error:
        delim = ","
    sh = Sheet(name="")
    try:
        for r, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delim), 1):
            if r > settings.max_sheet_rows:
                sh.truncated = True
                break
            vals = _trim([c.strip() for c in cells[: settings.max_sheet_cols]])
            if vals:
                sh.rows.append((r, vals))
    except csv.Error as e:
        raise DataError(f"CSV 格式错误: {e}", file=fname) from None
    return sh


def iso_cell_text(v: Any) -> str:
    """A cell as text: dates as YYYY-MM-DD, whole floats without '.0', others str()."""
    import datetime as _dt

    if v is None:
        return ""
    if isinstance(v, _dt.datetime):
        return v.date().isoformat() if v.time() == _dt.time() else v.isoformat(sep=" ")
    if isinstance(v, _dt.date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()
