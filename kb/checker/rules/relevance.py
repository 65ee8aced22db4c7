"""REL rules (REL-01 … REL-05, and our REL-06): level placement, input indicators, slogans, metric-less names,
unrelated indicators; a stock or a cumulative total stated as the year's output.

Detection follows ../shared/data/rules/RULES.md §5.8. REL-01/03/05 are
semantic in the catalog; here they are keyword approximations that favour
precision (a reviewer or an LLM should confirm). REL-05 needs the project
(name or description) in the context. Not for rewrites.
"""
from __future__ import annotations

import re

from kb.checker import lexicon as L
from kb.checker.catalog import CACHES, LEVELS, RuleHit, rule
from kb.checker.fixes import fmt_num
from kb.checker.parse import PAREN_RE, UNIT_RE, ParsedRow, own_programs
from kb.checker.rules.feasibility import bigrams, in_unit, stated_quantities
from kb.checker.rules.quantification import is_qnt_02
from kb.checker.rules.structure import is_str_04
from kb.domain.quantity import read_numerals
from kb.domain.schema import Level1, Level2
from kb.domain.setting import figure_clause, setting_figure
from kb.domain.text import SENTENCE_END, normalize
from kb.domain.units import is_time_unit, units_compatible
from kb.domain.years import past_reports
from kb.domain.words import (PAST_PERIOD_WORDS, HANDED_OVER_WORDS, STOCK_WORDS, UPKEEP_WORDS, WORK_VERBS,
                             builds_or_buys)
from kb.settings import CheckerSettings


_TIME_REQ_RE = re.compile(r"按时|及时|按期|准时|如期|(?:完成|完工|竣工|办结|发放|拨付|支付|到位|开工)(?:时间|日期|时限|期限)$")


def rel_01_reason(r: ParsedRow) -> str | None:
    """Why the row sits in the wrong 二级指标, or None (memoised per name, levels and date-ness)."""
    if not r.name:
        return None
    ni = r.ni
    # keyed by the levels as written (they give level1 / level2), not by the enums; the last four keys a
    # name was met with, flat in one tuple (`NameInfo.rel01`): a rewritten unit or level re-checked beside
    # the row as written does not push the other one out
    l1, l2 = r.levels_key
    yuan = "元" in (r.eff_unit or "")
    is_date = r.is_date
    memo = ni.rel01
    for i in range(0, len(memo), 5):
        if memo[i] == l1 and memo[i + 1] == l2 and memo[i + 2] is is_date and memo[i + 3] is yuan:
            return memo[i + 4]
    why = _rel_01_reason(r, ni)
    ni.rel01 = (l1, l2, is_date, yuan, why) + memo[:15]
    return why


def benefit_level2(name: str) -> Level2:
    """The 效益 二级指标 a name reports by its words: 生态效益 (排放, 水质, 森林 …), 经济效益 (收入, 产值,
    销售 …), 可持续影响 (长效, 机制 …), else 社会效益. The one answer for the checker's level guesses
    (`kb.checker.rewrite.guess_level2`), REL-01 and suggest's change rows (through `guess_level2`)."""
    if L.LEVEL_ECOLOGICAL_RE.search(name):
        return Level2.ecological_benefit
    if L.LEVEL_ECONOMIC_RE.search(name):
        return Level2.economic_benefit
    if L.LEVEL_SUSTAINABLE_RE.search(name):
        return Level2.sustainable_impact
    return Level2.social_benefit


_KIND_WORDS = {Level2.ecological_benefit: "生态", Level2.economic_benefit: "经济"}


def is_output_quality(name: str) -> bool:
    """ours: a share of products or works meeting a standard (食品安全指标达标率, 验收合格率) whose name says
    no ecological or economic benefit (水质达标率 does): a quality of the output (the catalog's REL-01:
    合格率为质量)."""
    return bool(L.CONFORMANCE_RATE_RE.search(name)) and benefit_level2(name) not in _KIND_WORDS


def _rel_01_reason(r: ParsedRow, ni) -> str | None:
    l2 = r.level2
    why = None
    if r.level1 is Level1.output and l2 in (Level2.quantity, Level2.quality) and is_yield(ni.base or r.name):
        why = (f"“{r.name}”是单位面积的产量或收益，反映项目效果，应列入效益指标"
               f"（{benefit_level2(ni.base or r.name).label}）而不是{l2.label}")
    elif l2 is Level2.quantity and ni.family == "ratio":
        why = f"比率“{r.name}”放在了数量指标下"
    elif l2 is Level2.quantity and is_money_cost(r):
        why = f"成本“{r.name}”（以{r.eff_unit}计）放在了数量指标下，成本应列入成本指标（财预〔2021〕101号）"
    elif l2 is Level2.quality and ni.count_suffix and ni.direction != "neg":
        # ours: a count of what should not happen (安全生产事故发生次数 = 0) measures quality, as real tables
        # and suggest place it; moving it to 数量 made it an output (fresh trial on a suggested table)
        why = f"计数“{r.name}”放在了质量指标下"
    elif l2 is Level2.quality and ni.outcome_rate:
        why = f"“{r.name}”反映效果，应列入效益指标而不是质量指标"
    elif l2 is Level2.quality and ni.family == "time" and _TIME_REQ_RE.search(ni.base or ni.name):
        # ours: a deadline requirement (按时发放, 完工时间) under 质量; a duration (响应时长) may measure quality
        why = f"“{r.name}”是时效要求，应列入时效指标而不是质量指标"
    elif l2 is Level2.timeliness and not r.is_date and not ni.time_meaning and not L.TIME05_NAME_RE.search(r.v or ""):
        # trial 23: 补贴拨付 | 及时 — the value is the row's time requirement (a vague one: TIME-01), the work is
        # named; re-filing it under 数量 asked for a count of 补贴拨付
        why = f"时效指标下的“{r.name}”没有时间含义"
    elif r.level1 is Level1.benefit and ni.output_count:
        why = f"效益指标“{r.name}”只是复述产出数量"
    elif l2 in _KIND_WORDS and is_output_quality(ni.base or r.name):
        # ours: 食品安全指标达标率 under 生态效益 (D059); under 社会效益 a 达标率 may be an outcome (体质健康达标率)
        why = (f"“{r.name}”是达标、合格一类的质量指标，名称看不出{_KIND_WORDS[l2]}效益，"
               "应列入产出指标的质量指标")
    if why is None or is_str_04(r):
        return None
    return why


def is_yield(name: str) -> bool:
    """ours: a yield per area (亩产, 单产, 亩均产值 …): an effect of the works, not an output (REL-01)."""
    return bool(L.YIELD_RE.search(name))


def is_money_cost(r: ParsedRow) -> bool:
    """ours: the row names a cost (成本, 费用, 经费, 单价 …; not a rate, a count, an income, a saving or
    a loan) and states it in money (元, 万元 …)."""
    n = r.ni.base or r.name
    return ("元" in (r.eff_unit or "") and bool(L.COST_NAME_RE.search(n)) and not L.NOT_COST_RE.search(n)
            and r.ni.family not in ("ratio", "count", "persons", "person_times", "households"))


@rule("REL-01", fields=LEVELS)
def rel_01(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Ratio or a cost in money under 数量, count, outcome or time requirement under 质量, no time under
    时效, output count under 效益."""
    why = rel_01_reason(r) or _stated_work_as_benefit(r)
    return RuleHit("level2", why) if why else None


def _work_said(desc: str, r: ParsedRow) -> bool:
    """True when `desc` states the row's number and unit right after a work verb (`WORK_VERBS`) in the same clause
    whose words share a two-character word with the row's name (制作禁毒公益广告牌30块 for 公益广告牌数量 ≥30 块) —
    for units `stated_quantities` does not read (块, 面, 幅)."""
    shown = re.escape(fmt_num(r.num)) + re.escape(r.eff_unit)
    for m in re.finditer(r"([^，。；,;：:]{0,16}?)(?<![\d.])" + shown, desc):
        before = m.group(1)
        if any(v in before for v in WORK_VERBS) and bigrams(r.ni.base or r.name) & bigrams(before):
            return True
    return False


def _stated_work_as_benefit(r: ParsedRow) -> str | None:
    """ours (trial 22): a count of things, a length or an area under 效益 whose value is a figure the description
    states as work done (公益广告牌数量 ≥30 块 under 社会效益 beside “制作禁毒公益广告牌30块”: `_work_figure`) — the
    year's output filed as an effect; None otherwise (a rate, persons, a row holding its 实际完成值, no text)."""
    if (r.level1 is not Level1.benefit or r.num is None or r.pct or not r.eff_unit or r.ni.family not in
            ("count", "length", "area") or (r.raw.actual or "").strip()):
        return None
    desc = r.ctx.get("description") or ""
    if not desc or _REPORT_TEXT_RE.search(desc):
        return None
    if not (_work_figure(desc, (r.num, r.eff_unit)) or _work_said(desc, r)):
        return None
    return f"“{r.name}”是项目概况写明要完成的工作量（{fmt_num(r.num)}{r.eff_unit}），是产出，应列入产出指标的数量指标"


_BUDGET_EXECUTION_IN_RE = re.compile(L.BUDGET_EXECUTION_WORDS)  # anywhere in a name (compiled once, not per call)


def is_rel_02(r: ParsedRow) -> bool:
    n = r.name
    if not n:
        return False
    if L.REL02_RE.search(n) or _BUDGET_EXECUTION_IN_RE.search(n):   # 预算完成率 (round 18)
        return True
    return bool(L.REL02_RATE_RE.search(n) and L.REL02_MONEY_RE.search(n))


@rule("REL-02", depends="name", deletes="投入/过程指标不作绩效目标（预算执行、资金到位等在自评中单独计分）", delete_rank=1)
def rel_02(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Input / process indicator (资金到位率, 预算执行率, 支出率, 结余率, 制度建立与否 …) used as a target."""
    if is_rel_02(r):
        return RuleHit("name", f"“{r.name}”是投入或过程管理指标，不能作为产出或效益目标")
    return None


@rule("REL-03", depends="name", deletes="宏观表述无法归因于本项目，请换成项目直接作用对象的可测结果", delete_rank=2)
def rel_03(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Macro slogan (社会稳定, 可持续发展, 获得感 …) that one project cannot be credited with."""
    m = L.REL03_RE.search(r.name) if r.name else None
    if m:
        return RuleHit("name", f"“{m.group()}”是宏观表述，无法归因于本项目")
    return None


@rule("REL-04", needs="num", fields=("name",))
def rel_04(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """A percentage on a name with no measure noun (问题整改 100 %), when QNT-02 does not apply."""
    if not r.name or r.metric or not r.pct or not r.has_digit or is_qnt_02(r) or is_str_04(r):
        return None
    if L.LEVEL_STAT_RE.search(r.name_base or r.name):
        return None
    return RuleHit("name", f"“{r.name}”没有度量口径，给出的百分比分子分母不明")


def rel_05_program(r: ParsedRow) -> str | None:
    """The programme an indicator names that the project does not, or None."""
    if not r.name:
        return None
    c = r.ctx
    key = (c.get("project"), c.get("description"))
    if not key[0] and not key[1]:
        return None
    own = own_programs(*key)  # memoised per project: most projects name no programme
    if not own:
        return None
    named = r.ni.programs
    for k in named:
        if k not in own:
            return k
    return None


@rule("REL-05", needs="programme", deletes="与本项目资金无关的指标", delete_rank=0)
def rel_05(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """The indicator names another fund programme than the project's (照搬上级模板)."""
    k = rel_05_program(r)
    if k:
        return RuleHit("name", f"“{r.name}”属于{k}资金的指标，与本项目内容不相关")
    return None


def accepts_nothing_delivered(r: ParsedRow) -> bool:
    """ours: an acceptance row (…验收合格率, 验收通过率 …) of a lease or an upkeep service (`UPKEEP_WORDS` in the
    project's name or description: 租赁, 运维, 维保 …) that builds and buys nothing (`builds_or_buys` of the same
    text, suggest's reading: a service bought or 招标采购 hands nothing over) — trial 8: 系统验收合格率 =100 % for the
    lease of 77 cabinets (D024). A row naming what it hands over itself (设备更换验收合格率) is left alone."""
    if "验收" not in (r.name or ""):
        return False
    said = (r.ctx.get("project") or "") + (r.ctx.get("description") or "")
    return (bool(UPKEEP_WORDS.search(said)) and not builds_or_buys(said)
            and not HANDED_OVER_WORDS.search(UPKEEP_WORDS.sub("", r.name)))


@rule("REL-05", needs="upkeep", deletes="与本项目资金无关的指标", delete_rank=0)
def rel_05_acceptance(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """ours: an acceptance (验收) target in a lease or an upkeep service that hands nothing over
    (`accepts_nothing_delivered`)."""
    if accepts_nothing_delivered(r):
        return RuleHit("name", f"“{r.name}”考核验收，本项目是租赁或运维等服务，不建设、不购置，没有交付验收的对象，"
                               "与本项目内容不相关")
    return None


# ours: the setting a project works in, not what it does this year — a stock (现有农户户数, 全县现有林地面积)
# or a total over past years (高标准农田累计建成面积, 已建成…); 保有量 (湿地保有量 = 4900 公顷, D025) is a
# stock the project keeps and stays a target
_STOCK_NAME_RE = re.compile(r"现有|已有|原有|已建成|已完成|历年累计|累计(?:建成|完成|建设|改造|治理|实现|达到|投入)")
# a figure of the description with its clause before it (up to 20 characters) and a few characters after
_CLAUSE_QTY_RE = re.compile(r"([^，。；,;：:！？\d]{0,20})(\d+(?:,\d{3})*(?:\.\d+)?)(万|亿)?(" + UNIT_RE.pattern
                            + r")(?=([\u4e00-\u9fff]{0,8}))")
# work the project does on the whole stock is its output (现有林地管护面积, 原有道路改造里程, 补贴发放户数)
_WORK_ON_STOCK_RE = re.compile(r"改造|维修|维护|养护|管护|巡护|保护|修缮|抚育|更新|加固|治理|整治|清理|升级|改建|扩建|"
                               r"提升|监测|巡查|检查|排查|覆盖|服务|培训|补助|补贴|发放|慰问|救助|参保|保险|防治|消杀|"
                               r"普查|调查|登记|确权|认定|评估|核查")
# the same work said of the description's stock figure: right before its stock word (改造提升原有助餐点2个,
# 维修加固现有堤防3处, 对原有…) or right after its unit (全县现有林地186万亩进行管护) — this year's output
_WORK_BEFORE_STOCK_RE = re.compile("(?:" + _WORK_ON_STOCK_RE.pattern + r")[对了的]?$")
_WORK_AFTER_STOCK_RE = re.compile(r"^(?:进行|实施|开展|予以|全部|均|逐一)?(?:" + _WORK_ON_STOCK_RE.pattern + ")")
# a total over this year only (全年累计, 年内累计), or a floor promised for it (累计供餐不少于18万人次: trial 9,
# REL-06 called the canteen's yearly target background): 累计 then sums the year's output
_YEAR_SPAN_RE = re.compile(r"(?:全年|本年度?|年内|今年|当年|年度内?)$")
_FLOOR_RE = re.compile(r"不少于|不低于|不小于|至少|力争|确保")


# the close of `stock_reason`'s reading of a figure the text gives as whom the project benefits: REL-06's fix files
# such a row under 效益 (trial 15), as its message says
BENEFIT_NOT_OUTPUT = "属于效益，不是本年度的产出；应列入效益指标（或删除）"


def stock_reason(r: ParsedRow) -> str | None:
    """Why an 产出/数量 target states the setting rather than the year's output, or None: its name says a
    stock or a cumulative total (`_STOCK_NAME_RE`), or its value is a figure the description gives as
    such (全县现有农户4.2万户 and a row of 42000 户 about 农户) — unless the description says this year's work
    on it (改造提升原有助餐点2个, 现有林地186万亩进行管护: a fresh reviewer's catch, as OP-04 takes the office's work
    on a harm). Counts, areas, lengths; not rates or dates."""
    if (r.level1 is not Level1.output or r.level2 is not Level2.quantity or r.num is None or r.pct or r.is_date
            or r.cost_row or not r.name):
        return None
    name_text = r.name_base or r.name
    m = _STOCK_NAME_RE.search(name_text)
    work = _WORK_ON_STOCK_RE.search(name_text[m.end():] if m else name_text)
    if m and (m.group().startswith(("累计", "历年", "已")) or not work):
        return f"“{r.name}”写的是{m.group()}的总量，是项目实施的背景，不是本年度的产出"
    desc = r.ctx.get("description") or ""
    if not desc or not r.eff_unit or work:
        return None
    name = bigrams(name_text)
    said = _stock_said(r, desc, name)
    if said:
        return f"{said}，是项目实施的背景，不是本年度的产出"
    for x, unit, words, shown in benefit_figures(desc):
        y = in_unit(x, unit, r.eff_unit) if units_compatible(unit, r.eff_unit) else None
        if y is not None and abs(y - r.num) <= 1e-9 * max(1.0, y) and name & words:
            return (f"指标值{fmt_num(r.num)}{r.eff_unit}是申报说明中的“{shown}”，是项目保护或惠及的对象，"
                    + BENEFIT_NOT_OUTPUT)
    return None


# ours (trial 11): a clause saying whom or what the project protects or benefits (保护下游农田1.2万亩及沿河群众8700人,
# 受益群众1200人): its figures are the project's effect, not its output
_BENEFIT_CLAUSE_RE = re.compile(r"保护|受益|惠及|受惠|造福")
_CLAUSE_SPLIT_RE = re.compile(r"[，。；,;：:！？]")
_BENEFIT_MEMO: dict[str, tuple] = {}
CACHES.append(_BENEFIT_MEMO.clear)


def benefit_figures(desc: str) -> tuple[tuple[float, str, frozenset[str], str], ...]:
    """ours (trial 11): the figures a description states after a word of protection or benefit in one clause
    (保护下游农田1.2万亩及沿河群众8700人 → 1.2 万亩, 8700 人): (number, unit, the character pairs of the words before
    it in the clause, the words as shown). Read once per description."""
    out = _BENEFIT_MEMO.get(desc)
    if out is None:
        found = []
        for clause in _CLAUSE_SPLIT_RE.split(desc):
            b = _BENEFIT_CLAUSE_RE.search(clause)
            if b is None:
                continue
            start = b.start()
            for m in _CLAUSE_QTY_RE.finditer(clause, b.start()):
                before = clause[start:m.start(2)]
                unit = (m.group(3) or "") + m.group(4)
                found.append((float(m.group(2).replace(",", "")), unit, frozenset(bigrams(before)),
                              clause[b.start():m.end()]))
                start = m.end()
        if len(_BENEFIT_MEMO) > 10_000:
            _BENEFIT_MEMO.clear()
        out = _BENEFIT_MEMO[desc] = tuple(found)
    return out


_STOCK_MEMO: dict[str, tuple] = {}
CACHES.append(_STOCK_MEMO.clear)


def stock_figures(desc: str) -> tuple[tuple[float, str, frozenset[str], str, str], ...]:
    """The figures a description gives as a stock or a past total (全县现有农户4.2万户), in order: (number, unit,
    the character pairs of the words around it, the words from the stock word on, the stock word) — not those it
    says this year's work on (改造提升原有助餐点2个, 现有林地186万亩进行管护). Read once per description
    (`stock_reason` reads it for every 数量 row of a table)."""
    out = _STOCK_MEMO.get(desc)
    if out is None:
        found = []
        for m in _CLAUSE_QTY_RE.finditer(desc):
            before, x, unit = m.group(1), float(m.group(2).replace(",", "")), (m.group(3) or "") + m.group(4)
            said = STOCK_WORDS.search(before)
            # the period may open the clause before the reader's words (2024年全县已完成…: its digits are not in
            # `before`): last period's output, not the setting (trial 13)
            lead = desc[max(0, m.start(1) - 5):m.start(1)] + before
            if not said or (said.group() in ("已完成", "已有") and PAST_PERIOD_WORDS.search(lead)):
                continue
            if _WORK_BEFORE_STOCK_RE.search(before[:said.start()]) or _WORK_AFTER_STOCK_RE.search(m.group(5)):
                continue  # work done this year on what stands (改造提升原有助餐点2个) is the year's output
            if said.group() == "累计" and (_YEAR_SPAN_RE.search(before[:said.start()])
                                          or _FLOOR_RE.search(before[said.end():])):
                continue  # 全年累计供餐不少于18万人次: the year's total, promised — a target, not the setting
            found.append((x, unit, frozenset(bigrams(before + m.group(5))), before[said.start():], said.group()))
        if len(_STOCK_MEMO) > 10_000:
            _STOCK_MEMO.clear()
        out = _STOCK_MEMO[desc] = tuple(found)
    return out


_SETTING_MEMO: dict[str, tuple] = {}
CACHES.append(_SETTING_MEMO.clear)
# a figure of a description: a number, 万 / 亿, a unit (what the setting's reader is asked about)
_FIGURE_RE = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)(万|亿)?(" + UNIT_RE.pattern + ")")


class _Span:
    """A figure of the normalised description as the setting's reader takes it (`kb.domain.setting.Figure`)."""

    __slots__ = ("start", "end", "unit")

    def __init__(self, start: int, end: int, unit: str):
        self.start, self.end, self.unit = start, end, unit


def setting_figures(desc: str) -> tuple[tuple[float, str, frozenset[str], str], ...]:
    """The figures a description gives as the setting the project works in (全县现有集中供水工程186处，服务农村人口
    28.6万人 → 186 处, 28.6 万人), by the one reader of the setting suggest reads too (`kb.domain.setting`, over the
    text normalised as suggest reads it): (number, unit, the character pairs of the clause's words, the clause as
    written up to the figure's unit). Amounts of money are none. Read once per description."""
    out = _SETTING_MEMO.get(desc)
    if out is None:
        text = read_numerals(normalize(desc))
        found = []
        for m in _FIGURE_RE.finditer(text):
            unit = (m.group(2) or "") + m.group(3)
            fig = _Span(m.start(1), m.end(), unit)
            if setting_figure(fig, text):
                head, tail = figure_clause(text, fig)
                found.append((float(m.group(1).replace(",", "")), unit, frozenset(bigrams(head + tail)),
                              head + m.group()))
        if len(_SETTING_MEMO) > 10_000:
            _SETTING_MEMO.clear()
        out = _SETTING_MEMO[desc] = tuple(found)
    return out


_PAST_MEMO: dict[tuple, tuple] = {}
CACHES.append(_PAST_MEMO.clear)


def past_figures(desc: str, year: int | None = None) -> tuple[tuple[float, str, frozenset[str], str], ...]:
    """The figures a description reports as reached in a past period (2024年全县已完成危房改造120户, 上年度…):
    (number, unit, the character pairs of the words around it, the clause as written), read by the one reader of
    stated quantities (`stated_quantities`) from the clauses `kb.domain.years.past_reports` gives (`year`: the
    table's 预算年度, the plan year when the text names none later). Read once per description and year."""
    key = (desc, year)
    out = _PAST_MEMO.get(key)
    if out is None:
        found = []
        for clause in past_reports(desc, year):
            for words, x, unit, every, rate in stated_quantities(clause):
                if not rate and not every:
                    found.append((x, unit, frozenset(set().union(*map(bigrams, words.split(" ")))),
                                  clause.rstrip("。；;")))
        if len(_PAST_MEMO) > 10_000:
            _PAST_MEMO.clear()
        out = _PAST_MEMO[key] = tuple(found)
    return out


def last_year_bases(desc: str) -> list[tuple[float, str, str, tuple[float, str] | None]]:
    """ours (trial 16): the figures `desc` gives as last year's base of a comparison (“接待读者15000人次（较上年1.2万人次
    增长25%）”): (number, unit, the comparison as written, this year's figure the comparison is of — the quantity just
    before it in the same sentence, in a unit of one kind — or None). Normalised text (`normalize`). The comparisons
    are the ones suggest reads too (`kb.domain.years.past_base_matches`: a figure after 较上年 / 比上年的 … followed by
    the change, 增长 / 减少 …)."""
    from kb.domain.text import normalize
    from kb.domain.units import units_compatible
    from kb.domain.years import past_base_matches

    t = normalize(desc or "")
    out = []
    for m in past_base_matches(t):
        q = stated_quantities(t[m.start("num"):m.start("num") + 24])
        if not q:
            continue
        _, x, unit, _, _ = q[0]
        start = max((e.end() for e in SENTENCE_END.finditer(t, 0, m.start())), default=0)
        before = [(y, u) for _, y, u, every, rate in stated_quantities(t[start:m.start()])
                  if not every and not rate and units_compatible(u, unit)]
        end = re.search(r"[，,。；;）)]", t[m.start("num"):])
        out.append((x, unit, t[m.start():m.start("num") + (end.start() if end else 24)], before[-1] if before else None))
    return out


def _last_year_target(r: ParsedRow, desc: str) -> RuleHit | None:
    """ours (trial 16): the row's target is the base of the description's comparison with last year (图书馆免费开放人次
    ≥1.2万人次 beside “接待读者15000人次（较上年1.2万人次增长25%）”): last year's figure, not this year's; the fix writes
    the figure compared (15000 人次). Not when the text states that figure elsewhere too."""
    for x, unit, said, now in last_year_bases(desc):
        y = in_unit(x, unit, r.eff_unit) if units_compatible(unit, r.eff_unit) else None
        if y is None or abs(y - r.num) > 1e-9 * max(1.0, y):   # type: ignore[operator]
            continue
        if sum(1 for _, z, u, _, _ in stated_quantities(desc) if z == x and u == unit) > 1:
            return None   # stated again elsewhere: the row may name that one
        why = f"指标值{fmt_num(r.num)}{r.eff_unit}是项目概况中“{said}”的上年数，不是本年度的目标"
        if now is None:
            return RuleHit("value", why + "；请填写本年度计划完成的量")
        op = r.eff_op if r.eff_op in ("≥", ">", "=") else "≥"
        return RuleHit("value", why + f"；项目概况写明本年度计划{fmt_num(now[0])}{now[1]}",
                       {"operator": op, "value": fmt_num(now[0]), "unit": now[1]})
    return None


def past_target(r: ParsedRow) -> RuleHit | None:
    """ours (trial 13): an 产出/数量 target that is a figure the description reports as already reached in a past
    period for the same object, in the same unit (危房改造户数 ≥120户 beside “2024年全县已完成危房改造120户”; the
    plan is 150): last period's output, not this year's. The hit carries the figure the text plans for the same
    object when it states one (`rewrite.stated_figure`, which never reads a past figure) for the fix to write;
    else advice. Not for a row holding its 实际完成值 (a self-evaluation reports what was done), nor when the
    text plans the same figure again (去年完成120户，今年再完成120户)."""
    from kb.checker import rewrite as rw   # the rewrite module imports this family's helpers

    output = r.level1 is Level1.output and r.level2 is Level2.quantity
    # trial 24: an 效益 row too (林下经济产值 ≥2.3亿元 beside “上年度林下经济产值达到2.3亿元”): last year's effect copied
    if (not (output or r.level1 is Level1.benefit) or r.num is None or r.pct or r.is_date
            or r.cost_row or not r.name or not r.eff_unit or (r.raw.actual or "").strip()):
        return None
    desc = r.ctx.get("description") or ""
    if not desc:
        return None
    year = r.ctx.get("budget_year")
    name = bigrams(PAREN_RE.sub("", r.name_base or r.name)) - rw.WORK_BIGRAMS
    for x, unit, words, clause in past_figures(desc, year if isinstance(year, int) else None):
        y = in_unit(x, unit, r.eff_unit) if units_compatible(unit, r.eff_unit) else None
        if y is None or abs(y - r.num) > 1e-9 * max(1.0, y) or not name & words:
            continue
        # an effect's plan only by the object's own figure: the plan's sentences hold the budget too (预算资金120万元
        # read as 林下经济产值 0.012亿元, trial 24)
        planned = rw.stated_figure(r) or (_plan_sentence_figure(r, desc, name) if output else None)
        if planned is not None and abs(planned[0] - r.num) <= 1e-9 * max(1.0, planned[0]):
            return None   # the plan repeats it
        why = (f"指标值{fmt_num(r.num)}{r.eff_unit}是项目概况中“{clause}”的数，是以前年度已"
               + ("完成的量" if output else "达到的数") + "，不是本年度的目标")
        if planned is None:
            return RuleHit("value", why + "；请填写本年度计划" + ("完成的量" if output else "达到的值"))
        # trial 21: the text's own word for the plan (不少于600件 → ≥), else the declarant's operator
        op = stated_operator(desc, planned) or (r.eff_op if r.eff_op in ("≥", ">", "=") else "≥")
        return RuleHit("value", why + f"；项目概况写明本年度计划{fmt_num(planned[0])}{planned[1]}",
                       {"operator": op, "value": fmt_num(planned[0]), "unit": planned[1]})
    return _last_year_target(r, desc) if ("上年" in desc or "去年" in desc or "上一年" in desc) else None


_BEFORE_OP_RE = re.compile(r"(不少于|不低于|不小于|至少|达到|超过|不超过|不高于|不大于|至多|最多)\s*$")
_AFTER_OP_RE = re.compile(r"^\s*(以上|以下|以内|之内)")


def stated_operator(desc: str, figure: tuple[float, str]) -> str | None:
    """The operator the description's own words give `figure` (number, unit) where it states it: “不少于600件” → ≥,
    “3个工作日内” → ≤, “达到95%以上” → ≥ (`parse`'s operator words); None when the figure is stated bare, with
    different words at two places, or not found. The figure is looked up as written (600件, 1.5万人次 → its
    digits and unit)."""
    from kb.checker.parse import _OP_WORDS

    unit = figure[1]
    num = fmt_num(figure[0])
    ops = set()
    for m in re.finditer(rf"(?<![\d.]){re.escape(num)}\s*{re.escape(unit)}", desc or ""):
        before = _BEFORE_OP_RE.search(desc[max(0, m.start() - 6):m.start()])
        after = _AFTER_OP_RE.search(desc[m.end():m.end() + 3])
        word = before.group(1) if before else after.group(1) if after else None
        ops.add(_OP_WORDS.get(word, "≤" if word == "之内" else None) if word else None)
    ops.discard(None)
    return ops.pop() if len(ops) == 1 else None


def _plan_sentence_figure(r: ParsedRow, desc: str, name: set[str]) -> tuple[float, str] | None:
    """(number, the row's unit) of the one figure in the row's unit that the plan's sentences on the row's object
    state (a sentence sharing a two-character word with the name, `name`, once the past reports are cut out:
    `kb.domain.years.without_past_reports`, `past_reports`), None when there is none or several. Trial 19: beside
    “2024年全县已完成农村危房改造800户。2025年计划对全县500户农村低收入群体危房实施改造” the words next to 500户 name
    no 危房 within `stated_quantities`' window, and REL-06 advised generically; the sentence does name it.
    Not a figure per member (每户…), a rate, nor the setting."""
    from kb.domain.years import without_past_reports

    plan = without_past_reports(desc, budget_year_of(r))
    for clause in past_reports(desc, budget_year_of(r)):
        plan = plan.replace(clause, "")
    setting = {(x, unit) for x, unit, *_ in stock_figures(desc)} | {(x, unit) for x, unit, *_ in setting_figures(desc)}
    found: set[float] = set()
    for sentence in SENTENCE_END.split(plan):
        if not name & bigrams(sentence):
            continue
        for _, x, unit, every, rate in stated_quantities(sentence):
            if rate or every or (x, unit) in setting or not units_compatible(unit, r.eff_unit):
                continue
            y = in_unit(x, unit, r.eff_unit)
            if y is not None:
                found.add(y)
    return (found.pop(), r.eff_unit) if len(found) == 1 else None


def budget_year_of(r: ParsedRow) -> int | None:
    """The table's 预算年度 when the row's context gives one as a number, else None."""
    year = r.ctx.get("budget_year")
    return year if isinstance(year, int) else None


@rule("REL-06", needs="num", advice="产出数量指标填本年度新增或完成的量（如本年度完成改造户数、新建面积）；"
                                "现有或累计的总量写在项目概况中，或作为覆盖率等效益指标的基数")
def rel_06(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """ours: an 产出/数量 target that is a stock or a cumulative total (现有农户户数 ≥4.2万户, 现有林地面积
    ≥186万亩, 高标准农田累计建成面积 ≥38万亩), by its name or by the description's figure: the setting, not
    what the project does this year. Advice only (the year's figure is the declarant's). Under another level
    (trial 14: 生态效益指标 公厕数量 ≥62座 beside “全县现有公厕62座”) the description's stock figure set as the
    target (`stock_target_elsewhere`)."""
    if not r.tags[19]:  # not an 产出/数量 number
        why = stock_target_elsewhere(r)
        if not why:
            return past_target(r)   # trial 24: an 效益 row copying the past period's figure
        # round 18: the fix writes the figure the text plans for the same object this year (never a setting's or a
        # past period's: `rewrite.stated_figure`), else leaves the target 待填写
        from kb.checker import rewrite as rw   # the rewrite module imports this family's helpers

        planned = rw.stated_figure(r)
        if (planned is None or abs(planned[0] - r.num) <= 1e-9 * max(1.0, planned[0])
                or _work_figure(r.ctx.get("description") or "", planned)):
            return RuleHit("value", why, {"setting": True})
        op = r.eff_op if r.eff_op in ("≥", ">", "=") else "≥"
        return RuleHit("value", why + f"；项目概况写明本年度计划{fmt_num(planned[0])}{planned[1]}",
                       {"setting": True, "operator": op, "value": fmt_num(planned[0]), "unit": planned[1]})
    why = stock_reason(r)
    if why and why.endswith(BENEFIT_NOT_OUTPUT):  # trial 15: the fix files it under 效益, as the message says
        return RuleHit("name", why, {"benefit": True})
    return RuleHit("name", why) if why else past_target(r)


def _other_time_limit(r: ParsedRow) -> RuleHit | None:
    """REL-07 on a time limit (trial 21): 农民工讨薪案件指派律师时限 ≤5 个工作日 beside “受理后3个工作日内指派律师” —
    the table promises another limit for the same work than the 项目概况. The text's limit is read as the rewrites
    read it (`rewrite.stated_duration`: the work named by the row's name without its duration word, else
    `rewrite.relative_limit` for the row's verbs); compared in the text's unit when the row's converts to it (天 and
    个工作日 do not: no finding). Not for a self-evaluation's text, nor a row holding its 实际完成值."""
    from kb.checker import rewrite as rw

    desc = r.ctx.get("description") or ""
    if not desc or _REPORT_TEXT_RE.search(desc) or (r.raw.actual or "").strip():
        return None
    said = rw.stated_duration(desc, r.name) or rw.relative_limit(desc, rw.row_verbs(r.name))
    if said is None or said[0] != "≤" or not said[1]:
        return None
    x, unit = float(said[1]), said[2]
    y = r.num if r.eff_unit == unit else (in_unit(r.num, r.eff_unit, unit) if units_compatible(r.eff_unit, unit)
                                         else None)
    if y is None or abs(y - x) <= 1e-9 * max(1.0, x):
        return None
    how = "更严" if x < y else "更宽"
    return RuleHit("value", f"时限{fmt_num(r.num)}{r.eff_unit}与项目概况写明的“{fmt_num(x)}{unit}内”不一致（概况的时限{how}）；"
                            "请按概况填写，或在申报说明中写明调整的原因",
                   {"operator": "≤", "value": fmt_num(x), "unit": unit})


def _work_figure(desc: str, figure: tuple[float, str]) -> bool:
    """True when the description states `figure` (number, unit) as work done (改造公厕15座, 维修养护供水工程20处:
    `WORK_VERBS` in its words): the year's output, already an 产出 row's — no effect to put in an 效益 row's place."""
    return any(abs(x - figure[0]) <= 1e-9 * max(1.0, x) and unit == figure[1] and any(v in words for v in WORK_VERBS)
               for words, x, unit, every, rate in stated_quantities(desc))


# a target that keeps what exists (保持…, 保有量, 维持在…, 稳定在…): restating the stock is its point, no setting
_KEEP_RE = re.compile(r"保持|保有|维持|稳定在")


def stock_target_elsewhere(r: ParsedRow) -> str | None:
    """Why a count outside 产出/数量 (an 效益 or 质量 row) states the setting, or None: its value is a figure the
    description gives as what exists (全县现有公厕62座 and 公厕数量 ≥62 座 under 生态效益: `stock_figures`, the same
    words and unit as for an 产出 row). Not rates, dates, costs, satisfaction, ceilings, a row holding its
    实际完成值, nor a target that keeps what exists (`_KEEP_RE`: 湿地保有量, 保持86万亩 — round 18)."""
    if (r.num is None or r.pct or r.is_date or r.cost_row or not r.name or not r.eff_unit or r.goal
            or r.level1 in (None, Level1.satisfaction, Level1.cost) or r.eff_op in ("≤", "<")
            or (r.raw.actual or "").strip()):
        return None
    desc = r.ctx.get("description") or ""
    if not desc:
        return None
    name_text = r.name_base or r.name
    if _WORK_ON_STOCK_RE.search(name_text) or _KEEP_RE.search(r.name + (r.raw.value or "")):
        return None   # round 18: 湿地保有量 ≥4900 公顷, 森林面积：保持86万亩 — what exists kept on purpose, a target
    said = _stock_said(r, desc, bigrams(name_text))
    return f"{said}，是项目实施的背景，不是本年度的目标" if said else None


def _stock_said(r: ParsedRow, desc: str, name: set[str]) -> str | None:
    """“指标值…是申报说明中的“…”，即…的总量” when the row's value, in its unit, is a figure `desc` gives as what
    exists (`stock_figures`) about the same words (`name`: the row name's bigrams), else None (REL-06, both levels)."""
    for x, unit, words, stock, said in stock_figures(desc):
        y = in_unit(x, unit, r.eff_unit) if units_compatible(unit, r.eff_unit) else None
        if y is not None and abs(y - r.num) <= 1e-9 * max(1.0, y) and name & words:
            return f"指标值{fmt_num(r.num)}{r.eff_unit}是申报说明中的“{stock}{fmt_num(x)}{unit}”，即{said}的总量"
    for x, unit, words, shown in setting_figures(desc):   # the setting, by the reader suggest reads (round 18)
        y = in_unit(x, unit, r.eff_unit) if units_compatible(unit, r.eff_unit) else None
        if y is not None and abs(y - r.num) <= 1e-9 * max(1.0, y) and name & words:
            return f"指标值{fmt_num(r.num)}{r.eff_unit}是申报说明中的“{shown}”，即项目所在地现有的总量"
    return None


# a text that reports results rather than plans them (a self-evaluation, an evaluation report)
_REPORT_TEXT_RE = re.compile(r"自评|评价报告|绩效评价|执行情况|完成情况")


@rule("REL-07", needs="desc", advice="按项目概况写明的数填写；如确需不同，请在申报说明中写明调整的原因")
def rel_07(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """ours (trial 13): a target other than the figure the description (项目概况) states for the same object in the
    same kind of unit — 更换老化管网里程 ≥85公里 beside “更换老化管网58公里”, 农村自来水普及率 ≥92% beside “由92%提高到
    94%”, 竣工验收合格率 ≥95% beside “竣工验收合格率100%”: the table and the 申报说明 promise two figures, as TIME-06
    says of two dates. The stated figure is the one the rewrites read (`rewrite.stated_figure`: one figure for the
    object's words, never a past, a setting or a per-member figure; `rewrite.stated_rate`: the rate named whole and
    its target), so the check and its fix agree. Precision first: not a ceiling (≤), a negative measure, a row
    holding its 实际完成值 or a text reporting results (自评, 完成情况: the actuals may differ from the targets), an
    amount of money (whose income, which part of the money: shared words do not tell), a value equal to another
    figure the text states in that unit (the row may name that one) or the year's count of a frequency it states
    (每季度开展1次安全漏洞扫描 and 安全漏洞扫描次数 ≥ 4 次, trial 15), nor a tenfold gap (FEAS-04's). The hit carries the stated figure for the fix to write."""
    from kb.checker import rewrite as rw   # the rewrite module imports this family's helpers

    if r.eff_op in ("≤", "<") and r.num is not None and r.eff_unit and is_time_unit(r.eff_unit):
        return _other_time_limit(r)
    if (r.num is None or r.is_date or r.cost_row or not r.eff_unit or r.op == "定性" or r.direction == "neg"
            or r.eff_op not in ("≥", ">", "=") or r.level1 is Level1.satisfaction or (r.raw.actual or "").strip()):
        return None
    desc = r.ctx.get("description") or ""
    if _REPORT_TEXT_RE.search(desc):
        return None   # a self-evaluation's text reports what was done (完成情况:…87人次), which may differ from the target
    year = r.ctx.get("budget_year")
    if r.pct:
        said = rw.stated_rate(desc, r.name, year if isinstance(year, int) else None)
        if said is None or abs(said - r.num) <= 1e-9:
            return None
        op = "=" if said == 100 else "≥"
        return RuleHit("value", f"指标值{fmt_num(r.num)}%与项目概况写明的“{r.name}”目标{fmt_num(said)}%不一致；"
                                "请按概况填写，或在申报说明中写明调整的原因",
                       {"operator": op, "value": fmt_num(said), "unit": "%"})
    figure = rw.stated_figure(r)
    if figure is None:
        return None
    x, unit = figure
    if "元" in unit:
        return None   # an amount: whose income or which part of the money is read too loosely by shared words
    if abs(x - r.num) <= 1e-9 * max(1.0, x) or r.num >= 10 * x or r.num * 10 <= x:
        return None   # the same figure, or a tenfold slip (FEAS-04)
    from kb.checker.rules.feasibility import feas_04
    if feas_04(r, s) is not None:
        return None   # FEAS-04 speaks for it (a beneficiary count other than the stated one, trial 9)
    # trial 22: the row named for a whole the text splits into parts (农村危房改造户数 beside “85户，其中…30户”)
    # takes the whole; a part's figure is then no other object the row may be about
    parts = {(q, unit) for w, u, _w, ps in rw.whole_and_parts(desc) if (w, u) == (x, unit) for q, _pw in ps}
    for _words, q, u, every, _rate in stated_quantities(desc):
        y = in_unit(q, u, r.eff_unit) if units_compatible(u, r.eff_unit) else None
        if y is not None and abs(y - r.num) <= 1e-9 * max(1.0, y) and (q, u) not in parts:
            return None   # the text states this figure too: the row may be about it
        if y is not None and every and abs(y * every[1] - r.num) <= 1e-9 * max(1.0, r.num):
            return None   # a frequency per period and the year's count of it (每季度开展1次 → 4 次: trial 15)
    op = r.eff_op if r.eff_op in ("≥", ">", "=") else "≥"
    return RuleHit("value", f"指标值{fmt_num(r.num)}{r.eff_unit}与项目概况写明的{fmt_num(x)}{unit}不一致；"
                            "请按概况填写，或在申报说明中写明调整的原因",
                   {"operator": op, "value": fmt_num(x), "unit": unit})
