"""Recall round 2 (issue 10's headline figure): rows real tables write that suggest did not form.

1. A list of the year's money by its uses (安排：健身步道10万元、快乐健身点位器材维护12万元…) is how real 成本指标 rows
   are written (E051's 健身步道建设资金 = 10 万元, 快乐健身点位器材维护资金 = 12 万元): each part is its use's cost row,
   one of them in the table beside the whole project's cost; a part never stands for the whole project's cost.
2. Whom the satisfaction row asks when the text names nobody it serves: the implementing unit's own people when the
   unit is a school, a court or a hospital (黄石市第三中学's 校园维修改造: its real table asks 教师 and 学生; a court's
   审判楼 repair asks 干警), never 使用人员 / 社会 in general.
3. A count of the calendar's periods (4个季度) is when the work happens, no target: it bound 享受贴息小微企业数量 ≥ 4 个.
4. An income or output the text says the project reaches or adds is its 经济效益 row in the text's words (实现会展业综合收入
   280亿元 → 会展业综合收入; 增加特色产业产值80万元 → 新增特色产业产值): only a library row of that project had held them.
5. 组 counts sets of things (书架120组, 健身器材60组) like 套: the number binds its row.
6. 兑付 / 支付 / 兑现及时率 are on-time payments like 发放及时率: one per table (E031 held 贴息资金兑付及时率 beside
   小额贷款贴息发放及时率).
"""
from __future__ import annotations

from kb.suggest.context import read_project
from kb.suggest.naming import budget_parts, part_cost_name
from tests.kbfactory import dev_record


def _rows(res):
    return [(c.level2_label, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def _suggest(kb, text, name, budget_wan=None):
    return kb.suggest(text, project_name=name, budget_wan=budget_wan, mode="lexical", with_opinions=False)


def _parts(kb, text, name=None):
    ctx = read_project(kb.index.tokenizer, text, project_name=name)
    return sorted(budget_parts(ctx.text, ctx.mentions, ctx.budget_wan).values())


# ------------------------------------------------------------------ 1. the parts of the year's money

GARBAGE = ("2024年农村生活垃圾治理项目，年度预算资金120万元，其中：村庄保洁服务80万元、垃圾转运车辆购置30万元、"
           "宣传培训10万元。全年清运生活垃圾5000吨，覆盖全镇18个行政村。")


def test_a_listed_part_of_the_money_is_its_uses_cost_beside_the_whole(shipped_kb):
    """Three uses of 120 万元 listed after 其中: the table holds the project's cost at the budget and the part whose
    use is the project's own (垃圾转运车辆购置, 垃圾 of 农村生活垃圾治理) at its amount; the other parts are offered."""
    res = _suggest(shipped_kb, GARBAGE, "农村生活垃圾治理")
    cost = [r[1:] for r in _rows(res) if r[0] == "经济成本指标"]
    assert sorted(cost) == [("农村生活垃圾治理成本", "≤", "120", "万元"), ("垃圾转运车辆购置成本", "≤", "30", "万元")], cost
    offered = [c.name for c in res.suggestions[len(res.default_table):]]
    assert {"村庄保洁服务成本", "宣传培训成本"} <= set(offered), offered


def test_a_part_never_binds_the_whole_projects_cost_row(shipped_kb):
    """E051 (real): 省下达专项资金63.2万元, then nine uses. The project's cost row had taken the last part's 12 万元
    (快乐健身成本 ≤ 12, its words being in 快乐健身点位器材维护); it holds the 63.2 万元, and the part its own row —
    the real table's 快乐健身点位器材维护资金 = 12 万元."""
    rec = dev_record("E051")
    res = _suggest(shipped_kb, rec["description"], rec["project"])
    cost = [r[1:] for r in _rows(res) if r[0] == "经济成本指标"]
    assert ("快乐健身成本", "≤", "63.2", "万元") in cost, cost
    assert ("快乐健身点位器材维护成本", "≤", "12", "万元") in cost, cost
    assert len(cost) == 2, cost


def test_with_no_part_sharing_the_projects_words_the_largest_part_is_shown(shipped_kb):
    """送戏下乡 30 万元, 图书采购 15 万元, 宣传 5 万元 of a 乡村文化活动's 50 万元: none shares its words, the largest is shown."""
    res = _suggest(shipped_kb, "2024年乡村文化活动项目，年度预算资金50万元，其中：送戏下乡30万元、图书采购15万元、宣传5万元。"
                               "全年送戏下乡60场。", "乡村文化活动")
    cost = [r[1:] for r in _rows(res) if r[0] == "经济成本指标"]
    assert sorted(cost) == [("乡村文化活动成本", "≤", "50", "万元"), ("送戏下乡成本", "≤", "30", "万元")], cost


def test_what_is_no_split_of_the_money_by_use_makes_no_part(shipped_kb):
    """Classes of the budget (基本支出、项目支出), gains (产值、收入), amounts above the budget together, a standard per
    head and a lone amount are no parts; a bracketed split after the total is (D006: 高标准农田建设400万元,示范建设295万元,
    畅通工程159万元 of 854 万元)."""
    assert _parts(shipped_kb, "2023年部门整体支出，预算资金171万元，其中基本支出120万元、项目支出51万元。") == []
    assert _parts(shipped_kb, "项目资金50万元。增加特色产业产值80万元、农户收入30万元。") == []
    assert _parts(shipped_kb, "年度预算资金50万元，其中：道路硬化40万元、路灯安装30万元。") == []
    assert _parts(shipped_kb, "年度预算资金50万元，每人每年补助1000元、每户每年补助2000元。") == []
    assert _parts(shipped_kb, "年度预算资金50万元，其中道路硬化40万元。") == []
    rec = dev_record("D006")
    assert _parts(shipped_kb, rec["description"], rec["project"]) == ["畅通工程", "示范建设", "高标准农田建设"]


def test_where_the_money_comes_from_is_no_use_and_a_use_may_open_on_people(shipped_kb):
    """中央补助100万元、县级配套50万元 says where the money comes from, no use of it (no 中央补助成本); 人员培训 is a use
    like 设备购置 (the name reader's 人 is a unit, not here), in a list after 主要用于 or in brackets."""
    assert _parts(shipped_kb, "项目总投资150万元，其中中央补助100万元、县级配套50万元。") == []
    assert _parts(shipped_kb, "年度预算80万元，主要用于设备购置50万元、人员培训20万元、宣传10万元。") == ["人员培训", "宣传", "设备购置"]
    assert _parts(shipped_kb, "预算资金80万元（设备购置50万元，人员培训20万元，宣传10万元）") == ["人员培训", "宣传", "设备购置"]


def test_a_part_written_as_a_fee_keeps_its_name():
    """办公费, 培训经费 are cost names as written; a use of work takes 成本."""
    assert part_cost_name("办公费") == "办公费"
    assert part_cost_name("培训经费") == "培训经费"
    assert part_cost_name("健身步道") == "健身步道成本"


# ------------------------------------------------------------------ 2. the implementing unit's own people

ROOF = "2024年教学楼屋面防水维修项目，预算资金36万元，对教学楼屋面进行防水维修，维修面积2400平方米，暑假期间完工。"


def _asked(res):
    return [c.name for c in res.default_table if c.level2_label == "服务对象满意度指标"]


def test_a_schools_own_repair_asks_its_teachers_and_pupils(shipped_kb):
    """A school's roof repair whose text names nobody it serves asked 使用人员; the school (the department, before
    its 主管) serves 师生: the row asks them. A bureau (县教育局) or no department keeps 使用人员."""
    school = shipped_kb.suggest(ROOF, project_name="教学楼屋面防水维修", department="城关第二小学(主管:县教育局)",
                                mode="lexical", with_opinions=False)
    asked = _asked(school)
    assert len(asked) == 1 and asked[0] in ("教师满意度", "学生满意度", "师生满意度"), asked
    for dep in ("县教育局", None):
        res = shipped_kb.suggest(ROOF, project_name="教学楼屋面防水维修", department=dep, mode="lexical",
                                 with_opinions=False)
        assert _asked(res) == ["使用人员满意度"], (dep, _asked(res))


def test_a_courts_own_project_asks_its_officers(shipped_kb):
    """D037 (real): 天津市河北区人民法院 repairs its 审判楼 glass curtain wall; the text names nobody it serves. The row
    asks 干警 (the real table's 干警满意度), not 使用人员."""
    rec = dev_record("D037")
    res = shipped_kb.suggest(rec["description"], project_name=rec["project"], department=rec["department"],
                             mode="lexical", with_opinions=False)
    assert _asked(res) == ["干警满意度"], _asked(res)


def test_a_group_the_text_names_or_a_township_clinic_keeps_its_respondents(shipped_kb):
    """The unit's people stand in only for a text naming nobody: a school text naming 学生 asks them, and a 卫生院's
    基本公共卫生服务 (E052, real: the text names nobody) is no hospital — its residents are asked, not 患者."""
    text = "为全校1200名学生更换课桌椅，预算资金30万元，更换课桌椅600套。"
    res = shipped_kb.suggest(text, project_name="课桌椅更新", department="城关第二小学", mode="lexical",
                             with_opinions=False)
    assert any("学生" in a for a in _asked(res)), _asked(res)
    rec = dev_record("E052")
    res = shipped_kb.suggest(rec["description"], project_name=rec["project"], department=rec["department"],
                             mode="lexical", with_opinions=False)
    assert _asked(res) and not any("患者" in a for a in _asked(res)), _asked(res)


def test_unit_people_reads_the_unit_before_its_supervisor():
    """The unit's name before a bracketed 主管 decides (永德县明朗中学(主管:永德县教育体育局) is a school)."""
    from kb.suggest.words import unit_people

    assert unit_people("永德县明朗中学(主管:永德县教育体育局)") == "师生"
    assert unit_people("廊坊市食品工程学校(主管:廊坊市发改委)") == "师生"
    assert unit_people("天津市河北区人民法院") == "干警"
    assert unit_people("海南省平山医院") == "患者"
    assert unit_people("稷山县翟店镇卫生院(主管:稷山县卫生健康和体育局)") == ""
    assert unit_people("武汉市青山区教育局") == ""
    assert unit_people("中共黄石市委党校") == "学员"          # a party school trains, its people are 学员, not 师生
    assert unit_people("城关镇中心幼儿园") == "幼儿家长"
    assert unit_people("县图书馆") == "读者"
    assert unit_people("东莞展览馆") == "观众"
    assert unit_people("县社会福利院") == "入住老人"
    assert unit_people(None) == ""


# ------------------------------------------------------------------ 3. the calendar's periods

def test_quarters_of_the_year_are_no_count_of_the_work(shipped_kb):
    """分4个季度为脱贫户贷款贴息: the 4 is the year's quarters; no row holds it (E031's table had 享受贴息小微企业数量 ≥ 4 个
    from 2022年4个季度共贴息74户次), while the 300 户次 the text states stays."""
    res = _suggest(shipped_kb, "2024年脱贫人口小额信贷贴息项目，预算资金30万元，分4个季度为脱贫户贷款贴息，全年贴息不少于300户次。",
                   "脱贫人口小额信贷贴息")
    rows = _rows(res)
    assert not [r for r in rows if r[3] == "4"], rows
    assert ("数量指标", "贴息户次", "≥", "300", "户次") in rows, rows
    ctx = read_project(shipped_kb.index.tokenizer, dev_record("E031")["description"])
    assert [m.value for m in ctx.mentions if m.obj == "季度"] == []


def test_a_librarys_own_project_asks_its_readers(shipped_kb):
    """A county library's shelving renewal names nobody it serves: the row asks 读者, the library's own people."""
    text = "2024年县图书馆阅览室书架更新项目，预算资金20万元，采购更新书架120组、阅览桌椅40套。"
    res = shipped_kb.suggest(text, project_name="阅览室书架更新", department="县图书馆", mode="lexical",
                             with_opinions=False)
    assert _asked(res) == ["读者满意度"], _asked(res)
    res = shipped_kb.suggest(text, project_name="阅览室书架更新", mode="lexical", with_opinions=False)
    assert _asked(res) == ["使用人员满意度"], _asked(res)


# ------------------------------------------------------------------ 4. a stated income or output

def test_a_stated_output_value_and_income_gain_are_economic_rows(shipped_kb):
    """增加蔬菜产值120万元 and 增加脱贫户收入30万元: the text's own economic targets, named as it says them."""
    res = _suggest(shipped_kb, "2024年蔬菜大棚建设项目，预算资金80万元，新建蔬菜大棚20栋，增加蔬菜产值120万元，增加脱贫户收入30万元。",
                   "蔬菜大棚建设")
    econ = sorted(r[1:] for r in _rows(res) if r[0] == "经济效益指标")
    assert econ == [("新增蔬菜产值", "≥", "120", "万元"), ("脱贫户增收", "≥", "30", "万元")], econ


def test_an_income_reached_is_named_by_its_object_never_another_sectors(shipped_kb):
    """D063 (real): 全年实现会展业综合收入不低于280亿元 was bound to the library's 旅游综合收入 once D063's own row was left
    out (cross-validation); the row names what the text says (会展业综合收入 ≥ 280 亿元)."""
    rec = dev_record("D063")
    res = shipped_kb.suggest(rec["description"], project_name=rec["project"], mode="lexical", with_opinions=False,
                             exclude_origin="dev:D063")
    rows = _rows(res)
    assert ("经济效益指标", "会展业综合收入", "≥", "280", "亿元") in rows, rows
    assert not [r for r in rows if r[1] == "旅游综合收入"], rows


def test_a_gain_of_no_named_earner_forms_nothing():
    """增加收入80万元 names no earner (whose income?) and 村集体收入达6万元 no verb of reaching before its object: neither
    forms a row (the library's rows may still take the amount)."""
    from kb.suggest.naming import benefit_amount_name
    from kb.suggest.objects import Mention

    assert benefit_amount_name(Mention("80", "万元", "", "增加收入", 0, 4, context="监测户增加收入")) is None
    assert benefit_amount_name(Mention("6", "万元", "", "村集体收入", 0, 4, context="村集体收入")) is None
    assert benefit_amount_name(Mention("3000", "万元", "", "旅游综合收入", 0, 4, context="实现旅游综合收入")) == "旅游综合收入"


# ------------------------------------------------------------------ 5. 组

def test_sets_counted_in_zu_bind_their_row(shipped_kb):
    """采购更新书架120组 bound nothing (组 was no unit); it is the count of shelves renewed, like 阅览桌椅40套."""
    res = shipped_kb.suggest("2024年县图书馆阅览室书架更新项目，预算资金20万元，采购更新书架120组、阅览桌椅40套。",
                             project_name="阅览室书架更新", mode="lexical", with_opinions=False)
    rows = _rows(res)
    assert [r[1:] for r in rows if r[3] == "120"] == [("采购更新书架数量", "≥", "120", "组")], rows


# ------------------------------------------------------------------ 6. one on-time payment

def test_a_redemption_on_time_is_the_same_measure_as_a_payout_on_time():
    """贴息资金兑付及时率 and 小额贷款贴息发放及时率 ask one thing: one measure class, one row in the table."""
    from kb.suggest.draft import Draft
    from kb.suggest.table import same_measure

    a = Draft(name="贴息资金兑付及时率", level2="timeliness", source="type", unit="%")
    b = Draft(name="小额贷款贴息发放及时率", level2="timeliness", source="formed", unit="%")
    assert same_measure(a, b)
    c = Draft(name="租金支付及时率", level2="timeliness", source="type", unit="%")
    assert same_measure(c, b)
