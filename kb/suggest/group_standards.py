"""Two standards a text states for two groups, one row each with its group, after ranking (trial 16).

“对80周岁以上老年人、低保及特困老年人每餐分别补贴3元、5元” states a standard per group. The row bound to the first
figure (老年助餐每餐补贴标准 = 3 元/餐) said 3 元 for everyone and 5 元 appeared nowhere: a fresh reviewer struck it.
Each figure of such a list is its group's standard: the bound row is named for its group (80周岁以上老年人每餐补贴标准
= 3 元/餐) and a copy of it carries the next group's figure (低保及特困老年人每餐补贴标准 = 5 元/餐) — never one
group's standard for all. Only when the groups (split at 、) and the figures pair one to one; else nothing changes.
A copy adds no candidate to the ranker's training (it runs after ranking, as every pass in `after_ranking`).
"""
from __future__ import annotations

import dataclasses
import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_NUM = r"\d+(?:\.\d+)?"
# 对〔A〕、〔B〕每餐分别补贴3元、5元 (the groups, an optional per-what, 分别, the verb, the figures in one money unit)
_GROUP_LIST = re.compile(
    r"(?:对|为|给|向)(?P<groups>[^，,。；;：:]{2,40}?)(?P<per>每(?:人|户|餐|月|年|天|日|次|生))?(?:每月|每年|每天)?"
    r"分别(?:给予|按)?(?:补贴|补助|资助|奖励|发放|奖补)(?:标准为)?"
    r"(?P<nums>" + _NUM + r"(?:万?元)?(?:[、，,和及与]" + _NUM + r"(?:万?元)?)+)(?P<unit>元|万元)?")


# 补助标准：加固改造每户1.5万元，拆除重建每户3.5万元 — one standard per kind of work, one clause each (trial 22: the
# first made 农村危房改造户均补助标准 = 1.5 万元/户 for all 85 户 and 3.5 was lost)
_STANDARD_HEAD = re.compile(r"(?:补助|补贴|资助|奖补|奖励)标准(?:为|是)?[：:]")
_STANDARD_PIECE = re.compile(r"(?:对|为)?(?P<group>[\u4e00-\u9fff]{2,10}?)(?:按)?每(?:户|人|生|亩|村|所|个)(?:每年)?"
                             r"(?:补助|补贴|资助|奖补|奖励)?(?P<num>" + _NUM + r")(?:万元|元)")


def _clause_standards(text: str) -> list[list[tuple[int, str, str]]]:
    """The lists “…标准：A每户x万元，B每户y万元” of `text`: (figure's offset, group, figure) for each clause after the
    head that states one standard, at least two in a row."""
    out = []
    for h in _STANDARD_HEAD.finditer(text):
        at, one = h.end(), []
        for piece in re.split(r"([，,；;])", text[at:at + 120]):
            m = _STANDARD_PIECE.fullmatch(piece) if piece not in "，,；;" else None
            if piece in "，,；;" and piece:
                at += len(piece)
                continue
            if m is None:
                break
            one.append((at + m.start("num"), m.group("group"), m.group("num")))
            at += len(piece)
        if len(one) >= 2:
            out.append(one)
    return out


def group_figures(text: str) -> list[list[tuple[int, str, str]]]:
    """For each list of standards “对A、B…分别补贴x元、y元” whose groups and figures pair one to one, its (figure's
    offset in `text`, the figure's group, the figure) in order; [] for none."""
    out = []
    for m in _GROUP_LIST.finditer(text):
        groups = [g for g in m.group("groups").split("、") if g]
        figures = list(re.finditer(_NUM, m.group("nums")))
        if len(groups) != len(figures) or len(groups) < 2:
            continue
        out.append([(m.start("nums") + f.start(), g, f.group()) for g, f in zip(groups, figures)])
    return out + _clause_standards(text)


def _group_name(name: str, group: str) -> str:
    """老年助餐每餐补贴标准 for 80周岁以上老年人 → 80周岁以上老年人每餐补贴标准 (the group replaces the words before 每
    or 户均: 加固改造户均补助标准;
    a name without 每 gets the group before it)."""
    i = next((name.find(w) for w in ("每", "户均", "人均", "生均", "村均") if w in name), -1)
    return group + (name[i:] if i >= 0 else name)


def split_group_standards(pool: list[Draft], ctx: ProjectContext) -> None:
    """Name a shown standard bound to a figure of a group list for its group, and add a copy of it for each other
    group with that group's figure (module docstring). In place."""
    lists = group_figures(ctx.text)
    if not lists:
        return
    by_start = {start: (group, value, one) for one in lists for start, group, value in one}
    for d in list(pool):
        m = d.mention
        if d.tier == Tier.ALTERNATE or m is None or not d.bound or "标准" not in d.name or m.start not in by_start:
            continue
        group, _, one = by_start[m.start]
        same_list = [s for s, _, _ in one if s != m.start]   # the other figures of the same list
        base = d.name
        d.name = _group_name(base, group)
        d.mention = dataclasses.replace(m, group=group)   # `table._one_list`: each group's own standard
        d.evidence.append(f"描述按对象分别写明补贴标准，本行是“{group}”的标准")
        at = pool.index(d)
        for s in same_list:
            other = next((x for x in ctx.mentions if x.start == s), None)
            if other is None:
                continue
            g, v, _ = by_start[s]
            copy = dataclasses.replace(d, name=_group_name(base, g), value=v,
                                       mention=dataclasses.replace(other, group=g),
                                       evidence=[f"描述按对象分别写明补贴标准，本行是“{g}”的标准"],
                                       features=list(d.features))
            at += 1
            pool.insert(at, copy)
