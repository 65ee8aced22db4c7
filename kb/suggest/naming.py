"""Indicator names formed the way real tables write them: the project's object + the slot's measure.

- 数量: 〔verb〕〔object〕 + the measure its unit gives (修缮农村公路 + 公里 → 修缮农村公路里程;
  新建社区助餐点 + 个 → 新建社区助餐点数量; 游客 + 万人次 → 接待游客人次);
- 质量: 〔object〕验收合格率 (building, repairing, buying), 〔object〕发放准确率
  (money paid to people), else 〔object〕达标率;
- 时效: 〔object〕完成及时率 (〔object〕发放及时率 for payments);
- 满意度: 〔beneficiary〕满意度.
A formed name is a clean noun phrase plus a measure (`is_clean`): no
function word, localizer, number or unit inside the object, which keeps out
names like 上老年人提供助餐服务人次, 故障响应时间不时长, 万元给聘用的人数. Pure
functions. Not for finding objects (`kb.suggest.objects`).
"""
from __future__ import annotations

import re

from kb.domain.text import bigrams
from kb.domain.words import BUILD_WORDS, PAY_WORDS
from kb.suggest import quantities as Q
from kb.suggest.objects import MEASURE_NOUN, SESSION_ACTIVITY, Mention, is_nounish, join_singles, modifies, pos_cut
from kb.suggest.words import (BENEFIT_VERBS, COUNT_MEASURE, EVENT_UNITS, FIELD_HEADS, FUNCTION_WORDS, HOLD_VERBS,
                              KIND_OF_WORK, PERSON_HEADS, UNIT_MEASURE, WORK_VERBS)

# an object that already ends in a measure is a name on its own (治理水土流失面积, 媒体曝光量)
ENDS_WITH_MEASURE = re.compile(r"(数量|人数|人次|户数|次数|面积|里程|长度|宽度|高度|深度|厚度|直径|射程|容积|库容|规模|"
                               r"总量|产量|曝光量|[^\W\d_]{2}量|率|满意度|时间|时长|周期|天数|场次|批次|期数)$")
PERSON_UNITS = frozenset("人 名 位 万人 万名 人次 万人次 户 万户 户次".split())
TIME_UNITS = frozenset("小时 分钟 天 日 个月 月 周 年 工作日 个工作日".split())
# time limits: the smaller the better (故障响应时间 ≤ 2 小时)
TIME_LIMIT = re.compile(r"(响应|处理|办结|到场|到达|修复|审批|办理|处置|反馈|答复)(时间|时长|时限)?$")
MIN_NAME, MAX_NAME = 3, 24
NOTE = re.compile(r"\([\u4e00-\u9fff]{1,6}\)")   # a bracketed note after a name: 黄金蜜(葡萄)
# an object that only says where (全镇, 全县, 辖区, 镇域): no thing to count
from kb.domain.words import SCOPE_ONLY  # noqa: E402  (the setting reader opens a clause on it too)
SCOPE_LEAD = re.compile(r"^(?:全|本|各)(?:省|市|县|区|镇|乡|村|街道)(?=[\u4e00-\u9fffA-Za-z]{2})")
MIN_OBJECT_NAME = 4       # an object that is its own measure (治理水土流失面积) needs more than the measure
# words of the declaration form or the calendar: never the object of a target (三级指标12个, 4个季度)
FORM_NAME = re.compile(r"指标|一级|二级|三级|绩效|季度|年度|月份|预算|资金|执行")
_BAD_START = re.compile(r"^(?:上|下|中|内|外|前|后|的|之|为|对|给|在|将|把|被|由|从|以|和|及|与|或|并|万元|亿元|元|万|亿|个|名|人次|人|次|年|月|日|其|该|本)")
# a function word, a negation or a digit inside: no object name holds one
BAD_INSIDE = re.compile(r"[的了给把被将不]|\d")


def bad_start(s: str) -> bool:
    """True when the name `s` opens on what no object opens on (`_BAD_START`: a localizer, a preposition, a number or
    unit word: 上级下达, 的, 万元…) — unless a localizer opens a whole word of jieba's (上门服务, 中小学, 下水管网: no 上 / 中 / 下)."""
    m = _BAD_START.match(s)
    if not m:
        return False
    if m.group() not in ("上", "下", "中", "内", "外", "前", "后"):
        return True
    first = pos_cut(s)[0][0] if s else ""
    return len(first) <= len(m.group())


# an organisation's name (应急管理部, 县财政局, 省林业厅): who acts, no object of a count (干部, 俱乐部 are people, places)
_ORGANISATION = re.compile(r"(?!.*(?:干部|俱乐部)$)[\u4e00-\u9fff]{2,}(?:部|局|厅|署|委)")


# a phrase of when (10个工作日内, 节日前, 接报后) or where (集中在城东): it says when or where, never what is counted
_WHEN_WORDS = re.compile(r"(?:内|前|后|期间|以来|以内|之内|之前|之后)$|工作日|小时|分钟")


def adverbial(phrase: str) -> bool:
    """True when `phrase` is a time or place phrase, not a thing: it ends in 内 / 前 / 后 …, holds a time
    unit (工作日内) or a preposition (主要集中在城东). Words cut out of the text by position
    (a template's filler, a 、 list before a number) are checked with it."""
    if _WHEN_WORDS.search(phrase):
        return True
    return any(t == "p" for _, t in pos_cut(phrase))   # 在, 于 (新建村内道路's 内 is no preposition)


def is_clean(obj: str) -> bool:
    """True when `obj` is a clean noun phrase to put in front of a measure.

    2+ characters of Chinese, no digits, does not start with a localizer,
    preposition, conjunction or unit, holds none of 的/了/给/把/被/将/不, and
    jieba reads every word of it as noun-like or a verb of the work.
    """
    if not obj or len(obj) < 2 or not re.fullmatch(r"[\u4e00-\u9fffA-Za-z、]+", obj):
        return False
    parts = re.split(r"及|和|与|或|、", obj)
    if len(parts) > 1:  # 校园维修改造及设备购置: each side a clean phrase
        return all(len(p) >= 2 and is_clean(p) for p in parts)
    if bad_start(obj) or BAD_INSIDE.search(obj) or _WHEN_WORDS.search(obj):
        return False
    toks = join_singles(pos_cut(obj.removeprefix("受益") if len(obj) > 3 else obj))
    if any(_ORGANISATION.fullmatch(w) for w, _ in toks):
        return False   # 应急管理部布局: an organisation is who acts, never the thing counted
    if not toks or toks[0][0] in FUNCTION_WORDS:
        return False
    for i, (w, t) in enumerate(toks):
        if is_nounish(w, t) or w in WORK_VERBS or i + 1 < len(toks) and modifies(w, t, *toks[i + 1]):
            continue   # 村级幸福食堂, 沿街立面: an adjective or a localizer before its noun is part of it
        inside = 0 < i < len(toks) - 1 and is_nounish(*toks[i - 1]) and MEASURE_NOUN.search(obj)
        if not (t.startswith("v") and inside):
            return False  # 老年人提供助餐服务: a verb that is not the work's own
    return True


def unit_measure(unit: str) -> str:
    """The measure a unit gives a name: 公里 → 里程, 人 → 人数, 万粒 → 数量."""
    if unit in UNIT_MEASURE:
        return UNIT_MEASURE[unit]
    base = unit[1:] if len(unit) > 1 and unit[0] in "万亿" else unit
    return UNIT_MEASURE.get(base, COUNT_MEASURE)


def _daily_clean(stem: str) -> bool:
    """A day's count after 日 / 日均: a clean phrase, or one verb and its measure (就餐人次 of 日均就餐400人次)."""
    if is_clean(stem):
        return True
    toks = pos_cut(stem)
    return len(toks) == 2 and toks[0][1].startswith("v") and len(toks[0][0]) == 2 and MEASURE_NOUN.fullmatch(toks[1][0]) is not None


# households of two kinds, the second in brackets (`objects.mentions`: 脱贫户（监测户）)
HOUSEHOLD_KINDS = re.compile(r"[\u4e00-\u9fff]{1,6}户（[\u4e00-\u9fff、]{1,14}户）")


def quantity_name(m: Mention, core: str = "") -> str | None:
    """The 数量 name of a stated quantity (see the module docstring), or None when no clean one exists.

    Time units are left to `time_name`; money and % to the caller.
    """
    if m.unit in Q.MONEY_UNITS or m.unit in ("%", "‰") or m.unit in TIME_UNITS:
        return None
    measure = unit_measure(m.unit)
    if not m.obj and ENDS_WITH_MEASURE.search(m.context) and is_clean(m.context):
        return m.context if MIN_NAME <= len(m.context) <= MAX_NAME else None  # 情景教学或外训批次
    obj, verb = m.obj, m.verb if m.verb_after or _work_verb(m.verb) or m.verb in BENEFIT_VERBS else ""
    if verb in HOLD_VERBS and not m.verb_after and obj and m.unit not in PERSON_UNITS:
        verb = ""   # 开展工业企业错峰生产检查120家次: what is held is counted, no name opens on 开展 / 组织 / 实施 / 进行
    if SCOPE_ONLY.fullmatch(obj):
        return None   # 对全镇12个村: 全镇 is where, not what is counted (全镇数量 ≥ 12 个; fresh trial)
    obj = SCOPE_LEAD.sub("", obj)   # 为全县学生21300名: 学生 are counted, 全县 says where (全县学生人数)
    if m.unit == "户" and HOUSEHOLD_KINDS.fullmatch(obj):   # 受益脱贫户、监测户10户 → 受益脱贫户（监测户）数
        return ("受益" if verb in BENEFIT_VERBS or not verb else verb) + obj + "数"
    lead = verb if verb and not m.verb_after and verb not in BENEFIT_VERBS else ""
    if not verb and obj and m.context.endswith(obj) and _RESTORED.search(m.context[:-len(obj)]):
        lead = _RESTORED.search(m.context[:-len(obj)]).group()   # 恢复湿地面积1500亩: the area restored, not the wetland's
    if obj and ENDS_WITH_MEASURE.search(lead + obj):   # 清淤长度; 清淤 + 量 → 清淤量, never 清淤量方量
        name = lead + obj
        shortest = MIN_NAME if lead else MIN_OBJECT_NAME   # a verb in front names the work (清淤量)
        # 日处理污水量 (a daily capacity, `kb.suggest.objects`): 日 starts it as a word of time, not a unit
        daily = m.unit.endswith("/日") or name.startswith("日均")
        clean = is_clean(name) or daily and _daily_clean(re.sub(r"^日均?", "", name))
        ok = clean and shortest <= len(name) <= MAX_NAME and not FORM_NAME.search(name)
        return name if ok else None
    if m.listed is not None and not (m.unit in PERSON_UNITS and _names_service(obj)) and not _tests_of_list(m, obj):
        # a number after a 、 list counts all of it, as real tables write it: 新建村内道路、连通道路32.63公里 →
        # 新建村内道路、连通道路里程; 邀请校外名师、领导授课25人次 → 邀请校外名师、领导授课人次 (not 领导授课人次,
        # 应急队员人数 for 培训护林员、应急队员300人); a list held by 开展 / 组织 … names nothing (开展党史学习教育、
        # 社区党员600人次 was 社区党员人次); a service last in it names its own (群众志愿服务人次)
        words = SCOPE_LEAD.sub("", m.listed)   # 为全县学生、教师2000人: who, not where
        held = _HOLD_LEAD.match(words)
        if held and all(PARTY_HEADS.search(p) for p in words[held.end():].split("、")):
            # 组织参展农户和企业不少于150家: the parties taken part are counted, 组织 only holds (参展农户、企业数量);
            # an activity in the list (开展党史学习教育、社区党员600人次) still names nothing
            words = words[held.end():]
        name = words if ENDS_WITH_MEASURE.search(words) else words + measure
        # each listed item a clean noun phrase: 主要集中在城东、城西2个片区 is where, not a list of things counted
        ok = not _HOLD_LEAD.match(words) and all(_plain_words(p) and not adverbial(p) for p in words.split("、"))
        return name if ok and MIN_NAME <= len(name) <= MAX_NAME else None
    if m.unit in PERSON_UNITS and obj not in ABSTRACT_OBJECTS:
        return _person_name(obj, verb, m.verb_after, measure, core, m.context)
    if not obj and lead and m.unit in EVENT_UNITS:
        return lead + measure   # 全年巡查48次 → 巡查次数 (the work is what is counted; a fresh trial left it out)
    if m.unit in EVENT_UNITS and re.fullmatch(r"[\u4e00-\u9fff]{2,12}" , obj) and re.search(SESSION_ACTIVITY + "$", obj) \
            and not FORM_NAME.search(obj):
        return obj + measure   # 开展2期扑火技能培训 → 扑火技能培训期数: the activity is what the sessions are of (trial 10)
    if not obj or obj in ABSTRACT_OBJECTS:
        return None
    stem = obj + verb if m.verb_after else (verb + obj if verb not in BENEFIT_VERBS else obj)
    name = stem + measure
    bare = NOTE.sub("", stem)   # 种植黄金蜜(葡萄): the note in brackets names the same thing, kept as written
    ok = is_clean(bare) and MIN_NAME <= len(name) <= MAX_NAME and not FORM_NAME.search(bare)
    return name if ok else None


# verbs before a figure that say how much or what happens to it, never the work counted (达到8人, 涉及12户, 做到1.2万人; 带动就业45人 is a benefit)
NOT_THE_WORK = frozenset("""达到 达 超过 增加 增至 减少 减至 新增 累计 合计 共计 共有 计划 预计 拟 需要 需 涉及 包括 包含 有
    占 约有 完成 实现 实施 开展 组织 进行 举办 保持 控制 确保 保障 落实 提高 提升 降低 下降 上升 增长 争取 力争
    做到 达成 突破 就业 满足 容纳 供 可供""".split())


def verb_count_name(m: Mention) -> str | None:
    """The name of a count whose only word before the figure is the work it counts, one verb of two characters
    (出差8人 → 出差人数, 贴息74户次 → 贴息户次, 开展抽查95批次 → 抽查批次): the verb + the unit's measure, as real
    tables name such counts (E003 出差人数, E031 贴息户次, E038 开展抽查批次). None when the figure counts an object
    (`Mention.obj`), its unit is no count of people, households or events, or the verb says how much or what
    happens to the figure, not what is done (达到, 涉及, 带动 … `NOT_THE_WORK`, `BENEFIT_VERBS`, `HOLD_VERBS`)."""
    verb = m.verb
    if m.obj and not says_when(m.obj) or not verb or not m.context.endswith(verb) or len(verb) != 2:
        return None
    if m.unit not in PERSON_UNITS and _base_unit(m.unit) not in EVENT_UNITS:
        return None
    if verb in NOT_THE_WORK or verb in BENEFIT_VERBS or verb in HOLD_VERBS:
        return None
    if any(b in m.context for b in BENEFIT_VERBS):
        return None   # 带动就业45人: who benefits (a 效益), not work done
    if m.context[:-len(verb)].endswith(("可", "能", "够", "足以")):
        return None   # 储备物资可满足0.8万名受灾群众…需要: what the work could serve, no count of what it does
    toks = pos_cut(verb)
    if len(toks) != 1 or not toks[0][1].startswith("v"):
        return None
    return verb + unit_measure(_base_unit(m.unit))


# words that say when or how surely a figure is planned, never what it counts (秋季学期预计资助1420人: no object)
WHEN_WORDS = frozenset("""预计 计划 拟 预期 力争 争取 共 共计 累计 合计 全年 年度 今年 本年 当年 每年 学期 季度 上半年 下半年
    春季 秋季 夏季 冬季""".split())


def says_when(obj: str) -> bool:
    """True when every word of `obj` says when or how surely (`WHEN_WORDS`, or jieba's time words: 秋季学期预计): the
    figure counts no object of its own (the object reader took them for one)."""
    toks = pos_cut(obj) if obj else []
    return bool(toks) and all(w in WHEN_WORDS or t == "t" for w, t in toks)


def _base_unit(unit: str) -> str:
    """A unit without its 万 / 亿 (万批次 → 批次, 万人次 → 人次)."""
    return unit[1:] if len(unit) > 1 and unit[0] in "万亿" else unit


# verbs that pay money out to people: the amount is what the project pays (为404名服务对象发放补助金2126.81万元)
PAYING_VERBS = frozenset("发放 拨付 兑付 兑现 支付 发".split())


def capacity_name(m: Mention) -> str | None:
    """A capacity the project adds, counted in what it serves: the verbs and their 能力 as the text says them
    (新增检查服务能力3.5万人次 → 新增检查服务能力, a benefit); None unless the object is 〔…〕能力. The bare 能力 is
    no object of its own (a reviewer got 能力人次)."""
    if not m.obj.endswith("能力") or m.unit in Q.MONEY_UNITS or m.unit in ("%", "‰") or m.unit in TIME_UNITS:
        return None
    said = _CAPACITY.search(m.context)
    name = said.group() if said else (m.verb + m.obj) if m.verb and not m.verb_after else m.obj
    if len(name) <= len("能力") + 1 or not re.fullmatch(r"[\u4e00-\u9fff]+", name):
        return None
    return name if len(name) <= MAX_NAME and not FORM_NAME.search(name) else None


# a capacity the text says is added: 新增康复治疗能力, 提升检查服务能力 (the words between are the service)
_CAPACITY = re.compile(r"(?:新增|增加|提升|提高|形成|具备)[\u4e00-\u9fff]{2,10}?能力$")
# an object that is only an abstract measure of something unnamed (能力 of 新增检查服务能力): no name on its own
ABSTRACT_OBJECTS = frozenset("能力 水平 效果 作用 质量".split())


def paid_amount_name(m: Mention) -> str | None:
    """The cost row of an amount the text says is paid out: the thing paid + the verb + 金额
    (发放补助金2126.81万元 → 补助金发放金额, not 〔项目〕生活成本), None for other amounts or an unclean object."""
    if m.unit not in Q.MONEY_UNITS or m.is_budget or m.verb_after or m.verb not in PAYING_VERBS:
        return None
    obj = m.obj
    if not (PAY_WORDS.search(obj) or obj.endswith("资金")) or not is_clean(obj) or FORM_NAME.search(obj[:-2]):
        return None
    name = obj + m.verb + "金额"
    return name if MIN_NAME <= len(name) <= MAX_NAME else None


# a list of the year's money by its uses (安排:健身步道10万元、快乐健身点位器材维护12万元; 资金总额854万元(高标准农田建设
# 400万元,示范建设295万元,畅通工程159万元)): the gap between two parts is a separator and the next use, nothing else
_PART_GAP = re.compile(r"[、,，;；][\u4e00-\u9fff()（）]{2,16}")
# where a use starts: after a separator, a colon or a bracket; the words that open the list are no part of it
_PART_START = re.compile(r"[、,，;；:：(（。]")
_PART_LEAD = re.compile(r"^(?:其中|主要|分别|用于|安排|包括|含|另)+")
# an amount gained or brought about (增加产值80万元、收入80万元), a standard (每人1000元, 户均2000元), a class of the
# budget or what became of it (基本支出、项目支出; 实际使用…、结余…) is no part of the money by its use
_NOT_SPENT = re.compile(r"收入|增收|产值|销售|利润|收益|节约|节省|减少|带动|实现|支出|结余|结转|使用|拨付|下达|到位|"
                        r"总额|合计|共计|每|[人户亩生]均|标准$|单价$|"
                        # where the money comes from (中央补助100万元、县级配套50万元) is no use of it
                        r"中央|省级|市级|县级|区级|镇级|乡级|本级|上级|配套|自筹|财政|拨款|债券|衔接|贷款|捐赠|社会资本")


def budget_parts(text: str, mentions: list[Mention], budget_wan: float | None) -> dict[int, str]:
    """The amounts the text lists as the parts of the year's money, by start offset, each with the use written
    before it (安排:…健身步道10万元、…快乐健身点位器材维护12万元 → {…: 健身步道, …: 快乐健身点位器材维护}): two or
    more amounts in 元 / 万元 one after another with only a separator and the next use between them, together no
    more than the budget (a list of what was gained, or of amounts above the budget, is no split of it). {} when
    the budget is unknown."""
    if not budget_wan:
        return {}
    money = [m for m in mentions if m.unit in ("元", "万元") and not m.is_budget]
    runs: list[list[Mention]] = []
    for m in money:
        if runs and _PART_GAP.fullmatch(text[runs[-1][-1].end:m.start]):
            runs[-1].append(m)
        else:
            runs.append([m])
    out: dict[int, str] = {}
    for run in runs:
        uses = [_part_use(text, m) for m in run]
        total = sum(float(m.value) / (10000 if m.unit == "元" else 1) for m in run)
        if len(run) < 2 or total > budget_wan * 1.001 or not all(uses):
            continue
        out.update({m.start: u for m, u in zip(run, uses)})
    return out


# a use never opens on a function word (对…, 为…, 其…); 人员培训 is a use (`_BAD_START` reads 人 as a unit)
_PART_BAD_START = re.compile(r"^(?:的|之|为|对|给|在|将|把|被|由|从|以|和|及|与|或|并|其|该|本|共|计|约)")


def _part_use(text: str, m: Mention) -> str:
    """The use a part of the money is for, as written right before its amount ('' when it is no clean phrase)."""
    use = _PART_START.split(text[max(0, m.start - 18):m.start])[-1]
    use = _PART_LEAD.sub("", use)
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,12}", use) or _NOT_SPENT.search(use) or _PART_BAD_START.match(use) \
            or BAD_INSIDE.search(use) or FORM_NAME.search(_PAY_FOR_RESULTS.sub("", use)) or adverbial(use):
        return ""
    return use


# pay for results is a use of money, no form's word (团队绩效考核奖励60万元 left the 310 万元 of 签约服务费补助 beside it
# no part of the budget either: trial 18)
_PAY_FOR_RESULTS = re.compile(r"绩效(?=考核|奖励|工资|奖金)")


def shares_words(use: str, core: str) -> bool:
    """A use of the money that shares a word (a character bigram) with the project's core (垃圾转运车辆购置 in
    农村生活垃圾治理's money)."""
    return bool(set(bigrams(use)) & set(bigrams(core or "")))


def part_cost_name(use: str) -> str:
    """The cost row of a part of the money, named by its use (健身步道 → 健身步道成本; 办公费, 培训经费 as written)."""
    return use if re.search(r"(?:费|经费|费用|成本)$", use) else use + "成本"


# what an amount of an economic benefit measures (带动农产品销售额600万元, 实现旅游综合收入3000万元)
ECONOMIC_MEASURE = re.compile(r"(收入|产值|销售额|营业额|交易额|消费额|消费|利润|增加值)$")


def benefit_amount_name(m: Mention) -> str | None:
    """The 经济效益 row of an amount the text says the project brings about: 带动 + what it measures
    (带动农产品销售额600万元 → 带动农产品销售额); None for other amounts or an unclean object (a fresh trial: 带动消费金额 stayed blank beside the text's 600 万元)."""
    if m.unit not in Q.MONEY_UNITS or m.is_budget or not ECONOMIC_MEASURE.search(m.obj) or not is_clean(m.obj):
        return None
    if m.verb not in ("带动", "拉动"):
        return _stated_gain_name(m)
    name = "带动" + m.obj
    return name if MIN_NAME <= len(name) <= MAX_NAME and not FORM_NAME.search(name) else None


# how the text says the amount is reached (实现会展业综合收入280亿元) or added (增加特色产业产值80万元), right before its object
_LEVEL_SAID = re.compile(r"(?:实现|达到)$")
_GAIN_SAID = re.compile(r"(?:增加|新增|提高|提升|增长)$")


def _stated_gain_name(m: Mention) -> str | None:
    """The 经济效益 row of an income or output the text says the project reaches or adds, in its words: 实现会展业综合收入
    280亿元 → 会展业综合收入; 增加特色产业产值80万元 → 新增特色产业产值; 增加脱贫户收入10.93万元 → 脱贫户增收. None when no
    such verb stands right before the object, or the object is no clean noun of four characters or more (增加收入: whose?)."""
    obj = m.obj
    before = m.context[:m.context.rfind(obj)] if obj and obj in m.context else ""   # .全年实现会展业综合收入不低于
    if len(obj) < 4 or obj.startswith(("增加", "新增")) or not is_clean(obj) or FORM_NAME.search(obj):
        return None
    if _LEVEL_SAID.search(before):
        name = obj
    elif _GAIN_SAID.search(before):
        name = obj[:-2] + "增收" if obj.endswith("收入") else "新增" + obj
    else:
        return None
    return name if MIN_NAME <= len(name) <= MAX_NAME else None


# verbs of restoring land right before an area's object that the reader leaves out (jieba reads 恢复 no verb): 恢复湿地面积
# is the area the work restores (round 5's own 湿地 text was 湿地面积 ≥ 1500 亩, the wetland's whole size)
_RESTORED = re.compile(r"(?:恢复|修复|复垦|复绿)$")


def _work_verb(verb: str) -> bool:
    """A verb of the work, or a compound of them (清淤疏浚)."""
    if verb in WORK_VERBS:
        return True
    return len(verb) >= 4 and all(verb[i:i + 2] in WORK_VERBS for i in range(0, len(verb) - 1, 2))


# verbs that only hold an event (组织开展社区党员600人次): the persons counted take part in it, nobody 组织开展s them
_HOLD_ONLY = re.compile(r"(?:" + "|".join((*HOLD_VERBS, "完成")) + ")+")
_HOLD_LEAD = re.compile(r"(?:" + "|".join(HOLD_VERBS) + ")")
# who takes part or is served, as a listed item ends: persons (PERSON_HEADS) and the bodies a text counts in 家 / 户
PARTY_HEADS = re.compile(PERSON_HEADS.pattern[:-2] + r"|企业|商户|商家|单位|合作社|经营主体)$")
# verbs of taking part, kept in the name (参与党员600人次 → 参与党员人次; jieba's run stops before them)
PARTAKE_VERBS = ("参与", "参加", "参训", "出席")


def _names_service(obj: str) -> bool:
    """The object ends in a work or a service done to people (应急救援培训, 助餐服务): a headcount of it reads."""
    toks = pos_cut(obj)
    return bool(toks) and (toks[-1][0] in WORK_VERBS or toks[-1][0] in BENEFIT_VERBS or obj.endswith("服务"))


# a test the figure counts, after the list of what is tested (蔬菜、水果、畜禽产品农药兽药残留定量检测1200批次)
_TEST_WORK = re.compile(r"(?:检测|检验|监测|抽检|抽查|化验)$")


def _tests_of_list(m: Mention, obj: str) -> bool:
    """The figure counts a test of the listed things, not the things (trial 18: 开展蔬菜、水果、畜禽产品…定量检测1200批次
    named no row; the count is of 定量检测): the list ends on the object, a test of four characters or more."""
    return bool(obj) and len(obj) >= 4 and m.unit not in PERSON_UNITS and bool(_TEST_WORK.search(obj)) \
        and (m.listed or "").endswith(obj)


def _person_name(obj: str, verb: str, verb_after: bool, measure: str, core: str, context: str = "") -> str | None:
    """Names of persons counted: 受益群众人数, 接待游客人次, 助餐服务人次, 聘用人数, 领导授课人次, 参与党员人次.
    A headcount of an activity that is no service (开展森林防火50人 → 森林防火人数) is no name: None."""
    people = bool(obj) and bool(PERSON_HEADS.search(obj) or obj.endswith("人口"))
    partake = next((p for p in PARTAKE_VERBS if obj and context.endswith(p + obj)), "")
    if people and not verb_after and partake:
        stem = partake + obj
    elif people and not verb_after and _HOLD_ONLY.fullmatch(verb or "-"):
        stem = obj + ("参与" if measure == "人次" else "")   # 组织开展社区党员600人次 → 社区党员参与人次
    elif obj and PERSON_HEADS.search(obj) and not verb_after:
        if verb in BENEFIT_VERBS or not verb:
            # 受益老人1800人 → 受益老人人数 (the text's own word; was 老人人数)
            benefit = verb == "受益" or obj in ("群众", "村民", "居民", "人口", "农户", "人群")
            stem = ("受益" + obj) if benefit and not obj.startswith("受益") else obj
        else:
            stem = verb + obj
    elif obj:
        if measure == "人数" and not people and not verb_after and not _names_service(obj):
            return None   # 森林防火 is an activity, not people
        # 排查投资类企业40户次, 整治沿街立面120户: the households are counted by the work done to them, which the
        # name keeps after its object (投资类企业排查户次, 沿街立面整治户数; a reviewer struck 企业户次)
        stem = obj + verb if verb_after or verb in KIND_OF_WORK else obj
    elif verb and verb not in ("完成", "实施", "开展"):
        # 全年服务9万人次 in 社区老年助餐服务: the service the project names, not a bare 服务人次
        whole = short_object(core) if core.endswith(verb) else ""
        stem = whole if whole and len(whole) > len(verb) else verb
    else:
        stem = core if core and is_clean(core) and len(core) <= 10 else ""
    if not stem or not is_clean(obj if obj and (verb_after or partake or stem.startswith(obj)) else stem):
        return None
    # 服务城区人口约4.2万: a count of 人口 is 人口数, never 城区人口人数 (round 18)
    name = stem + ("数" if measure == "人数" and stem.endswith("人口") else measure)
    return name if MIN_NAME <= len(name) <= MAX_NAME else None


def time_name(m: Mention) -> tuple[str, str, str] | None:
    """(name, slot, operator) for a stated time: a limit (故障响应时间 ≤ 2 小时) or a period (服务周期 ≥ 180 天)."""
    if m.action and m.unit in TIME_UNITS:
        return _limit_name(m), "timeliness", "≤"
    obj = (m.verb + m.obj) if m.verb and not m.verb_after and _work_verb(m.verb) else m.obj
    limit = _limit_said_before(m.context) if m.unit in TIME_UNITS and obj in ("", "时间", "时长", "时限") else ""
    if limit:   # 到场时间不超过4小时: the words before the limit name it (checked there: jieba reads 到场 an adverb);
        # a limit's 时长 is written 时间 as the libraries write it (故障响应时长 → 故障响应时间)
        return re.sub(r"时长$", "时间", limit), "timeliness", "≤"
    if m.unit in TIME_UNITS and re.fullmatch(r"单次.+时长", obj) and _plain_words(obj):
        return obj, "quantity", "≥"   # 每次不少于1小时: one visit's length, ≥ (`objects.mentions`)
    if m.unit not in TIME_UNITS or not obj or not is_clean(obj):
        return None
    if TIME_LIMIT.search(obj) or re.search(r"时限$", obj):
        name = obj if re.search(r"(时间|时长|时限)$", obj) else obj + "时间"
        return name, "timeliness", "≤"
    if re.search(r"(周期|天数|期限)$", obj) and len(obj) >= 4:
        return obj, "timeliness", "≥" if "期限" not in obj else "≤"
    return None


# how a text says a limit after the limit's name (到场时间不超过4小时, 响应时长不长于30分钟)
_LIMIT_SAID = re.compile(r"(?:不超过|不长于|不多于|不高于|不大于|控制在|少于|低于|小于|在)$")
_LIMIT_NAMED = re.compile(r"(?P<of>[\u4e00-\u9fff]{0,4}?)(?:响应|处理|办结|到场|到达|修复|审批|办理|处置|反馈|答复)(?:时间|时长|时限)$")


def _limit_said_before(context: str) -> str:
    """The limit's name the words before a time figure end on, after the limit word (到场时间不超过 → 到场时间,
    故障响应时长不超过 → 故障响应时长), '' when they name no limit of a work (`TIME_LIMIT`'s works) or what it is of is
    no clean phrase (`is_clean`)."""
    said = _LIMIT_SAID.sub("", context.strip())
    hit = _LIMIT_NAMED.search(said)
    # the work and its measure are the limit's own words (jieba reads 到场 an adverb); what they are of must be clean
    return hit.group() if hit and (not hit.group("of") or is_clean(hit.group("of"))) else ""


def _limit_name(m: Mention) -> str:
    """A time limit named by the work it bounds, as the text says it: 系统故障4小时内修复 → 系统故障修复时间,
    接到报修后30分钟内响应 → 报修响应时间 (the object, else the verb before the number, else none:
    响应时间). Reported (fresh trial): a repair deadline had been named 故障响应时间."""
    if m.action == "出具报告":   # 检测结果于抽样后5个工作日内出具报告 → 检测报告出具时限 (as the libraries name it; trial 18)
        head = re.match(r"([\u4e00-\u9fff]{2})(?:结果|报告)", m.context)
        return (head.group(1) if head else "") + "报告出具时限"
    measure = "完成时限" if m.action in COMPLETED_WORKS else "时间"   # 30个工作日内完成安装调试 → 安装调试完成时限
    for stem in (m.obj, m.verb if m.verb_after else ""):
        if stem and is_clean(stem):
            if TIME_LIMIT.search(stem):   # the words already name the limit (审批时限20个工作日内办结)
                return stem if re.search(r"(时间|时长|时限)$", stem) else stem + "时间"
            return stem + m.action + measure
    return m.action + measure


# works a limit gives until they are done (not a response to an event): named 〔X〕完成时限
COMPLETED_WORKS = frozenset("安装调试 安装 调试 交付 供货 到货 完工 竣工".split())


def stated_rate(m: Mention) -> tuple[str, str] | None:
    """(name, slot) for a stated percentage whose words name a rate (验收合格率100% → quality)."""
    if m.unit not in ("%", "‰"):
        return None
    said = _RATE_ASKED.sub("", m.context)
    rate = m.obj if re.search(r"[率度]$", m.obj or "") else ""
    if rate and (len(rate) <= 3 or "满意" in rate) and said.endswith(rate) and _plain_words(said) and len(said) <= MAX_NAME:
        # 食材配送抽检合格率达到100%: the rate of what (a bare 合格率 was the row; a fresh trial); 受助对象满意度: who is
        # asked (jieba reads 受助 a verb, leaving 对象满意度)
        name = said
    elif rate:
        name = rate if is_clean(rate) else ""
    else:   # 要求系统可用率达到99.5%以上: jieba reads 可用 and 率 as verbs; the words before still name the rate
        name = said if re.search(r"[率度]$", said) and _plain_words(said) else ""
    return (name, "satisfaction" if "满意" in name else "quality") if len(name) >= MIN_NAME else None


def event_name(m: Mention) -> str | None:
    """The count of a stated frequency's event (每季度开展1次安全漏洞扫描 → 安全漏洞扫描次数, 4 a year:
    `kb.suggest.objects`); the event is a verb noun as often as not (扫描, 培训), so its words need only
    be plain (`_plain_words`). None for other mentions."""
    if "每" not in m.derivation or not m.obj or not _plain_words(m.obj):   # …or 600人 × 每月2次 × 12
        return None
    name = m.obj + unit_measure(m.unit)
    return name if MIN_NAME <= len(name) <= MAX_NAME else None


def _plain_words(s: str) -> bool:
    """Chinese only, no function word at the start or inside, no form word (指标, 预算 …)."""
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,}", s)) and not bad_start(s) \
        and not BAD_INSIDE.search(s) and not FORM_NAME.search(s)


# words that ask for a rate around its name (要求 … 达到): not part of it
_RATE_ASKED = re.compile(r"^(?:要求|确保|保证|力争|实现|保持)|(?:达到|不低于|不少于|保持在|控制在|不超过|不高于|低于|在)$")


def work_kind(core: str, text: str = "", name: str = "") -> str:
    """build | pay | service: what kind of work the project's core names (decides the measures).

    The core decides; a core naming a service (社区老年助餐服务) stays a service even when the
    text pays something inside it (每餐补贴3元) — 助餐服务发放率 is no row. A core without a
    payment word is paid out when the project's name pays it (优抚对象生活补助经费: the core
    优抚对象生活 lost the 补助), or, without a name, when the text's opening does; a payment
    the description mentions in passing (残疾人康复项目 … 康复救助) does not make the project a
    payment — 残疾人康复发放及时率 is no row (fresh trial).
    """
    if PAY_WORDS.search(core):
        return "pay"
    if BUILD_WORDS.search(core):
        return "build"
    if "服务" not in core and PAY_WORDS.search(name or text[:80]):
        return "pay"
    return "service"


def paid_core(core: str, name: str) -> str:
    """The core with the payment word the project's name writes right after it (优抚对象生活 in
    优抚对象生活补助经费 → 优抚对象生活补助), so a payment's measures name what is paid
    (优抚对象生活补助发放及时率, not 优抚对象生活发放及时率); else the core."""
    i = name.find(core) if core else -1
    m = PAY_WORDS.match(name, i + len(core)) if i >= 0 and not PAY_WORDS.search(core) else None
    return core + m.group() if m else core


# the measures real tables put after the project's object, per slot and work kind (best first)
SLOT_MEASURES = {
    "quality": {"build": ("验收合格率", "合格率", "完成率"), "pay": ("发放准确率", "覆盖率", "发放率"),
                "service": ("达标率", "合格率", "完成率")},
    "timeliness": {"build": ("按期完成率", "完成及时率"), "pay": ("发放及时率",),
                   "service": ("完成及时率", "按时完成率")},
    "cost": {"build": ("成本",), "pay": ("成本",), "service": ("成本",)},
}

# an object before a measure is the tail of the project core: at most this many characters, whole words
# (long formed objects kill the match with real rows: 就业援助对象岗位补贴补差发放准确率 vs 补贴准确率)
MAX_OBJECT = 8


# a field a fund is named for (卫生健康发展, 服务贸易发展, 残疾人事业发展): no task done on time or to a standard
POLICY_FIELD = re.compile(r"(?:发展|事业)$")


def slot_names(core: str, slot: str, kind: str) -> list[str]:
    """〔object〕 + each measure of `slot` for a work kind (`SLOT_MEASURES`); the object is
    `short_object(core)`. A core naming the field a fund is for (`POLICY_FIELD`) names no quality or timeliness:
    海南省平山医院卫生健康发展专项资金项目 gave 医院卫生健康发展完成及时率, the fund's title as a task (a reviewer
    struck it) — the type's own rows (维修改造按期完成率) name what is done; its cost stays the fund's. A cost of an
    object that is money (初中公用经费, `words.NAME_BOILERPLATE` keeps 经费 after a kind of spending) is the object."""
    obj = short_object(core)
    if not obj or slot != "cost" and POLICY_FIELD.search(obj):
        return []
    if kind == "pay":
        obj = re.sub(r"(发放|资金)$", "", obj)
    if slot == "cost" and obj.endswith("经费"):
        return [obj]   # 初中公用经费 is money already: 初中公用经费 ≤ 64.8 万元, not 初中公用经费成本
    return [obj + m for m in SLOT_MEASURES.get(slot, {}).get(kind, ())]


# leading words of a project name that are no part of its object: places (a whole word ending in
# 社区/村/镇/乡/街道/园区…, or tagged ns; 乡村/农村/城乡 are kinds of place, kept) and ordinals (第五届)
_PLACE_WORD = re.compile(r"(社区|村|镇|乡|街道|园区|示范园|县|区|市)$")
_KIND_OF_PLACE = frozenset({"乡村", "农村", "城乡", "城区", "社区"})


def short_object(core: str) -> str:
    """The longest clean tail of whole words (jieba POS words) of the core within MAX_OBJECT
    characters, leading places and ordinals dropped — never a word cut in half
    (第五届乡村文化旅游节 → 乡村文化旅游节, not 村文化旅游节; 罗家屯社区野生菌加工车间 → 野生菌加工车间),
    nor a compound jieba splits: a tail starting with the field word that closed the words before it
    is no object (设施农业黄金蜜种植 → 黄金蜜种植, not 农业黄金蜜种植; `FIELD_HEADS`).
    '' when no clean object is left."""
    words = [w for w, _ in _drop_leading(pos_cut(core))]
    for start in range(len(words)):
        obj = "".join(words[start:])
        if len(obj) < 2:
            break
        if start and words[start] in FIELD_HEADS:
            continue   # 设施|农业 is one word: 农业黄金蜜种植 names no object
        if len(obj) <= MAX_OBJECT and len(words[start]) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", obj) \
                and not bad_start(obj):
            return obj
    return ""


def whole_object(core: str) -> str:
    """`short_object(core)` with the word it left off before it when that word belongs to the object: a noun opening on
    人 before a bare verb (长寿路人行道改造 → 人行道改造, not 改造: 人 alone is a count's unit, `_BAD_START`) or a one-character adjective
    opening the name (长文本测试 → 长文本测试, not 文本测试), or a one-character verb and object before a bare verb (送戏下乡,
    not 下乡: trial 19) — trial 17's rows 改造成本 and 文本测试完成时间. For the names
    made after ranking (`fill`, `core_names`); the candidates keep `short_object`, so the ranker's training is
    untouched. '' when `short_object` is ''."""
    obj = short_object(core)
    if not obj:
        return ""
    toks = _drop_leading(pos_cut(core))
    words = [w for w, _ in toks]
    for k in range(1, len(words)):
        if "".join(words[k:]) != obj:
            continue
        prev, tag = toks[k - 1]
        bare_verb = len(toks) - k == 1 and toks[k][1] in ("v", "vn")   # 改造 alone names no object (扶贫基地 does)
        belongs = (k == 1 and len(prev) == 1 and tag == "a") \
            or (bare_verb and len(prev) >= 2 and prev.startswith("人") and tag.startswith("n"))
        if bare_verb and k == 2 and len(prev) == 1 and tag.startswith("n") and len(words[0]) == 1 \
                and toks[0][1] == "v" and re.fullmatch(r"[\u4e00-\u9fff]+", core):
            # 送|戏|下乡: a one-character verb and its one-character object before a bare verb are one work
            # (送戏下乡, 送医下乡 — trial 19 struck 下乡成本 and 下乡完成时间)
            return "".join(words)
        if belongs and len(prev + obj) <= MAX_OBJECT and re.fullmatch(r"[\u4e00-\u9fff]+", prev):
            return prev + obj
        break
    return obj


def _drop_leading(toks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Everything up to the last leading place or ordinal word, when 4+ characters remain after it."""
    cut = 0
    for i, (w, t) in enumerate(toks):
        rest = sum(len(x) for x, _ in toks[i + 1:])
        if rest < 4:
            break
        place = _PLACE_WORD.search(w) and (w not in _KIND_OF_PLACE or i > 0)   # 杨楼/社区, not 社区养老
        if t == "m" or t == "ns" or re.match(r"^第.+届$", w) or place:
            cut = i + 1
    return toks[cut:]


def satisfaction_name(beneficiary: str) -> str | None:
    """〔beneficiary〕满意度 (学生满意度, 受益群众满意度), None for an unclean subject."""
    b = beneficiary.removesuffix("满意度")
    if b.endswith(YOUNG_CHILDREN):
        b += "家长"   # 0–6岁残疾儿童 cannot be surveyed; their parents are asked
    return b + "满意度" if b and is_clean(b) and len(b) <= 10 else None


YOUNG_CHILDREN = ("儿童", "幼儿", "婴幼儿", "婴儿")
