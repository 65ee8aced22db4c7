"""After ranking: a count named by what its own clause says (trial 23, the veterans' text).

"重点优抚对象…慰问840人次；义务兵家庭优待金120万元，按每户每年1.2万元标准发放100户；…组织60名优抚对象分两批赴市
疗养院疗养" gave two rows a fresh reviewer struck:
- 优抚对象人数 ≥ 60 人: the 60 are those sent to 疗养 (the visits are 840 人次); a person count whose figure is followed
  in its clause by 赴 / 到 / 参加 … + a work (疗养, 体检, 培训, 研修) is named by that work: 疗养优抚对象人数.
- 标准发放户数 ≥ 100 户: a name cut from 按…标准发放 (garbled); a row named 标准… is named by the money its sentence part
  pays (义务兵家庭优待金 of "义务兵家庭优待金120万元，…发放100户"): 义务兵家庭优待金发放户数.
- 完成县级非遗项目数量 ≥ 3 个 (trial 23b, the heritage text "完成3个县级非遗项目的数字化记录"): a count cut from
  完成 + the object, where the clause goes on "…的 + a work" — the count is of the objects given that work:
  县级非遗项目数字化记录数量.
Renames only (the reason in the evidence), after ranking.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_PERSON_UNITS = ("人", "名", "人次")
_GOES_TO = re.compile(r"^[^，,。；;]{0,14}?(?:赴|到|参加)[\u4e00-\u9fff]{0,10}?(疗养|体检|培训|研修)(?=[，,。；;]|$)")
_OBJECT_WORK = re.compile(r"^([\u4e00-\u9fff]{2,12}?)的([\u4e00-\u9fff]{2,8})(?=[，,。；;]|$)")
_MONEY = re.compile(r"([\u4e00-\u9fff]{2,12}?(?:金|补贴|补助))\d+(?:\.\d+)?万?元")


def name_counts_by_their_clause(pool: list[Draft], ctx: ProjectContext) -> None:
    """Rename each shown count of `pool` by what its own clause says (module docstring). In place."""
    t = ctx.text
    for d in pool:
        m = d.mention
        if d.tier == Tier.ALTERNATE or m is None or d.value_source != "text" or d.slot != "quantity":
            continue
        name = ""
        if (d.value_unit or d.unit) in _PERSON_UNITS:
            goes = _GOES_TO.match(t[m.end:m.end + 30])
            if goes and goes.group(1) not in d.name:
                name = goes.group(1) + d.name
        if d.name.startswith("标准"):
            part = re.split(r"[；;。]", t[max(0, m.start - 60):m.start])[-1]
            money = _MONEY.search(part)
            if money:
                name = money.group(1) + d.name[2:]
        if d.name.startswith("完成") and d.name.endswith("数量"):
            work = _OBJECT_WORK.match(t[m.end:m.end + 24])
            if work and work.group(1) == d.name[2:-2]:
                name = work.group(1) + work.group(2) + "数量"
        if name and name != d.name:
            d.evidence.append(f"按描述中这项数量所在的分句命名：{d.name} → {name}")
            d.name = name
