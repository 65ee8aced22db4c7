"""After ranking: a per-unit cost the text states (冷库仓储3100元/平方米) is the cost row's value, never the budget ÷
the quantity (1100 万元 ÷ 1290.3 平方米 ≈ 8525.15 元/平方米, values round 23, E025: the whole budget also pays the
drying equipment and the transformers, so the quotient is no one's unit cost).

`bind_stated_unit_cost` reads the text's standards with the one reader (`kb.domain.standards.read_standards`) and,
when exactly one is per the extent a derived cost row is per (元/平方米, 万元/公里 …), gives that row the stated amount
(value_source text, tier BOUND) and names it after what the text says the standard is for (冷库仓储每平方米建设成本);
the other rows holding the same quotient (alternates of other names) take the stated amount too. Acts after ranking
(a bind and a rename), so the ranker's training reads the same candidates. Pure over drafts, in place.
"""
from __future__ import annotations

import re

from kb.domain.standards import read_standards
from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.objects import Mention
from kb.suggest.quantities import amount
from kb.suggest.ranker import Tier

_EXTENTS = ("公里", "米", "平方米", "亩", "公顷", "立方米")
_MONEY = {"元": 1.0, "万元": 10000.0}
# what a standard is for: the last run of words before it, after the clause's punctuation (…安装(冷库仓储 → 冷库仓储)
_FOR = re.compile(r"([\u4e00-\u9fff]{2,8})$")
_UNIT_WORDS = re.compile(r"^(?:单位面积|单位长度|单位|每(?:平方米|公里|米|亩|公顷|立方米))")


def bind_stated_unit_cost(pool: list[Draft], ctx: ProjectContext) -> None:
    """See the module docstring. In place."""
    derived = [d for d in pool if d.slot == "cost" and d.value_source == "derived" and d.value
               and (d.value_unit or d.unit).partition("/")[0] in _MONEY
               and (d.value_unit or d.unit).partition("/")[2] in _EXTENTS]
    if not derived:
        return
    stds = [s for s in read_standards(ctx.text) if len(s.parts) == 1 and s.parts[0] in _EXTENTS and s.low is None]
    for per in {(d.value_unit or d.unit).partition("/")[2] for d in derived}:
        said = [s for s in stds if s.parts[0] == per]
        if len({(s.amount, s.money) for s in said}) != 1:
            continue   # none, or several standards of that extent: the row cannot tell which is its own
        std = said[0]
        rows = [d for d in derived if (d.value_unit or d.unit).partition("/")[2] == per]
        what = _FOR.search(std.before)
        shown = sorted((d for d in rows if d.tier != Tier.ALTERNATE), key=lambda d: -d.score)
        for d in rows:
            money = (d.value_unit or d.unit).partition("/")[0]
            v = std.amount * _MONEY[std.money] / _MONEY[money]
            d.evidence.append(f"描述写明标准“{std.said}”，不以项目金额÷数量（{d.value}）计算")
            d.operator, d.value, d.value_source = "≤", amount(v), "text"
            d.mention = Mention(amount(std.amount), f"{std.money}/{per}", "", what.group(1) if what else "",
                                std.span[0], std.span[1], context=std.said)
        if shown:
            d = shown[0]
            d.tier = Tier.BOUND
            thing = what.group(1) if what else ""
            if thing and thing not in d.name:
                d.name = f"{thing}每{per}" + _UNIT_WORDS.sub("", d.name)
            elif not re.search(r"每|单价|标准", d.name):
                d.name = _UNIT_WORDS.sub(f"每{per}", d.name) if _UNIT_WORDS.search(d.name) else f"每{per}{d.name}"
            d.explanation = f"{thing or '项目'}每{per}的{'建设' if '建设' in d.name else ''}成本，不超过描述写明的标准"
