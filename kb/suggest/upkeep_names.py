"""After ranking: a figure of other work is not named as upkeep of systems (trial 18).

A reviewer of trial 18 struck two rows of a 12345 hotline read as 信息系统运维: 运维系统数量 ≥ 30 个 (the 30 are
话务坐席, "配备话务坐席30个") and 运维工单处理数量 ≥ 18 万件 (the number is right — "受理群众来电及网络诉求18万件" —
but the name is an IT ticket count). A shown row whose name says upkeep (`_UPKEEP`: 运维) bound to a figure whose
own clause writes no upkeep is named by the clause's words before the figure (配备话务坐席数量, 受理群众来电及网络诉求数量);
one whose clause gives no such words (4 to 14 Chinese characters) is set aside. Run after ranking: a rename or a set-aside, the ranker's
training untouched.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

WHY = "描述中的“{said}”不是运维工作，按原文命名为“{name}”"
WHY_ASIDE = "描述中的“{said}”不是运维工作，该运维指标仅作备选"

_UPKEEP = re.compile(r"运维")
# how a clause writes upkeep of systems or equipment
_UPKEEP_SAID = re.compile(r"运维|运行维护|维护|维保|巡检|检修")
_CLAUSE = re.compile(r"[，,。；;：:]")
# words before a figure that are none of its work (预计全年受理… → 受理…)
_LEAD = re.compile(r"^(?:预计|计划|全年|年内|本年度?|共|累计|每年)+")
# the work and object written before the figure, as a name (配备话务坐席, 受理群众来电及网络诉求)
_HEAD = re.compile(r"^[\u4e00-\u9fff]{4,14}$")


def name_figures_of_other_work(pool: list[Draft], ctx: ProjectContext) -> None:
    """Rename (or set aside) each shown 运维 row of `pool` (ranked drafts of one project) bound to a figure whose
    clause in `ctx.text` writes no upkeep (module docstring). In place; no error."""
    from kb.suggest.dedupe import set_aside

    t = ctx.text
    for d in pool:
        m = d.mention
        if d.tier == Tier.ALTERNATE or not d.name or d.value_source != "text" or m is None \
                or not _UPKEEP.search(d.name) or d.slot != "quantity":
            continue
        start = max((x.end() for x in _CLAUSE.finditer(t, 0, m.start)), default=0)
        end = next((x.start() for x in _CLAUSE.finditer(t, m.end)), len(t))
        clause = t[start:end]
        if _UPKEEP_SAID.search(clause):
            continue
        head = _LEAD.sub("", t[start:m.start])
        if _HEAD.match(head):
            name = f"{head}数量"
            d.evidence.append(WHY.format(said=clause, name=name))
            d.name = name
        else:
            set_aside(d, WHY_ASIDE.format(said=clause))
