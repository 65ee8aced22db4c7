"""Trial 23, second round: what the first fix round of the twenty-third fresh reviewer's findings left. The
reviewer's own texts are those of tests/test_suggest_trial23.py (copied verbatim from /tmp/trial23/inputs.md)."""
from __future__ import annotations

from tests.kbfactory import suggest_text
from tests.test_suggest_trial23 import (HERITAGE, HERITAGE_BUDGET, HERITAGE_NAME, SEWAGE, SEWAGE_BUDGET, SEWAGE_NAME,
                                        TOILETS, TOILETS_BUDGET, TOILETS_NAME, VAGRANT, VAGRANT_BUDGET, VAGRANT_NAME,
                                        VETERANS, VETERANS_BUDGET, VETERANS_NAME)


def _table(res):
    return [(c.level1, c.level2, c.name, c.operator, c.value, c.unit) for c in res.default_table]


# ---------------------------------------------------------------- 1. stated figures no row carried

def test_stated_visits_are_a_row(shipped_kb):
    """按每人每次500元标准慰问840人次 (the 走访慰问经费's work) is 走访慰问人次 ≥ 840 人次."""
    rows = _table(suggest_text(shipped_kb, VETERANS, VETERANS_NAME, VETERANS_BUDGET))
    assert ("output", "quantity", "走访慰问人次", "≥", "840", "人次") in rows, rows


def test_stated_sludge_amount_is_a_row(shipped_kb):
    """2.污泥无害化处置费，预计4200吨 is 污泥无害化处置量 ≥ 4200 吨."""
    rows = _table(suggest_text(shipped_kb, SEWAGE, SEWAGE_NAME, SEWAGE_BUDGET))
    assert ("output", "quantity", "污泥无害化处置量", "≥", "4200", "吨") in rows, rows


def test_stated_daily_opening_hours_are_a_row(shipped_kb):
    """每天开放时间不少于16小时 is 公厕每日开放时长 ≥ 16 小时."""
    rows = _table(suggest_text(shipped_kb, TOILETS, TOILETS_NAME, TOILETS_BUDGET))
    assert ("output", "quantity", "公厕每日开放时长", "≥", "16", "小时") in rows, rows


# ---------------------------------------------------------------- 2. heritage

def test_count_cut_from_its_verb_is_named_by_its_work(shipped_kb):
    """完成3个县级非遗项目的数字化记录 counts the projects given digital records: 县级非遗项目数字化记录数量, never the
    garbled 完成县级非遗项目数量."""
    rows = _table(suggest_text(shipped_kb, HERITAGE, HERITAGE_NAME, HERITAGE_BUDGET))
    assert not any(r[2] == "完成县级非遗项目数量" for r in rows), rows
    assert ("output", "quantity", "县级非遗项目数字化记录数量", "≥", "3", "个") in rows, rows


# ---------------------------------------------------------------- 3. vagrants

def test_stated_full_placement_replaces_a_vague_benefit(shipped_kb):
    """对长期滞留人员全部落实安置 is a measurable aim: 长期滞留人员安置率 = 100 % (社会效益), never 社会救助体系 待填写,
    and no library 流浪乞讨人员救助安置率 beside it."""
    rows = _table(suggest_text(shipped_kb, VAGRANT, VAGRANT_NAME, VAGRANT_BUDGET))
    assert not any(r[2] == "社会救助体系" for r in rows), rows
    assert ("benefit", "social_benefit", "长期滞留人员安置率", "=", "100", "%") in rows, rows
    assert [r[2] for r in rows if r[2].endswith("安置率")] == ["长期滞留人员安置率"], rows


# ---------------------------------------------------------------- 4. the plan year of a dated schedule

WATER = "计划改造县城城区建成于2000年前的老旧铸铁、镀锌供水管网18.6公里，更换入户水表3200只，惠及城区居民约1.1万户3.5万人。工程于2025年4月开工，11月30日前完工并通过验收，工程验收合格率100%。改造完成后，城区公共供水管网漏损率由18%降低到12%以下，管网水质合格率达到100%，年节约水量约40万立方米。该项目总投资960万元，其中2025年申请县级财政资金600万元，其余由县水务公司自筹。"


def test_year_the_mains_were_built_is_no_plan_year(shipped_kb):
    """建成于2000年前的…管网 dates the mains, not the budget: the schedule's 2025年4月开工 is the plan year, so the
    deadline is 2025年11月30日前, never 当年11月30日前 (trial 22's water-mains text, verbatim)."""
    rows = _table(suggest_text(shipped_kb, WATER, "县城老旧供水管网改造工程", 600))
    assert any(r[1] == "timeliness" and r[4] == "2025年11月30日前" for r in rows), rows


def test_built_year_later_than_the_others_stays():
    """A built year no earlier than every other year (计划建成于2025年底) is kept: the text's one year."""
    from kb.domain.years import stated_year
    assert stated_year(None, "计划建成于2025年底，新建站点12个") == 2025
    assert stated_year(None, "改造建成于2000年前的管网，2026年完成") == 2026
