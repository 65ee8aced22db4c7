"""Chinese tokenisation, identical on the index side and the query side.

Pipeline: `kb.domain.text.normalize` (NFKC, Traditional→Simplified, whitespace) →
lower-case → protected terms (dictionary words holding `·`, spaces, `%`, `-`
… that jieba's splitter would break, emitted whole) → jieba search mode
(`cut_for_search`, so a word inside a compound is found: 处理 in
待处理事项办结率) → plus the character bigrams of every CJK run, which make
near-identical names separable (某市三级医院床位数 vs 全市二三级医院床位数).

The user dictionary comes from the libraries themselves (indicator names,
units, synonyms) plus the domain terms below. Not for normalising names for
comparison (that is `kb.domain.text.normalize_name`).
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

import jieba

from kb.domain.text import normalize
from kb.domain.words import DOMAIN_TERMS
from kb.retrieval.dictionary import UserWords

jieba.setLogLevel(logging.WARNING)

_PROTECT_CHARS = re.compile(r"[^\u4e00-\u9fd5a-z0-9+#&._%\-]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_LATIN_RUN = re.compile(r"[a-z0-9]+(?:[.\-+][a-z0-9]+)*")
_HAS_LETTER = re.compile(r"[a-z]")
_KEEP = re.compile(r"[\u4e00-\u9fffa-z0-9]")


# jieba frequency of every user-dictionary word (high enough to keep names whole)
USER_FREQ = 3000


class Tokenizer:
    """jieba-based tokenizer with a per-instance user dictionary.

    Args:
        words: user-dictionary words (indicator names, units, synonyms …);
            the domain terms are always added.
        bigrams: also emit CJK character bigrams (default True).
        dictionary: jieba's words (`kb.retrieval.dictionary.BaseDictionary`;
            default: this machine's cached copy).

    `tokens(text)` → list[str] (lower-case, normalised; duplicates kept, as
    term frequency). Thread-safe. jieba's dictionary is never loaded whole:
    each text looks up only its own fragments (`kb.retrieval.dictionary`).
    `save(conn, name)` stores the user dictionary in the KB file and
    `Tokenizer.stored(path, name)` reopens it without reading it whole, so
    opening a KB costs no segmentation set-up.
    """

    def __init__(self, words: Iterable[str] = (), *, bigrams: bool = True, dictionary=None):
        self._bigrams = bigrams
        self.words: list[str] = []
        special: set[str] = set()
        seen: set[str] = set()
        plain: list[str] = []
        for w in (*DOMAIN_TERMS, *words):
            w = normalize(w).lower()
            if not w or w in seen or len(w) > 40:
                continue
            seen.add(w)
            self.words.append(w)
            if _PROTECT_CHARS.search(w):
                if len(w) > 1:
                    special.add(w)
            else:
                plain.append(w)
        self._setup(UserWords.from_words(plain, USER_FREQ), special, dictionary)

    def _setup(self, user: "UserWords", special: Iterable[str], dictionary) -> None:
        from kb.retrieval.dictionary import Frequencies, base_dictionary

        self._freqs = Frequencies(dictionary or base_dictionary(), user)
        self.special = sorted(special, key=len, reverse=True)
        self._special_at: dict[str, list[str]] = {}  # first character → protected terms, longest first
        for w in self.special:
            self._special_at.setdefault(w[0], []).append(w)

    @classmethod
    def stored(cls, path, name: str, *, bigrams: bool = True, dictionary=None) -> "Tokenizer | None":
        """The tokenizer saved in the KB file `path` under `name`, or None when none is stored.

        Its user words are looked up in the file on demand (`words` is then
        empty: the list lives in the file).
        """
        got = UserWords.stored(path, name)
        if got is None:
            return None
        tok = cls.__new__(cls)
        tok._bigrams, tok.words = bigrams, []
        tok._setup(got[0], got[1], dictionary)
        return tok

    def save(self, conn, name: str) -> None:
        """Store the user dictionary in the KB file under `name` (inside the caller's transaction)."""
        self._freqs.user.save(conn, name, special=self.special)

    def _cut(self, text: str) -> list[str]:
        memo = _CUTS.get()
        if memo is None:
            jt = _segmenter(self._freqs.covering(text), self._freqs.total)
            return [t for t in jt.cut_for_search(text, HMM=False) if _KEEP.search(t)]
        # jieba cuts each stretch its splitter makes (`jieba.re_han_default`) on its own, so the
        # words of a text are the words of its stretches, each cut once within `remembered_cuts`
        mine = memo.setdefault(id(self), {})
        blocks = [b for b in jieba.re_han_default.split(text) if b]
        missing = [b for b in dict.fromkeys(blocks) if b not in mine]
        if missing:
            jt = _segmenter(self._freqs.covering(" ".join(missing)), self._freqs.total)
            for b in missing:
                mine[b] = [t for t in jt.cut_for_search(b, HMM=False) if _KEEP.search(t)]
        return [t for b in blocks for t in mine[b]]
    def _special_spans(self, t: str) -> list[tuple[int, int]]:
        """[start, end) of the protected terms in `t`: leftmost, longest first, not overlapping.

        (What a regex alternation of the terms, longest first, finds —
        without compiling one of a few hundred terms in every process.)
        """
        at, out, i, n = self._special_at, [], 0, len(t)
        while i < n:
            for w in at.get(t[i], ()):
                if t.startswith(w, i):
                    out.append((i, i + len(w)))
                    i += len(w)
                    break
            else:
                i += 1
        return out

    def cut_words(self, text: str | None) -> list[str]:
        """jieba search-mode words of `text` only (no bigrams), normalised and lower-cased."""
        t = normalize(text).lower()
        return self._cut(t) if t else []

    def tokens(self, text: str | None) -> list[str]:
        """Normalised search tokens of `text` (words, sub-words, CJK bigrams)."""
        t = normalize(text).lower()
        if not t:
            return []
        out: list[str] = []
        parts: list[str] = []
        if self._special_at:
            pos = 0
            for a, z in self._special_spans(t):
                parts.append(t[pos:a])
                out.append(t[a:z])  # the whole protected term, plus its inner words below
                parts.append(t[a:z])
                pos = z
            parts.append(t[pos:])
        else:
            parts.append(t)
        for p in parts:
            if not p.strip():
                continue
            out.extend(self._cut(p))
            # Latin terms inside Chinese names (PM2.5, VOCs, 5G): the run and its lettered parts
            for run in _LATIN_RUN.findall(p):
                if _HAS_LETTER.search(run):
                    out.append(run)
                    pieces = re.split(r"[.\-+]", run)
                    if len(pieces) > 1:
                        out.extend(x for x in pieces if _HAS_LETTER.search(x))
            if self._bigrams:
                for run in _CJK_RUN.findall(p):
                    out.extend(run[i:i + 2] for i in range(len(run) - 1))
        return out


@contextmanager
def remembered_cuts():
    """Within the `with` block, every `Tokenizer` of this thread (or task) cuts a stretch of text once:
    one request reads its text several ways (words, search tokens, type features). Nothing is kept
    after the block."""
    token = _CUTS.set({})
    try:
        yield
    finally:
        _CUTS.reset(token)


_CUTS: ContextVar[dict | None] = ContextVar("remembered_cuts", default=None)


def _segmenter(freq: dict[str, int], total: int) -> jieba.Tokenizer:
    """A jieba.Tokenizer over `freq` (the fragments of one text), ready to cut: no dictionary load."""
    jt = jieba.Tokenizer.__new__(jieba.Tokenizer)
    jt.FREQ, jt.total, jt.initialized = freq, total, True
    jt.user_word_tag_tab, jt.dictionary, jt.tmp_dir, jt.cache_file = {}, None, None, None
    return jt


@lru_cache(maxsize=1)
def _base_dict_loaded() -> jieba.Tokenizer:
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def _base_tokenizer_copy() -> jieba.Tokenizer:
    """A jieba.Tokenizer holding jieba's whole dictionary, for callers that add words of their own.

    Loads jieba's dictionary whole (≈ 0.6 s): `Tokenizer` does not need it.
    """
    base = _base_dict_loaded()
    tok = jieba.Tokenizer()
    tok.FREQ = dict(base.FREQ)
    tok.total = base.total
    tok.initialized = True
    return tok
