"""Round 20 of the checker: defects a reviewer of 绩效目标表 names, each on a declaration of our own or on dev.jsonl.

1. A unit cost whose unit says no denominator (单位成本 ≤50 万元, 设备采购单价 ≤3000 元) drew nothing: a per-unit
   amount needs its per-unit (元/人, 万元/公里). UNIT-02 already wrote it when the name says it (人均成本 → 元/人,
   每公里成本 → 万元/公里); our UNIT-05 now says so when the name does not (`kb.domain.units.per_unit_unsaid`), and
   its advice asks for it — nothing is guessed. It fires on no real row of dev.jsonl (no table there states a unit
   cost in a plain money unit; E003's 出差单位成本 is in 万元/人).
"""
from __future__ import annotations

import json

from kb.checker import check_declaration
from kb.checker.catalog import CATALOG, OUR_RULES
from kb.checker.fix import apply_fixes
from kb.domain.schema import Declaration, TargetRow
from kb.domain.units import per_unit_unsaid
from tests.checker_rows import QTY, by_key, found, row

COST = ("成本指标", "经济成本指标")


def _road(name: str, op: str, value: str, unit: str) -> list[TargetRow]:
    return [row(*QTY, "道路修缮里程", "≥", "5", "公里"), row(*COST, name, op, value, unit)]


def _dev_reports():
    from tests.test_checker_fixpoint import SHARED

    for line in (SHARED / "declarations" / "dev.jsonl").open(encoding="utf-8"):
        decl = Declaration.from_record(json.loads(line))
        yield decl, check_declaration(decl)


# ------------------------------------------------------------------ 1. a unit cost with no denominator
def test_a_unit_cost_in_plain_money_is_flagged_and_the_denominator_asked_for():
    f = found(_road("单位成本", "≤", "50", "万元"), budget_wan=100)[(2, "UNIT-05")]
    assert f.severity == "warning" and f.field == "unit"
    assert f.message == ("“单位成本”是单位成本（单价），计量单位“万元”没有写明按什么计（如“万元/人”“万元/公里”），"
                         "无法与对应的产出数量核对")
    assert f.suggestion.text.startswith("在计量单位中写明金额按什么计")
    m = CATALOG["UNIT-05"]
    assert "UNIT-05" in OUR_RULES and m.scope == "row" and "本工具的核对规则" in m.citation
    # nothing is guessed: the fixed table keeps the row's unit for the declarant to complete
    decl = Declaration(project_name="2025年农村道路修缮项目", budget_wan=100, year=2025,
                       rows=_road("设备采购单价", "≤", "3000", "元"))
    rep = check_declaration(decl)
    assert (2, "UNIT-05") in by_key(rep)
    fixed = apply_fixes(decl, rep)
    assert [(r.name, r.value, r.unit) for r in fixed.rows if r.level1 == "成本指标"] == [("设备采购单价", "3000", "元")]


def test_a_name_that_says_per_what_keeps_unit_02s_fix_and_totals_are_left_alone():
    f = found(_road("人均成本", "≤", "800", "元"))
    assert (2, "UNIT-05") not in f and f[(2, "UNIT-02")].suggestion.text == "指标值改为“≤800元/人”"
    f = found(_road("每公里成本", "≤", "50", "万元"))
    assert (2, "UNIT-05") not in f and "“万元/公里”" in f[(2, "UNIT-02")].message
    for name, unit in (("单位成本", "万元/公里"), ("单位运行成本", "万元"), ("建设单位成本", "万元"),
                       ("项目总成本", "万元"), ("单位成本", "%")):
        assert not [k for k in found(_road(name, "≤", "50", unit), budget_wan=100) if k[1] == "UNIT-05"], (name, unit)
    assert per_unit_unsaid("道路工程单位造价") and per_unit_unsaid("平均成本（按户）")
    assert not per_unit_unsaid("单位面积成本") and not per_unit_unsaid("单位日常运行成本")


def test_unit_05_on_dev_jsonl_fires_on_no_real_row():
    """dev.jsonl has no unit cost in a plain money unit whose name leaves the denominator unsaid (the real per-unit
    rows are 元/人·月, 元/户·年, 元/亩, 元/月/人, 万元/人): the rule adds no finding to a real table."""
    fired = [(d.id, f.row) for d, rep in _dev_reports() for f in rep.findings if f.rule_id == "UNIT-05"]
    assert fired == []
