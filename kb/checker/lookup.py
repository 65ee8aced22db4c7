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
    query's rarest bigrams, so only those posting lists are scanned; overlaps
    are summed from postings that carry each candidate's bigram count, which
    gives the exact multiset Dice of `kb.text.bigram_dice` (ties go to the
    indicator listed first). Answers are memoised per distinct (name, level2),
    the normalised key per distinct name.

    The callable also has `.typical(name, level2)`: the matching indicator's
    typical target as (operator, number, unit), or None — memoised the same way
    (what rewrites ask for, row after row).
    """
    exact: dict[str, list[Indicator]] = defaultdict(list)
    sizes: dict[str, list[int]] = defaultdict(list)
    entries: dict[str, list[Indicator]] = defaultdict(list)
    cands_of: dict[str, list[dict[str, int]]] = defaultdict(list)
    postings: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
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
        i = len(entries[l2])
        entries[l2].append(ind)
        sizes[l2].append(len(bg))
        cnt = Counter(bg)
        cands_of[l2].append(dict(cnt))
        for b, c in cnt.items():
            postings[l2][b].append((i, c))
    plen = {l2: {b: len(pl) for b, pl in post.items()} for l2, post in postings.items()}
    cache: dict[tuple[str, str | None], Indicator | None] = {}
    keys: dict[str, str] = {}
    fuzzy_cache: dict[tuple[str, str], Indicator | None] = {}
    typicals: dict[tuple[str, str | None], tuple[str, float, str] | None] = {}

    def fuzzy(k: str, level2: str) -> Indicator | None:
        bg = bigrams(k)
        post = postings.get(level2)
        if not bg or not post:
            return None
        cq = Counter(bg)
        nq = len(bg)
        # overlap needed: 2·o/(nq+nc) ≥ t with nc ≥ o  →  o ≥ t·nq/(2−t)
        need = math.ceil(min_dice * nq / (2.0 - min_dice) - 1e-9)
        lens = plen[level2]
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
        cand = cands_of[level2]
        for b in rare[cut:]:  # the commoner bigrams only add to the candidates found
            q = cq[b]
            pl = post.get(b, ())
            if len(pl) <= len(ov):
                for i, c in pl:
                    if i in ov:
                        ov[i] += q if q < c else c
            else:
                for i in ov:
                    c = cand[i].get(b)
                    if c:
                        ov[i] += q if q < c else c
        size = sizes[level2]
        best, hit = 0.0, -1
        for i in sorted(ov):
            d = 2.0 * ov[i] / (nq + size[i])
            if d > best:
                best, hit = d, i
        return entries[level2][hit] if best >= min_dice else None

    def lookup(name: str, level2: str | None) -> Indicator | None:
        ck = (name, level2)
        if ck in cache:
            return cache[ck]
        if len(cache) > 200_000:
            cache.clear()
            fuzzy_cache.clear()
            typicals.clear()
        k = keys.get(name)
        if k is None:
            if len(keys) > 200_000:
                keys.clear()
            k = keys[name] = _key(name)
        cands = exact.get(k)
        if cands:
            hit = next((c for c in cands if c.level2.value == level2), cands[0])
        elif level2 and k:
            fk = (k, level2)
            if fk in fuzzy_cache:
                hit = fuzzy_cache[fk]
            else:
                hit = fuzzy_cache[fk] = fuzzy(k, level2)
        else:
            hit = None
        cache[ck] = hit
        return hit

    def typical(name: str, level2: str | None) -> tuple[str, float, str] | None:
        ck = (name, level2)
        try:
            return typicals[ck]
        except KeyError:
            t = typicals[ck] = typical_target(lookup(name, level2))
            return t

    lookup.typical = typical  # type: ignore[attr-defined]
    return lookup


_NUM_RE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def typical_target(ind: Indicator | None) -> tuple[str, float, str] | None:
    """(operator, number, unit) of a library indicator's typical target when it is numeric, else None."""
    if ind is None or not ind.typical.value:
        return None
    m = _NUM_RE.search(ind.typical.value)
    if not m:
        return None
    try:
        v = float(m.group().replace(",", ""))
    except ValueError:
        return None
    return ind.typical.operator or "", v, ind.typical.unit or ind.unit


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
