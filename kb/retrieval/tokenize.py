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
import threading
from collections.abc import Iterable
from functools import lru_cache

import jieba

from kb.domain.text import normalize
from kb.domain.words import DOMAIN_TERMS

jieba.setLogLevel(logging.WARNING)

_PROTECT_CHARS = re.compile(r"[^\u4e00-\u9fd5a-z0-9+#&._%\-]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_LATIN_RUN = re.compile(r"[a-z0-9]+(?:[.\-+][a-z0-9]+)*")
_HAS_LETTER = re.compile(r"[a-z]")
_KEEP = re.compile(r"[\u4e00-\u9fffa-z0-9]")


class Tokenizer:
    """jieba-based tokenizer with a per-instance user dictionary.

    Args:
        words: user-dictionary words (indicator names, units, synonyms …);
            the domain terms are always added.
        bigrams: also emit CJK character bigrams (default True).

    `tokens(text)` → list[str] (lower-case, normalised; duplicates kept, as
    term frequency). Thread-safe for concurrent `tokens` calls.
    """

    def __init__(self, words: Iterable[str] = (), *, bigrams: bool = True):
        self._jieba = _base_tokenizer_copy()
        self._bigrams = bigrams
        self._lock = threading.Lock()
        self.words: list[str] = []
        special: set[str] = set()
        seen: set[str] = set()
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
                self._jieba.add_word(w, freq=3000)
        self.special = sorted(special, key=len, reverse=True)
        self._special_re = (re.compile("|".join(re.escape(s) for s in self.special))
                            if self.special else None)

    def _cut(self, text: str) -> list[str]:
        with self._lock:
            return [t for t in self._jieba.cut_for_search(text, HMM=False) if _KEEP.search(t)]

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
        if self._special_re is not None:
            pos = 0
            for m in self._special_re.finditer(t):
                parts.append(t[pos:m.start()])
                out.append(m.group())  # the whole protected term, plus its inner words below
                parts.append(m.group())
                pos = m.end()
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


@lru_cache(maxsize=1)
def _base_dict_loaded() -> jieba.Tokenizer:
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def _base_tokenizer_copy() -> jieba.Tokenizer:
    """A jieba.Tokenizer sharing the loaded main dictionary, with its own user words.

    jieba keeps words in `FREQ`/`total`; copying the dict (≈350k entries, ~20 ms)
    is far cheaper than re-reading the dictionary file for every instance.
    """
    base = _base_dict_loaded()
    tok = jieba.Tokenizer()
    tok.FREQ = dict(base.FREQ)
    tok.total = base.total
    tok.initialized = True
    return tok
