"""BM25 lexical index over any list of token lists (indicators, corpus chunks).

Scoring is bm25s's Lucene variant (k1=1.5, b=0.75) whose IDF
log(1 + (N − df + 0.5)/(df + 0.5)) is never negative, so a term shared by
every document still scores > 0 (Robertson's IDF would drop it to ≤ 0).
Reference: Lù, X. H. (2024) "BM25S: Orders of magnitude faster lexical
search via eager sparse scoring", and Lucene's BM25Similarity.

The index is the eager sparse score matrix bm25s builds (CSC: one column per
vocabulary term). A query is a sum of a few columns plus a top-k, done one
of two ways with the same float32 sums:

- `scores`: numpy, a dense (num_docs,) vector — for queries whose columns
  hold many postings (a large KB, a common term);
- `sparse_scores`: plain Python over the postings only, {doc: score} —
  for the rest (`is_sparse`). A `jixiao search` on the shipped library is
  answered this way without importing numpy (≈ 0.15 s of a CLI call).

Only documents with a score > 0 are ever returned (`kb.retrieval.topk`):
zero-score ties are never padding. The stored form (`to_bytes`) is raw
little-endian arrays readable without numpy. Not for tokenisation (see
`kb.retrieval.tokenize`) or filtering by field (see `kb.indicators.search`).
"""
from __future__ import annotations

import json
import sys
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field

# A query whose columns hold at most this many postings is scored in plain Python
# (≈ 0.1 µs a posting: 0.5 ms at most, below numpy's fixed cost on a 100k-document KB).
SPARSE_MAX_POSTINGS = 5_000
# `matched_terms_many` looks every posting of the query up at once (a few µs per thousand postings)
# up to this many; beyond, one binary search per token over the documents asked about is cheaper
MATCH_BY_LOOKUP = 100_000
_MAGIC = b"JXLEX1\n"


@dataclass
class LexicalIndex:
    """Precomputed BM25 scores.

    Attributes:
        data, indices, indptr: CSC arrays (float32, int32, int64; numpy arrays
            or memoryviews of the stored bytes); column t (= vocab[token])
            holds the BM25 contribution of term t for each document that
            contains it, documents ascending.
        vocab: token → column.
        num_docs: number of documents (rows).
    """

    data: object
    indices: object
    indptr: object
    vocab: dict[str, int]
    num_docs: int
    _np: dict = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, docs: list[list[str]], *, k1: float = 1.5, b: float = 0.75,
              show_progress: bool = False) -> "LexicalIndex":
        """Index `docs` (one token list per document, in row order)."""
        import bm25s
        import numpy as np

        if not docs:
            return cls(np.zeros(0, np.float32), np.zeros(0, np.int32), np.zeros(1, np.int64), {}, 0)
        # bm25s needs at least one token per document; an empty doc gets a sentinel.
        safe = [d if d else ["\x00"] for d in docs]
        r = bm25s.BM25(method="lucene", k1=k1, b=b)
        r.index(safe, show_progress=show_progress)
        s = r.scores
        return cls(np.asarray(s["data"], np.float32), np.asarray(s["indices"], np.int32),
                   np.asarray(s["indptr"], np.int64), dict(r.vocab_dict), int(s["num_docs"]))

    # ------------------------------------------------------------ views
    def _arrays(self):
        """(data, indices, indptr) as numpy arrays (zero-copy views of the stored bytes)."""
        if not self._np:
            import numpy as np

            self._np.update(data=np.asarray(self.data, np.float32), indices=np.asarray(self.indices, np.int32),
                            indptr=np.asarray(self.indptr, np.int64))
        return self._np["data"], self._np["indices"], self._np["indptr"]

    def _views(self):
        """(data, indices, indptr) as memoryviews (plain-Python indexing, no numpy scalars)."""
        return tuple(x if isinstance(x, memoryview) else memoryview(x) for x in (self.data, self.indices, self.indptr))

    def term_ids(self, tokens: list[str]) -> list[int]:
        """Vocabulary columns of the query tokens that the index knows (duplicates kept)."""
        v = self.vocab
        return [v[t] for t in tokens if t in v and t != "\x00"]

    def postings(self, tokens: list[str]) -> int:
        """How many postings the query's columns hold (duplicates counted): the work of scoring it."""
        p = self.indptr
        return sum(int(p[t + 1]) - int(p[t]) for t in self.term_ids(tokens))

    def is_sparse(self, tokens: list[str]) -> bool:
        """True when `sparse_scores` is the cheaper way to score this query."""
        return self.postings(tokens) <= SPARSE_MAX_POSTINGS

    # ------------------------------------------------------------ scoring
    def scores(self, tokens: list[str]) -> "np.ndarray":  # noqa: F821
        """BM25 score of every document for the query tokens, float32 of shape (num_docs,)."""
        import numpy as np

        data, indices, indptr = self._arrays()
        out = np.zeros(self.num_docs, dtype=np.float32)
        spans = [(int(indptr[t]), int(indptr[t + 1])) for t in self.term_ids(tokens)]
        if spans:
            # every column's postings in query order, added one at a time in that order (`np.add.at`
            # is unbuffered): the same float32 sums as adding column after column
            np.add.at(out, np.concatenate([indices[a:z] for a, z in spans]),
                      np.concatenate([data[a:z] for a, z in spans]))
        return out

    def sparse_scores(self, tokens: list[str]) -> dict[int, float]:
        """{doc: BM25 score > 0} of the matching documents, in plain Python.

        The same float32 sums as `scores` (columns added in the same order,
        each sum rounded to float32), so both give identical rankings.
        """
        acc = array("f", bytes(4 * self.num_docs)) if self.num_docs else array("f")
        touched: list[int] = []
        data, indices, indptr = self._views()
        for t in self.term_ids(tokens):
            for i in range(indptr[t], indptr[t + 1]):
                d = indices[i]
                if not acc[d]:  # contributions are > 0: zero means not met yet
                    touched.append(d)
                acc[d] += data[i]
        return {d: acc[d] for d in touched if acc[d] > 0}

    def matched_terms(self, tokens: list[str], doc: int) -> list[str]:
        """The query tokens that occur in document `doc` (query order, once each; for explanations).

        Binary search in each token's column (plain Python); for many
        documents at once see `matched_terms_many`.
        """
        doc = int(doc)
        _, indices, indptr = self._views()
        out = []
        for t in dict.fromkeys(tokens):
            c = self.vocab.get(t)
            if c is None:
                continue
            a, z = indptr[c], indptr[c + 1]
            p = bisect_left(indices, doc, a, z)
            if p < z and indices[p] == doc:
                out.append(t)
        return out

    def matched_terms_many(self, tokens: list[str], docs) -> dict[int, list[str]]:
        """`matched_terms` for many documents at once: {doc: [tokens in query order]}.

        One vectorised `searchsorted` per distinct token over all `docs`
        instead of one binary search per (token, doc) pair.
        """
        import numpy as np

        _, indices, indptr = self._arrays()
        d = np.asarray(list(docs), dtype=indices.dtype if indices.size else np.int64)
        out: dict[int, list[str]] = {int(x): [] for x in d.tolist()}
        if not d.size:
            return out
        if len(out) == d.size and 0 <= int(d.min()) and int(d.max()) < self.num_docs:
            cols = [(t, int(indptr[c]), int(indptr[c + 1])) for t in dict.fromkeys(tokens)
                    if (c := self.vocab.get(t)) is not None]
            if sum(z - a for _, a, z in cols) <= MATCH_BY_LOOKUP:
                return self._matched_by_lookup(indices, d, cols, out)
        for t in dict.fromkeys(tokens):
            c = self.vocab.get(t)
            if c is None:
                continue
            a, z = indptr[c], indptr[c + 1]
            if z <= a:
                continue
            col = indices[a:z]
            pos = np.minimum(np.searchsorted(col, d), z - a - 1)
            for x in d[col[pos] == d].tolist():
                out[x].append(t)
        return out

    def _matched_by_lookup(self, indices, d, cols: list[tuple[str, int, int]], out: dict[int, list[str]]):
        """`matched_terms_many` for distinct `d` when the query's postings are few: one membership
        lookup over all of them (the postings in query order, so each document's tokens are too)."""
        import numpy as np

        cols = [x for x in cols if x[2] > x[1]]
        if not cols:
            return out
        member = np.zeros(self.num_docs, dtype=bool)
        member[d] = True
        postings = np.concatenate([indices[a:z] for _, a, z in cols])
        hit = np.flatnonzero(member[postings])
        owner = np.repeat(np.arange(len(cols)), [z - a for _, a, z in cols])[hit]
        for x, k in zip(postings[hit].tolist(), owner.tolist()):
            out[x].append(cols[k][0])
        return out

    def idf(self, tokens: list[str]) -> dict[str, float]:
        """BM25 (Lucene) IDF of each distinct token, log(1 + (N − df + 0.5)/(df + 0.5)); a token
        outside the vocabulary weighs as df = 0 (the rarest)."""
        import math

        _, _, indptr = self._views()
        n = max(self.num_docs, 1)
        out = {}
        for t in dict.fromkeys(tokens):
            c = self.vocab.get(t)
            df = float(indptr[c + 1] - indptr[c]) if c is not None else 0.0
            out[t] = math.log(1 + (n - df + 0.5) / (df + 0.5))
        return out

    def coverage(self, tokens: list[str], doc: int, idf: dict[str, float] | None = None) -> float:
        """The IDF-weighted share of the query's distinct tokens found in document `doc`, in [0, 1]:
        Σ idf(matched) / Σ idf(all) (0 for no tokens). How well the query's words alone answer it."""
        idf = idf or self.idf(tokens)
        total = sum(idf.values())
        if total <= 0:
            return 0.0
        return float(sum(idf[t] for t in self.matched_terms(tokens, doc)) / total)

    def holds_all(self, words: list[str], doc: int) -> bool:
        """Every one of `words` occurs in document `doc` (False for no words). `settled` uses it."""
        return bool(words) and len(self.matched_terms(words, doc)) == len(dict.fromkeys(words))

    def document_frequencies(self) -> list[int]:
        """Documents per vocabulary column (df), in column order."""
        p = self.indptr
        return [int(p[i + 1]) - int(p[i]) for i in range(len(p) - 1)]

    # ------------------------------------------------------------ storage
    def to_bytes(self) -> bytes:
        """Serialise for storage in the KB file: a JSON header, then the raw little-endian arrays and vocabulary."""
        data = _raw(self.data, "f")
        indices = _raw(self.indices, "i")
        indptr = _raw(self.indptr, "q")
        vocab = "\n".join(sorted(self.vocab, key=self.vocab.get)).encode("utf-8")
        head = json.dumps({"num_docs": self.num_docs, "sizes": [len(data), len(indices), len(indptr), len(vocab)],
                           "terms": len(self.vocab)}).encode()
        return _MAGIC + head + b"\n" + data + indices + indptr + vocab

    @classmethod
    def from_bytes(cls, raw: bytes) -> "LexicalIndex":
        """Inverse of `to_bytes` (no numpy needed; the arrays are views of `raw`).

        Also reads the npz form stored before (`corpus_index` caches).
        """
        if not raw.startswith(_MAGIC):
            return cls._from_npz(raw)
        nl = raw.index(b"\n", len(_MAGIC))
        head = json.loads(raw[len(_MAGIC):nl])
        mv = memoryview(raw)
        pos = nl + 1
        parts = []
        for size in head["sizes"]:
            parts.append(mv[pos:pos + size])
            pos += size
        data, indices, indptr = (_view(p, code) for p, code in zip(parts[:3], "fiq"))
        toks = bytes(parts[3]).decode("utf-8").split("\n") if head["terms"] else []
        return cls(data, indices, indptr, {t: i for i, t in enumerate(toks)}, int(head["num_docs"]))

    @classmethod
    def _from_npz(cls, raw: bytes) -> "LexicalIndex":
        import io

        import numpy as np

        z = np.load(io.BytesIO(raw), allow_pickle=False)
        toks = str(z["vocab"]).split("\n") if z["vocab"].size else []
        return cls(z["data"], z["indices"], z["indptr"], {t: i for i, t in enumerate(toks)},
                   int(z["num_docs"]))


_LE = {"f": "<f4", "i": "<i4", "q": "<i8"}


def _raw(a, code: str) -> bytes:
    """Little-endian bytes of a numpy array, memoryview or sequence of type `code`."""
    if hasattr(a, "astype"):  # numpy
        return a.astype(_LE[code], copy=False).tobytes()
    out = array(code, bytes(a)) if isinstance(a, memoryview) else array(code, a)
    if sys.byteorder != "little":
        out.byteswap()
    return out.tobytes()


def _view(mv: memoryview, code: str):
    """A native-order typed view of little-endian bytes (a copy only on big-endian machines)."""
    if sys.byteorder == "little":
        return mv.cast(code)
    a = array(code, bytes(mv))
    a.byteswap()
    return memoryview(a)
