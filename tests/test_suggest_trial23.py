"""What a twenty-third fresh reviewer (a county 财政局 reviewer, README only) struck in `jixiao suggest`. The
reviewer's own texts (/tmp/trial23/inputs.md) are copied here verbatim."""
from __future__ import annotations

from tests.kbfactory import suggest_text

VETERANS = "为落实退役军人优待抚恤政策，县退役军人事务局2025年安排资金186万元。其中：重点优抚对象春节、八一走访慰问经费42万元，按每人每次500元标准慰问840人次；义务兵家庭优待金120万元，按每户每年1.2万元标准发放100户；优抚对象短期疗养经费24万元，组织60名优抚对象分两批赴市疗养院疗养。慰问金须在春节前和8月1日前发放到位，优待金于2025年9月30日前发放完毕。通过项目实施，优抚对象对服务保障工作的满意度由上年的92%提高到95%以上。"
VETERANS_NAME = "2025年重点优抚对象走访慰问及义务兵家庭优待金"
VETERANS_BUDGET = 186
SOIL = "本项目位于石门河流域的高桥、长岭两个乡镇，涉及8个行政村。项目计划综合治理水土流失面积12.5平方公里，其中营造水土保持林1800亩、经果林600亩、封禁治理16350亩，修建谷坊15座、拦沙坝3座，新修生产道路6.2公里。工程于2025年11月底前完工并通过县水利局验收，工程质量合格率100%。项目区林草覆盖率由41%提高到48%，年减少土壤侵蚀量3.2万吨，直接受益群众4600人。项目总投资850万元，其中中央水利发展资金600万元、县级配套250万元。"
SOIL_NAME = "2025年石门河小流域水土保持综合治理工程"
SOIL_BUDGET = 850
HERITAGE = "2025年非物质文化遗产保护传承项目资金65万元，由县文化馆（县非遗保护中心）实施。主要内容：对全县12名省级、市级代表性传承人每人发放传习补助3000元；开展花鼓戏、竹编技艺等非遗进校园、进社区活动40场次，受众不少于8000人次；举办非遗传承人研修培训班2期，培训学员120人；完成3个县级非遗项目的数字化记录，形成影像资料不少于30小时。6月“文化和自然遗产日”期间集中举办展演展示活动，全部工作于2025年12月15日前完成。"
HERITAGE_NAME = "2025年非物质文化遗产保护传承"
HERITAGE_BUDGET = 65
TOILETS = "为保障公厕干净整洁、正常开放，县城管局对城区86座公厕实行市场化保洁管护，每座配备保洁员1名，每天开放时间不少于16小时，实行“一厕一档”巡查，每月检查不少于4次。年内对其中15座老旧公厕进行设施维修更换。公厕保洁考核合格率不低于95%，群众投诉办结率100%。全年需保洁管护经费217.5万元（含保洁员工资172万元、维修改造费30万元、耗材及水电费15.5万元）。"
TOILETS_NAME = "2025年城区公共厕所保洁管护"
TOILETS_BUDGET = 217.5
VAGRANT = "县救助管理站2025年申请流浪乞讨人员救助经费45万元。2024年全站共救助流浪乞讨人员312人次。全县现有街面巡查重点区域18处。2025年计划救助流浪乞讨人员不少于350人次，在寒冬、酷暑等极端天气期间开展专项救助行动不少于4次，街面巡查每周不少于2次；受助人员甄别寻亲成功率达到90%以上，护送返乡及时率100%，对长期滞留人员全部落实安置，救助对象满意度达到90%。资金主要用于受助人员生活救助、医疗救治和返乡交通费等。"
VAGRANT_NAME = "2025年流浪乞讨人员救助"
VAGRANT_BUDGET = 45
SEWAGE = "县城污水处理厂设计规模3万吨/日，由县水务公司特许经营。2025年县住建局申请运营补贴资金960万元，用于：1.污水处理服务费补贴，按0.95元/吨、预计处理量900万吨计，855万元；2.污泥无害化处置费，预计4200吨、每吨250元，105万元。要求全年污水处理量不低于900万吨，出水水质稳定达到一级A标准，出水达标率100%，城区污水集中收集率由上年的85%提高到88%，污泥无害化处置率100%。补贴按月考核、按季度拨付，全年运行天数不少于365天。"
SEWAGE_NAME = "县城污水处理厂2025年运营补贴"
SEWAGE_BUDGET = 960


def _table(res):
    return [(c.level1, c.level2, c.name, c.operator, c.value, c.unit) for c in res.default_table]


# ---------------------------------------------------------------- 2. soil and water

def test_stated_reduction_of_a_harm_is_an_ecological_benefit(shipped_kb):
    """年减少土壤侵蚀量3.2万吨 is 减少土壤侵蚀量 ≥ 3.2 万吨 under 生态效益, never 土壤侵蚀量 ≥ 3.2 under 数量."""
    rows = _table(suggest_text(shipped_kb, SOIL, SOIL_NAME, SOIL_BUDGET))
    assert not any(r[2] == "土壤侵蚀量" for r in rows), rows
    assert ("benefit", "ecological_benefit", "减少土壤侵蚀量", "≥", "3.2", "万吨") in rows, rows


def test_forest_and_grass_cover_is_an_ecological_benefit(shipped_kb):
    """林草覆盖率由41%提高到48% is 生态效益 (the checker's ecological words), not 社会效益."""
    rows = _table(suggest_text(shipped_kb, SOIL, SOIL_NAME, SOIL_BUDGET))
    assert any(r[1] == "ecological_benefit" and r[2] == "林草覆盖率" and r[4] == "48" for r in rows), rows


# ---------------------------------------------------------------- 4. toilets

def test_per_unit_staffing_is_no_benefit_count(shipped_kb):
    """每座配备保洁员1名 is each toilet's staffing standard: no 受益配备保洁员人数 ≥ 1 人 under 社会效益."""
    rows = _table(suggest_text(shipped_kb, TOILETS, TOILETS_NAME, TOILETS_BUDGET))
    assert not any("保洁员人数" in r[2] and r[4] == "1" for r in rows), rows


# ---------------------------------------------------------------- 5. vagrants

def test_year_total_of_a_weekly_count_drops_the_week(shipped_kb):
    """街面巡查每周不少于2次 → 104 次 for the year, named 街面巡查次数: never 街面巡查每周次数 ≥ 104."""
    rows = _table(suggest_text(shipped_kb, VAGRANT, VAGRANT_NAME, VAGRANT_BUDGET))
    assert not any("每周" in r[2] and r[4] == "104" for r in rows), rows
    assert any(r[2] == "街面巡查次数" and r[4] == "104" for r in rows), rows


def test_figure_of_the_present_state_is_no_target(shipped_kb):
    """全县现有街面巡查重点区域18处 is the setting: no 巡查重点区域数量 ≥ 18 处."""
    rows = _table(suggest_text(shipped_kb, VAGRANT, VAGRANT_NAME, VAGRANT_BUDGET))
    assert not any(r[4] == "18" for r in rows), rows


def test_no_payment_row_for_money_never_paid(shipped_kb):
    """Help in kind (生活救助、医疗救治和返乡交通费): no 救助金发放时间达标率 — the text pays no 救助金."""
    rows = _table(suggest_text(shipped_kb, VAGRANT, VAGRANT_NAME, VAGRANT_BUDGET))
    assert not any("救助金" in r[2] for r in rows), rows


# ---------------------------------------------------------------- 6. sewage plant

def test_running_plants_design_scale_is_no_target(shipped_kb):
    """设计规模3万吨/日 of a plant the subsidy runs is its setting: no 设计规模 ≥ 3 万吨 row."""
    rows = _table(suggest_text(shipped_kb, SEWAGE, SEWAGE_NAME, SEWAGE_BUDGET))
    assert not any("设计规模" in r[2] for r in rows), rows


def test_operating_subsidy_builds_nothing(shipped_kb):
    """An operating subsidy builds nothing: no blank 污水管网建设长度."""
    rows = _table(suggest_text(shipped_kb, SEWAGE, SEWAGE_NAME, SEWAGE_BUDGET))
    assert not any("建设" in r[2] and not r[4] for r in rows), rows


# ---------------------------------------------------------------- 1 and 3. a deadline binds to the clause of its work

def test_payment_deadline_is_the_one_of_its_money(shipped_kb):
    """优待金于2025年9月30日前发放完毕: the 优待金 row's deadline, never the 慰问金's 8月1日."""
    rows = _table(suggest_text(shipped_kb, VETERANS, VETERANS_NAME, VETERANS_BUDGET))
    dated = [r for r in rows if "优待金" in r[2] and r[1] == "timeliness"]
    assert dated and all(r[4] == "2025年9月30日前" for r in dated), rows


def test_whole_work_deadline_beats_one_events_month(shipped_kb):
    """全部工作于2025年12月15日前完成: the project's 完成时间, not June's 遗产日 show."""
    rows = _table(suggest_text(shipped_kb, HERITAGE, HERITAGE_NAME, HERITAGE_BUDGET))
    dated = [r for r in rows if r[2].endswith("完成时间")]
    assert dated and all(r[4] == "2025年12月15日前" for r in dated), rows


# ---------------------------------------------------------------- 3. heritage: the row's unit picks its figure

def test_count_of_activities_takes_the_figure_in_its_unit(shipped_kb):
    """活动40场次 is 非遗传承活动场次's figure; 研修培训班2期 counts courses, never the activities."""
    rows = _table(suggest_text(shipped_kb, HERITAGE, HERITAGE_NAME, HERITAGE_BUDGET))
    assert not any(r[2] == "非遗传承活动场次" and r[4] == "2" for r in rows), rows
    assert any("活动场次" in r[2] and r[4] == "40" for r in rows), rows


# ---------------------------------------------------------------- 1. veterans: a count named by its own clause

def test_count_sent_to_rest_is_named_by_the_rest(shipped_kb):
    """组织60名优抚对象分两批赴市疗养院疗养: 60 is 疗养优抚对象人数, never 优抚对象人数 (they are visited 840 人次)."""
    rows = _table(suggest_text(shipped_kb, VETERANS, VETERANS_NAME, VETERANS_BUDGET))
    assert not any(r[2] == "优抚对象人数" and r[4] == "60" for r in rows), rows
    assert any(r[2] == "疗养优抚对象人数" and r[4] == "60" for r in rows), rows


def test_households_paid_are_named_by_their_money(shipped_kb):
    """义务兵家庭优待金…按每户每年1.2万元标准发放100户: 义务兵家庭优待金发放户数, not the garbled 标准发放户数."""
    rows = _table(suggest_text(shipped_kb, VETERANS, VETERANS_NAME, VETERANS_BUDGET))
    assert not any(r[2].startswith("标准") for r in rows), rows
    assert any(r[2] == "义务兵家庭优待金发放户数" and r[4] == "100" for r in rows), rows


def test_one_stated_satisfaction_stays_alone(shipped_kb):
    """满意度由上年的92%提高到95%以上 is the text's one satisfaction: no library 退役军人满意度 ≥ 90 beside it."""
    rows = _table(suggest_text(shipped_kb, VETERANS, VETERANS_NAME, VETERANS_BUDGET))
    sat = [r for r in rows if r[0] == "satisfaction"]
    assert [r[4] for r in sat] == ["95"], rows


def test_audience_reached_is_the_benefit_not_the_trainees(shipped_kb):
    """受众不少于8000人次 is the benefit; 培训学员120人 is the training's output, never the only 效益 row."""
    rows = _table(suggest_text(shipped_kb, HERITAGE, HERITAGE_NAME, HERITAGE_BUDGET))
    assert not any(r[0] == "benefit" and "培训" in r[2] for r in rows), rows
    assert any(r[0] == "benefit" and r[2] == "受众人次" and r[4] == "8000" for r in rows), rows
