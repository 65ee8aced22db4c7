"""HTTP API of search and suggest: shapes, 422 naming the field, 404, 413."""
from __future__ import annotations

from fastapi.testclient import TestClient

from service.app import create_app


def client(settings, **over):
    return TestClient(create_app(settings.model_copy(update=over)))


def test_search_and_get(shipped_settings):
    c = client(shipped_settings)
    r = c.get("/v1/indicators/search", params={"q": "培训人次", "top": 5})
    assert r.status_code == 200
    body = r.json()
    assert body["hits"][0]["name"] == "培训人次"
    one = c.get(f"/v1/indicators/{body['hits'][0]['indicator_id']}")
    assert one.status_code == 200 and one.json()["name"] == "培训人次"
    assert c.get("/v1/indicators/b-doesnotexist").status_code == 404


def test_suggest_same_shape_as_cli(shipped_settings):
    c = client(shipped_settings)
    r = c.post("/v1/suggest", json={"description": "资助家庭经济困难学生300人", "budget_wan": 45})
    assert r.status_code == 200
    body = r.json()
    assert body["confident"] is True and body["suggestions"]
    assert any(s["value"] == "300" and s["unit"] == "人" for s in body["suggestions"])


def test_422_names_the_field(shipped_settings):
    c = client(shipped_settings)
    r = c.post("/v1/suggest", json={"description": "培训", "budget_wan": -1})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == "budget_wan"
    r = c.get("/v1/indicators/search", params={"q": "培训", "level1": "投入指标"})
    assert r.status_code == 422 and "level1" in str(r.json())


def test_an_english_description_is_a_422_as_the_cli_exits_2(shipped_settings):
    """A fresh user found `POST /v1/suggest` answering an English description 200 with an empty table and a
    message, where `jixiao suggest` exits 2: bad input is a 422 naming the field, in Chinese."""
    c = client(shipped_settings)
    r = c.post("/v1/suggest", json={"description": "Repair 12 km of rural roads for 3000 villagers", "budget_wan": 250})
    assert r.status_code == 422, r.text
    detail = r.json()["detail"][0]
    assert detail["loc"][-1] == "description" and "中文" in detail["msg"]


def test_413_above_request_limit(shipped_settings):
    c = client(shipped_settings, max_request_bytes=200)
    r = c.post("/v1/suggest", json={"description": "培训" * 200})
    assert r.status_code == 413


def test_openapi_documents_examples(shipped_settings):
    spec = client(shipped_settings).get("/openapi.json").json()
    assert "/v1/suggest" in spec["paths"] and "/v1/indicators/search" in spec["paths"]
    assert "计划修缮乡村道路12公里" in str(spec)


def test_413_for_a_chunked_body_without_content_length(shipped_settings):
    c = client(shipped_settings, max_request_bytes=200)

    def chunks():
        yield b'{"description": "'
        for _ in range(50):
            yield "培训".encode() * 10
        yield b'"}'

    r = c.post("/v1/suggest", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and "200" in r.json()["detail"]
    r = c.post("/v1/declarations/check", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_422_does_not_echo_the_input(shipped_settings):
    c = client(shipped_settings)
    big = "培训" * 3000  # over the 5000-character limit of description
    r = c.post("/v1/suggest", json={"description": big})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "description"]
    assert big not in r.text and len(r.content) < 1000


def test_budget_must_be_a_finite_amount_and_description_not_blank(shipped_settings):
    c = client(shipped_settings)
    for bad in ("1e400", "1e300"):
        r = c.post("/v1/suggest", content='{"description": "修缮乡村道路12公里", "budget_wan": %s}' % bad,
                   headers={"Content-Type": "application/json"})
        assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == "budget_wan"
    r = c.post("/v1/suggest", json={"description": "   "})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == "description"


def test_broken_embedder_is_a_server_error_not_the_clients(shipped_settings, tmp_path):
    c = client(shipped_settings, embedder=f"st:{tmp_path / 'missing'}")
    r = c.get("/v1/indicators/search", params={"q": "培训人次", "mode": "hybrid"})
    assert r.status_code == 503 and "missing" in r.json()["detail"], r.text


def test_blank_search_is_422_as_in_the_cli(shipped_settings):
    r = client(shipped_settings).get("/v1/indicators/search", params={"q": "   "})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "q"]


def test_the_kb_is_loaded_when_the_server_starts_not_on_the_first_request(tmp_path, shipped_settings):
    from kb.knowledge import _KB_CACHE

    s = shipped_settings.model_copy(update={"kb_path": tmp_path / "kb.sqlite"})
    (tmp_path / "kb.sqlite").write_bytes(shipped_settings.resolved_kb_path().read_bytes())
    key = (str(s.resolved_kb_path()), s.embedder)
    app = create_app(s)
    assert key not in _KB_CACHE  # building the app loads nothing
    with TestClient(app) as c:  # the server's start-up (lifespan) …
        kb = _KB_CACHE[key]
        assert kb._lookup is not None and kb.index.cache  # … loaded the KB and warmed its paths
        assert c.get("/v1/indicators/search", params={"q": "培训人次"}).json()["hits"][0]["name"] == "培训人次"
        assert _KB_CACHE[key] is kb


def test_body_errors_say_what_is_wrong_with_the_body(shipped_settings):
    """Broken JSON read "第24项：不是合法的 JSON" (24 is a character, not an item); a body sent
    without Content-Type read only "应为对象"; a description of zero-width characters was a 200."""
    c = client(shipped_settings)
    body = b'{"description": "abc", x}'
    r = c.post("/v1/suggest", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and r.json()["detail"] == [
        {"loc": ["body"], "msg": f"请求体第 {body.index(b'x') + 1} 个字符处不是合法的 JSON", "type": "json_invalid"}]
    r = c.post("/v1/suggest", content=b'{"description": "abc"}')
    assert r.status_code == 422 and "Content-Type: application/json" in r.json()["detail"][0]["msg"], r.text
    for blank in ("", "\u200b\u200b", "\u200b \ufeff"):
        r = c.post("/v1/suggest", json={"description": blank})
        assert r.status_code == 422 and r.json()["detail"][0]["msg"].startswith("项目描述"), (blank, r.text)


def test_a_404_does_not_echo_control_characters(shipped_settings):
    """Reported (fresh trial): GET /v1/indicators/%00ab%1b[31mc answered 指标不存在: with the NUL and the ESC
    of the request in it — a terminal or log printing the answer acts on ESC [31m. They are shown as U+FFFD."""
    c = client(shipped_settings)
    r = c.get("/v1/indicators/%00ab%1b[31mc")
    assert r.status_code == 404
    detail = r.json()["detail"]
    assert "ab" in detail and "[31mc" in detail and detail.startswith("指标不存在")
    assert not any(ord(ch) < 32 for ch in detail), repr(detail)
