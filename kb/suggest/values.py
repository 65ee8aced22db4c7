"""Step 4 of suggest: targets — the text's numbers win, then 结果反馈, then safe typical values.

`fill_values` is the step's entry for every row left unbound. Order of
precedence for a row's value (the `value_source` it records):
1. `text`: a quantity the description states, bound to the row about the
   same object (`kb.suggest.binding.bind_mentions`, run first) — never
   overridden by anything below;
2. `budget` / `derived`: the year's budget as the ceiling of a total-cost
   row; a per-head cost = budget ÷ persons when both are stated
   (`kb.suggest.cost_values`);
3. `learned`: what 结果反馈 taught (`kb.learned`), only where the text
   states no number for the row and the learned unit fits the row's;
4. `typical`: the library's typical target, only for rates, grades and
   deadlines — size-dependent values (counts, persons, amounts, areas,
   lengths) are never copied, nor the share of a cost a grant pays
   (贴息比例: the fund's policy): the row says 待填写 and why.
This module holds 3 and 4 with the 待填写 reasons and the default rate
targets. Operators follow the row's direction: ≥ for output quantities and
positive rates, ≤ for cost ceilings, time limits and negative rates, = for
standards. Nothing here flips an operator the row already holds or turns
a qualitative row into an amount. Pure functions over drafts.
"""
from __future__ import annotations

import re

from kb.checker.lexicon import CHECKABLE_RESULT_HINT
from kb.domain.learned import LearnedIndicator
from kb.suggest import quantities as Q
from kb.suggest.context import ProjectContext
from kb.suggest.draft import PENDING, Draft
from kb.suggest.facts import reported_harm
from kb.suggest.objects import Mention
from kb.suggest.words import standing_work
from kb.domain.text import bigrams, normalize_name
from kb.domain.units import SIZE_UNITS, unit_fits
from kb.suggest.binding import is_whole_share, stem_bigrams
from kb.suggest.cost_values import PERSON_UNITS, cost_value, stated_persons
from kb.suggest.quantities import amount


def undate_standing_work(drafts: list[Draft], ctx: ProjectContext, defaults: dict[str, float]) -> None:
    """Work that runs all year (`words.standing_work`: 储备粮, 重大动物疫病防控, 禁毒) completes on no date: an on-time
    row `_bind_deadline` dated by the budget year's end (疫情报告及处置完成时间 12月31日前) takes back its rate and the
    library's target (疫情报告及处置及时率 = 100 %); vetting has set aside the rows of the whole (储备粮完成时间, trial 9).
    Run after ranking, so the ranker's training (steps 1–4) reads the same candidates as before. In place."""
    from kb.suggest.ranker import Tier

    if not standing_work(ctx.core, ctx.name):
        return
    for d in drafts:
        if d.value_source != "year_end" or not d.undated or d.tier == Tier.ALTERNATE:
            continue
        d.name, d.explanation = d.undated
        d.operator = d.value = d.value_unit = d.value_source = d.note = ""
        d.unit = d.unit or d.typical[2]
        _typical_or_pending(d, defaults)


def set_aside_whole_completion_of_standing_work(drafts: list[Draft], ctx: ProjectContext) -> None:
    """Work that runs all year (`words.standing_work`) completes on no date: a shown 时效 row of completion
    (`words.ON_TIME`) that names the whole work — its words before the measure are in the project's core or name
    (公用经费完成时间 of 初中公用经费, a real table's row the type offers) or none at all — is set aside, so the slot's
    next row (公用经费支付及时率) takes the place. Vetting sets aside the formed ones before ranking; this one came
    from a type's real tables (E034 after round 5's retraining; trial 13 struck 初中公用经费完成时间). A figure of the
    text or a learned row stays. Run after ranking. In place."""
    from kb.suggest.dedupe import set_aside
    from kb.suggest.ranker import Tier
    from kb.suggest.words import ON_TIME, WHOLE_WORK

    if not standing_work(ctx.core, ctx.name):
        return
    whole = (ctx.core or "") + "|" + (ctx.name or "")
    for d in drafts:
        if d.tier == Tier.ALTERNATE or d.slot != "timeliness" or d.value_source in ("text", "learned") \
                or not ON_TIME.search(d.key):
            continue
        stem = ON_TIME.sub("", d.key)
        if not stem or stem in whole or WHOLE_WORK.match(d.key):
            set_aside(d, "常年持续开展的工作没有完成时点，按期完成类指标仅作备选")


def fill_values(drafts: list[Draft], ctx: ProjectContext, learned: dict[str, LearnedIndicator] | None,
                defaults: dict[str, float], main_type: str | None = None) -> None:
    """Values for every unbound draft, by the precedence of the module docstring. `main_type`: the id of
    the project's best type — the budget is the ceiling of its cost rows, never of a further type's
    (a 宣传成本 ≤ 150 万元 for a justice programme's whole transfer, D041)."""
    persons = stated_persons(ctx)
    for d in drafts:
        if d.value_source in ("text", "year_end"):   # year_end: an on-time row dated by `_bind_deadline`
            continue
        if d.slot == "cost" and cost_value(d, ctx, persons, main_type):
            continue
        li = (learned or {}).get(d.key)
        if li is not None and li.value and (not d.unit or Q.units_compatible(li.unit or d.unit, d.unit)):
            d.operator, d.value, d.value_unit = li.operator or _operator(d), li.value, li.unit or d.unit
            d.value_source = "learned"
            d.evidence.append(f"结果反馈学习到的目标值 {d.operator}{d.value}{d.value_unit}")
            continue
        _typical_or_pending(d, defaults)
        _coverage_against_text(d, ctx)
        happened = reported_harm(d.key, d.value_unit or d.unit, ctx.actuals) if d.value == "0" else None
        if happened is not None:   # 发生森林火灾16起 beside 森林火灾发生次数 = 0 次 (E046, a self-evaluation)
            d.operator, d.value, d.value_source = "≤", "", ""
            d.note = f"{PENDING}：描述中实际发生{happened.obj}{happened.value}{happened.unit}，请按可实现的控制目标填写"
    drafts[:] = [d for d in drafts if not _other_extent(d, ctx)]


# the units of an extent by kind: an area or a length
_AREA_UNITS = frozenset(("亩", "万亩", "公顷", "平方公里", "平方米", "万平方米", "hm²", "㎡"))
_LENGTH_UNITS = frozenset(("公里", "千米", "米", "延米", "km"))


def _extent_kind(unit: str) -> str:
    return "area" if unit in _AREA_UNITS else "length" if unit in _LENGTH_UNITS else ""


def _other_extent(d: Draft, ctx: ProjectContext) -> bool:
    """A 待填写 row measuring the work in another kind of extent than the text does (坡耕地水土流失综合治理长度 待填写 公里
    beside 治理水土流失面积不少于1250公顷: the QA found two such length rows on an area-based project): the text
    states the work's size as an area (or a length) and no extent of the other kind for it — the row asks for a
    measure the work does not have. The same work: the row's own words (its measure left out) and the stated
    extent's share ≥ 3 bigrams."""
    kind = _extent_kind(d.value_unit or d.unit)
    if not kind or d.value or not d.note.startswith(PENDING) or d.slot != "quantity":
        return False
    stem = stem_bigrams(d.key)
    same_work = [m for m in ctx.mentions if _extent_kind(m.unit)
                 and len(stem & set(bigrams(normalize_name(m.verb + m.obj + m.context)))) >= 3]
    return bool(same_work) and all(_extent_kind(m.unit) != kind for m in same_work)


def _coverage_against_text(d: Draft, ctx: ProjectContext) -> None:
    """A library coverage rate (中小学教师全员培训覆盖率 ≥95 %) the text's own figures contradict — it serves 720 of the
    2350 persons its setting counts, about 31 % — is no target: 待填写 with the arithmetic in the note."""
    if d.value_source == "typical" and d.value_unit == "%" and _PLACE_RATE.search(d.key) and _places_against_text(d, ctx):
        return
    if "覆盖" not in d.key or d.value_source != "typical" or d.value_unit != "%":
        return
    whole = [m for m in ctx.settings if m.unit in PERSON_UNITS and "次" not in m.unit]
    served = [m for m in ctx.mentions if m.unit in PERSON_UNITS]
    if len(whole) != 1 or not served:
        return
    count = lambda m: float(m.value) * (10000 if m.unit.startswith("万") else 1)   # noqa: E731
    n, total = sum(count(m) for m in served), count(whole[0])
    try:
        if not total or n / total * 100 >= float(d.value):
            return
    except ValueError:
        return
    said = "、".join(f"{m.verb}{m.obj}{m.value}{m.unit}" for m in served)
    d.operator, d.value, d.value_source = "≥", "", ""
    d.note = (f"{PENDING}：描述中本年度{said}，约占{whole[0].obj or ''}{whole[0].value}{whole[0].unit}的"
              f"{n / total * 100:.0f}%，请按实际覆盖范围填写")


# a rate of the places reached (农村生活污水治理率, 行政村覆盖率, 卫生厕所普及率)
_PLACE_RATE = re.compile(r"覆盖|治理率$|普及率$")


def _places_against_text(d: Draft, ctx: ProjectContext) -> bool:
    """A library rate of places (农村生活污水治理率 ≥40 %) outside what the text's own counts give — 全县现有行政村126个,
    已完成治理的村54个 (43 % today), 新增治理行政村15个 (55 % after) — is no target: 待填写 with the arithmetic (a
    fresh reviewer struck ≥40 %, below the level already reached). True when so set."""
    from kb.suggest.objects import SETTLEMENTS

    def place(m: Mention) -> str | None:
        return next((w for w in sorted(SETTLEMENTS, key=len, reverse=True) if (m.obj or "").endswith(w)), None)

    wholes = [m for m in ctx.settings if place(m) and m.unit not in PERSON_UNITS]
    if len(wholes) != 1:
        return False
    whole, kind = wholes[0], place(wholes[0])
    same = lambda m: m.unit == whole.unit and place(m) is not None and kind.endswith(place(m))   # noqa: E731
    total = float(whole.value)
    done = [float(m.value) for m in ctx.actuals if same(m) and float(m.value) <= total]
    new = [m for m in ctx.mentions if same(m) and m.verb]
    if not total or not done or not new:
        return False
    now, after = max(done) / total * 100, (max(done) + sum(float(m.value) for m in new)) / total * 100
    try:
        if now <= float(d.value) <= after + 0.5:
            return False
    except ValueError:
        return False
    said = "、".join(f"{m.verb}{m.obj}{m.value}{m.unit}" for m in new)
    d.operator, d.value, d.value_source = "≥", "", ""
    d.note = (f"{PENDING}：描述中{whole.obj}{whole.value}{whole.unit}，已完成{amount(max(done))}{whole.unit}(约{now:.0f}%)，"
              f"本年度{said}，完成后约{after:.0f}%，请按此测算填写")
    return True


def _typical_or_pending(d: Draft, defaults: dict[str, float]) -> None:
    op, val, unit = d.typical
    unit = unit or d.unit
    if d.direction == "qualitative" or op == "定性":
        d.operator, d.value, d.value_unit, d.value_source = "定性", val, "", "typical" if val else ""
        if not val:
            d.note = f"{PENDING}：{CHECKABLE_RESULT_HINT}"  # what QNT-05 passes (trial 10)
        return
    if unit == "%" and val and d.slot == "quantity" and PROGRESS.search(d.key) and _below_whole(val):
        # a year's share of a multi-year work (主体工程完成率 70 %) is the project's own plan
        d.operator, d.value, d.value_unit, d.note = "≥", "", "%", f"{PENDING}：按项目年度计划填写"
        return
    if unit == "%" and val and PARTICIPATION.search(d.key) and not d.type_ids:
        # a share of a target group taking part (活动参与率 ≥80 % of the events library, for a 少年宫 fund): the
        # library's figure is another programme's group, not one a detected type's set gives for this kind of project
        d.operator, d.value, d.value_unit = rate_operator(d, op or _operator(d), val), "", "%"
        d.note = f"{PENDING}：描述没有写明参与比例，请按目标人群（应参与人数）测算填写，不照搬指标库的典型值"
        return
    if unit == "%" and SUBSIDY_SHARE.search(d.key):
        # the share of a cost a grant pays (贴息比例 = 50 % of the subsidy library, E030) is set by the fund's policy and
        # the loans' size, not a standard every such fund keeps: the library's figure would be a guess
        d.operator, d.value, d.value_unit = op or _operator(d), "", "%"
        d.note = f"{PENDING}：描述没有写明{d.name}，请按资金管理办法或政策文件规定的比例填写，不照搬指标库的典型值"
        return
    if unit == "%" and val:
        d.operator, d.value, d.value_unit, d.value_source = rate_operator(d, op or _operator(d), val), val, "%", "typical"
        return
    if val and unit != "%" and re.fullmatch(r"[\d.]+", val) and unit_fits("ratio", unit, d.name):
        # a rate per a base other than a hundred (孕产妇死亡率 ≤ 12 /10万, 婴儿死亡率 ≤ 5 ‰) is a rate like a %, no size
        # of the project: it carries the library's figure (round 5's own 妇幼 text left it blank, no operator)
        d.operator, d.value, d.value_unit, d.value_source = op or _operator(d), val, unit, "typical"
        return
    if unit == "%" or (not unit and d.slot in ("quality", "timeliness", "satisfaction")):
        dv = f"{defaults.get(d.slot, defaults['rate']):g}"
        if d.source == "formed" and d.slot == "quality":
            dv = "100"   # works accepted, payments made in full: real tables write =100% (22 of 30 such rows in dev.jsonl)
        d.operator, d.value, d.value_unit, d.value_source = rate_operator(d, _operator(d), dv), dv, "%", "typical"
        return
    if val and not SIZE_UNITS.match(unit) and not re.match(r"^[\d.]+$", val):
        d.operator, d.value, d.value_unit, d.value_source = op, val, unit, "typical"  # 12月31日前
        return
    if d.direction == "negative" and re.fullmatch(r"0+(\.0+)?", val or ""):
        # zero tolerance (安全事故发生次数 = 0 次) is no size of the project: the library's 0 stands
        d.operator, d.value, d.value_unit, d.value_source = op or "=", "0", unit, "typical"
        return
    d.operator, d.value, d.value_unit = op or _operator(d), "", unit
    d.note = _pending_reason(d, unit)


# a share of a target group taking part: its size is the project's, typical only for a type's own row
PARTICIPATION = re.compile(r"(参与率|参加率|参训率|到课率)$")   # not 出勤率: 车辆出勤率 is no group share
# the share of a cost a grant pays (贴息比例, 补助比例): the fund's policy and size, never a library's figure
SUBSIDY_SHARE = re.compile(r"(贴息|补助|补贴|资助|奖补)(比例|比率)$")
# progress of the work in the year: size of the project's own plan, never a library's figure
PROGRESS = re.compile(r"(主体工程完成率|工程完成比例|工程进度|形象进度|建设进度)$")


def _below_whole(val: str) -> bool:
    try:
        return float(val) < 100.0
    except ValueError:
        return False


def rate_operator(d: Draft, op: str, val: str) -> str:
    """A share at its whole reads "=100%", not "≥100%": a rate cannot exceed 100 % (63 of the 75 rows of
    dev.jsonl's real tables with a 100 % target write "=")."""
    return "=" if is_whole_share(val) and op == "≥" and d.direction != "negative" else op


def _pending_reason(d: Draft, unit: str) -> str:
    if d.slot == "cost":
        return f"{PENDING}：按预算测算填写(单位 {unit or '元'})"
    if SIZE_UNITS.match(unit or ""):
        return f"{PENDING}：按项目计划数填写(与项目规模有关，不照搬指标库的典型值)"
    return f"{PENDING}：请按项目实际填写"


def _operator(d: Draft) -> str:
    if d.direction == "negative":
        return "≤"
    if d.direction == "equal":
        return "="
    if d.slot == "cost":
        return "≤"
    return "≥"


def default_targets(checker_settings) -> dict[str, float]:
    """Default rate targets (the checker's own defaults, `kb.settings.CheckerSettings`)."""
    return {"satisfaction": checker_settings.satisfaction_default_pct,
            "quality": checker_settings.quality_rate_default_pct,
            "timeliness": 100.0, "rate": checker_settings.rate_default_pct}
