"""Step 4, cost rows: targets derived from the budget (value_source = budget / derived).

The year's budget is the ceiling of the project's own total-cost row; budget
÷ persons (or ÷ the one output's extent) prices a per-head (per-unit) cost
row when the text states both, else the row says 待填写 and why (`cost_value`).
After ranking, the whole project's cost row leads the cost rows
(`lift_whole_cost`); a per-extent cost named after building takes the
project's own work (`own_work_cost`). Pure functions over drafts.
"""
from __future__ import annotations

import math
import re

from kb.domain.words import BUILD_WORDS
from kb.suggest import quantities as Q
from kb.suggest.context import ProjectContext
from kb.suggest.draft import PENDING, Draft
from kb.suggest.objects import Mention
from kb.domain.text import bigrams
from kb.domain.units import measure_of
from kb.domain.standards import CLAUSE_START
from kb.suggest.binding import whole_cost_row
from kb.suggest.quantities import amount

PER_HEAD = re.compile(r"人均|户均|亩均|生均|次均|单价|单位成本|标准|平均|每")
TOTAL_COST = re.compile(r"总成本|项目成本|总投资|成本控制|预算控制|总费用|资金总额|总额|预算成本|成本$|费用$|合同金额")
# a unit's running costs, not this project's (三公经费, 公用经费 …): never the budget ceiling
NOT_PROJECT_COST = re.compile(r"三公|公用经费|人员经费|基本支出|机关运行|行政成本")
PERSON_UNITS = frozenset("人 名 位 万人 万名 人次 万人次".split())


def lift_whole_cost(pool: list[Draft], ctx: ProjectContext) -> None:
    """The project's own cost row bounded by the budget (快乐健身成本 ≤ 63.2 万元) ranks first of the cost rows, above
    rows holding one item of the budget (健身器材点位维护资金 ≤ 12 万元): a reviewer found the whole programme's
    63.2 万元 in no row of E051 (trial 9). In place, on ranked drafts."""
    whole = [d for d in pool if d.value_source == "budget" and whole_cost_row(d, ctx)]
    if not whole:
        return
    best = max((d.score for d in pool if d.slot == "cost" and d.tier == whole[0].tier), default=0.0)
    for d in whole:
        d.score = max(d.score, best + 1e-6)


def stated_persons(ctx: ProjectContext) -> tuple[float, str] | None:
    """The number of persons served or trained the text states (first such mention); a day's count (日均服务30人次
    with no days of the year stated) is no base of the year's money (60 万元 ÷ 30 gave ≤20000 元/人次)."""
    for m in ctx.mentions:
        if m.unit in PERSON_UNITS and not m.obj.startswith("日均"):
            v = float(m.value) * (10000 if m.unit.startswith("万") else 1)
            return v, ("人次" if "次" in m.unit else "人")
    return None


def _other_headcounts(ctx: ProjectContext) -> str:
    """The second and further groups of persons the project pays for, as the text says them ('出差8人'), '' when
    the text counts one group (or the others only benefit: 受益群众, 惠及…). Only headcounts (人, 名, 位) are
    groups: visits (邀请…领导授课25人次 beside 主体班培训280人次, D023) are activity within the one service.
    Rule: a per-head cost is the whole budget ÷ the one group it pays for (`cost_value`)."""
    from kb.suggest.words import BENEFIT_VERBS

    paid = [m for m in ctx.mentions if m.unit in PERSON_UNITS and "次" not in m.unit and not m.existing
            and m.verb not in BENEFIT_VERBS and not m.obj.startswith("受益")
            and not m.context.startswith(tuple(BENEFIT_VERBS))]
    groups = {(m.verb + m.obj) or m.context for m in paid}
    if len(groups) < 2:
        return ""
    first = (paid[0].verb + paid[0].obj) or paid[0].context
    return "、".join(f"{m.verb}{m.obj or ''}{m.value}{m.unit}" for m in paid if ((m.verb + m.obj) or m.context) != first)


def cost_value(d: Draft, ctx: ProjectContext, persons: tuple[float, str] | None,
                main_type: str | None = None) -> bool:
    """Budget ceiling on a total-cost row of the project (formed from its name, retrieved, or of its
    main type); budget ÷ persons on a per-head row (元/人). True when set."""
    if ctx.budget_wan is None:
        return False
    unit = d.unit or d.typical[2]
    if PER_HEAD.search(d.name) or "/" in unit:
        if re.search(r"人均|生均|每人|次均", d.name) and re.search(r"成本|费用|经费", d.name) \
                and not d.name.endswith("率") and _stated_per_head_cost(d, ctx, unit):
            return True
        if NOT_PROJECT_COST.search(d.name):
            # 人均公用经费: a unit's running cost per head, never the project's money ÷ its visits (50 万元 ÷ 25 万人次
            # is what a visit costs: 〔X〕人次均成本, 每人次服务成本)
            d.operator, d.value, d.value_unit = "≤", "", unit
            d.note = f"{PENDING}：{d.name}是单位运转经费，不能以项目预算÷服务人数计算，请按单位实际测算填写"
            return True
        if (persons and re.search(r"人均|生均|每人", d.name) and re.search(r"成本|费用|经费", d.name)
                and re.match(r"^元/人", unit or "元/人") and not _paid_for_others(d, ctx, persons)):
            others = _other_headcounts(ctx)
            if others:
                # 3 万元 for 聘用人员1人 and 出差8人: the whole budget on the one hire is no cost per head (a reviewer
                # struck 聘用人员人均经费 ≤30000 元/人); 待填写 with the reason
                d.operator, d.value, d.value_unit = "≤", "", unit or "元/人"
                d.note = (f"{PENDING}：项目预算同时用于{others}，不能以总预算÷人数计算，"
                          f"请按该项人员分摊的预算测算填写(单位 {unit or '元/人'})")
                return True
            total = ctx.total_wan or ctx.budget_wan
            per = total * 10000 / persons[0]
            d.operator, d.value, d.value_unit = "≤", ceiling(per, 0 if per >= 100 else 2), f"元/{persons[1]}"
            d.value_source = "derived"
            d.evidence.append(f"项目金额 {amount(total)} 万元 ÷ {persons[0]:g} {persons[1]} ≈ {d.value} 元")
            return True
        return _per_extent_cost(d, ctx, unit)
    if main_type and d.source == "type" and main_type not in d.type_ids:
        return False   # a further type's cost (宣传成本) is a part of the project's money, not all of it
    # a name formed from the project is its own cost, whatever its object ends with (司法行政成本, D041)
    if ((TOTAL_COST.search(d.name) or d.source == "formed") and (d.source == "formed" or not NOT_PROJECT_COST.search(d.name))
            and (not unit or Q.units_compatible(unit, "万元")) and measure_of(d.name) != "ratio"):
        # a 率 (成本控制率) is a share, never an amount in 万元
        d.operator, d.value, d.value_unit, d.value_source = "≤", amount(ctx.budget_wan), "万元", "budget"
        d.evidence.append(f"项目预算 {amount(ctx.budget_wan)} 万元 作为成本上限")
        return True
    return False


# the words of a per-head cost row that say it is one (人均, 经费, 补助标准 …) or name persons in general (人员: E019's
# 聘用人员人均经费 is 45 万元 ÷ 聘用的14人): the rest is what the money is for
_PER_HEAD_WORDS = re.compile(r"人均|生均|每人次?|次均|经费|成本|费用|补助|标准|支出|资金|人员|人口|对象|人")


def _paid_for_others(d: Draft, ctx: ProjectContext, persons: tuple[float, str]) -> bool:
    """The persons the text counts are not whom this per-head row's money is for, so budget ÷ persons prices
    nothing: the row names a programme the text does not (人均基本公共卫生服务经费补助标准 in a village clinics'
    equipment project: 144 万元 ÷ 96 人次 had given ≤ 15000 元/人次 — 基本公共卫生服务 is paid per resident), or the
    persons are trained beside a project that is no training (培训乡村医生96人次 in an equipment purchase)."""
    what = _PER_HEAD_WORDS.sub("", d.name)
    pairs = {what[i:i + 2] for i in range(len(what) - 1)}
    if d.source != "formed" and pairs and len(pairs & ctx.text_bigrams) < len(pairs) / 2:
        return True
    first = next((m for m in ctx.mentions if m.unit in PERSON_UNITS and not m.obj.startswith("日均")), None)
    return bool(first and "培训" in first.verb + first.obj and "培训" not in ctx.core + what)


# a per-head amount the text states (人均培训费用控制在1000元以内, 每人培训费不超过800元): its words before the figure
_PER_HEAD_AMOUNT = re.compile(r"(?:人均|生均|每人|每人次)([\u4e00-\u9fff]{0,8}?)(?:控制在|不超过|不高于|最高|为|约)?$")
_COST_WORDS = re.compile(r"人均|生均|每人次?|次均|成本|费用|经费|支出|标准|平均")


def _stated_per_head_cost(d: Draft, ctx: ProjectContext, unit: str) -> bool:
    """A per-head cost row takes the per-head amount the text states about the same thing (人均培训费用控制在1000元以内
    → 人均培训成本 ≤ 1000 元/人), before any budget ÷ persons (68 万元 ÷ 600 人次 = 1134 was a reviewer's strike).
    True when set."""
    stem = set(bigrams(_COST_WORDS.sub("", d.name)))
    for m in ctx.mentions:
        if m.unit not in ("元", "万元"):
            continue
        said = _PER_HEAD_AMOUNT.search(CLAUSE_START.split(ctx.text[max(0, m.start - 16):m.start])[-1])
        if not said:
            continue
        words = set(bigrams(said.group(0)))
        if stem and not stem & words:
            continue
        ceiling_said = re.search(r"控制在|不超过|不高于|最高|以内|以下", ctx.text[max(0, m.start - 16):m.end + 4])
        v = float(m.value) * (10000 if m.unit == "万元" else 1)
        per = "人次" if "人次" in said.group(0) or unit.endswith("人次") and "人均" not in said.group(0) else "人"
        d.operator, d.value, d.value_unit = ("≤" if ceiling_said else "="), amount(v), f"元/{per}"
        d.value_source = "text"
        d.evidence.append(f"描述中的人均金额: {said.group(0)}{m.value}{m.unit}")
        return True
    return False


def _per_extent_cost(d: Draft, ctx: ProjectContext, unit: str) -> bool:
    """A cost per length or area (农村公路每公里建设成本, 万元/公里) is the project's money ÷ the one length or
    area the text states in that unit: 2179 万元 ÷ 32.63 公里 ≈ 66.78 万元/公里 (fresh trial, E033: left
    待填写 although the text gave both); a rate the text states per that extent (按每公里6000元结算) is the value itself.
    False when the unit is per something else or the text states
    no such extent, or several."""
    money, _, per = unit.partition("/")
    if money not in ("元", "万元") or per not in ("公里", "米", "平方米", "亩", "公顷") or not re.search(r"成本|造价|投资", d.name):
        return False
    said = re.search(rf"每{per}(\d+(?:\.\d+)?)(万元|元)", ctx.text)
    if said:   # 清疏费用按每公里6000元结算: the text's own rate, not the budget ÷ the length (a fresh reviewer saw 0.71)
        v = float(said.group(1)) * (10000 if said.group(2) == "万元" else 1) / (10000 if money == "万元" else 1)
        d.operator, d.value, d.value_unit, d.value_source = "≤", amount(v), unit, "text"
        d.evidence.append(f"描述中的金额: 每{per}{said.group(1)}{said.group(2)}")
        return True
    stated = [m for m in ctx.mentions if m.unit in (per, "万" + per)]
    if len(stated) != 1:
        return False
    m = stated[0]
    extent = float(m.value) * (10000 if m.unit.startswith("万") else 1)
    total = ctx.total_wan or ctx.budget_wan
    if not extent or not total:
        return False
    others = other_outputs(ctx, m)
    if others:
        # 186 万元 pays for 312 公里 of upkeep and 4600 平方米 of patching: the whole budget ÷ one of them is no
        # unit cost (a reviewer struck 单位面积建设成本 ≤404.35 元/平方米); 待填写 with the reason
        said = "、".join(f"{x.verb}{x.obj}{x.value}{x.unit}" for x in others[:2])
        d.operator, d.value, d.value_unit = "≤", "", unit
        d.note = (f"{PENDING}：项目预算同时用于{said}等其他产出，不能以总预算÷{m.value}{m.unit}计算，"
                  f"请按该项工作分摊的预算测算填写(单位 {unit})")
        return True
    v = total / extent * (10000 if money == "元" else 1)
    d.operator, d.value, d.value_unit, d.value_source = "≤", ceiling(v, 2), unit, "derived"
    d.evidence.append(f"项目金额 {amount(total)} 万元 ÷ {m.value}{m.unit} ≈ {d.value} {unit}")
    return True


# work on what stands (修缮, 养护, 提档升级 …): the project's own work when its name or text says it
_RENEWAL_WORK = re.compile(r"修缮|养护|维修|维护|修复|大中修|提档升级|改造提升|改造")
# …and what builds: a project saying so keeps 建设
_BUILDS = re.compile(r"新建|建设|新修|硬化|铺设")


def own_work_cost(d: Draft, ctx: ProjectContext) -> None:
    """A cost per extent named after building (农村公路每公里建设成本, 万元/公里) names the project's own work when that
    is upkeep or repair of what stands (农村公路修缮 → 农村公路每公里修缮成本; a QA trial found 建设 on a repair
    project); its 指标解释 likewise. Unchanged when the project builds, the name says no 建设 or the row is no cost
    per 公里 / 米 / 平方米 / 亩 / 公顷. Renames a row of the table as chosen (`kb.suggest.fill`): a name changed
    before ranking moves the ranker's reading of the other rows."""
    money, _, per = (d.value_unit or d.unit).partition("/")
    if "建设" not in d.name or d.slot != "cost" or money not in ("元", "万元") \
            or per not in ("公里", "米", "平方米", "亩", "公顷"):
        return
    own = _RENEWAL_WORK.search(ctx.core or "") or (None if _BUILDS.search(ctx.text) else _RENEWAL_WORK.search(ctx.text))
    if own is None or _BUILDS.search(ctx.core or ""):
        return
    d.name = d.name.replace("建设", own.group(0), 1)
    d.explanation = d.explanation.replace("建设", own.group(0), 1)


# extents that measure one output's size, not an output of their own (平均清淤深度0.8米, 路面宽度6米)
_DIMENSION = re.compile(r"(?:深度|宽度|厚度|高度|深|宽|厚|高)$")


def other_outputs(ctx: ProjectContext, m: Mention) -> list[Mention]:
    """The other extents the text states beside `m` that the same budget pays for: a length beside an area or an
    area beside a length (312公里 of upkeep beside 4600平方米 of patching), not a dimension of one (清淤深度, 路面宽度).
    A count of facilities built (新建污水处理设施18座) is another output too (a fresh reviewer struck 每公里建设成本 =
    the whole budget ÷ the pipe length). A volume moved (出淤7.8万方) measures the same work and other counts and events are left aside (编制12个绩效目标指标
    is a form's wording). Rule: a per-unit cost is the whole budget ÷ the project's one output (a county 财政局
    reviewer, seventh trial)."""
    extents = {Q.unit_family("公里"), Q.unit_family("平方米"), Q.unit_family("亩")}
    return [x for x in ctx.mentions
            if x is not m and not x.is_budget and not x.existing
            and (Q.unit_family(x.unit) in extents and not _DIMENSION.search(x.obj or x.context) or _built_count(x))
            and not Q.units_compatible(x.unit, m.unit)]


# units that count facilities (新建污水处理设施18座, 建设泵站3处)
_FACILITY_UNITS = frozenset("座 处 套 台 口 眼 栋 个".split())


_REPLACE_VERBS = frozenset(("更换", "更新", "维修改造", "改造提升", "提升改造"))
# things counted that are works or equipment the budget pays for, whatever verb the list item lost
_WORKS_BOUGHT = re.compile(r"(?:设备|设施|工程|泵站|水泵|机组|装置)$")


def _built_count(x: Mention) -> bool:
    """A count of facilities the project builds (新建村级污水处理设施18座): another output the budget pays for."""
    if x.unit not in _FACILITY_UNITS:
        return False
    # …or equipment and works the same money replaces or repairs (42处供水工程进行维修改造, 更换…水泵及消毒设备96台套:
    # a reviewer struck 供水管网改造每公里投资 = 260 万元 ÷ 58 公里, trial 13)
    return bool(x.verb) and BUILD_WORDS.search(x.verb) is not None or x.verb in _REPLACE_VERBS \
        or _WORKS_BOUGHT.search(x.obj or "") is not None


def ceiling(v: float, decimals: int) -> str:
    """A derived ceiling (≤) as written, rounded UP to `decimals` so that the plan itself meets it:
    65 万元 ÷ 8 万人次 = 8.125 → "8.13" (a fresh reviewer struck ≤8.1 元/人次: the project's own
    figures break it), 96 万元 ÷ 1800 人 = 533.3 → "534" with decimals 0. A positive value never
    shows as 0 (three significant digits below the last decimal)."""
    q = 10 ** decimals
    r = math.ceil(v * q - 1e-9) / q
    if v > 0 and v < 1 / q:   # 0.0001 万元 ÷ 12 公里: three significant digits, never "8.33e-06"
        places = 2 - math.floor(math.log10(v))
        return f"{math.ceil(v * 10 ** places - 1e-9) / 10 ** places:.{places}f}".rstrip("0")
    return amount(r)
