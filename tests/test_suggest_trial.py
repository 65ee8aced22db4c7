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
