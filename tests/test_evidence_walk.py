"""The walk of issue 14 on SQLite and PostgreSQL: declare → monitor with a contract and photos →
import vouchers → the budget-execution mismatch is flagged → evaluate with the acceptance report →
feedback. The README shows the same walk with curl.

Figures: a 120 万元 road-repair project for 2024. At 30 June the monitoring
report claims 60 万元 executed; the imported vouchers (`tests/evidence_fixtures`,
budget basis) hold 300,000 + 185,000 − 5,000 = 480,000 元 by then, so ACC-01
flags 60.00 vs 48.00 万元. The year's vouchers hold 1,180,000 元, which the
evaluation reports (118 万元) and the cost indicator states; a 12,000 元
retention paid on 2025-01-10 falls outside the 2024 period (ACC-03).
"""
from __future__ import annotations

from pathlib import Path

from tests.evidence_fixtures import PROJECT, policy_pdf, write_vouchers_xlsx
from tests.lifecycle_fixtures import *  # noqa: F401,F403
from tests.lifecycle_fixtures import Env

ROWS = [
    {"level1": "产出指标", "level2": "数量指标", "name": "道路修缮里程", "operator": "≥", "value": "12", "unit": "公里"},
    {"level1": "产出指标", "level2": "质量指标", "name": "工程验收合格率", "operator": "=", "value": "100", "unit": "%"},
    {"level1": "成本指标", "level2": "经济成本指标", "name": "道路维修成本", "operator": "≤", "value": "120", "unit": "万元"},
    {"level1": "效益指标", "level2": "社会效益指标", "name": "沿线群众出行时间缩短率", "operator": "≥", "value": "20", "unit": "%"},
    {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "沿线群众满意度", "operator": "≥", "value": "90", "unit": "%"},
]


def _contract_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_heading("乡村道路修缮工程施工合同", level=0)
    for t in ("第一条 工程名称：乡村道路修缮工程，修缮里程12公里。",
              "第二条 合同价款：人民币壹佰壹拾捌万元整（1,180,000.00元）。",
              "第三条 工期：2024年3月15日开工，2024年9月30日竣工，竣工后组织验收。"):
        d.add_paragraph(t)
    d.save(str(path))
    return path


def _png(path: Path) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + path.name.encode() + b"\x00" * 32)
    return path


def _findings(env: Env, did: int, who: str = "decl_a") -> list[dict]:
    r = env.client.get(f"/v1/declarations/{did}/crosschecks", headers=env.h(who))
    assert r.status_code == 200, r.text
    return r.json()["findings"]


def test_walk_declare_monitor_import_mismatch_evaluate_feedback(env: Env, tmp_path):
    c, H = env.client, env.h
    # 事前申报 → 审核通过
    r = c.post("/v1/declarations", headers=H("decl_a"), json={
        "project_name": PROJECT, "description": "修缮乡村道路12公里，惠及沿线村民3000人。", "department": "交通运输局",
        "year": 2024, "budget_wan": 120, "rows": ROWS})
    assert r.status_code == 201, r.text
    did = r.json()["id"]
    assert c.post(f"/v1/declarations/{did}/submit", headers=H("decl_a")).status_code == 200
    assert c.post(f"/v1/declarations/{did}/approve", json={"acknowledge_findings": True},
                  headers=H("rev_a")).json()["state"] == "approved"

    # 事中监控 with the contract and two site photos of row 1
    def up(path, kind, **form):
        with open(path, "rb") as f:
            r = c.post(f"/v1/declarations/{did}/attachments", headers=H("decl_a"),
                       files={"file": (path.name, f)}, data={"kind": kind, **form})
        assert r.status_code == 201, r.text
        return r.json()

    contract = up(_contract_docx(tmp_path / "施工合同.docx"), "合同")
    assert contract["indexed"] and contract["stage"] == "monitoring"
    photos = [up(_png(tmp_path / f"现场{i}.png"), "现场照片", row="1") for i in (1, 2)]
    assert [p["indexed"] for p in photos] == [False, False]
    r = c.post(f"/v1/declarations/{did}/monitoring", headers=H("decl_a"), json={
        "period_end": "2024-06-30", "budget_executed_wan": 60,
        "indicators": [{"row": 1, "actual": "12"}, {"row": 5, "actual": "92"}]})
    assert r.status_code == 201, r.text
    # reported, nothing to compare with yet; row 1 complete and backed by photos
    assert [(f["rule_id"], f["severity"]) for f in _findings(env, did)] == [("ACC-04", "info")]
    hits = c.get("/v1/attachments/search", params={"q": "合同价款"}, headers=H("rev_a")).json()["hits"]
    assert hits[0]["citation"] == "施工合同.docx 第二条" and "1,180,000.00元" in hits[0]["text"]

    # import the vouchers (linked to the project by its name) → the mismatch is flagged
    with open(write_vouchers_xlsx(tmp_path / "2024年记账凭证.xlsx"), "rb") as f:
        imp = c.post("/v1/archive/import", headers=H("decl_a"), files={"file": ("2024年记账凭证.xlsx", f)})
    assert imp.status_code == 201 and imp.json()["imported"] == 24, imp.text
    found = _findings(env, did)
    assert [(f["rule_id"], f["severity"]) for f in found] == [("ACC-01", "error"), ("ACC-03", "warning")]
    acc01 = found[0]
    assert (acc01["stage"], acc01["reported"], acc01["vouchers"]) == ("monitoring", 60.0, 48.0)
    assert acc01["message"] == ("事中监控（截至 2024-06-30）上报预算执行 60.00 万元，会计凭证合计 48.00 万元"
                                "（2024-01-01 至 2024-06-30，3 笔预算支出分录），相差 12.00 万元（20.0%），超过容差 1%")
    # 48.00 = 30 + 18.5 − 0.5 万元: three 事业支出 entries make the figure (the 12 lines hold their 财务会计 twins)
    assert found[1]["message"].startswith("凭证 记-3（2025-01-10，支付道路维修质保金，支出 12,000.00 元）不在项目实施期 "
                                          "2024-01-01 至 2024-12-31 内")
    # unit B cannot see the findings; the supervisor can
    assert c.get(f"/v1/declarations/{did}/crosschecks", headers=H("decl_b")).status_code == 404
    assert [f["rule_id"] for f in _findings(env, did, "sup")] == ["ACC-01", "ACC-03"]

    # 事后评价: 验收合格率 100 % claimed before the acceptance report is attached → EVD-01
    ev = c.post(f"/v1/declarations/{did}/evaluation", headers=H("decl_a"), json={
        "rows": [{"row": 1, "actual": "12", "weight": 20}, {"row": 2, "actual": "100%", "weight": 20},
                 {"row": 3, "actual": "118万元", "weight": 20}, {"row": 4, "actual": "22", "weight": 15},
                 {"row": 5, "actual": "93", "weight": 15}],
        "budget_executed_wan": 118, "budget_weight": 10})
    assert ev.status_code == 201, ev.text
    found = _findings(env, did)
    assert [(f["rule_id"], f["row"]) for f in found] == [("ACC-01", None), ("ACC-03", None), ("EVD-01", 2)]
    assert found[2]["message"] == ("事后评价第2行“工程验收合格率”已完成，但未上传验收报告"
                                   "（上传时材料类型选“验收报告”，支撑的指标选第 2 行）")
    report = up(policy_pdf(tmp_path / "竣工验收报告.pdf"), "验收报告", row="2")
    assert report["stage"] == "evaluation"
    assert [f["rule_id"] for f in _findings(env, did)] == ["ACC-01", "ACC-03"]  # 118 万元 agrees with the vouchers

    # 公示 counts the open cross-check error beside the checker's errors, per department and project
    [dep] = [x for x in c.get("/v1/public/summary", headers=H("sup")).json()["departments"]
             if x["department"] == "交通运输局"]
    assert (dep["crosscheck_errors"], [p["crosscheck_errors"] for p in dep["projects"]]) == (1, [1])
    # 结果反馈 over an open error-level finding: 409 naming it, nothing stored, until acknowledged
    body = {"final_total": 92, "comments": "年中上报的执行数与凭证不符，请核实", "budget_executed_wan": 118}
    fb = c.post(f"/v1/declarations/{did}/feedback", headers=H("rev_a"), json=body)
    assert fb.status_code == 409, fb.text
    detail = fb.json()["detail"]
    assert [f["rule_id"] for f in detail["open_errors"]] == ["ACC-01"] and "ACC-01" in detail["msg"]
    assert "确认这些发现后再反馈" in detail["msg"] and "acknowledge_findings" not in detail["msg"]
    # a feedback figure the vouchers contradict is an open error of its own (305 against 118 万元)
    fb = c.post(f"/v1/declarations/{did}/feedback", headers=H("rev_a"), json={**body, "budget_executed_wan": 305})
    assert fb.status_code == 409 and [(f["stage"], f["rule_id"]) for f in fb.json()["detail"]["open_errors"]] == [
        ("monitoring", "ACC-01"), ("feedback", "ACC-01")]
    # with the bureau's confirmed figure (agrees with the vouchers: no new finding), acknowledged
    fb = c.post(f"/v1/declarations/{did}/feedback", headers=H("rev_a"), json={**body, "acknowledge_findings": True})
    assert fb.status_code == 201, fb.text
    assert [(f["rule_id"], f["stage"]) for f in fb.json()["acknowledged_findings"]] == [("ACC-01", "monitoring")]
    out = c.get(f"/v1/declarations/{did}/crosschecks", headers=H("decl_a")).json()
    assert [f["rule_id"] for f in out["findings"]] == ["ACC-01", "ACC-03"]
    assert (out["period_start"], out["period_end"], out["voucher_lines"], out["voucher_spending_wan"], out["attachments"]) == \
           ("2024-01-01", "2024-12-31", 20, 118.0, 4)
    # the audit log holds every write of the walk
    actions = [x["action"] for x in c.get("/v1/admin/audit", params={"limit": 100}, headers=H("sup")).json()]
    assert actions.count("attachment.create") == 4 and actions.count("archive.import") == 1
