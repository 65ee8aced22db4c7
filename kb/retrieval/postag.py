"""Part-of-speech cut (jieba's tags, no HMM) without loading jieba's dictionary whole.

`PosTagger(added, tags)` cuts a text into (word, tag) pairs exactly as
`jieba.posseg.POSTokenizer(tok).cut(text, HMM=False)` does, where `tok`
holds jieba's dictionary plus the `added` words (`tok.add_word(w, freq)`
in that order) and jieba's tag table is overlaid with `tags`. Words,
frequencies and tags come from the machine's cached dictionary
(`kb.retrieval.dictionary`): each text looks up only its own fragments and
the tags of the words it is cut into, and both are memoised. Importing
`jieba.posseg` reads jieba's dictionary file at import (≈ 1.5 s idle,
several seconds under load) and `POSTokenizer` reads it again: that module
is not used. Thread-safe. Not for search tokens (`kb.retrieval.tokenize`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from kb.retrieval.dictionary import MEMO_MAX, Frequencies, UserWords, base_dictionary
from kb.retrieval.tokenize import _segmenter

# the blocks jieba's part-of-speech cut walks with its dictionary, and how it labels the rest
_BLOCK = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&._]+)")
_SPACE = re.compile(r"(\r\n|\s)")
_LATIN = re.compile(r"[a-zA-Z0-9]+")
_NUMBER = re.compile(r"[.0-9]+")
_LATIN_CHAR = re.compile(r"^[a-zA-Z0-9]$")
_UNTAGGED = "x"


class PosTagger:
    """`cut(text) -> [(word, tag)]` over jieba's dictionary plus `added` words, tags overlaid by `tags`.

    Args:
        added: (word, frequency) in the order `add_word` would be called;
            a word added twice keeps the last frequency (jieba's total
            counts both, as `add_word` does).
        tags: word → tag, over jieba's own tags (unknown words: `x`).
        dictionary: jieba's words (`kb.retrieval.dictionary.BaseDictionary`;
            default: this machine's cached copy).
    """

    def __init__(self, added: Iterable[tuple[str, int]], tags: Mapping[str, str], dictionary=None):
        entries: dict[str, int] = {}
        count = extra = 0
        for w, f in added:
            count += 1
            extra += f
            entries[w] = f
            for i in range(1, len(w)):
                entries.setdefault(w[:i], 0)
        self.dictionary = dictionary or base_dictionary()
        self._freqs = Frequencies(self.dictionary, UserWords(entries, count, total_extra=extra))
        self._over = dict(tags)
        self._tags: dict[str, str] = {}  # jieba's tag of each word met so far (`x`: none)

    def cut(self, text: str) -> list[tuple[str, str]]:
        """(word, tag) pairs of `text`, as jieba's part-of-speech cut without HMM gives them."""
        jt = _segmenter(self._freqs.covering(text), self._freqs.total)
        out: list[tuple[str, str | None]] = []
        for blk in _BLOCK.split(text):
            if not blk:
                continue
            if _BLOCK.match(blk):
                _walk(jt, blk, out)
                continue
            for x in _SPACE.split(blk):
                if _SPACE.match(x):
                    out.append((x, _UNTAGGED))
                else:  # jieba labels each character by the chunk's look (`eng` when the chunk is Latin)
                    for ch in x:
                        out.append((ch, "m" if _NUMBER.match(ch) else "eng" if _LATIN.match(x) else _UNTAGGED))
        return self._tagged(out)

    def _tagged(self, pairs: list[tuple[str, str | None]]) -> list[tuple[str, str]]:
        """The pairs with every dictionary-walk word (tag None) tagged: `tags`, else jieba's, else `x`."""
        if len(self._tags) > MEMO_MAX:
            self._tags = {}
        memo, over = self._tags, self._over
        missing = {w for w, t in pairs if t is None and w not in over and w not in memo}
        if missing:
            found = self.dictionary.tags(missing)
            for w in missing:
                memo[w] = found.get(w, _UNTAGGED)
        return [(w, t if t is not None else over.get(w) or memo[w]) for w, t in pairs]


def _walk(jt, blk: str, out: list) -> None:
    """jieba's dictionary walk of one block (best route, no HMM); runs of single Latin characters
    become one `eng` word; other words get tag None (looked up after)."""
    dag = jt.get_DAG(blk)
    route: dict = {}
    jt.calc(blk, dag, route)
    x, n, buf = 0, len(blk), ""
    while x < n:
        y = route[x][1] + 1
        w = blk[x:y]
        if _LATIN_CHAR.match(w):
            buf += w
        else:
            if buf:
                out.append((buf, "eng"))
                buf = ""
            out.append((w, None))
        x = y
    if buf:
        out.append((buf, "eng"))
