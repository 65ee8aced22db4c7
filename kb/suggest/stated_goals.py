"""After ranking: a goal the text states in words (确保不发生区域性重大动物疫情) and a second count of the work in its own
unit (家禽高致病性禽流感免疫120万羽 beside 口蹄疫免疫45万头（只）) are rows of the table (values round 23, trial 21's
immunisation text: the goal was offered only as an alternate, the 120万羽 was lost).

`bind_stated_no_outbreak` gives the pool's qualitative row naming what the text says will not happen (区域性重大动物疫情
定性 不发生) the text as its source (tier BOUND: a benefit the text states); `count_birds` forms the count of birds the
text states (高致病性禽流感免疫家禽数量 ≥ 120 万羽) when no row holds it, and names the head count beside it by its disease
(口蹄疫强制免疫畜禽数量) so that the two rows say which is which. Act after ranking (binds, a rename and a formed row
of the text's own figure), so the ranker's training reads the same candidates. Pure over drafts, in place.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

# 确保不发生区域性重大动物疫情 (an accident is `zero_harm`'s: a count = 0)
_NO_OUTBREAK = re.compile(r"(?:确保|实现|做到|保证)?(?:不发生|无)([\u4e00-\u9fff]{2,12}?(?:疫情|疫病|病害|灾情))")
_BIRDS = ("羽", "万羽")
_BIRD_WORDS = re.compile(r"^(家禽|禽类)")
_DISEASES = re.compile(r"口蹄疫|高致病性禽流感|禽流感|小反刍兽疫|非洲猪瘟|猪瘟|布鲁氏菌病|包虫病|狂犬病")


def bind_stated_no_outbreak(pool: list[Draft], ctx: ProjectContext) -> None:
    """See the module docstring. In place."""
    for m in _NO_OUTBREAK.finditer(ctx.text):
        said = m.group(1)
        rows = [d for d in pool if d.operator == "定性" and d.value in ("", "不发生", "未发生", "无")
                and d.value_source != "text" and d.level2 != "timeliness"
                and (d.name == said or d.name in said and len(d.name) >= 4)]
        if not rows:
            continue
        best = max(rows, key=lambda d: (d.tier != Tier.ALTERNATE, d.score))
        best.value, best.value_source, best.tier, best.note = "不发生", "text", Tier.BOUND, ""
        best.evidence.append(f"描述中的目标: {m.group(0)}")


def count_birds(pool: list[Draft], ctx: ProjectContext) -> None:
    """See the module docstring. In place."""
    said = [m for m in ctx.mentions if m.unit in _BIRDS and not m.is_budget]
    if len(said) != 1 or any(d.value == said[0].value and (d.value_unit or d.unit) == said[0].unit
                             for d in pool if d.tier != Tier.ALTERNATE):
        return
    m = said[0]
    words = m.obj or ""
    bird = _BIRD_WORDS.match(words)
    core = words[bird.end():] if bird else words
    if not core or not m.verb:
        return
    name = f"{core}{m.verb}{bird.group(1) if bird else '家禽'}数量"
    heads = [d for d in pool if d.tier != Tier.ALTERNATE and d.slot == "quantity" and d.value_source == "text"
             and "头" in (d.value_unit or d.unit)]
    score = max((d.score for d in heads), default=0.0)
    pool.append(Draft(name=name, level2="quantity", source="formed", unit=m.unit, direction="positive",
                      explanation=f"全年完成{core}{m.verb}的家禽数量", operator="≥", value=m.value, value_unit=m.unit,
                      value_source="text", tier=Tier.BOUND, score=score, mention=m,
                      evidence=[f"描述中的数量: {m.obj}{m.verb}{m.value}{m.unit}", "按描述用词生成"]))
    for d in heads:   # 强制免疫畜禽数量 ≥ 45 万头（只） → 口蹄疫强制免疫畜禽数量: the birds are counted beside it
        held = d.mention or next((x for x in ctx.mentions if x.value == d.value and "头" in x.unit), None)
        own = _DISEASES.search(held.obj if held is not None else "")
        if own and own.group(0) not in d.name:
            d.name = own.group(0) + d.name
