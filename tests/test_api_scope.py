"""Unit libraries are private: a unit's own keys see them, other units get nothing / 404."""
from __future__ import annotations

from fastapi.testclient import TestClient

from kb.lifecycle import keys as svc
from kb.lifecycle.access import CLI_PRINCIPAL
from kb.lifecycle.db import get_sessionmaker
from kb.lifecycle.schemas import KeyIn
from service.app import create_app
from tests.lifecycle_fixtures import *  # noqa: F401,F403  (db_url fixture)

HOSPITAL, CENTER = "某县人民医院", "县机关事务服务中心"


def _client(shipped_settings, db_url):
    s = shipped_settings.model_copy(update={"database_url": db_url, "auth_required": True})
    keys = {}
    with get_sessionmaker(db_url)() as sess:
        for who, unit, role in (("hospital", HOSPITAL, "declarant"), ("center", CENTER, "declarant"),
                                ("sup", "区财政局", "supervisor")):
            keys[who] = svc.create_key(sess, CLI_PRINCIPAL, KeyIn(unit_name=unit, role=role)).key
    return TestClient(create_app(s)), keys


def test_search_hides_other_units_libraries(shipped_settings, db_url):
    c, keys = _client(shipped_settings, db_url)
    assert c.get("/v1/indicators/search", params={"q": "公文处理数量"}).status_code == 401

    def units_seen(who):
        r = c.get("/v1/indicators/search", params={"q": "公文处理数量", "top": 50},
                  headers={"X-API-Key": keys[who]})
        assert r.status_code == 200
        ids = [h["indicator_id"] for h in r.json()["hits"] if h["library"] == "unit"]
        return {c.get(f"/v1/indicators/{i}", headers={"X-API-Key": keys["sup"]}).json()["unit_name"] for i in ids}, ids

    assert units_seen("hospital")[0] == {HOSPITAL}
    assert units_seen("center")[0] == {CENTER}
    assert units_seen("sup")[0] == {HOSPITAL, CENTER}
    hospital_ids = units_seen("hospital")[1]
    r = c.get(f"/v1/indicators/{hospital_ids[0]}", headers={"X-API-Key": keys["center"]})
    assert r.status_code == 404


def test_suggest_uses_the_callers_unit_library_only(shipped_settings, db_url):
    c, keys = _client(shipped_settings, db_url)
    body = {"description": "医院院办公文处理和医疗设备维护", "top": 10}
    r = c.post("/v1/suggest", json={**body, "unit_name": HOSPITAL}, headers={"X-API-Key": keys["center"]})
    assert r.status_code == 404
    r = c.post("/v1/suggest", json=body, headers={"X-API-Key": keys["hospital"]})
    assert r.status_code == 200
    ids = {s["indicator_id"] for s in r.json()["suggestions"] if s["indicator_id"]}
    units = {c.get(f"/v1/indicators/{i}", headers={"X-API-Key": keys["sup"]}).json()["unit_name"] for i in ids}
    assert HOSPITAL in units and CENTER not in units


def test_search_total_pages_and_facets_count_only_the_callers_units(shipped_settings, db_url):
    # a reported defect: hits were filtered by unit, `total` still counted other units' private indicators
    c, keys = _client(shipped_settings, db_url)

    def search(who, **params):
        r = c.get("/v1/indicators/search", params={"q": "公文处理", "mode": "lexical", **params},
                  headers={"X-API-Key": keys[who]})
        assert r.status_code == 200
        return r.json()

    everything = search("sup", top=200)
    assert everything["total"] == len(everything["hits"]) < 200
    unit_of = {h["indicator_id"]: c.get(f"/v1/indicators/{h['indicator_id']}",
                                        headers={"X-API-Key": keys["sup"]}).json()["unit_name"]
               for h in everything["hits"] if h["library"] == "unit"}
    center_ids = {i for i, u in unit_of.items() if u == CENTER}
    assert center_ids and any(u == HOSPITAL for u in unit_of.values())
    mine = search("hospital", top=200, facets="true")
    assert mine["total"] == everything["total"] - len(center_ids) == len(mine["hits"])
    assert mine["facets"]["total"] == mine["total"]
    assert sum(v["count"] for v in mine["facets"]["fields"]["library"]) == mine["total"]
    assert not center_ids & {h["indicator_id"] for h in mine["hits"]}
    # pages of the caller's own results: the total is reachable, and no page is padded with hidden ones
    page = 7
    pages = [search("hospital", top=page, offset=o)["hits"] for o in range(0, mine["total"], page)]
    assert [h["indicator_id"] for p in pages for h in p] == [h["indicator_id"] for h in mine["hits"]]
    assert search("hospital", top=page, offset=mine["total"])["hits"] == []
