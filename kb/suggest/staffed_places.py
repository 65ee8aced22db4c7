"""After ranking: the places a project staffs, named by the staffing, not by what they are (trial 18).

A reviewer of trial 18 struck 中小学数量 ≥ 42 所 in a school security project ("为全县42所中小学及幼儿园聘请专职保安
126名"): the name describes the county's schools — what exists — while the count the project answers for is the
schools it gives a guard (配备保安学校数量), and the 42 include the kindergartens. A shown row bound to a count of
places (所 / 个 / 家 / 处) that the text writes as whom the project staffs (`_FOR` before the figure, `_STAFFED`
after it: 为…N所〔places〕(及〔more〕)聘请 / 配备〔staff〕) is renamed 配备〔staff〕〔places〕数量, the places
written 学校 when they are schools or kindergartens. Only a rename (the reason in the evidence); run after ranking,
so the ranker's training is untouched.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

WHY = "描述写明为这些{places}配备{staff}（“{said}”），按配备的{places}数量命名"

_PLACE_UNITS = frozenset({"所", "个", "家", "处"})
# for whom, just before the figure: 为全县42所…, 为42所…
_FOR = re.compile(r"为(?:全县|全市|全区|全镇|全乡|全旗|辖区内?)?$")
# after the figure: the places, perhaps a second kind, the staffing verb and the staff
_STAFFED = re.compile(r"^(?P<places>[\u4e00-\u9fff]{2,8}?)(?:(?:及|和|、)(?P<more>[\u4e00-\u9fff]{2,6}?))?"
                      r"(?:聘请|聘用|配备|配置|派驻|选派)(?P<staff>[\u4e00-\u9fff]{2,6}?)(?=[\d，,。；;])")
_SCHOOLS = re.compile(r"学|幼儿园|学校|校")


def name_staffed_places(pool: list[Draft], ctx: ProjectContext) -> None:
    """Rename each shown row of `pool` (ranked drafts of one project) bound to a count of places the text says the
    project staffs (module docstring): 中小学数量 → 配备专职保安学校数量. In place; no error."""
    t = ctx.text
    for d in pool:
        m = d.mention
        if d.tier == Tier.ALTERNATE or not d.name or d.value_source != "text" or m is None \
                or m.unit not in _PLACE_UNITS or d.slot != "quantity":
            continue
        if not _FOR.search(t[max(0, m.start - 6):m.start]):
            continue
        s = _STAFFED.match(t[m.end:m.end + 30])
        if s is None:
            continue
        kinds = s.group("places") + (s.group("more") or "")
        places = "学校" if _SCHOOLS.search(kinds) else s.group("places")
        name = f"配备{s.group('staff')}{places}数量"
        if name != d.name:
            d.evidence.append(WHY.format(places=places, staff=s.group("staff"), said=t[m.start:m.end + s.end()]))
            d.name = name
