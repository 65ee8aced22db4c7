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
