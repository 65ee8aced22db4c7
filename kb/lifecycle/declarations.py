"""事前申报: declarations, their versions and the review state machine.

draft → submitted → returned (with the reviewer's comment) → draft … →
approved. Every version is checked when stored (the same check as `jixiao
check` and `POST /v1/declarations/check`, passed in as `check`); a version
with error-level findings may be submitted, but approving it needs the
reviewer's acknowledgement. Another unit's declaration is reported as not
found (404) so its existence does not leak.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kb.domain.findings import CheckReport
from kb.domain.enums import DeclarationAction, DeclarationState
from kb.domain.schema import Declaration as SchemaDeclaration
from kb.domain.schema import Target, TargetRow
from kb.domain.text import normalize
from kb.errors import Conflict, DataError, Forbidden, NotFound
from kb.lifecycle.access import Principal, authorize
from kb.lifecycle.models import (Declaration, DeclarationVersion, Department, Evaluation, Feedback, Project,
                                 Review, TargetRowRecord, Unit, utcnow)
from kb.lifecycle.schemas import (DeclarationBrief, DeclarationIn, DeclarationOut, ReviewIn, ReviewOut, RowOut,
                                  VersionBrief, VersionOut)
from kb.lifecycle.tx import record_audit, transaction, unit_named
from kb.settings import get_settings


class FindingsNotAcknowledged(Conflict):
    """Approving a version that still has error-level checker findings without
    `acknowledge_findings` (HTTP 409; `findings` lists them, the service puts
    them in the response as `detail.open_errors`)."""

    def __init__(self, message: str, findings: list[dict[str, Any]]):
        super().__init__(message)
        self.findings = findings


# the one table check (`kb.knowledge.table_checker`): declaration → report
Check = Callable[[SchemaDeclaration], CheckReport]


def declaration_of(src: DeclarationIn | DeclarationVersion) -> SchemaDeclaration:
    """The 绩效目标表 of a request body or of a stored version, as the checker reads it."""
    rows = [TargetRow(level1=r.level1, level2=r.level2, name=r.name, operator=r.operator, value=r.value,
                      unit=r.unit, indicator_id=r.indicator_id, weight=r.weight) for r in src.rows]
    return SchemaDeclaration(project_name=src.project_name, description=src.description,
                             department=src.department, sector=src.sector, year=src.year,
                             budget_wan=src.budget_wan, rows=rows)


def default_check(decl: SchemaDeclaration) -> CheckReport:
    """The rule catalog alone with the configured thresholds (no library, no citations)."""
    from kb.checker import check_declaration  # lazy: the checker compiles its lexicons on import

    return check_declaration(decl, settings=get_settings().checker)


def _findings(body: DeclarationIn, check: Check | None) -> list[dict[str, Any]]:
    report = (check or default_check)(declaration_of(body))
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
            + "。可以提交审核，但审核通过时审核人员须确认这些问题。")


def _ack_record(f: dict) -> dict[str, Any]:
    return {k: f.get(k) for k in ("rule_id", "severity", "row", "field", "message")}


def visible_declaration(session: Session, p: Principal, decl_id: int) -> Declaration:
    """The declaration `decl_id` as `p` may see it; NotFound when missing or of another unit (no leak)."""
    d = session.get(Declaration, decl_id)
    if d is None or not p.sees_unit(d.unit_id):
        raise NotFound(f"申报不存在: {decl_id}")
    return d


def current_version(d: Declaration) -> DeclarationVersion:
    """The declaration's current version (the one state and findings refer to)."""
    for v in d.versions:
        if v.version == d.current_version:
            return v
    raise NotFound(f"申报 {d.id} 缺少当前版本")  # pragma: no cover - schema invariant


def row_out(r: TargetRowRecord) -> RowOut:
    """A stored target row in the response shape."""
    return RowOut(position=r.position, level1=r.level1, level2=r.level2, name=r.name or "-", operator=r.operator,
                  value=r.value, unit=r.unit, indicator_id=r.indicator_id, weight=r.weight)


def declaration_out(session: Session, d: Declaration, version: int | None = None, *,
                    new: bool = False) -> DeclarationOut:
    """The response shape of a declaration: the current version (or `version`), its findings,
    reviews, later stages present. NotFound for a version that does not exist. `new`: created
    in this transaction, so it has no reviews nor later stages yet (nothing to look up)."""
    v = current_version(d)
    if version is not None and version != v.version:
        v = next((x for x in d.versions if x.version == version), None)
        if v is None:
            raise NotFound(f"申报 {d.id} 没有第 {version} 版（当前为第 {d.current_version} 版）")
        error_count = len(open_errors(v.findings))
    else:
        error_count = d.error_count
    if new:
        reviews, has_eval, has_fb = [], False, False
    else:
        reviews = session.scalars(select(Review).where(Review.declaration_id == d.id).order_by(Review.id)).all()
        has_eval = session.scalar(select(func.count(Evaluation.id)).where(Evaluation.declaration_id == d.id)) > 0
        has_fb = session.scalar(select(func.count(Feedback.id)).where(Feedback.declaration_id == d.id)) > 0
    return DeclarationOut(
        id=d.id, unit_name=d.unit.name, state=d.state, version=v.version, project_name=v.project_name,
        description=v.description, department=v.department, sector=v.sector, year=v.year,
        budget_wan=v.budget_wan,
        rows=[row_out(r) for r in v.rows],
        findings=v.findings or [], error_count=error_count,
        open_errors=open_errors(v.findings), warning=errors_warning(open_errors(v.findings)),
        reviews=[ReviewOut(decision=r.decision, version=r.version, comment=r.comment,
                           acknowledged_findings=r.acknowledged_findings or [], created_at=r.created_at)
                 for r in reviews],
        has_evaluation=has_eval, has_feedback=has_fb, created_at=d.created_at, updated_at=d.updated_at)


def _content(v: DeclarationVersion) -> dict:
    return {"version": v.version, "project_name": v.project_name, "department": v.department,
            "sector": v.sector, "year": v.year, "budget_wan": v.budget_wan,
            "rows": [{"level1": r.level1, "level2": r.level2, "name": r.name, "operator": r.operator,
                      "value": r.value, "unit": r.unit, **({"weight": r.weight} if r.weight is not None else {})}
                     for r in v.rows]}


def _new_version(session: Session, d: Declaration, number: int, body: DeclarationIn,
                 findings: list[dict], p: Principal) -> DeclarationVersion:
    v = DeclarationVersion(declaration=d, version=number, project_name=normalize(body.project_name),
                           description=body.description.strip(), department=normalize(body.department),
                           sector=normalize(body.sector), year=body.year, budget_wan=body.budget_wan,
                           findings=findings, created_by=p.key_id, created_at=utcnow())
    v.rows = [TargetRowRecord(position=i, level1=r.level1.strip(), level2=r.level2.strip(),
                              name=r.name.strip(), operator=r.operator.strip(), value=r.value,
                              unit=r.unit.strip(), indicator_id=r.indicator_id, weight=r.weight)
              for i, r in enumerate(body.rows, start=1)]
    session.add(v)
    return v


def _get_or_create(session: Session, q, make):
    """The row `q` finds, else `make()` inserted. Two requests creating the same new row at once
    (one new project declared twice) both get it: on PostgreSQL the insert runs in a savepoint and
    a unique clash reads the row the other request committed; SQLite serialises writers
    (BEGIN IMMEDIATE, `kb.lifecycle.db`), so the second one finds it."""
    row = session.scalar(q)
    if row is not None:
        return row
    row = make()
    if session.get_bind().dialect.name == "sqlite":
        session.add(row)
        session.flush()
        return row
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        row = session.scalar(q)
        if row is None:
            raise
    return row


def _project(session: Session, unit: Unit, name: str, sector: str) -> Project:
    return _get_or_create(session, select(Project).where(Project.unit_id == unit.id, Project.name == name),
                          lambda: Project(unit_id=unit.id, name=name, sector=sector, created_at=utcnow()))


def _project_and_department(session: Session, unit: Unit, body: DeclarationIn) -> tuple[Project, Department | None]:
    name = normalize(body.project_name)
    proj = _project(session, unit, name, normalize(body.sector))
    if body.sector and not proj.sector:
        proj.sector = normalize(body.sector)
    dept = None
    dname = normalize(body.department)
    if dname:
        dept = _get_or_create(session, select(Department).where(Department.unit_id == unit.id,
                                                                Department.name == dname),
                              lambda: Department(unit_id=unit.id, name=dname))
    session.flush()
    return proj, dept


def declare(session: Session, principal: Principal, body: DeclarationIn, *,
            check: Check | None = None) -> DeclarationOut:
    """事前申报: store a new declaration (state draft, version 1) with the checker's findings.

    `check`: the table check (`kb.knowledge.table_checker`, so the findings
    are those of `jixiao check`); default `default_check`.

    The unit is the caller's; a system admin names any unit in `body.unit_name`
    (which must exist). Anyone else, an admin confined to its unit
    included, declares for its own unit (a `unit_name` in the body is
    ignored). Raises Forbidden, DataError, NotFound (unknown unit).
    """
    authorize(principal, "declare")
    named = normalize(body.unit_name or "")
    if principal.reads_all_units:
        if not named:
            raise DataError("管理员代为申报时须填写 unit_name", field="unit_name")
    elif principal.unit_id is None:
        raise Forbidden("该密钥没有所属单位")
    findings = _findings(body, check)
    with transaction(session):
        unit = (unit_named(session, named, create=False) if principal.reads_all_units
                else session.get(Unit, principal.unit_id))
        proj, dept = _project_and_department(session, unit, body)
        now = utcnow()
        d = Declaration(project_id=proj.id, unit_id=unit.id, department_id=dept.id if dept else None,
                        year=body.year, state="draft", current_version=1, error_count=_errors(findings),
                        created_by=principal.key_id, created_at=now, updated_at=now)
        session.add(d)
        v = _new_version(session, d, 1, body, findings, principal)
        session.flush()
        record_audit(session, principal, "declaration.create", "declaration", d.id, None,
               {"state": "draft", **_content(v), "error_count": d.error_count})
        return declaration_out(session, d, new=True)


def update_declaration(session: Session, principal: Principal, decl_id: int, body: DeclarationIn, *,
                       check: Check | None = None, expected_version: int | None = None) -> DeclarationOut:
    """Store a new version of a draft or returned declaration (state back to draft), re-checked with `check`.

    Raises Forbidden, NotFound (other unit / missing), Conflict (submitted or approved, or — with
    `expected_version`, the version the caller loaded — saved meanwhile as another version: a lost update).
    """
    authorize(principal, "declare")
    findings = _findings(body, check)
    with transaction(session):
        d = visible_declaration(session, principal, decl_id)
        if expected_version is not None and expected_version != d.current_version:
            raise Conflict(f"此申报已被修改为第 {d.current_version} 版，请刷新后再改")
        if d.state not in ("draft", "returned"):
            raise Conflict(f"申报状态为“{state_label(d.state)}”，只有草稿或已退回的申报可以修改")
        before = {"state": d.state, **_content(current_version(d))}
        proj, dept = _project_and_department(session, d.unit, body)
        number = d.current_version + 1
        v = _new_version(session, d, number, body, findings, principal)
        d.project_id, d.department_id, d.year = proj.id, (dept.id if dept else None), body.year
        d.current_version, d.state, d.error_count, d.updated_at = number, "draft", _errors(findings), utcnow()
        session.flush()
        record_audit(session, principal, "declaration.update", "declaration", d.id, before,
               {"state": "draft", **_content(v), "error_count": d.error_count})
        return declaration_out(session, d)


def get_declaration(session: Session, principal: Principal, decl_id: int,
                    version: int | None = None) -> DeclarationOut:
    """Read one declaration, its current version or an older `version` (NotFound for another
    unit's, unless supervisor/admin, and for a version that does not exist)."""
    authorize(principal, "read")
    with transaction(session):
        return declaration_out(session, visible_declaration(session, principal, decl_id), version)


def list_declarations(session: Session, principal: Principal, *, state: str | None = None,
                      year: int | None = None, limit: int = 100, offset: int = 0) -> list[DeclarationBrief]:
    """Declarations visible to the caller (own unit; all for supervisors/admins), newest first."""
    authorize(principal, "read")
    with transaction(session):
        q = select(Declaration).order_by(Declaration.id.desc()).limit(min(max(limit, 1), 500)).offset(max(offset, 0))
        seen = principal.unit_ids()
        if seen is not None:
            q = q.where(Declaration.unit_id.in_(sorted(seen)))
        if state:
            q = q.where(Declaration.state == state)
        if year:
            q = q.where(Declaration.year == year)
        out = []
        for d in session.scalars(q).all():
            v = current_version(d)
            out.append(DeclarationBrief(id=d.id, unit_name=d.unit.name, project_name=v.project_name,
                                        department=v.department, year=v.year, state=d.state,
                                        version=v.version, error_count=d.error_count))
        return out


def list_versions(session: Session, principal: Principal, decl_id: int) -> list[VersionBrief]:
    """Every stored version of declaration `decl_id`, oldest first (NotFound for another unit's)."""
    authorize(principal, "read")
    with transaction(session):
        d = visible_declaration(session, principal, decl_id)
        return [VersionBrief(version=v.version, current=v.version == d.current_version,
                             project_name=v.project_name, budget_wan=v.budget_wan, rows=len(v.rows),
                             error_count=len(open_errors(v.findings)), created_at=v.created_at)
                for v in d.versions]


def get_version(session: Session, principal: Principal, decl_id: int, number: int) -> VersionOut:
    """Version `number` of declaration `decl_id` as stored; NotFound when either does not exist
    (or the declaration is another unit's)."""
    authorize(principal, "read")
    with transaction(session):
        d = visible_declaration(session, principal, decl_id)
        v = next((x for x in d.versions if x.version == number), None)
        if v is None:
            raise NotFound(f"申报 {decl_id} 没有第 {number} 版")
        return VersionOut(declaration_id=d.id, version=v.version, current=v.version == d.current_version,
                          project_name=v.project_name, description=v.description, department=v.department,
                          sector=v.sector, year=v.year, budget_wan=v.budget_wan,
                          rows=[row_out(r) for r in v.rows],
                          findings=v.findings or [], created_at=v.created_at)


def state_label(state: str) -> str:
    """The Chinese label of a declaration state ('draft' → '草稿'); an unknown state as written."""
    try:
        return DeclarationState[state].label
    except KeyError:
        return state


_TRANSITIONS = {"submit": ({"draft", "returned"}, "submitted"),
                "return": ({"submitted"}, "returned"),
                "approve": ({"submitted"}, "approved")}


def _transition(session: Session, principal: Principal, decl_id: int, action: str,
                comment: str = "", acknowledge: bool = False) -> DeclarationOut:
    authorize(principal, "submit" if action == "submit" else "review")
    allowed, target = _TRANSITIONS[action]
    with transaction(session):
        d = visible_declaration(session, principal, decl_id)
        if d.state not in allowed:
            raise Conflict(f"申报状态为“{state_label(d.state)}”，不能{DeclarationAction[action].label}"
                           f"（只有{'或'.join(f'“{state_label(x)}”' for x in sorted(allowed))}的申报可以"
                           f"{DeclarationAction[action].label}）")
        errors = open_errors(current_version(d).findings)
        acknowledged = None
        if action == "approve" and errors:
            if not acknowledge:
                raise FindingsNotAcknowledged(
                    f"第 {d.current_version} 版仍有 {len(errors)} 个错误级审核发现："
                    + "；".join(_finding_line(f) for f in errors)
                    + "。请退回修改，或确认这些发现后再审核通过", errors)
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
        record_audit(session, principal, f"declaration.{action}", "declaration", d.id, before, after)
        return declaration_out(session, d)


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


def target_text(r: TargetRowRecord) -> str:
    """A stored row's target for display (≥95%, 定性:好)."""
    return Target(operator=r.operator, value=r.value, unit=r.unit).text()


def require_state(d: Declaration, states: set[str], what: str) -> None:
    """Conflict (409) unless the declaration is in one of `states` (`what`: the stage, for the message)."""
    if d.state not in states:
        raise Conflict(f"申报状态为“{state_label(d.state)}”，审核通过后才能{what}")
