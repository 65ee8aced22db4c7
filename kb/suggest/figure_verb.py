"""After ranking: a row bound to a figure of the text names the work the text does for that figure.

A library or type row names its own work (道路改造里程, 农村公路每公里建设成本); bound to a figure of another work
(负责1260公里农村公路的日常巡查和保洁) it files the figure under a work the project never does — a reviewer struck
道路改造里程 ≥ 1260 公里 for a road-warden text whose 1260 km are patrolled (round 18: 改造 ≠ 巡查). Where the row's
work is one of building or rebuilding (`BUILD_WORKS`) that the text names nowhere, nor in other words
(`evidence.WORK_FAMILIES`), and the figure's own clause names a work, the row takes the clause's work in its name
(道路巡查里程, 农村公路每公里巡查成本); a blank row of such a work in the figure's unit, where no shown row carries the
figure, takes it so (农村公路建设里程 待填写 beside 1260 km patrolled → 农村公路巡查里程 ≥ 1260 公里). Renames and binds
after ranking only: the ranker's training reads the same candidates.
"""
from __future__ import annotations

import re
from dataclasses import replace

from kb.domain.units import units_compatible
from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier
from kb.suggest.evidence import WORK_FAMILIES

# the works of building a row may name (longest first, so 提升改造 is read before 改造)
BUILD_WORKS = tuple(sorted(("新改建", "改扩建", "提升改造", "提质改造", "升级改造", "新建", "建设", "改造", "修建", "改建",
                            "扩建", "硬化", "铺设", "加固"), key=len, reverse=True))
# the works a figure's clause may name for it (what is done on a length, an area or a count every day or year)
CLAUSE_WORKS = re.compile(r"巡查|巡护|巡检|养护|管护|保洁|清扫|维护|检查|监测|清理|清运|管理")
_CLAUSE_END = re.compile(r"[，,。；;！？!?]")


def _named(work: str, text: str) -> bool:
    """The text names `work`, as written or by a word of its family (修建 for 建设)."""
    return work in text or any(work in fam and any(w in text for w in fam) for fam in WORK_FAMILIES)


def figure_work(text: str, start: int, end: int) -> str:
    """The first work `CLAUSE_WORKS` names in the clause holding text[start:end] (负责1260公里农村公路的日常巡查和保洁
    → 巡查), '' when none."""
    left = _CLAUSE_END.split(text[:start])[-1]
    right = _CLAUSE_END.split(text[end:])[0]
    m = CLAUSE_WORKS.search(left + text[start:end] + right)
    return m.group() if m else ""


def _figure(d: Draft, ctx: ProjectContext):
    """The text's figure a row carries: its own mention when bound, the one extent a cost per that extent divides
    by when derived (160 万元 ÷ 1260公里 → the 1260 km), else None."""
    if d.value_source == "text":
        return d.mention
    unit = d.value_unit or d.unit or ""
    if d.value_source != "derived" or "/" not in unit:
        return None
    per = unit.split("/", 1)[1]
    found = [m for m in ctx.mentions if m.unit in (per, "万" + per)]
    return found[0] if len(found) == 1 else None


def name_figure_by_its_work(pool: list[Draft], ctx: ProjectContext) -> None:
    """Rename each shown row bound to a figure of the text whose name's building work the text never names, to the
    work the figure's clause names (module docstring). Mutates the drafts."""
    text = ctx.text
    for d in pool:
        m = _figure(d, ctx)
        if d.tier == Tier.ALTERNATE or m is None:
            continue
        built = next((w for w in BUILD_WORKS if w in d.name), "")
        if not built or _named(built, text):
            continue
        work = figure_work(text, m.start, m.end)
        if not work or work in d.name:
            continue
        old = d.name
        d.name = d.name.replace(built, work, 1)
        d.explanation = ""
        d.evidence.append(f"描述中的{m.value}{m.unit}是“{work}”的工作量，指标名称中的“{built}”改为“{work}”（原名：{old}）")


def bind_figure_of_other_work(pool: list[Draft], ctx: ProjectContext) -> None:
    """Give each length, area or count of the text no shown row carries to the shown blank 数量 row in its unit
    whose building work the text never names, renamed to the work the figure's clause names (module docstring).
    Mutates the drafts."""
    text = ctx.text
    shown = [d for d in pool if d.tier != Tier.ALTERNATE and d.name]
    for m in ctx.mentions:
        if m.is_budget or any(d.mention is not None and d.mention.start == m.start and d.value for d in shown):
            continue
        work = figure_work(text, m.start, m.end)
        if not work:
            continue
        for d in shown:
            built = next((w for w in BUILD_WORKS if w in d.name), "")
            if d.slot != "quantity" or d.value or not built or _named(built, text) or work in d.name \
                    or not (d.unit and d.unit == m.unit or units_compatible(d.unit or "", m.unit)):
                continue
            old = d.name
            d.name = d.name.replace(built, work, 1)
            d.mention = replace(m)
            d.operator, d.value, d.value_unit, d.value_source = "≥", m.value, m.unit, "text"
            d.note, d.explanation, d.tier = "", "", Tier.BOUND
            d.evidence.append(f"描述中的数量: {m.value}{m.unit}是“{work}”的工作量（原名：{old}）")
            break
