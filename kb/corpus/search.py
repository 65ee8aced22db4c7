"""Cited search over corpus chunks: filters, ranking, highlights, confidence.

Retrieval reuses the project's one search stack: `kb.retrieval.tokenize.Tokenizer`
tokens, `kb.retrieval.lexical.LexicalIndex` (BM25, matched-only) and
`kb.retrieval.topk.top_k`; when an embedder is configured, the chunks'
`kb.retrieval.Retriever` (vectors cached in the KB, kind 'chunk') fuses the
lexical list with the dense one (RRF k=60, background-calibrated
confidence) and shows what `kb.retrieval.retriever.shown` allows: the hits
above the fusion cut when the query is confident, otherwise only lexically
matched chunks (never dense padding).

Ranking rule: a repealed document's chunks score `REPEALED_WEIGHT` (½) of
their relevance, so a repealed article ranks below every effective chunk that
is at least half as relevant — an old version never outranks the text that
replaced it — yet a repealed rule that is by far the best match is still
shown, marked 已废止 (`status` filters select one kind only).

Confidence (`coverage`): the IDF-weighted share of the query's terms that
occur in a chunk — Σ idf(matched) / Σ idf(all query terms), with a term
unknown to the corpus weighted like a term of document frequency 0. A query
about something the corpus does not cover matches few of its rarer terms.
Not for storing (see `kb.corpus.store`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import sqlite_utils
from pydantic import BaseModel, Field

from kb.corpus.models import COLLECTIONS, STATUS_LABELS, Place, Source, citation
from kb.corpus.store import CHUNKS, INDEX, corpus_version, chunk_embed_text, ensure_tables
from kb.domain.ids import text_hash
from kb.domain.text import normalize
from kb.domain.words import query_terms
from kb.errors import DataError
from kb.retrieval.highlight import highlight_spans
from kb.retrieval.lexical import LexicalIndex
from kb.retrieval.settled import settled
from kb.retrieval.retriever import Retriever, shown
from kb.retrieval.tokenize import Tokenizer
from kb.retrieval.topk import top_k

KIND = "chunk"  # namespace of the chunk vectors in `kb.retrieval.vectors`
REPEALED_WEIGHT = 0.5  # share of its relevance a repealed chunk keeps when ranked
CANDIDATES = 100  # lexical / dense candidates inspected before filtering to the page


class Hit(Source, Place):
    """One search result (shape of `jixiao docs --json` hits and GET /v1/docs/search): its
    document, its place (章/节/条/款/项), its text and citation, and how it matched.

    highlights: [start, end) character offsets into `text` of the matched query terms.
    score: ranking score — BM25 (lexical) or the fusion display score in [0, 1]
        (hybrid / dense), halved for a repealed document; comparable within one
        result list only.
    coverage: IDF-weighted share of query terms found in the chunk, in [0, 1].
    """

    chunk_id: str
    status_label: str = "有效"
    kind: str
    text: str
    start: int
    end: int
    citation: str
    score: float
    coverage: float = 0.0
    highlights: list[tuple[int, int]] = Field(default_factory=list)
    question: str | None = None
    answer: str | None = None
    meta: dict = Field(default_factory=dict)


@dataclass
class Ranked:
    """Ranking of one query: chunk indices and scores (best first), the query tokens,
    and the fusion verdict (`confident` None in lexical mode; `reasons` in Chinese)."""

    indices: list[int]
    scores: list[float]
    tokens: list[str]
    confident: bool | None = None
    reasons: tuple[str, ...] = ()
    dense_z: float | None = None


@dataclass
class Filters:
    """Search filters; None / empty = no filter.

    collections: any of these collections; issuer: substring of 发文机关
    (normalised); year: exact year; status: effective | repealed; kinds:
    any of these document kinds.
    """

    collections: tuple[str, ...] | None = None
    issuer: str | None = None
    year: int | None = None
    status: str | None = None
    kinds: tuple[str, ...] | None = None

    def validate(self) -> "Filters":
        """Raise DataError naming the field of an invalid filter value."""
        for c in self.collections or ():
            if c not in COLLECTIONS:
                raise DataError(f"未知的语料库 {c!r}，可选: {', '.join(COLLECTIONS)}", field="collection")
        if self.status not in (None, "", "effective", "repealed"):
            raise DataError(f"状态须为 effective 或 repealed，而不是 {self.status!r}", field="status")
        if self.year is not None and not 1900 <= int(self.year) <= 2100:
            raise DataError(f"年份 {self.year} 超出 1900–2100", field="year")
        return self


class CorpusIndex:
    """In-memory view of the stored chunks for querying (one corpus `version`).

    Holds the BM25 matrix (cached in `corpus_index` per version, rebuilt from
    the stored tokens when stale), per-chunk filter columns as numpy arrays and,
    optionally, the dense matrix. Chunk rows themselves are read from SQLite
    for the returned page only.
    """

    def __init__(self, db: sqlite_utils.Database, tok: Tokenizer, *, embedder=None):
        ensure_tables(db)
        self.db, self.tok, self.embedder = db, tok, embedder
        self.version = corpus_version(db)
        cur = db.execute(f"SELECT rowid, chunk_id, collection, status, year, issuer, kind "
                         f"FROM [{CHUNKS}] ORDER BY rowid")
        rows = cur.fetchall()
        self.rowids = np.array([r[0] for r in rows], dtype=np.int64)
        self.chunk_ids = [r[1] for r in rows]
        # categorical columns as integer codes: a filter is one np.isin over ints
        self.collection_codes, self.collection_values = _codes([r[2] for r in rows])
        self.repealed = np.array([r[3] == "repealed" for r in rows], dtype=bool)
        self.year = np.array([r[4] if r[4] is not None else -1 for r in rows], dtype=np.int64)
        self.issuer_codes, issuers = _codes([r[5] or "" for r in rows])
        self.issuer_values = [normalize(x) for x in issuers]
        self.kind_codes, self.kind_values = _codes([r[6] for r in rows])
        self.lexical = self._lexical()
        self.dense: Retriever | None = None
        if embedder is not None:
            self._dense()

    @property
    def size(self) -> int:
        """Number of chunks."""
        return len(self.chunk_ids)

    def _lexical(self) -> LexicalIndex:
        row = self.db.execute(f"SELECT version, data FROM [{INDEX}] WHERE name='lexical'").fetchone()
        if row and row[0] == self.version and row[1]:
            lex = LexicalIndex.from_bytes(row[1])
            if lex.num_docs == self.size:
                return lex
        docs = [(t or "").split("\n") if t else [] for (t,) in
                self.db.execute(f"SELECT tokens FROM [{CHUNKS}] ORDER BY rowid").fetchall()]
        lex = LexicalIndex.build(docs)
        try:
            with self.db.atomic():
                if corpus_version(self.db) == self.version:
                    self.db[INDEX].upsert({"name": "lexical", "version": self.version,
                                           "data": lex.to_bytes()}, pk="name")
        except Exception:  # read-only file or a concurrent writer: the cache is optional
            pass
        return lex

    def _dense(self) -> None:
        """The chunks' `kb.retrieval.Retriever` (None → lexical only, with a hint on stderr).

        Chunks added since the vectors were stored are embedded now.
        """
        if not self.size:
            return
        self.dense = Retriever.load(self.db, KIND, self.chunk_ids, lambda: chunk_items(self.db), self.embedder,
                                    prune=True, what="语料")

    # ------------------------------------------------------------ querying
    def query_tokens(self, query: str) -> list[str]:
        """Query tokens without stopwords (all tokens if only stopwords remain, `query_terms`)."""
        return query_terms(self.tok.tokens(query))

    def mask(self, f: Filters) -> np.ndarray | None:
        """Boolean mask of chunks passing the filters (None = all)."""
        m = None

        def sub(x):
            nonlocal m
            m = x if m is None else (m & x)

        if f.collections:
            sub(np.isin(self.collection_codes, [i for i, v in enumerate(self.collection_values)
                                                if v in f.collections]))
        if f.kinds:
            sub(np.isin(self.kind_codes, [i for i, v in enumerate(self.kind_values) if v in f.kinds]))
        if f.status:
            sub(self.repealed if f.status == "repealed" else ~self.repealed)
        if f.year is not None:
            sub(self.year == int(f.year))
        if f.issuer:
            needle = normalize(f.issuer)
            sub(np.isin(self.issuer_codes, [i for i, v in enumerate(self.issuer_values) if needle in v]))
        return m

    def idf(self, tokens: list[str]) -> dict[str, float]:
        """BM25 (Lucene) IDF of each distinct token (`LexicalIndex.idf`)."""
        return self.lexical.idf(tokens)

    def coverage(self, tokens: list[str], i: int, idf: dict[str, float] | None = None) -> float:
        """IDF-weighted share of the query's distinct tokens found in chunk i, in [0, 1] (`LexicalIndex.coverage`)."""
        return self.lexical.coverage(tokens, i, idf)

    def rank(self, query: str, f: Filters, k: int, *, mode: str | None = None) -> Ranked:
        """The best k chunks for `query` among those passing `f` (repealed weighted ½).

        mode: lexical | dense | hybrid; None = hybrid when vectors are loaded, else lexical
            (DataError for dense or hybrid without vectors).
            Hybrid fuses the dense list only when the question's words do not settle it
            (`kb.retrieval.settled`: the best lexical chunk lacks one of its content words);
            otherwise the lexical ranking stands (BM25 scores, no fusion verdict, as lexical mode).
        """
        f.validate()
        if mode not in (None, "lexical", "dense", "hybrid"):
            raise DataError(f"检索方式须为 lexical / dense / hybrid，而不是 {mode!r}", field="mode")
        if mode in ("dense", "hybrid") and self.dense is None:
            raise DataError("语料没有向量（未配置嵌入模型 JIXIAO_EMBEDDER，或尚未运行 jixiao build），"
                            "只能使用 lexical 模式", field="mode")
        toks = self.query_tokens(query)
        if not self.size or k <= 0:
            return Ranked([], [], toks)
        mode = mode or ("hybrid" if self.dense is not None else "lexical")
        dense = self.dense is not None and mode != "lexical"
        ahead = self.dense.embed_ahead(query) if dense and mode == "dense" else None
        mask = self.mask(f)
        ncand = max(CANDIDATES, 3 * k)
        lidx, lsc = top_k(self.lexical.scores(toks), ncand, mask) if toks else (np.zeros(0, np.int64), [])
        lex = [(int(i), float(x)) for i, x in zip(lidx, lsc)]
        if dense and mode == "hybrid" and lex and settled(self.lexical, self.tok, query, lex[0][0]):
            dense = False  # the question's words settle it
        if not dense:
            idx, sc, confident, reasons, z = [i for i, _ in lex], [x for _, x in lex], None, (), None
        else:
            qvec = ahead.result() if ahead is not None else self.dense.embed_ahead(query).result()
            res = self.dense.fuse(lex, query, mask, mode=mode, qvec=qvec)
            conf = res.confidence
            hits = shown(res)
            idx, sc = [h.doc for h in hits], [float(h.display_score) for h in hits]
            confident, reasons, z = conf.confident, tuple(conf.reasons), conf.dense_z
        sc = [x * REPEALED_WEIGHT if self.repealed[i] else x for i, x in zip(idx, sc)]
        order = sorted(range(len(idx)), key=lambda j: (-sc[j], bool(self.repealed[idx[j]]), idx[j]))[:k]
        return Ranked([int(idx[j]) for j in order], [sc[j] for j in order], toks, confident, reasons, z)

    def fetch(self, indices: list[int]) -> list[dict]:
        """Stored chunk rows for chunk indices (in that order)."""
        if not indices:
            return []
        ids = [int(self.rowids[i]) for i in indices]
        cur = self.db.execute(f"SELECT rowid AS _rowid, * FROM [{CHUNKS}] WHERE rowid IN "
                              f"({','.join('?' * len(ids))})", ids)
        cols = [d[0] for d in cur.description]
        by = {r[0]: dict(zip(cols, r)) for r in cur.fetchall()}
        return [by[r] for r in ids]

    def search(self, query: str, f: Filters | None = None, k: int = 10, *,
               mode: str | None = None) -> list[Hit]:
        """The best k chunks for `query` as cited hits (see module docstring for the ranking)."""
        return self.query(query, f, k, mode=mode)[0]

    def query(self, query: str, f: Filters | None = None, k: int = 10, *,
              mode: str | None = None) -> tuple[list[Hit], Ranked]:
        """(hits, ranking with the fusion verdict) for `query`."""
        r = self.rank(query, f or Filters(), k, mode=mode)
        toks = r.tokens
        rows = self.fetch(r.indices)
        idf = self.idf(toks) if toks else {}
        total = sum(idf.values())
        hits = []
        for row, sc, i in zip(rows, r.scores, r.indices):
            matched = self.lexical.matched_terms(toks, i) if toks else []
            cov = float(sum(idf[t] for t in matched) / total) if total > 0 else 0.0
            hits.append(chunk_hit(row, sc, cov, _highlight_terms(matched, toks)))
        return hits, r

    def highlight_terms(self, tokens: list[str], i: int) -> list[str]:
        """Matched query terms worth highlighting in chunk i (longest first; no lone characters)."""
        return _highlight_terms(self.lexical.matched_terms(tokens, i), tokens)


def _highlight_terms(matched: list[str], tokens: list[str]) -> list[str]:
    m = [t for t in matched if len(t) > 1 or len(tokens) == 1]
    return sorted(set(m), key=len, reverse=True)


def _codes(values: list) -> tuple[np.ndarray, list]:
    """(int32 code per value, distinct values) — codes index the distinct values."""
    uniq: dict = {}
    codes = np.fromiter((uniq.setdefault(v, len(uniq)) for v in values), dtype=np.int32, count=len(values))
    return codes, list(uniq)


def chunk_items(db: sqlite_utils.Database) -> list[tuple[str, str, str]]:
    """(chunk_id, embed text, hash of that text) of every stored chunk, in index order (for `kb.retrieval.vectors`).

    The hash is taken of the text embedded now, so a change of `chunk_embed_text` re-embeds.
    """
    cur = db.execute(f"SELECT chunk_id, kind, doc_title, section, article, text, question, answer "
                     f"FROM [{CHUNKS}] ORDER BY rowid")
    cols = [d[0] for d in cur.description]
    out = []
    for r in cur.fetchall():
        d = dict(zip(cols, r))
        t = chunk_embed_text(d)
        out.append((d["chunk_id"], t, text_hash(t)))
    return out


def chunk_hit(r: dict, score: float, coverage: float, terms: list[str]) -> Hit:
    """A stored chunk row → Hit with citation and highlights."""
    meta = json.loads(r.get("meta") or "{}")
    return Hit(
        chunk_id=r["chunk_id"], doc_id=r["doc_id"], doc_title=r["doc_title"],
        doc_number=r["doc_number"] or "", issuer=r["issuer"] or "", year=r["year"], date=r["date"] or "",
        status=r["status"], status_label=STATUS_LABELS.get(r["status"], r["status"]),
        collection=r["collection"], kind=r["kind"], chapter=r["chapter"] or "", section=r["section"] or "",
        article=r["article"], clause=r["clause"], item=r["item"], text=r["text"], start=r["start"],
        end=r["end"],
        citation=citation(r["doc_title"], r["doc_number"] or "", r["article"], r["clause"], r["item"],
                          r["status"], kind=r["kind"]),
        score=round(float(score), 6), coverage=round(float(coverage), 4),
        highlights=highlight_spans(r["text"], terms), source_url=r["source_url"] or "",
        question=r["question"], answer=r["answer"], meta=meta,
    )

