"""After ranking: a text stating one satisfaction of one group keeps that one row (trial 23).

"优抚对象对服务保障工作的满意度由上年的92%提高到95%以上" is the only satisfaction the veterans' text states; the table also
carried 退役军人满意度 ≥ 90 % (a library value for a group the text only names in its policy's title), halving the stated
row's points and asking a second target below the stated one — a fresh reviewer struck it. When the text writes 满意 once
and a shown satisfaction row is bound to it, each other shown satisfaction row not bound to the text is set aside.
Only sets aside (the reason in the evidence), after ranking.
"""
from __future__ import annotations

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier


def keep_the_one_stated_satisfaction(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside unbound satisfaction rows beside the one the text states (module docstring). In place."""
    if ctx.text.count("满意") != 1:
        return
    sat = [d for d in pool if d.tier != Tier.ALTERNATE and d.name and d.slot == "satisfaction"]
    stated = next((d for d in sat if d.value_source == "text"), None)
    if stated is None:
        return
    for d in sat:
        if d is not stated and d.value_source != "text":
            set_aside(d, f"描述只写明一项满意度（“{stated.name}”），不另设“{d.name}”，仅作备选")
