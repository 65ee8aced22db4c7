"""422 messages name fields by their Chinese label: every request field has one, and real errors use it.

The OpenAPI schema is walked for every field a request can carry (bodies, form fields, query and
path parameters) and the check route's table fields are added; each must have a label in
`kb.domain.messages.FIELD_LABELS`. `loc` keeps the machine path (`rows[1].weight`) for programs.
"""
from __future__ import annotations

import re

from kb.domain.messages import FIELD_LABELS, field_label
from kb.settings import Settings
from tests.lifecycle_fixtures import *  # noqa: F401,F403
from tests.lifecycle_fixtures import Env, declaration_body, dev_record

_IDENT = re.compile(r"[a-z]+_[a-z_]+|\b(?:rows|indicators|weight|budget|kind|row)\b")


def _request_fields(spec: dict) -> dict[str, set[str]]:
    comps = spec["components"]["schemas"]
    found: dict[str, set[str]] = {}

    def walk(schema: dict, where: str, seen: frozenset) -> None:
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[1]
            if name not in seen:
                walk(comps[name], name, seen | {name})
            return
        for key in ("anyOf", "oneOf", "allOf"):
            for s in schema.get(key, []):
                walk(s, where, seen)
        if isinstance(schema.get("items"), dict):
            walk(schema["items"], where, seen)
        for prop, s in schema.get("properties", {}).items():
            found.setdefault(prop, set()).add(where)
            walk(s, where, seen)

    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            for p in op.get("parameters", []):
                if p["in"] != "header":
                    found.setdefault(p["name"], set()).add(f"{p['in']} {path}")
            for content in (op.get("requestBody") or {}).get("content", {}).values():
                walk(content.get("schema", {}), f"{method} {path}", frozenset())
    return found


def test_every_request_field_has_a_chinese_label():
    from kb.io import tables
    from service.app import create_app

    fields = _request_fields(create_app(Settings(auth_required=False)).openapi())
    assert {"budget_wan", "weight", "acknowledge_findings", "period_end", "kind", "row"} <= set(fields)
    table = set(tables._ROW_FIELDS) | set(tables._DECL_TEXT) | set(tables._TABLE_CTX_KEYS) | {"rows", "context"}
    missing = {f: sorted(w)[:2] for f, w in fields.items() if f not in FIELD_LABELS}
    missing.update({f: ["POST /v1/declarations/check"] for f in table if f not in FIELD_LABELS})
    assert missing == {}
    assert all(re.search(r"[\u4e00-\u9fff]", label) for label in FIELD_LABELS.values())
    assert field_label("rows[3].weight") == "指标行第3项的分值"


def test_422_messages_name_fields_in_chinese(env: Env):
    c, rec = env.client, dev_record("E030")
    body = declaration_body(rec, year=2022)
    msgs = []
    r = c.post("/v1/declarations", json={**body, "budget_wan": 2e9}, headers=env.h("decl_a"))
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "budget_wan"]
    assert r.json()["detail"][0]["msg"] == "预算（万元）：应不大于 1000000000"
    msgs.append(r.json()["detail"][0]["msg"])
    r = c.post("/v1/declarations", json={**body, "rows": [{**body["rows"][0], "weight": 1e308}]}, headers=env.h("decl_a"))
    assert r.json()["detail"][0]["msg"] == "指标行第1项的分值：应不大于 100"
    msgs.append(r.json()["detail"][0]["msg"])
    r = c.post("/v1/declarations/check", json={"rows": [{"name": "x", "weight": 1e308}]}, headers=env.h("decl_a"))
    assert r.json()["detail"][0]["msg"].startswith("指标行第1项的分值：")
    msgs.append(r.json()["detail"][0]["msg"])
    did = c.post("/v1/declarations", json=body, headers=env.h("decl_a")).json()["id"]
    c.post(f"/v1/declarations/{did}/submit", headers=env.h("decl_a"))
    r = c.post(f"/v1/declarations/{did}/return", json={"comment": ""}, headers=env.h("rev_a"))
    assert r.status_code == 422 and r.json()["detail"][0]["msg"].startswith("审核意见："), r.text
    msgs.append(r.json()["detail"][0]["msg"])
    r = c.post(f"/v1/declarations/{did}/approve", json={"acknowledge_findings": "maybe"}, headers=env.h("rev_a"))
    assert r.status_code == 422 and r.json()["detail"][0]["msg"].startswith("确认审核发现：")
    msgs.append(r.json()["detail"][0]["msg"])
    for m in msgs:
        assert not _IDENT.search(m), m
