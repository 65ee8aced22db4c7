"""Issue 13's defects, one test each, through the HTTP API and the CLI as a user meets them.

Runs on SQLite and, when JIXIAO_TEST_POSTGRES_URL is set, on PostgreSQL
(`env` from tests/lifecycle_fixtures). The numbers are the issue's own
reproductions: "1.25万" against "≥12000人", "0.95" against "≥90%", "12000米"
against "≥12公里", "1e308", 99,999 万元 executed of a 680 万元 budget, ids
≥ 2^63, a formula in a cell we write, a settings typo, a damaged KB file.
"""
from __future__ import annotations

import json
import re
import sqlite3
from datetime import datetime

import pytest

from tests.harness import copy_kb, jixiao_env, run_jixiao
from tests.lifecycle_fixtures import *  # noqa: F401,F403
from tests.lifecycle_fixtures import UNIT_A, UNIT_B


def defect(why: str):
    """An issue-13 defect not fixed yet: the test must fail (strict), and passes once it is fixed."""
    return pytest.mark.xfail(strict=True, reason=f"issue 13: {why}")


BIG = 2 ** 63  # one past SQLite's and PostgreSQL's bigint


def _row(name, operator, value, unit, level1="产出指标", level2="数量指标"):
    return {"level1": level1, "level2": level2, "name": name, "operator": operator, "value": value, "unit": unit}


def _approved(env, rows, *, budget_wan=680.0, year=2024, who="decl_a", reviewer="rev_a") -> int:
    c = env.client
    body = {"project_name": "全民健身服务项目", "description": "开展全民健身服务。", "year": year,
            "budget_wan": budget_wan, "rows": rows}
    r = c.post("/v1/declarations", json=body, headers=env.h(who))
    assert r.status_code == 201, r.text
    did = r.json()["id"]
    assert c.post(f"/v1/declarations/{did}/submit", headers=env.h(who)).status_code == 200
    r = c.post(f"/v1/declarations/{did}/approve", json={"acknowledge_findings": True}, headers=env.h(reviewer))
    assert r.status_code == 200, r.text
    return did


def _evaluate(env, did, actual, weight=100.0, **extra):
    return env.client.post(f"/v1/declarations/{did}/evaluation",
                           json={"rows": [{"row": 1, "actual": actual, "weight": weight}], **extra},
                           headers=env.h("decl_a"))


# --------------------------------------------------------------------------- 1. correct numbers

def test_evaluation_reads_wan_in_an_actual(env):
    did = _approved(env, [_row("服务人数", "≥", "12000", "人")])
    r = _evaluate(env, did, "1.25万")
    assert r.status_code == 201, r.text
    item = r.json()["items"][0]
    assert item["score"] == pytest.approx(100.0)
    assert item["completion"] == pytest.approx(12500 / 12000)


def test_evaluation_reads_a_share_against_a_percent_target(env):
    did = _approved(env, [_row("群众满意度", "≥", "90", "%", "满意度指标", "服务对象满意度指标")])
    r = _evaluate(env, did, "0.95")
    assert r.status_code == 201, r.text
    assert r.json()["items"][0]["score"] == pytest.approx(100.0)


def test_evaluation_converts_metres_to_kilometres(env):
    did = _approved(env, [_row("道路修缮里程", "≥", "12", "公里")])
    r = _evaluate(env, did, "12000米")
    assert r.status_code == 201, r.text
    item = r.json()["items"][0]
    assert item["score"] == pytest.approx(100.0) and item["completion"] == pytest.approx(1.0)
    assert not any("偏低" in w for w in item["warnings"])


def test_evaluation_refuses_units_that_cannot_be_compared(env):
    did = _approved(env, [_row("道路修缮里程", "≥", "12", "公里")])
    r = _evaluate(env, did, "5吨")
    assert r.status_code == 422, r.text
    text = json.dumps(r.json(), ensure_ascii=False)
    assert "actual" in text and "吨" in text and "公里" in text


def test_evaluation_reads_scientific_notation_as_written(env):
    did = _approved(env, [_row("服务人数", "≥", "12000", "人")])
    r = _evaluate(env, did, "1e308")
    # either refused as implausible, or read as the number written — never as 1
    if r.status_code == 201:
        assert r.json()["items"][0]["completion"] > 1
    else:
        assert r.status_code == 422 and "actual" in json.dumps(r.json())


def test_monitoring_refuses_a_negative_actual(env):
    did = _approved(env, [_row("服务人数", "≥", "12000", "人")])
    r = env.client.post(f"/v1/declarations/{did}/monitoring",
                        json={"period_end": "2024-06-30", "indicators": [{"row": 1, "actual": "-5"}]},
                        headers=env.h("decl_a"))
    assert r.status_code == 422, r.text
    assert "actual" in json.dumps(r.json())


def test_monitoring_flags_spending_above_the_budget(env):
    did = _approved(env, [_row("服务人数", "≥", "12000", "人")], budget_wan=680)
    r = env.client.post(f"/v1/declarations/{did}/monitoring",
                        json={"period_end": "2024-06-30", "budget_executed_wan": 99999,
                              "indicators": [{"row": 1, "actual": "6000"}]}, headers=env.h("decl_a"))
    assert r.status_code in (201, 422), r.text
    if r.status_code == 201:
        b = r.json()["budget"]
        assert b["light"] == "red" and "超" in b["message"]


@pytest.mark.parametrize("field,value", [("budget_wan", 1.7e308), ("budget_wan", 2e9)])
def test_declaration_budget_is_bounded_like_suggest(env, field, value):
    body = {"project_name": "预算上限", "year": 2024, field: value,
            "rows": [_row("服务人数", "≥", "12000", "人")]}
    r = env.client.post("/v1/declarations", json=body, headers=env.h("decl_a"))
    assert r.status_code == 422, r.text
    assert field in json.dumps(r.json())


def test_amounts_are_bounded_on_every_write(env):
    did = _approved(env, [_row("服务人数", "≥", "12000", "人")])
    r = _evaluate(env, did, "12000", weight=90, budget_executed_wan=1e300)
    assert r.status_code == 422 and "budget_executed_wan" in r.text
    assert _evaluate(env, did, "12000").status_code == 201
    r = env.client.post(f"/v1/declarations/{did}/feedback", json={"budget_adjustment_wan": -1e300},
                        headers=env.h("rev_a"))
    assert r.status_code == 422 and "budget_adjustment_wan" in r.text


# --------------------------------------------------------------------------- 2. no 500 on any input

@pytest.mark.parametrize("method,path", [
    ("get", "/v1/declarations/{id}"), ("put", "/v1/declarations/{id}"), ("post", "/v1/declarations/{id}/submit"),
    ("post", "/v1/declarations/{id}/approve"), ("post", "/v1/declarations/{id}/monitoring"),
    ("get", "/v1/declarations/{id}/monitoring"), ("post", "/v1/declarations/{id}/evaluation"),
    ("get", "/v1/declarations/{id}/evaluation"), ("post", "/v1/declarations/{id}/feedback"),
    ("delete", "/v1/admin/keys/{id}"),
    # the evidence store, the archive and the table download (added on main after issue 13 was filed)
    ("get", "/v1/declarations/{id}/attachments"), ("get", "/v1/attachments/{id}"),
    ("get", "/v1/attachments/{id}/content"), ("delete", "/v1/attachments/{id}"),
    ("get", "/v1/archive/documents/{id}/content"), ("get", "/v1/declarations/{id}/crosschecks"),
    ("get", "/v1/declarations/{id}/xlsx"), ("get", "/v1/attachments/search?q=合同&declaration_id={id}"),
    ("get", "/v1/archive/search?q=办公&declaration_id={id}")])
def test_ids_beyond_bigint_are_a_4xx(env, method, path):
    from fastapi.testclient import TestClient

    from service.app import create_app

    client = TestClient(create_app(env.settings), raise_server_exceptions=False)
    bodies = {"put": {"project_name": "x", "year": 2024, "rows": []},
              "approve": {"acknowledge_findings": True}, "monitoring": {"period_end": "2024-06-30"},
              "evaluation": {"rows": [{"row": 1, "actual": "1", "weight": 100}]}, "feedback": {}, "submit": None}
    body = bodies.get(method) if method == "put" else bodies.get(path.rsplit("/", 1)[-1]) if method == "post" else None
    r = client.request(method.upper(), path.format(id=BIG), headers=env.h("admin"), json=body)
    assert 400 <= r.status_code < 500 and r.status_code != 401, (r.status_code, r.text)


def test_validation_messages_are_chinese_and_name_the_field(env):
    r = env.client.post("/v1/declarations", json={"year": 2024}, headers=env.h("decl_a"))
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert any("project_name" in json.dumps(d) for d in detail)
    for d in detail:
        assert re.search(r"[\u4e00-\u9fff]", d["msg"]), d
        assert "Field required" not in d["msg"]


def test_evaluation_errors_count_rows_from_one(env):
    did = _approved(env, [_row("服务人数", "≥", "12000", "人")])
    r = env.client.post(f"/v1/declarations/{did}/evaluation",
                        json={"rows": [{"row": 1, "actual": "", "weight": 100}]}, headers=env.h("decl_a"))
    assert r.status_code == 422
    assert "rows[1]" in json.dumps(r.json()) and "rows[0]" not in json.dumps(r.json())


def test_a_body_that_is_not_utf8_is_a_documented_422(env):
    r = env.client.post("/v1/declarations", content=b'{"project_name": "\xff\xfe"}',
                        headers={**env.h("decl_a"), "Content-Type": "application/json"})
    assert r.status_code == 422, r.status_code


def test_library_patch_reads_expected_version_from_the_body(env):
    c = env.client
    add = c.post("/v1/admin/library/indicators", headers=env.h("admin"), json={
        "library": "basic", "level1": "产出指标", "level2": "数量指标", "name": "健身活动举办场次", "unit": "场",
        "explanation": "全年举办的全民健身活动场次"})
    assert add.status_code == 201, add.text
    iid = add.json()["changes"][0]["id"]
    r = c.patch(f"/v1/admin/library/indicators/{iid}", json={"unit": "次", "expected_version": 7},
                headers=env.h("admin"))
    assert r.status_code == 409, r.text


def test_an_older_version_can_be_read(env):
    c = env.client
    body = {"project_name": "版本一", "year": 2024, "rows": [_row("服务人数", "≥", "12000", "人")]}
    did = c.post("/v1/declarations", json=body, headers=env.h("decl_a")).json()["id"]
    assert c.put(f"/v1/declarations/{did}", json={**body, "project_name": "版本二"},
                 headers=env.h("decl_a")).status_code == 200
    r = c.get(f"/v1/declarations/{did}", params={"version": 1}, headers=env.h("decl_a"))
    assert r.status_code == 200 and r.json()["version"] == 1 and r.json()["project_name"] == "版本一"
    assert c.get(f"/v1/declarations/{did}", params={"version": 9}, headers=env.h("decl_a")).status_code == 404


def _offset(ts: str) -> bool:
    return ts.endswith("Z") or re.search(r"[+-]\d\d:\d\d$", ts) is not None


def test_timestamps_always_carry_their_utc_offset(env):
    c = env.client
    body = {"project_name": "时间戳", "year": 2024, "rows": [_row("服务人数", "≥", "12000", "人")]}
    posted = c.post("/v1/declarations", json=body, headers=env.h("decl_a")).json()
    got = c.get(f"/v1/declarations/{posted['id']}", headers=env.h("decl_a")).json()
    keys = c.get("/v1/admin/keys", headers=env.h("admin")).json()
    # the version list and a stored version too (the long fuzz run of 2026-12-06 found them without one)
    versions = c.get(f"/v1/declarations/{posted['id']}/versions", headers=env.h("decl_a")).json()
    one = c.get(f"/v1/declarations/{posted['id']}/versions/1", headers=env.h("decl_a")).json()
    for ts in (posted["created_at"], got["created_at"], got["updated_at"], keys[0]["created_at"],
               versions[0]["created_at"], one["created_at"]):
        assert _offset(ts), ts
    assert datetime.fromisoformat(posted["created_at"].replace("Z", "+00:00")) == \
        datetime.fromisoformat(got["created_at"].replace("Z", "+00:00"))


def test_every_status_code_we_return_is_documented(env):
    doc = env.client.get("/openapi.json").json()
    missing = []
    for path, ops in doc["paths"].items():
        if not path.startswith("/v1"):
            continue
        for method, op in ops.items():
            for code in ("401", "422"):
                if code not in op.get("responses", {}):
                    missing.append(f"{method.upper()} {path} {code}")
    assert "404" in doc["paths"]["/v1/indicators/search"]["get"]["responses"]
    assert not missing, missing


# --------------------------------------------------------------------------- 7. authentication

def test_failed_keys_are_throttled_per_client(env):
    c = env.client
    codes = [c.get("/v1/declarations", headers={"X-API-Key": f"jx_guess{i}"}).status_code for i in range(30)]
    assert codes[0] == 401 and 429 in codes, codes
    r = c.get("/v1/declarations", headers={"X-API-Key": "jx_guess-again"})
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
    # while throttled even a right key waits: the address may not go on guessing
    assert c.get("/v1/declarations", headers=env.h("decl_a")).status_code == 429


def test_cors_is_off_unless_configured(env):
    r = env.client.options("/v1/declarations", headers={"Origin": "https://evil.example",
                                                        "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in r.headers


# --------------------------------------------------------------------------- 8. roles of the field

def test_finance_reviewer_reviews_the_units_assigned_to_it(env):
    c = env.client
    r = c.post("/v1/admin/keys", json={"unit_name": "区财政局", "role": "finance_reviewer",
                                       "assigned_units": [UNIT_A]}, headers=env.h("admin"))
    assert r.status_code == 201, r.text
    fin = {"X-API-Key": r.json()["key"]}
    body = {"project_name": "财政审核", "year": 2024, "budget_wan": 100, "rows": [_row("服务人数", "≥", "12000", "人")]}
    a = c.post("/v1/declarations", json=body, headers=env.h("decl_a")).json()["id"]
    b = c.post("/v1/declarations", json=body, headers=env.h("decl_b")).json()["id"]
    for did, who in ((a, "decl_a"), (b, "decl_b")):
        assert c.post(f"/v1/declarations/{did}/submit", headers=env.h(who)).status_code == 200
    assert c.get(f"/v1/declarations/{a}", headers=fin).status_code == 200
    assert c.post(f"/v1/declarations/{a}/return", json={"comment": "请补充成本指标"}, headers=fin).status_code == 200
    assert c.get(f"/v1/declarations/{b}", headers=fin).status_code == 404
    assert c.post(f"/v1/declarations/{b}/approve", json={"acknowledge_findings": True}, headers=fin).status_code == 404
    assert c.post("/v1/declarations", json=body, headers=fin).status_code == 403


def test_unit_admin_is_confined_to_its_unit(env):
    c = env.client
    r = c.post("/v1/admin/keys", json={"unit_name": UNIT_B, "role": "admin"}, headers=env.h("admin"))
    assert r.status_code == 201, r.text
    admin_b = {"X-API-Key": r.json()["key"]}
    body = {"project_name": "越权审核", "year": 2024, "rows": [_row("服务人数", "≥", "12000", "人")]}
    a = c.post("/v1/declarations", json=body, headers=env.h("decl_a")).json()["id"]
    assert c.post(f"/v1/declarations/{a}/submit", headers=env.h("decl_a")).status_code == 200
    assert c.post(f"/v1/declarations/{a}/approve", json={"acknowledge_findings": True},
                  headers=admin_b).status_code == 404
    # the system admin (made on the command line) still reaches every unit
    assert c.post(f"/v1/declarations/{a}/approve", json={"acknowledge_findings": True},
                  headers=env.h("admin")).status_code == 200


# --------------------------------------------------------------------------- 9. text hygiene

def test_invisible_characters_are_stripped_from_stored_names(env):
    c = env.client
    body = {"project_name": "全民\u200b健身\u202e项目\x00", "year": 2024,
            "rows": [_row("服务\u200d人数\ufeff", "≥", "12000", "人")]}
    r = c.post("/v1/declarations", json=body, headers=env.h("decl_a"))
    assert r.status_code == 201, r.text
    got = r.json()
    assert got["project_name"] == "全民健身项目" and got["rows"][0]["name"] == "服务人数"


def test_a_zero_width_space_does_not_break_search(env, shipped_settings):
    from fastapi.testclient import TestClient

    from kb.settings import Settings
    from service.app import create_app

    s = Settings(home=shipped_settings.home, database_url=env.url, embedder="none", progress=False)
    c = TestClient(create_app(s))
    plain = c.get("/v1/indicators/search", params={"q": "满意度"}, headers=env.h("decl_a")).json()
    zw = c.get("/v1/indicators/search", params={"q": "满\u200b意度"}, headers=env.h("decl_a")).json()
    assert plain["total"] > 0 and [h["indicator_id"] for h in zw["hits"]] == [h["indicator_id"] for h in plain["hits"]]


# --------------------------------------------------------------------------- 3. files we write never execute

PAYLOADS = ["=0次", "=HYPERLINK(\"http://example.invalid\",\"点我\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("fix", [False, True])
def test_check_out_writes_every_cell_as_text(tmp_path, fix):
    import openpyxl

    rows = [_row(p if i % 2 else "培训人数", "≥", p, "人") for i, p in enumerate(PAYLOADS)]
    src = tmp_path / "table.json"
    src.write_text(json.dumps({"project_name": "=HYPERLINK(\"http://example.invalid\",\"点我\")", "year": 2024,
                               "rows": rows}, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.xlsx"
    env = jixiao_env(tmp_path / "home")
    p = run_jixiao(["check", str(src), "--out", str(out), *(["--fix"] if fix else [])], env, check=False)
    assert p.returncode in (0, 1), p.stderr
    wb = openpyxl.load_workbook(out)
    formulas = [(ws.title, c.coordinate, c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                if c.data_type == "f" or (isinstance(c.value, str) and c.value[:1] in "=+-@" and c.data_type != "s")]
    assert not formulas, formulas
    texts = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert any(t.startswith("=HYPERLINK") for t in texts)  # kept as the text it was
    leads = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert leads and all(c.quotePrefix for c in leads)  # and stays text when someone edits the cell
    if not fix:
        assert "=0次" in texts


# --------------------------------------------------------------------------- 2. one line, not a traceback

def test_a_settings_typo_is_one_line(tmp_path):
    env = jixiao_env(tmp_path / "home", JIXIAO_MAX_REQUEST_BYTES="abc")
    p = run_jixiao(["search", "满意度"], env, check=False)
    assert p.returncode == 2, (p.returncode, p.stderr)
    assert "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1, p.stderr
    assert "JIXIAO_MAX_REQUEST_BYTES" in p.stderr


def test_a_damaged_kb_file_says_to_rebuild(tmp_path, shipped_settings):
    home = tmp_path / "home"
    kb = copy_kb(shipped_settings.resolved_kb_path(), home)
    with sqlite3.connect(str(kb)) as c:
        c.execute("PRAGMA journal_mode=DELETE")
    data = kb.read_bytes()
    kb.write_bytes(data[: len(data) // 3])
    p = run_jixiao(["search", "满意度"], jixiao_env(home), check=False)
    assert p.returncode == 2, (p.returncode, p.stderr)
    assert "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1, p.stderr
    assert "jixiao build" in p.stderr


def test_search_total_counts_only_visible_indicators(env, shipped_settings, tmp_path):
    from fastapi.testclient import TestClient

    from kb.settings import Settings
    from service.app import create_app

    home = tmp_path / "kbhome"
    copy_kb(shipped_settings.resolved_kb_path(), home)
    c = TestClient(create_app(Settings(home=home, database_url=env.url, embedder="none", progress=False)))
    name = "城市管理执法车辆巡查里程"
    r = c.post("/v1/admin/library/indicators", headers=env.h("admin"), json={
        "library": "unit", "unit_name": UNIT_B, "level1": "产出指标", "level2": "数量指标", "name": name,
        "unit": "公里", "explanation": "执法车辆全年巡查里程"})
    assert r.status_code == 201, r.text
    mine = c.get("/v1/indicators/search", params={"q": name, "top": 200}, headers=env.h("decl_b")).json()
    theirs = c.get("/v1/indicators/search", params={"q": name, "top": 200}, headers=env.h("decl_a")).json()
    assert name in [h["name"] for h in mine["hits"]] and name not in [h["name"] for h in theirs["hits"]]
    # unit A sees the 基础指标库 only, unit B also its own new indicator: one more in its total
    assert mine["total"] == theirs["total"] + 1, (mine["total"], theirs["total"])


def test_checker_flags_invisible_characters_in_a_name(tmp_path):
    src = tmp_path / "table.json"
    src.write_text(json.dumps({"project_name": "全民健身", "year": 2024, "rows": [
        _row("服务\u200b人数", "≥", "12000", "人"), _row("群众满意度", "≥", "90", "%", "满意度指标", "服务对象满意度指标")]},
        ensure_ascii=False), encoding="utf-8")
    p = run_jixiao(["check", str(src), "--json"], jixiao_env(tmp_path / "home"), check=False)
    assert p.returncode in (0, 1), p.stderr
    findings = json.loads(p.stdout)["findings"]
    hit = [f for f in findings if "不可见字符" in f["message"]]
    assert hit and hit[0]["row"] == 1 and hit[0]["field"] == "name", findings


@pytest.mark.parametrize("path", ["/v1/declarations", "/v1/admin/audit", "/v1/archive/documents",
                                  "/v1/archive/documents?year=2024"])
def test_huge_offsets_are_a_422_not_an_overflow(env, path):
    """Found by the long fuzz run: an offset past SQLite's integers raised OverflowError (500)."""
    sep = "&" if "?" in path else "?"
    r = env.client.get(f"{path}{sep}offset={2 ** 75}", headers=env.h("admin"))
    assert r.status_code == 422, (r.status_code, r.text[:300])


# --------------------------------------------------------------------------- found by fuzzing main's new routes

def test_the_table_export_drops_control_characters_instead_of_failing(env):
    """The CI fuzz run after the merge: a vertical tab in 主管部门 made POST /v1/declarations/export a 500
    (openpyxl's IllegalCharacterError); a cell we write holds what a person sees."""
    import io

    from openpyxl import load_workbook

    body = {"project_name": "培训\u200b项目", "department": "教育\x0b局\x14", "year": 2025, "budget_wan": 20,
            "rows": [_row("培训\x07人数", "≥", "300", "人")]}
    r = env.client.post("/v1/declarations/export", json=body, headers=env.h("decl_a"))
    assert r.status_code == 200, r.text[:300]
    texts = {c.value for row in load_workbook(io.BytesIO(r.content)).active.iter_rows() for c in row if c.value}
    assert "培训人数" in texts and any("培训项目" in t for t in texts) and any("教育局" in t for t in texts), texts


def test_the_table_export_bounds_the_budget_like_every_write(env):
    r = env.client.post("/v1/declarations/export", json={"project_name": "x", "budget_wan": 1.7e308, "rows": []},
                        headers=env.h("decl_a"))
    assert r.status_code == 422 and "budget_wan" in r.text, r.text[:300]


def test_check_out_through_a_file_is_one_chinese_line(tmp_path):
    """Found while folding the suggest export into the one .xlsx writer: `check --out /dev/null/x.xlsx` printed
    two tracebacks (mkdir's FileExistsError, then NotADirectoryError cleaning up a temporary file that could not
    exist) and exit 1. Now exit 2 and one line saying the path holds a file where a folder should be."""
    src = tmp_path / "table.json"
    src.write_text(json.dumps({"project_name": "培训项目", "rows": [_row("培训人数", "≥", "100", "人")]},
                              ensure_ascii=False), encoding="utf-8")
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x", encoding="utf-8")
    p = run_jixiao(["check", str(src), "--out", str(blocker / "out.xlsx")], jixiao_env(tmp_path / "home"), check=False)
    errors = [x for x in p.stderr.splitlines() if x.startswith("错误")]
    assert p.returncode == 2 and len(errors) == 1 and "路径中有一段不是文件夹" in errors[0], p.stderr
    assert "Traceback" not in p.stderr
