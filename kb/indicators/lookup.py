"""The one lookup: the library indicator behind a declared row (for rewrites and library links).

`IndicatorLookup(name, level2)` answers with the exact match of the
normalised name (or a synonym), preferring the same 二级指标; else the best
character-bigram Dice ≥ `min_dice` (`settings.checker.lookup_min_dice`,
0.6) among indicators of the same 二级指标; else None. Template slots
(〔培训对象〕培训人次) match on the fixed part; deprecated indicators are
skipped. `KnowledgeBase.lookup` is this lookup over the KB file (shipped and
managed indicators); `from_indicators` builds it over a list (tests,
benchmarks). A name dict is built at once (from the keys the KB stores),
the bigram → candidates index of a 二级指标 on its first fuzzy look-up, and
answers are memoised, so a lookup costs microseconds. Not for search (see `kb.indicators.search`).
"""
from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence

from kb.domain.schema import Indicator, typical_target
from kb.domain.text import bigram_dice, bigrams, slot_free_key as _key, slot_free_key_unmemoised

_MEMO_MAX = 200_000
_MISSING = object()  # a memo miss (None is a memoised answer)


def same_name(name: str, ind: Indicator) -> bool:
    """Whether `name` is `ind`'s own name (normalised, template slots dropped; synonyms do not count)."""
    k = _key(name)
    return bool(k) and k == _key(ind.name)


def names_indicator(name: str, ind: Indicator, min_dice: float = 0.6) -> bool:
    """Whether a declared row's name still means `ind`: its name or a synonym (normalised, template
    slots dropped), else bigram Dice ≥ `min_dice` with its name. A row renamed by a fix or by hand
    to another indicator (按期完工率 → 完工完成时间) no longer does."""
    k = _key(name)
    if not k:
        return False
    if k in {_key(ind.name), *(_key(x) for x in ind.synonyms)}:
        return True
    return bigram_dice(k, _key(ind.name), normalized=True) >= min_dice


class IndicatorLookup:
    """`lookup(name, level2 identifier or None) -> Indicator | None`, and `.typical(name, level2)`.

    Args:
        names, synonyms, level2s, active: per indicator, in library order.
        indicator: position → `Indicator` (called once per position answered).
        min_dice: the fuzzy threshold (bigram Dice, in [0, 1]).
        keys: per indicator its name's and synonyms' `slot_free_key`s, name
            first, when already computed (the KB stores them: `lookup_keys`).
        keywords: position → the indicator's keywords, read without making
            the `Indicator` (`of_work` scans a whole 二级指标 and makes only
            the indicators its text test leaves); default: from `indicator`.

    Fuzzy matching uses prefix filtering: a candidate reaching Dice ≥
    `min_dice` must share one of the query's rarest bigrams, so only those
    posting lists are scanned (and none when the query's bigrams that occur in
    the 二级指标 at all cannot reach the overlap needed); overlaps are summed from postings that carry
    each candidate's bigram count, which gives the exact multiset Dice of
    `kb.domain.text.bigram_dice` (ties go to the indicator listed first).
    """

    def __init__(self, names: Sequence[str], synonyms: Sequence[Sequence[str]], level2s: Sequence[str],
                 active: Sequence[bool], indicator: Callable[[int], Indicator], min_dice: float = 0.6,
                 keys: Sequence[Sequence[str]] | None = None,
                 keywords: Callable[[int], Sequence[str]] | None = None):
        self.min_dice, self._indicator, self._level2s, self._names = min_dice, indicator, level2s, names
        self._keywords = keywords or (lambda pos: self._resolve(pos).keywords)
        self._exact: dict[str, list[int]] = defaultdict(list)
        self._name_keys: dict[str, list[tuple[int, str]]] = defaultdict(list)  # level2 → (position, name key)
        for pos, (name, syns, l2, on) in enumerate(zip(names, synonyms, level2s, active)):
            if on:
                ks = keys[pos] if keys is not None else [_key(name), *(_key(x) for x in syns)]
                for k in dict.fromkeys(ks):
                    if k:
                        self._exact[k].append(pos)
                self._name_keys[l2].append((pos, ks[0]))
        # the fuzzy index of a 二级指标 is built on its first fuzzy look-up (`_fuzzy_index`)
        self._sizes: dict[str, list[int]] = {}
        self._entries: dict[str, list[int]] = {}
        self._counts: dict[str, list[dict[str, int]]] = {}
        self._postings: dict[str, dict[str, list[tuple[int, int]]]] = {}
        self._cache: dict[tuple[str, str | None], Indicator | None] = {}
        self._keys: dict[str, str] = {}
        self._fuzzy: dict[tuple[str, str], int | None] = {}
        self._typicals: dict[tuple[str, str | None], tuple[str, float, str] | None] = {}
        self._resolved: dict[int, Indicator] = {}
        self._words: dict[str, list[tuple[int, str, tuple[str, ...]]]] = {}  # `_work_words`

    def _fuzzy_index(self, l2: str) -> dict[str, list[tuple[int, int]]] | None:
        """Bigram postings of the names of `l2` (built once, on first use; None when it has none)."""
        post = self._postings.get(l2)
        if post is not None or l2 not in self._name_keys:
            return post
        entries, sizes, counts = [], [], []
        post = defaultdict(list)
        for pos, key in self._name_keys[l2]:
            bg = bigrams(key)
            if not bg:
                continue
            i = len(entries)
            entries.append(pos)
            sizes.append(len(bg))
            cnt: dict[str, int] = {}  # bigram counts in order of first occurrence (as `Counter` gives them)
            get = cnt.get
            for b in bg:
                cnt[b] = get(b, 0) + 1
            counts.append(cnt)
            for b, c in cnt.items():
                post[b].append((i, c))
        self._entries[l2], self._sizes[l2], self._counts[l2] = entries, sizes, counts
        self._postings[l2] = post  # last: a concurrent reader sees a complete index or none
        return post

    @classmethod
    def from_indicators(cls, indicators: Sequence[Indicator], min_dice: float = 0.6) -> "IndicatorLookup":
        """The lookup over a list of indicators (deprecated ones skipped)."""
        inds = list(indicators)
        return cls([i.name for i in inds], [i.synonyms for i in inds], [i.level2.value for i in inds],
                   [i.status.value != "deprecated" for i in inds], inds.__getitem__, min_dice,
                   keywords=lambda pos: inds[pos].keywords)

    @classmethod
    def from_rows(cls, rows, to_indicator: Callable[[dict], Indicator], min_dice: float = 0.6) -> "IndicatorLookup":
        """The lookup over the KB's `indicators` rows (`kb.store.rows`; synonyms, keys and keywords as JSON).

        An indicator is made from its row read alone (`RowStore.fetch`: a check
        that makes a few never reads the columns the lookup does not hold)."""
        col = rows.column if hasattr(rows, "column") else (lambda f: [r.get(f) for r in rows])
        stored = col("lookup_keys") if (hasattr(rows, "columns") and "lookup_keys" in rows.columns) else None
        keys = json.loads("[" + ",".join(stored) + "]") if stored else None  # one parse of every row's list
        syns = [[] for _ in col("name")] if keys else [json.loads(s or "[]") for s in col("synonyms")]
        fetch = getattr(rows, "fetch", None) or rows.__getitem__
        kw: list = []  # the keywords column, read on first use (a list of rows gives a new list per `col`)

        def keywords(pos: int) -> list[str]:
            if not kw:
                kw.append(col("keywords"))
            return json.loads(kw[0][pos] or "[]")

        return cls(col("name"), syns, col("level2"), [s != "deprecated" for s in col("status")],
                   lambda i: to_indicator(fetch(i)), min_dice, keys=keys, keywords=keywords)

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

    def among(self, name: str, level2: str | None, accept: Callable[[Indicator], bool],
              min_dice: float | None = None) -> Indicator | None:
        """The lookup's answer counting only the indicators `accept` admits (not memoised).

        Same order as a plain lookup (exact name or synonym, the same 二级指标
        first; else the best bigram Dice ≥ `min_dice` in `level2`), so an
        indicator `accept` refuses never hides an admitted one behind it.
        `min_dice` may raise (never lower) the fuzzy threshold.
        """
        k = self._key_of(name)
        cands = [c for c in self._exact.get(k, ()) if accept(self._resolve(c))]
        if cands:
            return self._resolve(next((c for c in cands if self._level2s[c] == level2), cands[0]))
        if not (level2 and k):
            return None
        pos = self._fuzzy_match(k, level2, accept, min_dice)
        return None if pos is None else self._resolve(pos)

    def of_work(self, text: str, level2: str, accept: Callable[[Indicator], bool],
                min_hits: int = 1, ignore: Collection[str] = ()) -> Indicator | None:
        """The indicator of `level2` that `accept` admits whose keywords the project's `text` names most, or None.

        Only an indicator about the text's own work counts: one of its keywords (≥ 2 characters) occurs in
        `text` and in its own name (培训合格率 for 村级干部培训; a 食堂 among the keywords of
        物业管理保障工作合格率 never brings it to a canteen), and at least `min_hits` of them occur (a caller
        reading a long description asks for more). Ranked by how many of its keywords occur, then library
        order. Keywords in `ignore` (words any project's text has: 资金, 预算 …) never count. Scans the
        二级指标's names and keywords (filtered once: `_work_words`); only an indicator passing the text test is
        made and shown to `accept`."""
        best, best_n = None, max(min_hits, 1) - 1
        for pos, name, words in self._work_words(level2):
            hits = [w for w in words if w in text and w not in ignore]
            if len(hits) > best_n and any(w in name for w in hits):
                ind = self._resolve(pos)
                if accept(ind):
                    best, best_n = ind, len(hits)
        return best

    def _work_words(self, level2: str) -> list[tuple[int, str, tuple[str, ...]]]:
        """The indicators of `level2` in library order as (position, name, distinct keywords of ≥ 2 characters)
        (`of_work` reads them; filtered once per 二级指标, no indicator made)."""
        words = self._words.get(level2)
        if words is None:
            words = []
            for pos, _ in self._name_keys.get(level2, ()):
                words.append((pos, self._names[pos],
                              tuple(w for w in dict.fromkeys(self._keywords(pos)) if len(w) >= 2)))
            self._words[level2] = words
        return words

    def typical(self, name: str, level2: str | None) -> tuple[str, float, str] | None:
        """The matching indicator's typical target as (operator, number, unit), or None (memoised)."""
        ck = (name, level2)
        t = self._typicals.get(ck, _MISSING)
        if t is _MISSING:  # a miss is the rule on names never seen: no KeyError raised for it
            t = self._typicals[ck] = typical_target(self(name, level2))
        return t

    def _key_of(self, name: str) -> str:
        k = self._keys.get(name)
        if k is None:
            if len(self._keys) > _MEMO_MAX:
                self._keys.clear()
            k = self._keys[name] = slot_free_key_unmemoised(name)  # memoised here, per name
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

    def _fuzzy_match(self, k: str, level2: str, accept: Callable[[Indicator], bool] | None = None,
                     min_dice: float | None = None) -> int | None:
        """Position of the indicator of `level2` with the best bigram Dice ≥ min_dice to key `k`
        (among those `accept` admits, when given)."""
        post = self._postings.get(level2)
        if post is None:
            post = self._fuzzy_index(level2)
        if not k or not post:
            return None
        n = len(k)
        bg = [k[i:i + 2] for i in range(n - 1)] if n > 1 else [k]  # the query's bigrams (`bigrams`)
        nq = len(bg)
        # overlap needed: 2·o/(nq+nc) ≥ t with nc ≥ o  →  o ≥ t·nq/(2−t)
        need = math.ceil(self.min_dice * nq / (2.0 - self.min_dice) - 1e-9)
        if sum(map(post.__contains__, bg)) < need:
            return None  # the query's bigrams that occur in `level2` at all, counted with repeats: too few
        # the query's bigram counts, and each distinct bigram looked up once (in order of first occurrence):
        # its posting list, or none in `level2`
        cq: dict[str, int] = {}
        known: list[tuple[int, int, str, list[tuple[int, int]]]] = []
        unknown = 0
        get = post.get
        for b in bg:
            if b in cq:
                cq[b] += 1
                continue
            cq[b] = 1
            pl = get(b)
            if pl:
                known.append((len(pl), len(known), b, pl))
            else:
                unknown += 1
        # rarest first; bigrams no indicator has come first (they add nothing but count in the prefix)
        known.sort()
        # a candidate sharing none of the first (distinct − need + 1) rarest bigrams cannot reach `need`
        cut = max(1, unknown + len(known) - need + 1) - unknown
        ov: dict[int, int] = {}
        for _, _, b, pl in known[:cut] if cut > 0 else ():
            q = cq[b]
            for i, c in pl:
                ov[i] = ov.get(i, 0) + (q if q < c else c)
        if not ov:
            return None
        if cut < len(known):
            self._add_common(ov, known[cut:], cq, self._counts[level2])
        size = self._sizes[level2]
        best, hit = 0.0, -1
        for i in (sorted(ov) if accept is not None or len(ov) > 1 else ov):
            d = 2.0 * ov[i] / (nq + size[i])
            if d > best and (accept is None or accept(self._resolve(self._entries[level2][i]))):
                best, hit = d, i
        return self._entries[level2][hit] if best >= max(self.min_dice, min_dice or 0.0) else None

    @staticmethod
    def _add_common(ov: dict[int, int], common: list[tuple[int, int, str, list[tuple[int, int]]]], cq: dict[str, int],
                    counts: list[dict]) -> None:
        """Add the commoner bigrams' overlaps (`common`: length, order, bigram, posting list) to the candidates
        found (walking the shorter side)."""
        for n, _, b, pl in common:
            q = cq[b]
            if n <= len(ov):
                for i, c in pl:
                    if i in ov:
                        ov[i] += q if q < c else c
            else:
                for i in ov:
                    c = counts[i].get(b)
                    if c:
                        ov[i] += q if q < c else c
