"""After ranking: a figure the text lists place by place is the total of its places (trial 22).

东山村修缮道路2.5公里，西坪村修缮道路3公里，南岭村修缮道路1.5公里 gave 修缮道路里程 ≥ 2.5 公里 — the first village's
length for the project's. The row bound to one place's figure of such a list takes their sum (7 公里); a per-unit cost
the budget was divided by that one figure for (119 villages: 培训人均成本 ≤ 50000 元/人次 = 500 万元 ÷ the first
village's 100 人次) is left 待填写 — the budget pays every listed work, so no share of it is known per unit.
A stated total of the same measure (修缮道路7公里，其中…) wins: nothing is summed. Binds values only, after ranking.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import PENDING, Draft

_PLACE = r"(?:村|社区|镇|乡|街道)"
# a place that opens a figure's words: 东山村, 第3村, 城关镇
_PLACE_LEAD = re.compile(r"^(?:第\d+|[\u4e00-\u9fff]{1,4}?)" + _PLACE)
_PLACE_WORD = re.compile(_PLACE)


def _fmt(x: float) -> str:
    return f"{x:.4f}".rstrip("0").rstrip(".")


def _groups(ctx: ProjectContext) -> list[list]:
    """The mentions of `ctx` that list one measure place by place (same unit, same words once the place is cut, a
    place named before each), in text order; each group at least two long."""
    by_key: dict[tuple, list] = {}
    for m in ctx.mentions:
        if m.is_budget or not m.context:
            continue
        words = _PLACE_LEAD.sub("", m.context)
        if len(words) < 2:
            continue
        by_key.setdefault((m.unit, words), []).append(m)
    out = []
    for (unit, words), ms in by_key.items():
        ms.sort(key=lambda m: m.start)
        if len(ms) < 2:
            continue
        # the first figure's place is said in its clause (第1村修缮道路1.5公里、新建路灯3盏)
        prev = max(0, ms[0].start - 40)
        prev += len(re.split(r"[，,。；;：:]", ctx.text[prev:ms[0].start])[0]) if re.search(r"[，,。；;：:]", ctx.text[prev:ms[0].start]) else 0
        placed = True
        for m in ms:
            if not _PLACE_WORD.search(ctx.text[prev:m.start]):
                placed = False
                break
            prev = m.end
        if placed:
            out.append(ms)
    return out


def sum_per_place_figures(pool: list[Draft], ctx: ProjectContext) -> None:
    """Bind the total of a place-by-place list to the rows of `pool` bound to one of its figures, and unprice the
    per-unit costs derived from one (module docstring). In place."""
    for ms in _groups(ctx):
        unit, words = ms[0].unit, _PLACE_LEAD.sub("", ms[0].context)
        try:
            total = sum(float(m.value) for m in ms)
        except ValueError:
            continue
        stated = [m for m in ctx.mentions if m.unit == unit and m not in ms and words in m.context]
        if any(abs(float(m.value) - total) < 1e-6 for m in stated if re.fullmatch(r"[\d.]+", m.value)):
            continue   # the text states the total itself
        starts = {m.start for m in ms}
        values = {m.value for m in ms}
        said = "+".join(m.value for m in ms) if len(ms) <= 6 else f"{len(ms)}处分列的数字"
        for d in pool:
            if d.mention is not None and d.mention.start in starts and d.value in values and d.slot != "cost":
                d.evidence.append(f"描述按地点分列{words}：{said}，合计{_fmt(total)}{unit}")
                d.value = _fmt(total)
            elif d.slot == "cost" and d.value_source == "derived" and "/" in (d.value_unit or d.unit) \
                    and (d.value_unit or d.unit).split("/", 1)[1] in (unit, unit.removeprefix("万")) \
                    and any(f"÷ {v} " in e or f"÷ {v}{unit}" in e for e in d.evidence for v in values):
                d.value, d.value_source = "", ""
                d.note = (f"{PENDING}：描述按地点分列{words}（合计{_fmt(total)}{unit}），预算还用于其他内容，"
                          f"请按这部分资金÷合计数测算填写")
                d.evidence.append(f"单位成本不按某一地点的{words}数字推算")
