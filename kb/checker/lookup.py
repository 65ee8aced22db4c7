"""Find the library indicator behind a declared row, for the targets of rewrites.

`library_lookup(indicators)` returns an `IndicatorLookup`: exact match of the
normalised name (or a synonym), preferring the same 二级指标; else the best
character-bigram Dice ≥ 0.6 (settings.checker.lookup_min_dice) among
indicators of the same 二级指标. Everything is precomputed (a name dict and a
bigram → candidates index per 二级指标) and answers are memoised, so a lookup
costs microseconds. Template slots (〔培训对象〕培训人次) match on the fixed part.

`default_lookup()` builds it from `kb.library.load_libraries(settings.indicators_dir)`
and returns None (the rewrites' generic defaults) when the library cannot be
loaded. Not for search (see `kb.search`).
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import Callable

from kb.schema import Indicator, Status
from kb.text import bigrams, normalize_name

_SLOT_RE = re.compile(r"〔[^〕]*〕")


def _key(name: str) -> str:
    return normalize_name(_SLOT_RE.sub("", name))


def library_lookup(indicators: list[Indicator], min_dice: float = 0.6) -> Callable[[str, str | None], Indicator | None]:
    """An `IndicatorLookup` over `indicators` (deprecated ones skipped).

    The callable takes (name, level2 identifier such as "quantity" or None)
    and returns the matching Indicator or None. Fuzzy matching uses prefix
    filtering: a candidate reaching Dice ≥ `min_dice` must share one of the
    query's rarest bigrams, so only those posting lists are scanned; the
    survivors are scored with the exact multiset Dice of `kb.text.bigram_dice`.
    """
    exact: dict[str, list[Indicator]] = defaultdict(list)
    pools: dict[str, list[tuple[Counter, int, Indicator]]] = defaultdict(list)
    postings: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for ind in indicators:
        if ind.status is Status.deprecated:
            continue
        for k in {_key(ind.name), *(_key(x) for x in ind.synonyms)}:
            if k:
                exact[k].append(ind)
        bg = bigrams(_key(ind.name))
        if not bg:
            continue
        l2 = ind.level2.value
        i = len(pools[l2])
        pools[l2].append((Counter(bg), len(bg), ind))
        for b in set(bg):
            postings[l2][b].append(i)
    cache: dict[tuple[str, str | None], Indicator | None] = {}

    def fuzzy(k: str, level2: str) -> Indicator | None:
        bg = bigrams(k)
        if not bg:
            return None
        pool, post = pools.get(level2), postings.get(level2)
        if not pool or post is None:
            return None
        cq = Counter(bg)
        nq = len(bg)
        # overlap needed: 2·o/(nq+nc) ≥ t with nc ≥ o  →  o ≥ t·nq/(2−t)
        need = math.ceil(min_dice * nq / (2.0 - min_dice) - 1e-9)
        rare = sorted(cq, key=lambda b: len(post.get(b, ())))
        # a candidate sharing none of the first (distinct − need + 1) rarest bigrams cannot reach `need`
        prefix = rare[: max(1, len(rare) - need + 1)]
        cands: set[int] = set()
        for b in prefix:
            cands.update(post.get(b, ()))
        best, hit = 0.0, None
        for i in cands:
            cb, nc, ind = pool[i]
            inter = sum(min(v, cb[x]) for x, v in cq.items() if x in cb)
            d = 2.0 * inter / (nq + nc)
            if d > best:
                best, hit = d, ind
        return hit if best >= min_dice else None

    def lookup(name: str, level2: str | None) -> Indicator | None:
        ck = (name, level2)
        if ck in cache:
            return cache[ck]
        if len(cache) > 200_000:
            cache.clear()
        k = _key(name)
        cands = exact.get(k)
        if cands:
            hit = next((c for c in cands if c.level2.value == level2), cands[0])
        else:
            hit = fuzzy(k, level2) if level2 and k else None
        cache[ck] = hit
        return hit

    return lookup


def default_lookup(settings=None) -> Callable[[str, str | None], Indicator | None] | None:
    """Lookup over the shipped libraries (`settings.indicators_dir`), or None when unavailable.

    None means the rewrites use generic defaults per 二级指标 (满意度 ≥ 90 %,
    合格率 ≥ 95 %, 完成率 = 100 %, 时效 `<year>年12月31日前`).
    """
    from kb.errors import JixiaoError
    from kb.settings import get_settings

    s = settings or get_settings()
    try:
        from kb.library import load_libraries
    except ImportError:
        return None
    try:
        inds = load_libraries(s.indicators_dir)
    except (JixiaoError, OSError):
        return None
    if not inds:
        return None
    return library_lookup(inds, s.checker.lookup_min_dice)
