"""The indicator libraries in Excel: one library to one sheet, and a sheet back to library changes.

One sheet, one indicator per row, the columns of `indicators/README.md`
with Chinese headers (`COLUMNS`); lists (同义词, 关键词, 来源, 培训材料) are
`|`-separated; every cell is text (`kb.io.xlsx_cells`). A row with 单位名称
belongs to that unit's 单位指标库, a row without it to the 基础指标库.

Reading (`read_sheet`) and planning (`plan_import`) are pure: every row is
validated like a library CSV row (`kb.io.library.parse_row`) and every
problem is reported as `第N行 列名: 问题` (N = the sheet's row number,
`LibraryImportError`); only a file without problems becomes a plan of
library changes (new indicators added, changed ones updated — a 版本 cell
guards against overwriting a newer version — unchanged ones left alone;
indicators absent from the file are kept: set 状态 to 已停用 to stop one).
Who may import, and applying the plan as versioned changes, is
`kb.lifecycle.library_import`. Not for the 绩效目标表 (see `kb.io.xlsx_table`).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kb.domain.enums import Direction, Level1, Level2, Library, Status
from kb.domain.schema import Indicator
from kb.domain.text import normalize, normalize_name
from kb.errors import DataError
from kb.io.library import parse_row
from kb.io.safezip import ZipLimits, check_office_zip
from kb.io.xlsx_cells import header_cell, open_workbook, save_atomic, set_widths, sheet_cell_text, text_cell, workbook_bytes

# (field, Chinese header) in sheet order; the fields are the CSV columns of indicators/README.md
COLUMNS: list[tuple[str, str]] = [
    ("id", "编号"), ("unit_name", "单位名称"), ("department", "部门"), ("category", "类别"),
    ("sector", "行业领域"), ("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"),
    ("unit", "计量单位"), ("direction", "指标方向"), ("operator", "运算符"), ("value", "典型指标值"),
    ("range_low", "历史值下限"), ("range_high", "历史值上限"), ("explanation", "指标解释"),
    ("scoring_standard", "评分标准"), ("data_source", "数据来源"), ("synonyms", "同义词"),
    ("keywords", "关键词"), ("origin", "来源"), ("training", "培训材料"), ("status", "状态"), ("version", "版本"),
]
LABEL = dict(COLUMNS)
# other headers people write for the same columns
_ALIASES = {"指标名称": "name", "三级指标名称": "name", "指标编号": "id", "指标值": "value", "目标值": "value",
            "指标类别": "category", "行业": "sector", "单位指标库": "unit_name", "所属单位": "unit_name",
            "方向": "direction", "计算符号": "operator", "符号": "operator", "培训资料": "training"}
_WIDTHS = {"id": 14, "name": 30, "explanation": 40, "scoring_standard": 30, "data_source": 20, "synonyms": 24,
           "keywords": 18, "training": 30, "unit_name": 18}
MAX_ROWS = 20000


class LibraryImportError(DataError):
    """An import file with problems; `problems` lists every one as `第N行 列名: 问题`."""

    def __init__(self, problems: list[str], *, file: str = ""):
        self.problems = problems
        more = f"（共 {len(problems)} 处问题）" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}", file=file)


# ---------------------------------------------------------------------------- export

def _list(v: list[str]) -> str:
    return "|".join(v)


def indicator_cells(ind: Indicator) -> list[str]:
    """One indicator as the sheet's cells (texts, in COLUMNS order; levels and direction as Chinese labels)."""
    num = (lambda x: "" if x is None else str(int(x)) if float(x).is_integer() else repr(float(x)))
    vals = {
        "id": ind.id, "unit_name": ind.unit_name or "", "department": ind.department or "",
        "category": ind.category, "sector": ind.sector, "level1": ind.level1.label, "level2": ind.level2.label,
        "name": ind.name, "unit": ind.unit, "direction": ind.direction.label, "operator": ind.typical.operator,
        "value": ind.typical.value, "range_low": num(ind.range_low), "range_high": num(ind.range_high),
        "explanation": ind.explanation, "scoring_standard": ind.scoring_standard, "data_source": ind.data_source,
        "synonyms": _list(ind.synonyms), "keywords": _list(ind.keywords), "origin": _list(ind.origin),
        "training": _list(ind.training), "status": ind.status.label, "version": str(ind.version),
    }
    return [vals[f] for f, _ in COLUMNS]


def library_workbook(indicators: list[Indicator], title: str = "指标库"):
    """An openpyxl Workbook with one sheet `title`: the header row, then one indicator per row."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    for j, (_, label) in enumerate(COLUMNS, 1):
        header_cell(ws, 1, j, label)
    set_widths(ws, [_WIDTHS.get(f, 12) for f, _ in COLUMNS])
    for i, ind in enumerate(indicators, 2):
        for j, v in enumerate(indicator_cells(ind), 1):
            text_cell(ws, i, j, v)
    ws.freeze_panes = "A2"
    return wb


def library_xlsx_bytes(indicators: list[Indicator], title: str = "指标库") -> bytes:
    """The library as .xlsx bytes (for a download)."""
    return workbook_bytes(library_workbook(indicators, title))


def export_library(indicators: list[Indicator], path: str | Path, title: str = "指标库") -> Path:
    """Write the library to `path` (.xlsx), all or nothing; DataError when it cannot be written."""
    return save_atomic(library_workbook(indicators, title), path)


# ---------------------------------------------------------------------------- reading

def _header_field(text: str) -> str | None:
    k = normalize(text).replace(" ", "")
    for f, label in COLUMNS:
        if k in (label, f):
            return f
    return _ALIASES.get(k)


def read_sheet(data: bytes, file: str = "") -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """The rows of the workbook's first sheet as (sheet row number, {field: text}), and the problems found.

    The header is the first non-empty row; every header must be a known
    column (Chinese header, CSV field name or a usual alias), 三级指标 must be
    there; blank rows are skipped; a formula cell is a problem (we read text,
    never evaluate). Raises DataError when the file is no .xlsx or could hurt
    the reader (far cells, DOCTYPEs, `kb.io.safezip`), PayloadTooLarge for a
    zip bomb.
    """
    # zip bombs, DOCTYPEs, far cells: refused before openpyxl opens anything; a library sheet may hold
    # MAX_ROWS indicators below its header
    limits = replace(ZipLimits.of_uploads(), rows=MAX_ROWS + 1)
    extent = check_office_zip(data, limits, kind="xlsx", field="file", name=file or "指标库.xlsx")
    last = max((e.last_row for e in extent.values()), default=0)  # formatted empty rows below are not walked
    wb = open_workbook(data, file, read_only=True, formulas=True)
    ws = wb.worksheets[0]
    problems: list[str] = []
    rows: list[tuple[int, dict[str, str]]] = []
    cols: dict[int, str] | None = None
    for n, row in enumerate(ws.iter_rows(max_row=max(last, 1), max_col=limits.cols), 1):
        cells = [sheet_cell_text(c).strip() for c in row]
        if not any(cells):
            continue
        formulas = [j for j, c in enumerate(row) if getattr(c, "data_type", "") == "f"]
        if formulas and cols is not None:
            for j in formulas:
                problems.append(f"第{n}行 {LABEL.get(cols.get(j, ''), '第' + str(j + 1) + '列')}: 单元格是公式（{cells[j]}），"
                                "请改为文本")
            continue
        if cols is None:
            cols = {}
            for j, h in enumerate(cells):
                if not h:
                    continue
                f = _header_field(h)
                if f is None:
                    problems.append(f"第{n}行 {h}: 不认识的列名（可用：{'、'.join(LABEL.values())}）")
                elif f in cols.values():
                    problems.append(f"第{n}行 {h}: 列重复")
                else:
                    cols[j] = f
            if "name" not in cols.values():
                problems.append(f"第{n}行 三级指标: 缺少“三级指标”列（表头应在第一行）")
                break
            continue
        if len(rows) >= MAX_ROWS:
            problems.append(f"第{n}行: 超过 {MAX_ROWS} 行，请分多个文件导入")
            break
        rows.append((n, {f: cells[j] if j < len(cells) else "" for j, f in cols.items()}))
    wb.close()
    if cols is None:
        problems.append("第1行: 工作表是空的")
    elif not rows and not problems:
        problems.append("第2行: 表头下面没有任何指标")
    return rows, problems


# ---------------------------------------------------------------------------- validating and planning

def _labels(enum) -> str:
    return "、".join(m.label for m in enum)


def _problem_text(field_path: str, message: str) -> tuple[str, str]:
    """(Chinese column label, Chinese problem) of a parse_row error."""
    f = field_path.split(".")[0]
    sub = field_path.split(".")[1] if "." in field_path else ""
    if f == "typical":
        f = {"operator": "operator", "value": "value", "unit": "unit"}.get(sub, "operator")
    label = LABEL.get(f, field_path)
    msg = message.removeprefix("Value error, ")
    # an enum error as pydantic words it, or as kb.domain.messages translates it ("取值无效，应为 …")
    bad_choice = "Input should be" in msg or msg.startswith("取值无效")
    if f == "level1" and bad_choice:
        msg = f"不是规定的一级指标（{_labels(Level1)}）"
    elif f == "level2" and bad_choice:
        msg = f"不是规定的二级指标（{_labels(Level2)}）"
    elif f == "direction" and bad_choice:
        msg = f"只能是 {_labels(Direction)}"
    elif f == "status" and bad_choice:
        msg = f"只能是 {_labels(Status)}"
    elif f == "name" and ("at most" in msg or msg.startswith("最多")):
        msg = "超过 100 个字"
    return label, msg


@dataclass
class ImportPlan:
    """Changes for `apply_changes` and what they amount to."""

    changes: list[dict[str, Any]] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # the sheet row of each change
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    new_in_units: dict[str, int] = field(default_factory=dict)  # unit → first row adding to it


_COMPARE = ("department", "category", "sector", "level1", "level2", "name", "unit", "direction", "typical",
            "range_low", "range_high", "explanation", "scoring_standard", "data_source", "synonyms", "keywords",
            "origin", "training", "status")


# the 一级指标 a library row may name: the labels, their short forms and the identifiers (strict: 产出指标X is none)
_LEVEL1_OK = frozenset(x for m in Level1 for x in (m.label, m.label.removesuffix("指标"), m.value))
_REQUIRED = ("level1", "level2", "name")


def _row_problems(n: int, rec: dict[str, str]) -> list[str]:
    """Every problem of one row that is found without validating it (blank required cells, a 一级指标
    outside the framework), so one upload reports them all."""
    out = [f"第{n}行 {LABEL[f]}: 必填字段为空" for f in _REQUIRED if not (rec.get(f) or "").strip()]
    l1 = normalize(rec.get("level1") or "").replace(" ", "")
    if l1 and l1 not in _LEVEL1_OK:
        out.append(f"第{n}行 {LABEL['level1']}: 不是规定的一级指标（{_labels(Level1)}）")
    return out


def plan_import(rows: list[tuple[int, dict[str, str]]], *, find: Callable[[str], Indicator | None],
                target_unit: str | None = None, basic_allowed: bool = True,
                problems: list[str] | None = None) -> ImportPlan:
    """Validate the rows and turn them into library changes; raises LibraryImportError listing every problem.

    find(id): the indicator now in the KB (shipped + managed) or None.
    target_unit: every row goes to this unit's library (blank 单位名称 is
    filled; another unit is a problem). basic_allowed=False: rows of the
    基础指标库 are refused (a unit admin's import). `problems`: those already
    found while reading the sheet (formula cells …); they are reported
    together with these, in row order, so one upload shows every problem.
    """
    problems = list(problems or [])
    plan = ImportPlan()
    seen_ids: dict[str, int] = {}
    seen_keys: dict[tuple, int] = {}
    target = normalize(target_unit) if target_unit else None
    for n, raw in rows:
        rec = dict(raw)
        uname = normalize(rec.get("unit_name", ""))
        if target:
            if uname and uname != target:
                problems.append(f"第{n}行 单位名称: 只能导入“{target}”的单位指标库，这一行是“{uname}”")
                continue
            rec["unit_name"] = uname = target
        elif not uname and not basic_allowed:
            problems.append(f"第{n}行 单位名称: 单位管理员只能导入本单位的单位指标库，请填写单位名称")
            continue
        library = Library.unit if uname else Library.basic
        found = _row_problems(n, rec)
        if found:
            problems.extend(found)
            continue
        try:
            ind = parse_row(rec, library=library, file="", row=n)
        except DataError as e:
            label, msg = _problem_text(e.field, e.message)
            problems.append(f"第{n}行 {label}: {msg}")
            continue
        if ind.id in seen_ids:
            problems.append(f"第{n}行 编号: 与第{seen_ids[ind.id]}行重复（{ind.id}）")
            continue
        key = (ind.library.value, ind.unit_name or "", normalize_name(ind.name), ind.level2.value)
        if key in seen_keys:
            problems.append(f"第{n}行 三级指标: 与第{seen_keys[key]}行是同一个指标（{ind.name}，{ind.level2.label}）")
            continue
        seen_ids[ind.id], seen_keys[key] = n, n
        current = find(ind.id)
        if current is None:
            data = ind.model_dump(mode="json", exclude={"version"})
            plan.changes.append({"op": "add", "indicator": data})
            plan.rows.append(n)
            plan.added += 1
            if uname:
                plan.new_in_units.setdefault(uname, n)
            continue
        if current.library != ind.library or (current.unit_name or "") != (ind.unit_name or ""):
            where = current.unit_name or "基础指标库"
            problems.append(f"第{n}行 编号: {ind.id} 已是“{where}”的指标，不能移到另一个指标库")
            continue
        new, old = ind.model_dump(mode="json"), current.model_dump(mode="json")
        patch = {k: new[k] for k in _COMPARE if new[k] != old[k]}
        if not patch:
            plan.unchanged += 1
            continue
        given = raw.get("version", "").strip()
        change: dict[str, Any] = {"op": "update", "id": ind.id, "patch": patch}
        if given.isdigit():
            if int(given) != current.version:
                problems.append(f"第{n}行 版本: 指标 {ind.id} 现在是第 {current.version} 版，文件中是第 {given} 版；"
                                "请重新导出后再修改")
                continue
            change["expected_version"] = current.version
        plan.changes.append(change)
        plan.rows.append(n)
        plan.updated += 1
    if problems:
        raise LibraryImportError(sorted(problems, key=_row_of))
    return plan


def _row_of(problem: str) -> int:
    m = re.match(r"第(\d+)行", problem)
    return int(m.group(1)) if m else 0


# ---------------------------------------------------------------------------- errors of applying a plan

def problem_at_row(plan: ImportPlan, field_path: str, message: str) -> str:
    """An error of applying `plan` (`changes[i].indicator.level2` …) as `第N行 列名: 问题` of the sheet."""
    m = re.match(r"changes\[(\d+)\](?:\.(?:indicator|patch))?\.?(.*)", field_path or "")
    if not m or int(m.group(1)) >= len(plan.rows):
        return message
    label, msg = _problem_text(m.group(2) or "", message)
    return f"第{plan.rows[int(m.group(1))]}行 {label or '指标'}: {msg}"
