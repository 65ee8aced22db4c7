"""`Corpus`: the facade the CLI and the HTTP service call for the corpora.

Opens the KB file named by the settings (or a given path) and offers add /
remove / list (documents), search (cited hits), ask (similar Q&A + related
articles), related (links for indicators, suggest candidates and checker
findings), cite_basis (a rule's basis → corpus citation) and eval. The
in-memory index is rebuilt when another process or call changed the corpus
(the stored `version` moved). Thread-safe. Not for parsing or ranking
details (see the sibling modules).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

from kb.corpus.ask import AskResult, ask
from kb.corpus.cite import cite_basis
from kb.corpus.eval import DEFAULT_QUESTIONS, EVAL_COLLECTIONS, EvalReport, load_questions, run_eval
from kb.corpus.models import COLLECTIONS
from kb.corpus.readers import Overrides, read_file, source_digest
from kb.corpus.search import CorpusIndex, Filters, Hit
from kb.corpus.store import (DOCS, CHUNKS, StoreReport, corpus_tokenizer, corpus_version,
                             ensure_tables, ensure_tokens, list_documents, remove_documents, resolve_ids,
                             store_documents)
from kb.corpus.sync import embed_chunks
from kb.errors import DataError, NotFound
from kb.retrieval.embed import get_embedder
from kb.store.db import open_db
from kb.settings import Settings, get_settings
from kb.domain.text import normalize

# a related link must cover at least this share of the text's IDF weight
RELATED_MIN_COVERAGE = 0.2
# `related` answers remembered per index version: its texts repeat across requests (a suggest asks one
# per table row, with the candidate's name; indicator details and checker findings likewise)
RELATED_MEMO_SIZE = 4096


@lru_cache(maxsize=1)
def _tokenizer():
    return corpus_tokenizer()


class Corpus:
    """The corpora stored in one KB file.

    Args:
        kb_path: the KB SQLite file (default: `settings.resolved_kb_path()`); created if missing.
        settings: configuration (default: environment).
        embedder: an `Embedder`, None for lexical only, or "auto" (from `settings.embedder`).
    Raises: ConfigError when the configured embedder cannot be loaded.
    """

    def __init__(self, kb_path: Path | str | None = None, settings: Settings | None = None, *,
                 embedder="auto"):
        self.settings = settings or get_settings()
        self.path = Path(kb_path) if kb_path else self.settings.resolved_kb_path()
        self.db = open_db(self.path)
        ensure_tables(self.db)
        self.tok = _tokenizer()
        if embedder == "auto":
            embedder = get_embedder(self.settings)
        self.embedder = embedder
        self._index: CorpusIndex | None = None
        self._lock = threading.RLock()
        self._related: tuple[CorpusIndex | None, OrderedDict] = (None, OrderedDict())

    # ---------------------------------------------------------------- documents
    def add(self, path: Path | str, collection: str, *, title: str | None = None,
            doc_number: str | None = None, issuer: str | None = None, date: str | None = None,
            year: int | None = None, status: str | None = None, source_url: str | None = None,
            doc_id: str | None = None) -> StoreReport:
        """Add (or replace) the documents of one file in ONE transaction.

        Re-adding the same file replaces it: unchanged documents are left as
        they are, changed ones re-indexed, vanished ones removed.
        Raises: DataError (bad file, nothing stored), Conflict (id held by another file).
        """
        p = Path(path).expanduser()
        if not p.is_file():
            raise DataError("文件不存在", file=str(path))
        ov = Overrides(title=title, doc_number=doc_number, issuer=issuer, date=date, year=year,
                       status=status, source_url=source_url, doc_id=doc_id)
        parsed = read_file(p, collection, overrides=ov)
        with self._lock:
            rep = store_documents(self.db, parsed, source=str(p.resolve()), source_hash=source_digest(p),
                                  origin="user", tok=self.tok)
            if self.embedder is not None:
                embed_chunks(self.db, self.embedder, progress=self.settings.progress)
        return rep

    def remove(self, ref: str) -> list[str]:
        """Remove a document by id (or every document of a source file); returns removed ids.

        Raises: NotFound when nothing matches.
        """
        with self._lock:
            ids = resolve_ids(self.db, ref)
            if not ids:
                raise NotFound(f"没有编号为 {ref} 的文档（用 jixiao corpus list 查看）")
            return remove_documents(self.db, ids)

    def list(self, collection: str | None = None) -> list[dict]:
        """Stored documents (no text): doc_id, collection, kind, title, 文号, issuer, year, status, n_chunks …"""
        if collection and collection not in COLLECTIONS:
            raise DataError(f"未知的语料库 {collection!r}，可选: {', '.join(COLLECTIONS)}", field="collection")
        return list_documents(self.db, collection)

    def document(self, doc_id: str, *, outline: bool = False) -> dict:
        """One stored document with its text; NotFound if absent.

        outline: also `outline`, the document's chunks in order (no text):
        chunk_id, seq, chapter, section, article, clause, item, start, end —
        offsets into the text, for showing one article in place.
        """
        row = self.db.execute(f"SELECT * FROM [{DOCS}] WHERE doc_id=?", [doc_id]).fetchone()
        if row is None:
            raise NotFound(f"没有编号为 {doc_id} 的文档")
        cols = [c[0] for c in self.db.execute(f"SELECT * FROM [{DOCS}] LIMIT 0").description]
        doc = dict(zip(cols, row))
        if outline:
            fields = ("chunk_id", "seq", "chapter", "section", "article", "clause", "item", "start", "end")
            rows = self.db.execute(f"SELECT {', '.join(f'[{c}]' for c in fields)} FROM [{CHUNKS}] "
                                   "WHERE doc_id=? ORDER BY seq", [doc_id]).fetchall()
            doc["outline"] = [dict(zip(fields, r)) for r in rows]
        return doc

    # ---------------------------------------------------------------- querying
    @property
    def index(self) -> CorpusIndex:
        """The in-memory index, reloaded when the stored corpus changed."""
        with self._lock:
            v = corpus_version(self.db)
            if self._index is None or self._index.version != v:
                ensure_tokens(self.db, self.tok)
                self._index = CorpusIndex(self.db, self.tok, embedder=self.embedder)
            return self._index

    def search(self, query: str, *, collections: list[str] | tuple[str, ...] | str | None = None,
               issuer: str | None = None, year: int | None = None, status: str | None = None,
               top: int = 10, mode: str | None = None) -> list[Hit]:
        """Cited hits for `query` (see `kb.corpus.search`); DataError on an invalid filter."""
        if not (query or "").strip():
            raise DataError("查询内容为空", field="q")
        if top < 1 or top > 100:
            raise DataError("top 须在 1–100 之间", field="top")
        if isinstance(collections, str):
            collections = (collections,)
        f = Filters(collections=tuple(collections) if collections else None, issuer=issuer or None,
                    year=year, status=status or None).validate()
        return self.index.search(query, f, k=top, mode=mode)

    def ask(self, question: str, *, k: int = 3, related_k: int = 3) -> AskResult:
        """Similar questions with answers and sources, plus related policy articles (no generation)."""
        if not (question or "").strip():
            raise DataError("问题为空", field="question")
        return ask(self.index, question, k=k, related_k=related_k)

    def related(self, text: str, collections: list[str] | tuple[str, ...] | None = None, k: int = 3, *,
                min_coverage: float = RELATED_MIN_COVERAGE) -> list[Hit]:
        """Corpus chunks related to `text` (an indicator name + explanation, a finding …).

        Used by the indicator detail (related articles / opinions), suggest
        (≤ 2 expert opinions per candidate) and the checker. Only hits that
        cover at least `min_coverage` of the text's IDF weight are returned,
        so an unrelated text gets [] rather than noise. Answers are
        remembered (`RELATED_MEMO_SIZE`) until the stored corpus changes.
        """
        if not (text or "").strip():
            return []
        colls = tuple(collections) if collections else None
        key = (text, colls, k, min_coverage)
        index = self.index
        with self._lock:
            if self._related[0] is not index:
                self._related = (index, OrderedDict())
            memo = self._related[1]
            hits = memo.get(key)
            if hits is not None:
                memo.move_to_end(key)
                return list(hits)
        f = Filters(collections=colls).validate()
        hits = [h for h in index.search(text, f, k=max(k * 3, 10)) if h.coverage >= min_coverage][:k]
        with self._lock:
            if self._related[0] is index:
                memo[key] = hits
                if len(memo) > RELATED_MEMO_SIZE:
                    memo.popitem(last=False)
        return list(hits)

    def indicator_links(self, text: str, *, k_articles: int = 3, k_opinions: int = 2) -> dict:
        """Knowledge linked to an indicator (name + explanation): JSON-ready
        `{"articles": [link…], "opinions": [link…]}` (see `link`), for GET /v1/indicators/{id}
        and suggest candidates. Articles come from the policy collections, opinions from
        `expert_opinion`; both only when relevant (see `related`)."""
        from kb.corpus.ask import POLICY_COLLECTIONS

        return {"articles": [link(h) for h in self.related(text, POLICY_COLLECTIONS, k_articles)],
                "opinions": [link(h) for h in self.related(text, ("expert_opinion",), k_opinions)]}

    def cite_basis(self, doc_title_or_number: str, article: str | None = None) -> str | None:
        """Citation into the corpora for a rule's basis, or None when the document is not stored
        (`kb.corpus.cite.cite_basis`)."""
        return cite_basis(self.db, doc_title_or_number, article)

    # ---------------------------------------------------------------- eval
    def eval(self, questions: Path | str | None = None, *, k: int = 3, mode: str | None = None) -> EvalReport:
        """Recall@k and MRR of `search` over a question file (default tests/data/doc_questions.jsonl)
        in `mode` (lexical | dense | hybrid; None = the default). Raises DataError for another mode."""
        qs = load_questions(Path(questions) if questions else DEFAULT_QUESTIONS)
        idx = self.index
        return run_eval(lambda q, depth: idx.search(q, Filters(collections=EVAL_COLLECTIONS), k=depth, mode=mode),
                        qs, k=k, documents=self.list())


def link(h: Hit) -> dict:
    """Compact JSON of a hit for links: citation, title, 文号, article, collection, text, source_url,
    score, and for opinions the problem type."""
    d = {"citation": h.citation, "doc_title": h.doc_title, "doc_number": h.doc_number, "article": h.article,
         "collection": h.collection, "text": h.text, "source_url": h.source_url, "score": h.score,
         "chunk_id": h.chunk_id}
    if h.meta.get("problem_type"):
        d["problem_type"] = h.meta["problem_type"]
    return d
