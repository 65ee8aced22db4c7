"""Defects a provincial 财政厅 reviewer found in suggest's default tables (ninth trial, 2026-12-06), each on a
description written for this test the way county staff write one (none is in ../shared/data nor the trial's)."""
from __future__ import annotations


def _rows(res):
    return [(c.level2_label, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def _suggest(kb, text, name=None, budget=None):
    return kb.suggest(text, project_name=name, budget_wan=budget, mode="lexical", with_opinions=False)


def _named(text):
    from kb.domain.text import normalize
    from kb.suggest.naming import quantity_name
    from kb.suggest.objects import mentions

    return {(m.value, m.unit): quantity_name(m) for m in mentions(normalize(text))}


# --- 1. names cut by position, not at words -------------------------------------------------------------------

def test_a_unit_that_opens_the_next_word_is_no_unit():
    """Reported: 理污水数量 — after 2025年计划, the 处 of 处理 was taken off as a measure word (N处)."""
    got = _named("2026年拟处理餐厨垃圾不少于9000吨，分拣回收率90%。")
    assert got[("9000", "吨")] == "处理餐厨垃圾数量", got


def test_the_words_after_a_year_are_cut_at_words():
    """The same cut took three characters after a year: 2024年共培训农民 gave 训农民."""
    got = _named("2023年共培训乡村医生420人次。")
    assert got[("420", "人次")] == "培训乡村医生人次", got


def test_a_window_never_starts_inside_a_word():
    from kb.suggest.objects import _clause_before

    text = "县人民政府办公室统一组织乡镇开展集中消杀灭工作并巡查农贸市场120次"
    assert _clause_before(text, text.index("120")) == "统一组织乡镇开展集中消杀灭工作并巡查农贸市场"


def test_a_time_limit_is_no_templates_object():
    """Reported: 工作日内发放人次 ≥1600 — 〔补贴名称〕 filled from 节日前10个工作日内发放."""
    from kb.suggest.templates import find_filler

    assert find_filler("补贴资金须在重阳节前7个工作日内发放到位。", "〔补贴名称〕发放人次") is None
    assert find_filler("全年高龄津贴发放到位。", "〔补贴名称〕发放人次") == "高龄津贴"


def test_a_place_phrase_is_no_listed_object():
    """Reported: 主要集中在城东、城西数量 ≥2 个 — where the dark lanes are, read as a list of things counted."""
    got = _named("破损井盖主要分布在城南、城北3个片区。")
    assert not got.get(("3", "个")) or "分布在" not in got[("3", "个")], got
    from kb.suggest.naming import adverbial
    assert adverbial("主要集中在城东") and adverbial("工作日内") and not adverbial("乡村医生")


def test_a_capacity_keeps_its_work_and_is_a_benefit(shipped_kb):
    """Reported: 能力人次 ≥3.5 万人次 under 数量 — 新增检查服务能力 cut to its last word."""
    res = _suggest(shipped_kb, "县中医院2026年申请康复设备购置资金300万元，购置康复训练设备12台，设备投入使用后预计年新增康复治疗能力"
                               "8000人次。", "中医院康复设备购置", 300)
    rows = _rows(res)
    got = [r for r in rows if r[3] == "8000"]
    assert got and got[0][1] == "新增康复治疗能力" and got[0][0] != "数量指标", rows
    assert not [r for r in rows if r[1] == "能力人次"], rows


def test_led_lamps_are_named_whole():
    got = _named("计划更换LED路灯灯具800套。")
    assert got[("800", "套")] == "更换LED路灯灯具数量", got
