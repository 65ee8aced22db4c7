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


def test_a_daily_average_is_a_days_count_never_the_years(shipped_kb):
    """Reported: 日均400人次 became 老年助餐服务人次 ≥400 人次, a target for the whole year."""
    res = _suggest(shipped_kb, "在街道新建老年食堂4个，为辖区老年人提供助餐服务，日均就餐不少于250人次，项目预算60万元。",
                   "街道老年食堂建设", 60)
    rows = _rows(res)
    got = [r for r in rows if r[3] == "250"]
    assert got and got[0][1].startswith("日均") and got[0][2] == "≥" and got[0][4] == "人次/日", rows
    assert not [r for r in rows if r[4] == "人次" and r[3] == "250"], rows


def test_a_daily_count_is_named_as_the_text_says_it():
    from kb.domain.text import normalize
    from kb.suggest.objects import mentions

    got = [(m.value, m.unit, m.obj) for m in mentions(normalize("活动期间景区每天接待游客约3000人次。"))]
    assert got == [("3000", "人次/日", "日均接待游客人次")], got


def test_work_on_what_stands_keeps_its_work_in_the_name(shipped_kb):
    """Reported: 改造提升原有助餐点2个 became 助餐点数量 ≥2 个 — read as all the 助餐点, though more are built."""
    res = _suggest(shipped_kb, "在城区新建社区老年助餐点6个、改造提升原有助餐点3个，配置厨房设备，项目总预算120万元。",
                   "城区老年助餐点建设", 120)
    rows = _rows(res)
    got = [r for r in rows if r[3] == "3" and r[4] == "个"]
    assert got and "改造提升" in got[0][1], rows
