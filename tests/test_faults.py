"""Faults of the machine, not of the input: a full disk, read-only folders, two processes on one SQLite file.

Each fault must give a 503 (with a Chinese message saying what to do) or,
on the command line, exit 2 with one line — never a 500 or a traceback —
and must not lose what was already stored. The disk is "filled" with a
per-process file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored): writes past it
fail as they do on a full disk. Read-only folders are made for an
unprivileged user when the tests run as root (root ignores permissions).
"""
from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import threading
from pathlib import Path

import httpx
import pytest

from tests.harness import Server, copy_kb, create_key, jixiao_env, run_jixiao

ROWS = [{"level1": "产出指标", "level2": "数量指标", "name": "培训人数", "operator": "≥", "value": "300", "unit": "人"}]


def _file_limit(nbytes: int):
    def pre():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, nbytes))
    return pre


def _one_line(p) -> None:
    assert p.returncode == 2, (p.returncode, p.stderr[-3000:])
    assert "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1, p.stderr[-3000:]


# --------------------------------------------------------------------------- disk full

def test_a_full_disk_is_a_503_and_keeps_what_was_stored(home):
    env = jixiao_env(home)
    key = {"X-API-Key": create_key(env, "某县教育局", "declarant")}
    db = home / "jixiao.workflow.sqlite"
    limit = max(p.stat().st_size for p in home.glob("jixiao.workflow.sqlite*")) + 96 * 1024
    stored, codes = [], []
    with Server(home, env, preexec=_file_limit(max(limit, 512 * 1024))) as srv, \
            httpx.Client(base_url=srv.url, timeout=30) as c:
        for i in range(400):
            body = {"project_name": f"磁盘已满{i}", "year": 2024, "description": "说明" * 400, "rows": ROWS}
            r = c.post("/v1/declarations", json=body, headers=key)
            codes.append(r.status_code)
            if r.status_code == 201:
                stored.append(r.json()["id"])
            elif r.status_code == 503:
                assert "磁盘" in r.json()["detail"] or "空间" in r.json()["detail"], r.text
                assert "retry-after" in r.headers
                break
            else:
                pytest.fail(f"write {i}: {r.status_code} {r.text[:300]}")
        assert 503 in codes, codes[-5:]
        assert c.get("/v1/declarations", headers=key).status_code == 200
        assert c.get("/v1/indicators/search", params={"q": "培训人数"}, headers=key).status_code == 200
    with Server(home, env) as srv:
        for did in stored:
            assert httpx.get(f"{srv.url}/v1/declarations/{did}", headers=key, timeout=30).status_code == 200
    assert db.exists()


def test_a_full_disk_is_one_line_on_the_command_line(home, tmp_path):
    env = jixiao_env(home)
    run_jixiao(["db", "upgrade"], env)
    ind = tmp_path / "ind.json"
    ind.write_text(json.dumps({"library": "basic", "level1": "产出指标", "level2": "数量指标",
                               "name": "磁盘满时新增的指标", "unit": "个", "explanation": "说明" * 2000},
                              ensure_ascii=False), encoding="utf-8")
    # the WAL starts empty: a file-size limit of two pages leaves no room for the change
    p = run_jixiao(["library", "add", str(ind)], env, check=False, preexec_fn=_file_limit(8192))
    _one_line(p)
    assert "磁盘" in p.stderr or "空间" in p.stderr


# --------------------------------------------------------------------------- read-only folders

@pytest.fixture
def read_only(tmp_path):
    """read_only(folder) → a read-only view of `folder`: a read-only bind mount when root (root
    ignores permissions), else the folder itself with its write bits removed."""
    mounts: list[Path] = []
    chmodded: list[Path] = []

    def make(folder: Path) -> Path:
        if os.geteuid() != 0:
            for p in [folder, *folder.rglob("*")]:
                p.chmod(p.stat().st_mode & ~0o222)
                chmodded.append(p)
            return folder
        view = tmp_path / f"ro-{len(mounts)}"
        view.mkdir()
        for cmd in (["mount", "--bind", str(folder), str(view)], ["mount", "-o", "remount,bind,ro", str(view)]):
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode != 0:
                subprocess.run(["umount", str(view)], capture_output=True)
                pytest.skip(f"cannot make a read-only mount here: {r.stderr.strip()}")
        mounts.append(view)
        return view

    try:
        yield make
    finally:
        for v in mounts:
            subprocess.run(["umount", str(v)], capture_output=True)
        for p in chmodded:
            p.chmod(p.stat().st_mode | 0o200)


def test_a_read_only_kb_folder_still_serves_search_and_writes(tmp_path, shipped_settings, read_only):
    kbdir = tmp_path / "kb"
    copy_kb(shipped_settings.resolved_kb_path(), kbdir)
    env = jixiao_env(kbdir, database_url=f"sqlite:///{tmp_path}/db/workflow.sqlite")
    key = {"X-API-Key": create_key(env, "某县教育局", "declarant")}
    env = jixiao_env(read_only(kbdir), database_url=f"sqlite:///{tmp_path}/db/workflow.sqlite")
    with Server(tmp_path / "logs", env) as srv:
        r = httpx.get(srv.url + "/v1/indicators/search", params={"q": "培训人数"}, headers=key, timeout=30)
        assert r.status_code == 200 and r.json()["total"] > 0, r.text
        r = httpx.post(srv.url + "/v1/declarations", json={"project_name": "只读知识库", "year": 2024, "rows": ROWS},
                       headers=key, timeout=30)
        assert r.status_code == 201, r.text


def test_a_read_only_database_folder_is_a_503_for_writes_only(home, tmp_path, read_only):
    env = jixiao_env(home)
    key = {"X-API-Key": create_key(env, "某县教育局", "declarant")}
    with Server(home, env) as srv:  # one write while it could: it must stay readable
        r = httpx.post(srv.url + "/v1/declarations", json={"project_name": "可写时", "year": 2024, "rows": ROWS},
                       headers=key, timeout=30)
        assert r.status_code == 201
        did = r.json()["id"]
    env = jixiao_env(read_only(home))
    with Server(tmp_path / "logs", env) as srv:
        assert httpx.get(f"{srv.url}/v1/declarations/{did}", headers=key, timeout=30).status_code == 200
        assert httpx.get(srv.url + "/v1/indicators/search", params={"q": "培训"}, headers=key,
                         timeout=30).status_code == 200
        r = httpx.post(srv.url + "/v1/declarations", json={"project_name": "只读时", "year": 2024, "rows": ROWS},
                       headers=key, timeout=30)
        assert r.status_code == 503, r.text
        assert "只读" in r.json()["detail"] or "权限" in r.json()["detail"]


def test_build_into_a_read_only_folder_is_one_line(tmp_path, read_only):
    empty = tmp_path / "empty"
    empty.mkdir()
    p = run_jixiao(["build"], jixiao_env(read_only(empty)), check=False)
    # the build's own progress lines may come first; the error is one line, no traceback
    assert p.returncode == 2 and "Traceback" not in p.stderr, p.stderr[-3000:]
    last = p.stderr.strip().splitlines()[-1]
    assert last.startswith("错误:") and ("只读" in last or "权限" in last), p.stderr


# --------------------------------------------------------------------------- two processes, one SQLite file

def test_concurrent_declarations_of_one_new_project_across_two_processes_all_succeed(home):
    env = jixiao_env(home)
    key = {"X-API-Key": create_key(env, "某县教育局", "declarant")}
    with Server(home, env) as a, Server(home, env) as b:
        codes: list[int] = []
        lock = threading.Lock()

        def post(url: str, i: int):
            r = httpx.post(url + "/v1/declarations", headers=key, timeout=60, json={
                "project_name": "同名新项目", "year": 2024, "description": f"第{i}份", "rows": ROWS})
            with lock:
                codes.append(r.status_code)

        ts = [threading.Thread(target=post, args=((a, b)[i % 2].url, i)) for i in range(16)]
        for t in ts:
            t.start()
        for t in ts:
            t.join(timeout=120)
        assert sorted(codes) == [201] * 16, codes
        listed = httpx.get(a.url + "/v1/declarations", headers=key, timeout=30).json()
        assert sum(d["project_name"] == "同名新项目" for d in listed) == 16


def test_keys_and_bodies_stay_out_of_the_server_log(home):
    env = jixiao_env(home)
    key = create_key(env, "某县教育局", "declarant")
    marker = "机密项目说明XYZ"
    with Server(home, env) as srv:
        httpx.post(srv.url + "/v1/declarations", headers={"X-API-Key": key}, timeout=30,
                   json={"project_name": "日志检查", "year": 2024, "description": marker, "rows": ROWS})
        httpx.get(srv.url + "/v1/declarations", headers={"X-API-Key": key + "x"}, timeout=30)
        log = srv.log()
    assert "POST /v1/declarations" in log
    assert key not in log and marker not in log



def test_concurrent_library_adds_are_all_acknowledged_and_published(home):
    """Four admins add indicators at once: each gets 201 (never a 500 for a stored change) and each
    indicator reaches search (published now, or by the poller within its bound)."""
    env = jixiao_env(home)
    key = {"X-API-Key": create_key(env, "市财政局", "admin")}
    names = [f"并发新增指标{i}号巡查次数" for i in range(4)]
    with Server(home, env) as srv:
        codes: dict[str, int] = {}

        def add(name: str):
            r = httpx.post(srv.url + "/v1/admin/library/indicators", headers=key, timeout=120, json={
                "library": "basic", "level1": "产出指标", "level2": "数量指标", "name": name, "unit": "次",
                "explanation": "并发新增的测试指标"})
            codes[name] = r.status_code

        ts = [threading.Thread(target=add, args=(n,)) for n in names]
        for t in ts:
            t.start()
        for t in ts:
            t.join(timeout=180)
        assert sorted(codes.values()) == [201] * 4, codes

        def all_found():
            found = set()
            for n in names:
                r = httpx.get(srv.url + "/v1/indicators/search", params={"q": n}, headers=key, timeout=30)
                found |= {h["name"] for h in r.json()["hits"]}
            return set(names) <= found

        from tests.harness import wait_for
        assert wait_for(all_found, timeout=15)
