"""After ranking: a library row named per week / per day bound to a figure the text states for the whole year (trial 17).

A fresh reviewer got 每周免费开放时间 ≥ 300 天 from "全年开放时间不少于300天": the library's row counts hours a
week, the text's figure days a year, so the row says something impossible. A row whose name opens on a period
shorter than a year (每周, 每日, 每天, 每月) and that is bound to a figure whose clause says the year (全年, 年度, 每年,
年) or whose unit is 天 with a value above that period's days is named by the text's period: the period word
becomes 全年, and a 时间 / 时长 counted in 天 becomes 天数 (全年免费开放天数). Pure over drafts; only renames (the
reason in the evidence); run after ranking, so the ranker's training reads the same candidates.
"""
from __future__ import annotations

import re

from kb.domain.text import CLAUSE_PUNCT
from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_SHORT_PERIOD = re.compile(r"^(每周|每日|每天|每月)")
# the days a short period holds: a figure in 天 above it is no count of that period
_DAYS_IN = {"每周": 7, "每日": 1, "每天": 1, "每月": 31}
_YEAR_WORDS = re.compile(r"全年|年度|每年|年内|一年")


def name_by_stated_period(pool: list[Draft], ctx: ProjectContext) -> None:
    """Rename each shown row of `pool` (ranked drafts of one project) named for a short period and bound to a
    year's figure (module docstring). Mutates `pool`; no error."""
    t = ctx.text
    for d in pool:
        m = d.mention
        period = _SHORT_PERIOD.match(d.name)
        if d.tier == Tier.ALTERNATE or d.value_source != "text" or m is None or period is None:
            continue
        unit = d.value_unit or m.unit
        clause = CLAUSE_PUNCT.split(t[max(0, m.start - 20):m.start])[-1]
        try:
            too_many = unit == "天" and float(m.value) > _DAYS_IN[period.group(1)]
        except ValueError:
            too_many = False
        if not (_YEAR_WORDS.search(clause) or too_many):
            continue
        name = "全年" + d.name[len(period.group(1)):]
        if unit == "天":
            name = re.sub(r"(?:时间|时长)$", "天数", name)
        d.evidence.append(f"描述写明“{clause}{t[m.start:m.end]}”是全年的数，按全年命名为“{name}”（原为“{d.name}”）")
        d.name = name
