"""Defects a fresh 财政局 reviewer found in suggest's default tables (twelfth trial, 2026-12-06), each on the
reviewer's own description (written for the trial; none is in ../shared/data)."""
from __future__ import annotations

# the reviewer's realistic 申报书 of a road upkeep (748 characters, five numbered sections)
LONGREAL = (
    "一、项目背景。青石县地处丘陵山区，全县辖14个乡镇、186个行政村，现有农村公路1246公里，其中县道212公里、乡道386公里、村道648公里。受超载车辆和雨水冲刷影响，部分路段出现坑槽、沉陷、边沟堵塞等病害，2024年汛期共发生水毁路段37处，群众出行和农产品运输受到影响。2024年县财政安排农村公路养护资金160万元，完成养护里程980公里，修补路面坑槽1.2万平方米，优良中等路率达到82.6%。"
    "二、项目内容。2025年拟安排县级财政农村公路日常养护资金186万元，具体包括：（一）对全县县乡道和村道开展日常养护1050公里，其中县道212公里、乡道386公里、村道452公里；（二）修补坑槽及沉陷路面1.5万平方米；（三）清理边沟320公里，疏通涵洞85道；（四）更换损坏的交通标志牌60块，补划标线18公里；（五）处置汛期水毁路段，预计不少于30处；（六）聘用乡镇专职养护员42名，每人每月补助1200元。"
    "三、实施计划。2025年3月底前完成养护合同签订和养护员聘用；4月至10月集中开展路面修补和边沟清理；汛期（6月至8月）实行24小时值守，水毁路段在48小时内抢通；12月20日前完成全部养护任务并组织年度考核验收。"
    "四、资金测算。路面坑槽修补按每平方米55元测算，需82.5万元；边沟清理和涵洞疏通按每公里800元测算，需25.6万元；标志牌更换和标线补划需12.5万元；乡镇专职养护员补助需60.48万元；水毁抢修预备费4.92万元，合计186万元。"
    "五、预期效益。通过实施本项目，全县农村公路优良中等路率保持在85%以上，水毁路段抢通时间不超过48小时，路况投诉较上年下降20%，服务沿线群众约21万人，为乡村振兴和农产品外运提供交通保障，群众满意度达到90%以上。"
)
ROAD = ("青石县交通运输局2025年农村公路日常养护项目，申请县级财政资金186万元。全县现有农村公路1246公里，2024年完成养护里程"
        "980公里、修补路面坑槽1.2万平方米。2025年计划对全县14个乡镇的县乡道和村道开展日常养护1050公里，修补坑槽及沉陷路面"
        "1.5万平方米，清理边沟320公里，更换损坏标志牌60块，12月20日前全部完成，优良中等路率保持在85%以上，服务沿线群众约21万人。")
FESTIVAL = ("县文化和旅游局拟于2025年9月下旬在桃源古镇景区举办第三届“稻香桃源”农民丰收文化旅游节，申请财政资金95万元。活动为期"
            "5天，安排开幕式、非遗展演、农特产品展销等主题活动12场，组织参展农户和企业不少于150家。2024年第二届共接待游客8.6万"
            "人次，实现旅游综合收入3100万元；今年目标接待游客10万人次以上，带动农特产品销售额不低于600万元。")


def _rows(res):
    return [(c.level2_label, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def _suggest(kb, text, name=None, budget=None):
    return kb.suggest(text, project_name=name, budget_wan=budget, mode="lexical", with_opinions=False)


def test_the_work_deadline_is_the_date_that_ends_all_the_work_not_the_first_date(shipped_kb):
    """Reported: 农村公路日常养护完成时间 2025年3月31日前 — the contract-signing date — while the text ends the work
    12月20日前完成全部养护任务."""
    res = _suggest(shipped_kb, LONGREAL, "青石县2025年农村公路日常养护", 186)
    rows = _rows(res)
    dated = [r for r in rows if r[0] == "时效指标"]
    assert dated and dated[0][3] == "2025年12月20日前", rows
    assert not [r for r in rows if "3月31日" in r[3]], rows


def test_suggest_and_the_checker_read_one_work_deadline():
    from kb.checker.rewrite import read_work_deadline
    from kb.suggest.binding import project_deadline

    text = "2025年3月底前完成养护合同签订和养护员聘用；12月20日前完成全部养护任务并组织年度考核验收。"
    assert read_work_deadline(text, 2025, "农村公路日常养护完成时间") == ("2025年12月20日前", [])
    assert project_deadline(text, 2025, "农村公路日常养护完成时间") == "2025年12月20日前"
    # the row names the signing: its own date
    assert project_deadline(text, 2025, "养护合同签订完成时间") == "2025年3月31日前"
    # two dates, neither for the row's work nor the project's end: none is guessed (was the first)
    assert project_deadline("3月底前完成招标，6月底前完成设计。", 2025, "设备安装完成时间") is None


def test_the_note_says_each_setting_and_past_phrase_once(shipped_kb):
    """Reported: with the text repeated, the 注意 line listed “全县现有农村公路1246公里” nine times."""
    res = _suggest(shipped_kb, "".join([ROAD, FESTIVAL] * 3), "综合", 500)
    assert res.message.count("“全县现有农村公路1246公里”") == 1, res.message
    assert res.message.count("“2024年完成养护里程980公里”") == 1, res.message
    assert res.message.count("8.6万人次”") == 1, res.message


LUNCH = ("为落实农村义务教育学生营养改善计划，县教育局申请2025年营养膳食补助资金612万元。补助覆盖全县27所农村中小学在校生"
         "6120人，按每生每天5元、全年在校200天的标准核拨，资金于每学期开学后30日内拨付到校。上学年享受补助学生6020人，学生营养"
         "不良检出率为4.3%，今年力争降到4%以下。")
ELDERLY = ("柳溪镇民政办2025年老年助餐服务补助项目，预算68万元。镇内现有60周岁以上老年人4380人，其中独居、空巢老人约900人。"
           "今年依托3个村级幸福食堂和1个镇区中心食堂为老人提供午餐，每餐政府补贴4元，80周岁以上老人免费就餐，全年供餐不少于"
           "12万人次，为150户失能老人送餐上门；6月底前完成4个食堂的消防和厨具改造。")


def test_last_school_years_figure_is_no_target(shipped_kb):
    """Reported: 补助学生人数 ≥6020 人 — 上学年's figure — beside this year's 6120."""
    res = _suggest(shipped_kb, LUNCH, "2025年农村义务教育学生营养膳食补助", 612)
    rows = _rows(res)
    assert not [r for r in rows if r[3] == "6020"], rows
    assert [r for r in rows if r[3] == "6120"], rows
    assert "上学年享受补助学生6020人" in res.message, res.message


def test_last_festivals_income_is_no_target(shipped_kb):
    """Reported: 旅游综合收入 ≥3100 万元, the 2024 festival's income, as this year's target."""
    res = _suggest(shipped_kb, FESTIVAL, "第三届稻香桃源农民丰收文化旅游节", 95)
    rows = _rows(res)
    assert not [r for r in rows if r[3] == "3100"], rows
    assert "旅游综合收入3100万元" in res.message, res.message


def test_an_amount_of_this_years_sentence_stays_a_target():
    from kb.domain.text import normalize
    from kb.suggest.facts import actual_figure
    from kb.suggest.objects import mentions

    text = normalize("县文旅局2025年实施桃源古镇旅游综合服务提升项目。2024年古镇实现旅游综合收入3100万元，今年力争达到3500万元。")
    got = {m.value: actual_figure(m, text) for m in mentions(text) if m.unit == "万元"}
    assert got == {"3100": True, "3500": False}, got


def test_a_towns_residents_are_its_setting_not_whom_the_meals_serve(shipped_kb):
    """Reported: 独居、空巢老人人数 ≥900 人 and 受益老年人数 ≥4380 人 — every resident aged 60+ of the town (镇内现有…,
    其中…) — as targets."""
    res = _suggest(shipped_kb, ELDERLY, "柳溪镇老年助餐服务补助", 68)
    rows = _rows(res)
    assert not [r for r in rows if r[3] in ("900", "4380")], rows
    assert "镇内现有60周岁以上老年人4380人" in res.message, res.message


def test_a_level_kept_is_a_target_not_the_setting(shipped_kb):
    """Reported: 全县农村公路优良中等路率保持在85%以上 (五、预期效益) labelled 现状 and dropped."""
    res = _suggest(shipped_kb, LONGREAL, "青石县2025年农村公路日常养护", 186)
    rows = _rows(res)
    assert [r for r in rows if "优良中等路率" in r[1] and r[2:] == ("≥", "85", "%")], rows
    assert "保持在85%" not in res.message, res.message


RENJU = ("县住建局2025年对桃源古镇实施人居环境综合整治，预算280万元。改造破损街巷路面1.6万平方米，整治沿街立面120户，新增垃圾"
         "分类收集点40个，11月底前完工。整治后预计古镇年接待游客增加到50万人次，旅游综合收入达到3100万元。")


def test_an_income_is_never_the_cost_row(shipped_kb):
    """Reported: with the name 综合, 综合成本 ≤3100 万元 taken from 旅游综合收入3100万元, its note saying the cost is
    set from the budget."""
    res = _suggest(shipped_kb, RENJU, "综合", 280)
    cost = [r for r in _rows(res) if r[1] == "综合成本"]
    assert cost and cost[0][2:4] == ("≤", "280"), _rows(res)
    res = _suggest(shipped_kb, ROAD + FESTIVAL, "综合", 500)
    assert not [r for r in _rows(res) if r[3] == "3100"], _rows(res)


def test_a_towns_income_binds_no_farmers_income(shipped_kb):
    """Reported: 乡村旅游带动增加农户收入 ≥3100 万元 (the text's 旅游综合收入 is not farmers' income)."""
    rows = _rows(_suggest(shipped_kb, RENJU, "桃源古镇人居环境综合整治", 280))
    assert not [r for r in rows if "农户" in r[1] and r[3] == "3100"], rows


def test_those_put_on_a_blacklist_are_results_not_outputs(shipped_kb):
    """Reported (E038): 农民专业合作社户数 ≥166 户 and 企业户数 ≥13 户 — entities listed as 经营异常, an enforcement's
    result — as outputs to reach with ≥."""
    text = ("项目支出绩效自评表(2021年度)。年初/调整预算30万元,执行率100%。实际完成:共开展抽查95批次,检查监管对象1590户,"
            "抽查结果全部公示,13户企业列入经营异常名录,22户个体工商户被标记为经营异常状态;未按规定公示年报信息的500户企业、"
            "166户农民专业合作社和6741户个体工商户被列入经营异常名录或标记为经营异常状态;103户企业和农民专业合作社移出经营异常名录;")
    res = _suggest(shipped_kb, text, "双随机抽查委托审计费", 30)
    rows = _rows(res)
    assert not [r for r in rows if r[3] in ("13", "22", "166", "500", "103", "6741")], rows
    assert [r for r in rows if r[3] == "1590"], rows
