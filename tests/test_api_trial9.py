"""API and CLI defects of the ninth fresh reviewer's trial (/tmp/trial9, a county 财政局 reviewer): a project name of
spaces stored as "", an optional name left blank, two messages for a budget of 0, a description with no content
word answered 0 / 200, and full-width digits written into the exported table."""
from __future__ import annotations

import io
import subprocess
import sys

import openpyxl
import pytest
from fastapi.testclient import TestClient

from kb.lifecycle import keys as svc
from kb.lifecycle.access import CLI_PRINCIPAL
from kb.lifecycle.db import get_sessionmaker
from kb.lifecycle.schemas import KeyIn
from service.app import create_app
from tests.kbfactory import make_kb
from tests.lifecycle_fixtures import *  # noqa: F401,F403

ROW = {"level1": "产出指标", "level2": "数量指标", "name": "道路修缮里程", "operator": "≥", "value": "12", "unit": "公里"}
ROAD = "计划修缮乡村道路12公里，惠及沿线村民3000人"


def _msg(r) -> tuple[list, str]:
    d = r.json()["detail"][0]
    return list(d["loc"]), d["msg"]


def test_a_required_name_of_spaces_is_refused_in_chinese_on_every_request_model(env):
    """POST /v1/declarations with "project_name": "   " was 201 and stored ""; "" was 422. Every required name
    (项目名称, 指标名称, 单位名称 of a key) is one shared type now: spaces are as empty as ""."""
    c = env.client
    body = {"project_name": "   ", "year": 2025, "budget_wan": 10, "rows": [ROW]}
    r = c.post("/v1/declarations", json=body, headers=env.h("decl_a"))
    assert r.status_code == 422, r.text
    loc, msg = _msg(r)
    assert loc[-1] == "project_name" and msg == "项目名称：不能为空", (loc, msg)
    r = c.post("/v1/declarations", json={**body, "project_name": ""}, headers=env.h("decl_a"))
    assert r.status_code == 422 and _msg(r)[1] == "项目名称：不能为空"
    r = c.post("/v1/declarations", json={**body, "project_name": "乡村道路修缮", "rows": [{**ROW, "name": " \u3000"}]},
               headers=env.h("decl_a"))
    assert r.status_code == 422 and _msg(r) == (["body", "rows[1].name"], "指标行第1项的指标名称：不能为空"), r.text
    r = c.post("/v1/admin/keys", json={"unit_name": "  ", "role": "declarant"}, headers=env.h("admin"))
    assert r.status_code == 422 and _msg(r)[0][-1] == "unit_name" and _msg(r)[1] == "单位名称：不能为空", r.text
    r = c.post("/v1/declarations", json={**body, "project_name": "乡村道路修缮"}, headers=env.h("decl_a"))
    assert r.status_code == 201 and r.json()["project_name"] == "乡村道路修缮"


def test_a_library_add_with_a_name_of_spaces_is_refused(db_url, tmp_path):
    """The library's indicator name is the same required name (`kb.domain.schema.RequiredText`)."""
    kb = make_kb(tmp_path, [{"name": "培训人次", "unit": "人次", "level2": "数量指标"}])
    settings = kb.settings.model_copy(update={"database_url": db_url, "auth_required": True})
    with get_sessionmaker(db_url)() as s:
        admin = svc.create_key(s, CLI_PRINCIPAL, KeyIn(unit_name="区财政局", role="admin")).key
    c = TestClient(create_app(settings))
    new = {"level1": "产出指标", "level2": "数量指标", "name": "   ", "unit": "平方米"}
    r = c.post("/v1/admin/library/indicators", json=new, headers={"X-API-Key": admin})
    assert r.status_code == 422 and "不能为空" in r.text, r.text
    r = c.post("/v1/admin/library/indicators", json={**new, "name": "校舍维修面积"}, headers={"X-API-Key": admin})
    assert r.status_code == 201, r.text


def _client(settings):
    return TestClient(create_app(settings))


def test_suggest_without_a_project_name_leaves_the_cell_blank_and_the_rows_as_with_none(shipped_settings):
    """The name is optional (README: `jixiao suggest --text … --out …`): "" and "   " are no name — the same rows as
    a request without one, and a blank 项目名称 cell to fill in, never the spaces."""
    c = _client(shipped_settings)
    base = {"description": ROAD, "budget_wan": 250}
    none = c.post("/v1/suggest", json=base).json()
    for name in ("", "   "):
        got = c.post("/v1/suggest", json={**base, "project_name": name})
        assert got.status_code == 200
        assert [(s["name"], s["value"]) for s in got.json()["default_table"]] == \
            [(s["name"], s["value"]) for s in none["default_table"]]
        r = c.post("/v1/suggest", params={"format": "xlsx"}, json={**base, "project_name": name})
        ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
        cells = {row[0]: row[1] for row in ws.iter_rows(max_row=6, values_only=True)}
        assert "项目名称" in cells and cells["项目名称"] is None, cells


def test_a_description_without_a_content_word_is_a_422_as_english_is(shipped_settings):
    """`jixiao suggest --text "的"` printed 没有足够相关的指标 and exited 0 while English text exited 2: a description
    with no content word or quantity is refused the same way, naming the field."""
    c = _client(shipped_settings)
    for text in ("的", "本项目的计划资金"):
        r = c.post("/v1/suggest", json={"description": text})
        assert r.status_code == 422, r.text
        loc, msg = _msg(r)
        assert loc[-1] == "description" and "没有说明项目内容的词" in msg, msg
    assert c.post("/v1/suggest", json={"description": "道路修缮"}).status_code == 200


def _cli(settings, *args):
    import os

    env = {**os.environ, "JIXIAO_HOME": str(settings.home), "JIXIAO_INDICATORS_DIR": str(settings.indicators_dir),
           "JIXIAO_PROGRESS": "false", "JIXIAO_EMBEDDER": "none"}
    return subprocess.run([sys.executable, "-m", "kb.cli", *args], capture_output=True, text=True, env=env,
                          timeout=300)


def test_the_cli_refuses_a_contentless_text_and_says_budget_zero_once(shipped_settings):
    """`--text "的"` exits 2 with one line; `--budget 0` passed a range check “0 到 …” and was then noted
    “预算应大于 0”: one rule now (0 is none), said by both."""
    p = _cli(shipped_settings, "suggest", "--text", "的")
    lines = [x for x in p.stderr.splitlines() if x.strip()]
    assert p.returncode == 2 and len(lines) == 1 and "没有说明项目内容的词" in lines[0], p.stderr
    p = _cli(shipped_settings, "suggest", "--text", ROAD, "--budget", "-1")
    assert p.returncode == 2 and "填 0 视为未填写" in p.stderr, p.stderr
    p = _cli(shipped_settings, "suggest", "--project-name", "乡村道路修缮", "--text", ROAD, "--budget", "0")
    assert p.returncode == 0 and "预算填 0 万元，视为未填写" in p.stdout and "应大于 0" not in p.stdout, p.stdout


def test_the_export_writes_half_width_digits_and_operators(shipped_settings):
    """/v1/declarations/export wrote “≥１２”: the checker's TXT-01 class of full-width characters
    (`kb.domain.text.FULLWIDTH_RE`) is written half-width in 运算符 / 指标值 / 计量单位; names keep （）."""
    c = _client(shipped_settings)
    table = {"project_name": "测试", "budget_wan": 10, "rows": [
        {**ROW, "name": "道路修缮里程（主干）", "operator": "＞＝", "value": "１２", "unit": "ｋｍ"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "operator": "≥", "value": "９０",
         "unit": "％"}]}
    r = c.post("/v1/declarations/export", json=table)
    assert r.status_code == 200, r.text
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    rows = {row[2]: row[3:5] for row in ws.iter_rows(values_only=True) if row[2] and row[2] != "三级指标"}
    assert rows == {"道路修缮里程（主干）": ("≥12", "km"), "群众满意度": ("≥90", "%")}, rows


def test_the_api_says_the_budget_rule_as_the_cli_does(shipped_settings):
    """/v1/suggest answered a negative budget “应不小于 0” where the CLI says the range; a budget of 0 is none in both,
    said once in the result's message."""
    c = _client(shipped_settings)
    r = c.post("/v1/suggest", json={"description": ROAD, "budget_wan": -5})
    assert r.status_code == 422
    assert _msg(r) == (["body", "budget_wan"], "预算（万元）：预算须为 0 到 1,000,000,000 之间的数(万元)，填 0 视为未填写")
    r = c.post("/v1/suggest", json={"description": ROAD, "project_name": "乡村道路修缮", "budget_wan": 0})
    assert r.status_code == 200 and "预算填 0 万元，视为未填写" in r.json()["message"], r.json()["message"]
