"""The day round's merges (2026-12-07): rows two branches' rules brought back together."""
from __future__ import annotations

from tests.kbfactory import dev_record


def _table(kb, rid):
    rec = dev_record(rid)
    res = kb.suggest(rec["description"], project_name=rec["project"], mode="lexical", with_opinions=False)
    return [(c.level2, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def test_two_blank_whole_costs_are_one_question(shipped_kb):
    """E039 (a testing fund whose text is a fragment, no budget): 商品质量检测成本 待填写 万元 and the type's
    项目总成本 待填写 万元 both ask for the year's money (trial 14 struck the second)."""
    rows = _table(shipped_kb, "E039")
    blank_totals = [r for r in rows if r[0] == "economic_cost" and r[3] == "" and "/" not in r[4]]
    assert len(blank_totals) == 1, rows


def test_a_stated_budget_still_allows_a_listed_part_beside_the_whole(shipped_kb):
    """The rule is about two blank totals: the whole cost at the budget with one listed part stays."""
    text = ("2025年县文化馆开展送戏下乡演出60场，资金共计50万元，其中：演出补助40万元、宣传印刷10万元。"
            "惠及群众约3万人次，群众满意度90%以上。")
    res = shipped_kb.suggest(text, project_name="2025年送戏下乡", mode="lexical", with_opinions=False)
    costs = [(c.name, c.operator, c.value, c.unit) for c in res.default_table if c.level2 == "economic_cost"]
    assert any(v == "50" for _, _, v, _ in costs), costs
