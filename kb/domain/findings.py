"""What a check reports: `CheckFinding`, `Suggestion`, `CheckReport`, severities and review dimensions.

`CheckReport.model_dump()` is the shape of `jixiao check --json` and of
`POST /v1/declarations/check`: `{"findings": [...], "summary": {...}}`.
The checker (`kb.checker`) makes them; the .xlsx export, the lifecycle and
both thin layers read them. Not for detection (rules) or I/O (`kb.io`).
"""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
DIMENSION_LABELS = {"completeness": "完整性", "relevance": "相关性",
                    "appropriateness": "适当性", "feasibility": "可行性"}


class Suggestion(BaseModel):
    """A concrete rewrite of one row (or of the table).

    Fields that are set replace the row's fields when applied (`apply_fixes`);
    `delete=True` removes the row; `add_rows` (table findings) appends rows;
    `weights` (STR-13) replaces the weights row by row; `delete_rows` (STR-12)
    lists input row numbers to drop. `text` is the display
    form in Chinese, e.g. "改为 ≥90%".
    """

    model_config = ConfigDict(extra="forbid")

    level1: str | None = None
    level2: str | None = None
    name: str | None = None
    operator: str | None = None
    value: str | None = None
    unit: str | None = None
    delete: bool | None = None
    add_rows: list[dict[str, Any]] | None = None
    weights: list[float | None] | None = None
    delete_rows: list[int] | None = None
    text: str = ""

    def patch(self) -> dict[str, str]:
        """The row fields this suggestion sets."""
        return {k: getattr(self, k) for k in ("level1", "level2", "name", "operator", "value", "unit")
                if getattr(self, k) is not None}


class CheckFinding(BaseModel):
    """One problem found in a 绩效目标表.

    Attributes:
        rule_id: catalog id (`QNT-01` …); severity: error | warning | info;
        scope: row | table; row: 1-based row number as in the input (None for
        table scope); field: the offending field (level1, level2, name,
        operator, value, unit, weight, or '' for the table); message: what is
        wrong, in Chinese; basis: citation (document + article only where the
        catalog marks it verified); suggestion: the concrete rewrite;
        dimension: review dimension id (completeness / relevance /
        appropriateness / feasibility) and dimension_label its Chinese label;
        citation: the basis as an exact citation into the stored corpora
        (《文件名》(文号) 第X条), when that document is stored (see
        `kb.checker.citations`).
    """

    model_config = ConfigDict(extra="forbid")

    rule_id: str
    severity: Literal["error", "warning", "info"]
    scope: Literal["row", "table"]
    row: int | None = None
    field: str = ""
    message: str
    basis: str
    suggestion: Suggestion | None = None
    dimension: str
    dimension_label: str = ""
    title: str = ""
    citation: str | None = None


class CheckReport(BaseModel):
    """Findings of one check plus a summary.

    summary: {"rows_checked": int (goal-text rows included), "goal_rows": int (总体目标 / 年度目标 text
    rows among them), "indicator_rows": int (rows_checked − goal_rows: the CLI's “N 个指标行”), "rows_with_findings": int, "has_errors": bool, "by_severity":
    {"error": n, "warning": n, "info": n}, "by_rule": {rule_id: n},
    "by_dimension": {label: n}}.
    """

    findings: list[CheckFinding] = []
    summary: dict[str, Any] = Field(default_factory=dict)

    def model_dump(self, **kw: Any) -> dict[str, Any]:  # type: ignore[override]
        kw.setdefault("exclude_none", False)
        d = super().model_dump(**kw)
        for f in d["findings"]:
            if f.get("suggestion") is not None:
                f["suggestion"] = {k: v for k, v in f["suggestion"].items() if v is not None}
        return d

    def rows_with_findings(self) -> set[int]:
        return {f.row for f in self.findings if f.row is not None}


_DEFAULTS: dict[type, dict[str, Any]] = {}


def construct(cls: type[BaseModel], **data: Any) -> Any:
    """Instantiate a model from values already known to be valid, skipping validation.

    The checker creates tens of thousands of findings per second; pydantic
    validation (or `model_construct`, ~9 µs) would dominate. Values come from
    the catalog and the rules, never from user input, so they are valid by
    construction; `model_dump()` works as usual.
    """
    d = _DEFAULTS.get(cls)
    if d is None:
        d = _DEFAULTS[cls] = {k: f.get_default(call_default_factory=True) for k, f in cls.model_fields.items()}
    obj = cls.__new__(cls)
    vals = d.copy()
    vals.update(data)
    _set(obj, "__dict__", vals)
    _set(obj, "__pydantic_fields_set__", set(data))
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


_set = object.__setattr__
