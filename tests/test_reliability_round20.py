"""Issue 13 replayed on the code of 2026-12-07 (round 20): defects that no longer held, each a test.

- Every route with an integer path parameter, taken from the app's own
  OpenAPI document (so a route added later is covered without listing it),
  answers a 4xx naming the field for an id of 2^63 and beyond, never an
  OverflowError 500. The hand-written route list of
  tests/test_reliability_defects.py missed the two version routes added
  after it (`/versions`, `/versions/{number}`), which answered 500.
- A replica's library poller survives a KB file it cannot open. A server
  started on a damaged KB file (or with the disk full, so SQLite could not
  open its WAL) lost its poller thread for good on the first poll: the
  thread caught only JixiaoError, and after `jixiao build --force` (or
  freed space) the server answered again but never saw a library change
  made through another replica or the CLI (replayed live: not within 12 s;
  the README's bound is 10 s).
- `jixiao check --out` / `--fix --out` on a full disk print one line. The
  one-line error was followed by "Exception ignored in ZipFile.__del__"
  and a traceback (the zip openpyxl left open), or, when the disk filled
  while openpyxl wrote a worksheet to its temporary file, by an 80-line
  lxml SerialisationError traceback and exit code 1. Replayed on a full
  tmpfs and, here, with a per-process file-size limit (as tests/test_faults.py).
- The .xlsx exports (`POST /v1/declarations/export`, `GET /v1/library/export`)
  answered 500 when the temporary folder was full (openpyxl writes each
  worksheet to a temporary file; lxml raises SerialisationError 'IO_ENOSPC',
  not an OSError): now 503 with Retry-After like every other full-disk fault.
- A zip bomb uploaded to the check route was refused (413) in the name of
  the temporary copy ("upload.xlsx: Excel 文件解压后约 1887.5 MB…"), not
  the uploaded file's name as every other refusal (422) is.
- Settings that cannot work are refused in one line, as `abc` was:
  JIXIAO_MAX_REQUEST_BYTES=-5 (or 0) started a server that answered every
  request with a body "413 请求体超过上限 -5 字节"; a negative queue, a
  NaN wait, a zero throttle window, a negative poll were accepted too.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import resource
import signal
import subprocess
import threading
import time

import pytest

from tests.harness import copy_kb, free_port, jixiao_env, run_jixiao
from tests.kbfactory import make_kb
from tests.lifecycle_fixtures import *  # noqa: F401,F403
from tests.test_faults import _file_limit

HUGE = [2 ** 63, 2 ** 64, 10 ** 26, -(2 ** 63) - 1]


def _int_path_routes(client) -> list[tuple[str, str, list[str]]]:
    """(method, path, integer path parameter names) of every operation in /openapi.json."""
    spec = client.get("/openapi.json").json()
    out = []
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            names = [p["name"] for p in op.get("parameters", [])
                     if p.get("in") == "path" and p.get("schema", {}).get("type") == "integer"]
            if names:
                out.append((method, path, names))
    return out


def test_the_openapi_lists_the_version_routes_with_bounded_integer_ids(env):
    routes = {(m, p): names for m, p, names in _int_path_routes(env.client)}
    assert routes[("get", "/v1/declarations/{decl_id}/versions")] == ["decl_id"]
    assert routes[("get", "/v1/declarations/{decl_id}/versions/{number}")] == ["decl_id", "number"]
    spec = env.client.get("/openapi.json").json()
    for m, p in (("get", "/v1/declarations/{decl_id}/versions"), ("get", "/v1/declarations/{decl_id}/versions/{number}")):
        for prm in spec["paths"][p][m]["parameters"]:
            if prm["in"] == "path":
                assert prm["schema"].get("maximum") == 2 ** 31 - 1 and prm["schema"].get("minimum") == 1, prm


@pytest.mark.parametrize("big", HUGE)
def test_no_integer_path_parameter_overflows_on_any_route(env, big):
    routes = _int_path_routes(env.client)
    assert len(routes) >= 20, routes
    bad = []
    for method, path, _names in routes:
        url = re.sub(r"\{[^}]+\}", str(big), path)
        body = {} if method in ("post", "put", "patch") else None
        r = env.client.request(method.upper(), url, headers=env.h("admin"), json=body)
        if not (400 <= r.status_code < 500 and r.status_code != 401):
            bad.append((method.upper(), url, r.status_code, r.text[:120]))
    assert not bad, bad


def test_a_huge_version_number_names_the_field_in_chinese(env):
    r = env.client.post("/v1/declarations", json={"project_name": "全民健身服务项目", "year": 2024, "rows": []},
                        headers=env.h("decl_a"))
    assert r.status_code == 201, r.text
    did = r.json()["id"]
    ok = env.client.get(f"/v1/declarations/{did}/versions/1", headers=env.h("decl_a"))
    assert ok.status_code == 200, ok.text
    r = env.client.get(f"/v1/declarations/{did}/versions/{2 ** 63}", headers=env.h("decl_a"))
    assert r.status_code == 422, r.text
    (d,) = r.json()["detail"]
    assert d["loc"] == ["path", "number"] and d["msg"].startswith("版本号"), d
    r = env.client.get(f"/v1/declarations/{2 ** 63}/versions", headers=env.h("decl_a"))
    assert r.status_code == 422 and r.json()["detail"][0]["msg"].startswith("申报编号"), r.text


def test_the_library_poller_survives_a_damaged_kb_file_and_catches_up_once_it_is_rebuilt(tmp_path):
    from kb.knowledge import get_kb
    from kb.lifecycle.access import CLI_PRINCIPAL
    from kb.lifecycle.db import get_sessionmaker, upgrade
    from kb.lifecycle.library import apply_changes
    from kb.lifecycle.schemas import LibraryChangesIn
    from service.app import _library_poller

    good = make_kb(tmp_path / "good", ["培训人次", "验收合格率"])
    home = tmp_path / "replica"
    home.mkdir()
    kb_file = home / "jixiao.kb.sqlite"
    kb_file.write_bytes(b"not a database, a damaged copy " * 4000)
    url = f"sqlite:///{tmp_path / 'workflow.sqlite'}"
    upgrade(url)
    settings = good.settings.model_copy(update={"home": home, "kb_path": None, "database_url": url,
                                                "library_poll_s": 0.1})
    assert settings.resolved_kb_path() == kb_file
    stop = threading.Event()
    t = threading.Thread(target=_library_poller, args=(settings, stop), daemon=True)
    t.start()
    try:
        time.sleep(1.0)  # ten polls on the damaged file
        assert t.is_alive(), "the poller died on the damaged KB file"
        # the operator rebuilds (`jixiao build --force` swaps a whole new file in): readable again
        os.replace(copy_kb(good.path, tmp_path / "staging"), kb_file)
        with get_sessionmaker(url)() as s:  # a change through another replica: committed, not published here
            apply_changes(s, CLI_PRINCIPAL, LibraryChangesIn.model_validate({"changes": [{"op": "add", "indicator": {
                "library": "basic", "level1": "产出指标", "level2": "数量指标", "name": "消防栓巡查次数",
                "unit": "次", "explanation": "全年巡查消防栓的次数"}}]}))

        def names() -> list[str]:
            try:
                return [h.name for h in get_kb(settings).search("消防栓巡查次数", top=3, mode="lexical").hits]
            except Exception:  # noqa: BLE001 - the file may be mid-publish
                return []

        deadline = time.monotonic() + 10
        while "消防栓巡查次数" not in names() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "消防栓巡查次数" in names()
        assert t.is_alive()
    finally:
        stop.set()
        t.join(5)


TABLE = {"project_name": "=HYPERLINK(\"http://evil.example/\",\"点我\")", "year": 2024, "budget_wan": 100, "rows": [
    {"level1": "产出指标", "level2": "数量指标", "name": "培训人数", "operator": "≥", "value": "=0", "unit": "人"},
    {"level1": "产出指标", "level2": "质量指标", "name": "+验收合格率", "operator": "≥", "value": "95", "unit": "%"},
    {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "培训对象满意度", "operator": "≥", "value": "90",
     "unit": "%"}]}


@pytest.mark.parametrize("fix", [False, True], ids=["out", "fix-out"])
@pytest.mark.parametrize("limit", [2048, 6000])
def test_check_out_on_a_full_disk_is_one_line_and_leaves_no_file(tmp_path, fix, limit):
    env = jixiao_env(tmp_path / "home")
    table = tmp_path / "table.json"
    table.write_text(json.dumps(TABLE, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out" / "审核结果.xlsx"
    p = run_jixiao(["check", str(table), *(["--fix"] if fix else []), "--out", str(out)], env, check=False,
                   preexec_fn=_file_limit(limit))
    assert p.returncode == 2, (p.returncode, p.stderr[-3000:])
    assert "Traceback" not in p.stderr and "Exception ignored" not in p.stderr, p.stderr[-3000:]
    errors = [line for line in p.stderr.splitlines() if line.startswith("错误")]
    assert len(errors) == 1 and "无法写入文件" in errors[0] and "超过系统限制" in errors[0], p.stderr
    assert p.stderr.strip().splitlines()[-1] == errors[0]
    assert not out.exists() and not list(out.parent.glob(".*.tmp"))
    # and with room, the same command writes the file (the limit, not the table, made it fail)
    ok = run_jixiao(["check", str(table), *(["--fix"] if fix else []), "--out", str(out)], env, check=False)
    assert ok.returncode in (0, 1) and out.stat().st_size > limit, ok.stderr[-2000:]


@contextlib.contextmanager
def _files_capped_at(nbytes: int):
    """This process may not grow a file past `nbytes` (as on a full disk) inside the block."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    old = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, old)


def test_workbook_bytes_on_a_full_temporary_folder_is_an_oserror_with_its_errno():
    import openpyxl

    from kb.io.xlsx_cells import workbook_bytes

    wb = openpyxl.Workbook()
    for i in range(200):
        wb.active.append([f"第{i}行", "产出指标", "数量指标", "培训人数", "≥300人"])
    with _files_capped_at(1024), pytest.raises(OSError) as e:
        workbook_bytes(wb)
    assert e.value.errno == 27  # EFBIG here; ENOSPC (28) on a real full disk
    assert len(workbook_bytes(wb)) > 1024  # with room, the same workbook is written


def test_the_xlsx_export_on_a_full_temporary_folder_is_a_503(env):
    body = {**TABLE, "rows": TABLE["rows"] * 40}
    assert env.client.post("/v1/declarations/export", json=body, headers=env.h("decl_a")).status_code == 200
    with _files_capped_at(1024):
        r = env.client.post("/v1/declarations/export", json=body, headers=env.h("decl_a"))
    assert r.status_code == 503 and r.headers.get("retry-after"), (r.status_code, r.text[:300])
    assert "磁盘空间不足" in r.json()["detail"]


def test_a_zip_bomb_upload_is_named_by_its_own_file_name_not_the_temporary_copy(env, tmp_path):
    from tests.test_uploads import zip_bomb_xlsx

    bomb = zip_bomb_xlsx(tmp_path / "绩效目标表.xlsx", mb=60)
    with bomb.open("rb") as f:
        r = env.client.post("/v1/declarations/check", files={"file": ("绩效目标表.xlsx", f)}, headers=env.h("decl_a"))
    assert r.status_code == 413, r.text
    detail = r.json()["detail"]
    assert detail.startswith("绩效目标表.xlsx: ") and "压缩炸弹" in detail and "upload" not in detail, detail


@pytest.mark.parametrize("name,value,says", [
    ("JIXIAO_MAX_REQUEST_BYTES", "-5", "应不小于 1"), ("JIXIAO_MAX_REQUEST_BYTES", "0", "应不小于 1"),
    ("JIXIAO_MAX_QUEUE", "-1", "应不小于 0"), ("JIXIAO_MAX_WAIT_S", "nan", "有限"),
    ("JIXIAO_AUTH_FAIL_WINDOW_S", "0", "应大于 0"), ("JIXIAO_LIBRARY_POLL_S", "-2", "应不小于 0"),
    ("JIXIAO_EMBED_BATCH_SIZE", "0", "应不小于 1")])
def test_a_setting_that_cannot_work_is_one_line_naming_it(tmp_path, name, value, says):
    env = jixiao_env(tmp_path / "home", **{name: value})
    p = run_jixiao(["search", "满意度"], env, check=False, timeout=120)
    assert p.returncode == 2 and "Traceback" not in p.stderr, (p.returncode, p.stderr[-2000:])
    (line,) = p.stderr.strip().splitlines()
    assert name in line and f"'{value}'" in line and says in line, line


def test_serve_refuses_a_body_limit_below_one_byte_instead_of_answering_413_to_everything(tmp_path):
    env = jixiao_env(tmp_path / "home", JIXIAO_MAX_REQUEST_BYTES="-5")
    try:
        p = run_jixiao(["serve", "--port", str(free_port())], env, check=False, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("jixiao serve started with JIXIAO_MAX_REQUEST_BYTES=-5")
    assert p.returncode == 2, (p.returncode, p.stderr[-2000:])
    assert "JIXIAO_MAX_REQUEST_BYTES" in p.stderr.strip().splitlines()[-1]
