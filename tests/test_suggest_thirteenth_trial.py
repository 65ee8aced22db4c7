"""Rows a fresh reviewer struck from suggest's default tables (thirteenth trial, 2026-12-06: /tmp/trial5), on the
reviewer's own inputs (short summaries of dev.jsonl projects E003, E007, E012, E046, and texts written for the trial):
rows in a slot the checker would not file them under, an institution's routine activity on a capital or contract
project, another kind of equipment, and three round-1 leftovers (评审 inside 环评审批, another programme's per-head cost,
a blank crew headcount)."""
from __future__ import annotations

from types import SimpleNamespace

E003 = ("2021年项目绩效目标表。部门预算项目,归口科室经济贸易科,资金总额3万元(财政拨款3万元)。年度目标:围绕建设节约型社会和"
        "发展循环经济要求,规范整合再生资源回收渠道;目标1聘用人员1人,出差8人;目标2聘用人员在岗率100%;目标3 2021年12月31日前"
        "完成;目标4年度预算总金额3万元;目标5促进资源循环和高效利用,改善城乡生态环境。权重:产出50分、效益30分、满意度10分。")
E007 = ("统筹整合财政涉农资金项目,总投资19万元,解决珍珠村基础设施问题。绩效目标:道路硬化≥0.565km;项目(工程)验收合格率≥100%;"
        "受益贫困人口满意度≥96%;受益建档立卡贫困人口数≥23人。评价结论:各指标均能高质量完成。")
E012 = ("绩效自评报告(年份被文库替换为20xx)。专项资金预算1110万元,用于康复病区热水系统改造、全自动生化分析仪、医院文化建设、"
        "精神康复模拟社区第二期(设备采购/装修装饰)、农疗基地扩建修缮、医用事件相关电位仪等。项目绩效目标:满足人民群众对精神卫生"
        "日益增长的需求,提高医院服务能力。")
E046 = ("云南省2022年度中央自然灾害资金绩效自评报告。预算10441万元(中央8353万、省级配套2088万),实际执行9265.353442万元,执行率"
        "88.74%。租用6架航空应急救援直升机;2022年防期共发生森林火灾16起,森林火灾发生率0.064次/10万公顷,受害森林面积114.48公顷,"
        "受害率0.0046‰。")
E046_NAME = "中央自然灾害救灾资金(森林草原航空消防租机补助经费)2022年度(云南省)"
IT = ("县人力资源和社会保障局社保经办信息系统2025年运维服务采购，合同金额39.6万元，服务期为2025年1月1日至12月31日。运维对象包括"
      "社保经办核心业务系统以及12个乡镇经办网点的终端和网络设备共210台套，要求系统全年可用率不低于99.5%，一般故障4小时内修复、"
      "重大故障2小时内到场，每季度开展1次安全巡检并提交巡检报告。上年度系统累计停机18小时，全年办理社保业务约36万笔。")
CLINIC = ("县卫生健康局2025年村卫生室基本医疗设备配置项目，预算资金144万元。全县现有标准化村卫生室186个，约三分之一设备老化。拟为48个"
          "村卫生室每个配备心电图机、全自动血压计、血糖仪、身高体重秤等基本设备一套（每套约3万元），10月底前完成政府采购、安装调试"
          "和乡村医生操作培训，培训乡村医生96人次。实施后村卫生室基本设备配置达标率由68%提高到90%，方便约9.5万农村居民就近看病。")


def _rows(res):
    return [(c.level2_label, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def _suggest(kb, text, name, budget):
    return kb.suggest(text, project_name=name, budget_wan=budget, mode="lexical", with_opinions=False)


def _draft(name, level2, **kw):
    from kb.suggest.draft import Draft

    return Draft(name=name, level2=level2, source=kw.pop("source", "type"), unit=kw.pop("unit", "%"), **kw)


# ---------------------------------------------------------------- 1. a row sits where the checker would file it

def test_budget_execution_is_no_time_target_and_the_road_keeps_one_timeliness_row(shipped_kb):
    """Struck: E007's 年度投资完成率 ≥ 90 % under 时效 (construction.csv files it there), a second 时效 row beside
    道路工程完成及时率; its name holds no time word, and the checker files such a rate under 质量."""
    rows = _rows(_suggest(shipped_kb, E007, "2019年度高其坑通组道路工程", 19))
    assert not [r for r in rows if "投资完成率" in r[1]], rows
    # one 时效 row: the works' completion (dated since the checker round 11: 道路工程完成时间 …前)
    assert [r[1][:6] for r in rows if r[0] == "时效指标"] == ["道路工程完成"], rows
    assert 8 <= len(rows) <= 12, rows


def test_misplaced_reads_the_checkers_time_and_benefit_words():
    from kb.checker.rewrite import guess_level
    from kb.domain.enums import Level1, Level2
    from kb.suggest.placement import misplaced

    # the checker's own placement of the two library rows, given without levels
    assert guess_level("年度投资完成率") == (Level1.output, Level2.quality)
    assert guess_level("年度重点工作任务完成率") == (Level1.output, Level2.quality)
    assert misplaced(_draft("年度投资完成率", "timeliness", value="90", value_source="typical"))
    assert misplaced(_draft("年度重点工作任务完成率", "social_benefit", value="95", value_source="typical"))
    # rows with a time word, a date, a benefit word, or the text's own figure stay
    assert misplaced(_draft("道路工程完成及时率", "timeliness", value="100", value_source="typical")) == ""
    assert misplaced(_draft("服务周期", "timeliness", value="2025年1月至12月", value_source="typical")) == ""
    assert misplaced(_draft("带动就业任务完成率", "social_benefit", value="95", value_source="typical")) == ""
    assert misplaced(_draft("年度投资完成率", "timeliness", value="90", value_source="text")) == ""


def test_an_output_rate_is_no_benefit_and_a_market_fund_holds_no_office(shipped_kb):
    """Struck on E003 (3 万元 market-management fund): 年度重点工作任务完成率 under 社会效益 (an output rate) and
    保障办公场所面积 待填写 (the 机关运转保障 type's office space)."""
    rows = _rows(_suggest(shipped_kb, E003, "再生资源回收市场管理经费", 3))
    assert not [r for r in rows if "重点工作任务完成率" in r[1]], rows
    assert not [r for r in rows if "办公场所" in r[1]], rows
    benefits = [r for r in rows if "效益" in r[0]]
    assert benefits and all(not r[1].endswith("完成率") for r in benefits), rows
    assert 8 <= len(rows) <= 12, rows


def test_a_label_naming_several_benefits_places_the_row_by_its_name(shipped_kb, shared_data):
    """E001's real row 补助款结算争议率 under 社会、经济、生态效益指标 was parsed as 生态效益 (the one key the label spells
    whole) and filled E001's benefit slot; the checker files the name under 质量."""
    import json

    from kb.suggest.candidates import placed_level2

    row = SimpleNamespace(level1="效果指标", level2="社会、经济、生态效益指标", name="补助款结算争议率")
    assert placed_level2(row) == "quality"
    # a single-kind label is read as written
    assert placed_level2(SimpleNamespace(level1="效益指标", level2="生态效益指标", name="年保土量")) == ""
    rec = next(r for r in map(json.loads, (shared_data / "declarations" / "dev.jsonl").read_text(encoding="utf-8")
                              .splitlines()) if r["id"] == "E001")
    rows = _rows(_suggest(shipped_kb, rec["description"], rec["project"], None))
    assert not [r for r in rows if "效益" in r[0] and "结算" in r[1]], rows
    assert 8 <= len(rows) <= 12, rows


def test_an_aircraft_rental_fund_has_no_payout_quality_nor_a_crew_headcount(shipped_kb):
    """Struck on E046: 航空消防租机补助发放率 under 质量 (the fund rents six aircraft and pays no one; the row overlaps
    发放及时率) and the blank 应急救援队伍人数 (no crew in the text: 应急救援 qualifies the aircraft)."""
    rows = _rows(_suggest(shipped_kb, E046, E046_NAME, 10441))
    quality = [r[1] for r in rows if r[0] == "质量指标"]
    assert quality and not [n for n in quality if "发放" in n or "覆盖率" in n], rows
    assert not [r for r in rows if "队伍" in r[1]], rows
    assert ("数量指标", "租用航空应急救援直升机数量", "≥", "6", "架") in rows


# ---------------------------------------------------------------- 2. an institution's routine activity or assets

def test_a_hospitals_capital_fund_asks_no_outpatients_nor_bed_use(shipped_kb):
    """Struck on E012 (renovation and equipment of a hospital): 医疗机构门诊服务人次 and 病床使用率 ≥ 85 %."""
    rows = _rows(_suggest(shipped_kb, E012, "海南省平山医院卫生健康发展专项资金项目", 1110))
    assert not [r for r in rows if "门诊" in r[1] or "病床" in r[1]], rows
    assert ("数量指标", "医疗设备购置数量", "", "", "台") in rows
    assert 8 <= len(rows) <= 12, rows


def test_a_maintenance_contract_counts_no_system_users(shipped_kb):
    rows = _rows(_suggest(shipped_kb, IT, "社保经办信息系统2025年运维服务", 39.6))
    assert not [r for r in rows if "用户数" in r[1]], rows
    assert ("质量指标", "系统全年可用率", "≥", "99.5", "%") in rows


def test_routine_measure_needs_the_activity_in_the_text(shipped_kb):
    from kb.suggest.context import read_project
    from kb.suggest.evidence import routine_measure

    tok = shipped_kb.index.tokenizer
    ward = read_project(tok, "新建住院楼一栋，新增床位200张。", project_name="县医院住院楼建设")
    heat = read_project(tok, "康复病区热水系统改造和医疗设备购置。", project_name="医院设备购置")
    assert routine_measure(_draft("病床使用率", "quality"), ward) == ""
    assert routine_measure(_draft("病床使用率", "quality"), heat) == "病床"
    assert routine_measure(_draft("〔医疗机构〕门诊服务人次", "quantity", unit="人次"), heat) == "门诊"
    # a row formed from the text's own words is the text's
    assert routine_measure(_draft("病床使用率", "quality", source="formed"), heat) == ""


# ---------------------------------------------------------------- 3. kind of equipment

def test_a_clinics_medical_equipment_is_no_office_equipment(shipped_kb):
    rows = _rows(_suggest(shipped_kb, CLINIC, "2025年村卫生室基本医疗设备配置", 144))
    assert not [r for r in rows if "办公设备" in r[1]], rows
    assert ("数量指标", "村卫生室数量", "≥", "48", "个") in rows


def test_other_equipment_only_when_the_text_names_another_kind(shipped_kb):
    from kb.suggest.context import read_project
    from kb.suggest.evidence import other_equipment

    tok = shipped_kb.index.tokenizer
    clinic = read_project(tok, "为村卫生室配备心电图机、血压计等基本医疗设备48套。", project_name="村卫生室医疗设备配置")
    office = read_project(tok, "为乡镇政府购置电脑、打印机等办公设备。", project_name="办公设备购置")
    plain = read_project(tok, "购置设备20台。", project_name="设备购置")
    assert other_equipment(_draft("办公设备配置达标率", "quality"), clinic) == "办公设备"
    assert other_equipment(_draft("办公设备配置达标率", "quality"), office) == ""
    assert other_equipment(_draft("办公设备配置达标率", "quality"), plain) == ""   # no kind named: not judged
    assert other_equipment(_draft("医疗设备验收合格率", "quality"), clinic) == ""


# ---------------------------------------------------------------- 4. round-1 leftovers

def test_a_work_word_counts_only_as_a_word_of_the_text(shipped_kb):
    """评审 matched inside 环评|审批: a 委托业务 row about 评审 stood on a road text."""
    from kb.suggest.context import read_project
    from kb.suggest.evidence import unnamed_work

    tok = shipped_kb.index.tokenizer
    road = read_project(tok, "新建普通省道二级公路32.1公里，完成环评审批和用地预审。", project_name="普通省道公路建设")
    review = read_project(tok, "委托第三方开展项目评审和绩效评价。", project_name="委托业务")
    row = _draft("项目评审完成率", "quality")
    assert unnamed_work(row, road) == ["评审"]
    assert unnamed_work(row, review) == []


def test_a_per_head_cost_of_a_group_the_text_never_names_is_set_aside(shipped_kb):
    """党员人均教育培训经费 ≤ 3000 元/人次 on a 新课程示范区 text (the 党建 type's cost row)."""
    from kb.suggest.context import read_project
    from kb.suggest.evidence import per_head_group_missing

    tok = shipped_kb.index.tokenizer
    school = read_project(tok, "建设新课程示范区3个，培训骨干教师300人次。", project_name="新课程示范区建设")
    staff = read_project(tok, "聘用14人开展参保宣传。", project_name="参保宣传")
    cost = _draft("党员人均教育培训经费", "economic_cost", unit="元/人次")
    assert per_head_group_missing(cost, school) == "党员"
    # the group the text hires (聘用14人), and a name whose head is no group of persons, stay
    assert per_head_group_missing(_draft("聘用人员人均经费", "economic_cost", unit="元/人"), staff) == ""
    assert per_head_group_missing(_draft("资助项目人均资助标准", "economic_cost", unit="元/人"), school) == ""


def test_a_blank_count_needs_the_thing_it_counts_in_the_text(shipped_kb):
    from kb.suggest.context import read_project
    from kb.suggest.evidence import head_in_text

    tok = shipped_kb.index.tokenizer
    rental = read_project(tok, E046, project_name=E046_NAME)
    crews = read_project(tok, "组建应急救援队伍12支，开展培训演练。", project_name="应急救援队伍建设")
    row = _draft("应急救援队伍人数", "quantity", unit="人", source="retrieval")
    assert not head_in_text(row, rental)
    assert head_in_text(row, crews)
