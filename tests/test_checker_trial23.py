"""Defects of the twenty-third fresh reviewer's trial (/tmp/trial23, step 4: the sewage-plant draft): a vague 时效
row given a count's advice, an outcome rate under 效益 moved to 产出, and a missing unit the text states (元/吨,
吨) said to be stated nowhere."""
from __future__ import annotations

from tests.checker_rows import by_key

# the trial's draft.json description (the sewage text plus the past year's figure)
SEWAGE = ("县城污水处理厂设计规模3万吨/日，由县水务公司特许经营。2025年县住建局申请运营补贴资金960万元，用于：1.污水处理服务费补贴，"
          "按0.95元/吨、预计处理量900万吨计，855万元；2.污泥无害化处置费，预计4200吨、每吨250元，105万元。要求全年污水处理量不低于"
          "900万吨，出水水质稳定达到一级A标准，出水达标率100%，城区污水集中收集率由上年的85%提高到88%，污泥无害化处置率100%。"
          "补贴按月考核、按季度拨付，全年运行天数不少于365天。2024年该厂实际处理污水860万吨。")
QTY = ("产出指标", "数量指标", "污水处理量", "≥", "900", "万吨")
SAT = ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%")
COST = ("成本指标", "经济成本指标", "项目总成本", "≤", "960", "万元")


def _check(tmp_path, rows, text=SEWAGE):
    from kb.checker import check_declaration
    from tests.checker_rows import table_file

    decl = table_file(tmp_path, "县城污水处理厂2025年运营补贴", text, rows, 960)
    return decl, check_declaration(decl)


# ---- F2. a vague 时效 row gets a time advice, never a count's ---------------------------------------------------

PAY = ("产出指标", "时效指标", "补贴拨付", "", "及时", "")


def test_a_vague_timeliness_row_naming_the_work_gets_the_texts_period_not_a_count(tmp_path):
    """F2. 补贴拨付 | 及时 under 时效: REL-01 (“没有时间含义”) and TIME-01 both advised “数量指标应填写…本年度计划完成
    的数量”; the value is the row's time requirement, and the text says 按季度拨付."""
    _, rep = _check(tmp_path, [QTY, PAY, SAT, COST])
    got = by_key(rep)
    assert (2, "REL-01") not in got
    sug = got[(2, "TIME-01")].suggestion.text
    assert "数量" not in sug and "按季度拨付" in sug and "补贴拨付及时率 =100%" in sug, sug
    # no period in the text: a dated deadline, still never a count
    _, rep = _check(tmp_path, [QTY, PAY, SAT, COST], text=SEWAGE.replace("补贴按月考核、按季度拨付，", ""))
    sug = by_key(rep)[(2, "TIME-01")].suggestion
    assert sug.value == "2025年12月31日前" and "数量" not in sug.text, sug.text


# ---- F3. an ecological outcome rate under 效益 stays under 效益 -------------------------------------------------

RATE = ("效益指标", "数量指标", "城区污水集中收集率", "≥", "85", "%")


def test_an_ecological_outcome_rate_under_benefit_with_a_wrong_level2_takes_the_ecological_benefit(tmp_path):
    """F3. 城区污水集中收集率 ≥85 % under 效益/数量: STR-02 and REL-01 said 层级改为“产出指标/质量指标” and --fix moved it,
    leaving the table's only 效益 row the vague 水环境质量; the collection rate raised 85 → 88 % is the effect."""
    decl, rep = _check(tmp_path, [QTY, RATE, SAT, COST])
    got = by_key(rep)
    for rid in ("STR-02", "REL-01"):
        assert got[(2, rid)].suggestion.text == "层级改为“效益指标/生态效益指标”", got[(2, rid)].suggestion.text
    from kb.checker.fix import apply_fixes

    fixed = apply_fixes(decl, rep)
    row = next(r for r in fixed.rows if "收集率" in r.name)
    assert (row.level1, row.level2, row.operator, row.value) == ("效益指标", "生态效益指标", "≥", "88")
    # a rate whose name says no ecological effect is not kept there by this rule (a product's 合格率 is 产出/质量)
    _, rep = _check(tmp_path, [QTY, ("效益指标", "数量指标", "设备验收合格率", "≥", "95", "%"), SAT, COST])
    assert "层级改为“产出指标/质量指标”" in by_key(rep)[(2, "STR-02")].suggestion.text


# ---- F4. a unit cost's unit the text states among several standards ---------------------------------------------

UNIT_COST = ("成本指标", "经济成本指标", "单位成本", "≤", "0.95", "")


def test_a_unit_cost_without_unit_takes_the_standard_the_text_states_for_that_figure(tmp_path):
    """F4. 单位成本 ≤0.95 with no unit: UNIT-01 said “项目概况也没有写明这一金额的单位” beside “按0.95元/吨” (the text
    states two standards, 0.95元/吨 and 每吨250元, so the one-standard reader found none)."""
    _, rep = _check(tmp_path, [QTY, UNIT_COST, SAT, COST])
    sug = by_key(rep)[(2, "UNIT-01")].suggestion
    assert (sug.operator or "≤", sug.value or "0.95", sug.unit) == ("≤", "0.95", "元/吨"), sug.text
    # a figure the text states no standard for: still 待填写
    _, rep = _check(tmp_path, [QTY, UNIT_COST[:4] + ("0.8", ""), SAT, COST])
    assert "没有写明这一金额的单位" in by_key(rep)[(2, "UNIT-01")].suggestion.text


# ---- F5. a count's missing unit the text states for the same object --------------------------------------------

SLUDGE = ("产出指标", "数量指标", "污泥处置量", "≥", "4200", "")


def test_a_count_without_unit_takes_the_unit_the_text_states_with_that_figure_for_its_object(tmp_path):
    """F5. 污泥处置量 ≥4200 with no unit: UNIT-01 said 待填写 “名称看不出以什么计量” beside “2.污泥无害化处置费，预计4200吨”
    (the words read with the figure stop at the comma)."""
    _, rep = _check(tmp_path, [QTY, SLUDGE, SAT, COST])
    sug = by_key(rep)[(2, "UNIT-01")].suggestion
    assert (sug.value or "4200", sug.unit) == ("4200", "吨"), sug.text
    # the figure stated for another object (nothing of 污泥 in its clause): no unit is taken from it
    _, rep = _check(tmp_path, [QTY, SLUDGE, SAT, COST], text=SEWAGE.replace("2.污泥无害化处置费，预计4200吨", "2.设备维护，预计4200吨"))
    assert by_key(rep)[(2, "UNIT-01")].suggestion.text.startswith("待填写"), by_key(rep)[(2, "UNIT-01")].suggestion.text
