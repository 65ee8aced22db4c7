"""After ranking: a satisfaction row asking a bare group the text names only qualified asks the text's group (trial 16).

D039 (残疾人事业发展补助资金) serves 精神病患者 among others (为精神病患者提供服药补贴); its table asked 患者满意度, a
hospital's respondents, and a fresh reviewer struck it. When a satisfaction row's respondent is a bare group word
(`_BARE`: 患者, 学生, 儿童 …) that the text writes only with a qualifier before it, every time the same one
(精神病患者), the row asks that group (精神病患者满意度). Pure over drafts; run after ranking.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_BARE = ("患者", "病人", "学生", "儿童", "老人", "老年人", "妇女", "家庭")
# a qualifier before the group: the Chinese characters after a preposition or a verb of giving (为精神病患者 → 精神病)
# where, not who: a scope before the group qualifies no one (全县学生)
_SCOPE = re.compile(r"^(?:全|本|我|该)?(?:省|市|县|区|镇|乡|村|街道|社区|辖区|全校|本校|全院)(?:内)?")
_LEAD = re.compile(r"^.*(?:为|对|给|向|帮助|资助|救助|补助|提供|扶持|支持|服务|覆盖|惠及|和|及|与|、)")


def _qualified(text: str, group: str) -> str | None:
    """The one qualified group the text writes `group` as (精神病患者 for 患者), or None: the group written bare
    anywhere, or with different qualifiers, names no one group."""
    seen = set()
    for m in re.finditer(group, text):
        run = _RUN.search(text[max(0, m.start() - 14):m.start()]).group()
        q = _SCOPE.sub("", _LEAD.sub("", run))
        q = q[_FIGURE_LEAD.match(q).end():] if _FIGURE_LEAD.match(q) else q   # “岁以上” cut from its figure: drop it
        if len(q) < 2:   # bare, or only where (为全县学生21300名: 全县 is no qualifier)
            return None
        seen.add(q + group)
    return seen.pop() if len(seen) == 1 else None


# the run of words and figures before a group: an age keeps its figure (为65岁以上老年人 → 65岁以上, trial 18 got
# 岁以上老年人满意度 from a run of Chinese characters alone)
_RUN = re.compile(r"[\u4e00-\u9fff0-9０-９.．]{0,14}$")
# what is left of a figure's phrase when the run starts inside the figure (…岁以上 without its number): a qualifier
# that opens on a measure word alone says nothing, so the phrase goes whole
_FIGURE_LEAD = re.compile(r"^(?:周岁|岁)(?:及)?(?:以上|以下)?(?:的)?")
# the same group in other words (服务老人满意度 asks the 老年人 the formed row asks)
_SAME_GROUP = {"老人": ("老年人",), "老年人": ("老人",), "患者": ("病人",), "病人": ("患者",)}


def ask_qualified_group(pool: list[Draft], ctx: ProjectContext) -> None:
    """Name each shown satisfaction row of a bare group for the one qualified group the text writes (module
    docstring). In place."""
    text = ctx.description or ""
    for d in pool:
        if d.tier == Tier.ALTERNATE or d.slot != "satisfaction" or d.value_source == "learned":
            continue
        group = next((g for g in _BARE if d.name == g + "满意度"), None)
        if group is None or group not in text:
            continue
        q = _qualified(text, group)
        if q is not None:
            d.evidence.append(f"满意度调查对象取描述写明的“{q}”")
            d.name = q + "满意度"
            _one_row_for_group(pool, d, group)


def _one_row_for_group(pool: list[Draft], kept: Draft, group: str) -> None:
    """Set aside every other shown satisfaction row asking `group` (or its other word, 老人 for 老年人) with no
    qualifier of its own beyond a service word (服务老人满意度 beside 80周岁以上老年人满意度, trial 18): one group, one
    satisfaction row. A learned row is kept (the unit asked it before)."""
    from kb.suggest.dedupe import set_aside

    words = (group,) + _SAME_GROUP.get(group, ())
    for o in pool:
        if o is kept or o.tier == Tier.ALTERNATE or o.slot != "satisfaction" or o.value_source == "learned":
            continue
        who = re.sub(r"满意度$|满意率$", "", o.name)
        if any(re.fullmatch(r"(?:服务|受益|补助|补贴|享受)?(?:对象)?" + w, who) for w in words):
            set_aside(o, f"与“{kept.name}”询问同一群体，仅作备选")
