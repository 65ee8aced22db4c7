"""Defects of the ninth fresh reviewer's trial (/tmp/trial9, a county 财政局 reviewer): a figure TXT-06 calls
unreadable read by COST-04, a yearly target “全年累计供餐不少于18万人次” called background (REL-06), a row
figure that contradicts the description's, a near-duplicate reported only after --fix, and the --fix .xlsx."""
from __future__ import annotations

from tests.checker_rows import QLT, QTY, SAT, SOC, TIM, found, row

COST = ("成本指标", "经济成本指标")


def test_a_figure_txt06_calls_unreadable_is_read_by_no_rule():
    """“1,0000” 万元 (1,000? 10,000?): TXT-06 said the target cannot be determined, yet COST-04 said
    “成本1000万元超过项目预算100万元”. The figure is read by no rule; a well-grouped one still is."""
    f = found([row(*COST, "成本", "≤", "1,0000", "万元")], budget_wan=100)
    assert (1, "TXT-06") in f
    assert (1, "COST-04") not in f
    f = found([row(*COST, "成本", "", "≤1,0000万元", "")], budget_wan=100)
    assert (1, "TXT-06") in f and (1, "COST-04") not in f
    assert (1, "UNIT-01") not in f  # the unit written after the figure is still read
    f = found([row(*COST, "成本", "≤", "1,000", "万元")], budget_wan=100)
    assert "成本1000万元超过项目预算100万元" in f[(1, "COST-04")].message


CANTEEN = ("依托城关镇、河口镇现有养老服务设施，新建社区长者食堂5个、村级助餐点12个，为辖区60周岁以上老年人提供午餐服务，"
           "全年累计供餐不少于18万人次。对80周岁以上老人、低保及特困老人每餐分别补贴3元和5元，项目总投入96万元。"
           "所有助餐点须在2025年6月底前投入运营，送餐上门服务覆盖行动不便老人不少于300人，用餐老人满意度达到90%以上。")


def test_a_yearly_total_promised_with_a_floor_is_the_years_output():
    """REL-06 said “指标值18万人次是申报说明中的‘累计供餐不少于18万人次’…是项目实施的背景”: 全年累计 sums this
    year's meals and 不少于 promises them. A total over past years is still the setting."""
    f = found([row(*QTY, "供餐人次", "≥", "18", "万人次")], description=CANTEEN, project="社区老年助餐服务补贴",
              budget_wan=96)
    assert (1, "REL-06") not in f
    for desc in ("本项目年内累计供餐18万人次。", "助餐点累计供餐至少18万人次。"):
        assert (1, "REL-06") not in found([row(*QTY, "供餐人次", "≥", "18", "万人次")], description=desc)
    past = "截至2024年底全县累计供餐18万人次，今年新建助餐点5个。"
    f = found([row(*QTY, "供餐人次", "≥", "18", "万人次")], description=past)
    assert "累计供餐18万人次" in f[(1, "REL-06")].message


DRAFT_DESC = "计划修缮青石镇乡村道路12公里，2024年9月30日前完工，惠及沿线村民3000人。"


def test_a_near_duplicate_with_a_unit_left_blank_is_found_on_the_first_check():
    """道路修缮里程 ≥12 (no unit, UNIT-01) and 修缮道路长度 ≥12 km were reported as one measure only once --fix had
    filled the first row's unit: the near-duplicate reader skipped a row with no unit."""
    f = found([row(*QTY, "道路修缮里程", "≥", "12", ""), row(*QLT, "工程验收合格率", "=", "100", "%"),
               row(*QTY, "修缮道路长度", "≥", "12", "km")], description=DRAFT_DESC, budget_wan=250)
    m = f[(None, "STR-12")].message
    assert "“道路修缮里程”与“修缮道路长度”（第1、3行）" in m and "未填计量单位的按名称计" in m
    # different objects or measures stay apart with a blank unit too
    f = found([row(*QTY, "新建道路里程", "≥", "12", ""), row(*QTY, "修缮道路长度", "≥", "12", "公里"),
               row(*QTY, "修缮道路面积", "≥", "12", "")], description=DRAFT_DESC)
    assert (None, "STR-12") not in f


def test_a_beneficiary_count_other_than_the_stated_one_is_found_and_the_stated_one_proposed():
    """受益人口 ≥5000 人 beside “惠及沿线村民3000人” had no finding, before or after --fix: FEAS-04 compares a
    row with the description's figure only at a factor of 10, and 受益 shares no word with 惠及. Who benefits is
    a fact of the project: FEAS-04 now says so and proposes the stated figure."""
    f = found([row(*SOC, "受益人口", "≥", "5000", "人")], description=DRAFT_DESC, project="青石镇乡村道路修缮")
    h = f[(1, "FEAS-04")]
    assert h.message == "指标值5000人与申报说明写明的受益数“惠及沿线村民3000人”不一致"
    assert h.suggestion.value == "3000" and h.suggestion.text == "指标值改为“≥3000人”"
    # the stated figure, another measure, two stated figures, or a report of what was done: no finding
    assert (1, "FEAS-04") not in found([row(*SOC, "受益人口", "≥", "3000", "人")], description=DRAFT_DESC, project="x")
    assert (1, "FEAS-04") not in found([row(*SOC, "受益人口", "≥", "5000", "人")], project="x",
                                       description="惠及沿线村民3000人，服务沿线学校师生1200人。")
    f = found([row(*SOC, "受益人口", "≥", "60000", "人")], project="x", description="项目受益人口约6.3万人。")
    assert f[(1, "FEAS-04")].suggestion.text == "指标值改为“≥6.3万人”"
    assert (1, "FEAS-04") not in found([row(*SOC, "受益人口", "≥", "5000", "人次")], description=DRAFT_DESC, project="x")
    assert (1, "FEAS-04") not in found([row(*QTY, "享受医疗救助人次", "≥", "50000", "人次")], project="医疗救助",
                                       description="绩效目标自评表。完成情况:2024年度医疗救助惠及11万人次。")


DRAFT = {"project_name": "青石镇乡村道路修缮", "description": DRAFT_DESC, "year": 2024, "budget_wan": 250, "rows": [
    {"level1": "产出指标", "level2": "数量指标", "name": "道路修缮里程", "operator": "≥", "value": "12", "unit": "",
     "weight": 20},
    {"level1": "产出指标", "level2": "质量指标", "name": "工程验收合格率", "operator": "≥", "value": "100", "unit": "个",
     "weight": 20},
    {"level1": "产出指标", "level2": "社会效益指标", "name": "带动就业人数", "operator": "≥", "value": "50", "unit": "人",
     "weight": 10},
    {"level1": "成本指标", "level2": "经济成本指标", "name": "项目总成本", "operator": "≤", "value": "300", "unit": "万元",
     "weight": 20},
    {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "operator": "≥", "value": "90",
     "unit": "%", "weight": 10},
    {"level1": "产出指标", "level2": "数量指标", "name": "修缮道路长度", "operator": "≥", "value": "12", "unit": "km",
     "weight": 20}]}


def test_the_fixed_xlsx_keeps_weights_numbers_rows_as_the_table_and_names_no_other_kind_of_project(tmp_path):
    """The --fix .xlsx of the trial's draft: its 审核意见 sheet gave spreadsheet rows (第 9 行) beside the table's
    (第1、2行) in the STR-12 message; 带动就业人数 took the library's 指标解释 “产业项目吸纳当地劳动力就业的人数” in a
    road project. One numbering now (the table's, as the messages give it, with the name); the explanation stays
    blank; the draft's 分值 are kept in proportion (the added row takes the mean, trial 10)."""
    import openpyxl

    from kb.checker import apply_fixes, check_declaration
    from kb.domain.schema import Indicator
    from kb.io.tables import table_from_json
    from kb.io.xlsx_table import explanation_fits, write_declaration

    assert not explanation_fits("产业项目吸纳当地劳动力就业的人数", "带动就业人数", "青石镇乡村道路修缮 " + DRAFT_DESC)
    assert explanation_fits("产业项目吸纳当地劳动力就业的人数", "带动就业人数", "茶叶产业项目 发展茶叶产业")
    decl = table_from_json(DRAFT)
    fixed = apply_fixes(decl, check_declaration(decl))
    rep = check_declaration(fixed)
    lib = {"带动就业人数": "产业项目吸纳当地劳动力就业的人数", "群众满意度": "群众对项目实施效果的满意程度"}

    def find(r):
        if r.name not in lib:
            return None
        return Indicator.model_construct(name=r.name, explanation=lib[r.name])

    wb = openpyxl.load_workbook(write_declaration(fixed, tmp_path / "fixed.xlsx", rep, find))
    table, notes = wb["绩效目标表"], wb["审核意见"]
    cells = {r[2]: r for r in table.iter_rows(values_only=True) if r[2]}
    assert cells["带动就业人数"][5] is None and cells["群众满意度"][5] == "群众对项目实施效果的满意程度"
    # the draft's 分值 in proportion, now that the added 项目完成时间 takes points too (trial 10: every row is scored)
    assert [cells[n][7] for n in ("道路修缮里程", "工程验收合格率", "项目总成本", "群众满意度")] == [17, 17, 17, 9]
    assert sum(r.weight for r in fixed.rows) == 100 and all(r.weight for r in fixed.rows)
    assert "不是本工作表的行号" in notes.cell(1, 1).value
    lines = {r[1]: r[0] for r in notes.iter_rows(min_row=2, values_only=True)}
    near = next(f for f in rep.findings if f.rule_id == "STR-12")
    assert "“道路修缮里程”与“修缮道路长度”（第1、2行）" in near.message
    assert [r.name for r in fixed.rows][:2] == ["道路修缮里程", "修缮道路长度"]
    assert lines["UNIT-02"] == f"第{[r.name for r in fixed.rows].index('工程验收合格率') + 1}行“工程验收合格率”"
