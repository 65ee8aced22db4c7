"""Rows an eighteenth fresh reviewer (a county 财政局 reviewer, README only) struck in `jixiao suggest` default tables:
setting counts as outputs, two rows of one measure, rows of another programme. The reviewer's own texts
(/tmp/trial18/inputs.md) are copied here verbatim; the real projects are dev.jsonl's."""
from __future__ import annotations

from tests.kbfactory import suggest_dev, suggest_text

DOCTORS = ("为做实做细家庭医生签约服务，县卫健局组织全县18个乡镇卫生院和212个村卫生室组建家庭医生团队96个。2025年为65岁以上"
           "老年人、高血压和糖尿病患者、孕产妇、残疾人等重点人群提供签约服务不少于6.2万人，重点人群签约服务覆盖率达到75%以上。"
           "每个签约对象每年至少随访4次，年内完成全年签约任务。资金主要用于：签约服务费补助310万元、团队绩效考核奖励60万元、"
           "信息化平台运维30万元。项目预算合计400万元。")
TOILETS = ("2025年农村户厕改造项目总预算680万元，其中省级补助400万元、县级财政配套280万元。计划在青石镇、柳河乡等6个乡镇改造"
           "农村卫生户厕1700户，每户补助标准4000元，统一采用三格式化粪池模式。改造完成后全县农村卫生厕所普及率由78%提高到85%。"
           "项目于2025年10月底前完成施工并通过县级验收，受益农户1700户、农村人口约5100人。")
FARMTEST = ("县农产品质量安全检验检测站2025年农产品质量安全检测项目，预算85万元。全年计划开展蔬菜、水果、畜禽产品农药兽药残留"
            "定量检测1200批次，快速检测12000批次，抽检合格率稳定在98%以上。检测结果于抽样后5个工作日内出具报告并向社会公开，"
            "发现的不合格产品100%依法处置。资金用于检测试剂耗材32万元、仪器维护检定18万元、抽样及委托检测35万元，保障全县居民"
            "“菜篮子”安全。")
FISH = ("为养护水生生物资源、改善水域生态环境，县农业农村局计划于2025年6月30日前在清江干流及龙潭水库开展渔业增殖放流活动，"
        "放流鲢、鳙、草鱼等经济鱼类苗种300万尾，其中规格4厘米以上苗种不少于200万尾，放流苗种检验检疫合格率100%。项目预算45万元，"
        "苗种采购单价约0.15元/尾。通过放流，带动沿江渔民增收，预计受益渔民200户，群众满意度90%以上。")
SECURITY = ("为落实校园安全“护学岗”要求，2025年为全县42所中小学及幼儿园聘请专职保安126名，按每校不少于3名配备；同时为学校配备"
            "一键式报警装置42套、防刺背心和钢叉等防护器材500件，更新视频监控摄像头260个。保安聘用费按每人每年3.6万元计453.6万元，"
            "设备购置66.4万元，合计520万元。设备于2025年3月底前安装到位，全年校园重大安全责任事故发生0起，受益师生约3.8万人。")


def _rows(res):
    return [(c.name, c.operator, c.value, c.unit) for c in res.default_table]


def _names(res):
    return [c.name for c in res.default_table]


def test_the_units_a_project_mobilises_are_its_setting():
    """组织全县18个乡镇卫生院和212个村卫生室组建家庭医生团队96个: the 18 and 212 stand already and form the teams; the 96
    teams are what the project forms (the domain's one setting reader)."""
    from kb.domain.setting import setting_figure
    from kb.domain.text import normalize

    t = normalize(DOCTORS)

    def fig(s):
        return type("F", (), {"start": t.index(s), "end": t.index(s) + len(s), "unit": "个"})()

    assert setting_figure(fig("18个"), t) and setting_figure(fig("212个"), t)
    assert not setting_figure(fig("96个"), t)


def test_family_doctors_table_holds_no_setting_count_nor_the_countys_health_literacy(shipped_kb):
    """The reviewer struck 村卫生室数量 ≥ 212 个, 乡镇卫生院数量 ≥ 18 个 (what exists is no output) and 居民健康素养水平
    ≥ 25 % (a county-wide 基本公卫 figure no signing contract can be held to); the 96 teams and 6.2 万人 stay."""
    res = suggest_text(shipped_kb, DOCTORS, "家庭医生签约服务项目", budget=400)
    rows = _rows(res)
    assert not any(v in ("18", "212") for _, _, v, _ in rows), rows
    assert "居民健康素养水平" not in _names(res), rows
    assert ("家庭医生团队数量", "≥", "96", "个") in rows, rows
    assert any(v == "6.2" and u == "万人" for _, _, v, u in rows), rows


def test_basic_public_health_keeps_its_health_literacy(shipped_kb):
    """D005, the 基本公共卫生服务 programme itself: the county's 居民健康素养水平 is its own (the reviewer kept it)."""
    assert "居民健康素养水平" in _names(suggest_dev(shipped_kb, "D005"))


def test_a_generic_payment_rate_beside_the_funds_own_is_one_measure(shipped_kb):
    """E031: 补助资金发放率 ≥ 98 % beside 贴息资金足额拨付率 = 100 % — one payment, two values (the reviewer struck
    it). The reading is the checker's STR-12 vocabulary (`kb.domain.rate_names`)."""
    from kb.domain.rate_names import normal_rate_name as n
    from kb.domain.rate_names import one_rate_measure

    assert one_rate_measure(n("补助资金发放率"), n("贴息资金足额拨付率"))
    assert not one_rate_measure(n("生活补贴发放率"), n("护理补贴发放率"))   # two funds of their own
    assert not one_rate_measure(n("补助资金发放率"), n("补助资金发放及时率"))   # paid out vs paid on time
    names = _names(suggest_dev(shipped_kb, "E031"))
    assert "贴息资金足额拨付率" in names and "补助资金发放率" not in names, names


def test_a_benefit_count_restating_the_output_count_is_set_aside(shipped_kb):
    """改造农村卫生户厕1700户 … 受益农户1700户: 受益农户户数 ≥ 1700 户 under 效益 counts the renovated households again
    (struck); 受益人口数量 ≥ 5100 人 carries the benefit."""
    rows = _rows(suggest_text(shipped_kb, TOILETS, "2025年农村户厕改造项目"))
    assert ("农村卫生户厕改造户数", "≥", "1700", "户") in rows, rows
    assert sum(1 for _, _, v, u in rows if (v, u) == ("1700", "户")) == 1, rows
    assert any(v == "5100" and u == "人" for _, _, v, u in rows), rows


def test_bought_goods_quality_rate_is_the_fry_inspection_rate(shipped_kb):
    """Fish: 采购物资合格率 ≥ 98 % beside 苗种检验检疫合格率 = 100 % — the fry are the goods bought (苗种采购单价), one
    measure, the text's 100 % kept; 生态环境宣传活动次数 (no publicity in the text) is set aside."""
    from kb.domain.rate_names import bought_goods_rate

    assert bought_goods_rate("采购物资合格率", "苗种检验检疫合格率", FISH)
    assert not bought_goods_rate("采购物资合格率", "工程验收合格率", FISH)
    rows = _rows(suggest_text(shipped_kb, FISH, "2025年渔业增殖放流项目"))
    names = [n for n, *_ in rows]
    assert ("苗种检验检疫合格率", "=", "100", "%") in rows, rows
    assert "采购物资合格率" not in names and "生态环境宣传活动次数" not in names, rows


def test_farm_produce_testing_gets_no_drug_test_kits(shipped_kb):
    """毛发检测试剂数量 (its 指标解释: 吸毒检测) came in on 检测试剂 alone; the text tests vegetables, not people."""
    names = _names(suggest_text(shipped_kb, FARMTEST, "农产品质量安全检测项目"))
    assert not any("毛发" in n for n in names), names


def test_school_security_asks_teachers_and_students_not_kindergarten_parents(shipped_kb):
    """42所中小学及幼儿园, 受益师生约3.8万人: 幼儿家长满意度 asks one part of those served (struck); 师生满意度 asks all."""
    res = suggest_text(shipped_kb, SECURITY, "中小学校园安保项目", budget=520)
    names = _names(res)
    assert "幼儿家长满意度" not in names and "师生满意度" in names, names

HOTLINE = ("2025年12345政务服务便民热线运行经费210万元，由县政务服务中心组织实施。热线实行7×24小时人工服务，配备话务坐席30个，"
           "预计全年受理群众来电及网络诉求18万件。工单按时办结率达到95%以上，群众满意率由去年的91%提高到94%，电话接通率不低于"
           "90%。经费主要用于话务外包服务费150万元、系统运维及线路租赁40万元、知识库建设及人员培训20万元。")


def test_the_schools_a_project_staffs_are_named_by_the_staffing(shipped_kb):
    """为全县42所中小学及幼儿园聘请专职保安126名: 中小学数量 ≥ 42 所 describes the county's schools (struck); the
    project answers for the schools it gives a guard, kindergartens included."""
    rows = _rows(suggest_text(shipped_kb, SECURITY, "中小学校园安保项目", budget=520))
    assert ("配备专职保安学校数量", "≥", "42", "所") in rows, rows
    assert "中小学数量" not in [n for n, *_ in rows], rows


def test_a_hotlines_seats_and_calls_are_not_named_as_system_upkeep(shipped_kb):
    """The hotline read as 信息系统运维 named 30 话务坐席 运维系统数量 and 18 万件 calls 运维工单处理数量 (struck): the
    figures are named by their own words; 设备巡检次数 (待填写) inspects equipment the text never names."""
    rows = _rows(suggest_text(shipped_kb, HOTLINE, "12345政务服务便民热线运行经费", budget=210))
    names = [n for n, *_ in rows]
    assert ("配备话务坐席数量", "≥", "30", "个") in rows, rows
    assert ("受理群众来电及网络诉求数量", "≥", "18", "万件") in rows, rows
    assert "运维系统数量" not in names and "运维工单处理数量" not in names, rows
    assert "设备巡检次数" not in names, rows   # the text inspects no equipment


def test_a_school_grant_under_an_investment_contract_buys_no_services(shipped_kb):
    """D058 (百色天立学校办学补贴, a contract with an education company) read as 政府购买服务: 承接主体资质合规率 and
    节约行政成本 are rows of a purchase of services the text does not make (struck)."""
    names = _names(suggest_dev(shipped_kb, "D058"))
    assert "承接主体资质合规率" not in names and "节约行政成本" not in names, names
