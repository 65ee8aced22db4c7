"""Recall round 2, the rows a reviewer reads (the start's ranker retrained on the round's candidates surfaced rows of
the pool it had put lower; each is fixed by a rule that agrees with the checker, not by a case for its project).

1. A core ending in a kind of spending's 经费 (初中公用经费) keeps it: 初中公用完成时间 was garbled (E034).
2. 预算执行进度 is 预算执行率 by another name: the checker's REL-02 (input / process) holds it, so suggest offers it
   under no slot (E021 showed it under 时效).
3. A period (服务周期) the checker files under 时效 is no 数量 (D024: 服务周期 ≥ 36 个月).
4. A harm counted twice (森林火灾发生次数 under 质量 beside 防火期森林草原火灾起数 under 社会效益): the output row goes (E048).
5. Whom a satisfaction row asks: enterprises only where the text names one (E032's 小微企业); the public in general
   (社会满意度, the checker's SAT-05) not beside a row asking the served (D060); a retrieved 学员满意度 only where the
   project's name says it trains (E051's fitness fund trains with 1.2 of 63.2 万元; D023's 干部教育培训 keeps it).
"""
from __future__ import annotations

from kb.checker import check_rows
from kb.domain.schema import TargetRow
from kb.suggest.objects import project_core
from tests.kbfactory import dev_record


def _dev(kb, rid):
    rec = dev_record(rid)
    res = kb.suggest(rec["description"], project_name=rec["project"], mode="lexical", with_opinions=False)
    return [(c.level2_label, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def _names(rows, label=None):
    return [r[1] for r in rows if label is None or r[0] == label]


# ------------------------------------------------------------------ 1. 公用经费 is the object

def test_a_kind_of_spendings_funds_stay_in_the_core():
    assert project_core("初中公用经费(银川市第六中学)") == "初中公用经费"
    assert project_core("学校公用经费保障") == "学校公用经费保障"
    assert project_core("人员经费补助") == "人员经费补助"
    assert project_core("办案经费") == "办案"   # 经费 of a task is still cut
    assert project_core("农村公路养护专项资金") == "农村公路养护"


def test_e034_names_the_public_funds_whole(shipped_kb):
    rows = _dev(shipped_kb, "E034")
    assert not [n for n in _names(rows) if "初中公用" in n and "经费" not in n], rows
    assert ("经济成本指标", "初中公用经费", "≤", "64.8", "万元") in rows, rows


# ------------------------------------------------------------------ 2. budget execution is no target

def test_the_checker_holds_budget_execution_progress_an_input_measure():
    rows = [TargetRow(level1="产出指标", level2="时效指标", name="预算执行进度", operator="≥", value="90", unit="%"),
            TargetRow(level1="产出指标", level2="时效指标", name="项目执行进度", operator="≥", value="90", unit="%")]
    hits = [(f.row, f.rule_id) for f in check_rows(rows, {"project": "x", "description": "y"}, suggest=False).findings]
    assert (1, "REL-02") in hits and (2, "REL-02") not in hits, hits


def test_e021_offers_no_budget_execution_under_timeliness(shipped_kb):
    rows = _dev(shipped_kb, "E021")
    assert "预算执行进度" not in _names(rows), rows


# ------------------------------------------------------------------ 3. a period is no quantity

def test_d024_files_no_service_period_under_quantity(shipped_kb):
    rows = _dev(shipped_kb, "D024")
    assert not [n for n in _names(rows, "数量指标") if n.endswith(("周期", "期限"))], rows
    assert ("数量指标", "机柜数量", "≥", "77", "个") in rows, rows


# ------------------------------------------------------------------ 4. a harm counted once, as an effect

def test_e048_counts_the_fires_once_as_an_effect(shipped_kb):
    rows = _dev(shipped_kb, "E048")
    assert "森林火灾发生次数" not in _names(rows), rows
    assert "防火期森林草原火灾起数" in _names(rows, "社会效益指标"), rows


# ------------------------------------------------------------------ 5. whom the satisfaction row asks

def test_e032_asks_no_enterprises_the_text_does_not_name(shipped_kb):
    rows = _dev(shipped_kb, "E032")
    sat = _names(rows, "服务对象满意度指标")
    assert not [n for n in sat if "企业" in n], rows
    assert "获贷农户满意度" in sat, rows


def test_d060_asks_the_aided_not_society(shipped_kb):
    sat = _names(_dev(shipped_kb, "D060"), "服务对象满意度指标")
    assert sat == ["受助对象满意度"], sat


def test_a_retrieved_trainee_row_needs_training_in_the_projects_name(shipped_kb):
    e051 = _names(_dev(shipped_kb, "E051"), "服务对象满意度指标")
    assert "学员满意度" not in e051 and "健身群众满意度" in e051, e051
    d023 = _names(_dev(shipped_kb, "D023"), "服务对象满意度指标")
    assert "学员满意度" in d023, d023


# ------------------------------------------------------------------ 6. the lead's reviewer: rows worse than the tip

def test_d002_counts_no_people_a_dust_service_serves(shipped_kb):
    # a retrieved 服务人数 names no group, and the text names none: set aside as the formed 服务人次 is
    rows = _dev(shipped_kb, "D002")
    assert not [n for n in _names(rows, "数量指标") if n.endswith(("人数", "人次"))], rows


def test_d018_names_no_row_after_the_funds_title(shipped_kb):
    # 〔补助对象〕补助资金发放准确率 filled with 中央财政困难群众救助: the fund's title is no object
    rows = _dev(shipped_kb, "D018")
    assert not [n for n in _names(rows) if n.startswith("中央财政")], rows
    # re-pinned at round 5's merge (20 new types retrain the ranker): the 质量 place beside the coverage holds one of the
    # type's own rows of the programme — 特困人员救助供养覆盖率 = 100 % before, 低保对象认定准确率 ≥ 98 % after (the text
    # names 农村低保 only); what this test guards is that no row is named after the fund's title
    assert {"特困人员救助供养覆盖率", "低保对象认定准确率"} & set(_names(rows, "质量指标")), rows


def test_e008_leaves_the_share_of_an_area_to_fill_and_keeps_the_forests_effect(shipped_kb):
    # 湿地保护率 ≥ 50 % (the library's figure, the text states none) no longer takes a quality place; the vague
    # 单位安全稳定 gives way to the type's 森林覆盖率 blank; a department's whole spending has no completion date
    rows = _dev(shipped_kb, "E008")
    assert ("湿地保护率", "≥", "50") not in [r[1:4] for r in rows], rows
    assert "单位安全稳定" not in _names(rows) and "部门整体支出完成时间" not in _names(rows), rows
    assert "生态效益补偿资金兑付及时率" in _names(rows, "时效指标"), rows


def test_d025_takes_no_library_forest_cover_figure(shipped_kb):
    rows = _dev(shipped_kb, "D025")
    assert ("生态效益指标", "森林覆盖率", "", "", "%") in rows, rows


def test_e011_counts_no_group_the_text_does_not_name(shipped_kb):
    # 村级动物防疫员补助人数: the text names no 防疫员; the programme's core 疫病强制免疫密度 takes the place
    rows = _dev(shipped_kb, "E011")
    assert "村级动物防疫员补助人数" not in _names(rows), rows
    assert "疫病强制免疫密度" in _names(rows, "数量指标"), rows


def test_d008_offers_no_knowledge_rate_where_nothing_is_taught(shipped_kb):
    # a meal subsidy teaches nothing: 学生营养健康知识知晓率 ≥ 90 % is another project's survey
    rows = _dev(shipped_kb, "D008")
    assert not [n for n in _names(rows) if n.endswith("知识知晓率")], rows
    assert "受益学生人数" in _names(rows, "社会效益指标"), rows


def test_e057_takes_back_no_blank_vague_retrieved_row(shipped_kb):
    # 会议成果转化 定性 (its 达到预期 cleared by the checker, QNT-01): a short table does not take it back
    rows = _dev(shipped_kb, "E057")
    assert "会议成果转化" not in _names(rows), rows


def test_e021_asks_the_enterprises_its_type_serves(shipped_kb):
    # 会展与商贸促进 is about enterprises (组织企业参展数量): its core satisfaction row stays though the text names none —
    # as 企业满意度 since trial 19 (`type_words`): the text never mentions an exhibition, so a reviewer struck 参展企业
    rows = _dev(shipped_kb, "E021")
    assert "企业满意度" in _names(rows, "服务对象满意度指标"), rows
    # trial 13 (`dedupe._unnamed_second_group`): 消费者满意度, formed from the type's persons and never named by the
    # text, is no second satisfaction row any more; the short table's eighth row is the type's blank 展位补贴标准 again
    assert "消费者满意度" not in _names(rows), rows
