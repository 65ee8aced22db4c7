"""Step 1 of suggest: read the project — its text, core, stated quantities, budget and beneficiaries.

`read_project` turns the request into a `ProjectContext` that every later
step reads (and never re-parses). Not for choosing indicators.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.suggest import facts as F
from kb.suggest import objects as O
from kb.suggest import quantities as Q
from kb.suggest.changes import stated_changes
from kb.suggest.naming import SCOPE_LEAD, is_clean, short_object
from kb.suggest.words import FORM_CONTEXT, WEAK_TERMS, WORK_VERBS  # noqa: F401  (candidates read WEAK_TERMS here)
from kb.domain.budget import wan_text
from kb.domain.plausible import PROJECT_COST_MAX, budget_beyond_project
from kb.domain.quantity import read_numerals
from kb.domain.text import bigrams, normalize, normalize_name, strip_pictographs
from kb.domain.years import past_base_matches, past_bases

@dataclass
class ProjectContext:
    """What suggest knows about the project (all text normalised).

    text: project name + description; name: the project name; core: what the
    name says the project does (`objects.project_core`); mentions: stated
    quantities (budget and form figures excluded); changes: change targets
    stated in prose (死亡率下降0.5个百分点, `kb.suggest.changes`); budget_wan: the year's
    budget in 万元 (given and above 0, or read from the text: `kb.domain.budget`);
    total_wan: what the whole project spends, all sources (the largest
    amount stated, else the budget) — per-head costs divide it; beneficiaries: who is
    served; content: content words (jieba, weak words dropped); text_bigrams /
    name_bigrams: character bigrams of the text and of the project name.
    """

    text: str
    name: str
    description: str
    core: str
    mentions: list[O.Mention]
    budget_wan: float | None
    beneficiaries: list[str]
    content: set[str]
    text_bigrams: set[str]
    name_bigrams: set[str]
    total_wan: float | None = None
    changes: list[O.Mention] = field(default_factory=list)  # change targets in prose (`kb.suggest.changes`)
    notes: list[str] = field(default_factory=list)   # what of the text was not used and why (Chinese)
    actuals: list[O.Mention] = field(default_factory=list)   # figures reported as happened (`kb.suggest.facts`)
    settings: list[O.Mention] = field(default_factory=list)   # figures of the setting (`kb.suggest.facts.setting_figure`)
    sector: str = ""
    unit_name: str | None = None
    department: str | None = None
    quantities: list[dict] = field(default_factory=list)

    @property
    def own_people(self) -> str:
        """Whom the implementing unit serves by its own kind (师生 of a school, `words.unit_people`), '' else."""
        from kb.suggest.words import unit_people

        return unit_people(self.department)


def read_project(tokenizer, description: str | None, *, project_name: str | None = None,
                 budget_wan: float | None = None, sector: str | None = None,
                 unit_name: str | None = None, department: str | None = None) -> ProjectContext:
    """Step 1: the `ProjectContext` of a request (pure; raises nothing on odd text)."""
    # Chinese numerals before a unit are read as digits (三百人 → 300人, 九月底 → 9月底): every reading below —
    # quantities, the budget, deadlines, changes, the setting — goes through this one text
    # pictographs are no words (🚧河道): dropped before any name is formed, as the checker drops them
    # (`kb.domain.text.strip_pictographs`, TXT-05)
    name = read_numerals(normalize(strip_pictographs(project_name or "")))
    desc = read_numerals(normalize(strip_pictographs(description or "")))
    text = "。".join(p for p in (name, desc) if p)
    all_mentions = O.mentions(text)
    # a budget of 0 is none (a cost ceiling ≤0 万元 would say nothing may be spent): the text's, else 待填写
    this_year = _MULTI_YEAR_MONEY.sub("", text)   # 中期市财政预算284500万元 is the plan's money, not this year's
    said = Q.budget_from_text(this_year)
    given = unusable_budget_note(budget_wan, said)
    budget_wan = budget_wan if budget_wan and budget_wan > 0 else None
    budget = budget_wan if budget_wan else said
    notes = Q.unused_budget_amounts(text) if not budget_wan else []
    if budget is None and not notes:
        notes += _unmarked_amounts(this_year)
    if given:
        notes.insert(0, given)
    if budget_beyond_project(budget):   # 999999999 万元 for a village road: no ceiling to write into a cost row
        notes.append(f"预算 {wan_text(budget)} 万元超过单个项目投资的合理上限 {PROJECT_COST_MAX.said.split('（')[0]}，"
                     "成本指标待填写，请核对预算的数值和单位")
        budget = None
    total = Q.total_from_text(this_year)
    if budget is not None and budget_wan and said and abs(said - budget_wan) > 0.005 * max(said, budget_wan):
        # the declarant's figure wins, for the total cost and for every cost derived from it (a fresh user got
        # 成本 ≤250 万元 beside 每公里成本 25 万元/公里 = the text's 300 ÷ 12), and the mismatch is said
        notes.append(f"填写的预算 {wan_text(budget_wan)} 万元与描述中的 {wan_text(said)} 万元不一致：成本指标按 "
                     f"{wan_text(budget_wan)} 万元测算，请核对")
        total = None
    notes += _impossible_dates(desc)
    notes += Q.implausible_figures(desc)   # trial 17: 99999999999公里, beyond the country's roads: no target, a note
    later = long_term_spans(text)   # the medium-term plan's numbers are not this year's targets (E001)
    changes = [c for c in stated_changes(text) if not _inside(c.start, later)]
    stated = [m for m in all_mentions if _is_target_mention(m, budget) and not _execution_share(m, text)
              and not any(c.start <= m.start < c.end for c in changes)   # 下降0.5个百分点 is no count of 个
              and not _inside(m.start, later)]
    # the setting (全县森林面积86万亩) and what already happened (发生森林火灾16起) are no targets: said, not used
    setting = [m for m in stated if F.setting_figure(m, text)]
    past = past_spans(text)   # 三、上年度实施情况 … beside 六、绩效目标: last year's figures are past
    # the base a comparison names (较上年1.2万人次增长25%): last year's level, no target (trial 16; the domain's reader)
    past += past_bases(text)
    # a change reported in a past sentence (2024年…，投诉率同比下降20%) is last year's result, no target either
    # (a change from a past period's level, 由上年的72%提高到78%, starts on that base and is this year's: trial 17)
    past_changes = [c for c in changes if F.actual_figure(c, text) or _inside(c.start, [p for p in past if p[0] != c.start])]
    changes = [c for c in changes if c not in past_changes]
    actual = [m for m in stated if m not in setting and (F.actual_figure(m, text) or _inside(m.start, past))]
    condition = [m for m in stated if m not in setting and m not in actual and F.condition_figure(m, text)]
    stated = [m for m in stated if m not in setting and m not in actual and m not in condition]
    stated = _level_reached_named_by_base(stated, all_mentions, text)
    notes += [n for n in (F.fact_note("setting", setting, text), F.fact_note("actual", sorted(actual + past_changes, key=lambda m: m.start), text),
                          F.fact_note("condition", condition, text)) if n]
    return ProjectContext(
        text=text, name=name, description=desc, core=_core(name, desc), mentions=stated,
        changes=changes, notes=notes, budget_wan=budget, actuals=actual, settings=setting,
        total_wan=max(filter(None, (total, budget)), default=None),
        beneficiaries=O.beneficiaries(text),
        content={t for t in tokenizer.cut_words(text) if len(t) >= 2 and t not in WEAK_TERMS and not t.isdigit()},
        text_bigrams=_clause_bigrams(text), name_bigrams=set(bigrams(normalize_name(name))),
        sector=normalize(sector or ""), unit_name=unit_name, department=department,
        quantities=[{"value": m.value, "unit": m.unit, "context": m.context, "start": m.start, "end": m.end,
                     "is_budget": m.is_budget} for m in all_mentions])


_DATE = re.compile(r"(20\d\d)年(\d{1,2})月(?:(\d{1,2})日)?")


def _impossible_dates(text: str) -> list[str]:
    """A note for each date of the text no calendar has (2025年13月底前, 2025年2月30日): the deadline readers drop
    it, and the result's message says so (never dropped silently)."""
    from kb.checker.parse import valid_date   # the checker's calendar (TIME-03), one answer

    bad = [m.group() for m in _DATE.finditer(text)
           if not valid_date(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)]
    return [f"描述中的日期“{'”、“'.join(bad)}”不存在，未作为完成时限，请核对"] if bad else []


def unusable_budget_note(budget_wan: float | None, said: float | None) -> str:
    """What the result says when the caller gave a budget of 0 — the one rule: 0 is none (a cost ceiling ≤0 万元
    says nothing may be spent), as the range check says (`BUDGET_RANGE`: 填 0 视为未填写) — and which one it used
    instead: the text's, else none. '' for a usable or no budget. A reviewer's --budget 0 was silently replaced by
    the text's 210 万元; the ninth trial read “0 到 …” then “预算应大于 0”: two rules for one figure."""
    if budget_wan is None or budget_wan > 0:
        return ""
    given = f"预算填 {wan_text(budget_wan)} 万元，视为未填写"
    if said:
        return f"{given}：成本指标按描述中的 {wan_text(said)} 万元测算，请核对"
    return f"{given}，描述中也没有写明预算：成本指标待填写"


def _clause_bigrams(text: str) -> set[str]:
    """Character bigrams within each clause: none across punctuation (环卫作业,服务周期 holds no 业服)."""
    out: set[str] = set()
    for part in O.CLAUSE_PUNCT.split(text):
        out.update(bigrams(normalize_name(part)))
    return out


# a share of the budget spent, written after the amount: 执行179.43万元,完成89.7% (a figure of the form)
# a description that states the year's targets after a medium- or long-term plan (中期目标: 新建或改造道路共29个
# 项目, 规划里程169公里; 年度目标: … 完成3个项目补助尾款结算 — E001; 长期目标: 2020年前死亡率控制在4%以下 — E011):
# the plan's part runs from its label to the 年度目标 label; without a 年度目标 label nothing is set apart
_LONG_TERM = re.compile(r"(?:中期|中长期|长期|总体)(?:绩效)?目标[:：]")
_YEAR_GOAL = re.compile(r"年度(?:绩效)?目标[:：]")
# money of the plan, not of the year (中期市财政预算284500万元): no total a per-head or per-km cost divides
_MULTI_YEAR_MONEY = re.compile(r"(?:中期|中长期|长期|规划)[^，。；,;:：]{0,8}?(?:预算|投资|资金)[^，。；,;]*")


def long_term_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each medium- or long-term goal part of `text` followed by a 年度目标 label."""
    spans = []
    for m in _LONG_TERM.finditer(text):
        y = _YEAR_GOAL.search(text, m.end())
        if y:
            spans.append((m.start(), y.start()))
    return spans


# a numbered heading of a 申报书 (三、上年度实施情况。 六、绩效目标：), its title up to the first stop
_HEADING = re.compile(r"(?:^|[。；;\s])((?:[一二三四五六七八九十]{1,3}|\d{1,2})[、.．]\s*([^。：:；;，,]{2,16})[。：:])")
# a section about last year (上年度实施情况, 2024年完成情况, 上年度绩效评价结果应用) or about what stands (现状)
_PAST_TITLE = re.compile(r"上年|上一年|以前年度|往年|前期|(?:完成|实施|执行)情况|现状|自评")
# a section of this year's targets (绩效目标, 年度目标, 年度绩效目标): never a medium- or long-term one
_TARGET_TITLE = re.compile(r"^(?:20\d\d年)?(?:年度)?(?:绩效)?目标$|^(?:20\d\d年度?|年度|本年度)(?:绩效)?目标")
_YEAR = re.compile(r"(?<![到至])(20\d\d)年")
_CLAUSE_STOP = re.compile(r"[，,。；;]")


def sections(text: str) -> list[tuple[int, int, str]]:
    """(start, end, title) of each numbered section of a 申报书 (三、上年度实施情况。…), in text order;
    [] when the text has fewer than two numbered headings (a short description is one part)."""
    heads = [(m.start(1), m.group(2)) for m in _HEADING.finditer(text)]
    if len(heads) < 2:
        return []
    ends = [h[0] for h in heads[1:]] + [len(text)]
    return [(a, z, title) for (a, title), z in zip(heads, ends)]


def past_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` speaks of the past, so its figures are no targets: a section on last year or on what
    stands (三、上年度实施情况, 十二、…照明现状) when the text has a section of this year's targets (六、绩效目标 —
    its figures win: a reviewer got last year's 1320套, 亮灯率97%, 52小时 as the year's targets and none of the
    target section's); and a clause opening on a year before the project's (2024年门急诊量达到42万人次, the
    project's year being the latest one the text names). Kept apart from `facts`, which reads single figures."""
    parts = sections(text)
    spans = []
    if any(_TARGET_TITLE.search(title) for _, _, title in parts):
        spans += [(a, z) for a, z, title in parts if _PAST_TITLE.search(title) and not _TARGET_TITLE.search(title)]
    years = [int(y) for y in _YEAR.findall(text)]
    if years:
        year = max(years)
        at = 0
        for clause in _CLAUSE_STOP.split(text):
            y = _YEAR.match(clause)
            if y and int(y.group(1)) < year:
                spans.append((at, at + len(clause)))
            at += len(clause) + 1
    return spans


# an amount of money in 万元 / 亿元 (not per something: 每人500元 is a standard)
_MONEY_AMOUNT = re.compile(r"(?<![每/])(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万元|亿元)")


def _unmarked_amounts(text: str) -> list[str]:
    """Why an amount of money stated with no budget word before it (“120公里 300人 50万元”) is no budget, one note
    for them all, [] when none: a fresh reviewer's bare text lost its 50万元 silently (trial 16). The budget is read
    only after a budget word (`kb.domain.budget`); the declarant gives it or writes the word."""
    said = list(dict.fromkeys(m.group(0) for m in _MONEY_AMOUNT.finditer(text)
                              if not re.search(r"每[\u4e00-\u9fff]{0,4}$", text[max(0, m.start() - 6):m.start()])))
    if not said:
        return []
    return [f"描述中的“{'、'.join(said)}”前没有写明是预算、资金或投资，未作为预算，成本指标不能按预算设定；"
            "如是项目预算，请填写预算(万元)或在描述中写明“预算…万元”"]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


_SPENT_BEFORE = re.compile(r"(执行|支出|使用|拨付)[\d.]+万?元[，,]?\s*(完成|占|达)?$")


def _execution_share(m: O.Mention, text: str) -> bool:
    """A percentage that follows an amount spent (执行179.43万元,完成89.7%): execution, not a target."""
    return m.unit == "%" and bool(_SPENT_BEFORE.search(text[max(0, m.start - 24):m.start]))


# periods of the calendar a count may be of (4个季度, 12个月份): when the work happens, never what it counts
_CALENDAR_PERIODS = frozenset("季度 月份 年度 星期 周".split())


def _is_target_mention(m: O.Mention, budget: float | None) -> bool:
    """A stated quantity that can be a target: not the budget, not a figure of the form itself."""
    if m.is_budget or FORM_CONTEXT.search(m.context):
        return False
    if m.unit == "个" and m.obj in _CALENDAR_PERIODS:
        return False   # 2022年4个季度共贴息74户次: the year's quarters, no count of the work (享受贴息小微企业数量 ≥ 4)
    if m.unit in Q.MONEY_UNITS and budget is not None:
        v = float(m.value) * (10000 if m.unit == "亿元" else 1 / 10000 if m.unit == "元" else 1)
        return abs(v - budget) > 1e-6
    return True


def _level_reached_named_by_base(stated: list, all_mentions: list, text: str) -> list:
    """`stated` with each figure a change from a past period's level reaches (接待游客由上届的6万人次增加到8万人次: the 8万)
    read with the words of that base (接待游客), when the figure's own words are only the change (增加到): the base is
    last year's and no target (`kb.domain.years.past_bases`), so the level reached carries what is counted (trial 17: the
    8万 lost its 接待游客 once the 6万 was read as last year's)."""
    from dataclasses import replace

    out = []
    for m in stated:
        for b in past_base_matches(text):
            base = next((a for a in all_mentions if a.start == b.start("num")), None)
            gap = text[b.end():m.start]
            if base is None or m.obj or not (b.end() <= m.start and len(gap) <= 3) \
                    or re.search(r"[，,。；;：:]", gap) or base.unit != m.unit:
                continue
            subject = re.split(r"[，,。；;：:]", text[:b.start()])[-1]
            subject = re.sub(r"^(?:预计|计划|力争|目标|争取|全年|年度|本届|今年)+", "", subject)
            toks = O.pos_cut(subject)
            if len(subject) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", subject) and toks:
                verb = toks[0][0] if toks[0][1].startswith("v") and len(toks) > 1 else ""
                m = replace(m, verb=verb, obj=subject[len(verb):], context=subject, verb_after=False)
            break
        out.append(m)
    return out


def _core(name: str, desc: str) -> str:
    """The project core from the name (a person wrote it: trusted when it is 2–24 Chinese
    characters); without one, what the description's first clause says is done (`clause_core`),
    else the first clean object of the description that is no money word."""
    core = O.project_core(name)
    if core and 2 <= len(core) <= 24 and re.fullmatch(r"[\u4e00-\u9fffA-Za-z]+", core) \
            and len(re.findall(r"[\u4e00-\u9fff]", core)) >= 2:   # 村BA篮球联赛 (a fresh trial got 全县成本)
        work = clause_core(desc)
        if len(core) <= 3 and work in WORK_VERBS and work not in core and core not in work:
            # a name of a bare thing (河道) beside a text saying the work (对城南河实施清淤): the thing and its work
            # (河道清淤完成时间), never 河道完成时间 (trial 11); only a work verb is a work — a summary's first clause
            # read as 专项元 (县级储备粮: 储备粮专项194.9万元) is none, and it retrained the ranker (CV MRR −0.006)
            return core + work
        return core
    core = clause_core(desc)
    if core or "、" in _first_clause(desc):
        return core   # a first clause listing several things has no one object (冲锋舟成本 for all the supplies)
    for m in O.mentions(desc)[:3]:
        if m.obj and len(m.obj) >= 3 and is_clean(m.obj) and not re.search(r"资金|经费|预算|执行|总额", m.obj):
            return m.obj
    return ""


# 对〔对象〕进行〔工作〕: 对城区段河道进行清淤疏浚 → 河道清淤疏浚
_DO_TO = re.compile(r"对(?P<obj>[^，,。；;]{2,30}?)进行(?P<work>[\u4e00-\u9fff]{2,8})")
_AFTER_VERB = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,16}")
# verbs that name a service rather than a work (依托村老年食堂提供助餐服务 → 助餐服务), tried when no work verb is
# in the clause (without them a fresh trial's core was the first counted object: 食品安全自查发放准确率)
_SERVE_VERBS = ("提供", "开展", "实施")
_NUMBER_AND_UNIT = re.compile(r"\d+(?:\.\d+)?\s*(?:万|千|百|亿)?(?:公里|平方米|立方米|毫升|[个条所名人处座台辆套间户家栋册本件株头"
                              r"只剂份种类项场批次期年月日号米亩吨])?")
_UMBRELLA = re.compile(r"等([\u4e00-\u9fff]{2,8})")
_UNTIL_PURPOSE = re.compile(r"用于|用来|以便|为了|保障|确保|提升|提高")
_WORK_AFTER = frozenset("采购 购置 购买 建设 维修 修缮 改造 修复 养护 安装 更新 更换 租赁".split())


def _first_clause(desc: str) -> str:
    return re.split(r"[，,。；;：:]", desc, maxsplit=1)[0]


def clause_core(desc: str) -> str:
    """What the first clause of a description says the project does, for a request without a project
    name, as `naming.short_object` keeps it (places and ordinals dropped): 对X进行Y → X's last noun
    phrase + Y (对城区段河道进行清淤疏浚 → 河道清淤疏浚); a list of things → its umbrella word
    (采购冲锋舟、救生衣等防汛物资 → 防汛物资采购) or ''; else the thing after the clause's first verb of the
    work, before any purpose (举办第五届乡村文化旅游节 → 文化旅游节; 采购兽用疫苗用于… → 兽用疫苗采购: what is
    bought, built or mended is named thing + work). '' when nothing reads cleanly. Reported (fresh
    trials): without a name the core was the first counted object — 媒体曝光量完成及时率, 故障响应时间成本,
    冲锋舟成本 for all the supplies."""
    first = _NUMBER_AND_UNIT.sub("", _first_clause(desc))
    m = _DO_TO.search(first)
    if m:
        obj = re.split(r"[、和及与]", m.group("obj"))[-1]
        work = re.sub(r"^(?:年度|日常|全面|集中)", "", m.group("work"))
        return short_object(obj + work)
    hits = sorted((first.find(v), -len(v), v) for v in WORK_VERBS if v in first)
    # …a verb with something after it; else one that names a service (依托村老年食堂提供助餐服务 → 助餐服务)
    hits = [h for h in hits if _AFTER_VERB.match(first, h[0] + len(h[2]))] or \
        sorted((first.find(v), -len(v), v) for v in _SERVE_VERBS if v in first)
    if not hits:
        return ""
    i, _, v = hits[0]
    rest = first[i + len(v):]
    if "、" in rest:   # a list of things (冲锋舟、救生衣、抽水泵等防汛物资): the umbrella word, or no core
        umbrella = _UMBRELLA.search(rest)
        return short_object(umbrella.group(1) + (v if v in _WORK_AFTER else "")) if umbrella else ""
    obj = _AFTER_VERB.match(first, i + len(v))
    if not obj:
        return ""
    thing = _UNTIL_PURPOSE.split(obj.group())[0]   # 兽用疫苗用于春秋两季集中免疫 → 兽用疫苗
    thing = SCOPE_LEAD.sub("", thing)             # 举办全县村BA篮球联赛: 全县 says where (全县完成及时率)
    if len(re.findall(r"[\u4e00-\u9fff]", thing)) < 2:
        return ""
    return short_object(thing + v if v in _WORK_AFTER else thing)
