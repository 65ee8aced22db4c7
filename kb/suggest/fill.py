"""A default table's required slots and its least size, after `kb.suggest.engine.choose_table`.

Issue 10 asks for a default table of 8–12 rows with every required slot (数量, 质量, 时效, 成本, 效益, 满意度)
filled or marked 待填写 with the reason. `kb.suggest.table.assemble` fills a slot from the candidates and
from the best type's spare rows; when none fits, the slot used to be named only in the result's message, and
`jixiao check` then gave STR-07 (表内没有效益指标) — a QA trial found four such tables of 5–6 rows (耕地质量提升,
撂荒地整治复耕, 河道生态修复, 义诊进乡村). `fill_required` gives such a slot a row a reviewer would keep:

- 效益: a headcount of the people the text serves that the table holds under 数量 moves to 社会效益 (服务群众人数
  ≥ 1.2 万人 is whom the work benefits: the checker files beneficiary counts there, 8 of 8 real tables do);
  else, for a text naming no people, a 质量 row of the area's environment re-filed as 生态效益 (环境空气质量优良天数比例
  of a dust-suppression service, round 13); else 受益〔people〕人数 / 户数 待填写, the people the text names (农户 for work
  on farmland, else 群众);
- 质量: 〔object〕验收合格率 (a building work) and 发放准确率 (a payment) at the library's typical = 100 %,
  服务达标率 (a service) 待填写 in %; a service core whose project name names built facilities (扶贫基地 of
  …基础设施(人大代表扶贫基地)) is a building work on them: 扶贫基地基础设施验收合格率;
- 数量: 〔object〕长度 (公里) for work on a river, road or line, 面积 (亩) for land, else 数量 (个), 待填写;

each with the note saying why. A table still under `MIN_ROWS` takes the best alternates (vetted with the
checker as the table was) of the required slots, best score first, one measure each (a second satisfaction row
never: a table takes one only for a second named group), then, for a service the text says it holds as 活动, a
blank count of them (义诊进乡村活动次数 待填写 次) and, when no row counts persons, a blank count of the people
served (受益群众人数). Pure over drafts.
"""
from __future__ import annotations

import re
from copy import copy

from kb.domain.text import longest_shared_run
from kb.suggest.per_unit_benefit import per_unit_clause
from kb.suggest import naming as N
from kb.suggest.draft import ASIDE_SPARE_ENTRY, PENDING, Draft
from kb.suggest.unnamed_spares import UNNAMED_SPARE
from kb.suggest.ranker import Tier
from kb.suggest.table import (MAX_PENDING, MIN_ROWS, MISSING, Table, group_of, in_table_order, rate_beside_its_class,
                              same_measure)
from kb.suggest.cost_values import own_work_cost
from kb.suggest.garbled_names import write_once
from kb.suggest.placement import refile_rates_in_table
from kb.suggest.words import BENEFICIARIES, BENEFIT_VERBS, GENERAL_SERVED, served_groups

_PERSON_UNITS = frozenset(("人", "人次", "万人", "万人次", "名", "万名"))
_AUDIENCE = re.compile(r"受众|受益|惠及|覆盖")
# what the work is on, read from the text: the measure its size is counted in
_LINEAR = re.compile(r"河|渠|堤|路|管网|管道|线路|岸")
_LAND = re.compile(r"耕地|农田|田|撂荒|土地|林|草|水土|绿化|湿地|矿山")
_FARM = re.compile(r"耕地|农田|撂荒|复耕|种植|粮食|灌溉|农户")
_QUALITY_MEASURE = {"build": "验收合格率", "pay": "发放准确率", "service": "服务达标率"}
_WHY = "待填写：描述中没有写明{what}，{slot}为必填项，请按项目实际填写"


def fill_required(table: Table, ctx, pool: list[Draft] | None = None) -> Table:
    """`table` with a row for each required slot group it lacks (see the module docstring) and, when still under
    `MIN_ROWS`, its best alternates of the required slots, then (`pool`: the ranked candidates) the best type's
    own entries set aside only for lacking their object in the text (`_spare_entries`); `table.missing` keeps only
    the groups still empty (none unless no object can be named). `ctx`: the request's `ProjectContext`. Mutates
    and returns `table`."""
    rows = list(table.rows)
    given_up = _measurable_benefit(rows, table, ctx)
    for g in [g for g in MISSING if MISSING[g] in table.missing]:
        # round 22, E021: a fund asking 企业满意度 whose text names no people benefits enterprises, not 群众
        d = (_enterprises_served(rows, ctx) or _benefit(rows, ctx)) if g == "benefit" else _quality(ctx) if g == "quality" else \
            _quantity(ctx, rows) if g == "quantity" else None
        if g == "benefit" and d is not None and d.pending and not _named_people(ctx):
            d = _environment_outcome(rows) or d
        if d is None:
            continue
        if g == "benefit" and d.pending:
            _drop_blank_count_of_same(rows, table, d)
        if d.name not in (r.name for r in rows):
            rows.append(d)
        table.missing.remove(MISSING[g])
    _prefer_stated_area_outcome(rows, table, ctx)
    _set_aside_level_of_nothing(rows, table, ctx)
    if len(rows) < MIN_ROWS:
        spare = sorted((a for v in table.alternates.values() for a in v if a.tier != Tier.ALTERNATE
                        and group_of(a.slot) in MISSING), key=lambda a: (-int(a.tier), -a.score))
        for a in spare:
            if len(rows) >= MIN_ROWS:
                break
            if any(same_measure(a, r) or rate_beside_its_class(a, r) for r in rows) \
                    or vague_benefit(a) and (_named_people(ctx) or any(group_of(r.slot) == "benefit" for r in rows)) \
                    or a.pending and sum(r.pending for r in rows) >= MAX_PENDING \
                    or group_of(a.slot) == "satisfaction" and any(group_of(r.slot) == "satisfaction" for r in rows):
                continue   # a second satisfaction row only as the table takes one (a second named group)
            rows.append(a)
            for v in table.alternates.values():
                if a in v:
                    v.remove(a)
    for d in given_up:
        # a vague row beside a measurable one only keeps a short table at its size, never a retrieved one whose 定性 target the checker cleared as unassessable (会议成果转化 定性 待填写, E057: a
        # blank vague row of another project a reviewer strikes; a type's own, 为决策提供参考, stays) — nor a blank one of
        # a poverty fund, whose beneficiaries can be counted (D045, round 13: 受益脱贫户数 for 产业持续带动能力 定性 待填写)
        poor = _poor_served(rows, ctx) if d.pending and len(rows) < MIN_ROWS else None
        if poor is not None:
            rows.append(poor)
            continue
        if len(rows) < MIN_ROWS and not (d.source == "retrieval" and d.pending and d.operator == "定性"):
            rows.append(d)
            table.alternates[d.slot].remove(d)
    for extra in (_held_count(ctx), _people_served(rows, ctx)):
        if len(rows) < MIN_ROWS and extra is not None and not any(same_measure(extra, r) for r in rows):
            rows.append(extra)
    for extra in _spare_entries(rows, pool or []):
        if len(rows) >= MIN_ROWS:
            break
        if not any(same_measure(extra, r) or rate_beside_its_class(extra, r) for r in rows) \
                and sum(r.pending for r in rows) < MAX_PENDING:
            rows.append(extra)
    for r in rows:
        own_work_cost(r, ctx)   # 农村公路每公里建设成本 on a repair project → 每公里修缮成本
    refile_rates_in_table(rows)   # E056: 足额保障率 under 数量, where the checker's REL-01 flags it
    table.rows = in_table_order(rows)
    return table


def _spare_entries(rows: list[Draft], pool: list[Draft]) -> list[Draft]:
    """For a table still under `MIN_ROWS`: the best type's own entries (a library indicator of its set, never a row of
    one real table) that vetting set aside only because the text does not name their object (`ASIDE_SPARE_ENTRY`:
    破获毒品刑事案件数 for a drug-control fund whose text says 打击毒品犯罪 and 办案), of the required slot groups, a
    count or rate with a unit, best score first, each a copy left blank with the note saying why (E053 had 7 rows).
    Never a second satisfaction row nor a vague 定性 one."""
    top = max((d.type_prob for d in pool), default=0.0)
    if not top:
        return []
    spare = sorted((d for d in pool if d.tier == Tier.ALTERNATE and d.source == "type" and d.indicator_id
                    and d.type_prob >= top and d.evidence and d.evidence[-1] == ASIDE_SPARE_ENTRY
                    and UNNAMED_SPARE not in d.evidence   # an object the text names in no word (D056's 研究课题)
                    and group_of(d.slot) in MISSING and group_of(d.slot) != "satisfaction"
                    and d.operator != "定性" and (d.unit or d.typical[2])), key=lambda d: -d.score)
    out = []
    for d in spare:
        c = copy(d)
        c.tier, c.evidence = Tier.RANKED, list(d.evidence)
        c.value, c.value_source, c.operator = "", "", ""
        c.note = f"{PENDING}：描述中没有写明这项{MISSING[group_of(d.slot)]}的对象，此为同类项目常用指标，请核实适用后按项目实际填写目标值"
        out.append(c)
    return out


# groups a benefit row counts in 人 never: not persons (受益企业人数)
_NOT_PERSONS = frozenset(("企业", "经营主体", "商户", "使用单位"))


def vague_benefit(d: Draft) -> bool:
    """A library 效益 row that states no measure: 定性 with a level no one can count (群众出行条件 达到预期, 舆论氛围
    良好, 森林资源安全 达到预期), not a stated one of the text nor a yes/no of a mechanism (管养长效机制 是)."""
    return (group_of(d.slot) == "benefit" and d.operator == "定性" and d.value_source != "text"
            and d.value not in ("是", "否", "有", "无"))


def _named_people(ctx) -> str:
    """The people a measurable benefit row can count: of the groups the text names as its own
    (`words.served_groups`: 残疾人, 优抚对象, 学生 — not 群众, 居民 nor the staff), persons, in a word of their own
    (农民 of 农民专业合作社 is a kind of enterprise), the first in the text; 农户 for work on farmland (`_FARM`);
    else ''."""
    at = {b: m.start() for b in served_groups(ctx.beneficiaries) if b in BENEFICIARIES and b not in _NOT_PERSONS
          for m in [re.search(re.escape(b) + "(?!专业|合作)", ctx.text)] if m}
    return min(at, key=at.get) if at else "农户" if _FARM.search(ctx.text) else ""


def _measurable_benefit(rows: list[Draft], table: Table, ctx) -> list[Draft]:
    """Vague 效益 rows (`vague_benefit`) give way to a measurable one: reviewers strike 减轻学生家庭经济负担 定性
    达到预期 (issue-10 trials). Beside a measurable 效益 row a vague one goes (E007's 群众出行条件 beside 受益建档立卡
    贫困人口数 ≥ 23 人); where every 效益 row is vague, the count of the people the text names (`_named_people`,
    `_benefit`: 受益优抚对象人数 待填写 人, or the stated headcount moved from 数量) takes their place, else the best
    measurable 生态效益 alternate for a vague 生态效益 row, the effect on the area the work acts on, its target blank
    (森林覆盖率 待填写 % for 森林资源安全, 污染物排放削减量 待填写 吨 for 水环境质量; never the library's figure: a
    social one read 违法违规行为下降率 for an audit, 办公用品节约率 for a party branch's activities), else the detected
    type's measurable 社会 / 经济效益 row that shares the text's words (`_type_measure`, round 13: 违法违规行为下降率 for a
    安全生产 inspection fund), else a 定性 row naming a state of the project's own object for one naming a level
    (`_concrete_alternate`: 信息系统持续稳定运行 for 信息化管理水平). A vague row stays where nothing better can be named. The rows given up stand
    first among their slot's alternates. Mutates `rows` and `table.alternates`; returns the vague rows given up
    beside a measurable one (a table left short takes them back)."""
    benefit = [r for r in rows if group_of(r.slot) == "benefit"]
    vague = [r for r in benefit if vague_benefit(r)]
    if not vague:
        return []
    instead = None
    if len(vague) == len(benefit):
        who = _named_people(ctx)
        area = next((r.slot for r in vague if r.slot == "ecological_benefit"), "")
        instead = _benefit(rows, ctx, who) if who else _blank_alternate(table, area) if area else \
            _blank_alternate(table, "ecological_benefit", core=True)
        if instead is not None and _counts_output_people_again(instead, rows):
            instead = None
        if instead is not None and who and _stated_aim_counted_again(instead, vague, rows, ctx):
            return []   # the text's own aim stays rather than a third blank count of the same people
        if instead is None:
            instead = _type_measure(table, rows)
        if instead is None:
            instead = _concrete_alternate(table, vague, ctx)
        if instead is None:
            return []
    for r in vague:
        rows.remove(r)
        table.alternates.setdefault(r.slot, []).insert(0, r)
    if instead is not None:
        if instead.pending:
            _drop_blank_count_of_same(rows, table, instead)
        rows.append(instead)
        return []
    return vague


# counts of participations: the same persons counted per event
_TURNOUT_UNITS = frozenset({"人次", "万人次"})


def _counts_output_people_again(d: Draft, rows: list[Draft]) -> bool:
    """A blank 效益 count of participations (参与群众人次 待填写 万人次) beside a blank 数量 count of them (活动参与人次
    待填写 人次) asks the declarant for one figure twice (the merged day round: E045's vague 丰富群众文化生活 gave way to
    参与群众人次, the row trial 13 struck as 参与群众). Persons (人) beside participations (人次) are two measures."""
    return d.pending and (d.value_unit or d.unit) in _TURNOUT_UNITS and any(
        r.slot == "quantity" and r.pending and (r.value_unit or r.unit) in _TURNOUT_UNITS for r in rows)


# the evidence a row shares words with the text (`kb.suggest.candidates`: 匹配词: 举报、督查、违法 …)
_SHARED_WORDS = "匹配词"


def _type_measure(table: Table, rows: list[Draft]) -> Draft | None:
    """For a table whose every 效益 row is vague and names no people nor area: the best measurable 社会 / 经济效益
    alternate of the detected type's own set that shares words with the text (a rate or count with a unit, never
    another project's retrieved row, nor 核减节约资金 of an audit type for a testing fund whose text says nothing of it),
    its target blank — D062's 企业安全生产主体责任落实 定性 待填写 gives way to 违法违规行为下降率 待填写 % (round 13). None
    when the type offers none, or only a count of the participations a blank 数量 row already asks
    (`_counts_output_people_again`)."""
    best = None
    for slot in ("social_benefit", "economic_benefit"):
        for a in table.alternates.get(slot, []):
            if a.tier != Tier.ALTERNATE and a.source == "type" and a.indicator_id and a.operator != "定性" \
                    and (a.unit or a.typical[2]) and not vague_benefit(a) \
                    and any(e.startswith(_SHARED_WORDS) for e in a.evidence) \
                    and not (a.unit in _TURNOUT_UNITS and _counts_output_people_again(_blanked(a), rows)) \
                    and (best is None or (int(a.tier), a.score) > (int(best.tier), best.score)):
                best = a
    if best is None:
        return None
    table.alternates[best.slot].remove(best)
    if best.value_source == "text" or best.pending:
        return best
    out = _blanked(best)
    out.note = f"{PENDING}：描述中没有写明效益目标值，此为同类项目常用指标，请按项目实际填写目标值"
    return out


def _blanked(d: Draft) -> Draft:
    """A copy of `d` with no target (the 效益 row `_type_measure` offers asks the declarant for it)."""
    out = copy(d)
    out.value, out.value_source, out.operator = "", "", ""
    return out


# a level no one can verify: the degree or capacity a vague 效益 name ends on (信息化管理水平, 产业持续带动能力, 舆论影响力)
_ABSTRACT_END = re.compile(r"(?:水平|能力|作用|意识|影响力|凝聚力|积极性|氛围|形象|质量)$")


def _set_aside_level_of_nothing(rows: list[Draft], table: Table, ctx) -> None:
    """Where the table's only 效益 rows are blank 定性 levels (`vague_benefit`, `_ABSTRACT_END`) naming nothing of the
    project (no word of two characters shared with its core or name) and nothing measurable took their place
    (`_measurable_benefit`): they are set aside and the message says 效益 is the declarant's to name — E005, a 党史
    研究室's 部门整体支出, was left 预算绩效管理水平 定性 待填写 (the lead's closing note: still qualitative, a reviewer
    strikes it as he struck 地方志资政育人作用 in its place). A level of the project's own people or object stays
    (优抚对象生活水平 of an 优抚对象 fund, D042: the declarant writes what it reaches). Mutates `rows`, `table`."""
    from kb.suggest.dedupe import set_aside

    benefit = [r for r in rows if group_of(r.slot) == "benefit"]
    own = {t[i:i + 2] for t in (ctx.core or "", ctx.name or "") for i in range(len(t) - 1)}
    if not benefit or not all(vague_benefit(r) and r.pending and _ABSTRACT_END.search(r.key)
                              and not own & {r.key[i:i + 2] for i in range(len(r.key) - 1)} for r in benefit):
        return
    for r in benefit:
        rows.remove(r)
        set_aside(r, "名称是一种水平或能力，没有写明项目的对象，也没有年底可核验的结果，仅作备选")
        table.alternates.setdefault(r.slot, []).insert(0, r)
    if MISSING["benefit"] not in table.missing:
        table.missing.append(MISSING["benefit"])


def _concrete_alternate(table: Table, vague: list[Draft], ctx) -> Draft | None:
    """For a table whose only 效益 rows are vague and name a level no one verifies (`_ABSTRACT_END`): the best 定性
    alternate of a 效益 slot that names a state of the project's own object (it shares a word of two characters with
    the project's core or name, and ends on no degree word) — 信息系统持续稳定运行 for 信息化管理水平 (trial 13's IT
    maintenance contract: a reviewer can check the systems ran all year), removed from `table.alternates`. None when
    a vague row already names such a state, or no alternate does."""
    if not all(_ABSTRACT_END.search(r.key) for r in vague):
        return None
    own = {t[i:i + 2] for t in (ctx.core or "", ctx.name or "") for i in range(len(t) - 1)}
    best = None
    for slot in ("social_benefit", "sustainable_impact", "economic_benefit", "ecological_benefit"):
        for a in table.alternates.get(slot, []):
            if a.tier != Tier.ALTERNATE and a.operator == "定性" and a.source != "retrieval" \
                    and not _ABSTRACT_END.search(a.key) and own & {a.key[i:i + 2] for i in range(len(a.key) - 1)} \
                    and (best is None or (int(a.tier), a.score) > (int(best.tier), best.score)):
                best = a
    if best is not None:
        table.alternates[best.slot].remove(best)
    return best


def _blank_alternate(table: Table, slot: str, core: bool = False) -> Draft | None:
    """The best measurable alternate of `slot` (a unit, not 定性), its target left blank with a note saying
    why (a library figure is another project's); removed from `table.alternates`. None when there is none.
    `core`: only a core row of a detected type's set (森林覆盖率 of 森林资源管护)."""
    pool = [(-int(a.tier), -a.score, i, a) for i, a in enumerate(table.alternates.get(slot, []))
            if a.tier != Tier.ALTERNATE and a.operator != "定性" and a.unit and not vague_benefit(a)
            and (a.type_core or not core)]
    if not pool:
        return None
    best = min(pool)[-1]
    table.alternates[best.slot].remove(best)
    if best.value_source == "text" or best.pending:
        return best
    out = copy(best)
    out.value, out.value_source = "", ""
    out.note = f"{PENDING}：描述中没有写明效益目标值，此为同类项目常用指标，请按项目实际填写目标值"
    return out


# a fund against poverty (its name says so): its beneficiaries are the households lifted out of it
_POVERTY_FUND = re.compile(r"扶贫|脱贫|巩固拓展")


def _poor_served(rows: list[Draft], ctx) -> Draft | None:
    """受益脱贫户数 待填写 户 for a poverty fund (`_POVERTY_FUND` in the project's name) whose 效益 rows count no people
    nor households; None otherwise."""
    if not _POVERTY_FUND.search(ctx.name or "") or any(
            group_of(r.slot) == "benefit" and (r.value_unit or r.unit) in _PERSON_UNITS | {"户", "万户"} for r in rows):
        return None
    d = _benefit([], ctx, "脱贫户")
    d.note = f"{PENDING}：描述中没有写明受益的脱贫户数，请按项目实际填写"
    return d


# the state of the environment over a whole area: a result the work serves, not a quality of the work itself
_AREA_OUTCOME = re.compile(r"空气质量|优良天数|PM2\.?5|PM10|水质|水环境质量|断面")


def _environment_outcome(rows: list[Draft]) -> Draft | None:
    """For a table lacking 效益 whose text names no people: a 质量 row measuring the state of the environment over the
    area (`_AREA_OUTCOME`: 环境空气质量优良天数比例, 服务周期内空气质量 优良), re-filed as 生态效益 — the effect a
    dust-suppression service states (持续改善我市空气质量, 全市空气质量达到优良), not 受益群众人数 待填写 of a text that
    counts no one (D002, D030, round 13). One with a unit first; 质量 keeps another row. Removes it from `rows` and
    returns the re-filed copy; None when there is none."""
    quality = [r for r in rows if r.slot == "quality"]
    found = [r for r in quality if _AREA_OUTCOME.search(r.name)]
    if not found or len(quality) < 2:
        return None
    best = min(found, key=lambda r: (not (r.value_unit or r.unit), quality.index(r)))
    rows.remove(best)
    moved = copy(best)
    moved.level2 = "ecological_benefit"
    moved.evidence = best.evidence + ["区域环境质量是项目的生态效益（效益指标为必填项），不是服务本身的质量"]
    return moved


def _prefer_stated_area_outcome(rows: list[Draft], table: Table, ctx) -> None:
    """Where every 效益 row is a blank outcome over the area (PM2.5年均浓度 待填写, re-filed from 质量 after ranking:
    `scope.refile_region_outcome`) and a 质量 row states the area's state as the text says it (服务周期内空气质量 定性
    优良 for 全市空气质量达到优良, D002), that row is the 生态效益 and the blank ones stand first among the alternates —
    the effect the declarant wrote, not a figure to look up (the day round's merge: round 13 moved the stated row,
    trial 13's re-filing had put a blank one in its place). Only a 定性 value the text holds; 质量 keeps another row.
    Mutates `rows` and `table.alternates`."""
    benefit = [r for r in rows if group_of(r.slot) == "benefit"]
    if not benefit or not all(r.pending and _AREA_OUTCOME.search(r.name) for r in benefit):
        return
    quality = [r for r in rows if r.slot == "quality"]
    stated = [r for r in quality if _AREA_OUTCOME.search(r.name) and r.operator == "定性" and r.value
              and r.value in (ctx.description or "")]
    if not stated or len(quality) < 2:
        return
    for r in benefit:
        rows.remove(r)
        table.alternates.setdefault(r.slot, []).insert(0, r)
    rows.remove(stated[0])
    moved = copy(stated[0])
    moved.level2 = "ecological_benefit"
    moved.evidence = stated[0].evidence + ["区域环境质量是项目的生态效益（描述写明的结果），不是服务本身的质量"]
    rows.append(moved)


def _people_served(rows: list[Draft], ctx) -> Draft | None:
    """A blank count of the people the project serves (受益群众人数 待填写 人) for a table still short of rows, when
    no row counts persons; None otherwise — and None for a text naming no one served whose table has a 社会效益 row
    already (trial 16: a reviewer struck the 受益群众人数 待填写 a science fund's text gave E057 beside its
    科技成果转化数量). A fund whose table asks enterprises (企业满意度) and whose text names no people counts the
    enterprises it serves (受益企业数量 待填写 家, E021), never 群众."""
    from kb.suggest.scope import commissions_service

    if not ctx.beneficiaries and any(r.level2 == "social_benefit" for r in rows):
        return None
    if any((r.value_unit or r.unit) in _PERSON_UNITS | {"户"} for r in rows) or commissions_service(ctx):
        return None   # a service bought for the units that commission it (委托业务) serves no 群众 to count (trial 13)
    firms = _enterprises_served(rows, ctx)
    if firms is not None:
        return firms
    d = _benefit([], ctx)
    d.note = f"{PENDING}：描述中没有写明受益人数，请按项目实际填写"
    return d


def _enterprises_served(rows: list[Draft], ctx) -> Draft | None:
    """受益企业数量 待填写 家 for a text naming no people whose table asks enterprises (企业满意度), else None."""
    if _people(ctx) == "群众" and any(r.slot == "satisfaction" and "企业" in r.name for r in rows):
        # E021 (trial 20): a trade fund the table asks 企业满意度 serves enterprises, no 受益群众 to count
        return _pending("受益企业数量", "social_benefit", "家", f"{PENDING}：描述中没有写明受益企业的数量，请按项目实际填写", ctx)
    return None


def _held_count(ctx) -> Draft | None:
    """A blank count of what a service project holds (组织…开展义诊进乡村活动 → 义诊进乡村活动次数 待填写 次), for a
    table still short of rows; None for other projects."""
    obj = N.whole_object(ctx.core)
    if not obj or _kind(ctx) != "service" or not re.search(r"(?:开展|组织|举办)[^，。；]{0,12}活动", ctx.text):
        return None
    return _pending(obj + "活动次数", "quantity", "次", _WHY.format(what="活动的次数", slot="数量指标"), ctx)


def _kind(ctx) -> str:
    """`naming.work_kind` of the core, a 工程 the text names being a building work (河道生态修复工程)."""
    kind = N.work_kind(ctx.core, ctx.text, ctx.name)
    return "build" if kind == "service" and "工程" in ctx.text else kind


# a headcount whose name already says its people gain or are served (受益群众人数, 服务群众人数, 惠及…, 覆盖…, 帮扶…,
# 接待游客人次: never 受益接待游客人次, trial 8's festival after the rule came in)
_NAMES_BENEFICIARIES = tuple(BENEFIT_VERBS) + ("服务", "接待", "参与", "参加", "培训", "救助", "就诊", "就餐")


def _benefit(rows: list[Draft], ctx, who: str = "") -> Draft | None:
    """The 效益 row: the table's stated headcount of the people served moved from 数量 (while 数量 keeps a row),
    named as beneficiaries (学生人数 → 受益学生人数), else a blank count of the people the text serves (`who`, else `_people`);
    None when a stated headcount of them stays under 数量 as its one row (`_counts_the_served`: 服务对象人数 ≥ 404 人, D042)."""
    quantity = [r for r in rows if r.slot == "quantity"]
    counted = [r for r in quantity if r.value_source == "text" and (r.value_unit or r.unit) in _PERSON_UNITS]
    # the audience an activity reaches (受众不少于8000人次) before those it trains (培训学员120人, an output: trial 23)
    served = next((r for r in counted if _AUDIENCE.search(r.name)), counted[0] if counted else None)
    if served is not None and len(quantity) > 1 and not per_unit_clause(served.mention, ctx.text):
        # …never a per-unit staffing (每座配备保洁员1名 is no 受益配备保洁员人数 ≥ 1 人: trial 23)
        rows.remove(served)
        moved = copy(served)
        moved.level2 = "social_benefit"
        moved.evidence = served.evidence + ["受益人数是项目的社会效益（效益指标为必填项）"]
        if not moved.name.startswith(_NAMES_BENEFICIARIES) and "受益" not in moved.name and "受众" not in moved.name:
            # …and never a second 受益 (营养改善计划受益学生人数 → 受益营养改善计划受益学生人数: trial 12)
            # 学生人数 ≥ 12155 人 as the only 社会效益 row read as an output count (trial 8): the benefit is who gains
            moved.name = "受益" + moved.name
        return moved
    who = who or _people(ctx)
    if served is not None and _counts_the_served(served, who):
        # D042: 为404名服务对象发放补助金 — 服务对象人数 ≥ 404 人 is the one headcount of them; a blank 受益优抚对象人数
        # beside it asks the declarant for the same people twice (the lead's closing note, 2026-12-07)
        return None
    households = who.endswith("户")
    name = ("受益" + who if not who.startswith("受益") else who) + ("数" if households else "人数")
    return _pending(name, "social_benefit", "户" if households else "人",
                    _WHY.format(what="项目的效益", slot="效益指标") + f"（受益{who}的数量）", ctx)


def _drop_blank_count_of_same(rows: list[Draft], table: Table, benefit: Draft) -> None:
    """A blank 数量 row counting the people the blank required benefit (受益农户数 待填写 户) counts — 农业保险参保农户数
    待填写 户 beside it asks the declarant for the same households twice (round 22, trial 20's insurance) — goes back
    to the alternates when 数量 keeps another row and no other blank count of them (D012's two 应受助学生数). In place."""
    who = benefit.name.removeprefix("受益").removesuffix("人数").removesuffix("数")
    quantity = [r for r in rows if r.slot == "quantity"]
    same = [r for r in quantity if r.pending and (r.value_unit or r.unit) == benefit.unit and who and who in r.name]
    if len(same) == 1 and len(quantity) > 1:   # (several blank counts of them: which one the benefit asks again is unsure)
        r = same[0]
        rows.remove(r)
        r.tier = Tier.ALTERNATE   # …and no row a short table takes back
        r.evidence.append(f"与“{benefit.name}”是同一批人，不重复填写，仅作备选")
        table.alternates.setdefault(r.slot, []).insert(0, r)



def _stated_aim_counted_again(instead: Draft, vague: list[Draft], rows: list[Draft], ctx) -> bool:
    """Whether the blank headcount `instead` would replace a vague 效益 row naming an aim the text states (职业教育吸引力
    for “提升中职教育吸引力”: its last three characters and four in a row written in the text) while two or more blank
    数量 rows already count those people (D012: 受益学生人数 待填写 beside 中等职业学校国家助学金应受助学生数 and
    中职免学费应受助学生数, both 待填写 — a fresh reviewer struck the third count of the same students, trial 22)."""
    if not instead.pending:
        return False
    who = instead.name.removeprefix("受益").removesuffix("人数").removesuffix("数")
    same = [r for r in rows if r.slot == "quantity" and r.pending and who and who in r.name]
    desc = ctx.description or ""
    return len(same) >= 2 and any(len(r.name) >= 4 and r.name[-3:] in desc and longest_shared_run(r.name, desc) >= 4
                                  for r in vague)


def _counts_the_served(d: Draft, who: str) -> bool:
    """Whether the stated headcount `d` (a 数量 row in persons) counts the people a blank 受益〔who〕人数 would: its
    name names them (优抚对象人数 for 优抚对象), the served as such (服务对象人数, 补助对象人数, 受益…) or a headcount that
    says its people are served (`_NAMES_BENEFICIARIES`: 服务群众人数, 培训人数, 救助人次)."""
    return who in d.name or "对象" in d.name or "受益" in d.name or d.name.startswith(_NAMES_BENEFICIARIES)


def _people(ctx) -> str:
    """Whom the project serves: a group the text names (not the served in general), 农户 for work on farmland,
    else 群众."""
    named = [b for b in ctx.beneficiaries if b in BENEFICIARIES and b not in GENERAL_SERVED]
    if named:
        return named[0]
    if _FARM.search(ctx.text):
        return "农户"
    return "群众"


# the text says money or goods are paid out to someone
_PAID_OUT_SAID = re.compile(r"发放|兑付|发给|支付给|兑现")


# the library's general rows for an acceptance and a payment (indicators/basic: 〔工程名称〕工程验收合格率 and
# 〔补助对象〕补助资金发放准确率, both = 100 %): a rate of the whole, whatever the project's size (issue 10: rates and
# deadlines may take typical values, counts and amounts never)
_TYPICAL_WHOLE = {"build": "〔工程名称〕工程验收合格率", "pay": "〔补助对象〕补助资金发放准确率"}


def _quality(ctx) -> Draft | None:
    """〔object〕验收合格率 for a building work and 〔object〕发放准确率 for a payment, = 100 % as the library's general
    row gives it (设定依据 the library's typical value); 〔object〕服务达标率 for a service, 待填写 with the reason (what a
    service must reach is the project's own). None when the core names no object."""
    obj = N.whole_object(ctx.core)
    if not obj:
        return None
    kind = _kind(ctx)
    built = _built_object(ctx, obj) if kind == "service" else ""
    if built:   # 扶贫基地服务达标率 for a base's 基础设施 fund (D045): what is built is accepted, 扶贫基地基础设施验收合格率
        obj, kind = built, "build"
    # a word at the join written once (全民健身公共服务 + 服务达标率 → 全民健身公共服务达标率, trial 16)
    if kind == "pay" and "免费" in obj and not _PAID_OUT_SAID.search(ctx.description or ""):
        # a venue's free opening (图书馆免费开放) pays nothing out to anyone: a service's 服务达标率, never a
        # 发放准确率 (trial 22)
        kind = "service"
    measure = _QUALITY_MEASURE.get(kind, "服务达标率")
    if kind == "service" and _INDUSTRY.search(obj) and "服务" not in _INDUSTRY.sub("", obj):
        # round 22, E021: the 服务 of 服务贸易 names a trade, no service the project gives (服务贸易发展服务达标率)
        obj, measure = obj.removesuffix("资金"), "资金使用合规率"
    d = _pending(write_once(obj + measure), "quality", "%",
                 _WHY.format(what="质量要求", slot="质量指标"), ctx)
    if kind in _TYPICAL_WHOLE:
        d.operator, d.value, d.value_unit, d.value_source, d.note = "=", "100", "%", "typical", ""
        d.evidence.append(f"指标库通用指标“{_TYPICAL_WHOLE[kind]}”的参考值 =100%")
    return d


# an industry or trade whose name holds 服务 (服务贸易, 服务业, 服务外包): what a fund develops, no service it gives
_INDUSTRY = re.compile(r"服务贸易|服务外包|(?:现代|生产性|生活性)?服务业|服务产业")


# the built things a project's name may name beside a core that is a place or a body (扶贫基地): 基础设施, 配套设施 …
_BUILT_IN_NAME = re.compile(r"基础设施|配套设施|公共设施|服务设施|附属设施|基础设施建设")


def _built_object(ctx, obj: str) -> str:
    """〔core〕〔facilities〕 when the project's name names built facilities the core does not (2018年市级专项扶贫资金基础设施
    (人大代表扶贫基地) → 扶贫基地基础设施), else ''."""
    m = _BUILT_IN_NAME.search(ctx.name or "")
    if not m or m.group() in obj:
        return ""
    return obj + m.group().removesuffix("建设")


def _quantity(ctx, rows: list[Draft] = ()) -> Draft | None:
    """〔object〕长度 / 面积 / 数量 for a table without a 数量 row: 待填写, or the text's one bare figure in the row's unit
    (`_bare_figure`)."""
    obj = N.whole_object(ctx.core)
    if not obj:
        return None
    measure, unit = ("长度", "公里") if _LINEAR.search(obj) else ("面积", "亩") if _LAND.search(obj) else ("数量", "个")
    trade = _INDUSTRY.search(obj)
    if trade and _kind(ctx) == "service":
        # round 22, E021: 服务贸易发展数量 counts nothing; a trade's fund supports projects (服务贸易发展资金支持项目数量;
        # the enterprises that gain are the benefit's 受益企业数量, never counted twice)
        return _pending(f"{obj.removesuffix('资金')}资金支持项目数量", "quantity", "个",
                        _WHY.format(what="资金支持的项目数量", slot="数量指标"), ctx)
    d = _pending(obj + measure, "quantity", unit, _WHY.format(what="项目的实施规模", slot="数量指标"), ctx)
    m = _bare_figure(ctx, unit, rows)
    if m is not None:
        d.operator, d.value, d.value_unit, d.value_source, d.mention, d.note = "≥", m.value, m.unit, "text", m, ""
        d.evidence.append(f"描述中写明的规模 {m.value}{m.unit}")
    return d


def _bare_figure(ctx, unit: str, rows: list[Draft]):
    """The text's one figure in a unit compatible with `unit` that says nothing of what it counts (道路 + "12公里
    300万元": the 12 公里 is the road's length — trial 24 got 道路长度 待填写, "描述中没有写明项目的实施规模") and that no
    row of `rows` holds; None when there is none, or more than one such figure of that unit."""
    from kb.domain.units import units_compatible

    held = {(r.mention.start, r.mention.end) for r in rows if getattr(r, "mention", None) is not None}
    same = [m for m in ctx.mentions if not m.is_budget and units_compatible(m.unit, unit)]
    if len(same) != 1 or same[0].context or same[0].obj or (same[0].start, same[0].end) in held:
        return None
    return same[0]


def _pending(name: str, level2: str, unit: str, why: str, ctx) -> Draft:
    d = Draft(name=name, level2=level2, source="formed", unit=unit, direction="positive", obj=ctx.core,
              evidence=[f"按项目名称“{ctx.core}”和必填的指标类别生成"])
    d.tier, d.note, d.value, d.operator = Tier.RANKED, why, "", ""
    assert why.startswith(PENDING)
    return d
