"""Route `GET /v1/documents/{doc_id}`: one stored policy document, opinion or Q&A list to read.

The staff page links every citation (《文件名》(文号) 第X条) here and shows the
cited article in place: the document's text plus its outline (articles with
offsets into the text). Any key may read the corpora (they are not unit
data). Thin layer over `kb.corpus.Corpus`.
"""
from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from kb.corpus import Corpus
from service.auth import require_key
from service.deps import corpus_dep
from service.routers.docs import DocumentInfo

router = APIRouter(tags=["政策与问答"], dependencies=[Depends(require_key)])


class OutlineItem(BaseModel):
    """One chunk of the document: its article (or Q&A item) label and [start, end) offsets into `text`."""

    chunk_id: str
    seq: int
    chapter: str | None = ""
    section: str | None = ""
    article: str | None = None
    clause: str | None = None
    item: str | None = None
    start: int
    end: int


class DocumentText(DocumentInfo):
    """A stored document with its full text and outline."""

    text: str
    outline: list[OutlineItem]


@router.get("/v1/documents/{doc_id:path}", response_model=DocumentText, summary="读取一篇文档（全文与条目）",
            responses={404: {"description": "文档不存在"}})
def read_document(doc_id: str, corpus: Corpus = Depends(corpus_dep)) -> DocumentText:
    d = corpus.document(doc_id, outline=True)
    return DocumentText(**{k: d.get(k) for k in DocumentText.model_fields})
