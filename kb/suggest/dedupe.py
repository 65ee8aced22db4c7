"""Step 7 of suggest, with the checker's eyes: no default table holds two rows the checker reads as one.

`kb.checker.engine.repeated_measures` is STR-12's reading of a repeat under another name — one measure of one
object (系统可用率 and 政务信息系统正常运行率 ≥99 %; 残疾人生活补贴发放准确率 and 补助对象补助资金发放准确率)
or one group's satisfaction (干部满意度 and 参训人员满意度 of a 干部培训; 运维服务满意度 and 系统使用人员满意度). Of
each such pair in the table the weaker row (tier, then score; the later row on a tie) is set aside, and the
table is assembled again, so the freed place takes the next row of the same slot (`engine.choose_table`).

So is an acceptance (〔X〕验收合格率) when the project builds and buys nothing (`kb.domain.words.builds_or_buys`,
the reading of the checker's STR-10: 视频监控系统运维 hands nothing over to accept).

After ranking, two rows that ask one group or count one batch are set aside the same way
(`set_aside_household_beside_parents`, `set_aside_blank_count_of_stated`, called by `engine._suggest`). Every
pass of suggest sets a row aside through `set_aside` (tier ALTERNATE, the reason in its evidence).
"""
from __future__ import annotations

import re

from kb.domain.enums import Level1, Level2
from kb.domain.schema import TargetRow
from kb.domain.text import bigrams
from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.evidence import SATISFACTION_TAIL
from kb.suggest.ranker import Tier

# why a row is set aside, in the draft's evidence (Chinese, as `set_aside` writes it)
REPEAT_WHY = "审核规则 STR-12：与第{other}行“{name}”计量同一对象的同一口径（或调查同一对象的满意度），保留较优的一行"
NO_DELIVERY_WHY = "本项目不建设、不采购，没有可验收的交付物（与审核规则 STR-10 同一口径）"


def weaker_first(a: Draft, b: Draft) -> tuple[Draft, Draft]:
    """(the weaker, the kept) of two rows that ask one thing: the lower tier, then the lower ranker score."""
    return (a, b) if (int(a.tier), a.score) < (int(b.tier), b.score) else (b, a)


def set_aside(d: Draft, why: str) -> None:
    """Tier ALTERNATE for `d` (neither in the table nor offered), with the reason in its evidence (Chinese)."""
    d.tier = Tier.ALTERNATE
    d.evidence.append(why)


def set_aside_disagreeing(rows: list[Draft], ctx: ProjectContext) -> bool:
    """Set aside (tier ALTERNATE) the rows of the default table `rows` the checker would not keep beside the
    others: the weaker of each pair `repeated_measures` reads as one measure (or one group's satisfaction), and
    an acceptance rate of a project that builds and buys nothing. Returns whether any row was set aside (the
    caller assembles the table again)."""
    from kb.checker.engine import repeated_measures
    from kb.domain.words import builds_or_buys

    shown = [d for d in rows if d.tier != Tier.ALTERNATE and d.name]
    changed = False
    delivers = builds_or_buys((ctx.name or "") + (ctx.description or ""))
    for d in shown:
        if "验收" in d.name and not delivers and d.value_source != "text":
            set_aside(d, NO_DELIVERY_WHY)
            changed = True
    shown = [d for d in shown if d.tier != Tier.ALTERNATE]
    changed |= _one_payment_timing(shown) | _one_payment_accuracy(shown)
    shown = [d for d in shown if d.tier != Tier.ALTERNATE]
    changed |= _one_stated_figure(shown) or _one_derived_cost(shown) or _blank_total_cost(shown) or _one_harm_count(shown)
    shown = [d for d in shown if d.tier != Tier.ALTERNATE]
    changed |= _count_beside_one_work(shown, ctx) | _built_in_a_grow_project(shown, ctx)
    shown = [d for d in shown if d.tier != Tier.ALTERNATE]
    changed |= _one_work_two_units(shown) | _vague_rate_beside_named(shown)
    shown = [d for d in shown if d.tier != Tier.ALTERNATE]
    changed |= _blank_benefit_count_beside_output(shown)
    shown = [d for d in shown if d.tier != Tier.ALTERNATE]
    table = [TargetRow(level1=Level1(l1).label, level2=Level2(l2).label, name=d.name, operator=d.operator,
                       value=d.value, unit=d.value_unit or d.unit) for d in shown for l1, l2 in [d.shown_levels]]
    context = {"project": ctx.name, "description": ctx.description}
    for a, b in repeated_measures(table, context):
        first, second = shown[a - 1], shown[b - 1]
        if Tier.ALTERNATE in (first.tier, second.tier):
            continue   # one of the pair already went with another pair
        weaker, kept = weaker_first(first, second)
        set_aside(weaker, REPEAT_WHY.format(other=shown.index(kept) + 1, name=kept.name))
        changed = True
    return changed


# a count of the project's works (维修项目数量, 改造工程数量) and an extent of the work (…面积, 里程, 长度)
_WORK_COUNT = re.compile(r"(?:项目|工程)(?:数量|个数|数)$")
_WORK_EXTENT = re.compile(r"(?:面积|里程|长度)$")
_COUNTED_UNITS = frozenset(("个", "项", "处"))
_LISTED = re.compile(r"[及和与、]")
ONE_WORK_WHY = "描述只写明一项工作且未写项目个数，与面积类指标并列时项目个数无法考核，仅作备选"


def _count_beside_one_work(shown: list[Draft], ctx: ProjectContext) -> bool:
    """A 待填写 count of works (维修项目数量 个) beside a row measuring the extent of the same work (安全隐患维修面积)
    when the text counts nothing in 个 / 项 / 处 and the project's name lists no second work (及, 和, 、): the text
    names one work (D037: 维修审判楼玻璃幕墙等), and a reviewer of trial 10 struck the count as adding nothing
    checkable beside the area. Set aside (an alternate); returns whether a row was."""
    from kb.suggest.words import WORK_VERBS

    if any(m.unit in _COUNTED_UNITS for m in ctx.mentions) or _LISTED.search(ctx.name or ""):
        return False
    changed = False
    for d in shown:
        if not (d.slot == "quantity" and d.pending and _WORK_COUNT.search(d.name)
                and (d.value_unit or d.unit) in _COUNTED_UNITS):
            continue
        verbs = {v for v in WORK_VERBS if len(v) >= 2 and v in d.name}
        if any(o is not d and o.slot == "quantity" and _WORK_EXTENT.search(o.name) and any(v in o.name for v in verbs)
               for o in shown):
            set_aside(d, ONE_WORK_WHY)
            changed = True
    return changed


# a project that grows or raises in what stands (在10栋设施温棚中种植): 设施 and 建设内容 are no works built
_GROWS = re.compile(r"种植|栽植|栽培|养殖|育苗|种养")
_BUILD_LABELS = re.compile(r"建设(?:内容|地点|单位|期限|周期|年限|性质)|设施(?:农业|温棚|大棚|蔬菜|果蔬)")
_BUILDS = re.compile(r"新建|建设|改建|扩建|修建|建成|搭建|兴建|改造|安装|铺设|硬化|维修|修缮|购置|采购")
_BUILT_ROW = re.compile(r"建设|建成|竣工|施工")
GROWS_WHY = "描述只写在现有设施中种植/养殖，未写建设内容，建设或建成类指标不适用，仅作备选"
SECOND_GROUP_WHY = "描述未提到该调查对象，第二个满意度指标仅作备选"


def _built_in_a_grow_project(shown: list[Draft], ctx: ProjectContext) -> bool:
    """Rows of building (设施建设面积, 产业项目建成投产率: names with 建设 / 建成 / 竣工 / 施工) in a project that grows or raises
    (种植, 养殖 …) and builds nothing (no 新建 / 建设 / 改造 … once the form's labels 建设内容 and the attributive 设施农业 /
    设施温棚 are read out): D007 plants grapes in 10 existing greenhouses, and a reviewer of trial 10 struck both rows
    as another kind of project's. A row holding the text's own figure stays; so does a second satisfaction row only
    when the text names whom it asks (the refilled D007 took 村民满意度). Returns whether a row was set aside."""

    text = (ctx.name or "") + (ctx.description or "")
    if not _GROWS.search(text) or _BUILDS.search(_BUILD_LABELS.sub("", text)):
        return False
    changed = False
    for d in shown:
        if d.value_source != "text" and _BUILT_ROW.search(d.name):
            set_aside(d, GROWS_WHY)
            changed = True
    # the table refilled after them: a second satisfaction row asking people the text never names (村民满意度 beside
    # 受益脱贫户满意度 when only 脱贫户、监测户 are named) is no second group; set aside as well
    from kb.suggest.table import respondent_of, two_char_pairs

    for d in [d for d in shown if d.slot == "satisfaction"][1:]:
        who = respondent_of(d)
        if d.tier != Tier.ALTERNATE and who and not any(p in text for p in two_char_pairs(who)):
            set_aside(d, SECOND_GROUP_WHY)
            changed = True
    return changed


def _one_payment_timing(shown: list[Draft]) -> bool:
    """A payment dated by `binding._bind_deadline` (优抚对象生活补助发放完成时间 2023年12月31日前: the checker's
    `PAY_DATE_NAME_RE`) beside another row timing the payment (优抚对象生活补助金每月中旬发放 =100 %: `table`'s
    on-time payment class) times it twice: the weaker goes. Returns whether a row was set aside."""
    from kb.checker.rewrite import PAY_DATE_NAME_RE
    from kb.suggest.table import MEASURE_CLASSES

    paying = next(c for c in MEASURE_CLASSES if c.search("补助发放及时率"))   # the on-time payment class
    dated = [d for d in shown if d.slot == "timeliness" and PAY_DATE_NAME_RE.search(d.name)]
    timed = [d for d in shown if d.slot in ("quality", "timeliness") and paying.search(d.name)]
    for a in dated:
        for b in timed:
            if Tier.ALTERNATE in (a.tier, b.tier) or _two_stated_payments(a, b):
                continue
            weaker, kept = weaker_first(a, b)
            set_aside(weaker, PAY_TWICE_WHY.format(name=kept.name))
            return True
    return False


def _two_stated_payments(a: Draft, b: Draft) -> bool:
    """Both rows hold figures the text states apart (保费补贴资金于每季度结束后30日内拨付承保机构 and 保险理赔兑付及时率100%,
    round 22): two payments the text times each, by different payers — neither times the other's again."""
    return (a.bound and b.bound and a.mention is not None and b.mention is not None
            and a.mention.start != b.mention.start)


# the accuracy of paying out (助学金和免学费发放准确率, 学生资助补助资金发放准确率)
_PAY_ACCURACY = re.compile(r"发放准确率$")


def _one_payment_accuracy(shown: list[Draft]) -> bool:
    """Two 发放准确率 rows holding the library's figure (助学金和免学费发放准确率 = 100 % beside 学生资助补助资金发放准确率
    = 100 %: D012 after round 5's retraining) ask one measure of one payment twice: the weaker goes, and the slot's
    next row (助学金和免学费覆盖率) takes the place. A figure of the text stays. Returns whether a row was set aside."""
    paid = [d for d in shown if d.slot == "quality" and _PAY_ACCURACY.search(d.key)
            and d.value_source not in ("text", "learned") and d.tier != Tier.ALTERNATE]
    if len(paid) < 2:
        return False
    weaker, kept = weaker_first(paid[0], paid[1])
    set_aside(weaker, f"与“{kept.name}”同为资金发放的准确率，保留较优的一行")
    return True


def _one_stated_figure(shown: list[Draft]) -> bool:
    """A figure the text restates with no work of its own binds one row, not two: 新建和改造社区老年食堂8处 … 2025年6月
    底前8处助餐点全部投入运营 gave 改造社区老年食堂数量 ≥8 处 and 助餐点数量 ≥8 处 (trial 7: the same 8 sites). Of two
    数量 rows bound from the text (`Draft.mention`) with the same value and unit, the one whose mention has no verb
    (`Mention.verb` '', nor a work verb of `words.WORK_VERBS` in its words) and comes later in the text is set aside
    when the other's has one; 改造文化站5个，新建村卫生室5个 (each with its work) stays two rows. Returns whether a row was set aside."""
    from kb.suggest.words import WORK_VERBS

    bound = [d for d in shown if d.slot == "quantity" and d.value_source == "text" and d.mention is not None]
    for a in bound:
        for b in bound:
            if a is b or Tier.ALTERNATE in (a.tier, b.tier) or (a.value, a.value_unit) != (b.value, b.value_unit):
                continue
            if a.mention.verb and not b.mention.verb and b.mention.start > a.mention.end and \
                    not any(v in b.mention.context + b.mention.obj for v in WORK_VERBS):
                set_aside(b, RESTATED_WHY.format(name=a.name))
                return True
    return False


def _one_derived_cost(shown: list[Draft]) -> bool:
    """Two cost rows holding one figure derived from the budget (250万元 ÷ 12公里: 农村公路每公里建设成本 and 公路养护每公里
    成本 ≤20.84 万元/公里, trial 7) ask one cost twice: the weaker (tier, then score) is set aside, and its place may take
    the total cost. Returns whether a row was set aside."""

    derived = [d for d in shown if d.slot == "cost" and d.value_source == "derived" and d.value]
    for i, a in enumerate(derived):
        for b in derived[i + 1:]:
            if Tier.ALTERNATE in (a.tier, b.tier) or (a.value, a.value_unit) != (b.value, b.value_unit):
                continue
            weaker, kept = weaker_first(a, b)
            set_aside(weaker, DERIVED_TWICE_WHY.format(name=kept.name))
            return True
    return False


def _blank_total_cost(shown: list[Draft]) -> bool:
    """A 待填写 amount in 万元 named by the cost the budget row already holds (物业管理费 待填写 万元 beside 物业管理成本
    ≤1125 万元; 燃油费 beside 车辆维修燃油费成本 ≤340 万元) asks the total again: it is set aside. Returns whether a row
    was set aside."""

    totals = [d for d in shown if d.slot == "cost" and d.value_source == "budget"]
    for d in shown:
        if d.slot != "cost" or not d.pending or d.unit != "万元" or d.tier == Tier.ALTERNATE:
            continue
        stem = _COST_TAIL.sub("", d.key)
        kept = next((t for t in totals if stem and stem in _COST_TAIL.sub("", t.key)), None)
        if kept is not None:
            set_aside(d, DERIVED_TWICE_WHY.format(name=kept.name))
            return True
    return False


def _one_harm_count(shown: list[Draft]) -> bool:
    """A harm counted twice: 森林火灾发生次数 = 0 次 under 质量 beside 防火期森林草原火灾起数 under 社会效益 (E048, an
    aircraft rental against forest fires) count the same fires. Of a count of occurrences (`_HARM_COUNT`: 发生次数,
    起数, 次数) in an output slot (数量, 质量) and one of the same harm (the last two characters of the object: 火灾)
    under 效益, the output row is set aside: the number of fires is what the work brings about, where the real table
    files it (防火期森林草原火灾起数, 社会效益). Returns whether a row was set aside."""

    def harm(d: Draft) -> str:
        obj = _HARM_COUNT.sub("", d.key)
        return obj[-2:] if len(obj) >= 2 and obj != d.key else ""

    effects = [d for d in shown if d.slot.endswith("_benefit") and harm(d)]
    for d in shown:
        if d.slot not in ("quantity", "quality") or d.value_source == "text" or d.tier == Tier.ALTERNATE:
            continue
        kept = next((e for e in effects if e.tier != Tier.ALTERNATE and harm(e) == harm(d) != ""), None)
        if kept is not None:
            set_aside(d, HARM_TWICE_WHY.format(name=kept.name))
            return True
    return False


# a count of a harm's occurrences (火灾发生次数, 火灾起数, 事故次数)
_HARM_COUNT = re.compile(r"(?:发生)?(?:次数|起数)$")
HARM_TWICE_WHY = "与效益指标“{name}”计量同一事件的发生次数，归入效益，保留一行"
_COST_TAIL = re.compile(r"(?:费用|经费|资金|费)?(?:成本|支出)?$")
DERIVED_TWICE_WHY = "与“{name}”是按预算测算的同一成本，保留一行"
RESTATED_WHY = "描述中的同一数字已由“{name}”计量（后文复述，没有另外的工作），保留一行"
PAY_TWICE_WHY = "与“{name}”同为资金发放的时效，保留较优的一行"


# works a count names (改造, 新建 …): two counts of one work share it
_COUNTED_WORKS = ("改造", "新建", "改建", "扩建", "建设", "维修", "修缮", "清淤", "硬化", "安装", "购置", "采购", "培训")
_COUNT_TAIL = re.compile(r"(?:数量|户数|人数|人次|个数|次数|间数|座数|台数|套数|数)$")
TWO_UNITS_WHY = "与“{name}”计量同一项工作（{work}），描述已写明其数量，换一种单位重复计数，保留写明的一行"
VAGUE_RATE_WHY = "名称笼统，与“{name}”是同一比率，保留写明对象的一行"


def _object_of(name: str, work: str) -> str:
    """`name` without its work word and its count tail (卫生厕所改造户数 → 卫生厕所)."""
    return _COUNT_TAIL.sub("", name).replace(work, "")


def _one_work_two_units(shown: list[Draft]) -> bool:
    """Set aside a blank count of a work beside the text's stated count of the same work in another unit: 卫生间改造数量
    待填写 间 beside 卫生厕所改造户数 ≥ 3200 户 (trial 11, own toilet text) — one work (改造) of one object (卫生…)
    counted twice. Returns whether any row was set aside."""

    stated = [d for d in shown if d.slot == "quantity" and d.value_source == "text"]
    changed = False
    for d in shown:
        if d.slot != "quantity" or d.value or d.source == "formed" or d.tier == Tier.ALTERNATE:
            continue
        for k in stated:
            if (k.value_unit or k.unit) == (d.value_unit or d.unit):
                continue   # one unit: the checker's STR-12 reads the pair
            work = next((w for w in _COUNTED_WORKS if w in d.key and w in k.key), "")
            if work and set(bigrams(_object_of(d.key, work))) & set(bigrams(_object_of(k.key, work))):
                set_aside(d, TWO_UNITS_WHY.format(name=k.name, work=work))
                changed = True
                break
    return changed


def _vague_rate_beside_named(shown: list[Draft]) -> bool:
    """Set aside a library rate whose whole object another rate of its slot names more fully: 康复服务率 ≥ 95 % beside
    残疾人基本康复服务覆盖率 ≥ 85 % (trial 11, D040) — one measure, the vaguer name with no base. Returns whether any
    row was set aside."""

    changed = False
    for d in shown:
        stem = d.key[:-1]
        if not d.key.endswith("率") or len(stem) < 3 or d.value_source == "text" or d.source == "formed":
            continue
        k = next((k for k in shown if k is not d and k.slot == d.slot and k.tier != Tier.ALTERNATE
                  and k.key.endswith("率") and len(k.key) > len(d.key) and stem in k.key), None)
        if k is not None:
            set_aside(d, VAGUE_RATE_WHY.format(name=k.name))
            changed = True
    return changed


# the head of a respondent that says only "people" or "a body" (报账人员 → 报账; 被审计单位 → 被审计)
_WHO_HEAD = re.compile(r"(?:人员|单位|群体|对象)$")


def _group_named(who: str, text: str) -> bool:
    """The text names the group `who` a satisfaction row asks: the group as written, the last two characters of its
    head (学生家长 → 家长; 报账人员 → 报账; 护林员 → 林员, so 维护林业 names no 护林员), or a word the checker's reading
    of respondents takes for it (`evidence.RESPONDENT_SYNONYMS`: 家长 where 学生 are served)."""
    from kb.suggest.evidence import RESPONDENT_SYNONYMS

    head = _WHO_HEAD.sub("", who) or who
    if who in text or head[-2:] in text:
        return True
    return any(s in text for w, syn in (*RESPONDENT_SYNONYMS.items(), *_GROUP_SAID.items()) if w in head for s in syn)


# groups a text names by the work that reaches them: an audience by publicity or media (科普宣传 → 受众), the poor by
# the programme that helps them (扶贫基地 → 脱贫户), a unit's staff by the pay it budgets (保障人员经费 → 干部职工, D025)
_GROUP_SAID = {"受众": ("宣传", "宣讲", "科普", "媒体", "传播", "播出", "报道", "普法"), "脱贫": ("扶贫",), "贫困": ("扶贫",),
               "职工": ("人员经费", "干部", "员工", "在职", "在编")}


def mark_unnamed_groups(drafts: list[Draft], ctx: ProjectContext) -> None:
    """Mark (`Draft.unnamed_group`) each satisfaction row asking a group the text never names (`_group_named`:
    护林员满意度 for a forestry bureau whose text names no 护林员, trial 13 E008; 报账人员满意度 for an audit service):
    the table's first row asks the served, a second one only a group the declarant named
    (`table._two_groups_named`). The row stays offered as an alternate. Rows holding the text's or a learned figure
    are not marked. Run after ranking. In place."""
    from kb.suggest.table import respondent_of

    for d in drafts:
        if d.slot == "satisfaction" and d.value_source not in ("text", "learned"):
            who = respondent_of(d)
            d.unnamed_group = bool(who) and not _group_named(who, ctx.text)


# a count of people (人次, 人数 …), and the words a name of such a count ends on when it says what it measures
_PEOPLE_UNITS = frozenset({"人次", "万人次", "人", "万人"})
_MEASURE_END = re.compile(r"(?:人次|人数|数量|数|量|率|规模)$")


# counts of participations: the same persons counted per event
_TURNOUT = frozenset({"人次", "万人次"})


def _blank_benefit_count_beside_output(shown: list[Draft]) -> bool:
    """A blank 效益 count of people whose name says who and no measure (参与群众 待填写 万人次) beside a blank 数量 count
    of people (活动参与人次 待填写 人次): the name asks nothing of its own, and its figure would be the output's again
    (trial 13, E045). The 效益 row is set aside. Returns whether a row was."""
    outputs = [d for d in shown if d.slot == "quantity" and d.pending and (d.value_unit or d.unit) in _PEOPLE_UNITS]
    if not outputs:
        return False
    changed = False
    turnout = [d for d in outputs if (d.value_unit or d.unit) in _TURNOUT]
    for d in shown:
        unit = d.value_unit or d.unit
        # a count of participations (参与群众人次 万人次) beside a blank output count of them (活动参与人次) asks one figure
        # twice though its name has a measure (round 5 merge: E045's benefit slot ranked it in, as `fill` guards)
        again = unit in _TURNOUT and bool(turnout)
        if d.slot.endswith("_benefit") and d.pending and d.operator != "定性" and d.tier != Tier.ALTERNATE \
                and unit in _PEOPLE_UNITS and (not _MEASURE_END.search(d.key) or again):
            set_aside(d, f"与“{outputs[0].name}”计同一批人数，待填写时只需填写一处，仅作备选")
            changed = True
    return changed


# 脱贫户或监测户子女: the households whose children the project pays (trial 12, D013 雨露计划)
_CHILDREN_OF = re.compile(r"((?:[\u4e00-\u9fff]{2,4}户(?:家庭)?[或、和及与]?)+)(?:的)?子女")


def set_aside_household_beside_parents(drafts: list[Draft], ctx: ProjectContext) -> None:
    """A satisfaction row asking the households whose children the project pays (脱贫户满意度 for 脱贫户或监测户子女)
    beside one asking the students' parents or the students (学生家长满意度): the parents are those households, so
    two rows ask one group (trial 12, D013); the one naming the children's side stays, as it also covers the other
    households (监测户) the text names. A row with a learned value is kept. Run after ranking. In place."""
    m = _CHILDREN_OF.search(ctx.text)
    if not m:
        return
    households = re.findall(r"([\u4e00-\u9fff]{2,4}?)户", m.group(1))
    live = [d for d in drafts if d.slot == "satisfaction" and d.tier != Tier.ALTERNATE]
    if not any(re.search(r"家长|学生", d.key) for d in live):
        return
    for d in live:
        who = SATISFACTION_TAIL.sub("", d.key)
        if d.value_source != "learned" and not re.search(r"家长|学生", who) \
                and any(h[-2:] + "户" in who or h[-2:] in who and "户" in who for h in households):
            set_aside(d, f"描述中的受助对象是{m.group(0)}，其家长即这些家庭，已有学生家长满意度，仅作备选")


# a count of events (场, 项, 次) and the words of such a count that name no event
_EVENT_UNITS = frozenset({"场", "场次", "项", "次", "期", "届"})
_COUNT_WORDS = frozenset({"数量", "场次", "次数", "个数", "开展", "举办", "组织", "完成", "项目", "总数"})


def set_aside_blank_count_of_stated(drafts: list[Draft]) -> None:
    """A library count of events left blank (活动开展场次 待填写 场) beside a count the text states of the same events
    (主题活动数量 ≥8 项, from 开展…等8项主题活动): one count under two names (trial 12, the festival); the blank one is
    set aside. The same events: both counted in events (`_EVENT_UNITS`) and their names share a word that is no
    counting word (活动). Run after ranking. In place."""
    stated = [d for d in drafts if d.slot == "quantity" and d.tier != Tier.ALTERNATE and d.value_source == "text"
              and (d.value_unit or d.unit) in _EVENT_UNITS]
    for d in drafts:
        if d.slot != "quantity" or d.tier == Tier.ALTERNATE or not d.pending or d.source == "formed" \
                or (d.value_unit or d.unit) not in _EVENT_UNITS:
            continue
        words = set(bigrams(d.key)) - _COUNT_WORDS
        same = next((s for s in stated if words & (set(bigrams(s.key)) - _COUNT_WORDS)), None)
        if same is not None:
            set_aside(d, f"与描述写明的“{same.name}”计同一批活动，仅作备选")
