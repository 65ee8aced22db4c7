"""Change targets a description states in prose: "死亡率在现基础上下降0.5个百分点", "人均收入增长10%".

`stated_changes(text)` reads each such target as a `Mention` whose object is
the row's name, written the way the libraries write a change (a fall or rise
in 百分点 is 〔X〕下降幅度 / 〔X〕提高幅度 in 百分点, as 学生近视率下降幅度 ≥ 0.5 百分点 in
`indicators/basic/sector_education.csv`; a relative change in % is
〔X〕下降率 / 〔X〕增长率, as 产量增长率 ≥ 3 %). A list with 分别 pairs its things
with its figures: "猪、牛、羊、家禽死亡率在现基础上分别下降0.5、0.1、0.5和0.1个百分点" → 猪死亡率下降幅度
0.5 百分点 … 家禽死亡率下降幅度 0.1 百分点. Only a subject that names a measure (…率, …量, …收入 …)
makes a row, and a list whose things and figures do not pair makes none: nothing is invented.
A count changes by an amount too (重污染天数比上年减少5天 → 重污染天数减少量 5 天, 原创稿件增加800条 →
新增原创稿件数量 800 条): the size of the change, never the level (≤ 5 天 would say the year has at most 5 such days).
A change from a level to a level ("农户生活污水处理率由45%提高到85%", "从…下降至…") is a target for the
measure itself: 农户生活污水处理率 ≥ 85 % (≤ for a fall, `change_direction`), the derivation saying
from where (由45%提高到85%); the starting level is no target of any row.
Pure text functions; not for binding (`kb.suggest.binding`) or plain quantities (`kb.suggest.objects`).
"""
from __future__ import annotations

import re

from kb.domain.text import normalize
from kb.domain.units import QUANTITY_UNITS as UNITS
from kb.domain.words import FALL_VERBS, PAST_PERIODS
from kb.domain.years import past_bases
from kb.suggest.objects import Mention, pos_cut

_CHANGE = re.compile(
    r"(?P<subj>[\u4e00-\u9fff、]{2,30}?)"
    r"(?:在现有?基础上|较上一?年度?|比上一?年度?|较去年|比去年|同比|年均|较\d{4}年|比\d{4}年)?(?:分别)?"
    r"(?P<verb>下降|降低|减少|提高|提升|增长|增加|上升)了?(?:超过|不低于|不少于|达到|达)?"
    r"(?P<nums>\d+(?:\.\d+)?(?:\s*[、,，和及]\s*\d+(?:\.\d+)?)*)\s*(?P<unit>个百分点|百分点|%)")
# from a level to a level: 处理率由45%提高到85%, 从60%提升至90%, 由12‰下降到10‰ (the first figure may lack its unit),
# 由上年的72%提高到78%
_UNIT = r"(?:%|‰|" + "|".join(sorted((re.escape(u) for u in UNITS if u not in ("%", "‰")), key=len, reverse=True)) + ")"
_TO_LEVEL = re.compile(
    r"(?P<subj>[\u4e00-\u9fff]{2,30}?)(?:在现有?基础上)?(?:(?P<from>[由从])\s*"
    # the level named as a past period's (由上年的72%提高到78%: trial 17; `kb.domain.years.past_bases` reads the 72)
    r"(?:(?:" + "|".join(PAST_PERIODS) + r"|20\d{2}年)度?(?:同期)?的?)?(?P<x>\d+(?:\.\d+)?\s*" + _UNIT + r"?))?\s*"
    r"(?P<verb>(?:下降|降低|减少|提高|提升|增长|增加|上升)(?:到|至))(?P<y>\d+(?:\.\d+)?)\s*(?P<unit>" + _UNIT + r")")
# today's level, then the level to reach: 营养不良检出率为4.3%，今年力争降到4%以下 (the level reached is the row's
# target, today's binds nothing; the verb as the 由…到 pattern writes it)
_NOW_TO_LEVEL = re.compile(
    r"(?P<subj>[\u4e00-\u9fff]{2,30}?)(?:为|是|现为|目前为)\s*(?P<x>\d+(?:\.\d+)?\s*(?:%|‰))\s*[，,]?\s*"
    r"(?:[\u4e00-\u9fff]{0,6}?)(?P<verb>(?:下降|降低|降|减少|提高|提升|增长|增加|上升)(?:到|至))"
    r"(?P<y>\d+(?:\.\d+)?)\s*(?P<unit>%|‰)")
_SAID_VERB = {"降到": "下降到", "降至": "下降至"}
# the level a change reaches, said after it: 提高3个百分点、达到73% (a rate's level)
_LEVEL_AFTER = re.compile(r"\s*[、，,]?\s*(?:并|即)?(?:达到|达|至|提高到|提升到|提高至|提升至)\s*(?P<y>\d+(?:\.\d+)?)\s*(?P<unit>%|‰)")
_TIME_UNITS = frozenset("天 日 个月 月 周 小时 分钟 年 个工作日".split())
# a rise or fall by an amount: 粮食亩产提高50公斤, 人均收入增加2000元, 化肥用量减少3吨 (units of the quantity table,
# not 百分点 / %, not time)
_AMOUNT_UNIT = r"(?:" + "|".join(sorted((re.escape(u) for u in UNITS if u not in ("%", "‰") and u not in _TIME_UNITS),
                                        key=len, reverse=True)) + ")"
_BY_AMOUNT = re.compile(
    r"(?P<subj>[\u4e00-\u9fff]{2,30}?)"
    r"(?:在现有?基础上|较上一?年度?|比上一?年度?|较去年|比去年|同比|年均|较\d{4}年|比\d{4}年)?"
    r"(?P<verb>下降|降低|减少|提高|提升|增长|增加|上升)了?(?:超过|不低于|不少于|达到|达)?"
    r"(?P<nums>\d+(?:\.\d+)?)\s*(?P<unit>万元|亿元|(?:万)?" + _AMOUNT_UNIT + r"|天|日)(?![\u4e00-\u9fff]*?(?:百分点|%))")
# what a change by an amount can be of: an output per unit, an amount, an income (亩产, 收入, 用量 …)
_AMOUNT_MEASURE = re.compile(r"(亩产|单产|产量|收入|产值|销售额|工资|用量|用水量|用电量|排放量|消耗|量|额|数)$")
# a count of days changes by days (重污染天数比上年减少5天); any other subject never counts in days
_DAYS = re.compile(r"(天数|日数)$")
# words before the subject that say what the project does to it (使, 确保, 力争 …): the subject follows them
_LEAD = re.compile(r"^.*(?:使|让|促进|推动|带动|实现|确保|力争|预计|计划|目标|通过|项目实施后|实施后|建成后|完成后)")
# (目前 / 当前 say today, where the level starts: 目前全县列养农村公路优良中等路率为78% names 列养农村公路优良中等路率)
_SCOPE = re.compile(r"^(?:目前|当前|现阶段|年内|当年|今年|本年度|年度|全年)?(?:全县|全市|全区|全镇|全乡|全省|本县|本市|项目区|示范区|辖区)?")
# what a change can be of: a rate, an amount, an income … (a subject naming none is no measure)
_MEASURE = re.compile(r"(率|量|数|额|耗|收入|产值|产量|比例|比重|占比|满意度|指数|次数|起数|人次)$")
_FALL = FALL_VERBS
# a change averaged per 亩 (项目区粮食产能每亩提高50公斤, 亩均粮食产能提高100公斤): the gain per 亩, in 〔unit〕/亩
_PER_MU = re.compile(
    r"(?P<subj>[\u4e00-\u9fff]{2,20}?)(?P<mu>每亩|亩均)(?P<subj2>[\u4e00-\u9fff]{0,10}?)"
    r"(?P<verb>下降|降低|减少|提高|提升|增长|增加|上升)了?(?:超过|不低于|不少于|达到|达)?"
    r"(?P<nums>\d+(?:\.\d+)?)\s*(?P<unit>公斤|千克|斤|吨|元)(?![/\u4e00-\u9fff]*?(?:百分点|%))")
# a water quality class to reach (河道水质达到III类, 出境断面水质稳定在Ⅲ类以上): a grade on the national scale (GB 3838-2002
# classes I–V), a 定性 target written as the class, never the library's 水质达标率 ≥ 90 %
_WATER_CLASS = re.compile(
    r"(?P<subj>[\u4e00-\u9fff]{0,8}?水质)(?:稳定)?(?:达到|保持在?|稳定在|优于|达)(?P<y>IV|V|I{1,3}|[ⅠⅡⅢⅣⅤ])类(?:水?标准)?(?:及)?(?:以上)?")
# what a change per 亩 is of when jieba reads its last word a verb (产能)
_PER_MU_MEASURE = re.compile(r"(?:产能|产量|单产|收入|收益|产值|效益|用量)$")
# a change written verb first (减少土壤侵蚀量2万吨, 增加蓄水量5万立方米): the amount of the change of a measure in 量
_VERB_FIRST = re.compile(
    r"(?<![\u4e00-\u9fff])(?P<verb>减少|降低|削减|增加|提高)(?P<subj>[\u4e00-\u9fff]{2,12}?量)(?:约|达|超过|不少于)?"
    r"(?P<nums>\d+(?:\.\d+)?)\s*(?P<unit>万元|亿元|(?:万)?" + _AMOUNT_UNIT + r")")
# a grade raised by grades (耕地质量等级提高0.5个等级): the rise of the grade, in 等 as the libraries write it
# (耕地质量等级提升 等 in the farmland type)
_GRADE_UP = re.compile(
    r"(?P<subj>[\u4e00-\u9fff]{2,12}?等级)(?P<verb>提高|提升|上升)了?(?:超过|不低于|不少于|达到|达)?"
    r"(?P<nums>\d+(?:\.\d+)?)\s*(?:个)?(?:等级|等|级)")
# a design standard raised to a return period (防洪标准提高到20年一遇): the standard the works reach
_STANDARD_TO = re.compile(
    r"(?P<subj>[\u4e00-\u9fff]{0,8}?(?:防洪|排涝|防潮|抗旱)标准)(?:由\d+年一遇)?(?P<verb>(?:提高|提升|达到)(?:到|至)?)"
    r"(?P<y>\d+)\s*年一遇")


def stated_changes(text: str) -> list[Mention]:
    """The change targets of `text` (normalised inside) as mentions: obj is the row name, unit 百分点 or %,
    verb the change word as written, start the figure's offset (a change from a level: the first level's),
    end the end of the unit — one end for all figures of one list (`kb.suggest.table` keeps a list's rows together by it); in text order."""
    t = normalize(text)
    out = _to_levels(t)
    taken = [(c.start, c.end) for c in out]
    bases = past_bases(t)
    for m in _CHANGE.finditer(t):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        subj = _SCOPE.sub("", _after_preposition(_LEAD.sub("", m.group("subj")))).strip("、")
        if not subj:   # 去年旅游综合收入1.2亿元，力争今年增长10%: the measure is the clause's before
            subj = _measure_before(t, m.start("subj"))
        base = next(((a, b) for a, b in bases if a <= m.start("subj") <= b), None)
        if base is not None:   # 接待读者15000人次（较上年1.2万人次增长25%）: the subject read is the base's unit
            subj = _measure_of_base(t, base)
        figures = list(re.finditer(r"\d+(?:\.\d+)?", m.group("nums")))
        unit = "百分点" if "百分点" in m.group("unit") else "%"
        for (thing, value), f in zip(_paired(subj, [f.group() for f in figures]), figures):
            if not _MEASURE.search(thing):
                continue
            out.append(Mention(value, unit, m.group("verb"), _name(thing, m.group("verb"), unit),
                               m.start("nums") + f.start(), m.end(), context=m.group(0)))
        level = _LEVEL_AFTER.match(t, m.end())
        if level and len(figures) == 1 and _MEASURE.search(subj) and subj.endswith("率"):
            # 健康管理率较上年提高3个百分点、达到73%: the level reached is the measure's own target (≥ 73 %)
            out.append(Mention(level.group("y"), level.group("unit"), "达到", subj, level.start("y"), level.end(),
                               context=t[m.start():level.end()], derivation=re.sub(r"\s+", "", t[m.start("verb"):level.end()])))
    out += _per_mu_and_grades(t, [(c.start, c.end) for c in out])
    taken = [(c.start, c.end) for c in out]
    for m in _BY_AMOUNT.finditer(t):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        subj = _SCOPE.sub("", _after_preposition(_LEAD.sub("", m.group("subj")))).strip("、")
        unit = m.group("unit")
        if "、" in subj or len(subj) < 2 or (unit in ("天", "日")) != bool(_DAYS.search(subj)):
            continue
        if not _AMOUNT_MEASURE.search(subj) and (unit.endswith("元") or not _counted_thing(subj)):
            continue   # 原创稿件增加800条 counts things; a sum of money needs a measure (收入, 产值 …)
        name = _amount_name(subj, m.group("verb"), unit) if _AMOUNT_MEASURE.search(subj) else _count_name(subj, m.group("verb"))
        out.append(Mention(m.group("nums"), m.group("unit"), m.group("verb"), name,
                           m.start("nums"), m.end(), context=m.group(0)))
    return sorted(out, key=lambda c: c.start)


def _per_mu_and_grades(t: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """The changes of normalised `t` per 亩 (亩均粮食产能提升 ≥ 50 公斤/亩), written verb first (土壤侵蚀减少量 ≥ 2 万吨:
    the row says the fall, never 土壤侵蚀量 ≥ 2 万吨, which asks for erosion), of a grade (耕地质量等级提升 ≥ 0.5 等:
    never a count of 个, which the checker's QNT-13 rejects as no whole number) and of a design standard
    (防洪标准 ≥ 20 年一遇) and a water class to reach (河道水质类别 定性 III类: value the class, unit ''), outside the
    spans `taken`."""
    out: list[Mention] = []

    def free(m: re.Match) -> bool:
        return not any(a < m.end() and m.start() < b for a, b in taken + [(c.start, c.end) for c in out])

    for m in _PER_MU.finditer(t):
        thing = _SCOPE.sub("", _after_preposition(_LEAD.sub("", m.group("subj") + m.group("subj2")))).strip("、")
        if not free(m) or "、" in thing or len(thing) < 2 or not (_PER_MU_MEASURE.search(thing) or pos_cut(thing)[-1][1].startswith("n")):
            continue
        name = "亩均" + thing + ("减少" if m.group("verb") in _FALL else "提升")
        out.append(Mention(m.group("nums"), m.group("unit") + "/亩", m.group("verb"), name, m.start("nums"), m.end(),
                           context=m.group(0)))
    for m in _VERB_FIRST.finditer(t):
        if not free(m):
            continue
        thing, toks = m.group("subj"), pos_cut(m.group("subj"))
        if toks and toks[-1][0] == "量":
            thing = thing[:-1]   # 土壤侵蚀量 → 土壤侵蚀减少量; 化肥用量 keeps its 用量 (化肥用量减少量)
        name = thing + ("减少" if m.group("verb") in _FALL + ("削减",) else "增加") + "量"
        out.append(Mention(m.group("nums"), m.group("unit"), m.group("verb"), name, m.start("nums"), m.end(),
                           context=m.group(0)))
    for m in _GRADE_UP.finditer(t):
        subj = _SCOPE.sub("", _after_preposition(_LEAD.sub("", m.group("subj"))))
        if free(m) and len(subj) >= 3:
            out.append(Mention(m.group("nums"), "等", m.group("verb"), subj + "提升", m.start("nums"), m.end(),
                               context=m.group(0)))
    for m in _WATER_CLASS.finditer(t):
        subj = _SCOPE.sub("", _after_preposition(_LEAD.sub("", m.group("subj"))))
        if free(m) and len(subj) >= 2:
            out.append(Mention(m.group("y") + "类", "", "达到", subj + "类别", m.start("y"), m.end(), context=m.group(0)))
    for m in _STANDARD_TO.finditer(t):
        if free(m):
            out.append(Mention(m.group("y"), "年一遇", m.group("verb"), m.group("subj"), m.start("y"), m.end(),
                               context=m.group(0), derivation=re.sub(r"\s+", "", m.group(0))))
    return out


# the clause before a change whose subject the text leaves out: a measure and its figure (去年旅游综合收入1.2亿元)
_STATED_LEVEL = re.compile(r"(?P<subj>[\u4e00-\u9fff]{2,16}?)(?:为|是|达到?|约|共)?\d+(?:\.\d+)?\s*[\u4e00-\u9fff%]{0,3}[，,]\s*$")
_PAST_SCOPE = re.compile(r"^(?:" + "|".join(PAST_PERIODS) + r"|\d{4}年度?|目前|当前|现阶段)?")


def _measure_before(t: str, at: int) -> str:
    """The measure of the clause right before offset `at` of the same sentence when it states one with its
    figure (去年旅游综合收入1.2亿元，力争今年增长10% → 旅游综合收入): a change saying only 增长10% is of it; else ''."""
    m = _STATED_LEVEL.search(re.split(r"[。；;!！?？]", t[max(0, at - 40):at])[-1])
    if not m:
        return ""
    subj = _SCOPE.sub("", _PAST_SCOPE.sub("", m.group("subj")))
    return subj if _MEASURE.search(subj) and len(subj) >= 2 else ""


# the figure a comparison's base restates, right before the comparison: 接待读者15000人次（ / 计划接待读者15000人次，
_FIGURE_BEFORE_BASE = re.compile(r"(?P<words>[\u4e00-\u9fff]{2,20}?)\d+(?:,\d{3})*(?:\.\d+)?\s*[万亿]?(?P<unit>[\u4e00-\u9fff]{1,3})"
                                 r"[（(，,]?\s*(?:较|比|相比|相较|与|同)(?:于)?[^\d，。；,;]{0,8}$")


def _measure_of_base(t: str, base: tuple[int, int]) -> str:
    """The measure a change is of when its subject is read from the past figure it compares with (trial 16:
    接待读者15000人次（较上年1.2万人次增长25%） gave 万人次增长率): the words and unit of this year's figure right before
    the comparison, in the base's unit (接待读者 + 人次 → 接待读者人次); '' when the text states none before it (the change
    makes no row: a rate of a unit names nothing)."""
    m = _FIGURE_BEFORE_BASE.search(re.split(r"[。；;!！?？]", t[max(0, base[0] - 60):base[0]])[-1])
    if not m:
        return ""
    unit = m.group("unit")
    if not t[base[0]:base[1]].rstrip().endswith(unit):
        return ""   # the base counts in another unit: which measure changes is not said
    words = _SCOPE.sub("", _after_preposition(_LEAD.sub("", m.group("words"))))
    return words + unit if len(words) >= 2 else ""


def _counted_thing(subj: str) -> bool:
    """The subject ends on a noun (新媒体平台原创稿件): a count of things can change by an amount."""
    toks = pos_cut(subj)
    return bool(toks) and toks[-1][1].startswith("n") and len(toks[-1][0]) >= 2


def _count_name(thing: str, verb: str) -> str:
    """The row name of a count of things that changes by an amount, as real tables write one: 新增〔X〕数量
    (原创稿件增加800条 → 新增原创稿件数量 800 条, 就业岗位增加50个 → 新增就业岗位数量), 〔X〕减少数量 for a fall."""
    return thing + "减少数量" if verb in _FALL else "新增" + thing + "数量"


def _amount_name(thing: str, verb: str, unit: str) -> str:
    """The row name of a change by an amount, as real tables write one: 粮食亩产增加量 (50 公斤), 人均收入增加额
    (2000 元), 化肥用量减少量 (3 吨): money 额, anything else 量; a thing ending in 量 / 额 keeps it once."""
    change = "减少" if verb in _FALL else "增加"
    measure = "额" if unit.endswith("元") else "量"
    return thing + change + measure


def _to_levels(t: str) -> list[Mention]:
    """The changes of normalised `t` from a level to a level: the row is the measure named before 由 / 从,
    value the level reached, verb as written (提高到); start is the first figure's offset (so neither figure
    binds another row), the derivation the change as written without spaces."""
    out = []
    for m in _TO_LEVEL.finditer(t):
        subj = _SCOPE.sub("", _after_preposition(_LEAD.sub("", m.group("subj"))))
        if not _MEASURE.search(subj) or "、" in subj:
            continue
        start = m.start("x") if m.group("x") else m.start("y")
        said = re.sub(r"\s+", "", t[m.start("from"):m.end()]) if m.group("from") else ""
        out.append(Mention(m.group("y"), m.group("unit"), m.group("verb"), subj, start, m.end(),
                           context=m.group(0), derivation=said))
    for m in _NOW_TO_LEVEL.finditer(t):
        subj = _SCOPE.sub("", _after_preposition(_LEAD.sub("", m.group("subj"))))
        if not _MEASURE.search(subj) or "、" in subj or any(o.start <= m.start("x") < o.end for o in out):
            continue
        verb = _SAID_VERB.get(m.group("verb"), m.group("verb"))
        said = re.sub(r"\s+", "", f"由{m.group('x')}{verb}{m.group('y')}{m.group('unit')}")
        out.append(Mention(m.group("y"), m.group("unit"), verb, subj, m.start("x"), m.end(),
                           context=m.group(0), derivation=said))
    return out


def change_direction(m: Mention) -> str:
    """The direction of a change row: a level to fall to (下降到 10 ‰) is a ceiling, 'negative'; a level to
    rise to and a size of a change (下降幅度 ≥ 0.5 百分点) are 'positive'."""
    return "negative" if m.verb.startswith(_FALL) and m.verb.endswith(("到", "至")) else "positive"


def _after_preposition(subj: str) -> str:
    """The words after the last preposition (市商务局对年度网络零售额 → 年度网络零售额), jieba's tag p."""
    toks = pos_cut(subj)
    last = max((i for i, (_, tag) in enumerate(toks) if tag == "p"), default=-1)
    return "".join(w for w, _ in toks[last + 1:])


def _paired(subj: str, nums: list[str]) -> list[tuple[str, str]]:
    """(thing, figure) pairs: one subject and one figure, or a list of things sharing the last one's measure
    with as many figures (猪、牛、羊、家禽死亡率 and 0.5、0.1、0.5、0.1)."""
    items = [x for x in re.split(r"[、]|(?<=[\u4e00-\u9fff])[和及与](?=[\u4e00-\u9fff])", subj) if x]
    if len(nums) == 1:
        return [(subj, nums[0])] if "、" not in subj else []
    if len(items) != len(nums):
        return []
    last = pos_cut(items[-1])
    if len(last) < 2:
        return []
    measure = last[-1][0]
    items[-1] = items[-1][: -len(measure)]
    return [(x + measure, v) for x, v in zip(items, nums)]


def _name(thing: str, verb: str, unit: str) -> str:
    """The row name of a change: 〔X〕下降幅度 in 百分点, 〔X〕下降率 / 增长率 in %, with the text's own verb."""
    if unit == "百分点":
        return thing + verb + "幅度"
    return thing + (verb if verb in _FALL or verb in ("提高", "提升") else "增长") + "率"
