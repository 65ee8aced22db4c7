"""Rows real tables of a family word in their usual way, offered beside the default table (first of their slot).

1. The total as 项目总成本 (`offer_generic_total`).

A kind of spending any unit has (a project type of group 通用: 车辆运行维护, 物业管理, 规划编制, 维修改造,
聘用人员 …) has no unit of output its cost could be counted by, and its real tables state the year's money as
项目总成本 (or 项目成本), whatever the work is. suggest names the default table's total after the text's object
(车辆维修燃油费成本 ≤ 24 万元); the same total under its usual name is offered as the cost slot's first alternate,
same target, so a declarant picks the wording and the checker reads one measure either way. Runs after ranking
and choosing the table: the ranker's training candidates and the default table are untouched.

Issue 10 (recall round 4, hr4b): cross-validated on dev, lexical, 项目总成本 is the gold row of five tables whose
best type is 通用 (D004, D031, D037's 项目成本, D047's 村级组织 ran with 培训 …) and of no other kind in the first
ten; offered only for those types.

2. The acceptance of a repair the money pays for (`offer_repair_acceptance`). Money spent on 维修 / 维保 / 修缮
buys work a unit accepts, and real tables state its 〔维修〕验收合格率 (办公大楼日常维修维护验收合格率, 维修施工验收合格率);
where the text names such work and the default table accepts nothing (or only "accepts" money: 车辆维修燃油费验收合格率,
a name formed on the fund's title), 〔the text's repair word〕验收合格率 = 100 % is the quality slot's first alternate;
a default row accepting money is renamed so in place (its target kept).

3. A total or a date named on a fund's money (车辆维修燃油费成本, 物业管理费完成时间: the formed object is the fund's
title, and a fee has no cost or completion of its own) takes the family's plain name in the default table, its target
kept: 项目总成本, 项目完成时间 (`name_money_rows_plainly`).

Each row offered here stands first among the alternates of the flat `suggestions` (`offered_first`). Not for
naming rows from the text (`kb.suggest.naming`).
"""
from __future__ import annotations

import re
from copy import copy

from kb.suggest.draft import Draft, from_library_row
from kb.suggest.ranker import Tier
from kb.suggest.table import Table
from kb.suggest.words import STANDARD_NAME

# what the evidence of a row offered here opens with (`offered_first` reads it)
FAMILY_WORDING = "同类项目的常用写法"
GENERIC_GROUP = "通用"
# a department's whole budget is no project: its total is 部门整体支出, not 项目总成本
NOT_A_PROJECT = frozenset({"department_overall"})
TOTAL_NAME = "项目总成本"
# a total already under a generic name (项目总成本, 项目成本, 总成本) needs no second wording
_GENERIC_TOTAL = re.compile(r"^(项目)?总?成本$")
# a cost row for the year's money (…成本, …费), not a standard, a unit amount or a part of the money
_TOTAL_ROW = re.compile(r"(成本|费用?|经费)$")


def offer_generic_total(table: Table, detected: list[tuple]) -> Table:
    """`table` with 项目总成本 as the first cost alternate when the best detected type is of group 通用 and the
    default table's one total cost row is named after the text's object (not for a department's whole budget,
    `NOT_A_PROJECT`). The alternate copies that row's target,
    unit, tier and score (it is the same measure under the family's usual name). `detected`: (ProjectType,
    probability) best first. Mutates and returns `table`."""
    if not detected or detected[0][0].group != GENERIC_GROUP or detected[0][0].id in NOT_A_PROJECT:
        return table
    totals = [d for d in table.rows if _whole_money(d)]
    if len(totals) != 1 or _GENERIC_TOTAL.match(totals[0].key):
        return table
    alts = table.alternates.setdefault("cost", [])
    if any(_GENERIC_TOTAL.match(a.key) for a in alts):
        return table
    alts.insert(0, _restated(totals[0]))
    return table


def _whole_money(d: Draft) -> bool:
    return (d.slot == "cost" and d.tier != Tier.ALTERNATE and not d.part and "/" not in (d.value_unit or d.unit)
            and not STANDARD_NAME.search(d.name) and bool(_TOTAL_ROW.search(d.key)))


def _restated(d: Draft) -> Draft:
    out = copy(d)
    out.name, out.level2, out.template, out.obj, out.mention = TOTAL_NAME, "economic_cost", None, "", d.mention
    out.explanation = "项目年度资金的总成本，即本表成本指标的通用名称，二者只填其一"
    out.source = "type"   # the family's usual row, not a name formed from the text
    out.evidence = [f"{FAMILY_WORDING}：通用类支出的“{d.name}”即项目总成本"] + [e for e in d.evidence
                                                                               if not e.startswith("按")]
    return out


# the repair words a text names its work with, longest first (维护 alone is not read: 维护社会稳定)
REPAIR_WORK = re.compile(r"维修维护|维修维保|维修改造|维修|修缮|维保")
ACCEPTANCE = "验收合格率"
# the library row whose fields (unit, direction, typical 100 %) the offered acceptance takes
ACCEPTANCE_ROW = "维修改造验收合格率"
# an acceptance "of" money is a name formed on a fund's title, not of work (车辆维修燃油费验收合格率)
_MONEY_OBJECT = re.compile(r"(费|经费|资金)验收合格率$")


def offer_repair_acceptance(table: Table, text: str, idx) -> Table:
    """`table` with 〔repair word〕验收合格率 = 100 % as the first quality alternate when `text` (project name and
    description) names repair work (`REPAIR_WORK`) and no row of the table, default or alternate, accepts work
    (an acceptance named on money does not: a default row 车辆维修燃油费验收合格率 is renamed 维修验收合格率 in place,
    nothing else offered). `idx`: the KB's indicator index (the library row `ACCEPTANCE_ROW`
    gives the unit, direction and typical value; nothing is offered without it). Mutates and returns `table`."""
    m = REPAIR_WORK.search(text or "")
    if m is None:
        return table
    shown = table.rows + [a for v in table.alternates.values() for a in v]
    if any(d.key.endswith(ACCEPTANCE) and not _MONEY_OBJECT.search(d.key) for d in shown):
        return table
    on_money = [d for d in table.rows if _MONEY_OBJECT.search(d.key)]
    if on_money:   # the table's own acceptance, named on the fund's title: the repair's name, same target
        d = on_money[0]
        d.evidence = [f"{FAMILY_WORDING}：描述写明“{m.group(0)}”，“{d.name}”改称{m.group(0)}{ACCEPTANCE}"] + d.evidence
        d.name, d.template, d.obj = m.group(0) + ACCEPTANCE, None, ""
        return table
    rows = idx.by_name.get(ACCEPTANCE_ROW) or []
    if not rows:
        return table
    d = from_library_row(idx.rows[rows[0]], "formed", name=m.group(0) + ACCEPTANCE)
    d.operator, d.value, d.value_unit = d.typical[0] or "=", d.typical[1] or "100", d.typical[2] or d.unit
    d.value_source = "typical"
    d.explanation = "维修维护工作经验收合格的比例"
    d.evidence = [f"{FAMILY_WORDING}：描述写明“{m.group(0)}”，维修工作以验收合格率计"]
    table.alternates.setdefault("quality", []).insert(0, d)
    return table


def offered_first(d: Draft) -> bool:
    """A row offered here (it stands first among the flat list's alternates)."""
    return bool(d.evidence) and d.evidence[0].startswith(FAMILY_WORDING)


# a formed row's name on money: the measure a fee cannot have (its cost, its completion) → the project's plain one
_MONEY_MEASURE = re.compile(r"(?:费|资金)(成本|完成时间)$")
PLAIN_NAMES = {"成本": TOTAL_NAME, "完成时间": "项目完成时间"}


def name_money_rows_plainly(table: Table) -> Table:
    """`table` with each default row formed on a fund's money (…费成本, …费完成时间) named 项目总成本 / 项目完成时间,
    target, unit and basis kept; not when the table already holds a row of that name. Mutates and returns `table`."""
    names = {d.key for d in table.rows}
    for d in table.rows:
        m = _MONEY_MEASURE.search(d.key) if d.source == "formed" else None
        if m is None or PLAIN_NAMES[m.group(1)] in names:
            continue
        plain = PLAIN_NAMES[m.group(1)]
        d.evidence = [f"“{d.name}”的对象是经费名称，按同类项目的常用写法改称{plain}"] + d.evidence
        d.name, d.template, d.obj = plain, None, ""
        names.add(plain)
    return table
