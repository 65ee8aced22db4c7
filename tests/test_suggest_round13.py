"""Issue 10, round 13: rows a reviewer of 绩效目标表 strikes in the default table — each test a reported defect of
`jixiao suggest` on a real dev.jsonl declaration (or a county 申报书's wording written for the round)."""
from __future__ import annotations

from tests.kbfactory import dev_record


def _rows(res):
    return [(c.level2_label, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def _suggest(kb, text, name, budget=None):
    return kb.suggest(text, project_name=name, budget_wan=budget, mode="lexical", with_opinions=False)


def _suggest_dev(kb, rid):
    rec = dev_record(rid)
    return kb.suggest(rec["description"], project_name=rec["project"], mode="lexical", with_opinions=False)


def test_a_schools_running_fund_has_no_completion_date(shipped_kb):
    """E034 初中公用经费: a fund spent all year to keep a school running completes on no date; 初中公用经费完成时间
    2021年12月31日前 (描述未写明完成时限) gave way to how the money reaches the school."""
    rows = _rows(_suggest_dev(shipped_kb, "E034"))
    timely = [r for r in rows if r[0] == "时效指标"]
    assert timely and not [r for r in timely if r[1].endswith("完成时间")], rows
    assert [r for r in timely if r[1].endswith("及时率")], rows


def test_a_lone_blank_benefit_row_keeps_half_the_benefit_points(shipped_kb):
    """D002 (雾炮车降尘抑尘服务): the only 效益 row is 待填写; it held 11 of 100 and 产出 69 — 效益 keeps at least half of
    its 30 points and 产出 takes at most 15 of them (README's 分值 rule); the points still sum to 100."""
    res = _suggest_dev(shipped_kb, "D002")
    by = {}
    for c in res.default_table:
        by[c.level1_label] = by.get(c.level1_label, 0) + c.weight
    benefit = [c for c in res.default_table if c.level1_label == "效益指标"]
    assert benefit and sum(c.weight for c in res.default_table) == 100, by
    assert by["效益指标"] >= 15 and by["产出指标"] <= 65, by
