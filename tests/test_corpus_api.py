"""HTTP routes of the corpora: GET /v1/docs/search, POST /v1/qa/ask, GET /v1/docs."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from tests.corpus_fixtures import full_corpus, shared_corpora  # noqa: F401


@pytest.fixture(scope="module")
def client(full_corpus):
    app = create_app(full_corpus.settings)
    return TestClient(app)


def test_docs_search_shape_and_citation(client):
    r = client.get("/v1/docs/search", params={"q": "绩效评价有哪几种方式", "top": 3, "issuer": "财政部"})
    assert r.status_code == 200
    hits = r.json()["hits"]
    assert {"doc_title", "doc_number", "article", "collection", "text", "citation", "score",
            "highlights"} <= set(hits[0])
    assert "《项目支出绩效评价管理办法》(财预〔2020〕10号) 第四条" in [h["citation"] for h in hits]
    for h in hits:
        for a, b in h["highlights"]:
            assert 0 <= a < b <= len(h["text"])


def test_docs_search_filters_and_422(client):
    r = client.get("/v1/docs/search", params=[("q", "绩效"), ("collection", "qa"), ("collection", "expert_opinion")])
    assert r.status_code == 200 and {h["collection"] for h in r.json()["hits"]} <= {"qa", "expert_opinion"}
    r = client.get("/v1/docs/search", params={"q": "绩效", "status": "repealed"})
    assert r.status_code == 200 and {h["status"] for h in r.json()["hits"]} == {"repealed"}
    for bad in ({"q": "绩效", "collection": "laws"}, {"q": "绩效", "status": "old"}, {"q": "绩效", "top": 0},
                {"q": ""}, {"q": "绩效", "year": 1800}):
        r = client.get("/v1/docs/search", params=bad)
        assert r.status_code == 422, bad


def test_qa_ask(client):
    r = client.post("/v1/qa/ask", json={"question": "预算执行率能不能作为产出指标？", "top": 2})
    assert r.status_code == 200
    out = r.json()
    assert out["confident"] is True and out["answers"][0]["question"] == "预算执行率能不能作为产出指标？"
    assert out["related"] and out["answers"][0]["citation"].startswith("《绩效目标申报常见问答")
    r = client.post("/v1/qa/ask", json={"question": "明天北京会下雨吗"})
    assert r.status_code == 200 and r.json()["confident"] is False
    assert client.post("/v1/qa/ask", json={"question": ""}).status_code == 422
    assert client.post("/v1/qa/ask", json={}).status_code == 422


def test_list_docs(client):
    r = client.get("/v1/docs", params={"collection": "qa"})
    assert r.status_code == 200
    docs = r.json()["documents"]
    assert {d["collection"] for d in docs} == {"qa"} and any(d["origin"] == "default" for d in docs)


def test_routes_require_a_key_when_auth_is_on(full_corpus, tmp_path):
    s = full_corpus.settings.model_copy(update={"auth_required": True,
                                                "database_url": f"sqlite:///{tmp_path / 'wf.sqlite'}"})
    app = create_app(s)
    c = TestClient(app)
    assert c.get("/v1/docs/search", params={"q": "绩效"}).status_code == 401
    assert c.post("/v1/qa/ask", json={"question": "绩效"}).status_code == 401
