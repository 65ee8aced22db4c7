"""Cited search over the shipped corpora and the real texts: citations, filters, repealed ranking, highlights."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from kb.cli import app
from kb.corpus import Corpus, citation
from kb.domain.text import normalize
from tests.corpus_fixtures import (CORPORA, cli_env, corpus_settings, full_corpus, real_articles,  # noqa: F401
                                   shared_corpora)


def test_citation_format():
    assert citation("项目支出绩效评价管理办法", "财预〔2020〕10号", "第四条") == \
        "《项目支出绩效评价管理办法》(财预〔2020〕10号) 第四条"
    assert citation("项目支出绩效评价管理办法", "财预〔2020〕10号", "第四条", kind="card") == \
        "《项目支出绩效评价管理办法》(财预〔2020〕10号) 第四条（要点转述，非原文）"
    assert citation("荆楚理工学院预算绩效管理办法(试行)", "", "第五条") == "《荆楚理工学院预算绩效管理办法(试行)》 第五条"
    assert citation("中共中央 国务院关于全面实施预算绩效管理的意见", "中发〔2018〕34号") == \
        "《中共中央 国务院关于全面实施预算绩效管理的意见》(中发〔2018〕34号)"
    assert citation("某办法", "", "第三条", "第二款", status="repealed") == "《某办法》 第三条第二款（已废止）"


def test_plain_question_finds_the_article_with_exact_citation(full_corpus):
    cases = {
        # a knowledge card (our summary) says so: it must not look like the original article
        "绩效评价有哪几种方式": "《项目支出绩效评价管理办法》(财预〔2020〕10号) 第四条（要点转述，非原文）",
        "学校里哪个部门牵头绩效管理": "《荆楚理工学院预算绩效管理办法(试行)》 第五条",
        "专项转移支付的绩效目标是什么意思": "《中央对地方专项转移支付绩效目标管理暂行办法》(财预〔2015〕163号) 第三条",
        "农村公路养护考评看哪些内容": "《湖南省农村公路养护管理考评办法》(湘交农路〔2021〕161号) 第四条",
    }
    for q, cite in cases.items():
        top3 = [h.citation for h in full_corpus.search(q, top=3)]
        assert cite in top3, (q, top3)


def test_hits_carry_offsets_into_their_document(full_corpus):
    for h in full_corpus.search("绩效目标应当包括哪些内容", top=5):
        doc = full_corpus.document(h.doc_id)
        assert doc["text"][h.start:h.end] == h.text


def test_filters_collection_issuer_year_status(full_corpus):
    q = "绩效评价"
    hits = full_corpus.search(q, issuer="财政部", top=20)
    assert hits and all("财政部" in h.issuer for h in hits)
    hits = full_corpus.search(q, year=2011, top=20)
    assert hits and {h.year for h in hits} == {2011}
    hits = full_corpus.search(q, collections=["qa"], top=20)
    assert hits and {h.collection for h in hits} == {"qa"}
    hits = full_corpus.search(q, collections=["national_policy", "internal_regulation"], top=50)
    assert {h.collection for h in hits} == {"national_policy", "internal_regulation"}
    assert all(h.status == "effective" for h in full_corpus.search("细化量化 定性的分级分档", status="effective",
                                                                   top=20))


def test_repealed_documents_marked_and_ranked_below_comparable_effective(full_corpus):
    hits = full_corpus.search("分级分档", top=10)
    old = next(h for h in hits if h.status == "repealed")
    assert old.citation == "《财政支出绩效评价管理暂行办法》(财预〔2011〕285号) 第十四条（已废止）（要点转述，非原文）"
    assert old.status_label == "已废止"
    # a repealed hit keeps half its relevance: every effective hit above it scores at least that
    lex = full_corpus.index.lexical.scores(full_corpus.index.query_tokens("分级分档"))
    raw = {h.chunk_id: float(lex[full_corpus.index.chunk_ids.index(h.chunk_id)]) for h in hits}
    pos = hits.index(old)
    assert old.score == round(raw[old.chunk_id] * 0.5, 6)
    assert all(raw[h.chunk_id] >= 0.5 * raw[old.chunk_id] for h in hits[:pos])
    assert all(raw[h.chunk_id] < raw[old.chunk_id] for h in hits[:pos])  # it did outrank them unweighted
    assert "repealed" not in {h.status for h in full_corpus.search("分级分档", status="effective", top=20)}
    only_old = full_corpus.search("分级分档", status="repealed", top=5)
    assert [h.doc_number for h in only_old] == ["财预〔2011〕285号"]


def test_repealed_copy_never_outranks_the_effective_text(tmp_path, shared_corpora):
    recs = [r for r in real_articles() if r["doc_number"] == "浙财绩效字〔2009〕5号"]
    old = tmp_path / "old.jsonl"
    old.write_text("\n".join(json.dumps({**r, "doc_title": r["doc_title"] + "（旧）", "status": "repealed"},
                                        ensure_ascii=False) for r in recs), encoding="utf-8")
    new = tmp_path / "new.jsonl"
    new.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    c = Corpus(tmp_path / "kb.sqlite", corpus_settings(tmp_path), embedder=None)
    c.add(old, "national_policy")  # indexed first: it would win a tie without the status rule
    c.add(new, "national_policy")
    hits = c.search("财政支出绩效评价遵循哪些原则", top=6)
    assert len(hits) == 6 and hits[0].citation == "《浙江省财政支出绩效评价实施办法》(浙财绩效字〔2009〕5号) 第三条"
    pos = {(h.status, h.article): i for i, h in enumerate(hits)}
    for art in ("第一条", "第二条", "第三条"):  # every article: the valid text above its repealed twin
        assert pos[("effective", art)] < pos[("repealed", art)]
    assert hits[pos[("repealed", "第三条")]].citation.endswith("第三条（已废止）")


def test_highlights_point_at_query_terms_in_original_text(full_corpus):
    q = "绩效目标 双监控"
    hit = next(h for h in full_corpus.search(q, top=10) if "績效" in h.text)  # a Traditional-script note
    assert hit.highlights
    terms = set(full_corpus.index.query_tokens(q))
    for a, b in hit.highlights:
        assert 0 <= a < b <= len(hit.text)
        assert any(t in normalize(hit.text[a:b]).lower() for t in terms)
    spans = {normalize(hit.text[a:b]) for a, b in hit.highlights}
    assert any("双监控" in s for s in spans) and any("绩效目标" in s for s in spans)


def test_docs_cli_json_shape(cli_env, shared_corpora):
    r = CliRunner().invoke(app, ["corpus", "add", str(CORPORA / "policy_articles.jsonl"), "-c", "national_policy"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["docs", "绩效评价结果分为哪几个等级", "--json", "--top", "2", "--issuer", "某市"])
    assert r.exit_code == 0, r.output
    hits = json.loads(r.output)["hits"]
    assert list(hits[0])[:8] == ["doc_title", "doc_number", "article", "collection", "text", "citation", "score",
                                 "highlights"]
    assert hits[0]["article"] == "第三十二条" and hits[0]["doc_number"] == ""
    assert hits[0]["citation"].endswith("》 第三十二条")


def test_query_with_no_known_term_returns_nothing(full_corpus):
    assert full_corpus.search("zzzz qqqq", top=5) == []
