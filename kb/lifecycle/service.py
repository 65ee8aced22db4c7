"""Workflow operations of the lifecycle API (used by `service/routers/*` and the CLI).

Every operation takes a SQLAlchemy `Session` and the calling `Principal`,
runs in one transaction (all-or-nothing: any error rolls everything back),
writes an audit entry (who, when, what, before/after) for every change and
returns a pydantic shape from `kb.lifecycle.schemas`.

Access rules (GLOSSARY roles): declarants declare, edit and submit; reviewers
return or approve; declarants and reviewers file monitoring reports and
self-evaluations; reviewers and admins record the finance bureau's feedback;
supervisors (监管人员) read everything and write nothing; admins do
everything and manage keys and libraries. The role is checked first
(`Forbidden` → 403, whatever the target); then the unit: a declaration of
another unit is reported as not found (`NotFound` → 404) so its existence
does not leak. Not for rules (see `monitoring`, `scoring`, `learning`).
"""
from __future__ import annotations

import hashlib
import secrets
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from kb.errors import Conflict, DataError, JixiaoError, NotFound
from kb.lifecycle import learning
from kb.lifecycle.models import (ApiKey, AuditEntry, Declaration, DeclarationVersion, Department,
                                 Evaluation, EvaluationItem, Feedback, LearnedObservation,
                                 MonitoringReport, Project, Review, TargetRowRecord, Unit, utcnow)
from kb.lifecycle.monitoring import LIGHT_LABELS, budget_progress, indicator_progress, time_progress
from kb.lifecycle.schemas import (AuditOut, DeclarationBrief, DeclarationIn, DeclarationOut,
                                  DepartmentSummary, EvalItemOut, EvaluationIn, EvaluationOut,
                                  FeedbackIn, FeedbackOut, KeyCreated, KeyIn, KeyOut, MonitoringIn,
                                  MonitoringOut, MonitorRowOut, ProjectExecution, PublicSummary, ReviewIn,
                                  ReviewOut, RowOut, EXECUTION_SOURCE_LABELS)
from kb.lifecycle.scoring import (budget_execution_score, check_weight_total, grade, score_indicator,
                                  total_score)
from kb.lifecycle.values import format_number, parse_number
from kb.domain.schema import Declaration as SchemaDeclaration
from kb.domain.schema import Target, TargetRow, parse_level1, parse_level2
from kb.settings import Settings, get_settings
from kb.domain.text import normalize, normalize_name


class Forbidden(JixiaoError):
    """The caller's role may not do this (HTTP 403)."""


class FindingsNotAcknowledged(Conflict):
    """Approving a version that still has error-level checker findings without
    `acknowledge_findings` (HTTP 409; `findings` lists them, `service.auth.call`
    puts them in the response)."""

    def __init__(self, message: str, findings: list[dict[str, Any]]):
        super().__init__(message)
        self.findings = findings


@dataclass(frozen=True)
class Principal:
    """Who is calling: key id (None for the CLI / auth switched off), role, unit."""

    key_id: int | None
    role: str
    unit_name: str | None
    unit_id: int | None

    @property
    def reads_all_units(self) -> bool:
        return self.role in ("supervisor", "admin")


CLI_PRINCIPAL = Principal(key_id=None, role="admin", unit_name="(命令行)", unit_id=None)

PERMISSIONS: dict[str, frozenset[str]] = {
    "read": frozenset({"declarant", "reviewer", "supervisor", "admin"}),
    "declare": frozenset({"declarant", "admin"}),
    "submit": frozenset({"declarant", "admin"}),
    "review": frozenset({"reviewer", "admin"}),
    "monitor": frozenset({"declarant", "reviewer", "admin"}),
    "evaluate": frozenset({"declarant", "reviewer", "admin"}),
    "feedback": frozenset({"reviewer", "admin"}),
    "manage_keys": frozenset({"admin"}),
    "manage_library": frozenset({"admin"}),
    "read_audit": frozenset({"supervisor", "admin"}),
}


def authorize(principal: Principal, action: str) -> None:
    """Raise Forbidden unless `principal.role` may do `action` (see PERMISSIONS)."""
    if principal.role not in PERMISSIONS[action]:
        raise Forbidden(f"角色 {principal.role} 无权执行此操作")


# --------------------------------------------------------------------------- keys

def hash_key(key: str) -> str:
    """SHA-256 hex digest of an API key (keys are 256-bit random, so no salt/stretching is needed)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def authenticate(session: Session, key: str | None) -> Principal | None:
    """The principal of a presented key, or None for a missing, unknown or revoked key."""
    if not key or len(key) > 200:
        return None
    row = session.execute(select(ApiKey, Unit.name).join(Unit, ApiKey.unit_id == Unit.id)
                          .where(ApiKey.key_hash == hash_key(key))).first()
    if row is None or row[0].revoked_at is not None:
        return None
    k, unit_name = row
    return Principal(key_id=k.id, role=k.role, unit_name=unit_name, unit_id=k.unit_id)


def _audit(session: Session, p: Principal, action: str, entity: str, entity_id: Any,
           before: dict | None, after: dict | None) -> None:
    session.add(AuditEntry(at=utcnow(), key_id=p.key_id, role=p.role, unit_name=p.unit_name or "",
                           action=action, entity=entity, entity_id=str(entity_id),
                           before=before, after=after))


def _unit(session: Session, name: str, *, create: bool) -> Unit:
    name = normalize(name)
    if not name:
        raise DataError("单位名称不能为空", field="unit_name")
    u = session.scalar(select(Unit).where(Unit.name == name))
    if u is None:
        if not create:
            raise NotFound(f"单位不存在: {name}")
        u = Unit(name=name)
        session.add(u)
        session.flush()
    return u


def _key_out(k: ApiKey, unit_name: str) -> dict:
    return dict(id=k.id, unit_name=unit_name, role=k.role, label=k.label,
                created_at=k.created_at, revoked_at=k.revoked_at)


def create_key(session: Session, principal: Principal, body: KeyIn) -> KeyCreated:
    """Create an API key for a unit (created if new). The key is returned once; only its hash is stored."""
    authorize(principal, "manage_keys")
    key = "jx_" + secrets.token_urlsafe(32)
    with _tx(session):
        u = _unit(session, body.unit_name, create=True)
        k = ApiKey(key_hash=hash_key(key), role=body.role, unit_id=u.id, label=body.label, created_at=utcnow())
        session.add(k)
        session.flush()
        info = _key_out(k, u.name)
        _audit(session, principal, "key.create", "api_key", k.id, None,
               {"role": k.role, "unit_name": u.name, "label": k.label})
    return KeyCreated(key=key, **info)


def list_keys(session: Session, principal: Principal) -> list[KeyOut]:
    """All keys (without secrets), newest first."""
    authorize(principal, "manage_keys")
    with _tx(session):
        rows = session.execute(select(ApiKey, Unit.name).join(Unit).order_by(ApiKey.id.desc())).all()
        return [KeyOut(**_key_out(k, n)) for k, n in rows]


def revoke_key(session: Session, principal: Principal, key_id: int) -> KeyOut:
    """Revoke a key (it stops working at once). Raises NotFound, Conflict if already revoked."""
    authorize(principal, "manage_keys")
    with _tx(session):
        k = session.get(ApiKey, key_id)
        if k is None:
            raise NotFound(f"密钥不存在: {key_id}")
        if k.revoked_at is not None:
            raise Conflict(f"密钥 {key_id} 已吊销")
        k.revoked_at = utcnow()
        _audit(session, principal, "key.revoke", "api_key", k.id, {"revoked": False}, {"revoked": True})
        return KeyOut(**_key_out(k, k.unit.name))


# --------------------------------------------------------------------------- transactions

@contextmanager
def _tx(session: Session) -> Iterator[Session]:
    """One transaction on `session`; a lost update or a unique clash becomes Conflict (409)."""
    if session.in_transaction():
        session.rollback()
    try:
        with session.begin():
            yield session
    except StaleDataError:
        raise Conflict("该记录已被其他请求修改，请刷新后重试") from None
    except IntegrityError:
        raise Conflict("与已有记录冲突，请刷新后重试") from None


# --------------------------------------------------------------------------- declarations

def _check(body: DeclarationIn, settings: Settings, lookup: Any = None) -> list[dict[str, Any]]:
    from kb.checker import check_declaration  # lazy: the checker loads its lexicons on import

    decl = SchemaDeclaration(project_name=body.project_name, description=body.description,
                             department=body.department, sector=body.sector, year=body.year,
                             budget_wan=body.budget_wan,
                             rows=[TargetRow(**r.model_dump(exclude={"indicator_id"}),
                                             indicator_id=r.indicator_id) for r in body.rows])
    report = check_declaration(decl, settings=settings.checker, lookup=lookup)
    return list(report.model_dump(mode="json").get("findings", []))


def _errors(findings: Sequence[dict]) -> int:
    return len(open_errors(findings))


def open_errors(findings: Sequence[dict] | None) -> list[dict[str, Any]]:
    """The error-level findings among a version's checker findings (dicts as stored)."""
    return [f for f in findings or [] if str(f.get("severity", "")).lower() == "error"]


def _finding_line(f: dict) -> str:
    where = f"第{f['row']}行" if f.get("row") else "全表"
    return f"{where} {f.get('rule_id', '')} {f.get('message', '')}".strip()


def errors_warning(errors: Sequence[dict]) -> str | None:
    """The Chinese warning shown while a version has error-level findings, else None."""
    if not errors:
        return None
    return (f"当前版本仍有 {len(errors)} 个错误级审核发现未修改：" + "；".join(_finding_line(f) for f in errors)
            + "。可以提交审核，但审核通过时审核人员须确认这些问题（acknowledge_findings: true）。")


def _ack_record(f: dict) -> dict[str, Any]:
    return {k: f.get(k) for k in ("rule_id", "severity", "row", "field", "message")}


def _visible_declaration(session: Session, p: Principal, decl_id: int) -> Declaration:
    d = session.get(Declaration, decl_id)
    if d is None or (not p.reads_all_units and d.unit_id != p.unit_id):
        raise NotFound(f"申报不存在: {decl_id}")
    return d


def _current(d: Declaration) -> DeclarationVersion:
    for v in d.versions:
        if v.version == d.current_version:
            return v
    raise NotFound(f"申报 {d.id} 缺少当前版本")  # pragma: no cover - schema invariant


def _decl_out(session: Session, d: Declaration) -> DeclarationOut:
    v = _current(d)
    reviews = session.scalars(select(Review).where(Review.declaration_id == d.id).order_by(Review.id)).all()
    has_eval = session.scalar(select(func.count(Evaluation.id)).where(Evaluation.declaration_id == d.id)) > 0
    has_fb = session.scalar(select(func.count(Feedback.id)).where(Feedback.declaration_id == d.id)) > 0
    return DeclarationOut(
        id=d.id, unit_name=d.unit.name, state=d.state, version=v.version, project_name=v.project_name,
        description=v.description, department=v.department, sector=v.sector, year=v.year,
        budget_wan=v.budget_wan,
        rows=[RowOut(position=r.position, level1=r.level1, level2=r.level2, name=r.name or "-",
                     operator=r.operator, value=r.value, unit=r.unit, indicator_id=r.indicator_id)
              for r in v.rows],
        findings=v.findings or [], error_count=d.error_count,
        open_errors=open_errors(v.findings), warning=errors_warning(open_errors(v.findings)),
        reviews=[ReviewOut(decision=r.decision, version=r.version, comment=r.comment,
                           acknowledged_findings=r.acknowledged_findings or [], created_at=r.created_at)
                 for r in reviews],
        has_evaluation=has_eval, has_feedback=has_fb, created_at=d.created_at, updated_at=d.updated_at)


def _content(v: DeclarationVersion) -> dict:
    return {"version": v.version, "project_name": v.project_name, "department": v.department,
            "sector": v.sector, "year": v.year, "budget_wan": v.budget_wan,
            "rows": [{"level1": r.level1, "level2": r.level2, "name": r.name, "operator": r.operator,
                      "value": r.value, "unit": r.unit} for r in v.rows]}


def _new_version(session: Session, d: Declaration, number: int, body: DeclarationIn,
                 findings: list[dict], p: Principal) -> DeclarationVersion:
    v = DeclarationVersion(declaration=d, version=number, project_name=normalize(body.project_name),
                           description=body.description.strip(), department=normalize(body.department),
                           sector=normalize(body.sector), year=body.year, budget_wan=body.budget_wan,
                           findings=findings, created_by=p.key_id, created_at=utcnow())
    v.rows = [TargetRowRecord(position=i, level1=r.level1.strip(), level2=r.level2.strip(),
                              name=r.name.strip(), operator=r.operator.strip(), value=r.value,
                              unit=r.unit.strip(), indicator_id=r.indicator_id)
              for i, r in enumerate(body.rows, start=1)]
    session.add(v)
    return v


def _project_and_department(session: Session, unit: Unit, body: DeclarationIn) -> tuple[Project, Department | None]:
    name = normalize(body.project_name)
    proj = session.scalar(select(Project).where(Project.unit_id == unit.id, Project.name == name))
    if proj is None:
        proj = Project(unit_id=unit.id, name=name, sector=normalize(body.sector), created_at=utcnow())
        session.add(proj)
    elif body.sector and not proj.sector:
        proj.sector = normalize(body.sector)
    dept = None
    dname = normalize(body.department)
    if dname:
        dept = session.scalar(select(Department).where(Department.unit_id == unit.id, Department.name == dname))
        if dept is None:
            dept = Department(unit_id=unit.id, name=dname)
            session.add(dept)
    session.flush()
    return proj, dept


def declare(session: Session, principal: Principal, body: DeclarationIn, *,
            settings: Settings | None = None, lookup: Any = None) -> DeclarationOut:
    """事前申报: store a new declaration (state draft, version 1) with the checker's findings.

    `lookup` (e.g. `KnowledgeBase.lookup`) lets the checker compare rows with
    the libraries; without it only the library-independent rules run.

    The unit is the caller's; an admin names it in `body.unit_name` (which must
    exist). Raises Forbidden, DataError, NotFound (admin: unknown unit).
    """
    authorize(principal, "declare")
    if principal.role == "admin":
        if not body.unit_name:
            raise DataError("管理员代为申报时须填写 unit_name", field="unit_name")
    elif principal.unit_id is None:
        raise Forbidden("该密钥没有所属单位")
    findings = _check(body, settings or get_settings(), lookup)
    with _tx(session):
        unit = (_unit(session, body.unit_name, create=False) if principal.role == "admin"
                else session.get(Unit, principal.unit_id))
        proj, dept = _project_and_department(session, unit, body)
        now = utcnow()
        d = Declaration(project_id=proj.id, unit_id=unit.id, department_id=dept.id if dept else None,
                        year=body.year, state="draft", current_version=1, error_count=_errors(findings),
                        created_by=principal.key_id, created_at=now, updated_at=now)
        session.add(d)
        v = _new_version(session, d, 1, body, findings, principal)
        session.flush()
        _audit(session, principal, "declaration.create", "declaration", d.id, None,
               {"state": "draft", **_content(v), "error_count": d.error_count})
        return _decl_out(session, d)


def update_declaration(session: Session, principal: Principal, decl_id: int, body: DeclarationIn, *,
                       settings: Settings | None = None, lookup: Any = None) -> DeclarationOut:
    """Store a new version of a draft or returned declaration (state back to draft), re-checked.

    Raises Forbidden, NotFound (other unit / missing), Conflict (submitted or approved).
    """
    authorize(principal, "declare")
    findings = _check(body, settings or get_settings(), lookup)
    with _tx(session):
        d = _visible_declaration(session, principal, decl_id)
        if d.state not in ("draft", "returned"):
            raise Conflict(f"申报状态为 {d.state}，只有草稿或已退回的申报可以修改")
        before = {"state": d.state, **_content(_current(d))}
        proj, dept = _project_and_department(session, d.unit, body)
        number = d.current_version + 1
        v = _new_version(session, d, number, body, findings, principal)
        d.project_id, d.department_id, d.year = proj.id, (dept.id if dept else None), body.year
        d.current_version, d.state, d.error_count, d.updated_at = number, "draft", _errors(findings), utcnow()
        session.flush()
        _audit(session, principal, "declaration.update", "declaration", d.id, before,
               {"state": "draft", **_content(v), "error_count": d.error_count})
        return _decl_out(session, d)


def get_declaration(session: Session, principal: Principal, decl_id: int) -> DeclarationOut:
    """Read one declaration (NotFound for another unit's, unless supervisor/admin)."""
    authorize(principal, "read")
    with _tx(session):
        return _decl_out(session, _visible_declaration(session, principal, decl_id))


def list_declarations(session: Session, principal: Principal, *, state: str | None = None,
                      year: int | None = None, limit: int = 100, offset: int = 0) -> list[DeclarationBrief]:
    """Declarations visible to the caller (own unit; all for supervisors/admins), newest first."""
    authorize(principal, "read")
    with _tx(session):
        q = select(Declaration).order_by(Declaration.id.desc()).limit(min(max(limit, 1), 500)).offset(max(offset, 0))
        if not principal.reads_all_units:
            q = q.where(Declaration.unit_id == principal.unit_id)
        if state:
            q = q.where(Declaration.state == state)
        if year:
            q = q.where(Declaration.year == year)
        out = []
        for d in session.scalars(q).all():
            v = _current(d)
            out.append(DeclarationBrief(id=d.id, unit_name=d.unit.name, project_name=v.project_name,
                                        department=v.department, year=v.year, state=d.state,
                                        version=v.version, error_count=d.error_count))
        return out


_TRANSITIONS = {"submit": ({"draft", "returned"}, "submitted"),
                "return": ({"submitted"}, "returned"),
                "approve": ({"submitted"}, "approved")}


def _transition(session: Session, principal: Principal, decl_id: int, action: str,
                comment: str = "", acknowledge: bool = False) -> DeclarationOut:
    authorize(principal, "submit" if action == "submit" else "review")
    allowed, target = _TRANSITIONS[action]
    with _tx(session):
        d = _visible_declaration(session, principal, decl_id)
        if d.state not in allowed:
            raise Conflict(f"申报状态为 {d.state}，不能执行 {action}")
        errors = open_errors(_current(d).findings)
        acknowledged = None
        if action == "approve" and errors:
            if not acknowledge:
                raise FindingsNotAcknowledged(
                    f"第 {d.current_version} 版仍有 {len(errors)} 个错误级审核发现："
                    + "；".join(_finding_line(f) for f in errors)
                    + "。请退回修改，或在请求体中设置 acknowledge_findings: true 确认后再审核通过", errors)
            acknowledged = [_ack_record(f) for f in errors]
        before = {"state": d.state, "version": d.current_version}
        d.state, d.updated_at = target, utcnow()
        if action in ("return", "approve"):
            session.add(Review(declaration_id=d.id, version=d.current_version, decision=action,
                               comment=comment.strip(), acknowledged_findings=acknowledged,
                               created_by=principal.key_id, created_at=utcnow()))
        session.flush()
        after: dict[str, Any] = {"state": target, "version": d.current_version}
        if comment.strip():
            after["comment"] = comment.strip()
        if action == "submit" and errors:
            after["open_errors"] = [_ack_record(f) for f in errors]
        if acknowledged:
            after["acknowledged_findings"] = acknowledged
        _audit(session, principal, f"declaration.{action}", "declaration", d.id, before, after)
        return _decl_out(session, d)


def submit(session: Session, principal: Principal, decl_id: int) -> DeclarationOut:
    """draft/returned → submitted. Raises Forbidden, NotFound, Conflict.

    Submitting a version with error-level checker findings is allowed; the
    answer lists them in `open_errors` and explains in `warning` (the audit
    entry records them too).
    """
    return _transition(session, principal, decl_id, "submit")


def return_declaration(session: Session, principal: Principal, decl_id: int, body: ReviewIn) -> DeclarationOut:
    """submitted → returned with the reviewer's comment (required). Raises Forbidden, NotFound, Conflict, DataError."""
    if not body.comment.strip():
        authorize(principal, "review")
        raise DataError("退回时必须填写审核意见", field="comment")
    return _transition(session, principal, decl_id, "return", body.comment)


def approve(session: Session, principal: Principal, decl_id: int, body: ReviewIn | None = None) -> DeclarationOut:
    """submitted → approved (comment optional).

    A version with error-level checker findings is approved only when the
    reviewer acknowledges them (`body.acknowledge_findings`); the acknowledged
    findings are stored with the review and in the audit log. Raises
    Forbidden, NotFound, Conflict (wrong state), FindingsNotAcknowledged (409,
    with the list).
    """
    return _transition(session, principal, decl_id, "approve", body.comment if body else "",
                       acknowledge=bool(body and body.acknowledge_findings))


# --------------------------------------------------------------------------- row matching

def _match_rows(rows: Sequence[TargetRowRecord], items: Sequence[Any], what: str) -> list[tuple[int, TargetRowRecord, Any]]:
    """Pair each item of `items` (by its 1-based `row` or its `name`) with a target row.

    Returns (0-based index in `items`, row, item). Error fields keep the JSON
    position (`rows[2].row`, as pydantic does); the messages count from 1
    (`rows 第 3 项`) and name declaration rows by their 1-based row number.
    """
    by_pos = {r.position: r for r in rows}
    by_name: dict[str, list[TargetRowRecord]] = defaultdict(list)
    for r in rows:
        by_name[normalize_name(r.name)].append(r)
    seen: set[int] = set()
    out = []
    for i, it in enumerate(items):
        field = f"{what}[{i}]"
        item = f"{what} 第 {i + 1} 项"
        if it.row is not None:
            r = by_pos.get(it.row)
            if r is None:
                raise DataError(f"{item}：申报中没有第 {it.row} 行（共 {len(rows)} 行）", field=f"{field}.row")
        elif it.name:
            cands = by_name.get(normalize_name(it.name), [])
            if not cands:
                raise DataError(f"{item}：申报中没有名为“{it.name}”的指标", field=f"{field}.name")
            if len(cands) > 1:
                raise DataError(f"{item}：有多个名为“{it.name}”的指标（第 "
                                + "、".join(str(c.position) for c in cands) + " 行），请用 row 指定行号",
                                field=f"{field}.row")
            r = cands[0]
        else:
            raise DataError(f"{item}：请用 row（行号，从 1 开始）或 name（指标名称）指明指标", field=f"{field}.row")
        if r.position in seen:
            raise DataError(f"{item}：第 {r.position} 行“{r.name}”重复填报", field=f"{field}.row")
        seen.add(r.position)
        out.append((i, r, it))
    return out


def _row_error(e: DataError, what: str, i: int, r: TargetRowRecord) -> DataError:
    """`e` with a message naming the declaration row (1-based) and, when it differs, the item (1-based)."""
    item = f"（{what} 第 {i + 1} 项）" if i + 1 != r.position else ""
    return DataError(f"第 {r.position} 行“{r.name}”{item}：{e.message}", field=e.field)


def _target_text(r: TargetRowRecord) -> str:
    return Target(operator=r.operator, value=r.value, unit=r.unit).text()


# --------------------------------------------------------------------------- monitoring

def _require_state(d: Declaration, states: set[str], what: str) -> None:
    if d.state not in states:
        raise Conflict(f"申报状态为 {d.state}，审核通过后才能{what}")


def monitor(session: Session, principal: Principal, decl_id: int, body: MonitoringIn, *,
            settings: Settings | None = None) -> MonitoringOut:
    """事中监控: lights per indicator and for budget execution (bands from settings.monitoring).

    `lights` counts every light of the report, the budget execution light
    included; `indicator_lights` the indicators only; `budget_light` the budget's.

    Raises Forbidden, NotFound, Conflict (not approved), DataError (period
    outside the year, unknown rows, 预计无法完成 without a reason, non-numeric actuals).
    """
    authorize(principal, "monitor")
    bands = (settings or get_settings()).monitoring
    with _tx(session):
        d = _visible_declaration(session, principal, decl_id)
        _require_state(d, {"approved"}, "填报监控")
        v = _current(d)
        if v.year is None:
            raise DataError("申报未填写预算年度，无法计算时间进度", field="year")
        tp = time_progress(body.period_end, v.year)
        items = []
        for i, r, it in _match_rows(v.rows, body.indicators, "indicators"):
            try:
                prog = indicator_progress(operator=r.operator, target=r.value, unit=r.unit, actual=it.actual, tp=tp,
                                          bands=bands, direction=it.direction, on_track=it.on_track,
                                          expected_unachievable=it.expected_unachievable, reason=it.reason,
                                          field=f"indicators[{i}]")
            except DataError as e:
                raise _row_error(e, "indicators", i, r) from None
            items.append(MonitorRowOut(row=r.position, name=r.name, target=_target_text(r), **prog.model_dump()))
        items.sort(key=lambda x: x.row)
        reported = {x.row for x in items}
        budget = (budget_progress(budget_wan=v.budget_wan, executed_wan=body.budget_executed_wan, tp=tp, bands=bands)
                  if body.budget_executed_wan is not None else None)
        indicator_lights = {k: 0 for k in LIGHT_LABELS}
        for x in items:
            indicator_lights[x.light] += 1
        lights = dict(indicator_lights)
        if budget is not None and budget.light is not None:
            lights[budget.light] += 1
        rep = MonitoringReport(declaration_id=d.id, version=v.version, period_end=body.period_end,
                               budget_executed_wan=body.budget_executed_wan, time_progress=tp,
                               budget_execution_rate=budget.execution_rate if budget else None,
                               budget_light=budget.light if budget else None, created_by=principal.key_id,
                               created_at=utcnow(), result={})
        session.add(rep)
        session.flush()
        out = MonitoringOut(id=rep.id, declaration_id=d.id, version=v.version, period_end=body.period_end,
                            time_progress=tp, budget=budget, indicators=items,
                            not_reported=[r.position for r in v.rows if r.position not in reported],
                            lights=lights, indicator_lights=indicator_lights,
                            budget_light=budget.light if budget else None, created_at=rep.created_at)
        rep.result = out.model_dump(mode="json")
        _audit(session, principal, "monitoring.create", "declaration", d.id, None,
               {"monitoring_id": rep.id, "period_end": body.period_end.isoformat(), "lights": lights,
                "indicator_lights": indicator_lights, "budget_light": rep.budget_light})
        return out


def list_monitoring(session: Session, principal: Principal, decl_id: int) -> list[MonitoringOut]:
    """Monitoring reports of a declaration, oldest first."""
    authorize(principal, "read")
    with _tx(session):
        d = _visible_declaration(session, principal, decl_id)
        reps = session.scalars(select(MonitoringReport).where(MonitoringReport.declaration_id == d.id)
                               .order_by(MonitoringReport.id)).all()
        return [_stored_monitoring(r) for r in reps]


def _stored_monitoring(r: MonitoringReport) -> MonitoringOut:
    """A stored report; reports stored before the budget light was counted (no
    `indicator_lights`) get their counts completed from the stored budget light."""
    data = dict(r.result or {})
    if "indicator_lights" not in data:
        data["indicator_lights"] = dict(data.get("lights") or {})
        lights = dict(data["indicator_lights"])
        if r.budget_light:
            lights[r.budget_light] = lights.get(r.budget_light, 0) + 1
        data["lights"], data["budget_light"] = lights, r.budget_light
    return MonitoringOut.model_validate(data)


# --------------------------------------------------------------------------- evaluation

def _eval_out(e: Evaluation, targets: dict[int, str]) -> EvaluationOut:
    items = [EvalItemOut(row=it.position, name=it.name, target=targets.get(it.position, ""), actual=it.actual,
                         direction=it.direction, weight=it.weight, score=it.score, score_low=it.score_low,
                         score_high=it.score_high, completion=it.completion, tier=it.tier,
                         deviation_reason=it.deviation_reason, warnings=it.warnings or [])
             for it in e.items]
    return EvaluationOut(id=e.id, declaration_id=e.declaration_id, version=e.version, items=items,
                         total=e.total, total_weight=e.total_weight, percent=total_score_from(e), grade=e.grade,
                         warnings=e.warnings or [], created_at=e.created_at)


def total_score_from(e: Evaluation) -> float:
    """The percentage used for the grade of a stored evaluation."""
    if abs(e.total_weight - 100.0) <= 1e-6:
        return e.total
    return 100.0 * e.total / e.total_weight if e.total_weight > 0 else 0.0


def evaluate(session: Session, principal: Principal, decl_id: int, body: EvaluationIn, *,
             settings: Settings | None = None) -> EvaluationOut:
    """事后评价: score each listed row, the optional 预算执行率 line, total and grade.

    The weights must add up to 100 (with the 预算执行率 line: rows 100 −
    budget_weight, i.e. 90 + 10; tolerance settings.checker.weight_tolerance;
    财预〔2020〕10号, RULES.md STR-13). A new evaluation replaces the previous
    one until feedback has been given. Error messages name rows from 1.
    Raises Forbidden, NotFound, Conflict (not approved / feedback given),
    DataError (weights not adding up to 100 → field `rows`, unknown rows,
    missing actuals, undeterminable 定性 tiers).
    """
    authorize(principal, "evaluate")
    checker = (settings or get_settings()).checker
    with _tx(session):
        d = _visible_declaration(session, principal, decl_id)
        _require_state(d, {"approved"}, "评价")
        if session.scalar(select(func.count(Feedback.id)).where(Feedback.declaration_id == d.id)):
            raise Conflict("已有结果反馈，不能再修改评价")
        v = _current(d)
        if not body.rows:
            raise DataError("至少需要评价一个指标", field="rows")
        scored, outs, warnings = [], [], []
        matched = _match_rows(v.rows, body.rows, "rows")
        check_weight_total([(r.position, it.weight) for _, r, it in matched],
                           budget_weight=body.budget_weight if body.budget_executed_wan is not None else None,
                           total=checker.weight_total, tolerance=checker.weight_tolerance, field="rows")
        for i, r, it in matched:
            try:
                s = score_indicator(operator=r.operator, target=r.value, unit=r.unit, actual=it.actual, weight=it.weight,
                                    direction=it.direction, tier=it.tier, score_pct=it.score_pct,
                                    field=f"rows[{i}]")
            except DataError as e:
                raise _row_error(e, "rows", i, r) from None
            w = list(s.warnings)
            if s.score < s.weight - 1e-9 and not it.deviation_reason.strip():
                w.append("未完全达成目标，请填写偏差原因")
            scored.append(s)
            outs.append(EvalItemOut(row=r.position, name=r.name, target=_target_text(r),
                                    actual=(it.actual or "").strip(), direction=s.direction.value,
                                    weight=s.weight, score=s.score, score_low=s.score_low, score_high=s.score_high,
                                    completion=s.completion, tier=s.tier.value if s.tier else None,
                                    deviation_reason=it.deviation_reason.strip(), warnings=w))
        if body.budget_executed_wan is not None:
            s = budget_execution_score(v.budget_wan, body.budget_executed_wan, body.budget_weight)
            scored.append(s)
            outs.append(EvalItemOut(row=0, name="预算执行率", target=f"{v.budget_wan}万元" if v.budget_wan is not None else "",
                                    actual=f"{body.budget_executed_wan}万元", direction="positive",
                                    weight=s.weight, score=s.score, score_low=s.score, score_high=s.score,
                                    completion=s.completion, tier=None, deviation_reason="", warnings=[]))
        outs.sort(key=lambda x: x.row)
        missing = [r.name for r in v.rows if r.position not in {o.row for o in outs}]
        if missing:
            warnings.append("未评价的指标: " + "、".join(missing))
        tot = total_score(scored)
        warnings.extend(tot.warnings)
        for o in outs:
            warnings.extend(f"第{o.row}行 {o.name}: {w}" for w in o.warnings)
        e = Evaluation(declaration_id=d.id, version=v.version, total=tot.total, total_weight=tot.total_weight,
                       grade=tot.grade, budget_executed_wan=body.budget_executed_wan, warnings=warnings,
                       created_by=principal.key_id, created_at=utcnow())
        e.items = [EvaluationItem(position=o.row, name=o.name, direction=o.direction, actual=o.actual,
                                  completion=o.completion, tier=o.tier, weight=o.weight, score=o.score,
                                  score_low=o.score_low, score_high=o.score_high, warnings=o.warnings,
                                  deviation_reason=o.deviation_reason) for o in outs]
        session.add(e)
        session.flush()
        _audit(session, principal, "evaluation.create", "declaration", d.id, None,
               {"evaluation_id": e.id, "total": round(e.total, 4), "grade": e.grade,
                "scores": {o.row: round(o.score, 4) for o in outs}})
        return EvaluationOut(id=e.id, declaration_id=d.id, version=v.version, items=outs, total=tot.total,
                             total_weight=tot.total_weight, percent=tot.percent, grade=tot.grade,
                             warnings=warnings, created_at=e.created_at)


def _latest_evaluation(session: Session, decl_id: int) -> Evaluation | None:
    return session.scalar(select(Evaluation).where(Evaluation.declaration_id == decl_id)
                          .order_by(Evaluation.id.desc()).limit(1))


def get_evaluation(session: Session, principal: Principal, decl_id: int) -> EvaluationOut:
    """The latest evaluation of a declaration. Raises NotFound when there is none."""
    authorize(principal, "read")
    with _tx(session):
        d = _visible_declaration(session, principal, decl_id)
        e = _latest_evaluation(session, d.id)
        if e is None:
            raise NotFound(f"申报 {decl_id} 尚无评价")
        targets = {r.position: _target_text(r) for r in _current(d).rows}
        return _eval_out(e, targets)


# --------------------------------------------------------------------------- feedback

def _row_checks(v: DeclarationVersion, settings: Settings) -> dict[int, tuple[bool, bool]]:
    """Per row of `v`: (target accepted, placement accepted) by the checker as it is now
    (same rules and context as at 事前申报, see `learning.accepted_rows`)."""
    from kb.checker import check_declaration  # lazy: the checker loads its lexicons on import

    decl = SchemaDeclaration(project_name=v.project_name, description=v.description, department=v.department,
                             sector=v.sector, year=v.year, budget_wan=v.budget_wan,
                             rows=[TargetRow(level1=r.level1, level2=r.level2, name=r.name, operator=r.operator,
                                             value=r.value, unit=r.unit, indicator_id=r.indicator_id)
                                   for r in v.rows])
    report = check_declaration(decl, settings=settings.checker, suggest=False)
    return learning.accepted_rows(report.model_dump(mode="json")["findings"])


def feedback(session: Session, principal: Principal, decl_id: int, body: FeedbackIn, *,
             settings: Settings | None = None) -> FeedbackOut:
    """结果反馈: store the finance bureau's final scores and update the learned statistics.

    Every target row of the evaluated version becomes a learned observation:
    the declared target, whether the checker accepts that target and the
    row's 一级/二级 placement (only accepted targets teach a typical value),
    completion (actual / target as evaluated) and attainment (final score /
    weight — the bureau's final score for the row when it gave one, else the
    self-evaluation's; fully met when it reaches 1). `budget_executed_wan`,
    when given, is the figure 公示 uses. Raises Forbidden, NotFound, Conflict
    (no evaluation yet / feedback already given), DataError (final score for
    an unknown row or above its weight).
    """
    authorize(principal, "feedback")
    settings = settings or get_settings()
    with _tx(session):
        d = _visible_declaration(session, principal, decl_id)
        if session.scalar(select(func.count(Feedback.id)).where(Feedback.declaration_id == d.id)):
            raise Conflict("该申报已有结果反馈")
        e = _latest_evaluation(session, d.id)
        if e is None:
            raise Conflict("尚未评价，不能反馈结果")
        items = {it.position: it for it in e.items}
        finals: dict[int, float] = {}
        for i, fs in enumerate(body.final_scores):
            it = items.get(fs.row)
            if it is None or fs.row == 0:
                raise DataError(f"final_scores 第 {i + 1} 项：评价中没有第 {fs.row} 行", field=f"final_scores[{i}].row")
            if fs.score > it.weight + 1e-9:
                raise DataError(f"final_scores 第 {i + 1} 项：第 {fs.row} 行“{it.name}”的最终得分 "
                                f"{format_number(fs.score)} 超过该指标分值 {format_number(it.weight)}",
                                field=f"final_scores[{i}].score")
            if fs.row in finals:
                raise DataError(f"final_scores 第 {i + 1} 项：第 {fs.row} 行重复填报", field=f"final_scores[{i}].row")
            finals[fs.row] = fs.score
        if body.final_total is not None:
            final_total = body.final_total
            final_grade = grade(final_total)
        else:
            total = sum(finals.get(p, it.score) for p, it in items.items())
            final_total = total
            final_grade = grade(100.0 * total / e.total_weight if abs(e.total_weight - 100) > 1e-6 and e.total_weight > 0
                                else total)
        fb = Feedback(declaration_id=d.id, evaluation_id=e.id, final_total=final_total, final_grade=final_grade,
                      final_scores=[{"row": k, "score": v} for k, v in sorted(finals.items())],
                      comments=body.comments.strip(), budget_adjustment_wan=body.budget_adjustment_wan,
                      budget_executed_wan=body.budget_executed_wan, created_by=principal.key_id,
                      created_at=utcnow())
        session.add(fb)
        session.flush()
        v = next(x for x in d.versions if x.version == e.version)
        sector = v.sector or d.project.sector
        checks = _row_checks(v, settings)
        obs = []
        for r in v.rows:
            if not r.name.strip():
                continue
            it = items.get(r.position)
            attainment = met = None
            if it is not None and it.weight > 0:
                attainment = min(1.0, max(0.0, finals.get(r.position, it.score) / it.weight))
                met = attainment >= learning.FULL
            target_ok, levels_ok = checks.get(r.position, (True, True))
            l1 = parse_level1(r.level1)
            l2 = parse_level2(r.level2, l1)
            target_num = parse_number(r.value) if (it is None or it.tier is None) else None
            obs.append(LearnedObservation(
                feedback_id=fb.id, declaration_id=d.id, unit_id=d.unit_id, sector=sector, year=v.year,
                name_key=learning.name_key(r.name), name=r.name, level1=l1.value if l1 else "",
                level2=l2.value if l2 else "", unit=r.unit, operator=r.operator, value=r.value.strip(),
                target_num=target_num, completion=it.completion if it is not None else None, met=met,
                attainment=attainment, target_accepted=target_ok, levels_accepted=levels_ok))
        learned = learning.record_observations(session, obs)
        not_learned = [r for r in v.rows if r.name.strip() and not checks.get(r.position, (True, True))[0]]
        _audit(session, principal, "feedback.create", "declaration", d.id, None,
               {"feedback_id": fb.id, "final_total": final_total, "final_grade": final_grade,
                "final_scores": fb.final_scores, "budget_adjustment_wan": body.budget_adjustment_wan,
                "budget_executed_wan": body.budget_executed_wan, "comments": fb.comments,
                "targets_not_learned": [r.position for r in not_learned]})
        return FeedbackOut(id=fb.id, declaration_id=d.id, final_total=final_total, final_grade=final_grade,
                           comments=fb.comments, budget_adjustment_wan=fb.budget_adjustment_wan,
                           budget_executed_wan=fb.budget_executed_wan, learned=learned,
                           values_not_learned=[f"第{r.position}行 {r.name}: {_target_text(r)}" for r in not_learned],
                           created_at=fb.created_at)


def learned_for(session: Session, principal: Principal, *, sector: str | None = None,
                unit_name: str | None = None) -> dict:
    """Learned statistics for suggest, scoped: a declarant/reviewer only gets their own unit's
    library (another unit's name → NotFound); supervisors/admins any unit."""
    authorize(principal, "read")
    if unit_name and not principal.reads_all_units and normalize(unit_name) != principal.unit_name:
        raise NotFound(f"单位指标库不存在: {unit_name}")
    if principal.role not in ("supervisor", "admin") and not unit_name:
        unit_name = principal.unit_name
    with _tx(session):
        return learning.learned_for(session, sector=sector, unit_name=unit_name)


# --------------------------------------------------------------------------- audit and summary

def list_audit(session: Session, principal: Principal, *, entity: str | None = None,
               entity_id: str | None = None, limit: int = 100, offset: int = 0) -> list[AuditOut]:
    """Audit entries, newest first (supervisors and admins)."""
    authorize(principal, "read_audit")
    with _tx(session):
        q = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(min(max(limit, 1), 1000)).offset(max(offset, 0))
        if entity:
            q = q.where(AuditEntry.entity == entity)
        if entity_id:
            q = q.where(AuditEntry.entity_id == str(entity_id))
        return [AuditOut(id=a.id, at=a.at, key_id=a.key_id, role=a.role, unit_name=a.unit_name, action=a.action,
                         entity=a.entity, entity_id=a.entity_id, before=a.before, after=a.after)
                for a in session.scalars(q).all()]


def _execution(session: Session, d: Declaration, e: Evaluation | None,
               fb: Feedback | None) -> tuple[float | None, str | None, Any]:
    """(budget executed in 万元, stage, as-of date) from the latest stage that reports it:
    the bureau's feedback, else the newest evaluation stating it, else the monitoring
    report with the latest period end."""
    if fb is not None and fb.budget_executed_wan is not None:
        return fb.budget_executed_wan, "feedback", fb.created_at.date()
    ev = e if e is not None and e.budget_executed_wan is not None else session.scalar(
        select(Evaluation).where(Evaluation.declaration_id == d.id, Evaluation.budget_executed_wan.is_not(None))
        .order_by(Evaluation.id.desc()).limit(1))
    if ev is not None:
        return ev.budget_executed_wan, "evaluation", ev.created_at.date()
    rep = session.scalar(select(MonitoringReport).where(MonitoringReport.declaration_id == d.id,
                                                        MonitoringReport.budget_executed_wan.is_not(None))
                         .order_by(MonitoringReport.period_end.desc(), MonitoringReport.id.desc()).limit(1))
    if rep is not None:
        return rep.budget_executed_wan, "monitoring", rep.period_end
    return None, None, None


def public_summary(session: Session, principal: Principal, *, year: int | None = None) -> PublicSummary:
    """公示: per (unit, department) over approved declarations — budget, budget executed,
    grades (final grade of the feedback, else the self-evaluation's) and checker errors.

    The budget executed of a declaration comes from the latest stage that
    reports it — 结果反馈 (the bureau's confirmed figure) over 事后评价 (year end)
    over 事中监控 (latest period end); each project says which (`projects[].
    executed_source`) and `executed_from` counts them per department.
    """
    authorize(principal, "read")
    with _tx(session):
        q = select(Declaration).where(Declaration.state == "approved")
        if year:
            q = q.where(Declaration.year == year)
        groups: dict[tuple[str, str], dict] = {}
        for d in session.scalars(q.order_by(Declaration.id)).all():
            v = _current(d)
            g = groups.setdefault((d.unit.name, v.department), dict(
                declarations=0, approved=0, budget_wan=0.0, executed=0.0, budget_with_exec=0.0,
                has_exec=False, grades={"优": 0, "良": 0, "中": 0, "差": 0}, checker_errors=0,
                sources={k: 0 for k in EXECUTION_SOURCE_LABELS}, projects=[]))
            g["declarations"] += 1
            g["approved"] += 1
            g["budget_wan"] += v.budget_wan or 0.0
            g["checker_errors"] += d.error_count
            e = _latest_evaluation(session, d.id)
            fb = session.scalar(select(Feedback).where(Feedback.declaration_id == d.id))
            executed, source, as_of = _execution(session, d, e, fb)
            if executed is not None:
                g["has_exec"] = True
                g["executed"] += executed
                g["budget_with_exec"] += v.budget_wan or 0.0
                g["sources"][source] += 1
            g["projects"].append(ProjectExecution(
                declaration_id=d.id, project_name=v.project_name, budget_wan=v.budget_wan, executed_wan=executed,
                executed_source=source, executed_source_label=EXECUTION_SOURCE_LABELS.get(source or ""),
                executed_as_of=as_of))
            gr = fb.final_grade if fb is not None and fb.final_grade else (e.grade if e is not None else None)
            if gr:
                g["grades"][gr] += 1
        deps = []
        for (unit_name, dept), g in sorted(groups.items()):
            rate = (g["executed"] / g["budget_with_exec"]) if g["has_exec"] and g["budget_with_exec"] > 0 else None
            deps.append(DepartmentSummary(unit_name=unit_name, department=dept, declarations=g["declarations"],
                                          approved=g["approved"], budget_wan=g["budget_wan"],
                                          executed_wan=g["executed"] if g["has_exec"] else None,
                                          execution_rate=rate, executed_from=g["sources"], grades=g["grades"],
                                          checker_errors=g["checker_errors"], projects=g["projects"]))
        return PublicSummary(year=year, departments=deps)
