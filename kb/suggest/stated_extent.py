"""After ranking: a blank area or length row takes the one area or length the text states and no row carries (trial 17).

A fresh reviewer got 人行道改造面积 待填写 平方米 for "对长寿路人行道进行改造，铺设透水砖4500平方米，更换路缘石1.2公里": the
4500 平方米 is stated, but its words (铺设|透水|砖) gave no formed row. Where a shown blank 数量 row measures an area
(面积) or a length (长度, 里程) and the text states exactly one figure in such a unit that no shown row carries, and the
figure's clause before it is a verb of the work and its object (铺设透水砖), the row takes the figure and is named by
the clause (铺设透水砖面积 ≥ 4500 平方米). Binds and renames after ranking only (the reason in the evidence): the ranker's
training reads the same candidates.
"""
from __future__ import annotations

import re
from dataclasses import replace

from kb.domain.words import WORK_VERBS
from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_AREA = frozenset({"平方米", "万平方米", "亩", "万亩", "公顷"})
_LENGTH = frozenset({"公里", "千米", "米"})
_MEASURE = {"面积": _AREA, "长度": _LENGTH, "里程": _LENGTH}
_CLAUSE_END = re.compile(r"[，,。；;、：:！？!?（）()]")
_VERBS = tuple(sorted(WORK_VERBS, key=len, reverse=True))


def _clause_work(text: str, start: int) -> str:
    """The clause's words before the figure when they are a verb of the work and its object (铺设透水砖), else ''."""
    words = _CLAUSE_END.split(text[:start])[-1].removesuffix("约").removesuffix("共")
    if not re.fullmatch(r"[\u4e00-\u9fff]{3,10}", words):
        return ""
    verb = next((v for v in _VERBS if words.startswith(v)), "")
    return words if verb and len(words) - len(verb) >= 2 else ""


def bind_stated_extent(pool: list[Draft], ctx: ProjectContext) -> None:
    """Bind each shown blank area or length row of `pool` (ranked drafts of one project) to the one figure of its kind
    the text states and no shown row carries, named by that figure's clause (module docstring). Mutates the drafts."""
    text = ctx.text
    shown = [d for d in pool if d.tier != Tier.ALTERNATE and d.name]
    for d in shown:
        measure = next((w for w in _MEASURE if d.name.endswith(w)), "")
        if d.slot != "quantity" or d.value or not measure or (d.unit or "") not in _MEASURE[measure]:
            continue
        free = [m for m in ctx.mentions if not m.is_budget and m.unit in _MEASURE[measure]
                and not any(s.mention is not None and s.mention.start == m.start and s.value for s in shown)]
        if len(free) != 1 or not (work := _clause_work(text, free[0].start)):
            continue
        m = free[0]
        old = d.name
        d.name = work + measure
        d.mention = replace(m)
        d.operator, d.value, d.value_unit, d.value_source = "≥", m.value, m.unit, "text"
        d.note, d.explanation, d.tier = "", "", Tier.BOUND
        d.evidence.append(f"描述中的数量: {work}{m.value}{m.unit}（原名：{old}）")
