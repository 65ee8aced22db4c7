"""Library management: versioned add / update / deprecate / synonym changes (admins).

Changes are stored in the workflow database (`library_indicators` holds the
current state of every managed indicator as a `kb.domain.schema.Indicator`,
`library_changes` the history; their count is the library's version). A
batch is applied in one transaction: if any change is invalid, none is
kept. `publish(settings, session)` then writes the KB file's indicators as
"shipped libraries (indicators/) overlaid with the managed ones" through
`kb.store.build.write_indicators` (one transaction, the build's content hash is
kept so `jixiao build` does not undo it), after which `KnowledgeBase.reload()`
makes the change visible without a restart.

Unit-library (单位指标库) entries are private: only their unit, supervisors and
admins see them; anybody else gets NotFound. Not for learned statistics
(see `learning`).
"""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from kb.domain.messages import chinese
from kb.errors import Conflict, DataError, Forbidden, NotFound
from kb.lifecycle.models import LibraryChange, LibraryIndicator, Unit, utcnow
from kb.lifecycle.schemas import _utc
from kb.lifecycle.schemas import (LibraryChangeIn, LibraryChangeOut, LibraryChangesIn, LibraryChangesOut,
                                  LibraryIndicatorOut)
from kb.lifecycle.access import Principal, authorize
from kb.lifecycle.tx import record_audit, transaction
from kb.domain.ids import stable_indicator_id
from kb.domain.schema import Indicator
from kb.io.library import load_libraries
from kb.lifecycle.db import get_sessionmaker
from kb.settings import Settings
from kb.store.build import merged_indicators, write_indicators
from kb.store.db import build_info, open_db
from kb.domain.text import normalize

Lookup = Callable[[str], Indicator | None]
_FROZEN = {"id", "library", "unit_name", "version"}


def _validate(data: dict, field: str) -> Indicator:
    try:
        return Indicator.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        loc = ".".join(str(x) for x in err["loc"])
        raise DataError(f"指标数据无效: {chinese(err)}", field=f"{field}.{loc}" if loc else field) from None


def _out(li: LibraryIndicator, unit_name: str | None) -> LibraryIndicatorOut:
    return LibraryIndicatorOut(id=li.id, library=li.library, unit_name=unit_name, status=li.status,
                               version=li.version, indicator=li.data, updated_at=li.updated_at)


def _unit_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Unit.id, Unit.name)).all())


def _added(session: Session, p: Principal, indicator: dict, field: str, lookup: Lookup | None) -> LibraryIndicator:
    """The new library row of an `add` change (its library, unit and id checked; not flushed)."""
    data = dict(indicator)
    library = str(data.get("library") or "basic")
    library = {"基础指标库": "basic", "单位指标库": "unit"}.get(library, library)
    unit_id = None
    if library == "unit":
        uname = normalize(str(data.get("unit_name") or ""))
        if not uname:
            raise DataError("单位指标库的指标须填写 unit_name", field=f"{field}.indicator.unit_name")
        unit = session.scalar(select(Unit).where(Unit.name == uname))
        if unit is None:
            raise DataError(f"单位不存在: {uname}", field=f"{field}.indicator.unit_name")
        unit_id, data["unit_name"] = unit.id, uname
    else:
        data["unit_name"] = None
    data["library"] = library
    if not p.reads_all_units and (library != "unit" or unit_id != p.unit_id):
        raise Forbidden("单位管理员只能修改本单位的单位指标库；基础指标库由系统管理员维护")
    given_id = str(data.get("id") or "").strip()
    probe = _validate({**data, "id": given_id or "pending"}, f"{field}.indicator")
    ind_id = given_id or stable_indicator_id(library, probe.unit_name, probe.name, probe.level2.value)
    if session.get(LibraryIndicator, ind_id) is not None or (lookup and lookup(ind_id) is not None):
        raise Conflict(f"指标已存在: {ind_id}")
    ind = probe.model_copy(update={"id": ind_id, "version": 1})
    li = LibraryIndicator(id=ind.id, library=library, unit_id=unit_id, name=ind.name,
                          status=ind.status.value, version=1, data=ind.model_dump(mode="json"),
                          updated_at=utcnow())
    session.add(li)
    return li


def _apply_one(session: Session, p: Principal, ch: LibraryChangeIn, i: int, lookup: Lookup | None) -> LibraryChangeOut:
    field = f"changes[{i + 1}]"
    if ch.op == "add":
        if not ch.indicator:
            raise DataError("add 需要 indicator", field=f"{field}.indicator")
        li = _added(session, p, ch.indicator, field, lookup)
        before = None
    else:
        if not ch.id:
            raise DataError(f"{ch.op} 需要 id", field=f"{field}.id")
        li = session.get(LibraryIndicator, ch.id)
        if li is None:
            base = lookup(ch.id) if lookup else None
            if base is None:
                raise NotFound(f"指标不存在: {ch.id}")
            unit_id = None
            if base.library.value == "unit":
                unit_id = session.scalar(select(Unit.id).where(Unit.name == base.unit_name))
            li = LibraryIndicator(id=base.id, library=base.library.value, unit_id=unit_id, name=base.name,
                                  status=base.status.value, version=base.version,
                                  data=base.model_dump(mode="json"), updated_at=utcnow())
            session.add(li)
        if not p.reads_all_units and (li.library != "unit" or li.unit_id != p.unit_id):
            raise NotFound(f"指标不存在: {ch.id}")  # a unit admin changes its own unit library only
        if ch.expected_version is not None and ch.expected_version != li.version:
            raise Conflict(f"指标 {li.id} 当前版本为 {li.version}，不是 {ch.expected_version}；请刷新后重试")
        before = dict(li.data)
        data = dict(li.data)
        if ch.op == "update":
            if not ch.patch:
                raise DataError("update 需要 patch", field=f"{field}.patch")
            bad = sorted(set(ch.patch) & _FROZEN)
            if bad:
                raise DataError(f"不能修改 {', '.join(bad)}", field=f"{field}.patch.{bad[0]}")
            data.update(ch.patch)
        elif ch.op == "deprecate":
            if li.status == "deprecated":
                raise Conflict(f"指标 {li.id} 已停用")
            data["status"] = "deprecated"
        elif ch.op == "synonyms":
            words = [normalize(w) for w in ch.synonyms if normalize(w)]
            if not words:
                raise DataError("synonyms 不能为空", field=f"{field}.synonyms")
            data["synonyms"] = list(dict.fromkeys([*data.get("synonyms", []), *words]))
        data["version"] = li.version + 1
        ind = _validate(data, f"{field}.patch" if ch.op == "update" else field)
        li.version, li.status, li.name = ind.version, ind.status.value, ind.name
        li.data, li.updated_at = ind.model_dump(mode="json"), utcnow()
    session.flush()
    rec = LibraryChange(indicator_id=li.id, version=li.version, op=ch.op, data=li.data,
                        created_by=p.key_id, created_at=utcnow())
    session.add(rec)
    session.flush()
    record_audit(session, p, f"library.{ch.op}", "indicator", li.id, before, li.data)
    return LibraryChangeOut(change_id=rec.id, id=li.id, op=ch.op, version=li.version, created_at=rec.created_at)


def apply_changes(session: Session, principal: Principal, body: LibraryChangesIn, *,
                  lookup: Lookup | None = None, permission: str = "manage_library") -> LibraryChangesOut:
    """Apply a batch of library changes all-or-nothing (admins).

    `lookup(id)` finds an indicator of the shipped libraries (the KB file) so
    it can be updated, deprecated or given synonyms. `permission`: the action
    checked (`manage_unit_library` when the caller has already confined every
    change to its own unit, see `kb.lifecycle.library_import`). Raises Forbidden,
    DataError (invalid data; nothing is kept), NotFound, Conflict (duplicate
    add, stale expected_version, deprecating twice).
    """
    authorize(principal, permission)
    with transaction(session):
        outs = [_apply_one(session, principal, ch, i, lookup) for i, ch in enumerate(body.changes)]
        return LibraryChangesOut(library_version=library_version(session), changes=outs)


def library_version(session: Session) -> int:
    """The library's change counter: how many changes were kept (0 before any; rows are never
    deleted, and unlike ids it has no gaps from rolled-back batches)."""
    return int(session.scalar(select(func.count(LibraryChange.id))) or 0)


def _visible(p: Principal, li: LibraryIndicator) -> bool:
    return li.library == "basic" or p.reads_all_units or li.unit_id == p.unit_id


def list_managed(session: Session, principal: Principal, *, library: str | None = None,
                 unit_name: str | None = None, include_deprecated: bool = True) -> list[LibraryIndicatorOut]:
    """Managed indicators visible to the caller. Asking for another unit's library → NotFound."""
    authorize(principal, "read")
    with transaction(session):
        names = _unit_names(session)
        q = select(LibraryIndicator).order_by(LibraryIndicator.id)
        if library:
            q = q.where(LibraryIndicator.library == library)
        if unit_name:
            uname = normalize(unit_name)
            uid = next((k for k, v in names.items() if v == uname), None)
            if uid is None or (not principal.reads_all_units and uid != principal.unit_id):
                raise NotFound(f"单位指标库不存在: {unit_name}")
            q = q.where(LibraryIndicator.unit_id == uid)
        if not include_deprecated:
            q = q.where(LibraryIndicator.status == "active")
        return [_out(li, names.get(li.unit_id)) for li in session.scalars(q).all() if _visible(principal, li)]


def get_managed(session: Session, principal: Principal, indicator_id: str) -> tuple[LibraryIndicatorOut, list[dict]]:
    """A managed indicator and its change history. Another unit's private indicator → NotFound."""
    authorize(principal, "read")
    with transaction(session):
        li = session.get(LibraryIndicator, indicator_id)
        if li is None or not _visible(principal, li):
            raise NotFound(f"指标不存在: {indicator_id}")
        hist = session.scalars(select(LibraryChange).where(LibraryChange.indicator_id == li.id)
                               .order_by(LibraryChange.id)).all()
        return _out(li, _unit_names(session).get(li.unit_id)), [
            {"change_id": h.id, "op": h.op, "version": h.version, "created_at": _utc(h.created_at).isoformat(),
             "data": h.data} for h in hist]


def managed_indicators(session: Session) -> list[Indicator]:
    """Every managed indicator (active and deprecated) as `Indicator`, for merging into the KB."""
    with transaction(session):
        return [Indicator.model_validate(li.data) for li in
                session.scalars(select(LibraryIndicator).order_by(LibraryIndicator.id)).all()]


def managed_from_workflow(settings: Settings) -> list[Indicator]:
    """Indicators added or changed through library management, for `kb.knowledge.build` (kept across rebuilds).

    Read from the workflow database when it exists and is migrated; [] otherwise.
    """
    url = settings.resolved_database_url()
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        return []
    try:
        with get_sessionmaker(url)() as session:
            return managed_indicators(session)
    except SQLAlchemyError:
        return []


def publish(settings: Settings, session: Session) -> bool:
    """Write shipped + managed indicators into the KB file (one transaction).

    Returns False when the KB file has not been built yet (the change is
    stored and will be published by the next call). The build's content hash
    is kept, so a later `jixiao build` with unchanged data files leaves the
    managed indicators in place; `library_version` is recorded in build_info.
    """
    path = settings.resolved_kb_path()
    if not path.exists():
        return False
    db = open_db(path)
    info = build_info(db)
    if "indicators" not in db.table_names():
        return False
    merged = merged_indicators(load_libraries(settings.indicators_dir), managed_indicators(session))
    with transaction(session):
        version = library_version(session)
    info.update({"library_version": str(version), "indicator_count": str(len(merged)),
                 "published_at": time.strftime("%Y-%m-%dT%H:%M:%S")})
    write_indicators(db, merged, info=info)
    return True
