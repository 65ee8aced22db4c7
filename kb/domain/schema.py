"""Pydantic v2 schema of jixiao-kb: indicators, target rows, declarations, checker input.

Identifiers follow ../shared/GLOSSARY.md; enums live in `kb.domain.enums`
and level labels are read by `kb.domain.levels` (the identifier, the Chinese
label and the usual local variants, e.g. 产出目标 / 项目产出 / 预期产出指标 for
产出指标, after `kb.domain.text.normalize`).

Not for storage or I/O: see `kb.io.library` (CSV loading) and `kb.store` (SQLite).
"""
from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from kb.domain.enums import Direction, Level1, Level2, Library, Status, parse_labeled
from kb.domain.levels import is_goal_label, parse_level1, parse_level2
from kb.domain.text import compact, normalize


def required_text(v: str) -> str:
    """A required name (项目名称, 单位名称, 指标名称) as a request gives it: refused when empty or only whitespace —
    “   ” was stored as an empty 项目名称 while “” was a 422 (trial 9). The one check of every request model with a
    required name (`RequiredText`); the 422 names the field by its label (项目名称：不能为空)."""
    if not v.strip():
        raise ValueError("不能为空")
    return v


# a required name: not empty, not only whitespace (`required_text`)
RequiredText = Annotated[str, AfterValidator(required_text)]

_OPS = {">=": "≥", "≥": "≥", "=>": "≥", ">": ">", "＞": ">", "=": "=", "==": "=", "＝": "=",
        "<": "<", "＜": "<", "<=": "≤", "≤": "≤", "=<": "≤", "定性": "定性", "": ""}


def normalize_operator(op: str | None) -> str:
    """Normalise an operator to one of `≥ > = < ≤ 定性` or '' (unknown kept as is)."""
    t = normalize(op or "").replace(" ", "")
    return _OPS.get(t, t)


class Target(BaseModel):
    """A target value: operator + value + unit, e.g. `≥ 95 %`, `≤ 250 万元`, `定性 好`."""

    model_config = ConfigDict(extra="forbid")

    operator: str = ""
    value: str = ""
    unit: str = ""

    @field_validator("operator", mode="before")
    @classmethod
    def _op(cls, v: Any) -> str:
        return normalize_operator(v)

    @field_validator("value", "unit", mode="before")
    @classmethod
    def _s(cls, v: Any) -> str:
        return "" if v is None else str(v).strip()

    def text(self) -> str:
        """Display form, e.g. '≥95%' or '定性:好'."""
        if self.operator == "定性":
            return f"定性:{self.value}"
        return f"{self.operator}{self.value}{self.unit}"


class TrainingLink(BaseModel):
    """A training material link of an indicator: title, url, kind (文档 / 音频 / 视频 / 网页)."""

    title: str
    url: str
    kind: str


_LINK_RE = re.compile(r"^(?:https?://\S+|/(?![/\\])\S*)$", re.IGNORECASE)  # not //host (another server)
_KINDS = (("视频", (".mp4", ".webm", ".mov", ".avi", ".m4v")), ("音频", (".mp3", ".m4a", ".wav", ".ogg", ".aac")),
          ("文档", (".pdf", ".doc", ".docx", ".ppt", ".pptx", ".xls", ".xlsx", ".txt", ".md")))


def parse_training_link(item: str) -> TrainingLink:
    """Parse one 培训材料 entry `标题 链接` (or a bare link) into a TrainingLink.

    Only `http://`, `https://` and paths on this server (`/…`) are links: a
    `javascript:` or `file:` link is refused (ValueError), so a library file
    cannot plant a script in the staff page. kind comes from the file suffix.
    """
    text = normalize(item or "")
    parts = text.rsplit(None, 1)
    url = parts[-1] if parts else ""
    if not _LINK_RE.match(url):
        raise ValueError(f"培训材料“{text}”须写成“标题 链接”，链接以 http://、https:// 或 / 开头")
    title = parts[0].strip() if len(parts) == 2 else url
    path = url.split("?", 1)[0].split("#", 1)[0].lower()
    kind = next((k for k, sufs in _KINDS if path.endswith(sufs)), "网页")
    return TrainingLink(title=title, url=url, kind=kind)


class Indicator(BaseModel):
    """One indicator of a 基础指标库 or 单位指标库.

    Attributes:
        id: stable id (data file's `id`, or `stable_indicator_id`).
        library: basic | unit; unit_name/department only for unit libraries.
        category: 基础指标库 grouping by nature (培训类, 采购类 …) or the
            department for unit libraries; sector: 行业领域 (教育, 水利 …).
        level1/level2: framework position; name: the 三级指标. A name may hold a
            template slot in 〔…〕 (e.g. 〔培训对象〕培训人次) filled by `suggest`.
        unit: 计量单位 ('' for 定性); direction: 正向/反向/等于/定性.
        typical: typical target (operator/value/unit); range_low/range_high: the
            observed range of declared values (same unit), when known.
        synonyms/keywords: extra words for retrieval.
        origin: where the fact comes from: `dev:D001` (a real declaration),
            `framework`, `generic_common`, `legacy_ciq`, `sector_evaluation`,
            `common` (the field's common framework, written by us).
        training: 培训材料 linked to the indicator (documents, audio, video),
            each `标题 链接` (the link is the last word: `http(s)://…` or a path
            on this server starting with `/`); see `training_links`.
    """

    model_config = ConfigDict(extra="forbid")

    id: str
    library: Library = Library.basic
    unit_name: str | None = None
    department: str | None = None
    category: str = ""
    sector: str = ""
    level1: Level1
    level2: Level2
    name: RequiredText = Field(min_length=1, max_length=100)
    unit: str = ""
    direction: Direction = Direction.positive
    typical: Target = Target()
    range_low: float | None = None
    range_high: float | None = None
    explanation: str = ""
    scoring_standard: str = ""
    data_source: str = ""
    synonyms: list[str] = []
    keywords: list[str] = []
    origin: list[str] = []
    training: list[str] = []
    version: int = 1
    status: Status = Status.active

    @field_validator("training", mode="after")
    @classmethod
    def _training(cls, v: list[str]) -> list[str]:
        for item in v:
            parse_training_link(item)  # raises ValueError naming the bad link
        return v

    @field_validator("library", mode="before")
    @classmethod
    def _lib(cls, v: Any) -> Any:
        return parse_labeled(Library, v)

    @field_validator("direction", mode="before")
    @classmethod
    def _dir(cls, v: Any) -> Any:
        return parse_labeled(Direction, v) if v not in (None, "") else Direction.positive

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, v: Any) -> Any:
        return parse_labeled(Status, v) if v not in (None, "") else Status.active

    @field_validator("level1", mode="before")
    @classmethod
    def _l1(cls, v: Any) -> Any:
        if isinstance(v, Level1):
            return v
        return parse_level1(v) or v

    @field_validator("level2", mode="before")
    @classmethod
    def _l2(cls, v: Any, info: Any) -> Any:
        if isinstance(v, Level2):
            return v
        return parse_level2(v, info.data.get("level1")) or v

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, v: Any) -> Any:
        return normalize(v) if isinstance(v, str) else v

    def training_links(self) -> list[TrainingLink]:
        """The training material as (title, url, kind) links, in the library's order."""
        return [parse_training_link(t) for t in self.training]

    @property
    def has_slot(self) -> bool:
        """True when the name is a template with a 〔slot〕."""
        return "〔" in self.name


_TYPICAL_NUM_RE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def typical_target(ind: Indicator | None) -> tuple[str, float, str] | None:
    """(operator, number, unit) of a library indicator's typical target when it is numeric, else None."""
    if ind is None or not ind.typical.value:
        return None
    m = _TYPICAL_NUM_RE.search(ind.typical.value)
    if not m:
        return None
    try:
        v = float(m.group().replace(",", ""))
    except ValueError:
        return None
    return ind.typical.operator or "", v, ind.typical.unit or ind.unit


class TargetRow(BaseModel):
    """One row of a 绩效目标表 as written by a declarant (raw strings kept).

    level1/level2 stay raw text so the checker can flag non-framework labels;
    use `parse_level1`/`parse_level2` to interpret them. value is text because
    real tables hold '100%', '≥95', '持续改善', '2025年12月31日前'.
    Optional self-evaluation fields: actual, weight (分值) and score (得分),
    finite numbers of points in [0, 100], deviation_reason.
    """

    model_config = ConfigDict(extra="ignore", allow_inf_nan=False)

    level1: str = ""
    level2: str = ""
    name: str = ""
    operator: str = ""
    value: str = ""
    unit: str = ""
    weight: float | None = Field(None, ge=0, le=100)
    actual: str | None = None
    score: float | None = Field(None, ge=0, le=100)
    deviation_reason: str | None = None
    indicator_id: str | None = None

    @field_validator("level1", "level2", "name", "operator", "value", "unit", mode="before")
    @classmethod
    def _s(cls, v: Any) -> str:
        return "" if v is None else str(v)

    @property
    def is_goal(self) -> bool:
        """True for a goal-text row: 一级 总体目标 / 年度目标 / …目标, no 二级指标 and no value."""
        return not compact(self.value)[0] and is_goal_label(compact(self.level1)[0], compact(self.level2)[0])

    @field_validator("actual", "deviation_reason", mode="before")
    @classmethod
    def _o(cls, v: Any) -> Any:
        return None if v is None else str(v)

    @field_validator("weight", "score", mode="before")
    @classmethod
    def _f(cls, v: Any) -> Any:
        if v in (None, ""):
            return None
        if isinstance(v, str):
            m = re.search(r"-?\d+(\.\d+)?", normalize(v))
            return float(m.group()) if m else None
        return v


class Declaration(BaseModel):
    """A project's 绩效目标表 (declaration) with its context.

    budget_wan is the (annual) budget in 万元. `project` is accepted as an
    alias of project_name (the shape of ../shared/data/declarations/dev.jsonl),
    and `indicators` as an alias of rows.
    """

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    id: str | None = None
    project_name: str = Field("", validation_alias="project_name")
    description: str = ""
    department: str = ""
    sector: str = ""
    budget_wan: float | None = Field(None, ge=0)
    year: int | None = Field(None, ge=1990, le=2100)
    rows: list[TargetRow] = []

    @field_validator("budget_wan", mode="before")
    @classmethod
    def _budget_text(cls, v: Any) -> Any:
        """A budget written as text is read as --budget and the API read it (`plain_number`: "1,350" is
        1350; a misplaced separator "1,2000" or words are refused with the reason)."""
        if isinstance(v, str) and v.strip():
            from kb.domain.quantity import plain_number

            return plain_number(v)
        return None if isinstance(v, str) else v

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> "Declaration":
        """Build from a dev.jsonl-shaped record (`project`, `indicators`) or our own shape."""
        rec = dict(rec)
        if "project" in rec and "project_name" not in rec:
            rec["project_name"] = rec.pop("project")
        if "indicators" in rec and "rows" not in rec:
            rec["rows"] = rec.pop("indicators")
        return cls.model_validate(rec)


class TableInput(Declaration):
    """A `Declaration` plus the checker's context (what a JSONL case file carries).

    context: table-level context (budget_wan, budget_year, plan_total_wan,
    long_term_rows, project …, RULES.md §1); row_contexts: one dict per row
    (actual, prior_actual, unit_cost_yuan …), aligned with `rows`; row_numbers:
    the row's number in the input file (line or sheet row), aligned with `rows`;
    source: file (and sheet) the table was read from.
    """

    context: dict[str, Any] = {}
    row_contexts: list[dict[str, Any]] = []
    row_numbers: list[int] = []
    source: str = ""
