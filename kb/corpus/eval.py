"""Retrieval quality of cited search over a question set: Recall@K and MRR.

Question file (JSONL), one question per line:
`{"id", "question", "doc_title" and/or "doc_number", "article"?, "section"?}` —
the document (by 文号 when given, else by title) and the article (or card
section) that answers it. A hit answers a question when its document matches
and, when given, its article equals the expected one (labels normalised:
第七条(截断) → 第七条) and its section contains the expected section text.

Recall@K = share of questions with an answering hit among the first K;
MRR = mean of 1/rank of the first answering hit within the first `depth`
hits (0 when none). Not for search itself (see `kb.corpus.search`).
"""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from kb.corpus.chunking import article_label
from kb.errors import DataError
from kb.io.jsonl import read_jsonl
from kb.domain.text import normalize

DEFAULT_QUESTIONS = Path(__file__).resolve().parents[2] / "tests" / "data" / "doc_questions.jsonl"
# collections searched by the eval: the article collections (Q&A and opinions excluded)
EVAL_COLLECTIONS = ("national_policy", "internal_regulation", "bank_policy", "market_info", "public_notice")


class Question(BaseModel):
    """One eval question and the place that answers it."""

    id: str
    question: str
    doc_title: str = ""
    doc_number: str = ""
    article: str | None = None
    section: str | None = None


class QuestionResult(BaseModel):
    """Outcome of one question: rank of the first answering hit (None = not in the first `depth`)."""

    id: str
    question: str
    expected: str
    rank: int | None
    top: list[str] = Field(default_factory=list)


class EvalReport(BaseModel):
    """Recall@K and MRR over a question set, with the per-question outcome."""

    questions: int
    k: int
    recall_at_k: float
    mrr: float
    missing_documents: list[str] = Field(default_factory=list)
    results: list[QuestionResult] = Field(default_factory=list)


def load_questions(path: Path) -> list[Question]:
    """Read a question file; DataError(file, row, field) on a bad line."""
    path = Path(path)
    if not path.is_file():
        raise DataError("问题集文件不存在", file=str(path))
    out = []
    for n, obj in read_jsonl(path, name=path.name):
        for key in ("id", "question"):
            if not str(obj.get(key) or "").strip():
                raise DataError("必填字段为空", file=path.name, row=n, field=key)
        if not (obj.get("doc_title") or obj.get("doc_number")):
            raise DataError("须给出 doc_title 或 doc_number", file=path.name, row=n, field="doc_title")
        out.append(Question(**{k: obj[k] for k in Question.model_fields if k in obj}))
    if not out:
        raise DataError("问题集为空", file=path.name)
    return out


def _same(a: str | None, b: str | None) -> bool:
    return normalize(a or "") == normalize(b or "")


def answers(q: Question, hit) -> bool:
    """Whether `hit` (Hit or dict) answers question `q` (see module docstring)."""
    g = (lambda k: hit.get(k)) if isinstance(hit, dict) else (lambda k: getattr(hit, k))
    if q.doc_number:
        if not _same(q.doc_number, g("doc_number")):
            return False
    elif not _same(q.doc_title, g("doc_title")):
        return False
    if q.article and article_label(q.article) != article_label(g("article")):
        return False
    if q.section and normalize(q.section) not in normalize(g("section") or ""):
        return False
    return True


def expected_label(q: Question) -> str:
    """Human-readable expected place, e.g. 《…》(财预〔2020〕10号) 第四条."""
    s = f"《{q.doc_title}》" if q.doc_title else ""
    if q.doc_number:
        s += f"({q.doc_number})"
    return s + "".join(f" {p}" for p in (q.article, q.section) if p)


def metrics(ranks: list[int | None], k: int) -> tuple[float, float]:
    """(Recall@k, MRR) from 1-based ranks (None = not found)."""
    if not ranks:
        return 0.0, 0.0
    recall = sum(1 for r in ranks if r is not None and r <= k) / len(ranks)
    mrr = sum(1.0 / r for r in ranks if r is not None) / len(ranks)
    return recall, mrr


def run_eval(search, questions: list[Question], *, k: int = 3, depth: int = 10,
             documents: list[dict] | None = None) -> EvalReport:
    """Evaluate `search(question_text, depth) -> list[Hit]` on `questions`.

    documents: stored documents (for listing expected documents not loaded;
    their questions still count as misses).
    """
    results, ranks = [], []
    for q in questions:
        hits = search(q.question, depth)
        rank = next((i for i, h in enumerate(hits, 1) if answers(q, h)), None)
        ranks.append(rank)
        results.append(QuestionResult(id=q.id, question=q.question, expected=expected_label(q), rank=rank,
                                      top=[h.citation for h in hits[:k]]))
    recall, mrr = metrics(ranks, k)
    missing = []
    if documents is not None:
        for q in questions:
            if not any((q.doc_number and _same(q.doc_number, d["doc_number"])) or
                       (not q.doc_number and _same(q.doc_title, d["doc_title"])) for d in documents):
                label = expected_label(Question(id="", question="", doc_title=q.doc_title,
                                                doc_number=q.doc_number))
                if label not in missing:
                    missing.append(label)
    return EvalReport(questions=len(questions), k=k, recall_at_k=round(recall, 4), mrr=round(mrr, 4),
                      missing_documents=missing, results=results)
