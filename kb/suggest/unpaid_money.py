"""After ranking: no row about paying a kind of money the text never pays (trial 23).

A 流浪乞讨人员救助 fund gives help in kind (生活救助、医疗救治和返乡交通费) and the type's 救助金发放时间达标率 = 100 % asks
about paying 救助金 — money the text never names; a fresh reviewer struck it as another programme's row (临时救助). A
shown row not bound to the text whose name names a kind of money paid to persons (救助金, 慰问金, 优待金, 抚恤金, 奖励金,
助学金, 奖学金) the text never writes is set aside. Only sets aside (the reason in its evidence), after ranking.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_MONEY = re.compile(r"(?:救助金|慰问金|优待金|抚恤金|奖励金|助学金|奖学金)(?!额)")   # 户均救助金额 is an amount (D017)


def set_aside_unpaid_money(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside each shown unbound row of `pool` about a kind of money the text never names (module docstring)."""
    said = (ctx.name or "") + ctx.text
    for d in pool:
        if d.tier == Tier.ALTERNATE or not d.name or d.value_source == "text":
            continue
        money = _MONEY.search(d.name)
        if money and money.group(0) not in said:
            set_aside(d, f"描述中没有发放{money.group(0)}，“{d.name}”不适用，仅作备选")
