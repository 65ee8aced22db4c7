"""After ranking: a stated figure a reviewer expects that no shown row carries becomes a row of its own (trial 23b).

A fresh reviewer's trial 23 struck three tables for a figure the text states plainly and no row took:
- veterans: "重点优抚对象春节、八一走访慰问经费42万元，按每人每次500元标准慰问840人次" — the visits are the work the
  42 万元 pays, yet no row counted them: 走访慰问人次 ≥ 840 人次;
- sewage plant: "2.污泥无害化处置费，预计4200吨、每吨250元" — the sludge the 105 万元 pays for: 污泥无害化处置量
  ≥ 4200 吨;
- public toilets: "每天开放时间不少于16小时" — the service standard of the upkeep: 公厕每日开放时长 ≥ 16 小时 (the
  library's own 每周免费开放时间 is a 数量 row measured in 小时).
Each is added as a 数量 row bound to the text (tier BOUND), scored just below the best shown 数量 row, only when the
table shows a 数量 row and no shown row already carries the figure. Adds rows after ranking (as
`service_terms.add_service_hours_and_price` does), so the ranker's training reads the same candidates. In place.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_NUM = r"(\d+(?:\.\d+)?)"
_VISITS = re.compile(r"慰问(?:[^，,。；;\d]{0,6}?)" + _NUM + r"(万?)人次")
_SLUDGE = re.compile(r"污泥(无害化)?(?:处置|处理)[费量]?[^。；;\d]{0,6}?" + _NUM + r"(万?)吨(?![/每])")
_OPEN_HOURS = re.compile(r"每(?:天|日)(?:对外)?开放(?:时间|时长)?(?:不少于|不低于|不短于|达到|)" + _NUM + r"(?:个)?小时")
_TOILET = re.compile(r"公厕|公共厕所")


def _carried(pool: list[Draft], value: str) -> bool:
    return any(d.tier != Tier.ALTERNATE and d.name and d.value_source == "text" and _same(d.value, value) for d in pool)


def _same(a: str | None, b: str) -> bool:
    try:
        return a is not None and float(a) == float(b)
    except ValueError:
        return False


def _stated(text: str) -> list[tuple[str, str, str, str, str]]:
    """(name, value, unit, evidence, explanation) of each figure this module reads in `text`."""
    found = []
    visits = _VISITS.search(text)
    if visits:
        part = re.split(r"[；;。]", text[:visits.start()])[-1]
        name = "走访慰问人次" if "走访" in part or "走访" in visits.group(0) else "慰问人次"
        found.append((name, visits.group(1), visits.group(2) + "人次", visits.group(0), "开展走访慰问的人次"))
    sludge = _SLUDGE.search(text)
    if sludge:
        name = "污泥无害化处置量" if sludge.group(1) else "污泥处置量"
        found.append((name, sludge.group(2), sludge.group(3) + "吨", sludge.group(0), "年内处置的污泥数量"))
    hours = _OPEN_HOURS.search(text)
    if hours:
        name = ("公厕" if _TOILET.search(text) else "") + "每日开放时长"
        found.append((name, hours.group(1), "小时", hours.group(0), "每天对公众开放的时长"))
    return found


def add_unborne_figures(pool: list[Draft], ctx: ProjectContext) -> None:
    """Add a 数量 row for each stated figure of `ctx.text` no shown row of `pool` carries (module docstring). In place."""
    quantity = [d for d in pool if d.tier != Tier.ALTERNATE and d.name and d.slot == "quantity"]
    if not quantity:
        return
    shown = {d.name for d in pool if d.tier != Tier.ALTERNATE}
    for name, value, unit, said, explanation in _stated(ctx.text):
        if name in shown or _carried(pool, value):
            continue
        pool.append(Draft(name=name, level2="quantity", source="formed", unit=unit, direction="positive",
                          operator="≥", value=value, value_unit=unit, value_source="text", tier=Tier.BOUND,
                          score=max(d.score for d in quantity) - 1e-9, explanation=explanation,
                          evidence=[f"描述中的数量: {said}", "按描述用词生成"]))
