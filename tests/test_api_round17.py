"""API round 17: the framework's own answers in Chinese (trial 13), the check route names the rules it has."""
from __future__ import annotations

from fastapi.testclient import TestClient

from kb.checker.catalog import CATALOG
from service.app import create_app


def _client(settings):
    return TestClient(create_app(settings))


def test_a_wrong_method_is_answered_in_chinese_with_the_allowed_one(shipped_settings):
    r = _client(shipped_settings).get("/v1/suggest")  # trial 13: 405 {"detail": "Method Not Allowed"}
    assert r.status_code == 405
    assert r.json()["detail"] == "该地址不支持 GET 请求，请改用 POST（接口说明见 /docs）"
    assert r.headers["allow"] == "POST"


def test_an_unknown_path_is_answered_in_chinese(shipped_settings):
    r = _client(shipped_settings).get("/v1/no-such-route")
    assert r.status_code == 404
    assert r.json()["detail"] == "未找到该地址：/v1/no-such-route（接口列表见 /docs）"


def test_our_own_404_detail_is_kept(shipped_settings):
    r = _client(shipped_settings).get("/v1/indicators/b-doesnotexist")
    assert r.status_code == 404 and "Not Found" not in r.json()["detail"]


def test_the_check_route_says_how_many_rules_it_has(shipped_settings):
    spec = _client(shipped_settings).get("/openapi.json").json()
    text = spec["paths"]["/v1/declarations/check"]["post"]["description"]
    assert f"（{len(CATALOG)}条规则）" in text and len(CATALOG) > 62
