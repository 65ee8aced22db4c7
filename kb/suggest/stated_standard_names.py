"""After ranking: a standard the text names by its kind is named for that kind (trial 22).

资助标准为每生每年1500元 gave 幼儿园生均公用经费标准 = 1500 元/生·年 — a kindergarten's running-cost standard (another
programme) on the aid each child gets; the right row, 学前教育幼儿资助标准, stood among the alternates. A row bound to a
figure whose clause names the standard's kind (资助标准, 补助标准 …) but whose own name writes another kind takes the name
of a row of the pool that writes that kind in the same unit; nothing changes when none does. Renames only, after
ranking.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_KIND = re.compile(r"(资助|补助|补贴|救助|奖补|奖励|补偿)标准")


def name_standard_by_stated_kind(pool: list[Draft], ctx: ProjectContext) -> None:
    """Rename each shown standard of `pool` bound to a figure said as 〔kind〕标准 after the pool's row of that kind
    (module docstring). In place."""
    for d in pool:
        m = d.mention
        if d.tier == Tier.ALTERNATE or m is None or "标准" not in d.name or d.value != m.value:
            continue
        clause = re.split(r"[，,。；;]", ctx.text[max(0, m.start - 20):m.start])[-1]
        kind = _KIND.search(clause)
        if not kind or kind.group(1) in d.name:
            continue
        unit = d.value_unit or d.unit
        other = next((o for o in pool if o is not d and kind.group() in o.name and (o.value_unit or o.unit) == unit
                      and o.name != d.name), None)
        if other is None:
            continue
        d.evidence.append(f"描述写明是“{kind.group()}”：{d.name} → {other.name}")
        if other.tier != Tier.ALTERNATE:
            set_aside(other, f"描述的{kind.group()}已由本指标名称的另一行承载")
        d.name = other.name
