"""After ranking: a figure stated per unit (每座配备保洁员1名) is a standard, never a benefit count (trial 23).

"对城区86座公厕实行市场化保洁管护，每座配备保洁员1名" gave 受益配备保洁员人数 ≥ 1 人 under 社会效益, holding the whole
效益 block's points: the 1 is how many cleaners each toilet has — a staffing standard, not whom the project benefits. A
fresh reviewer struck it. A shown 效益 row bound to a figure whose clause opens with 每 + a classifier (每座, 每个, 每户,
每人) is set aside, and so is such a 数量 row; `fill._benefit` never moves one to 效益 (the reason in its evidence). Only sets aside, after ranking, so the ranker's training is untouched.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_PER_UNIT = re.compile(r"^每[\u4e00-\u9fff]{1,2}?(?:配备|配置|安排|设置|聘用|聘请)")


def per_unit_clause(m, text: str) -> str:
    """The clause before mention `m` when it states a per-unit staffing (每座配备保洁员), else ''."""
    if m is None:
        return ""
    clause = re.split(r"[，,。；;：:、]", text[max(0, m.start - 20):m.start])[-1]
    return clause if _PER_UNIT.match(clause) else ""


def set_aside_per_unit_benefit(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside each shown benefit or count row of `pool` bound to a per-unit figure (module docstring; a name
    that says 每…, 每校专职保安配备人数, is the standard and stays). In place."""
    for d in pool:
        m = d.mention
        if d.tier == Tier.ALTERNATE or m is None or d.value_source != "text" or d.slot not in ("quantity", "social_benefit") \
                or d.name.startswith("每"):
            continue
        clause = per_unit_clause(m, ctx.text)
        if clause:
            set_aside(d, f"“{clause}{ctx.text[m.start:m.end]}”是每个单位的配备标准，不是受益数量，仅作备选")
