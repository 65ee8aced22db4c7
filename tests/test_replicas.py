"""Two `jixiao serve` replicas on one PostgreSQL workflow database agree.

Each replica has its own KB file (as two machines would) and the same
`JIXIAO_DATABASE_URL`. A declaration written through one is read and
changed through the other; an admin's library change made through one is
found by the other's search within LIBRARY_BOUND seconds, without a restart,
and survives a restart of either. Skipped without JIXIAO_TEST_POSTGRES_URL
(`source .ci/start_postgres.sh`).
"""
from __future__ import annotations

import time

import httpx
import pytest

from tests.harness import PG_URL, Server, copy_kb, create_key, jixiao_env, pg_schema, run_jixiao, wait_for

pytestmark = pytest.mark.skipif(not PG_URL, reason="JIXIAO_TEST_POSTGRES_URL not set (source .ci/start_postgres.sh)")

LIBRARY_BOUND = 10.0  # seconds: the README's promise for a library change to reach every replica
ROWS = [{"level1": "产出指标", "level2": "数量指标", "name": "健身路径维护数量", "operator": "≥", "value": "40",
         "unit": "条"}]


@pytest.fixture(scope="module")
def replicas(shipped_settings, tmp_path_factory):
    with pg_schema() as url:
        tmp = tmp_path_factory.mktemp("replicas")
        envs = []
        for name in ("a", "b"):
            home = tmp / name
            copy_kb(shipped_settings.resolved_kb_path(), home)
            envs.append(jixiao_env(home, database_url=url))
        run_jixiao(["db", "upgrade"], envs[0])
        keys = {"admin": create_key(envs[0], "市财政局", "admin"),
                "decl": create_key(envs[0], "某县体育局", "declarant")}
        a = Server(tmp / "a", envs[0]).start()
        b = Server(tmp / "b", envs[1]).start()
        try:
            yield a, b, keys, envs
        finally:
            a.stop()
            b.stop()


def _search_ids(srv: Server, key: str, q: str) -> list[str]:
    r = httpx.get(srv.url + "/v1/indicators/search", params={"q": q, "top": 20}, headers={"X-API-Key": key},
                  timeout=30)
    assert r.status_code == 200, r.text
    return [h["indicator_id"] for h in r.json()["hits"]]


def test_a_declaration_written_through_one_replica_is_read_and_changed_through_the_other(replicas):
    a, b, keys, _ = replicas
    h = {"X-API-Key": keys["decl"]}
    body = {"project_name": "全民健身路径维护", "year": 2024, "budget_wan": 35, "rows": ROWS}
    r = httpx.post(a.url + "/v1/declarations", json=body, headers=h, timeout=30)
    assert r.status_code == 201, r.text
    did = r.json()["id"]
    got = httpx.get(f"{b.url}/v1/declarations/{did}", headers=h, timeout=30)
    assert got.status_code == 200 and got.json()["project_name"] == "全民健身路径维护"
    r = httpx.put(f"{b.url}/v1/declarations/{did}", json={**body, "budget_wan": 36}, headers=h, timeout=30)
    assert r.status_code == 200 and r.json()["version"] == 2
    again = httpx.get(f"{a.url}/v1/declarations/{did}", headers=h, timeout=30).json()
    assert again["version"] == 2 and again["budget_wan"] == 36


def test_a_library_change_through_one_replica_reaches_the_others_search_in_time(replicas):
    a, b, keys, envs = replicas
    admin = {"X-API-Key": keys["admin"]}
    name = "全民健身路径巡检次数"
    t0 = time.monotonic()
    r = httpx.post(a.url + "/v1/admin/library/indicators", headers=admin, timeout=60, json={
        "library": "basic", "level1": "产出指标", "level2": "数量指标", "name": name, "unit": "次",
        "explanation": "全年对全民健身路径器材开展巡检的次数"})
    assert r.status_code == 201, r.text
    iid = r.json()["changes"][0]["id"]
    assert iid in _search_ids(a, keys["admin"], name)  # acknowledged: visible where it was made
    seen = wait_for(lambda: iid in _search_ids(b, keys["admin"], name), timeout=LIBRARY_BOUND + 5)
    took = time.monotonic() - t0
    assert seen, f"not visible in the other replica after {took:.1f} s"
    assert took <= LIBRARY_BOUND + 1, took
    # a deprecation travels the same way (deprecated indicators leave search)
    r = httpx.post(f"{b.url}/v1/admin/library/indicators/{iid}/deprecate", headers=admin, timeout=60)
    assert r.status_code == 200, r.text
    assert wait_for(lambda: iid not in _search_ids(a, keys["admin"], name), timeout=LIBRARY_BOUND + 5)
    # and a restarted replica starts from the workflow database, not from its stale KB file
    b.stop()
    b.start()
    assert iid not in _search_ids(b, keys["admin"], name)
