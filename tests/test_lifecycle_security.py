"""Security of the lifecycle API: keys, roles, unit scoping, request limits, no secret in logs.

Runs on SQLite and, when JIXIAO_TEST_POSTGRES_URL is set, on PostgreSQL.
"""
from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from tests.lifecycle_fixtures import *  # noqa: F401,F403
from tests.lifecycle_fixtures import UNIT_A, declaration_body, dev_record

ENDPOINTS = [("get", "/v1/declarations"), ("post", "/v1/declarations"), ("get", "/v1/declarations/1"),
             ("put", "/v1/declarations/1"), ("post", "/v1/declarations/1/submit"),
             ("post", "/v1/declarations/1/return"), ("post", "/v1/declarations/1/approve"),
             ("post", "/v1/declarations/1/monitoring"), ("get", "/v1/declarations/1/monitoring"),
             ("post", "/v1/declarations/1/evaluation"), ("get", "/v1/declarations/1/evaluation"),
             ("post", "/v1/declarations/1/feedback"), ("get", "/v1/public/summary"),
             ("post", "/v1/admin/keys"), ("get", "/v1/admin/keys"), ("delete", "/v1/admin/keys/1"),
             ("get", "/v1/admin/audit"), ("post", "/v1/admin/library/changes"),
             ("get", "/v1/library/indicators"), ("get", "/v1/library/learned")]


def _send(c, method, url, headers=None, json=None):
    return c.request(method.upper(), url, headers=headers or {}, json=json)


def _decl_of_a(env) -> int:
    r = env.client.post("/v1/declarations", json=declaration_body(dev_record("D001"), budget_wan=10000),
                        headers=env.h("decl_a"))
    assert r.status_code == 201, r.text
    return r.json()["id"]


def test_401_without_or_with_a_bad_key(env):
    for method, url in ENDPOINTS:
        r = _send(env.client, method, url, json={})
        assert r.status_code == 401, (method, url, r.status_code)
        assert r.headers.get("www-authenticate") == "ApiKey"
        r = _send(env.client, method, url, headers={"X-API-Key": "jx_not-a-real-key"}, json={})
        assert r.status_code == 401, (method, url)


def test_revoked_key_stops_working_at_once(env):
    c = env.client
    new = c.post("/v1/admin/keys", json={"unit_name": UNIT_A, "role": "declarant"}, headers=env.h("admin")).json()
    assert c.get("/v1/declarations", headers={"X-API-Key": new["key"]}).status_code == 200
    assert c.delete(f"/v1/admin/keys/{new['id']}", headers=env.h("admin")).json()["revoked_at"]
    assert c.get("/v1/declarations", headers={"X-API-Key": new["key"]}).status_code == 401
    assert c.delete(f"/v1/admin/keys/{new['id']}", headers=env.h("admin")).status_code == 409


def test_other_unit_gets_404_for_everything_about_a_declaration(env):
    c = env.client
    did = _decl_of_a(env)
    missing = did + 1000
    body = declaration_body(dev_record("D001"))
    for who in ("decl_b", "rev_b"):
        probes = [("get", f"/v1/declarations/{did}", None), ("get", f"/v1/declarations/{did}/monitoring", None),
                  ("get", f"/v1/declarations/{did}/evaluation", None)]
        if who == "decl_b":
            probes += [("put", f"/v1/declarations/{did}", body), ("post", f"/v1/declarations/{did}/submit", None),
                       ("post", f"/v1/declarations/{did}/monitoring", {"period_end": "2020-06-30"}),
                       ("post", f"/v1/declarations/{did}/evaluation", {"rows": []})]
        else:
            probes += [("post", f"/v1/declarations/{did}/approve", {}),
                       ("post", f"/v1/declarations/{did}/return", {"comment": "x"}),
                       ("post", f"/v1/declarations/{did}/feedback", {})]
        for method, url, js in probes:
            r = _send(c, method, url, headers=env.h(who), json=js)
            assert r.status_code == 404, (who, method, url, r.status_code, r.text)
            # indistinguishable from an id that does not exist
            r2 = _send(c, method, url.replace(f"/{did}", f"/{missing}"), headers=env.h(who), json=js)
            assert r2.status_code == 404
            assert r.json()["detail"].replace(str(did), "N") == r2.json()["detail"].replace(str(missing), "N")
    assert [d["id"] for d in c.get("/v1/declarations", headers=env.h("decl_b")).json()] == []
    # nothing changed for unit A
    got = c.get(f"/v1/declarations/{did}", headers=env.h("decl_a")).json()
    assert got["state"] == "draft" and got["version"] == 1


def test_supervisor_reads_everything_and_writes_nothing(env):
    c = env.client
    did = _decl_of_a(env)
    assert c.get(f"/v1/declarations/{did}", headers=env.h("sup")).status_code == 200
    assert [d["id"] for d in c.get("/v1/declarations", headers=env.h("sup")).json()] == [did]
    assert c.get("/v1/admin/audit", headers=env.h("sup")).status_code == 200
    assert c.get("/v1/public/summary", headers=env.h("sup")).status_code == 200
    writes = [("post", "/v1/declarations", declaration_body(dev_record("D001"))),
              ("put", f"/v1/declarations/{did}", declaration_body(dev_record("D001"))),
              ("post", f"/v1/declarations/{did}/submit", None), ("post", f"/v1/declarations/{did}/approve", {}),
              ("post", f"/v1/declarations/{did}/return", {"comment": "x"}),
              ("post", f"/v1/declarations/{did}/monitoring", {"period_end": "2020-06-30"}),
              ("post", f"/v1/declarations/{did}/evaluation", {"rows": []}),
              ("post", f"/v1/declarations/{did}/feedback", {}),
              ("post", "/v1/admin/keys", {"unit_name": "x", "role": "admin"}),
              ("post", "/v1/admin/library/changes", {"changes": [{"op": "deprecate", "id": "b-x"}]})]
    for method, url, js in writes:
        assert _send(c, method, url, headers=env.h("sup"), json=js).status_code == 403, (method, url)
    audit = c.get("/v1/admin/audit", headers=env.h("admin")).json()
    # the supervisor changed nothing: besides the fixture's keys, only unit A's create is logged
    assert [a["action"] for a in audit if a["action"] != "key.create"] == ["declaration.create"]
    assert all(a["role"] != "supervisor" for a in audit)


def test_roles_inside_a_unit(env):
    c = env.client
    did = _decl_of_a(env)
    assert c.post(f"/v1/declarations/{did}/submit", headers=env.h("rev_a")).status_code == 403
    assert c.post(f"/v1/declarations/{did}/submit", headers=env.h("decl_a")).status_code == 200
    assert c.post(f"/v1/declarations/{did}/approve", json={}, headers=env.h("decl_a")).status_code == 403
    assert c.post("/v1/admin/keys", json={"unit_name": UNIT_A, "role": "admin"},
                  headers=env.h("decl_a")).status_code == 403
    assert c.get("/v1/admin/keys", headers=env.h("rev_a")).status_code == 403
    assert c.get("/v1/admin/audit", headers=env.h("decl_a")).status_code == 403
    # D001 has error-level findings: the reviewer acknowledges them to approve
    assert c.post(f"/v1/declarations/{did}/approve", json={}, headers=env.h("rev_a")).status_code == 409
    assert c.post(f"/v1/declarations/{did}/approve", json={"acknowledge_findings": True},
                  headers=env.h("rev_a")).status_code == 200


def test_admin_manages_keys_and_secrets_are_shown_once(env):
    c = env.client
    r = c.post("/v1/admin/keys", json={"unit_name": "新单位", "role": "reviewer", "label": "接口"},
               headers=env.h("admin"))
    assert r.status_code == 201 and r.json()["key"].startswith("jx_") and len(r.json()["key"]) > 40
    listed = c.get("/v1/admin/keys", headers=env.h("admin")).json()
    assert all("key" not in k and "key_hash" not in k for k in listed)
    assert {"unit_name": "新单位", "role": "reviewer", "label": "接口"}.items() <= listed[0].items()
    assert r.json()["key"] not in str(listed)
    r = c.post("/v1/admin/keys", json={"unit_name": "x", "role": "boss"}, headers=env.h("admin"))
    assert r.status_code == 422 and "role" in str(r.json())
    audit = c.get("/v1/admin/audit", params={"entity": "api_key"}, headers=env.h("admin")).json()
    assert audit[0]["action"] == "key.create" and audit[0]["after"]["role"] == "reviewer"


def test_admin_declares_on_behalf_of_an_existing_unit_only(env):
    c = env.client
    body = declaration_body(dev_record("D001"))
    r = c.post("/v1/declarations", json=body, headers=env.h("admin"))
    assert r.status_code == 422 and "unit_name" in str(r.json())
    r = c.post("/v1/declarations", json={**body, "unit_name": "不存在的单位"}, headers=env.h("admin"))
    assert r.status_code == 404
    r = c.post("/v1/declarations", json={**body, "unit_name": UNIT_A}, headers=env.h("admin"))
    assert r.status_code == 201 and r.json()["unit_name"] == UNIT_A
    # a declarant cannot move a declaration to another unit through the body
    r = c.post("/v1/declarations", json={**body, "unit_name": "湘潭市城市管理和综合执法局"}, headers=env.h("decl_a"))
    assert r.status_code == 201 and r.json()["unit_name"] == UNIT_A


def test_private_unit_library_is_invisible_to_other_units(env):
    c = env.client
    ind = {"library": "unit", "unit_name": UNIT_A, "level1": "产出指标", "level2": "数量指标",
           "name": "校舍维修面积", "unit": "平方米", "typical": {"operator": "≥", "value": "5000", "unit": "平方米"}}
    r = c.post("/v1/admin/library/changes", json={"changes": [{"op": "add", "indicator": ind}]},
               headers=env.h("admin"))
    assert r.status_code == 201, r.text
    iid = r.json()["changes"][0]["id"]
    assert iid.startswith("u-")
    assert [i["id"] for i in c.get("/v1/library/indicators", headers=env.h("decl_a")).json()] == [iid]
    assert c.get(f"/v1/library/indicators/{iid}", headers=env.h("decl_a")).status_code == 200
    assert c.get("/v1/library/indicators", headers=env.h("decl_b")).json() == []
    assert c.get(f"/v1/library/indicators/{iid}", headers=env.h("decl_b")).status_code == 404
    assert c.get(f"/v1/library/indicators/{iid}", headers=env.h("rev_b")).status_code == 404
    assert c.get("/v1/library/indicators", params={"unit_name": UNIT_A}, headers=env.h("decl_b")).status_code == 404
    assert c.get("/v1/library/learned", params={"unit_name": UNIT_A}, headers=env.h("rev_b")).status_code == 404
    assert c.get(f"/v1/library/indicators/{iid}", headers=env.h("sup")).status_code == 200
    # only admins change libraries
    assert c.post(f"/v1/admin/library/indicators/{iid}/deprecate", headers=env.h("decl_a")).status_code == 403


def test_request_size_limit_413(env):
    s = env.settings.model_copy(update={"max_request_bytes": 2000})
    c = TestClient(create_app(s))
    body = declaration_body(dev_record("D001"))
    body["description"] = "项目" * 2000
    r = c.post("/v1/declarations", json=body, headers=env.h("decl_a"))
    assert r.status_code == 413
    # chunked upload without Content-Length is cut off too

    def chunks():
        for _ in range(50):
            yield b'{"project_name": "' + "项目".encode() * 100

    r = c.post("/v1/declarations", content=chunks(), headers={**env.h("decl_a"), "Content-Type": "application/json"})
    assert r.status_code == 413
    assert c.get("/v1/declarations", headers=env.h("decl_a")).json() == []


def test_no_secret_in_logs(env, caplog):
    caplog.set_level(logging.DEBUG)
    c = env.client
    new = c.post("/v1/admin/keys", json={"unit_name": UNIT_A, "role": "declarant"}, headers=env.h("admin")).json()
    did = c.post("/v1/declarations", json=declaration_body(dev_record("D001")), headers={"X-API-Key": new["key"]})
    assert did.status_code == 201
    c.get("/v1/declarations", headers={"X-API-Key": new["key"] + "typo"})
    c.get("/v1/declarations", headers={"X-API-Key": "jx_guessed_secret_value"})
    assert caplog.records, "nothing was logged: the capture would prove nothing"
    text = caplog.text + "".join(str(r.args) for r in caplog.records)
    for secret in [new["key"], new["key"] + "typo", "jx_guessed_secret_value", *env.keys.values()]:
        assert secret not in text


def test_auth_switched_off_is_read_only(env):
    s = env.settings.model_copy(update={"auth_required": False})
    c = TestClient(create_app(s))
    did = _decl_of_a(env)
    assert c.get(f"/v1/declarations/{did}").status_code == 200
    assert c.post("/v1/declarations", json=declaration_body(dev_record("D001"))).status_code == 403
    assert c.post(f"/v1/declarations/{did}/submit").status_code == 403
