"""After ranking: a row counted in one unit takes a figure in that unit (trial 23).

"开展…非遗进校园、进社区活动40场次…举办非遗传承人研修培训班2期" gave the type's 非遗传承活动场次 ≥ 2 期: the row counts
活动 in 场次, the figure counts training courses in 期 — a fresh reviewer struck it (the 40 场次 was the row's). A shown row
whose own unit is one of the event units (`_EVENTS`) bound to a figure in another event unit is re-bound to the text's
figure in its own unit no other shown row holds; with none, it goes back to 待填写. After ranking; binds only.
"""
from __future__ import annotations

from kb.suggest.context import ProjectContext
from kb.suggest.draft import PENDING, Draft
from kb.suggest.ranker import Tier

_EVENTS = frozenset({"场次", "场", "期", "批次", "班次", "届"})


def bind_figure_in_row_unit(pool: list[Draft], ctx: ProjectContext) -> None:
    """Re-bind each shown row of `pool` whose event unit differs from its figure's (module docstring). In place."""
    shown = [d for d in pool if d.tier != Tier.ALTERNATE and d.name]
    for d in shown:
        if d.value_source != "text" or d.mention is None or d.unit not in _EVENTS \
                or d.value_unit not in _EVENTS or d.value_unit == d.unit:
            continue
        held = {(o.mention.start, o.mention.end) for o in shown if o is not d and o.mention is not None}
        other = next((m for m in ctx.mentions if m.unit == d.unit and (m.start, m.end) not in held and not m.is_budget), None)
        was = f"{d.value}{d.value_unit}"
        if other is not None:
            d.mention, d.value, d.value_unit = other, other.value, other.unit
            d.evidence.append(f"指标以{d.unit}计量，取描述中以{d.unit}计的数量 {other.value}{other.unit}（不是 {was}）")
        else:
            d.value, d.value_unit, d.value_source, d.mention = "", "", "", None
            d.note = f"{PENDING}：描述中没有以{d.unit}计的数量（{was}是另一项工作），请按项目实际填写"
