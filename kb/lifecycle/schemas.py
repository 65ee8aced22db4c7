"""Request and response shapes of the lifecycle API (pydantic, with OpenAPI examples).

Shared by the `kb.lifecycle` operations (which validate and return them) and the
routers in `service/routers/` (which only pass them through). Field names
follow ../shared/GLOSSARY.md; amounts are in 万元, shares in [0, 1] unless
named `*_pct`. Not for rules (see `monitoring`, `scoring`).
"""
from __future__ import annotations

import math
from datetime import date, datetime, timezone
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from kb.domain.enums import Stage
from kb.domain.budget import BUDGET_EXECUTION_POINTS, MAX_BUDGET_WAN
from kb.domain.limits import MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS
from kb.domain.schema import RequiredText
from kb.domain.text import strip_invisible
from kb.lifecycle.lights import BudgetProgress, IndicatorProgress
from kb.lifecycle.scoring import Tier

def _utc(d: datetime) -> datetime:
    return d.replace(tzinfo=timezone.utc) if d.tzinfo is None else d.astimezone(timezone.utc)


# every timestamp we answer carries its UTC offset (SQLite hands back naive datetimes: they are UTC)
UTCDatetime = Annotated[datetime, AfterValidator(_utc)]

def _number_as_text(v: Any) -> Any:
    """A JSON number given for a value field (`"value": 12`) as its text ('12', '0.95'); a
    non-finite one (NaN, Infinity) is refused; anything else is left to the str check."""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if not math.isfinite(v):
            raise ValueError("应为有限的数（不能是 inf 或 nan）")
        if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        if isinstance(v, int) or abs(v) >= 1e15:
            return str(v) if isinstance(v, int) else repr(v)  # 1e+300: refused as above 1 万亿 or unreadable
        # a small JSON number is no text written in scientific notation: 1e-05 is '0.00001', never '1e-05'
        from decimal import Decimal

        return format(Decimal(repr(v)), "f")
    return v


def _readable_number(v: str | None, label: str) -> str | None:
    """`v` unless its number is in scientific notation (1e3) or above 1 万亿: then ValueError (422)
    with the Chinese reason — the checker's QNT-04 rule (`kb.domain.quantity.target_number_problem`)."""
    from kb.domain.quantity import target_number_problem

    problem = target_number_problem(v, label=label)
    if problem:
        raise ValueError(problem)
    return v


def _plain_amount(v: Any) -> Any:
    """An amount given as text in scientific notation ("1e5") is refused as targets and actuals are;
    text is read by `kb.domain.quantity.plain_number` ("1,350" → 1350, a misplaced "1,2000" refused);
    JSON numbers pass to the float check."""
    from kb.domain.quantity import SCIENTIFIC_RE, plain_number

    if isinstance(v, str) and SCIENTIFIC_RE.search(v):
        raise ValueError("金额请写成普通数字（如 100000），不要用科学计数法")
    if isinstance(v, str) and v.strip():
        return plain_number(v)  # "1,350" as --budget and jixiao check read it; "1,2000" refused with the reason
    return v


# an amount in 万元 a request states (budget, executed): a finite number, never "1e5" as text
WanAmount = Annotated[float, BeforeValidator(_plain_amount)]


# a score as answered (and as each item is stored): 2 decimals (9.718969555035128 → 9.72); the total and
# the grade are computed from the unrounded scores, so a total may differ from the sum of its items by 0.01
Score = Annotated[float, AfterValidator(lambda x: round(x, 2))]

# a 指标值 / 实际完成值: text as written, or a JSON number taken as its text
ValueText = Annotated[str, BeforeValidator(_number_as_text)]
# a 实际完成值 (事中监控, 事后评价): read like a target (no scientific notation, nothing above 1 万亿);
# the field's label (…的实际完成值) names it in the 422
ActualText = Annotated[ValueText, AfterValidator(lambda v: _readable_number(v, ""))]


def _clean(v: Any) -> Any:
    if isinstance(v, str):
        return strip_invisible(v)
    if isinstance(v, dict):
        return {k: _clean(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_clean(x) for x in v]
    return v


class CleanIn(BaseModel):
    """An input body whose texts lose zero-width characters, bidi controls and NUL before
    validation (`kb.domain.text.strip_invisible`): what is stored is what a person sees."""

    @model_validator(mode="before")
    @classmethod
    def _strip_invisible(cls, data: Any) -> Any:
        return _clean(data)


Role = Literal["declarant", "reviewer", "supervisor", "admin", "unit_admin", "finance_reviewer"]

_ROW_EXAMPLE = {"level1": "产出指标", "level2": "数量指标", "name": "重点建设工程安排数量",
                "operator": "=", "value": "2", "unit": "个"}


class RowIn(CleanIn):
    """One target row as declared: 一级/二级/三级 (name), 计算符号, 指标值, 计量单位, 分值 (weight, optional)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, json_schema_extra={"examples": [_ROW_EXAMPLE]})

    level1: str = Field("", max_length=100)
    level2: str = Field("", max_length=100)
    name: RequiredText = Field(..., min_length=1, max_length=300)
    operator: str = Field("", max_length=20)
    value: ValueText = Field("", max_length=300, description="指标值（文本；数字按其文本接收）")
    unit: str = Field("", max_length=50)
    indicator_id: str | None = Field(None, max_length=64)
    weight: float | None = Field(None, ge=0, le=100, description="分值（0 到 100，可不填；事后评价未填分值时用它）")

    @field_validator("value")
    @classmethod
    def _readable_number(cls, v: str) -> str:
        """Scientific notation (1e3) or a figure above 1 万亿 is refused (the checker's QNT-04 rule)."""
        return _readable_number(v, "指标值")


class DeclarationIn(CleanIn):
    """事前申报 body. The unit comes from the API key (admins name it in `unit_name`)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, json_schema_extra={"examples": [{
        "project_name": "教育系统基础设施建设和设备购置",
        "description": "优化教育布局，按工作计划完成教育局重点项目建设。资金总额10000万元。",
        "department": "武汉市青山区教育局", "sector": "教育", "year": 2020, "budget_wan": 10000,
        "rows": [_ROW_EXAMPLE,
                 {"level1": "产出指标", "level2": "质量指标", "name": "重点建设工程验收合格率",
                  "operator": "=", "value": "100", "unit": "%"},
                 {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "学生、家长、社会满意度",
                  "operator": "≥", "value": "90", "unit": "%"}]}]})

    project_name: RequiredText = Field(..., min_length=1, max_length=300)
    description: str = Field("", max_length=10000)
    department: str = Field("", max_length=200)
    sector: str = Field("", max_length=100)
    year: int = Field(..., ge=1990, le=2100)
    budget_wan: WanAmount | None = Field(None, ge=0, le=MAX_BUDGET_WAN, description="预算（万元，0 到 1e9）")
    rows: list[RowIn] = Field(default_factory=list, max_length=300)
    unit_name: str | None = Field(None, max_length=200, description="仅管理员代某单位申报时填写")


class RowOut(RowIn):
    position: int = Field(..., description="行号（从 1 开始）")

    @field_validator("value")
    @classmethod
    def _readable_number(cls, v: str) -> str:
        """What was stored is shown as stored (rows saved before the input rule existed)."""
        return v


class ReviewOut(BaseModel):
    decision: Literal["return", "approve"]
    version: int
    comment: str
    acknowledged_findings: list[dict[str, Any]] = Field(
        default_factory=list, description="审核通过时审核人员确认过的错误级审核发现")
    created_at: UTCDatetime


class VersionContent(BaseModel):
    """A stored version's content and the checker's findings on it (in a declaration and in a version)."""

    project_name: str
    description: str
    department: str
    sector: str
    year: int | None
    budget_wan: float | None
    rows: list[RowOut]
    findings: list[dict[str, Any]]


class DeclarationOut(VersionContent):
    """A stored declaration: current version's content, state, the checker's findings, reviews.

    open_errors: the error-level findings of the current version (none of them
    can be dismissed; a new version re-checks); warning: a Chinese message when
    there are any (submitting is allowed, approving needs `acknowledge_findings`).
    """

    id: int
    unit_name: str
    state: Literal["draft", "submitted", "returned", "approved"]
    version: int
    error_count: int
    open_errors: list[dict[str, Any]] = Field(
        default_factory=list, description="当前版本仍未修改的错误级（severity=error）审核发现")
    warning: str | None = Field(None, description="当前版本仍有错误级审核发现时的提示")
    reviews: list[ReviewOut] = []
    has_evaluation: bool = False
    has_feedback: bool = False
    created_at: UTCDatetime
    updated_at: UTCDatetime


class VersionBrief(BaseModel):
    """One stored version of a declaration in its version list (newest last)."""

    version: int
    current: bool = Field(..., description="是否为当前版本（状态和审核发现所指的版本）")
    project_name: str
    budget_wan: float | None
    rows: int = Field(..., description="指标行数")
    error_count: int = Field(..., description="该版本的错误级审核发现数")
    created_at: UTCDatetime


class VersionOut(VersionContent):
    """One version of a declaration as it was stored (read-only): content and the checker's findings on it."""

    declaration_id: int
    version: int
    current: bool
    created_at: UTCDatetime


class DeclarationBrief(BaseModel):
    id: int
    unit_name: str
    project_name: str
    department: str
    year: int | None
    state: str
    version: int
    error_count: int


class ReviewIn(CleanIn):
    """退回 / 审核通过 body: the reviewer's comment (required to return); to approve a
    version that still has error-level checker findings the reviewer must set
    `acknowledge_findings` (else 409 listing them)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, json_schema_extra={"examples": [
        {"comment": "“基础教育巩固提高情况”指标值未量化，请修改后重新提交。"},
        {"comment": "成本指标已另行核定，同意。", "acknowledge_findings": True}]})

    comment: str = Field("", max_length=5000)
    acknowledge_findings: bool = Field(False, description="审核通过时确认当前版本仍有的错误级审核发现")


class MonitorRowIn(CleanIn):
    """Actual to date of one indicator, by `row` (1-based) or `name`.

    on_track: for 定性 rows, whether it is on track; expected_unachievable +
    reason: the 预计无法完成 flag (the reason is required with it).
    """

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    row: int | None = Field(None, ge=1, le=10_000)
    name: str | None = Field(None, max_length=300)
    actual: ActualText = Field(..., max_length=300)
    direction: str | None = Field(None, max_length=20)
    on_track: bool | None = None
    expected_unachievable: bool = False
    reason: str | None = Field(None, max_length=2000)


class MonitoringIn(CleanIn):
    """事中监控 body: period end, actual per indicator, budget executed (万元)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, json_schema_extra={"examples": [{
        "period_end": "2020-06-30", "budget_executed_wan": 4200,
        "indicators": [{"row": 1, "actual": "1"},
                       {"row": 2, "actual": "100"},
                       {"row": 3, "actual": "85", "expected_unachievable": True,
                        "reason": "受疫情影响问卷调查推迟到第四季度"}]}]})

    period_end: date
    budget_executed_wan: WanAmount | None = Field(None, ge=0, le=MAX_BUDGET_WAN, description="已执行预算（万元）")
    indicators: list[MonitorRowIn] = Field(default_factory=list, max_length=300)


class MonitorRowOut(IndicatorProgress):
    row: int
    name: str
    target: str


class MonitoringOut(BaseModel):
    """Lights of one monitoring report: per indicator, budget execution, counts per light.

    lights: counts over every light of the report — the indicators and the
    budget execution light; indicator_lights: the indicators only;
    budget_light: the budget execution light (None when no budget was reported
    or the declaration has no budget); superseded_by: the id of the report filed
    later for the same period end, which is in force instead of this one
    (`monitoring.current_reports`; None for a report in force).
    """

    id: int
    declaration_id: int
    version: int
    period_end: date
    time_progress: float
    budget: BudgetProgress | None
    indicators: list[MonitorRowOut]
    not_reported: list[int] = Field(default_factory=list, description="未填报的行号")
    lights: dict[str, int] = Field(..., description="各色灯数量，含指标灯和预算执行灯")
    indicator_lights: dict[str, int] = Field(default_factory=dict, description="各色灯数量，仅指标")
    budget_light: Literal["green", "yellow", "red"] | None = Field(None, description="预算执行灯")
    created_at: UTCDatetime
    superseded: bool = Field(False, description="同一监控期末后来又报送过，本份已被替代")
    superseded_by: int | None = Field(None, description="替代本份的监控报告 id（同一监控期末最后报送的一份）")


class EvalRowIn(CleanIn):
    """Self-evaluation of one indicator, by `row` (1-based) or `name`.

    weight: 分值 (default: the 分值 declared on the row); actual: 实际完成值; tier / score_pct: for 定性 rows (see
    `kb.lifecycle.scoring`); direction: override (正向/反向/等于/定性).
    """

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    row: int | None = Field(None, ge=1, le=10_000)
    name: str | None = Field(None, max_length=300)
    actual: ActualText | None = Field(None, max_length=300)
    weight: float | None = Field(None, ge=0, le=100, description="分值；不填时取申报时该行填写的分值")
    deviation_reason: str = Field("", max_length=5000)
    direction: str | None = Field(None, max_length=20)
    tier: Tier | str | None = None
    score_pct: float | None = Field(None, ge=0, le=100)


class EvaluationIn(CleanIn):
    """事后评价 body: actuals, weights and deviation reasons; optionally the budget executed
    (scored as the 预算执行率 line with `budget_weight` points).

    The weights add up to 100 (财预〔2020〕10号): the rows' weights alone, or
    with the 预算执行率 line 100 − budget_weight (90 + 10 by default; rows adding
    up to 100, as declared, are scaled to 90 and a warning says so); the
    tolerance is `JIXIAO_CHECKER__WEIGHT_TOLERANCE` (default 0.5). Otherwise 422
    on `rows`.
    """

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, json_schema_extra={"examples": [{
        "rows": [{"row": 1, "actual": "2", "weight": 30},
                 {"row": 2, "actual": "100%", "weight": 30},
                 {"row": 3, "actual": "86", "weight": 30, "deviation_reason": "部分家长对食堂改造进度不满意"}],
        "budget_executed_wan": 9800, "budget_weight": 10}]})

    rows: list[EvalRowIn] = Field(default_factory=list, max_length=300)
    budget_executed_wan: WanAmount | None = Field(None, ge=0, le=MAX_BUDGET_WAN, description="预算执行金额（万元）")
    budget_weight: float = Field(BUDGET_EXECUTION_POINTS, ge=0, le=100)


class EvalItemOut(BaseModel):
    row: int = Field(..., description="行号；0 为预算执行率")
    name: str
    target: str
    actual: str
    direction: str
    weight: float
    score: Score = Field(..., description="得分（保留 2 位小数）")
    score_low: Score = Field(..., description="得分区间下限（保留 2 位小数）")
    score_high: Score = Field(..., description="得分区间上限（保留 2 位小数）")
    completion: float | None
    tier: str | None
    deviation_reason: str
    warnings: list[str]


class EvaluationOut(BaseModel):
    """Scores per indicator, total, grade (优/良/中/差) and warnings; scores, total and percent are
    answered with 2 decimals (the grade is decided on the unrounded percent)."""

    id: int
    declaration_id: int
    version: int
    items: list[EvalItemOut]
    total: Score = Field(..., description="总分（保留 2 位小数；由未舍入的各项得分相加后舍入）")
    total_weight: float
    percent: Score = Field(..., description="得分率（百分制，保留 2 位小数）")
    grade: str
    warnings: list[str]
    created_at: UTCDatetime


class FinalScoreIn(CleanIn):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    row: int = Field(..., ge=1, le=10_000)
    score: float = Field(..., ge=0, le=100)


class FeedbackIn(CleanIn):
    """结果反馈 body: the finance bureau's final scores, comments, budget adjustment (万元,
    negative = cut) and, optionally, the budget executed it confirmed (万元; 公示 prefers it)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, json_schema_extra={"examples": [{
        "final_total": 88, "final_scores": [{"row": 3, "score": 25}],
        "comments": "满意度指标完成偏低，下年度预算压减5%。", "budget_adjustment_wan": -500,
        "budget_executed_wan": 9800}]})

    final_total: float | None = Field(None, ge=0, le=100)
    final_scores: list[FinalScoreIn] = Field(default_factory=list, max_length=300)
    comments: str = Field("", max_length=10000)
    budget_adjustment_wan: float | None = Field(None, ge=-MAX_BUDGET_WAN, le=MAX_BUDGET_WAN,
                                                description="预算调整（万元，负数为压减）")
    budget_executed_wan: WanAmount | None = Field(None, ge=0, le=MAX_BUDGET_WAN, description="财政部门核定的预算执行金额（万元）")
    acknowledge_findings: bool = Field(False, description="确认交叉核对（会计凭证、佐证材料）仍有的错误级发现后仍作反馈；"
                                                          "未确认时有此类发现返回 409 并列出")


class FeedbackOut(BaseModel):
    id: int
    declaration_id: int
    final_total: float | None
    final_grade: str | None
    comments: str
    budget_adjustment_wan: float | None
    budget_executed_wan: float | None = None
    acknowledged_findings: list[dict[str, Any]] = Field(
        default_factory=list, description="反馈时确认的交叉核对错误级发现（rule_id、severity、stage、row、message）")
    learned: list[str] = Field(default_factory=list, description="更新了学习统计的指标名称")
    values_not_learned: list[str] = Field(
        default_factory=list, description="指标值有错误级审核发现、未作为典型值学习的行（仍计入选用次数和完成情况）")
    created_at: UTCDatetime


class KeyIn(CleanIn):
    """A new API key for `unit_name` with `role`."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, json_schema_extra={"examples": [
        {"unit_name": "武汉市青山区教育局", "role": "declarant", "label": "申报系统接口"},
        {"unit_name": "青山区财政局", "role": "finance_reviewer", "assigned_units": ["武汉市青山区教育局"]}]})

    unit_name: RequiredText = Field(..., min_length=1, max_length=200)
    role: Role
    label: str = Field("", max_length=200)
    assigned_units: list[str] = Field(default_factory=list, max_length=1000,
                                      description="finance_reviewer（财政审核）负责审核的单位")
    system: bool | None = Field(None, description="admin 是否为系统管理员（可管理所有单位）；"
                                                  "只有系统管理员可设置，默认否（命令行创建的管理员为系统管理员）")


class KeyOut(BaseModel):
    id: int
    unit_name: str
    role: str
    label: str
    system: bool = False
    assigned_units: list[str] = Field(default_factory=list)
    created_at: UTCDatetime
    revoked_at: UTCDatetime | None = None


class KeyCreated(KeyOut):
    key: str = Field(..., description="密钥明文，只在创建时返回一次")
    warning: str | None = Field(None, description="密钥能创建但多半不能按预期使用时的提示"
                                                  "（如财政审核密钥未指定负责审核的单位）")


class AuditOut(BaseModel):
    id: int
    at: UTCDatetime
    key_id: int | None
    role: str
    unit_name: str
    action: str
    entity: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class LibraryChangeIn(CleanIn):
    """One library change. op: add (indicator), update (id + patch), deprecate (id),
    synonyms (id + synonyms to add). expected_version guards against lost updates."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, json_schema_extra={"examples": [
        {"op": "add", "indicator": {"library": "unit", "unit_name": "武汉市青山区教育局",
                                    "level1": "产出指标", "level2": "数量指标", "name": "校舍维修面积",
                                    "unit": "平方米", "typical": {"operator": "≥", "value": "5000", "unit": "平方米"}}},
        {"op": "synonyms", "id": "u-0123456789", "synonyms": ["校舍修缮面积"]},
        {"op": "deprecate", "id": "u-0123456789"}]})

    op: Literal["add", "update", "deprecate", "synonyms"]
    id: str | None = Field(None, max_length=64)
    indicator: dict[str, Any] | None = None
    patch: dict[str, Any] | None = None
    synonyms: list[str] = Field(default_factory=list, max_length=100)
    expected_version: int | None = Field(None, ge=1)


class LibraryChangesIn(CleanIn):
    """A batch of library changes applied all-or-nothing."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    changes: list[LibraryChangeIn] = Field(..., min_length=1, max_length=1000)


class LibraryIndicatorOut(BaseModel):
    id: str
    library: str
    unit_name: str | None
    status: str
    version: int
    indicator: dict[str, Any]
    updated_at: UTCDatetime


class LibraryChangeOut(BaseModel):
    change_id: int
    id: str
    op: str
    version: int
    created_at: UTCDatetime


class LibraryChangesOut(BaseModel):
    library_version: int
    changes: list[LibraryChangeOut]


ExecutionSource = Literal["feedback", "evaluation", "monitoring"]
EXECUTION_SOURCE_LABELS = {s.value: s.label for s in (Stage.feedback, Stage.evaluation, Stage.monitoring)}


class ProjectExecution(BaseModel):
    """Budget execution of one approved declaration and the stage it was taken from.

    executed_source: the latest stage that reports the budget executed —
    feedback (the bureau's confirmed figure) over evaluation (year end) over
    monitoring (the latest period end); None when no stage reported it.
    """

    declaration_id: int
    project_name: str
    budget_wan: float | None
    executed_wan: float | None
    executed_source: ExecutionSource | None
    executed_source_label: str | None = Field(None, description="结果反馈 / 事后评价 / 事中监控")
    executed_as_of: date | None = Field(None, description="监控期末日期或评价、反馈的日期")
    crosscheck_errors: int = Field(0, description="交叉核对当前的错误级发现数（如 ACC-01 预算执行数与凭证不符）")


class DepartmentSummary(BaseModel):
    """One (unit, department): budget, budget executed (summed over the projects that report it),
    grades, checker errors; `executed_from` counts the projects by the stage their figure came
    from, `projects` gives each project's figure and stage."""

    unit_name: str
    department: str
    declarations: int
    approved: int
    budget_wan: float
    executed_wan: float | None
    execution_rate: float | None
    executed_from: dict[str, int] = Field(default_factory=dict, description="预算执行金额取自哪个环节（项目数）")
    grades: dict[str, int]
    checker_errors: int
    crosscheck_errors: int = Field(0, description="交叉核对（会计凭证、佐证材料）当前的错误级发现数")
    projects: list[ProjectExecution] = Field(default_factory=list)


class PublicSummary(BaseModel):
    """公示: per department, budget execution, evaluation grades and counts of checker errors and of
    open cross-check errors."""

    year: int | None
    departments: list[DepartmentSummary]


class SuggestRequest(CleanIn):
    """Fields of a suggestion request (事前申报: `POST /v1/suggest`, and each line of `jixiao suggest --file`,
    so both refuse the same input with the same Chinese message); texts lose zero-width characters
    before validation, so a description of only invisible characters is as empty as ''."""

    description: str = Field(..., min_length=1, max_length=MAX_DESCRIPTION_CHARS, description="项目描述",
                             examples=["计划修缮乡村道路12公里，惠及沿线村民3000人"])
    project_name: str | None = Field(None, max_length=MAX_NAME_CHARS, examples=["乡村道路修缮项目"])
    budget_wan: WanAmount | None = Field(None, allow_inf_nan=False, examples=[250],
                                         description=f"预算(万元)，0 到 {MAX_BUDGET_WAN:,.0f}，填 0 视为未填写")
    department: str | None = Field(None, max_length=MAX_NAME_CHARS)
    sector: str | None = Field(None, max_length=100, examples=["交通运输"])
    unit_name: str | None = Field(None, max_length=MAX_NAME_CHARS, description="使用该单位的单位指标库")
    top: int = Field(5, ge=1, le=50, description="每个二级指标列出的备选数")
    mode: Literal["lexical", "dense", "hybrid"] | None = None
    project_types: list[str] | None = Field(None, max_length=5, description="指定项目类型(id 或名称)，不用自动识别",
                                            examples=[["rural_road_maintenance"]])

    @field_validator("description")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("项目描述不能只有空白")
        return v

    @field_validator("budget_wan")
    @classmethod
    def _budget_in_range(cls, v: float | None) -> float | None:
        """The one rule and message of a suggest budget, as `jixiao suggest --budget` says it (`BUDGET_RANGE`:
        0 to 1e9 万元, 0 is none) — the API said “应不小于 0” where the CLI said the range (trial 9)."""
        from kb.domain.budget import BUDGET_RANGE, budget_out_of_range

        if budget_out_of_range(v):
            raise ValueError(BUDGET_RANGE)
        return v

    @field_validator("project_name")
    @classmethod
    def _blank_name_is_none(cls, v: str | None) -> str | None:
        """The project name is optional (README: `jixiao suggest --text … --out …`); one of only whitespace is none,
        as "" is: the .xlsx leaves 项目名称 blank to fill in, never writes the spaces (trial 9)."""
        return v.strip() if v and v.strip() else None
