"""Ingesting real texts the way a user does (`jixiao corpus add`), incremental replace, all-or-nothing."""
from __future__ import annotations

import json

import docx
import openpyxl
import pytest
from typer.testing import CliRunner

from kb.cli import app
from kb.corpus import Corpus
from kb.corpus.store import CHUNKS, DOCS, corpus_version
from kb.errors import Conflict, DataError, NotFound
from tests.corpus_fixtures import (CORPORA, POLICIES, cli_env, corpus_settings, real_articles, run_cli,  # noqa: F401
                                   shared_corpora)
from tests.corpus_pdf import make_pdf

runner = CliRunner()


def _invoke(*args):
    r = runner.invoke(app, list(args), catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r.output


def test_cli_add_list_search_remove_real_articles(cli_env, shared_corpora):
    out = json.loads(_invoke("corpus", "add", str(CORPORA / "policy_articles.jsonl"), "--collection",
                             "national_policy", "--json"))
    assert len(out["added"]) == 17 and out["chunks_indexed"] == 74
    docs = json.loads(_invoke("corpus", "list", "--json"))["documents"]
    by_title = {d["doc_title"]: d for d in docs}
    d10 = by_title["项目支出绩效评价管理办法"]
    assert (d10["doc_number"], d10["issuer"], d10["year"], d10["n_chunks"]) == ("财预〔2020〕10号", "财政部", 2020, 5)
    hits = json.loads(_invoke("docs", "绩效评价分为单位自评、部门评价和财政评价", "--json", "--top", "3"))["hits"]
    assert hits[0]["citation"] in ("《项目支出绩效评价管理办法》(财预〔2020〕10号) 第四条",
                                   "《百色市本级项目支出绩效评价管理办法》(百财办〔2021〕4号) 第四条")
    assert "《项目支出绩效评价管理办法》(财预〔2020〕10号) 第四条" in [h["citation"] for h in hits]
    _invoke("corpus", "remove", d10["doc_id"])
    left = json.loads(_invoke("corpus", "list", "--json"))["documents"]
    assert len(left) == 16 and d10["doc_id"] not in {d["doc_id"] for d in left}


def test_cli_adds_policy_notes_markdown_without_front_matter(cli_env, shared_corpora):
    for p in sorted(POLICIES.glob("*.md")):
        _invoke("corpus", "add", str(p), "-c", "national_policy")
    docs = {d["doc_number"]: d for d in json.loads(_invoke("corpus", "list", "--json"))["documents"]}
    assert {"中发〔2018〕34号", "财预〔2021〕101号", "财预〔2020〕10号", "财预〔2015〕88号"} <= set(docs)
    assert docs["中发〔2018〕34号"]["doc_title"] == "中共中央 国务院关于全面实施预算绩效管理的意见"
    assert docs["财预〔2021〕101号"]["date"] == "2021-08-18"
    hits = json.loads(_invoke("docs", "雙監控", "--json", "--top", "1"))["hits"]  # Traditional query
    assert hits[0]["doc_number"] == "中发〔2018〕34号"


def _docx_from_articles(path, number):
    recs = [r for r in real_articles() if r["doc_number"] == number]
    d = docx.Document()
    d.add_heading(recs[0]["doc_title"], level=0)
    d.add_paragraph(number)
    d.add_heading("第一章 总则", level=1)
    for r in recs:
        d.add_paragraph(f"{r['article'].split('(')[0]} {r['text']}")
    d.save(str(path))
    return recs


def test_docx_regulation_is_cited_by_article(tmp_path, shared_corpora):
    recs = _docx_from_articles(tmp_path / "10号.docx", "财预〔2020〕10号")
    c = Corpus(tmp_path / "kb.sqlite", corpus_settings(tmp_path), embedder=None)
    rep = c.add(tmp_path / "10号.docx", "national_policy", issuer="财政部")
    assert rep.added == ["national_policy/10号"]
    arts = [r[0] for r in c.db.execute(f"SELECT article FROM [{CHUNKS}] WHERE article IS NOT NULL ORDER BY seq")]
    assert arts == [r["article"].split("(")[0] for r in recs]  # one chunk per article (plus the title block)
    [doc] = c.list()
    assert (doc["doc_title"], doc["doc_number"], doc["year"]) == ("项目支出绩效评价管理办法", "财预〔2020〕10号", 2020)
    hit = c.search("项目支出绩效评价分为哪三种方式", top=1)[0]
    assert hit.citation == "《项目支出绩效评价管理办法》(财预〔2020〕10号) 第四条"
    assert hit.chapter == "第一章 总则" and hit.text.startswith("第四条")


def test_pdf_regulation_lines_reflowed_and_cited(tmp_path, shared_corpora):
    recs = [r for r in real_articles() if r["doc_number"] == "湘交农路〔2021〕161号"]
    lines = [recs[0]["doc_title"], "湘交农路〔2021〕161号"]
    for r in recs:
        body = f"{r['article'].split('(')[0]} {r['text']}"
        lines += [body[i:i + 30] for i in range(0, len(body), 30)]  # wrapped like a printed page
    make_pdf(tmp_path / "公路.pdf", [lines[:12], lines[12:]])
    c = Corpus(tmp_path / "kb.sqlite", corpus_settings(tmp_path), embedder=None)
    c.add(tmp_path / "公路.pdf", "national_policy")
    [doc] = c.list()
    assert doc["doc_number"] == "湘交农路〔2021〕161号" and doc["year"] == 2021
    hit = c.search("农村公路养护管理考评包括哪些内容", top=1)[0]
    assert hit.article == "第四条"
    assert hit.text == "第四条 " + next(r["text"] for r in recs if r["article"] == "第四条")


def test_xlsx_qa_list_is_asked(tmp_path, shared_corpora):
    rows = [json.loads(x) for x in (CORPORA / "qa.jsonl").read_text(encoding="utf-8").splitlines()]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["编号", "问题", "答案", "来源", "链接"])
    for r in rows:
        ws.append([r["id"], r["question"], r["answer"], r["source"], r["source_url"]])
    wb.save(tmp_path / "问答.xlsx")
    c = Corpus(tmp_path / "kb.sqlite", corpus_settings(tmp_path), embedder=None)
    c.add(tmp_path / "问答.xlsx", "qa")
    res = c.ask("什么是绩效运行监控")
    assert res.confident and res.answers[0].question == rows[1]["question"]
    assert res.answers[0].source_url == rows[1]["source_url"] and res.answers[0].citation == "《问答》 Q002"


def test_replace_reindexes_only_the_changed_document(tmp_path, shared_corpora):
    src = (CORPORA / "policy_articles.jsonl").read_text(encoding="utf-8").splitlines()
    f = tmp_path / "articles.jsonl"
    f.write_text("\n".join(src), encoding="utf-8")
    c = Corpus(tmp_path / "kb.sqlite", corpus_settings(tmp_path), embedder=None)
    c.add(f, "national_policy")
    snap = lambda: {r[0]: (r[1], r[2]) for r in c.db.execute(f"SELECT chunk_id, rowid, tokens FROM [{CHUNKS}]")}
    before, v0 = snap(), corpus_version(c.db)

    same = c.add(f, "national_policy")  # unchanged file: nothing re-indexed, version kept
    assert len(same.unchanged) == 17 and same.chunks_indexed == 0 and corpus_version(c.db) == v0

    recs = [json.loads(x) for x in src]
    i = next(k for k, r in enumerate(recs) if r["id"] == "P048")
    recs[i]["text"] = recs[i]["text"].replace("四个等级", "四个等级（优、良、中、差）")
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    rep = c.add(f, "national_policy")
    changed_doc = next(d["doc_id"] for d in c.list() if d["doc_title"].startswith("某市市级专项资金"))
    assert rep.replaced == [changed_doc] and len(rep.unchanged) == 16 and rep.chunks_indexed == 8
    after = snap()
    untouched = {k for k in before if not k.startswith(changed_doc + "#")}
    assert all(after[k] == before[k] for k in untouched)  # same rows, same tokens
    assert all(after[k][0] != before[k][0] for k in before if k.startswith(changed_doc + "#"))
    assert corpus_version(c.db) != v0
    hit = c.search("优良中差四个等级", top=1)[0]
    assert hit.meta["id"] == "P048" and "（优、良、中、差）" in hit.text

    # the file loses a document: it is removed on the next add
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs if r["issuer"] != "荆楚理工学院"),
                 encoding="utf-8")
    rep = c.add(f, "national_policy")
    assert len(rep.removed) == 1 and len(c.list()) == 16


def test_bad_file_is_all_or_nothing_with_file_row_field(tmp_path, shared_corpora):
    c = Corpus(tmp_path / "kb.sqlite", corpus_settings(tmp_path), embedder=None)
    c.add(CORPORA / "qa.jsonl", "qa")
    n_docs = c.db.execute(f"SELECT count(*) FROM [{DOCS}]").fetchone()[0]
    recs = real_articles()
    recs[4]["text"] = ""
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    with pytest.raises(DataError) as e:
        c.add(bad, "national_policy")
    assert str(e.value) == "bad.jsonl:5: text: 必填字段为空"
    recs[4]["text"] = "x"
    recs[9]["year"] = "二〇一五"
    bad.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    with pytest.raises(DataError, match=r"^bad.jsonl:10: year: 年份须为整数"):
        c.add(bad, "national_policy")
    assert c.db.execute(f"SELECT count(*) FROM [{DOCS}]").fetchone()[0] == n_docs
    with pytest.raises(DataError, match="未知的语料库"):
        c.add(CORPORA / "qa.jsonl", "policies")
    md = tmp_path / "x.md"
    md.write_text("---\ntitle: [unclosed\n---\n第一条 内容", encoding="utf-8")
    with pytest.raises(DataError, match=r"^x.md:\d+: front matter: "):
        c.add(md, "national_policy")


def test_crash_mid_write_keeps_previous_state(tmp_path, shared_corpora, monkeypatch):
    c = Corpus(tmp_path / "kb.sqlite", corpus_settings(tmp_path), embedder=None)
    c.add(CORPORA / "qa.jsonl", "qa")
    before = c.list()
    calls = {"n": 0}
    real_tokens = c.tok.tokens

    def failing(text):
        calls["n"] += 1
        if calls["n"] == 40:
            raise RuntimeError("simulated crash")
        return real_tokens(text)

    monkeypatch.setattr(c.tok, "tokens", failing)
    with pytest.raises(RuntimeError):
        c.add(CORPORA / "policy_articles.jsonl", "national_policy")
    monkeypatch.undo()
    assert c.list() == before
    assert c.db.execute(f"SELECT count(*) FROM [{CHUNKS}]").fetchone()[0] == 6


def test_remove_unknown_and_id_conflicts(tmp_path, shared_corpora):
    c = Corpus(tmp_path / "kb.sqlite", corpus_settings(tmp_path), embedder=None)
    with pytest.raises(NotFound):
        c.remove("national_policy/nothing")
    c.add(CORPORA / "qa.jsonl", "qa")
    other = tmp_path / "qa.jsonl"  # same file name elsewhere → same derived id
    other.write_text((CORPORA / "qa.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(Conflict, match="qa/qa"):
        c.add(other, "qa")
    c.add(other, "qa", doc_id="qa/copy")
    assert {d["doc_id"] for d in c.list()} == {"qa/qa", "qa/copy"}
    assert c.remove(str(other)) == ["qa/copy"]  # remove by the file a user added


def test_cli_errors_exit_2_with_one_line(tmp_path, shared_corpora):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"question": "问", "answer": "答"}\n{"question": "问2"}\n', encoding="utf-8")
    for args, needle in [
        (("corpus", "add", str(bad), "-c", "qa"), "bad.jsonl:2: answer: 必填字段为空"),
        (("corpus", "add", str(bad), "-c", "laws"), "--collection"),
        (("corpus", "remove", "qa/none"), "qa/none"),
        (("docs", "预算", "--status", "old"), "--status"),
        (("docs", "预算", "--top", "0"), "--top"),
    ]:
        p = run_cli(tmp_path, *args)
        assert p.returncode == 2, (args, p.stdout, p.stderr)
        lines = [x for x in p.stderr.splitlines() if x.strip()]
        assert len(lines) == 1 and needle in lines[0], (args, p.stderr)
