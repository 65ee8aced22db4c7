"""Cell helpers shared by every .xlsx writer and reader: text-only cells, the frame of a
绩效目标表 sheet (title, project lines, header, bordered rows, 一级/二级 merged blocks),
all-or-nothing saving, cell values read back as text, opening an uploaded workbook.

Every cell we write is text (`text_cell`): a value such as `=0次` stays
text and never becomes a formula, so a file we hand out never executes. The
one exception is 分值 (a row's weight, `number_cell`): a number cell, so that
Excel's SUM over the column adds up to 100 instead of 0; a number is never
a formula.
Not for the columns of a sheet (each writer owns them: `kb.io.xlsx`,
`kb.io.xlsx_table`, `kb.io.xlsx_library`).
"""
from __future__ import annotations

import datetime as dt
import errno
import io
import math
import os
import re
import tempfile
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from kb.domain.text import strip_invisible
from kb.errors import DataError, write_failure

TEXT_FORMAT = "@"  # Excel's 文本 number format: what staff type in later stays text too
FORMULA_LEADS = ("=", "+", "-", "@")  # a cell text starting so is read as a formula when edited
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
    data type to string writes it as an inline string instead, and a text
    that starts as a formula would (= + - @, OWASP's list for spreadsheet
    injection) carries Excel's quote prefix too, so editing the cell later
    (F2, Enter) keeps it text: `=100` stays `=100`, a name
    `=HYPERLINK(…)` never becomes a live link. Characters a person cannot
    see (control characters, zero-width, bidi controls:
    `kb.domain.text.strip_invisible`) are dropped — Excel refuses the controls.
    """
    c = ws.cell(row, col)
    if value is None:
        text = ""
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        text = number_text(value)
    else:
        text = str(value)
    c.value = strip_invisible(text)  # control characters would make openpyxl refuse the cell
    c.data_type = "s"
    c.number_format = TEXT_FORMAT
    if c.value.startswith(FORMULA_LEADS):
        c.quotePrefix = True
    return c


def number_cell(ws: Any, row: int, col: int, value: float | int | None) -> Any:
    """Write `value` as a number cell (an int when whole, else a float; General format, so it reads back
    as written, `cell_text`): 分值, which Excel's SUM must add up. None → an empty text cell; anything
    that is not a finite number (a bool, text, nan) is written by `text_cell` — a cell we write holds a
    number or text, never a formula."""
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return text_cell(ws, row, col, value)
    c = ws.cell(row, col)
    c.value = int(value) if float(value) == int(value) else float(value)
    c.data_type = "n"
    c.number_format = "General"
    return c


def cell_text(v: Any, number_format: str = "") -> str:
    """A cell's value as the text people see: numbers rounded to the decimals the number format
    shows (1500.0000001 as `#,##0` → `1500`, without the thousands separator) and without trailing
    zeros, a % format as `95%`, dates as `2025年1月1日`, booleans as 是/否, None as ''."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, (dt.datetime, dt.date)):
        return f"{v.year}年{v.month}月{v.day}日"
    if isinstance(v, (int, float)):
        places = shown_decimals(number_format)
        if "%" in (number_format or ""):
            x = v * 100
            return number_text(round(x, places) if places is not None else x) + "%"
        return number_text(round(v, places) if places is not None and isinstance(v, float) else v)
    return str(v)


_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def shown_decimals(number_format: str) -> int | None:
    """How many decimals a number format shows (`#,##0` → 0, `0.00` → 2, `0.0%` → 1), or None when it
    does not fix them (General, text, scientific, fractions, thousands scaling)."""
    fmt = (number_format or "").strip()
    if not fmt or fmt.lower() == "general" or fmt == "@":
        return None
    sec = _LITERALS.sub("", fmt.split(";")[0])
    if (not re.search(r"[0#?]", sec) or re.search(r"[Ee][+-]", sec) or "/" in sec
            or re.search(r"[0#?],+(?![0#?])", sec)):
        return None
    m = re.search(r"\.([0#?]*)", sec)
    return len(m.group(1)) if m else 0


# Excel's built-in number formats of the Chinese locales that openpyxl does not know (ECMA-376
# Part 1, §18.8.30: ids 27–36 and 50–58 are locale-defined; in zh-CN they are dates and times such
# as yyyy"年"m"月", m"月"d"日", yyyy"年"m"月"d"日", h"时"mm"分"). The cell keeps a serial number.
_ZH_BUILTIN_DATES = {27: "ym", 28: "md", 29: "md", 30: "ymd", 31: "ymd", 32: "hm", 33: "hms", 34: "hm",
                     35: "hms", 36: "ym", 50: "ym", 51: "md", 52: "ym", 53: "md", 54: "md", 55: "hm",
                     56: "hms", 57: "ym", 58: "md"}


def _format_id(cell: Any) -> int | None:
    style = getattr(cell, "style_array", None) if not hasattr(cell, "_style") else cell._style
    return getattr(style, "numFmtId", None)


def _builtin_date(cell: Any) -> tuple[str, dt.datetime | dt.time] | None:
    """(kind, date or time) of a number cell under one of Excel's built-in Chinese date formats, else None."""
    v = getattr(cell, "value", None)
    if not isinstance(v, (int, float)) or isinstance(v, bool):
        return None
    kind = _ZH_BUILTIN_DATES.get(_format_id(cell))
    if kind is None:
        return None
    from openpyxl.utils.datetime import from_excel

    epoch = getattr(getattr(getattr(cell, "parent", None), "parent", None), "epoch", None)
    try:
        d = from_excel(v, epoch) if epoch is not None else from_excel(v)
    except (ValueError, OverflowError, TypeError):
        return None
    if isinstance(d, dt.timedelta) or d is None:
        return None
    return kind, d


def sheet_cell_value(cell: Any) -> Any:
    """A worksheet cell's value, with a number under one of Excel's built-in Chinese date formats (ids
    27–36, 50–58, left by openpyxl as a serial such as 45657) read as the datetime (or time) it shows;
    every other value as openpyxl reads it. For readers that need the value's type (a voucher's date,
    an amount); `sheet_cell_text` gives the text shown. Works for normal and read-only cells."""
    found = _builtin_date(cell)
    return found[1] if found else getattr(cell, "value", None)


def _builtin_date_text(kind: str, d: dt.datetime | dt.time) -> str | None:
    t = d if isinstance(d, dt.time) else d.time() if isinstance(d, dt.datetime) else dt.time()
    if kind == "ym":
        return f"{d.year}年{d.month}月" if isinstance(d, dt.date) else None
    if kind == "md":
        return f"{d.month}月{d.day}日" if isinstance(d, dt.date) else None
    if kind == "ymd":
        return f"{d.year}年{d.month}月{d.day}日" if isinstance(d, dt.date) else None
    return f"{t.hour}时{t.minute:02d}分" + (f"{t.second:02d}秒" if kind == "hms" else "")


def sheet_cell_text(cell: Any) -> str:
    """The text a worksheet cell shows (`cell_text` of its value and number format), reading a number
    under one of Excel's built-in Chinese date formats (ids 27–36, 50–58, which openpyxl leaves as a
    serial such as 45657) as the date it shows: `2024年12月`, `12月31日`, `2024年12月31日`, `9时30分`.
    Works for normal and read-only cells."""
    found = _builtin_date(cell)
    if found:
        text = _builtin_date_text(*found)
        if text is not None:
            return text
    return cell_text(getattr(cell, "value", None), getattr(cell, "number_format", "") or "")


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


def table_row(ws: Any, row: int, values: Sequence[Any], numbers: Collection[int] = ()) -> list[Any]:
    """One row of a 绩效目标表: text cells (number cells in the columns `numbers`, 1-based: 分值), thin
    borders, wrapped; returns the cells."""
    from openpyxl.styles import Alignment

    border, wrap = _border(), Alignment(wrap_text=True, vertical="center")
    cells = []
    for j, v in enumerate(values, 1):
        c = number_cell(ws, row, j, v) if j in numbers else text_cell(ws, row, j, v)
        c.border, c.alignment = border, wrap
        cells.append(c)
    return cells


def merge_blocks(ws: Any, first: int, last: int) -> None:
    """Merge equal 一级 cells (column 1), and equal 二级 cells (column 2) within one 一级 block,
    down rows first..last: the usual layout of a 绩效目标表. The runs are read before any merge
    (merging clears the cells below the first, so 二级 runs read after merging 一级 broke at the
    block's second row: 数量指标 stood alone in B7 beside B8:B9; fresh trial)."""
    level1 = [ws.cell(r, 1).value for r in range(first, last + 1)]
    level2 = [ws.cell(r, 2).value for r in range(first, last + 1)]
    runs = []
    for col, key in ((1, lambda i: level1[i]), (2, lambda i: (level1[i], level2[i]))):
        start = 0
        for i in range(1, len(level1) + 1):
            if i == len(level1) or key(i) != key(start):
                if i - 1 > start and (level1 if col == 1 else level2)[start]:
                    runs.append((first + start, col, first + i - 1))
                start = i
    for top, col, bottom in runs:
        ws.merge_cells(start_row=top, start_column=col, end_row=bottom, end_column=col)


def workbook_bytes(wb: Any) -> bytes:
    """The workbook as .xlsx bytes (for HTTP responses). OSError (its errno: ENOSPC for a full disk)
    when openpyxl cannot write its temporary worksheet files — lxml reports that as a
    SerialisationError ('IO_ENOSPC'), which a server would otherwise answer with a 500."""
    buf = io.BytesIO()
    try:
        wb.save(buf)
    except Exception as e:  # noqa: BLE001 - only I/O failures are turned into OSError
        io_errno = _serialisation_errno(e)
        if io_errno is None and not isinstance(e, OSError):
            raise
        _close_half_written(e)
        if isinstance(e, OSError):
            raise
        raise OSError(io_errno, f"{os.strerror(io_errno)}: {tempfile.gettempdir()}") from None
    return buf.getvalue()


def save_atomic(wb: Any, path: str | Path) -> Path:
    """Save `wb` to `path` all or nothing (a temporary file renamed over it: a crash mid-write leaves
    any old file intact); DataError when it cannot be written."""
    p = Path(path)
    tmp = p.with_name(f".{p.name}.tmp")
    # built in memory first: openpyxl writing straight to a full disk left its zip open (a second
    # traceback at exit); its worksheets still pass through temporary files (see workbook_bytes)
    try:
        data = workbook_bytes(wb)
    except OSError as e:  # the temporary folder is full: say so, not the target's name
        raise write_failure(e, Path(tempfile.gettempdir()) / "openpyxl.*") from None
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, p)
    except OSError as e:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:  # no such folder to clean up (a file in the path: /dev/null/x.xlsx)
            pass
        raise write_failure(e, p) from e
    return p


def _close_half_written(e: BaseException) -> None:
    """Close what a failed openpyxl save left open (the worksheet writers and the zip, found in the
    frames of `e`), innermost first: left to the garbage collector, each fails again at exit and
    prints 'Exception ignored in …' with a traceback under the one-line error."""
    frames = []
    tb = e.__traceback__
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    for frame in reversed(frames):
        for value in list(frame.f_locals.values()):
            kind = type(value).__name__
            close = (getattr(value, "xf", None) and value.xf.close if kind == "WorksheetWriter"
                     else value.close if kind == "ZipFile" else None)
            if close:
                try:
                    close()
                except Exception:  # noqa: BLE001 - it fails as it did the first time; that is reported
                    pass
                if kind == "WorksheetWriter":
                    value.xf = None


def _serialisation_errno(e: BaseException) -> int | None:
    """The errno of lxml's SerialisationError for an I/O failure ('IO_ENOSPC' → 28), else None."""
    if type(e).__name__ != "SerialisationError":
        return None
    name = str(e).strip().removeprefix("IO_")
    return getattr(errno, name, None) if name.startswith("E") else None


# a formula that only writes a constant: =100, =-5, =95%, ="100" (Excel's "" is one quote)
_CONST_FORMULA_RE = re.compile(r'^=\s*(?:"((?:[^"]|"")*)"|([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?))\s*$')


def uncached_formula_text(formula: Any) -> str:
    """What a formula cell with no cached result is read as, never evaluated: the constant of a formula that
    only writes one (=100 → '100', ="100" → '100', =-5 → '-5'), else the formula's own text (=SUM(D3:D9),
    which the checker reports as a formula, QNT-04). `formula` is openpyxl's value of the cell in formula
    mode (a str, or an ArrayFormula with `.text`)."""
    text = str(getattr(formula, "text", formula) or "")
    m = _CONST_FORMULA_RE.match(text)
    if not m:
        return text
    return m.group(1).replace('""', '"') if m.group(1) is not None else m.group(2)


def fill_uncached_formulas(wb: Any, source: str | Path | bytes, file: str = "") -> Any:
    """`wb` (opened for values) with each formula cell that has no cached result (a sheet written by a
    program such as openpyxl, never recalculated) set to `uncached_formula_text`, in memory only: such a
    cell read as values is empty, and a fresh reviewer's 指标值 “=100” was taken for a blank target. The
    formulas are read from `source` a second time only when some cell is empty. Never evaluates."""
    todo = {ws.title: [k for k, c in ws._cells.items() if c.value is None] for ws in wb.worksheets}
    if not any(todo.values()):
        return wb
    fwb = open_workbook(source, file, formulas=True)
    for ws in wb.worksheets:
        if not todo.get(ws.title) or ws.title not in fwb.sheetnames:
            continue
        fcells = fwb[ws.title]._cells
        for k in todo[ws.title]:
            fc = fcells.get(k)
            if fc is not None and fc.data_type == "f" and fc.value not in (None, ""):
                ws._cells[k].value = uncached_formula_text(fc.value)
    return wb


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
        # the reason in the user's words, never Python's name for it (a fresh user saw “（KeyError）”)
        why = "文件不完整或已损坏" if isinstance(e, (KeyError, EOFError)) or "zip" in type(e).__name__.lower() \
            else "不是 Excel 工作簿"
        raise DataError(f"无法打开 Excel 文件：{why}；请用 Excel 或 WPS 另存为 .xlsx 后重试", file=file) from None
