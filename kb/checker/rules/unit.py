"""UNIT rules (UNIT-01 … UNIT-03, our UNIT-04 and UNIT-05): missing 计量单位, unit not fitting the name, unit
conflicts, a unit in Latin letters, a unit cost whose unit does not say per what.

Detection follows ../shared/data/rules/RULES.md §5.4; what a name measures
and which units fit it come from `kb.domain.units`. Not for rewrites.
"""
from __future__ import annotations

from kb.checker.catalog import RuleHit, rule
from kb.checker.parse import ParsedRow, name_quantity
from kb.domain.things import thing_units
from kb.domain.units import (MEASURE_LABEL, canon_unit, latin_unit, mega_unit, per_unit_denominator, per_unit_unsaid,
                             plain_money_unit, time_count_unit, unit_family, unit_fits, units_conflict)
from kb.settings import CheckerSettings

def is_unit_01(r: ParsedRow) -> bool:
    return (r.has_digit and not r.is_date and not r.unit and not r.emb_unit and r.op != "定性"
            and not r.placeholder)


@rule("UNIT-01", needs="num", retarget=True)
def unit_01(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """A number with no 计量单位 in the unit field or after the number (not for dates or 定性).

    ours: a formula in the unit column (@SUM(1)) is no unit either.
    """
    if r.unit_formula and r.op != "定性":
        return RuleHit("unit", f"计量单位“{r.unit}”是 Excel 公式残留，不是计量单位")
    if is_unit_01(r):
        return RuleHit("unit", f"指标值“{r.v}”没有计量单位" + _implied_note(r))
    return None


def _implied_note(r: ParsedRow) -> str:
    """ours (trial 18): for a per-unit cost (每吨垃圾清运单位成本, 户均改造成本 — `kb.domain.units.per_unit_denominator`)
    the amount per unit the description implies, said beside the finding (预算300万元÷3.5万吨，约85.71元/吨), as
    the rewrite reads it (`kb.checker.rewrite.implied_unit_cost`); '' for any other row or when the text gives no
    budget and quantity. A unit cost whose name names nothing it is per (单位成本 ≤115) is per the one planned quantity
    its figure is the budget over (`kb.checker.rewrite.implied_denominator`, trial 20)."""
    if not r.cost_row or r.num is None or r.pct:
        return ""
    from kb.checker.rewrite import implied_denominator, implied_text, implied_unit_cost  # (imports the rules' helpers)

    part = per_unit_denominator(r.ni.base or r.name)
    implied = implied_unit_cost(r, part) if part else None
    if implied is None and not part and (den := implied_denominator(r, r.num)):
        # trial 20: a bare 单位成本 ≤115 whose figure is the budget over one planned quantity: per that quantity
        return f"；按项目概况（{den[3]}）测算约{implied_text(den[2], den[1])}"
    if implied is None:
        return ""
    return f"；按项目概况（{implied[1]}）测算约{implied_text(implied[0], part)}"


@rule("UNIT-02", needs="num", retarget=True)
def unit_02(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """The unit does not fit what the name measures (户数 with 人/次, 面积 with 公里 …); 成本 rows → COST-03.

    ours (trial 17): also an amount per person or per unit (人均培训成本, 每公里造价, 单位面积成本 —
    `kb.domain.units.per_unit_part`) in a plain money unit (元, 万元), cost rows included: ≤800 元 reads as the
    whole training's cost; the unit should say what it is per (元/人). The data's `unit` is the fix's unit."""
    if r.is_date or not r.eff_unit or not r.has_digit:
        return None
    if per := per_money(r):
        u, part = per.split("/", 1)
        return RuleHit("unit", f"“{r.name}”是按{part}计的金额，计量单位“{u}”没有写明按什么计，应为“{per}”",
                       {"unit": per})
    if r.cost_row:
        return None
    # a count of days, months or hours (活动天数) has no size measure but its own time unit (`time_count_unit`)
    fam = r.ni.family or ("count" if time_count_unit(r.ni.base) else None)
    if fam is None:
        return _thing_in_persons(r)
    if unit_fits(fam, r.eff_unit, r.ni.base):
        return None
    lat = latin_unit(r.eff_unit)  # 300 person for 受益人数: the unit is 人 written in English (UNIT-04)
    if lat and lat[1] and unit_fits(fam, lat[1], r.ni.base):
        return None
    label = (fam == "count" and time_count_unit(r.ni.base)) or MEASURE_LABEL[fam]   # 活动天数 ≥ 4 月: 天
    return RuleHit("unit", f"“{r.name}”应以{label}计量，填的是“{r.eff_unit}”")


def per_money(r: ParsedRow) -> str | None:
    """The per-unit money unit an amount per person or per unit in 元 / 万元 should have ('元/人'), else None
    (`kb.checker.rewrite.per_money_unit`, which the fix writes)."""
    from kb.checker.rewrite import per_money_unit  # the rewrite module imports the rule families' helpers

    return per_money_unit(r)


# the units of people and households: no thing (教材, 车辆 …) is counted in them
_PEOPLE_FAMILIES = frozenset(unit_family(u) for u in ("人", "人次", "户"))


def person_unit(unit: str) -> bool:
    """True for a unit of people or households (人, 名, 人次, 户 …, `kb.domain.units.unit_family`)."""
    return unit_family(unit) in _PEOPLE_FAMILIES


def _thing_in_persons(r: ParsedRow) -> RuleHit | None:
    """ours (round 18): a name ending on a thing (发放培训教材, 购置车辆: `kb.domain.things.thing_units`, the table
    the rewrite picks such a row's unit from) counted in persons or households (教材 ≥600 人) — the unit of another
    row's people, not of the thing."""
    things = thing_units(r.name)
    if not things or r.eff_unit in things or not person_unit(r.eff_unit):
        return None
    return RuleHit("unit", f"“{r.name}”应以{'、'.join(things)}计量，填的是“{r.eff_unit}”")


@rule("UNIT-03", needs="unit3", retarget=True)
def unit_03(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Unit field and the unit written after the number differ (值“200人”、单位“次”).

    ours: also the unit of the target repeated in the name (村组干部230人 with
    ≥230 个): the name and the unit column then count different things.
    """
    if r.unit and r.emb_unit and canon_unit(r.unit) != canon_unit(r.emb_unit):
        return RuleHit("unit", f"计量单位“{r.unit}”与指标值中的单位“{r.emb_unit}”不一致")
    q = name_quantity(r)
    if q is not None and q[2] and r.eff_unit and units_conflict(q[2], r.eff_unit):
        return RuleHit("unit", f"名称中的“{q[0]}”与计量单位“{r.eff_unit}”不一致", {"unit": q[2]})
    return None


@rule("UNIT-04", needs="num", fields=("value", "unit"), own_field=True)
def unit_04(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """A 计量单位 written in Latin letters (ours): pcs, km, m2/㎡, kg, t … are proposed in Chinese
    (个, 公里, 平方米, 千克, 吨, 兆瓦: `kb.domain.units.LATIN_UNITS`); any other (sets) is non-standard and left
    to the declarant. An M alone is 米 unless the row's name or value speaks of broadband, storage or power
    (`kb.domain.units.mega_unit`: 网络带宽 ≥100 M → 兆比特每秒; 射程 80 M stays 米). %, ‰, ℃ and Chinese
    units are not concerned."""
    if r.is_date or not r.eff_unit:
        return None
    lat = latin_unit(r.eff_unit, r.name, r.v)
    if lat is None:
        return None
    field = "unit" if r.unit == r.eff_unit or not r.emb_unit else "value"
    shown = r.raw.unit.strip() if field == "unit" else r.eff_unit  # ㎡ as written, not its m2
    mega = mega_unit(r.name, r.v) if lat[0] in ("M", "m") else None
    if lat[1] and mega:
        return RuleHit(field, f"计量单位“{shown}”是英文写法；本行计量的是{mega[1]}，“{lat[0]}”是“兆”而不是“米”，"
                              f"应写作“{lat[1]}”", {"unit": lat[1]})
    if lat[1]:
        return RuleHit(field, f"计量单位“{shown}”是英文写法，应写作“{lat[1]}”", {"unit": lat[1]})
    return RuleHit(field, f"计量单位“{shown}”不是规范的中文计量单位")


@rule("UNIT-05", needs="num", fields=("unit",),
      advice="在计量单位中写明金额按什么计，即成本对应的产出数量的单位（如“元/人”“万元/公里”“元/平方米”）")
def unit_05(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """ours (round 20): an amount per unit whose name does not say per what (单位成本 ≤50 万元, 设备采购单价 ≤3000 元:
    `kb.domain.units.per_unit_unsaid`) in a plain money unit (元, 万元): the target reads as a total and cannot be
    compared with the quantity it prices. A name that says per what (人均成本, 每公里成本) is UNIT-02's, whose fix
    writes the unit (元/人, 万元/公里); here nobody can tell, and the advice asks for it."""
    if r.is_date or not r.has_digit or r.pct or not plain_money_unit(r.eff_unit) or not per_unit_unsaid(r.ni.base or r.name):
        return None
    u = r.eff_unit.strip()
    return RuleHit("unit", f"“{r.name}”是单位成本（单价），计量单位“{u}”没有写明按什么计（如“{u}/人”“{u}/公里”），"
                           "无法与对应的产出数量核对")
