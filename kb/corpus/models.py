"""Data shapes of the policy / opinion / Q&A corpora (pydantic).

`Document` is the unit that is added, replaced and removed (one regulation,
one knowledge card, one Q&A list, one opinion list). `Chunk` is the unit that
is indexed and returned by search: one article (or 款 of a long article), one
question with its answer, one opinion item. A chunk carries everything a
citation needs, so a hit never has to look its document up again.

Not for parsing files (see `kb.corpus.readers`) or splitting text (see
`kb.corpus.chunking`).
"""
from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, Field

from kb.domain.enums import labeled_enum


Collection = labeled_enum("Collection", "The seven corpora of 信息搜集 (identifiers per GLOSSARY.md).", {
    "national_policy": "国家政策库", "bank_policy": "银行政策库", "market_info": "市场信息库",
    "internal_regulation": "内部法规通知库", "expert_opinion": "专家意见库", "qa": "问答区", "public_notice": "公示区"})


COLLECTION_LABELS = {c.value: c.label for c in Collection}
COLLECTIONS: tuple[str, ...] = tuple(c.value for c in Collection)


Status = labeled_enum("Status", "Validity of a document: 有效 or 已废止 (repealed documents rank below effective ones).",
                 {"effective": "有效", "repealed": "已废止"})


STATUS_LABELS = {s.value: s.label for s in Status}


class Kind(str, Enum):
    """What a document is, which decides how it is chunked.

    regulation: articles (第X条) grouped in 章/节, or numbered sections;
    card: a knowledge card written in our own words that points to a rule;
    note: free text (notes, notices) split by headings and paragraphs;
    qa: question/answer pairs; opinion: expert-opinion items.
    """

    regulation = "regulation"
    card = "card"
    note = "note"
    qa = "qa"
    opinion = "opinion"


class Source(BaseModel):
    """What a document says about itself; a chunk and a search hit carry it too, so a
    citation never has to look its document up.

    Attributes:
        doc_id: stable identifier (front matter `id`, else derived from the
            collection, file name and, for multi-document files, the title).
        collection: one of `COLLECTIONS`.
        doc_title: 文件名 without 《》.
        doc_number: 文号, e.g. 财预〔2020〕10号 ('' when the document has none).
        issuer: 发文机关 ('' when unknown).
        year / date: year of issue; date as written (YYYY-MM-DD or '').
        status: effective | repealed.
        source_url: where the text was published (an item of a Q&A or opinion
            list may carry its own).
    """

    doc_id: str
    collection: str
    doc_title: str
    doc_number: str = ""
    issuer: str = ""
    year: int | None = None
    date: str = ""
    status: str = Status.effective.value
    source_url: str = ""


class Place(BaseModel):
    """Where a chunk stands in its document.

    Attributes:
        chapter / section: the enclosing 第X章 / 第X节 (or heading) label, '' if none.
        article: 第X条 (or a numbered section like 一、评价定义), None if none.
        clause: 第N款 when a long article is split by paragraph, else None.
        item: label of a Q&A pair or opinion item (its id, or 第N问/第N项).
    """

    chapter: str = ""
    section: str = ""
    article: str | None = None
    clause: str | None = None
    item: str | None = None


class Document(Source):
    """One document of a corpus: its `Source` fields, kind, text and further fields.

    Attributes:
        kind: see `Kind`.
        text: the full text; chunk offsets index into it.
        meta: any further fields of the source (kept, shown, not indexed).
    """

    kind: str = Kind.note.value
    text: str = ""
    meta: dict = Field(default_factory=dict)


class Chunk(Source, Place):
    """One searchable piece of a document: its document's `Source` fields, its `Place`, its text.

    Attributes:
        seq: 0-based position in the document.
        kind: the document's kind.
        start / end: [start, end) character offsets of `text` in the
            document's text.
        text: the chunk's text as stored in the document.
        question / answer: for Q&A chunks.
        meta: per-item fields (about, problem_type, source …).
    """

    seq: int
    kind: str
    start: int
    end: int
    text: str
    question: str | None = None
    answer: str | None = None
    meta: dict = Field(default_factory=dict)

    @property
    def chunk_id(self) -> str:
        """`<doc_id>#<seq>`."""
        return f"{self.doc_id}#{self.seq}"


PARAPHRASE_LABEL = "（要点转述，非原文）"


def citation(doc_title: str, doc_number: str = "", article: str | None = None,
             clause: str | None = None, item: str | None = None, status: str = "effective",
             kind: str = "") -> str:
    """The citation string of a hit: 《文件名》(文号) 第X条 [第N款].

    文号 is omitted when empty, the article when None; a Q&A / opinion item
    is cited by its label; a repealed document gets （已废止）; a knowledge
    card (`kind="card"`, our own summary of a document) gets
    （要点转述，非原文） so it is never taken for the original article's words.
    Example: citation('项目支出绩效评价管理办法', '财预〔2020〕10号', '第四条')
    → '《项目支出绩效评价管理办法》(财预〔2020〕10号) 第四条'.
    """
    s = f"《{doc_title}》"
    if doc_number:
        s += f"({doc_number})"
    tail = [p for p in (article, clause) if p]
    if not tail and item:
        tail = [item]
    if tail:
        s += " " + "".join(tail)
    if status == Status.repealed.value:
        s += "（已废止）"
    if kind == Kind.card.value:
        s += PARAPHRASE_LABEL
    return s
