"""Defects fresh users found in suggest (issue 10, third round), each on a description written for this
test the way county staff write one (none is in ../shared/data), except E046, a real self-evaluation."""
from __future__ import annotations

import pytest


def _rows(res):
    return [(c.level2_label, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def test_a_count_of_what_already_stands_is_never_a_building_row(shipped_kb):
    """Reported: 依托12个村老年食堂 gave 老年助餐点建设数量 ≥12 — the canteens exist, the project serves through them."""
    res = shipped_kb.suggest("依托12个村老年食堂，为800名老年人提供助餐服务，每人每餐补助3元。", project_name="农村老年助餐服务",
                             budget_wan=120, mode="lexical", with_opinions=False)
    rows = _rows(res)
    twelve = [r for r in rows if r[3] == "12"]
    assert [(r[1], r[2], r[4]) for r in twelve] == [("村老年食堂数量", "≥", "个")], rows
    assert not [r for r in rows if "建设" in r[1] and r[3]], rows


@pytest.mark.parametrize("text, existing", [
    ("依托12个村老年食堂", True),
    ("现有助餐点12个", True),
    ("利用已建成的8个站点", True),
    ("利用现有场地新建助餐点8个", False),   # the work after the word builds them
    ("新建助餐点8个", False),
])
def test_a_mention_knows_when_it_counts_what_already_stands(text, existing):
    from kb.suggest.objects import mentions

    assert [m.existing for m in mentions(text)] == [existing]


def test_a_village_before_a_noun_is_part_of_the_object():
    """jieba tags 村 zg: 改造3个村卫生室 had no object and so no row."""
    from kb.suggest.naming import quantity_name
    from kb.suggest.objects import mentions

    assert [quantity_name(m) for m in mentions("改造3个村卫生室")] == ["改造村卫生室数量"]
