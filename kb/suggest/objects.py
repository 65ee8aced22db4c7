"""The project's own objects, quantities and beneficiaries, read from its name and description.

- `project_core(name)`: what the project name says the project does, without
  place, year, funding and filing words ("岳阳县2022年高标准农田建设项目" →
  高标准农田建设; "车辆购置税收入补助地方资金(普通省道公路建设)" →
  普通省道公路建设). The project name is the strongest source of objects.
- `mentions(text)`: every number + unit the text states, with the object it
  counts and the verb of the work, found with jieba's part-of-speech tags
  ("采购马铃薯原原种425万粒" → 采购 / 马铃薯原原种 / 425 万粒; "新建社区助餐点8个" →
  新建 / 社区助餐点 / 8 个; "惠及沿线群众1.2万名" → 惠及 / 群众 / 1.2 万名).
- `beneficiaries(text)`: who the project serves (学生, 老年人, 群众 …).
An object phrase is a run of noun-like words: jieba tags it a noun (or a
verbal noun), or it is an unknown word that is no verb of the work, function
word, localizer, number or measure (`kb.suggest.words`); an adjective or a
localizer qualifying a thing (`modifies`), 及 / 和 between two things and a
kind (投资类) stay inside it. Pure functions over
normalised text; the part-of-speech tokenizer is built once. Not for naming
rows (`kb.suggest.naming`) or budgets (`kb.suggest.quantities`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from kb.domain.quantity import every_period
from kb.domain.words import PAYMENT_VERBS
from kb.suggest import quantities as Q
from kb.domain.words import BUILD_WORDS
from kb.suggest.words import (BENEFICIARIES, BENEFIT_VERBS, EVENT_UNITS, EXISTING_WORDS, FUNCTION_WORDS,
                              HOLD_VERBS, NAME_BOILERPLATE, NOUN_TAGS, PERSON_HEADS, ROAD_CLASSES, STOP_TAGS,
                              WORK_VERBS)
from kb.domain.text import normalize
from kb.domain.units import is_time_unit, unit_at

_CJK = re.compile(r"[\u4e00-\u9fff]")
_ACRONYM = re.compile(r"[A-Z]{2,5}")
# the punctuation that ends a clause (a number's object never reaches across it; nor does suggest's evidence)
from kb.domain.text import CLAUSE_PUNCT  # noqa: E402,F401
_PLACE_END = re.compile(r"(?:省|市|县|区|盟|州|旗|镇|乡|街道|自治州|自治县)$")
MEASURE_NOUN = re.compile(r"(时间|时长|周期|期限|频次|次数|人数|人次|数量|面积|里程|长度|规模|率)$")
# a parenthesis that files the project (年度, 下达, 区域绩效目标, a unit's name) rather than naming its work
_NOT_CONTENT = re.compile(r"下达|预算|指标|绩效|目标|自评|评价|截断|推断|摘录|模板|区域|转移支付|续建|年度|\d{4}|"
                          r"(?:局|院|中心|办公室|学校|中学|小学|残联|政府|委员会|卫生院|[省市县区州盟旗镇乡])$|,|，")
_FUNDING = re.compile(r"资金|补助|转移支付|税|奖励|经费|专项|本级|费$")


@dataclass(frozen=True)
class Mention:
    """A quantity the text states: value and unit as written, the verb and the object it counts.

    verb / obj may be '' (聘用的14人: verb 聘用, no object); start/end are
    offsets in the normalised text; is_budget marks the project budget.
    """

    value: str
    unit: str
    verb: str
    obj: str
    start: int
    end: int
    is_budget: bool = False
    context: str = ""
    verb_after: bool = False
    per: str = ""  # the period a per-unit amount is for, written after it (1500元/学期 → 学期); set when bound
    per_part: str = ""  # what a per-unit amount is per, written after it (1200元/人·年 → 人·年); set when bound
    derivation: str = ""  # how the text's own figures give the value (1760株/栋 × 10栋), '' when stated as is
    action: str = ""  # what a time limit is for, written after it (4小时内修复 → 修复; 30分钟内响应 → 响应), else ''
    existing: bool = False  # it counts what already stands and is used (依托12个村老年食堂), not what is built
    group: str = ""  # whom a standard of several is for (60岁以上 of 60岁以上每人每月补助80元); set when bound
    listed: str | None = None  # the object ends a 、 list the number counts whole: the list's words, else None
    ceiling: bool = False  # a standard stated as a ceiling (户均奖补不超过2000元): ≤, not =; set when bound


OBJECT_WORDS = ("灯具", "节能灯具", "路灯灯具", "失能老人", "失能人员")   # 失|能|老人 cut across the word too
# nouns jieba tags as verbs or adverbs (实现旅游综合收入3100万元 read 收入 as the verb, 旅游综合 as what was earned;
# 整治沿街立面120户 read 立面 an adverb and had no object)
MISTAGGED_NOUNS = ("收入", "支出", "立面")
# words of a thing's condition that jieba tags verbs (修补坑槽及沉陷路面: 沉陷 ended the object at 路面, a reviewer
# read 路面面积 as the road's whole area) or cuts (失|能老人): they qualify the noun after them, like 中小型
CONDITION_WORDS = ("沉陷", "破损", "损坏", "损毁", "毁损", "废旧", "闲置", "失能", "半失能", "阻水")


@lru_cache(maxsize=1)
def _pos_tokenizer():
    """jieba's part-of-speech cut with the beneficiaries (nouns), the verbs of the work and the
    domain terms jieba does not tag (nouns) added, as `add_word` would (`kb.retrieval.postag`)."""
    from kb.domain.words import DOMAIN_TERMS
    from kb.retrieval.dictionary import base_dictionary
    from kb.retrieval.postag import PosTagger

    base = base_dictionary()
    # 村 is a place like 镇 and 乡 (jieba tags it zg: 12个村卫生室 had no object)
    tags = {w: "n" for w in (*BENEFICIARIES, *ROAD_CLASSES, "村")}
    tags.update((w, "v") for w in WORK_VERBS)
    # things jieba cuts across a word (节能灯|具: 更换LED节能灯具1500套 had no name)
    tags.update((w, "n") for w in (*OBJECT_WORDS, *MISTAGGED_NOUNS))
    tags.update((w, "b") for w in CONDITION_WORDS)
    added = [(w, 5000) for w in (*BENEFICIARIES, *ROAD_CLASSES, *OBJECT_WORDS, *MISTAGGED_NOUNS, *CONDITION_WORDS)] \
        + [(w, 3000) for w in WORK_VERBS]
    known = base.tags(w for w in DOMAIN_TERMS if w not in tags)
    for w in DOMAIN_TERMS:
        if w not in WORK_VERBS and w not in tags and w not in known:
            added.append((w, 3000))
            tags[w] = "n"
    return PosTagger(added, tags, base)


def pos_cut(text: str) -> list[tuple[str, str]]:
    """(word, jieba POS tag) of normalised `text`, no HMM (thread-safe)."""
    return _merge_suffixes(_pos_tokenizer().cut(text))


# one-character nouns that close a noun (助餐 + 点, 服务 + 站, 卫生 + 室): jieba tags some as numerals; 员 closes a
# person's post (护路 + 员: 聘用护路员156名 had no object and no row, round 18)
NOUN_SUFFIXES = frozenset("点站所室馆院厂库场园池井渠桥路房楼栋间处队组台网群员")


def _merge_suffixes(toks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A noun suffix joined to the word before it: a noun (助餐 + 点), a kind (投资 + 类, 服务 + 类: 排查投资类企业
    40户次 had 企业户次), or a verb after a noun that names what is done there (垃圾分类 + 收集 + 点 → 收集点: 新增垃圾分类收集点
    40个 had no object) — never a verb of the work (新建 + 站)."""
    out: list[tuple[str, str]] = []
    for w, t in toks:
        if w in NOUN_SUFFIXES and out and is_nounish(*out[-1]):
            out[-1] = (out[-1][0] + w, "n")
        elif w == "类" and out and len(out[-1][0]) >= 2 and _CJK.match(out[-1][0]) and out[-1][0] not in FUNCTION_WORDS:
            out[-1] = (out[-1][0] + w, "b")
        elif w in NOUN_SUFFIXES and len(out) >= 2 and out[-1][1] == "v" and len(out[-1][0]) == 2 \
                and out[-1][0] not in WORK_VERBS and out[-1][0] not in BENEFIT_VERBS and is_nounish(*out[-2]):
            out[-1] = (out[-1][0] + w, "n")
        else:
            out.append((w, t))
    return out


def is_nounish(word: str, tag: str) -> bool:
    """True when a word can stand inside an object phrase (see the module docstring)."""
    if _ACRONYM.fullmatch(word):
        return True   # LED节能灯具, CT: a thing's name in capitals is part of it
    if word in FUNCTION_WORDS or word in WORK_VERBS or word in BENEFIT_VERBS or not _CJK.search(word):
        return False
    if tag in NOUN_TAGS:
        return True
    return not (tag.startswith("v") or tag in STOP_TAGS or tag.startswith("u") or tag.startswith("a"))


def join_singles(toks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Single characters jieba cut out of one word, joined to the noun after them: 新|入|职|教师 → 新入职教师 (a name
    formed from the last of them read 职教师人数, 职业教育教师 to a reviewer), and one bound morpheme (农|特产品 →
    农特产品). Two or more single characters in a row (or one tagged a bound morpheme after no noun), none a
    function word nor a verb of the work, before a noun."""
    out: list[tuple[str, str]] = []
    singles: list[tuple[str, str]] = []
    for w, t in toks:
        if len(w) == 1 and _CJK.search(w) and w not in FUNCTION_WORDS and w not in WORK_VERBS \
                and w not in NOUN_SUFFIXES and w != "村":
            singles.append((w, t))
            continue
        # …or one bound morpheme (农|特产品: jieba tags 农 zg; a reviewer read 特产品销售额 as cut short)
        bound = len(singles) == 1 and singles[0][1] in ("zg", "g") and not (out and is_nounish(*out[-1]))
        # …or 半 of a kind (乡镇|半|专业|扑火队: jieba tags 半 a numeral; the crews are 半专业扑火队, not 专业扑火队)
        bound = bound or [w for w, _ in singles] == ["半"]
        if (len(singles) >= 2 or bound) and len(w) >= 2 and is_nounish(w, t):
            out.append(("".join(x for x, _ in singles) + w, "n"))
        else:
            out.extend(singles)
            out.append((w, t))
        singles = []
    return out + singles


def split_phrase(tokens: list[tuple[str, str]]) -> tuple[str, str, bool]:
    """(verb, object, verb_after) of the trailing phrase of `tokens` (the words right before a number).

    Trailing function words (不超过, 的 …) are skipped; then the trailing run
    of noun-like words and verbs of the work is taken: its leading verbs are
    the verb, the rest the object (河道清淤 keeps its verb inside the object).
    A phrase ending in a measure noun (时间, 人数 …) may hold one other verb
    (故障响应时间); a phrase ending in any other verb takes it as the verb
    (领导授课 → 授课 / 领导, verb after the object). "对河道进行清淤疏浚"
    gives (清淤疏浚, 河道, True).
    """
    toks = join_singles(list(tokens))
    while toks and (toks[-1][0] in FUNCTION_WORDS or not _CJK.search(toks[-1][0])):
        toks.pop()
    if toks and toks[-1][1].startswith("v") and toks[-1][1] != "vn" and toks[-1][0] not in WORK_VERBS:
        verb = toks.pop()[0]
        return verb, _noun_run(toks), True
    run: list[tuple[str, str]] = []
    for i in range(len(toks) - 1, -1, -1):
        w, t = toks[i]
        if is_nounish(w, t) or w in WORK_VERBS or w in BENEFIT_VERBS or run and modifies(w, t, *run[0]):
            run.insert(0, (w, t))
        elif w in _JOINERS and run and is_nounish(*run[0]) and i > 0 and is_nounish(*toks[i - 1]):
            run.insert(0, (w, t))   # 修补坑槽及沉陷路面: two things the work is done to, one object
        elif (t.startswith("v") and run and MEASURE_NOUN.search(run[-1][0]) and i > 0
              and is_nounish(*toks[i - 1])):
            run.insert(0, (w, t))
        else:
            break
    k = _last_verb_before_object(run)
    if all(w in WORK_VERBS or w in BENEFIT_VERBS for w, _ in run):
        k = len(run)      # only verbs (清淤疏浚): the object stands elsewhere (对河道进行…)
        lead = len(toks) - len(run) - 1
        if run and lead >= 1 and toks[lead][1].startswith("v") and toks[lead][0] not in HOLD_VERBS \
                and is_nounish(*toks[lead - 1]):
            # …or it is a noun and the verb that makes it a kind of work (屋面|防水|维修1.2万平方米 → 屋面防水, 维修)
            return "".join(w for w, _ in run), _noun_run(toks[:lead]) + toks[lead][0], True
    verb, obj = "".join(w for w, _ in run[:k]), "".join(w for w, _ in run[k:])
    if not obj:
        obj = _object_of_duiyu(toks)
        if obj:
            return verb, obj, True
    return verb, obj, False


def _last_verb_before_object(run: list[tuple[str, str]]) -> int:
    """Where the object starts in a run: after the last verb of the work that has nouns after it.

    "城区 新建 社区 老年 助餐点" → the object starts at 社区 (城区 is where, not what);
    "校园 维修 改造" (verbs last) → 0: the whole run is the object, an activity.
    Words before the verb are dropped; consecutive verbs stay together (修缮加固).
    """
    verbs = [i for i, (w, _) in enumerate(run) if w in WORK_VERBS or w in BENEFIT_VERBS]
    last = next((i for i in reversed(verbs) if i + 1 < len(run) and (
        is_nounish(*run[i + 1]) or i + 2 < len(run) and modifies(*run[i + 1], *run[i + 2]))), None)
    if last is None:
        return 0
    first = last
    while first > 0 and (run[first - 1][0] in WORK_VERBS or run[first - 1][0] in BENEFIT_VERBS):
        first -= 1
    del run[:first]
    return last - first + 1


def _trailing_verbs(toks: list[tuple[str, str]]) -> str:
    """The verbs of the work at the end of `toks` (租赁 in "租赁"), else ''."""
    out = []
    for w, _ in reversed(toks):
        if w in WORK_VERBS:
            out.insert(0, w)
        elif out or w not in FUNCTION_WORDS:
            break
    return "".join(out)


def _noun_run(toks: list[tuple[str, str]]) -> str:
    out: list[tuple[str, str]] = []
    for w, t in reversed(toks):
        if not (is_nounish(w, t) or out and modifies(w, t, *out[0])):
            break
        out.insert(0, (w, t))
    return "".join(w for w, _ in out)


def modifies(word: str, tag: str, next_word: str, next_tag: str) -> bool:
    """True when `word` qualifies the noun after it inside one object: an adjective (幸福 of 村级幸福食堂, 重大 of
    重大故障), a verb saying its kind (`_KIND_VERBS`: 脱毒 of 马铃薯脱毒原原种) or a localizer of two characters that says along or around what thing (沿街立面). People are not
    qualified so (服务沿线群众约21万人: the served are 受益群众, not a 服务沿线群众人数 output; 集中供养特困人员320人 keeps
    the library's 特困人员集中供养人数, not 特困人员人数), nor places (监控市城区及周边乡镇污染排放: where, never a
    周边乡镇污染排放削减量 to fill)."""
    if word in FUNCTION_WORDS or not is_nounish(next_word, next_tag):
        return False
    if next_word in BENEFICIARIES or PERSON_HEADS.search(next_word):
        return False
    return tag in ("a", "z") or word in _KIND_VERBS \
        or tag == "f" and len(word) >= 2 and next_word not in SETTLEMENTS and next_tag != "ns"


# verbs the tagger reads in a noun phrase that say what kind of thing it is (马铃薯脱毒原原种, 杂交水稻种子): part of
# the object, never where it is cut (the lead's closing note: 采购马铃薯脱毒原原种425万粒 was read as 原原种)
_KIND_VERBS = frozenset({"脱毒", "杂交", "转基因", "速冻"})


def _object_of_duiyu(tokens: list[tuple[str, str]]) -> str:
    """The X of "对/为/给 X 进行/开展/实施 Y" (the object stands before the verb), else ''."""
    words = [w for w, _ in tokens]
    for i, w in enumerate(words):
        if w in ("对", "为", "给") and i + 1 < len(tokens):
            j = i + 1
            obj = []
            while j < len(tokens) and is_nounish(*tokens[j]):
                obj.append(tokens[j][0])
                j += 1
            if obj and j < len(words) and words[j] in ("进行", "开展", "实施", "完成"):
                return "".join(obj)
    return ""


def uses_existing(before: str) -> bool:
    """True when the clause before a number says the counted thing already stands and is used
    (依托12个村老年食堂, 现有助餐点12个, 利用已建成的8个站点) and names no building work after that word
    (利用现有场地新建助餐点8个 builds them)."""
    last = None
    for last in EXISTING_WORDS.finditer(before):
        pass
    return last is not None and not BUILD_WORDS.search(before[last.end():])


# places a measure word counts when the work done in them follows (15个行政村生活污水治理, 20个村庄环境整治)
# — and the towns a text ranks (在城关镇和6个中心集镇新建助餐点: 中心集镇, 中心镇, 建制镇 are where the work is, as 乡镇
# are; matched whole, 中心集镇 had escaped and made 中心集镇数量 ≥ 6 个 under 数量, trial 8)
SETTLEMENTS = frozenset("行政村 自然村 村庄 村 社区 乡镇 镇 乡 集镇 中心集镇 中心镇 建制镇 场镇 街道 村组 小区".split())


def places_worked(tokens: list[tuple[str, str]]) -> str:
    """The places counted and the work done in them, as a count's object: 行政村 / 生活污水 / 治理 →
    生活污水治理行政村 (a fresh user got 完成行政村生活污水数量); '' unless the words after the measure word are a
    settlement, the thing worked on, and a verb of the work closing the run (新建2个乡镇污水处理厂 counts plants)."""
    if len(tokens) < 3 or tokens[0][0] not in SETTLEMENTS:
        return ""
    n = 1
    while n < len(tokens) and is_nounish(*tokens[n]):
        n += 1
    thing = "".join(w for w, _ in tokens[1:n])
    work = tokens[n][0] if n < len(tokens) else ""
    if thing and thing[-1] in NOUN_SUFFIXES:
        return ""   # 12所乡镇卫生院购置: a facility of the place is what is counted (乡镇卫生院), not places
    if not thing or work not in WORK_VERBS or n + 1 < len(tokens) and is_nounish(*tokens[n + 1]):
        return ""
    return thing + work + tokens[0][0]


# a number right after a joining word: its object is written after it, the words before are the previous one's
_JOINED = re.compile(r"(?:和|及|与|以及)$")
# the work done to a thing, written after it: 食堂的消防和厨具改造
# …or right after it, alone in its clause (5个助餐点改造提升, 3所学校进行维修): 助餐点改造提升数量, never 助餐点数量
_WORK_OF = re.compile(r"(?:的[\u4e00-\u9fff]{0,8}?|(?:进行|实施|开展)?)(" + "|".join(sorted(WORK_VERBS, key=len, reverse=True))
                      + r")(?![\u4e00-\u9fff])")
# a return period (20年一遇防洪标准, 10年一遇的排涝标准): the standard it sets
_RETURN_PERIOD = re.compile(r"一遇的?([\u4e00-\u9fff]{0,4}标准)")
# a clause saying what the works protect or serve (its items are benefits, `candidates._mention_draft`)
_PROTECT_LEAD = re.compile(r"(保护|惠及|覆盖|受益)")


def _before_next_number(toks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The words after a measure word up to the next number; the last of them, when a number follows, is that
    number's object (27所农村中小学在校生6120人: the schools are 农村中小学, 在校生 are the 6120) — unless that number's
    own measure word comes next, its object after it (32所农村义务教育学校1.5万名在校学生)."""
    for i, (w, _) in enumerate(toks):
        if w[:1].isdigit():
            j = next((k for k in range(i, len(toks)) if not re.fullmatch(r"[\d.]+", toks[k][0])), len(toks))
            if j < len(toks) and toks[j][0].lstrip("万亿") in Q.CLASSIFIERS:
                # 32所农村义务教育学校1.5万名在校学生: the next number's object follows its measure word (名在校学生),
                # so the last word before it (学校) is still this one's (a demo table printed 农村义务教育数量)
                return toks[:i]
            head = toks[:max(i - 1, 0)]
            return head if len("".join(x for x, _ in head)) >= 2 else toks[:i]
    return toks
# a level alone (村级 of 3个村级幸福食堂, cut short): says which tier, never the thing counted
_LEVEL_ONLY = re.compile(r"(?:省|市|县|区|乡|镇|村|乡镇|街道|社区|校)级")


def leading_object(tokens: list[tuple[str, str]]) -> str:
    """The run of noun-like words at the start of `tokens` (the object after a measure word), an adjective or a
    localizer qualifying the noun after it kept inside (3个村级幸福食堂 → 村级幸福食堂, not 村级); '' for a level alone."""
    out = []
    for i, (w, t) in enumerate(tokens):
        if is_nounish(w, t) or i + 1 < len(tokens) and modifies(w, t, *tokens[i + 1]):
            out.append(w)
        else:
            break
    obj = "".join(out)
    return "" if _LEVEL_ONLY.fullmatch(obj) else obj


# households of two kinds listed before their count in 户 (受益脱贫户、监测户10户), the clause read across the 、
_HOUSEHOLD_LIST = re.compile(r"(受益|惠及|带动|帮扶|覆盖)?([\u4e00-\u9fff]{1,6}?户)((?:、[\u4e00-\u9fff]{1,6}?户)+)$")
_CLAUSE_PUNCT_NO_LIST = re.compile(r"[，。；;,:：！!？?\s]")
# an activity named right after a count of sessions (2期扑火技能培训, 3场禁毒宣传, 4次应急演练): what is counted
SESSION_ACTIVITY = (r"(?:培训|宣传|演练|讲座|巡查|巡护|督查|义诊|比赛|竞赛|演出|展览|研讨|宣讲|活动|会议)")
_SESSIONS_OF = re.compile(r"([\u4e00-\u9fff]{0,8}?" + SESSION_ACTIVITY + r")(?=[，。,;；、:：\s]|$)")
# units of an extent whose object may follow the figure when none precedes it (1290.3平方米冷库仓储)
_EXTENT_FIRST = frozenset(("平方米", "万平方米", "亩", "万亩", "公顷", "立方米", "万立方米"))


def mentions(text: str) -> list[Mention]:
    """Every number + unit of `text` with its verb and object (`Mention`), in text order."""
    t = normalize(text)
    out = []
    for q in Q.find_quantities(t):
        before = _clause_before(t, q.start)
        # 改造提升原有助餐点2个: the work is done on what stands — 原有 says which, the verb stays the work's
        worked = _WORK_ON_EXISTING.sub(r"\1", before)
        verb, obj, after_ = split_phrase(pos_cut(worked)) if before else ("", "", False)
        obj_after = False   # the object follows the measure word (8个助餐点)
        # 6.3万群众: the people follow their count as after a measure word (`quantities`: 万 + people → 万人)
        people = next((w for w in Q.WAN_PEOPLE if t.startswith(w, q.end)), "") if q.unit in ("万人", "万户") else ""
        if people:
            benefit = next((v for v in BENEFIT_VERBS if before.endswith(v) or before.startswith(v)), "")
            verb = benefit or (_trailing_verbs(pos_cut(before)) if before else "")   # 年接待3万游客
            obj, after_, obj_after = people, False, True
        elif (q.unit in Q.CLASSIFIERS or q.unit.lstrip("万") in Q.CLASSIFIERS or q.unit in Q.BULK_UNITS
              or _JOINED.search(t, 0, q.start) and q.unit not in Q.MONEY_UNITS and not is_time_unit(q.unit)
              # 目标1:1290.3平方米冷库仓储建设: no object before an area, the one after it is its (trial 11, E025 bound
              # the cold store's area to 野生菌加工车间建设面积)
              or not obj and not verb and q.unit in _EXTENT_FIRST):
            # …and any measure after 和 / 及 / 与 (约1.3万名群众和3200亩农田: the fields, never 群众面积)
            after_toks = _before_next_number(pos_cut(_clause_after(t, q.end)))
            after = leading_object(after_toks)  # 8个助餐点, 5000吨稻谷
            places = places_worked(after_toks)
            if places:   # 完成15个行政村生活污水治理: the villages are counted, the work names which
                obj, after_, verb, obj_after = places, False, "", True
            elif after and q.unit in ("名", "人", "位") and obj and PERSON_HEADS.search(obj) \
                    and not PERSON_HEADS.search(after):
                pass   # 护路员156名分段负责…: the persons are named before their count, 分段 is how they work (round 18)
            elif after:
                obj, after_, obj_after = after, False, True
                verb = _trailing_verbs(pos_cut(before)) if before else ""  # 租赁77个机柜
                work = _WORK_OF.match(t, q.end + len(after))
                if work and (not verb or verb in ("完成", *HOLD_VERBS)):
                    # 完成4个食堂的消防和厨具改造: the work is said after what it is done to (食堂改造数量, not 完成食堂数量)
                    verb, after_ = work.group(1), True
                if not verb and _JOINED.search(t, 0, q.start):
                    # 保护沿岸…约1.3万名群众和3200亩农田: the clause's verb holds every item of the list
                    lead = _PROTECT_LEAD.match(CLAUSE_PUNCT.split(t[:q.start].replace("、", "_"))[-1])
                    verb = lead.group(1) if lead else ""
        hh = _HOUSEHOLD_LIST.search(_CLAUSE_PUNCT_NO_LIST.split(t[max(0, q.start - 30):q.start])[-1]) \
            if q.unit == "户" and not obj else None
        if hh:
            # 受益脱贫户、监测户10户: the households of both kinds are counted, named 脱贫户（监测户） as real tables write
            # them (trial 10: the 10 户 was read, and carried by no row)
            verb, obj, after_ = hh.group(1) or "", hh.group(2) + "（" + hh.group(3).lstrip("、") + "）", False
        ev = _SESSIONS_OF.match(t, q.end) if q.unit in EVENT_UNITS and not obj_after else None
        if ev:
            # 对120名半专业扑火队员开展2期扑火技能培训: the sessions are of the activity named after them (扑火技能
            # 培训期数), never of the words before (队员开展期数, trial 10)
            obj, after_, obj_after = ev.group(1), False, True
            verb = _trailing_verbs(pos_cut(before)) if before else ""
        prev = out[-1] if out else None
        if obj and not obj_after and prev and prev.obj and _JOINED_TAIL.fullmatch(t[prev.end:q.start]) \
                and t[prev.end:q.start].startswith(prev.obj):
            # 1.3万名群众和3200亩农田: the words before are the last count's object (群众), this one's follows it
            # (the 群众面积 of a trial's run); no object when none follows
            obj, verb, after_, obj_after = leading_object(pos_cut(_clause_after(t, q.end))), "", False, True
        elif not obj and not verb and prev and prev.obj and prev.unit == q.unit and _AIM_ONLY.fullmatch(before) \
                and not re.search(r"[。;；!！?？]", t[prev.end:q.start]):
            # 实现旅游综合收入3100万元，今年力争达到3500万元: the aim names no object, it is the last figure's in
            # the same unit (a trial left 旅游综合收入 待填写 亿元 with 3500 万元 stated)
            verb, obj, after_ = prev.verb, prev.obj, prev.verb_after
        reach = _REACH_AIM.search(before) if obj in _REACH_WORDS else None
        if reach:   # 网络传播量力争突破1000万次: what reaches the figure is counted (网络传播量), never 突破 (trial 9)
            obj = reach.group(1)
        aim = _AIM_LEAD.match(obj)
        if aim and len(obj) - aim.end() >= 2:
            obj = obj[aim.end():]   # 2025年目标到馆人次达到13万以上: the aim says it is a target, no word of what is counted
        dim = _DIMENSION_SAID.search(before) if q.unit in _LENGTH_UNITS and not verb else None
        if dim and not MEASURE_NOUN.search(dim.group(1)):
            # 河道长6.8公里, 渠道全长3.5公里, 路面宽6米: the thing and its measure (河道长度), not a bare 河道长 (a
            # reviewer found the dredging's main length only among the alternates)
            obj = dim.group(1) + _DIMENSION_WORD[dim.group(2)]
        if not verb and q.unit in _LENGTH_UNITS and (not obj or obj in _SCOPE_ONLY):
            # 县道、乡道、村道共计1126公里的日常养护 / 对全县1126公里农村公路实施日常养护: a length with no work before it
            # is the length of the work written after it — the project's main output (trial 13 found it on no row)
            rest = _clause_after(t, q.end)
            work = _LENGTH_WORK.match(rest)
            if work:
                thing = leading_object(pos_cut(work.group(1))) if work.group(1) else ""
                verb, after_ = work.group(2), True
                obj, obj_after = (thing, True) if thing else ("", False)
        if not verb and obj and not after_:
            work = _WORK_AFTER.match(_clause_after(t, q.end))   # 县乡村道85公里实行专业化日常养护: the work follows
            if work and work.group(1) in WORK_VERBS:
                verb, after_ = work.group(1), True
        if is_time_unit(q.unit) and _PAYMENT_AFTER.match(t, q.end):
            continue
        once = _RETURN_PERIOD.match(t, q.end) if q.unit == "年" else None
        if once:   # 恢复20年一遇防洪标准: a design standard in years of return period, never a count of years
            out.append(Mention(q.value, "年一遇", "", once.group(1), q.start, once.end(1), False, q.context, False))
            continue
        # (the raw words too: a count joined by 和 to one whose frequency is stated, 每季度开展1次安全漏洞扫描和1次数据
        # 备份恢复演练 — `before` stops at the first count)
        every = every_period(before) or every_period(t[max(0, q.start - 30):q.start]) \
            if q.unit in EVENT_UNITS else None
        if every:
            out.append(_per_period_count(t, q, every, before, out))
            continue
        if is_time_unit(q.unit) and before.endswith("每次"):
            # 每次不少于1小时: how long one visit lasts, never a service period (服务周期 ≥1 小时)
            event = next((n.obj for n in reversed(out) if n.unit in EVENT_UNITS and n.obj), "服务")
            event = re.sub(r"^[人户]均", "", event)
            out.append(Mention(q.value, q.unit, "", f"单次{event}时长", q.start, q.end, False, q.context, False))
            continue
        if not obj and not verb and prev and prev.obj and t[prev.end:q.start] == "、" and prev.unit != q.unit:
            # 文书档案12万卷、320万画幅: the same thing measured twice, the second measure has no words of its own
            verb, obj, after_ = prev.verb, prev.obj, prev.verb_after
        if not obj and not verb and q.unit in ("人", "名") and prev and prev.obj.endswith("队") \
                and _CREW_TOTAL.fullmatch(t[prev.end:q.start]):
            # 组建半专业扑火队12支共240人: the persons are the crews' members (半专业扑火队队员), not 森林防火人数
            verb, obj, after_ = prev.verb, prev.obj + "队员", prev.verb_after
        obj = counted_thing(obj, q.unit)
        listed = list_lead(t, q.start) if obj and not obj_after else None
        out.append(Mention(q.value, q.unit, verb, obj, q.start, q.end, q.is_budget, q.context, after_,
                           action=limit_action(t, q.end) if is_time_unit(q.unit) else "",
                           existing=uses_existing(before), listed=listed))
    # a rate per so many units (森林火灾发生率0.064次/10万公顷) counts nothing: neither number is a quantity;
    # nor does a share of the contract paid in instalments (合同签订后支付30%: not a 支付及时率 of 30 %)
    out = [m for m in out if not _RATE_PER.match(t, m.end) and not t[:m.start].rstrip().endswith("/")
           and not (m.unit == "%" and _PAID_SHARE.search(t, 0, m.start))]
    return each_one_totals(t, per_unit_totals(t, daily_year_totals(t, [_daily(m) for m in out])))


# what each counted unit gets, written after the count: 为48个村卫生室每个配备…基本设备一套 (a numeral or 一/两)
_EACH_GETS = re.compile(r"^[^。；;]{0,12}?每(?:个|所|户|村|家|座|处|间)(?P<verb>" + "|".join(
    sorted(WORK_VERBS, key=len, reverse=True)) + r")(?P<what>[^。；;，,（(]{0,40}?)(?P<k>\d+|一|两|二|三|四|五)"
    r"(?P<unit>套|台|件|辆|个|张|组)")
_SMALL = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5}


def each_one_totals(t: str, found: list[Mention]) -> list[Mention]:
    """What each counted unit gets times the count is the text's own total: 为48个村卫生室每个配备心电图机…等基本设备一套
    → 配备 / 基本设备 / 48 套, derivation "48个 × 每个1套" (a fresh reviewer found the 48 sets left 待填写 台). The
    object is the last noun run before the figure (after 等), else the list as written; a count already read at
    that place is left as it is."""
    out = list(found)
    for n in found:
        if n.unit not in Q.CLASSIFIERS or "." in n.value:
            continue
        g = _EACH_GETS.match(t[n.end:])
        if not g:
            continue
        k = int(g.group("k")) if g.group("k").isdigit() else _SMALL[g.group("k")]
        start = n.end + g.start("k")
        if any(m.start <= start < m.end for m in found):
            continue
        what = re.split(r"等", g.group("what"))[-1] or g.group("what")
        obj = leading_object(pos_cut(what)) or what
        out.append(Mention(str(int(n.value) * k), g.group("unit"), g.group("verb"), obj, start, n.end + g.end(),
                           False, obj, False, derivation=f"{n.value}{n.unit} × 每{t[n.end + g.start('verb') - 1]}{k}{g.group('unit')}"))
    return sorted(out, key=lambda m: m.start)


# a daily capacity (日处理污水2万吨, 日均供水1.5万立方米): the day's amount, in 〔unit〕/日, never the year's
_DAILY = re.compile(r"(?<![月\d节])(?:日均?|每日|每天)(?![前内起后至])[\u4e00-\u9fff]{2,6}$")
_DAILY_UNITS = frozenset("吨 万吨 立方米 万立方米 方 万方 千克 公斤".split())
# persons and visits a day (日均接待游客3000人次, 日均供餐400人次): named 日均…, like a daily capacity
_DAILY_COUNTS = frozenset("人次 万人次 人 名 次".split())
PERSON_UNIT = {"名": "人"}
# other counts a day (每日供餐300份, 日均发车40趟): named 日均…数量
_DAILY_OTHER = frozenset("份 餐 车 车次 趟 批 件 袋 桶 箱 单 例".split())


def _daily(m: Mention) -> Mention:
    """日处理污水2万吨 → 日处理污水量, 2 万吨/日 (a fresh reviewer got 处理污水数量 ≥2 万吨 for a plant's daily capacity)."""
    lead = _DAILY.search(m.context)
    if m.unit in _DAILY_COUNTS and lead:
        # 日均供餐不少于400人次: a day's count, 日均供餐人次 ≥ 400 人次 (the name says per day; the checker's UNIT-02
        # asks 人次 of a 人次 name) — never the year's 助餐服务人次 ≥ 400 (a reviewer; `binding.bind_mentions`)
        measure = "人次" if m.unit.endswith("人次") else "人数" if m.unit.endswith(("人", "名")) else "次数"
        word = re.sub(r"^(?:每日|每天)", "日均", _BOUND_WORDS.sub("", lead.group()))
        name = word if word.endswith(measure) else word + measure
        return replace(m, unit=PERSON_UNIT.get(m.unit, m.unit), verb="", obj=name, context=name)
    if lead and m.unit in _DAILY_OTHER:
        # 每日供餐300份: a day's count, 日均供餐数量 ≥ 300 份 — never the year's 供餐数量 (a reviewer struck it)
        word = re.sub(r"^(?:每日|每天|日)均?", "日均", _BOUND_WORDS.sub("", lead.group()))
        name = word if word.endswith(("数量", "量")) else word + "数量"
        return replace(m, verb="", obj=name, context=name)
    if m.unit not in _DAILY_UNITS or not lead:
        return m
    name = lead.group() + ("" if lead.group().endswith("量") else "量")
    return replace(m, unit=f"{m.unit}/日", verb="", obj=name, context=name)


# the days a year a service runs, said as such (全年服务250天, 年开放300天, 全年供餐250个工作日): what a day's count
# is multiplied by for the year's
_DAYS_A_YEAR = re.compile(r"(?:全年|年度|每年|年)(?:共|累计|计划)?(?:服务|开放|运营|营业|供餐|就餐|接待|开展服务|提供服务)"
                          r"(?:时间|天数)?(?:不少于|不低于|达到|约|共)?$")
_DAY_UNITS = frozenset(("天", "日", "个工作日", "工作日"))


def daily_year_totals(t: str, found: list[Mention]) -> list[Mention]:
    """A day's count of visits (日均服务30人次, `_daily`) when the text states the days of the year it is served
    (全年服务250天, exactly one such figure) is the year's count, the arithmetic in the derivation: 服务人次 7500
    人次, "日均30人次 × 250天" — the year's target a 年度绩效目标 states, and the base of a per-visit cost (60万元 ÷
    7500 人次 = 80 元/人次, where the day's 30 gave 20000). A count of persons a day (日均30人) is no year's sum,
    and without the days the day's count stays as it is."""
    from decimal import Decimal

    days = [(m, said) for m in found if m.unit in _DAY_UNITS and not m.action
            for said in [_DAYS_A_YEAR.search(t[max(0, m.start - 12):m.start])] if said]
    if len(days) != 1 or not 1 <= float(days[0][0].value) <= 366:
        return found
    n, said = days[0]
    out = []
    for m in found:
        if not (m.obj.startswith("日均") and m.unit in ("人次", "万人次", "次")):
            out.append(m)
            continue
        total = format((Decimal(m.value) * Decimal(n.value)).normalize(), "f")
        name = m.obj.removeprefix("日均")
        out.append(replace(m, value=total, obj=name, context=name,
                           derivation=f"日均{m.value}{m.unit} × {said.group()}{n.value}{n.unit}"))
    return out


# a frequency: 每季度开展1次安全漏洞扫描 is 4 scans a year (a fresh trial: 设备巡检次数 ≥1 次)
_EVENT_AFTER = re.compile(r"[\u4e00-\u9fff]{2,10}$")
_HOLD_VERBS = re.compile(r"^(?:" + "|".join(HOLD_VERBS) + ")")


# the punctuation that ends a clause, a list's 、 aside
_CLAUSE_NOT_LIST = re.compile(r"[,，。;；:：()（）\[\]【】\s“”\"'《》!！?？…/\\|]")


def list_lead(t: str, start: int) -> str | None:
    """When the words right before a number end a list (培训护林员、应急队员300人; 开展党史学习教育、社区党员600人次),
    the number counts the list whole, not its last item: the list's words as written (培训护林员、应急队员), else
    None (no list: 聘用护林员50人). Two nouns joined by 和 / 及 / 与 are such a list too (培训党组织书记和后备干部
    520人次: 520 counts both, a fresh reviewer got 后备干部人次 ≥520), written with 、. 等 + an umbrella word closes a list (防火服等物资200件), and items with
    numbers of their own (管网11.6公里、泵站2座) are no list counted whole."""
    clause = _CLAUSE_NOT_LIST.split(t[max(0, start - 40):start])[-1]
    if "、" not in clause and not re.search(r"\d", clause):
        clause = _joined_nouns(clause) or clause
    if "、" not in clause or re.search(r"\d", clause) or "等" in clause.rsplit("、", 1)[1]:
        return None
    return re.sub(r"^(?:为|对|向|给|按照|按|其中|共|累计)+", "", _BOUND_WORDS.sub("", clause))


_JOINERS = frozenset("和 及 与 以及".split())


def _joined_nouns(clause: str) -> str | None:
    """`clause` with its last 和 / 及 / 与 between two nouns written as 、 (党组织书记和后备干部 → 党组织书记、后备干部),
    else None (创建和谐社区, 宣传和培训: no two nouns joined)."""
    words = pos_cut(clause)
    for i in range(len(words) - 2, 0, -1):
        w, flag = words[i]
        if w in _JOINERS and flag == "c" and words[i - 1][1].startswith("n") and words[i + 1][1].startswith("n"):
            return "".join(x for x, _ in words[:i]) + "、" + "".join(x for x, _ in words[i + 1:])
    return None


# a frequency per head (每人每月上门服务4次): each person's count, not the project's
_PER_HEAD = re.compile(r"每(人|户|名|位|生)(?=每)")
_HEAD_UNITS = frozenset("人 名 位 户 万人 万名 万户".split())


def _per_period_count(t: str, q, every: tuple[str, int, str], before: str = "",
                      found: list[Mention] | tuple = ()) -> Mention:
    """The year's count of a stated frequency (`kb.domain.quantity.every_period`): 每季度开展1次安全漏洞扫描
    → 4 次 of 安全漏洞扫描; 食堂每月开展食品安全自查2次 → 24 次 of 食品安全自查; derivation "每季度1次 × 4".
    The event is the words after the unit, else those between the period and the number without the
    verb that only holds it. A frequency per head (服务对象1200人，每人每月上门服务4次) is the project's total
    when the sentence states the heads: 57600 次 of 上门服务, derivation "1200人 × 每月4次 × 12"; else the count
    per head, 人均上门服务 48 次 (a fresh reviewer found 服务次数 ≥48 次 for 1200 persons)."""
    m = _period_total(t, q, every)
    site = _PER_SITE.search(before) if not _PER_HEAD.search(before) else None
    if site and m.obj:
        return _over_sites(t, q, m, site.group(2), found, site.group(1) or "")
    head = _PER_HEAD.search(before)
    if not head or not m.obj:
        return m
    from decimal import Decimal

    heads = [n for n in found if n.unit in _HEAD_UNITS and not re.search(r"[。;；]", t[n.end:q.start])]
    if not heads:
        return replace(m, obj=("户均" if head.group(1) == "户" else "人均") + m.obj, context="人均" + m.context)
    n = heads[-1]
    count = Decimal(n.value) * (10000 if n.unit.startswith("万") else 1)
    total = format((count * Decimal(m.value)).normalize(), "f")
    return replace(m, value=total, derivation=f"{n.value}{n.unit} × {m.derivation}")


# a frequency per site (每所少年宫每周开展活动3次, 每个村每周清运2次): each site's count, not the project's
_PER_SITE = re.compile(r"每(个|所|座|处|家)?([\u4e00-\u9fff]{1,6}?)(?=每(?:季度|季|半年|月|周|年))")
# a school's programme runs in teaching weeks: 35 a school year (义务教育课程方案, 每学年上课时间35周), not 52
SCHOOL_WEEKS = 35
_SCHOOL = re.compile(r"学校|少年宫|校园|中小学|小学|中学|幼儿园|学生")


def _over_sites(t: str, q, m: Mention, site: str, found: list[Mention] | tuple, measure: str = "") -> Mention:
    """A frequency per site is the total over the sites the text counts before it: 16所乡村学校少年宫…每所少年宫每周
    开展活动3次 → 1680 次 of 活动, derivation "16所 × 每周3次 × 35(每学年教学周)"; 186个行政村…每个村每周清运2次 →
    19344 次; 9所农村小学…每所学校 takes the one count in 所. A school's weekly programme counts teaching weeks (`SCHOOL_WEEKS`), said in the derivation. With no
    count of the sites the row is named per site (每个村清运次数, the year's count of one site)."""
    from decimal import Decimal

    weekly = m.derivation.startswith("每周")
    school = weekly and bool(_SCHOOL.search(site + t[max(0, q.start - 60):q.start]))
    value, derivation = Decimal(m.value), m.derivation
    if school:
        value = Decimal(q.value) * SCHOOL_WEEKS
        derivation = f"每周{q.value}{q.unit} × {SCHOOL_WEEKS}(按每学年{SCHOOL_WEEKS}个教学周计)"
    counts = [n for n in found if n.unit not in _HEAD_UNITS and not is_time_unit(n.unit) and re.fullmatch(r"\d+", n.value)]
    sites = [n for n in counts if n.obj.endswith(site)]
    if not sites and measure not in ("", "个"):   # 9所农村小学…每所学校: the one count in the site's own measure word
        same = [n for n in counts if n.unit == measure]
        sites = same if len(same) == 1 else []
    if not sites:
        return replace(m, value=format(value.normalize(), "f"), derivation=derivation,
                       obj=f"每个{site}{m.obj}", context=f"每个{site}{m.context}")
    n = sites[-1]
    return replace(m, value=format((value * Decimal(n.value)).normalize(), "f"),
                   derivation=f"{n.value}{n.unit}{site} × {derivation}")


# the months a monthly task runs when the text names them (汛期（5—9月）每月巡查4次: 5 months, not 12)
_MONTHS_SPAN = re.compile(r"(\d{1,2})\s*月?\s*[—–\-~～至到]\s*(\d{1,2})\s*月")


# weeks in a month, for a weekly task over a span of months (52 weeks ÷ 12 months)
WEEKS_A_MONTH = 52 / 12


def _period_total(t: str, q, every: tuple[str, int, str]) -> Mention:
    """The count over the months the text names for a monthly or weekly task (汛期（5—9月）每月巡查4次 → 20 次;
    2024年7月至12月每周开展1次 → 26 次, six months of 52 ÷ 12 weeks, said in the derivation), else the year's."""
    from decimal import Decimal

    m = _year_total(t, q, every)
    span = _MONTHS_SPAN.search(re.split(r"[。;；]", t[max(0, q.start - 30):q.start])[-1]) \
        if every[0] in ("月", "周") else None
    if not span or not 1 <= int(span.group(1)) <= int(span.group(2)) <= 12:
        return m
    months = int(span.group(2)) - int(span.group(1)) + 1
    if every[0] == "周":
        weeks = round(months * WEEKS_A_MONTH)
        return replace(m, value=format((Decimal(q.value) * weeks).normalize(), "f"),
                       derivation=f"每周{q.value}{q.unit} × {weeks}({span.group()}，按每月52÷12周计)")
    return replace(m, value=format((Decimal(q.value) * months).normalize(), "f"),
                   derivation=f"每月{q.value}{q.unit} × {months}({span.group()})")


def _year_total(t: str, q, every: tuple[str, int, str]) -> Mention:
    from decimal import Decimal

    period, times, said = every
    total = format((Decimal(q.value) * times).normalize(), "f")
    what = _EVENT_AFTER.match(_event_after(t, q.end))   # the event itself, a verb noun as often as not (扫描, 培训)
    verb = _HOLD_VERBS.match(said)
    obj = what.group() if what else said[verb.end() if verb else 0:]
    if not obj:   # 开展禁毒宣传活动每季度不少于6场: the event stands before the period
        lead = _CLAUSE_NOT_LIST.split(t[max(0, q.start - 40):q.start])[-1].rsplit("每", 1)[0]
        # a campaign's reach (禁毒宣传进校园、进社区、进农村活动) names where it goes, not what it is: 禁毒宣传活动
        lead = re.sub(r"进[\u4e00-\u9fff]{1,3}(?:、进[\u4e00-\u9fff]{1,3})+(?=[\u4e00-\u9fff]{2}$)", "", lead)
        lead = re.sub(r"^(?:计划|拟|将|预计|年内|全年)+", "", lead.rsplit("、", 1)[-1])
        held = _HOLD_VERBS.match(lead)
        if held and re.fullmatch(r"[\u4e00-\u9fff]{2,10}", lead[held.end():]):
            obj = lead[held.end():]   # 开展禁毒宣传活动: what is held, whole (jieba tags 禁毒 a verb)
        else:
            v, o, after_ = split_phrase(pos_cut(lead)) if lead else ("", "", False)
            obj = o if after_ or not o or v in HOLD_VERBS else v + o
    return Mention(total, q.unit, verb.group() if verb else "", obj, q.start, q.end, False, obj or q.context,
                   False, derivation=f"每{period}{q.value}{q.unit} × {times}")


def _event_after(t: str, end: int) -> str:
    """The words after a frequency's unit up to the next clause or a conjunction that opens another work:
    每季度开展1次安全巡检并提交巡检报告 → 安全巡检 (the whole run was too long to be an event: 开展次数)."""
    out = []
    for w, tag in pos_cut(_clause_after(t, end)):
        if tag == "c" or w in ("并", "并且", "同时"):
            break
        out.append(w)
    return "".join(out)


# the words between a count's object and the next number when that object is the count's, not the number's
# what joins a count of crews to their persons (12支共240人, 12支，共计240人)
_CREW_TOTAL = re.compile(r"[，,]?(?:共|共计|合计|计)?")
# measure words of places and institutions (所 of schools, 座, 家, 处): what they count is never people
_PLACE_MEASURES = frozenset("所座家处栋间")
_PEOPLE_TAIL = re.compile(r"(?:在校学生|在校生|学生|师生|幼儿|儿童|教师|职工|人员|群众|居民|村民|老人|患者|病人)$")


def counted_thing(obj: str, unit: str) -> str:
    """The thing a count in `unit` counts: a measure word of places or institutions (所, 座, 家 …) counts them,
    never people read after them — 27所农村中小学在校生约6120人 → 农村中小学 (a name 农村中小学在校生数量 ≥ 27 所 counted
    pupils in 所); people alone after such a count leave no object (''); any other count keeps `obj`."""
    if unit not in _PLACE_MEASURES or not _PEOPLE_TAIL.search(obj):
        return obj
    return _PEOPLE_TAIL.sub("", obj)


# a figure a measure is to reach (网络传播量力争突破1000万次): the measure before the aim and the reaching word
_REACH_WORDS = frozenset(("突破", "超过", "超"))
_REACH_AIM = re.compile(r"([\u4e00-\u9fff]{1,8}?(?:量|数|额|人次|次数))(?:力争|争取|预计|确保|有望|将)?(?:突破|超过|超)$")
_JOINED_TAIL = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:和|及|与|以及)")
# the aim leading an object's words (目标到馆人次, 计划服务人次): said of the figure, not of what it counts
_AIM_LEAD = re.compile(r"^(?:今年|本年|当年|年内|本年度)?(?:力争|争取|目标|预期)")
# a clause that only says the year's aim, its object named in the clause before (今年力争达到, 今年目标, 预计)
_AIM_ONLY = re.compile(r"(?:今年|本年|当年|年内|本年度|\d{4}年)?(?:力争|争取|目标|预计|计划|预期|确保)+")
_RATE_PER = re.compile(r"\s*/\s*\d")
# what comes before a share paid in instalments: 支付30%, 预付合同金额的30%, 验收合格后拨付剩余70%, 首付款30%
_PAID_SHARE = re.compile(r"(?:" + "|".join(("预付", "首付", "付款", "尾款", *PAYMENT_VERBS)) +
                         r")(?:合同(?:金额|价款|总价|总额)?|总价|价款|款项|资金|剩余|其余|首期|首付款|预付款)?的?\s*$")
# the work written after a quantity it is done to: 85公里实行专业化日常养护, 12座进行除险加固
_WORK_AFTER = re.compile(r"(?:实行|进行|实施|开展|完成)[\u4e00-\u9fff]{0,6}?(" + "|".join(
    sorted(WORK_VERBS, key=len, reverse=True)) + r")")
# the work a time limit bounds, written after it: 4小时内修复, 30分钟以内响应, 2小时内到达现场
_LIMIT_ACTION = re.compile(r"\s*(?:以)?内(?:完成|进行|予以)?(到达现场|响应|到场|到达|修复|修好|排除|解决|处理|处置|办结|答复|反馈|"
                           r"恢复|安装调试|安装|调试|交付|供货|到货|完工|竣工|出具(?:检测|检验|监测)?(?:报告|结果))")
# a payment's term (15个工作日内支付设备款) is the checker's to read (`kb.checker.rewrite.payment_days`)
# a payment's or a settlement's term (15个工作日内支付, 结束前15日内结算完毕): a limit on paying, no count of days
_PAYMENT_AFTER = re.compile(r"\s*(?:以)?内[^，。；,;]{0,4}?(?:" + "|".join((*PAYMENT_VERBS, "结算", "清算")) + ")")
_ACTION_SPELLING = {"修好": "修复", **{f"出具{w}{r}": "出具报告" for w in ("", "检测", "检验", "监测")
                                         for r in ("报告", "结果")}}   # 5个工作日内出具报告 (trial 18)


def limit_action(t: str, end: int) -> str:
    """The work a time limit ending at `end` is for (4小时内修复 → 修复; 修好 read as 修复), else ''.
    A repair deadline and a response deadline are two measures (故障修复时间, 故障响应时间)."""
    m = _LIMIT_ACTION.match(t, end)
    return _ACTION_SPELLING.get(m.group(1), m.group(1)) if m else ""
# a standard per counted thing written after the number: 1760株/栋 (the count it multiplies: 10栋)
_PER_COUNTED = re.compile(r"\s*/\s*([\u4e00-\u9fff])")
_CLAUSE_END = re.compile(r"[,，。;；:：!！?？]")
_OBJECT_WITH_NOTE = re.compile(r"[\u4e00-\u9fff]{2,8}(?:\([\u4e00-\u9fff]{1,6}\))?")


def per_unit_totals(t: str, found: list[Mention]) -> list[Mention]:
    """A per-unit standard times the one count of that unit the text states is the text's own total:
    "按照1760株/栋的标准,在10栋设施温棚中种植黄金蜜(葡萄)" → 17600 株 of 黄金蜜(葡萄), verb 种植, derivation
    "1760株/栋 × 10栋". The verb and object are the count's clause's last verb of the work and the words
    after it. A standard whose unit the text counts never, or more than once, stays as it is (never invented)."""
    from decimal import Decimal

    out = []
    for m in found:
        per = _PER_COUNTED.match(t, m.end) if m.unit not in Q.MONEY_UNITS else None
        per_unit = (unit_at(t, per.start(1)) or per.group(1)) if per else ""   # 元/千瓦时: 千瓦时, never 千瓦
        counts = [n for n in found if n is not m and n.unit == per_unit
                  and not _PER_COUNTED.match(t, n.end)] if per else []
        if len(counts) != 1:
            out.append(m)
            continue
        n = counts[0]
        clause = _CLAUSE_END.split(t[n.end:n.end + 40])[0]
        verb, obj = _verb_and_object(clause)
        total = Decimal(m.value) * Decimal(n.value)
        value = format(total.normalize(), "f")
        out.append(Mention(value, m.unit, verb or m.verb, obj or m.obj, m.start, m.end, False, obj or m.context,
                           False, derivation=f"{m.value}{m.unit}/{n.unit} × {n.value}{n.unit}"))
    return out


def _verb_and_object(clause: str) -> tuple[str, str]:
    """The last verb of the work in `clause` with the words after it (a parenthesised note kept:
    种植黄金蜜(葡萄) → 种植 / 黄金蜜(葡萄)), else ('', '')."""
    best = ("", "", -1)
    for v in WORK_VERBS:
        i = clause.rfind(v)
        o = _OBJECT_WITH_NOTE.match(clause, i + len(v)) if i >= 0 else None
        if o and (i > best[2] or i == best[2] and len(v) > len(best[0])):
            best = (v, o.group(), i)
    return best[0], best[1]


def _clause_before(t: str, start: int) -> str:
    """The text before a number back to punctuation or the previous number + unit."""
    s = _whole_words(t, max(0, start - 24), start)
    s = CLAUSE_PUNCT.split(s)[-1]
    m = list(re.finditer(r"[\d.]+", s))
    if m:
        s = _after_unit(s[m[-1].end():])
    s = _BOUND_WORDS.sub("", s)   # 观光游客不少于6万人: the object before the comparison
    s = _YEAR_WORDS.sub("", s)    # 开展禁毒宣传活动全年24场: the year's count of the activity
    return s.rstrip("≥≤<>=约达共计 ")


_UNIT_OPEN = re.compile(r"^\s*(?:万|亿)?(?:" + "|".join(re.escape(u) for u in sorted(Q.UNITS, key=len, reverse=True))
                        + r"|号|时|分)?")


def _whole_words(t: str, a: int, z: int) -> str:
    """t[a:z] without a word the window's start cuts in two (…计划处理污水 never starts at 理污水)."""
    if a == 0 or not _CJK.match(t[a - 1]) or not _CJK.match(t[a]):
        return t[a:z]
    lead = max(0, a - 6)
    at = lead
    for w, _ in pos_cut(t[lead:z]):
        if at >= a:
            return t[at:z]
        at += len(w)
    return t[a:z]


def _after_unit(rest: str) -> str:
    """The words after a previous number: its unit (or date part: 2025年, 6月) taken off, and only when it
    is a word of its own — 3处理污水 is no 处 (a reviewer got 理污水数量 from 2025年计划处理污水580万吨),
    2024年共培训农民 keeps 培训 (not 训农民)."""
    latin = re.match(r"\s*[A-Za-z]{1,4}(?=[\u4e00-\u9fff])", rest)
    if latin:   # 315KVA变压器, 1.5T磁共振: the number's unit in Latin letters, never part of the object
        return rest[latin.end():]
    u = _UNIT_OPEN.match(rest).group()
    if u.strip() and len(rest) > len(u) and len(pos_cut(rest[len(u) - 1:])[0][0]) > 1:
        u = u[:-1]   # the unit's last character opens a longer word of the rest (处 of 处理): no unit
    return rest[len(u):]


# a length said with its dimension word after the thing (河道长, 渠道全长, 路面宽)
_DIMENSION_SAID = re.compile(r"([\u4e00-\u9fff]{2,8}?)(全长|总长|长|宽|深|高|厚)$")
_DIMENSION_WORD = {"全长": "长度", "总长": "长度", "长": "长度", "宽": "宽度", "深": "深度", "高": "高度", "厚": "厚度"}
_LENGTH_UNITS = frozenset("米 公里 千米 厘米 km".split())
_WORK_ON_EXISTING = re.compile(r"(" + "|".join(sorted(WORK_VERBS, key=len, reverse=True)) + r")(?:原有|现有|既有|已有)的?")
# a scope word alone before a length (对全县1126公里…): where, never what
_SCOPE_ONLY = frozenset(("全县", "全市", "全区", "全镇", "全乡", "全省", "县域", "市域", "辖区", "全域"))
# the work of a length written after it: 的日常养护 / 农村公路实施日常养护 (the thing, a lead verb, a qualifier, the work)
_LENGTH_WORK = re.compile(r"^的?([\u4e00-\u9fff]{0,8}?)(?:实施|进行|开展|实行)?[\u4e00-\u9fff]{0,4}?((?:" + "|".join(
    sorted(("养护", "管护", "保洁", "清扫", "维修", "修缮", "巡查", "改造", "硬化", "清淤", "疏浚", "整治"), key=len, reverse=True))
    + r")+)(?:工作|任务)?$")   # 清淤疏浚: one work of two verbs, kept whole
_YEAR_WORDS = re.compile(r"(?:全年|年均|当年|年内|本年度|本年|年度)(?:共|累计|合计)?$")


# words between an object and its number that say how it compares (不少于, 不低于, 达到, 超过 …)
_BOUND_WORDS = re.compile(r"(?:不少于|不低于|不小于|不超过|不高于|不多于|达到|超过|低于|多于|少于|控制在|约为|约|达|"
                          r"(?:增加|提高|提升|增长|上升|降低|下降|减少)(?:到|至))$")


def _clause_after(t: str, end: int) -> str:
    return CLAUSE_PUNCT.split(t[end:end + 14])[0]


def project_core(project_name: str | None) -> str:
    """What the project name says the project does (see the module docstring); '' when nothing is left."""
    name = normalize(project_name or "")
    if not name:
        return ""
    inners = [x for x in re.findall(r"[(（]([^()（）]*)[)）]", name) if not _NOT_CONTENT.search(x)]
    outer = re.sub(r"[(（][^()（）]*[)）]", "", name)
    a = _clean_name(outer)
    b = next((c for c in map(_clean_name, inners) if c and not _PLACE_END.search(c)), "")
    if b and (len(a) < 4 or _FUNDING.search(outer) and not _FUNDING.search(b)):
        return b
    return a or b


def _clean_name(s: str) -> str:
    s = NAME_BOILERPLATE.sub("", s)
    s = re.sub(r"[\d]+|[一二三四五六七八九十]期$|[^\u4e00-\u9fffA-Za-z]", "", s)
    s = _drop_place(s)
    s = re.sub(r"^(?:我市|全市|全县|全区|本市|本县|市本级|县本级)", "", s)
    s = re.sub(r"(?:的|及|和|与|等|目标)$", "", s)
    return s if len(s) >= 2 else ""


def _drop_place(s: str) -> str:
    """The name without its leading places (岳阳县, 黄山市, 下马关镇; every one of 湖南省岳阳市岳阳县, 重庆市梁平区 —
    jieba cuts 梁平|区) when enough remains."""
    for _ in range(4):
        toks = pos_cut(s)
        if len(toks) >= 2 and len(toks[1][0]) == 1 and _PLACE_END.search(toks[1][0]) and toks[0][1] in ("ns", "nr"):
            place = toks[0][0] + toks[1][0]          # 梁平|区
        elif toks and len(toks[0][0]) >= 3 and _PLACE_END.search(toks[0][0]) and toks[0][1] in ("ns", "nr", "n", "nt"):
            place = toks[0][0]
        else:
            return s
        rest = s[len(place):]
        if len(rest) < 3:
            return s
        s = rest
    return s


from kb.domain.words import beneficiaries  # noqa: E402,F401  (one reader, suggest's and the checker's)


def places_only(m: Mention) -> bool:
    """The number counts places and names no work done in them (解决6个行政村…出行难): it never goes to a row
    not counting such places just for being the one count of its unit (农村公路危桥改造数量 ≥6 个)."""
    from kb.suggest.words import WORK_VERBS

    return m.obj in SETTLEMENTS and not (m.verb and m.verb in WORK_VERBS)
