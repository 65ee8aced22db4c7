"""A blank per-unit cost row whose denominator the text never counts, set aside after ranking.

A per-unit cost (服务单价 元/人次, 单位面积维修成本 元/平方米) is checked against the units the work is counted in: a
reviewer asks 元/人次 of a fog-cannon contract counted in 台 and 天 (D030, suggest round 13) what a 人次 is. Such a
row left 待填写 is set aside (an alternate) unless every part of its denominator (人次; 台·天 → 台, 天) is a word of the
text; a row of a value (the text's, the budget's) and a payment standard (资助标准 元/人, 补偿标准 元/亩·年: what
each one gets, not what the work costs) stay. Two more readings of per-unit costs (trial 14): no cost per extent from
the year's part of a project done over several years (`unprice_part_year_extent`), and a standard said of one listed
part of the money names that part (`name_part_standard`). Pure over drafts; run after ranking, so the ranker's
training reads the same candidates.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import PENDING, Draft
from kb.suggest.ranker import Tier
from kb.suggest.dedupe import set_aside

# a row naming what the work costs per unit (not what a payee gets)
_UNIT_COST = re.compile(r"成本|单价|造价|费用|价格|投资")
_PAYMENT = re.compile(r"标准|补助|救助|资助|补偿|限额|补贴|奖励|奖补")
# denominators the text may write in another word (辆 for 台, 名 for 人)
_SAME_UNIT = {"台": ("台", "辆", "部"), "辆": ("辆", "台", "部"), "人": ("人", "名"), "名": ("名", "人"),
              "平方米": ("平方米", "㎡", "m²", "平米"), "公里": ("公里", "千米", "km")}


def denominator_parts(unit: str) -> list[str]:
    """The counting words under a per-unit unit's slash (元/台·天 → ['台', '天'], 万元/公里 → ['公里']); [] for a
    unit without a slash."""
    if "/" not in unit:
        return []
    below = unit.split("/", 1)[1]
    return [p for p in re.split(r"[·.*×]", below) if p]


# a period every budget year holds (元/平方米·月 of a property contract): never asked of the text
_YEAR_PARTS = frozenset({"年", "月", "学年", "学期"})


def set_aside_unit_cost_of_uncounted(drafts: list[Draft], ctx: ProjectContext) -> None:
    """Set aside each shown 成本 row left 待填写 that names a per-unit cost (`_UNIT_COST`, not a payment standard)
    in a unit whose denominator the project's name and description never use (module docstring). In place."""
    text = f"{ctx.name or ''} {ctx.text}"
    for d in drafts:
        if d.slot != "cost" or d.tier == Tier.ALTERNATE or not d.pending \
                or not _UNIT_COST.search(d.name) or _PAYMENT.search(d.name):
            continue
        parts = [p for p in denominator_parts(d.value_unit or d.unit) if p not in _YEAR_PARTS]
        missing = [p for p in parts if not any(w in text for w in _SAME_UNIT.get(p, (p,)))]
        if missing:
            set_aside(d, f"描述中没有按“{'、'.join(missing)}”计量的工作，单位成本无从测算，仅作备选")


# a project done over several years (分两年实施, 分期建设, 跨年度实施): the year's money pays for part of its extent
_OVER_YEARS = re.compile(r"分[两二三四五2-5]年|分年度|分期(?:实施|建设)|跨年度实施")
_TOTAL_INVEST = re.compile(r"总投资\s*(\d+(?:\.\d+)?)\s*(亿元|万元)")


def unprice_part_year_extent(drafts: list[Draft], ctx: ProjectContext) -> None:
    """A per-extent cost derived from the year's budget ÷ the whole project's extent (trial 14's school: 260 万元 ÷
    4800 平方米 = 541.67 元/平方米, while the 4800 平方米 is the work of 总投资420万元, 分两年实施) is no unit cost
    of anything: left 待填写 with the reason when the text says the project runs over several years or states a
    total investment above the year's budget. In place; rows of the text's own rate (value_source text) stay."""
    t = ctx.text
    total = _TOTAL_INVEST.search(t)
    above = bool(total and ctx.budget_wan and
                 float(total.group(1)) * (10000 if total.group(2) == "亿元" else 1) > ctx.budget_wan * 1.01)
    if not (above or _OVER_YEARS.search(t)):
        return
    for d in drafts:
        if d.slot != "cost" or d.value_source != "derived" or not denominator_parts(d.value_unit or d.unit):
            continue
        if (d.value_unit or d.unit).split("/", 1)[1] in ("人", "人次", "户", "名"):
            continue
        d.value, d.value_source = "", ""
        d.note = (f"{PENDING}：项目分年度实施（{(total.group(0) if total else '跨年度')}），本年度预算只完成其中一部分，"
                  f"不能以本年度预算÷全项目工程量计算，请按本年度完成的工程量测算填写")
        d.evidence.append("本年度预算不对应全项目工程量，单位成本不按预算推算")


# the kinds of work a length or an area is worked by: building and upkeep (D014's 建设养护里程300公里)
_BUILD_WORK = re.compile(r"新建|建设|新修|硬化|铺设|造价")
_UPKEEP_WORK = re.compile(r"养护|维修|维护|修缮|修复|管护")


def unprice_mixed_work_extent(drafts: list[Draft], ctx: ProjectContext) -> None:
    """A per-extent cost of one kind of work derived from the whole money ÷ an extent the text states of two kinds
    (D014: 309 万元 for 建设养护里程300公里 gave 公路建设单位里程造价 ≤ 1.03 万元/公里, an average over building and
    upkeep the text never states — no construction costs 1.03 万元 a km, trial 20) is no unit cost of that work: left
    待填写 with the reason, since the text does not split the money or the length between them. A name of both works
    or of neither (每公里建设养护成本, 每公里成本) keeps the value. In place, after ranking."""
    for d in drafts:
        unit = d.value_unit or d.unit
        if d.slot != "cost" or d.value_source != "derived" or "/" not in unit:
            continue
        per = unit.split("/", 1)[1]
        m = next((x for x in ctx.mentions if x.unit in (per, "万" + per)), None)
        if m is None:
            continue
        clause = re.split(r"[，,。；;：:]", ctx.text[max(0, m.start - 24):m.start])[-1]
        if not (_BUILD_WORK.search(clause) and _UPKEEP_WORK.search(clause)):
            continue
        builds, upkeeps = bool(_BUILD_WORK.search(d.name)), bool(_UPKEEP_WORK.search(d.name))
        if builds == upkeeps:
            continue
        work = "建设" if builds else "养护"
        d.value, d.value_source = "", ""
        d.note = (f"{PENDING}：描述写明的{m.value}{m.unit}（{clause}）含建设和养护，预算没有分开，"
                  f"不能以总预算÷{m.value}{m.unit}计算{work}的单位成本，请按{work}部分的资金÷{work}里程(面积)测算填写")
        d.evidence.append(f"单位成本须以{work}部分的资金除以{work}的工程量，描述没有分开，不按总预算推算")


# a standard said of one part of the money in brackets after it: 村级办公经费34.5万元（每村1.5万元）
# (…（每村每年2万元）: the period after the unit, trial 19)
_PART_STANDARD = re.compile(r"(?P<part>[\u4e00-\u9fff]{2,12}?)\d+(?:\.\d+)?(?:万元|元)[（(](?:按)?每[\u4e00-\u9fff]{1,2}"
                            r"(?:每[年月季])?$")
_PART_LEAD = re.compile(r"^(?:其中|包括|含|用于)")


def name_part_standard(drafts: list[Draft], ctx: ProjectContext) -> None:
    """A per-unit standard stated of one listed part of the money (村级办公经费34.5万元（每村1.5万元）) names that part:
    村级办公经费标准 = 1.5 万元/村, never the whole fund's standard (村级组织运转经费标准, trial 14's village). In place."""
    for d in drafts:
        m = d.mention
        if d.tier == Tier.ALTERNATE or not d.bound or m is None or "标准" not in d.name:
            continue
        p = _PART_STANDARD.search(ctx.text[max(0, m.start - 24):m.start])
        if not p:
            continue
        part = _PART_LEAD.sub("", re.split(r"[、，,。；;：:]", p.group("part"))[-1])
        if len(part) >= 2 and part not in d.name:
            d.name = part + "标准"
            d.explanation = ""
