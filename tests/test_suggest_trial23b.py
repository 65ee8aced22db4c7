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
