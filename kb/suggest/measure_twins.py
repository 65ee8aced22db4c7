"""After ranking: a library rate of the measure the text states is set aside (trial 22).

县域国控断面水质优良比例由80%提高到90% gave, beside its own row (≥ 90 %), the library's 地表水国控断面水质优良比例 ≥ 80 %
(its typical value, which the reviewer read as the text's baseline): one measure twice, the second at a level the
text has already passed. A shown rate whose value is not the text's is set aside when a shown rate bound to the text
ends on the same measure (at least `MIN_SHARED` characters: 国控断面水质优良比例). Sets aside only, after ranking.
"""
from __future__ import annotations

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

MIN_SHARED = 6


def _shared_end(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def set_aside_library_twin_of_stated(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside each shown library-valued rate of `pool` whose name ends on the measure of a shown rate the text
    states (module docstring). In place."""
    shown = [d for d in pool if d.tier != Tier.ALTERNATE and (d.value_unit or d.unit) == "%" and d.value]
    stated = [d for d in shown if d.value_source == "text"]
    for d in shown:
        if d.value_source == "text":
            continue
        twin = next((s for s in stated if s.name != d.name and _shared_end(s.name, d.name) >= MIN_SHARED), None)
        if twin is not None:
            set_aside(d, f"与描述写明的“{twin.name}{twin.operator}{twin.value}%”是同一指标，仅作备选")
