"""Evidence in the text for a suggested row: what the description names and what it does not.

Each function answers one question about a draft against the project's text
(`ProjectContext`) and returns the missing word(s) or reason ('' or [] when
the text names it): another programme (`other_programme`), another facility,
building or place (`unnamed_facility`, `unnamed_building`), another kind of
work (`unnamed_work`, `routine_measure`), other equipment, a group or
respondent the text never names, and how much of a row's object the text
holds (`object_in_text`, `text_evidence`). Read by
`kb.suggest.vetting.mark_precision`, which sets such rows aside; nothing here
changes a draft.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier
from kb.suggest.words import (DELIVERED_WORK, EQUIPMENT, EXCLUSIVE_MODES, FACILITY_WORDS, KIND_OF_WORK, PER_HEAD_GROUP,
                              PERSON_HEADS, PROGRAMME_WORDS, ROUTINE_MEASURES, SERVICE_HEAD, UNIT_RESPONDENTS,
                              WORK_SYNONYMS, BUILDING_MEASURED, BUILDING_NAMED)
from kb.domain.text import bigrams


def unnamed_facility(d: Draft, ctx: ProjectContext) -> str:
    """The place or facility (`words.FACILITY_WORDS`: 公园, 景区, 场馆 …) a library, type or retrieved row names and
    the project's name and description do not, else '' — a formed row names only what the text says."""
    if d.source == "formed":
        return ""
    w = _facility_word(d.name)
    return "" if not w or w in ctx.text else w


@lru_cache(maxsize=8192)
def _facility_word(name: str) -> str:
    """The first of `words.FACILITY_WORDS` in `name`, else '' (a function of the name: read once per name)."""
    return next((w for w in FACILITY_WORDS if w in name), "")


# a rate the text names before its figure (水质检测合格率不低于95%): its qualifier and its measure
_STATED_RATE = re.compile(r"([\u4e00-\u9fff]{2,8}?)(合格率|达标率|完好率|可用率|普及率|覆盖率|知晓率|及时率|准确率|成活率|"
                          r"到位率|执行率)(?:须|需|应|要)?(?:不低于|不少于|达到|达|保持在|稳定在|在|为|提高到|提升到)?$")


def other_stated_rate(d: Draft) -> str:
    """The rate the text names for the figure `d` holds (水质检测合格率) when `d` measures another (its name shares no
    bigram of the text's qualifier: 供水工程维修养护验收合格率), else ''."""
    m = d.mention
    if d.value_source != "text" or m is None or m.unit != "%":
        return ""
    said = _STATED_RATE.search(m.context or "")
    if not said or said.group(2) not in d.key:
        return ""
    qualifier = said.group(1)
    words = {qualifier[i:i + 2] for i in range(len(qualifier) - 1)}
    return "" if any(w in d.key for w in words) else said.group(1) + said.group(2)


def unnamed_building(d: Draft, ctx: ProjectContext) -> str:
    """The building a library, type or retrieved row measures (by its name or its 指标解释: 修缮面积 — 完成修缮的房屋
    建筑面积) when the project's name and description name no building at all (`words.BUILDING_NAMED`), else ''."""
    if d.source == "formed" or d.value_source == "text":
        return ""
    m = BUILDING_MEASURED.search(d.name) or BUILDING_MEASURED.search(d.explanation or "")
    return m.group(0) if m and not BUILDING_NAMED.search(ctx.text) else ""


def scope_places(d: Draft, ctx: ProjectContext) -> str:
    """'14个行政村' when `d` is an unbound bare count of places (行政村数量, 乡镇数量) and the text counts those places
    with no work done in them (`objects.places_only`), else ''."""
    from kb.suggest.objects import SETTLEMENTS, places_only

    if d.slot != "quantity" or d.mention is not None or d.value_source == "text":
        return ""
    place = d.key.removesuffix("数量")
    if place not in SETTLEMENTS:
        return ""
    m = next((m for m in ctx.mentions if m.obj == place and places_only(m)), None)
    return f"{m.value}{m.unit}{place}" if m else ""
# a retrieved count the declarant must fill (待填写) stands in the table only when at least half of
# its object's bigrams are in the text (山塘整治数量 for a river dredging: 1 of 3, an alternate) — when
# the text states counts of its own; a bare colloquial question (修了多少公里路) names no object at all
OBJECT_IN_TEXT = 0.5
_MEASURE_TAIL = re.compile(r"(数量|人数|人次|户数|次数|个数|面积|里程|长度|规模|总量|天数|场次|批次|期数|台数|套数)$")
# a retrieved rate, cost or effect row needs the same share of its object in the text: a row matched
# through one shared word (文化 → 基层综合性文化服务中心覆盖率 for a festival; 环境 →
# 突发环境事件应急响应时间, 公里 → 百公里油耗 for a river dredging) measures another programme's
# object. Satisfaction rows are exempt (who is asked; the formed rows name the text's people).
ROW_TAIL = re.compile(r"(验收合格率|覆盖率|合格率|达标率|完成率|及时率|开放率|发生率|发生次数|优良比例|比例|"
                       r"满意度|补助标准|标准|单场成本|单位成本|成本|单价|造价|投资|收入|时间|时限|周期|"
                       r"人次|人数|次数|场次|数量|面积|里程|长度|率)$")
_BUILDS_SYSTEM = re.compile(r"建设|开发|新建|升级改造|上线")


def builds_or_buys_system(ctx: ProjectContext) -> bool:
    """The text builds or develops the system (建设, 开发, 上线 …), whose use may then be its output."""
    return bool(_BUILDS_SYSTEM.search(ctx.text))


# a fund named a subsidy (补助经费) that rents or buys what it pays for
_BOUGHT = re.compile(r"租用|租赁|租机|采购|购置|购买")


def pays_no_one(ctx: ProjectContext) -> bool:
    """The project's name makes it a payment (`naming.work_kind` 'pay': 森林草原航空消防租机补助经费) while the text rents or
    buys (租用6架航空应急救援直升机) and pays nothing out (no `PAYMENT_VERBS`: 发放, 拨付 …): the quality rows formed
    for a payment (〔X〕发放率, 发放准确率, 覆盖率) would measure no payout (trial 5, E046; set aside in vetting, so the
    ranker's training pool is unchanged)."""
    from kb.domain.words import PAYMENT_VERBS
    from kb.suggest.naming import work_kind

    return work_kind(ctx.core, ctx.text, ctx.name) == "pay" and not any(v in ctx.description for v in PAYMENT_VERBS) \
        and bool(_BOUGHT.search(ctx.text))


def routine_measure(d: Draft, ctx: ProjectContext) -> str:
    """The routine activity or asset of an institution (`words.ROUTINE_MEASURES`: 门诊, 病床, 用户数, 办公场所) a library
    row measures and the text never names, else '': 医疗机构门诊服务人次 and 病床使用率 for a hospital's renovation and
    equipment fund, 〔系统〕系统用户数量 for a system's maintenance contract, 保障办公场所面积 for a 3 万元 market fund
    (trial 5). Rows formed from the text are never read here."""
    if d.source == "formed":
        return ""
    for hit, named in _routine_marks(d.key):
        if not any(w in ctx.text for w in named):
            return hit
    return ""


@lru_cache(maxsize=8192)
def _routine_marks(name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(the first mark `name` holds, the words that name that routine in a text) for each `ROUTINE_MEASURES` entry
    whose marks `name` holds, in order (a function of the name: read once per name)."""
    out = []
    for marks, named in ROUTINE_MEASURES:
        hit = next((w for w in marks if w in name), None)
        if hit:
            out.append((hit, named))
    return tuple(out)


def other_equipment(d: Draft, ctx: ProjectContext) -> str:
    """The kind of equipment (`words.EQUIPMENT`: 办公设备, 医疗设备 …) a library row names when the text names another kind
    and not this one, else '' (trial 5: 办公设备配置达标率 for a village clinic's 基本医疗设备 — 心电图机, 血压计)."""
    if d.source == "formed":
        return ""
    m = EQUIPMENT.search(d.key)
    if m is None or m.group(1) in ctx.text:
        return ""
    named = {k.group(1) for k in EQUIPMENT.finditer(ctx.text)}
    return m.group() if named else ""


def per_head_group_missing(d: Draft, ctx: ProjectContext) -> str:
    """The group of a per-head library row (党员人均教育培训经费 → 党员) the text never names, else ''."""
    if d.source == "formed":
        return ""
    m = PER_HEAD_GROUP.match(d.key)
    if m is None or not PERSON_HEADS.search(m.group(1)):   # 资助项目人均资助标准: no group of persons
        return ""
    group = m.group(1)
    named = {group[i:i + 2] for i in range(len(group) - 1)} - {"人员"}   # 聘用人员人均经费 beside 聘用14人
    return "" if named & ctx.text_bigrams or _synonym_in(group, ctx.text) else group


def unnamed_work(d: Draft, ctx: ProjectContext) -> list[str]:
    """What a library row needs the text to name and it does not: [] when it fits.

    A type's set is written for the type as a whole; some of its rows are about one kind of work within it or
    one mode of it, and fit only a project that does that work (fresh trials: 大气污染治理项目数量 for an air
    quality monitoring, 档案数字化页数 for an archive's storeroom renovation, 特困人员分散供养人数 for a 敬老院,
    水利工程验收合格率 for a water testing contract). Three readings, each of the row's name:
    - a kind of work of a type's row (`words.KIND_OF_WORK`: 治理, 数字化, 体检, 扑火, 收治, 认定 …; 服务 when the
      name opens on it) the text names neither as it is nor in other words (`words.WORK_SYNONYMS`): the type's
      core rows too — 半专业扑火队人数 for an aircraft rental, 收治病人能力增长率 for village clinics (收治 needs
      wards or beds: 病区, 床位), 新认定高新技术企业数量 for a science fund that recognises no firms, 服务周期 and
      服务需求满足率 for a school subsidy that buys no service (an issue-10 trial);
    - an acceptance (验收) of any library row when the text names nothing handed over (`words.DELIVERED_WORK`):
      a testing, monitoring or service contract delivers reports and service, and is accepted by neither;
    - a mode of a programme (`words.EXCLUSIVE_MODES`: 分散供养 / 集中供养, 养老机构 / 居家养老) when the text names
      only the other.
    Formed rows (made of the text's words) and rows with a learned value are never read here. Returns the
    words missing, for the note.
    """
    if d.source == "formed":
        return []
    name, text = d.key, ctx.text
    missing = [w for modes in EXCLUSIVE_MODES for mode in modes for w in mode
               if w in name and not any(v in text for v in mode)
               and any(v in text for other in modes if other is not mode for v in other)]
    if "验收" in name and not DELIVERED_WORK.search(text):
        missing.append("验收")
    if d.source == "type" and d.slot != "satisfaction":   # who is asked (养殖场户对防疫服务满意度) names no work
        missing += [w for w in kinds_of_work(name) if not _work_named(w, ctx) and not any(
            s in text for fam in WORK_SYNONYMS if w in fam for s in fam)]
    return missing


def _work_named(work: str, ctx: ProjectContext) -> bool:
    """The text names `work` as a word of its own or inside one of its words — not across two (评审 in 环评|审批, a
    round-1 leftover: the 委托业务 type's 评审 rows stood on a road text that only obtains an environmental approval)."""
    return work in ctx.text and any(work in w for w in ctx.content)


_ROLE_NOUN = re.compile(r"(?:监测|帮扶|救助|资助|补助|供养)\)?(?:对象|户)")
# whom a payment recognises as eligible (资助对象认定准确率, 贴息对象认定准确率): every payment programme's own step, no
# kind of work — unlike recognising a firm as high-tech (新认定高新技术企业数量), which only some science funds do
_ELIGIBILITY = re.compile(r"对象(?:认定|识别)|资格认定")
# a name opening on the service itself (服务周期, 服务需求满足率); not 服务合同履约率: whether a contract is honoured is
# asked of any contract or agreement (百色天立学校: 确保协议履约)
_SERVICE_ROW = re.compile(SERVICE_HEAD + r"(?!合同)")


@lru_cache(maxsize=8192)
def kinds_of_work(name: str) -> tuple[str, ...]:
    """The kinds of work (`words.KIND_OF_WORK`) a row name holds, none inside a longer one it also holds."""
    name = _ELIGIBILITY.sub("", name)   # before the role nouns: 资助对象认定 is one eligibility step
    name = _ROLE_NOUN.sub("", name)   # 脱贫(监测)户, 监测对象: whom a programme watches, no work of the row
    found = [w for w in KIND_OF_WORK if w in name] + ([SERVICE_HEAD] if _SERVICE_ROW.match(name) else [])
    return tuple(sorted(w for w in found if not any(w != u and w in u for u in found)))


# people only some programmes serve: a satisfaction row asking them needs them in the text (干警满意度 for
# a school building, 游客满意度 for a processing plant); others (职工, 被检查单位, 市场主体) are asked by
# many kinds of project, and real tables ask them without the description naming them
SPECIFIC_RESPONDENTS = ("干警", "民警", "游客", "患者", "病人", "学生", "家长", "教师", "参赛", "参展", "运动员", "读者",
                        "观众", "旅客", "乘客", "考生", "学员", "参训", "老人", "老年", "残疾", "农户", "纳税人", "投诉",
                        "举报", "驾驶员", "住户", "业主", "就餐", "护林员", "贫困", "脱贫",
                        "退休", "离休", "老干部",   # 退休人员满意度 for an 优抚 payment (fresh trial, D042)
                        "传承人",   # 非遗传承人满意度 beside 游客 for a festival that shows 非遗 (非遗展示)
                        "参保",     # 城乡居民参保人员满意度 for a justice transfer typed 宣传 (D041, E019's real row)
                        "党员",     # 党员满意度 for a city's garbage collection (a 财政局 reviewer)
                        "家属",     # 残疾人家属满意度 for a rehabilitation text naming only 残疾人 (a fresh trial, D040)
                        "用车")     # 用车人员满意度 for an IT platform's 运行维护 (matched on 运行维护 alone)
RESPONDENT_SYNONYMS = {"老人": ("老年", "高龄"), "老年": ("老人", "高龄"), "学员": ("培训", "参训"), "参训": ("培训", "学员"),
                        "干警": ("公安", "民警", "警务"), "民警": ("公安", "干警", "警务"), "病人": ("患者", "医院"),
                        "患者": ("病人", "医院", "诊疗"), "贫困": ("脱贫",), "脱贫": ("贫困",), "游客": ("旅游", "景区"),
                        "参保": ("医保", "医疗保险", "养老保险", "社保"), "观众": ("演出", "展览", "放映"), "住户": ("小区", "住房", "居民"), "就餐": ("食堂", "餐"),
                        "家属": ("亲属", "监护人", "家庭成员"), "用车": ("车辆", "车"),
                        "家长": ("学生", "儿童", "幼儿", "学校", "在校")}   # parents are asked wherever pupils are served
SATISFACTION_TAIL = re.compile(r"(满意度|满意程度|满意率)(调查)?$")


# the served in general, who real tables ask without naming them in the text
GENERIC_WHO = re.compile(r"群众|公众|社会|服务对象|受益|对象|人员|单位|用户|企业|居民|市民|村民|家长|师生")


# a row of the countryside (农村生活垃圾无害化处理率) or of the city (城市道路清扫率); the words that say a text is either
_RURAL_ROW, _URBAN_ROW = re.compile(r"农村|乡村"), re.compile(r"城市|城区|市区|城镇")
_RURAL_TEXT, _URBAN_TEXT = re.compile(r"农村|乡村|乡镇|[村乡]|农户|农民"), re.compile(r"城市|城区|市区|城镇|县城|主城|社区|街道")


def other_setting(d: Draft, ctx: ProjectContext) -> str:
    """'农村' when a row of the countryside stands in a text that names only the city (农村生活垃圾无害化处理率 for
    城区生活垃圾清运), '城市' the other way round, else ''."""
    if _RURAL_ROW.search(d.key) and not _RURAL_TEXT.search(ctx.text) and _URBAN_TEXT.search(ctx.text):
        return "农村"
    if _URBAN_ROW.search(d.key) and not _URBAN_TEXT.search(ctx.text) and _RURAL_TEXT.search(ctx.text):
        return "城市"
    return ""


def qualified_respondent_in_text(d: Draft, ctx: ProjectContext) -> bool:
    """False when a retrieved row asks people qualified by words the text lacks (政策性成果受众人群满意度 for a
    science fund's template: half of its respondent's words are nowhere in the text); the public and the served
    in general (社会公众, 服务对象, 项目承担单位) need no words of the text."""
    who = SATISFACTION_TAIL.sub("", d.key)
    if len(who) < 4 or GENERIC_WHO.search(who):
        return True
    bg = set(bigrams(who))
    return len(bg & ctx.text_bigrams) >= 0.5 * len(bg)


def respondent_in_text(d: Draft, ctx: ProjectContext) -> bool:
    """False when the row asks people only some programmes serve and the text names none of them."""
    who = SATISFACTION_TAIL.sub("", d.key)
    specific = [w for w in SPECIFIC_RESPONDENTS if w in who]
    if not specific:
        return True
    head = max(specific, key=lambda w: who.rfind(w) + len(w))   # 残疾人家属: 家属 are asked, 残疾 says whose
    synonyms = RESPONDENT_SYNONYMS.get(head, ())
    # a row retrieved by a word or two asks people the text names, or attending the work the project's *name* says
    # (主体班(干部教育培训) asks 学员): 学员满意度 for a fitness fund that spends 1.2 of 63.2 万元 on 体育项目培训 (E051)
    # displaced its 健身群众满意度; a type's own rows take the work anywhere in the text
    where = ctx.name if d.source == "retrieval" and ctx.name else ctx.text
    return head in ctx.text or any(s in (ctx.text if s in SPECIFIC_RESPONDENTS or PERSON_HEADS.search(s) else where)
                                   for s in synonyms) \
        or head in UNIT_RESPONDENTS.get(ctx.own_people, ())   # a court's own project asks its 干警


# enterprises asked (小微企业, 参展企业) and the words that say a text serves any
ENTERPRISE_WHO = re.compile(r"企业|公司|商户")
_ENTERPRISE_TEXT = re.compile(r"企业|公司|商户|厂|经营主体|市场主体|个体工商户")


def asks_absent_enterprises(d: Draft, ctx: ProjectContext) -> bool:
    """A satisfaction row (of any source but the text's own) asking enterprises when the text names none:
    申报创业担保贷款贴息小微企业的满意度, a 贷款贴息 type's real row, for a 脱贫人口小额信贷 subsidy to 脱贫户 (E032)."""
    if d.slot != "satisfaction" or d.source == "formed" or d.value_source == "learned":
        return False
    return bool(ENTERPRISE_WHO.search(SATISFACTION_TAIL.sub("", d.key))) and not _ENTERPRISE_TEXT.search(ctx.text)
# a head count of a group named by its role (防疫员, 协管员, 参赛者): the group, then at most a few words of what is done
_COUNTED_GROUP = re.compile(r"([\u4e00-\u9fff]{2}(?:员|者))[\u4e00-\u9fff]{0,4}(?:人数|人次)$")


def unnamed_counted_group(d: Draft, ctx: ProjectContext) -> str:
    """The group a blank 数量 head count of a library or type row counts (村级动物防疫员补助人数 → 防疫员) when the text
    does not name it, else ''. Rows bound to the text's figures, formed rows and 结果反馈 rows are never read here."""
    if d.slot != "quantity" or d.tier == Tier.BOUND or d.source == "formed" or not d.pending:
        return ""
    m = _COUNTED_GROUP.search(d.key)
    # …人员 is people in general (康复人员, 工作人员): the role is read only from a word of its own (防疫员, 护林员)
    return m.group(1) if m and not m.group(1).endswith("人员") and m.group(1) not in ctx.text else ""


def object_in_text(d: Draft, ctx: ProjectContext, tail: re.Pattern = _MEASURE_TAIL) -> float:
    """Share of the bigrams of the row's object (its name without the measure `tail`) found in the text."""
    bg = set(bigrams(tail.sub("", d.key)))
    return len(bg & ctx.text_bigrams) / len(bg) if bg else 0.0


def head_in_text(d: Draft, ctx: ProjectContext) -> bool:
    """The thing a count counts — the last two characters of its object — is in the text: 应急救援队伍人数 counts crews
    (队伍), and an aircraft rental's 航空应急救援直升机 shares its modifiers only (E046, a round-1 leftover)."""
    obj = _MEASURE_TAIL.sub("", d.key)
    return len(obj) < 2 or obj[-2:] in ctx.text


def other_programme(d: Draft, ctx: ProjectContext) -> list[str]:
    """Programme words (`kb.suggest.words.PROGRAMME_WORDS`) the row names and the project text lacks.

    Formed names come from the text and are never foreign; a word inside a
    longer programme word the text holds counts as present (老年 in 老年人).
    """
    if d.source == "formed":
        return []
    text = ctx.text
    found = _programme_words(d.name)
    return [w for w in found if w not in text and not _synonym_in(w, text)] + _works_text_lacks(d.name, text)


@lru_cache(maxsize=8192)
def _programme_words(name: str) -> tuple[str, ...]:
    """The programme words of a row name, once each, none inside a longer one it also holds."""
    found = list(dict.fromkeys(_PROGRAMME_RE.findall(name)))
    return tuple(w for w in found if not any(w != u and w in u for u in found))


# verbs of the work and the words that mean the same work
WORK_FAMILIES = (("维修", "修缮", "维护", "养护", "修复", "修理", "整修", "翻修", "运维", "管护", "修了", "修路"),
                  # 布点, 布设: monitoring points set up (网格化监控布点: its stations are built, trial 13 E036)
                  ("建设", "新建", "修建", "建成", "改建", "扩建", "续建", "施工", "工程", "布点", "布设"),
                  ("改造", "提升改造", "提质改造", "改建", "升级"),
                  ("采购", "购置", "购买", "配备", "配置"),
                  ("培训", "轮训", "研修", "授课"),
                  ("运维", "维护", "运行维护"))
_WORK = sorted({w for fam in WORK_FAMILIES for w in fam}, key=lambda w: (-len(w), w))   # longest first; fixed order


def _works_text_lacks(name: str, text: str) -> list[str]:
    """Work verbs the row names (改造, 建设, 采购 …) of which the text says neither them nor a synonym:
    the row is about another kind of work (学校改造覆盖率 for school meals)."""
    return [w for w, fams in _work_words(name) if not any(x in text for f in fams for x in f)]


@lru_cache(maxsize=8192)
def _work_words(name: str) -> tuple[tuple[str, tuple], ...]:
    """The work verbs of a row name (none inside a longer one it also holds) with their families."""
    return tuple((w, tuple(f for f in WORK_FAMILIES if w in f)) for w in _WORK
                 if w in name and not any(w != u and w in u and u in name for u in _WORK))


_PROGRAMME_RE = re.compile("|".join(sorted(map(re.escape, PROGRAMME_WORDS), key=len, reverse=True)))

# programme words and the other ways a text says them
_SYNONYMS = {"中职": ("中等职业",), "中等职业": ("中职",), "残疾": ("残疾人", "残障"), "老年": ("老人", "高龄", "长者"),
             "老年人": ("老人", "长者", "高龄"), "特校": ("特殊教育",), "幼儿": ("学前", "幼儿园"), "学前": ("幼儿",),
             "农村公路": ("乡村道路", "通村", "通组", "村道"), "公路": ("道路", "公里路", "修路"),
             "道路": ("公路", "路面", "公里路", "修路"),
             "储备粮": ("粮食储备",), "粮食": ("储备粮", "稻谷", "小麦", "玉米"), "脱贫": ("贫困",), "贫困": ("脱贫",),
             "职工": ("员工", "干部", "在职", "在编", "工会", "退休"),   # a unit's own staff, however named
             "参保": ("保险", "医保", "社保", "参合"),   # 脱贫人口参保率 is an insurance programme's, not a loan subsidy's
             "公务出行": ("公务用车", "公务车", "公车", "公务活动"),   # 执法、抑尘车辆 run no official trips
             "办公环境": ("办公楼", "办公区", "办公场所", "办公用房", "办公大楼", "机关大院"),   # not an exhibition hall
             "绿化": ("园林", "绿地"), "园林": ("绿化", "绿地"), "机房": ("服务器", "机柜"), "信息系统": ("系统", "平台"),
             "刑事": ("犯罪",),
             # one programme, named by its plan or by its subsidy (农村义务教育学生营养改善计划 pays 营养膳食补助; a text
             # saying only 营养餐补助 keeps its own word: 学生营养餐补助标准)
             "营养膳食": ("营养改善",), "营养改善": ("营养膳食",)}   # 打击毒品犯罪 is criminal casework: 破获毒品刑事案件数 is the programme's own (E053)


def _synonym_in(word: str, text: str) -> bool:
    return any(s in text for s in _SYNONYMS.get(word, ()))


def name_evidence(d: Draft, ctx: ProjectContext) -> int:
    """How many of the project's content words the row's *name* holds (a longer word hides its parts)."""
    name = d.key
    hits = {w for w in ctx.content if w in name}
    return sum(1 for w in hits if not any(w != u and w in u for u in hits))


def text_evidence(d: Draft, ctx: ProjectContext) -> float:
    """Share of the row name's bigrams found in the project text."""
    bg = set(bigrams(d.key))
    return len(bg & ctx.text_bigrams) / len(bg) if bg else 0.0
