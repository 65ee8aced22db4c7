"""Suggest defects fresh reviewers found in trial 20 (/tmp/trial20/report.md), fixed in round 21. The reviewer's own
texts (/tmp/trial20/inputs.md) are copied here verbatim; the real projects are dev.jsonl's."""
from __future__ import annotations

from tests.kbfactory import suggest_dev, suggest_text

FARMLAND = ("根据省财政厅、省农业农村厅下达的补贴资金，我县2025年安排耕地地力保护补贴资金4367.88万元，全部通过惠农“一卡通”"
            "直接兑付到户。补贴对象为全县18个乡镇拥有耕地承包权的种地农民，核定补贴面积39.6万亩，补贴标准每亩110.3元。"
            "补贴资金于6月30日前兑付到户，兑付准确率100%，严禁截留挪用。通过补贴引导农民加强耕地保护、秸秆还田和减少化肥"
            "用量，全县耕地土壤有机质含量由18.2克/千克提高到18.5克/千克，受补贴农户满意度达到95%以上。")
INSURANCE = ("全县现有耕地面积52万亩、能繁母猪存栏3.6万头。2024年全县三大粮食作物参保面积为38万亩。2025年县级安排农业保险"
             "保费补贴资金860万元，计划承保水稻、小麦、玉米三大粮食作物45万亩、能繁母猪2.5万头，县级保费补贴资金于每季度结束后"
             "30日内拨付承保机构。保险理赔兑付及时率100%，参保农户满意度不低于90%。")
STATIONS = ("截至2024年底全县已建成村级电商服务站点30个，全县共有行政村120个。2025年新建村级电商服务站点50个，预算150万元，"
            "每个站点补助3万元。")


def _table(res):
    return [(c.level1_label, c.level2_label, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def test_soil_organic_matter_change_is_an_ecological_benefit(shipped_kb):
    """1. 土壤有机质含量由18.2克/千克提高到18.5克/千克 was filed under 社会效益; the checker's placement (one list) files
    the soil's state under 生态效益."""
    from kb.checker.rewrite import guess_level2
    from kb.domain.enums import Level1

    res = suggest_text(shipped_kb, FARMLAND, "2025年耕地地力保护补贴", 4367.88)
    row = next(c for c in res.default_table if "有机质" in c.name)
    assert (row.level2_label, row.operator, row.value, row.unit) == ("生态效益指标", "≥", "18.5", "克/千克"), _table(res)
    assert guess_level2(Level1.benefit, row.name).label == row.level2_label   # the checker files it there too


def test_a_payment_term_after_a_period_is_the_payment_rows_limit(shipped_kb):
    """2. 县级保费补贴资金于每季度结束后30日内拨付承保机构 was read as no limit (时效: a blank 农业保险理赔时限); and
    秋季学期开学后2个月内发放到位 left 助学金及时发放率 = 100 % (the checker's TIME-05 then asked for ≤ 2 个月)."""
    res = suggest_text(shipped_kb, INSURANCE, "2025年政策性农业保险保费补贴", 860)
    times = [r for r in _table(res) if r[1] == "时效指标"]
    assert any("拨付时限" in r[2] and r[3:] == ("≤", "30", "日") for r in times), times
    res = suggest_text(shipped_kb, "资助家庭经济困难学生300人，每生每年2000元，秋季学期开学后2个月内发放到位",
                       "高中国家助学金", 60)
    times = [r for r in _table(res) if r[1] == "时效指标"]
    assert any(r[2].endswith("时限") and r[3:] == ("≤", "2", "个月") for r in times), times


def test_plan_year_beside_an_as_of_date_dates_the_deadline(shipped_kb):
    """3. 截至2024年底… beside 2025年新建…，预算150万元 gave 当年12月31日前: the plan year is 2025."""
    from kb.domain.years import stated_year

    assert stated_year("村级电商服务站点建设", STATIONS) == 2025
    res = suggest_text(shipped_kb, STATIONS, "村级电商服务站点建设")
    dates = [r[4] for r in _table(res) if r[1] == "时效指标"]
    assert "2025年12月31日前" in dates and not any(v.startswith("当年") for v in dates), _table(res)


def test_per_item_standard_names_the_item(shipped_kb):
    """4. 每个站点补助3万元 gave the garbled 每个补助标准 = 3 万元/个."""
    res = suggest_text(shipped_kb, STATIONS, "村级电商服务站点建设")
    names = [r[2] for r in _table(res)]
    assert "每个站点补助标准" in names and "每个补助标准" not in names, _table(res)


def test_building_cost_per_km_over_building_and_upkeep_money_is_left_blank(shipped_kb):
    """5. D014: 309 万元 ÷ 建设养护里程300公里 = 1.03 万元/公里 named 公路建设单位里程造价 — an average over two works the
    text never splits; left 待填写 with the reason."""
    res = suggest_dev(shipped_kb, "D014")
    row = next(c for c in res.default_table if c.unit == "万元/公里")
    assert row.value == "", _table(res)
    assert "建设和养护" in row.basis and "不能以总预算" in row.basis, row.basis


def test_sector_wide_rate_the_fund_cannot_move_is_set_aside(shipped_kb):
    """6. D056: 普通高中毛入学率 ≥ 92 % from the library on a 112 万元 quality fund whose text names no enrolment."""
    res = suggest_dev(shipped_kb, "D056")
    assert not any("入学率" in c.name for c in res.default_table), _table(res)


def test_fund_of_one_named_school_counts_no_schools(shipped_kb):
    """7a. E034: 初中公用经费(银川市第六中学) funds one school; 学校公用经费保障学校数量 待填写 所 (answer 1) is no target."""
    res = suggest_dev(shipped_kb, "E034")
    assert not any(c.level2_label == "数量指标" and c.unit in ("所", "个") and not c.value for c in res.default_table), \
        _table(res)
    assert any(c.name == "保障人数" for c in res.default_table), _table(res)


def test_enterprise_fund_counts_no_masses(shipped_kb):
    """7b. E021: a trade fund whose table asks 企业满意度 showed a blank 受益群众人数; its beneficiaries are enterprises."""
    res = suggest_dev(shipped_kb, "E021")
    names = [c.name for c in res.default_table]
    assert "受益群众人数" not in names, _table(res)
    assert any(c.name == "受益企业数量" and c.unit == "家" for c in res.default_table), _table(res)


def test_amount_per_village_is_carried(shipped_kb):
    """8. 每个行政村9万元 / 村均9万元 was carried by no row: the fund's standard per village."""
    for said in ("每个行政村9万元", "村均9万元"):
        text = f"2025年全镇安排村级组织运转经费207万元，补助23个行政村，{said}，用于村干部报酬、办公经费和服务群众支出。"
        res = suggest_text(shipped_kb, text, "2025年村级组织运转经费", 207)
        rows = [r for r in _table(res) if r[5].startswith("万元/村")]
        assert rows and rows[0][3:5] == ("=", "9"), _table(res)
