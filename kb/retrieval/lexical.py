"""BM25 lexical index over any list of token lists (indicators, corpus chunks).

Scoring is bm25s's Lucene variant (k1=1.5, b=0.75) whose IDF
log(1 + (N − df + 0.5)/(df + 0.5)) is never negative, so a term shared by
every document still scores > 0 (Robertson's IDF would drop it to ≤ 0).
Reference: Lù, X. H. (2024) "BM25S: Orders of magnitude faster lexical
search via eager sparse scoring", and Lucene's BM25Similarity.

The index is the eager sparse score matrix bm25s builds (CSC: one column per
vocabulary term). A query is a sum of a few columns plus a top-k. Only
documents with a score > 0 are ever returned (`kb.retrieval.topk.top_k`
with `positive=True`): zero-score ties are never padding. Not for
tokenisation (see `kb.retrieval.tokenize`) or filtering by field (see
`kb.indicators.search`).
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np


@dataclass
class LexicalIndex:
    """Precomputed BM25 scores.

    Attributes:
        data, indices, indptr: CSC arrays; column t (= vocab[token]) holds the
            BM25 contribution of term t for each document that contains it.
        vocab: token → column.
        num_docs: number of documents (rows).
    """

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    vocab: dict[str, int]
    num_docs: int

    @classmethod
    def build(cls, docs: list[list[str]], *, k1: float = 1.5, b: float = 0.75,
              show_progress: bool = False) -> "LexicalIndex":
        """Index `docs` (one token list per document, in row order)."""
        import bm25s

        if not docs:
            return cls(np.zeros(0, np.float32), np.zeros(0, np.int32), np.zeros(1, np.int64), {}, 0)
        # bm25s needs at least one token per document; an empty doc gets a sentinel.
        safe = [d if d else ["\x00"] for d in docs]
        r = bm25s.BM25(method="lucene", k1=k1, b=b)
        r.index(safe, show_progress=show_progress)
        s = r.scores
        return cls(np.asarray(s["data"], np.float32), np.asarray(s["indices"], np.int32),
                   np.asarray(s["indptr"], np.int64), dict(r.vocab_dict), int(s["num_docs"]))

    def term_ids(self, tokens: list[str]) -> list[int]:
        """Vocabulary columns of the query tokens that the index knows (duplicates kept)."""
        v = self.vocab
        return [v[t] for t in tokens if t in v and t != "\x00"]

    def scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every document for the query tokens, float32 of shape (num_docs,)."""
        out = np.zeros(self.num_docs, dtype=np.float32)
        for t in self.term_ids(tokens):
            a, z = self.indptr[t], self.indptr[t + 1]
            out[self.indices[a:z]] += self.data[a:z]
        return out

    def matched_terms(self, tokens: list[str], doc: int) -> list[str]:
        """The query tokens that occur in document `doc` (for explanations)."""
        return self.matched_terms_many(tokens, [doc])[int(doc)]

    def matched_terms_many(self, tokens: list[str], docs) -> dict[int, list[str]]:
        """`matched_terms` for many documents at once: {doc: [tokens in query order]}.

        One vectorised `searchsorted` per distinct token over all `docs`
        instead of one per (token, doc) pair.
        """
        d = np.asarray(list(docs), dtype=self.indices.dtype if self.indices.size else np.int64)
        out: dict[int, list[str]] = {int(x): [] for x in d.tolist()}
        if not d.size:
            return out
        for t in dict.fromkeys(tokens):
            c = self.vocab.get(t)
            if c is None:
                continue
            a, z = self.indptr[c], self.indptr[c + 1]
            if z <= a:
                continue
            col = self.indices[a:z]
            pos = np.minimum(np.searchsorted(col, d), z - a - 1)
            for x in d[col[pos] == d].tolist():
                out[x].append(t)
        return out

    def to_bytes(self) -> bytes:
        """Serialise (npz) for storage in the KB file."""
        buf = io.BytesIO()
        vocab_tokens = np.array(sorted(self.vocab, key=self.vocab.get), dtype=object)
        np.savez(buf, data=self.data, indices=self.indices, indptr=self.indptr,
                 vocab=np.array("\n".join(vocab_tokens.tolist())), num_docs=np.array(self.num_docs))
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, raw: bytes) -> "LexicalIndex":
        """Inverse of `to_bytes`."""
        z = np.load(io.BytesIO(raw), allow_pickle=False)
        toks = str(z["vocab"]).split("\n") if z["vocab"].size else []
        return cls(z["data"], z["indices"], z["indptr"], {t: i for i, t in enumerate(toks)},
                   int(z["num_docs"]))
