"""After ranking: deadlines the text states for the stages of one work (春秋两季集中免疫分别于5月31日和11月30日前完成) are
a 时效 row each (春季集中免疫完成时间 2025年5月31日前, 秋季集中免疫完成时间 2025年11月30日前), not one row holding the last
date (values round 23, trial 21's immunisation text: the spring deadline was lost).

`date_stated_stages` renames the shown row dated by the last stage's deadline after that stage (the other rows of
that date are set aside) and forms the earlier
stage's row (formed, value_source text, tier BOUND, evidence `STAGE_DEADLINE`, which lets the table show it beside the
other: `kb.suggest.table`). Only stages the text names by a pair of words it splits (春秋两季 → 春季, 秋季; 上下半年 →
上半年, 下半年). Acts after ranking (a rename and a formed row of the text's own date), so the ranker's training reads
the same candidates. Pure over drafts, in place.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

STAGE_DEADLINE = "描述写明各阶段的完成时限，每个阶段一行"
_STAGES = {"春秋两季": ("春季", "秋季"), "春秋季": ("春季", "秋季"), "上下半年": ("上半年", "下半年")}
_SAID = re.compile(r"(?P<stages>" + "|".join(_STAGES) + r")(?P<work>[\u4e00-\u9fff]{2,8}?)(?:工作)?分别(?:于|在)"
                   r"(?P<d1>\d{1,2}月\d{1,2}日)(?:前)?[和、与及至](?P<d2>\d{1,2}月\d{1,2}日)(?:前|之前|以前)完成")
_YEAR = re.compile(r"^(20\d\d年)")


def date_stated_stages(pool: list[Draft], ctx: ProjectContext) -> None:
    """See the module docstring. In place."""
    said = _SAID.search(ctx.text)
    if said is None:
        return
    first, last = _STAGES[said.group("stages")]
    work = said.group("work")
    rows = [d for d in pool if d.tier != Tier.ALTERNATE and d.slot == "timeliness" and d.value_source == "text"
            and d.value.endswith(said.group("d2") + "前")]
    if not rows:
        return
    d = max(rows, key=lambda d: d.score)
    year = _YEAR.match(d.value)
    d.name, d.explanation = f"{last}{work}完成时间", f"{last}{work}实际完成的日期，不晚于描述写明的时限"
    d.evidence += [f"描述中的完成时限: {said.group(0)}", STAGE_DEADLINE]
    for r in rows:   # the other shown rows of that date (项目完成时间, a twin of the formed row): the stage's row holds it
        if r is not d:
            set_aside(r, f"描述写明各阶段的完成时限，{said.group('d2')}前由“{d.name}”承载")
    pool.append(Draft(name=f"{first}{work}完成时间", level2="timeliness", source="formed",
                      explanation=f"{first}{work}实际完成的日期，不晚于描述写明的时限",
                      value=f"{year.group(1) if year else ''}{said.group('d1')}前", value_source="text",
                      tier=Tier.BOUND, score=d.score + 1e-6,   # the earlier stage first
                      evidence=[f"描述中的完成时限: {said.group(0)}", "按描述用词生成", STAGE_DEADLINE]))
