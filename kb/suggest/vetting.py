"""Step 6 of suggest: precision and the checker's vetting — drop or mark rows, never rewrite them.

- `mark_precision`: a retrieved row from another sector or programme needs
  evidence in the text (two of its name's content words in the project
  text), a retrieved row or a type's alternate entry (`core: false`) half of
  its object in the text, a generic row only stands where a detected type
  lists it; others are set aside (tier ALTERNATE: neither in the table nor
  offered). A row with a learned value (the unit declared and met it in an
  earlier 结果反馈 cycle) is its own evidence and is never set aside here.
- `vet_with_checker`: every row that can be shown runs through the
  declaration checker (`kb.checker.check_rows`, row rules, with the budget
  as context). A row the checker would delete, rename or move (an input
  indicator such as 预算执行率, a slogan) becomes an alternate; a value the
  checker rejects is cleared and the row says 待填写 with the checker's
  reason — a number the text states is kept as written. Warnings count
  where the checker faults a library value (`VALUE_WARNINGS`: a
  satisfaction of 100 % takes the checker's default, ≥90 %) or a 时效 row
  with no time in it (REL-01 under 时效: an alternate). Suggest never takes
  the checker's rewrite, so an operator is never flipped and a qualitative
  row never becomes an amount.
- after ranking, the passes `engine._suggest` runs in order: formed names
  finalised, a year-end date across years, restated rates, the named
  respondents and timeliness preferred.
What the text names is asked of `kb.suggest.evidence`, where the checker
would file a row of `kb.suggest.placement`; rows are set aside through
`kb.suggest.dedupe.set_aside`. Not for ranking (`kb.suggest.ranker`).
"""
from __future__ import annotations

import calendar
import re

from kb.checker.lexicon import CHECKABLE_RESULT_HINT
from kb.domain.enums import Level1, Level2
from kb.domain.schema import TargetRow
from kb.domain.units import COVERAGE_PENDING, is_money_unit
from kb.suggest.context import ProjectContext
from kb.suggest.draft import ASIDE_NO_PEOPLE, ASIDE_SPARE_ENTRY, PENDING, Draft
from kb.suggest.ranker import Tier
from kb.suggest.words import (EVENT_UNITS, PERSON_HEADS, UNIT_RESPONDENTS, served_groups, CONTRACT_LOTS, ON_TIME, WHOLE_WORK,
                              LAYOUT_MEASURES, standing_work)
from kb.suggest.dedupe import set_aside
from kb.suggest.evidence import (ENTERPRISE_WHO, GENERIC_WHO, OBJECT_IN_TEXT, ROW_TAIL, SATISFACTION_TAIL,
                                 asks_absent_enterprises, builds_or_buys_system, head_in_text, name_evidence,
                                 object_in_text, other_equipment, other_programme, other_setting, other_stated_rate,
                                 pays_no_one, per_head_group_missing, qualified_respondent_in_text,
                                 respondent_in_text, routine_measure, scope_places, unnamed_building,
                                 unnamed_counted_group, unnamed_facility, unnamed_work)
from kb.suggest.placement import AREA_OR_LENGTH, misfiled_gain, misplaced

# rules about the name or the row as a whole: such a row is not offered in the table
_STRUCTURAL = re.compile(r"^(REL-02|REL-03|STR-)")
# a finding on these fields faults the row itself (its name or its place), not its target
STRUCTURAL_FIELDS = frozenset({"name", "level1", "level2", ""})


def set_aside_restated(drafts: list[Draft]) -> None:
    """A library rate the text states a target for (`kb.suggest.table.restates_rate`: 农作物耕种收综合机械化率
    ≥75 % typical beside 主要农作物耕种收综合机械化率 由78%提高到82%) is only an alternate: the text's figure is
    the project's target (a final fresh trial found both, the library's below the stated baseline)."""
    from kb.suggest.table import restates_rate

    stated = [d for d in drafts if d.value_source == "text" and d.tier != Tier.ALTERNATE and d.key.endswith("率")]
    for d in drafts:
        if d.tier != Tier.ALTERNATE and d.source != "formed" and any(restates_rate(d, b) for b in stated):
            set_aside(d, "描述中已写明这项比率的目标，仅作备选")


# a name that is a money word (物业费, 工作经费, 补助资金) …
_MONEY_NAME = re.compile(r"(?:费|经费|资金|金额|费用|租金|奖金|补助金|补贴金)$")
# …and a count unit (个, 次, 人): the measure and its unit disagree
_COUNT_UNITS = frozenset("个 次 人 户 项 件 家 所 处 台 套 座 条 批 人次 户次 家次".split())


def money_named_count(d: Draft) -> bool:
    """True when `d`'s name is an amount of money (…费, …资金) and its unit a count (个, 次 …): 安置小区物业费 个
    (a library row, trial 11). Such a row is set aside: the checker reads neither a cost nor a count in it."""
    return bool(_MONEY_NAME.search(d.key)) and (d.value_unit or d.unit) in _COUNT_UNITS


# a sentence of the work as a name (按时保质完成开发区安置小区物业管理工作, 全力做好…工作): the checker's REL-04 finds
# no measure in it; a measure names what is counted (…完成率, …次数), never ends on 工作 after a work verb
TASK_SENTENCE = re.compile(r"^(?:按时|按期|及时|保质|保量|确保|全力|全面|认真|积极|圆满)+.{0,6}?(?:完成|做好|开展|落实|推进)"
                           r".{2,}工作$|^(?:完成|做好|落实)[^率数量]{4,}工作$")
# a state with no measure (安全生产形势, 物业服务长效管理) or the declaring unit's own (单位安全稳定): no reviewer can
# verify it at year end, and the unit's own state is no benefit of the project
VAGUE_STATE = re.compile(r"^单位.{0,4}(?:安全|稳定)$|(?:形势|长效管理)$")


# an emission cut (污染物排放削减量, 减排量) and the works in a text that cut emissions
EMISSION_CUT = re.compile(r"(?:削减|减排)量$")
_CUTS_EMISSIONS = re.compile(r"排放|污染源|减排|削减|脱硫|脱硝|治污|污染治理|污水处理|提标改造|清洁能源|煤改|淘汰")
# what a text monitors (监控…污染排放状况, 监测污染源): emissions watched, none cut (trial 13, E036)
_MONITORED = re.compile(r"(?:监测|监控|监视|监管)[^，。；,;]{0,16}")
# a name taken from the text's setting (全县现有政务信息系统…): the county's present state, not the project's object
SETTING_CLAUSE = re.compile(r"^(?:全[县市区省州镇乡旗]|本[县市区])现有")
# a region's air-quality outcome (环境空气质量优良天数比例, 空气质量优良率): stated in a text, or not a target of its own
REGION_OUTCOME = re.compile(r"优良天数|空气质量优良率")


# a change of an outcome in % (提升率, 下降率 …)
_CHANGE_RATE = re.compile(r"(?:提升|提高|增长|下降|降低|减少)率$")


def _setting_rate(d: Draft, ctx: ProjectContext) -> str:
    """The setting's rate the row measures (卫生厕所普及率为78% for 农村卫生厕所普及率: the last three characters of
    the setting's object end the row's name) as written (“78%”), else ''."""
    for m in ctx.settings:
        if m.unit == "%" and len(m.obj or "") >= 3 and d.key.endswith(m.obj[-3:]) and m.obj[-1] == "率":
            return f"{m.obj}{m.value}%"
    return ""


def prefer_named_timeliness(drafts: list[Draft], ctx: ProjectContext) -> None:
    """A whole department's spending dated by the budget year's end (部门整体支出完成时间 12月31日前, a formed row) is
    only an alternate beside a type's core 时效 row of a work the text names (E008: 生态效益补偿资金兑付及时率, the text
    saying 完成森林生态效益补偿…兑现); where the text names no such work the dated row stays (D025, the seventh
    trial: real 部门整体 tables name the budget). Runs after ranking; mutates `drafts`."""
    named = [d for d in drafts if d.slot == "timeliness" and d.type_core and d.tier != Tier.ALTERNATE
             and object_in_text(d, ctx, ROW_TAIL) >= OBJECT_IN_TEXT]
    if not named:
        return
    for d in drafts:
        if d.slot == "timeliness" and d.source == "formed" and d.mention is None and d.tier != Tier.ALTERNATE \
                and d.key.startswith(_WHOLE_DEPARTMENT) and ON_TIME.search(d.key):
            set_aside(d, f"部门整体支出按年度末完成，不如描述中的工作“{named[0].name}”可考核，仅作备选")


# a department's whole spending (部门整体支出): its year ends with the budget
_WHOLE_DEPARTMENT = "部门整体"
# a coverage a project keeps, and the words saying it is kept (稳定在, 保持在, 巩固在)
_COVERAGE = re.compile(r"普及率|覆盖率|入户率")
_KEPT_LEVEL = re.compile(r"(?:稳定|保持|巩固|维持)在?$")


def _reaches_100(value: str) -> bool:
    """True when the target `value` is a number of 100 or more (a share that covers all); False for no number."""
    try:
        return float(value) >= 100
    except ValueError:
        return False


# what a count in 户 counts: households, families, dwellings
_HOUSEHOLDS = re.compile(r"户|家庭|住宅|住房|农房|危房|房屋")


def mark_precision(drafts: list[Draft], ctx: ProjectContext, sectors: set[str], own_words: str = "") -> None:
    """Tier ALTERNATE for rows of another programme, unsupported cross-sector retrieved rows, untyped
    generic rows, and retrieved rows or type alternate entries whose object the text lacks.

    `own_words`: what the certain project type is about (its covers, keywords, phrases, objects); a core
    row of its set naming a programme word found there is its own programme's, not another's
    (基本公共卫生服务's 高血压患者规范管理率 when the text says only 慢性疾病患者; a fresh trial, D005).
    Each row is first filed where the checker files it; a row with a learned value (the unit declared and met it in
    an earlier 结果反馈 cycle) is its own evidence and goes no further; every other row runs through the steps of
    `_reason_to_set_aside` in order, the first reason setting it aside, and a row kept by all of them through
    `_vet_retrieved_row`. Mutates `drafts`."""
    for d in drafts:
        _file_where_the_checker_files(d)
        if d.value_source == "learned":
            continue   # the unit declared and met it in an earlier 结果反馈 cycle: its own evidence
        why = _reason_to_set_aside(d, ctx, own_words)
        if why:
            set_aside(d, why)
        else:
            _vet_retrieved_row(d, ctx, sectors)


def _reason_to_set_aside(d: Draft, ctx: ProjectContext, own_words: str) -> str:
    """The steps of `mark_precision` for one row, in order: each `_why_…` step gives its reason to set `d` aside
    ('' when it keeps the row); the steps between them only mark the row (re-file it, clear a library value). The
    first reason is returned ('' when none): no later step reads or marks a row set aside. A chain of `or`s, not a
    generator — `mark_precision` runs it for every row of the pool (some 150 a request, 38 steps each)."""
    why = (_why_fund_title(d) or _why_vague_quality(d) or _why_circular(d) or _why_persons_of_no_group(d, ctx)
           or _why_households_unnamed(d, ctx) or _why_amount_as_output(d) or _why_money_named_count(d)
           or _why_task_sentence(d) or _why_vague_state(d) or _why_emission_cut_without_work(d, ctx)
           or _why_named_from_setting(d))
    if why:
        return why
    _unfill_region_outcome(d, ctx)
    why = _why_unnamed_facility(d, ctx) or _why_layout_in_upkeep(d, ctx)
    if why:
        return why
    _unfill_service_coverage(d)
    _unfill_rate_of_setting_or_change(d, ctx)
    _unfill_land_share(d)
    why = _why_other_stated_rate(d)
    if why:
        return why
    _refile_kept_coverage(d)
    return (_why_contract_lots(d) or _why_unnamed_building(d, ctx) or _why_scope_places(d, ctx)
            or _why_payment_of_no_one(d, ctx) or _why_within_year_across_years(d, ctx)
            or _why_completion_of_standing_work(d, ctx) or _why_platform_use_volume(d, ctx) or _why_misplaced(d)
            or _why_routine_measure(d, ctx) or _why_other_equipment(d, ctx) or _why_per_head_of_absent_group(d, ctx)
            or _why_other_programme(d, ctx, own_words) or _why_unnamed_work(d, ctx) or _why_other_setting(d, ctx)
            or _why_absent_enterprises(d, ctx, own_words) or _why_absent_respondents(d, ctx)
            or _why_knowledge_untaught(d, ctx) or _why_unnamed_counted_group(d, ctx)
            or _why_spare_entry_of_absent_object(d, ctx) or _why_core_count_of_absent_object(d, ctx) or "")


def _reason_naming(found: str, why: str) -> str:
    """The reason `why` with what a reader of the text found (`found`: the place, group or kind the row is about
    that the text lacks) in place of its {}; '' when the reader found nothing (the row is kept)."""
    return why.format(found) if found else ""


def _file_where_the_checker_files(d: Draft) -> None:
    """Re-files `d` where the checker files its name: a real row under 社会、经济、生态效益指标 goes to its `placed`
    二级 (a satisfaction row stays), a gain under 质量 (展会意向成交额 亿元 in the library) to 经济效益."""
    if d.placed and d.placed != d.level2 and "满意" not in d.name:
        d.level2 = d.placed   # a real row under 社会、经济、生态效益指标 goes where the checker files its name
    if misfiled_gain(d):
        d.level2 = "economic_benefit"   # 展会意向成交额 (亿元) under 质量 in the library: a gain, filed where the checker files it


def _why_fund_title(d: Draft) -> str:
    """A formed or template row named after a fund's title (`FUND_TITLE`: 中央财政…, 省级财政…) is set aside: the
    source of the money is no object a reviewer keeps in a row's name."""
    if (d.source == "formed" or d.template) and FUND_TITLE.match(d.key):
        # 中央财政困难群众救助补助资金发放准确率 (〔补助对象〕补助资金发放准确率 filled from the text's 中央财政困难群众
        # 救助补助预算指标, D018): the fund's title is no object a reviewer keeps in a row's name
        return "指标名称以资金名称（某级财政）为对象，不是可核验的产出对象，仅作备选"
    return ""


def _why_vague_quality(d: Draft) -> str:
    """A quality row formed from the project's name alone with a vague rate (`VAGUE_QUALITY`: 达标率, 完成率) is set
    aside: a reviewer asks "达标 of what?"."""
    if d.source == "formed" and d.slot == "quality" and d.mention is None and VAGUE_QUALITY.search(d.key):
        # 社区老年助餐服务达标率, 扶贫基地完成率: reviewers ask "达标 of what?"; the type's own quality
        # rows (助餐点正常运营率, 系统正常运行率) or an acceptance rate say it
        return "笼统的达标率/完成率，请选用可核验的质量指标，仅作备选"
    return ""


def _why_circular(d: Draft) -> str:
    """A rate of the table's own targets (`CIRCULAR`: 预期目标达成率) with no figure of the text is set aside: it
    restates the table and measures nothing of the project."""
    if d.mention is None and CIRCULAR.search(d.key):
        # 活动预期目标达成率 ≥ 90 %: the share of the table's own targets reached restates the table, it
        # measures nothing of the project (a reviewer struck it as circular)
        return "以“预期目标”的达成程度为指标，循环且不可核验，仅作备选"
    return ""


def _why_persons_of_no_group(d: Draft, ctx: ProjectContext) -> str:
    """A count of persons (人次, 人数) formed, filled into a template or retrieved as 服务人次 is set aside where the
    text names no one served (`ctx.beneficiaries` empty) and no figure binds it."""
    if (d.source == "formed" or d.template or d.source == "retrieval" and _SERVED_COUNT.search(d.key)) and \
            d.slot == "quantity" and d.tier != Tier.BOUND and not ctx.beneficiaries and \
            _PERSONS_COUNTED.search(d.key):
        # 采购雾炮车降尘抑尘服务人次 (〔服务名称〕服务人次 filled with the project's service): a service to
        # streets and air counts no people the text names; nor does a retrieved row counting the persons a
        # service serves without naming a group (服务人数 for D002's dust suppression)
        return ASIDE_NO_PEOPLE
    return ""


def _why_households_unnamed(d: Draft, ctx: ProjectContext) -> str:
    """An unbound count in 户 (not a type's row) is set aside where the text has no households (`_HOUSEHOLDS`)."""
    if d.slot == "quantity" and d.tier != Tier.BOUND and d.source != "type" and \
            (d.value_unit or d.unit) == "户" and not _HOUSEHOLDS.search(ctx.text):
        # 〔改造对象〕改造户数 filled with 餐厅暖通 (E054, a school canteen's heating): households are counted
        # only where the text has them (危房, 改厕, 适老化 … of 农户, 家庭)
        return "描述中没有按户计的对象，按户计量的指标仅作备选"
    return ""


def _why_amount_as_output(d: Draft) -> str:
    """A 数量 row in money the text does not state is set aside: an amount is a cost, not an output."""
    if d.slot == "quantity" and d.value_source != "text" and is_money_unit(d.value_unit or d.unit):
        # an amount is a cost, not an output (财预〔2021〕101号: 成本指标); the checker flags it under 数量
        return "金额类指标应列入成本指标，仅作备选"
    return ""


def _why_money_named_count(d: Draft) -> str:
    """A library row named as money but counted in pieces (`money_named_count`) is set aside."""
    if d.value_source != "text" and d.source != "formed" and money_named_count(d):
        # 安置小区物业费 in 个 (a library row, trial 11 D065): a fee counted in pieces measures nothing
        return "名称是金额，计量单位却是计数单位，口径不一致，仅作备选"
    return ""


def _why_task_sentence(d: Draft) -> str:
    """A library row whose name is a sentence of the work (`TASK_SENTENCE`) is set aside: no measure (REL-04)."""
    if d.value_source != "text" and d.source != "formed" and TASK_SENTENCE.search(d.key):
        # 按时保质完成开发区安置小区物业管理工作 = 100 % (trial 11, D065): a sentence of the work, no measure
        # (the checker's REL-04: 没有度量口径)
        return "名称是一句工作表述，没有度量口径（审核规则 REL-04），仅作备选"
    return ""


def _why_vague_state(d: Draft) -> str:
    """A benefit row naming a state with no measure (`VAGUE_STATE`: 单位安全稳定) is set aside."""
    if d.value_source != "text" and d.level1 == Level1.benefit.value and VAGUE_STATE.search(d.key):
        # 单位安全稳定, 安全生产形势 定性 (trial 11, D065/D062): a state with no measure a reviewer can verify
        return "笼统的状态表述，没有可核验的度量，仅作备选"
    return ""


def _why_emission_cut_without_work(d: Draft, ctx: ProjectContext) -> str:
    """An emission cut (`EMISSION_CUT`: 削减量) is set aside where the text, what it only monitors left out, names
    no work that cuts emissions (`_CUTS_EMISSIONS`)."""
    if d.value_source != "text" and EMISSION_CUT.search(d.key) and \
            not _CUTS_EMISSIONS.search(_MONITORED.sub("", ctx.text)):
        # 污染物排放削减量 吨 for 雾炮车抑尘降尘服务 (trial 11, D030): damping dust cuts no emission counted in tonnes;
        # a 削减量 row needs a work in the text that cuts emissions (减排, 脱硫脱硝, 污水处理 …)
        return "描述中没有削减污染物排放的工作（抑尘、保洁不削减排放量），仅作备选"
    return ""


def _why_named_from_setting(d: Draft) -> str:
    """A row named from the text's setting (`SETTING_CLAUSE`: 全县现有…) is set aside: not the project's object."""
    if SETTING_CLAUSE.match(d.key):
        # 全县现有政务信息系统故障响应时间 (trial 11, own IT text): 全县现有… is the setting the text describes, not the
        # object of the project's work — no row is named from it
        return "指标名称取自描述中的现状（全县现有…），不是项目的工作对象，仅作备选"
    return ""


def _unfill_region_outcome(d: Draft, ctx: ProjectContext) -> None:
    """Marks: a region's air-quality outcome (`REGION_OUTCOME`) with the library's typical value, which the text never
    states, loses that value and says 待填写 (the row stays)."""
    if d.value_source == "typical" and REGION_OUTCOME.search(d.key) and not REGION_OUTCOME.search(ctx.text):
        # 环境空气质量优良天数比例 ≥ 85 % for a dust-suppression service (trial 11, D030): a city-wide outcome whose
        # figure the text never states — the library's 85 is another city's; left for the declarant
        d.value, d.value_source = "", ""
        d.note = f"{PENDING}：这是全域空气质量结果，描述未写明目标值，请按本地考核目标填写，不照搬指标库的典型值"


def _why_unnamed_facility(d: Draft, ctx: ProjectContext) -> str:
    """A row of a place or facility the text lacks (`evidence.unnamed_facility`) is set aside."""
    # 公园年接待游客人次 ≥ 20 万人次 for a festival in a town (trial 8): the row counts another place's
    # visitors; the text's own figure stays with the row named from the text (接待游客人次)
    return _reason_naming(unnamed_facility(d, ctx), "指标针对“{}”，项目描述中没有这一场所或设施，仅作备选")


def _why_layout_in_upkeep(d: Draft, ctx: ProjectContext) -> str:
    """A measure of a city's green layout (`words.LAYOUT_MEASURES`) is set aside for upkeep work (`_KEEPING_WORK`)
    that builds or plans nothing (`_LAYOUT_WORK`): upkeep does not change the layout."""
    if d.value_source != "text" and LAYOUT_MEASURES.search(d.key) and _KEEPING_WORK.search(ctx.text) and \
            not _LAYOUT_WORK.search(ctx.text):
        # 公园绿地服务半径覆盖率 ≥ 80 % for a maintenance contract (trial 9, D051): how the city's green space is
        # laid out, which upkeep does not change; the library's 80 is no figure of the text
        return "城市绿地布局类指标，养护项目不改变布局，仅作备选"
    return ""


def _unfill_service_coverage(d: Draft) -> None:
    """Marks: a benefit's 服务覆盖率 in % with the library's typical value below 100 loses it and says 待填写: the
    base it is a share of is the declarant's to say (= 100 % covers all and is kept)."""
    if d.value_source == "typical" and d.level1 == Level1.benefit.value and "服务覆盖率" in d.key \
            and (d.value_unit or d.unit) == "%" and not _reaches_100(d.value):
        # 社区老年助餐服务覆盖率 ≥ 80 % (trial 9): the library's 80 is another project's, and the base the share is
        # of (which communities) is the declarant's to say — the target is left to fill in (= 100 % covers all: kept)
        d.value, d.value_source = "", ""
        d.note = COVERAGE_PENDING


def _unfill_rate_of_setting_or_change(d: Draft, ctx: ProjectContext) -> None:
    """Marks: a typical % of a rate whose present level the text states (`_setting_rate`), else a benefit's change
    rate (`_CHANGE_RATE`: 提升率, 下降率), loses the library's value and says 待填写."""
    if d.value_source == "typical" and (d.value_unit or d.unit) == "%" and _setting_rate(d, ctx):
        # 农村卫生厕所普及率 ≥ 85 % where the text says today's 卫生厕所普及率为78% (trial 11): the library's 85 is
        # no target a reviewer can derive from the text — the declarant sets it from today's level
        d.value, d.value_source = "", ""
        d.note = f"{PENDING}：描述写明现状为{_setting_rate(d, ctx)}，目标值请按项目实施后的预期测算填写，不照搬指标库的典型值"
    elif d.value_source == "typical" and d.level1 == Level1.benefit.value and _CHANGE_RATE.search(d.key) \
            and (d.value_unit or d.unit) == "%":
        # 业务办理效率提升率 ≥ 20 % for a maintenance contract, 违法违规行为下降率 ≥ 10 % (trial 11): a change of an
        # outcome the library's figure cannot size — its base and the project's share are the declarant's
        d.value, d.value_source = "", ""
        d.note = f"{PENDING}：变化幅度与基数和项目规模有关，描述未写明，请按实际测算填写，不照搬指标库的典型值"


def _unfill_land_share(d: Draft) -> None:
    """Marks: a share of a land area (`LAND_SHARE`: 森林覆盖率) in % with the library's typical value below 100
    loses it and says 待填写: the area's own level, the library's figure another place's."""
    if d.value_source == "typical" and LAND_SHARE.search(d.key) and (d.value_unit or d.unit) == "%" \
            and not _reaches_100(d.value):
        # 湿地保护率 ≥ 50 %, 森林覆盖率 ≥ 60 % for a forestry bureau whose text states neither (E008, D025): the share
        # of an area is the area's own level, the library's figure another place's — the target is left to fill in
        d.value, d.value_source = "", ""
        d.note = f"{PENDING}：描述中没有写明这一面积比例的现状和目标，请按本地实际填写，不照搬指标库的典型值"


def _why_other_stated_rate(d: Draft) -> str:
    """A row bound to a rate the text states of another measure (`evidence.other_stated_rate`) is set aside."""
    other_rate = other_stated_rate(d)
    if other_rate:
        # 水质检测合格率不低于95% bound to 供水工程维修养护验收合格率 ≥ 95 % (trial 9): the text names the rate it
        # states; a row of another measure does not take it (the row named as the text names it does)
        return f"描述中的{d.mention.value}%是“{other_rate}”，不是本指标的目标值，仅作备选"
    return ""


def _refile_kept_coverage(d: Draft) -> None:
    """Marks: a 质量 coverage the text says is kept (`_COVERAGE` with `_KEPT_LEVEL`: 稳定在96%以上) is re-filed
    under 可持续影响: a coverage the project keeps is its lasting effect."""
    if d.value_source == "text" and d.mention is not None and d.mention.unit == "%" and d.slot == "quality" \
            and _COVERAGE.search(d.key) and _KEPT_LEVEL.search(d.mention.context or ""):
        # 农村自来水普及率稳定在96%以上 under 产出/质量 (trial 9): a coverage the project keeps is its lasting effect
        d.level2 = "sustainable_impact"


def _why_contract_lots(d: Draft) -> str:
    """A row bound to how the contract is split (`words.CONTRACT_LOTS`: 标段) is set aside: no output."""
    if d.mention is not None and d.mention.obj in CONTRACT_LOTS:
        # 市区绿化分成六个标段承包 (trial 9, D051): how the contract is split, no output (标段数量 ≥ 6 个, then
        # 公园维护数量 ≥ 6 个); set aside after ranking, so the ranker's training reads the same candidates
        return f"描述中的{d.mention.value}{d.mention.unit}{d.mention.obj}是合同的划分方式，不是产出，仅作备选"
    return ""


def _why_unnamed_building(d: Draft, ctx: ProjectContext) -> str:
    """A row measuring a building where the text has none (`evidence.unnamed_building`) is set aside."""
    # 修缮面积 (完成修缮的房屋建筑面积) for 计划修缮乡村道路12公里 (trial 9, the README's example): a house's
    # measure in a road's table
    return _reason_naming(unnamed_building(d, ctx), "指标计量的是“{}”，项目描述中没有房屋建筑，仅作备选")


def _why_scope_places(d: Draft, ctx: ProjectContext) -> str:
    """A count of the places the project covers (`evidence.scope_places`) is set aside: scope, no output."""
    # 全镇14个行政村“两委”干部98人 beside a blank 行政村数量: the villages are where the money goes, no output
    # to count under 数量 (a reviewer struck 行政村数量 ≥42; blank it only asks the same again)
    return _reason_naming(scope_places(d, ctx), "描述中的{}是项目范围或受益对象，不是产出，仅作备选")


def _why_payment_of_no_one(d: Draft, ctx: ProjectContext) -> str:
    """A formed 质量 row of a fund that pays no one (`evidence.pays_no_one`: rents or buys) is set aside."""
    if d.source == "formed" and d.mention is None and d.slot == "quality" and pays_no_one(ctx):
        # 航空消防租机补助发放率 (E046): the fund rents six aircraft and pays no one
        return "项目资金用于租用或购买，描述中没有发放对象，发放类质量指标仅作备选"
    return ""


def _why_within_year_across_years(d: Draft, ctx: ProjectContext) -> str:
    """A 时效 row ending the work within the year (`_WITHIN_YEAR`) is set aside where the text states a period of
    several years (`_YEARS_SPAN`)."""
    if d.slot == "timeliness" and d.value_source != "text" and _WITHIN_YEAR.search(d.value or "") and \
            _YEARS_SPAN.search(ctx.text):
        # 项目实施周期 定性 年度内完成 beside 实施周期2022-2024年 (trial 7, D050): the text's period is longer
        return "描述写明跨年度的实施周期，“年度内完成”与之不符，仅作备选"
    return ""


def _why_completion_of_standing_work(d: Draft, ctx: ProjectContext) -> str:
    """A 时效 row of completion (`words.ON_TIME`) is set aside for work kept all year (`words.standing_work`) when
    it is formed with no figure or names the work as a whole (`words.WHOLE_WORK`): such work has no completion."""
    if d.slot == "timeliness" and d.value_source != "text" and ON_TIME.search(d.key) and \
            standing_work(ctx.core, ctx.name) and (d.source == "formed" and d.mention is None
                                                    or WHOLE_WORK.match(d.key) or ON_TIME.fullmatch(d.key)):
        # 储备粮完成时间, 重大动物疫病防控完成及时率, 任务完成时间 for a reserve kept or a disease controlled all year
        # (trial 9): such work has no completion; the type's rows of the work it names (疫情报告及处置及时率) stay
        return "常年持续开展的工作没有完成时点，按期完成类指标仅作备选"
    return ""


def _why_platform_use_volume(d: Draft, ctx: ProjectContext) -> str:
    """A platform's volume of use (`_USE_VOLUME`: 办件量) is set aside for a maintenance contract (`_MAINTAINS`)
    that builds or buys no system: the contract handles none of that business."""
    if d.slot == "quantity" and _USE_VOLUME.search(d.key) and _MAINTAINS.search(ctx.text) and \
            not builds_or_buys_system(ctx):
        # 网上办件量 ≥36 万件 of 平台年办件量约36万件 (trial 7): the platform's business, background to a maintenance
        # contract, which keeps the system running and handles none of it
        return "业务量是平台自身的使用情况，运维服务不产生它，仅作备选"
    return ""


def _why_misplaced(d: Draft) -> str:
    """A row filed where the checker would not file it (`placement.misplaced`, its reason) is set aside."""
    return misplaced(d) or ""


def _why_routine_measure(d: Draft, ctx: ProjectContext) -> str:
    """A measure of the unit's routine running (`evidence.routine_measure`) the text's work does not produce is
    set aside."""
    return _reason_naming(routine_measure(d, ctx), "指标衡量单位日常运行的“{}”，项目描述中的工作不产生它，仅作备选")


def _why_other_equipment(d: Draft, ctx: ProjectContext) -> str:
    """A row of another kind of equipment than the text's (`evidence.other_equipment`) is set aside."""
    return _reason_naming(other_equipment(d, ctx), "指标针对{}，项目描述中的设备不是这一类，仅作备选")


def _why_per_head_of_absent_group(d: Draft, ctx: ProjectContext) -> str:
    """A per-head row of a group the text lacks (`evidence.per_head_group_missing`) is set aside."""
    return _reason_naming(per_head_group_missing(d, ctx), "指标是“{}”的人均指标，项目描述中没有这一人群，仅作备选")


def _why_other_programme(d: Draft, ctx: ProjectContext, own_words: str) -> str:
    """A row naming programme words the text lacks (`evidence.other_programme`) is set aside — but a core row of a
    certain type keeps the words of `own_words` (what the type is about, D005), and a row naming a service of a
    programme of fixed contents the text names is kept (`Draft.programme_service`, recall round 7)."""
    if d.programme_service:
        return ""   # recall round 7: a programme of fixed contents names its services (`programme_services`)
    foreign_words = other_programme(d, ctx)
    if foreign_words and own_words and d.type_core:
        foreign_words = [w for w in foreign_words if w not in own_words]
    if foreign_words:
        return f"指标针对“{'、'.join(foreign_words[:2])}”，项目描述中没有，仅作备选"
    return ""


def _why_unnamed_work(d: Draft, ctx: ProjectContext) -> str:
    """A row of a work the text does not name (`evidence.unnamed_work`) is set aside — not a programme's service
    (`Draft.programme_service`: 接种 of 基本公共卫生服务)."""
    missing = unnamed_work(d, ctx) if not d.programme_service else []
    if missing:
        return f"指标针对“{missing[0]}”，项目描述中没有这项工作，仅作备选"
    return ""


def _why_other_setting(d: Draft, ctx: ProjectContext) -> str:
    """A row of another setting than the project's place (`evidence.other_setting`) is set aside."""
    return _reason_naming(other_setting(d, ctx), "指标针对{}，与项目所在地不符，仅作备选")


def _why_absent_enterprises(d: Draft, ctx: ProjectContext, own_words: str) -> str:
    """A satisfaction row asking enterprises the text lacks (`evidence.asks_absent_enterprises`) is set aside,
    unless it is a core row of a certain type about enterprises (`own_words`)."""
    # …unless it is a core row of a certain type about enterprises (会展与商贸促进's 参展企业满意度 for E021's 服务贸易
    # 发展资金, whose text names only the 商务局 and 投资促进中心): the type's own people, as its 组织企业参展数量 counts them
    if asks_absent_enterprises(d, ctx) and not (d.type_core and ENTERPRISE_WHO.search(own_words)):
        return "描述中没有企业，这项满意度调查的对象不是本项目的服务对象，仅作备选"
    return ""


def _why_absent_respondents(d: Draft, ctx: ProjectContext) -> str:
    """A satisfaction row that is no type's core and not formed is set aside unless the text names its people, as
    people and with their qualifier (`evidence.respondent_in_text`, `qualified_respondent_in_text`)."""
    if d.slot == "satisfaction" and not d.type_core and d.source != "formed" and \
            not (respondent_in_text(d, ctx) and _asks_people(d) and qualified_respondent_in_text(d, ctx)):
        # 干警满意度 for a school building, 被检查单位满意度 for fuel: people the project never serves
        return "描述中没有这项满意度调查的对象，仅作备选"
    return ""


def _why_knowledge_untaught(d: Draft, ctx: ProjectContext) -> str:
    """An unbound knowledge rate (`_KNOWLEDGE_RATE`: 知识知晓率) is set aside where the text teaches nothing
    (`_PUBLICITY`): knowing is the effect of teaching."""
    if d.tier != Tier.BOUND and _KNOWLEDGE_RATE.search(d.key) and not _PUBLICITY.search(ctx.text):
        # 学生营养健康知识知晓率 ≥ 90 % for a meal subsidy whose text teaches nothing (D008): how much of a body of
        # knowledge people hold is the effect of teaching it, which the project does not do (a policy's or a
        # service's 知晓率 stays: those who receive it learn of it)
        return "知识知晓率是宣传教育的效果，描述中没有宣传、培训或健康教育工作，仅作备选"
    return ""


def _why_unnamed_counted_group(d: Draft, ctx: ProjectContext) -> str:
    """A head count of a group the text never names (`evidence.unnamed_counted_group`) is set aside."""
    # 村级动物防疫员补助人数 for an animal-disease fund whose text names no 防疫员 (E011): a head count of a
    # group of people the text never names; the type's core measure (疫病强制免疫密度) takes the place
    return _reason_naming(unnamed_counted_group(d, ctx), "描述中没有“{}”，按人数计量的这项指标仅作备选")


def _why_spare_entry_of_absent_object(d: Draft, ctx: ProjectContext) -> str:
    """A type's alternate entry (core: false), unbound and no satisfaction row, is set aside unless the text names
    its object (`evidence.object_in_text` ≥ `OBJECT_IN_TEXT`) or it is a programme's service (`Draft.programme_service`)."""
    if d.type_prob > 0 and not d.type_core and d.tier != Tier.BOUND and d.slot != "satisfaction" and \
            not d.programme_service and object_in_text(d, ctx, ROW_TAIL) < OBJECT_IN_TEXT:
        # a type's alternate entry (core: false) enters the table only when the text names its object
        # (河湖保洁面积, 堤防达标率 for a dredging that neither cleans nor builds dikes)
        return ASIDE_SPARE_ENTRY
    return ""


# a count of events a project holds (举办展览数量, 开展培训场次): by its name's verb or its unit
_HELD = re.compile(r"^(?:举办|开展|组织|举行)")


def _why_core_count_of_absent_object(d: Draft, ctx: ProjectContext) -> str:
    """A type's core count of events held (`_HELD`, or counted in `EVENT_UNITS`) left blank whose object has no word
    in the text (no bigram of its name without the measure: 举办展览数量 of the 场馆免费开放 set for a library's text
    that names no exhibition — the lead's closing note) is set aside when the text counts the events it holds itself
    (开展阅读推广活动24场): those are its events, not another kind of venue's. Counts of the work itself stay (路面病害修复面积
    for a road's 修缮, round 10), as does every blank count of a text that counts no events."""
    if d.type_prob > 0 and d.type_core and d.slot == "quantity" and d.tier != Tier.BOUND and d.pending \
            and d.source == "type" and (_HELD.match(d.key) or (d.value_unit or d.unit) in EVENT_UNITS) \
            and object_in_text(d, ctx, ROW_TAIL) == 0 \
            and any(m.unit in EVENT_UNITS and not m.is_budget for m in ctx.mentions):
        return "描述中没有这项活动（描述写明的活动另有其数），仅作备选"
    return ""


def _vet_retrieved_row(d: Draft, ctx: ProjectContext, sectors: set[str]) -> None:
    """A retrieved row of no type: another sector's (not in `sectors`) needs two of its name's content words in the
    text (`evidence.name_evidence`); a generic one is only an alternate; a blank count needs the text's area or
    length (`_MEASURED_EXTENT`) and its object and head, a % count and any other row (not bound, no satisfaction)
    their object in the text; others are set aside."""
    if d.source == "retrieval" and d.type_prob == 0:
        foreign = d.sector and d.sector != "通用" and d.sector not in sectors
        if foreign and name_evidence(d, ctx) < 2:
            set_aside(d, "其他行业的指标，描述中缺少依据，仅作备选")
        elif d.generic:
            d.tier = Tier.ALTERNATE
        elif d.slot == "quantity":
            if d.pending and AREA_OR_LENGTH.search(d.value_unit or d.unit or "") and \
                    not _MEASURED_EXTENT.search(ctx.text):
                # 补助面积 (亩) for a living allowance: a blank area or length the text never measures in
                set_aside(d, "描述中没有面积或长度，仅作备选")
            elif d.pending and (ctx.mentions or len(ctx.text) >= DESCRIBED) and (
                    object_in_text(d, ctx) < OBJECT_IN_TEXT or not head_in_text(d, ctx)):
                set_aside(d, "描述中没有这项数量的对象，仅作备选")
            elif _is_rate(d) and d.tier != Tier.BOUND and object_in_text(d, ctx, ROW_TAIL) < OBJECT_IN_TEXT:
                # 主体工程完成率 ≥70% carries another project's progress figure into a road project
                set_aside(d, "描述中没有这项指标的对象，仅作备选")
        elif d.tier != Tier.BOUND and d.slot != "satisfaction" and \
                object_in_text(d, ctx, ROW_TAIL) < OBJECT_IN_TEXT:
            set_aside(d, "描述中没有这项指标的对象，仅作备选")


# a text measuring an area or a length (亩, 公里, 面积, 道路 …): a blank area or length row needs one
_MEASURED_EXTENT = re.compile(r"亩|公顷|平方|公里|千米|米|面积|里程|长度|耕地|土地|林地|草原|道路|河道|管网|渠")
# the share of a land area kept or covered (森林覆盖率, 湿地保护率, 草原综合植被盖度): a level of the place itself
LAND_SHARE = re.compile(r"(?:森林|林木|林草|湿地|草原|植被|绿化|绿地)[\u4e00-\u9fff]{0,6}(?:覆盖率|保护率|盖度|绿化率)$")
# a name built on a fund's title (中央财政…, 省级财政…): where the money comes from, not what it does
FUND_TITLE = re.compile(r"^(?:中央|省|省级|市|市级|县|县级|区|区级|本级|上级)财政")
# a count of persons formed from the text or filled into a template (〔服务名称〕服务人次, 〔对象〕人数)
_PERSONS_COUNTED = re.compile(r"(人次|人数)$")
# a retrieved count of the persons a service serves that names no group of them (服务人数, 服务人次)
_SERVED_COUNT = re.compile(r"服务(?:人次|人数)$")
# quality measures formed from the project's name alone that say nothing checkable
VAGUE_QUALITY = re.compile(r"(达标率|完成率|(?<!验收)合格率)$")
# a rate of the targets themselves (预期目标达成率, 绩效目标完成率, 年度目标实现率)
CIRCULAR = re.compile(r"目标(?:任务)?(?:达成|完成|实现)率$")
# …or when the text is long enough to name what the project counts (早孕建册人数 for a family-aid payment)
DESCRIBED = 40


# a volume of use of a system or platform (办件量, 访问量, 业务量) and a maintenance contract's work
_USE_VOLUME = re.compile(r"办件量|办件数|访问量|访问人次|业务量|交易量|点击量|浏览量")
_MAINTAINS = re.compile(r"运维|运行维护|维护服务")
# upkeep of what stands, and the work that changes a city's green layout (`words.LAYOUT_MEASURES`)
_KEEPING_WORK = re.compile(r"养护|管护|维护|保洁")
_LAYOUT_WORK = re.compile(r"新建|新增|建设|扩建|改建|规划|增绿|造林|绿化提升|提质改造")


# a typical value of a time row that ends the work within the year, and a text stating a period of several years
_WITHIN_YEAR = re.compile(r"年度内|当年|年内")
_YEARS_SPAN = re.compile(r"(20\d\d)\s*(?:年)?\s*[-－—–~～至到]\s*(20\d\d)\s*年")


def _is_rate(d: Draft) -> bool:
    return (d.value_unit or d.unit) == "%"


# a respondent that is the public in general (社会满意度, 市民满意度, 受益群众满意度, 辖区内群众满意度) or whoever a
# programme serves by its role (服务对象, 受助对象, 补贴对象): not one who says what is asked about (群众安全感,
# 改善通行服务水平群众) nor a group within the public (少数民族群众, 优抚对象, 获贷农户)
# …or the project's own staff (医务人员满意度 for a clinic whose text names its 患者: they are not the served)
_GENERAL_RESPONDENT = re.compile(r"(受益|辖区内?|广大|全[县市区镇])?(社会公众|社会|公众|市民|群众|居民|人民群众)|"
                                 r"(服务|受助|受益|补贴|补助|资助|奖补|救助|帮扶|扶持|保障)?对象|受益人群?|"
                                 r"(医务|医护|工作|干部|使用)?(人员|职工)|使用单位")
# what a row asks about after its people (市民对粮食供应满意度): the people are before it
_ABOUT = re.compile(r"对(?!象).+$")


def prefer_named_respondents(drafts: list[Draft], ctx: ProjectContext) -> None:
    """Tier ALTERNATE for a satisfaction row asking the public or the served in general when the text names whom
    the project serves (`words.served_groups`: 学生, 家长, 患者, 脱贫户 …) and another row asks them: 社会满意度
    for a payment to 39 脱贫户 beside 脱贫户满意度, 市民满意度调查 for grain bought from 农户, 医务人员满意度 for a
    clinic whose text names its 患者 (issue 10). A row with a learned value is kept (the unit asked it before)."""
    # a text naming nobody it serves: a school's, court's or hospital's own people (`ProjectContext.own_people`)
    served = served_groups(ctx.beneficiaries) or (list(UNIT_RESPONDENTS.get(ctx.own_people, ()))
                                                   if not _served_named(ctx) else [])
    if not served:
        return
    live = [d for d in drafts if d.slot == "satisfaction" and d.tier != Tier.ALTERNATE]
    if not any(_asks_group(d, served) for d in live):
        return
    for d in live:
        if d.value_source != "learned" and _GENERAL_RESPONDENT.fullmatch(_ABOUT.sub("", SATISFACTION_TAIL.sub("", d.key))) \
                and not _asks_group(d, served):
            set_aside(d, f"描述写明了服务对象（{'、'.join(served[:2])}），满意度应询问他们，仅作备选")


def prefer_specific_respondents(drafts: list[Draft]) -> None:
    """Tier ALTERNATE for a satisfaction row whose respondent the checker calls vague (SAT-05,
    `kb.checker.lexicon.SAT_VAGUE_RE`: 社会满意度, 社会公众满意度 — 满意度对象笼统，无法组织调查) while another row
    that may be shown asks someone it can survey: D060 (a 岗位补贴 for 再就业援助对象) showed 社会满意度 with
    受助对象满意度 in the pool. A row with a learned value is kept (the unit asked it before)."""
    from kb.checker.lexicon import SAT_VAGUE_RE

    live = [d for d in drafts if d.slot == "satisfaction" and d.tier != Tier.ALTERNATE]
    if not any(not SAT_VAGUE_RE.search(d.key) for d in live):
        return
    for d in live:
        if d.value_source != "learned" and SAT_VAGUE_RE.search(d.key):
            set_aside(d, "审核规则 SAT-05：满意度对象笼统，已有写明调查对象的满意度指标，仅作备选")


def _served_named(ctx: ProjectContext) -> bool:
    """The text names someone it serves, the public in general included (居民 of a clinic's 基本公共卫生服务)."""
    from kb.suggest.candidates import OWN_STAFF

    return any(not OWN_STAFF.match(b) for b in ctx.beneficiaries)


def _asks_group(d: Draft, served: list[str]) -> bool:
    """The satisfaction row names one of the groups `served` (脱贫户 in 受益脱贫(监测)户 by its first two characters)."""
    who = SATISFACTION_TAIL.sub("", d.key)
    return (_asks_people(d) or who in served) and any(g in who or g[:2] in who for g in served)   # 干警: people


def _asks_people(d: Draft) -> bool:
    """The row asks people (学生, 群众, 使用人员, 服务对象) — not a thing (房屋满意度 from a real table)."""
    who = SATISFACTION_TAIL.sub("", d.key)
    return not who or bool(PERSON_HEADS.search(who) or GENERIC_WHO.search(who))


# the share of people knowing a body of knowledge (营养健康知识知晓率, 禁毒知识知晓率)
_KNOWLEDGE_RATE = re.compile(r"知识(?:知晓|普及|掌握)率$")
# work that teaches people something (a knowledge awareness rate is its effect)
_PUBLICITY = re.compile(r"宣传|宣讲|培训|告知|公示|讲座|普及|宣教|健康教育|知识教育|政策解读|科普|发放资料|明白纸")


def vet_with_checker(drafts: list[Draft], ctx: ProjectContext) -> None:
    """Run `drafts` (the rows about to be shown) through the checker (see the module docstring)."""
    from kb.checker import check_rows

    cand = [d for d in drafts if d.tier != Tier.ALTERNATE]
    if not cand:
        return
    rows = [TargetRow(level1=Level1(l1).label, level2=Level2(l2).label, name=d.name, operator=d.operator,
                      value=d.value, unit=d.value_unit or d.unit) for d in cand for l1, l2 in [d.shown_levels]]
    context = {"project": ctx.name, "description": ctx.description}
    if ctx.budget_wan is not None:
        context["budget_wan"] = ctx.budget_wan
    report = check_rows(rows, context, suggest=False)
    for f in report.findings:
        if f.scope != "row" or f.row is None:
            continue
        d = cand[f.row - 1]
        if f.severity != "error" and f.rule_id not in FOREIGN_RULES and f.rule_id not in VALUE_WARNINGS \
                and not (f.rule_id == "REL-01" and d.slot == "timeliness"):
            continue
        _apply_finding(d, f)


# findings a row left 待填写 on purpose carries by design (the value is the declarant's to give)
PENDING_RULES = frozenset({"STR-03"})
# warnings that say the row belongs to another fund programme (REL-05): such a row is only an
# alternate, so no default table carries a row our own checker calls unrelated to the project
FOREIGN_RULES = frozenset({"REL-05", "REL-02",   # …and an input or process indicator (预算执行率) as an output
                           "QNT-02",    # …and a slogan the checker says to delete (应急保障能力; fresh trial)
                           "REL-03",    # …and a benefit no project can claim (维护社会稳定; third fresh trial)
                           "REL-06"})   # …and a stock or a total to date as an output (现有农户户数; fifth trial)
# a finding that the text's figure itself is the setting or a total to date (REL-06): the row goes even when its
# value is the text's
STOCK_RULES = frozenset({"REL-06"})
# warnings on a value the library or a real table gave (not the text): 社会满意度 =100% (SAT-02) takes the
# checker's own default satisfaction target; 定性 整洁有序 (QNT-05, neither a number nor a grade) is 待填写
# with the checker's reason, as an error's value is (second trial: the table failed its own check)
VALUE_WARNINGS = frozenset({"SAT-02", "QNT-05"})
# REL-01 under 时效 (文化惠民活动按计划完成率: no time in it) makes the row an alternate: the slot takes an on-time row.
# Not REL-01 under 数量 (a rate under 数量): real tables file 健康管理率 and 主体工程完成率 under 数量, and moving them
# to 质量 emptied 基本公共卫生服务's 数量 block (tried on the 85 dev tables, 2026-12-06)


def _apply_finding(d: Draft, f) -> None:
    if d.pending and f.rule_id in PENDING_RULES:
        return
    if f.rule_id in STOCK_RULES and d.value_source == "text":
        # the text's own figure, but of what stands (连同现有的11家助餐点): no target, and no table of ours carries a
        # row our checker warns on (trial 13: 助餐点数量 ≥11 家 beside its own REL-06)
        set_aside(d, f"审核规则 {f.rule_id}: {f.message}")
        return
    structural = _STRUCTURAL.match(f.rule_id) or f.field in STRUCTURAL_FIELDS  # REL-05 is on the name
    if structural:
        if d.value_source != "text":
            set_aside(d, f"审核规则 {f.rule_id}: {f.message}")
        return
    if d.pending or d.value_source == "text":
        return  # left blank on purpose, or the declarant's own number
    was = d.value
    if f.rule_id == "SAT-02":   # the value the checker writes for a satisfaction (kb.checker.rewrite)
        from kb.settings import CheckerSettings

        d.operator, d.value, d.value_unit = "≥", f"{CheckerSettings().satisfaction_default_pct:g}", "%"
        d.evidence.append(f"审核规则 {f.rule_id}: {f.message}")
        return
    d.value, d.value_source = "", ""
    if d.operator == "定性":
        # the checker's own words for what passes (lexicon.CHECKABLE_RESULT_HINT; trial 10: the hint and QNT-05 disagreed)
        d.note = f"{PENDING}：{CHECKABLE_RESULT_HINT}(指标库参考值“{was}”审核不通过：{f.message}，规则 {f.rule_id})"
    else:
        d.note = f"{PENDING}：{f.message}(审核规则 {f.rule_id})"


# 服务器及网络设备巡检每月不少于2次: the work done so many times, right after the counted object (trial 12)
_TIMES_WORK = r"([\u4e00-\u9fff]{2})(?=每[年季月周天日]|不少于|不低于|共|累计|\d)"
# 增加灌溉面积0.6万亩 after 工程实施后: what the project adds is its effect, in the text's own verb (trial 12)
_GAIN_VERBS = ("增加", "新增")
# 覆盖60周岁以上老年人2300人: who the service reaches, in the clause before the count
_CLAUSE = re.compile(r"[，。；,;！？]")


def finalise_formed_names(drafts: list[Draft], ctx: ProjectContext) -> None:
    """After ranking, the names of rows formed from the text's numbers (`candidates`) that lost what they count
    (trial 12): a count of times names its work (网络设备次数 → 网络设备巡检次数, as the text says 网络设备巡检每月…2次);
    an area the text says the project adds is its effect in the text's verb (灌溉面积 under 数量 → 增加灌溉面积, filed
    where the checker files it); a bare headcount of a group the service reaches (覆盖…老年人2300人 → 老年人人数) names
    them as beneficiaries (受益老年人数, a social benefit). Run after ranking, so the ranker's training reads the same
    candidates as before. In place."""
    from kb.checker.rewrite import guess_level
    from kb.suggest.words import BENEFICIARIES

    for d in drafts:
        _keep_qualifiers(d, ctx)
        m = d.mention
        if d.source != "formed" or m is None or d.level2 != "quantity" or not m.obj:
            continue
        if m.obj in BARE_HEADS and d.name == m.obj + "数量":
            # 运维范围包括政务外网接入单位87个: 单位数量 says nothing; the words before the head name what is counted
            said = _LIST_LEAD.split(m.context)[-1]
            if said.endswith(m.obj) and 2 < len(said) <= 12 and said != m.obj:
                d.name = said + "数量"
        elif d.unit == "次" and d.name == m.obj + "次数":
            work = re.search(re.escape(m.obj) + _TIMES_WORK, ctx.text)
            if work and work.group(1) not in FUNCTION_WORDS_2:
                d.name = m.obj + work.group(1) + "次数"
        elif m.context.startswith(_GAIN_VERBS) and not d.name.startswith(_GAIN_VERBS):
            name = m.context[:2] + d.name
            level1, level2 = guess_level(name)
            d.name = name
            if level1 is Level1.benefit:
                d.level2 = level2.value
        elif m.obj in BENEFICIARIES and d.name in (m.obj + "人数", m.obj + "数") and m.unit in ("人", "名"):
            clause = _CLAUSE.split(ctx.text[max(0, m.start - 30):m.start])[-1]
            if "覆盖" in clause or "受益" in clause or "惠及" in clause:
                d.name = "受益" + m.obj + ("数" if m.obj.endswith("人") else "人数")
                d.level2 = "social_benefit"


# heads that name no thing alone (单位数量 ≥87 个: which units?) and the words after which a list's items start
BARE_HEADS = frozenset(("单位", "人员", "设备", "站点", "点位", "对象", "机构"))
_LIST_LEAD = re.compile(r"包括|包含|涵盖|覆盖|其中|含|共有|涉及")
# the channel a part of a count is said of (线上参与15000人次, 线下观赛0.8万人次)
_CHANNEL = re.compile(r"(线上|线下|网上|现场|室内|户外)")
# a grade of harm (全年重大网络安全事件为零): a zero row keeps it — 网络安全事件发生次数 = 0 promises more than the text
_HARM_GRADE = re.compile(r"(重大|特大|较大|严重|一般)$")


def _keep_qualifiers(d: Draft, ctx: ProjectContext) -> None:
    """The text's qualifier a row's name dropped (trial 13): a time limit joined by 、 to the one before it takes that
    one's object (一般故障2小时内响应、8小时内修复 → 一般故障修复时间, not 修复时间); a count of harm held at zero names
    the grade the text says (全年重大网络安全事件为零 → 重大网络安全事件发生次数). In place."""
    m = d.mention
    way = _CHANNEL.match(m.context) if m is not None and d.value_source == "text" else None
    if way and way.group(1) not in d.name and not _CHANNEL.search(d.name):
        # 其中线上参与15000人次: the part online, never all who took part (活动参与人次 ≥15000 beside 参与群众 1.5 万人次)
        d.name = way.group(1) + d.name
        return
    if d.slot == "timeliness" and m is not None and not m.obj and m.action and d.name == m.action + "时间":
        prev = [n for n in ctx.mentions if n.end <= m.start and n.action and n.obj and n.unit and n.obj != m.action]
        if prev and re.fullmatch(r"[内以完成]*[\u4e00-\u9fff]{0,4}[、和及]", ctx.text[prev[-1].end:m.start]):
            d.name = prev[-1].obj + d.name
        return
    if d.value == "0" and d.name.endswith("发生次数") and d.tier:
        harm = d.name[:-4]
        at = ctx.text.find(harm) if len(harm) >= 3 else -1
        grade = _HARM_GRADE.search(ctx.text[max(0, at - 2):at]) if at >= 0 else None
        if grade and grade.group(1) != "一般":
            d.name = grade.group(1) + d.name


# two characters after an object that are no work (网络设备及…, 设备共…)
FUNCTION_WORDS_2 = frozenset("以上 以下 合计 总计 累计 全年 每年 每月 不少 不低".split())
# a payment made by the month or the quarter (按月拨付, 每季度结算), and a period from one year into another
# (2025年秋季学期至2026年春季学期): a text with both has no completion date at the budget year's end (trial 12)
PERIODIC_PAY = re.compile(r"(?:按月|每月|按季|每季度?)[^，。；]{0,12}(?:拨付|结算|发放)")
YEARS_SPANNED = re.compile(r"(20\d\d)\s*[年.\-/][^，。；]{0,12}?(?:至|到|—|-|~)\s*(20\d\d)\s*[年.\-/]")


def set_aside_year_end_across_years(drafts: list[Draft], ctx: ProjectContext) -> None:
    """A completion date set by the budget year's end (`binding.YEAR_END_BASIS`) for a project whose text runs from
    one year into the next (2025年秋季学期至2026年春季学期, trial 12: 学生营养改善计划完成时间 12月31日前) contradicts the
    text: set aside while the slot has another row (营养膳食补助资金拨付及时率) to take its place. In place."""
    spans = [m for m in YEARS_SPANNED.finditer(ctx.text) if m.group(1) != m.group(2)]
    # the stated term is periodic payment (每月10日前完成上月结算): a paying on-time row takes the place; without one
    # (D002's 服务周期 2023.07-2024.01, whose next rows are no timeliness) the table keeps a row to correct
    others = [d for d in drafts if d.slot == "timeliness" and d.tier != Tier.ALTERNATE and d.value_source != "year_end"
              and re.search(r"拨付|结算|发放", d.name)]
    if not spans or not others or not PERIODIC_PAY.search(ctx.text):
        return
    for d in drafts:
        if d.value_source == "year_end" and d.tier != Tier.ALTERNATE:
            set_aside(d, f"描述写明的实施期跨年度（{spans[0].group(0)}），不按预算年度末设定完成时限")


# a stated period a row holds (2023年7月至2024年1月): its end's year and month
_PERIOD_END = re.compile(r"至\s*(20\d\d)年(?:(\d{1,2})月)?")
_DATE = re.compile(r"(20\d\d)年(\d{1,2})月")


def date_year_end_by_stated_period(drafts: list[Draft]) -> None:
    """A completion date set by the budget year's end (`binding.YEAR_END_BASIS`) beside a row holding the text's own
    period that runs past it (trial 14, the demo's first table: 降尘抑尘服务周期 2023年7月至2024年1月 over
    降尘抑尘服务完成时间 2023年12月31日前 “描述未写明完成时限”) contradicts the text: the stated period's end is the
    deadline (2024年1月31日前, its 设定依据 the period) — and, since the period's row already says it, the dated row is
    set aside (trial 22: one timing counted twice). Every such row of the pool; in place."""
    ends = []
    for d in drafts:
        if d.slot != "timeliness" or d.tier == Tier.ALTERNATE or d.value_source != "text":
            continue
        m = _PERIOD_END.search(d.value or "")
        if m and m.group(2):
            ends.append((int(m.group(1)), int(m.group(2)), d.value))
    if not ends:
        return
    for d in drafts:
        if d.value_source != "year_end":
            continue
        y = _DATE.search(d.value or "")
        past = [e for e in ends if y and e[:2] > (int(y.group(1)), int(y.group(2)))]
        if past:
            yy, mm, said = past[0]
            d.value = f"{yy}年{mm}月{calendar.monthrange(yy, mm)[1]}日前"
            d.value_source, d.note = "text", ""
            d.mention = None
            d.evidence.append(f"描述写明的期限: {said}，完成时间取期限末")
            if d.tier != Tier.ALTERNATE:
                # trial 22: the period's row already says when the work ends (服务周期 2023年7月至2024年1月 beside
                # 完成时间 2024年1月31日前: one timing counted twice, a fresh reviewer struck the second)
                set_aside(d, f"描述写明的期限“{said}”已由服务周期一行承载，完成时间与之重复，仅作备选")
