"""Highlights: where query terms occur in a text, as [start, end) offsets into the ORIGINAL text.

Matching is done on the normalised, lower-cased text (NFKC, Traditional→
Simplified, `kb.domain.text`) and mapped back to the original characters,
so a term found in `群眾滿意度` highlights the Traditional characters the
user wrote. Overlapping and touching spans are merged. Not for choosing
which terms to highlight (indicator and corpus search decide that).
"""
from __future__ import annotations

import unicodedata

from kb.domain.text import normalize_with_offsets, to_simplified


def highlight_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """[start, end) spans in `text` (original offsets) where any of `terms` occurs, sorted and merged."""
    if not text or not terms:
        return []
    fast = to_simplified(unicodedata.normalize("NFKC", text))
    if len(fast) == len(text):  # one output character per input character: offsets are the identity
        low, offs = fast.lower(), None
    else:
        norm, offs = normalize_with_offsets(text)
        low = norm.lower()
    spans = []
    for t in dict.fromkeys(terms):
        if not t:
            continue
        p = low.find(t)
        while p >= 0:
            spans.append((p, p + len(t)) if offs is None else (offs[p], offs[p + len(t) - 1] + 1))
            p = low.find(t, p + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged
