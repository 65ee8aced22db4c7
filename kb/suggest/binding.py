"""Step 4, first: the text's own quantities bound to their rows (value_source = text).

`bind_mentions` gives each quantity the description states to the rows about
the same object (its unit measures the same kind of thing, the row holds its
object's words); a money mention becomes a standard, a per-unit amount or a
gain (`_bind_money`); a stated deadline or period dates the on-time rows
(`_bind_deadline`, `_bind_period`), and a row whose deadline the text does
not give takes the budget year's end (`YEAR_END_BASIS`). A bound value is
never overridden by the values of `kb.suggest.values` or
`kb.suggest.cost_values`. Pure functions over drafts.
"""
from __future__ import annotations

import re
from copy import copy
from dataclasses import replace
from functools import lru_cache

from kb.domain.standards import (BOUND_BEFORE, CLAUSE_START, PER_AVERAGE, PER_BEFORE, PER_THING_AFTER,  # noqa: F401
                                 PER_TON_COST, PERIODS, Standard, said_parts, standard_at)
from kb.domain.words import BUILD_WORDS
from kb.suggest import quantities as Q
from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.evidence import other_programme
from kb.suggest.objects import Mention, places_only, pos_cut
from kb.suggest.naming import TIME_LIMIT
from kb.suggest.placement import misfiled_gain
from kb.suggest.words import IN_USE_ON_TIME, ON_TIME, PERIOD, STANDARD_NAME, STATED_PERIOD
from kb.domain.text import bigrams, normalize_name
from kb.domain.units import time_count_unit, unit_fits
from kb.suggest.quantities import amount


STEM_OVERLAP = 0.5      # …or the share of the row name's own words the mention holds
BIND_OVERLAP = 0.3       # share of the mention's object bigrams the row name must hold to bind
# a row whose own name counts what stands (项目区现有耕地面积, 现有藏书数量, 原有渠道长度): a stock, never a target
STOCK_NAME = re.compile(r"现有|原有|已有|现存|既有")


def bind_mentions(drafts: list[Draft], ctx: ProjectContext, main_type: str | None = None) -> None:
    """Give each stated quantity to the rows about the same object (value_source = text).

    A formed draft carries its own mention. A library or type row takes a
    mention whose unit measures the same kind of thing and whose object
    words it shares (≥ BIND_OVERLAP of the object's bigrams, or of the row
    name's own words); when no row shares them, the type row that needs a
    number, listed first among those of the mention's unit family, takes it
    if that mention is the only one of its family and no capacity (储备规模 5000 吨稻谷 → 地方储备粮规模
    5000 吨; 储备物资可满足1.5万名受灾群众…需要 counts nobody served). `main_type`: the id of the project's best type (a standard row of a further
    type takes a per-unit amount only when no row names the text's words and none can be formed).
    """
    best: dict[int, tuple[float, Mention, Draft]] = {}   # per row: the mention whose words it shares most
    for m in ctx.mentions:
        if m.unit in Q.MONEY_UNITS:
            if not _next_tier(m, drafts, ctx):
                _bind_money(m, drafts, ctx, main_type)
            continue
        fam = [d for d in drafts if d.mention is None and d.slot in BINDABLE and _units_fit(m.unit, d)
               and not _against_direction(d, m) and not _limit_of_other_work(d, m) and not _builds_what_stands(d, m)
               and not _bare_place_count(d, m) and not STOCK_NAME.search(d.key)
               and not _total_for_per_head(d, m, ctx.text) and not _staff_as_served(d, m, ctx.text)
               and not _share_as_on_time(d, m)
               and (not m.obj.startswith("日均") or "日均" in d.key)   # a day's count never binds the year's
               and ("满意" in d.name) == ("满意" in m.obj)]   # 资助对象满意度95% never binds 资助对象认定准确率
        obj = set(bigrams(normalize_name(m.obj + m.verb))) or set(bigrams(normalize_name(m.context)))
        said = set(bigrams(normalize_name(m.verb + m.obj + m.context)))
        fam = [d for d in fam if not _other_area(d, m)]
        scored = [(1.0 if _managed_building(d, m) else len(obj & d.bigram_counts.keys()) / len(obj) if obj else 0.0,
                   _stem_share(d, said), d) for d in fam]
        bound = [(max(o, st), d) for o, st, d in scored if (o >= BIND_OVERLAP or st >= STEM_OVERLAP)
                 and not (max(o, st) < 0.5 and _other_thing(d, m))]
        if not bound and _only_of_family(m, ctx) and not _CAPACITY.search(m.context):
            # a count of places goes only to a row counting such places (补助村(社区)数量), never to 危桥改造数量
            lone = sorted((d for d in fam if d.source == "type" and d.needs_value and d.indicator_id
                           and (not places_only(m) or m.obj[-1] in d.key) and not _other_thing(d, m)),
                          key=lambda d: (-d.type_prob, d.type_pos))
            bound = [(0.0, d) for d in lone[:1]]
        for share, d in bound:
            # 困难残疾人3200人、重度残疾人4100人: 重度残疾人护理补贴人数 shares half of the first's words and all
            # of the second's — it takes the second (a fresh trial found it bound to 3200)
            if id(d) not in best or share > best[id(d)][0]:
                best[id(d)] = (share, m, d)
    for _, m, d in best.values():
        d.mention = m
        d.evidence.append(f"描述中的数量: {m.context}{m.value}{m.unit}")
    for d in drafts:
        if d.mention is not None and STOCK_NAME.search(d.key):
            d.mention = None   # 项目区现有耕地面积: what stands takes no target, whatever the reading of the text missed
    _name_standard_groups(drafts, ctx)
    for d in drafts:
        if d.mention is not None:
            _take_mention(d, d.mention)
    _one_kind_summed(drafts, ctx)
    _bind_deadline(drafts, ctx)
    _bind_period(drafts, ctx)


# a tier of a standard listed after another with 、, its group and maybe its own 每… before it (、初中生5元,
# 、初中生每人每餐补助5元)
_TIER_BETWEEN = re.compile(r"、[\u4e00-\u9fff]{1,12}$")


def _next_tier(m: Mention, drafts: list[Draft], ctx: ProjectContext) -> bool:
    """A per-unit amount listed after a bound standard with 、 (小学生每人每餐补助3元、初中生5元 — a QA trial kept only
    the 3 元): a copy of that standard row takes it, measured per the same parts, and `_name_standard_groups`
    names each tier by its group. Mutates `drafts`; True when it bound `m`."""
    prev = next((d for d in drafts if d.mention is not None and d.mention.unit == m.unit and d.slot == "cost"
                 and _per_unit_money(d.unit or d.typical[2]) and d.mention.end < m.start
                 and _TIER_BETWEEN.fullmatch(ctx.text[d.mention.end:m.start])), None)
    if prev is None or not standard_group(ctx.text, m):
        return False
    row = copy(prev)
    row.evidence = [e for e in prev.evidence if not e.startswith("描述中的金额")] + [
        f"描述中的金额: {ctx.text[prev.mention.end + 1:m.start]}{m.value}{m.unit}（与前一档同一标准）"]
    row.type_ids = list(prev.type_ids)
    row.mention = replace(m, per=prev.mention.per, per_part=prev.mention.per_part, ceiling=prev.mention.ceiling)
    drafts.append(row)
    return True


# what may join two counts of one kind in one clause (3个村级幸福食堂和1个镇区中心食堂): nothing else between them
_JOINED = re.compile(r"[\u4e00-\u9fff]*?(?:和|及|以及|与|、)")


def _one_kind_summed(drafts: list[Draft], ctx: ProjectContext) -> None:
    """Counts of one kind of thing the text lists in one clause with one head noun and one unit (依托3个村级幸福食堂
    和1个镇区中心食堂: two 食堂, 个) are one row holding their sum, the parts in its 指标解释 (助餐食堂数量 ≥4 个,
    村级幸福食堂3个、镇区中心食堂1个 — a reviewer of the fifth trial wanted one row, not two); the row is named
    with the project's own field word before the head (助餐, from 老年助餐服务补助) when its core has one. Only
    quantity rows holding the text's counts, the second joined to the first by 和 / 及 / 与 / 、 alone (no work
    verb between: 新建卫生室3个和改造卫生室2个 are two works). The other rows leave the pool."""
    from kb.suggest.words import WORK_VERBS

    rows = sorted((d for d in drafts if d.slot == "quantity" and d.value_source == "text" and d.mention is not None
                   and d.value_unit not in Q.MONEY_UNITS | {"%", "‰", ""}), key=lambda d: d.mention.start)
    gone: set[int] = set()
    for a, b in zip(rows, rows[1:]):
        if id(a) in gone or a.value_unit != b.value_unit or b.mention.start <= a.mention.end:
            continue
        between = ctx.text[a.mention.end:b.mention.start]
        head_a, head_b = MEASURE_TAIL.sub("", a.key)[-2:], MEASURE_TAIL.sub("", b.key)[-2:]
        if head_a != head_b or len(head_a) < 2 or not _JOINED.fullmatch(between) \
                or any(v in between for v in WORK_VERBS):
            continue
        try:
            total = float(a.value) + float(b.value)
        except ValueError:
            continue
        field_word = next((w for w, pos in pos_cut(ctx.core or "") if pos.startswith("n") and len(w) >= 2
                           and w not in head_a), "")
        parts = "、".join(f"{MEASURE_TAIL.sub('', x.key)}{x.value}{x.value_unit}" for x in (a, b))
        a.name, a.value = f"{field_word}{head_a}数量", amount(total)
        a.explanation = f"{parts}，合计{a.value}{a.value_unit}"
        a.evidence.append(f"描述中的数量: {b.mention.context}{b.mention.value}{b.mention.unit}")
        gone.add(id(b))
    drafts[:] = [d for d in drafts if id(d) not in gone]


def _bind_period(drafts: list[Draft], ctx: ProjectContext) -> None:
    """A period the text states (实施期2023.07-2024.01) is the value of the period rows (服务周期), written
    as the checker writes a period (2023年7月至2024年1月, `kb.checker.rewrite.period_text`); a 时效 row
    takes it first, a row elsewhere only when no 时效 row is there (one period per table)."""
    from kb.checker.parse import ParsedRow
    from kb.checker.rewrite import period_text
    from kb.domain.schema import TargetRow

    m = STATED_PERIOD.search(ctx.description or "")
    if not m:
        return
    said = period_text(ParsedRow(TargetRow(level1="产出指标", level2="时效指标", name="服务周期",
                                           value=re.sub(r"\s+", "", m.group(1))), 1))
    rows = [d for d in drafts if PERIOD.search(d.key) and d.value_source != "text"]
    rows = [d for d in rows if d.slot == "timeliness"] or rows
    for d in rows if said else []:
        d.operator, d.value, d.value_unit, d.unit, d.value_source = "", said, "", "", "text"
        d.evidence.append(f"描述中的实施期: {m.group(1)}")


def project_deadline(text: str | None, year: int | None, name: str = "项目完成时间") -> str | None:
    """The deadline a description states for the work the 时效 row `name` dates, '2025年5月31日前', or None —
    the checker's one reader (`kb.checker.rewrite.read_work_deadline`: the date whose clause names the row's
    work, else the only date, else the project's completion date, else none; dotted dates 2025.10.31前 and a
    season before 前, 2025年5月31日汛期前, included), so suggest's time row and the checker's TIME-05 rewrite
    name one date and suggest never takes the first of several (a fresh reviewer got the contract-signing
    date 3月底前 for 农村公路日常养护完成时间 when the text ends the work 12月20日前)."""
    from kb.checker.rewrite import read_work_deadline

    return read_work_deadline(text, year, name)[0]


# 设定依据 of an on-time row dated by the budget year's end because the description states no deadline
YEAR_END_BASIS = "描述未写明完成时限，按预算年度末设定"
# …and of a payment's on-time row (补助发放及时率) when the description states no term for paying
PAY_YEAR_END_BASIS = "描述未写明发放时限，按预算年度末设定"


def _bind_deadline(drafts: list[Draft], ctx: ProjectContext) -> None:
    """A deadline the text states (2025年10月底前完成) is the target of the on-time rows, written as the
    checker's TIME-05 rewrite writes it: 〔X〕完成时间, 2025年10月31日前 — not 完成及时率 =100%. A date the text
    gives for paying out (资金于6月底前拨付到校) binds only rows about paying. When the text states no deadline at
    all, an on-time rate of the work (义诊进乡村按时完成率 =100 %) is dated by the budget year's end
    (〔X〕完成时间 2025年12月31日前, or 12月31日前 when no year is stated; 设定依据 `YEAR_END_BASIS`), as TIME-05's
    rewrite dates it; text stating dates for other work leaves the rate as it is (which date is the declarant's).
    Work that runs all year is dated here too and takes its rate back after ranking (`undate_standing_work`)."""
    from kb.checker.rewrite import (deadline_name, limit_name, payment_days, payment_deadline, payment_verb,
                                    pays_on_time, stated_deadline, without_payments)
    from kb.checker.lexicon import TIME05_NAME_RE
    from kb.domain.words import PAYMENT_VERBS

    from kb.domain.years import stated_year

    year = stated_year(ctx.name, ctx.description)
    # a deadline whose clause pays (资金于6月底前拨付到校) dates only rows about paying, not the work's (活动完成时间)
    work_text = without_payments(ctx.description)
    pay_by = payment_deadline(ctx.description, year)   # the payment's own date (9月30日前发放到位)
    days = payment_days(ctx.description)               # …or its working days (10个工作日内拨付)
    for d in drafts:
        if d.slot != "timeliness" or d.value_source == "text":
            continue
        pays = pays_on_time(d.key)
        paying = pays or any(v in d.key for v in PAYMENT_VERBS)
        date = pay_by if pays and pay_by else \
            (project_deadline(ctx.description if paying else work_text, year, d.name) if ON_TIME.search(d.key) else None)
        if date:
            verb = payment_verb(ctx.description) if pays and date == pay_by else None
            if verb and verb not in _ARRIVAL_VERBS and any(v in d.name for v in _ARRIVAL_VERBS):
                # trial 19: 补助经费到位及时率 beside “资金于…前按季度拨付到村” became …资金到位时间, which the checker's
                # REL-02 deletes (资金到位 is an input indicator); the row dates the payment the text states, in its verb
                d.name = re.sub("|".join(_ARRIVAL_VERBS), verb, d.name, count=1)
            opening = IN_USE_ON_TIME.search(d.name)
            if opening:   # 老年助餐点按期投入运营率 → 老年助餐点投入运营时间 2025年6月30日前
                d.name = d.name[:opening.start()] + opening.group(1) + "时间"
                d.explanation = f"实际{opening.group(1)}的日期，不晚于描述写明的时限"
            elif not d.key.endswith(("完成时间", "完工时间")):   # a rate's 指标解释 no longer fits (fresh trial)
                d.name, d.explanation = deadline_name(d.name), "实际完成的日期，不晚于描述写明的完成时限"
            if pays and date == pay_by:
                d.name = _paid_in_own_words(d.name, ctx)
            d.operator, d.value, d.value_unit, d.unit, d.value_source = "", date, "", "", "text"
            d.evidence.append(f"描述中的完成时限: {date}")
        elif pays and days:
            # 补助资金10个工作日内拨付到校: 补助资金拨付时限 ≤ 10 个工作日 (was 拨付及时率 ≥95 %)
            d.name, d.explanation = limit_name(d.name), "资金到位至拨付(发放)到对象所用的工作日数，不超过描述写明的时限"
            d.operator, d.value, d.value_unit, d.unit, d.value_source = "≤", days, "个工作日", "个工作日", "text"
            d.evidence.append(f"描述中的拨付时限: {days}个工作日内")
        elif ((ON_TIME.search(d.key) and d.value_unit in ("%", "")
               or TIME05_NAME_RE.search(d.key) and (d.value_unit or d.unit) == "%")
              and not paying and not stated_deadline(ctx.description, year)):
            # 义诊进乡村按时完成率 =100 %: on time by no stated date, which TIME-05 flags (a QA run: 46 of 65
            # tables); a 财政局 reviewer asks for the date — the budget year's end, the 设定依据 saying so. So is a
            # on-time rate of another work (活动按期举办率, T1). A payment's 发放及时率 with no term stated stays as real
            # tables and reviewers write it (dating it cost R@10 0.182 → 0.173 on dev; TIME-05 is info-level there)
            d.undated = (d.name, d.explanation)   # work kept all year takes its rate back (`undate_standing_work`)
            d.name = deadline_name(d.name)
            d.explanation = "实际发放完成的日期，不晚于预算年度末" if pays else "实际完成的日期，不晚于预算年度末"
            d.operator, d.value, d.value_unit, d.unit = "", f"{year}年12月31日前" if year else "12月31日前", "", ""
            d.value_source, d.note = "year_end", PAY_YEAR_END_BASIS if pays else YEAR_END_BASIS


# the money's arrival (资金到位, 到账): the checker's REL-02 reads it as an input indicator, not the payment's output
_ARRIVAL_VERBS = ("到位", "到账")


def _paid_in_own_words(name: str, ctx: ProjectContext) -> str:
    """A payment row's name with what it pays in the project's words when the row's words are another
    programme's (党组织活动经费拨付完成时间 for a 少年宫 fund paid 6月底前 → 乡村学校少年宫活动经费拨付完成时间)."""
    from kb.domain.words import PAYMENT_VERBS
    from kb.suggest.naming import short_object

    verb = next((v for v in PAYMENT_VERBS if v in name), None)
    if verb is None:
        return name
    stem, rest = name.split(verb, 1)
    words = [w for w, _ in pos_cut(stem) if len(w) >= 2]
    own = short_object(ctx.core) if ctx.core else ""
    if not own or all(w in ctx.text for w in words):
        return name
    # trial 19: 村级组织运转经费 + 资金 made …经费资金拨付完成时间: an object already named as money takes no second word
    money = "" if own.endswith(("经费", "资金", "补助")) else next(
        (w for w in ("经费", "资金", "补助") if w in ctx.text), "")
    return own + money + verb + rest


BINDABLE = ("quantity", "timeliness", "quality", "social_benefit")
# a capacity (储备物资可满足1.5万名受灾群众紧急转移安置需要): what could be served, no count of the work
_CAPACITY = re.compile(r"满足|容纳|可供")


def _against_direction(d: Draft, m: Mention) -> bool:
    """A count of what the project does never binds to a row counting what should not happen
    (开展活动20场 → not 活动安全事故发生次数)."""
    if d.direction != "negative":
        return False
    from kb.checker.lexicon import NEG_OBJECT_RE, NEG_STRONG_RE

    said = m.verb + m.obj + m.context
    return not (NEG_STRONG_RE.search(said) or NEG_OBJECT_RE.search(said))


def _builds_what_stands(d: Draft, m: Mention) -> bool:
    """A count of what already stands (依托12个村老年食堂, `Mention.existing`) never binds a row counting what
    is built (老年助餐点建设数量): the project covers or serves those, it does not build them; work done on what
    stands (改造提升原有助餐点2个) binds only a row naming that work (改造提升助餐点数量, never 助餐点数量: a fresh
    reviewer read it as the whole count of 助餐点)."""
    if not m.existing:
        return False
    return BUILD_WORDS.search(d.key) is not None or bool(m.verb) and m.verb not in d.key


# a row measuring per head, household, mu or pupil (人均公共图书藏量, 户均增收, 亩均产量)
PER_HEAD_ROW = re.compile(r"人均|户均|生均|亩均|次均|每人|每户|每亩")
# how a text says its figure is per head (人均, 每人, 户均 …) right before it
PER_HEAD_SAID = re.compile(r"人均|户均|生均|亩均|次均|平均|每")


def _total_for_per_head(d: Draft, m: Mention, text: str) -> bool:
    """A total the text states (新增图书5000册) never binds a row measuring per head (人均公共图书藏量 ≥5000 册): only
    a figure the text says per head, household or mu (每人集中培训不少于40学时 → 人均培训学时) does."""
    if not PER_HEAD_ROW.search(d.key) or "/" in m.unit:
        return False
    before = CLAUSE_START.split(text[max(0, m.start - 16):m.start])[-1]
    return not PER_HEAD_SAID.search(before + m.context + m.obj)


_ROW_MEASURE = re.compile(r"(?:建设|新建|修建|维修|改造|开设|设置)?(?:长度|里程|面积|数量|个数|规模)$")


# an area of a building's part or kind, said before 面积 (展示面积, 占地面积, 建筑面积, 绿化面积)
_AREA_KIND = re.compile(r"(展示|展览|陈列|占地|建筑|使用|营业|绿化|办公|经营|公共)面积$")
# an area a contract serves or manages (物业服务面积, 物业管理面积, 保洁面积)
_MANAGED_AREA = re.compile(r"(服务|管理|保洁)面积$")


def _other_area(d: Draft, m: Mention) -> bool:
    """The text names the kind of an area (展览馆…展示面积约1万平方米) the row does not: 物业服务面积 is no 展示面积
    (trial 7, D050: ≥1 万平方米 where the property contract manages the 2.6万㎡ building); the building's own area
    goes to it (`_managed_building`)."""
    kind = _AREA_KIND.search(m.context or m.obj or "")
    return bool(kind) and kind.group(1) not in d.key and not _managed_building(d, m)


def _managed_building(d: Draft, m: Mention) -> bool:
    """A served or managed area (物业服务面积) of a contract is the area of the building it serves (建筑面积)."""
    return bool(_MANAGED_AREA.search(d.key)) and (m.context or m.obj or "").endswith("建筑面积")


# verbs that take persons on as the project's staff (聘用护路员156名): they do the work, nobody the project serves
HIRE_VERBS = frozenset("聘用 聘请 招聘 选聘 续聘 雇用 雇佣 招募 配备 选派 派驻".split())


def _staff_as_served(d: Draft, m: Mention, text: str) -> bool:
    """A count of the persons the project hires (聘用护路员156名) or of its staff by their post (护路员156名分段负责…)
    never binds a row of the people it serves: a
    reviewer struck 解决出行难问题受益人口 ≥ 156 人 beside a road-warden pay project (round 18) — a 效益 row, or one
    whose name says its people gain (受益, 惠及, 服务…)."""
    if m.verb not in HIRE_VERBS and not _STAFF_POST.search(m.obj or "") \
            and not _STAFF_POST.search(text[max(0, m.start - 8):m.start]):
        return False
    return d.slot != "quantity" or bool(_SERVED_NAME.search(d.name))


_SERVED_NAME = re.compile(r"受益|惠及|服务对象|群众|居民|村民")
# a post the project staffs, named for its duty (护路员, 护林员, 保洁员, 网格员, 工作人员): never 学员, 党员, 会员, 队员, 人员
_STAFF_POST = re.compile(r"(?:护路|护林|保洁|管护|巡查|巡护|网格|协管|信息|监测|安全|讲解|护理|辅导|联络|调解|工作人)员$")


def _other_thing(d: Draft, m: Mention) -> bool:
    """A row and a mention sharing only a field word (防火) name two different things: 新建和维修防火通道35公里 is no
    森林防火隔离带建设长度 (a reviewer struck it) — the mention's head noun (通道) is not in the row, nor the row's
    (隔离带) in the mention."""
    obj = m.obj if len(m.obj or "") >= 2 else m.context   # jieba may read 通道 as a verb: 新建和维修防火通道
    row = _ROW_MEASURE.sub("", d.key)
    if len(obj) < 4 or len(row) < 4:
        return False
    return obj[-2:] not in d.key and row[-2:] not in obj + m.context


def _bare_place_count(d: Draft, m: Mention) -> bool:
    """A count of places that names no work done in them (全县14个乡镇, 覆盖沿线42个行政村) never binds a row that
    counts the places bare (行政村数量 under 数量) nor a row about something else: it is the project's scope or whom
    it serves, no output — only a row naming the places with the work or the benefit (公路养护覆盖行政村数量,
    受益行政村数量) takes it (a reviewer, seventh trial), and only when the places are what the row counts (the
    words right before 数量), not a row counting what is built in them (乡镇污水处理设施建设数量)."""
    from kb.suggest.objects import SETTLEMENTS
    from kb.suggest.words import BENEFIT_VERBS, WORK_VERBS

    if m.obj not in SETTLEMENTS or m.verb and m.verb in WORK_VERBS:
        return False
    rest = d.key.replace(m.obj, "", 1)
    if not re.sub(r"(?:数量|个数|数)$", "", d.key).endswith(m.obj):
        return True   # 乡镇污水处理设施建设数量 counts facilities, not the 4个乡镇 the project runs in (a fresh reviewer)
    return not any(w in rest for w in (*BENEFIT_VERBS, *WORK_VERBS))


def _limit_of_other_work(d: Draft, m: Mention) -> bool:
    """A time limit for one work never binds a row limiting another (4小时内修复 → not 故障响应时间); one visit's
    length (每次不少于1小时, 单次上门服务时长) binds no row but one per visit (not 服务周期)."""
    if m.obj.startswith("单次") and not re.search(r"单次|每次", d.key):
        return True
    return bool(m.action) and m.action not in d.key and TIME_LIMIT.search(d.key) is not None


def _bind_money(m: Mention, drafts: list[Draft], ctx: ProjectContext, main_type: str | None = None) -> None:
    """An amount the text states: a per-unit amount to a standard row (元/…) of no programme the text lacks whose per-parts the text's do
    not contradict (`_parts_fit`; the row in exactly the text's per-parts first), else to a standard row
    formed from the text (`_formed_standard`); another amount to a cost or economic-benefit row in 万元
    about the same object (带动旅游综合收入3000万元)."""
    from kb.suggest.naming import budget_parts

    if m.start in budget_parts(ctx.text, ctx.mentions, ctx.budget_wan):
        return   # a part of the year's money is its use's own cost row (formed), never the whole project's cost
    before = CLAUSE_START.split(ctx.text[max(0, m.start - 12):m.start])[-1]
    gain = AVERAGE_GAIN.search(before) if m.unit in ("元", "万元") else None
    # what the amount is per, by the one reader of a stated standard (`kb.domain.standards.standard_at`; the checker's
    # FEAS-07 and UNIT fixes read the text's standards with it too)
    std = standard_at(ctx.text, m.start, m.end, m.unit, _amount_of(m))
    per_unit = std is not None
    said = set(bigrams(normalize_name(m.verb + m.obj + m.context)))
    # a standard's words run on after it (60元标准发放就餐补贴): its row may share those
    said_std = said | set(bigrams(normalize_name(CLAUSE_START.split(ctx.text[m.end:m.end + 16])[0])))
    parts = list(std.parts) if std else []
    if std:
        before = std.before
    fits, other_fee = [], []
    for d in drafts:
        if d.mention is not None or d.slot not in ("cost", "economic_benefit") and not misfiled_gain(d):
            continue   # (展会意向成交额 under the library's 质量 is a gain: `placement.misfiled_gain` moves it to 经济效益)
        unit = d.unit or d.typical[2]
        if per_unit:
            ok = _per_unit_money(unit) and STANDARD_NAME.search(d.name) and d.slot == "cost"
            # a standard of a programme the text does not name (普通高中国家助学金资助标准 for a county's own
            # 资助…每人每年2500元) would be set aside later and take the amount with it (`evidence.other_programme`)
            if ok and _parts_fit(unit, parts) and not other_programme(d, ctx):
                if _other_fee(d.name, before):
                    other_fee.append(d)   # 储备粮保管费用补贴标准 for 轮换费用按每吨150元: another measure
                    continue
                fits.append((_stem_share(d, said_std) >= BIND_OVERLAP or main_type in d.type_ids, d))
            continue
        share = _amount_share(d, m)
        ok = Q.units_compatible(unit or "", m.unit) and "/" not in unit and share >= BIND_OVERLAP
        if ok and gain and gain.group(2) + "均" not in d.name:
            ok = False   # 亩均增收200元 is no 人均增收 nor a total 增收额 (a reviewer): the row averages over another
        if ok and _PER_HEAD_BEFORE.search(before) and not PER_HEAD_ROW.search(d.name):
            ok = False   # 人均培训成本不超过673元 is no total 培训成本 ≤673 元 (a fresh reviewer): per head, the per-head row's
        # of two amounts the text states (增加特色产业产值80万元 … 增加收入80万元) a row takes the one whose words
        # it holds most (特色产业带动增加受益农户收入: 收入, not 产值), not the first: a fresh suite found D007's
        # 产值 row lost to an income row that had taken the 产值's 80 万元
        if ok and any(o is not m and o.unit in Q.MONEY_UNITS and _amount_share(d, o) > share
                      for o in ctx.mentions):
            ok = False
        if ok and whole_cost_row(d, ctx) and ctx.budget_wan and m.unit in Q.MONEY_UNITS \
                and _in_wan(m) < ctx.budget_wan * 0.999 and d.obj not in (m.obj or ""):
            # 快乐健身点位器材维护12万元 is one item of 63.2 万元, never 快乐健身成本 ≤12 (trial 9, E051); the item named
            # the core itself stays its amount (D006: 高标准农田建设400万元 of 854)
            ok = False
        if ok and d.slot == "cost" and _INCOME.search(m.obj + m.verb):
            ok = False   # 旅游综合收入3100万元 is what is earned, never the cost (综合成本 ≤3100 万元: a fresh reviewer)
        if ok and d.slot == "economic_benefit" and re.search(r"收入|增收", d.name) and _INCOME_OWNER.search(d.name) \
                and not _INCOME_OWNER.search(re.split(r"[。；;]", ctx.text[max(0, m.start - 30):m.start])[-1]):
            ok = False   # the town's 旅游综合收入 is no 乡村旅游带动增加农户收入: the row's earners are not the text's
        if ok:
            d.mention = m
            d.evidence.append(f"描述中的金额: {m.context}{m.value}{m.unit}")
    if not per_unit:
        if gain and not any(d.mention is m for d in drafts):
            drafts.append(_average_gain_row(gain, m))
        return
    # a row naming the text's words (or of the main type) in exactly the text's per-parts first (每月补助标准
    # 元/人·月 before 每餐补贴标准 元/餐 for 每人每月60元), then one formed from the text, then a further type's
    # (高龄津贴标准 for a meal service's 每人每月60元 was set aside later as another programme's: the 60 元 was lost)
    # (a period the text does not say is no mismatch: 人均670元 is the 元/人·年 财政补助标准 of a 医保 type's set,
    # not a retrieved 参保工作经费标准 元/人 — a reviewer)
    fits.sort(key=lambda e: not parts or _part_set(_per_of(e[1].unit or e[1].typical[2])) - PERIODS
              != _part_set(parts) - PERIODS)
    named = [d for ok, d in fits if ok] or [_fee_standard(d, before, m, parts) for d in other_fee[:1]] \
        or [d for d in [_formed_standard(m, ctx, std)] if d is not None]
    d = (named or [d for ok, d in fits if not ok and d.source == "type"] or [None])[0]
    if d is None:
        return
    if d not in drafts:
        drafts.append(d)
        drafts[:] = [x for x in drafts if all(x is not o for o in other_fee[:1])]   # the text's measure takes the other's place
    if BARE_STANDARD.fullmatch(d.name):
        d.name = _subsidy_named(ctx) + d.name
    d.mention = replace(m, per=std.period, per_part=std.written) if std.period or std.written else m
    if std.ceiling:   # 户均奖补不超过2000元: a ceiling of the standard, not the standard itself
        d.mention = replace(d.mention, ceiling=True)
    said_per = std.written or (std.period if std.period_after else "")
    d.evidence.append(f"描述中的金额: {m.context}{m.value}{m.unit}" + (f"/{said_per}" if said_per else ""))


def _amount_of(m: Mention) -> float | None:
    """The mention's number, None when it is not written in digits."""
    try:
        return float(m.value.replace(",", ""))
    except ValueError:
        return None


def _in_wan(m: Mention) -> float:
    """A money mention's amount in 万元 (亿元, 万元, 元)."""
    return float(m.value) * {"亿元": 10000.0, "万元": 1.0, "元": 1 / 10000}.get(m.unit, 1.0)


def whole_cost_row(d: Draft, ctx: ProjectContext) -> bool:
    """True for the cost row formed from the project's own core (快乐健身成本): the whole project's cost, which the
    budget bounds — an amount below the budget is one of its items (a reviewer struck 快乐健身成本 ≤ 12 万元 for
    the 快乐健身点位器材维护 item of a 63.2 万元 programme)."""
    return d.source == "formed" and d.slot == "cost" and bool(d.obj) and d.obj in (ctx.core or "") \
        and d.name == d.obj + "成本"


# a fee a standard pays for, as a row or the text names it (保管费用, 轮换费用, 管护经费)
_FEE = re.compile(r"([\u4e00-\u9fff]{2})(费用|经费)")
# a standard named by what it pays alone (补助标准): the row names no subsidy of its own
BARE_STANDARD = re.compile(r"(?:补助|补贴|资助|奖补|津贴|救助)标准")
# a subsidy the text names (发放营养餐补助, 给予护理补贴): what a bare 补助标准 is the standard of
_SUBSIDY_SAID = re.compile(r"(?:发放|给予|享受|落实)([\u4e00-\u9fff]{2,6}?)(?:补助|补贴|津贴)")


def _other_fee(name: str, before: str) -> bool:
    """True when a standard row names a fee (储备粮保管费用补贴标准) and the words before the text's amount name
    another (轮换费用按每吨150元补贴): the row measures something else (a QA trial bound the 150 元 to 保管费用)."""
    row, said = _FEE.search(name), _FEE.search(before)
    return bool(row and said) and row.group(0) != said.group(0)


def _fee_standard(row: Draft, before: str, m: Mention, parts: list[str]) -> Draft:
    """The standard the text states, named as the row of another fee is with the text's fee in its place and
    measured in the text's per-parts (储备粮保管费用补贴标准 元/吨·年 + 轮换费用按每吨150元 → 储备粮轮换费用补贴标准,
    元/吨)."""
    fee = _FEE.search(before).group(0)
    return Draft(name=_FEE.sub(fee, row.name, count=1), level2="economic_cost", source="formed",
                 unit=f"{m.unit}/{'·'.join(parts)}" if parts else row.unit, direction="equal",
                 type_ids=list(row.type_ids), evidence=["按描述用词生成"])


def _subsidy_named(ctx: ProjectContext) -> str:
    """What a bare 补助标准 pays, in the text's words: the project's core when it names a subsidy (学生营养餐补助 →
    学生营养餐), else the subsidy the text says it pays (发放营养餐补助 → 营养餐); '' when neither."""
    core = re.sub(r"(?:项目|资金)$", "", ctx.core or "")
    own = re.match(r"(.{2,10}?)(?:补助|补贴|津贴|资助)$", core)
    if own:
        return own.group(1)
    said = _SUBSIDY_SAID.search(ctx.text)
    return said.group(1) if said else ""


# what is earned, not spent (旅游综合收入, 农特产品销售额, 特色产业产值): never a cost row's amount
_INCOME = re.compile(r"(?:收入|销售额|产值|营业额|营收|收益|利润)$")
# whose income a benefit row names (农户收入, 人均增收): an amount binds it only when the text names them too
_INCOME_OWNER = re.compile(r"农户|农民|群众|居民|村民|脱贫|贫困|监测户|受益户|低收入|村集体|人均|户均|职工")


def _amount_share(d: Draft, m: Mention) -> float:
    """How much of what the amount `m` is about a cost or benefit row `d` holds, in [0, 1]: the share of the
    row's stem in the mention's words (`_stem_share`), or, for an economic benefit, of the words of what is
    gained in the row's name (增加脱贫户收入10.9304万元 → 特色产业带动增加受益农户收入)."""
    share = _stem_share(d, set(bigrams(normalize_name(m.verb + m.obj + m.context))))
    if d.slot == "economic_benefit" and (m.obj or m.verb):   # 增加收入120万元: what is gained may be read as the verb
        own = set(bigrams(normalize_name(m.obj + m.verb)))
        share = max(share, len(own & d.bigram_counts.keys()) / len(own) if own else 0.0)
    return share


# what a standard's group is written with, around it: 对80周岁以上老人按每人每月60元 → 80周岁以上老人
_GROUP_TRIM = re.compile(r"^.*?标准(?:为|是)|^(?:其中|对|为|向|给|按照|按|凡)+|(?:按照|按|的|标准为|补助|补贴|发放)+$")


def standard_group(text: str, m: Mention) -> str:
    """Whom a per-unit amount is for, written before its 每 (60岁以上每人每月补助80元 → 60岁以上;
    对80周岁以上老人按每人每月60元 → 80周岁以上老人), '' when the clause names none."""
    clause = CLAUSE_START.split(text[max(0, m.start - 24):m.start])[-1]
    items = clause.split("、")
    # tiers listed with 、 (小学生每人每餐补助3元、初中生每人每餐补助5元): each tier's group is its own item's; a tier
    # that leaves its 每… to the one before (、初中生5元) is its item whole
    item = items[-1]
    head = item.split("每", 1)[0] if "每" in item else item if len(items) > 1 and "每" in items[-2] else ""
    group = _GROUP_TRIM.sub("", head)
    return group if 2 <= len(group) <= 12 and re.fullmatch(r"[\u4e00-\u9fff\d.\-~～至]+", group) else ""


def _name_standard_groups(drafts: list[Draft], ctx: ProjectContext) -> None:
    """Two or more standards the text states for groups (60岁以上每人每月补助80元，80岁以上每人每月补助100元)
    are one standard row per group, named with its group on the first one's name (60岁以上高龄津贴标准 = 80,
    80岁以上高龄津贴标准 = 100; a fresh user found only the 100 bound). The rows kept apart by the table as one
    list (`kb.suggest.table`); the row another amount had bound goes back to the pool. Nothing when a
    standard names no group or all name the same one."""
    bound = sorted((d for d in drafts if d.mention is not None and d.mention.unit in Q.MONEY_UNITS
                    and d.slot == "cost" and _per_unit_money(d.unit or d.typical[2])), key=lambda d: d.mention.start)
    groups = [standard_group(ctx.text, d.mention) for d in bound]
    if len(bound) < 2 or not all(groups) or len(set(groups)) < len(groups):
        return
    base, name = bound[0], bound[0].name
    for d, g in zip(bound, groups):
        own = _group_over_person(g, name)
        m, row = d.mention, d
        if d is not base:
            row = copy(base)
            row.evidence = list(d.evidence)
            row.type_ids = list(base.type_ids)
            drafts.append(row)
            d.mention = None
            d.evidence = [e for e in d.evidence if not e.startswith("描述中的金额")]
        row.name = own or g + name
        row.mention = replace(m, group=g)


def _group_over_person(group: str, name: str) -> str:
    """The standard's name with its group in place of the person it starts with when the group is a kind of that
    person (小学生 + 学生营养膳食补助标准 → 小学生营养膳食补助标准, never 小学生学生…); '' otherwise."""
    toks = pos_cut(name)
    head = toks[0][0] if toks else ""
    if len(head) >= 2 and head[-1] in "生人者员户" and group.endswith(head[-1]) and group != head:
        return group + name[len(head):]
    return ""


# an amount the text says per head (人均培训成本不超过673元, 每人次费用约300元): never a total's
_PER_HEAD_BEFORE = re.compile(r"(?:人均|生均|户均|次均|每人次?)[\u4e00-\u9fff]{0,8}?(?:不超过|不高于|控制在|最高|为|约)?$")
# per-parts that name the same thing: a student, a named person and a person are one head; 日 is 天
_PART_SPELLING = {"名": "人", "位": "人", "生": "人", "日": "天", "画幅": "页"}


def _per_of(unit: str) -> list[str]:
    return [p for p in re.split(r"[·.]", (unit or "").partition("/")[2]) if p]


def _part_set(parts: list[str]) -> set[str]:
    return {_PART_SPELLING.get(p, p) for p in parts}


def _parts_fit(unit: str, parts: list[str]) -> bool:
    """A standard row's unit fits the per-parts the text states unless both name what the amount is per
    and they differ (元/餐 for 每人每月60元: a per-meal row is not a per-person-month standard); a period
    the text states replaces the row's (元/人·月 for 1200元/人·年 → 1200 元/人·年)."""
    row = {p for p in _part_set(_per_of(unit)) if p not in PERIODS}
    text = {p for p in _part_set(parts) if p not in PERIODS}
    return not (row and text) or row <= text


# the verb of the clause before that pays per head (资助家庭经济困难学生300人，每人每年2000元 → 资助)
_PAYS = re.compile(r"(补贴|补助|奖补|资助|奖励|救助|慰问)")
# a standard the text names before its amount (亩均财政投入标准每亩1500元 → 亩均财政投入标准)
_NAMED_STANDARD = re.compile(r"([\u4e00-\u9fff]{2,10}标准)(?:为)?$")
# a fee the text names before its per-head amount (保安聘用费按每人每年3.6万元): the standard of that fee
_FEE_BEFORE = re.compile(r"(?:^|[^\u4e00-\u9fff]|[，,])?([\u4e00-\u9fff]{2,8}费)(?:用)?(?:按照|按)?$")
# per whom a fee's standard is paid (per head, household, student)
_HEADS = frozenset("人 户 生 名".split())
# an amount worked out per unit rather than paid (折合每平方米每年5.78元, 平均每亩…): the cost of one unit
_WORKED_OUT = re.compile(r"折合|折算|平均|合计")


def _formed_standard(m: Mention, ctx: ProjectContext, std: Standard) -> Draft | None:
    """A standard row formed from the text when no row takes its per-unit amount, None when the text names
    no per-part or nothing the amount is: the per-parts as the text says them + what is paid + 标准
    (每人每月60元标准发放就餐补贴 → 每人每月就餐补贴标准, 元/人·月; 户均奖补不超过2000元 → 户均奖补标准, 元/户;
    资助家庭经济困难学生300人，每人每年2000元 → 每人每年资助标准, 元/人·年), a standard the text names
    (亩均财政投入标准每亩1500元 → 亩均财政投入标准, 元/亩), a cost per ton it names (吨水处理成本不超过0.9元 →
    吨水处理成本, 元/吨), a unit price (单价0.45元/画幅 → 档案数字化加工单价,
    元/画幅) or a unit cost worked out (折合每平方米每年5.78元 → 每平方米每年环卫保洁服务外包成本)."""
    from kb.suggest.naming import short_object

    before, parts = std.before, list(std.parts)
    if not parts:
        return None
    plain = BOUND_BEFORE.sub("", PER_BEFORE.sub("", before))
    paid = std.obj   # what it pays, as the one reader reads it (after the amount, else before it)
    if not paid and not plain:   # …每人每年2000元: what the clause before pays, in the same sentence
        lead = re.split(r"[。;；]", ctx.text[max(0, m.start - 40):m.start])[-1]
        pays = _PAYS.findall(lead)
        paid = pays[-1] if pays else ""
    said = "".join(f"每{p}" for p in parts if f"每{p}" in before) or "".join(
        f"{p}均" for p in parts if f"{p}均" in before)
    unit = f"{m.unit}/{'·'.join(parts)}"
    named = _NAMED_STANDARD.search(plain)
    obj = short_object(ctx.core) if ctx.core else ""
    ton = PER_TON_COST.search(before)
    if ton:
        name = ton.group(0)[:len("吨") + len(ton.group(1))]   # 吨水处理成本, as the text names it
    elif paid:
        name = f"{said}{paid}标准"
    elif named:
        name = named.group(1)
    elif (fee := _FEE_BEFORE.search(plain)) and parts[0] in _HEADS:
        # 保安聘用费按每人每年3.6万元 → 保安聘用费标准, 万元/人·年 (trial 18); a rate per 公里 (清疏费用按每公里5000元结算)
        # stays the cost per extent (`cost_values._per_extent_cost`)
        name = f"{fee.group(1)}标准"
    elif "单价" in before and obj:
        name = f"{obj}单价"
    elif _WORKED_OUT.search(before) and obj:
        name = f"{said}{obj}成本"
    else:
        return None
    return Draft(name=name, level2="economic_cost", source="formed", unit=unit, direction="equal",
                 evidence=["按描述用词生成"])


# a gain averaged over something, as the text says it: 示范基地亩均增收200元 → 示范基地 / 亩 / 增收
AVERAGE_GAIN = re.compile(r"([\u4e00-\u9fff]{0,6}?)(亩|户|人|头)均(增收|增产|增效|节本)(?:不低于|不少于|达到?|超过)?$")


def _average_gain(gain: re.Match) -> str:
    return f"{gain.group(1)}{gain.group(2)}均{gain.group(3)}"


def _average_gain_row(gain: re.Match, m: Mention) -> Draft:
    """The economic benefit a gain per 亩 / 户 / 人 is, named and measured as the text says it (示范基地亩均增收200元
    → 示范基地亩均增收 ≥ 200 元/亩), when no row averages over the same thing."""
    d = Draft(name=_average_gain(gain), level2="economic_benefit", source="formed", unit=f"{m.unit}/{gain.group(2)}",
              direction="positive", evidence=["按描述用词生成", f"描述中的金额: {m.context}{m.value}{m.unit}"])
    d.mention = m
    return d




def _per_unit_money(unit: str) -> bool:
    """An amount per something (元/人·年, 万元/个): a standard row's unit."""
    money, slash, per = (unit or "").partition("/")
    return bool(slash and per) and money in Q.MONEY_UNITS


def _stem_share(d: Draft, said: set[str]) -> float:
    """Share of the row name's bigrams, its measure (…人数, …里程) left out, that the mention's words hold."""
    bg = stem_bigrams(d.key)
    return len(bg & said) / len(bg) if len(bg) >= 2 else 0.0


@lru_cache(maxsize=8192)
def stem_bigrams(key: str) -> frozenset[str]:
    """The character bigrams of a row's key without its measure (`MEASURE_TAIL`: 数量, 人数, 率 …): what the row
    counts, to compare two rows' objects (服务人次 and 服务人数 share all of theirs)."""
    return frozenset(bigrams(MEASURE_TAIL.sub("", key)))


MEASURE_TAIL = re.compile(r"(数量|人数|人次|户数|次数|面积|里程|长度|规模|总量|率|天数|场次|批次|期数)$")


# durations within a day: one limit said in minutes or hours (故障响应时长不超过30分钟 binds 故障响应时间, 小时)
_SHORT_DURATIONS = frozenset(("小时", "分钟", "秒"))


def _units_fit(unit: str, d: Draft) -> bool:
    """True when a mention in `unit` may bind row `d`: the same kind of unit (`units_compatible`), % only to %,
    a count of days, months or hours only in its own time unit (`kb.domain.units.unit_fits`), and a limit in 分钟 to a row in 小时 (the text's unit is kept: ≤ 30 分钟)."""
    if unit in ("%", "‰"):
        return d.unit == unit
    if time_count_unit(d.name) and not unit_fits("count", unit, d.name):
        return False   # 4 of 4月上旬 is a month of a date, no count of days (活动天数 ≥ 4 月, trial 8)
    if unit in _SHORT_DURATIONS and d.unit in _SHORT_DURATIONS:
        return True
    return bool(d.unit) and Q.units_compatible(unit, d.unit)


# words that say how timely a thing is done (拨付及时率95%, 按时足额发放率100%)
_TIMELY_SAID = re.compile(r"及时|按时|按期|准时|时限|限时")


def _share_as_on_time(d: Draft, m: Mention) -> bool:
    """True when a percentage whose words say nothing of time would bind a row of how timely the work is
    (〔X〕及时率, 按期完成率): 补贴保费60% is the share of the premium paid, not 保费补贴资金拨付及时率 = 60 % (round 5's own
    农业保险 text)."""
    return m.unit in ("%", "‰") and bool(re.search(r"及时率$|按期|按时", d.key)) \
        and not _TIMELY_SAID.search(m.verb + m.obj + m.context)


def _only_of_family(m: Mention, ctx: ProjectContext) -> bool:
    return sum(1 for x in ctx.mentions if Q.units_compatible(x.unit, m.unit)) == 1


# person counts are declared in 人: 名 and 位 count the same persons (1.2万名群众 → ≥ 1.2 万人)
PERSON_UNIT_SPELLING = {"名": "人", "位": "人", "万名": "万人", "万位": "万人"}


def _take_mention(d: Draft, m: Mention) -> None:
    d.value, d.value_unit, d.value_source = m.value, PERSON_UNIT_SPELLING.get(m.unit, m.unit), "text"
    unit = d.unit or d.typical[2]
    if m.unit in Q.MONEY_UNITS and _per_unit_money(unit):
        # as the text states it: 1200 元/人·年; else the row's per-parts in the text's money with the period the
        # text says, never one the text does not (轮换费用按每吨150元: 元/吨, not the library's 元/吨·年 — a QA trial)
        own = [p for p in _per_of(unit) if p not in PERIODS]
        unit = m.unit + "/" + (m.per_part or "·".join(own if own or m.per else _per_of(unit)))
        if m.per and m.per not in unit:
            unit = f"{unit}·{m.per}"           # 1500 元/人·学期, as the text states it (元/人·月 for 每人每年: 元/人·年)
        d.value_unit, d.operator = unit, "≤" if m.ceiling else "="   # a standard: 5 元/生·天
        if d.slot == "economic_benefit" and d.direction == "positive":
            d.operator = "≥"   # a gain per 亩 (亩均增收200元以上) is a floor, no standard
        return
    if d.slot == "cost":
        d.operator = "≤"
        return
    if not m.unit and not re.match(r"\d", m.value):
        d.operator, d.value_unit = "定性", ""   # 河道水质达到III类: a grade on a stated scale (`changes._WATER_CLASS`)
    elif m.unit == "年一遇":
        d.operator = "≥"          # 恢复20年一遇防洪标准: the design standard the works reach, at least (a reviewer writes ≥20年一遇)
    elif d.slot == "timeliness" and d.direction != "negative":
        d.operator = "="          # a stated period (服务周期 180 天) is the period, not a lower bound
    elif m.unit == "%" and is_whole_share(m.value) and d.direction != "negative":
        d.operator = "="          # 合格率达到100%: nothing is above the whole (the checker's QNT-08 asks for =100%)
    elif d.direction == "negative" and _is_zero(m.value):
        d.operator = "="          # 事故发生0起: none, as the library's zero-harm rows say it (= 0, not ≤ 0; trial 18)
    else:
        d.operator = "≤" if d.direction == "negative" else "≥"


def _is_zero(value: str) -> bool:
    try:
        return float(value) == 0.0
    except ValueError:
        return False


def is_whole_share(value: str) -> bool:
    """True when the target `value` (a string, "100" or "100.0") is exactly 100: a share at its whole, which
    nothing exceeds (so its operator is =); False for a value that is no number."""
    try:
        return float(value) == 100.0
    except ValueError:
        return False


def bind_own_mentions(drafts: list[Draft]) -> None:
    """Each draft's own figure (`Draft.mention`) as its target, as `bind_mentions` sets a formed row's, and nothing
    else of the text: for rows formed after the text's figures were bound (`engine.counts_named_by_the_text`), which
    must not take another row's figure or reread the text's money. In place."""
    for d in drafts:
        if d.mention is not None:
            _take_mention(d, d.mention)
