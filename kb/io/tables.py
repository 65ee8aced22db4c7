"""Read a 绩效目标表 from a file into a `TableInput` (a `Declaration` with checker context).

`read_table(path)` dispatches on the suffix:

- `.json`: one declaration (our shape, or the dev.jsonl record shape with
  `project` / `indicators`), optional `context`; or a bare list of rows.
- `.jsonl`: one row per line in the cases_dev shape (level1, level2, name,
  operator, value, unit, optional weight / actual / `context`); all rows form
  one table and a row's number is its line number. A line holding only
  `context` gives table context.
- `.csv` and `.xlsx`: tables as people fill them. The header row is found by
  its usual column names (一级指标 / 二级指标 / 三级指标 / 指标值 / 计量单位 …,
  within the first 30 rows); merged cells are carried down, as are blank
  一级/二级 cells (the habit of leaving them empty under a filled one); the
  operator may sit in its own column or inside the value (`≥95`, `定性：达成年度指标`); % number formats
  and dates are turned back into text (0.95 → "95%"). Goal text rows above
  the header (总体目标 / 年度目标 …) and 项目名称 / 年度 / 资金 cells are kept.

Unreadable input raises `kb.errors.DataError` naming the file, sheet, row
and field; nothing is returned half-read.

Not for checking or writing.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kb.domain.messages import chinese, field_label
from kb.domain.quantity import SCIENTIFIC_RE
from kb.domain.schema import TableInput
from kb.errors import ConfigError, DataError, PayloadTooLarge
from kb.io.jsonl import json_problem, read_jsonl
from kb.io.xlsx_cells import fill_uncached_formulas, open_workbook, sheet_cell_text
from kb.domain.schema import TargetRow
from kb.domain.text import normalize
from kb.domain.years import stated_year

_ROW_FIELDS = ("level1", "level2", "name", "operator", "value", "unit", "weight", "actual", "score",
               "deviation_reason")
_TABLE_CTX_KEYS = ("budget_wan", "budget_year", "project", "description", "plan_total_wan",
                   "long_term_rows", "serves_public")

# header synonyms (normalised, no spaces/parentheses); exact matches win over contains
HEADERS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "三级指标名称", "指标名称", "具体指标", "绩效指标", "指标内容"),
    "operator": ("计算符号", "运算符", "运算符号", "指标值符号", "比较符", "符号", "指标性质"),
    "value": ("指标值", "目标值", "年度指标值", "年度目标值", "预期目标值", "绩效目标值", "指标值目标值",
              "预期指标值", "计划值", "年度指标值目标值"),
    "unit": ("计量单位", "度量单位", "单位"),
    "weight": ("权重", "分值"),
    "actual": ("实际完成值", "实际值", "完成值", "全年实际值", "实际完成情况"),
    "score": ("得分",),
    "deviation_reason": ("偏差原因", "偏差原因分析及改进措施", "未完成原因"),
    # the template's notes on a row: kept beside it (`TableInput.row_contexts`), so a rewritten table keeps them
    "explanation": ("指标解释", "指标说明", "指标定义"),
    "basis": ("设定依据", "指标值设定依据", "目标值设定依据"),
}
NOTE_FIELDS = ("explanation", "basis")
_SUB_HEADERS: dict[str, tuple[str, ...]] = {
    "operator": ("运算符", "计算符号", "符号", "运算符号", "比较符"),
    "value": ("数值", "指标值", "目标值", "值", "年度指标值"),
    "unit": ("单位", "计量单位", "度量单位"),
}
_GOAL_LABEL_RE = re.compile(r"^(?:项目)?(?:总体|年度|中期|长期|本年度|年度绩效|整体)?(?:绩效)?目标$")
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
# a 预算年度 cell: its value is the year (2025, 2025年, 2025年度)
_YEAR_LABELS = frozenset(("预算年度", "年度", "预算年份", "绩效年度", "年份", "申报年度"))
_YEAR_CELL_RE = re.compile(r"^((?:19|20)\d{2})(?:年度?)?$")


def _key(s: Any) -> str:
    t = normalize("" if s is None else str(s))
    return re.sub(r"[\s()（）:：*★]", "", t)


def _match_header(cells: list[str]) -> dict[str, int] | None:
    """Column index of each field for a candidate header row, or None when it is not a header."""
    keys = [_key(c) for c in cells]
    cols: dict[str, int] = {}
    for field, syns in HEADERS.items():
        for i, k in enumerate(keys):
            if k in syns and i not in cols.values():
                cols[field] = i
                break
    for field, syns in HEADERS.items():
        if field in cols:
            continue
        for i, k in enumerate(keys):
            if k and i not in cols.values() and any(k.startswith(s) for s in syns) and len(k) <= 12:
                cols[field] = i
                break
    if "value" in cols and ("name" in cols or "level2" in cols):
        return cols
    return None


def _validate_row(rec: dict[str, Any], file: str, row: int, prefix: str = "") -> TargetRow:
    """A row as a `TargetRow`; an 实际完成值 written in scientific notation (`1e3`) or above 1 万亿 is
    refused as 事中监控 and 事后评价 refuse it (`kb.domain.quantity.target_number_problem`, the
    rule QNT-04 applies to targets); a JSON number is no written notation and is read."""
    actual = rec.get("actual")
    if isinstance(actual, str):
        from kb.domain.quantity import target_number_problem

        problem = target_number_problem(actual, label="")
        if problem:
            raise DataError(problem, file=file, row=row, field=prefix + "actual")
    try:
        return TargetRow.model_validate(rec)
    except ValidationError as e:
        err = e.errors()[0]
        field = prefix + ".".join(str(x) for x in err.get("loc", ()))
        raise DataError(f"字段值无效：{chinese(err)}", file=file, row=row, field=field) from e


def _money_wan(text: str, header: str) -> float | None:
    m = re.search(r"\d+(?:,\d{3})*(?:\.\d+)?", normalize(text))
    if not m:
        return None
    x = float(m.group().replace(",", ""))
    t = normalize(header + text)
    if "亿元" in t:
        return x * 10000
    if "万元" in t or "万" in t:
        return x
    if "元" in t:
        return x / 10000
    return x


def _find_header(grid: list[list[str]], where: str) -> tuple[int, dict[str, int], bool]:
    """(header row index, column of each field, a sub-header follows) within the first 30 rows."""
    hdr_i, cols = None, None
    for i, row in enumerate(grid[:30]):
        c = _match_header(row)
        if c:
            hdr_i, cols = i, c
            break
    if cols is None or hdr_i is None:
        # no field: the header is no field of the record (and an English name would show in the Chinese line)
        raise DataError("找不到表头（需要“三级指标/指标名称”和“指标值”列）", file=where)
    # two-row headers (指标值 merged over 运算符 / 数值 / 单位): take the sub-header's columns
    if hdr_i + 1 < len(grid):
        keys = [_key(x) for x in grid[hdr_i + 1]]
        found = {}
        for j, k in enumerate(keys):
            for field, syns in _SUB_HEADERS.items():
                if k in syns and field not in found:
                    found[field] = j
        nc = cols.get("name", cols.get("level2", 0))
        same = nc >= len(keys) or keys[nc] in ("", _key(grid[hdr_i][nc]))  # empty or merged from above
        if len(found) >= 2 and same:
            cols.update(found)
            return hdr_i, cols, True
    return hdr_i, cols, False


def header_row(grid: list[list[str]]) -> int:
    """The 1-based row of the header `read_table` takes in `grid` (a sheet's or a CSV file's cell texts; the
    lower row of a two-row header). Raises DataError when there is none."""
    hdr_i, _, sub_header = _find_header(grid, "")
    return hdr_i + 1 + (1 if sub_header else 0)


class TableCellError(DataError):
    """A cell of a sheet that is the table (its header found) is unusable: the sheet's error is the answer,
    no later sheet is read instead."""


def _above_header(grid: list[list[str]], hdr_i: int,
                  where: str = "") -> tuple[str, dict[str, Any], list[tuple[int, str, str]]]:
    """(项目名称, context: budget_wan / budget_year / description (项目概况), goal-text rows) from the cells
    above the header. A 资金总额 in scientific notation (1e+09, which our own export wrote for 999999999
    and read back as 1 万元) is a DataError naming the cell, as every other amount in that notation is."""
    ctx: dict[str, Any] = {}
    project = ""
    goal_rows: list[tuple[int, str, str]] = []
    for i, cells in enumerate(grid[:hdr_i]):
        for j, c in enumerate(cells):
            k = _key(c)
            nxt = next((x for x in cells[j + 1:] if str(x).strip()), "")
            if not k:
                continue
            if k in ("项目名称", "项目") and nxt and not project:
                project = str(nxt).strip()
            elif re.search(r"资金总额|年度资金|预算金额|项目资金|预算数|年度预算", k) and nxt and "budget_wan" not in ctx:
                if SCIENTIFIC_RE.search(normalize(str(nxt))):
                    label = str(c).strip()
                    raise TableCellError(f"“{str(nxt).strip()}”使用了科学计数法，请写成普通数字（如 250）",
                                         file=where, row=i + 1, field=label)
                w = _money_wan(str(nxt), k)
                if w is not None:
                    ctx["budget_wan"] = w
            elif k in ("项目概况", "项目概述", "项目简介", "项目说明") and nxt and "description" not in ctx:
                ctx["description"] = str(nxt).strip()  # what FEAS-04 / FEAS-02 and deadline fixes read
            elif k in _YEAR_LABELS and nxt and (m := _YEAR_CELL_RE.search(normalize(str(nxt)))):
                ctx.setdefault("budget_year", int(m.group(1)))
            elif _GOAL_LABEL_RE.match(k) and nxt and len(str(nxt).strip()) >= 4:
                goal_rows.append((i + 1, str(c).strip(), str(nxt).strip()))
                break
        for c in cells:
            if str(c).strip() == ctx.get("description"):
                continue  # 对1950—2000年文书档案…: the years a text names are not the budget year
            m = _YEAR_RE.search(str(c))
            if m and "budget_year" not in ctx:
                ctx["budget_year"] = int(m.group(1))
    if "budget_year" not in ctx and (y := stated_year(project, ctx.get("description"))) is not None:
        ctx["budget_year"] = y  # the one the description states (`kb.domain.years`)
    return project, ctx, goal_rows


# 指标值 `定性：…` in a table without a 计算符号 column (how `kb.io.xlsx_table` writes a 定性 row)
_QUALITATIVE_VALUE_RE = re.compile(r"\s*定性\s*[:：]\s*(\S.*)$", re.S)


def _indicator_rows(grid: list[list[str]], cols: dict[str, int], start: int, where: str
                    ) -> tuple[list[TargetRow], list[int], list[dict[str, str]]]:
    """The indicator rows from `start` on, blank 一级/二级 cells carried down from the row above, with
    each row's notes (指标解释, 设定依据: `NOTE_FIELDS`)."""
    rows: list[TargetRow] = []
    numbers: list[int] = []
    notes: list[dict[str, str]] = []
    last = {"level1": "", "level2": ""}
    for i in range(start, len(grid)):
        row = grid[i]
        rec = {f: (row[j] if j < len(row) else "") for f, j in cols.items()}
        if not any(str(v).strip() for v in rec.values()):
            continue
        if not str(rec.get("name", "")).strip() and not str(rec.get("value", "")).strip():
            continue  # a sub-total, a note or a section label
        if "level1" in rec:
            l1 = str(rec["level1"]).strip()
            if l1 and l1 != str(last["level1"]).strip():
                last["level2"] = ""  # a new 一级指标 starts a new block of 二级指标
        for f in ("level1", "level2"):
            if f in rec:
                if str(rec[f]).strip():
                    last[f] = rec[f]
                else:
                    rec[f] = last[f]
        if "operator" not in cols and (m := _QUALITATIVE_VALUE_RE.match(str(rec.get("value", "")))):
            rec["operator"], rec["value"] = "定性", m.group(1)  # the template's 指标值 `定性：达成年度指标`
        notes.append({k: t for k in NOTE_FIELDS if (t := str(rec.pop(k, "") or "").strip())})
        rows.append(_validate_row({k: v for k, v in rec.items() if v != "" or k in ("name", "value")},
                                  where, i + 1))
        numbers.append(i + 1)
    return rows, numbers, notes


def _grid_table(grid: list[list[str]], file: str, sheet: str = "") -> TableInput:
    """Build a table from a grid of cell texts (rows in sheet order, 1-based row = index + 1)."""
    where = f"{file}#{sheet}" if sheet else file
    hdr_i, cols, sub_header = _find_header(grid, where)
    project, ctx, goal_rows = _above_header(grid, hdr_i, where)
    start = hdr_i + 1 + (1 if sub_header else 0)
    while start < len(grid) and _match_header(grid[start]) is not None:
        start += 1
    items, item_numbers, notes = _indicator_rows(grid, cols, start, where)
    rows = [TargetRow(level1=label, name=text) for _, label, text in goal_rows] + items
    numbers = [n for n, _, _ in goal_rows] + item_numbers
    rctx = [{} for _ in goal_rows] + notes if any(notes) else []
    if not any(r.name or r.value for r in rows if not _GOAL_LABEL_RE.match(_key(r.level1))):
        raise DataError("找到了表头，但下面没有任何指标行", file=where, row=hdr_i + 1)
    return TableInput(project_name=project, budget_wan=ctx.get("budget_wan"), year=ctx.get("budget_year"),
                      description=ctx.get("description", ""), rows=rows, row_numbers=numbers, context={},
                      row_contexts=rctx, source=where)


def _upload_limits():
    """The file limits in force (`JIXIAO_UPLOAD__*`; the defaults when the environment is unusable)."""
    from kb.settings import UploadSettings, get_settings

    try:
        return get_settings().upload
    except ConfigError:
        return UploadSettings()


def _read_xlsx(path: Path) -> TableInput:
    from kb.io.safezip import ZipLimits, check_office_zip

    limits = _upload_limits()
    check_office_zip(path, ZipLimits.of_uploads(limits), kind="xlsx")  # zip bombs, DOCTYPEs, far cells and merges: before parsing
    # a formula with no cached result (=100 typed in by a program) is its constant or its text, never empty
    wb = fill_uncached_formulas(open_workbook(path, str(path)), path, str(path))
    errors: list[DataError] = []
    for ws in wb.worksheets:
        grid = sheet_grid(ws, limits.max_rows, limits.max_cols, str(path))
        if not grid:
            continue
        try:
            return _grid_table(grid, str(path), ws.title)
        except TableCellError:
            raise  # the sheet is the table: another sheet (备选指标) is not read in its place
        except DataError as e:
            errors.append(e)
    if errors:
        raise errors[0]
    raise DataError("工作簿中没有内容", file=str(path))


def sheet_grid(ws: Any, max_rows: int = 5000, max_cols: int = 60, file: str = "") -> list[list[str]]:
    """Cell texts of a worksheet's used range (the cells holding a value), merged ranges filled
    from their top-left cell and clipped to that range. Raises DataError when a value lies
    beyond `max_rows` × `max_cols` (a far cell such as XFD1048576)."""
    cells = {k: c for k, c in ws._cells.items() if c.value is not None}  # sparse: never walk empty space
    if not cells:
        return []
    max_r = max(r for r, _ in cells)
    max_c = max(c for _, c in cells)
    if max_r > max_rows or max_c > max_cols:
        far = max(cells, key=lambda k: (k[0] > max_rows or k[1] > max_cols, k))
        from kb.io.safezip import beyond_limits_message

        raise DataError(beyond_limits_message(cells[far].coordinate, max_rows, max_cols),
                        file=f"{file}#{ws.title}" if file else "")
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, min(rng.max_row, max_r) + 1):
            for c in range(rng.min_col, min(rng.max_col, max_c) + 1):
                merged[(r, c)] = (rng.min_row, rng.min_col)
    grid: list[list[str]] = []
    for r in range(1, max_r + 1):
        row = []
        for c in range(1, max_c + 1):
            src = merged.get((r, c), (r, c))
            # a merge spanning columns (a title, a goal text) only counts in its first column
            if src != (r, c) and src[0] == r:
                row.append("")
                continue
            cell = cells.get(src)
            row.append(sheet_cell_text(cell) if cell is not None else "")
        grid.append(row)
    while grid and not any(x.strip() for x in grid[-1]):
        grid.pop()
    return grid


def _read_csv(path: Path) -> TableInput:
    return _grid_table(csv_grid(path), str(path))


def csv_grid(path: Path) -> list[list[str]]:
    """The cell texts of a CSV file (UTF-8 or GBK), one list per record: record i is the table's row i + 1,
    the row a spreadsheet program shows when it opens the file. DataError beyond the upload limits."""
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise DataError("无法识别文件编码（应为 UTF-8 或 GBK）", file=str(path))
    limits = _upload_limits()
    grid: list[list[str]] = []
    reader = csv.reader(io.StringIO(text))
    try:
        for row in reader:
            far = len(grid) >= limits.max_rows or any(c.strip() for c in row[limits.max_cols:])
            if far and any(c.strip() for c in row):  # the same bound as a sheet's (UploadSettings)
                raise DataError(f"第 {reader.line_num} 行超出可读取的范围（最多 {limits.max_rows} 行、"
                                f"{limits.max_cols} 列）；请删除表格以外的内容，或分成几个文件", file=str(path))
            if not far:
                grid.append(row[:limits.max_cols])
    except csv.Error:
        raise DataError(f"第 {reader.line_num} 行不是有效的 CSV（引号未配对或单元格过长）；请用表格软件另存为 CSV",
                        file=str(path)) from None
    return grid


def _row_rec(d: dict[str, Any]) -> dict[str, Any]:
    return {k: d[k] for k in _ROW_FIELDS if k in d}


_TEXT_FIELDS = ("level1", "level2", "name", "operator", "deviation_reason")
_TEXT_OR_NUMBER = ("value", "unit", "actual")
_NUMBER_FIELDS = ("weight", "score")
_HAS_NUM_RE = re.compile(r"\d")


def _kind(v: Any) -> str:
    if isinstance(v, bool):
        return f"布尔值 {str(v).lower()}"
    if isinstance(v, (int, float)):
        return f"数字 {v}"
    if isinstance(v, list):
        return "数组"
    if isinstance(v, dict):
        return "对象"
    return f"“{v}”"


def row_type_errors(d: dict[str, Any], prefix: str) -> list[tuple[str, str]]:
    """(field path, problem) for every field of a JSON indicator row with the wrong type.

    Text fields (level1, level2, name, operator) must be strings; value, unit
    and actual strings or numbers; weight and score numbers (or a numeric
    string such as "20" or "20%"); context an object. `prefix` names the row
    in the paths, e.g. "rows[3]" (1-based); '' gives bare field names.
    """
    out: list[tuple[str, str]] = []
    pre = f"{prefix}." if prefix else ""
    for k in _TEXT_FIELDS:
        v = d.get(k)
        if v is not None and not isinstance(v, str):
            out.append((f"{pre}{k}", f"应为文本，而不是{_kind(v)}"))
    for k in _TEXT_OR_NUMBER:
        v = d.get(k)
        if v is not None and (isinstance(v, bool) or not isinstance(v, (str, int, float))):
            out.append((f"{pre}{k}", f"应为文本或数字，而不是{_kind(v)}"))
    for k in _NUMBER_FIELDS:
        v = d.get(k)
        if v is None or v == "" or (isinstance(v, (int, float)) and not isinstance(v, bool)):
            continue
        if not (isinstance(v, str) and _HAS_NUM_RE.search(v)):  # "20", "20%", "9(截断)" as in real tables
            out.append((f"{pre}{k}", f"应为数字，而不是{_kind(v)}"))
    c = d.get("context")
    if c is not None and not isinstance(c, dict):
        out.append((f"{pre}context", f"应为对象，而不是{_kind(c)}"))
    return out


def _raise_type_errors(errs: list[tuple[str, str]], file: str, row: int = 0) -> None:
    if errs:  # the first bad field names the error; the others are listed after it
        more = "；另有 " + "；".join(f"{field_label(f)} {m}" for f, m in errs[1:5]) + ("等" if len(errs) > 5 else "") \
            if len(errs) > 1 else ""
        raise DataError(f"{errs[0][1]}{more}", file=file, row=row, field=errs[0][0])


def _jsonl_objects(path: Path) -> list[tuple[int, dict[str, Any]]]:
    return read_jsonl(path, text=_read_text(path),
                      what="每行应是一个 JSON 对象（一个指标行，或一张含 indicators/rows 的申报表）")


def is_table_record(d: Any) -> bool:
    """True for a JSON object that is a whole table (a dev.jsonl-shaped record: `indicators` or `rows`)."""
    return isinstance(d, dict) and ("indicators" in d or "rows" in d)


def _read_jsonl_tables(path: Path) -> list[TableInput]:
    """A JSONL file: one row per line (one table), or one table per line (dev.jsonl-shaped records)."""
    objs = _jsonl_objects(path)
    if not objs:
        raise DataError("是空文件（没有任何 JSON 行）", file=str(path))
    records = [(i, d) for i, d in objs if is_table_record(d)]
    if not records:
        return [_rows_table(path, objs)]
    if len(records) != len(objs):
        i = next(i for i, d in objs if not is_table_record(d))
        raise DataError("文件混合了申报表记录（含 indicators/rows）和单个指标行；每行应同为一种",
                        file=str(path), row=i)
    out = []
    for i, d in records:
        try:
            t = table_from_json(d, str(path))
        except DataError as e:
            raise DataError(e.message, file=str(path), row=i, field=e.field) from e
        t.source = f"{path}:{i}"
        if not t.id:
            t.id = f"第{i}行"
        out.append(t)
    return out


def _rows_table(path: Path, objs: list[tuple[int, dict[str, Any]]]) -> TableInput:
    rows: list[TargetRow] = []
    numbers: list[int] = []
    rctx: list[dict[str, Any]] = []
    tctx: dict[str, Any] = {}
    for i, d in objs:
        _raise_type_errors(row_type_errors(d, ""), str(path), i)
        c = d.get("context") or {}
        if not any(k in d for k in _ROW_FIELDS):
            tctx.update(c)
            continue
        rows.append(_validate_row(_row_rec(d), str(path), i))
        numbers.append(i)
        rctx.append(c)
        for k in _TABLE_CTX_KEYS:
            if k in c and k not in tctx:
                tctx[k] = c[k]
    if not rows:
        raise DataError("文件中没有指标行（每行应有 name、value 等字段，或是含 indicators 的申报表）", file=str(path))
    return TableInput(rows=rows, row_numbers=numbers, row_contexts=rctx, context=tctx,
                      budget_wan=_budget_of(tctx.get("budget_wan"), path), year=_year_or_none(tctx.get("budget_year")),
                      project_name=str(tctx.get("project") or ""), source=str(path))


def _read_jsonl(path: Path) -> TableInput:
    return _one(path, _read_jsonl_tables(path))


def _num_or_none(x: Any) -> float | None:
    """A number given as a number or as text ("1,350": `kb.domain.quantity.plain_number`), else None."""
    from kb.domain.quantity import plain_number

    try:
        return plain_number(x) if x not in (None, "") and not isinstance(x, (dict, list)) else None
    except (TypeError, ValueError):
        return None


def _budget_of(x: Any, path: Path) -> float | None:
    """budget_wan as written in a row's context: a number or text read as --budget reads it ("1,350");
    a misplaced separator ("1,2000") or words are a DataError naming the field, never read silently."""
    from kb.domain.quantity import plain_number

    if x in (None, ""):
        return None
    try:
        return plain_number(x)
    except (TypeError, ValueError) as e:
        raise DataError(f"字段值无效：{e}", file=str(path), field="budget_wan") from None


def _year_or_none(x: Any) -> int | None:
    try:
        return int(x) if x not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise DataError("文件不是 UTF-8 编码", file=str(path)) from e


_DECL_TEXT = ("id", "project_name", "project", "description", "department", "sector")
# a key that names a budget or an amount of funds (budget, budget_yuan, 预算, 资金总额, 总投资, funds …) other than
# the ones read: silently dropped, COST-04 never compared a cost with it (a fresh reviewer wrote "budget": 250)
_BUDGET_KEY_RE = re.compile(r"budget|fund|预算|资金|投资|经费|金额", re.I)
_BUDGET_KEYS = frozenset(("budget_wan", "plan_total_wan", "budget_hint_wan"))
_YEAR_KEY_RE = re.compile(r"year|年", re.I)


def unknown_budget_key(rec: dict[str, Any], prefix: str = "") -> tuple[str, str] | None:
    """(field, Chinese message) for the first key of a declaration record (or of its `context`) that names a
    budget but is not `budget_wan` (万元) or another key the checker reads (`plan_total_wan`), else None:
    `budget`, `budget_yuan`, `预算`, `总投资` … holding a number would be ignored and COST-04 would never fire (the
    same figure beside budget_wan passes: nothing is lost; a key holding words, 资金来源: 财政拨款, is no figure and
    passes, so an unknown record schema never makes a whole file unreadable). Keys naming a
    year (`budget_year`, `预算年度`) and the other keys real records carry (department, sector, year,
    doc_type, source_url, note …) pass."""
    for k in rec:
        if (isinstance(k, str) and k not in _BUDGET_KEYS and _BUDGET_KEY_RE.search(k)
                and not _YEAR_KEY_RE.search(k) and _num_or_none(rec[k]) is not None):
            if "budget_wan" in rec and _num_or_none(rec[k]) == _num_or_none(rec["budget_wan"]) is not None:
                continue  # the same figure beside budget_wan: nothing is lost
            return prefix + k, "未知字段，预算请填 budget_wan（万元）"
    ctx = rec.get("context")
    if not prefix and isinstance(ctx, dict):
        return unknown_budget_key(ctx, "context.")
    return None


def table_from_json(obj: Any, file: str = "") -> TableInput:
    """A table from a parsed JSON value (declaration object or list of rows); used by the API too.

    Raises DataError naming the field with a 1-based row path (`rows[2].value`)
    when a field has the wrong type (a list as value, a number as name …).
    """
    if isinstance(obj, list):
        obj = {"rows": obj}
    if not isinstance(obj, dict):
        raise DataError("应为一个申报表对象（含 rows 或 indicators 指标行数组）或指标行数组", file=file)
    rec = dict(obj)
    if "project" in rec and "project_name" not in rec:
        rec["project_name"] = rec.pop("project")
    if "indicators" in rec and "rows" not in rec:
        rec["rows"] = rec.pop("indicators")
    rows = rec.get("rows")
    if rows is None:
        hint = ""
        if any(k in rec for k in _ROW_FIELDS):  # a bare indicator row: name its bad fields first
            _raise_type_errors(row_type_errors(rec, ""), file)
            hint = "；单个指标行也须放在 rows 数组中"
        raise DataError(f"缺少 rows（指标行数组）{hint}", file=file, field="rows")
    if not isinstance(rows, list):
        raise DataError(f"应为指标行数组，而不是{_kind(rows)}", file=file, field="rows")
    if not rows:  # as a sheet or CSV without indicator rows (a fresh user got 200 and structural findings)
        raise DataError("指标行（rows）为空，请至少填写一行指标", file=file, field="rows")
    errs = [(k, f"应为文本，而不是{_kind(rec[k])}") for k in _DECL_TEXT
            if rec.get(k) is not None and not isinstance(rec[k], str)]
    if rec.get("context") is not None and not isinstance(rec["context"], dict):
        errs.append(("context", f"应为对象，而不是{_kind(rec['context'])}"))
    for i, r in enumerate(rows, 1):
        if not isinstance(r, dict):
            errs.append((f"rows[{i}]", f"应为指标行对象，而不是{_kind(r)}"))
        else:
            errs.extend(row_type_errors(r, f"rows[{i}]"))
    _raise_type_errors(errs, file)
    if bad := unknown_budget_key(rec):
        raise DataError(bad[1], file=file, field=bad[0])
    rctx = [r.get("context") or {} for r in rows]
    rec["rows"] = [_validate_row(_row_rec(r), file, 0, f"rows[{i}].").model_dump() for i, r in enumerate(rows, 1)]
    rec.setdefault("row_contexts", rctx if any(rctx) else [])
    try:
        return TableInput.model_validate(rec)
    except ValidationError as e:
        err = e.errors()[0]
        loc = [str(x) for x in err.get("loc", ())]
        if len(loc) > 1 and loc[0] == "rows" and loc[1].isdigit():
            loc = [f"rows[{int(loc[1]) + 1}]"] + loc[2:]
        raise DataError(f"字段值无效：{chinese(err)}", file=file, field=".".join(loc)) from e


def tables_from_json(obj: Any, file: str = "") -> list[TableInput]:
    """Tables of a parsed JSON value: a list of declaration records gives one table each, else one table."""
    if isinstance(obj, list) and obj and all(is_table_record(x) for x in obj):
        out = []
        for i, x in enumerate(obj, 1):
            try:
                t = table_from_json(x, file)
            except DataError as e:
                raise DataError(e.message, file=file, field=f"[{i}].{e.field}" if e.field else f"[{i}]") from e
            if not t.id:
                t.id = f"第{i}张"
            out.append(t)
        return out
    return [table_from_json(obj, file)]


def _read_json_tables(path: Path) -> list[TableInput]:
    text = _read_text(path)
    if not text.strip():
        raise DataError("是空文件", file=str(path))
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        raise DataError(json_problem(e), file=str(path), row=e.lineno) from None
    tables = tables_from_json(obj, str(path))
    for t in tables:
        t.source = str(path)
    return tables


def _read_json(path: Path) -> TableInput:
    return _one(path, _read_json_tables(path))


def _one(path: Path, tables: list[TableInput]) -> TableInput:
    if len(tables) != 1:
        raise DataError(f"文件含 {len(tables)} 张表；逐表审核请用 read_tables（CLI 会逐表输出）", file=str(path))
    return tables[0]


READERS = {".json": _read_json, ".jsonl": _read_jsonl, ".csv": _read_csv, ".xlsx": _read_xlsx,
           ".xlsm": _read_xlsx}
_MULTI = {".json": _read_json_tables, ".jsonl": _read_jsonl_tables}


def _checked_path(path: str | Path) -> Path:
    """The path if it names a readable, non-empty file; else DataError saying what is wrong."""
    p = Path(path)
    if p.is_dir():
        raise DataError("是目录，不是文件；请指定一个 .json / .jsonl / .csv / .xlsx 文件", file=str(p))
    if not p.exists():
        raise DataError("文件不存在", file=str(p))
    try:
        st = p.stat()
    except OSError as e:
        raise DataError(f"无法读取（{e.strerror or type(e).__name__}）", file=str(p)) from e
    if not stat.S_ISREG(st.st_mode):
        if str(p) == os.devnull or stat.S_ISCHR(st.st_mode):
            raise DataError("是空文件（设备文件，没有可读的内容）", file=str(p))
        raise DataError("不是普通文件（管道或设备）；请先保存为 .json / .jsonl / .csv / .xlsx 文件", file=str(p))
    if st.st_size == 0:
        raise DataError("是空文件", file=str(p))
    if not os.access(p, os.R_OK):
        raise DataError("没有读取权限", file=str(p))
    return p


def read_tables(path: str | Path) -> list[TableInput]:
    """Every table of a file: a .jsonl of dev.jsonl-shaped records (one project per line, with
    `indicators` or `rows`) or a .json list of such records gives one table per record (its `id`, or
    “第N行”); any other file gives one table (see `read_table`).

    Raises DataError as `read_table` does (naming the line of a bad record).
    """
    p = _checked_path(path)
    multi = _MULTI.get(p.suffix.lower())
    return multi(p) if multi is not None else [read_table(p)]


def read_table(path: str | Path) -> TableInput:
    """Read a 绩效目标表 (.json / .jsonl / .csv / .xlsx) into a `TableInput`.

    Raises DataError naming file / sheet / row / field when the file is missing,
    a directory, empty, of an unsupported type, malformed, holds no indicator
    rows, or holds several tables (use `read_tables`).
    """
    p = _checked_path(path)
    suf = p.suffix.lower()
    if suf == ".xls":
        raise DataError("不支持旧版 .xls，请另存为 .xlsx", file=str(p))
    reader = READERS.get(suf)
    if reader is None:
        raise DataError(f"不支持的文件类型“{suf or '无后缀'}”（支持 .json .jsonl .csv .xlsx）", file=str(p))
    return reader(p)


def read_upload(filename: str, data: bytes) -> list[TableInput]:
    """The tables of an uploaded file (`POST /v1/declarations/check` multipart field `file`).

    Read as `read_tables` from a temporary copy; errors and `source` name the
    upload, not the temporary path. Raises DataError (field `file`) for an
    unsupported type or unreadable content.
    """
    suffix = Path(filename or "").suffix.lower()
    if suffix not in READERS:
        raise DataError(f"不支持的文件类型“{suffix or '无后缀'}”（支持 .json .jsonl .csv .xlsx）", field="file")
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"upload{suffix}"
        p.write_bytes(data)
        try:
            tables = read_tables(p)
        except DataError as e:  # name the upload, not the temporary path
            raise DataError(e.message, file=filename or "", row=e.row, field=e.field or "file") from e
        except PayloadTooLarge as e:  # a zip bomb's 413 said "upload.xlsx: …", not the file's name
            text, temp = str(e), f"{p.name}: "
            raise PayloadTooLarge(f"{filename}: {text[len(temp):]}" if filename and text.startswith(temp)
                                  else text) from e
    for t in tables:
        t.source = filename or ""
    return tables


def tables_from_body(body: bytes) -> list[TableInput]:
    """The tables of a JSON request body (a declaration, a list of rows, or a list of declarations)."""
    if not body.strip():
        raise DataError("请求体为空：请提交申报表 JSON 或上传文件")
    try:
        obj: Any = json.loads(body)
    except json.JSONDecodeError as e:
        raise DataError(json_problem(e)) from None
    except UnicodeDecodeError:
        raise DataError("请求体不是 UTF-8 编码的 JSON") from None
    return tables_from_json(obj)
