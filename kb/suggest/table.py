"""Step 7 of suggest: the default table a declarant would keep, with alternates per slot.

A real 绩效目标表 has 7–12 rows: 3–4 数量, 1–2 质量, 1 时效, 1 成本, 1–2 效益,
1–2 满意度 (the mix of the real tables in `indicators/training/`). The
default table takes, slot by slot, the minimum of `QUOTAS` from the best
rows (tier, then score), then fills up to `TARGET_ROWS` with the best
remaining rows within each slot's maximum, and never holds the same measure
of the same object twice (`same_measure`). Rows of tier ALTERNATE never
enter it. A required slot the pending limits left empty takes its best
candidate all the same (a blank row of the library says what to measure; a
reviewer strikes a bare placeholder); a slot with no candidate at all is
named in `Table.missing` (the result's message), never a placeholder row. Everything else not chosen is an alternate beside its slot (best
`ALTERNATES` per slot), except rows vetting set aside (another programme,
another sector, a vague formed rate); a row set aside only because the
text does not name its object or people (`draft.ASIDE_UNNAMED`) is offered
after the others of its slot. Pure functions over ranked drafts.
"""
from __future__ import annotations

import re
from copy import copy
from functools import lru_cache
from dataclasses import dataclass, field

from kb.domain.units import is_time_unit, unit_fits, units_compatible
from kb.suggest.draft import ASIDE_NO_COUNTED, ASIDE_NO_PEOPLE, ASIDE_SPARE_ENTRY, ASIDE_UNNAMED, PENDING, Draft
from kb.suggest.ranker import Tier
from kb.suggest.stage_deadlines import STAGE_DEADLINE
from kb.suggest.slots import SLOTS
from kb.suggest.words import ON_TIME, PERIOD, PERSON_HEADS, STANDARD_NAME

BENEFITS = ("economic_benefit", "social_benefit", "ecological_benefit", "sustainable_impact")
# (min, max) rows per slot group in the default table. One benefit row: real tables hold 1–2, but
# their wording is the author's own (cross-validated hit rate of a second one 0.03, of any other row
# 0.09–0.14), so further benefit rows stand beside the table as alternates; two satisfaction rows
# when the text names two groups of people (学生 and 家长)
QUOTAS = {"quantity": (1, 4), "quality": (1, 2), "timeliness": (1, 1), "cost": (1, 1),
          "benefit": (1, 1), "satisfaction": (1, 2)}
# a second cost or benefit row only when it holds the text's own figure too (总成本 ≤ budget and 人均成本 =
# budget ÷ persons; 受益行政村 8 个 and 受益群众 1.2 万人)
BOUND_COST_MAX = 2
# …and up to three benefit rows when each holds a figure of its own (特色产业产值 80 万元, 脱贫户增收 80 万元 and
# 受益脱贫户 10 户: D007 states all three, its real table holds all three)
BOUND_BENEFIT_MAX = 3
# …and a third quality row when it holds a rate the text states (验收合格率100%, 设备完好率不低于95% and
# 基层就诊率达到65%: a fourth fresh reviewer found the third stated rate missing)
BOUND_QUALITY_MAX = 3
# …a fifth 数量 row past TARGET_ROWS when it holds a figure of the text (E002 states five areas: 坡改梯 25.26 公顷 was left out), and a
# second 时效 row when it holds a time limit of another work the text states (一般故障4小时内修复、重大故障2小时内到场)
BOUND_QUANTITY_MAX, BOUND_LIMIT_MAX = 5, 2
MIN_ROWS, TARGET_ROWS, MAX_ROWS = 8, 10, 12
# 待填写 rows a reviewer still reads as a plan: at most this many per slot group, and in all
MAX_PENDING_PER_GROUP, MAX_PENDING = 2, 4
ALTERNATES = 3
SAME_MEASURE_DICE = 0.7
SAME_ENDING_DICE = 0.5     # …with the same measure ending (农村公路养护工程验收合格率 / 农村公路建设验收合格率)
# what a missing required slot asks for
MISSING = {"quality": "质量指标", "timeliness": "时效指标", "satisfaction": "满意度指标", "benefit": "效益指标",
           "quantity": "数量指标"}


def group_of(slot: str) -> str:
    return "benefit" if slot in BENEFITS else slot


@dataclass
class Table:
    """The default rows (table order) and the alternates per slot key."""

    rows: list[Draft]
    alternates: dict[str, list[Draft]]
    missing: list[str] = field(default_factory=list)   # the required slot groups nothing fits (效益指标 …)


def order_key(d: Draft, best: dict | None = None) -> tuple:
    """Tier first; then the ranker's score, a row holding a number of the text ranked by the best row bound to
    that same number (`best`: the mention's key → score, from `_best_per_mention`); among the rows holding one
    number, the name formed from the text's own words before a library name. The formed-first order only ever
    decided between rows of one number: E038's 开展抽查批次 ≥ 95 批次 (a type's row, no formed twin, the best
    score of its slot) had fallen behind every formed count of the text and out of the quota."""
    own_words = d.tier == Tier.BOUND and d.source == "formed"
    key = _mention_key(d)
    group = (best or {}).get(key, d.score) if key is not None else d.score
    return (-int(d.tier), -group, key is None, key or (), not own_words, -d.score, d.name)


def _mention_key(d: Draft) -> tuple | None:
    """The slot group and the text's number a bound row holds (its place in the text and value), or the budget
    and value a row derived from it holds; else None. Per slot group: a quantity row bound to the number a
    better benefit row holds (受益人口11800人) never borrows that row's score."""
    if d.tier != Tier.BOUND:
        return None
    m = d.mention
    if d.value_source == "text" and m is not None:
        return (group_of(d.slot), m.start, m.end, m.value)
    return (group_of(d.slot), -1, -1, d.value_source, d.value) if d.value_source and d.value else None


def _best_per_mention(drafts: list[Draft]) -> dict:
    """The best score of the rows the table may show that hold each number of the text."""
    best: dict = {}
    for d in drafts:
        key = _mention_key(d)
        if key is not None:
            best[key] = max(best.get(key, d.score), d.score)
    return best


def same_measure(a: Draft, b: Draft, in_table: bool = True) -> bool:
    """Two rows measure the same thing of the same object: one stated number, one formed object
    in one slot (X验收合格率 / X合格率), or near-equal names. In the table (`in_table`) also one
    measure class whatever its object (`MEASURE_CLASSES`) and one blank headcount (`_one_headcount`);
    alternates may offer another wording of those."""
    if a.mention is not None and a.mention is b.mention:
        return True
    said = _stated_term(a)
    if said and said == _stated_term(b):
        return True          # one payment term or deadline the text states (养老服务补助资金拨付时限 / 服务费用支付时限)
    if a.value_source == "budget" and b.value_source == "budget":
        return True          # two ceilings at the budget: one total cost
    if _same_object_counted(a, b) or _same_object_counted(b, a) or _one_extent(a, b) or _one_thing(a, b):
        return True
    if in_table and (_one_class(a, b) or _one_headcount(a, b) or _level_and_its_satisfaction(a, b)
                     or _one_blank_extent(a, b) or _generic_beside_stated(a, b) or _generic_beside_stated(b, a)
                     or _one_stated_extent(a, b) or _blank_beside_stated(a, b) or _blank_beside_stated(b, a)
                     or _rate_beside_stated(a, b) or _rate_beside_stated(b, a)):
        return True
    if group_of(a.slot) != group_of(b.slot) or _kinds_differ(a, b) or _one_list(a, b) or _two_counts_stated(a, b) \
            or _another_group_standard(a, [b]):
        return False   # (the last: 困难残疾人生活补贴标准 90 元 and 重度残疾人护理补贴标准 100 元, two groups' standards)
    if a.obj and a.obj == b.obj:
        return True
    dice = _dice(a, b)
    return dice >= SAME_MEASURE_DICE or (dice >= SAME_ENDING_DICE and a.key[-3:] == b.key[-3:])


def _rate_beside_stated(a: Draft, b: Draft) -> bool:
    """`a` is a rate the text does not state and `b` one it states, of one measure whatever the slot (their names
    end alike in ≥ 4 characters: 农村公路优良中等路率 ≥ 80 % under 质量 beside 列养路段优良中等路率 ≥ 82 % under 效益,
    trial 9's road)."""
    if a.value_source == "text" or b.value_source != "text" or not (a.key.endswith("率") and b.key.endswith("率")):
        return False
    n = 0
    while n < min(len(a.key), len(b.key)) and a.key[-1 - n] == b.key[-1 - n]:
        n += 1
    return n >= 4


# measures a table states once whatever object they name: one acceptance rate (项目(工程)验收合格率 beside
# 高标准农田建设项目验收合格率), one on-time completion (完工率 under 质量 beside 完成及时率 under 时效),
# one on-time payment; compared across 质量 and 时效, where the library files them either way
# one count of accidents wherever the library files it: 活动安全事故发生次数 under 质量 beside 质量安全事故发生次数
# under 社会效益 (a second fresh trial)
SAFETY = re.compile(r"安全(?:生产)?事故(?:发生)?(?:次数|起数|数|率)$")
MEASURE_CLASSES = (
    re.compile(r"(验收合格率|验收质量|工程质量合格率|工程合格率|验收通过率)$"),
    ON_TIME,
    re.compile(r"(发放及时率|及时发放率|按时发放率|拨付及时率|到位及时率|兑付及时率|兑现及时率|支付及时率|"
               r"按时足额发放率|按月足额发放率|按月发放率|"
               r"每月[^率]{0,4}发放|(?:救助|补助|补贴|资助)及时率)$"),   # 按月发放率 beside 补助金每月中旬发放 (D042):
    # one on-time payment; 临时救助及时率 (质量) beside 临时救助发放及时率 (时效) too (D017); 贴息资金兑付及时率 beside
    # 小额贷款贴息发放及时率 (E031)
    # 经费发放率 beside 优抚对象生活补助发放率 (D042): one share paid out (按标准 / 足额 / 按时 / 按月 are others)
    re.compile(r"(?<![时月准额])发放率$"),
    re.compile(r"完成率$"),   # 文化活动完成率 beside 公共文化服务体系完成率 (on-time ones matched above)
    PERIOD,   # 服务周期 under 数量 beside 降尘抑尘服务周期 under 时效: one period, compared across 数量 too
    SAFETY,
)
_CLASS_SLOTS = frozenset({"quality", "timeliness"})
# the slots a class is compared across beyond 质量 and 时效
_MORE_SLOTS = {PERIOD: frozenset({"quantity"}), SAFETY: frozenset({"quantity", "social_benefit"})}


def _measure_class(d: Draft) -> int | None:
    return _measure_class_of_key(d.key)


@lru_cache(maxsize=8192)
def _measure_class_of_key(key: str) -> int | None:
    """The index in `MEASURE_CLASSES` of the first class a normalised name ends in, else None; a function of the
    name alone, so read once per name (`same_measure` asks it of every pair the table compares)."""
    for i, rx in enumerate(MEASURE_CLASSES):
        if rx.search(key):
            return i
    return None


def _one_class(a: Draft, b: Draft) -> bool:
    ca = _measure_class(a)
    if ca is None or ca != _measure_class(b):
        return False
    slots = _CLASS_SLOTS | _MORE_SLOTS.get(MEASURE_CLASSES[ca], frozenset())
    return a.slot in slots and b.slot in slots


# two blank counts of one unit and ending that share a word ask for one number twice (雨露计划补助学生人数
# and 资助项目资助人数; 高标准农田建设面积 and 新建高标准农田面积); words for aid are one word here
_COUNT_ENDING = re.compile(r"(人数|人次|户数|面积|里程|长度|数量|个数|次数|场次)$")
_AID_WORDS = re.compile(r"资助|扶助|救助|补贴")


def _one_headcount(a: Draft, b: Draft) -> bool:
    if a.slot != "quantity" or b.slot != "quantity" or not (a.pending or b.pending):
        return False
    ea, eb = _COUNT_ENDING.search(a.key), _COUNT_ENDING.search(b.key)
    if ea is None or eb is None:
        return False
    if not (a.pending and b.pending):
        # a blank count of people beside the people the text counts (学生受资助人数 待填写 人次 beside
        # 资助家庭经济困难学生人数 ≥300 人; a fresh trial): one headcount; other counts stay apart
        if not ({ea.group(), eb.group()} <= {"人数", "人次"} and (a.value_source == "text" or b.value_source == "text")):
            return False
        heads = True
    else:
        heads = {ea.group(), eb.group()} <= {"人数", "户数"}   # 资助学生人数 beside 学生资助补助户数: one headcount (D012)
    if not heads and (ea.group() != eb.group() or not units_compatible(a.unit, b.unit)):
        return False
    ra = _AID_WORDS.sub("补助", a.key[:ea.start()])
    rb = _AID_WORDS.sub("补助", b.key[:eb.start()])
    return bool({ra[i:i + 2] for i in range(len(ra) - 1)} & {rb[i:i + 2] for i in range(len(rb) - 1)})


def _one_list(a: Draft, b: Draft) -> bool:
    """Two figures of one list the text states for two things (猪、牛、羊、家禽死亡率分别下降0.5、0.1、0.5和0.1个百分点),
    or two standards it states for two groups (60岁以上…80元, 80岁以上…100元: `Mention.group`): each thing's
    own target, however alike the names."""
    ma, mb = a.mention, b.mention
    if ma is None or mb is None or ma is mb or not (a.bound and b.bound) or a.key == b.key:
        return False
    return (ma.end == mb.end and ma.start != mb.start   # the list's figures share its one unit
            or bool(ma.group and mb.group and ma.group != mb.group))


def _one_blank_extent(a: Draft, b: Draft) -> bool:
    """Two 待填写 areas (or two lengths) ask for the size of the one work twice (修缮面积 beside 路面病害修复面积,
    餐厅暖通改造面积 beside 建筑维修面积, E054): one stays, the other is offered beside the table."""
    if not (a.pending and b.pending) or group_of(a.slot) != "quantity" or group_of(b.slot) != "quantity":
        return False
    return any(unit_fits(kind, a.unit) and unit_fits(kind, b.unit) for kind in ("area", "length")
               if a.unit and b.unit)


# an extent in its base unit (亩 for areas, 公里 for lengths): one stated extent said in two units is one figure
_IN_MU = {"亩": 1.0, "万亩": 1e4, "公顷": 15.0, "hm²": 15.0, "hm2": 15.0, "平方公里": 1500.0, "平方米": 0.0015,
          "㎡": 0.0015, "m²": 0.0015, "万平方米": 15.0}
_IN_KM = {"公里": 1.0, "千米": 1.0, "km": 1.0, "米": 0.001, "m": 0.001, "延米": 0.001}


def _extent(d: Draft) -> tuple[int, float] | None:
    """(kind, size in 亩 or 公里) of a stated area or length, else None."""
    unit = d.value_unit or d.unit
    for kind, table in enumerate((_IN_MU, _IN_KM)):
        if unit in table:
            try:
                return kind, float(d.value) * table[unit]
            except ValueError:
                return None
    return None


def _one_stated_extent(a: Draft, b: Draft) -> bool:
    """Two rows holding one extent of the text said in two units (新增水土流失治理面积12.5平方公里，治理水土流失面积不少于
    1250公顷: 12.5 平方公里 = 1250 公顷) whose names share a word: one figure, asked once (a QA trial found both)."""
    if a.value_source != "text" or b.value_source != "text" or a.mention is None or b.mention is None:
        return False
    ea, eb = _extent(a), _extent(b)
    if ea is None or eb is None or ea[0] != eb[0] or (a.value_unit or a.unit) == (b.value_unit or b.unit):
        return False
    if abs(ea[1] - eb[1]) > 0.005 * max(ea[1], eb[1]):
        return False
    return bool({a.key[i:i + 2] for i in range(len(a.key) - 1)} & {b.key[i:i + 2] for i in range(len(b.key) - 1)})


# persons reached (覆盖群众1.2万名, 惠及…, 服务…) and a blank count of persons covered or served: one headcount
_REACHED = re.compile(r"覆盖|受益|惠及|服务")
_PERSON_UNITS = frozenset(("人", "人次", "名", "万人", "万人次", "万名", "位"))
# counts of events: 场 and 次 count one thing (60场 活动 beside 宣传进村(社区)次数)
_EVENT_UNITS = frozenset(("次", "场", "场次", "期", "批次", "万次"))


def _blank_beside_stated(a: Draft, b: Draft) -> bool:
    """`a`, a 待填写 count, asks again for what `b` holds from the text: a count of persons covered or served
    (普法宣传覆盖人次 待填写 beside 覆盖群众1.2万名 → 受益群众人数 ≥1.2 万人) or a count of events of the same
    activity (宣传进村(社区)次数 待填写 beside 普法宣传活动场次 ≥60 场: both name 宣传) — the QA found both."""
    if not a.pending or a.slot != "quantity" or b.value_source != "text" or b.mention is None:
        return False
    ua, ub = a.unit, b.value_unit or b.unit
    if ua in _PERSON_UNITS and ub in _PERSON_UNITS:
        said = b.mention.verb + b.mention.context + b.name
        return bool(_REACHED.search(a.key) and _REACHED.search(said))
    if ua in _EVENT_UNITS and ub in _EVENT_UNITS and b.slot == "quantity":
        return bool({a.key[i:i + 2] for i in range(len(a.key) - 1)} & {b.key[i:i + 2] for i in range(len(b.key) - 1)})
    return False


# a short library rate (培训合格率) beside the rate of the same ending the text states (学员结业考核合格率达到95%):
# the text says which 合格率 the project promises (a second fresh trial struck the generic one as a duplicate)
_RATE_ENDING = re.compile(r"(合格率|达标率|完成率|覆盖率|优良率)$")


def _generic_beside_stated(a: Draft, b: Draft) -> bool:
    """`a`, a library row with the library's value, asks again for the rate `b` holds from the text: a short
    one of the same ending in the same slot, or the same rate named longer or shorter in any slot
    (路灯节能改造节电率 ≥30 % under 效益 beside the stated 节电率 45 %; 农作物耕种收综合机械化率 ≥75 % beside
    主要农作物耕种收综合机械化率 ≥82 % — a final fresh trial)."""
    if a.value_source == "text" or a.source == "formed" or b.value_source != "text":
        return False
    ea = _RATE_ENDING.search(a.key)
    if ea is not None and a.slot == b.slot and len(a.key) <= 5 and b.key.endswith(ea.group()):
        return True
    return restates_rate(a, b)


# how a change row names the measure it changes (`kb.suggest.changes`: 重污染天数减少量, 人均收入增加额, 死亡率下降幅度)
_CHANGE_ENDING = re.compile(r"^(?:减少|增加|下降|提高|提升|增长)(?:量|额|率|幅度|数量)$")


def _level_beside_its_change(a: Draft, b: Draft) -> bool:
    """`a`, a blank row of a measure (重污染天数 待填写), beside `b`, the change of that measure the text states
    (重污染天数减少量 ≥ 5 天): the change is the project's measure of it, and the blank level asks for a figure
    the text chose to state as a change (a fresh trial: 重污染天数 待填写 next to 重污染天数减少量)."""
    return a.pending and b.value_source == "text" and len(a.key) >= 2 and b.key.startswith(a.key) \
        and bool(_CHANGE_ENDING.match(b.key[len(a.key):]))


def restates_rate(a: Draft, b: Draft) -> bool:
    """`a`, a library row with the library's value, is the rate `b` states from the text, named longer or
    shorter (see `_generic_beside_stated`); vetting sets such a row aside before the table is chosen, so the
    text's figure is the one shown whatever slot comes first."""
    return a.value_source != "text" and b.value_source == "text" and a.key.endswith("率") \
        and b.key.endswith("率") and min(len(a.key), len(b.key)) >= 3 and (a.key in b.key or b.key in a.key)


def _kinds_differ(a: Draft, b: Draft) -> bool:
    """A per-unit figure and a total (元/人次 vs 万元), or a rate and a count, never measure the same."""
    ua, ub = a.value_unit or a.unit, b.value_unit or b.unit
    if not ua or not ub:
        return False
    return ("/" in ua) != ("/" in ub) or (ua == "%") != (ub == "%")


def _two_counts_stated(a: Draft, b: Draft) -> bool:
    """Two numbers of the text in measures that never convert (半专业扑火队 12 支 and its 队员 240 人): two
    counts, however alike their names; so are two different figures in one unit whose names neither holds the other
    (定量检测 1200 批次 and 快速检测 12000 批次, trial 18)."""
    if a.mention is None or b.mention is None or a.value_source != "text" or b.value_source != "text":
        return False
    if not units_compatible(a.mention.unit, b.mention.unit):
        return True
    return a.mention.unit == b.mention.unit and a.mention.value != b.mention.value \
        and a.slot == b.slot == "quantity" and a.key not in b.key and b.key not in a.key


def _dice(a: Draft, b: Draft) -> float:
    """Bigram Dice of two drafts' names (as `kb.domain.text.bigram_dice`, on cached bigram counts)."""
    ca, cb = a.bigram_counts, b.bigram_counts
    na, nb = sum(ca.values()), sum(cb.values())
    if not na or not nb:
        return 0.0
    return 2.0 * sum(min(v, cb[k]) for k, v in ca.items() if k in cb) / (na + nb)


# units of a project's extent: a stated length or area and a blank one of the same kind are one measure
EXTENT_UNITS = ("公里", "平方米", "亩", "公顷", "立方米", "吨")


def _same_object_counted(bound: Draft, blank: Draft) -> bool:
    """A 待填写 row naming the words of a stated number's object (接待游客15万人次 → 乡村旅游景点接待游客数量)."""
    m = bound.mention
    if m is None or not blank.pending or not bound.bound:
        return False
    words = m.verb + m.obj if not m.verb_after else m.obj + m.verb
    return len(words) >= 3 and words in blank.name


# the head of a thing counted: a blank count whose object ends in the same character as a stated count's
# object and shares a word with it counts that thing again in another measure word (设施农业大棚建设数量/座
# beside 设施温棚 10 栋: a 温棚 is a 大棚; D007 fresh trial)
_COUNT_STEM = re.compile(r"(建设|新建|改造|修建|建成|购置|采购|安装)?(数量|个数|座数|栋数|总数)$")
# persons and households: a blank count in one beside a stated count in the other asks for the served again
HEADS = frozenset("人 名 位 户".split())
_NOT_THINGS = HEADS | frozenset("人次 户次 % ‰ 元 万元 亿元".split())


def _one_thing(a: Draft, b: Draft) -> bool:
    if a.bound == b.bound or a.slot != "quantity" or b.slot != "quantity":
        return False
    bound, blank = (a, b) if a.bound else (b, a)
    m = bound.mention
    if m is None or not blank.pending or not m.obj:
        return False
    if _base_unit(m.unit) in _NOT_THINGS or _base_unit(blank.unit) in _NOT_THINGS:
        return False
    obj = re.sub(r"\(.*?\)", "", m.obj)
    stem = _COUNT_STEM.sub("", blank.key)
    if len(obj) < 2 or len(stem) < 2 or stem == blank.key or obj[-1] != stem[-1]:
        return False
    return bool({obj[i:i + 2] for i in range(len(obj) - 1)} & {stem[i:i + 2] for i in range(len(stem) - 1)})


# slot groups whose counts are one measure: a count the text states (数量) and a blank count of the
# same unit as a benefit (旅游接待人次 beside 接待游客15万人次) ask for one number
COUNTED_GROUPS = frozenset({"quantity", "benefit"})


def _one_extent(a: Draft, b: Draft) -> bool:
    """A row holding the text's number and a 待填写 row counting in the same unit (活动参与人次 beside
    接待游客15万人次, 机关信息系统运维数量/台 beside 维护设备120台, 旅游接待人次 as a benefit), or of the
    same kind of length or area: the blank one asks again for what the text already says."""
    if (a.bound == b.bound) or group_of(a.slot) not in COUNTED_GROUPS or group_of(b.slot) not in COUNTED_GROUPS:
        return False
    bound, blank = (a, b) if a.bound else (b, a)
    unit = bound.value_unit or bound.unit
    if not blank.pending:
        return False
    if _base_unit(unit) and _base_unit(unit) == _base_unit(blank.unit):
        return True
    if _base_unit(unit) in HEADS and _base_unit(blank.unit) in HEADS:
        return True   # 补助户数 (户) beside 服务对象 404 人: the text counts the people once (D042 fresh trial)
    return any(units_compatible(unit, u) for u in EXTENT_UNITS) and units_compatible(unit, blank.unit)


def _base_unit(unit: str) -> str:
    """The unit without a 万/亿 prefix (万人次 → 人次)."""
    return unit[1:] if len(unit) > 1 and unit[0] in "万亿" else unit


def assemble(drafts: list[Draft], memo: bool = True) -> Table:
    """The default table and alternates (see the module docstring).

    `memo`: read `same_measure` of each pair of rows once per call (`PairMemo`; the drafts do not change while the
    table is chosen, so the answer is the same — `memo=False` asks every time, for the tests)."""
    same = PairMemo() if memo else same_measure
    best = _best_per_mention(drafts)
    ranked = sorted(drafts, key=lambda d: order_key(d, best))
    chosen: list[Draft] = []
    chosen_ids: set[int] = set()
    count: dict[str, int] = {}
    stated = [d for d in ranked if d.value_source == "text" and d.tier != Tier.ALTERNATE]

    def take(d: Draft, cap: int, stated_past_quota: bool = False) -> bool:
        if d.tier == Tier.ALTERNATE:
            return False   # never in the table (each step below keeps it out too: read first, it costs no pair)
        g = group_of(d.slot)
        if g in ("cost", "benefit", "quality") and d.tier == Tier.BOUND:
            cap = max(cap, {"benefit": BOUND_BENEFIT_MAX, "cost": BOUND_COST_MAX}.get(g, BOUND_QUALITY_MAX))
        if g == "cost" and d.tier == Tier.BOUND and (_another_group_standard(d, chosen) or any(
                _another_group_standard(c, chosen) for c in chosen)
                or _stated_standard(d) and not any(_stated_standard(c) for c in chosen)):
            # 生活补贴 90 元 and 护理补贴 100 元: each group's stated standard; a stated standard beside the total and
            # a part (保安聘用费标准 3.6 万元/人·年 beside 设备购置成本 ≤ 66.4 and the total, trial 18)
            cap = max(cap, BOUND_COST_MAX + 1)
        if g == "quantity" and d.tier == Tier.BOUND and d.value_source == "text" and stated_past_quota and d.source != "retrieval":
            cap = max(cap, BOUND_QUANTITY_MAX)
        if g == "timeliness" and d.tier == Tier.BOUND and STAGE_DEADLINE in d.evidence:
            cap = max(cap, 2)   # 春季集中免疫完成时间 beside 秋季…: each stage's stated deadline (`stage_deadlines`)
        if g == "timeliness" and _stated_limit(d):
            # up to BOUND_LIMIT_MAX stated limits of works beside the rows that date the work (a contract's 服务期
            # end, since suggest reads the checker's work deadline, took the one 时效 place 故障修复时间 had held)
            cap = max(cap, sum(1 for c in chosen if c.slot == "timeliness" and not _stated_limit(c)) + BOUND_LIMIT_MAX)
        twin = next((c for c in chosen if _one_stated_extent(d, c)), None)
        if twin is not None and d.slot == twin.slot and d.tier != Tier.ALTERNATE and len(d.key) > len(twin.key):
            # one extent said in two units: the row naming it more fully holds it (治理水土流失面积 ≥1250 公顷, not
            # 治理面积 ≥12.5 平方公里)
            chosen[chosen.index(twin)] = d
            chosen_ids.discard(id(twin))
            chosen_ids.add(id(d))
            return True
        # only a row holding the text's number may take a blank's place: the others never need the list (computing
        # it for every row of every pass, tier ALTERNATE ones too, was 8× the pairs of the table before it)
        holds_number = d.tier == Tier.BOUND and d.value_source == "text" and d.mention is not None
        blanks = [c for c in chosen if same(d, c)] if holds_number else None
        if (blanks and all(c.pending for c in blanks)
                and count.get(g, 0) - sum(group_of(c.slot) == g for c in blanks) < cap):
            # a stated number and a blank row of one measure (上届旅游节接待游客人次 待填写 beside 本届…接待游客20万人次):
            # the row holding the number takes the blank's place
            for c in blanks:
                chosen.remove(c)
                chosen_ids.discard(id(c))
                count[group_of(c.slot)] -= 1
            chosen.append(d)
            chosen_ids.add(id(d))
            count[g] = count.get(g, 0) + 1
            return True
        listed = any(_one_list(d, c) for c in chosen)   # one list the text states counts as one row
        if d.tier == Tier.ALTERNATE or count.get(g, 0) >= cap and not listed or (
                bool(blanks) if blanks is not None else any(same(d, c) and not _two_stages(d, c) for c in chosen)):
            return False   # (`blanks`: the rows of `d`'s measure, chosen unchanged since)
        if d.pending and _too_many_pending(chosen, g):
            return False
        if d.pending and any(_level_beside_its_change(d, c) for c in stated):
            return False   # 重污染天数 待填写 beside 重污染天数减少量 ≥ 5 天, whichever slot comes first
        if d.value_source != "text" and any(rate_beside_its_class(d, c) for c in stated):
            return False   # the library's 河道水质达标率 ≥ 90 % beside the class the text states (河道水质达到III类)
        if d.pending and _total_cost(d) and any(c.value_source in ("text", "budget") and _total_cost(c) for c in chosen):
            return False   # a blank total beside the text's own amount (D042: 优抚对象生活成本 beside 2126.81 万元) or the
            #                budget's (活动经费 待填写 beside 旅游节成本 ≤80 万元 asks the year's money twice)
        if d.pending and _total_cost(d) and any(c.pending and _total_cost(c) for c in chosen):
            return False   # two blank totals ask the year's money twice (E039: 项目总成本 beside 商品质量检测成本, trial 14)
        if d.pending and d.slot == "cost" and any(c.slot == "cost" and c.value_source == "text" for c in chosen):
            return False   # nor a blank standard (重点优抚对象人均抚恤补助标准) beside the amount the text pays out
        if _held_better(d, ranked):
            return False   # 本届力争接待游客20万人次: the formed 接待游客人次 holds it, not the library's 公园年接待游客人次
        if g == "satisfaction" and count.get(g, 0) and not _two_groups_named(d, chosen):
            return False
        if d.part and (any(c.part for c in chosen) or d is not _first_part(ranked)
                       or not any(c.slot == "cost" and not c.part for c in chosen)
                       and any(x.slot == "cost" and not x.part and x.tier != Tier.ALTERNATE for x in ranked)):
            return False   # one part of the money the text lists (健身步道成本 ≤ 10 万元), beside the whole project's cost
        chosen.append(d)
        chosen_ids.add(id(d))
        count[g] = count.get(g, 0) + (not listed)
        return True

    for g, (lo, _) in QUOTAS.items():
        for d in ranked:
            if count.get(g, 0) >= lo:
                break
            if group_of(d.slot) == g:
                take(d, lo)
    for target, relax in ((TARGET_ROWS, 0), (MIN_ROWS, 1)):
        for d in ranked:
            # the text's own numbers go in up to MAX_ROWS (折合每平方米每年5.78元 was left out of a full table);
            # a row bound to the budget (巩固提升工程成本 ≤ 860) among them is passed, not the end of them
            if len(chosen) >= target and (relax or len(chosen) >= MAX_ROWS):
                break
            if len(chosen) >= target and (d.tier != Tier.BOUND or d.value_source != "text"):
                continue
            if id(d) not in chosen_ids:
                take(d, QUOTAS[group_of(d.slot)][1] + relax)
    for d in ranked:
        # a count of the text the 数量 quota left out (E002's fifth area 坡改梯 25.26 公顷) goes in while the table has
        # room, after every other slot has had its rows
        if len(chosen) >= MAX_ROWS:
            break
        if id(d) not in chosen_ids and d.tier == Tier.BOUND and d.value_source == "text":
            take(d, QUOTAS[group_of(d.slot)][1], stated_past_quota=True)
    for d in ranked:
        # a benefit figure of the text left out of a full table (受益农户3200户 beside 受益人口11800人) takes the
        # place of the weakest row there, never a thirteenth
        if (len(chosen) < MAX_ROWS or id(d) in chosen_ids or group_of(d.slot) != "benefit" or d.tier != Tier.BOUND
                or d.value_source != "text" or count.get("benefit", 0) >= BOUND_BENEFIT_MAX):
            continue
        victim = _weakest(chosen, count)
        if victim is None or any(same(d, c) for c in chosen):
            continue
        chosen.remove(victim)
        chosen_ids.discard(id(victim))
        count[group_of(victim.slot)] -= 1
        if not take(d, BOUND_BENEFIT_MAX):
            chosen.append(victim)
            chosen_ids.add(id(victim))
            count[group_of(victim.slot)] += 1
    for g in MISSING:
        fill = _stand_in(ranked, chosen, g, same) if count.get(g, 0) == 0 else None
        if fill is not None:
            chosen.append(fill)
            chosen_ids.add(id(fill))
            count[g] = 1
    # a slot nothing fits is said beside the table, never a （请补充…） row in it (a reviewer strikes an empty name)
    rows = in_table_order(chosen)
    alts = _alternates(ranked, chosen)
    return Table(rows=rows[:MAX_ROWS], alternates=alts, missing=[MISSING[g] for g in MISSING if not count.get(g)])


class PairMemo:
    """`same_measure(a, b)` (in the table) of each ordered pair of drafts, computed once: `assemble` asks the same
    pairs in each of its passes over the ranked rows. Keyed by the drafts' ids, so only for one call, while the
    drafts neither change nor go away. `computed`: how many pairs were compared (the tests read it)."""

    def __init__(self) -> None:
        self._seen: dict[tuple[int, int], bool] = {}
        self.computed = 0

    def __call__(self, a: Draft, b: Draft) -> bool:
        k = (id(a), id(b))
        v = self._seen.get(k)
        if v is None:
            v = self._seen[k] = same_measure(a, b)
            self.computed += 1
        return v


def _weakest(chosen: list[Draft], count: dict[str, int]) -> Draft | None:
    """The row a full table gives up for a benefit figure of the text: of the groups holding more rows than their
    minimum (a benefit row never), first one past its usual maximum (a third stated quality rate), a row not
    holding the text's own figure before one that does, the lowest score last; None when every group is at its
    minimum."""
    def key(d: Draft) -> tuple:
        g = group_of(d.slot)
        return (count.get(g, 0) <= QUOTAS[g][1], d.value_source == "text", d.score)

    spare = [d for d in chosen if group_of(d.slot) != "benefit"
             and count.get(group_of(d.slot), 0) > QUOTAS[group_of(d.slot)][0]]
    return min(spare, key=key, default=None)


def rate_beside_its_class(d: Draft, c: Draft) -> bool:
    """`d` is a rate of what the stated class `c` grades (河道水质达标率 beside 河道水质类别 定性 III类,
    `kb.suggest.changes`): the class is the target the text sets, a typical 达标率 asks it again by another scale."""
    if c.operator != "定性" or not c.name.endswith("类别") or not d.name.endswith("达标率"):
        return False
    graded = c.name.removesuffix("类别")
    return graded in d.name or graded.removeprefix(graded[:-2]) in d.name and graded[-2:] == "水质"


def _two_stages(a: Draft, b: Draft) -> bool:
    """Two stages' stated deadlines of one work (春季 / 秋季集中免疫完成时间, `stage_deadlines`): no repeated measure."""
    return STAGE_DEADLINE in a.evidence and STAGE_DEADLINE in b.evidence and a.value != b.value


def _stated_limit(d: Draft) -> bool:
    """A row holding a time limit the text states for a work (故障到场时间 ≤ 2 小时: `Mention.action`; 到场时间不超过4小时:
    the limit named before its figure, `kb.suggest.naming.TIME_LIMIT`)."""
    from kb.suggest.naming import TIME_LIMIT

    m = d.mention
    return (d.tier == Tier.BOUND and d.value_source == "text" and m is not None
            and (bool(m.action) or TIME_LIMIT.search(d.name) is not None) and is_time_unit(m.unit))


def _stated_term(d: Draft) -> str:
    """The payment term or deadline of the text a row holds (`binding._bind_deadline`'s evidence), else ''."""
    return next((e for e in d.evidence if e.startswith(("描述中的拨付时限", "描述中的完成时限"))), "")


def _stand_in(ranked: list[Draft], chosen: list[Draft], g: str, same=same_measure) -> Draft | None:
    """The row for a required slot group `g` the limits left empty (a reviewer strikes a bare （请补充效益指标）):
    its best candidate the table did not take (the pending limits, a second blank), else the best row of
    best type's set vetting set aside only because the text does not name its object or its people (培训
    知识知晓率 for a cadre training), blank and saying why — never another programme's or sector's row, nor a
    row of one real table of the type;
    None when there is none."""
    # nor a blank level beside the change of it the text states (重污染天数 beside 重污染天数减少量 ≥ 3 天, whichever slot
    # the change sits in: trial 13 moved the 质量 slot's 优良天数比例 to 生态效益, and the blank level stood in there)
    rows = [d for d in ranked if group_of(d.slot) == g and not any(same(d, c) or rate_beside_its_class(d, c)
                                                                    or _level_beside_its_change(d, c) for c in chosen)]
    best = next((d for d in rows if d.tier != Tier.ALTERNATE), None)
    if best is not None:
        return best
    top = max((d.type_prob for d in ranked), default=0.0)   # the best type's own set, not a further type's
    # an entry of the type's set (a library indicator), never a row of one real table of the type: 雾炮车风炮射程
    # (another project's own row) stood in for a school subsidy's 数量 (an issue-10 trial)
    spare = next((d for d in rows if d.source == "type" and d.indicator_id and d.type_prob >= top and d.evidence
                  and d.evidence[-1] in (ASIDE_SPARE_ENTRY, ASIDE_NO_PEOPLE)), None)
    if spare is None:
        return None
    out = copy(spare)
    out.tier, out.evidence = Tier.RANKED, list(spare.evidence)
    out.value, out.value_source = "", ""
    out.operator = "" if out.operator == "定性" else out.operator
    out.note = f"{PENDING}：描述中没有与之直接对应的{MISSING[g]}，此为同类项目常用指标，请核实适用后按项目实际填写目标值"
    return out


def _first_part(ranked: list[Draft]) -> Draft | None:
    """The part of the year's money the table shows (`Draft.part`): of the parts the text lists, one whose use
    shares the project's own words (快乐健身点位器材维护 in 快乐健身's money), else the largest amount."""
    parts = [d for d in ranked if d.part and d.tier != Tier.ALTERNATE and d.mention is not None]
    if not parts:
        return None

    def wan(d: Draft) -> float:
        return float(d.mention.value) / (10000 if d.mention.unit == "元" else 1)

    return min(parts, key=lambda d: (d.part != "own", -wan(d)))


def _stated_standard(d: Draft) -> bool:
    """A cost row holding a per-person standard the text states (困难残疾人生活补贴标准 = 90 元/人·月)."""
    return d.slot == "cost" and d.tier == Tier.BOUND and d.value_source == "text" and d.mention is not None \
        and "/" in (d.value_unit or d.unit) and bool(STANDARD_NAME.search(d.name))


def _another_group_standard(d: Draft, chosen: list[Draft]) -> bool:
    """`d` is a stated standard and the table holds another stated standard of another figure of the text, each
    named for its own group (the words before the measure, `_group_words`): two groups' standards (生活补贴 90 元 for 困难残疾人, 护理补贴 100 元 for 重度残疾人), both carried — a third cost row
    beside the total (trial 18: the 90 元 was left out for the cost slot's two rows)."""
    return _stated_standard(d) and bool(_group_words(d)) and any(
        _stated_standard(c) and c.mention.start != d.mention.start and c.mention.value != d.mention.value
        and _group_words(c) and _group_words(c) != _group_words(d) for c in chosen)


def _group_words(d: Draft) -> str:
    """The words of a standard's name before its measure (困难残疾人生活 of 困难残疾人生活补贴标准), or between 每 and it
    when the name opens on 每 (具 of 每具补助标准: trial 19's funeral subsidy, whose 每例1000元 reward is another
    group's standard)."""
    return next((p for p in STANDARD_NAME.split(d.name) if p), "").replace("补贴", "").replace("补助", "")


def _total_cost(d: Draft) -> bool:
    """A cost row for the whole project (…成本, 补助金发放金额), not a standard or unit amount (元/人, 人均…)."""
    return d.slot == "cost" and "/" not in (d.value_unit or d.unit) and not STANDARD_NAME.search(d.name)


def _level_and_its_satisfaction(a: Draft, b: Draft) -> bool:
    """群众安全感 (a level) beside 群众安全感满意度: one survey asked twice (fresh trial, D024)."""
    ka, kb_ = a.key, b.key
    return bool(ka and kb_) and (ka + "满意度" == kb_ or kb_ + "满意度" == ka)


# the family who answer for someone who cannot be surveyed (残疾儿童, 患者): 家属, 家长 and 监护人 are one group
_FAMILY = re.compile(r"(家属|家长|监护人)$")


def _two_groups_named(d: Draft, chosen: list[Draft]) -> bool:
    """A second satisfaction row asks a second named group of people (学生 and 家长, 患者 and 家属): not
    the public or the served in general beside a named group, not a thing (运维服务满意度), not the
    buyer of the service (购买主体), not the same people twice (受助对象 / 救助对象对救助工作), not a group the
    text never names (`Draft.unnamed_group`: 护林员 for a forestry bureau, trial 13)."""
    mine = respondent_of(d)
    if d.unnamed_group or not mine or _BUYER.search(mine) or _GENERAL.search(mine) or not PERSON_HEADS.search(mine):
        return False
    for c in chosen:
        if c.slot != "satisfaction":
            continue
        other = respondent_of(c)
        if _GENERAL.search(other) or set(two_char_pairs(mine)) & set(two_char_pairs(other)):
            return False
        if _ABOUT_SERVICE.search(other):
            return False   # 物业服务满意度 asks the served about the service: 住户满意度 asks them again (trial 11, D065)
        if _FAMILY.search(mine) and _FAMILY.search(other):
            return False   # 残疾人家属 beside 儿童家长: the same parents asked twice (fresh trial, E040)
        if _FARMERS.search(mine) and _FARMERS.search(other):
            return False   # 农民 beside 受补贴农户: the farmers asked twice (round 22, trial 20's farmland subsidy)
    return True


# farmers by any of their names (农民, 农户, 种粮农民, 种植户, 养殖户, 村民): two rows asking them ask the same people
_FARMERS = re.compile(r"(?:农民|农户|种植户|种粮户|养殖户|村民)$")


# the unit that buys the service is no beneficiary asked about it
_BUYER = re.compile(r"购买主体|采购单位|委托方")
# the public or the served in general: beside them a second row asks the same people again (two
# reviewers struck 参与群众 beside 游客, 服务对象 beside 委托单位, 受益群众 beside 受助对象); whoever a programme
# pays or serves by its role (补贴对象, 资助对象, 奖补对象 …) is the named group again (a fourth one struck
# 补贴对象满意度 beside 受益农户满意度)
_GENERAL = re.compile(r"群众|公众|市民|居民|社会|对象$")
# what follows whom a satisfaction row asks: what it asks about (对…) and the satisfaction word
# (`evidence.SATISFACTION_TAIL` is the satisfaction word alone)
_ABOUT_AND_SATISFACTION = re.compile(r"(对(?!象)[^对]{2,})?(满意度|满意程度|满意率)(调查)?$")


# a satisfaction named by the service or work asked about (物业服务满意度), no group: it asks the served
_ABOUT_SERVICE = re.compile(r"(?:服务|管理|工作|工程|项目|活动)$")


def respondent_of(d: Draft) -> str:
    """Whom the satisfaction row `d` asks: its key without what is asked about and the satisfaction word
    (`_ABOUT_AND_SATISFACTION`): 市民对粮食供应满意度 → 市民, 满意度 → ''."""
    return _ABOUT_AND_SATISFACTION.sub("", d.key)


def two_char_pairs(s: str) -> list[str]:
    """The two-character pieces of `s` in order (受益农户 → 受益, 益农, 农户); none for a string shorter than two
    (where `kb.domain.text.bigrams` gives the one character): two respondents share a word when they share a piece."""
    return [s[i:i + 2] for i in range(len(s) - 1)]


def _held_better(d: Draft, ranked: list[Draft]) -> bool:
    """True when `d` is a retrieved library row of 效益 and a row of another slot group formed from the text's
    words or of the project's type holds the same number with a higher score: the 效益 quota, filled before the
    second 数量 row, would take the number first (本届力争接待游客20万人次: 接待游客人次, not 公园年接待游客人次;
    到馆人次达到13万: 图书馆年接待读者人次, not 参与群众人次). Only 效益 rows: D006's retrieved 主体工程完成率 ≥70 %
    (数量) stays, though a type's 验收合格率 bound to the same 70% scores higher."""
    if (d.tier != Tier.BOUND or d.value_source != "text" or d.mention is None or d.source != "retrieval"
            or group_of(d.slot) != "benefit"):
        return False
    return any(c is not d and c.mention is d.mention and c.tier == Tier.BOUND and c.value_source == "text"
               and c.source in ("formed", "type") and group_of(c.slot) != group_of(d.slot) and c.score > d.score
               for c in ranked)


def _too_many_pending(chosen: list[Draft], group: str) -> bool:
    pend = [c for c in chosen if c.pending]
    return len(pend) >= MAX_PENDING or sum(1 for c in pend if group_of(c.slot) == group) >= MAX_PENDING_PER_GROUP


def in_table_order(rows: list[Draft]) -> list[Draft]:
    """Slot order, then tier and score; the rows of one list the text states stand together in its order."""
    order = {s.key: i for i, s in enumerate(SLOTS)}
    best = {id(d): max((c.score for c in rows if c is d or _one_list(c, d)), default=d.score) for d in rows}

    def key(d: Draft) -> tuple:
        listed = d.mention is not None and best[id(d)] != d.score or any(_one_list(c, d) for c in rows)
        return order.get(d.slot, 99), -int(d.tier), -best[id(d)], d.mention.start if listed else 0, -d.score

    return sorted(rows, key=key)


def _alternates(ranked: list[Draft], chosen: list[Draft]) -> dict[str, list[Draft]]:
    """Best ALTERNATES rows per slot not in the table, each a different measure from those listed: the rows the
    text supports first, then those set aside only for an object or people the text does not name (`ASIDE_UNNAMED`).

    A row is compared with the listed rows of its slot group and with the rows
    holding a stated number (the only pairs `same_measure` can join).
    """
    out: dict[str, list[Draft]] = {}
    ids = {id(c) for c in chosen}
    by_group: dict[str, list[Draft]] = {}
    stated: list[Draft] = []

    def listed(d: Draft) -> None:
        by_group.setdefault(group_of(d.slot), []).append(d)
        if d.mention is not None:
            stated.append(d)

    for c in chosen:
        listed(c)
    full: set[str] = set()

    def offer(d: Draft) -> None:
        others = by_group.get(group_of(d.slot), []) + stated
        if not any(same_measure(d, c, in_table=False) for c in others):
            lst = out.setdefault(d.slot, [])
            lst.append(d)
            listed(d)
            if len(lst) >= ALTERNATES:
                full.add(d.slot)

    for d in ranked:
        if id(d) in ids or d.slot in full or d.tier == Tier.ALTERNATE:
            continue   # a row vetting set aside is offered below, or not at all (another programme, another sector)
        offer(d)
    # then, in a slot not yet full, the rows set aside only because the text does not name their object or their
    # people (`unnamed_spare`)
    for d in ranked:
        if id(d) not in ids and d.slot not in full and unnamed_spare(d):
            offer(d)
    return out


def unnamed_spare(d: Draft) -> bool:
    """True for a row vetting set aside only because the text does not name its object or its people
    (`draft.ASIDE_UNNAMED`) that is a library indicator a detected type lends (an entry of its set, 〔作物〕种植面积 for
    a 种养补贴 text naming no crop, or a row of its real tables the library holds too, 雾炮车风炮射程 for a dust
    suppression service), or a retrieved count (创业担保贷款贴息人数 for a 普惠金融 fund): real tables of the kind
    often hold them, and a declarant who knows more than the text picks them beside the table — offered after every
    alternate the text supports, never in the default table. Not a real table's row the library lacks (雾炮车风炮射程
    came up for a school's subsidy as one), nor a retrieved rate or date the text gives nothing for (案件办理完成时间 for
    a loan subsidy). Issue 10: cross-validated Recall@10 0.189 → 0.198, Recall@20 0.204 → 0.239 on dev, the default
    tables unchanged."""
    if d.tier != Tier.ALTERNATE or not d.evidence or d.evidence[-1] not in ASIDE_UNNAMED or not d.indicator_id:
        return False
    return d.type_prob > 0 or d.evidence[-1] == ASIDE_NO_COUNTED
