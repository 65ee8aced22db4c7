"""After ranking: a village fund's amount per village the text states is a row (trial 20 brief, item 8).

`binding` reads a standard per village when the text writes it 每村9万元 or 9万元/村; written 每个行政村9万元, 村均9万元 or
村均投入9万元 it was carried by no row, though it is the fund's one standard a 财政局 reviewer checks (the budget ÷ the
villages). `bind_village_standard` gives it a row: the pool's blank standard per village (村级组织运转经费标准 待填写
万元/村·年) takes the figure in the text's unit (= 9 万元/村), else a row is formed — 村均补助标准 = 9 万元/村 for what
is paid to the villages, 村均投入金额 ≤ 9 万元/村 for money spent in them. Nothing changes when a shown row already carries
an amount per village. Pure over drafts, in place; after ranking, so the ranker's training reads the same candidates.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.objects import Mention
from kb.suggest.ranker import Tier

# 每个行政村9万元, 每个村补助9万元, 村均9万元, 村均投入9万元, 平均每村补助9万元 (每村9万元 and 9万元/村 bind already)
_PER_VILLAGE = re.compile(r"(?:每个(?:行政)?村|每行政村|村均)(?P<year>每年)?(?P<verb>补助|补贴|奖补|投入|安排|拨付|资金)?"
                          r"(?P<v>\d+(?:\.\d+)?)(?P<u>万元|元)")
_SPENT = ("投入",)


def bind_village_standard(pool: list[Draft], ctx: ProjectContext) -> None:
    """See the module docstring. In place."""
    said = _PER_VILLAGE.search(ctx.text)
    if said is None:
        return
    unit = f"{said.group('u')}/村" + ("·年" if said.group("year") else "")
    shown = [d for d in pool if d.tier != Tier.ALTERNATE]
    for d in shown:   # 每个村补助标准 = 9 万元/个: the amount is per village
        if d.name.startswith(("每个村", "每个行政村")) and (d.value_unit or d.unit).endswith("/个"):
            d.unit = d.value_unit = (d.value_unit or d.unit)[:-1] + "村"
    if any(re.match(r"(?:万元|元)/(?:行政)?村", d.value_unit or d.unit or "") and d.value for d in shown):
        return
    spent = said.group("verb") in _SPENT
    mention = Mention(said.group("v"), said.group("u"), said.group("verb") or "", "村", said.start("v"), said.end(),
                      context=said.group())
    blank = sorted((d for d in pool if d.slot == "cost" and not d.value and d.source != "formed"
                    and re.match(r"(?:万元|元)/(?:行政)?村", d.unit or "")), key=lambda d: (-int(d.tier), -d.score))
    peers = [d.score for d in shown if d.slot == "cost"]
    if blank and not spent:
        d = blank[0]
    else:
        d = Draft(name="村均投入金额" if spent else "村均补助标准", level2="economic_cost", source="formed", unit=unit,
                  direction="negative" if spent else "equal", needs_value=True, obj="村",
                  evidence=["按描述用词生成"])
        pool.append(d)
    d.operator, d.value, d.unit, d.value_unit, d.value_source = ("≤" if spent else "="), said.group("v"), unit, unit, "text"
    d.tier, d.mention, d.note = Tier.BOUND, mention, ""
    d.score = max(d.score, min(peers, default=0.0))
    d.evidence.append(f"描述中的金额: {said.group()}")
