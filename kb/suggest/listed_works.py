"""After ranking: the rows of a text that lists its works item by item (（1）维修加固…，资金320万元；（2）…) (trial 19).

Two readings a reviewer struck on a school-repair text:

* `name_schools_worked_on` — "维修加固县第二中学等5所学校教学楼屋面及外墙" formed 学校教学楼屋面数量 ≥ 5 所 (roofs counted
  in 所) and "更换14所学校老旧电路及消防设施" formed 更换学校数量 (read as replacing 14 schools). What the number counts
  is the schools (所), what the work is done to follows them: 维修加固教学楼屋面及外墙学校数量,
  更换老旧电路及消防设施学校数量.
* `price_extent_by_its_part` — a per-extent cost derived as the whole budget ÷ an extent the text gives for one listed
  item only (560 万元 ÷ 12000 平方米 = 466.67 元/平方米, while "面积12000平方米，资金320万元" is item (1)): the part's
  money goes with the part's quantity, 320 万元 ÷ 12000 平方米 = 266.67 元/平方米.

Pure over drafts, in place; adds no candidate, so the ranker's training is untouched.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.cost_values import ceiling
from kb.suggest.draft import Draft
from kb.suggest.quantities import amount
from kb.suggest.ranker import Tier

_SCHOOL = re.compile(r"(?:中小学校|中小学|学校|小学|中学|幼儿园)")
# the work done, leading the item: 维修加固, 更换, 改造 …
_WORK = re.compile(r"(?:维修加固|维修改造|提升改造|改造提升|新建|改建|扩建|维修|加固|改造|更换|修缮|整治|安装|配备|购置|建设)")
_ITEM_START = re.compile(r"[,，。；;：:]|[（(]\d+[）)]|[①②③④⑤⑥⑦⑧⑨]")
_CLAUSE_END = re.compile(r"[,，。；;]")


def name_schools_worked_on(drafts: list[Draft], ctx: ProjectContext) -> None:
    """Name each shown count of schools (所) bound to "〔work〕…N所学校〔object〕" 〔work〕〔object〕学校数量. In place."""
    t = ctx.text
    for d in drafts:
        m = d.mention
        if d.tier == Tier.ALTERNATE or not d.bound or m is None or m.unit != "所":
            continue
        school = _SCHOOL.match(t, m.end)
        if not school:
            continue
        end = _CLAUSE_END.search(t, school.end())
        obj = t[school.end():end.start() if end else len(t)]
        if not (2 <= len(obj) <= 14) or obj.startswith(("为", "的", "和", "等")):
            continue
        head = t[:m.start]
        starts = list(_ITEM_START.finditer(head))
        lead = head[starts[-1].end() if starts else 0:]
        work = _WORK.match(lead)
        if not work:
            continue
        name = work.group() + obj + school.group() + "数量"
        if name != d.name:
            d.evidence.append(f"描述中的{m.value}所是{work.group()}{obj}的{school.group()}")
            d.name, d.explanation = name, ""


_MONEY = re.compile(r"(\d+(?:\.\d+)?)(万元|元)")
_PER_EXTENT = ("公里", "米", "平方米", "亩", "公顷")
_DERIVED = re.compile(r"^项目金额 (\S+) 万元 ÷ (\S+?)(公里|平方米|米|亩|公顷) ≈ ")


def price_extent_by_its_part(drafts: list[Draft], ctx: ProjectContext) -> None:
    """A per-extent cost derived as the whole money ÷ the one extent stated (`cost_values._per_extent_cost`), where
    that extent sits in one listed item of the text stating its own money (the item between two list marks or
    semicolons holding one amount): that item's money ÷ the extent, its evidence saying so. In place."""
    t = ctx.text
    for d in drafts:
        unit = d.value_unit or d.unit
        if d.slot != "cost" or d.value_source != "derived" or "/" not in unit:
            continue
        money, _, per = unit.partition("/")
        said = next((re.match(_DERIVED, e) for e in d.evidence if _DERIVED.match(e)), None)
        if money not in ("元", "万元") or per not in _PER_EXTENT or said is None:
            continue
        at = t.find(said.group(2) + said.group(3))
        if at < 0:
            continue
        item = _item_around(t, at)
        amounts = [float(v) / (10000 if u == "元" else 1) for v, u in _MONEY.findall(item)]
        total = float(said.group(1))
        if len(amounts) != 1 or not 0 < amounts[0] < total:
            continue
        extent = float(said.group(2))
        v = amounts[0] / extent * (10000 if money == "元" else 1)
        d.value = ceiling(v, 2)
        d.evidence = [e for e in d.evidence if not _DERIVED.match(e)] + [
            f"该项资金 {amount(amounts[0])} 万元 ÷ {said.group(2)}{said.group(3)} ≈ {d.value} {unit}"
            f"（描述中的{said.group(2)}{said.group(3)}只是其中一项工作的量，不以项目总金额 {said.group(1)} 万元计算）"]


def _item_around(t: str, at: int) -> str:
    """The listed item of `t` holding offset `at`: from the list mark or semicolon before it to the next one."""
    before = [m.end() for m in re.finditer(r"[；;。]|[（(]\d+[）)]|[①②③④⑤⑥⑦⑧⑨]", t[:at])]
    after = re.search(r"[；;。]|[（(]\d+[）)]|[①②③④⑤⑥⑦⑧⑨]", t[at:])
    return t[(before[-1] if before else 0):(at + after.start() if after else len(t))]
