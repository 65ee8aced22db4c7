"""One answer per domain question: one check, one lookup, one budget policy, one unit table, one level parser."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from fastapi.testclient import TestClient

from kb.domain.budget import budget_from_text
from kb.domain.enums import Level1, Level2
from kb.domain.levels import parse_level1, parse_level2
from kb.domain.schema import Declaration
from kb.domain.units import unit_family, units_compatible
from kb.knowledge import KnowledgeBase
from kb.lifecycle import keys
from kb.lifecycle.access import CLI_PRINCIPAL
from kb.lifecycle.db import get_sessionmaker
from kb.lifecycle.schemas import KeyIn
from service.app import create_app
from tests.kbfactory import REPO
from tests.lifecycle_fixtures import *  # noqa: F401,F403
from tests.lifecycle_fixtures import declaration_body, dev_record


def test_the_budget_of_this_years_declaration_is_this_years_amount():
    assert budget_from_text("项目总投资500万元，其中本年度预算资金250万元") == 250.0
    assert budget_from_text("年度预算资金1.2亿元") == 12000.0
    assert budget_from_text("资金总额854万元，其中市级资金600万元") == 854.0  # a total beats its parts
    assert budget_from_text("补助标准每人每年3000元") is None  # no budget word before the amount


def test_a_zero_or_negative_amount_is_no_budget_and_says_so():
    """A fresh user wrote 项目预算0万元 (suggest gave 成本 ≤0 万元) and 项目预算-50万元 (≤50: the sign dropped)."""
    from kb.domain.budget import unused_budget_amounts

    assert budget_from_text("项目预算0万元，修路12公里") is None
    assert budget_from_text("项目预算-50万元") is None and budget_from_text("项目预算－50万元") is None
    assert unused_budget_amounts("项目预算-50万元") == ["描述中的“-50万元”未作为预算：金额为负数，请核对"]
    assert "金额为 0" in unused_budget_amounts("项目预算0万元")[0]
    # a per-head standard after a budget word is no budget, nor a unit slip to warn about (a review's catch)
    assert budget_from_text("项目资金500万元，补助资金每人每月100元") == 500
    assert unused_budget_amounts("项目资金500万元，补助资金每人每月100元") == []


def test_one_unit_table_and_one_level_parser():
    assert units_compatible("人", "名") and units_compatible("公里", "千米") and not units_compatible("人", "人次")
    assert unit_family("座") == unit_family("个")  # 座 counts like 个 before it counts like 栋
    assert parse_level1("预期产出指标") is Level1.output and parse_level1("效果指标") is None
    assert parse_level2("成本指标", Level1.cost) is Level2.economic_cost
    assert parse_level2("成本指标", Level1.output) is Level2.output_cost
    assert parse_level2("预算(或投资规模)控制指标", Level1.output) is Level2.output_cost  # the library's reading
    assert parse_level2("预算(或投资规模)控制指标", Level1.output, strict=True) is None  # the checker's STR-02


def test_lookup_reads_the_kb_file_with_the_threshold_from_settings(shipped_settings):
    kb = KnowledgeBase(shipped_settings)
    ind = kb.lookup("受益群众满意度", "beneficiary_satisfaction")
    assert ind is not None and ind.level2 is Level2.beneficiary_satisfaction
    name = ind.name
    assert kb.lookup(name + "度", "beneficiary_satisfaction").id == ind.id  # one bigram more: Dice ≥ 0.6
    strict = KnowledgeBase(shipped_settings.model_copy(
        update={"checker": shipped_settings.checker.model_copy(update={"lookup_min_dice": 0.99})}))
    assert strict.lookup(name + "度", "beneficiary_satisfaction") is None


def test_cli_check_api_check_and_declaration_create_give_the_same_findings(db_url, shipped_settings, tmp_path):
    rec = dev_record("D010")
    body = declaration_body(rec, year=2023, budget_wan=120)
    decl = {k: v for k, v in body.items() if k != "unit_name"}
    settings = shipped_settings.model_copy(update={"database_url": db_url, "auth_required": True})
    with get_sessionmaker(db_url)() as s:
        key = keys.create_key(s, CLI_PRINCIPAL, KeyIn(unit_name="某县财政局", role="declarant")).key
    client = TestClient(create_app(settings))
    created = client.post("/v1/declarations", json=body, headers={"X-API-Key": key})
    assert created.status_code == 201, created.text
    checked = client.post("/v1/declarations/check", json=decl, headers={"X-API-Key": key})
    assert checked.status_code == 200, checked.text
    path = tmp_path / "table.json"
    path.write_text(json.dumps(decl, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "JIXIAO_HOME": str(shipped_settings.home), "JIXIAO_EMBEDDER": "none",
           "JIXIAO_INDICATORS_DIR": str(shipped_settings.indicators_dir),
           "JIXIAO_CORPORA_DIR": str(shipped_settings.corpora_dir), "JIXIAO_PROGRESS": "false"}
    cli = subprocess.run([sys.executable, "-m", "kb.cli", "check", str(path), "--json", "--fail-on", "info"],
                         capture_output=True, text=True, env=env, cwd=REPO, timeout=300)
    assert cli.returncode == 1, cli.stderr  # the table has findings
    api_findings = checked.json()["findings"]
    assert api_findings  # a real table: something to compare
    assert json.loads(cli.stdout)["findings"] == api_findings
    assert created.json()["findings"] == api_findings
    expected = KnowledgeBase(shipped_settings).check(Declaration.model_validate(decl))
    assert expected.model_dump(mode="json")["findings"] == api_findings
