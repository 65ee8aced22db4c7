"""The places a fund's text lists: how many counties it subsidises (issue 10, round 5).

A transfer payment's target table lists the places it funds (E027: 分区域目标值: 新罗区、永定区、上杭县、武平县、
长汀县、连城县、漳平市) and real tables count them (宗教管理经费补助县市区数量 = 7). The text gives no figure, so no
row was formed; the list's length is the figure. Only for a fund (the text says 补助 / 转移支付 / 专项资金 / 资金) and
a 、 list of three or more places of county rank (区, 县, 市, 旗), each named once. Pure over the project context.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft

# a county-rank place: two to four characters before 区 / 县 / 市 / 旗 (新罗区, 上杭县, 漳平市, 达尔罕茂明安联合旗 is
# longer and stays out)
_PLACE = r"[\u4e00-\u9fff]{1,4}?(?:自治县|区|县|市|旗)"
# the list opens after no Chinese character or after a word of where to (分配至, 覆盖到, 包括, 含)
_PLACE_LIST = re.compile(rf"(?:(?<![\u4e00-\u9fff])|(?<=[至到括含])){_PLACE}(?:、{_PLACE}){{2,}}(?![\u4e00-\u9fff])")
_A_FUND = re.compile(r"补助|转移支付|专项资金|资金")
NAME = "补助县（市、区）数量"
UNIT = "个"


def listed_place_drafts(ctx: ProjectContext) -> list[Draft]:
    """[one 数量 draft `NAME` = the number of places the longest such list names, unit 个, bound to the text] when
    the text is a fund's and lists three or more county-rank places with 、; else []."""
    if not _A_FUND.search(ctx.text):
        return []
    best: list[str] = []
    for m in _PLACE_LIST.finditer(ctx.text):
        places = m.group().split("、")
        if len(set(places)) == len(places) and len(places) > len(best):
            best = places
    if not best:
        return []
    d = Draft(name=NAME, level2="quantity", source="formed", unit=UNIT, direction="positive",
              evidence=[f"描述中列出的地区: {'、'.join(best)}", "按描述用词生成"])
    d.value, d.value_unit, d.value_source, d.operator = str(len(best)), UNIT, "text", "="
    return [d]
