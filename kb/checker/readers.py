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
  operator may sit in its own column or inside the value; % number formats
  and dates are turned back into text (0.95 → "95%"). Goal text rows above
  the header (总体目标 / 年度目标 …) and 项目名称 / 年度 / 资金 cells are kept.

Unreadable input raises `kb.errors.DataError` naming the file, sheet, row
and field; nothing is returned half-read.

Not for checking or writing.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kb.checker.models import TableInput
from kb.errors import DataError
from kb.schema import TargetRow
from kb.text import normalize

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
}
_SUB_HEADERS: dict[str, tuple[str, ...]] = {
    "operator": ("运算符", "计算符号", "符号", "运算符号", "比较符"),
    "value": ("数值", "指标值", "目标值", "值", "年度指标值"),
    "unit": ("单位", "计量单位", "度量单位"),
}
_GOAL_LABEL_RE = re.compile(r"^(?:项目)?(?:总体|年度|中期|长期|本年度|年度绩效|整体)?(?:绩效)?目标$")
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")


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


def _cell_text(v: Any, number_format: str = "") -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, dt.datetime):
        return f"{v.year}年{v.month}月{v.day}日"
    if isinstance(v, dt.date):
        return f"{v.year}年{v.month}月{v.day}日"
    if isinstance(v, (int, float)):
        if "%" in (number_format or ""):
            v = v * 100
            return _fmt(v) + "%"
        return _fmt(v)
    return str(v)


def _fmt(x: float) -> str:
    if float(x) == int(x):
        return str(int(x))
    return f"{x:.6f}".rstrip("0").rstrip(".")


def _validate_row(rec: dict[str, Any], file: str, row: int) -> TargetRow:
    try:
        return TargetRow.model_validate(rec)
    except ValidationError as e:
        err = e.errors()[0]
        field = ".".join(str(x) for x in err.get("loc", ()))
        raise DataError(f"字段值无效：{err.get('msg')}", file=file, row=row, field=field) from e


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


def _grid_table(grid: list[list[str]], file: str, sheet: str = "") -> TableInput:
    """Build a table from a grid of cell texts (rows in sheet order, 1-based row = index + 1)."""
    where = f"{file}#{sheet}" if sheet else file
    hdr_i, cols = None, None
    for i, row in enumerate(grid[:30]):
        c = _match_header(row)
        if c:
            hdr_i, cols = i, c
            break
    if cols is None or hdr_i is None:
        raise DataError("找不到表头（需要“三级指标/指标名称”和“指标值”列）", file=where, field="header")
    # two-row headers (指标值 merged over 运算符 / 数值 / 单位): take the sub-header's columns
    sub_header = False
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
            sub_header = True
            cols.update(found)
    ctx: dict[str, Any] = {}
    project = ""
    goal_rows: list[tuple[int, str, str]] = []
    for i, row in enumerate(grid[:hdr_i]):
        cells = [c for c in row]
        for j, c in enumerate(cells):
            k = _key(c)
            nxt = next((x for x in cells[j + 1:] if str(x).strip()), "")
            if not k:
                continue
            if k in ("项目名称", "项目") and nxt and not project:
                project = str(nxt).strip()
            elif re.search(r"资金总额|年度资金|预算金额|项目资金|预算数|年度预算", k) and nxt and "budget_wan" not in ctx:
                w = _money_wan(str(nxt), k)
                if w is not None:
                    ctx["budget_wan"] = w
            elif _GOAL_LABEL_RE.match(k) and nxt and len(str(nxt).strip()) >= 4:
                goal_rows.append((i + 1, str(c).strip(), str(nxt).strip()))
                break
        for c in cells:
            m = _YEAR_RE.search(str(c))
            if m and "budget_year" not in ctx:
                ctx["budget_year"] = int(m.group(1))
    rows: list[TargetRow] = []
    numbers: list[int] = []
    for n, label, text in goal_rows:
        rows.append(TargetRow(level1=label, name=text))
        numbers.append(n)
    last = {"level1": "", "level2": ""}
    start = hdr_i + 1 + (1 if sub_header else 0)
    while start < len(grid) and _match_header(grid[start]) is not None:
        start += 1
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
        rows.append(_validate_row({k: v for k, v in rec.items() if v != "" or k in ("name", "value")},
                                  where, i + 1))
        numbers.append(i + 1)
    if not any(r.name or r.value for r in rows if not _GOAL_LABEL_RE.match(_key(r.level1))):
        raise DataError("找到了表头，但下面没有任何指标行", file=where, row=hdr_i + 1)
    return TableInput(project_name=project, budget_wan=ctx.get("budget_wan"), year=ctx.get("budget_year"),
                      rows=rows, row_numbers=numbers, context={}, source=where)


def _read_xlsx(path: Path) -> TableInput:
    try:
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException
    except ImportError as e:  # pragma: no cover - openpyxl is a dependency
        raise DataError("读取 .xlsx 需要 openpyxl", file=str(path)) from e
    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as e:
        raise DataError(f"无法打开 Excel 文件（{type(e).__name__}）；请确认是 .xlsx 格式", file=str(path)) from e
    except Exception as e:  # zipfile.BadZipFile and friends
        raise DataError(f"无法打开 Excel 文件（{type(e).__name__}）；请确认是 .xlsx 格式", file=str(path)) from e
    errors: list[DataError] = []
    for ws in wb.worksheets:
        grid = _sheet_grid(ws)
        if not grid:
            continue
        try:
            return _grid_table(grid, str(path), ws.title)
        except DataError as e:
            errors.append(e)
    if errors:
        raise errors[0]
    raise DataError("工作簿中没有内容", file=str(path))


def _sheet_grid(ws: Any) -> list[list[str]]:
    """Cell texts of a worksheet with merged ranges filled from their top-left cell."""
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                merged[(r, c)] = (rng.min_row, rng.min_col)
    grid: list[list[str]] = []
    max_r, max_c = ws.max_row or 0, ws.max_column or 0
    for r in range(1, max_r + 1):
        row = []
        for c in range(1, max_c + 1):
            src = merged.get((r, c), (r, c))
            cell = ws.cell(row=src[0], column=src[1])
            # a merge spanning columns (a title, a goal text) only counts in its first column
            if src != (r, c) and src[0] == r:
                row.append("")
                continue
            row.append(_cell_text(cell.value, cell.number_format))
        grid.append(row)
    while grid and not any(x.strip() for x in grid[-1]):
        grid.pop()
    return grid


def _read_csv(path: Path) -> TableInput:
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise DataError("无法识别文件编码（应为 UTF-8 或 GBK）", file=str(path))
    try:
        grid = [row for row in csv.reader(io.StringIO(text))]
    except csv.Error as e:
        raise DataError(f"CSV 格式错误：{e}", file=str(path)) from e
    return _grid_table(grid, str(path))


def _row_rec(d: dict[str, Any]) -> dict[str, Any]:
    return {k: d[k] for k in _ROW_FIELDS if k in d}


def _read_jsonl(path: Path) -> TableInput:
    rows: list[TargetRow] = []
    numbers: list[int] = []
    rctx: list[dict[str, Any]] = []
    tctx: dict[str, Any] = {}
    text = _read_text(path)
    for i, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as e:
            raise DataError(f"不是合法的 JSON：{e.msg}", file=str(path), row=i) from e
        if not isinstance(d, dict):
            raise DataError("每行应是一个 JSON 对象（一个指标行）", file=str(path), row=i)
        c = d.get("context") or {}
        if not isinstance(c, dict):
            raise DataError("context 应是对象", file=str(path), row=i, field="context")
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
        raise DataError("文件中没有指标行", file=str(path))
    return TableInput(rows=rows, row_numbers=numbers, row_contexts=rctx, context=tctx,
                      budget_wan=_num_or_none(tctx.get("budget_wan")), year=_year_or_none(tctx.get("budget_year")),
                      project_name=str(tctx.get("project") or ""), source=str(path))


def _num_or_none(x: Any) -> float | None:
    try:
        return float(x) if x not in (None, "") else None
    except (TypeError, ValueError):
        return None


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


def table_from_json(obj: Any, file: str = "") -> TableInput:
    """A table from a parsed JSON value (declaration object or list of rows); used by the API too."""
    if isinstance(obj, list):
        obj = {"rows": obj}
    if not isinstance(obj, dict):
        raise DataError("应为一个申报表对象或指标行数组", file=file)
    rec = dict(obj)
    if "project" in rec and "project_name" not in rec:
        rec["project_name"] = rec.pop("project")
    if "indicators" in rec and "rows" not in rec:
        rec["rows"] = rec.pop("indicators")
    rows = rec.get("rows")
    if not isinstance(rows, list):
        raise DataError("缺少 rows（指标行数组）", file=file, field="rows")
    rctx = []
    for i, r in enumerate(rows, 1):
        if not isinstance(r, dict):
            raise DataError("指标行应是对象", file=file, row=i, field="rows")
        rctx.append(r.get("context") or {})
    rec["rows"] = [_validate_row(_row_rec(r), file, i).model_dump() for i, r in enumerate(rows, 1)]
    rec.setdefault("row_contexts", rctx if any(rctx) else [])
    try:
        return TableInput.model_validate(rec)
    except ValidationError as e:
        err = e.errors()[0]
        loc = [str(x) for x in err.get("loc", ())]
        row = int(loc[1]) + 1 if len(loc) > 1 and loc[0] == "rows" and loc[1].isdigit() else 0
        raise DataError(f"字段值无效：{err.get('msg')}", file=file, row=row, field=".".join(loc)) from e


def _read_json(path: Path) -> TableInput:
    try:
        obj = json.loads(_read_text(path))
    except json.JSONDecodeError as e:
        raise DataError(f"不是合法的 JSON：{e.msg}（第{e.lineno}行）", file=str(path), row=e.lineno) from e
    t = table_from_json(obj, str(path))
    t.source = str(path)
    return t


READERS = {".json": _read_json, ".jsonl": _read_jsonl, ".csv": _read_csv, ".xlsx": _read_xlsx,
           ".xlsm": _read_xlsx}


def read_table(path: str | Path) -> TableInput:
    """Read a 绩效目标表 (.json / .jsonl / .csv / .xlsx) into a `TableInput`.

    Raises DataError naming file / sheet / row / field when the file is missing,
    of an unsupported type, malformed, or holds no indicator rows.
    """
    p = Path(path)
    if not p.is_file():
        raise DataError("文件不存在", file=str(p))
    suf = p.suffix.lower()
    if suf == ".xls":
        raise DataError("不支持旧版 .xls，请另存为 .xlsx", file=str(p))
    reader = READERS.get(suf)
    if reader is None:
        raise DataError(f"不支持的文件类型“{suf or '无后缀'}”（支持 .json .jsonl .csv .xlsx）", file=str(p))
    return reader(p)
