"""Pydantic v2 schema of jixiao-kb: indicators, target rows, declarations.

Identifiers follow ../shared/GLOSSARY.md. Enum *values* are the English
identifiers; `.label` gives the Chinese label users see. Every enum parser
accepts the identifier, the Chinese label and the usual local variants
(e.g. 产出目标 / 项目产出 / 预期产出指标 for 产出指标), after `kb.text.normalize`.

Not for storage or I/O: see `kb.library` (CSV loading) and `kb.store` (SQLite).
"""
from __future__ import annotations

import hashlib
import re
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kb.text import normalize


class _Labeled(str, Enum):
    """A str enum with a Chinese label and tolerant parsing."""

    @property
    def label(self) -> str:
        return _LABELS[self]

    def __str__(self) -> str:  # pragma: no cover - cosmetic
        return self.value


class Library(_Labeled):
    """基础指标库 (`basic`) or 单位指标库 (`unit`)."""

    basic = "basic"
    unit = "unit"


class Level1(_Labeled):
    """一级指标. 成本 became a 一级指标 with 财预〔2021〕101号."""

    output = "output"
    cost = "cost"
    benefit = "benefit"
    satisfaction = "satisfaction"


class Level2(_Labeled):
    """二级指标 under each 一级指标 (88号 and 101号 frameworks)."""

    quantity = "quantity"
    quality = "quality"
    timeliness = "timeliness"
    output_cost = "output_cost"
    economic_cost = "economic_cost"
    social_cost = "social_cost"
    ecological_cost = "ecological_cost"
    economic_benefit = "economic_benefit"
    social_benefit = "social_benefit"
    ecological_benefit = "ecological_benefit"
    sustainable_impact = "sustainable_impact"
    beneficiary_satisfaction = "beneficiary_satisfaction"


class Direction(_Labeled):
    """How an actual compares to the target: 正向 (higher is better), 反向, 等于, 定性."""

    positive = "positive"
    negative = "negative"
    equal = "equal"
    qualitative = "qualitative"


class Status(_Labeled):
    active = "active"
    deprecated = "deprecated"


_LABELS: dict[Enum, str] = {
    Library.basic: "基础指标库", Library.unit: "单位指标库",
    Level1.output: "产出指标", Level1.cost: "成本指标", Level1.benefit: "效益指标",
    Level1.satisfaction: "满意度指标",
    Level2.quantity: "数量指标", Level2.quality: "质量指标", Level2.timeliness: "时效指标",
    Level2.output_cost: "成本指标", Level2.economic_cost: "经济成本指标",
    Level2.social_cost: "社会成本指标", Level2.ecological_cost: "生态环境成本指标",
    Level2.economic_benefit: "经济效益指标", Level2.social_benefit: "社会效益指标",
    Level2.ecological_benefit: "生态效益指标", Level2.sustainable_impact: "可持续影响指标",
    Level2.beneficiary_satisfaction: "服务对象满意度指标",
    Direction.positive: "正向", Direction.negative: "反向", Direction.equal: "等于",
    Direction.qualitative: "定性",
    Status.active: "有效", Status.deprecated: "已停用",
}

# Level2 → its Level1 (output_cost sits under 产出 in the 88号 framework)
LEVEL2_PARENT: dict[Level2, Level1] = {
    Level2.quantity: Level1.output, Level2.quality: Level1.output,
    Level2.timeliness: Level1.output, Level2.output_cost: Level1.output,
    Level2.economic_cost: Level1.cost, Level2.social_cost: Level1.cost,
    Level2.ecological_cost: Level1.cost,
    Level2.economic_benefit: Level1.benefit, Level2.social_benefit: Level1.benefit,
    Level2.ecological_benefit: Level1.benefit, Level2.sustainable_impact: Level1.benefit,
    Level2.beneficiary_satisfaction: Level1.satisfaction,
}


def parse_level1(text: str | None) -> Level1 | None:
    """Map a 一级指标 label (any usual local variant) to `Level1`, else None.

    产出/项目完成指标 → output; 效益 → benefit; 满意 → satisfaction; 成本 → cost.
    效果指标 / 投入指标 / 制度指标 / blank → None (not in the framework;
    ../shared/data/rules/RULES.md §2.1).
    """
    t = normalize(text or "")
    if not t:
        return None
    try:
        return Level1(t)
    except ValueError:
        pass
    if "满意" in t:
        return Level1.satisfaction
    if "产出" in t or t == "项目完成指标":
        return Level1.output
    if "效益" in t:
        return Level1.benefit
    if "成本" in t:
        return Level1.cost
    return None


def parse_level2(text: str | None, level1: Level1 | None = None) -> Level2 | None:
    """Map a 二级指标 label to `Level2`, else None.

    A bare 成本指标 is `output_cost` under 产出 and `economic_cost` under 成本.
    Parenthesised variants ("数量指标(或建筑规模指标)") are accepted.
    """
    t = normalize(text or "")
    if not t:
        return None
    try:
        return Level2(t)
    except ValueError:
        pass
    t = re.sub(r"[(（].*?[)）]", "", t)
    for key, val in (("数量", Level2.quantity), ("质量", Level2.quality),
                     ("时效", Level2.timeliness), ("经济成本", Level2.economic_cost),
                     ("社会成本", Level2.social_cost), ("生态环境成本", Level2.ecological_cost),
                     ("生态成本", Level2.ecological_cost), ("环境成本", Level2.ecological_cost),
                     ("经济效益", Level2.economic_benefit), ("社会效益", Level2.social_benefit),
                     ("生态效益", Level2.ecological_benefit), ("可持续", Level2.sustainable_impact),
                     ("满意", Level2.beneficiary_satisfaction)):
        if key in t:
            return val
    if "成本" in t or "预算" in t and "控制" in t:
        return Level2.economic_cost if level1 == Level1.cost else Level2.output_cost
    return None


def _parse_enum(enum: type[_Labeled], v: Any) -> Any:
    if v is None or isinstance(v, enum):
        return v
    t = normalize(str(v))
    for m in enum:
        if t in (m.value, m.label):
            return m
    return v  # let pydantic raise its own error naming the allowed values


_OPS = {">=": "≥", "≥": "≥", "=>": "≥", ">": ">", "＞": ">", "=": "=", "==": "=", "＝": "=",
        "<": "<", "＜": "<", "<=": "≤", "≤": "≤", "=<": "≤", "定性": "定性", "": ""}


def normalize_operator(op: str | None) -> str:
    """Normalise an operator to one of `≥ > = < ≤ 定性` or '' (unknown kept as is)."""
    t = normalize(op or "").replace(" ", "")
    return _OPS.get(t, t)


OPERATORS = ("≥", ">", "=", "<", "≤", "定性")


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


def stable_indicator_id(library: str, unit_name: str | None, name: str, level2: str) -> str:
    """Stable id of an indicator when its data file gives none.

    `b-` (basic) or `u-` (unit) + 10 hex digits of SHA-1 over
    library|unit_name|normalised name|level2; unchanged while those are unchanged.
    """
    key = "|".join([library, unit_name or "", normalize(name), level2])
    prefix = "b-" if library == "basic" else "u-"
    return prefix + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


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
    name: str = Field(min_length=1, max_length=100)
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
        return _parse_enum(Library, v)

    @field_validator("direction", mode="before")
    @classmethod
    def _dir(cls, v: Any) -> Any:
        return _parse_enum(Direction, v) if v not in (None, "") else Direction.positive

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, v: Any) -> Any:
        return _parse_enum(Status, v) if v not in (None, "") else Status.active

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

    def training_links(self) -> list["TrainingLink"]:
        """The training material as (title, url, kind) links, in the library's order."""
        return [parse_training_link(t) for t in self.training]

    @property
    def has_slot(self) -> bool:
        """True when the name is a template with a 〔slot〕."""
        return "〔" in self.name

    def search_text(self) -> str:
        """Text indexed for retrieval: name, synonyms, keywords, category, sector, explanation."""
        return " ".join([self.name.replace("〔", "").replace("〕", ""), *self.synonyms,
                         *self.keywords, self.category, self.sector, self.explanation])


class TargetRow(BaseModel):
    """One row of a 绩效目标表 as written by a declarant (raw strings kept).

    level1/level2 stay raw text so the checker can flag non-framework labels;
    use `parse_level1`/`parse_level2` to interpret them. value is text because
    real tables hold '100%', '≥95', '持续改善', '2025年12月31日前'.
    Optional self-evaluation fields: actual, weight, score, deviation_reason.
    """

    model_config = ConfigDict(extra="ignore")

    level1: str = ""
    level2: str = ""
    name: str = ""
    operator: str = ""
    value: str = ""
    unit: str = ""
    weight: float | None = None
    actual: str | None = None
    score: float | None = None
    deviation_reason: str | None = None
    indicator_id: str | None = None

    @field_validator("level1", "level2", "name", "operator", "value", "unit", mode="before")
    @classmethod
    def _s(cls, v: Any) -> str:
        return "" if v is None else str(v)

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

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> "Declaration":
        """Build from a dev.jsonl-shaped record (`project`, `indicators`) or our own shape."""
        rec = dict(rec)
        if "project" in rec and "project_name" not in rec:
            rec["project_name"] = rec.pop("project")
        if "indicators" in rec and "rows" not in rec:
            rec["rows"] = rec.pop("indicators")
        return cls.model_validate(rec)
