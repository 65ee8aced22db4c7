"""After ranking: no count of the settings of a project that funds one named setting (trial 20, E034).

初中公用经费(银川市第六中学) funds one school, which its name and its 实施单位 name: the type's 学校公用经费保障学校数量
待填写 所 asks the declarant for a count whose answer is 1 — a 数量 target a 财政局 reviewer strikes (the headcount the
money keeps going, 保障人数, is the row a school's running fund counts). A blank count of the settings (schools, units, hospitals,
kindergartens: 保障单位数量 too) is set aside when the project's name or its 实施单位 names one such institution and the text states no
count of them; a count bound to a figure of the text stays. Pure over drafts, in place; after ranking.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

# one named institution: 银川市第六中学, 县第一人民医院, 城关镇中心幼儿园 (a place or an ordinal before the kind)
_KINDS = {"学校": ("中学", "小学", "学校", "高中", "初中", "学院", "大学"), "医院": ("医院", "卫生院"),
          "幼儿园": ("幼儿园",)}
_NAMED = r"[\u4e00-\u9fff]{2,12}?(?:第[一二三四五六七八九十\d]+|[市县区镇乡])(?:"
# a count of the settings (学校公用经费保障学校数量, 保障单位数量, 医院数) in 所 / 个 / 家
_COUNT = re.compile(r"(?:学校|校|单位|机构|医院|卫生院|幼儿园)(?:数|数量|个数)$")
_SETTING_UNITS = ("所", "个", "家")
_UNIT_OF = re.compile(r"\d+(?:\.\d+)?\s*(?:所|家|个)(?:学校|中学|小学|医院|卫生院|幼儿园)|"
                      r"(?:学校|中学|小学|医院|卫生院|幼儿园)\d+(?:\.\d+)?\s*(?:所|家|个)")
_IMPLEMENTER = re.compile(r"实施单位[:：为]?\s*([\u4e00-\u9fff]{2,20})")


def one_named_setting(ctx: ProjectContext) -> str:
    """The kind (学校 / 医院 / 幼儿园) of the one institution the project's name or 实施单位 names, when the text states
    no count of such institutions; else ''."""
    if _UNIT_OF.search(ctx.text):
        return ""
    implementer = _IMPLEMENTER.search(ctx.text)
    where = (ctx.name or "") + " " + (implementer.group(1) if implementer else "")
    for kind, words in _KINDS.items():
        if len(set(re.findall(_NAMED + "|".join(words) + ")", where))) == 1:
            return kind
    return ""


def set_aside_count_of_one_setting(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside each shown blank count of the institutions of a project that funds one named institution (module
    docstring). In place."""
    kind = one_named_setting(ctx)
    if not kind:
        return
    for d in pool:
        if d.tier == Tier.ALTERNATE or d.slot != "quantity" or d.value or not _COUNT.search(d.name) \
                or (d.value_unit or d.unit) not in _SETTING_UNITS:
            continue
        set_aside(d, f"项目只保障一所（家）{kind}，{d.name}不是数量目标，仅作备选")
