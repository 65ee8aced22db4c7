"""What a sixteenth fresh reviewer (a county 财政局 reviewer, README only) struck in `jixiao suggest`. The reviewer's
own texts (/tmp/trial16/inputs.md and the report's commands) are copied here verbatim; the real projects are
dev.jsonl's."""
from __future__ import annotations

from tests.kbfactory import suggest_dev, suggest_text

LIB_BRACKET = "县图书馆全年免费开放，接待读者15000人次（较上年1.2万人次增长25%），举办阅读推广活动40场，补助资金32万元。"
LIB_PLAN = "县图书馆全年免费开放，计划接待读者15000人次，比上年的12000人次增长25%，举办阅读推广活动40场，补助资金32万元。"


def _rows(res):
    return [(c.name, c.operator, c.value, c.unit) for c in res.default_table]


def test_past_bases_reads_the_figure_a_comparison_names():
    """The domain's one reader: the figure right after 较上年 / 比上年的 / 与去年同期的, before the change; not the
    change's own figure, not a comparison without a figure."""
    from kb.domain.years import past_bases

    def said(t):
        return [t[a:b] for a, b in past_bases(t)]

    assert said(LIB_BRACKET) == ["1.2万人次"]
    assert said(LIB_PLAN) == ["12000人次"]
    assert said("游客满意度与去年同期的86%相比提高3个百分点") == ["86%"]
    assert said("接待读者人次较上年增长25%") == []
    assert said("计划接待读者15000人次，增长25%") == []


def test_last_years_figure_in_a_comparison_is_no_target(shipped_kb):
    """较上年1.2万人次 / 比上年的12000人次 is last year's count: no row takes it (it gave 图书馆免费开放人次 ≥1.2万人次
    and ≥12000 人次); this year's 15000 stays."""
    for text in (LIB_BRACKET, LIB_PLAN):
        res = suggest_text(shipped_kb, text, "图书馆免费开放")
        rows = _rows(res)
        assert ("接待读者人次", "≥", "15000", "人次") in rows
        assert not any(v in ("1.2", "12000") for _, _, v, _ in rows), rows
        assert "1.2万人次" in res.message or "12000人次" in res.message


def test_the_growth_is_named_by_what_grows(shipped_kb):
    """增长25% after the base is the growth of 接待读者人次, not of the unit (万人次增长率, 人次增长率)."""
    for text in (LIB_BRACKET, LIB_PLAN):
        rows = _rows(suggest_text(shipped_kb, text, "图书馆免费开放"))
        growth = [r for r in rows if r[0].endswith("增长率")]
        assert growth == [("接待读者人次增长率", "≥", "25", "%")], rows


ROAD = "为巩固“四好农村路”建设成果，县交通运输局2025年对全县纳入养护目录的县道、乡道、村道实施日常养护和预防性养护。其中：路面坑槽修补及裂缝灌缝180万元，边沟清淤及路肩整修62万元，安保设施（波形护栏、警示桩）补设48万元，养护巡查及人员劳务30万元。全年计划完成日常养护里程643公里，预防性养护（微表处）38.5公里，补设波形护栏4.2公里；县乡道优良中等路率由72%提高到78%以上。工程于2025年11月底前全部完工并验收，沿线11个乡镇约9.6万群众出行条件得到改善。项目总预算320万元。"
RIVER = "临澧县道水河城区段及支流清淤疏浚工程，位于安福街道至合口镇之间，治理河道长度17.3公里，清淤土方约21.6万立方米，新建生态护岸3.8公里。工程计划2025年3月开工、汛期前（5月31日）完成主河道清淤，10月底前全部完工。工程总投资1580万元，其中县级财政资金680万元、上级水利发展资金900万元。项目实施后河道防洪标准由10年一遇提升到20年一遇，沿岸3个街道4.2万居民防洪安全得到保障，河道水质稳定达到Ⅲ类。"


def test_the_whole_budget_is_the_whole_projects_cost(shipped_kb):
    """320 万元 is 日常养护 and 预防性养护 together, 1580 万元 the 城区段 and the 支流: the row is 项目总成本, never
    预防性养护工程成本 / 支流清淤疏浚工程成本; a part's own stated amount keeps its part's name (路面坑槽修补…180)."""
    road = _rows(suggest_text(shipped_kb, ROAD, "2025年黔东县农村公路日常养护及预防性养护工程"))
    river = _rows(suggest_text(shipped_kb, RIVER, "临澧县道水河城区段及支流清淤疏浚工程", 1580))
    assert ("项目总成本", "≤", "320", "万元") in road, road
    assert ("项目总成本", "≤", "1580", "万元") in river, river
    assert not any(n in ("预防性养护工程成本", "支流清淤疏浚工程成本") for n, *_ in road + river)
    assert ("路面坑槽修补及裂缝灌缝成本", "≤", "180", "万元") in road
    # the whole works' completion date is the project's, not the part's
    assert [r for r in river if r[0].endswith("完成时间")] == [("项目完成时间", "", "2025年10月31日前", "")]


def test_coordinated_part():
    from kb.suggest.whole_cost import coordinated_part

    assert coordinated_part("预防性养护工程", "2025年黔东县农村公路日常养护及预防性养护工程")
    assert coordinated_part("互联网专线", "办案业务费(陪审员及互联网专线)")
    assert not coordinated_part("改造及设备购置", "校园维修改造及设备购置")
    assert not coordinated_part("两品一械", "药品、医疗器械、化妆品(两品一械)监管转移支付")
    assert not coordinated_part("部门整体支出", "中共宁德市委党史和地方志研究室部门整体支出")


ELDER = "东江区民政局拟在2025年新建社区老年助餐点15个，改造提升既有长者食堂6个，实现城区14个社区助餐服务全覆盖。对80周岁以上老年人、低保及特困老年人每餐分别补贴3元、5元，预计全年提供助餐服务不少于36万人次，日均服务老年人约1000人。助餐点须在6月30日前投入运营，餐品抽检合格率100%，老年人满意度达到90%以上。所需资金共计412万元，其中建设改造补助195万元，助餐运营补贴217万元。"


def test_two_standards_are_two_rows_each_with_its_group(shipped_kb):
    """每餐分别补贴3元、5元 for 80周岁以上 and 低保及特困: one row per group, never 3 元 for everyone."""
    rows = _rows(suggest_text(shipped_kb, ELDER, "东江区2025年社区老年助餐服务体系建设"))
    standards = [r for r in rows if r[0].endswith("标准")]
    assert standards == [("80周岁以上老年人每餐补贴标准", "=", "3", "元/餐"),
                         ("低保及特困老年人每餐补贴标准", "=", "5", "元/餐")], rows


def test_group_figures_pairs_only_one_to_one():
    from kb.suggest.group_standards import group_figures

    t = "对80周岁以上老年人、低保及特困老年人每餐分别补贴3元、5元，预计"
    assert [(g, v) for one in group_figures(t) for _, g, v in one] == [("80周岁以上老年人", "3"),
                                                                      ("低保及特困老年人", "5")]
    assert group_figures("对80周岁以上老年人、低保及特困老年人每餐分别补贴3元、5元、8元") == []
    assert group_figures("对困难老年人每餐补贴3元") == []


FEST = "2025年第五届大埔客家文化旅游节由县文化广电旅游体育局承办，定于10月1日至7日在百侯古镇举行，活动预算96万元（舞台搭建及音响租赁38万元、文艺演出22万元、宣传推广21万元、安保及医疗保障15万元）。节会期间举办开幕式文艺晚会1场、客家山歌擂台赛4场、非遗展演及美食集市7天，组织参展商户120家。预计吸引游客25万人次，带动旅游综合收入3000万元以上，全网宣传曝光量不少于500万次。确保活动期间不发生安全责任事故。"
GYM = "2025年县体育馆、游泳馆免费低收费开放，全年接待健身群众1.5万人次，其中青少年游泳培训15000人次、老年人健身指导3200人次。开放时间每周不少于35小时，预算68万元，年底前完成。"


def _timeliness(res):
    return [(c.name, c.value, c.basis) for c in res.default_table if c.level2 == "timeliness"]


def test_an_events_dates_are_its_deadline(shipped_kb):
    """定于10月1日至7日…举行: the deadline is the period's end, its basis the dates (it was 2025年12月31日前 with
    “描述未写明完成时限”)."""
    rows = _timeliness(suggest_text(shipped_kb, FEST, "2025年第五届大埔客家文化旅游节"))
    assert [(n, v) for n, v, _ in rows] == [("客家文化旅游节完成时间", "2025年10月7日前")], rows
    # the binding reads the event's dates since the checker's TIME-06 round (merged beside this one): the basis is the
    # text's plan then, which is right too; never “描述未写明完成时限”
    assert "未写明" not in rows[0][2] and ("10月1日至7日" in rows[0][2] or rows[0][2] == "项目申报内容中的计划数"), rows


def test_a_stated_year_end_is_said_as_stated(shipped_kb):
    """年底前完成: the year's end, with a basis that says the text states it (not “描述未写明完成时限”)."""
    rows = _timeliness(suggest_text(shipped_kb, GYM, "全民健身公共服务"))
    assert [v for _, v, _ in rows] == ["2025年12月31日前"], rows
    assert "年底前完成" in rows[0][2] and "未写明" not in rows[0][2]


def test_event_end_reads_one_period_only():
    from kb.suggest.stated_terms import event_end

    assert event_end(FEST)[:3] == (None, 10, 7)
    assert event_end("将于2025年9月20日—22日在体育馆举办")[:3] == (2025, 9, 22)
    assert event_end("于5月18日举行启动仪式，于6月1日举行闭幕式") is None
    assert event_end("10月1日至7日为节会期") is None


FIRE = "全县现有林地面积186万亩，森林覆盖率71.3%，是省级森林防火重点县。2024年全县共发生森林火灾2起，受害森林面积12.6公顷。为提升森林火灾防控能力，县林业局2025年拟安排森林防火专项经费268万元，用于购置风力灭火机60台、以水灭火设备20套，新建森林防火视频监控点8处，开展专业扑火队员培训3期共240人次，并发放防火期护林员巡护补助。目标：森林火灾受害率控制在0.9‰以内，火情发现后1小时内扑灭率达到95%以上，重点时段巡护覆盖率100%。"


def test_the_training_count_keeps_its_work_whole(shipped_kb):
    """开展专业扑火队员培训3期共240人次: 专业扑火队员培训人次 ≥ 240 and 专业扑火队员培训期数 ≥ 3 (not 森林防火人次,
    队员培训期数)."""
    rows = _rows(suggest_text(shipped_kb, FIRE, "2025年度森林防火专项经费", 268))
    assert ("专业扑火队员培训人次", "≥", "240", "人次") in rows, rows
    assert ("专业扑火队员培训期数", "≥", "3", "期") in rows, rows
    assert not any(n in ("森林防火人次", "队员培训期数") for n, *_ in rows)


def test_a_rate_within_a_window_keeps_the_texts_window(shipped_kb):
    """火情发现后1小时内扑灭率达到95%以上 is a row with its 1-hour window; 95 % is paired with no 24-hour window."""
    res = suggest_text(shipped_kb, FIRE, "2025年度森林防火专项经费", 268)
    assert ("火情发现后1小时内扑灭率", "≥", "95", "%") in _rows(res)
    offered = [a for alts in res.alternates.values() for a in alts]
    assert not any("24小时" in a.name and a.value == "95" for a in offered)
    assert not any(a.unit == "小时" and a.value == "1" for a in offered + res.default_table)   # the window is no count


def test_window_rates_reads_the_window():
    from kb.suggest.window_rates import window_rates

    assert [r[:3] for r in window_rates(FIRE)] == [("火情发现后1小时内扑灭率", "扑灭率", "95")]
    assert window_rates("故障修复率达到95%") == []


def _names(res):
    return [c.name for c in res.default_table]


def test_no_rows_of_another_programme(shipped_kb):
    """Struck rows of a programme the text does not run: wages in a social-insurance payment (E056), 脱贫户 in a
    普惠金融 fund (E030), 参观群众 for a gym and a library (the text's own groups are asked instead)."""
    e056 = _names(suggest_dev(shipped_kb, "E056"))
    assert not any("工资" in n for n in e056), e056
    assert "社会保险足额缴纳率" in e056
    assert not any("脱贫" in n or "致贫" in n for n in _names(suggest_dev(shipped_kb, "E030")))
    gym = _names(suggest_text(shipped_kb, GYM, "全民健身公共服务"))
    lib = _names(suggest_text(shipped_kb, LIB_BRACKET, "图书馆免费开放"))
    assert "参观群众满意度" not in gym + lib
    assert "健身群众满意度" in gym and "读者满意度" in lib


def test_no_vague_compliance_of_what_the_text_never_names(shipped_kb):
    """D048 (村组干部报酬): 补助资格合规性 定性 合规 — no 补助, no 资格 in the text."""
    assert "补助资格合规性" not in _names(suggest_dev(shipped_kb, "D048"))


def test_a_percentage_names_what_it_measures_and_one_coverage_is_one_row(shipped_kb):
    """E016: 基层医疗卫生机构实施基本药物制度补助 ≥95 % measures nothing; 基本药物制度补助覆盖率 beside 政府办基层医疗卫生
    机构实施国家基本药物制度覆盖率 is one coverage twice."""
    names = _names(suggest_dev(shipped_kb, "E016"))
    assert "基层医疗卫生机构实施基本药物制度补助" not in names
    assert "政府办基层医疗卫生机构实施国家基本药物制度覆盖率" in names
    assert "基本药物制度补助覆盖率" not in names


def test_the_texts_own_group_is_asked_not_a_hospitals_patients(shipped_kb):
    """D039 (残联): 为精神病患者提供服药补贴 — 精神病患者满意度, not 患者满意度."""
    names = _names(suggest_dev(shipped_kb, "D039"))
    assert "患者满意度" not in names
    assert "精神病患者满意度" in names


def test_no_blank_beneficiary_count_for_a_text_naming_no_one_served(shipped_kb):
    """E057 (科技发展资金): 受益群众人数 待填写 “描述中没有写明受益人数” struck as generic filler."""
    assert "受益群众人数" not in _names(suggest_dev(shipped_kb, "E057"))


def test_unfounded_readers():
    from kb.suggest.qualified_respondents import _qualified
    from kb.suggest.unfounded_rows import _MEASURE_END, _programme_absent

    assert _programme_absent("工资按时发放率", "及时、足额缴纳") == "工资"
    assert _programme_absent("工资按时发放率", "按时发放工资") is None
    assert not _MEASURE_END.search("基层医疗卫生机构实施基本药物制度补助")
    assert _MEASURE_END.search("资金到位率") and _MEASURE_END.search("群众满意度")
    assert _qualified("为精神病患者提供服药补贴", "患者") == "精神病患者"
    assert _qualified("为精神病患者提供服药补贴，患者满意", "患者") is None
    assert _qualified("为全县学生21300名发放午餐补贴", "学生") is None


MEAL_FULLWIDTH = "新建社区老年助餐点１２个，全年提供助餐服务２．４万人次，补贴标准每餐４元，预算８６．５万元，２０２５年９月３０日前完成建设。"
LONG = "计划修缮乡村道路12公里，惠及沿线村民3000人。" * 200


def test_garbled_names_of_trial16(shipped_kb):
    """全民健身公共服务服务达标率 (服务 twice), 社区老年助餐发放及时率 (a meal service pays nothing out), 文本完成时间 /
    文本成本 for a project named 长文本."""
    gym = _names(suggest_text(shipped_kb, GYM, "全民健身公共服务"))
    assert "全民健身公共服务达标率" in gym and not any("服务服务" in n for n in gym)
    meal = _names(suggest_text(shipped_kb, MEAL_FULLWIDTH, "社区老年助餐"))
    assert not any(n.endswith("发放及时率") for n in meal), meal
    assert "社区老年助餐完成时间" in meal
    res = suggest_text(shipped_kb, LONG, "长文本")
    shown = [c.name for c in res.default_table] + [a.name for v in res.alternates.values() for a in v]
    assert not any(n.startswith("文本") for n in shown), shown
    assert "项目完成时间" in _names(res)


def test_write_once():
    from kb.suggest.garbled_names import write_once

    assert write_once("全民健身公共服务服务达标率") == "全民健身公共服务达标率"
    assert write_once("社区服务达标率") == "社区服务达标率"


def test_the_readmes_grant_gets_its_standard_per_person(shipped_kb):
    """高中国家助学金, 资助家庭经济困难学生300人, budget 45 万元: 45万 ÷ 300人 = 1500 元/人 (it was blank); the project's
    own cost row keeps its name (a name the text does not repeat is still a programme the library knows)."""
    rows = _rows(suggest_text(shipped_kb, "资助家庭经济困难学生300人", "高中国家助学金", 45))
    assert ("资助项目人均资助标准", "=", "1500", "元/人") in rows, rows
    assert ("高中国家助学金成本", "≤", "45", "万元") in rows


def test_no_standard_when_the_money_is_not_all_paid_to_the_group(shipped_kb):
    """A second amount of money (other uses) or an uneven share leaves the standard blank."""
    from kb.suggest.grant_standard import paid_group
    from kb.suggest.context import read_project

    tok = shipped_kb.index.tokenizer
    assert paid_group(read_project(tok, "资助家庭经济困难学生300人", project_name="高中国家助学金", budget_wan=45))
    assert paid_group(read_project(tok, "资助家庭经济困难学生300人，其中培训经费5万元", project_name="高中国家助学金",
                                   budget_wan=45)) is None
    assert paid_group(read_project(tok, "培训家庭经济困难学生300人", project_name="培训", budget_wan=45)) is None


def test_an_amount_with_no_budget_word_is_said_not_dropped(shipped_kb):
    """“120公里 300人 50万元”: the 50万元 is not read as the budget (no budget word) — and the result says so."""
    res = shipped_kb.suggest("120公里 300人 50万元", mode="lexical", with_opinions=False)
    assert "50万元" in res.message and "未作为预算" in res.message


def test_a_start_date_is_no_event_period():
    """于3月1日开展… says when work starts, not when it ends: no deadline from it."""
    from kb.suggest.stated_terms import event_end

    assert event_end("项目于3月1日开展入户走访，持续全年") is None
    assert event_end("于5月18日举行开幕式")[:3] == (None, 5, 18)
