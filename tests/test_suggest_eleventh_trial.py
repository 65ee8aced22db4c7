"""Defects of suggest's default table found in issue 10 (precision): type-set rows about a kind of work the text
never names, a satisfaction row asking the public where the text names whom it serves, and a project the training
tables filed under another type. Dev projects are read by id from ../shared/data; other descriptions are written for
these tests."""
from __future__ import annotations

import json

import pytest


def _rows(res):
    return [(c.level2_label, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def _suggest(kb, text, name, budget_wan=None):
    return kb.suggest(text, project_name=name, budget_wan=budget_wan, mode="lexical", with_opinions=False)


def _dev(shared_data, pid):
    for line in (shared_data / "declarations" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["id"] == pid:
            return rec
    raise KeyError(pid)


def _dev_table(kb, shared_data, pid):
    rec = _dev(shared_data, pid)
    return _suggest(kb, rec["description"], rec["project"])


@pytest.mark.parametrize("pid, struck", [
    ("E046", "半专业扑火队人数"),          # an aircraft rental for forest fires: no fire crew is formed
    ("E048", "半专业扑火队人数"),
    ("E057", "新认定高新技术企业数量"),    # a science fund's form that recognises no high-tech firms
    ("D058", "服务周期"),                  # a school's subsidy under a cooperation contract: no service bought
    ("D058", "服务需求满足率"),
])
def test_a_type_row_about_work_the_text_never_names_is_set_aside(shipped_kb, shared_data, pid, struck):
    """Issue 10: core rows of a type's set that are about one kind of work within the type (扑火, 认定 of firms,
    the service a 政府购买服务 buys) stood in tables whose text names no such work."""
    rows = _rows(_dev_table(shipped_kb, shared_data, pid))
    assert struck not in [r[1] for r in rows], rows
    # D058's eighth row was 年度投资完成率 ≥ 90 % under 时效 — budget execution, no time target (thirteenth trial:
    # tests/test_suggest_thirteenth_trial.py); nothing else in its pool fits, so its table holds seven rows.
    # E057's eighth was 受益群众人数 待填写 for a text naming no one served, struck by trial 16's reviewer as filler
    # (tests/test_suggest_trial16.py): seven rows too
    assert (7 if pid in ("D058", "E057") else 8) <= len(rows) <= 12, rows


def test_a_hospitals_admission_row_is_set_aside_for_village_clinics(shipped_kb):
    """Issue 10: 收治病人能力增长率 ≥10 % (the library's figure) for village clinics, which admit no in-patients."""
    res = _suggest(shipped_kb, "县卫生健康局2025年安排村卫生室能力提升资金96万元，为全县32个村卫生室配备心电图机、"
                               "健康一体机等基本诊疗设备，补助乡村医生开展常见病诊治和慢病随访，提升基层首诊能力，"
                               "方便农村群众就近看病。", "村卫生室能力提升项目")
    rows = _rows(res)
    assert not [r for r in rows if "收治" in r[1]], rows
    assert 8 <= len(rows) <= 12, rows


def test_a_hospital_with_wards_keeps_its_admission_row(shipped_kb, shared_data):
    """A hospital whose text names its wards (康复病区) admits patients: E012's real table holds 收治病人能力增长."""
    from kb.suggest.context import read_project
    from kb.suggest.draft import Draft
    from kb.suggest.evidence import unnamed_work

    rec = _dev(shared_data, "E012")
    ctx = read_project(shipped_kb.index.tokenizer, rec["description"], project_name=rec["project"])
    d = Draft(name="收治病人能力增长率", level2="social_benefit", source="type")
    assert unnamed_work(d, ctx) == []
    d = Draft(name="收治病人能力增长率", level2="social_benefit", source="type")
    village = read_project(shipped_kb.index.tokenizer, "为32个村卫生室配备基本诊疗设备，方便群众就近看病。")
    assert unnamed_work(d, village) == ["收治"]


@pytest.mark.parametrize("name", ["资助对象认定准确率", "贴息对象认定准确率", "服务合同履约率"])
def test_recognising_whom_a_payment_serves_and_a_contract_are_no_kind_of_work(shipped_kb, name):
    """Every payment programme recognises its recipients and any contract is honoured: these rows need no words
    of the text (E030's 贴息对象认定准确率 stays; D058's text says 确保协议履约)."""
    from kb.suggest.context import read_project
    from kb.suggest.draft import Draft
    from kb.suggest.evidence import unnamed_work

    ctx = read_project(shipped_kb.index.tokenizer, "向脱贫户发放小额贷款贴息资金208万元，确保协议履约。")
    assert unnamed_work(Draft(name=name, level2="quality", source="type"), ctx) == []


def test_a_stand_in_row_is_never_another_projects_own_row(shipped_kb, shared_data):
    """Issue 10: with D058's 服务周期 set aside, its 数量 slot took 雾炮车风炮射程 — a row of another project's real
    table (a fog-cannon service) — as the stand-in; a stand-in comes from the type's own set."""
    rows = _rows(_dev_table(shipped_kb, shared_data, "D058"))
    assert not [r for r in rows if "雾炮" in r[1]], rows
    assert [r for r in rows if r[0] == "数量指标"], rows


@pytest.mark.parametrize("pid, group", [("D042", "优抚对象"), ("E006", "脱贫户"), ("E017", "脱贫户")])
def test_the_satisfaction_row_asks_the_group_a_dev_text_serves(shipped_kb, shared_data, pid, group):
    """Issue 10: 社会满意度 for payments the text says go to 优抚对象 / 39 户脱贫户."""
    rows = _rows(_dev_table(shipped_kb, shared_data, pid))
    asked = [r[1] for r in rows if "满意度" in r[0]]
    assert asked and all(group in a for a in asked), rows


@pytest.mark.parametrize("text, name, group", [
    ("县级储备粮收购资金600万元，向种粮农户收购稻谷3000吨，保障农户售粮顺畅。", "县级储备粮收购", "农户"),
    ("县级储备粮轮换费用100万元，保障学校食堂学生用粮，储备稻谷2000吨。", "县级储备粮", "学生"),
    ("镇卫生院购置DR、彩超等医疗设备8台，改造住院病区600平方米，方便患者就近就医，资金300万元。", "镇卫生院能力建设",
     "患者"),
    ("市城管局采购雾炮车降尘服务，服务周期6个月，重点覆盖学校周边道路，保障学生和家长出行空气质量，经费120万元。",
     "雾炮车降尘服务", ("学生", "家长")),
])
def test_the_satisfaction_row_names_the_group_the_text_serves(shipped_kb, text, name, group):
    """Issue 10: 市民满意度调查 for grain bought from 农户 or kept for pupils, 医务人员满意度 (the clinic's own staff)
    for a clinic whose text names its 患者, 市民对空气质量改善的满意程度 where the text names 学生 and 家长."""
    rows = _rows(_suggest(shipped_kb, text, name))
    asked = [r[1] for r in rows if "满意度" in r[0]]
    groups = group if isinstance(group, tuple) else (group,)
    assert asked and all(any(g in a for g in groups) for a in asked), rows


def test_the_public_is_still_asked_where_the_text_names_no_group_of_its_own(shipped_kb, shared_data):
    """The rule reads only texts naming a group of their own: D059 (a grain reserve naming no one) keeps
    市民满意度调查, and 群众 or 干部 named (村组干部报酬) are no such group."""
    from kb.suggest.words import served_groups

    assert served_groups(["干部", "群众", "服务对象"]) == []
    assert served_groups(["服务对象", "优抚对象"]) == ["优抚对象"]
    rows = _rows(_dev_table(shipped_kb, shared_data, "D059"))
    # the public is asked: 市民对粮食供应满意度 since trial 16, which set aside 市民满意度调查 ≥90 % as a percentage
    # whose name measures nothing (a survey, no 度 or 率: tests/test_suggest_trial16.py)
    assert [r[1] for r in rows if r[1].startswith("市民") and "满意度" in r[1]], rows


def test_a_basic_education_quality_fund_has_a_type_of_its_own(shipped_kb, shared_data):
    """Issue 10: D056 (基础教育质量提升专项资金: reform pilot areas, new curriculum, 内地班 schools) was labelled and
    typed 学校公用经费保障 with certainty, and its table asked 生均公用经费拨付达标率 and 因经费短缺影响正常教学的学校数."""
    res = _dev_table(shipped_kb, shared_data, "D056")
    assert res.project_types[0].name == "基础教育质量提升", res.project_types
    assert "学校公用经费保障" not in [t.name for t in res.project_types], res.project_types
    names = [r[1] for r in _rows(res)]
    assert not [n for n in names if "公用经费" in n or "经费短缺" in n], names
    assert "教育改革实验区建设数量" in names, names   # the text's 综合改革实验区、…示范区建设
    # values round 23: the type's spare 研究课题数量 (an object the text names in no word) no longer fills the 8th row
    assert 7 <= len(names) <= 12, names


@pytest.mark.parametrize("text, name, type_name", [
    ("区教育局2025年安排义务教育教学改革经费60万元，在8所学校推行大单元教学和作业设计改革，组织区级教研活动30场，"
     "开展全区学业质量监测1次。", "义务教育教学改革经费", "基础教育质量提升"),
    ("县实验小学申请2025年公用经费65万元，按生均公用经费标准保障在校生980人的教学办公、水电和日常维修。",
     "小学公用经费", "学校公用经费保障"),
])
def test_quality_funds_and_public_funds_are_told_apart(shipped_kb, text, name, type_name):
    """The new type takes teaching-reform texts; a school's 公用经费 stays 学校公用经费保障."""
    res = _suggest(shipped_kb, text, name)
    assert res.project_types[0].name == type_name, res.project_types


@pytest.mark.parametrize("pid", ["E046", "E048"])
def test_an_aircraft_rental_asks_no_crew_firebreak_or_publicity_count(shipped_kb, shared_data, pid):
    """Issue 10: with 半专业扑火队人数 set aside, the aircraft rentals took 森林防火隔离带建设长度 / 森林防火宣传次数 in
    its place — counts of other kinds of fire-prevention work, which the type now lists as entries needing their
    object in the text."""
    rows = _rows(_dev_table(shipped_kb, shared_data, pid))
    assert not [r for r in rows if any(w in r[1] for w in ("扑火队", "隔离带", "宣传", "物资储备"))], rows
    assert 8 <= len(rows) <= 12, rows


def test_a_fire_crew_text_still_gets_its_crew_and_firebreak_rows(shipped_kb):
    """The same entries stand where the text names their work."""
    from kb.suggest.context import read_project
    from kb.suggest.draft import Draft
    from kb.suggest.evidence import ROW_TAIL, OBJECT_IN_TEXT, object_in_text

    ctx = read_project(shipped_kb.index.tokenizer, "组建乡镇半专业扑火队12支，新建防火隔离带8公里，开展森林防火宣传80次。")
    for name in ("半专业扑火队人数", "森林防火隔离带建设长度", "森林防火宣传次数"):
        assert object_in_text(Draft(name=name, level2="quantity", source="type"), ctx, ROW_TAIL) >= OBJECT_IN_TEXT
