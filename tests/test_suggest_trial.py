"""Defects a fresh reviewer found in suggest (second trial, 2026-12-06), each on a description written
for this test the way county staff write one (none is in ../shared/data)."""
from __future__ import annotations


def _rows(res):
    return [(c.level2_label, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def test_a_change_from_a_level_is_the_measures_own_target_and_its_start_binds_nothing(shipped_kb):
    """Reported: 农户生活污水处理率由45%提高到85% gave 生活污水治理验收合格率 ≥45 % and no 处理率 row."""
    res = shipped_kb.suggest("实施3个行政村生活污水治理，新建污水管网11.6公里，农户生活污水处理率由45%提高到85%，"
                             "项目投资680万元。", budget_wan=680, mode="lexical", with_opinions=False)
    rows = _rows(res)
    assert not [r for r in rows if r[3] == "45"], rows
    got = [(c.name, c.operator, c.value, c.unit, c.basis) for c in res.default_table if c.value == "85"]
    assert got == [("农户生活污水处理率", "≥", "85", "%", "项目申报内容中的计划数(由45%提高到85%)")], rows


def test_a_standard_binds_a_row_in_the_per_parts_the_text_states(shipped_kb):
    """Reported: 每人每月60元 became 老年助餐每餐补贴标准 =60 元/餐·月 (a per-meal row) while a 元/人·月 row sat blank
    among the alternates; 受益约800人 must still bind the people served."""
    res = shipped_kb.suggest("依托12个村老年食堂提供助餐服务，对80周岁以上老人按每人每月60元标准发放就餐补贴，受益约800人。",
                             budget_wan=57.6, mode="lexical", with_opinions=False)
    rows = _rows(res)
    assert [(r[2], r[3], r[4]) for r in rows if r[3] == "60"] == [("=", "60", "元/人·月")], rows
    assert not [r for r in rows if "餐" in r[4].partition("/")[2]], rows
    assert [(r[2], r[4]) for r in rows if r[3] == "800"] == [("≥", "人")], rows


def test_a_standard_no_row_takes_is_formed_from_the_text(shipped_kb):
    res = shipped_kb.suggest("为全镇120户困难家庭发放取暖补贴，每户每年补助800元，资金9.6万元。",
                             project_name="困难家庭冬季取暖补贴", mode="lexical", with_opinions=False)
    assert [r for r in _rows(res) if r[3] == "800"] == [("经济成本指标", "每户每年补助标准", "=", "800", "元/户·年")]


def test_the_per_parts_of_a_standard_are_the_texts():
    from kb.suggest.values import _parts_fit, said_parts

    assert said_parts("老人按每人每月") == ["人", "月"]
    assert said_parts("每生", period_after="学期") == ["生", "学期"]
    assert said_parts("补助标准", written="人·年") == ["人", "年"]
    assert not _parts_fit("元/餐", ["人", "月"])                 # per meal is not per person-month
    assert _parts_fit("元/人·月", ["人", "年"])                  # the text's period replaces the row's
    assert _parts_fit("元/人·天", ["生", "天"]) and _parts_fit("元/人", ["月"])
