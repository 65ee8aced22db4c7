"""After ranking: a measure counted in cases (例) with its own per-case reward, carried by its own rows (trial 19).

A funeral subsidy's text states two measures: 每具遗体补助1200元，预计全年惠及2800户家庭 and "对自愿将骨灰安葬在公益性公墓
或实行树葬等节地生态安葬的，另给予每例1000元奖励，计划300例". The 300 例 was read with no object and the 1000 元 per case
bound no row, so one of the project's two measures disappeared from the table. The cases' object is what the
sentence's condition names (〔…等〕节地生态安葬的): `carry_counted_cases` forms 节地生态安葬数量 ≥ 300 例 and, when the
sentence states the per-case amount, 节地生态安葬奖励标准 = 1000 元/例 (奖励 / 补助 / 补贴 as the text calls it), both
bound to the text (设定依据 the text). A figure another row already carries forms nothing. Pure over drafts, in place.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

# the condition the cases meet: 〔…等 / 实行 / 开展〕节地生态安葬的，
_CONDITION = re.compile(r"(?:等|实行|进行|开展|实施|采取|选择)([\u4e00-\u9fff]{2,8}?)的[，,]")
# the amount per case: 每例1000元奖励 / 每例补助500元
_PER_CASE = re.compile(r"每例(?:(?P<w1>奖励|补助|补贴))?(?P<v>\d+(?:\.\d+)?)(?P<u>万元|元)(?P<w2>奖励|补助|补贴)?")


def carry_counted_cases(drafts: list[Draft], ctx: ProjectContext) -> None:
    """See the module docstring. In place."""
    t = ctx.text
    for m in ctx.mentions:
        if m.unit != "例" or m.is_budget or any(d.mention is m or d.value == m.value and (d.value_unit or d.unit) == "例"
                                                 for d in drafts if d.tier != Tier.ALTERNATE):
            continue
        start = max((x.end() for x in re.finditer(r"[。；;]", t[:m.start])), default=0)
        sentence = t[start:m.start]
        cond = list(_CONDITION.finditer(sentence))
        if not cond:
            continue
        obj = cond[-1].group(1)
        low = [d.score for d in drafts if d.slot == "quantity" and d.tier != Tier.ALTERNATE]
        drafts.append(Draft(name=obj + "数量", level2="quantity", source="formed", unit="例", direction="positive",
                            operator="≥", value=m.value, value_unit="例", value_source="text", tier=Tier.BOUND,
                            score=min(low, default=0.0), needs_value=True, mention=m, obj=obj,
                            evidence=[f"描述中的数量: {obj}…计划{m.value}例", "按描述用词生成"]))
        per = _PER_CASE.search(sentence)
        if per is None:
            continue
        word = per.group("w1") or per.group("w2") or "补助"
        unit = per.group("u") + "/例"
        if any(d.value == per.group("v") and (d.value_unit or d.unit) == unit for d in drafts if d.tier != Tier.ALTERNATE):
            continue
        # beside the text's other per-unit standard (每具补助标准 = 1200 元/具): the two measures' standards side by side
        said = next((x for x in ctx.mentions if x.value == per.group("v") and x.unit == per.group("u")
                     and start <= x.start < m.start), None)
        peers = [d.score for d in drafts if d.slot == "cost" and d.tier != Tier.ALTERNATE and d.value_source == "text"
                 and "/" in (d.value_unit or d.unit)]
        low = [d.score for d in drafts if d.slot == "cost" and d.tier != Tier.ALTERNATE]
        drafts.append(Draft(name=f"{obj}{word}标准", level2="economic_cost", source="formed", unit=unit,
                            direction="equal", operator="=", value=per.group("v"), value_unit=unit, value_source="text",
                            tier=Tier.BOUND, score=min(peers) * 0.999 if peers else min(low, default=0.0), needs_value=True,
                            obj=obj, mention=said, evidence=[f"描述中的金额: 每例{per.group('v')}{per.group('u')}{word}",
                                               "按描述用词生成"]))
