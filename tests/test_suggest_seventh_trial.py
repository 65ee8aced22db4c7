"""Defects a county 财政局 reviewer found in suggest's default tables (seventh trial, 2026-12-06), each on a
description written for this test the way county staff write one (none is in ../shared/data nor the trial's)."""
from __future__ import annotations


def _rows(res):
    return [(c.level2_label, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def _suggest(kb, text, name=None, budget=None):
    return kb.suggest(text, project_name=name, budget_wan=budget, mode="lexical", with_opinions=False)


def test_days_counted_with_ge_are_the_days_and_a_settlement_term_counts_none(shipped_kb):
    """Reported: 营养餐供餐天数 ≥15 日 from 学期结束前15日内结算, while the text said 160个在校日."""
    res = _suggest(shipped_kb, "乡镇中心校及村小共18所约5200名学生享受营养膳食补助，每生每天4元，全年按170个在校日计算，"
                               "补助资金在学期结束后10日内结算完毕。", "义务教育学生营养膳食补助", 353.6)
    rows = _rows(res)
    assert not [r for r in rows if r[3] == "10"], rows
    days = [r for r in rows if r[3] == "170"]
    assert days and days[0][2:] == ("≥", "170", "天") and "天数" in days[0][1], rows


def test_a_settlement_term_is_no_quantity():
    from kb.domain.text import normalize
    from kb.suggest.objects import mentions

    got = [(m.value, m.unit) for m in mentions(normalize("全年按200个教学日计算，每季度末后20日内结算。"))]
    assert got == [("200", "天")], got
