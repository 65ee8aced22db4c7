"""The retrieval parts on their own: tokenizer, BM25 index, top-k, fusion through the Retriever."""
from __future__ import annotations

import numpy as np

from kb.domain.text import normalize
from kb.retrieval.dense import DenseIndex
from kb.retrieval.embed.base import l2_normalise
from kb.retrieval.highlight import highlight_spans
from kb.retrieval.lexical import LexicalIndex
from kb.retrieval.retriever import Retriever, shown
from kb.retrieval.tokenize import Tokenizer
from kb.retrieval.topk import top_k

NAMES = ["项目完成率", "待处理事项办结率", "某市三级医院床位数", "全市二三级医院床位数", "PM2.5年均浓度"]


def test_tokenizer_finds_words_inside_compounds_and_keeps_user_words_whole():
    tok = Tokenizer(["某市三级医院床位数"])
    toks = tok.tokens("待处理事项办结率")
    assert "处理" in toks and "办结率" in toks  # search mode: words inside the compound
    assert "某市三级医院床位数" in tok.tokens("某市三级医院床位数")  # a user word stays whole
    assert tok.tokens("某市三级医院床位数") != tok.tokens("全市二三级医院床位数")  # bigrams tell them apart
    assert {"pm2.5", "pm2"} <= set(tok.tokens("PM2.5年均浓度"))  # the Latin run and its lettered part
    assert tok.tokens("群眾滿意度") == tok.tokens(normalize("群众满意度"))  # Traditional → Simplified


def test_lexical_index_scores_only_matching_documents_and_round_trips():
    tok = Tokenizer(NAMES)
    idx = LexicalIndex.build([tok.tokens(n) for n in NAMES])
    q = tok.tokens("医院床位数")
    s = idx.scores(q)
    assert s.shape == (len(NAMES),) and (s > 0).sum() == 2 and s[2] > 0 and s[3] > 0
    assert set(idx.matched_terms(q, 2)) >= {"医院", "床位数"}
    again = LexicalIndex.from_bytes(idx.to_bytes())
    np.testing.assert_array_equal(again.scores(q), s)
    assert not idx.scores(tok.tokens("完全无关的词语")).any()


def test_top_k_returns_the_best_matched_documents_in_a_stable_order():
    s = np.array([0.0, 3.0, 1.0, 3.0, -1.0, 2.0], dtype=np.float32)
    idx, sc = top_k(s, 3)
    assert idx.tolist() == [1, 3, 5] and sc.tolist() == [3.0, 3.0, 2.0]  # ties by index
    assert top_k(s, 10)[0].tolist() == [1, 3, 5, 2]  # only scores > 0 by default
    assert top_k(s, 10, positive=False)[0].tolist() == [1, 3, 5, 2, 0, 4]
    mask = np.array([True, False, True, True, True, True])
    assert top_k(s, 2, mask)[0].tolist() == [3, 5]
    assert top_k(s, 0)[0].size == 0


class _Embedder:
    """A tiny deterministic embedder: a document's vector is its row of a fixed matrix."""

    fingerprint = "test:onehot"

    def __init__(self, vocab: list[str]):
        self.vocab = vocab

    def encode_query(self, text: str) -> np.ndarray:
        v = np.array([1.0 if w in text else 0.0 for w in self.vocab], dtype=np.float32) + 1e-3
        return l2_normalise(v[None, :])[0]


def test_retriever_fuses_the_callers_lexical_list_with_its_dense_ranking():
    vocab = ["道路", "老人", "学生", "医院"]
    docs = l2_normalise(np.eye(4, dtype=np.float32) + 0.05)
    r = Retriever(_Embedder(vocab), DenseIndex(docs), calibration=None)
    res = r.fuse([(2, 5.0)], "给老人送饭", None, mode="hybrid")
    assert [h.doc for h in res.hits][:2] == [2, 1]  # in both lists beats first in one
    fused = {h.doc: h for h in res.hits}
    assert fused[2].lexical_rank == 1 and fused[1].dense_rank == 1  # each list keeps its own rank
    assert [h.doc for h in shown(res)] == [2]  # no calibration: dense-only hits are not shown
    dense = r.fuse([], "医院", None, mode="dense")
    assert dense.hits[0].doc == 3 and dense.hits[0].lexical_rank is None


def test_highlights_point_into_the_original_text():
    assert highlight_spans("群眾滿意度", ["满意度"]) == [(2, 5)]
    assert highlight_spans("项目完成率（按月）", ["完成率", "完成"]) == [(2, 5)]  # overlaps merged
    assert highlight_spans("", ["x"]) == [] and highlight_spans("abc", []) == []


def _library_texts() -> list[str]:
    from kb.io.library import load_libraries
    from tests.kbfactory import REPO

    inds = load_libraries(REPO / "indicators")
    return [i.name for i in inds] + [i.explanation for i in inds if i.explanation]


def test_segmentation_from_the_cached_dictionary_equals_jieba_with_its_whole_dictionary():
    """Looking up only a text's fragments (kb.retrieval.dictionary) must cut exactly as jieba
    does with its ≈ 500k-entry dictionary loaded and the same user words added."""
    from kb.retrieval.tokenize import _KEEP, _PROTECT_CHARS, USER_FREQ, _base_tokenizer_copy

    texts = _library_texts()
    tok = Tokenizer(texts[:3000:3])  # user words: some names (kept whole)
    full = _base_tokenizer_copy()
    for w in tok.words:
        if not _PROTECT_CHARS.search(w):
            full.add_word(w, freq=USER_FREQ)
    assert full.total == tok._freqs.total
    checked = 0
    for t in texts:
        for part in normalize(t).lower().split():
            want = [x for x in full.cut_for_search(part, HMM=False) if _KEEP.search(x)]
            assert tok._cut(part) == want, part
            checked += 1
    assert checked > 3000


def test_a_stored_tokenizer_cuts_like_the_one_that_was_saved(tmp_path):
    import sqlite3

    texts = _library_texts()
    tok = Tokenizer(texts[:500] + ["PM2.5 浓度·年均"])
    conn = sqlite3.connect(tmp_path / "kb.sqlite")
    with conn:
        tok.save(conn, "indicators")
    again = Tokenizer.stored(tmp_path / "kb.sqlite", "indicators")
    assert again is not None and again.special == tok.special
    assert Tokenizer.stored(tmp_path / "kb.sqlite", "other") is None
    for t in texts[::7] + ["PM2.5 浓度·年均达标"]:
        assert again.tokens(t) == tok.tokens(t)


def test_sparse_lexical_ranking_equals_the_numpy_ranking(shipped_kb):
    """The plain-Python path (few postings, no numpy) and the numpy path rank identically."""
    from kb.indicators.search import lexical_ranked

    idx = shipped_kb.index
    names = [r["name"] for r in idx.rows]
    queries = names[::37] + [n[:3] for n in names[::53]] + ["满意度", "道路 修缮 乡村", "培训人次", "PM2.5"]
    sparse = 0
    for q in queries:
        for filters in (None, {"level1": "output"}, {"level2": "satisfaction", "library": "basic"}):
            toks = idx.tokenizer.tokens(q)
            sparse += idx.lexical.is_sparse(toks)
            via_filters = lexical_ranked(idx, q, None, 20, filters=filters, plain=True)
            via_mask = lexical_ranked(idx, q, idx.mask(filters), 20)
            assert via_filters == via_mask, (q, filters)
            assert lexical_ranked(idx, q, None, 20, filters=filters, plain=False) == via_mask, (q, filters)
            hidden = lexical_ranked(idx, q, None, 20, filters=filters, visible_units=set(), plain=True)
            assert hidden == lexical_ranked(idx, q, idx.mask(filters, visible_units=set()), 20), (q, filters)
            s = idx.lexical.scores(toks)
            assert idx.lexical.sparse_scores(toks) == {int(d): float(s[d]) for d in np.flatnonzero(s > 0)}
    assert sparse > len(queries)  # the plain path is the common one on the shipped library


def test_remembered_cuts_give_the_same_words_as_cutting_each_text_whole():
    """Within `remembered_cuts` (one suggest request) each stretch of text is cut once; the words,
    search tokens and their order must be those of cutting every text on its own."""
    import json

    from kb.retrieval.tokenize import remembered_cuts
    from tests.harness import SHARED

    recs = [json.loads(x) for x in (SHARED / "declarations" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
            if x.strip()]
    texts = [f"{r['project']}。{r['description']}" for r in recs]
    tok = Tokenizer(_library_texts()[:2000:2] + ["PM2.5 浓度·年均"])
    alone = [(tok.cut_words(t), tok.tokens(f"{t} {t[:12]}"), tok.cut_words(t.replace("绩效目标", " "))) for t in texts]
    with remembered_cuts():
        together = [(tok.cut_words(t), tok.tokens(f"{t} {t[:12]}"), tok.cut_words(t.replace("绩效目标", " ")))
                    for t in texts]
    assert together == alone
    assert sum(len(w) for w, _, _ in alone) > 5000
