"""After ranking: a harm the text says stays at zero (全年食品安全事故为零, 年内不发生因养护不到位引发的交通事故) is a
stated target, carried by a row holding = 0 (trial 13: no row of the meal or the road table carried it).

`carry_zero_harm` binds the pool's zero count of that harm (学校食品安全事故发生次数 = 0 次) as the text's own target
(value_source = text, tier BOUND), or forms one (养护不到位引发交通事故次数 = 0 起) when the pool has none, and sets
aside a rate of the same harm (道路交通事故发生率 ≤1 %: a share beside a promise of none). Acts after ranking, so
the ranker's training reads the same candidates. Pure over drafts, in place.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_HARM = r"[\u4e00-\u9fff]{0,8}?(?:事故|事件|火灾|案件)"
# 全年食品安全事故为零 / 实现安全事故零发生 / 重大网络安全事件为零
_IS_ZERO = re.compile(r"(?:全年|年内|年度|确保|实现)?(" + _HARM + r")(?:发生)?(?:数|次数|起数)?(?:为零|为0|零发生|控制为零)")
# 年内不发生因养护不到位引发的交通事故 (the cause kept: the promise is narrower than all traffic accidents)
_NONE_HAPPENS = re.compile(r"(?:不发生|无|杜绝)(?:因([\u4e00-\u9fff]{2,10}?)(?:引发|导致|造成)的?)?(" + _HARM + r")")
_COUNT_END = re.compile(r"(?:发生次数|发生数|次数|起数|数)$")
_LEAD = re.compile(r"^(?:全年|年内|年度|确保|实现|重大|特大|较大)+")


def stated_zero_harms(text: str) -> list[tuple[str, str]]:
    """[(harm, cause)] the text says stays at zero, in order: "全年食品安全事故为零" → ("食品安全事故", ""),
    "年内不发生因养护不到位引发的交通事故" → ("交通事故", "养护不到位")."""
    out = [(m.group(1), "") for m in _IS_ZERO.finditer(text)]
    out += [(m.group(2), m.group(1) or "") for m in _NONE_HAPPENS.finditer(text)]
    return [(h, c) for h, c in out if len(h) >= 4]


def carry_zero_harm(drafts: list[Draft], ctx: ProjectContext) -> None:
    """See the module docstring. In place."""
    for harm, cause in stated_zero_harms(ctx.text):
        core = _LEAD.sub("", harm)
        counts = [d for d in drafts if d.value == "0" and _COUNT_END.search(d.name) and core in d.name]
        for d in drafts:
            if d.tier != Tier.ALTERNATE and core in d.name and d.name.endswith("率") and d.value_source != "text":
                set_aside(d, f"描述写明“{harm}”为零，以发生次数 = 0 计量，不另设发生率")
        if counts:
            best = max(counts, key=lambda d: (int(d.tier), d.score))
            best.value_source, best.tier = "text", Tier.BOUND
            best.evidence.append(f"描述中的目标: {harm}为零")
            continue
        name = (f"{cause}引发{core}次数" if cause else f"{core}发生次数")
        quality = [d.score for d in drafts if d.slot == "quality" and d.tier != Tier.ALTERNATE]
        drafts.append(Draft(name=name, level2="quality", source="formed", unit="起", direction="equal",
                            operator="=", value="0", value_unit="起", value_source="text", tier=Tier.BOUND,
                            score=min(quality, default=0.0), needs_value=True,
                            evidence=[f"描述中的目标: 不发生{'因' + cause + '引发的' if cause else ''}{core}", "按描述用词生成"]))
