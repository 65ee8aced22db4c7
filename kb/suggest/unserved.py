"""After ranking: no satisfaction of a group the programme does not serve when the text names one it does (trial 15).

A reviewer of trial 15 struck 用人单位满意度 of a student grant (D012: employers are not served by 助学金 or
免学费), 受助对象满意度 of a court's juror pay and internet line (D038) and 少数民族群众满意度 of a religious-affairs
grant (E027): the type's library rows ask a group the text gives no sign of serving. Such a row is set aside (an
alternate, the reason in its evidence) when the ranked pool holds another satisfaction row, which is asked
instead. Only groups few programmes serve are read (`_ONLY_WHEN`: 用人单位, 少数民族, 受助对象), each set aside
when the text has none of the words of a programme serving them; another satisfaction row of the pool takes the
place (the first try, reading every group the text does not write, moved 15 dev tables, most for the worse).
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

WHY = "描述未写明本项目服务“{who}”，该满意度仅作备选"

# groups a library row asks that only some programmes serve, each with the words of a text that serves them:
# employers (a training or placement programme), ethnic minorities (an ethnic programme), the aided (a programme of
# relief or aid; a court's pay to jurors aids no one)
_ONLY_WHEN = (
    (re.compile(r"用人单位|用工单位"), re.compile(r"用人单位|用工|就业|招聘|岗位|实习|企业")),
    (re.compile(r"少数民族"), re.compile(r"少数民族|民族地区|民族村|民族乡")),
    (re.compile(r"^(?:受助|资助|救助)(?:对象|人)"), re.compile(r"救助|受助|资助|援助|帮扶|困难|扶贫|低保|特困|优抚|残疾|学生")),
)


def ask_served_groups(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside (tier ALTERNATE) each satisfaction row of `pool` (ranked drafts of one project) asking a group of
    `_ONLY_WHEN` the text (`ctx.name` + `ctx.description`) gives no sign of serving, when the pool keeps another
    satisfaction row (module docstring). Mutates `pool`; no error."""
    from kb.suggest.dedupe import set_aside

    text = (ctx.name or "") + (ctx.description or "")
    sat = [d for d in pool if d.slot == "satisfaction" and d.tier != Tier.ALTERNATE and d.name]
    for d in sat:
        if d.value_source == "text":
            continue
        for group, served in _ONLY_WHEN:
            m = group.search(d.name)
            if m and not served.search(text) and any(o is not d and o.tier != Tier.ALTERNATE for o in sat):
                set_aside(d, WHY.format(who=m.group(0)))
                break
