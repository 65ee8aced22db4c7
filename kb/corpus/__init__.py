"""Policy, expert-opinion and Q&A corpora: ingestion, chunking, cited search, ask.

Public API:
- `Corpus` (kb.corpus.corpus): add / remove / list / search / ask / related /
  cite_basis / eval over the corpora stored in a KB file;
- `sync_default_corpora(db, corpora_dir, *, embedder=None, progress=False)`:
  load the shipped `corpora/` incrementally (called by `jixiao build`);
- models: `Document`, `Chunk`, `Hit`, `AskResult`, `COLLECTIONS`, `citation`.

Module map: models (shapes), readers (files → documents), chunking (章节条款 /
question / item), store (SQLite tables, transactions), search (ranking,
highlights), ask, eval, sync, corpus (facade). Not for indicator search
(see `kb.indicators.search`).
"""
from __future__ import annotations

from kb.corpus.ask import AskResult
from kb.corpus.corpus import Corpus
from kb.corpus.models import COLLECTION_LABELS, COLLECTIONS, Chunk, Document, citation
from kb.corpus.search import Hit
from kb.corpus.sync import sync_default_corpora

__all__ = ["Corpus", "sync_default_corpora", "Document", "Chunk", "Hit", "AskResult", "COLLECTIONS",
           "COLLECTION_LABELS", "citation"]
