"""Links between knowledge: indicator ↔ articles/opinions, suggest ↔ opinions, findings ↔ citations."""
from __future__ import annotations

import json

import pytest

from kb.checker import check_declaration
from kb.checker.citations import attach_citations
from kb.knowledge import KnowledgeBase
from kb.domain.schema import Declaration
from tests.kbfactory import REPO, built_shipped


@pytest.fixture(scope="module")
def kb_with_corpora(tmp_path_factory):
    return KnowledgeBase(built_shipped(tmp_path_factory.mktemp("links"), REPO / "corpora"))


def test_indicator_detail_lists_related_opinions(kb_with_corpora):
    kb = kb_with_corpora
    ind = kb.get_indicator(kb.search("服务对象满意度", mode="lexical").hits[0].indicator_id)
    links = kb.related_knowledge(ind)
    assert links["opinions"], "a satisfaction indicator has expert advice on satisfaction targets"
    assert any("满意" in o["text"] for o in links["opinions"])
    assert all(o["citation"] for o in links["articles"] + links["opinions"])


def test_suggest_candidates_carry_at_most_two_opinions(kb_with_corpora):
    res = kb_with_corpora.suggest("资助家庭经济困难学生300人", mode="lexical")
    firsts = [s.candidates[0] for s in res.table]
    assert all(len(c.opinions) <= 2 for c in firsts)
    sat = next(s for s in res.table if s.level1 == "satisfaction").candidates[0]
    assert sat.opinions and any("满意" in o["text"] for o in sat.opinions)


def test_findings_cite_stored_documents(kb_with_corpora, shared_data):
    rec = json.loads((shared_data / "declarations" / "dev.jsonl").read_text(encoding="utf-8").splitlines()[0])
    decl = Declaration.from_record(rec)
    report = kb_with_corpora.check(decl)
    cited = [f for f in report.findings if f.citation]
    assert cited, "findings based on 财预〔2015〕88号 etc. cite the stored card"
    for f in cited:
        assert f.citation.startswith("《") and "财预" in f.citation
    # without corpora nothing is invented
    bare = attach_citations(check_declaration(decl), None)
    assert all(f.citation is None for f in bare.findings)
