"""The one reader of the figures a description gives as the setting a project works in, not a target.

`setting_figure(m, text)`: a figure of a clause that describes where the project
runs — 全县森林面积86万亩, 全县共有行政村120个, 森林覆盖率现状为62%, 全县现有集中
供水工程186处，服务农村人口28.6万人 — the county's size, not what this year's
project does (本年度完成森林抚育2万亩 is). Such a clause opens with a scope (全县 /
辖区 / 我市 …) or says 现有 / 现状 / 总面积 / 总人口, states the figure after a
measure noun or a verb of being (是 / 有 / 达 / 为 …), and names no work of the
project (no verb of the work or of benefit, no 依托 / 利用: a thing the project
uses is its coverage). So is what stands in the project's own area
(项目区现有耕地1.6万亩), what a library keeps (现有藏书28万册), the size of the
facility it runs in (馆舍面积6200平方米) and today's level said as a shortfall
(灌溉保证率不足60%, 达标率仅为70%): the level the project starts from; a clause
going on with a sentence that opened on the setting is the setting too.

Suggest reads it to keep such figures out of its targets (`kb.suggest.facts`,
with its part-of-speech cut); the checker reads it to flag a row that sets one
as a target (REL-06, `kb.checker.rules.relevance`). A figure is anything with
`start` / `end` (its span in the normalised text, number through unit) and
`unit`. Pure text functions; not for reading quantities nor for what already
happened (`kb.suggest.facts.actual_figure`).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Protocol

from kb.domain.text import CLAUSE_PUNCT, SENTENCE_END
from kb.domain.units import MONEY_UNITS
from kb.domain.words import BENEFIT_VERBS, EXISTING_WORDS, SCOPE_ONLY, USE_WORDS, WORK_VERBS


class Figure(Protocol):
    """A figure of a text: its span (number through unit) and its unit."""

    start: int
    end: int
    unit: str


# splits a phrase into its words
Cut = Callable[[str], Iterable[str]]
_VERBS = tuple(sorted(WORK_VERBS | BENEFIT_VERBS))


def verbs_in(words: str) -> list[str]:
    """The verbs of the work or of benefit (`WORK_VERBS`, `BENEFIT_VERBS`) written in `words`, wherever they stand
    (the default `Cut` of `setting_figure`: without a part-of-speech cut a verb inside a longer word counts too,
    so a clause reads as the setting no more often than with one)."""
    return [v for v in _VERBS if v in words]


# a clause that opens with where: 全县森林面积…, 目前辖区内…, 我县共有…, 截至2023年底全市… (the scope words are naming's)
_SCOPE_LEAD = re.compile(r"^(?:目前|当前|现阶段|截至[^，,]{0,10}?|截止[^，,]{0,10}?)?"
                         r"(?:(?:我|该)(?:省|市|县|区|镇|乡)|(?:省|市|县|区|镇|乡|村|社区|街道|辖区)内|境内|(?:全|本)(?:馆|院|校)|"
                         + SCOPE_ONLY.pattern + ")")
# a place or the unit itself, then 现有 (城区现有排水管网总长386公里, 中心现有采编人员46人, 我馆现有藏书…): what stands there;
# a bare 现有 (现有助餐点12个) is the project's own and no setting
_SUBJECT_HAS = re.compile(r"^(?:城区|市区|县城|城市|主城区|老城区|(?:本|该)?(?:中心|馆|院|站|所|单位)|"
                          r"(?:本|该)?项目(?:区|所在地|区域)|灌区|库区)现有")
# today's level said as a shortfall (灌溉保证率不足60%, 覆盖率仅为45%): the level before the change, no target
_TODAY_LEVEL = re.compile(r"(?:不足|不到|仅为|仅有|仅达|仅|只有|尚不足|目前为|现为|目前仅)$")
# the size of the facility the project runs in (县图书馆馆舍面积6200平方米, 占地面积…): the setting, when the sentence so
# far names no work (新建综合楼，建筑面积2000平方米 is the work's own size)
# (a property service's 展览馆建筑面积2.6万平方米 is the area it serves, D050's real 物管服务面积: not a setting)
_FACILITY_SIZE = re.compile(r"(?:馆舍|院舍)(?:建筑)?面积$")
# words that say a figure is the present state of things, wherever they stand in the clause
_SETTING_WORDS = re.compile(r"现有|现状|总面积|总人口|常住人口|户籍人口|总户数")
# holdings of a library, an archive or a museum (馆藏档案12万卷, 藏书21万册): what the unit keeps, the setting — unless
# the clause opens on the work done to them (对馆藏档案1.5万卷进行数字化: the project's own count)
_HOLDINGS = re.compile(r"馆藏|藏书|藏品")
_WORK_ON = re.compile(r"^(?:对|将|把|为|完成|新增|整理|扫描|修复)")
# how a clause that goes on with the setting says what it covers (全县现有集中供水工程186处，覆盖农村人口21万人):
# the coverage of what stands, no benefit of this year's work
_COVERS = re.compile(r"^(?:共|可|能|已)?(?:覆盖|惠及|服务|辐射|受益)")
# how a setting figure follows its words: after a measure noun or a verb of being (全县森林面积86万亩, 全县共有行政村120个)
_SETTING_BEFORE = re.compile(r"(?:面积|人口|总量|总数|覆盖率|里程|长度|规模|蓄积量|户数|个数|是|有|达|为|共有|共|约|达到|总计|合计)$")
# a verb of being anywhere after the scope (全县共有行政村120个)
_BEING = re.compile(r"共有|拥有|现存|是|有|为|达")
# words that make a figure a target, not a state (达到 …, 计划, 力争): a setting's sentence ends before them
_TARGET_WORDS = re.compile(r"达到|不低于|不少于|不超过|提高|提升|增加|降低|下降|减少|确保|力争|计划|目标|预计|完成|实现|"
                           r"保持|稳定在|维持在")
# a level the project keeps (全县农村公路优良中等路率保持在85%以上): a target, never the setting
_KEEP_LEVEL = re.compile(r"(?:保持|稳定|维持)(?:在)?$")
# a work verb + 对象 / 户 is a noun of a programme's people (监测对象1100人), no work
_ROLE_NOUN = re.compile(r"(?:监测|帮扶|救助|资助|补助|保障|服务|供养)(?:对象|户)")

# a short aside in brackets (村（社区）干部): part of the words around it, no clause of its own
_ASIDE = re.compile(r"（[^（）]{1,8}）|\([^()]{1,8}\)|“[^“”]{1,8}”")
_OPENING = {"）": "（", ")": "(", "”": "“"}


def _scoped(head: str) -> bool:
    """The clause opens with a scope (全县…) or with a place or the unit itself and 现有 (城区现有…)."""
    return bool(_SCOPE_LEAD.match(head) or _SUBJECT_HAS.match(head))


def figure_clause(text: str, m: Figure) -> tuple[str, str]:
    """(words of m's clause before its number, words after its unit), cut at clause punctuation; a short aside
    in brackets is kept out on either side (全县共有村（社区）干部1560名 → 全县共有村干部, “两微一端”粉丝总量 → 粉丝总量;
    在全县34所农村义务教育学校（含教学点）实施营养膳食补助 → 农村义务教育学校实施营养膳食补助: trial 17, where the
    aside cut the work 实施 off the clause and the project's 34 schools read as the county's)."""
    head = CLAUSE_PUNCT.split(_ASIDE.sub("", text[max(0, m.start - 40):m.start]))[-1]
    tail = CLAUSE_PUNCT.split(_ASIDE.sub("", text[m.end:m.end + 34]))[0][:24]
    return head, tail


def _names_work(words: str, scoped: bool, cut: Cut) -> bool:
    """True when `words` name work of the project or a use of what stands (依托 / 利用: its coverage). In a
    clause opening with a scope (`scoped`: 全县现有乡镇卫生院15所, 全县已建成高标准农田41万亩) 现有 / 已建成 say
    what stands in the county, the setting, and are no work."""
    if scoped and not USE_WORDS.search(words):
        words = EXISTING_WORDS.sub("", words)
    words = _ROLE_NOUN.sub("", words)   # 监测对象, 帮扶户: whom a programme watches or helps, no work of this one
    return any(w in WORK_VERBS or w in BENEFIT_VERBS for w in cut(words)) or bool(EXISTING_WORDS.search(words))


def _setting_clause(head: str, tail: str, scoped: bool, cut: Cut) -> bool:
    if not head:
        return False
    if _HOLDINGS.search(head) and re.match(r"(?:现有|现存)", head) and not tail.strip() \
            and not _names_work(EXISTING_WORDS.sub("", head), scoped, cut) and not _TARGET_WORDS.search(head):
        return True   # 现有藏书28万册, 现有藏品4.5万件: what the unit keeps, not what the project adds
    if _TODAY_LEVEL.search(head.rstrip("约 ")) and not _TARGET_WORDS.search(head) and not _names_work(head, scoped, cut):
        return True   # 灌溉保证率不足60%: today's level, the one the project raises
    if _names_work(head + tail, scoped, cut) or _KEEP_LEVEL.search(head.rstrip("约 ")):
        return False
    said = head.rstrip("约达共 ")
    if _SETTING_WORDS.search(head):
        return True
    if _HOLDINGS.search(head) and not _WORK_ON.match(head) and not tail.strip():
        return True
    # a scope, then what is counted, then its figure, and no work (全县60周岁以上老年人8.6万人): the county's own
    return scoped and (bool(_SETTING_BEFORE.search(said) or _BEING.search(head)) or len(head) > 4)


def _sentence_before(text: str, m: Figure) -> tuple[str, str]:
    """(the sentence's words before m's clause, the punctuation that ends them): 全县现有中小学78所，在校学生5.2万人
    → ('全县现有中小学78所', '，') for 5.2万人."""
    window = text[max(0, m.start - 40):m.start]
    head_start = m.start - len(CLAUSE_PUNCT.split(window)[-1])
    while head_start > 0 and text[head_start - 1] in _OPENING and _ASIDE.search(text[max(0, head_start - 10):m.start]):
        head_start = text.rfind(_OPENING[text[head_start - 1]], 0, head_start)   # over the aside
        head_start -= len(CLAUSE_PUNCT.split(text[max(0, head_start - 40):head_start])[-1])
    s = SENTENCE_END.split(text[max(0, head_start - 80):head_start])[-1]
    return (s[:-1], s[-1]) if s and s[-1] in "，,、" else ("", "")


def setting_figure(m: Figure, text: str, cut: Cut | None = None) -> bool:
    """True when `m` (a figure of normalised `text`: its `start`, `end` and `unit`) is a figure of the project's
    setting (see the module docstring); amounts of money are the budget's to read (`kb.domain.budget`), never a
    setting. `cut` splits a phrase into its words (suggest's part-of-speech cut); by default every verb of the
    work or of benefit the phrase holds counts as a word of it (`verbs_in`). Raises nothing."""
    cut = cut or verbs_in
    if m.unit in MONEY_UNITS:
        return False
    head, tail = figure_clause(text, m)
    if _setting_clause(head, tail, _scoped(head), cut):
        return True
    if _FACILITY_SIZE.search(head) and not _names_work(SENTENCE_END.split(text[max(0, m.start - 80):m.start])[-1], False, cut):
        return True   # 县图书馆馆舍面积6200平方米: the size of what the project runs in
    # a clause going on with a sentence that opened on the setting (全县现有中小学78所，在校学生5.2万人，其中C级危房
    # 校舍面积约3万平方米; …乡镇卫生院15所、村卫生室210个) is the setting too, unless it names work or a target
    before, joint = _sentence_before(text, m)
    clauses = [c for c in re.split(r"[,，、]", before) if c] if before else []
    if not clauses or not _scoped(clauses[0]) or not _setting_clause(_words(clauses[0]), "", True, cut):
        return False
    stands = bool(EXISTING_WORDS.search(clauses[0]))   # 全县现有…, 已建成…: what stands, whose coverage goes on
    if any(not _goes_on(_words(c), stands, cut) for c in clauses[1:]):
        return False   # 全县森林面积86万亩，本年度完成森林抚育2万亩，补植补造0.5万亩: the work's clause ends the setting
    if joint == "、":   # an item of the setting's list (脱贫人口2.3万人、监测对象1100人): its lead is the list's
        return True
    return bool(head) and _goes_on(head + tail, stands, cut)


def _words(clause: str) -> str:
    """A clause's words before its last figure (全县现有耕地68万亩 → 全县现有耕地)."""
    return re.sub(r"[\d.]+[^\d]*$", "", clause) if re.search(r"\d", clause) else clause


def _goes_on(words: str, stands: bool, cut: Cut) -> bool:
    """A clause with no work, no target and no word of the project or its year, that does not open on whom the
    project serves (为其中2000名失能老人提供上门服务). After a sentence opening on what stands (`stands`: 全县现有集中
    供水工程186处) a clause saying what it covers (覆盖农村人口21万人) goes on with the setting too."""
    if stands and _COVERS.match(words):
        words = _COVERS.sub("", words)
    return not _names_work(words, True, cut) and not _TARGET_WORDS.search(words) \
        and not re.search(r"本年|今年|年度|项目|提供", words) and not re.match(r"(?:为|对|向|给)", words)
