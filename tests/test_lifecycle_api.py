"""Lifecycle API on real declarations: declare → check → review → monitor → evaluate → feedback.

Runs on SQLite and, when JIXIAO_TEST_POSTGRES_URL is set, on PostgreSQL.
Bodies are built from ../shared/data/declarations/dev.jsonl records.
"""
from __future__ import annotations

import pytest

from tests.lifecycle_fixtures import *  # noqa: F401,F403
from tests.lifecycle_fixtures import UNIT_A, declaration_body, dev_record


def _approved(env, body: dict, who: str = "decl_a", reviewer: str = "rev_a") -> int:
    """Declare, submit and approve `body`; a version with checker errors is approved
    only after the reviewer acknowledges them (409 listing them before)."""
    c = env.client
    r = c.post("/v1/declarations", json=body, headers=env.h(who))
    assert r.status_code == 201, r.text
    did = r.json()["id"]
    errors = [f for f in r.json()["findings"] if f["severity"] == "error"]
    assert c.post(f"/v1/declarations/{did}/submit", headers=env.h(who)).json()["open_errors"] == errors
    r = c.post(f"/v1/declarations/{did}/approve", json={}, headers=env.h(reviewer))
    if errors:
        assert r.status_code == 409 and r.json()["detail"]["open_errors"] == errors
        r = c.post(f"/v1/declarations/{did}/approve", json={"acknowledge_findings": True}, headers=env.h(reviewer))
    assert r.status_code == 200, r.text
    return did


def test_declare_real_project_returns_id_and_checker_findings(env):
    from kb.checker import check_declaration
    from kb.domain.schema import Declaration

    rec = dev_record("D001")
    body = declaration_body(rec, budget_wan=10000)
    r = env.client.post("/v1/declarations", json=body, headers=env.h("decl_a"))
    assert r.status_code == 201, r.text
    out = r.json()
    assert isinstance(out["id"], int) and out["state"] == "draft" and out["version"] == 1
    assert out["unit_name"] == UNIT_A  # from the key, not from the body
    expected = check_declaration(Declaration.from_record({**rec, "budget_wan": 10000})).model_dump(mode="json")["findings"]
    assert out["findings"] == expected and out["findings"]
    assert out["error_count"] == sum(f["severity"] == "error" for f in expected) > 0
    # '持续改善' / '巩固提高' are vague values: the checker flags those rows
    flagged = {f["row"] for f in out["findings"] if f["rule_id"] == "QNT-01"}
    names = {i + 1: r["name"] for i, r in enumerate(body["rows"])}
    assert {names[i] for i in flagged if i in names} >= {"基础教育巩固提高情况", "基础教育学校办学条件"}
    got = env.client.get(f"/v1/declarations/{out['id']}", headers=env.h("decl_a")).json()
    assert got["rows"] == out["rows"] and [r["name"] for r in got["rows"]] == [r["name"] for r in body["rows"]]


def test_state_machine_versions_and_audit(env):
    c, rec = env.client, dev_record("D001")
    body = declaration_body(rec, budget_wan=10000)
    did = c.post("/v1/declarations", json=body, headers=env.h("decl_a")).json()["id"]
    url = f"/v1/declarations/{did}"
    r = c.post(f"{url}/approve", json={}, headers=env.h("rev_a"))  # draft
    # the states and actions by their Chinese labels, not "申报状态为 draft，不能执行 approve"
    assert r.status_code == 409 and r.json()["detail"] == "申报状态为“草稿”，不能审核通过（只有“已提交待审核”的申报可以审核通过）"
    r = c.post(f"{url}/approve", json={}, headers=env.h("decl_a"))
    assert r.status_code == 403 and r.json()["detail"] == "角色“申报人员”无权执行此操作"
    assert c.post(f"{url}/submit", headers=env.h("decl_a")).json()["state"] == "submitted"
    r = c.post(f"{url}/submit", headers=env.h("decl_a"))
    assert r.status_code == 409 and r.json()["detail"].startswith("申报状态为“已提交待审核”，不能提交（只有“草稿”或“已退回”")
    assert c.put(url, json=body, headers=env.h("decl_a")).status_code == 409  # submitted: no edits
    r = c.post(f"{url}/return", json={"comment": " "}, headers=env.h("rev_a"))
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "comment"]
    r = c.post(f"{url}/return", json={"comment": "“持续改善”未量化，请修改"}, headers=env.h("rev_a"))
    assert r.json()["state"] == "returned" and r.json()["reviews"][0]["comment"] == "“持续改善”未量化，请修改"
    assert c.post(f"{url}/monitoring", json={"period_end": "2020-06-30", "indicators": []},
                  headers=env.h("decl_a")).status_code == 409  # not approved
    fixed = dict(body)
    fixed["rows"] = [dict(r) for r in body["rows"]]
    for r in fixed["rows"]:
        if r["value"] in ("巩固提高", "持续改善"):
            r["operator"], r["value"], r["unit"] = "定性", "达标", ""   # a grade against a standard (达成年度指标 is vague on 效益)
    before_errors = c.get(url, headers=env.h("decl_a")).json()["error_count"]
    v2 = c.put(url, json=fixed, headers=env.h("decl_a")).json()
    assert v2["version"] == 2 and v2["state"] == "draft"
    assert not any(f["rule_id"] == "QNT-01" and f["row"] in (5, 6) for f in v2["findings"])
    assert v2["error_count"] < before_errors
    assert c.post(f"{url}/submit", headers=env.h("decl_a")).json()["state"] == "submitted"
    # v2 still has errors (UNIT-01 on row 1, COST-01 on row 3): approving needs the reviewer's acknowledgement
    assert {(f["rule_id"], f["row"]) for f in v2["open_errors"]} == {("UNIT-01", 1), ("COST-01", 3)}
    assert c.post(f"{url}/approve", json={"comment": "同意"}, headers=env.h("rev_a")).status_code == 409
    assert c.get(url, headers=env.h("decl_a")).json()["state"] == "submitted"
    assert c.post(f"{url}/approve", json={"comment": "同意", "acknowledge_findings": True},
                  headers=env.h("rev_a")).json()["state"] == "approved"
    assert c.post(f"{url}/return", json={"comment": "x"}, headers=env.h("rev_a")).status_code == 409
    assert c.put(url, json=fixed, headers=env.h("decl_a")).status_code == 409
    audit = c.get("/v1/admin/audit", params={"entity": "declaration", "entity_id": str(did)},
                  headers=env.h("admin")).json()
    actions = [a["action"] for a in reversed(audit)]
    assert actions == ["declaration.create", "declaration.submit", "declaration.return", "declaration.update",
                       "declaration.submit", "declaration.approve"]
    ret = next(a for a in audit if a["action"] == "declaration.return")
    assert ret["before"]["state"] == "submitted" and ret["after"]["state"] == "returned"
    assert ret["role"] == "reviewer" and ret["unit_name"] == UNIT_A and ret["key_id"] is not None
    upd = next(a for a in audit if a["action"] == "declaration.update")
    assert upd["before"]["version"] == 1 and upd["after"]["version"] == 2
    assert "持续改善" in str(upd["before"]["rows"]) and "持续改善" not in str(upd["after"]["rows"])


def test_submit_warns_and_approve_needs_acknowledged_findings(env):
    c, rec = env.client, dev_record("D001")
    out = c.post("/v1/declarations", json=declaration_body(rec, budget_wan=10000), headers=env.h("decl_a")).json()
    url = f"/v1/declarations/{out['id']}"
    errors = [f for f in out["findings"] if f["severity"] == "error"]
    # the real D001 table: 2 without unit, 成本 '参照政府采购成本控制', '巩固提高', '持续改善'
    assert [(f["rule_id"], f["row"]) for f in errors] == [("UNIT-01", 1), ("COST-01", 3), ("QNT-01", 5), ("QNT-01", 6)]
    sub = c.post(f"{url}/submit", headers=env.h("decl_a"))
    assert sub.status_code == 200 and sub.json()["state"] == "submitted"
    assert sub.json()["open_errors"] == errors
    warning = sub.json()["warning"]
    assert "4 个错误级审核发现" in warning and "审核人员须确认" in warning and "acknowledge_findings" not in warning
    assert "第3行 COST-01" in warning and "第5行 QNT-01" in warning
    # approving without acknowledging: 409 with the list, nothing changes
    r = c.post(f"{url}/approve", json={"comment": "同意"}, headers=env.h("rev_a"))
    assert r.status_code == 409
    assert r.json()["detail"]["open_errors"] == errors and "确认这些发现后再审核通过" in r.json()["detail"]["msg"]
    assert "acknowledge_findings" not in r.json()["detail"]["msg"]  # the page's words, not the field's name
    assert c.post(f"{url}/approve", headers=env.h("rev_a")).status_code == 409  # no body at all
    assert c.get(url, headers=env.h("rev_a")).json()["state"] == "submitted"
    ok = c.post(f"{url}/approve", json={"comment": "成本另行核定", "acknowledge_findings": True}, headers=env.h("rev_a"))
    assert ok.status_code == 200 and ok.json()["state"] == "approved"
    review = ok.json()["reviews"][-1]
    assert [(f["rule_id"], f["row"]) for f in review["acknowledged_findings"]] == [(f["rule_id"], f["row"]) for f in errors]
    audit = c.get("/v1/admin/audit", params={"entity": "declaration", "entity_id": str(out["id"])},
                  headers=env.h("admin")).json()
    actions = [a["action"] for a in reversed(audit)]
    assert actions == ["declaration.create", "declaration.submit", "declaration.approve"]
    assert len(audit[0]["after"]["acknowledged_findings"]) == 4 and audit[0]["role"] == "reviewer"
    assert len(audit[1]["after"]["open_errors"]) == 4
    # a table without error-level findings (E030: warnings only) is approved without acknowledging
    e030 = c.post("/v1/declarations", json=declaration_body(dev_record("E030"), year=2022, budget_wan=208),
                  headers=env.h("decl_a")).json()
    assert e030["error_count"] == 0 and e030["open_errors"] == [] and e030["warning"] is None
    c.post(f"/v1/declarations/{e030['id']}/submit", headers=env.h("decl_a"))
    r = c.post(f"/v1/declarations/{e030['id']}/approve", json={}, headers=env.h("rev_a"))
    assert r.status_code == 200 and r.json()["reviews"][-1]["acknowledged_findings"] == []


def test_monitoring_real_d002_mid_year(env):
    c, rec = env.client, dev_record("D002")
    did = _approved(env, declaration_body(rec, budget_wan=250))
    rows = {r["name"]: i + 1 for i, r in enumerate(declaration_body(rec)["rows"])}
    body = {"period_end": "2023-09-30", "budget_executed_wan": 120,
            "indicators": [{"name": "雾炮车降尘抑尘服务配备车辆数", "actual": "10"},
                           {"row": rows["控制在预算成本内"], "actual": "120"},
                           {"row": rows["服务周期内空气质量"], "actual": "优良 "},
                           {"row": rows["市民满意度"], "actual": "60", "expected_unachievable": True,
                            "reason": "调查样本不足，第四季度补充问卷"}]}
    r = c.post(f"/v1/declarations/{did}/monitoring", json=body, headers=env.h("decl_a"))
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["time_progress"] == pytest.approx(273 / 365)
    lights = {i["name"]: i["light"] for i in out["indicators"]}
    assert lights == {"雾炮车降尘抑尘服务配备车辆数": "green", "控制在预算成本内": "green",
                      "服务周期内空气质量": "green", "市民满意度": "red"}
    assert out["budget"]["execution_rate"] == pytest.approx(120 / 250) and out["budget"]["light"] == "yellow"
    # the counts include the budget execution light (120/250 = 0.48 at 273/365 of the year → 0.64: yellow)
    assert out["lights"] == {"green": 3, "yellow": 1, "red": 1}
    assert out["indicator_lights"] == {"green": 3, "yellow": 0, "red": 1} and out["budget_light"] == "yellow"
    assert sorted(out["not_reported"]) == sorted(set(rows.values()) - {1, rows["控制在预算成本内"],
                                                                       rows["服务周期内空气质量"], rows["市民满意度"]})
    listed = c.get(f"/v1/declarations/{did}/monitoring", headers=env.h("rev_a")).json()
    assert len(listed) == 1 and listed[0]["lights"] == out["lights"]
    # a report stored before the budget light was counted is read with complete counts
    from kb.lifecycle.models import MonitoringReport

    with env.session() as s, s.begin():
        rep = s.get(MonitoringReport, out["id"])
        rep.result = {k: v for k, v in rep.result.items() if k not in ("indicator_lights", "budget_light")} | {
            "lights": out["indicator_lights"]}
    old = c.get(f"/v1/declarations/{did}/monitoring", headers=env.h("rev_a")).json()[0]
    assert (old["lights"], old["indicator_lights"], old["budget_light"]) == (
        out["lights"], out["indicator_lights"], "yellow")
    # 预计无法完成 without a reason; unknown rows; a period outside the year → 422 naming the field
    bad = {"period_end": "2023-09-30", "indicators": [{"row": 1, "actual": "3", "expected_unachievable": True}]}
    r = c.post(f"/v1/declarations/{did}/monitoring", json=bad, headers=env.h("decl_a"))
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "indicators[1].reason"]
    r = c.post(f"/v1/declarations/{did}/monitoring", json={"period_end": "2023-09-30",
               "indicators": [{"row": 99, "actual": "1"}]}, headers=env.h("decl_a"))
    assert r.status_code == 422 and "indicators[1].row" in str(r.json())
    r = c.post(f"/v1/declarations/{did}/monitoring", json={"period_end": "2024-02-01", "indicators": []},
               headers=env.h("decl_a"))
    assert r.status_code == 422 and "period_end" in str(r.json())
    assert len(c.get(f"/v1/declarations/{did}/monitoring", headers=env.h("rev_a")).json()) == 1


def _e030_evaluation_body(rec: dict, scale: float = 1.0) -> dict:
    """E030's published actuals and weights (they add up to 100); `scale` 0.9 leaves room
    for the 10-point 预算执行率 line (财预〔2020〕10号: 90 + 10)."""
    return {"rows": [{"row": i + 1, "actual": r["actual"], "weight": float(str(r["weight"]).rstrip("%")) * scale,
                      "deviation_reason": r.get("deviation_reason") or ""}
                     for i, r in enumerate(rec["indicators"])]}


def test_evaluation_reproduces_real_e030_and_feedback(env):
    c, rec = env.client, dev_record("E030")
    did = _approved(env, declaration_body(rec, year=2022, budget_wan=208))
    url = f"/v1/declarations/{did}"
    assert c.post(f"{url}/feedback", json={}, headers=env.h("rev_a")).status_code == 409  # nothing evaluated
    r = c.post(f"{url}/evaluation", json=_e030_evaluation_body(rec), headers=env.h("decl_a"))
    assert r.status_code == 201, r.text
    ev = r.json()
    published = [float(x["score"]) for x in rec["indicators"]]
    assert [round(i["score"], 6) for i in ev["items"]] == published
    assert ev["total"] == pytest.approx(100) and ev["grade"] == "优"
    assert [i["name"] for i in ev["items"] if i["warnings"]] == ["创业担保贷款发放额增长率", "创业担保基金放大倍数"]
    # weights adding up to 95, plus the 10-point 预算执行率 line: 105, refused, naming rows
    body = _e030_evaluation_body(rec, scale=0.95)
    body["budget_executed_wan"] = 109.8
    r = c.post(f"{url}/evaluation", json=body, headers=env.h("decl_a"))
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "rows"]
    assert "105" in r.json()["detail"][0]["msg"] and "90" in r.json()["detail"][0]["msg"]
    assert c.get(f"{url}/evaluation", headers=env.h("sup")).json()["id"] == ev["id"]  # the first one stays
    # the published weights (100, as STR-13 wants them at 事前) with the 预算执行率 line: scaled to 90, said so
    body = _e030_evaluation_body(rec)
    body["budget_executed_wan"] = 109.8
    r = c.post(f"{url}/evaluation", json=body, headers=env.h("decl_a"))
    assert r.status_code == 201, r.text
    published = [float(str(x["weight"]).rstrip("%")) for x in rec["indicators"]]
    assert [i["weight"] for i in r.json()["items"] if i["row"]] == pytest.approx([w * 0.9 for w in published])
    assert r.json()["total"] == round(90 + 10 * 109.8 / 208, 2)  # answered with 2 decimals
    assert any("折算为 90 分" in w for w in r.json()["warnings"]), r.json()["warnings"]
    # 90 + 10: the indicators scaled to 90 points and the real budget execution (109.8 of 208 万元)
    body = _e030_evaluation_body(rec, scale=0.9)
    body["budget_executed_wan"] = 109.8
    ev2 = c.post(f"{url}/evaluation", json=body, headers=env.h("decl_a")).json()
    line = next(i for i in ev2["items"] if i["row"] == 0)
    # scores are answered with 2 decimals (they came back as 5.278846153846154)
    assert line["score"] == round(10 * 109.8 / 208, 2) == 5.28 and ev2["total_weight"] == pytest.approx(100)
    assert ev2["total"] == ev2["percent"] == round(90 + 10 * 109.8 / 208, 2) and ev2["grade"] == "优"
    assert all(round(x[k], 2) == x[k] for x in ev2["items"] for k in ("score", "score_low", "score_high"))
    assert c.get(f"{url}/evaluation", headers=env.h("sup")).json()["id"] == ev2["id"]
    # feedback: final score above the row's weight (18 after scaling) → 422; then stored, learned, once only
    r = c.post(f"{url}/feedback", json={"final_scores": [{"row": 1, "score": 25}]}, headers=env.h("rev_a"))
    assert r.status_code == 422 and "final_scores[1].score" in str(r.json())
    assert "第 1 行“创业担保贷款发放额增长率”" in r.json()["detail"][0]["msg"]
    fb = c.post(f"{url}/feedback", json={"final_total": 92, "final_scores": [{"row": 1, "score": 16}],
                                          "comments": "增长率目标明显偏低，下年度调高", "budget_adjustment_wan": -20},
                headers=env.h("rev_a"))
    assert fb.status_code == 201, fb.text
    assert fb.json()["final_grade"] == "优" and len(fb.json()["learned"]) == 9
    assert fb.json()["values_not_learned"] == []  # E030's targets pass the checker (warnings only)
    assert c.post(f"{url}/feedback", json={}, headers=env.h("rev_a")).status_code == 409
    assert c.post(f"{url}/evaluation", json=body, headers=env.h("decl_a")).status_code == 409
    learned = c.get("/v1/library/learned", headers=env.h("decl_a")).json()
    li = learned["创业担保贷款回收率"]
    assert (li["operator"], li["value"], li["unit"], li["chosen_count"]) == ("≥", "90", "%", 1)
    assert li["success_share"] == 1.0 and li["completion_rate"] == 1.0  # 98.7 % against ≥ 90 %: full score
    # the bureau cut 增长率 to 16 of its 18 points although the actual (115.25 %) is far above the
    # target: both statistics follow the final score, so neither claims it was fully met
    growth = learned["创业担保贷款发放额增长率"]
    assert growth["success_share"] == 0.0 and growth["completion_rate"] == pytest.approx(16 / 18)
    assert li["scope"] == f"unit:{UNIT_A}"


def test_evaluation_is_all_or_nothing(env):
    c, rec = env.client, dev_record("E030")
    did = _approved(env, declaration_body(rec, year=2022))
    body = _e030_evaluation_body(rec)
    body["rows"][3]["actual"] = "差不多"  # '=100%' row with an actual nobody can score
    r = c.post(f"/v1/declarations/{did}/evaluation", json=body, headers=env.h("decl_a"))
    # the location and the message both count from 1 (rows[4] is the fourth item)
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "rows[4].tier"]
    assert "第 4 行“地方配套到位率”：" in r.json()["detail"][0]["msg"]
    # rows given out of order: the message names both the declaration row and the item, from 1
    body2 = _e030_evaluation_body(dev_record("E030"))
    body2["rows"] = [body2["rows"][3]] + body2["rows"][:3] + body2["rows"][4:]
    body2["rows"][0]["actual"] = "差不多"
    r = c.post(f"/v1/declarations/{did}/evaluation", json=body2, headers=env.h("decl_a"))
    assert r.json()["detail"][0]["loc"] == ["body", "rows[1].tier"]
    assert "第 4 行“地方配套到位率”（指标行第 1 项）：" in r.json()["detail"][0]["msg"]
    body2["rows"][0]["row"] = 12
    r = c.post(f"/v1/declarations/{did}/evaluation", json=body2, headers=env.h("decl_a"))
    assert r.json()["detail"][0]["loc"] == ["body", "rows[1].row"]
    assert "指标行第 1 项：申报中没有第 12 行（共 9 行）" in r.json()["detail"][0]["msg"]
    assert c.get(f"/v1/declarations/{did}/evaluation", headers=env.h("decl_a")).status_code == 404
    audit = c.get("/v1/admin/audit", params={"entity_id": str(did)}, headers=env.h("admin")).json()
    assert "evaluation.create" not in [a["action"] for a in audit]


def test_public_summary_per_department(env):
    c, e030 = env.client, dev_record("E030")
    d1 = _approved(env, declaration_body(e030, year=2022, budget_wan=208))
    # mid-year report (54.9 万元 by 30 June), then the year-end evaluation with the published 109.8 万元
    assert c.post(f"/v1/declarations/{d1}/monitoring", json={"period_end": "2022-06-30", "budget_executed_wan": 54.9,
                  "indicators": []}, headers=env.h("decl_a")).status_code == 201
    assert c.post(f"/v1/declarations/{d1}/evaluation", json={**_e030_evaluation_body(e030, scale=0.9),
                  "budget_executed_wan": 109.8}, headers=env.h("decl_a")).status_code == 201
    # a re-evaluation without the budget line does not bring the mid-year figure back
    assert c.post(f"/v1/declarations/{d1}/evaluation", json=_e030_evaluation_body(e030),
                  headers=env.h("decl_a")).status_code == 201
    d2 = _approved(env, declaration_body(dev_record("D002"), budget_wan=250), who="decl_b", reviewer="rev_b")
    c.post(f"/v1/declarations/{d2}/monitoring", json={"period_end": "2023-06-30", "budget_executed_wan": 100,
                                                      "indicators": []}, headers=env.h("decl_b"))
    draft = c.post("/v1/declarations", json=declaration_body(dev_record("D001"), budget_wan=10000),
                   headers=env.h("decl_a")).json()
    s = c.get("/v1/public/summary", headers=env.h("decl_b")).json()
    deps = {(d["unit_name"], d["department"]): d for d in s["departments"]}
    assert len(deps) == 2  # the draft is not public
    a = deps[(UNIT_A, e030["department"])]
    assert a["budget_wan"] == 208 and a["executed_wan"] == pytest.approx(109.8)
    assert a["execution_rate"] == pytest.approx(109.8 / 208) and a["grades"]["优"] == 1
    assert a["executed_from"] == {"feedback": 0, "evaluation": 1, "monitoring": 0}
    [p] = a["projects"]
    assert (p["declaration_id"], p["executed_wan"], p["executed_source"], p["executed_source_label"]) == (
        d1, pytest.approx(109.8), "evaluation", "事后评价")
    got = c.get(f"/v1/declarations/{d1}", headers=env.h("decl_a")).json()
    assert a["checker_errors"] == got["error_count"]
    b = next(d for k, d in deps.items() if k[0] != UNIT_A)
    assert b["executed_wan"] == 100 and sum(b["grades"].values()) == 0
    assert b["executed_from"] == {"feedback": 0, "evaluation": 0, "monitoring": 1}
    assert (b["projects"][0]["executed_source"], b["projects"][0]["executed_as_of"]) == ("monitoring", "2023-06-30")
    assert draft["id"] not in (d1, d2)
    assert c.get("/v1/public/summary", params={"year": 2022}, headers=env.h("sup")).json()["departments"][0][
        "budget_wan"] == 208
    # the bureau's confirmed figure in the feedback comes first
    fb = c.post(f"/v1/declarations/{d1}/feedback", json={"final_total": 100, "budget_executed_wan": 109.8},
                headers=env.h("rev_a"))
    assert fb.status_code == 201 and fb.json()["budget_executed_wan"] == 109.8
    a = next(d for d in c.get("/v1/public/summary", headers=env.h("sup")).json()["departments"]
             if d["unit_name"] == UNIT_A)
    assert a["executed_from"] == {"feedback": 1, "evaluation": 0, "monitoring": 0}
    assert a["projects"][0]["executed_source_label"] == "结果反馈" and a["executed_wan"] == pytest.approx(109.8)


def test_openapi_documents_every_lifecycle_endpoint_with_examples(env):
    spec = env.client.get("/openapi.json").json()
    paths = spec["paths"]
    expected = {
        ("/v1/declarations", "post"), ("/v1/declarations", "get"), ("/v1/declarations/{decl_id}", "get"),
        ("/v1/declarations/{decl_id}", "put"), ("/v1/declarations/{decl_id}/submit", "post"),
        ("/v1/declarations/{decl_id}/return", "post"), ("/v1/declarations/{decl_id}/approve", "post"),
        ("/v1/declarations/{decl_id}/monitoring", "post"), ("/v1/declarations/{decl_id}/monitoring", "get"),
        ("/v1/declarations/{decl_id}/evaluation", "post"), ("/v1/declarations/{decl_id}/evaluation", "get"),
        ("/v1/declarations/{decl_id}/feedback", "post"), ("/v1/public/summary", "get"),
        ("/v1/admin/keys", "post"), ("/v1/admin/keys", "get"), ("/v1/admin/keys/{key_id}", "delete"),
        ("/v1/admin/audit", "get"), ("/v1/admin/library/changes", "post"),
        ("/v1/library/indicators", "get"), ("/v1/library/learned", "get")}
    for path, method in expected:
        op = paths[path][method]
        assert op.get("summary") and op.get("tags"), (path, method)
        assert {"APIKeyHeader": []} in op.get("security", []) or spec.get("security"), (path, method)
    schemas = spec["components"]["schemas"]
    for name in ("DeclarationIn", "MonitoringIn", "EvaluationIn", "FeedbackIn", "ReviewIn", "KeyIn",
                 "LibraryChangeIn"):
        assert schemas[name].get("examples"), name
    assert "重点建设工程安排数量" in str(schemas["DeclarationIn"]["examples"])


def _with_weights(rec: dict, body: dict) -> dict:
    """`body` with each row's published 分值 ("20%" → 20) as declared at 事前申报."""
    ws = [float(str(r["weight"]).rstrip("%")) for r in rec["indicators"] if (r.get("name") or "").strip()]
    return {**body, "rows": [{**r, "weight": w} for r, w in zip(body["rows"], ws)]}


def test_declared_weights_are_stored_returned_exported_and_scored(env):
    import io

    from openpyxl import load_workbook

    c, rec = env.client, dev_record("E030")
    body = _with_weights(rec, declaration_body(rec, year=2022, budget_wan=208))
    declared = [r["weight"] for r in body["rows"]]
    assert sum(declared) == 100
    r = c.post("/v1/declarations", json=body, headers=env.h("decl_a"))
    assert r.status_code == 201, r.text
    did = r.json()["id"]
    assert [x["weight"] for x in r.json()["rows"]] == declared
    assert "STR-13" not in {f["rule_id"] for f in r.json()["findings"]}  # the checker reads the stored weights
    assert [x["weight"] for x in c.get(f"/v1/declarations/{did}", headers=env.h("decl_a")).json()["rows"]] == declared
    assert [x["weight"] for x in c.get(f"/v1/declarations/{did}/versions/1", headers=env.h("decl_a")).json()["rows"]] \
        == declared
    ws = load_workbook(io.BytesIO(c.get(f"/v1/declarations/{did}/xlsx", headers=env.h("decl_a")).content)).active
    cells = [[x.value for x in row] for row in ws.iter_rows()]
    hdr = next(i for i, row in enumerate(cells) if row[:3] == ["一级指标", "二级指标", "三级指标"])
    assert cells[hdr][7] == "分值" and [f"{row[7]:g}" for row in cells[hdr + 1:hdr + 1 + len(declared)]] == [f"{w:g}" for w in declared]
    # 事后评价 without weights scores with the declared ones: the published scores come back
    did = _approved(env, body)
    ev_body = _e030_evaluation_body(rec)
    for row in ev_body["rows"]:
        del row["weight"]
    ev = c.post(f"/v1/declarations/{did}/evaluation", json=ev_body, headers=env.h("decl_a"))
    assert ev.status_code == 201, ev.text
    assert [i["weight"] for i in ev.json()["items"]] == declared
    assert [round(i["score"], 6) for i in ev.json()["items"]] == [float(x["score"]) for x in rec["indicators"]]
    # the same declared weights (they pass STR-13) with the 预算执行率 line: 90 + 10, not 422
    ev_body["budget_executed_wan"] = 208
    ev = c.post(f"/v1/declarations/{did}/evaluation", json=ev_body, headers=env.h("decl_a"))
    assert ev.status_code == 201, ev.text
    assert [i["weight"] for i in ev.json()["items"]] == pytest.approx([10.0] + [w * 0.9 for w in declared])
    assert ev.json()["total_weight"] == pytest.approx(100) and ev.json()["total"] == pytest.approx(100)


def test_weight_out_of_range_is_422_and_missing_weight_needs_one(env):
    c, rec = env.client, dev_record("E030")
    body = declaration_body(rec, year=2022, budget_wan=208)
    for bad in (1e308, -1, 100.5):
        wrong = {**body, "rows": [{**body["rows"][0], "weight": bad}] + body["rows"][1:]}
        r = c.post("/v1/declarations", json=wrong, headers=env.h("decl_a"))
        assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "rows[1].weight"], r.text
    r = c.post("/v1/declarations/check", json={**body, "rows": [{**body["rows"][0], "weight": 1e308}]},
               headers=env.h("decl_a"))
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "rows[1].weight"], r.text
    # no weight declared and none given at 事后评价: 422 naming the item's weight
    did = _approved(env, body)
    ev_body = _e030_evaluation_body(rec)
    del ev_body["rows"][2]["weight"]
    r = c.post(f"/v1/declarations/{did}/evaluation", json=ev_body, headers=env.h("decl_a"))
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "rows[3].weight"], r.text
    ev_body["rows"][2]["weight"] = 1e308
    r = c.post(f"/v1/declarations/{did}/evaluation", json=ev_body, headers=env.h("decl_a"))
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "rows[3].weight"], r.text


def test_monitoring_asks_for_its_period_and_some_content(env):
    c, rec = env.client, dev_record("D002")
    did = _approved(env, declaration_body(rec, year=2023, budget_wan=250))
    url = f"/v1/declarations/{did}/monitoring"
    r = c.post(url, json={}, headers=env.h("decl_a"))
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "period_end"]
    assert r.json()["detail"][0]["msg"] == "监控期间（期末日期）：缺少必填字段"
    r = c.post(url, json={"period_end": "2023-06-30"}, headers=env.h("decl_a"))
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "indicators"]
    assert "监控报告是空的" in r.json()["detail"][0]["msg"]
    assert c.get(url, headers=env.h("decl_a")).json() == []  # nothing stored


def test_scientific_notation_or_a_huge_target_is_422_naming_the_value(env):
    c, rec = env.client, dev_record("D002")
    body = declaration_body(rec, year=2023, budget_wan=250)
    for bad, word in (("1e308", "科学计数法"), ("≥1.2e4", "科学计数法"), ("99999999999999", "1 万亿")):
        wrong = {**body, "rows": body["rows"][:1] + [{**body["rows"][1], "value": bad}] + body["rows"][2:]}
        r = c.post("/v1/declarations", json=wrong, headers=env.h("decl_a"))
        assert r.status_code == 422, r.text
        d = r.json()["detail"][0]
        assert d["loc"] == ["body", "rows[2].value"] and word in d["msg"], r.text
        # the checker endpoint reports the same rule as an error finding on that row
        r = c.post("/v1/declarations/check", json=wrong, headers=env.h("decl_a"))
        f = {(x["row"], x["rule_id"]): x for x in r.json()["findings"]}
        assert f[(2, "QNT-04")]["severity"] == "error" and word in f[(2, "QNT-04")]["message"]


def test_a_json_number_for_a_value_is_taken_as_its_text(env):
    """`"value": 12` in a row was refused ("应为文本"); a number is the value's text, NaN stays a 422."""
    import json as _json

    rec = dev_record("D002")
    body = declaration_body(rec, year=2023, budget_wan=100)
    i, row = next((i, r) for i, r in enumerate(body["rows"]) if r["name"] == "雾炮车降尘抑尘服务配备车辆数")
    body["rows"][i] = {**row, "value": float(row["value"])}  # "10" sent as the number 10.0
    r = env.client.post("/v1/declarations", json=body, headers=env.h("decl_a"))
    assert r.status_code == 201, r.text
    assert r.json()["rows"][i]["value"] == row["value"]
    body["rows"][i]["value"] = float("nan")
    r = env.client.post("/v1/declarations", content=_json.dumps(body), headers={**env.h("decl_a"),
                                                                                 "Content-Type": "application/json"})
    assert r.status_code == 422 and r.json()["detail"][0]["msg"] == f"指标行第{i + 1}项的指标值：应为有限的数（不能是 inf 或 nan）", r.text
