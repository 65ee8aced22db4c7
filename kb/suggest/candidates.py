"""Step 3 of suggest: gather candidate rows from four sources.

- `type_drafts`: the indicator sets of the detected project types
  (`indicators/project_types/`), template names filled with the project's
  own words;
- `formed_drafts`: names formed from the text (`kb.suggest.naming`): every
  stated quantity, the project core with the slot's measure, the
  beneficiaries' satisfaction, the per-head and total cost;
- `retrieved_drafts`: plain lexical (or fused hybrid) retrieval from the
  libraries, per slot, effect rows needing two of the text's content words;
- `merge`: one draft per name, keeping every source's evidence.
Pure over the loaded index. Not for values (`kb.suggest.values`) or ranking.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from kb.retrieval.topk import top_k
from kb.suggest import naming as N
from kb.suggest import templates as T
from kb.suggest.changes import change_direction
from kb.suggest.context import WEAK_TERMS, ProjectContext
from kb.suggest.draft import Draft, from_library_row
from kb.suggest.project_types import ProjectType
from kb.suggest.slots import SLOT_OF_LEVEL2
from kb.suggest.words import (BOILERPLATE_BIGRAMS, BENEFIT_VERBS, BOILERPLATE, HARM_WORDS, PERSON_HEADS, WORK_VERBS,
                             served_groups)
from kb.domain.text import normalize_name

# the field's generic rows: suggested only where a detected type lists them
GENERIC_NAMES = frozenset(normalize_name(n) for n in (
    "项目验收合格率", "项目按期完成率", "服务对象受益率", "项目总成本", "项目完成率", "项目完成及时率",
    "验收合格率", "按时完成率", "任务完成率", "工作任务完成率", "服务对象满意度", "群众满意度", "项目完成数量"))
PER_SLOT = 12          # retrieved candidates kept per slot
LEX_POOL = 400        # lexical candidates inspected
# template slot labels a project core may fill (〔工程名称〕工程验收合格率 → 高标准农田建设工程验收合格率) —
# only before a measure of the whole project (a rate, its cost, its satisfaction), never a count
CORE_LABELS = re.compile(r"(名称|项目|工程|设施|建设内容|服务内容|采购内容|活动)$")
CORE_MEASURES = re.compile(r"(合格率|完成率|及时率|达标率|完工率|验收合格率|总成本|成本|满意度)$")
EFFECT_SLOTS = frozenset({"economic_benefit", "social_benefit", "ecological_benefit", "sustainable_impact",
                          "satisfaction"})


def project_tokens(tokenizer, ctx: ProjectContext) -> list[str]:
    """Query tokens of a project: the project name counts twice, boilerplate words are dropped."""
    text = " ".join(p for p in (ctx.name, ctx.name, ctx.description) if p)
    return [t for t in tokenizer.tokens(text) if t not in BOILERPLATE and t not in BOILERPLATE_BIGRAMS]


# ------------------------------------------------------------------ type sets

def type_drafts(idx, ctx: ProjectContext, detected: list[tuple[ProjectType, float]], row_of: dict[str, int],
                mask: np.ndarray) -> list[Draft]:
    """The slot entries of every detected type as drafts (best type first; an entry listed twice keeps its best)."""
    out: dict[str, Draft] = {}
    for t, prob in detected:
        for slot, entries in t.slots.items():
            for pos, e in enumerate(entries):
                i = row_of.get(e.indicator_id)
                if i is None or not mask[i]:
                    continue
                d = out.get(e.indicator_id)
                if d is None:
                    d = out[e.indicator_id] = _type_row(idx, i, ctx, t)
                d.needs_value = d.needs_value or e.needs_value
                d.type_ids.append(t.id)
                if prob > d.type_prob:
                    d.type_prob, d.type_pos, d.type_core = prob, pos, e.core
    return list(out.values())


def _type_row(idx, i: int, ctx: ProjectContext, t: ProjectType) -> Draft:
    d = _library_draft(idx, i, "type", ctx, t)
    d.evidence.append(f"项目类型“{t.name}”的常用指标")
    return d


def _library_draft(idx, i: int, source: str, ctx: ProjectContext, t: ProjectType | None = None) -> Draft:
    """The draft of library row `i`, its name's 〔slot〕 filled from the text (`fill_template`); what
    does not depend on the text is read from the row once (`_library_fields`)."""
    raw, level2, ind_id, unit, direction, typical, explanation, sector, generic = _library_fields(idx, i)
    name, template = fill_template(raw, ctx, t)
    if template and name.endswith(SYSTEMS_MAINTAINED) and unit in DEVICE_UNITS:
        unit, typical = "个", typical[:2] + ("个",) + typical[3:]   # 运维系统数量 counts systems, never 台
    return Draft(name=name, level2=level2, source=source, indicator_id=ind_id, template=template, unit=unit,
                 direction=direction, typical=typical, explanation=explanation, sector=sector, generic=generic)


LIBRARY_FIELDS_KEPT = 20_000   # library rows whose draft fields are remembered (then the memo starts again)


def _library_fields(idx, i: int) -> tuple:
    """(name, level2, id, unit, direction, typical, explanation, sector, generic) of library row `i`
    as `from_library_row` reads them; generic: a `GENERIC_NAMES` row. Remembered per index."""
    cache = idx.cache.get("suggest_draft_fields")
    if cache is None or len(cache) > LIBRARY_FIELDS_KEPT:
        cache = idx.cache["suggest_draft_fields"] = {}
    got = cache.get(i)
    if got is None:
        r = idx.rows[i]
        d = from_library_row(r, "")
        generic = normalize_name(r["name"].replace("〔", "").replace("〕", "")) in GENERIC_NAMES
        got = cache[i] = (d.name, d.level2, d.indicator_id, d.unit, d.direction, d.typical, d.explanation,
                          d.sector, generic)
    return got


# software a 〔设备名称〕 slot may be filled with: no device (平台, 系统, 网站 …)
SOFTWARE = re.compile(r"(?:平台|系统|网站|软件|数据库|门户|小程序|APP|App)$")
SYSTEMS_MAINTAINED = "运维系统数量"
DEVICE_UNITS = frozenset(("台", "台套", "套", "台(套)", "台（套）"))


def fill_template(name: str, ctx: ProjectContext, t: ProjectType | None = None) -> tuple[str, str | None]:
    """(name, template): a 〔slot〕 filled with the text's own words, the project core, or the label."""
    if "〔" not in name:
        return name, None
    label = T.slot_label(name) or ""
    if "满意" in name and ctx.beneficiaries:
        filled = T.SLOT.sub(_named_first(ctx.beneficiaries)[0], name, count=1)
        return filled, name
    filled, filler = T.fill(ctx.text, name, ctx.content)
    if "设备" in label and name.endswith("运维数量") and SOFTWARE.search(filler or ctx.core or ""):
        # 〔设备名称〕运维数量 of a platform (县政务服务一体化平台运维数量 台, a QA trial): what is maintained is
        # systems, counted as real tables count them
        return name[:T.SLOT.search(name).start()] + SYSTEMS_MAINTAINED, name
    if filler and N.is_clean(filler) and ("满意" not in name or PERSON_HEADS.search(filler)):
        return filled, name   # a satisfaction row asks people: never 房屋满意度 from 〔服务对象〕满意度
    if ctx.core and CORE_LABELS.search(label) and CORE_MEASURES.search(name) and len(ctx.core) <= 12:
        return T.fill(ctx.core + name[T.SLOT.search(name).end():][:2], name)[0], name
    if t is not None and t.objects and re.search(r"对象|人员|人群", label):
        people = [o for o in t.objects if PERSON_HEADS.search(o) and not OWN_STAFF.match(o)] if "满意" in name \
            else t.objects   # 聘用人员 work for the project: never its 〔服务对象〕 (a reviewer struck 聘用人员满意度)
        if people:
            return T.SLOT.sub(people[0], name, count=1), name
    return T.unfilled_name(name), name


# ------------------------------------------------------------------ real tables of the type

def family_drafts(ctx: ProjectContext, detected: list[tuple[ProjectType, float]], family,
                  exclude: str | None, idx=None, mask=None) -> list[Draft]:
    """Rows of the detected types' real tables (`indicators/training/`), offered under their own name;
    a row takes the direction of the library indicator of the same name (`idx`, rows `mask` admits):
    防火期森林草原火灾起数 is 反向 in the library, so the text's 16起 binds as ≤ 16, not ≥ (fresh trial)."""
    if family is None:
        return []
    from kb.suggest.family import family_rows
    from kb.suggest.slots import SLOTS

    level2_of = {s.key: s.level2.value for s in SLOTS}
    out = []
    for name, r, tid, prob in family_rows(family, {t.id: p for t, p in detected}, exclude):
        slot = r.slot()
        l2 = "beneficiary_satisfaction" if "满意" in name else (_row_level2(r) or level2_of[slot])
        unit = r.unit if r.unit and len(r.unit) <= 6 else ""
        unit = UNIT_SLIPS.get(unit, unit)   # 出差人次 in 人/次 as a real table wrote it is counted in 人次
        if not unit and slot == "quantity":
            # 出差人数 with no unit in its real table: the measure says it (人数 → 人), or the text's 出差8人 binds nothing
            unit = next((u for end, u in MEASURE_UNITS.items() if name.endswith(end)), "")
        if slot == "quantity" and unit and unit != "%" and not MEASURED.search(name):
            name += N.unit_measure(unit)   # 辅具适配 (人) as a real table wrote it → 辅具适配人数
        elif slot == "quantity" and not unit and not MEASURED.search(name):
            continue   # 村卫生室实施国家基本药物制度: no measure and no unit to form one (fresh trial, E016)
        d = Draft(name=name, level2=l2, source="type", unit=unit, type_prob=prob, type_pos=len(out) % 5,
                  type_ids=[tid], evidence=["同类项目真实绩效目标表中的指标"],
                  direction=_library_direction(idx, mask, name), placed=placed_level2(r))
        if unit == "%" and re.fullmatch(r"\d+(\.\d+)?", r.value or ""):
            d.typical = (r.operator or "≥", r.value, "%")
        out.append(d)
    return out


def _library_direction(idx, mask, name: str) -> str:
    """The direction of the first library indicator named `name` that `mask` admits, '' for none."""
    if idx is None:
        return ""
    for i in idx.by_name.get(normalize_name(name), ()):
        if mask is None or mask[i]:
            return _library_fields(idx, i)[4]
    return ""


# a count's name ends in what it counts (人数, 里程, 数量 …) or in a word that is one (覆盖率, 规模 …)
# persons the project hires or sends, not whom it serves (聘用人员, 驻场工程师)
OWN_STAFF = re.compile(r"(?:聘用|聘请|招聘|临聘|外聘|雇用|驻场|派驻)")
# units real tables misspell: a count of visits per person is 人次, not 人 per 次
UNIT_SLIPS = {"人/次": "人次", "户/次": "户次"}
# the unit a count's measure names, for a real table's row written without one
MEASURE_UNITS = {"人次": "人次", "户次": "户次", "人数": "人", "户数": "户", "场次": "场", "天数": "天", "次数": "次"}
MEASURED = re.compile(r"(数|量|次|率|程|(?<!制)度|积|模|额|长|时|期|天|批|场|费|标准|时间|人口)$")


def _row_level2(r) -> str | None:
    return _level2_of(r.level1, r.level2)


def placed_level2(r) -> str:
    """The 二级 the checker gives a real table's row whose label places it nowhere, else '': a label naming several
    benefits at once (社会、经济、生态效益指标: `kb.domain.levels` takes 生态效益, the one key it spells whole) says none of
    them, and the row goes where the checker places a row by its name (`kb.checker.rewrite.guess_level`: E001's
    补助款结算争议率 is a 质量 of the settlement, no ecological benefit; trial 5). Applied after ranking
    (`vetting.mark_precision`), so the ranker's training pool keeps the label's reading."""
    if _level2_of(r.level1, r.level2) in BENEFIT_SLOTS and len(_BENEFIT_KINDS.findall(r.level2 or "")) > 1:
        from kb.checker.rewrite import guess_level

        return guess_level(r.name or "")[1].value
    return ""


BENEFIT_SLOTS = frozenset({"economic_benefit", "social_benefit", "ecological_benefit", "sustainable_impact"})
_BENEFIT_KINDS = re.compile(r"社会|经济|生态|可持续")


@lru_cache(maxsize=1024)
def _level2_of(level1: str, level2: str) -> str | None:
    from kb.domain.levels import parse_level1, parse_level2

    l2 = parse_level2(level2, parse_level1(level1))
    return l2.value if l2 is not None else None


# ------------------------------------------------------------------ formed names

# a department's overall budget (浮梁县林业局部门整体绩效目标): its core is a body, no work to be done or to cost — its
# rows are named by the budget, as real 部门整体 tables write them (部门整体支出完成时间, not 林业局完成时间; trial 7)
_WHOLE_BUDGET = re.compile(r"部门整体")
WHOLE_BUDGET = "部门整体支出"


def formed_drafts(ctx: ProjectContext, detected: list[tuple[ProjectType, float]]) -> list[Draft]:
    """Names formed from the text: stated quantities, the core's quality/timeliness, satisfaction, cost."""
    out = []
    parts = N.budget_parts(ctx.text, ctx.mentions, ctx.budget_wan)
    for m in ctx.mentions:
        if m.start in parts:   # a part of the year's money is the cost of its use (健身步道成本 ≤ 10 万元)
            out.append(Draft(name=N.part_cost_name(parts[m.start]), level2="economic_cost", source="formed",
                             unit=m.unit, direction="negative", mention=m,
                             part="own" if N.shares_words(parts[m.start], ctx.core) else "other",
                             evidence=[f"描述中的金额: {parts[m.start]}{m.value}{m.unit}", "按描述用词生成"]))
            continue
        d = _mention_draft(m, ctx)
        if d is not None:
            out.append(d)
    for m in ctx.changes:   # a change the text states is the text's own target (猪死亡率下降幅度 ≥ 0.5 百分点)
        out.append(Draft(name=m.obj, level2=_benefit_slot(m.obj), source="formed", unit=m.unit, direction=change_direction(m),
                         mention=m, evidence=[f"描述中的目标: {m.context}", "按描述用词生成"]))
    kind = N.work_kind(ctx.core, ctx.text, ctx.name)
    core = N.paid_core(ctx.core, ctx.name) if kind == "pay" else ctx.core
    whole = WHOLE_BUDGET if _WHOLE_BUDGET.search(ctx.name) else ""
    slots = [("quality", "quality", "%"), ("timeliness", "timeliness", "%"), ("cost", "economic_cost", "万元")]
    for slot, l2, unit in slots:
        for name in N.slot_names(whole or (core if slot != "cost" else ctx.core), slot, kind):
            out.append(Draft(name=name, level2=l2, source="formed", unit=unit, obj=whole or ctx.core,
                             direction="negative" if slot == "cost" else "positive",
                             evidence=[f"按项目名称“{whole or ctx.core}”生成"]))
    for b in _satisfaction_subjects(ctx, detected):
        name = N.satisfaction_name(b)
        if name:
            out.append(Draft(name=name, level2="beneficiary_satisfaction", source="formed", unit="%",
                             direction="positive", evidence=[f"受益对象: {b}"]))
    return out


# a length of a named water followed by the reach and its work (青龙河8.6公里河段实施综合治理, 白沙河3公里河道清淤疏浚)
_WATER_NAMED = re.compile(r"[\u4e00-\u9fff]{1,6}(?:河|江|溪|沟|渠|湖)$")
# …or a stretch of one, the figure's object left empty (对白沙河中心城区段7.8公里河道实施清淤疏浚: trial 9 lost its main
# quantity, read with the place name as its context)
_WATER_STRETCH = re.compile(r"[\u4e00-\u9fff]{1,6}(?:河|江|溪|沟|渠|湖)[\u4e00-\u9fff]{1,8}段$")
_REACH_AFTER = re.compile(r"(?:的)?(?:河段|河道)(?:实施|开展|进行)?(?P<work>综合治理|综合整治|治理|整治|清淤疏浚|清淤|疏浚|"
                          r"生态修复|修复|护岸|防洪)?")


# a clause saying whom the work serves (服务对象为…, 服务范围覆盖…, 面向…)
_SERVED_LEAD = re.compile(r"(?:其)?(?:服务对象|服务范围|使用对象|用户)(?:为|是|包括|覆盖|涵盖)|面向")
# …2800亩农田的防洪安全得到保障: what the works keep safe (a benefit, 保护农田面积), as 保护…农田 says it (trial 9)
_PROTECTED_AFTER = re.compile(r"[\u4e00-\u9fff]{0,2}(?:的)?(?:防洪|防汛|灌溉|生产|用水)?安全(?:得到|获得)?(?:保障|保护)|"
                              r"(?:的)?[\u4e00-\u9fff]{0,4}得到(?:保障|保护)|免受")


# where what is protected lies (下游农田, 沿河群众, 周边村庄): no part of the measure's name
_WHERE_LIES = re.compile(r"^(?:下游|上游|沿河|沿岸|沿江|沿湖|沿线|两岸|周边|流域内?|河道两侧|项目区)")


def _protected_clause(m, text: str) -> bool:
    """True when the clause holding the figure says the work protects it (完工后…，保护下游农田1.2万亩及沿河群众8700
    人: both figures), the verb ahead of the object and no other work verb between (trial 11)."""
    clause = _CLAUSE_START.split(text[max(0, m.start - 30):m.start])[-1]
    return bool(re.match(r"(?:可|能|将|有效)?保护", clause))


def _reach_worked(m, text: str) -> str:
    """The name of a length of a named river the text says is worked: 河道 + the work + 长度 (综合治理 → 河道治理长度,
    清淤疏浚 → 河道清淤疏浚长度); '' when the figure is no length of a named water followed by 河段 / 河道."""
    if m.unit not in ("公里", "千米", "米", "延米") or not (
            _WATER_NAMED.fullmatch(m.obj or "") or not m.obj and _WATER_STRETCH.search(m.context or "")):
        return ""
    after = _REACH_AFTER.match(text, m.end)
    if not after or after.end() == m.end:
        return ""
    work = re.sub(r"^综合", "", after.group("work") or "治理")
    return "河道" + work + "长度"


def _benefit_slot(name: str) -> str:
    """The benefit a change row belongs to, as the checker places a benefit row (`kb.checker.rewrite.guess_level2`:
    money and output economic; emissions, waste water, cover, farm chemicals and the soil's and the water's state
    ecological — 土壤有机质含量, 土壤侵蚀减少量, 河道水质类别: `kb.checker.lexicon.LEVEL_ECOLOGICAL_RE`; the rest social)."""
    from kb.checker.rewrite import guess_level, guess_level2   # the checker's lists: one answer
    from kb.domain.enums import Level1

    level1, level2 = guess_level(name)
    if level1 is Level1.satisfaction:   # 满意度提高到95%以上 is the satisfaction row's target, not a benefit (SAT-01)
        return level2.value
    # 亩产 / 单产 / 产能 is 产量 per mu, a word the checker's lists do not hold: asked as 产量 (粮食亩产增加量 is economic)
    return guess_level2(Level1.benefit, re.sub(r"[亩单]产|产能", "产量", name)).value



def _satisfaction_subjects(ctx: ProjectContext, detected: list[tuple[ProjectType, float]]) -> list[str]:
    """Who a satisfaction row asks: the persons the text names, else the best type's persons, else
    服务对象 — always people, never a thing (储备粮满意度, 车辆满意度, 房屋满意度 are no rows)."""
    typed = [o for t, _ in detected[:1] for o in t.objects if PERSON_HEADS.search(o)]
    # the people the project itself hires (聘用人员1人) work for it; they are not whom it serves (a reviewer struck
    # 聘用人员满意度)
    served = _named_first([b for b in ctx.beneficiaries if not OWN_STAFF.match(b)])
    typed = [o for o in typed if not OWN_STAFF.match(o)]
    # a school's, court's or hospital's own project serves its 师生 / 干警 / 患者 when the text names nobody (a school's
    # 校园维修改造 asked 使用人员; its real table asks 教师 and 学生)
    own = [ctx.own_people] if ctx.own_people and not served else []
    return (served or own or typed or ["服务对象"])[:2]


def _named_first(beneficiaries: list[str]) -> list[str]:
    """The groups a text names as its own (`words.served_groups`: 优抚对象, 学生) before the served in general
    (服务对象, 群众): 为404名服务对象发放…优抚对象 asks 优抚对象, not 服务对象 (issue 10)."""
    own = served_groups(beneficiaries)
    return own + [b for b in beneficiaries if b not in own]


def _harm_counted(m) -> bool:
    """The number counts a harm (`HARM_WORDS`) and no work done about it (扑救火灾3起 is work)."""
    said = m.context + m.obj
    return any(w in said for w in HARM_WORDS) and not (m.verb or any(v in said for v in WORK_VERBS))


# the places a clause says benefit, written after their count (沿岸2个乡镇约1.8万亩农田受益)
_BENEFIT_AFTER = re.compile(r"[^。；;]{0,16}?(?:受益|惠及|得到改善)")


def _bare_places(m) -> bool:
    """The number counts places (乡镇, 行政村 …, `objects.SETTLEMENTS`) and names no work done in them."""
    from kb.suggest.objects import SETTLEMENTS

    return m.obj in SETTLEMENTS and not (m.verb and m.verb in WORK_VERBS)


_CLAUSE_START = re.compile(r"[，,。；;：:]")
# a hardship the project ends for the places counted (解决6个行政村9800余人出行难)
_HARDSHIP_AFTER = re.compile(r"[^。；;，,]{0,14}?难")


def _work_on_places(m) -> str:
    """〔verb …〕〔place〕数量 when a verb stands before the places in the number's words (抽查乡镇 → 抽查乡镇数量,
    创建示范乡镇 → 创建示范乡镇数量), else '' (周边乡镇, 全县乡镇: where, not what is done)."""
    from kb.suggest.objects import pos_cut

    lead = m.context[:-len(m.obj)] if m.context.endswith(m.obj) else ""
    toks = pos_cut(lead) if lead else []
    if not toks or not toks[0][1].startswith("v") or toks[0][0] in BENEFIT_VERBS:
        return ""
    name = m.context + "数量"
    clean = N.is_clean(m.context) or len(toks) == 1 and len(lead) == 2 and N.is_clean(m.obj)   # 抽查 + 乡镇
    return name if clean and len(name) <= N.MAX_NAME else ""


# energy, water or emissions the project saves (节约用电量, 节水量, 减少二氧化碳排放量), in units of energy or mass
_SAVED = re.compile(r"^(?:年)?(?:节约|节省|节能|节电|节水|减少|减排)")
_SAVED_UNITS = frozenset("千瓦时 万千瓦时 度 万度 吨 万吨 立方米 万立方米 吨标准煤 万吨标准煤".split())


def _mention_draft(m, ctx: ProjectContext) -> Draft | None:
    ev = [f"描述中的数量: {m.context}{m.value}{m.unit}"]
    capacity = N.capacity_name(m)
    if capacity:   # 新增检查服务能力3.5万人次: what the project makes possible, a benefit (never 能力人次)
        return Draft(name=capacity, level2="social_benefit", source="formed", unit=m.unit, direction="positive",
                     mention=m, evidence=ev + ["按描述用词生成"])
    if m.unit == "年一遇":   # 恢复20年一遇防洪标准: the standard the works reach is their effect (防洪标准 ≥ 20 年一遇)
        # a bare 标准 (行洪能力恢复到20年一遇标准) names no standard: it is the flood standard, or 排涝 when said
        name = m.obj if len(m.obj) > 2 else ("排涝标准" if "排涝" in m.context else "防洪标准")
        return Draft(name=name, level2="social_benefit", source="formed", unit=m.unit, direction="positive",
                     mention=m, evidence=ev + ["按描述用词生成"])
    reach = _reach_worked(m, ctx.text)
    if reach:   # 对青龙河8.6公里河段实施综合治理: the length of river worked (河道治理长度), never 青龙河里程
        return Draft(name=reach, level2="quantity", source="formed", unit=m.unit, direction="positive", mention=m,
                     evidence=ev + ["按描述用词生成"])
    name = (N.event_name(m) or N.quantity_name(m, ctx.core)) if not _harm_counted(m) else None
    if name and _bare_places(m):
        # 项目覆盖沿线42个行政村, 沿岸2个乡镇…受益: the places served are a benefit (受益行政村数量); a bare count of
        # where the work is (全县14个乡镇纳入养护计划) is its scope, no output — never 乡镇数量 under 数量 (a reviewer)
        clause = _CLAUSE_START.split(ctx.text[max(0, m.start - 30):m.start])[-1]   # across a 、 list
        solved = clause.endswith("解决") and _HARDSHIP_AFTER.match(ctx.text, m.end)   # 解决6个行政村…出行难
        if any(v in clause for v in BENEFIT_VERBS) or _BENEFIT_AFTER.match(ctx.text, m.end) or solved:
            return Draft(name="受益" + m.obj + "数量", level2="social_benefit", source="formed", unit=m.unit,
                         direction="positive", mention=m, evidence=ev + ["按描述用词生成"])
        work = _work_on_places(m)
        if work:   # 抽查乡镇12个, 创建示范乡镇2个: the work names the places counted (抽查乡镇数量)
            return Draft(name=work, level2="quantity", source="formed", unit=m.unit, direction="positive",
                         mention=m, evidence=ev + ["按描述用词生成"])
        return None
    if name and _SERVED_LEAD.match(_CLAUSE_START.split(ctx.text[max(0, m.start - 30):m.start])[-1]):
        # 服务对象为全县62个部门单位的约2300名工作人员 (trial 9, an IT maintenance contract): whom the work serves, no
        # output of it (工作人员人数 ≥ 2300 人 under 数量): 服务覆盖部门单位数量 under 社会效益
        return Draft(name="服务覆盖" + name.removeprefix("服务"), level2="social_benefit", source="formed", unit=m.unit,
                     direction="positive", mention=m, evidence=ev + ["按描述用词生成"])
    protected = m.verb == "保护" or _PROTECTED_AFTER.match(ctx.text, m.end) or _protected_clause(m, ctx.text)
    if name and protected and m.unit not in N.PERSON_UNITS:
        # 保护…3200亩农田: what flood works protect is their effect (防洪保护农田面积), never an output area; where
        # it lies says nothing of the measure (保护下游农田1.2万亩 → 保护农田面积, never 下游农田面积 under 数量: trial 11)
        name = _WHERE_LIES.sub("", name)
        return Draft(name="保护" + name if not name.startswith("保护") else name, level2="social_benefit",
                     source="formed", unit=m.unit, direction="positive", mention=m, evidence=ev + ["按描述用词生成"])
    if name and protected and m.unit in N.PERSON_UNITS and not name.startswith("受益"):
        # …及沿河群众8700人 after 保护: the people the works keep safe benefit (受益群众人数), no output headcount
        # (沿河群众人数 ≥ 8700 人 under 数量: trial 11)
        return Draft(name="受益" + _WHERE_LIES.sub("", name), level2="social_benefit", source="formed", unit=m.unit,
                     direction="positive", mention=m, evidence=ev + ["按描述用词生成"])
    if name and _SAVED.search(name) and m.unit in _SAVED_UNITS:
        # 年节约用电35万千瓦时, 减少二氧化碳排放200吨: what the work saves is its effect, never an output count
        return Draft(name=name, level2="ecological_benefit", source="formed", unit=m.unit, direction="positive",
                     mention=m, evidence=ev + ["按描述用词生成"])
    if name:
        benefit = m.unit in N.PERSON_UNITS and (m.verb in BENEFIT_VERBS or name.startswith("受益"))
        if not benefit and not m.verb_after and (m.verb in BENEFIT_VERBS or m.context.startswith(tuple(BENEFIT_VERBS))):
            # 惠及沿线8个行政村: who benefits, not what the project makes (受益行政村数量, a social benefit)
            name, benefit = (name if name.startswith("受益") else "受益" + name), True
        return Draft(name=name, level2="social_benefit" if benefit else "quantity", source="formed", unit=m.unit,
                     direction="positive", mention=m, evidence=ev + ["按描述用词生成"])
    paid = N.paid_amount_name(m)
    if paid:   # an amount paid out is the cost the project bears: ≤ the amount (`binding._take_mention`)
        return Draft(name=paid, level2="economic_cost", source="formed", unit=m.unit, direction="negative",
                     mention=m, evidence=ev + ["按描述用词生成"])
    gained = N.benefit_amount_name(m)
    if gained:   # 带动农产品销售额600万元: the economic benefit the text states is its row (≥ the amount)
        return Draft(name=gained, level2="economic_benefit", source="formed", unit=m.unit, direction="positive",
                     mention=m, evidence=ev + ["按描述用词生成"])
    t = N.time_name(m)
    if t:
        return Draft(name=t[0], level2=t[1], source="formed", unit=m.unit,
                     direction="negative" if t[2] == "≤" else "positive", mention=m, evidence=ev)
    r = N.stated_rate(m)
    if r:
        from kb.checker.parse import name_direction   # the checker's direction lists: one answer

        from kb.checker.rewrite import guess_level   # the checker's one answer: 知晓率 is a benefit, 合格率 quality
        from kb.domain.enums import Level1

        level1, level2 = guess_level(r[0])
        l2 = "beneficiary_satisfaction" if r[1] == "satisfaction" else level2.value if level1 is Level1.benefit else "quality"
        # 受害率0.0046‰, 发病率: lower is better, ≤ (a fresh trial found 受害率 ≥0.0046‰)
        direction = "negative" if name_direction(r[0]) == "neg" or _rate_ceiling(m, ctx.text) else "positive"
        return Draft(name=r[0], level2=l2, source="formed", unit=m.unit, direction=direction, mention=m,
                     evidence=ev)
    return None


# a rate stated as a ceiling: 再犯罪率控制在0.2%以下 (≤, own 社区矫正 text of round 5 read ≥ 0.2 %)
_CEILING_BEFORE = re.compile(r"(?:控制在|不超过|不高于|不大于|(?<!不)低于)$")   # 不低于 is a floor
_CEILING_AFTER = re.compile(r"(?:以下|以内)(?!的)")


def _rate_ceiling(m, text: str) -> bool:
    """True when the text bounds the stated rate from above (控制在 / 不超过 … before the figure, or 以下 / 以内 right
    after it, not 以下的 — a qualifier); the figure is then the most the rate may reach (≤)."""
    return bool(_CEILING_BEFORE.search(m.context) or _CEILING_AFTER.match(text, m.end))


# ------------------------------------------------------------------ retrieval

def retrieved_drafts(idx, ctx: ProjectContext, tokens: list[str], lex: np.ndarray, mask: np.ndarray,
                     ranked: list[tuple[int, float]] | None = None, per_slot: int = PER_SLOT) -> list[Draft]:
    """Up to `per_slot` retrieved drafts per slot, in the order of `ranked` ([(doc, score)], best
    first; default the lexical order).

    An effect or satisfaction row needs two of the description's content
    words when the description names three (one shared word — 乡村, 养护 —
    is how 乡村旅游带动增加村集体收入 reached a road project).
    """
    if ranked is None:
        cand, sc = top_k(lex, LEX_POOL, mask)
        ranked = list(zip(cand.tolist(), sc.tolist()))
    mx = max((s for _, s in ranked), default=1.0) or 1.0
    by_slot: dict[str, list[tuple[int, float]]] = {}
    slot_of = _slot_keys(idx)
    for d, s in ranked:
        key = slot_of[d]
        if key is not None and len(by_slot.setdefault(key, [])) < per_slot * 2:
            by_slot[key].append((d, s))
    docs = [d for v in by_slot.values() for d, _ in v]
    matched = idx.lexical.matched_terms_many(tokens, docs)
    need = 2 if len(ctx.content) >= 3 else 1
    out = []
    for key, items in by_slot.items():
        kept = 0
        for rank, (d, s) in enumerate(items):
            terms = matched.get(d) or []
            if key in EFFECT_SLOTS and distinct_words(ctx.content & set(terms)) < need:
                continue
            out.append(_retrieved(idx, d, ctx, terms, s / mx, rank))
            kept += 1
            if kept >= per_slot:
                break
    return out


def _retrieved(idx, i: int, ctx: ProjectContext, terms: list[str], score: float, rank: int) -> Draft:
    d = _library_draft(idx, i, "retrieval", ctx)
    d.lex, d.lex_rank = score, rank
    d.evidence.append(f"匹配词: {'、'.join(terms[:6])}" if terms else "语义相近")
    return d


def _slot_keys(idx) -> list[str | None]:
    """The slot key of every library row (None for a 二级 no slot takes), once per index."""
    keys = idx.cache.get("suggest_slot_keys")
    if keys is None:
        level2 = idx.rows.column("level2") if hasattr(idx.rows, "column") else [r["level2"] for r in idx.rows]
        slots = [SLOT_OF_LEVEL2.get(v) for v in level2]
        keys = idx.cache["suggest_slot_keys"] = [s.key if s is not None else None for s in slots]
    return keys


def distinct_words(terms: set[str]) -> int:
    """How many of `terms` are not part of a longer one (基础设施, 基础, 设施 → 1)."""
    return sum(1 for t in terms if not any(t != u and t in u for u in terms))


def content_terms(terms) -> set[str]:
    return {t for t in terms if len(t) >= 2 and t not in WEAK_TERMS and not t.isdigit()}


# ------------------------------------------------------------------ merge

def merge(groups: list[list[Draft]], lex: np.ndarray, row_of: dict[str, int], mx: float) -> list[Draft]:
    """One draft per normalised name: the first source wins, later ones add their features and evidence.

    Every library draft gets its lexical score (BM25 / best BM25) even when
    retrieval did not list it.
    """
    out: dict[str, Draft] = {}
    for drafts in groups:
        for d in drafts:
            k = d.key
            if not k:
                continue
            if d.indicator_id and not d.lex:
                i = row_of.get(d.indicator_id)
                if i is not None and mx > 0:
                    d.lex = float(lex[i]) / mx
            have = out.get(k)
            if have is None:
                out[k] = d
                continue
            _absorb(have, d)
    return list(out.values())


def _absorb(have: Draft, d: Draft) -> None:
    if d.type_prob > have.type_prob:
        have.type_prob, have.type_pos, have.type_core = d.type_prob, d.type_pos, d.type_core
    have.type_ids = list(dict.fromkeys(have.type_ids + d.type_ids))
    have.needs_value = have.needs_value or d.needs_value
    have.lex = max(have.lex, d.lex)
    if d.lex_rank >= 0 and (have.lex_rank < 0 or d.lex_rank < have.lex_rank):
        have.lex_rank = d.lex_rank
    have.mention = have.mention or d.mention
    if not have.indicator_id and d.indicator_id:
        have.indicator_id, have.typical, have.explanation = d.indicator_id, d.typical, d.explanation
    have.evidence.extend(e for e in d.evidence if e not in have.evidence)
