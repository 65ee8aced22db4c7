"""Measure the checker: precision / recall per rule on labeled cases, and the real-data report.

`evaluate_cases` reads `cases_dev.jsonl` (row cases: the row rules that fire on
the row alone, with its `context`) and `table_cases_dev.jsonl` (table cases:
the table rules that fire on the rows given by `row_ids` or `rows_inline`),
and compares rule ids with `expected_findings` / `expected_table_findings`.
Precision and recall are micro-averaged over (case, rule) pairs.

`declarations_report` checks every real table of a declarations JSONL
(`Settings.dev_data_dir`/declarations/dev.jsonl) and gives the share of tables with
errors and the most frequent rules (figures for the README).

Not for the CLI layout (see `kb.cli.check`).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.checker.engine import check_declaration, check_rows
from kb.errors import DataError
from kb.io.jsonl import read_jsonl
from kb.domain.schema import Declaration, TargetRow
from kb.settings import CheckerSettings
_ROW_KEYS = ("level1", "level2", "name", "operator", "value", "unit", "weight", "actual")


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [obj for _, obj in read_jsonl(path)]


def _row(rec: dict[str, Any]) -> TargetRow:
    return TargetRow.model_validate({k: rec[k] for k in _ROW_KEYS if k in rec})


@dataclass
class RuleScore:
    """Counts of one rule: true positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass
class CheckEvalResult:
    """Per-rule scores, overall micro scores, and the cases that disagree."""

    per_rule: dict[str, RuleScore] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    n_row_cases: int = 0
    n_table_cases: int = 0

    @property
    def overall(self) -> RuleScore:
        s = RuleScore()
        for r in self.per_rule.values():
            s.tp += r.tp
            s.fp += r.fp
            s.fn += r.fn
        return s

    def add(self, case_id: str, expected: set[str], predicted: set[str]) -> None:
        for rid in expected | predicted:
            sc = self.per_rule.setdefault(rid, RuleScore())
            if rid in expected and rid in predicted:
                sc.tp += 1
            elif rid in predicted:
                sc.fp += 1
            else:
                sc.fn += 1
        if expected != predicted:
            self.errors.append({"case": case_id, "missed": sorted(expected - predicted),
                                "extra": sorted(predicted - expected)})


def evaluate_cases(rules_dir: Path, settings: CheckerSettings | None = None) -> CheckEvalResult:
    """P/R of every rule on cases_dev.jsonl + table_cases_dev.jsonl in `rules_dir`
    (`Settings.dev_data_dir / "rules"` for the shipped figures).

    Raises DataError when a file is missing or malformed.
    """
    d = Path(rules_dir)
    cases_path, tables_path = d / "cases_dev.jsonl", d / "table_cases_dev.jsonl"
    for p in (cases_path, tables_path):
        if not p.is_file():
            raise DataError("找不到用例文件", file=str(p))
    cases = _jsonl(cases_path)
    tables = _jsonl(tables_path)
    res = CheckEvalResult(n_row_cases=len(cases), n_table_cases=len(tables))
    by_id = {c["id"]: c for c in cases}
    for c in cases:
        rep = check_rows([_row(c)], c.get("context") or {}, settings=settings, suggest=False)
        pred = {f.rule_id for f in rep.findings if f.scope == "row"}
        res.add(c["id"], set(c.get("expected_findings", [])), pred)
    for t in tables:
        recs = t.get("rows_inline") or [by_id[i] for i in t.get("row_ids", []) if i in by_id]
        rows = [_row(x) for x in recs]
        rctx = [x.get("context") or {} for x in recs]
        rep = check_rows(rows, t.get("context") or {}, row_contexts=rctx, settings=settings, suggest=False)
        pred = {f.rule_id for f in rep.findings if f.scope == "table"}
        res.add(t["table_id"], set(t.get("expected_table_findings", [])), pred)
    return res


def format_eval(res: CheckEvalResult) -> list[tuple[str, str, str, int, int, int]]:
    """Rows (rule, precision, recall, tp, fp, fn) sorted by rule id, with the overall row last."""
    def f(x: float | None) -> str:
        return "—" if x is None else f"{x:.3f}"
    rows = [(rid, f(s.precision), f(s.recall), s.tp, s.fp, s.fn) for rid, s in sorted(res.per_rule.items())]
    o = res.overall
    rows.append(("合计", f(o.precision), f(o.recall), o.tp, o.fp, o.fn))
    return rows


@dataclass
class DeclarationsReport:
    """Real-data figures: tables checked, share with errors, top rules, findings per severity."""

    tables: int
    tables_with_errors: int
    rows: int
    top_rules: list[tuple[str, int, int]]  # (rule id, findings, tables hit)
    by_severity: dict[str, int]
    complete_tables: int = 0  # records marked complete (the whole table was published)
    complete_with_errors: int = 0

    @property
    def share_with_errors(self) -> float:
        return self.tables_with_errors / self.tables if self.tables else 0.0


def declarations_report(path: Path, top: int = 10,
                        settings: CheckerSettings | None = None) -> DeclarationsReport:
    """Check every table of a declarations JSONL (dev.jsonl shape) and summarise.

    Each record is one table (`indicators` + `project`, `description`, `year`);
    the budget is not given as a field there, so budget rules see only what the
    record carries. Raises DataError on unreadable input.
    """
    p = Path(path)
    if not p.is_file():
        raise DataError("找不到申报表文件", file=str(p))
    recs = _jsonl(p)
    n_err = n_rows = n_complete = n_complete_err = 0
    counts: Counter[str] = Counter()
    tables_hit: Counter[str] = Counter()
    sev: Counter[str] = Counter()
    for i, rec in enumerate(recs, 1):
        try:
            decl = Declaration.from_record(rec)
        except Exception as e:  # pydantic ValidationError
            raise DataError(f"无法读取申报表：{e}", file=str(p), row=i) from e
        rep = check_declaration(decl, settings=settings, suggest=False)
        n_rows += len(decl.rows)
        if rep.summary["has_errors"]:
            n_err += 1
        if rec.get("complete") is True:
            n_complete += 1
            n_complete_err += rep.summary["has_errors"]
        for rid, k in rep.summary["by_rule"].items():
            counts[rid] += k
            tables_hit[rid] += 1
        sev.update({k: v for k, v in rep.summary["by_severity"].items()})
    top_rules = [(rid, k, tables_hit[rid]) for rid, k in counts.most_common(top)]
    return DeclarationsReport(len(recs), n_err, n_rows, top_rules, dict(sev), n_complete, n_complete_err)
