"""After ranking: a rate the text states within a time window binds the pool's row of that rate, named with the text's
window (trial 16).

“火情发现后1小时内扑灭率达到95%以上” was carried by no row, and the alternate 森林火灾24小时扑灭率 ≥ 95 % (the library's
typical value, equal by chance) paired the figure with a window the text does not say. The text's rate is bound to
the pool's row of the same rate word (…扑灭率) — the one naming a window first — renamed as the text names it
(火情发现后1小时内扑灭率 ≥ 95 %), its value and 设定依据 the text's. Only when no row holds the figure already and
the pool has such a row; nothing is added. A row bound to the window's own figure (飞机飞行时长 ≥ 1 小时) is set
aside: the window is no count. Pure over drafts; run after ranking.
"""
from __future__ import annotations

import re
from dataclasses import replace

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

# 火情发现后1小时内扑灭率达到95%以上: (what starts the window)(n)(unit)内(the rate)(verb)(figure)%
WINDOW_RATE = re.compile(
    r"(?P<lead>[\u4e00-\u9fff]{2,8}?)(?P<n>\d+(?:\.\d+)?)(?P<tu>小时|分钟|个工作日|工作日|天|日)内"
    r"(?P<rate>[\u4e00-\u9fff]{1,6}?率)(?:达到|达|为|不低于|保持在|保持|稳定在)?(?P<v>\d+(?:\.\d+)?)\s*%")
_WINDOW = re.compile(r"\d+(?:\.\d+)?(?:小时|分钟|个工作日|工作日|天|日)")
_LEAD_CUT = re.compile(r"^.*(?:目标|要求|确保|力争|实现|使)[：:]?")


def window_rates(text: str) -> list[tuple[str, str, str, int, int]]:
    """(row name as the text says it, the rate word, the figure, the figure's offset, the window's offset) for each
    rate `text` states within a time window (火情发现后1小时内扑灭率达到95% → ('火情发现后1小时内扑灭率', '扑灭率', '95',
    …))."""
    out = []
    for m in WINDOW_RATE.finditer(text):
        lead = _LEAD_CUT.sub("", m.group("lead"))
        if len(lead) < 2:
            continue
        out.append((f"{lead}{m.group('n')}{m.group('tu')}内{m.group('rate')}", m.group("rate"), m.group("v"),
                    m.start("v"), m.start("n")))
    return out


def bind_window_rates(pool: list[Draft], ctx: ProjectContext) -> None:
    """Bind each rate stated within a time window that no shown row holds to the pool's row of that rate word,
    renamed with the text's window (module docstring). In place."""
    from kb.suggest.values import rate_operator

    shown = [d for d in pool if d.tier != Tier.ALTERNATE and d.name]
    for name, rate, value, start, window in window_rates(ctx.text):
        for d in pool:   # the window is no count of hours (飞机飞行时长 ≥ 1 小时 bound to “火情发现后1小时”)
            if d.tier != Tier.ALTERNATE and d.bound and d.mention is not None and d.mention.start == window:
                set_aside(d, f"描述中的“{d.mention.value}{d.mention.unit}”是{rate}的时限，不是本行的数")
        if any(d.bound and d.mention is not None and d.mention.start == start for d in shown):
            continue
        m = next((x for x in ctx.mentions if x.start == start and x.unit == "%"), None)
        rows = [d for d in pool if d.name.endswith(rate) and not d.bound and d.level2 in ("quality", "timeliness")]
        if m is None or not rows:
            continue
        d = max(rows, key=lambda d: (bool(_WINDOW.search(d.name)), d.tier, d.score))
        d.evidence.append(f"描述写明“{name}{value}%”，按描述的时限命名（原为“{d.name}”）")
        d.name, d.mention = name, replace(m)
        d.value, d.value_source, d.value_unit, d.note = value, "text", "%", ""
        d.operator = rate_operator(d, "≥", value)
        d.tier = Tier.BOUND
        if _WINDOW.search(d.explanation or ""):
            d.explanation = ""   # the library's 指标解释 names its own window (24小时)
