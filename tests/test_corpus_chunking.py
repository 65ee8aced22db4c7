"""Structure-aware chunking on real regulation text: 章/节/条/款, labels on every chunk, offsets."""
from __future__ import annotations

from kb.corpus.chunking import article_label, chunk_structure, structure_units
from kb.corpus.readers import read_file
from tests.corpus_fixtures import CORPORA, real_articles, shared_corpora  # noqa: F401  (fixture)


def _articles(number: str) -> list[dict]:
    return [r for r in real_articles() if r["doc_number"] == number]


def test_articles_become_chunks_with_exact_offsets(shared_corpora):
    recs = _articles("财预〔2020〕10号")
    text = "\n".join(f"{article_label(r['article'])} {r['text']}" for r in recs)
    chunks = chunk_structure(text)
    assert [c.article for c in chunks] == ["第一条", "第二条", "第三条", "第四条", "第五条"]
    for c, r in zip(chunks, recs):
        assert text[c.start:c.end] == f"{article_label(r['article'])} {r['text']}"


def test_chapters_and_sections_label_their_articles(shared_corpora):
    a = {r["article"]: r["text"] for r in _articles("财预〔2020〕10号")}
    text = (f"第一章 总则\n第一条 {a['第一条']}\n第二条 {a['第二条']}\n"
            f"第二章 评价方式\n第一节 方式\n第四条 {a['第四条']}\n")
    chunks = chunk_structure(text)
    assert [(c.chapter, c.section, c.article) for c in chunks] == [
        ("第一章 总则", "", "第一条"), ("第一章 总则", "", "第二条"), ("第二章 评价方式", "第一节 方式", "第四条")]
    assert all(not text[c.start:c.end].startswith("第一章") for c in chunks)  # heading-only lines are not chunks


def test_long_article_split_by_kuan_and_xiang_keeps_article(shared_corpora):
    rec = next(r for r in real_articles() if r["id"] == "P020")  # 朝阳县细则第四条, (一)(二)(三) items
    kuan2 = "本条第二款：县直部门按上述原则组织评估。"
    text = f"第四条 {rec['text']}\n{kuan2}"
    chunks = chunk_structure(text, max_chars=150)
    assert len(chunks) >= 4
    assert {c.article for c in chunks} == {"第四条"}
    assert {c.clause for c in chunks} == {"第一款", "第二款"}
    assert chunks[-1].clause == "第二款" and text[chunks[-1].start:chunks[-1].end] == kuan2
    # cuts fall before the 项 markers (二)(三) (the short lead-in and (一) share the first piece),
    # and pieces follow each other without overlap
    starts = [text[c.start:c.start + 3] for c in chunks if c.clause == "第一款"]
    assert starts[0] == "第四条" and "(一)" in text[chunks[0].start:chunks[0].end]
    assert "(二)" in starts and "(三)" in starts
    for a, b in zip(chunks, chunks[1:]):
        assert a.end <= b.start
    assert all(c.end - c.start <= 150 for c in chunks)


def test_numbered_sections_when_no_articles(shared_corpora):
    recs = [r for r in real_articles() if r["doc_title"].startswith("江西省城镇老旧小区")]
    text = "\n".join(f"{r['article'].split('(')[0]}\n{r['text']}" for r in recs)
    units = structure_units(text)
    assert [u.article for u in units] == ["一、评价定义", "二、评价依据", "三、评价原则"]


def test_article_label_normalisation():
    assert article_label("第七条(截断)") == "第七条"
    assert article_label("第三十条(后半,接上页)") == "第三十条"
    assert article_label("三、评价原则(截断)") == "三、评价原则"
    assert article_label("") is None and article_label(None) is None


def test_jsonl_regulations_qa_and_opinions_chunk_per_unit(shared_corpora):
    docs = read_file(CORPORA / "policy_articles.jsonl", "national_policy")
    recs = real_articles()
    assert len(docs) == len({(r["doc_title"], r["doc_number"]) for r in recs}) == 17
    assert sum(len(d.chunks) for d in docs) == len(recs) == 74
    for d in docs:
        for c in d.chunks:
            assert d.document.text[c.start:c.end] == c.text and c.article
    truncated = next(c for d in docs for c in d.chunks if c.meta.get("id") == "P007")
    assert truncated.article == "第七条" and truncated.meta["article_raw"] == "第七条(截断)"

    qa = read_file(CORPORA / "qa.jsonl", "qa")[0]
    assert [c.item for c in qa.chunks] == ["Q001", "Q002", "Q003", "Q004", "Q005", "Q006"]
    q2 = qa.chunks[1]
    assert q2.question.startswith("绩效名词解释4") and q2.answer.startswith("绩效运行监控是指")
    assert qa.document.text[q2.start:q2.end] == q2.text

    op = read_file(CORPORA / "expert_opinions.jsonl", "expert_opinion")[0]
    assert len(op.chunks) == 44 and op.chunks[6].meta["problem_type"].startswith("自评质量总体偏低")
    assert all(op.document.text[c.start:c.end] == c.text for c in op.chunks)
