"""Garbled or misplaced formed names a twelfth fresh reviewer (a 财政局 reviewer, README only) struck in `jixiao
suggest`: a second 受益, a count of times without its work, a bare group headcount, an added area under 数量, a yearless
year-end date for a programme across two school terms. The reviewer's own texts (/tmp/trial12/own.jsonl) are copied
here verbatim."""
from __future__ import annotations

MEAL = '2025年秋季学期至2026年春季学期，县教育局对农村义务教育阶段学生实施营养改善计划，按每生每天5元标准补助，全年在校天数200天，预计受益学生8460人，所需资金846万元（中央资金为主）。补助资金按月拨付至学校食堂，每月10日前完成上月结算。全县现有农村义务教育学校57所；上年受益学生8912人。通过实施，确保学生营养状况改善、食品安全零事故。'
ELDER = '为缓解农村独居、高龄老人吃饭难问题，县民政局2025年安排老年助餐服务补助资金128万元，在城关镇、河口镇等6个乡镇新建标准化老年食堂14个，并对已运营的助餐点按每餐3元给予就餐补贴，全年预计提供助餐服务不少于12万人次，覆盖60周岁以上老年人2300人。新建食堂须于2025年9月30日前投入使用。全县现有60周岁以上老年人5.8万人；上年提供助餐服务8.6万人次。'
IT = '县政务服务数据管理局2025年政务信息系统运维项目，预算92.5万元，采购第三方运维服务，保障县电子政务外网、政务云平台及“一网通办”等23个业务系统稳定运行，服务器及网络设备巡检每月不少于2次，故障响应时间不超过30分钟，系统年可用率不低于99.5%。全县现有联网单位146家；上年共处理故障工单412件。运维服务期为2025年1月1日至12月31日。'
RIVER = '2025年县水利局实施小清河、白马河两条河道清淤疏浚工程，总投资465万元，计划清淤河道长度12.6公里，清除淤泥约8.4万立方米，整治护坡3.2公里，汛期前（5月31日前）完工。工程实施后可恢复河道行洪能力，改善沿河5个村约1.1万名群众的生产生活环境，增加灌溉面积0.6万亩。全县现有县级以上河道38条；上年清淤河道9.3公里。'


def _rows(shipped_kb, text, name, budget):
    res = shipped_kb.suggest(text, project_name=name, budget_wan=budget, mode="lexical", with_opinions=False)
    return [(c.level2, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def test_meal_benefit_name_holds_one_shouxi_and_no_yearless_year_end(shipped_kb):
    """受益营养改善计划受益学生人数 ≥8460 人; 学生营养改善计划完成时间 12月31日前 for 2025年秋季学期至2026年春季学期."""
    rows = _rows(shipped_kb, MEAL, "农村义务教育学生营养改善计划", 846)
    names = [r[1] for r in rows]
    assert not [n for n in names if n.count("受益") > 1]
    assert [r for r in rows if r[0] == "social_benefit" and r[3] == "8460" and "受益学生人数" in r[1]]
    assert not [r for r in rows if r[0] == "timeliness" and r[3].endswith("12月31日前")]
    assert [r for r in rows if r[0] == "timeliness"]


def test_a_count_of_times_names_its_work(shipped_kb):
    """网络设备次数 ≥24 次 where the text says 服务器及网络设备巡检每月不少于2次."""
    rows = _rows(shipped_kb, IT, "2025年政务信息系统运维", 92.5)
    assert ("quantity", "网络设备巡检次数", "≥", "24", "次") in rows
    assert "网络设备次数" not in [r[1] for r in rows]


def test_a_bare_group_count_the_service_covers_is_its_beneficiaries(shipped_kb):
    """老年人人数 ≥2300 人 under 数量 from 覆盖60周岁以上老年人2300人."""
    rows = _rows(shipped_kb, ELDER, "2025年老年助餐服务补助", 128)
    assert ("social_benefit", "受益老年人数", "≥", "2300", "人") in rows
    assert "老年人人数" not in [r[1] for r in rows]


def test_an_area_the_project_adds_is_its_effect(shipped_kb):
    """灌溉面积 ≥0.6 万亩 under 数量 from 增加灌溉面积0.6万亩."""
    rows = _rows(shipped_kb, RIVER, "小清河白马河清淤疏浚工程", 465)
    assert ("social_benefit", "增加灌溉面积", "≥", "0.6", "万亩") in rows
    assert not [r for r in rows if r[0] == "quantity" and "灌溉面积" in r[1]]


def test_year_end_set_aside_needs_a_span_and_a_periodic_payment():
    from kb.suggest.vetting import PERIODIC_PAY, YEARS_SPANNED

    assert PERIODIC_PAY.search("补助资金按月拨付至学校食堂，每月10日前完成上月结算")
    assert not PERIODIC_PAY.search("服务周期2023.07-2024.01,全市空气质量达到优良")
    spans = [m for m in YEARS_SPANNED.finditer("2025年秋季学期至2026年春季学期，县教育局") if m.group(1) != m.group(2)]
    assert spans


FEST = '第三届油菜花文化旅游节由县文化和旅游局承办，拟安排财政资金60万元，于2025年3月中下旬在金坪乡举办，为期10天，开展开幕式文艺演出、农特产品展销、非遗展示等8项主题活动，预计接待游客15万人次，带动旅游综合收入3000万元以上。全县现有A级旅游景区9家；上届旅游节接待游客11.2万人次。'


def test_households_whose_children_are_paid_are_asked_once_as_parents(shipped_kb):
    """D013 雨露计划: 脱贫户满意度 ≥90 beside 学生家长满意度 ≥90 — the parents are the 脱贫户 (脱贫户或监测户子女)."""
    from tests.kbfactory import dev_record

    rec = dev_record("D013")
    rows = _rows(shipped_kb, rec["description"], rec["project"], 7)
    sat = [r[1] for r in rows if r[0] == "beneficiary_satisfaction"]
    assert "学生家长满意度" in sat
    assert not [n for n in sat if "脱贫" in n]


def test_a_blank_library_count_of_the_stated_events_is_set_aside(shipped_kb):
    """活动开展场次 待填写 场 beside 主题活动数量 ≥8 项: one count of the festival's activities under two names."""
    rows = _rows(shipped_kb, FEST, "第三届油菜花文化旅游节", 60)
    assert ("quantity", "主题活动数量", "≥", "8", "项") in rows
    assert not [r for r in rows if r[0] == "quantity" and "活动" in r[1] and r[3] == ""]
