"""After ranking: a count summed over the year is named without its period (trial 23).

"街面巡查每周不少于2次" gave 街面巡查每周次数 ≥ 104 次 (每周2次 × 52): the value is the year's, but the name still says
每周, so as written it asks 104 patrols a week — a fresh reviewer struck it. A shown row whose value the text's per-period
figure gives for the year (its derivation multiplies: `× 52`, `× 12`) drops 每周 / 每月 / 每季度 / 每天 from its name
(街面巡查次数). Renames only, after ranking.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_PERIOD = re.compile(r"每(?:周|月|季度|季|天|日)")


def name_year_total_without_period(pool: list[Draft], ctx: ProjectContext) -> None:
    """Drop the period word from each shown row's name whose value is the year's total (module docstring). In place."""
    for d in pool:
        m = d.mention
        if d.tier == Tier.ALTERNATE or m is None or d.value_source != "text" or "×" not in (m.derivation or ""):
            continue
        name = _PERIOD.sub("", d.name)
        if name != d.name and len(name) >= 4:
            d.evidence.append(f"指标值是全年合计（{m.derivation}），名称不写每周/每月：{d.name} → {name}")
            d.name = name
