"""A per-event figure (场均参与读者不少于50人次) never read as a total, after ranking.

A figure written after 场均 / 每场 / 次均 / 每次 / 平均每场 in its clause is a standard per event, not the year's
count: trial 14's library text ("全年接待读者1.5万人次，开展阅读推广活动24场，场均参与读者不少于50人次") gave
读者人次 ≥ 50 人次. A row bound to such a figure whose name does not say per event is set aside: the slot's next
row (one bound to the text's total when stated: 接待读者人次 ≥ 1.5 万人次) takes its place. Pure over drafts; run
after ranking, so the ranker's training reads the same candidates.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.dedupe import set_aside
from kb.suggest.ranker import Tier

# per event, in the clause before a figure (场均参与读者不少于, 每场次观众)
_PER_EVENT = re.compile(r"(场均|每场次?|次均|每次|平均每场|期均|每期)[^，,。；;]{0,10}$")
_SAYS_PER = re.compile(r"场均|每场|次均|每次|每期|期均")


def _per_event(t: str, start: int) -> str:
    """The per-event word before the figure at `start` in its clause, '' when none."""
    m = _PER_EVENT.search(t[max(0, start - 14):start])
    return m.group(1) if m else ""


def read_per_event_figures(drafts: list[Draft], ctx: ProjectContext) -> None:
    """Set aside each row bound to a per-event figure whose name does not say per event (module docstring); the
    slot's next row — one bound to the text's total, when stated — takes its place. In place."""
    t = ctx.text
    for d in drafts:
        m = d.mention
        if d.tier == Tier.ALTERNATE or not d.bound or m is None or d.value != m.value or _SAYS_PER.search(d.name):
            continue
        word = _per_event(t, m.start)
        if word:
            set_aside(d, f"“{word}”后的{m.value}{m.unit}是每场（次）的标准，不是全年总数，仅作备选")
