"""Answering a question from the corpora: similar Q&A pairs plus related articles.

No text is generated: the answer is the stored answers of the most similar
questions (with their sources) and the policy articles that match the
question. `confident`:
- hybrid (an embedder is configured): `kb.retrieval.confidence.confidence` says confident,
  at least one Q&A pair passes the fusion cut, and the question's dense
  margin over background text is at least `ASK_MIN_Z` (3.0) standard
  deviations — stricter than search, because answering from a Q&A list needs
  an on-topic question, not one that merely shares a word (measured: in-domain
  declarant questions z ≥ 3.8, everyday questions z ≤ 2.6; tests/test_corpus_ask.py);
- lexical only: the best Q&A pair covers at least `CONFIDENT_COVERAGE` of the
  question's IDF weight (`kb.corpus.search.CorpusIndex.coverage`);
- either way, a question asking who / when / why is answered confidently only by a stored
  question asking the same (`ASK_KINDS`, `asks_the_same`).
Not for search ranking itself (see `kb.corpus.search`).
"""
from __future__ import annotations

from pydantic import BaseModel, Field

from kb.corpus.search import CorpusIndex, Filters, Hit

# Lexical mode: measured on paraphrased declarant questions vs everyday off-topic questions,
# off-topic best matches cover ≤ 0.2 of the question's IDF weight (see tests/test_corpus_ask.py).
CONFIDENT_COVERAGE = 0.25
# Hybrid mode: minimum dense z-score (one-sided normal quantile 3.0 ≈ 99.87th percentile of background).
ASK_MIN_Z = 3.0
# the kinds of question a Q&A pair answers only when its own question asks the same kind: "绩效目标由谁来定"
# is no "指标值依据什么来定" (a fresh user's trial: confident, and wrong). Per kind: the words that ask it,
# and the further words a stored question answering it may use instead.
ASK_KINDS = (
    (("谁", "哪个部门", "哪些部门", "哪个单位", "哪些单位"), ("主体", "负责")),
    (("何时", "什么时候", "啥时候", "多久", "多长时间", "哪天"), ("时限", "期限", "截止", "时间")),
    (("为什么", "为何", "为啥"), ()),
)
# collections searched for "related policy articles"
POLICY_COLLECTIONS = ("national_policy", "internal_regulation", "bank_policy", "public_notice",
                      "market_info")


class Answer(BaseModel):
    """One similar question with its stored answer and source."""

    question: str
    answer: str
    citation: str
    source: str = ""
    source_url: str = ""
    doc_id: str
    chunk_id: str
    score: float
    coverage: float


class AskResult(BaseModel):
    """Result of `ask`: similar questions (best first), related articles, and whether to trust them."""

    question: str
    confident: bool
    answers: list[Answer] = Field(default_factory=list)
    related: list[Hit] = Field(default_factory=list)
    message: str = ""


def ask(index: CorpusIndex, question: str, *, k: int = 3, related_k: int = 3,
        mode: str | None = None) -> AskResult:
    """Similar Q&A pairs (collection `qa`) and related policy chunks for `question`.

    Args:
        k: number of Q&A pairs; related_k: number of policy chunks.
    Returns: AskResult; `confident` False (and a message) when no stored
        question covers at least `CONFIDENT_COVERAGE` of the question.
    """
    hits, ranked = index.query(question, Filters(collections=("qa",)), k=k, mode=mode)
    answers = [Answer(question=h.question or "", answer=h.answer or h.text, citation=h.citation,
                      source=str(h.meta.get("source", "")), source_url=h.source_url, doc_id=h.doc_id,
                      chunk_id=h.chunk_id, score=h.score, coverage=h.coverage) for h in hits]
    related = index.search(question, Filters(collections=POLICY_COLLECTIONS), k=related_k, mode=mode)
    if ranked.confident is None:  # lexical only
        confident = max((a.coverage for a in answers), default=0.0) >= CONFIDENT_COVERAGE
    else:
        confident = bool(ranked.confident and answers and (ranked.dense_z or 0.0) >= ASK_MIN_Z)
    confident = confident and asks_the_same(question, answers[0].question)
    msg = "" if confident else "问答区中没有与此相近的问题；以下结果仅供参考，请查阅相关政策原文或咨询财政部门。"
    return AskResult(question=question, confident=confident, answers=answers, related=related, message=msg)


def asks_the_same(question: str, stored: str) -> bool:
    """False when `question` asks who / when / why (`ASK_KINDS`) and the stored question asks none of
    that kind: its answer is about something else, however many words they share."""
    for asking, also in ASK_KINDS:
        if any(w in question for w in asking) and not any(w in stored for w in asking + also):
            return False
    return True
