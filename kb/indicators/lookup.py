"""The one lookup: the library indicator behind a declared row (for rewrites and library links).

`IndicatorLookup(name, level2)` answers with the exact match of the
normalised name (or a synonym), preferring the same 二级指标; else the best
character-bigram Dice ≥ `min_dice` (`settings.checker.lookup_min_dice`,
0.6) among indicators of the same 二级指标; else None. Template slots
(〔培训对象〕培训人次) match on the fixed part; deprecated indicators are
skipped. `KnowledgeBase.lookup` is this lookup over the KB file (shipped and
managed indicators); `from_indicators` builds it over a list (tests,
benchmarks). Everything is precomputed (a name dict and a bigram →
candidates index per 二级指标) and answers are memoised, so a lookup costs
microseconds. Not for search (see `kb.indicators.search`).
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from kb.domain.schema import Indicator, typical_target
from kb.domain.text import bigrams, normalize_name

_SLOT_RE = re.compile(r"〔[^〕]*〕")
_MEMO_MAX = 200_000


def _key(name: str) -> str:
    return normalize_name(_SLOT_RE.sub("", name))


class IndicatorLookup:
    """`lookup(name, level2 identifier or None) -> Indicator | None`, and `.typical(name, level2)`.

    Args:
        names, synonyms, level2s, active: per indicator, in library order.
        indicator: position → `Indicator` (called once per position answered).
        min_dice: the fuzzy threshold (bigram Dice, in [0, 1]).

    Fuzzy matching uses prefix filtering: a candidate reaching Dice ≥
    `min_dice` must share one of the query's rarest bigrams, so only those
    posting lists are scanned; overlaps are summed from postings that carry
    each candidate's bigram count, which gives the exact multiset Dice of
    `kb.domain.text.bigram_dice` (ties go to the indicator listed first).
    """

    def __init__(self, names: Sequence[str], synonyms: Sequence[Sequence[str]], level2s: Sequence[str],
                 active: Sequence[bool], indicator: Callable[[int], Indicator], min_dice: float = 0.6):
        self.min_dice, self._indicator, self._level2s = min_dice, indicator, level2s
        self._exact: dict[str, list[int]] = defaultdict(list)
        self._sizes: dict[str, list[int]] = defaultdict(list)
        self._entries: dict[str, list[int]] = defaultdict(list)
        self._counts: dict[str, list[dict[str, int]]] = defaultdict(list)
        self._postings: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
        for pos, (name, syns, l2, on) in enumerate(zip(names, synonyms, level2s, active)):
            if on:
                self._add(pos, name, syns, l2)
        self._plen = {l2: {b: len(pl) for b, pl in post.items()} for l2, post in self._postings.items()}
        self._cache: dict[tuple[str, str | None], Indicator | None] = {}
        self._keys: dict[str, str] = {}
        self._fuzzy: dict[tuple[str, str], int | None] = {}
        self._typicals: dict[tuple[str, str | None], tuple[str, float, str] | None] = {}
        self._resolved: dict[int, Indicator] = {}

    def _add(self, pos: int, name: str, syns: Sequence[str], l2: str) -> None:
        for k in {_key(name), *(_key(x) for x in syns)}:
            if k:
                self._exact[k].append(pos)
        bg = bigrams(_key(name))
        if not bg:
            return
        i = len(self._entries[l2])
        self._entries[l2].append(pos)
        self._sizes[l2].append(len(bg))
        cnt = Counter(bg)
        self._counts[l2].append(dict(cnt))
        for b, c in cnt.items():
            self._postings[l2][b].append((i, c))

    @classmethod
    def from_indicators(cls, indicators: Sequence[Indicator], min_dice: float = 0.6) -> "IndicatorLookup":
        """The lookup over a list of indicators (deprecated ones skipped)."""
        inds = list(indicators)
        return cls([i.name for i in inds], [i.synonyms for i in inds], [i.level2.value for i in inds],
                   [i.status.value != "deprecated" for i in inds], inds.__getitem__, min_dice)

    @classmethod
    def from_rows(cls, rows, to_indicator: Callable[[dict], Indicator], min_dice: float = 0.6) -> "IndicatorLookup":
        """The lookup over the KB's `indicators` rows (`kb.store.rows`; synonyms as JSON)."""
        syns = [json.loads(r["synonyms"] or "[]") for r in rows]
        return cls([r["name"] for r in rows], syns, [r["level2"] for r in rows],
                   [r["status"] != "deprecated" for r in rows], lambda i: to_indicator(rows[i]), min_dice)

    # ------------------------------------------------------------------ queries
    def __call__(self, name: str, level2: str | None = None) -> Indicator | None:
        ck = (name, level2)
        if ck in self._cache:
            return self._cache[ck]
        if len(self._cache) > _MEMO_MAX:
            self._cache.clear()
            self._fuzzy.clear()
            self._typicals.clear()
        pos = self._find(self._key_of(name), level2)
        hit = self._cache[ck] = None if pos is None else self._resolve(pos)
        return hit

    def typical(self, name: str, level2: str | None) -> tuple[str, float, str] | None:
        """The matching indicator's typical target as (operator, number, unit), or None (memoised)."""
        ck = (name, level2)
        try:
            return self._typicals[ck]
        except KeyError:
            t = self._typicals[ck] = typical_target(self(name, level2))
            return t

    def _key_of(self, name: str) -> str:
        k = self._keys.get(name)
        if k is None:
            if len(self._keys) > _MEMO_MAX:
                self._keys.clear()
            k = self._keys[name] = _key(name)
        return k

    def _resolve(self, pos: int) -> Indicator:
        ind = self._resolved.get(pos)
        if ind is None:
            ind = self._resolved[pos] = self._indicator(pos)
        return ind

    def _find(self, k: str, level2: str | None) -> int | None:
        cands = self._exact.get(k)
        if cands:
            return next((c for c in cands if self._level2s[c] == level2), cands[0])
        if not (level2 and k):
            return None
        fk = (k, level2)
        if fk not in self._fuzzy:
            self._fuzzy[fk] = self._fuzzy_match(k, level2)
        return self._fuzzy[fk]

    def _fuzzy_match(self, k: str, level2: str) -> int | None:
        """Position of the indicator of `level2` with the best bigram Dice ≥ min_dice to key `k`."""
        bg = bigrams(k)
        post = self._postings.get(level2)
        if not bg or not post:
            return None
        cq = Counter(bg)
        nq = len(bg)
        # overlap needed: 2·o/(nq+nc) ≥ t with nc ≥ o  →  o ≥ t·nq/(2−t)
        need = math.ceil(self.min_dice * nq / (2.0 - self.min_dice) - 1e-9)
        lens = self._plen[level2]
        # rarest first; bigrams no indicator has come first (they add nothing but count in the prefix)
        rare = [b for b in cq if b not in lens] + sorted((b for b in cq if b in lens), key=lens.__getitem__)
        # a candidate sharing none of the first (distinct − need + 1) rarest bigrams cannot reach `need`
        cut = max(1, len(rare) - need + 1)
        ov: defaultdict[int, int] = defaultdict(int)
        for b in rare[:cut]:
            q = cq[b]
            for i, c in post.get(b, ()):
                ov[i] += q if q < c else c
        if not ov:
            return None
        self._add_common(ov, rare[cut:], cq, post, self._counts[level2])
        size = self._sizes[level2]
        best, hit = 0.0, -1
        for i in sorted(ov):
            d = 2.0 * ov[i] / (nq + size[i])
            if d > best:
                best, hit = d, i
        return self._entries[level2][hit] if best >= self.min_dice else None

    @staticmethod
    def _add_common(ov: defaultdict, common: list[str], cq: Counter, post: dict, counts: list[dict]) -> None:
        """Add the commoner bigrams' overlaps to the candidates found (walking the shorter side)."""
        for b in common:
            q = cq[b]
            pl = post.get(b, ())
            if len(pl) <= len(ov):
                for i, c in pl:
                    if i in ov:
                        ov[i] += q if q < c else c
            else:
                for i in ov:
                    c = counts[i].get(b)
                    if c:
                        ov[i] += q if q < c else c
