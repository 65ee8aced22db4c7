"""After ranking: a type's spare count (or rate) whose object the text names in no word at all (研究课题数量 for D056's fund, whose
text speaks of 实验区, 示范区, 内地班 and no research) is never copied into a short table as a 待填写 row (values round
23, D056: the table's 8th row asked for a count of nothing the project does; a reviewer strikes it, and 7 rows of the
text stand). A spare entry sharing a word with the text (破获毒品刑事案件数 for 打击毒品犯罪, E053) still fills a short
table (`fill._spare_entries`, which reads the reason vetting gave last).

The same holds for a spare rate of such an object (课题结题率, which took the place next).
`keep_unnamed_spares_aside` writes the reason into such a row's evidence, before vetting's (which the alternates read:
the row is still offered beside the table, `table.unnamed_spare`), and `fill._spare_entries` passes it by. Acts after
ranking (an evidence note), so the ranker's training reads the same candidates. Pure over drafts, in place.
"""
from __future__ import annotations

import re

from kb.domain.text import bigrams
from kb.suggest.context import ProjectContext
from kb.suggest.draft import ASIDE_SPARE_ENTRY, Draft
from kb.suggest.ranker import Tier

UNNAMED_SPARE = "描述中没有这项指标的对象的任何用词，不作为补足行数的待填写指标"
# the measure words a count's or a rate's name ends in (研究课题数量 → 研究课题, 课题结题率 → 课题结题)
_MEASURE = re.compile(r"(?:建设|开展|支持|完成)?(?:数量|个数|人数|人次|次数|场次|批次|数|率)$")


def keep_unnamed_spares_aside(pool: list[Draft], ctx: ProjectContext) -> None:
    """See the module docstring. In place."""
    text = set(bigrams(ctx.text))
    for d in pool:
        if d.tier != Tier.ALTERNATE or d.slot not in ("quantity", "quality") or not d.evidence or d.evidence[-1] != ASIDE_SPARE_ENTRY:
            continue
        obj = _MEASURE.sub("", d.name)
        if len(obj) >= 2 and not set(bigrams(obj)) & text:
            d.evidence.insert(len(d.evidence) - 1, UNNAMED_SPARE)   # the last reason stays: still offered
