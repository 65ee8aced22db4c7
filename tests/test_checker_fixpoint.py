"""Fixpoint of the rewrites (issue 4 §3): apply every suggestion, check again, no finding on those rows.

Run over every labeled case row (alone, with its context) and every real
table of ../shared/data/declarations/dev.jsonl, with generic defaults and
with the shipped indicator library.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.checker import apply_fixes, check_declaration
from kb.checker.lookup import default_lookup
from kb.checker.models import TableInput
from kb.schema import Declaration, TargetRow
from kb.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
pytestmark = pytest.mark.skipif(not SHARED.exists(), reason="../shared/data not present")


def _tables() -> list[tuple[str, Declaration]]:
    out = []
    for line in (SHARED / "declarations" / "dev.jsonl").open(encoding="utf-8"):
        rec = json.loads(line)
        out.append((rec["id"], Declaration.from_record(rec)))
    for line in (SHARED / "rules" / "cases_dev.jsonl").open(encoding="utf-8"):
        c = json.loads(line)
        ctx = c.get("context") or {}
        row = TargetRow.model_validate({k: c[k] for k in ("level1", "level2", "name", "operator", "value", "unit")})
        out.append((c["id"], TableInput(rows=[row], context=ctx, budget_wan=ctx.get("budget_wan"),
                                        year=ctx.get("budget_year"), project_name=ctx.get("project", ""))))
    return out


def _leftovers(decl: Declaration, lookup) -> list[tuple[int, str]]:
    rep = check_declaration(decl, lookup=lookup)
    fixed = apply_fixes(decl, rep)
    gone = {f.row for f in rep.findings if f.suggestion and f.suggestion.delete}
    gone |= {n for f in rep.findings if f.suggestion and f.suggestion.delete_rows for n in f.suggestion.delete_rows}
    kept = [i for i in range(1, len(decl.rows) + 1) if i not in gone]
    flagged = rep.rows_with_findings()
    assert all(f.suggestion is not None for f in rep.findings)
    again = check_declaration(fixed, lookup=lookup)
    return [(kept[f.row - 1], f.rule_id) for f in again.findings
            if f.row is not None and f.row <= len(kept) and kept[f.row - 1] in flagged]


@pytest.mark.parametrize("with_library", [False, True])
def test_applying_every_suggestion_leaves_no_finding_on_those_rows(with_library):
    lookup = default_lookup(Settings(indicators_dir=REPO / "indicators")) if with_library else None
    if with_library and lookup is None:
        pytest.skip("indicator library not loadable")
    tables = _tables()
    assert len(tables) > 200
    bad = {tid: left for tid, d in tables if (left := _leftovers(d, lookup))}
    assert bad == {}


def test_rewrites_are_concrete_targets():
    row = TargetRow(level1="满意度指标", level2="服务对象满意度指标", name="群众满意度", value="持续改善")
    rep = check_declaration(Declaration(year=2025, rows=[row]))
    sug = next(f.suggestion for f in rep.findings if f.rule_id == "QNT-01")
    assert (sug.operator, sug.value, sug.unit) == ("≥", "90", "%")
    row = TargetRow(level1="产出指标", level2="时效指标", name="补贴发放及时性", value="及时")
    rep = check_declaration(Declaration(year=2025, rows=[row]))
    sug = next(f.suggestion for f in rep.findings if f.rule_id == "TIME-01")
    assert sug.value == "2025年12月31日前"
    row = TargetRow(level1="产出指标", level2="数量指标", name="重点建设工程安排数量", value="2")
    rep = check_declaration(Declaration(rows=[row]))
    sug = next(f.suggestion for f in rep.findings if f.rule_id == "UNIT-01")
    assert sug.unit == "个"
