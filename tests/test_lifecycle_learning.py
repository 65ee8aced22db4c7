"""结果反馈 learning: unit libraries learn per unit, the basic library only from aggregates.

Two units declare, evaluate and get feedback on the real E030 table (one of
them with a higher 回收率 target); the statistics are checked through
`learned_for` and the API. Runs on SQLite and, when configured, PostgreSQL.
"""
from __future__ import annotations

import pytest

from kb.lifecycle.learning import learned_for
from tests.lifecycle_fixtures import *  # noqa: F401,F403
from tests.lifecycle_fixtures import UNIT_A, UNIT_B, declaration_body, dev_record


def _cycle(env, decl: str, rev: str, body: dict, rows: list[dict], final_scores=()) -> None:
    c = env.client
    did = c.post("/v1/declarations", json=body, headers=env.h(decl)).json()["id"]
    c.post(f"/v1/declarations/{did}/submit", headers=env.h(decl))
    assert c.post(f"/v1/declarations/{did}/approve", json={}, headers=env.h(rev)).status_code == 200
    assert c.post(f"/v1/declarations/{did}/evaluation", json={"rows": rows}, headers=env.h(decl)).status_code == 201
    r = c.post(f"/v1/declarations/{did}/feedback", json={"final_scores": list(final_scores)}, headers=env.h(rev))
    assert r.status_code == 201, r.text


def test_unit_and_basic_statistics(env):
    rec = dev_record("E030")
    rows = [{"row": i + 1, "actual": x["actual"], "weight": float(str(x["weight"]).rstrip("%"))}
            for i, x in enumerate(rec["indicators"])]
    body_a = declaration_body(rec, year=2022, budget_wan=208)
    body_b = declaration_body(rec, year=2023, budget_wan=150)
    body_b["rows"][1]["value"] = "95"  # unit B declares 回收率 ≥ 95 %; its actual 98.70 % still meets it
    _cycle(env, "decl_a", "rev_a", body_a, rows)
    with env.session() as s, s.begin():
        assert learned_for(s, sector=rec["sector"]) == {}  # one unit is not an aggregate
        a = learned_for(s, sector=rec["sector"], unit_name=UNIT_A)
        assert a["创业担保贷款回收率"].value == "90" and a["创业担保贷款回收率"].scope == f"unit:{UNIT_A}"
        assert learned_for(s, sector=rec["sector"], unit_name=UNIT_B) == {}  # B learns nothing from A
    _cycle(env, "decl_b", "rev_b", body_b, rows, final_scores=[{"row": 1, "score": 12}])
    with env.session() as s, s.begin():
        basic = learned_for(s, sector=rec["sector"])
        other_sector = learned_for(s, sector="教育")
        b = learned_for(s, sector=rec["sector"], unit_name=UNIT_B)
    rate = basic["创业担保贷款回收率"]
    assert rate.scope == "basic" and rate.sector == rec["sector"] and rate.chosen_count == 2
    assert rate.value == "92.5"  # median of the declared 90 and 95
    assert rate.completion_rate == pytest.approx((98.7 / 90 + 98.7 / 95) / 2) and rate.success_share == 1.0
    growth = basic["创业担保贷款发放额增长率"]
    assert growth.success_share == 0.5  # met by A; B's bureau cut it to 12 of 20
    # the all-sector aggregate serves other sectors; a unit's own figures override the basic ones
    assert other_sector["创业担保贷款回收率"].sector == "" and other_sector["创业担保贷款回收率"].chosen_count == 2
    assert b["创业担保贷款回收率"].value == "95" and b["创业担保贷款回收率"].scope == f"unit:{UNIT_B}"
    # the API returns the same, scoped to the caller's unit
    api = env.client.get("/v1/library/learned", params={"sector": rec["sector"]}, headers=env.h("decl_b")).json()
    assert api["创业担保贷款回收率"]["value"] == "95"
    api = env.client.get("/v1/library/learned", params={"sector": rec["sector"]}, headers=env.h("sup")).json()
    assert api["创业担保贷款回收率"]["value"] == "92.5"
