"""After ranking: a grant's per-person standard from its budget and the one group it pays, when blank (trial 16).

The README's own example (高中国家助学金, “资助家庭经济困难学生300人”, budget 45 万元) left 资助项目人均资助标准 blank
although 45 万元 ÷ 300 人 = 1500 元/人: a fresh reviewer's note. When the text pays its money to one group of persons
it counts — the count said with a verb of paying (资助, 补助, 补贴, 发放, 奖励, 救助), no other group counted, no other
amount of money stated (the whole budget goes to them) — a blank standard per person (…资助标准 / 补助标准 in 元/人 or
元/生, per year or unstated) is the budget ÷ that count, when it divides evenly to the fen (an uneven share is no
standard anyone set). 设定依据 项目预算测算; the evidence shows the division. Pure over drafts; run after ranking.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_PAY = re.compile(r"^(?:资助|补助|补贴|发放|奖励|救助|奖补)")
_STANDARD = re.compile(r"(?:资助|补助|补贴|发放|奖励|救助)标准$")
_UNITS = ("元/人", "元/生", "元/人·年", "元/生·年")
_HEADS = {"人": 1.0, "名": 1.0, "万人": 1e4, "万名": 1e4}
_MONEY = ("元", "万元", "亿元")


def _is_budget_amount(q: dict, budget: float | None) -> bool:
    try:
        x = float(q["value"]) * {"元": 1e-4, "万元": 1.0, "亿元": 1e4}[q["unit"]]
    except (KeyError, ValueError):
        return False
    return budget is not None and abs(x - budget) <= 1e-6 * max(1.0, budget)


def paid_group(ctx: ProjectContext) -> tuple[float, str] | None:
    """(how many, the words) of the one group of persons the text pays its whole money to, else None."""
    heads = [m for m in ctx.mentions if m.unit in _HEADS or m.unit.endswith("人次")]
    # every amount the text states (its budget figures too: `ctx.quantities`) is the budget itself
    money = [q for q in ctx.quantities if q.get("unit") in _MONEY and not _is_budget_amount(q, ctx.budget_wan)]
    if len(heads) != 1 or money or heads[0].unit not in _HEADS:
        return None
    m = heads[0]
    if not (_PAY.match(m.verb or "") or _PAY.match(m.context or "")):
        return None
    return float(m.value) * _HEADS[m.unit], (m.context or m.verb + m.obj) + m.value + m.unit


def derive_grant_standard(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set each shown blank per-person standard to budget ÷ the paid group (module docstring). In place."""
    if not ctx.budget_wan:
        return
    group = paid_group(ctx)
    if group is None:
        return
    persons, said = group
    per = ctx.budget_wan * 10000 / persons
    if abs(per * 100 - round(per * 100)) > 1e-6:
        return
    value = f"{per:.2f}".rstrip("0").rstrip(".")
    for d in pool:
        unit = d.value_unit or d.unit
        if (d.tier == Tier.ALTERNATE or d.slot != "cost" or d.value or not _STANDARD.search(d.name)
                or unit not in _UNITS):
            continue
        d.operator, d.value, d.value_unit, d.value_source, d.note = "=", value, unit, "derived", ""
        d.evidence.append(f"项目预算{ctx.budget_wan:g}万元全部用于“{said}”：{ctx.budget_wan:g}万元 ÷ {persons:g}人 = {value}元")
