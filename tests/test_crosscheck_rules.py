"""Each cross-check rule with its right answer, through the service on SQLite (and PostgreSQL).

Declarations are stored through `kb.lifecycle` (declarations, monitoring, evaluation); vouchers come from the
fixture export or small exports written here; findings are compared with
figures computed by hand in each test.
"""
from __future__ import annotations

import datetime as dt

import pytest

from kb.crosscheck.engine import crosscheck
from kb.crosscheck.facts import project_period
from kb.lifecycle import declarations as decls
from kb.lifecycle import keys
from kb.lifecycle.evaluation import evaluate_declaration
from kb.lifecycle.monitoring import monitor
from kb.lifecycle.schemas import DeclarationIn, EvaluationIn, MonitoringIn
from kb.settings import EvidenceSettings, Settings
from tests.evidence_fixtures import PROJECT, write_vouchers_csv, write_vouchers_xlsx
from tests.lifecycle_fixtures import *  # noqa: F401,F403
from tests.lifecycle_fixtures import Env
from tests.test_archive_api import imp
from tests.test_evidence_walk import ROWS


def _rules(env: Env, did: int, **ev) -> list[dict]:
    settings = Settings(evidence=EvidenceSettings(**ev))
    with env.session() as s:
        p = keys.authenticate(s, env.keys["decl_a"])
        return [f.model_dump() for f in crosscheck(s, p, did, settings=settings).findings]


def _monitor(env: Env, did: int, executed: float, period_end: str = "2024-06-30", indicators=()) -> None:
    with env.session() as s:
        p = keys.authenticate(s, env.keys["decl_a"])
        monitor(s, p, did, MonitoringIn(period_end=period_end, budget_executed_wan=executed,
                                            indicators=list(indicators)))


@pytest.fixture
def approved(env: Env):
    from kb.lifecycle.schemas import ReviewIn

    with env.session() as s:
        p = keys.authenticate(s, env.keys["decl_a"])
        rev = keys.authenticate(s, env.keys["rev_a"])
        d = decls.declare(s, p, DeclarationIn(project_name=PROJECT, year=2024, budget_wan=120, rows=ROWS))
        decls.submit(s, p, d.id)
        decls.approve(s, rev, d.id, ReviewIn(acknowledge_findings=True))
    return d.id


def test_acc01_tolerance_boundary(env: Env, approved, tmp_path):
    imp(env, write_vouchers_xlsx(tmp_path / "凭证.xlsx"))
    _monitor(env, approved, 48.48)  # 48.00 by 30 June: 0.48 = 0.99 % of 48.48 → within 1 %
    assert [f["rule_id"] for f in _rules(env, approved)] == ["ACC-03"]
    assert [f["rule_id"] for f in _rules(env, approved, execution_tolerance_pct=0.5)] == ["ACC-01", "ACC-03"]
    _monitor(env, approved, 48.0, period_end="2024-07-31")  # a second report that agrees
    acc = [f for f in _rules(env, approved, execution_tolerance_pct=0.5) if f["rule_id"] == "ACC-01"]
    assert [(f["reported"], f["vouchers"]) for f in acc] == [(48.48, 48.0)]


def test_acc01_is_a_warning_when_vouchers_stop_before_the_report(env: Env, approved, tmp_path):
    rows = [[dt.date(2024, 3, 15), "记", 8, "支付道路维修工程预付款", "7201", "事业支出/项目支出/维修(护)费", 300000, None,
             "", PROJECT]]
    imp(env, write_vouchers_xlsx(tmp_path / "一季度凭证.xlsx", rows))
    _monitor(env, approved, 60)
    [f] = _rules(env, approved)
    assert (f["rule_id"], f["severity"], f["vouchers"]) == ("ACC-01", "warning", 30.0)
    assert f["message"].endswith("已导入的凭证只到 2024-03-15，请补齐凭证后再核对")


def test_acc02_cost_actual_against_the_vouchers_it_names(env: Env, approved, tmp_path):
    imp(env, write_vouchers_xlsx(tmp_path / "凭证.xlsx"))
    with env.session() as s:
        p = keys.authenticate(s, env.keys["decl_a"])
        evaluate_declaration(s, p, approved, EvaluationIn.model_validate({"rows": [
            {"row": 1, "actual": "12", "weight": 20}, {"row": 2, "actual": "100", "weight": 20},
            {"row": 3, "actual": "1,100,000元", "weight": 20}, {"row": 4, "actual": "22", "weight": 20},
            {"row": 5, "actual": "93", "weight": 20}]}))
    acc02 = [f for f in _rules(env, approved) if f["rule_id"] == "ACC-02"]
    assert len(acc02) == 1
    f = acc02[0]
    assert (f["row"], f["reported"], f["vouchers"]) == (3, 110.0, 118.0)
    assert f["message"] == ("第3行“道路维修成本”实际值 110.00 万元，会计凭证中科目或摘要含“道路、维修”的支出合计 118.00 万元"
                            "（4 笔预算支出分录），相差 8.00 万元（6.8%）")
    # 118.00 = 30 + 18.5 − 0.5 + 70 万元: the four 事业支出 entries the sum is made of, not their 16 lines with
    # the 财务会计 (5001) twins and the funding side (1011, 8001)


def test_acc03_uses_the_implementation_period_the_description_states(env: Env, tmp_path):
    assert project_period("实施期2024.03-2025.02", 2024) == (dt.date(2024, 3, 1), dt.date(2025, 2, 28))
    assert project_period("项目周期：2024年3月至2025年1月", 2024) == (dt.date(2024, 3, 1), dt.date(2025, 1, 31))
    assert project_period("", 2024) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    with env.session() as s:
        p = keys.authenticate(s, env.keys["decl_a"])
        d = decls.declare(s, p, DeclarationIn(project_name=PROJECT, description="实施期2024.03-2025.02。", year=2024,
                                            budget_wan=120, rows=ROWS))
    imp(env, write_vouchers_xlsx(tmp_path / "凭证.xlsx"))
    assert [f["rule_id"] for f in _rules(env, d.id)] == []  # 2025-01-10 is inside the stated period
    # the canteen project, declared for 2023 after its vouchers were imported, is linked by name now
    with env.session() as s:
        p = keys.authenticate(s, env.keys["decl_a"])
        d2 = decls.declare(s, p, DeclarationIn(project_name="学校食堂改造", year=2023, rows=ROWS))
    found = _rules(env, d2.id)
    assert [f["rule_id"] for f in found] == ["ACC-03"] and "凭证 记-31（2024-06-20" in found[0]["message"]


def test_overlapping_exports_are_not_counted_twice(env: Env, approved, tmp_path):
    """Monthly exports, then the year's export holding the same vouchers plus new ones."""
    from tests.evidence_fixtures import voucher_rows

    rows = voucher_rows()
    june = [r for r in rows[4:8]]  # 记-23 (file rows 8-11 of the year's export)
    out = imp(env, write_vouchers_csv(tmp_path / "6月凭证.csv", june)).json()
    assert out["imported"] == 4
    out = imp(env, write_vouchers_xlsx(tmp_path / "全年凭证.xlsx")).json()
    assert out["imported"] == 20 and out["warnings"][0].startswith("4 笔凭证分录已在此前导入的文件中")
    again = imp(env, write_vouchers_csv(tmp_path / "全年凭证.csv")).json()  # another file, every line known
    assert again["imported"] == 0 and again["document_id"] and not again["duplicate"]
    _monitor(env, approved, 48.0)
    assert [f["rule_id"] for f in _rules(env, approved)] == ["ACC-03"]  # 48.00 万元 by 30 June, not more
    with env.session() as s:
        p = keys.authenticate(s, env.keys["decl_a"])
        assert crosscheck(s, p, approved).voucher_spending_wan == 118.0


def test_evd01_monitoring_claims_need_the_kind_the_row_needs(env: Env, approved, tmp_path):
    from kb.evidence.kinds import AttachmentKind, required_kinds

    assert required_kinds("工程验收合格率", "产出指标", "质量指标") == (AttachmentKind.acceptance_report,)
    assert required_kinds("道路修缮里程", "产出指标", "数量指标") == (AttachmentKind.site_photo,)
    assert required_kinds("道路修缮及时率", "产出指标", "时效指标") == ()
    assert required_kinds("道路维修成本", "成本指标", "经济成本指标") == (
        AttachmentKind.expense_detail, AttachmentKind.accounting_voucher)
    assert required_kinds("沿线群众满意度", "满意度指标", "服务对象满意度指标") == ()
    _monitor(env, approved, 0, indicators=[{"row": 1, "actual": "12"}, {"row": 2, "actual": "100"},
                                           {"row": 5, "actual": "95"}])
    found = [f for f in _rules(env, approved) if f["rule_id"] == "EVD-01"]
    assert [(f["row"], f["stage"]) for f in found] == [(1, "monitoring"), (2, "monitoring")]
    assert "未上传现场照片" in found[0]["message"] and "未上传验收报告" in found[1]["message"]
    # a photo attached to another row does not back row 1; one without a row backs every row
    from tests.test_evidence_api import upload
    from tests.test_evidence_walk import _png

    upload(env, approved, _png(tmp_path / "a.png"), "现场照片", row="2")
    assert [f["row"] for f in _rules(env, approved) if f["rule_id"] == "EVD-01"] == [1, 2]
    upload(env, approved, _png(tmp_path / "b.png"), "现场照片")
    assert [f["row"] for f in _rules(env, approved) if f["rule_id"] == "EVD-01"] == [2]


@pytest.mark.parametrize("cost_name", ["道路维修成本", "项目总成本"])
def test_evd01_cost_row_is_backed_by_the_linked_vouchers(env: Env, tmp_path, cost_name):
    """Reported: with the project's vouchers imported (ACC-02 reads them), EVD-01 still asked for 支出明细或会计凭证."""
    from kb.lifecycle.schemas import ReviewIn

    rows = [dict(r, name=cost_name) if r["name"] == "道路维修成本" else r for r in ROWS]
    with env.session() as s:
        p = keys.authenticate(s, env.keys["decl_a"])
        d = decls.declare(s, p, DeclarationIn(project_name=PROJECT, year=2024, budget_wan=120, rows=rows))
        decls.submit(s, p, d.id)
        decls.approve(s, keys.authenticate(s, env.keys["rev_a"]), d.id, ReviewIn(acknowledge_findings=True))
        evaluate_declaration(s, p, d.id, EvaluationIn.model_validate({"rows": [
            {"row": 1, "actual": "12", "weight": 20}, {"row": 2, "actual": "100", "weight": 20},
            {"row": 3, "actual": "120", "weight": 20}, {"row": 4, "actual": "22", "weight": 20},
            {"row": 5, "actual": "93", "weight": 20}]}))  # 120 万元 = the ≤120 target: claimed complete
    before = [f for f in _rules(env, d.id) if f["rule_id"] == "EVD-01"]
    assert [f["row"] for f in before] == [1, 2, 3] and "未上传支出明细或会计凭证" in before[2]["message"]
    imp(env, write_vouchers_xlsx(tmp_path / "凭证.xlsx"))  # 118.00 万元 of 道路维修 spending, linked by project name
    found = _rules(env, d.id)
    assert [f["row"] for f in found if f["rule_id"] == "EVD-01"] == [1, 2]  # photos and acceptance still due
    # the same vouchers ACC-02 compares the cost with
    assert [(f["row"], f["vouchers"]) for f in found if f["rule_id"] == "ACC-02"] == [(3, 118.0)]


def test_acc01_reads_only_the_report_in_force_for_a_period(env: Env, approved, tmp_path):
    imp(env, write_vouchers_xlsx(tmp_path / "凭证.xlsx"))
    _monitor(env, approved, 60.0)  # 48.00 万元 by 30 June in the vouchers: ACC-01
    assert [(f["rule_id"], f["reported"]) for f in _rules(env, approved) if f["rule_id"] == "ACC-01"] == [("ACC-01", 60.0)]
    _monitor(env, approved, 55.0)  # filed again for 30 June, still wrong: one finding, on the new figure
    assert [(f["rule_id"], f["reported"]) for f in _rules(env, approved) if f["rule_id"] == "ACC-01"] == [("ACC-01", 55.0)]
    _monitor(env, approved, 48.0)  # corrected: nothing left for 30 June
    assert [f for f in _rules(env, approved) if f["rule_id"] == "ACC-01"] == []
    listed = env.client.get(f"/v1/declarations/{approved}/monitoring", headers=env.h("decl_a")).json()
    assert [r["budget"]["executed_wan"] for r in listed] == [60.0, 55.0, 48.0]  # every filing stays on record
