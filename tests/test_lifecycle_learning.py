"""结果反馈 learning: unit libraries learn per unit, the basic library only from aggregates;
typical values only from targets the checker accepts; completion_rate and success_share
from the same final scores.

Two units declare, evaluate and get feedback on the real E030 table (one of
them with a higher 回收率 target), and on the real D001 table whose 成本 and
效益 values the checker rejects; the statistics are checked through
`learned_statistics` and the API. Runs on SQLite and, when configured, PostgreSQL.
"""
from __future__ import annotations

import pytest

from kb.lifecycle.learning import accepted_rows, learned_statistics
from tests.lifecycle_fixtures import *  # noqa: F401,F403
from tests.lifecycle_fixtures import UNIT_A, UNIT_B, declaration_body, dev_record


def _cycle(env, decl: str, rev: str, body: dict, rows: list[dict], final_scores=()) -> dict:
    """Declare → submit → approve (acknowledging checker errors) → evaluate → feedback; the feedback."""
    c = env.client
    did = c.post("/v1/declarations", json=body, headers=env.h(decl)).json()["id"]
    c.post(f"/v1/declarations/{did}/submit", headers=env.h(decl))
    assert c.post(f"/v1/declarations/{did}/approve", json={"acknowledge_findings": True},
                  headers=env.h(rev)).status_code == 200
    r = c.post(f"/v1/declarations/{did}/evaluation", json={"rows": rows}, headers=env.h(decl))
    assert r.status_code == 201, r.text
    r = c.post(f"/v1/declarations/{did}/feedback", json={"final_scores": list(final_scores)}, headers=env.h(rev))
    assert r.status_code == 201, r.text
    return r.json()


def test_unit_and_basic_statistics(env):
    rec = dev_record("E030")
    rows = [{"row": i + 1, "actual": x["actual"], "weight": float(str(x["weight"]).rstrip("%"))}
            for i, x in enumerate(rec["indicators"])]
    body_a = declaration_body(rec, year=2022, budget_wan=208)
    body_b = declaration_body(rec, year=2023, budget_wan=150)
    body_b["rows"][1]["value"] = "95"  # unit B declares 回收率 ≥ 95 %; its actual 98.70 % still meets it
    _cycle(env, "decl_a", "rev_a", body_a, rows)
    with env.session() as s, s.begin():
        assert learned_statistics(s, sector=rec["sector"]) == {}  # one unit is not an aggregate
        a = learned_statistics(s, sector=rec["sector"], unit_name=UNIT_A)
        assert a["创业担保贷款回收率"].value == "90" and a["创业担保贷款回收率"].scope == f"unit:{UNIT_A}"
        assert learned_statistics(s, sector=rec["sector"], unit_name=UNIT_B) == {}  # B learns nothing from A
    _cycle(env, "decl_b", "rev_b", body_b, rows, final_scores=[{"row": 1, "score": 12}])
    with env.session() as s, s.begin():
        basic = learned_statistics(s, sector=rec["sector"])
        other_sector = learned_statistics(s, sector="教育")
        b = learned_statistics(s, sector=rec["sector"], unit_name=UNIT_B)
    rate = basic["创业担保贷款回收率"]
    assert rate.scope == "basic" and rate.sector == rec["sector"] and rate.chosen_count == 2
    assert rate.value == "92.5"  # median of the declared 90 and 95
    assert rate.completion_rate == 1.0 and rate.success_share == 1.0  # 98.7 % meets both targets: full scores
    growth = basic["创业担保贷款发放额增长率"]
    # met by A (20 of 20); B's bureau cut it to 12 of 20: attainments 1.0 and 0.6
    assert growth.success_share == 0.5 and growth.completion_rate == pytest.approx((1.0 + 12 / 20) / 2)
    # the all-sector aggregate serves other sectors; a unit's own figures override the basic ones
    assert other_sector["创业担保贷款回收率"].sector == "" and other_sector["创业担保贷款回收率"].chosen_count == 2
    assert b["创业担保贷款回收率"].value == "95" and b["创业担保贷款回收率"].scope == f"unit:{UNIT_B}"
    # the API returns the same, scoped to the caller's unit
    api = env.client.get("/v1/library/learned", params={"sector": rec["sector"]}, headers=env.h("decl_b")).json()
    assert api["创业担保贷款回收率"]["value"] == "95"
    api = env.client.get("/v1/library/learned", params={"sector": rec["sector"]}, headers=env.h("sup")).json()
    assert api["创业担保贷款回收率"]["value"] == "92.5"


# ---------------------------------------------------------------- what the checker rejects is not learned

# D001 (武汉市青山区教育局 2020) as published, and the self-evaluation of its rows: weights add up to
# 100; the actuals are this test's inputs (D001 publishes none): every target reached.
D001_EVALUATION = [(1, "2", 15), (2, "100%", 15), (3, "参照政府采购成本控制", 10), (4, "100%", 15),
                   (5, "巩固提高", 15), (6, "持续改善", 10), (7, "93%", 20)]


def _d001_corrected(body: dict, findings: list[dict]) -> dict:
    """D001 as a declarant corrects it: the checker's own rewrites for UNIT-01/COST-01, and the
    two vague 效益 values (QNT-01) declared as what they are — 定性 indicators graded against a standard (达标:
    达成年度指标 on a 效益 row is itself vague since the checker's round 13)."""
    fixed = {**body, "year": 2021, "rows": [dict(r) for r in body["rows"]]}
    for f in findings:
        row = fixed["rows"][f["row"] - 1] if f.get("row") else None
        if f["severity"] != "error" or row is None:
            continue
        if f["rule_id"] == "QNT-01":
            row.update(operator="定性", value="达标", unit="")
        else:
            row.update({k: v for k, v in f["suggestion"].items() if k in ("operator", "value", "unit")})
    return fixed


def test_accepted_rows_reads_error_findings_on_target_and_placement_fields():
    findings = [{"severity": "error", "row": 3, "field": "value", "rule_id": "COST-01"},
                {"severity": "error", "row": 1, "field": "unit", "rule_id": "UNIT-01"},
                {"severity": "error", "row": 6, "field": "level1", "rule_id": "SAT-01"},
                {"severity": "warning", "row": 5, "field": "name", "rule_id": "QNT-02"},
                {"severity": "warning", "row": 2, "field": "value", "rule_id": "OP-01"},
                {"severity": "error", "row": None, "field": "weight", "rule_id": "STR-13"}]
    assert accepted_rows(findings) == {3: (False, True), 1: (False, True), 6: (True, False)}


def test_checker_rejected_targets_teach_no_typical_value(env):
    rec = dev_record("D001")
    body = declaration_body(rec, budget_wan=10000)
    rows = [{"row": r, "actual": a, "weight": w} for r, a, w in D001_EVALUATION]
    # the bureau finds one of the two works not accepted: 验收合格率 12 of 15 although 100 % was reported
    fb = _cycle(env, "decl_a", "rev_a", body, rows, final_scores=[{"row": 2, "score": 12}])
    assert fb["values_not_learned"] == ["第1行 重点建设工程安排数量: =2", "第3行 建设项目成本: 参照政府采购成本控制",
                                        "第5行 基础教育巩固提高情况: 巩固提高", "第6行 基础教育学校办学条件: 持续改善"]
    learned = env.client.get("/v1/library/learned", headers=env.h("decl_a")).json()
    assert set(learned) == {"重点建设工程安排数量", "重点建设工程验收合格率", "建设项目成本", "重点建设工程按期完成率",
                            "基础教育巩固提高情况", "基础教育学校办学条件", "学生家长社会满意度"}
    # COST-01 / QNT-01 / UNIT-01 targets: chosen and evaluated, but no typical value
    for name in ("建设项目成本", "基础教育巩固提高情况", "基础教育学校办学条件", "重点建设工程安排数量"):
        li = learned[name]
        assert (li["operator"], li["value"], li["unit"]) == ("", "", ""), name
        assert li["chosen_count"] == 1 and li["success_share"] == 1.0 and li["completion_rate"] == 1.0
    sat = learned["学生家长社会满意度"]
    assert (sat["operator"], sat["value"], sat["unit"]) == ("≥", "90", "%")
    # the user's case: 100 % reported against = 100 %, but the bureau gave 12 of 15 → both say "not fully met"
    q = learned["重点建设工程验收合格率"]
    assert (q["operator"], q["value"], q["unit"]) == ("=", "100", "%")
    assert q["success_share"] == 0.0 and q["completion_rate"] == pytest.approx(12 / 15)

    # next year the unit corrects the table; now the typical values are learned, the qualitative grade too
    fixed = _d001_corrected(body, env.client.post("/v1/declarations", json=body,
                                                  headers=env.h("decl_a")).json()["findings"])
    actuals = {3: "9650", 5: "达标", 6: "达标"}  # 万元 spent; the grades the unit reports
    fb = _cycle(env, "decl_a", "rev_a", fixed, [{**r, "actual": actuals.get(r["row"], r["actual"])} for r in rows])
    assert fb["values_not_learned"] == []
    learned = env.client.get("/v1/library/learned", headers=env.h("decl_a")).json()
    cost = learned["建设项目成本"]
    assert (cost["operator"], cost["value"], cost["unit"], cost["chosen_count"]) == ("≤", "10000", "万元", 2)
    assert cost["success_share"] == 1.0  # 9650 万元 within the ≤ 10000 万元 cap
    for name in ("基础教育巩固提高情况", "基础教育学校办学条件"):
        li = learned[name]
        assert (li["operator"], li["value"], li["chosen_count"]) == ("定性", "达标", 2), name
    count = learned["重点建设工程安排数量"]
    assert (count["operator"], count["value"], count["unit"]) == ("=", "2", "个")
    # 验收合格率 over both years: attainments 12/15 and 15/15
    q = learned["重点建设工程验收合格率"]
    assert q["success_share"] == 0.5 and q["completion_rate"] == pytest.approx((12 / 15 + 1) / 2)

    # the basic library: unit B declares the uncorrected table; the aggregate learns only A's corrected values
    _cycle(env, "decl_b", "rev_b", body, rows)
    with env.session() as s, s.begin():
        basic = learned_statistics(s, sector=rec["sector"])
        every = [*basic.values(), *learned_statistics(s, unit_name=UNIT_A).values(),
                 *learned_statistics(s, unit_name=UNIT_B).values()]
    assert (basic["建设项目成本"].value, basic["建设项目成本"].unit, basic["建设项目成本"].chosen_count) == (
        "10000", "万元", 3)
    assert basic["基础教育巩固提高情况"].value == "达标"
    # every learned statistic agrees with itself: fully met ⇔ completion 1.0, and never less complete than met
    assert len(every) == 7 + 7 + 7
    for li in every:
        assert (li.success_share == 1.0) == (li.completion_rate == pytest.approx(1.0)), li
        assert li.completion_rate >= li.success_share


def test_misplaced_indicator_teaches_its_value_but_not_its_placement(env):
    # D002 row 6: a 满意度 indicator filed under 效益指标 (SAT-01, error on level1); its target ≥ 85 % is fine
    rec = dev_record("D002")
    body = declaration_body(rec, budget_wan=250)
    rows = [{"row": 1, "actual": "10", "weight": 30}, {"row": 5, "actual": "238", "weight": 30},
            {"row": 6, "actual": "88%", "weight": 20}, {"row": 7, "actual": "91%", "weight": 20}]
    fb = _cycle(env, "decl_b", "rev_b", body, rows)
    assert fb["values_not_learned"] == []
    learned = env.client.get("/v1/library/learned", headers=env.h("decl_b")).json()
    misplaced = learned["服务周期内市民对空气质量改善的满意程度"]
    assert (misplaced["operator"], misplaced["value"], misplaced["unit"]) == ("≥", "85", "%")
    assert (misplaced["level1"], misplaced["level2"]) == ("", "")
    assert (learned["市民满意度"]["level1"], learned["市民满意度"]["level2"]) == ("satisfaction", "beneficiary_satisfaction")
