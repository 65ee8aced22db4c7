"""The name real tables of a family give a row the default table names in the text's words, offered beside it.

A kind of spending any unit has (a project type of group 通用: 车辆运行维护, 物业管理, 规划编制, 维修改造,
聘用人员 …) has no unit of output its cost could be counted by, and its real tables state the year's money as
项目总成本 (or 项目成本), whatever the work is. suggest names the default table's total after the text's object
(车辆维修燃油费成本 ≤ 24 万元); the same total under its usual name is offered as the cost slot's first alternate,
same target, so a declarant picks the wording and the checker reads one measure either way. Runs after ranking
and choosing the table: the ranker's training candidates and the default table are untouched.

Issue 10 (recall round 4, hr4b): cross-validated on dev, lexical, 项目总成本 is the gold row of five tables whose
best type is 通用 (D004, D031, D037's 项目成本, D047's 村级组织 ran with 培训 …) and of no other kind in the first
ten; offered only for those types. Not for naming rows from the text (`kb.suggest.naming`).
"""
from __future__ import annotations

import re
from copy import copy

from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier
from kb.suggest.table import Table
from kb.suggest.words import STANDARD_NAME

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
    out.evidence = [f"通用类支出的常用写法：“{d.name}”即项目总成本"] + [e for e in d.evidence if not e.startswith("按")]
    return out
