"""FEAS rules (FEAS-01 … FEAS-03, and our FEAS-04 … FEAS-07): targets set too low, quantities not matching
the budget, all-100 % tables; targets far from the description's quantity or beyond any project's reach;
a standard × the persons it pays (× months) far beyond the budget, in the table or in the description.

Detection follows ../shared/data/rules/RULES.md §5.9; the 2× and 0.5–1.2
thresholds live in `CheckerSettings`. FEAS-01 needs a prior-year or actual
value (context `prior_actual` / `actual`, or the row's `actual` in a
self-evaluation); FEAS-02 needs `unit_cost_yuan` and `budget_wan` (row) or
`plan_total_wan` and `budget_wan` (table). Not for rewrites.
"""
from __future__ import annotations

import re
from typing import Any

from kb.checker.catalog import CACHES, RuleHit, rule
from kb.checker.parse import NUM_RE, UNIT_RE, ParsedRow, ParsedTable, to_float
from kb.checker.fixes import fmt_num
from kb.domain.budget import total_from_text
from kb.domain.plausible import beyond_plausible
from kb.domain.quantity import SCALES, every_period
from kb.domain.text import SENTENCE_END
from kb.domain.units import units_compatible
from kb.settings import CheckerSettings


def number_of(x: Any) -> float | None:
    """First number in a value (int, float or text such as '1700人'), else None."""
    if x is None or isinstance(x, bool):
        return None
    if isinstance(x, (int, float)):
        return float(x)
    m = NUM_RE.search(str(x))
    return to_float(m.group()) if m else None


def _bounded_free(r: ParsedRow) -> bool:
    return any(w in r.name for w in ("增长", "增幅", "倍"))


def _actual(r: ParsedRow) -> float | None:
    a = r.ctx.get("actual") if r.ctx else None
    if a is not None:
        return number_of(a)
    ra = r.raw.actual
    return number_of(ra) if ra is not None else None


@rule("FEAS-01", needs="feas", retarget=True)
def feas_01(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Positive target below last year's actual, or this year's actual ≥ 2× the target."""
    t = r.num
    if t is None or t <= 0 or r.direction == "neg" or r.eff_op not in ("≥", ">", "=", "") or r.is_date:
        return None
    c = r.ctx
    pa = c.get("prior_actual") if c else None
    prior = number_of(pa) if pa is not None else None
    if prior is not None and prior > t:
        return RuleHit("value", f"指标值{fmt_num(t)}低于上年实际{fmt_num(prior)}，目标偏低", {"raise_to": prior})
    act = _actual(r)
    if act is not None and r.pct and act > 100 and not _bounded_free(r):
        act = None  # an actual above 100 is not in the target's % unit (签约率 24694 人)
    if act is not None and act >= s.actual_over_target_ratio * t:
        return RuleHit("value", f"实际完成{fmt_num(act)}是指标值{fmt_num(t)}的{act / t:.1f}倍，目标设定明显偏低", {"raise_to": act})
    return None


def quantity_budget_ratio(r: ParsedRow) -> float | None:
    """(quantity × unit_cost_yuan / 10000) / budget_wan for a count row, else None."""
    c = r.ctx
    if not c or c.get("unit_cost_yuan") is None:
        return None
    uc = number_of(c.get("unit_cost_yuan"))
    b = number_of(c.get("budget_wan"))
    if not uc or not b or r.num is None or r.pct or r.is_date or "元" in r.eff_unit:
        return None
    return r.num * uc / 10000.0 / b


@rule("FEAS-02", needs="feas", retarget=True)
def feas_02(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Quantity × unit standard differs from the budget by more than the 0.5–1.2 band."""
    q = quantity_budget_ratio(r)
    if q is None or s.budget_match_low <= q <= s.budget_match_high:
        return None
    uc = number_of(r.ctx.get("unit_cost_yuan"))
    b = number_of(r.ctx.get("budget_wan"))
    need = r.num * uc / 10000.0  # type: ignore[operator]
    return RuleHit("value", f"{fmt_num(r.num)}×{fmt_num(uc)}元≈{need:.2f}万元，是预算{fmt_num(b)}万元的{q:.0%}，数量与资金不匹配")


_PER_UNIT_RE = re.compile(r"^(亿元|万元|千元|元)[/每](.+)$")
_TO_WAN = {"亿元": 10000.0, "万元": 1.0, "千元": 0.1, "元": 0.0001}


def unit_cost_products(t: ParsedTable) -> list[tuple[ParsedRow, ParsedRow, float]]:
    """(cost row, quantity row, cost × quantity in 万元) for each 成本 row priced per unit (5 万元/公里)
    and each quantity row counted in that unit (养护里程 300 公里) in the same table, the quantity first
    converted into the priced unit (`in_unit`: 1.5 万亩 at 1500 元/亩 is 15000 亩, not 1.5)."""
    out = []
    for c in t.items:
        m = _PER_UNIT_RE.match(c.eff_unit or "") if c.cost_row and c.num is not None and c.num > 0 else None
        if m is None:
            continue
        per = m.group(2)
        for q in t.items:
            if (q is not c and not q.cost_row and q.num is not None and q.num > 0 and not q.pct
                    and not q.is_date and units_compatible(q.eff_unit, per)):
                n = in_unit(q.num, q.eff_unit, per)
                if n is not None:
                    out.append((c, q, c.num * _TO_WAN[m.group(1)] * n))
    return out


@rule("FEAS-02", on="table", fix_text="核对测算依据，使实施计划合计与预算一致")
def feas_02_table(t: ParsedTable, s: CheckerSettings) -> list[RuleHit]:
    """The plan / calculation total (plan_total_wan) differs from the budget (budget_wan); or, ours, a
    unit cost × the quantity it prices (5 万元/公里 × 300 公里 = 1500 万元) is above the budget by more
    than `budget_match_high` (the catalog's 0.5–1.2 band of quantity × unit standard / budget) and, when the
    description states a total above the budget (项目总投资500万元，其中本年度预算资金250万元:
    `kb.domain.budget.total_from_text`, the amount suggest divides for a unit cost), above that total too — a
    unit cost of the whole project times its whole quantity is its total, not this year's share (a QA run got
    FEAS-02 on suggest's 50 万元/公里 × 10 公里 ≈ 500 万元); the message then names both."""
    hits = []
    p = number_of(t.ctx.get("plan_total_wan"))
    b = number_of(t.ctx.get("budget_wan"))
    if p is not None and b and abs(p - b) / b > s.plan_total_tolerance:
        hits.append(RuleHit("", f"实施计划/测算合计{fmt_num(p)}万元与预算{fmt_num(b)}万元不一致"))
    b = b or number_of(t.ctx.get("budget_hint_wan"))
    total = total_from_text(t.ctx.get("description"))
    total = total if total is not None and b and total > b * s.budget_match_high else None
    if b:
        for c, q, need in unit_cost_products(t):
            if need > b * s.budget_match_high and not (total and need <= total * s.budget_match_high):
                over = f"，也是项目总投资{fmt_num(total)}万元的{need / total:.1f}倍" if total else ""
                hits.append(RuleHit("value", f"“{c.name}”{fmt_num(c.num)}{c.eff_unit}×“{q.name}”{fmt_num(q.num)}{q.eff_unit}≈{fmt_num(need)}万元，"
                                         f"是预算{fmt_num(b)}万元的{need / b:.1f}倍{over}，单位成本或数量与资金不匹配"))
                break
    return hits


# a standard priced per counted unit and, maybe, per period: 200 元/人·月, 1130 元/月/人, 400 元/人、天, 5300 元/户·年
_STANDARD_UNIT_RE = re.compile(r"^(亿元|万元|千元|元)(?:/|每)[(（]?(.+?)[)）]?$")
_STANDARD_SEP_RE = re.compile(r"[/·.、*×每]")
_PERIOD_KINDS = ("months", "days")
# a count of those the money reaches may exceed those paid (受益人口, 带动就业, 覆盖人群): never priced by a standard
_NOT_PAID_RE = re.compile(r"受益|带动|辐射|覆盖|惠及|服务人口|影响")
# generic words a standard's name and a count's name share without being about one thing
_GENERIC_BIGRAMS = frozenset(("标准", "成本", "人数", "数量", "资金", "项目", "单位", "平均", "人均", "控制"))
# a duration the description states for the payments: 按月发放，共12个月 / 全年12个月补助
_PAID_MONTHS_RE = re.compile(r"(\d{1,2})个月(?![内以之])")   # 3个月内 is a limit, not how long it pays
_PAID_WORDS_RE = re.compile(r"发放|补助|补贴|救助|资助|津贴|工资|生活费|供养")
# what a standard outside the 成本 slot must say to be what the project pays per head: a policy level such as
# 农村低保标准 (530 元/人·月) is a line the payments top up to, not the amount paid (D017 states it beside a
# 30 万元 临时救助), so it prices nothing
_PAID_STANDARD_RE = re.compile(r"补助|补贴|救助|资助|津贴|奖励|奖补|工资|报酬|生活费|供养|慰问|抚恤|发放")


def _standard_parts(unit: str) -> tuple[str, str, str] | None:
    """(money unit, counted unit, period unit or '') of a standard's unit: 元/人·月 → ('元', '人', '月'),
    元/月/人 → ('元', '人', '月'), 元/户·年 → ('元', '户', '年'), 元/亩 → ('元', '亩', ''); None for any other
    shape (元/人·次: a second count; 元: no count)."""
    from kb.domain.quantity import kind_of

    m = _STANDARD_UNIT_RE.match(unit or "")
    if m is None:
        return None
    parts = [x for x in _STANDARD_SEP_RE.split(m.group(2)) if x]
    if len(parts) == 1 and len(parts[0]) == 2 and kind_of(parts[0]) is None and kind_of(parts[0][1]) in _PERIOD_KINDS:
        parts = [parts[0][0], parts[0][1]]   # 元/人月: per person and month
    periods = [x for x in parts if kind_of(x) in _PERIOD_KINDS]
    counted = [x for x in parts if x not in periods]
    if len(counted) != 1 or len(periods) > 1:
        return None
    return m.group(1), counted[0], periods[0] if periods else ""


def _at_least(r: ParsedRow) -> bool:
    """The row's number is what it promises or a floor of it (=, ≥, >, or no operator), and a positive size."""
    return (r.num is not None and r.num > 0 and not r.pct and not r.is_date and not r.rng
            and r.eff_op in ("=", "≥", ">", ""))


def _periods(t: ParsedTable, period: str) -> tuple[float, str] | None:
    """How many `period`s the payments run (a number, where it is said), explicit and one: a duration row of
    the table (补助发放月数 12 个月, 培训天数 5 天) converted into `period`, else the one number of months a
    sentence of the description states beside a payment word (按月发放，全年12个月; not a limit, 3个月内); a per-year standard runs one budget year
    unless a row says otherwise. None when nothing or several differing figures are said."""
    from kb.domain.quantity import kind_of

    kind = kind_of(period)
    said = set()
    for r in t.items:
        if _at_least(r) and r.eff_unit and kind_of(r.eff_unit) == kind and not r.cost_row:
            y = in_unit(r.num, r.eff_unit, period)  # type: ignore[arg-type]
            if y is not None:
                said.add((y, f"“{r.name}”{fmt_num(r.num)}{r.eff_unit}"))
    if not said and kind == "months":
        d = t.ctx.get("description") or ""
        for clause in SENTENCE_END.split(d):
            if _PAID_WORDS_RE.search(clause):
                for m in _PAID_MONTHS_RE.finditer(clause):
                    y = in_unit(float(m.group(1)), "月", period)
                    if y is not None:
                        said.add((y, f"申报说明的“{m.group()}”"))
    if len({y for y, _ in said}) == 1:
        return next(iter(said))
    if not said and period == "年":
        return 1.0, ""
    return None


def standard_products(t: ParsedTable) -> list[tuple[ParsedRow, ParsedRow, tuple[float, str] | None, float]]:
    """(standard row, count row, (periods, where said) or None, standard × count × periods in 万元) for each
    standard of the table (a 成本 row, or a row named …标准 that says it pays: 生活补助标准, not 农村低保标准;
    priced per counted unit and maybe per period: 补助标准 200 元/人·月) and the count it prices (补助人数 5000 人: a unit that converts exactly into the
    standard's, a name sharing a word with the standard's, not a count of those reached but not paid, 受益人口);
    each factor is a floor or the figure (=, ≥), never a ceiling (≤). Of several counts, the one sharing the
    most words with the standard, the smallest product on a tie. A standard per period needs the number of
    periods stated (`_periods`), else no product."""
    from kb.domain.quantity import convert

    out = []
    for c in t.items:
        if not (c.cost_row or ("标准" in c.name and _PAID_STANDARD_RE.search(c.name))) or not _at_least(c) \
                or not c.eff_unit:
            continue
        parts = _standard_parts(c.eff_unit)
        if parts is None:
            continue
        money, per, period = parts
        words = bigrams(c.name_base or c.name) - _GENERIC_BIGRAMS
        best = None
        for q in t.items:
            if q is c or q.cost_row or not _at_least(q) or not q.eff_unit or _NOT_PAID_RE.search(q.name):
                continue
            n = in_unit(q.num, q.eff_unit, per)  # type: ignore[arg-type]
            shared = len(words & bigrams(q.name_base or q.name))
            if n is None or not shared:
                continue
            need = convert(c.num * n, money, "万元")  # type: ignore[operator]
            if best is None or (shared, -need) > (best[0], -best[2]):
                best = (shared, q, need)
        if best is None:
            continue
        times = _periods(t, period) if period else None
        if period and times is None:
            continue
        out.append((c, best[1], times, best[2] * (times[0] if times else 1.0)))
    return out


@rule("FEAS-06", on="table", fix_text="核对补助（成本）标准、对象数量和期数，按“标准×数量×期数”测算，使之与预算一致")
def feas_06(t: ParsedTable, s: CheckerSettings) -> list[RuleHit]:
    """ours: a standard × the count it prices (× the periods it runs) far above the budget (200 元/人·月 ×
    5000 人 × 12 个月 = 1200 万元 against 50 万元): more than `standard_over_budget_ratio` times the budget
    (budget_wan, else the one the description states). Every factor must be written (the number of
    months of a monthly standard too) and every unit convert through `kb.domain.quantity.CONVERSIONS`;
    a pair FEAS-02 already prices (5 万元/公里 × 300 公里 on a 成本 row) is left to it."""
    b = number_of(t.ctx.get("budget_wan")) or number_of(t.ctx.get("budget_hint_wan"))
    if not b or b <= 0:
        return []
    priced = {(c.idx, q.idx) for c, q, _ in unit_cost_products(t)}
    for c, q, times, need in standard_products(t):
        if (c.idx, q.idx) in priced or need <= b * s.standard_over_budget_ratio:
            continue
        said = f"“{c.name}”{fmt_num(c.num)}{c.eff_unit}×“{q.name}”{fmt_num(q.num)}{q.eff_unit}"
        if times and times[1]:
            said += f"×{times[1]}"
        return [RuleHit("value", f"{said}≈{fmt_num(round(need, 2))}万元，是预算{fmt_num(b)}万元的{need / b:.1f}倍，"
                                 f"标准、数量或预算有误")]
    return []


_PRODUCT_MEMO: dict[tuple, Any] = {}
CACHES.append(_PRODUCT_MEMO.clear)


@rule("FEAS-07", on="table", fix_text="核对申报说明中的补助（成本）标准、对象数量和期数，按“标准×数量×期数”测算预算（成本），使两者一致")
def feas_07(t: ParsedTable, s: CheckerSettings) -> list[RuleHit]:
    """ours (round 20): the budget arithmetic a reviewer does by hand — the standard, the count it pays and the
    periods it runs, as the description states them (每人每月300元 × 1200人 × 12个月 = 432 万元:
    `kb.domain.standards.standard_product`, each figure only when the text states it unambiguously), set against the
    amount it should equal (the sentence's own amount, else the budget when the text states no other money: budget_wan,
    else the one the description states) and against the table's one total 成本 row. A product above that amount by
    more than `standard_budget_tolerance` is a finding naming the three figures and the product; one below it only when
    the whole amount is the payment (`StandardProduct.pays_all`: 每人补助交通费50元 in a training project's budget
    leaves the rest to the training). Silent when FEAS-06 already reports the table's own standard far beyond the
    budget."""
    from kb.checker.rules.cost import money_wan
    from kb.domain.standards import standard_product

    desc = t.ctx.get("description")
    if not desc or "元" not in desc:
        return []
    b = number_of(t.ctx.get("budget_wan")) or number_of(t.ctx.get("budget_hint_wan"))
    key = (desc, b)
    if key not in _PRODUCT_MEMO:   # a batch checks many tables of one description
        if len(_PRODUCT_MEMO) > 10_000:
            _PRODUCT_MEMO.clear()
        _PRODUCT_MEMO[key] = standard_product(desc, b)
    sp = _PRODUCT_MEMO[key]
    if sp is None:
        return _stated_standard_by_table_count(t, s, desc, b)
    if feas_06(t, s):
        return []
    said = "×".join(f"“{x}”" for x in (sp.standard_said, sp.count_said, sp.periods_said) if x)
    tol, p = s.standard_budget_tolerance, sp.product_wan
    gaps = []

    def off(amount: float) -> bool:   # above the amount, or below it when the whole amount is the payment
        return p > amount * (1 + tol) or (sp.pays_all and p < amount * (1 - tol))

    if off(sp.equal_wan):
        budget = "项目预算" if number_of(t.ctx.get("budget_wan")) else "申报说明写明的项目预算"
        what = f"{budget}{fmt_num(sp.equal_wan)}万元" if sp.equal_said == "项目预算" else f"同句写明的{sp.equal_said}"
        gaps.append(f"{what}相差{abs(p - sp.equal_wan) / sp.equal_wan:.1%}")
    totals = [(c, w) for c in t.items if c.cost_row and (w := money_wan(c)) is not None and w > 0]
    if sp.equal_said == "项目预算" and len(totals) == 1:
        c, w = totals[0]
        if off(w) and abs(w - sp.equal_wan) > 1e-9 * w:
            gaps.append(f"成本指标“{c.name}”{fmt_num(w)}万元相差{abs(p - w) / w:.1%}")
    if not gaps:
        return []
    return [RuleHit("value", f"申报说明写明{said}，即{fmt_num(round(p, 4))}万元，与{'，与'.join(gaps)}"
                             f"（超过{tol:.0%}）：标准、数量、期数或预算有误")]


# the units a count row of those a per-person standard pays may be in: persons (exact), payments (人次: one period's
# payment each), households (each at least one person: a floor)
_PERSONS, _PAYMENTS, _HOUSEHOLDS = ("人", "名", "位", "万人"), ("人次", "人/次", "万人次"), ("户", "万户")


def _count_row(t: ParsedTable, per: str, words: set[str]) -> tuple[ParsedRow, float, str] | None:
    """(row, count in the standard's unit, what was assumed) of the one count row of the table the standard prices:
    not a 成本 row, a floor or the figure (≥, =), a name sharing a word with the standard's sentence and no word of
    those reached but not paid (受益, 覆盖 …); for a per-person standard in persons, 人次 (each one payment) or 户 (each
    household at least one person: a floor), else a unit that converts into the standard's. None unless exactly one."""
    found = []
    for q in t.items:
        if q.cost_row or not _at_least(q) or not q.eff_unit or _NOT_PAID_RE.search(q.name):
            continue
        if not words & (bigrams(q.name_base or q.name) - _GENERIC_BIGRAMS):
            continue
        u, n, assumed = q.eff_unit, None, ""
        if per == "人" and u in _PERSONS + _PAYMENTS + _HOUSEHOLDS:
            n = q.num * (10000 if u.startswith("万") else 1)   # type: ignore[operator]
            assumed = "每人次发放一次" if u in _PAYMENTS else "每户至少一人" if u in _HOUSEHOLDS else ""
        elif per != "人":
            n = in_unit(q.num, u, per)  # type: ignore[arg-type]
        if n is not None and n > 0:
            found.append((q, n, assumed))
    return found[0] if len(found) == 1 else None


def _stated_standard_by_table_count(t: ParsedTable, s: CheckerSettings, desc: str, b: float | None) -> list[RuleHit]:
    """ours (round 20): the standard the description states (每生1500元/学期) times the table's one count row it pays
    (年度申请就学补助户数 ≥101 人/次), times the periods when the text states them, else one period — a floor of what
    the payments cost: above the budget × `budget_match_high` (the catalog's FEAS-02 band) it cannot be paid. The
    catalog's own real example (南岳区2023雨露计划: 101 × 1500 元 = 15.15 万元 against a budget of 7 万元)."""
    from kb.domain.standards import stated_standard

    if not b or b <= 0:
        return []
    key = ("standard", desc)
    if key not in _PRODUCT_MEMO:
        _PRODUCT_MEMO[key] = stated_standard(desc)
    std = _PRODUCT_MEMO[key]
    if std is None or (std.period and std.periods is None and std.period not in ("学期", "月", "天")):
        return []
    found = _count_row(t, std.per, bigrams(std.words) - _GENERIC_BIGRAMS)
    if found is None or feas_06(t, s) or feas_02_table(t, s):
        return []
    q, n, assumed = found
    times, assumptions = std.periods, [assumed] if assumed else []
    if assumed == "每人次发放一次":
        times = (1.0, "")
    elif times is None:
        times = (1.0, "")
        assumptions.append(f"至少一个{std.period}")
    low = std.amount_wan * n * times[0]
    if low <= b * s.budget_match_high:
        return []
    budget = "项目预算" if number_of(t.ctx.get("budget_wan")) else "申报说明写明的项目预算"
    factors = f"“{std.said}”×“{q.name}”{fmt_num(q.num)}{q.eff_unit}" + (f"×“{times[1]}”" if times[1] else "")
    how = f"（按{'、'.join(assumptions)}计）" if assumptions else ""
    least = "至少" if assumptions else ""
    return [RuleHit("value", f"申报说明写明的标准与表中数量相乘：{factors}{how}{least}{fmt_num(round(low, 4))}万元，"
                             f"是{budget}{fmt_num(b)}万元的{low / b:.1f}倍：标准、数量或预算有误")]


# a quantity stated in the description: up to 8 characters of what it counts before the number
# (养护里程300公里), the number, a magnitude (3万立方米 / 1.5万人 read through the unit table), the unit,
# and up to 8 characters after it (建设8个老年助餐点: the object follows the number)
# (in prose 、 lists quantities — 修缮道路12公里、新建错车道8处 — and never joins a compound unit as in a unit cell);
# grades in Latin letters between the unit and its object are read over (对150户C、D级危房实施改造: the 150 户 are
# 危房, trial 13), a list of them too (C、D级), never a 、 before Chinese words
_DESC_QTY_RE = re.compile(r"([\u4e00-\u9fff]{0,8}?)(\d+(?:,\d{3})*(?:\.\d+)?)(万|亿)?(" + UNIT_RE.pattern.replace("、", "")
                          + r")(?=(?:[A-Z](?:[、/和][A-Z])*)?([\u4e00-\u9fff]{0,8}))")


def bigrams(s: str) -> set[str]:
    """The character pairs of `s` (what FEAS-04 and REL-06 compare a name with the words around a figure by)."""
    return {s[i:i + 2] for i in range(len(s) - 1)}


_CLAUSE_BREAK_RE = re.compile(r"[，。；,;：:！？]")


_STATED_MEMO: dict[str, tuple] = {}
CACHES.append(_STATED_MEMO.clear)


def stated_quantities(description: str) -> tuple[tuple[str, float, str, tuple[str, int, str] | None, bool], ...]:
    """`_stated_quantities` of a description, read once per description (FEAS-04, UNIT-01's stated unit and the
    rewrite's stated figure read the same description for every row of a table; callers only read the tuple)."""
    q = _STATED_MEMO.get(description)
    if q is None:
        if len(_STATED_MEMO) > 10_000:
            _STATED_MEMO.clear()
        q = _STATED_MEMO[description] = tuple(_stated_quantities(description))
    return q


def _stated_quantities(description: str) -> list[tuple[str, float, str, tuple[str, int, str] | None, bool]]:
    """(words before and after it, number, unit, frequency, rate) of each quantity the description states
    (养护里程300公里, 建设8个老年助餐点); a magnitude before the unit is kept in it (3万立方米 → 3, 万立方米).
    The frequency (`every_period`) is read from the clause up to 16 characters back: 网格员每月入户走访不少于
    2次 is 24 a year, though 每 lies beyond the 8 words kept (FEAS-04 called 24 次 twelve times the text).
    `rate` is True when the same clause reads the quantity per member (每所 / 每个 …: 每所少年宫每周开展活动不少于
    3次) or per period by each of a group (网格员每月入户走访2次): a rate, not a total of the project; a frequency
    of the project itself (每季度开展1次安全漏洞扫描) is its year's count (4), compared as a total."""
    out = []
    d = description or ""
    for m in _DESC_QTY_RE.finditer(d):
        x = to_float(m.group(2))
        if x is not None:
            wide = _CLAUSE_BREAK_RE.split(d[max(0, m.start(2) - 16):m.start(2)])[-1]
            every = every_period(wide)
            # per member (每所, 每个 …), or per period by each of a group (网格员每月…, 各村每周…): a rate; per
            # period of the project itself (每季度开展1次安全漏洞扫描) is the year's count, compared as such
            rate = bool(_PER_MEMBER_RE.search(wide) or every is not None and _EACH_OF_GROUP_RE.search(wide)
                        or _per_member_clause(d[:m.start(2)]))
            out.append((m.group(1) + " " + m.group(5), x, (m.group(3) or "") + m.group(4), every, rate))
    return out


def in_unit(x: float, unit: str, to_unit: str) -> float | None:
    """`x` `unit` in `to_unit` through the one unit table (`kb.domain.quantity.CONVERSIONS`, as monitoring
    converts): 3 万立方米 → 30000 立方米; a 万 / 亿 before a counting unit scales it (8万株 → 80000 株).
    None when the units do not convert."""
    from kb.domain.quantity import SCALES, IncomparableUnits, convert, kind_of

    def split(u: str) -> tuple[float, str]:
        if kind_of(u) is None and len(u) > 1 and u[0] in SCALES and u[1:] != "元":
            return SCALES[u[0]], u[1:]
        return 1.0, u

    fa, a = split(unit)
    fb, b = split(to_unit)
    if kind_of(a) is None or kind_of(b) is None:
        return x * fa / fb if units_compatible(a, b) else None
    try:
        return convert(x * fa, a, b) / fb
    except IncomparableUnits:
        return None


# ours: a row about one member of what the description counts: 每个 / 单个 …, or one named place (城关镇污水处理厂
# 运营补助覆盖数 ≥1 座 beside 用于12个乡镇污水处理厂: a per-town breakdown, eight false FEAS-04 in trial 3). The
# place is two characters before 镇 / 乡 / 街道 / 社区 / 村, not a word for places in general (乡镇, 农村 …)
# a group whose members each do what the frequency says: 网格员每月入户走访2次 (120 名 of them), 各村每周清运2次
_EACH_OF_GROUP_RE = re.compile(r"(?:员|师|工|者|户|家庭|学校|村|社区|各[\u4e00-\u9fff]{1,2})每")
_PER_MEMBER_RE = re.compile(r"每(?:个|座|所|处|户|家|台|套|村|乡|镇|人|名|项|条|批)|单(?:个|座|所|处|户|家|台|套|项|条)")
# ours (trial 24): the one a clause's figures are counted per (每站 / 每校 / 每馆 …: 全年每站组织开展文体活动不少于12场次、
# 举办公益培训讲座不少于6期 — both per station, 18 stations), at the clause's head; a 全县 / 共 / 合计 after it turns
# to the whole
_PER_STATION_RE = re.compile(r"每(?:个|座|所|处|户|家|村|乡镇|乡|镇|站|校|馆|园|院|点|中心|社区)")
_WHOLE_AFTER_RE = re.compile(r"全县|全市|全区|全乡|全镇|共计|合计|累计|总计|共")


def _per_member_clause(before: str) -> bool:
    """Whether the clause a figure closes (`before`: the text up to the figure) reads it per member: a 每站 … in
    the clause, with no 全县 / 共 / 合计 between it and the figure."""
    clause = _CLAUSE_BREAK_RE.split(before)[-1]
    m = None
    for m in _PER_STATION_RE.finditer(clause):
        pass
    return m is not None and not _WHOLE_AFTER_RE.search(clause[m.end():])


_PLACE_RE = re.compile(r"[\u4e00-\u9fff]{2}(?:镇|乡|街道|社区|村)")
_NOT_A_PLACE = ("乡镇", "城镇", "村镇", "集镇", "农村", "乡村", "城乡", "政村", "然村", "困村", "范村", "点村",
                "贫村", "庄村", "合村", "个村", "个乡", "个镇", "各乡", "各镇", "各村", "全乡", "全镇", "全村",
                "本乡", "本镇", "本村", "小镇", "辖乡", "辖镇", "辖村", "中心村", "在村", "到村", "入村")

# two characters before 社区 / 村 … that name a kind, not a place (新建社区, 示范村, 重点镇)
_NOT_A_NAME = frozenset(("新建", "改建", "扩建", "建设", "城市", "城区", "农村", "试点", "示范", "重点", "贫困", "脱贫",
                         "全县", "全市", "全区", "所有", "各个", "涉及", "覆盖", "服务", "帮扶", "易地", "搬迁", "安置",
                         "移民", "边境", "民族", "美丽", "和美", "文明", "卫生", "特色", "中心", "一般", "传统"))


def member_named(name: str, around: str) -> bool:
    """ours: the name is about one member of a counted whole (每个乡镇, 单座, 城关镇 …) that the words
    around the description's figure do not name: the row is a part, never a restatement of the total."""
    if _PER_MEMBER_RE.search(name):
        return True
    for m in _PLACE_RE.finditer(name):
        p = m.group()
        if (not any(p.endswith(w) or p[1:].startswith(w) for w in _NOT_A_PLACE) and p[:2] not in _NOT_A_NAME
                and p not in around):
            return True
    return False


@rule("FEAS-04", needs="desc", advice="核对指标值与申报说明中的数量是否多写或少写了一位；如确有差别，请在指标解释中说明口径")
def feas_04(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """ours: a count target 10× or more (or a tenth or less) of the quantity the description states for
    the same thing (养护里程300公里, target 3000 公里): usually a digit too many or too few.

    Same thing: a unit of the same kind and at least one shared two-character word between the name
    and the words around the stated number (before it, or after its unit: 建设8个老年助餐点). The
    stated quantity is converted into the row's unit first (3万立方米 = 30000 立方米). A target equal
    to any stated quantity of that unit is never flagged, nor a target far below one when the row is about
    one member of the whole (`member_named`: 城关镇…覆盖数 ≥1 座 beside 12个乡镇). A quantity stated per period
    or per member (每周 / 每月 / 每所 …, `stated_quantities`) is a rate, not a total: a target equal to it or
    to its year's count (每月1次 = 12 次, `kb.domain.quantity.every_period`) is never flagged, and no target
    is compared with it (1680 次 beside 16所…每所每周不少于3次: how many weeks and sites it runs, the rate
    does not say; a fresh reviewer, trial 4). Tolerance: a factor of 10 (one decimal place), our rule,
    not a policy figure. Trial 11: a per-unit cost standard is compared with the amount stated per its unit
    (`_standard_differs`: 每餐补贴标准 ≤80 元/餐 beside 每餐补贴8元).
    """
    if r.num is None or r.num <= 0 or r.pct or r.is_date or not r.eff_unit:
        return None
    desc = r.ctx.get("description")
    if not desc:  # no quantity stated to compare with
        return None
    if r.cost_row:
        return _standard_differs(r, desc)
    qs, said, rated = [], [], False
    name = bigrams(r.name_base or r.name)
    for words, x, unit, every, rate in stated_quantities(desc):
        y = in_unit(x, unit, r.eff_unit) if units_compatible(unit, r.eff_unit) else None
        if y is not None:
            # 每月开展1次演练 is 12 a year: the year's count is a target as stated (a fresh trial found FEAS-04
            # calling suggest's 数据备份恢复演练次数 ≥12 次 twelve times the text); the 1 as written too
            said += [y, y * every[1]] if every else [y]
            if rate:  # a rate per week or per school is no total to compare a total with
                rated = rated or bool(name & bigrams(words))
            else:   # the project's own frequency is its year's count (每季度1次 → 4)
                qs.append((words, x, unit, y * every[1] if every else y))
    # the target may total a rate the text states for it (活动次数 1680 beside 每所每周3次): not checkable, and
    # not to be set against another count that shares a word (展演活动2场)
    if not qs or rated or any(abs(v - r.num) <= 1e-9 * max(1.0, abs(r.num)) for v in said):
        return None
    for words, x, unit, y in qs:
        # a part of the whole (one town of 12) is far below it by nature: only a part above the whole is flagged
        if y > 0 and name & bigrams(words) and (r.num >= 10 * y or (r.num * 10 <= y
                                                                     and not member_named(r.name, words))):
            before, after = words.split(" ")
            said = f"{before}{fmt_num(x)}{unit}" if name & bigrams(before) else f"{before}{fmt_num(x)}{unit}{after}"
            # round 14: the same digits in a unit a magnitude apart (1.8 平方米 beside 1.8万平方米): the 万 was
            # dropped, and the text's figure is the target (the rewrite proposes it; any other gap stays advice)
            slip = {"value": fmt_num(x), "unit": unit} if abs(x - r.num) <= 1e-9 * max(1.0, abs(x)) else None
            return RuleHit("value", f"指标值{fmt_num(r.num)}{r.eff_unit}与申报说明中的“{said}”相差"
                                f"{fmt_num(max(r.num / y, y / r.num))}倍", slip)
    return _beneficiaries_differ(r, qs)


_MONEY_SCALE = {"": 1.0, "千": 1e3, "万": 1e4, "亿": 1e8}
_PER_UNIT_MONEY_RE = re.compile(r"^(千|万|亿)?元/(.{1,3})$")


def _standard_differs(r: ParsedRow, desc: str) -> RuleHit | None:
    """ours (trial 11): a per-unit standard (每餐补贴标准 ≤80 元/餐) 10× or more (or a tenth or less) of the amount
    the description states per that unit (每餐补贴8元): a digit too many or too few. Only an amount the text says
    per the unit's denominator (每餐, 每人, 人均 … right before the figure) and about the row's object (a shared
    two-character word); any stated amount equal to the target clears the row."""
    m = _PER_UNIT_MONEY_RE.match(r.eff_unit)
    if m is None:
        return None
    scale, den = _MONEY_SCALE[m.group(1) or ""], m.group(2)
    name = bigrams(r.name_base or r.name)
    per = (f"每{den}", f"{den}均")
    found = []
    for words, x, unit, every, rate in stated_quantities(desc):
        um = re.fullmatch(r"(千|万|亿)?元", unit)
        before = words.split(" ")[0]
        if um is None or not any(p in before for p in per) or not name & bigrams(words):
            continue
        y = x * _MONEY_SCALE[um.group(1) or ""] / scale
        if abs(y - r.num) <= 1e-9 * max(1.0, abs(y)):
            return None
        found.append((before, x, unit, y))
    for before, x, unit, y in found:
        if y > 0 and (r.num >= 10 * y or r.num * 10 <= y):
            return RuleHit("value", f"指标值{fmt_num(r.num)}{r.eff_unit}与申报说明中的“{before}{fmt_num(x)}{unit}”"
                                    f"相差{fmt_num(max(r.num / y, y / r.num))}倍")
    return None


# ours (trial 9): a count of the people or households the project reaches (受益人口, 惠及群众人数, 服务对象人数) and
# the one such figure the description states (惠及沿线村民3000人, 受益人口约6.3万人, 为11232名学生提供…)
_BENEFIT_NAME_RE = re.compile(r"(?:受益|惠及|受惠|覆盖|服务|帮扶|救助|资助)[\u4e00-\u9fff]{0,6}?"
                              r"(?:人口|人数|人次|户数|群众|对象|居民|村民|农户|学生|老人)")
_BENEFIT_SAID_RE = re.compile(r"受益|惠及|受惠|覆盖|服务|帮扶|救助|资助|为$")
# a self-evaluation or a report: its figures are what was reached (完成情况:…惠及11万人次), set against a target by
# FEAS-01, not a plan the target must repeat (D017, E015)
_REPORT_RE = re.compile(r"自评|评价报告|完成情况|执行情况|执行率|实际完成")


def _beneficiaries_differ(r: ParsedRow, qs: list) -> RuleHit | None:
    """ours: a beneficiary count other than the one the description states (受益人口 ≥5000 人 beside “惠及沿线
    村民3000人”: a county reviewer's catch, trial 9; FEAS-04's factor of 10 let it pass). Who benefits is a fact of
    the project, not a figure to round: the stated figure is proposed. Only when the description states one such
    figure in the row's unit (受益人口约6.3万人，其中脱贫人口4200人 names two: which one the row counts is the
    declarant's), and the row is no part of it (`member_named`); not in a report of what was done (自评, 完成情况:
    its figure is an actual)."""
    if not _BENEFIT_NAME_RE.search(r.name_base or r.name) or r.eff_op not in ("≥", ">", "=", ""):
        return None
    if _REPORT_RE.search(r.ctx.get("description") or ""):
        return None
    said = [q for q in qs if _BENEFIT_SAID_RE.search(q[0].split(" ")[0])]
    if len(said) != 1 or member_named(r.name, said[0][0]):
        return None
    words, x, unit, y = said[0]
    if abs(y - r.num) <= 1e-9 * max(1.0, abs(y)):
        return None
    before = words.split(" ")[0]
    return RuleHit("value", f"指标值{fmt_num(r.num)}{r.eff_unit}与申报说明写明的受益数“{before}{fmt_num(x)}{unit}”"
                            "不一致", {"value": fmt_num(x), "unit": unit})


# a magnitude left between the number and a unit that has none (1亿 with unit 人): the one table of them
_MAGNITUDE_RE = re.compile("^(?:" + "|".join(sorted(SCALES, key=len, reverse=True)) + ")")


@rule("FEAS-05", needs="num", advice="核对数值和计量单位：是否多写了几位，或计量单位写错（如米写成公里、元写成万元）")
def feas_05(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """ours: a target above the plausible bound of its unit (`kb.domain.plausible.PLAUSIBLE_MAX`: more
    road than the country has, more people than live in it, a standard above 1 亿元 per person; on a
    成本 row, a cost above what any single project costs, 1 万亿元): a number typed with digits too many
    or in the wrong unit. Not a share (QNT-07 bounds rates),
    not a figure QNT-04 already refuses (above 1 万亿, scientific notation); advice only."""
    if r.num is None or r.num <= 0 or r.pct or r.is_date or r.bad_number or not r.eff_unit:
        return None
    m = _MAGNITUDE_RE.match(r.unit_tail) if not r.emb_unit else None  # 1亿 with unit 人
    bound = beyond_plausible(r.num, r.eff_unit, m.group() if m else "", cost=r.cost_row)
    if bound is None:
        return None
    written = f"{fmt_num(r.num)}{m.group() if m else ''}{r.eff_unit}"
    return RuleHit("value", f"“{r.name}”的指标值{written}超过{bound.said}，明显不合理，多半多写了几位或单位有误")


@rule("FEAS-03", on="table", fix_text="按历史水平和测算分别设定各比率目标")
def feas_03(t: ParsedTable, s: CheckerSettings) -> list[RuleHit]:
    """Three or more percentage targets, all exactly 100 %."""
    pcts = t.pct_nums
    if len(pcts) >= 3 and all(p == 100 for p in pcts):
        return [RuleHit("value", f"{len(pcts)}个百分比指标全部为100%，缺乏区分度，像是照填而非测算")]
    return []
