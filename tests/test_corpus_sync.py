"""Shipped corpora: content, verified article numbers only, no copied prose, incremental sync, links."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from kb.corpus import Corpus, sync_default_corpora
from kb.corpus.readers import read_file
from kb.store.db import open_db
from kb.corpus.sync import shipped_files
from kb.errors import DataError
from kb.domain.text import normalize
from tests.corpus_fixtures import (CORPORA, POLICIES, REPO, SHARED, corpus_settings, full_corpus,  # noqa: F401
                                   real_articles, shared_corpora)

SHIPPED = REPO / "corpora"


def _parsed():
    return [(key, p) for key, coll, path in shipped_files(SHIPPED) for p in read_file(path, coll)]


def test_every_collection_has_a_folder_and_the_required_content():
    assert {p.name for p in SHIPPED.iterdir() if p.is_dir()} == {
        "national_policy", "bank_policy", "market_info", "internal_regulation", "expert_opinion", "qa",
        "public_notice"}
    docs = [p for _, p in _parsed()]
    qa = [c for d in docs if d.document.kind == "qa" for c in d.chunks]
    ops = [c for d in docs if d.document.kind == "opinion" for c in d.chunks]
    assert len(qa) >= 60 and len(ops) >= 40
    assert len({c.question for c in qa}) == len(qa)
    national = {d.document.doc_number: d for d in docs if d.document.collection == "national_policy"}
    assert {"中发〔2018〕34号", "财预〔2015〕88号", "财预〔2020〕10号", "财预〔2021〕101号"} <= set(national)
    assert national["财预〔2011〕285号"].document.status == "repealed"
    grades = next(c.text for c in national["财预〔2020〕10号"].chunks if "评价结果等级" in c.section)
    assert all(x in grades for x in ("90分（含）以上为“优”", "80分（含）至90分为“良”", "60分（含）至80分为“中”",
                                     "60分以下为“差”"))
    tiers = next(c.text for c in national["财预〔2020〕10号"].chunks if "三档" in c.section)
    assert all(x in tiers for x in ("80%–100%", "60%–80%", "0%–60%"))


def _verified_articles() -> dict[str, set[str]]:
    """Article labels seen in real texts, per document (文号 or title)."""
    out: dict[str, set[str]] = {}
    for r in real_articles():
        key = r["doc_number"] if "〔" in r["doc_number"] else r["doc_title"]
        s = out.setdefault(key, set())
        s.add(r["article"].split("(")[0])
        s.update(re.findall(r"(第[一二三四五六七八九十]+条)[:：]", r["text"]))  # articles quoted in a record's note
    rules = (SHARED / "rules" / "RULES.md").read_text(encoding="utf-8")
    if "285号" in rules and "第十四条(二)" in rules and "✔原文已见" in rules:
        out.setdefault("财预〔2011〕285号", set()).add("第十四条")
    return out


def test_cards_cite_article_numbers_only_where_verified(shared_corpora):
    verified = _verified_articles()
    seen = 0
    for _, d in _parsed():
        if d.document.kind != "card" or d.document.issuer == "jixiao-kb":
            continue
        key = d.document.doc_number or d.document.doc_title
        arts = {c.article for c in d.chunks if c.article}
        assert arts <= verified.get(key, set()), (key, arts - verified.get(key, set()))
        seen += len(arts)
    assert seen >= 20
    for number in ("中发〔2018〕34号", "财预〔2015〕88号", "财预〔2021〕101号"):  # no verified article text
        assert number not in verified


def _titles() -> list[str]:
    """Document titles (facts, not prose), longest first."""
    t = {r["doc_title"] for r in real_articles()} | {p.document.doc_title for _, p in _parsed()}
    return sorted(t, key=len, reverse=True)


def _windows(text: str, n: int, titles: list[str] = ()):
    """n-character windows inside punctuation-free runs (an enumeration of names 、-separated
    never forms one run; titles, 文号, URLs and short quoted terms such as the tier label
    “部分达成年度指标并具有一定效果” are facts and dropped)."""
    t = normalize(text)
    for title in titles:
        t = t.replace(normalize(title), "、")
    t = re.sub(r"《[^》]*》|〔\d{4}〕\d+号|https?://\S+|“[^”]{1,20}”", "、", t)
    out = set()
    for seg in re.split(r"[\s\W_]+", t):
        out |= {seg[i:i + n] for i in range(0, max(0, len(seg) - n + 1))}
    return out


def test_shipped_prose_is_not_copied_from_shared_data(shared_corpora):
    n = 14
    src: set[str] = set()
    for r in real_articles():
        src |= _windows(r["text"], n)
    for f in ("qa.jsonl", "expert_opinions.jsonl"):
        for line in (CORPORA / f).read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            src |= _windows(r.get("answer", "") + "\n" + r.get("text", ""), n)
    for p in list(POLICIES.glob("*.md")) + [SHARED / "rules" / "RULES.md"]:
        src |= _windows(p.read_text(encoding="utf-8"), n)
    copied = []
    titles = _titles()
    for p in SHIPPED.rglob("*"):
        if p.is_file() and p.suffix in (".md", ".jsonl"):
            hit = _windows(p.read_text(encoding="utf-8"), n, titles) & src
            copied += [(p.name, w) for w in hit]
    assert not copied, copied[:5]


def test_sync_is_incremental_and_leaves_user_documents_alone(tmp_path, shared_corpora):
    corpora = tmp_path / "corpora"
    shutil.copytree(SHIPPED, corpora)
    s = corpus_settings(tmp_path).model_copy(update={"corpora_dir": corpora})
    db = open_db(s.resolved_kb_path())
    first = sync_default_corpora(db, corpora)
    assert first["files"] == len(first["changed_files"]) >= 15 and first["chunks_indexed"] > 150
    c = Corpus(settings=s, embedder=None)
    c.add(CORPORA / "policy_articles.jsonl", "national_policy")
    user_ids = {d["doc_id"] for d in c.list() if d["origin"] == "user"}
    assert len(user_ids) == 17

    again = sync_default_corpora(db, corpora)
    assert again["changed_files"] == [] and again["chunks_indexed"] == 0

    faq = corpora / "qa" / "declarant_faq.jsonl"
    lines = faq.read_text(encoding="utf-8").splitlines()
    faq.write_text("\n".join(lines[:-1]), encoding="utf-8")  # drop one Q&A pair
    third = sync_default_corpora(db, corpora)
    assert third["changed_files"] == ["corpora/qa/declarant_faq.jsonl"]
    assert third["replaced"] == ["qa/declarant_faq"] and third["chunks_indexed"] == len(lines) - 1

    (corpora / "public_notice" / "target_review_notices.md").unlink()
    fourth = sync_default_corpora(db, corpora)
    assert fourth["removed"] == ["public_notice/target-review-notices"]
    assert {d["doc_id"] for d in c.list() if d["origin"] == "user"} == user_ids

    (corpora / "qa" / "broken.jsonl").write_text('{"question": "问"}\n', encoding="utf-8")
    before = c.list()
    with pytest.raises(DataError, match=r"^broken.jsonl:1: answer: "):
        sync_default_corpora(db, corpora)
    assert c.list() == before


def test_build_loads_the_shipped_corpora(tmp_path):
    from kb.knowledge import build
    from tests.kbfactory import write_library

    lib = tmp_path / "indicators"
    write_library(lib, [{"name": "服务对象满意度", "level1": "满意度指标", "level2": "服务对象满意度指标"},
                        {"name": "培训人次", "level2": "数量指标", "unit": "人次"}])
    s = corpus_settings(tmp_path).model_copy(update={"indicators_dir": lib})
    rep = build(s)
    assert rep.corpus["files"] >= 15 and len(rep.corpus["added"]) >= 15
    c = Corpus(settings=s, embedder=None)
    assert {d["collection"] for d in c.list()} >= {"national_policy", "qa", "expert_opinion"}
    assert build(s).corpus["changed_files"] == []


def test_cite_basis_for_rule_catalog_entries(full_corpus, shared_corpora):
    rules = json.loads((SHARED / "rules" / "rules.json").read_text(encoding="utf-8"))
    rules = rules["rules"] if isinstance(rules, dict) and "rules" in rules else rules
    cited = {}
    for r in rules:
        for b in r["basis"]:
            cited[(b["doc"], b["where"])] = full_corpus.cite_basis(b["doc"], b["where"])
    # 88号 第八条 is recalled, not verified: the document is cited, the article is not; the stored
    # documents are our knowledge cards, so each citation says it is a paraphrase, not the original
    assert cited[("财预〔2015〕88号《中央部门预算绩效目标管理办法》", "第八条（据记忆）")] == \
        "《中央部门预算绩效目标管理办法》(财预〔2015〕88号)（要点转述，非原文）"
    assert cited[("财预〔2011〕285号《财政支出绩效评价管理暂行办法》（已被10号文替代，措辞可作旁证）", "第十四条(二)")] == \
        "《财政支出绩效评价管理暂行办法》(财预〔2011〕285号) 第十四条（已废止）（要点转述，非原文）"
    assert cited[("财预〔2020〕10号《项目支出绩效评价管理办法》", "附件2 绩效指标明确性（评价要点）")] == \
        "《项目支出绩效评价管理办法》(财预〔2020〕10号)"  # a stored regulation text: no label
    pmkpi = [v for (doc, _), v in cited.items() if doc.startswith("预算管理一体化系统")]
    assert pmkpi and all(v is None for v in pmkpi)  # not in the corpora: no citation
    assert full_corpus.cite_basis("项目支出绩效评价管理办法", "第四条") == \
        "《项目支出绩效评价管理办法》(财预〔2020〕10号) 第四条"
    assert full_corpus.cite_basis("") is None


def test_related_answers_follow_a_changed_corpus(tmp_path, shared_corpora):
    """`related` remembers its answers; a document added afterwards (by this or another process)
    shows in the next answer, and an unchanged corpus answers the same."""
    recs = [r for r in real_articles() if r["doc_number"] == "浙财绩效字〔2009〕5号"]
    old, new = tmp_path / "old.jsonl", tmp_path / "new.jsonl"
    old.write_text("\n".join(json.dumps({**r, "doc_title": r["doc_title"] + "（旧）", "status": "repealed"},
                                        ensure_ascii=False) for r in recs), encoding="utf-8")
    new.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    c = Corpus(tmp_path / "kb.sqlite", corpus_settings(tmp_path), embedder=None)
    c.add(old, "national_policy")
    text = "财政支出绩效评价遵循的原则"
    first = c.related(text, ["national_policy"], k=3)
    assert first and {h.status for h in first} == {"repealed"}
    assert [h.chunk_id for h in c.related(text, ["national_policy"], k=3)] == [h.chunk_id for h in first]
    other = Corpus(tmp_path / "kb.sqlite", corpus_settings(tmp_path), embedder=None)  # another process's view
    other.add(new, "national_policy")
    after = c.related(text, ["national_policy"], k=3)
    assert after[0].status == "effective" and after[0].citation.startswith("《浙江省财政支出绩效评价实施办法》")


def test_related_opinions_for_an_indicator(full_corpus):
    ops = full_corpus.related("服务对象满意度 ≥100%", ["expert_opinion"], k=2)
    assert 1 <= len(ops) <= 2 and all(h.collection == "expert_opinion" for h in ops)
    assert all("满意度" in (h.meta.get("problem_type", "") + h.text) for h in ops)
    arts = full_corpus.related("预算执行率 作为产出指标", ["national_policy", "internal_regulation"], k=3)
    assert arts and all(h.kind in ("regulation", "card", "note") for h in arts)
    assert full_corpus.related("qqqq zzzz", ["expert_opinion"], k=2) == []
    links = full_corpus.indicator_links("服务对象满意度：反映服务对象对项目的满意程度，按问卷调查计算")
    assert len(links["opinions"]) <= 2 and links["articles"]
    assert all(o["problem_type"] and "满意度" in o["problem_type"] + o["text"] for o in links["opinions"])
    assert all(a["citation"].startswith("《") for a in links["articles"])
