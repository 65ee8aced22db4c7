"""The policy-search question set and its metrics (Recall@3, MRR) on the real articles and the cards."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from kb.cli import app
from kb.corpus.chunking import article_label
from kb.corpus.eval import DEFAULT_QUESTIONS, Question, answers, load_questions, metrics
from kb.corpus.readers import read_file
from kb.corpus.sync import shipped_files
from tests.corpus_fixtures import REPO, cli_env, full_corpus, real_articles, shared_corpora  # noqa: F401


def test_metrics_definition():
    assert metrics([1, 2, 3, None, 5], 3) == (0.6, (1 + 1 / 2 + 1 / 3 + 1 / 5) / 5)
    assert metrics([], 3) == (0.0, 0.0)


def test_question_set_is_answerable(shared_corpora):
    qs = load_questions(DEFAULT_QUESTIONS)
    assert len(qs) >= 60 and len({q.id for q in qs}) == len(qs)
    real = {(r["doc_number"] if "〔" in r["doc_number"] else r["doc_title"], article_label(r["article"]))
            for r in real_articles()}
    cards = [p for _, coll, path in shipped_files(REPO / "corpora") for p in read_file(path, coll)]
    n_real = 0
    for q in qs:
        key = q.doc_number or q.doc_title
        if (key, article_label(q.article)) in real:
            n_real += 1
            continue
        # otherwise a shipped card holds the expected section / article
        assert any(answers(q, c) for p in cards for c in p.chunks), q
    assert n_real >= 40  # most questions are about real regulation articles


def test_answers_matches_document_article_and_section():
    q = Question(id="x", question="?", doc_number="财预〔2020〕10号", article="第四条")
    assert answers(q, {"doc_number": "财预〔2020〕10号", "doc_title": "任意", "article": "第四条", "section": ""})
    assert not answers(q, {"doc_number": "财预〔2020〕10号", "doc_title": "", "article": "第五条", "section": ""})
    q2 = Question(id="y", question="?", doc_title="某办法", article="第七条(截断)")
    assert answers(q2, {"doc_number": "", "doc_title": "某办法", "article": "第七条", "section": ""})


def test_recall_at_3_on_real_articles_and_cards(full_corpus):
    rep = full_corpus.eval()
    assert rep.questions >= 60 and rep.missing_documents == []
    assert rep.recall_at_k >= 0.85, [r for r in rep.results if r.rank is None or r.rank > 3]
    assert rep.mrr >= 0.75


def test_eval_docs_cli(cli_env, shared_corpora):
    from kb.corpus import Corpus

    Corpus(cli_env / "jixiao.kb.sqlite", embedder=None)  # an empty KB file (no corpora yet)
    r = CliRunner().invoke(app, ["eval-docs", "--json"])
    out = json.loads(r.output)  # empty KB: every expected document is missing, every question a miss
    assert out["recall_at_k"] == 0.0 and len(out["missing_documents"]) >= 10


def test_docs_commands_need_a_built_kb(cli_env):
    from tests.corpus_fixtures import run_cli

    for args in (("docs", "满意度"), ("ask", "满意度怎么设"), ("corpus", "list"), ("eval-docs",)):
        p = run_cli(cli_env / "nothing-here", *args)
        assert p.returncode == 2 and "jixiao build" in p.stderr, args
        assert not (cli_env / "nothing-here" / "jixiao.kb.sqlite").exists()
