"""A stated figure read as the measure its own clause names, after ranking (trial 14's road and training texts).

Three misreadings of a figure bound to a row of another measure:
- a per-head or per-month amount (护路员每人每月发放劳务补助800元) bound to a whole amount in plain 元 (劳务补助发放金额
  ≤ 800 元): the figure is a standard (每人每月补助标准 = 800 元/人·月), so the whole-amount row is set aside and the
  slot's next row — the standard, when the pool holds it — takes its place;
- a count of things the work is done to, the work written after them ("对养护路段中的32座桥梁开展定期检查"): the row
  names the work (桥梁定期检查数量 ≥ 32 座), never the things alone (桥梁数量 reads as a count of the setting) —
  unless that work is what the project is named for (部门业务子系统数量 of a 平台运维 project);
- a count of people qualified by what they gain ("取得职业资格证书…的人数不少于2000人") bound to a library row of
  another measure (农村劳动力转移就业技能培训人数): when the row's name lacks what they gain (证书), it is named for
  it (取得职业资格证书人数 ≥ 2000 人), its 指标解释 of the other measure dropped.
Pure over drafts; run after ranking, so the ranker's training reads the same candidates.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_MONEY = ("元", "万元")


def _clause_before(t: str, start: int, n: int = 16) -> str:
    """Up to `n` characters before `start`, from the clause's start (after ，。；)."""
    s = t[max(0, start - n):start]
    return re.split(r"[，,。；;]", s)[-1]


def set_aside_whole_amount_of_standard(drafts: list[Draft], ctx: ProjectContext) -> None:
    """Set aside each row in plain 元 / 万元 bound to an amount stated per head or per month (module docstring)."""
    for d in drafts:
        m = d.mention
        unit = d.value_unit or d.unit
        if d.tier == Tier.ALTERNATE or not d.bound or m is None or unit not in _MONEY or "标准" in d.name:
            continue
        before = _clause_before(ctx.text, m.start)
        per = re.search(r"每人|每户|每名|人均|户均|每月|每年|每天|每日", before)
        if per:
            set_aside(d, f"描述中的{m.value}{m.unit}是“{per.group()}”的标准，不是发放总额，仅作备选")


# the work done to the counted things, written after them (32座桥梁开展定期检查)
_WORK_AFTER = re.compile(r"(?:开展|进行|实施)(?P<work>[\u4e00-\u9fff]{2,6}?)(?=[，,。；;、]|和|及|$)")


def name_work_on_counted(drafts: list[Draft], ctx: ProjectContext) -> None:
    """Name each shown count row `〔things〕数量` bound to "N〔unit〕〔things〕开展〔work〕" 〔things〕〔work〕数量. In place."""
    t = ctx.text
    for d in drafts:
        m = d.mention
        if d.tier == Tier.ALTERNATE or not d.bound or m is None or not m.obj or d.name != m.obj + "数量":
            continue
        if not t.startswith(m.obj, m.end):
            continue
        w = _WORK_AFTER.match(t, m.end + len(m.obj))
        if w and not _projects_own_work(w.group("work"), ctx.name or ""):
            d.name = m.obj + w.group("work") + "数量"


def _projects_own_work(work: str, name: str) -> bool:
    """The work is what the project is named for (12个部门业务子系统开展运行维护 of a 平台运维 project): the things
    counted are its objects already, named without it (部门业务子系统数量)."""
    from kb.suggest.evidence import WORK_FAMILIES

    if work in name:
        return True
    return any(any(x in work for x in fam) and any(x in name for x in fam) for fam in WORK_FAMILIES)


# a count of people qualified by what they gain: 取得…证书的人数, 获得…资格的人数
_GAINED = re.compile(r"(?P<verb>取得|获得|考取|领取)(?P<first>[\u4e00-\u9fff]{0,8}?证书|[\u4e00-\u9fff]{0,8}?(?:证|资格|职称|学历|学位))"
                     r"[^，,。；;]{0,16}的人数[^，,。；;]{0,6}$")


def name_count_of_gain(drafts: list[Draft], ctx: ProjectContext) -> None:
    """Name each row bound to "取得〔X〕证书…的人数…N人" whose name lacks 证书 for what is gained (module docstring).
    In place."""
    for d in drafts:
        m = d.mention
        if d.tier == Tier.ALTERNATE or not d.bound or m is None:
            continue
        g = _GAINED.search(ctx.text[max(0, m.start - 40):m.start])
        if g and re.search(r"证书|证|资格|职称|学历|学位", g.group("first")).group() not in d.name:
            d.name = g.group("verb") + g.group("first") + "人数"
            d.explanation = ""
            d.evidence.append(f"描述中的{m.value}{m.unit}是{d.name[:-2]}的人数")
