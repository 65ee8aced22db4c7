"""After ranking: a completion time whose date the text gives for an opening is named by the opening (trial 17).

"助餐点须于2025年6月30日前全部投入运营，全年累计服务老年人不少于6.5万人次" gave 老年助餐服务完成时间 2025年6月30日前: the
service runs all year, and 30 June is when the meal points must open. A shown 完成时间 row whose date the text states
in a clause saying something is put into operation or use (投入运营, 投入使用, 建成运营, 开业, 开放运营) is named by
what opens and how (助餐点投入运营时间). Only renames (the reason in the evidence); run after ranking, so the ranker's
training reads the same candidates.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_DATE = re.compile(r"(\d{1,2})月(\d{1,2})日")
# the subject, how it is bound to the date (须于 / 应于 / 于 / 在), the date, then the opening
_OPENING = re.compile(r"(?P<what>[\u4e00-\u9fff]{2,8}?)(?:须|应|要|将|计划|力争)?(?:于|在)?(?:20\d{2}年)?{md}(?:前|之前|以前)?"
                      r"(?:全部|全面|正式|建成并?|建成后)?(?P<how>投入运营|投入使用|投入运行|建成运营|开业|开放运营|运营)")
_CLAUSE = re.compile(r"[，,。；;！？!?]")


def name_opening_date(pool: list[Draft], ctx: ProjectContext) -> None:
    """Rename each shown 完成时间 row of `pool` (ranked drafts of one project) whose date the text gives for an opening
    (module docstring). Mutates the drafts; no error."""
    for d in pool:
        if d.tier == Tier.ALTERNATE or d.slot != "timeliness" or not d.name.endswith("完成时间"):
            continue
        date = _DATE.search(d.value or "")
        if date is None:
            continue
        pattern = re.compile(_OPENING.pattern.replace("{md}", f"{date.group(1)}月{date.group(2)}日"))
        said = next((m for c in _CLAUSE.split(ctx.text) if (m := pattern.search(c))), None)
        if said is None:
            continue
        how = said.group("how")
        how = "投入运营" if how == "运营" else how
        old = d.name
        d.name = f"{said.group('what')}{how}时间"
        d.explanation = ""
        d.evidence.append(f"描述写明“{said.group(0)}”：该日期是投入运营的时限，不是服务完成的时间（原为“{old}”）")
