"""After ranking: figures said per unit or per household, bound as if they were totals (trial 24).

- a count said per place (全年每站组织开展文体活动不少于12场次、举办公益培训讲座不少于6期 beside 我县18个乡镇综合文化站):
  the row counts the county's whole, 18 × 12 = 216 场, and names what the text names (公益培训讲座期数, not 讲座期数);
- an income said per household (带动入社农户户均增收由…1200元提高到1500元) is no 总额 in 元: 入社农户户均增收 in 元/户;
- a name formed over 户均 and the household classifier (带动1200户农户户均增收2000元 → 农户户均户数 ≥ 1200 户, 户农户户均增收):
  带动农户户数 and 农户户均增收.
Names and values only, after ranking: the ranker's training reads the same candidates.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_MONEY = frozenset({"元", "万元", "亿元"})
# the verb that opens an activity's words in a clause (举办公益培训讲座不少于 → 公益培训讲座)
_ACTIVITY = re.compile(r"(?:组织开展|组织|开展|举办|举行)(?P<what>[\u4e00-\u9fff]{2,12}?)(?:不少于|不低于|达到|\d)")


def _clause_lead(text: str, start: int) -> str:
    return re.split(r"[，,。；;：:]", text[max(0, start - 80):start])[-1]


def _places(ctx: ProjectContext, per: str):
    """The text's count of the places `per` names (每站 → 18个乡镇综合文化站), else None."""
    found = [m for m in ctx.mentions if not m.is_budget and m.unit not in _MONEY and m.obj.endswith(per)
             and re.fullmatch(r"\d+", m.value)]
    return found[0] if len(found) == 1 else None


def total_per_place_counts(pool: list[Draft], ctx: ProjectContext) -> None:
    """Each shown count row bound to a figure its clause says per place (module docstring): the total over the places
    the text counts, named as the text names the activity. In place."""
    for d in pool:
        units = d.unit + d.value_unit
        if d.tier == Tier.ALTERNATE or d.value_source != "text" or d.mention is None \
                or re.search(r"元|/|%|小时|天|年|月", units) \
                or not re.fullmatch(r"\d+", d.value or "") or d.name.startswith("每"):
            # a standard (2 万元/村·年), a rate or a time is said per place by its nature: no count to total
            continue
        lead = _clause_lead(ctx.text, d.mention.start)
        per = re.search(r"每(?:个)?(?P<p>[站村校所馆室点])", lead)
        if not per or "每" + per.group("p") in d.name:
            continue
        places = _places(ctx, per.group("p"))
        if places is None:
            continue
        total = int(d.value) * int(places.value)
        d.evidence.append(f"描述写明每{per.group('p')}{d.value}{d.value_unit or d.unit}，共{places.value}{places.unit}"
                          f"{places.obj}，合计 {d.value}×{places.value}={total}")
        d.value = str(total)
        own = lead[lead.rfind("、") + 1:] if "、" in lead else lead
        said = _ACTIVITY.search(own)
        head = d.name[:2]
        if said and head in said.group("what") and not said.group("what").startswith(head):
            at = said.group("what").index(head)
            whole = said.group("what")[:at] + d.name
            if whole != d.name:
                d.evidence.append(f"按描述写明的“{said.group('what')}”命名（原为“{d.name}”）")
                d.name = whole


def name_per_household_income(pool: list[Draft], ctx: ProjectContext) -> None:
    """Each shown row bound to a figure said per household (户均) named and measured per household; a count of
    households named without 户均 (module docstring). In place."""
    for d in pool:
        if d.tier == Tier.ALTERNATE or d.mention is None or d.value_source != "text":
            continue
        lead = _clause_lead(ctx.text, d.mention.start)
        if d.unit in ("户",) and "户均" in d.name:
            was = d.name
            d.name = ("带动" if "带动" in lead[-4:] else "") + d.name.replace("户均", "")
            d.evidence.append(f"“户均”说的是增收，不是户数（原为“{was}”）")
            continue
        if "户均" not in lead or (d.value_unit or d.unit) not in ("元", "元/户"):
            continue
        said = re.search(r"(?:带动)?(?P<who>[\u4e00-\u9fff]{0,6}?户)?户均(?P<what>增收|收入)", lead)
        if not said:
            continue
        name = (said.group("who") or "") + "户均" + said.group("what")
        name = re.sub(r"^\d*户", "", name)
        if name != d.name or d.value_unit != "元/户":
            d.evidence.append(f"描述写明的是户均数（原为“{d.name}”，{d.value_unit or d.unit}）")
            d.name, d.unit, d.value_unit = name, "元/户", "元/户"
