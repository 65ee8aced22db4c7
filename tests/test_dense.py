"""DenseIndex: exact cosine top-k agrees with a full sort; masks, ties, mmap, errors."""
from __future__ import annotations

import numpy as np
import pytest

from kb.retrieval.dense import DenseIndex
from kb.retrieval.embed.base import l2_normalise
from kb.errors import ConfigError


def _matrix(n: int, d: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return l2_normalise(rng.standard_normal((n, d)).astype(np.float32))


def test_search_matches_full_sort():
    m = _matrix(2000, 64)
    idx = DenseIndex(m)
    rng = np.random.default_rng(1)
    for _ in range(5):
        q = l2_normalise(rng.standard_normal(64).astype(np.float32))
        got_i, got_s = idx.search(q, 25)
        full = m @ q
        want = np.argsort(-full, kind="stable")[:25]
        assert got_i.tolist() == want.tolist()
        np.testing.assert_allclose(got_s, full[want], rtol=1e-6)
        assert np.all(np.diff(got_s) <= 0)


def test_self_is_nearest_with_cosine_one():
    m = _matrix(500, 32)
    i, s = DenseIndex(m).search(m[123], 3)
    assert i[0] == 123
    assert abs(s[0] - 1.0) < 1e-5


def test_ties_are_broken_by_index():
    m = np.zeros((6, 2), np.float32)
    m[:, 0] = 1.0  # six identical rows: every cosine is 1
    i, s = DenseIndex(m).search(np.array([1.0, 0.0], np.float32), 4)
    assert i.tolist() == [0, 1, 2, 3]
    assert s.tolist() == [1.0] * 4


def test_mask_restricts_candidates_and_k_larger_than_n():
    m = _matrix(100, 16)
    q = m[7]
    mask = np.zeros(100, bool)
    mask[[3, 50, 99]] = True
    i, s = DenseIndex(m).search(q, 10, mask)
    assert sorted(i.tolist()) == [3, 50, 99]
    assert len(s) == 3
    assert DenseIndex(m).search(q, 0)[0].size == 0
    assert DenseIndex(m).search(q, 500)[0].size == 100


def test_precomputed_scores_are_used():
    m = _matrix(300, 16)
    d = DenseIndex(m)
    q = m[10]
    s = d.scores(q)
    assert d.search(q, 5, scores=s)[0].tolist() == d.search(q, 5)[0].tolist()


def test_rejects_unnormalised_and_wrong_dimension():
    raw = np.random.default_rng(3).standard_normal((20, 8)).astype(np.float32) * 3
    with pytest.raises(ConfigError):
        DenseIndex(raw)
    d = DenseIndex(raw, normalise=True)
    np.testing.assert_allclose(np.linalg.norm(d.matrix, axis=1), 1.0, rtol=1e-5)
    with pytest.raises(ConfigError):
        d.search(np.ones(9, np.float32), 3)
    with pytest.raises(ConfigError):
        DenseIndex(np.ones(8, np.float32))


def test_zero_rows_allowed_and_score_zero():
    m = _matrix(10, 8)
    m[4] = 0.0
    d = DenseIndex(m)
    assert d.scores(m[0])[4] == 0.0


def test_save_and_open_memory_mapped(tmp_path):
    m = _matrix(1000, 48)
    p = DenseIndex(m).save(tmp_path / "vec.npy")
    mm = DenseIndex.open(p, mmap=True)
    assert isinstance(mm.matrix, np.memmap)
    q = m[500]
    assert mm.search(q, 10)[0].tolist() == DenseIndex(m).search(q, 10)[0].tolist()
    assert not (tmp_path / "vec.npy.tmp").exists()
    with pytest.raises(ConfigError):
        DenseIndex.open(tmp_path / "missing.npy")


def test_empty_index():
    d = DenseIndex(np.zeros((0, 8), np.float32))
    i, s = d.search(np.ones(8, np.float32) / np.sqrt(8), 5)
    assert i.size == 0 and s.size == 0
