"""A length of a structure that is no road, named by its length (管网长度), never by a road's mileage (管网里程).

`naming.unit_measure` gives every figure in 公里 / 千米 the measure 里程, right for a road (改造农村公路里程) or a
distance covered (巡查里程); pipes, channels, dikes, fences, trails and belts are measured along their length, as real
tables name them (新建污水管网长度, 渠道长度, 护岸长度, 健身步道长度). After ranking (a rename only: the ranker's training
pools are unchanged). Pure, in place. Not for library rows, which carry their own names.
"""
from __future__ import annotations

import re

from kb.suggest.draft import Draft

# structures measured along their length, as the name before 里程 ends, perhaps with the work after them (a road's
# 路 / 道路 / 公路 keeps 里程)
LINEAR = re.compile(r"(?:管网|管道|管线|管渠|渠道|沟渠|干渠|支渠|斗渠|边沟|排水沟|截水沟|堤防|堤坝|护岸|护坡|驳岸|岸线|护栏|防护栏|"
                    r"围栏|隔离栅|步道|绿道|栈道|游步道|林带|河道|光缆|电缆|线缆|渠)"
                    r"(?:安装|建设|铺设|敷设|改造|修复|维修|更换|加固|新建|整治|治理|清淤|疏浚|养护)?$")   # …防护栏安装里程
MILEAGE = "里程"
LENGTH = "长度"


def name_lengths(drafts: list[Draft]) -> None:
    """Rename, in place, a formed 数量 row `…〔linear structure〕里程` to `…长度` (铺设主管网里程 → 铺设主管网长度,
    步道里程 → 步道长度); every other row unchanged."""
    for d in drafts:
        if d.source == "formed" and d.level2 == "quantity" and d.name.endswith(MILEAGE) \
                and LINEAR.search(d.name[:-len(MILEAGE)]):
            d.name = d.name[:-len(MILEAGE)] + LENGTH
