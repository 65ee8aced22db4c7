"""Figures the text says belong to another project bind no row, after ranking (trial 14, E019).

A page excerpt may describe the next project on the page: "同页下一项目为'…城乡居民监管工作经费'(…计划使用财政资金
45万元给聘用的14人发放工资…)" — suggest took 聘用人数 ≥ 14 人, 参保网络宣传成本 ≤ 45 万元 and 聘用人员人均经费
≤ 32143 元/人 from it. The sentence after a marker of another project (另一项目, 下一项目, 上一项目, 不属本项目,
非本项目 …) is that project's: a row bound to a figure in it is set aside, a per-unit cost derived from its money
is set aside, and a cost row whose ceiling is a budget read only from it is left 待填写 with the reason. Pure over
drafts; run after ranking, so the ranker's training reads the same candidates.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import PENDING, Draft
from kb.suggest.ranker import Tier

# a marker of another project; its sentence (to 。；) is that project's
_OTHER = re.compile(r"(?:同页)?(?:下一|上一|另一|另一个|其他)项目|不属于?本项目|非本项目|其他项目的")
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(万元|亿元|元)")


def other_project_spans(t: str) -> list[tuple[int, int]]:
    """(start, end) offsets of `t` that describe another project: from each marker to the end of its sentence."""
    out = []
    for m in _OTHER.finditer(t):
        end = re.compile(r"[。；;]").search(t, m.end())
        out.append((m.start(), end.start() if end else len(t)))
    return out


def set_aside_other_projects_figures(drafts: list[Draft], ctx: ProjectContext) -> None:
    """Set aside rows holding another project's figures, and leave a cost ceiling read from its money 待填写
    (module docstring). In place."""
    t = ctx.text
    spans = other_project_spans(t)
    if not spans:
        return
    inside = lambda i: any(a <= i < b for a, b in spans)   # noqa: E731
    # the budget read from the text is the other project's when every figure of it stands in their sentences
    said = [a for a in _AMOUNT.finditer(t) if ctx.budget_wan and
            abs(float(a.group(1)) * {"万元": 1, "亿元": 10000, "元": 1e-4}[a.group(2)] - ctx.budget_wan) < 1e-6]
    others_budget = bool(said) and all(inside(a.start()) for a in said)
    for d in drafts:
        if d.tier == Tier.ALTERNATE:
            continue
        m = d.mention
        if d.bound and m is not None and inside(m.start):
            set_aside(d, f"描述写明{m.value}{m.unit}属于另一项目，不作本项目的目标值，仅作备选")
        elif others_budget and d.value_source == "derived":
            set_aside(d, "由另一项目的资金推算的单位成本，不作本项目的目标值，仅作备选")
        elif others_budget and d.value_source == "budget":
            d.value, d.value_source = "", ""
            d.note = (f"{PENDING}：描述中的{said[0].group(0)}属于另一项目，本项目资金未写明，请按本项目预算填写")
