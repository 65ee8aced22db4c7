"""A satisfaction row that names nobody (满意度 ≥ 90 %) named after whom the text serves, after ranking.

SAT-05 (`kb.checker.rules.satisfaction`) flags a bare 满意度 / 满意率 / 总体满意度: no one can be surveyed. When the
text names whom the project serves — a group `words.served_groups` reads (脱贫户, 学生 …), else the people a stated
count of the table counts ("项目完成后可改善1350名师生的教学环境": 师生, trial 14's school) — the row asks them
(师生满意度). A text naming nobody leaves the row as it is (the checker's finding asks the declarant). Pure over
drafts; run after ranking, so the ranker's training reads the same candidates.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier
from kb.suggest.words import served_groups

# the checker's names of a satisfaction that asks no one (`kb.checker.rules.satisfaction._NO_SUBJECT`)
_NO_SUBJECT = frozenset(("满意度", "满意率", "满意程度", "总体满意度", "综合满意度"))
# the units a stated count of people is written in
_PEOPLE_UNITS = ("人", "名", "万人", "人次", "万人次", "户")
# words that are no group (a count of 人员 or 人 says nobody)
_NO_GROUP = re.compile(r"^(?:人员|人|人数|人次|群众|服务对象|受益人|对象)$")


def name_bare_satisfaction(drafts: list[Draft], ctx: ProjectContext) -> None:
    """Prefix each shown bare satisfaction row (`_NO_SUBJECT`) with the group the text serves (module docstring).
    In place; a row with a learned value is kept as the unit wrote it."""
    bare = [d for d in drafts if d.slot == "satisfaction" and d.tier != Tier.ALTERNATE and d.name in _NO_SUBJECT
            and d.value_source != "learned"]
    if not bare:
        return
    group = next(iter(served_groups(ctx.beneficiaries)), "") or _counted_people(drafts)
    if not group:
        return
    for d in bare:
        d.name = group + ("满意度" if d.name.startswith(("总体", "综合")) else d.name)
        d.evidence.append(f"满意度调查对象取描述写明的服务对象“{group}”")


def _counted_people(drafts: list[Draft]) -> str:
    """Whom a shown row bound to a count of people counts (1350名师生 → 师生), '' when none names a group."""
    for d in drafts:
        m = d.mention
        if d.tier == Tier.ALTERNATE or not d.bound or m is None or m.unit not in _PEOPLE_UNITS:
            continue
        if re.fullmatch(r"[\u4e00-\u9fff]{2,6}", m.obj or "") and not _NO_GROUP.match(m.obj):
            return m.obj
    return ""
