"""The whole project's cost and deadline named for the whole, not for one of its parts, after ranking (trial 16).

A project named for two works joined by 及 / 和 / 与 / 、 (农村公路日常养护及预防性养护工程, 道水河城区段及支流清淤疏浚
工程, 办案业务费(陪审员及互联网专线)) gets its rows formed on the object its name ends with — the second work only
(预防性养护工程, 支流清淤疏浚工程, 互联网专线). A cost row whose ceiling is the whole budget (≤ 320 万元 for 日常养护
and 预防性养护 together) then names the part's cost, which the text contradicts: a fresh reviewer struck
预防性养护工程成本 ≤ 320 万元 and 支流清淤疏浚工程成本 ≤ 1580 万元. Such a row is the project's total cost
(项目总成本, as real tables name it: D004, D047, D065 in `indicators/training/tables.jsonl`); a part's cost keeps its
name only with the part's own stated amount. Likewise the completion date of the whole project (工程于…全部完工)
formed on the part is the project's (项目完成时间). Pure over drafts; run after ranking, so the ranker's training
reads the same candidates.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_JOINS = re.compile(r"[及和与、]")
WHOLE_COST = "项目总成本"
WHOLE_DEADLINE = "项目完成时间"


def coordinated_part(obj: str, project_name: str) -> bool:
    """True when `obj` (the object a formed row is built on) is only the work after a 及 / 和 / 与 / 、 of the
    project's name (日常养护及预防性养护工程 and 预防性养护工程; 陪审员及互联网专线 and 互联网专线): the name joins
    it to another work. False for an object holding the join itself (改造及设备购置) or one that does
    not open right after a join (药品、医疗器械、化妆品(两品一械): the abbreviation of all)."""
    if len(obj) < 2 or _JOINS.search(obj):
        return False
    head = obj[:2]
    for m in _JOINS.finditer(project_name):
        before, after = project_name[:m.start()], project_name[m.end():]
        # the part may drop a qualifier of the name's second work (重度残疾人护理补贴 → 残疾人护理补贴, trial 18)
        if head in after[:4] and after.find(head) + len(obj) <= len(after) and re.search(r"[\u4e00-\u9fff]{2}$", before):
            return True
    return False


def _whole_amount(d: Draft, ctx: ProjectContext) -> bool:
    """The row's ceiling is the whole budget (or the whole amount the text states), in 万元."""
    if d.value_source == "budget":
        return True
    try:
        x = float(d.value)
    except ValueError:
        return False
    unit = d.value_unit or d.unit
    return unit == "万元" and any(w and abs(x - w) <= 1e-6 * w for w in (ctx.budget_wan, ctx.total_wan))


def name_whole_cost(pool: list[Draft], ctx: ProjectContext) -> None:
    """Rename a shown cost row of the whole amount named for a coordinated part (〔part〕成本) 项目总成本, and a shown
    completion date named for it (〔part〕完成时间) 项目完成时间 (module docstring). In place; nothing set aside."""
    name = ctx.name or ""
    for d in pool:
        if d.tier == Tier.ALTERNATE:
            continue
        if d.level2 == "economic_cost" and d.name.endswith("成本") and coordinated_part(d.name[:-2], name) \
                and _whole_amount(d, ctx):
            d.evidence.append(f"{d.value}万元是整个项目的预算，不只是“{d.name[:-2]}”的成本：按项目总成本填写")
            d.name = WHOLE_COST
        elif d.level2 == "timeliness" and d.name.endswith("完成时间") and coordinated_part(d.name[:-4], name):
            d.evidence.append(f"完成时限是整个项目的，不只是“{d.name[:-4]}”的")
            d.name = WHOLE_DEADLINE
    _prefer_whole_rates(pool, name, ctx.text)


_BRACKETED = re.compile(r"[（(]([\u4e00-\u9fff]{4,12})[）)]")


def _prefer_whole_rates(pool: list[Draft], name: str, text: str = "") -> None:
    """A rate formed on a coordinated part (残疾人护理补贴发放准确率 of 生活补贴和护理补贴) beside a row of the same
    measure named for the whole (残疾人两项补贴发放准确率, the type's): the part's row is set aside — the measure is
    of both works (trial 18); without such a row it is named by the short name the text gives the whole in brackets
    (残疾人两项补贴发放率). In place."""
    from kb.domain.text import bigrams
    from kb.suggest.dedupe import set_aside

    # the text's own short name of the whole (…护理补贴（残疾人两项补贴）项目): a bracketed phrase sharing the name's words
    short = next((b for b in _BRACKETED.findall(text) if b not in name and len(set(bigrams(b)) & set(bigrams(name))) >= 2),
                 "")
    for d in pool:
        if d.tier == Tier.ALTERNATE or d.source != "formed" or not d.name.endswith("率"):
            continue
        part = next((d.name[:i] for i in range(len(d.name) - 2, 1, -1)
                     if d.name[:i] in name and coordinated_part(d.name[:i], name)), "")
        if not part:
            continue
        tail = d.name[len(part):]
        whole = next((o for o in pool if o is not d and o.tier != Tier.ALTERNATE and o.slot == d.slot
                      and o.name.endswith(tail) and o.name[:-len(tail)] not in name
                      and o.name[:2] == d.name[:2]), None)
        if whole is not None:
            set_aside(d, f"“{part}”只是项目的一部分，已有针对整个项目的“{whole.name}”，仅作备选")
        elif short:
            d.evidence.append(f"“{part}”只是项目的一部分，按描述中整个项目的简称“{short}”命名")
            d.name = short + tail
