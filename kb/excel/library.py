"""The indicator libraries in Excel: export one library to one sheet, import it back as versioned changes.

One sheet, one indicator per row, the columns of `indicators/README.md`
with Chinese headers (`COLUMNS`); lists (同义词, 关键词, 来源, 培训材料) are
`|`-separated; every cell is text. A row with 单位名称 belongs to that
unit's 单位指标库, a row without it to the 基础指标库.

Import is all-or-nothing: every row is validated like a library CSV row
(`kb.library.parse_row`) and every problem is reported as
`第N行 列名: 问题` (N = the sheet's row number); only when there is none are
the rows applied as library changes (`kb.lifecycle.library.apply_changes`:
one transaction, a new version per changed indicator, audit entries), then
published into the KB file so search and suggest see them at once. New
indicators are added, changed ones updated (a 版本 cell guards against
overwriting a newer version), unchanged ones left alone; indicators absent
from the file are kept (set 状态 to 已停用 to stop one).

Who may import (`import_library`): an admin (系统管理员) any library; a
unit admin (单位管理员) only its own unit's library — a row naming another
unit, or the 基础指标库, is refused. Not for the 绩效目标表 (see `kb.excel.table`).
"""
from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from kb.errors import DataError
from kb.excel.cells import save_atomic, text_cell, workbook_bytes
from kb.library import parse_row
from kb.schema import Direction, Indicator, Level1, Level2, Library, Status
from kb.text import normalize, normalize_name

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


class ImportResult(BaseModel):
    """What an import did: rows read, indicators added / updated / unchanged, the library version after it,
    and whether the KB file was updated (False only before the first `jixiao build`)."""

    rows: int
    added: int
    updated: int
    unchanged: int
    library_version: int
    published: bool
    unit_name: str | None = None


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


def select_library(indicators: list[Indicator], unit_name: str | None = None) -> list[Indicator]:
    """The 基础指标库 (unit_name None) or one unit's 单位指标库, in library order."""
    if unit_name:
        u = normalize(unit_name)
        return [i for i in indicators if i.library is Library.unit and i.unit_name == u]
    return [i for i in indicators if i.library is Library.basic]


def library_workbook(indicators: list[Indicator], title: str = "指标库"):
    """An openpyxl Workbook with one sheet `title`: the header row, then one indicator per row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    for j, (f, label) in enumerate(COLUMNS, 1):
        c = text_cell(ws, 1, j, label)
        c.font, c.fill = Font(bold=True), PatternFill("solid", fgColor="D9D9D9")
        ws.column_dimensions[get_column_letter(j)].width = _WIDTHS.get(f, 12)
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

def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


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
    never evaluate). Raises DataError when the file is no .xlsx.
    """
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True)
    except Exception as e:  # zipfile.BadZipFile, InvalidFileException, KeyError …
        raise DataError(f"无法打开 Excel 文件（{type(e).__name__}）；请上传 .xlsx 文件", file=file) from None
    ws = wb.worksheets[0]
    problems: list[str] = []
    rows: list[tuple[int, dict[str, str]]] = []
    cols: dict[int, str] | None = None
    for n, row in enumerate(ws.iter_rows(), 1):
        cells = [_cell(getattr(c, "value", None)) for c in row]
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
    if f == "level1" and "Input should be" in msg:
        msg = f"不是规定的一级指标（{_labels(Level1)}）"
    elif f == "level2" and "Input should be" in msg:
        msg = f"不是规定的二级指标（{_labels(Level2)}）"
    elif f == "direction" and "Input should be" in msg:
        msg = f"只能是 {_labels(Direction)}"
    elif f == "status" and "Input should be" in msg:
        msg = f"只能是 {_labels(Status)}"
    elif f == "name" and "at most" in msg:
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


def plan_import(rows: list[tuple[int, dict[str, str]]], *, find: Callable[[str], Indicator | None],
                target_unit: str | None = None, basic_allowed: bool = True) -> ImportPlan:
    """Validate the rows and turn them into library changes; raises LibraryImportError listing every problem.

    find(id): the indicator now in the KB (shipped + managed) or None.
    target_unit: every row goes to this unit's library (blank 单位名称 is
    filled; another unit is a problem). basic_allowed=False: rows of the
    基础指标库 are refused (a unit admin's import).
    """
    problems: list[str] = []
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
        raise LibraryImportError(problems)
    return plan


# ---------------------------------------------------------------------------- importing

def _at_row(plan: ImportPlan, field_path: str, message: str) -> str:
    """An apply_changes error (`changes[i].indicator.level2`) as `第N行 列名: 问题`."""
    import re

    m = re.match(r"changes\[(\d+)\](?:\.(?:indicator|patch))?\.?(.*)", field_path or "")
    if not m or int(m.group(1)) >= len(plan.rows):
        return message
    label, msg = _problem_text(m.group(2) or "", message)
    return f"第{plan.rows[int(m.group(1))]}行 {label or '指标'}: {msg}"


def _require_units(session, plan: ImportPlan, file: str) -> None:
    """New unit-library indicators need their unit to exist in the workflow database."""
    if not plan.new_in_units:
        return
    from sqlalchemy import select

    from kb.lifecycle.models import Unit
    from kb.lifecycle.service import _tx

    with _tx(session):
        known = set(session.scalars(select(Unit.name).where(Unit.name.in_(list(plan.new_in_units)))).all())
    missing = [(n, u) for u, n in sorted(plan.new_in_units.items(), key=lambda p: p[1]) if u not in known]
    if missing:
        raise LibraryImportError([f"第{n}行 单位名称: 单位“{u}”尚未登记；请先为该单位创建密钥"
                                  f"（jixiao admin create-key --unit {u} …）" for n, u in missing], file=file)


def import_library(session, principal, data: bytes, *, settings, find: Callable[[str], Indicator | None],
                   unit_name: str | None = None, file: str = "") -> ImportResult:
    """Import a library workbook all-or-nothing as versioned changes, then publish it into the KB file.

    principal: an admin imports any library (unit_name: confine to that unit);
    a unit admin only its own unit's library (unit_name must be blank or its
    own). Raises Forbidden (role, or another unit), LibraryImportError (every
    problem of the file, nothing kept), DataError (not an .xlsx), Conflict
    (changed meanwhile by someone else). After it the caller reloads its
    `KnowledgeBase` (`published` says whether the KB file was written).
    """
    from kb.lifecycle import library as lib
    from kb.lifecycle.schemas import LibraryChangesIn
    from kb.lifecycle.service import Forbidden, authorize

    authorize(principal, "manage_unit_library")
    own_only = principal.role != "admin"
    if own_only:
        if not principal.unit_name:
            raise Forbidden("该密钥没有所属单位")
        if unit_name and normalize(unit_name) != principal.unit_name:
            raise Forbidden(f"单位管理员只能导入本单位（{principal.unit_name}）的单位指标库")
        unit_name = principal.unit_name
    rows, problems = read_sheet(data, file)
    if problems:
        raise LibraryImportError(problems, file=file)
    try:
        plan = plan_import(rows, find=find, target_unit=unit_name, basic_allowed=not own_only)
    except LibraryImportError as e:
        raise LibraryImportError(e.problems, file=file) from None
    _require_units(session, plan, file)
    version = None
    if plan.changes:
        try:
            out = lib.apply_changes(session, principal, LibraryChangesIn(changes=plan.changes), lookup=find,
                                    permission="manage_library" if not own_only else "manage_unit_library")
        except DataError as e:
            raise LibraryImportError([_at_row(plan, e.field, e.message)], file=file) from None
        version = out.library_version
    published = lib.publish(settings, session) if plan.changes else True
    if version is None:
        from kb.lifecycle.service import _tx

        with _tx(session):
            version = lib.library_version(session)
    return ImportResult(rows=len(rows), added=plan.added, updated=plan.updated, unchanged=plan.unchanged,
                        library_version=version, published=published, unit_name=unit_name)
