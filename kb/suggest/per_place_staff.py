"""After ranking: staff the text assigns per place (按每校不少于3名配备) is a standard of provision, carried by a row.

Trial 18: “为全县42所中小学及幼儿园聘请专职保安126名，按每校不少于3名配备” — the 126 guards became 聘请专职保安人数, the
每校不少于3名 no row: a reviewer expects the provision each school gets. When the text states a headcount per place
(每校 / 每所 / 每村 / 每个社区 … 不少于 N 名) and a shown row counts the staff hired (聘请专职保安人数), a 数量 row
〔每校〕〔staff〕配备人数 ≥ N 人 is added under 数量 (the checker's REL-01 files a count there), ranked as the staff's own count, bound to the text (tier BOUND). Adds one row after ranking (as
`zero_harm.carry_zero_harm` does), so the ranker's training reads the same candidates. In place.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

# 按每校不少于3名配备, 每村至少配备2名, 每个社区配备1名
_PER_PLACE = re.compile(r"每(?P<place>校|所|村|社区|个社区|个村|站|点|乡镇|镇)(?:均)?(?P<how>不少于|至少|不低于|配备|按)*"
                        r"(?P<n>\d+)(?:名|人)")
_STAFF_COUNT = re.compile(r"^(?:聘请|聘用|招聘|配备|选聘)?(?P<staff>[\u4e00-\u9fff]{2,8}?)(?:人数|数量)$")


def add_staff_per_place(pool: list[Draft], ctx: ProjectContext) -> None:
    """Add the 数量 row of the headcount per place the text states beside a shown count of the staff (module
    docstring). In place; nothing when the text states none or no shown row counts staff in 人 / 名."""
    said = _PER_PLACE.search(ctx.text)
    if not said:
        return
    staff = next((d for d in pool if d.tier != Tier.ALTERNATE and d.slot == "quantity" and d.bound
                  and d.mention is not None and d.mention.unit in ("名", "人") and _STAFF_COUNT.match(d.name)), None)
    if staff is None:
        return
    who = _STAFF_COUNT.match(staff.name).group("staff")
    place = said.group("place").removeprefix("个")
    name = f"每{place}{who}配备人数"
    if any(d.name == name for d in pool):
        return
    pool.append(Draft(name=name, level2="quantity", source="formed", unit="人", direction="positive",
                      operator="≥", value=said.group("n"), value_unit="人", value_source="text", tier=Tier.BOUND,
                      score=staff.score - 1e-9, needs_value=True,
                      explanation=f"每{place}实际配备的{who}人数，不少于描述写明的人数",
                      evidence=[f"描述中的配备标准: {said.group(0)}", "按描述用词生成"]))
