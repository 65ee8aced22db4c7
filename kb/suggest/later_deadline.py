"""After ranking: a deadline the text states past the budget year wins over the year-end default (trial 22).

疫木处置于2026年3月底前完成 (the largest item, 60 of 85 万元) beside 林业有害生物防治完成时间 2025年12月31日前 “描述未写明
完成时限”: the deadline reader looks in the budget year only, so the year-end default contradicted the text. A
completion date set by the year's end (`binding.YEAR_END_BASIS`) when the text states no deadline in that year takes
the first one it states for a completion in the next (2026年3月31日前), named for the work the clause dates
(疫木处置完成时间) when the clause names it. Binds and renames only, after ranking.
"""
from __future__ import annotations

import re

from kb.checker.rewrite import stated_deadline
from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_YEAR = re.compile(r"(20\d\d)年")
# the work a clause dates: 疫木处置于2026年3月底前完成
_WORK_DATED = re.compile(r"(?P<work>[\u4e00-\u9fff]{2,8}?)(?:须|应|将|计划|预计)?于\s*(?P<y>20\d\d)年\d{1,2}月"
                         r"(?:底|末|\d{1,2}日)?前(?:全部)?(?:完成|完工|竣工)")
_NO_WORK = re.compile(r"项目|工程|任务|工作|全部|以上|上述")


def date_year_end_by_later_deadline(pool: list[Draft], ctx: ProjectContext) -> None:
    """Give each year-end default completion date of `pool` the text's deadline of the next year (module docstring).
    In place."""
    for d in pool:
        if d.value_source != "year_end" or d.tier == Tier.ALTERNATE:
            continue
        y = _YEAR.search(d.value or "")
        if not y or stated_deadline(ctx.text, int(y.group(1))):
            continue
        later = [m for m in _WORK_DATED.finditer(ctx.text) if int(m.group("y")) == int(y.group(1)) + 1]
        if not later:
            continue
        date = stated_deadline(ctx.text[later[0].start():later[0].end()], None)
        if not date:
            continue
        work = later[0].group("work")
        d.evidence.append(f"描述写明的完成时限: {later[0].group(0)}")
        d.value, d.value_source, d.note, d.mention = date, "text", "", None
        if not _NO_WORK.search(work):
            d.name = f"{work}完成时间"
