"""Library management: versioned, all-or-nothing changes through API and CLI, live without restart.

Runs on SQLite and, when JIXIAO_TEST_POSTGRES_URL is set, on PostgreSQL. The
KB file is a real one built from a small library (tests.kbfactory).
"""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kb.lifecycle import keys as svc
from kb.lifecycle.access import CLI_PRINCIPAL
from kb.lifecycle.db import get_sessionmaker, head_revision
from kb.lifecycle.schemas import KeyIn
from kb.settings import get_settings
from service.app import create_app
from tests.kbfactory import make_kb
from tests.lifecycle_fixtures import *  # noqa: F401,F403

UNIT = "青山区教育局"


@pytest.fixture
def live(db_url, tmp_path):
    """(client, admin headers, declarant headers) over a built KB and the workflow DB."""
    kb = make_kb(tmp_path, [{"name": "培训人次", "unit": "人次", "level2": "数量指标"},
                            {"name": "验收合格率", "unit": "%"}])
    settings = kb.settings.model_copy(update={"database_url": db_url, "auth_required": True})
    with get_sessionmaker(db_url)() as s:
        admin = svc.create_key(s, CLI_PRINCIPAL, KeyIn(unit_name="区财政局", role="admin")).key
        decl = svc.create_key(s, CLI_PRINCIPAL, KeyIn(unit_name=UNIT, role="declarant")).key
    return TestClient(create_app(settings)), {"X-API-Key": admin}, {"X-API-Key": decl}


def _names(c, h, q):
    r = c.get("/v1/indicators/search", params={"q": q, "top": 10, "mode": "lexical"}, headers=h)
    assert r.status_code == 200, r.text
    return [x["name"] for x in r.json()["hits"]]


NEW = {"level1": "产出指标", "level2": "数量指标", "name": "校舍维修面积", "unit": "平方米", "category": "修缮类",
       "typical": {"operator": "≥", "value": "5000", "unit": "平方米"}}


def test_changes_take_effect_without_restart_and_are_versioned(live):
    c, adm, dec = live
    assert "校舍维修面积" not in _names(c, dec, "校舍维修面积")
    r = c.post("/v1/admin/library/indicators", json=NEW, headers=adm)
    assert r.status_code == 201, r.text
    iid, v = r.json()["changes"][0]["id"], r.json()["library_version"]
    assert iid.startswith("b-") and r.json()["changes"][0]["version"] == 1
    assert "校舍维修面积" in _names(c, dec, "校舍维修面积")  # same app, no restart
    r = c.post(f"/v1/admin/library/indicators/{iid}/synonyms", json=["校舍修缮面积"], headers=adm)
    assert r.json()["changes"][0]["version"] == 2 and r.json()["library_version"] == v + 1
    assert c.get(f"/v1/indicators/{iid}", headers=dec).json()["synonyms"] == ["校舍修缮面积"]
    r = c.patch(f"/v1/admin/library/indicators/{iid}", params={"expected_version": 1}, json={"unit": "亩"},
                headers=adm)
    assert r.status_code == 409  # someone else changed it since version 1
    r = c.patch(f"/v1/admin/library/indicators/{iid}", params={"expected_version": 2},
                json={"explanation": "当年完成维修的校舍建筑面积"}, headers=adm)
    assert r.status_code == 200 and r.json()["changes"][0]["version"] == 3
    assert c.get(f"/v1/indicators/{iid}", headers=dec).json()["explanation"] == "当年完成维修的校舍建筑面积"
    assert c.post(f"/v1/admin/library/indicators/{iid}/deprecate", headers=adm).status_code == 200
    assert c.get(f"/v1/indicators/{iid}", headers=dec).json()["status"] == "deprecated"
    assert c.post(f"/v1/admin/library/indicators/{iid}/deprecate", headers=adm).status_code == 409
    hist = c.get(f"/v1/library/indicators/{iid}", headers=dec).json()["history"]
    assert [(h["op"], h["version"]) for h in hist] == [("add", 1), ("synonyms", 2), ("update", 3), ("deprecate", 4)]
    audit = c.get("/v1/admin/audit", params={"entity": "indicator", "entity_id": iid}, headers=adm).json()
    assert [a["action"] for a in reversed(audit)] == ["library.add", "library.synonyms", "library.update",
                                                       "library.deprecate"]
    assert audit[0]["before"]["status"] == "active" and audit[0]["after"]["status"] == "deprecated"


def test_shipped_indicator_can_be_changed(live):
    c, adm, dec = live
    hit = c.get("/v1/indicators/search", params={"q": "培训人次", "mode": "lexical"}, headers=dec).json()["hits"][0]
    r = c.post(f"/v1/admin/library/indicators/{hit['indicator_id']}/synonyms", json=["培训人数"], headers=adm)
    assert r.status_code == 200, r.text
    assert "培训人数" in c.get(f"/v1/indicators/{hit['indicator_id']}", headers=dec).json()["synonyms"]
    assert c.post("/v1/admin/library/indicators/b-nosuchthing/deprecate", headers=adm).status_code == 404


def test_a_batch_is_all_or_nothing(live):
    c, adm, dec = live
    before = c.get("/v1/library/indicators", headers=adm).json()
    bad = {"changes": [{"op": "add", "indicator": NEW},
                       {"op": "add", "indicator": {**NEW, "name": "投入资金", "level1": "投入指标"}}]}
    r = c.post("/v1/admin/library/changes", json=bad, headers=adm)
    assert r.status_code == 422 and "changes[2].indicator.level1" in str(r.json())
    r = c.post("/v1/admin/library/changes", json={"changes": [{"op": "add", "indicator": NEW},
                                                             {"op": "deprecate", "id": "b-nosuchthing"}]},
               headers=adm)
    assert r.status_code == 404
    assert c.get("/v1/library/indicators", headers=adm).json() == before == []
    assert "校舍维修面积" not in _names(c, dec, "校舍维修面积")
    assert c.get("/v1/admin/audit", params={"entity": "indicator"}, headers=adm).json() == []
    ok = c.post("/v1/admin/library/changes", json={"changes": [{"op": "add", "indicator": NEW}]}, headers=adm)
    assert ok.status_code == 201 and ok.json()["library_version"] == 1
    assert c.post("/v1/admin/library/changes", json={"changes": [{"op": "add", "indicator": NEW}]},
                  headers=adm).status_code == 409  # same id again


def test_unit_library_entries_need_an_existing_unit(live):
    c, adm, dec = live
    r = c.post("/v1/admin/library/indicators", json={**NEW, "library": "unit", "unit_name": "没有这个单位"},
               headers=adm)
    assert r.status_code == 422 and "unit_name" in str(r.json())
    r = c.post("/v1/admin/library/indicators", json={**NEW, "library": "unit", "unit_name": UNIT}, headers=adm)
    assert r.status_code == 201
    iid = r.json()["changes"][0]["id"]
    got = c.get(f"/v1/indicators/{iid}", headers=dec).json()
    assert got["library"] == "unit" and got["unit_name"] == UNIT


def test_cli_create_key_and_library(db_url, tmp_path, monkeypatch):
    from kb.cli import app

    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path))
    monkeypatch.setenv("JIXIAO_DATABASE_URL", db_url)
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        r = runner.invoke(app, ["admin", "create-key", "--unit", "示例单位", "--role", "reviewer"])
        assert r.exit_code == 0, r.output
        key = r.stdout.strip().splitlines()[-1]
        with get_sessionmaker(db_url)() as s:
            p = svc.authenticate(s, key)
        assert (p.role, p.unit_name) == ("reviewer", "示例单位")
        r = runner.invoke(app, ["admin", "create-key", "--unit", "示例单位", "--role", "boss"])
        assert r.exit_code != 0
        f = tmp_path / "changes.json"
        f.write_text('{"changes": [{"op": "add", "indicator": {"level1": "产出指标", "level2": "数量指标", '
                     '"name": "校舍维修面积", "unit": "平方米"}}, {"op": "deprecate", "id": "b-none"}]}',
                     encoding="utf-8")
        r = runner.invoke(app, ["library", "apply", str(f)])
        assert r.exit_code != 0
        r = runner.invoke(app, ["library", "list"])
        assert "校舍维修面积" not in r.stdout
        f.write_text('[{"op": "add", "indicator": {"level1": "产出指标", "level2": "数量指标", '
                     '"name": "校舍维修面积", "unit": "平方米"}}]', encoding="utf-8")
        r = runner.invoke(app, ["library", "apply", str(f)])
        assert r.exit_code == 0, r.output
        r = runner.invoke(app, ["library", "list"])
        assert "校舍维修面积" in r.stdout and "版本 1" in r.stdout
        r = runner.invoke(app, ["db", "current"])
        assert f"当前版本: {head_revision()}；最新版本: {head_revision()}" in r.stdout
    finally:
        get_settings.cache_clear()


def test_cli_errors_exit_2_with_one_line(tmp_path):
    import subprocess
    import sys

    env = {"JIXIAO_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    cmd = [sys.executable, "-c", "from kb.cli import main; main()", "admin", "create-key", "--unit", "x",
           "--role", "boss"]
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert r.returncode == 2 and r.stderr.strip().count("\n") == 0 and "--role" in r.stderr
    cmd[-4:] = ["--unit", "示例单位", "--role", "admin"]
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert r.returncode == 0 and r.stdout.strip().splitlines()[-1].startswith("jx_")
    assert len(r.stdout.strip().splitlines()) == 1  # the key alone; the notice goes to stderr
