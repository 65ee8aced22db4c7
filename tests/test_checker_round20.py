"""Round 20 of the checker: defects a reviewer of 绩效目标表 names, each on a declaration of our own or on dev.jsonl.

1. A unit cost whose unit says no denominator (单位成本 ≤50 万元, 设备采购单价 ≤3000 元) drew nothing: a per-unit
   amount needs its per-unit (元/人, 万元/公里). UNIT-02 already wrote it when the name says it (人均成本 → 元/人,
   每公里成本 → 万元/公里); our UNIT-05 now says so when the name does not (`kb.domain.units.per_unit_unsaid`), and
   its advice asks for it — nothing is guessed. It fires on no real row of dev.jsonl (no table there states a unit
   cost in a plain money unit; E003's 出差单位成本 is in 万元/人).
2. STR-12 called 发放培训教材 ≥600 人 beside 培训人数 ≥600 人 “one stated figure twice” though the text states 培训600人
   and 发放培训教材600册: a figure two objects share is no duplicate when the text gives it to both
   (`structure._figure_given_to_both`); the 教材's unit is wrong, which UNIT-02 already says (≥600册).
3. The budget arithmetic a reviewer does by hand — the standard, count and months the description states (每人每月100元
   × 800人 × 12个月 = 96 万元) against the budget or the table's total 成本 row — was nobody's: FEAS-06 reads the table's
   rows only. Our FEAS-07 reads the three figures by `kb.domain.standards.standard_product` (each only when the text
   states it unambiguously) and says so when the product is above the amount by more than 5 %, or below it when the
   whole amount is the payment. On dev.jsonl the reader reads one text (E025: 3100元/平方米 × 1290.3平方米 = 399.993
   万元 beside its sentence's 投资400万元), silent. When the text states the standard but not the count, the table's
   one count row it pays stands in, with one period when the text states none — a floor of the cost, flagged above the
   budget × 1.2 (the catalog's FEAS-02 band): dev D013, the catalog's own real example (南岳区2023雨露计划: 每生1500元/学期
   × 101 = 15.15 万元 against 7 万元), the one finding dev.jsonl gains (warnings 409 → 410).
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


# ------------------------------------------------------------------ 3. the description's standard × count × months
ALLOWANCE = "2025年安排资金80万元，为全镇80岁以上老人800人发放高龄津贴，每人每月100元，全年12个月。"


def _allowance(text: str, budget: float | None, cost: str = "80") -> Declaration:
    return Declaration(project_name="2025年高龄津贴发放项目", description=text, budget_wan=budget, year=2025, rows=[
        row(*QTY, "高龄津贴发放人数", "≥", "800", "人"), row(*QLT, "津贴发放准确率", "=", "100", "%"),
        row(*COST, "项目总成本", "≤", cost, "万元")])


def test_the_descriptions_standard_count_and_months_against_the_budget():
    f = by_key(check_declaration(_allowance(ALLOWANCE, 80)))[(None, "FEAS-07")]
    assert f.severity == "warning" and f.scope == "table"
    assert f.message == ("申报说明写明“每人每月100元”×“800人”×“12个月”，即96万元，与项目预算80万元相差20.0%（超过5%）："
                         "标准、数量、期数或预算有误")
    assert f.suggestion.text.startswith("核对申报说明中的补助（成本）标准、对象数量和期数")
    m = CATALOG["FEAS-07"]
    assert "FEAS-07" in OUR_RULES and m.dimension == "feasibility" and "本工具的核对规则" in m.citation
    # the budget the description states when budget_wan is not given
    assert "即96万元，与申报说明写明的项目预算80万元相差20.0%" in by_key(check_declaration(_allowance(ALLOWANCE, None)))[
        (None, "FEAS-07")].message
    # the table's 成本 row, when it is not the budget
    text = ALLOWANCE.replace("80万元", "96万元")
    f = by_key(check_declaration(_allowance(text, 96, cost="60")))[(None, "FEAS-07")]
    assert f.message.endswith("即96万元，与成本指标“项目总成本”60万元相差60.0%（超过5%）：标准、数量、期数或预算有误")
    assert (None, "FEAS-07") not in by_key(check_declaration(_allowance(text, 96, cost="96")))


def test_a_standard_per_mu_and_a_count_with_a_magnitude():
    text = "2025年安排耕地地力保护补贴资金60万元，按每亩补助100元的标准，补贴面积5万亩。"
    f = by_key(check_declaration(_allowance(text, 60, cost="60")))[(None, "FEAS-07")]
    assert f.message.startswith("申报说明写明“每亩补助100元”×“5万亩”，即500万元，与项目预算60万元相差733.3%")
    assert (None, "FEAS-07") not in by_key(check_declaration(_allowance(text.replace("60万元", "500万元"), 500, "500")))


def test_budget_arithmetic_stays_silent_when_a_figure_is_ambiguous_or_the_rest_pays_other_work():
    silent = [
        # two counts of persons: which one is paid is the declarant's
        "2025年安排资金80万元，全镇80岁以上老人800人，其中90岁以上200人，每人每月100元，全年12个月。",
        # a monthly standard with no number of months
        "2025年安排资金80万元，为800名老人发放高龄津贴，每人每月100元，按月发放。",
        # two standards
        "2025年安排资金80万元，为800名老人发放津贴，每人每月100元，每户每年500元，共12个月。",
        # below the budget, and the budget pays training too: not a gap
        "2025年安排资金100万元，开展技能培训1000人，每人补助交通费50元。",
        # exactly the budget (within 5 %)
        "2025年安排资金98万元，为800名老人发放高龄津贴，每人每月100元，共12个月。",
        # a beneficiary count is no paid count
        "2025年安排资金80万元，每人每月100元，共12个月，惠及群众3000人。",
    ]
    for text in silent:
        assert (None, "FEAS-07") not in by_key(check_declaration(_allowance(text, None, cost="98"))), text
    # below the budget when the whole budget is the payment: a gap
    text = "2025年安排资金120万元，为800名老人发放高龄津贴，每人每月100元，共12个月。"
    assert "即96万元，与项目预算120万元相差20.0%" in by_key(check_declaration(_allowance(text, 120, "120")))[
        (None, "FEAS-07")].message


def test_feas_06_on_the_tables_own_standard_is_not_repeated():
    text = "2025年安排资金50万元，为5000名困难群众每人每月发放生活补助200元，共12个月。"
    decl = Declaration(project_name="2025年困难群众生活补助项目", description=text, budget_wan=50, year=2025, rows=[
        row(*QTY, "生活补助人数", "≥", "5000", "人"), row(*QTY, "补助发放月数", "=", "12", "个月"),
        row(*COST, "生活补助标准", "=", "200", "元/人·月")])
    found_ = by_key(check_declaration(decl))
    assert (None, "FEAS-06") in found_ and (None, "FEAS-07") not in found_


def test_the_reader_on_dev_jsonl_and_feas_07_fires_on_no_real_table():
    """Every figure of dev.jsonl's texts read by the reader: only E025 states a standard, a count and an amount, and its
    product is its sentence's 投资400万元 (3100元/平方米 × 1290.3平方米 = 399.993 万元)."""
    from kb.domain.budget import budget_from_text
    from kb.domain.standards import standard_product

    read = {}
    fired = []
    for decl, rep in _dev_reports():
        sp = standard_product(decl.description, decl.budget_wan or budget_from_text(decl.description))
        if sp is not None:
            read[decl.id] = (sp.standard_said, sp.count_said, round(sp.product_wan, 3), sp.equal_wan, sp.equal_said)
        fired += [decl.id for f in rep.findings if f.rule_id == "FEAS-07"]
    assert read == {"E025": ("3100元/平方米", "1290.3平方米", 399.993, 400.0, "“投资400万元”")}
    assert fired == ["D013"]


def test_the_catalogs_real_example_d013_a_stated_standard_times_the_tables_count():
    """dev D013 (real; RULES.md §7, 南岳区2023雨露计划): 每生1500元/学期 × 年度申请就学补助户数 ≥101 人/次 is at least
    15.15 万元 against 本年度预计投入7万元."""
    (decl, rep), = [(d, r) for d, r in _dev_reports() if d.id == "D013"]
    f = by_key(rep)[(None, "FEAS-07")]
    assert f.message == ("申报说明写明的标准与表中数量相乘：“每生1500元/学期”×“年度申请就学补助户数”101人/次（按每人次发放一次计）"
                         "至少15.15万元，是申报说明写明的项目预算7万元的2.2倍：标准、数量或预算有误")


def test_a_stated_standard_times_a_count_row_is_a_floor_flagged_above_the_band():
    rows = [row(*QTY, "就学补助资助户数", "≥", "100", "户"), row(*QLT, "补助发放准确率", "=", "100", "%")]
    text = "2025年安排资金10万元，为脱贫户子女发放就学补助，每生1500元/学期。"
    f = found(rows, description=text, budget_wan=10)[(None, "FEAS-07")]
    assert f.message == ("申报说明写明的标准与表中数量相乘：“每生1500元/学期”×“就学补助资助户数”100户（按每户至少一人、至少一个"
                         "学期计）至少15万元，是项目预算10万元的1.5倍：标准、数量或预算有误")
    said = found(rows, description=text.replace("每生1500元/学期", "每生每学期1500元，共2个学期"), budget_wan=10)
    assert "“每生每学期1500元”×“就学补助资助户数”100户×“2个学期”（按每户至少一人计）至少30万元" in \
        said[(None, "FEAS-07")].message
    # within the band (≤ 1.2 × budget), two count rows, or a count that is not paid: silent
    assert (None, "FEAS-07") not in found(rows, description=text, budget_wan=13)
    two = rows + [row(*QTY, "就学补助资助学生人数", "≥", "120", "人")]
    assert (None, "FEAS-07") not in found(two, description=text, budget_wan=10)
    reached = [row(*QTY, "就学补助受益人数", "≥", "100", "人"), rows[1]]
    assert (None, "FEAS-07") not in found(reached, description=text, budget_wan=10)
