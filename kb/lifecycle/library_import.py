"""Import a library workbook (.xlsx) as versioned library changes: who may, and all-or-nothing.

`import_workbook(session, principal, data, …)` reads and plans the sheet
(`kb.io.xlsx_library`: every problem as `第N行 列名: 问题`, nothing kept),
checks that every unit a new 单位指标库 row names is registered, applies the
plan in one transaction (`kb.lifecycle.library.apply_changes`: a new
version per changed indicator, audit entries) and publishes it into the KB
file. Who may import: an admin (系统管理员) any library; a unit admin
(单位管理员) only its own unit's library — a row naming another unit, or the
基础指标库, is refused. Reloading the caller's `KnowledgeBase` is
`kb.knowledge.import_library`. Not for single changes (`kb.lifecycle.library`).
"""
from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.domain.text import normalize
from kb.errors import DataError, Forbidden
from kb.io.xlsx_library import ImportPlan, LibraryImportError, plan_import, problem_at_row, read_sheet
from kb.lifecycle.access import Principal, authorize
from kb.lifecycle.library import Lookup, apply_changes, library_version
from kb.lifecycle.models import Unit
from kb.lifecycle.schemas import LibraryChangesIn
from kb.lifecycle.tx import transaction


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


def _require_units(session: Session, plan: ImportPlan, file: str) -> None:
    """New unit-library indicators need their unit to exist in the workflow database."""
    if not plan.new_in_units:
        return
    with transaction(session):
        known = set(session.scalars(select(Unit.name).where(Unit.name.in_(list(plan.new_in_units)))).all())
    missing = [(n, u) for u, n in sorted(plan.new_in_units.items(), key=lambda p: p[1]) if u not in known]
    if missing:
        raise LibraryImportError([f"第{n}行 单位名称: 单位“{u}”尚未登记；请先为该单位创建密钥"
                                  f"（jixiao admin create-key --unit {u} …）" for n, u in missing], file=file)


def _own_unit(principal: Principal, unit_name: str | None) -> str | None:
    """The unit every row must go to: the caller's own for a unit admin (Forbidden for another)."""
    if principal.reads_all_units:
        return unit_name
    if not principal.unit_name:
        raise Forbidden("该密钥没有所属单位")
    if unit_name and normalize(unit_name) != principal.unit_name:
        raise Forbidden(f"单位管理员只能导入本单位（{principal.unit_name}）的单位指标库")
    return principal.unit_name


def import_workbook(session: Session, principal: Principal, data: bytes, *, lookup: Lookup,
                   unit_name: str | None = None, file: str = "") -> ImportResult:
    """Import a library workbook all-or-nothing as versioned changes (committed; publishing into the KB
    file is the caller's: `kb.knowledge.import_library`, `published` is False until then).

    lookup(id): the indicator now in the KB (shipped + managed) or None.
    principal: a system admin imports any library (unit_name: confine every row to
    that unit); a unit admin, or an admin confined to its unit, only its own unit's library (unit_name blank or
    its own). Raises Forbidden (role, or another unit), LibraryImportError
    (every problem of the file, nothing kept), DataError (not an .xlsx),
    Conflict (changed meanwhile by someone else).
    """
    authorize(principal, "manage_unit_library")
    own_only = not principal.reads_all_units
    unit_name = _own_unit(principal, unit_name)
    rows, problems = read_sheet(data, file)
    if problems and not rows:
        raise LibraryImportError(problems, file=file)
    try:  # the rows read are validated too, so every problem of the file is reported at once
        plan = plan_import(rows, find=lookup, target_unit=unit_name, basic_allowed=not own_only, problems=problems)
    except LibraryImportError as e:
        raise LibraryImportError(e.problems, file=file) from None
    _require_units(session, plan, file)
    if not plan.changes:
        with transaction(session):
            version = library_version(session)
        return ImportResult(rows=len(rows), added=0, updated=0, unchanged=plan.unchanged, library_version=version,
                            published=True, unit_name=unit_name)
    try:
        out = apply_changes(session, principal, LibraryChangesIn(changes=plan.changes), lookup=lookup,
                            permission="manage_unit_library" if own_only else "manage_library")
    except DataError as e:
        raise LibraryImportError([problem_at_row(plan, e.field, e.message)], file=file) from None
    return ImportResult(rows=len(rows), added=plan.added, updated=plan.updated, unchanged=plan.unchanged,
                        library_version=out.library_version, published=False,
                        unit_name=unit_name)
