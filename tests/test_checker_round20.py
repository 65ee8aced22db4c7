"""Round 20 of the checker: defects a reviewer of 绩效目标表 names, each on a declaration of our own or on dev.jsonl.

1. A unit cost whose unit says no denominator (单位成本 ≤50 万元, 设备采购单价 ≤3000 元) drew nothing: a per-unit
   amount needs its per-unit (元/人, 万元/公里). UNIT-02 already wrote it when the name says it (人均成本 → 元/人,
   每公里成本 → 万元/公里); our UNIT-05 now says so when the name does not (`kb.domain.units.per_unit_unsaid`), and
   its advice asks for it — nothing is guessed. It fires on no real row of dev.jsonl (no table there states a unit
   cost in a plain money unit; E003's 出差单位成本 is in 万元/人).
2. STR-12 called 发放培训教材 ≥600 人 beside 培训人数 ≥600 人 “one stated figure twice” though the text states 培训600人
   and 发放培训教材600册: a figure two objects share is no duplicate when the text gives it to both
   (`structure._figure_given_to_both`); the 教材's unit is wrong, which UNIT-02 already says (≥600册).
"""
from __future__ import annotations

import json

from kb.checker import check_declaration
from kb.checker.catalog import CATALOG, OUR_RULES
from kb.checker.fix import apply_fixes
from kb.domain.schema import Declaration, TargetRow
from kb.domain.units import per_unit_unsaid
from tests.checker_rows import QLT, QTY, by_key, found, row

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


# ------------------------------------------------------------------ 2. one figure the text gives to two objects
TRAINING = "2025年安排资金50万元，开展农村实用技术培训600人，发放培训教材600册，培训合格率达到95%以上。"
TRAINING_CTX = {"description": TRAINING, "budget_wan": 50, "budget_year": 2025, "project": "2025年农村实用技术培训项目"}


def _training(teaching_unit: str) -> list[TargetRow]:
    return [row(*QTY, "培训人数", "≥", "600", "人"), row(*QTY, "发放培训教材", "≥", "600", teaching_unit),
            row(*QLT, "培训合格率", "≥", "95", "%")]


def test_a_figure_the_text_gives_to_two_objects_is_no_duplicate():
    f = found(_training("人"), **TRAINING_CTX)
    assert (None, "STR-12") not in f
    assert f[(2, "UNIT-02")].message == "“发放培训教材”应以册、本、套计量，填的是“人”"
    assert f[(2, "UNIT-02")].suggestion.text == "指标值改为“≥600册”"
    assert not [k for k in found(_training("册"), **TRAINING_CTX) if k[1] in ("STR-12", "UNIT-02")]
    # the excuse needs a row whose own unit is wrong and the other statement's right: two 教材 rows in 册 are one
    # plan written twice (round 18's fixed table, whose merge this keeps)
    rows = [row(*QTY, "培训人数", "≥", "600", "人"), row(*QTY, "教材", "≥", "600", "册"),
            row(*QTY, "发放培训教材", "≥", "600", "册")]
    assert "“教材”与“发放培训教材”（第2、3行" in found(rows, **TRAINING_CTX)[(None, "STR-12")].message


def test_a_figure_the_text_states_once_is_still_one_plan_written_twice():
    """Without 发放培训教材600册 in the text the 600 人 is stated once: both rows set it, STR-12 stays (trial 16's
    reading); so does a pair whose second statement is about neither row (600 in 慰问老人600户)."""
    for text in ("2025年安排资金50万元，开展农村实用技术培训600人，培训合格率达到95%以上。",
                 "2025年安排资金50万元，开展农村实用技术培训600人，慰问老人600户。"):
        f = found(_training("人"), **{**TRAINING_CTX, "description": text})
        assert "“培训人数”与“发放培训教材”（第1、2行：≥600人，项目概况只写明一处600人）" in f[(None, "STR-12")].message
