"""After ranking: rows of another party's work or of no measurable result, in real tables a reviewer struck (trial 17).

- `set_aside_form_title_work`: a row naming the self-evaluation itself (绩效自评覆盖率) where the text names it only
  in its form's title (项目支出绩效自评表(2019年度)): E054, an HVAC retrofit, got 绩效自评覆盖率 = 100 % — the title
  of the form is no work of the project.
- `ask_commissioning_unit`: a commissioned professional service (`scope.commissions_service`: 委托业务, 委托中介机构)
  done on a works project (基建工程项目预算编制、审计、设计) serves the unit that commissions it, not the users of the
  works: 工程使用单位满意度 becomes 委托单位满意度 (D004); and the rectification of what an audit finds (审计问题整改率)
  is the audited party's work, not the commissioned service's: set aside.
- `set_aside_slogan_benefit`: a 定性 效益 row (blank, or the library's 达到预期) naming a role or an influence (地方志资政育人作用, …社会影响) is a
  slogan no reviewer can score at year end (E005): set aside, the table's next 效益 row taking its place.
Each only sets aside or renames (the reason in the evidence); run after ranking, so the ranker's training reads the
same candidates.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier
from kb.suggest.scope import commissions_service

# a form's title: 项目支出绩效自评表, 绩效目标表, 绩效自评报告, 绩效评价报告
_FORM_TITLE = re.compile(r"(?:项目支出|部门整体支出|整体支出|项目)?(?:绩效自评|绩效目标|绩效评价|自评)(?:表|报告)")
# a row about the self-evaluation or the evaluation itself
_EVALUATION_ROW = re.compile(r"绩效自评|自评|绩效评价")


def set_aside_form_title_work(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside each shown row of `pool` about the self-evaluation when the project's name names none and the text
    names it only in its form's title (module docstring). Mutates the drafts; no error."""
    if _EVALUATION_ROW.search(ctx.name or "") or not _EVALUATION_ROW.search(ctx.text):
        return
    if _EVALUATION_ROW.search(_FORM_TITLE.sub("", ctx.text)):
        return   # the text names an evaluation beyond its form's title: it may be the work
    for d in pool:
        if d.tier != Tier.ALTERNATE and d.value_source not in ("text", "learned") and _EVALUATION_ROW.search(d.name):
            set_aside(d, "“绩效自评”只见于表格标题，不是项目的工作，仅作备选")


# the professional services a commissioned project buys, on works (基建工程项目预算编制、审计、设计、规划、测绘)
_SERVICES_ON_WORKS = re.compile(r"工程[^，。；,;]{0,8}(?:预算编制|审计|评审|设计|规划|测绘|咨询|造价)")
# the users of the works asked (工程使用单位满意度): not those who commission the service
_WORKS_USERS = re.compile(r"^(?:工程|项目|建筑|设施)?使用单位")
_RECTIFY = re.compile(r"整改")


def ask_commissioning_unit(pool: list[Draft], ctx: ProjectContext) -> None:
    """For a commissioned professional service on works, ask the commissioning unit instead of the works' users and
    set aside a rectification rate (module docstring). Mutates the drafts; no error."""
    if not commissions_service(ctx) or not _SERVICES_ON_WORKS.search(ctx.text):
        return
    for d in pool:
        if d.value_source in ("text", "learned"):
            continue
        if d.slot == "quality" and _RECTIFY.search(d.name) and "整改" not in ctx.text:
            # also a row set aside only for its object, which a short table takes back (`fill._spare_entries`)
            set_aside(d, "整改由被审计单位完成，不是受托服务的产出，仅作备选")
        elif d.tier == Tier.ALTERNATE:
            continue
        elif d.slot == "satisfaction" and _WORKS_USERS.match(d.name):
            old = d.name
            d.name = "委托单位满意度"
            d.explanation = ""
            d.evidence.append(f"委托的专业服务（预算编制、审计、设计等）服务于委托方，不是工程的使用单位（原为“{old}”）")


# a role, an influence, a meaning: what a work is for, no result to verify (资政育人作用, 社会影响)
_SLOGAN_END = re.compile(r"(?:作用|意义|影响力?|价值|功能)$")


def set_aside_slogan_benefit(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside each shown blank 定性 效益 row of `pool` whose name ends on a role or an influence (module docstring).
    Mutates the drafts; no error."""
    for d in pool:
        if d.tier == Tier.ALTERNATE or d.value_source in ("text", "learned") \
                or d.level2 not in ("social_benefit", "economic_benefit", "ecological_benefit", "sustainable_impact"):
            continue
        # 定性, its value at most the library's 达到预期 (which the checker clears as unassessable: 待填写)
        if (d.operator == "定性" or not d.value and not (d.unit or d.typical[2])) and _SLOGAN_END.search(d.name):
            set_aside(d, "名称是工作的作用或影响，没有年底可核验的结果，仅作备选")
