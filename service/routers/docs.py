"""Routes of the corpora: cited policy search and Q&A.

`GET /v1/docs/search` — hybrid retrieval over corpus chunks with filters,
highlight offsets and a citation per hit; `POST /v1/qa/ask` — the most
similar stored questions with answers and sources plus related articles
(`confident: false` outside the corpus); `GET /v1/docs` — the stored
documents. Thin layer over `kb.corpus.Corpus`; no logic here.
"""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from kb.corpus import AskResult, Corpus, Hit
from kb.corpus.models import COLLECTIONS
from kb.domain.limits import MAX_QUESTION_CHARS
from service.auth import require_key
from service.deps import corpus_dep

router = APIRouter(tags=["政策与问答"], dependencies=[Depends(require_key)])

CollectionName = Literal["national_policy", "bank_policy", "market_info", "internal_regulation",
                         "expert_opinion", "qa", "public_notice"]
assert set(CollectionName.__args__) == set(COLLECTIONS)  # type: ignore[attr-defined]


_HIT_EXAMPLE = {
    "doc_title": "项目支出绩效评价管理办法", "doc_number": "财预〔2020〕10号", "article": "第四条",
    "collection": "national_policy", "text": "第四条 绩效评价分为单位自评、部门评价和财政评价三种方式。……",
    "citation": "《项目支出绩效评价管理办法》(财预〔2020〕10号) 第四条", "score": 12.2, "highlights": [[4, 8]],
}


class DocsSearchResponse(BaseModel):
    """`{"hits": [...]}` — best first; repealed documents after effective ones."""

    hits: list[Hit]

    model_config = {"json_schema_extra": {"examples": [{"hits": [_HIT_EXAMPLE]}]}}


class AskRequest(BaseModel):
    """A question in plain words."""

    question: str = Field(..., min_length=1, max_length=MAX_QUESTION_CHARS, description="问题",
                          examples=["满意度指标值一般设多少？"])
    top: int = Field(3, ge=1, le=20, description="返回的相似问题条数")
    related: int = Field(3, ge=0, le=20, description="返回的相关政策条文条数")

    model_config = {"json_schema_extra": {"examples": [{"question": "成本指标怎么填？", "top": 3}]}}


class DocumentInfo(BaseModel):
    """A stored document (without its text)."""

    doc_id: str
    collection: str
    kind: str
    doc_title: str
    doc_number: str | None = ""
    issuer: str | None = ""
    year: int | None = None
    date: str | None = ""
    status: str
    source_url: str | None = ""
    origin: str
    n_chunks: int


class DocumentList(BaseModel):
    """`{"documents": [...]}`."""

    documents: list[DocumentInfo]


@router.get("/v1/docs/search", response_model=DocsSearchResponse, summary="检索政策条文（带引用）",
            description="在国家政策库、内部法规通知库、专家意见库、问答区等语料中检索；每条结果给出"
                        "《文件名》(文号) 第X条 形式的引用、命中词位置(highlights，为 text 内的字符区间)；"
                        "已废止文件标注并排在有效文件之后。")
def search_docs(
    q: str = Query(..., min_length=1, max_length=MAX_QUESTION_CHARS, description="检索内容", examples=["绩效评价分为哪几种方式"]),
    collection: list[CollectionName] | None = Query(None, description="语料库（可重复）"),
    issuer: str | None = Query(None, max_length=100, description="发文机关（包含即可）", examples=["财政部"]),
    year: int | None = Query(None, ge=1900, le=2100, description="年份"),
    status: Literal["effective", "repealed"] | None = Query(None, description="effective 仅有效 / repealed 仅已废止"),
    top: int = Query(10, ge=1, le=100, description="条数"),
    mode: Literal["lexical", "dense", "hybrid"] | None = Query(None, description="检索方式（默认按配置）"),
    corpus: Corpus = Depends(corpus_dep),
) -> DocsSearchResponse:
    return DocsSearchResponse(hits=corpus.search(q, collections=collection, issuer=issuer, year=year,
                                                 status=status, top=top, mode=mode))


@router.post("/v1/qa/ask", response_model=AskResult, summary="政策问答（检索式，不生成文字）",
             description="返回问答区中最相近的问题及其答案和出处，以及相关政策条文；"
                         "语料中没有相近问题时 confident 为 false。")
def ask_question(body: AskRequest, corpus: Corpus = Depends(corpus_dep)) -> AskResult:
    return corpus.ask(body.question, k=body.top, related_k=body.related)


@router.get("/v1/docs", response_model=DocumentList, summary="列出已入库的文档")
def list_docs(collection: CollectionName | None = Query(None, description="语料库"),
              corpus: Corpus = Depends(corpus_dep)) -> DocumentList:
    return DocumentList(documents=[DocumentInfo(**d) for d in corpus.list(collection)])
