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

# Loaded on first use (PEP 562): `from kb.corpus.models import COLLECTIONS` must not pull in
# the readers, the search stack and numpy (the `jixiao` start-up).
_EXPORTS = {"AskResult": "kb.corpus.ask", "Corpus": "kb.corpus.corpus", "COLLECTION_LABELS": "kb.corpus.models",
            "COLLECTIONS": "kb.corpus.models", "Chunk": "kb.corpus.models", "Document": "kb.corpus.models",
            "citation": "kb.corpus.models", "Hit": "kb.corpus.search", "sync_default_corpora": "kb.corpus.sync"}

__all__ = ["Corpus", "sync_default_corpora", "Document", "Chunk", "Hit", "AskResult", "COLLECTIONS",
           "COLLECTION_LABELS", "citation"]


def __getattr__(name: str):
    mod = _EXPORTS.get(name)
    if mod is None:
        raise AttributeError(name)
    import importlib

    return getattr(importlib.import_module(mod), name)
