"""After ranking: the duty trips a vehicle fund's text says it keeps running (保障城管执法巡查车辆…的维修及燃油费用,完成日常
执法及拆违拆旧的出勤任务) are its measurable benefit — 执法出勤任务保障率 = 100 % — never a vague slogan of the type's
(对减少财政投资成本的改善程度 定性 待填写, values round 23, D031: a real table's wording no one can assess).

`carry_duty_trips` forms that 社会效益 row (formed, value_source text — 完成…出勤任务 promises them all —, tier BOUND)
when the text states the trips and no benefit row of the table holds a figure of the text; the fill of an empty
benefit slot then has no cause to reach for the slogan (`kb.suggest.fill`). Acts after ranking (a formed row of the
text's own words), so the ranker's training reads the same candidates. Pure over drafts, in place.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier
from kb.suggest.table import group_of

# 完成日常执法及拆违拆旧的出勤任务 / 保障执法执勤出勤任务
_TRIPS = re.compile(r"(?:完成|保障|满足)(?P<what>[\u4e00-\u9fff、及和与]{2,16}?)的?出勤(?:任务|需要|需求)")
_VEHICLES = re.compile(r"车辆|用车|执法车|巡查车|作业车")


def carry_duty_trips(pool: list[Draft], ctx: ProjectContext) -> None:
    """See the module docstring. In place."""
    said = _TRIPS.search(ctx.text)
    if said is None or not _VEHICLES.search(ctx.text):
        return
    if any(d.tier != Tier.ALTERNATE and group_of(d.slot) == "benefit" and d.value_source == "text" for d in pool):
        return
    what = said.group("what")
    core = "执法" if "执法" in what else what[:6]
    name = f"{core}出勤任务保障率"
    if any(d.name == name for d in pool):
        return
    pool.append(Draft(name=name, level2="social_benefit", source="formed", unit="%", direction="positive",
                      explanation=f"车辆保障完成的{what}出勤任务占应出勤任务的比例", operator="=", value="100",
                      value_unit="%", value_source="text", tier=Tier.BOUND,
                      score=max((d.score for d in pool if group_of(d.slot) == "benefit"), default=0.0),
                      evidence=[f"描述中的目标: {said.group(0)}", "按描述用词生成"]))
