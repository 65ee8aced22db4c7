"""Units of the things a count names (教材 in 册/本/套, 车辆 in 辆 …): what a name ending in an object counts.

A name such as 发放培训教材 has no measure ending (`kb.domain.units.measure_of` gives None), yet it counts a
thing, never persons: a fresh reviewer (trial 14) got UNIT-01's rewrite “≥600人” for 发放培训教材 600 because the
text's “培训600人” shares the word 培训. `thing_units` says which units can count the object the name ends on;
`kb.checker.rewrite` keeps person and household units off such a row and asks for the unit when several fit.
The table is ours (the common measure words of Chinese for each kind of object), not a catalog's.
"""
from __future__ import annotations

import re

# object word a name ends on → the units that count it (first: the usual one)
_THINGS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("教材", "图书", "书籍", "读本", "课本", "手册", "画册", "书"), ("册", "本", "套")),
    (("资料", "宣传资料", "宣传单", "宣传册", "折页", "明白纸", "材料"), ("份", "册", "张")),
    (("车辆", "汽车", "校车", "救护车", "消防车"), ("辆",)),
    (("设备", "器材", "仪器", "器械", "装备"), ("台", "套", "件")),
    (("桌椅", "课桌椅"), ("套",)),
    (("电脑", "计算机", "空调", "电视"), ("台",)),
    (("路灯",), ("盏",)),
    (("苗木", "树苗", "树木"), ("株", "棵")),
    (("药品", "疫苗"), ("剂", "人份", "盒")),
    (("标识牌", "警示牌", "标牌", "宣传牌", "指示牌"), ("块", "个")),
)

# a name ends on the object, maybe with a remark in brackets (发放培训教材（册）)
_TAIL_RE = re.compile(r"[(（][^()（）]*[)）]$")


def thing_units(name: str) -> tuple[str, ...]:
    """Units that count the object `name` ends on (发放培训教材 → ('册', '本', '套'), 购置车辆 → ('辆',)), or () when
    the name does not end on a known object (培训人数, 受益人口 … and every name with a measure ending)."""
    n = _TAIL_RE.sub("", (name or "").strip())
    if not n or n.endswith(("数", "数量", "率", "人次", "人数")):
        return ()  # 教材发放数量 is a count of 教材 all the same, but its measure ending decides (`measure_of`)
    for words, units in _THINGS:
        if n.endswith(words):
            return units
    return ()
