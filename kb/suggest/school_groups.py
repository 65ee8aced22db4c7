"""After ranking: a school project's satisfaction asks every school it serves, not the kindergartens' parents alone.

Trial 18: a security project for 全县42所中小学及幼儿园 (受益师生约3.8万人) asked 幼儿家长满意度, the library's row of
a preschool programme; the reviewer struck it — the project serves primary and middle schools too, so the persons
to ask are 师生 (written in the text) or 学生家长. A shown preschool satisfaction row (`_PRESCHOOL`) of a text that
names schools beyond kindergartens (`_SCHOOLS`) is renamed: 师生满意度 when the text writes 师生, else
学生家长满意度. A text of kindergartens alone keeps it. Run after ranking: a rename, the ranker's training untouched.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

# the satisfaction rows of a preschool programme
_PRESCHOOL = re.compile(r"^幼儿(?:园)?(?:家长)?满意(?:度|率)$")
# schools beyond kindergartens, as a text names them
_SCHOOLS = re.compile(r"中小学|小学|中学|初中|高中|义务教育|学生|师生")

WHY = "描述服务的不只是幼儿园（{said}），满意度调查对象取“{group}”"


def ask_whole_school_group(pool: list[Draft], ctx: ProjectContext) -> None:
    """Rename each shown preschool satisfaction row of `pool` (幼儿家长满意度) to 师生满意度 (the text writes 师生)
    or 学生家长满意度 when the text (`ctx.name` + `ctx.description`) names schools beyond kindergartens (module
    docstring). In place; a row with a learned value is kept as the unit wrote it; no error."""
    text = (ctx.name or "") + (ctx.description or "")
    said = _SCHOOLS.search(text)
    if said is None:
        return
    group = "师生" if "师生" in text else "学生家长"
    for d in pool:
        if d.tier == Tier.ALTERNATE or d.slot != "satisfaction" or d.value_source == "learned" \
                or not _PRESCHOOL.match(d.name or ""):
            continue
        d.name = group + "满意度"
        d.evidence.append(WHY.format(said=said.group(0), group=group))
