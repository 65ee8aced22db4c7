"""Counts read after ranking the way the text states them: a level reached, and people reached (惠及).

A count changed from a level to a level ("可开展的检查项目由12项增加到20项") states the count the project reaches:
the row bound to the first figure (检查项目数量 ≥ 12 项, the baseline) takes the second (≥ 20 项), its 设定依据
saying from where (由12项增加到20项; from the last edition: 接待游客由上届的20万人次提高到25万人次 → 接待游客人次 ≥ 25
万人次, the name taking the clause's subject, never 上届人次, and a row bound to the second figure alone set aside —
trial 15) — the rate form of this rule is `kb.suggest.changes` (由45%提高到85%); the
starting level is no target of any row. A count of people the project 惠及 / 受益 / 覆盖 ("预计惠及辖区农村居民约15万人")
is its beneficiaries, named so (受益农村居民人数 ≥ 15 万人), never a count of the setting (辖区农村居民人数). Pure over
drafts; run after ranking, so the ranker's training reads the same candidates.
"""
from __future__ import annotations

import re
from dataclasses import replace

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

# after the first figure: the verb of a change to a level, then the level and its unit (增加到20项, 提高至 30 个)
_TO = re.compile(r"\s*(?P<verb>(?:增加|提高|提升|增长|扩大|上升|下降|降低|减少|压减|缩减)(?:到|至))\s*"
                 r"(?P<y>\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s，,。；;、]{1,4})")
_FROM = re.compile(r"[由从]\s*(?P<past>(?:上一?届|上一?年度?|去年|往届|前一年)的?)?\s*$")
# the subject of a change written before 由 in its clause (接待游客由上届的20万人次提高到25万人次 → 接待游客)
_SUBJECT = re.compile(r"(?:^|[，,。；;：:、])(?:预计|计划|力争|带动|推动|实现|使)?(?P<subject>[\u4e00-\u9fff]{2,10})$")
_FALL = ("下降", "降低", "减少", "压减", "缩减")


def bind_level_reached(drafts: list[Draft], ctx: ProjectContext) -> None:
    """Move each shown row bound to the first figure of "由A〔unit〕增加到B〔unit〕" to B (module docstring). In place."""
    from kb.suggest.dedupe import set_aside

    t = ctx.text
    for d in drafts:
        m = d.mention
        if d.tier == Tier.ALTERNATE or not d.bound or m is None or d.value != m.value:
            continue
        lo = max(0, m.start - 8)
        fr = _FROM.search(t[lo:m.start])
        if not fr:
            continue
        to = _TO.match(t, m.end)
        if not to or not to.group("unit").startswith(m.unit) or not m.unit:
            continue
        said = re.sub(r"\s+", "", t[lo + fr.start():to.end()])
        d.mention = replace(m, value=to.group("y"), end=to.end(), derivation=said)
        d.value = to.group("y")
        if to.group("verb").startswith(_FALL) and d.operator == "≥":
            d.operator = "≤"
        if fr.group("past"):   # 由上届的20万人次: the first figure's object is the last edition, not what is counted
            subject = _SUBJECT.search(t[max(0, lo + fr.start() - 12):lo + fr.start()])
            past = fr.group("past").rstrip("的")
            if subject and d.name.startswith(past):
                d.name = subject.group("subject") + d.name[len(past):]
        for other in drafts:   # the level reached is this row's now: a row bound to it alone asks it again
            om = other.mention
            if other is not d and other.tier != Tier.ALTERNATE and other.bound and om is not None \
                    and om.start >= to.start("y") and om.end <= to.end():
                set_aside(other, f"“{said}”的目标值已由“{d.name}”填写，仅作备选")


# a verb saying the people counted are reached by the project (预计惠及辖区农村居民约15万人)
_REACHES = ("惠及", "受益", "覆盖", "服务于")
# words of the setting before whom it names (辖区农村居民 → 农村居民)
_SCOPE = re.compile(r"^(?:辖区内?|全县|全市|全区|全镇|全乡|全省|本县|本市|项目区|沿线|周边)")
_PEOPLE_UNITS = ("人", "万人", "户", "万户", "人次", "万人次")


def name_reached_people(drafts: list[Draft]) -> None:
    """Name each shown count of people bound to a 惠及 / 受益 / 覆盖 figure 受益〔whom〕人数 (module docstring). In
    place; a name that says 受益 / 惠及 / 服务 already is kept."""
    for d in drafts:
        m = d.mention
        if d.tier == Tier.ALTERNATE or not d.bound or m is None or m.verb not in _REACHES or not m.obj:
            continue
        if m.unit not in _PEOPLE_UNITS or re.search(r"受益|惠及|服务|覆盖", d.name) or not d.name.startswith(m.obj):
            continue
        whom = _SCOPE.sub("", m.obj)
        if len(whom) < 2:
            continue
        d.name = "受益" + whom + d.name[len(m.obj):]
