"""ORM tables of the workflow database (SQLAlchemy 2, typed declarative).

Entities (see ../shared/GLOSSARY.md for the terms): units (单位) and their
departments, API keys (only a SHA-256 hash of the key is stored), projects,
declarations (绩效目标申报) with numbered versions and target rows, reviews
(退回 / 审核通过), monitoring reports (事中监控), evaluations (事后评价) with one
item per target row, feedback (结果反馈), learned observations and statistics,
versioned indicator-library changes, and the audit log.

Schema changes go through Alembic (`kb/migrations/versions/`); a test checks
that the migrations and these classes agree. Not for business rules (see
`kb.lifecycle` operations and the pure rules `lights`, `scoring`).
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import (JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer,
                        MetaData, String, Text, UniqueConstraint, false)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("declarant", "reviewer", "supervisor", "admin", "unit_admin", "finance_reviewer")


def utcnow() -> datetime:
    """Current time, timezone-aware UTC."""
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Authored:
    """Columns of a row someone wrote: `created_by` (the API key id; None for the CLI and
    system writes) and `created_at` (UTC)."""

    created_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class OnVersion(Authored):
    """Columns of a record made on one version of a declaration (review, monitoring report,
    evaluation): its own id, the declaration and the version number (first, as the
    migrations create them: sort_order -1)."""

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-1)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("declarations.id"), index=True, sort_order=-1)
    version: Mapped[int] = mapped_column(Integer, sort_order=-1)


class OfUnit:
    """Columns of a row that belongs to one unit (单位): its id and `unit_id` (indexed), first
    as the migrations create them (sort_order -1)."""

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-1)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True, sort_order=-1)


class Unit(Base):
    """A 单位 (budget unit); keys, projects, declarations and unit libraries belong to one."""

    __tablename__ = "units"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    departments: Mapped[list[Department]] = relationship(back_populates="unit")


class Department(OfUnit, Base):
    """A department (部门 / 处室) of a unit, as named on declarations."""

    __tablename__ = "departments"
    __table_args__ = (UniqueConstraint("unit_id", "name"),)
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[Unit] = relationship(back_populates="departments")


class ApiKey(Base):
    """An API key: role + unit. Only `key_hash` (SHA-256 hex of the key) is stored."""

    __tablename__ = "api_keys"
    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # an admin of the whole system (every unit); other admin keys are confined to their unit
    system: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())
    # unit ids a finance_reviewer (财政 reviewer) key reviews
    assigned_units: Mapped[list[int] | None] = mapped_column(JSON, nullable=True)
    unit: Mapped[Unit] = relationship()


class Project(OfUnit, Base):
    """A project (项目) of a unit; declarations of several years can belong to it."""

    __tablename__ = "projects"
    __table_args__ = (UniqueConstraint("unit_id", "name"),)
    name: Mapped[str] = mapped_column(String(300))
    sector: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Declaration(Base):
    """A 绩效目标申报 in its workflow state; its content lives in numbered versions.

    state: draft → submitted → returned | approved (returned → draft via a new
    version, or → submitted again). `lock_version` is SQLAlchemy's optimistic
    lock: a concurrent write to the same declaration fails instead of being lost.
    """

    __tablename__ = "declarations"
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), nullable=True)
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    state: Mapped[str] = mapped_column(String(20), default="draft")
    current_version: Mapped[int] = mapped_column(Integer, default=1)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    lock_version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": lock_version}

    project: Mapped[Project] = relationship()
    unit: Mapped[Unit] = relationship()
    department: Mapped[Department | None] = relationship()
    versions: Mapped[list[DeclarationVersion]] = relationship(
        back_populates="declaration", order_by="DeclarationVersion.version")


class DeclarationVersion(Authored, Base):
    """One version of a declaration's content plus the checker's findings on it."""

    __tablename__ = "declaration_versions"
    __table_args__ = (UniqueConstraint("declaration_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("declarations.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    project_name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    department: Mapped[str] = mapped_column(String(200), default="")
    sector: Mapped[str] = mapped_column(String(100), default="")
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    budget_wan: Mapped[float | None] = mapped_column(Float, nullable=True)
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    declaration: Mapped[Declaration] = relationship(back_populates="versions")
    rows: Mapped[list[TargetRowRecord]] = relationship(
        back_populates="version_obj", order_by="TargetRowRecord.position",
        cascade="all, delete-orphan")


class TargetRowRecord(Base):
    """One row of a version's 绩效目标表 (raw strings as declared, 分值 as a number; position is 1-based)."""

    __tablename__ = "target_rows"
    __table_args__ = (UniqueConstraint("version_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("declaration_versions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    level1: Mapped[str] = mapped_column(String(100), default="")
    level2: Mapped[str] = mapped_column(String(100), default="")
    name: Mapped[str] = mapped_column(String(300), default="")
    operator: Mapped[str] = mapped_column(String(20), default="")
    value: Mapped[str] = mapped_column(String(300), default="")
    unit: Mapped[str] = mapped_column(String(50), default="")
    indicator_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    weight: Mapped[float | None] = mapped_column(Float, nullable=True)  # 分值 as declared (0–100), None if not given

    version_obj: Mapped[DeclarationVersion] = relationship(back_populates="rows")


class Review(OnVersion, Base):
    """A reviewer's decision on a submitted version: `return` (退回, with comment) or `approve`
    (with the error-level findings the reviewer acknowledged, if any)."""

    __tablename__ = "reviews"
    decision: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    # error-level checker findings the reviewer acknowledged when approving (None: there were none)
    acknowledged_findings: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True)


class MonitoringReport(OnVersion, Base):
    """A 事中监控 report: period end, budget executed, lights; `result` holds per-indicator items."""

    __tablename__ = "monitoring_reports"
    period_end: Mapped[date] = mapped_column(Date)
    budget_executed_wan: Mapped[float | None] = mapped_column(Float, nullable=True)
    time_progress: Mapped[float] = mapped_column(Float)
    budget_execution_rate: Mapped[float | None] = mapped_column(Float, nullable=True)
    budget_light: Mapped[str | None] = mapped_column(String(10), nullable=True)
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Evaluation(OnVersion, Base):
    """A 事后评价 (self-evaluation): total, grade and warnings; one item per scored row."""

    __tablename__ = "evaluations"
    total: Mapped[float] = mapped_column(Float)
    total_weight: Mapped[float] = mapped_column(Float)
    grade: Mapped[str] = mapped_column(String(4))
    budget_executed_wan: Mapped[float | None] = mapped_column(Float, nullable=True)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    items: Mapped[list[EvaluationItem]] = relationship(
        back_populates="evaluation", order_by="EvaluationItem.position",
        cascade="all, delete-orphan")


class EvaluationItem(Base):
    """The score of one target row (position = row position; 0 = the 预算执行率 line)."""

    __tablename__ = "evaluation_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluations.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300), default="")
    direction: Mapped[str] = mapped_column(String(20))
    actual: Mapped[str] = mapped_column(String(300), default="")
    completion: Mapped[float | None] = mapped_column(Float, nullable=True)
    tier: Mapped[str | None] = mapped_column(String(20), nullable=True)
    weight: Mapped[float] = mapped_column(Float)
    score: Mapped[float] = mapped_column(Float)
    score_low: Mapped[float] = mapped_column(Float)
    score_high: Mapped[float] = mapped_column(Float)
    deviation_reason: Mapped[str] = mapped_column(Text, default="")
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    evaluation: Mapped[Evaluation] = relationship(back_populates="items")


class Feedback(Authored, Base):
    """结果反馈 from the finance bureau: final scores, comments, budget adjustment (万元, signed)
    and, optionally, the confirmed budget executed (万元)."""

    __tablename__ = "feedback"
    id: Mapped[int] = mapped_column(primary_key=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("declarations.id"), unique=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluations.id"))
    final_total: Mapped[float | None] = mapped_column(Float, nullable=True)
    final_grade: Mapped[str | None] = mapped_column(String(4), nullable=True)
    final_scores: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    comments: Mapped[str] = mapped_column(Text, default="")
    budget_adjustment_wan: Mapped[float | None] = mapped_column(Float, nullable=True)
    # the budget executed (万元) as confirmed by the bureau, when it states one
    budget_executed_wan: Mapped[float | None] = mapped_column(Float, nullable=True)


class LearnedTarget:
    """The indicator and target of a learned row as declared: name, 一级/二级, unit, operator
    and value (the ORM lists them after the table's own columns; the tables have them after
    `name_key`)."""

    name: Mapped[str] = mapped_column(String(300))
    level1: Mapped[str] = mapped_column(String(40), default="")
    level2: Mapped[str] = mapped_column(String(40), default="")
    unit: Mapped[str] = mapped_column(String(50), default="")
    operator: Mapped[str] = mapped_column(String(20), default="")
    value: Mapped[str] = mapped_column(String(300), default="")


class LearnedObservation(LearnedTarget, Base):
    """One target row that went through 结果反馈: what was declared, how it was completed
    (completion = actual / target as evaluated; attainment = final score / weight; met =
    attainment reached 1) and whether the checker accepted its target and placement."""

    __tablename__ = "learned_observations"
    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(ForeignKey("feedback.id"), index=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("declarations.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    sector: Mapped[str] = mapped_column(String(100), default="")
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    name_key: Mapped[str] = mapped_column(String(300), index=True)
    target_num: Mapped[float | None] = mapped_column(Float, nullable=True)
    completion: Mapped[float | None] = mapped_column(Float, nullable=True)
    met: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    # final score / weight in [0, 1] (the bureau's score when given, else the self-evaluation's)
    attainment: Mapped[float | None] = mapped_column(Float, nullable=True)
    # the checker accepted the row's target (计算符号/指标值/计量单位) / its 一级·二级 placement
    # (no error-level finding on those fields); None: not checked (rows stored before 0002)
    target_accepted: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    levels_accepted: Mapped[bool | None] = mapped_column(Boolean, nullable=True)


class LearnedStat(LearnedTarget, Base):
    """Aggregated learned statistics of one indicator name in one scope.

    scope_key: 'basic' (all units; `sector` '' = all sectors) or 'unit:<unit id>'
    (one unit, all its sectors). `units_count` is how many distinct units
    contributed; the basic library only uses rows aggregated over enough units.
    """

    __tablename__ = "learned_stats"
    __table_args__ = (UniqueConstraint("scope_key", "sector", "name_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    scope_key: Mapped[str] = mapped_column(String(40))
    sector: Mapped[str] = mapped_column(String(100), default="")
    name_key: Mapped[str] = mapped_column(String(300))
    chosen_count: Mapped[int] = mapped_column(Integer, default=0)
    units_count: Mapped[int] = mapped_column(Integer, default=0)
    completion_rate: Mapped[float | None] = mapped_column(Float, nullable=True)
    success_share: Mapped[float | None] = mapped_column(Float, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LibraryIndicator(Base):
    """An indicator added or changed through library management (overlay on the KB file).

    `data` is a `kb.domain.schema.Indicator` as JSON; `unit_id` is set for 单位指标库
    entries (private to that unit). Every change bumps `version` and writes a
    `LibraryChange` row.
    """

    __tablename__ = "library_indicators"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    library: Mapped[str] = mapped_column(String(10))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), nullable=True, index=True)
    name: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), default="active")
    version: Mapped[int] = mapped_column(Integer, default=1)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LibraryChange(Authored, Base):
    """History of library changes (never deleted; their count is the library's version)."""

    __tablename__ = "library_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[str] = mapped_column(ForeignKey("library_indicators.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    op: Mapped[str] = mapped_column(String(20))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class AuditEntry(Base):
    """Audit log: who (key id, role, unit), when, what (action, entity) and before/after."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    key_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    role: Mapped[str] = mapped_column(String(20))
    unit_name: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(64))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
