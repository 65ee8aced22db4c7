"""After ranking: a time limit the text states for one step of the work (抽检信息在检验结论出具后20个工作日内向社会公布)
is the table's 时效 row (抽检信息公布时限 ≤ 20 个工作日), not a completion date by the budget year's end the text never
says (values round 23, trial 21's food-safety text: 食品安全监督抽检完成时间 2025年12月31日前 “描述未写明完成时限”).

`limit_stated_step` reads “<what>在<event>后N<unit>内<verb>” (a payment's term is `stated_terms`'s) and, when no 时效
row of the table holds a figure or date of the text, forms the step's limit row (formed, value_source text, tier
BOUND, its mention's action the verb: the table keeps a stated limit beside its dated rows) and sets aside the rows
dated only by the year's end. Acts after ranking (a formed row and a set-aside, like `service_terms`), so the ranker's
training reads the same candidates. Pure over drafts, in place.
"""
from __future__ import annotations

import re

from kb.domain.words import PAYMENT_VERBS
from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.objects import Mention
from kb.suggest.ranker import Tier

# 抽检信息在检验结论出具后20个工作日内向社会公布: what (抽检信息), the event it runs from (检验结论出具), the limit and the step
_STEP = re.compile(r"(?P<what>[\u4e00-\u9fff]{2,8}?)(?:在|于|应在|须在|自)(?P<event>[\u4e00-\u9fff]{2,12}?)后"
                   r"(?P<n>\d{1,3})(?P<unit>个工作日|工作日|日|天|小时)内(?:向[\u4e00-\u9fff]{1,4}?|予以|全部|及时)?"
                   r"(?P<verb>公布|公开|公示|报送|上报|通报|反馈|办结|出具|送达|告知)")
_UNITS = {"工作日": "个工作日"}


def limit_stated_step(pool: list[Draft], ctx: ProjectContext) -> None:
    """See the module docstring. In place."""
    said = _STEP.search(ctx.text)
    if said is None or any(v in said.group(0) for v in PAYMENT_VERBS):
        return
    timed = [d for d in pool if d.tier != Tier.ALTERNATE and d.slot == "timeliness"]
    if any(d.value_source == "text" for d in timed):
        return   # the table already holds a date or a limit of the text
    what, verb, n = said.group("what"), said.group("verb"), said.group("n")
    unit = _UNITS.get(said.group("unit"), said.group("unit"))
    name = f"{what}{verb}时限"
    if any(d.name == name for d in pool):
        return
    score = max((d.score for d in timed), default=0.0)
    pool.append(Draft(name=name, level2="timeliness", source="formed", unit=unit, direction="negative",
                      explanation=f"{said.group('event')}至{what}{verb}所用的{unit}数，不超过描述写明的时限",
                      operator="≤", value=n, value_unit=unit, value_source="text", tier=Tier.BOUND, score=score,
                      mention=Mention(n, unit, verb, what, said.start("n"), said.end(), context=said.group(0),
                                      action=verb),
                      evidence=[f"描述中的时限: {said.group(0)}", "按描述用词生成"]))
    for d in timed:
        if d.value_source == "year_end":
            set_aside(d, f"描述写明{verb}时限（{said.group(0)}），不按预算年度末设定完成时间")
