"""Concrete rewrites for flagged rows: the `suggestion` of every finding.

For each flagged row we build one canonical rewrite of the whole row (levels,
name, operator, value, unit) and check it again with the same rules; each
finding's suggestion is the part of that rewrite touching its field (the first
finding of the row also carries any remaining change), so applying every
suggestion gives the canonical row, which has no finding (the fixpoint of
issue 4 §3). A row that names nothing assessable (a placeholder or number as
name, an input / process indicator, a macro slogan, another fund's indicator)
is suggested for deletion.

Targets come from the indicator library when a lookup is given (typical
operator / value / unit of the matching indicator), else from generic
defaults: 满意度 ≥ 90 %, 合格率-type rates ≥ 95 %, 完成率 = 100 %, other rates
≥ 90 %, 时效 `<year>年12月31日前` (settings in `CheckerSettings`).

Not for detection (rules) or for writing files (`kb.checker.fix`, `export`).
"""
from __future__ import annotations

import calendar
import math
import re
import unicodedata
from typing import Any, Callable

from kb.checker import lexicon as L
from kb.checker.catalog import CACHES, fix_of
from kb.checker.fixes import fmt_num
from kb.checker.rules.feasibility import bigrams, in_unit, number_of, stated_quantities
from kb.checker.rules.relevance import (benefit_level2, is_money_cost, is_output_quality, is_yield, setting_figures,
                                        stock_figures)
from kb.checker.parse import PAREN_RE, UNIT_RE, ParsedRow, has_metric, name_info, to_float, unset_row, valid_date
from kb.checker.rules.timeliness import budget_year, late_years, later_part_deadline, plan_year, stated_over_late, yearless_deadline
from kb.checker.rules.unit import person_unit
from kb.domain.words import (HOLD_VERBS, PAID_STANDARD_RE, PAYMENT_VERBS, beneficiaries, builds_or_buys,
                             served_groups)
from kb.domain.years import past_report_parts, past_reports, planned_year, without_past_reports
from kb.domain.text import SENTENCE_END, compact, strip_invisible, strip_pictographs, tidy_spaces, to_simplified
from kb.domain.enums import LEVEL2_PARENT, Level1, Level2
from kb.domain.levels import level2_fits, level2_of_key
from kb.domain.quantity import SCALES, kind_of
from kb.domain.plausible import PROJECT_COST_MAX, budget_beyond_project
from kb.domain.schema import Indicator, typical_target
from kb.domain.things import thing_units
from kb.domain.units import (COST_NEEDS_BUDGET, COST_PENDING, COVERAGE_PENDING, RATE_PENDING, MEASURE_LABEL, SIZE_MEASURES, SIZE_PENDING, VALUE_UNITS,
                             canon_unit, default_unit, is_time_unit, measure_of, per_unit_denominator, plain_money_unit, size_dependent, unit_fits,
                             units_compatible, units_conflict)
from kb.settings import CheckerSettings

L1_LABEL = {m: m.label for m in Level1}
L2_LABEL = {m: m.label for m in Level2}

_HIGH_RATES = ("合格率", "达标率", "合规率", "准确率", "正确率", "完好率", "优良率", "通过率", "验收")
_PLACEHOLDER_FRAG_RE = re.compile(r"[(（][^()（）]*(?:\*\*|XX|xx|××)[^()（）]*[)）]|[≥≤<>=]*(?:\*\*|XX|xx|××)[^\s()（）]*|[★☆]")
_SLOGAN_STRIP_RE = re.compile("(?:" + "|".join(sorted(set(L.ASPIRE + (
    "进一步", "全面", "持续", "不断", "逐步", "稳步", "有效", "积极", "大力", "充分", "切实", "明显",
    "显著", "努力", "力争", "确保")), key=len, reverse=True)) + ")(?!性)")
_TAIL_STRIP_RE = re.compile(r"(?:的?(?:影响程度|影响|作用|程度)|情况|工作|方面|效果|成效|功能)$")
# a work description's fillers; a clause opening on a verb that only says an event takes place (开展, 组织, 举办 …:
# the shared `kb.domain.words.HOLD_VERBS`, by which suggest opens no name) loses it — 开展食品安全自查 → 食品安全自查
_WORKDESC_STRIP_RE = re.compile(r"^对|^(?:" + "|".join(HOLD_VERBS) + r")|进行|按照[^，,；;。]{0,8}?标准|按照|严格|按要求"
                                r"|按政策|按规定")


# ------------------------------------------------------------------ levels
def guess_level2(level1: Level1, name: str) -> Level2:
    """A plausible 二级指标 for `name` under `level1`."""
    if level1 is Level1.satisfaction:
        return Level2.beneficiary_satisfaction
    if level1 is Level1.cost:
        return Level2.economic_cost
    if level1 is Level1.benefit:
        return Level2.social_benefit if L.PEOPLE_BENEFIT_RE.search(name) else benefit_level2(name)
    if L.LEVEL_TIME_RE.search(name):
        return Level2.timeliness
    if L.LEVEL_COST_RE.search(name) and "率" not in name:
        return Level2.output_cost
    if measure_of(name) == "ratio":
        return Level2.quality
    return Level2.quantity


def guess_level(name: str) -> tuple[Level1, Level2]:
    """(一级, 二级) for a row whose levels are missing, from the name alone."""
    if "满意" in name:
        return Level1.satisfaction, Level2.beneficiary_satisfaction
    if L.PEOPLE_BENEFIT_RE.search(name):  # 群众就医便利程度: what people gain, a 社会效益
        return Level1.benefit, Level2.social_benefit
    if L.LEVEL_COST_RE.search(name) and "率" not in name:
        return Level1.output, Level2.output_cost
    if L.LEVEL_TIME_RE.search(name):
        return Level1.output, Level2.timeliness
    if L.LEVEL_BENEFIT_RE.search(name):
        return Level1.benefit, guess_level2(Level1.benefit, name)
    return Level1.output, guess_level2(Level1.output, name)


# ------------------------------------------------------------------ names
def clean_placeholder_name(name: str) -> str:
    """Remove ★, “(≥**人)” and XX template residue from a name; '' when nothing is left."""
    n = _PLACEHOLDER_FRAG_RE.sub("", name)
    n = _XX_RE.sub("", n).strip(" -_/—–")
    if not n or _NUMSYM_RE.fullmatch(n):
        return ""
    return n


def metric_for_unit(unit: str) -> str:
    """Measure noun matching a unit: 人 → 人数, % → 率, 元 → 金额 …"""
    u = unit
    if u in ("%", "‰", "百分比"):
        return "率"
    if u.startswith("人次") or u == "人/次":
        return "人次"
    if u.startswith(("人", "万人", "名")):
        return "人数"
    if u.startswith("户"):
        return "户数"
    if "元" in u:
        return "金额"
    if u in ("公里", "千米", "km", "米"):
        return "长度"
    if u in ("亩", "万亩", "公顷", "平方米", "万平方米"):
        return "面积"
    return "数量"


_XX_RE = re.compile(r"XX|xx|××|\*")
_NUMSYM_RE = re.compile(r"[\d.\s\-_*/—–]+")
_INPUT_L1_RE = re.compile(r"投入|资金|制度|决策|过程|管理")
_TIMES_RE = re.compile(r"活动|培训|会议|讲座|检查|巡查|演练|宣传")
_TIMES_END_RE = re.compile(r"(次数|频次)$")
_SURVEYED_RE = re.compile("(?:" + "|".join(L.SURVEYED) + ")$")
_LEAD_QTY_RE = re.compile(r"^\d+(?:\.\d+)?(?:" + UNIT_RE.pattern + r")?")


def shorten_name(name: str, unit: str, s: CheckerSettings, *, slogan: bool = False) -> str:
    """A work description or over-long name reduced to “对象+度量” (STR-05/06), or '' when none is derivable.

    Bracketed remarks are dropped (a name that is only a remark has no name);
    text after —— is an explanation and dropped; of several clauses the last
    one names the action (…,县级按要求复审), but of a slogan the first one
    (改善…,提升…,助力…); 对/进行/按照…标准/严格 are removed; a leading quantity
    (1290.3平方米…) goes to the value. The measure noun comes from the unit
    (人 → 人数, 户 → 户数, 元 → 金额 …); a % only gives “…率” where the stem
    ends in an action whose completion ratio is a standard indicator
    (`rate_name`), never glued onto an arbitrary phrase.
    """
    n = PAREN_RE.sub("", name.split("——")[0])
    parts = [p for p in re.split(r"[，,；;。]", n) if p]
    if not parts:
        return ""
    n = parts[0] if slogan and len(parts) > 1 else parts[-1]
    if len(n) > s.max_plain_name_chars and "的" in n:
        n = n.rsplit("的", 1)[1]
    n = _WORKDESC_STRIP_RE.sub("", n)
    n = _LEAD_QTY_RE.sub("", n)
    if len(n) > s.max_plain_name_chars - 2:
        n = re.split(r"以及|及|和|与|、|并", n)[0]
    if len(n) > s.max_plain_name_chars - 2:
        n = n[: s.max_plain_name_chars - 2]
    if not n or _NUMSYM_RE.fullmatch(n):
        return ""
    if unit and not has_metric(n):
        m = metric_for_unit(unit)
        if m == "率":
            return rate_name(n) or ""
        n += m
    return n


# actions whose completion ratio is a standard indicator (…覆盖率, …整改率, …验收合格率):
# the positive ratio heads of the direction lists plus review / service actions
_RATE_HEADS = tuple(sorted({w[:-1] for w in L.POS + L.POS_OVERRIDE if w.endswith("率") and len(w) > 2} | {
    "复审", "审核", "审批", "核查", "核实", "验收", "检查", "检测", "抽查", "巡查", "签约", "随访", "回访",
    "参训", "落实", "兑现", "兑付", "拨付", "支付", "清运", "收集", "转运", "增长", "增加", "合格", "达标",
    "覆盖", "完成", "建档", "登记", "认定", "备案", "公示",
} - {"到位", "执行"}, key=len, reverse=True))
_RATE_LEAD_RE = re.compile(r"^(?:达到|实现|确保|保证|做到|全面)+")
_SPEC_RE = re.compile(r"\d+(?:\.\d+)?[A-Za-z]+(?=[\u4e00-\u9fff])")
_RATE_BAD_RE = re.compile(r"[、，,；;。/\d的]|和|及|与")


def rate_name(stem: str) -> str | None:
    """`stem` + 率 when it ends in an action whose ratio is a standard indicator, else None.

    问题整改 → 问题整改率, 建档立卡学生全面覆盖 → 建档立卡学生覆盖率; 保护生态环境卫生,
    项目维持时效, 村集体经济发展 → None (no sensible ratio: the caller falls back to a
    library indicator or suggests deletion). Lists, numbers and conjunctions in the stem
    give None as well (2023年项目完工、投入使用).
    """
    n = _RATE_LEAD_RE.sub("", stem).replace("全面", "")
    n = re.sub(r"全(覆盖|完成)$", r"\1", n)
    # a specification of the object (100M宽带覆盖, 10kV线路改造) is part of the object, no number of a list
    if len(n) < 3 or _RATE_BAD_RE.search(_SPEC_RE.sub("", n)) or has_metric(n):
        return None
    return n + "率" if n.endswith(_RATE_HEADS) else None


def measurable_name(name: str) -> str:
    """A slogan name (提高…, 促进…) turned into “对象+度量” (QNT-02), or '' when no measure is derivable.

    The aspiration verbs and tails (…的影响程度, …情况) are removed; what is left
    keeps a measure noun it already has (…积极性, …参保人数) or becomes a standard
    ratio (`rate_name`). Nothing is invented: 促进村集体经济发展 gives ''.
    """
    n = _SLOGAN_STRIP_RE.sub("", name)
    n = re.sub(r"^对", "", _TAIL_STRIP_RE.sub("", n))
    if not n:
        return ""
    if has_metric(n):
        return n
    return rate_name(n) or ""


# the groups a description may name that are no one to ask for a project's satisfaction: the public at large (the
# vague subject itself), the project's own staff, the served by role
_NOT_ASKED = frozenset(("社会公众", "干部", "职工", "服务对象"))


def served_group(text: str | None) -> str:
    """Whom a description says its project serves, as a satisfaction names them: the first group of its own
    (`kb.domain.words.served_groups`: 老年人, 脱贫户, 学生), else the served in general it names (受益群众, 居民,
    村民), else '' (trial 18: 社会公众满意度 was renamed 服务对象满意度, as generic, beside a text naming whom it
    serves)."""
    named = beneficiaries(text or "")
    own = served_groups(named)
    return own[0] if own else next((b for b in named if b not in _NOT_ASKED), "")


def specific_satisfaction_name(name: str, text: str | None = None) -> str:
    """社会满意度 → 〔the group `text` serves〕满意度 (`served_group`), else 服务对象满意度; 学生、家长、社会满意度 →
    学生满意度 (SAT-05); 服务周期内,市民对空气质量改善的满意程度 → 市民满意度."""
    clause = next((c for c in re.split(r"[，,；;。]", name) if "满意" in c), name)
    i = clause.find("满意")
    subj = clause[:i] if i >= 0 else clause
    subj = re.split(r"对(?!象)", subj)[0]
    subj = re.sub(r"[(（][^()（）]*[)）]|的$", "", subj)
    if "、" in subj:
        subj = subj.split("、")[0]
    if not subj or L.SAT_VAGUE_RE.search(subj + "满意") or subj in ("社会", "公众", "各方", "社会各界"):
        subj = served_group(text) or "服务对象"
    return subj + "满意度"


def satisfaction_clause(name: str, s: CheckerSettings) -> str:
    """The clause of a long satisfaction name that holds the satisfaction, object kept, or ''.

    服务周期内,市民对空气质量改善的满意程度 → 市民对空气质量改善的满意程度 (STR-06: the
    name was a sentence; who is satisfied with what stays). '' when that clause is
    itself too long or reads as a work description.
    """
    n = PAREN_RE.sub("", name)
    clause = next((c for c in re.split(r"[，,；;。]|——", n) if "满意" in c), "")
    if not clause or len(clause) > s.max_plain_name_chars or L.STR06_RE.search(clause):
        return ""
    return clause


# ours: a work word that already says the work is done or reached (完工, 竣工, 验收 …): the deadline's name takes
# 时间 after it, never a second 完成 (农村公路建设项目按期完工率 → …完工时间, not …完工完成时间: trial 3)
_DONE_END_RE = re.compile(r"(?:完成|完工|竣工|完毕|验收|交付|建成|投用|投产|到位|办结|开工)$")


def deadline_name(name: str) -> str:
    """及时发放率 → 发放完成时间, 按期完工率 → 完工时间 (TIME-05: the rate becomes a dated deadline; the work
    word is said once)."""
    n = re.sub(r"及时|按时|按期|准时|如期", "", PAREN_RE.sub("", name) or name)
    n = re.sub(r"(?:率|性)$", "", n)
    if not n or n == "完成":
        return "项目完成时间"
    return n + ("时间" if _DONE_END_RE.search(n) else "完成时间")


# a payment's term in the description: 9月30日前发放到位 (group 1: its date), 10个工作日内拨付到校 (group 2: the
# working days); and a row timing a payment (补助资金拨付及时率, 助学金及时发放率, 补贴按时发放率)
_PAID_BY_RE = re.compile(r"(?:((?:\d{4}年)?\d{1,2}月(?:\d{1,2}[日号]|底|末)?(?:之前|以前|前))|(\d{1,3})个?工作日内)"
                         r"[^，。；,;]{0,12}?(?:" + "|".join(PAYMENT_VERBS) + ")")
_PAY_ON_TIME_RE = re.compile(r"(" + "|".join(PAYMENT_VERBS) + r")(?:及时率|到位率|及时性)$"
                             r"|(?:及时|按时)(" + "|".join(PAYMENT_VERBS) + ")率$")


def payment_days(text: str | None) -> str | None:
    """The working days the description gives for paying out (10个工作日内拨付到校 → "10"), else None."""
    m = _PAID_BY_RE.search(text or "")
    return m.group(2) if m and m.group(2) else None


def payment_deadline(text: str | None, year: int | None) -> str | None:
    """The date the description gives for paying out, as `stated_deadline` writes it (…6月底前完成摸底，9月30日前
    发放到位 → '2025年9月30日前': the payment's, not the first date of the text — a reviewer's catch), else None."""
    m = _PAID_BY_RE.search(text or "")
    return stated_deadline(m.group(1), year) if m and m.group(1) else None


def without_payments(text: str | None) -> str:
    """`text` without the dates it gives for paying out (资金于6月底前拨付到校 → 资金于到校): what is left dates the
    work, not the payment (a fresh reviewer got 少年宫活动完成时间 6月30日前 from the funds' 拨付 deadline)."""
    return _PAID_BY_RE.sub("", text or "")


def payment_verb(text: str | None) -> str | None:
    """The verb of the payment whose term the description gives (资金于6月30日前按季度拨付到村 → '拨付'), the same
    clause `payment_deadline` reads, else None."""
    m = _PAID_BY_RE.search(text or "")
    return next((v for v in PAYMENT_VERBS if v in m.group()), None) if m else None


def pays_on_time(name: str) -> bool:
    """The name times a payment (补助资金拨付及时率, 助学金及时发放率, 补贴发放到位率)."""
    return bool(_PAY_ON_TIME_RE.search(name))


def limit_name(name: str) -> str:
    """补助资金拨付及时率 → 补助资金拨付时限 (a payment's on-time rate as the limit the text states); another
    on-time rate by its action (问题整改及时率 → 问题整改时限, 完成及时率 → 项目完成时限)."""
    if _PAY_ON_TIME_RE.search(name):
        return _PAY_ON_TIME_RE.sub(lambda m: (m.group(1) or m.group(2)) + "时限", name)
    n = _action_stem(name)
    return ("项目完成" if not n or n == "完成" else n) + "时限"


def _action_stem(name: str) -> str:
    """An on-time name without its timing words: 项目完成及时率 → 项目完成, 按时发放率 → 发放."""
    n = re.sub(r"及时|按时|按期|准时", "", PAREN_RE.sub("", name) or name)
    return re.sub(r"(?:率|性|时间|时限|日期)$", "", n)


# a limit the description states relative to an event or a period (each of them: not one date in the year):
# 每学期结束后1个月内拨付, 每季度结束后15个工作日内支付, 验收合格后30日内支付, 收到申请后10个工作日内办结
# (group n / u: the duration), or 次月10日前发放, 每月5日前兑现 (group cal: the date in the following period)
_RELATIVE_LIMIT_RE = re.compile(
    r"(?:(?<![月\d.])(?P<n>\d{1,3})(?P<u>个工作日|工作日|个月|日|天|周|小时)内"
    r"|(?P<cal>(?:次月|每月|下月|次季度?|每季度?|次年)(?:首月)?\d{1,2}[日号](?:之前|以前|前)))")
_CLAUSE_END_RE = re.compile(r"[，。；,;！？]")
_LIMIT_UNIT = {"工作日": "个工作日", "个工作日": "个工作日", "日": "天", "天": "天", "个月": "个月", "周": "周",
               "小时": "小时"}


def relative_limit(text: str | None, verbs: tuple[str, ...]) -> tuple[str, str, str] | None:
    """The limit `text` states for one of `verbs` relative to an event or a period, as a target: a duration
    (每学期结束后1个月内拨付 → ('≤', '1', '个月'); 10个工作日内拨付 → ('≤', '10', '个工作日')) or a date in the
    following period, written as a dated deadline is (次月10日前发放 → ('', '次月10日前', '')); None when the
    text gives none. Such a limit is never a date in the year: a fresh reviewer found TIME-05 writing
    12月31日前 beside 每学期结束后1个月内."""
    t = text or ""
    for m in _RELATIVE_LIMIT_RE.finditer(t):
        after = _CLAUSE_END_RE.split(t[m.end():m.end() + 8], 1)[0]  # the action the limit is for follows it
        if not any(v in after for v in verbs):
            continue
        if m.group("cal"):
            return ("", m.group("cal").replace("之前", "前").replace("以前", "前").replace("号", "日"), "")
        return ("≤", m.group("n"), _LIMIT_UNIT[m.group("u")])
    return None


def row_verbs(name: str) -> tuple[str, ...]:
    """The actions a 时效 row times, for `relative_limit`: a payment's (发放 ~ 拨付 ~ 支付 …) for a row timing
    a payment, else the action its name ends in (问题整改及时率 → 整改, 项目完成及时率 → 完成 / 完工 / 竣工)."""
    if pays_on_time(name) or PAY_DATE_NAME_RE.search(name):
        return PAYMENT_VERBS
    stem = re.sub(r"[^\u4e00-\u9fff]", "", _action_stem(name))
    if stem.endswith(("完成", "完工", "竣工")) or not stem:
        return ("完成", "完工", "竣工")
    return (stem[-2:],) if len(stem) >= 2 else ()


# ------------------------------------------------------------------ targets
# a deadline the description states: (2025年)10月底前 / 10月31日前 / 2025年10月以前 (完工 …); a full date with a
# short qualifier before 前 (2025年5月31日汛期前完工, 6月30日开学前) — words that say no other date or span; a
# dotted date (2025.10.31前, 2025/10/31前, 2025-10-31前)
_STATED_DEADLINE_RE = re.compile(
    r"(?:(?:(?P<y>\d{4})年)?(?P<mo>\d{1,2})月(?:(?P<d>\d{1,2})[日号]|底|末)?"
    r"(?:(?<=[日号底末])[^\d\s至到起止及和与或、，。；,;：:年月日号前后内]{1,4}?)?"
    r"|(?<![\d.])(?P<dy>\d{4})(?P<sep>[.．/／-])(?P<dmo>\d{1,2})(?P=sep)(?P<dd>\d{1,2})日?)(?:之前|以前|前)")
# a span of dates the description states (定于2025年3月20日至4月5日举行, 服务期自2025年1月1日至12月31日): the work
# is done by the span's end
_STATED_SPAN_RE = re.compile(
    r"(?:(?P<y0>\d{4})年)?(?P<mo0>\d{1,2})月(?:\d{1,2}[日号]|上旬|中旬|下旬|初|底|末)?\s*(?:至|到|—|–|~|～)\s*"
    r"(?:(?:(?P<y>\d{4})年)?(?P<mo>\d{1,2})月(?:(?P<d>\d{1,2})[日号]|(?P<xun>上旬|中旬)|下旬|底|末)?"
    # trial 16: a span within one month (定于10月1日至7日举行): its end day in the start's month
    r"|(?<=[日号][至到—–~～])(?P<d1>\d{1,2})[日号])(?![\d.])(?!(?:之前|以前|前))")
# the last day of a 旬 a span ends in (3月中旬至4月上旬 → 4月10日; 下旬 is the month's end): trial 8's festival
_XUN_END = {"上旬": 10, "中旬": 20}

# the month an event is held in (拟于2025年4月在桃源镇举办…，活动为期10天; 定于9月中旬举行): the event is over by the
# month's end — a fresh reviewer got 2025年12月31日前 for a festival the text holds in April
_EVENT_MONTH_RE = re.compile(r"(?:(?P<y>\d{4})年)?(?P<mo>\d{1,2})月(?:上旬|中旬|下旬|初|中|份)?(?![\d日号底末至到—–~～])"
                             r"(?=[^，。；,;！？]{0,24}?(?:举办|举行|召开|开幕|开展))")

# a month (or a day) stated for a work's completion without 前 (2024年7月完成招标采购, 2025年6月底全部建成, 10月份完工):
# the work is done by that month's end (that day) — trial 8: D024's 机房租赁服务采购完成时间 2024年12月31日前 passed
# TIME-06 beside “2024年7月完成招标采购”. Not a span's start or end (3月至4月完成 is `_STATED_SPAN_RE`'s), nor a date
# a state is reported as of (截止2023年11月30日完成农村危房改造129户, dev E042's self-evaluation: `_AS_OF_RE`)
_STATED_DONE_MONTH_RE = re.compile(
    r"(?<![\d至到—–~～-])(?:(?P<y>\d{4})年)?(?P<mo>\d{1,2})月(?:份|底|末|(?P<d>\d{1,2})[日号])?"
    r"(?=[于将并]?(?:全部|全面|整体|基本)?(?:完成|完工|竣工|建成|实施完毕))")

_AS_OF_RE = re.compile(r"(?:截止|截至|截止到|截至到|到|至)[于在]?$")


def _deadline_text(y: int | None, mo: int, d: int | None, year: int | None) -> str | None:
    """'2025年10月31日前' for a date read from a description (a month alone: its last day), None when it is
    no valid date or falls outside `year` (any year when None)."""
    y = y if y is not None else year
    if (year is not None and y != year) or not 1 <= mo <= 12:
        return None
    d = d if d is not None else calendar.monthrange(y or 2023, mo)[1]
    if not valid_date(y, mo, d):
        return None
    return (f"{y}年" if y else "") + f"{mo}月{d}日前"


def _stated_deadlines(text: str, year: int | None, spans: bool = False) -> list[tuple[str, re.Match]]:
    """Each deadline in `text` that falls in `year` (any year when None), written '2025年10月31日前' (a month
    alone or its end: the month's last day), with where it stands: the dates said with 前 (2025年10月底前,
    2025年5月31日汛期前, 2025.10.31前) in text order, then, with `spans`, the ends of the spans it states
    (2025年3月20日至4月5日 → 2025年4月5日前), the month an event is held in (拟于2025年4月…举办 → 2025年4月30日前)
    and the months stated for a completion without 前 (2024年7月完成招标采购 → 2024年7月31日前,
    `_STATED_DONE_MONTH_RE`) — a date with 前 is the one a deadline is read from first."""
    out = []
    for m in _STATED_DEADLINE_RE.finditer(text):
        if m.group("dy"):
            date = _deadline_text(int(m.group("dy")), int(m.group("dmo")), int(m.group("dd")), year)
        else:
            date = _deadline_text(int(m.group("y")) if m.group("y") else None, int(m.group("mo")),
                                  int(m.group("d")) if m.group("d") else None, year)
        if date:
            out.append((date, m))
    spanned = []
    for m in _STATED_SPAN_RE.finditer(text if spans else ""):
        spanned.append((m.start(), m.end()))
        y = m.group("y") or m.group("y0")
        day = int(m.group("d") or m.group("d1") or 0) or _XUN_END.get(m.group("xun") or "")
        date = _deadline_text(int(y) if y else None, int(m.group("mo") or m.group("mo0")), day, year)
        if date:
            out.append((date, m))
    for m in _EVENT_MONTH_RE.finditer(text if spans else ""):
        if any(a <= m.start() < b for a, b in spanned) or any(d.start() <= m.start() < d.end() for _, d in out):
            continue   # a month inside a span or a dated deadline is theirs
        date = _deadline_text(int(m.group("y")) if m.group("y") else None, int(m.group("mo")), None, year)
        if date:
            out.append((date, m))
    for m in _STATED_DONE_MONTH_RE.finditer(text if spans else ""):
        if (_STATED_SPAN_RE.match(text, m.start()) or _AS_OF_RE.search(text, max(0, m.start() - 4), m.start())
                or any(d.start() <= m.start() < d.end() for _, d in out)):
            continue  # 3月至4月完成: the span's end is read above; 截至2023年11月30日完成…129户 is a count as of then
        date = _deadline_text(int(m.group("y")) if m.group("y") else None, int(m.group("mo")),
                              int(m.group("d")) if m.group("d") else None, year)
        if date:
            out.append((date, m))
    return out


def stated_deadline(text: str | None, year: int | None) -> str | None:
    """The first deadline in `text` that falls in `year` (any year when None), written
    '2025年10月31日前' (a month alone or its end: the month's last day), else None. A span's end is read by
    the checker's rewrite only (`work_deadline`): suggest's ranker is trained on tables this reads, and reading
    spans there reordered an unrelated default table (D042)."""
    said = _stated_deadlines(text or "", year)
    return said[0][0] if said else None


# words of a 时效 row's name that say no particular work (项目完成时间 names the whole project's end)
_NO_WORK_RE = re.compile(r"完成|完工|竣工|完毕|项目|工作|任务|全部|全面|整体|时间|时限|日期|期限|及时|按时|按期|准时|率|性")


def work_of(name: str) -> list[str]:
    """The work a 时效 row's name dates, as the two-character words that say it (建设完成时间 → ['建设'],
    设备采购完成时间 → ['设备', '备采', '采购']); [] when the name says no particular work (项目完成时间)."""
    parts = _NO_WORK_RE.split(PAREN_RE.sub("", name or "") or name or "")
    return [p[i:i + 2] for p in parts for i in range(len(p) - 1) if re.fullmatch(r"[\u4e00-\u9fff]{2}", p[i:i + 2])]


# a clause that dates the whole project's completion (项目于2025年10月底前完成, 工程11月底前竣工验收, 11月底前完成
# 全部建设, 全部完工): the verb closes the clause (项目…完成招标 dates the tendering) or says all of the work
_DONE = r"(?:完成|完工|竣工|建成|实施完毕)"
# the acceptance after completion, its body named or not (并通过验收, 并通过县级验收 — round 13: “养护工程须于2025年11月30日前
# 完工并通过县级验收” was read as no completion, and 完工时间 2025年12月31日前 passed TIME-06), or the handing over
_CHECKED = r"(?:并?(?:通过)?(?:(?:县|市|区|省|州|乡|镇)级|竣工|专项|综合|联合)?验收|并?(?:交付|投入)使用)"
_PROJECT_DONE_RE = re.compile(
    rf"(?:项目|工程)[^，。；,;]*?{_DONE}{_CHECKED}?$"
    rf"|{_DONE}(?:全部|全面|所有)|(?:全部|全面|整体){_DONE}")


# works that follow the project's completion: its date is not theirs (验收, 结算 …)
AFTER_DONE = frozenset(("验收", "结算", "决算", "审计", "评价", "评估", "移交", "交付"))


def _clause_of(t: str, m: re.Match) -> str:
    """The clause a stated date stands in, the date itself left out (“11月底前完成全部建设” → 完成全部建设)."""
    start = max((x.end() for x in _CLAUSE_END_RE.finditer(t, 0, m.start())), default=0)
    end = _CLAUSE_END_RE.search(t, m.end())
    return t[start:m.start()] + t[m.end():end.start() if end else len(t)]


def clause_around(t: str, m: re.Match) -> str:
    """The clause a stated date stands in, whole: the words between the punctuation around it, the date included
    (“项目于2025年9月底前完成” — what a message quotes; `_clause_of` leaves the date out, for reading the work)."""
    start = max((x.end() for x in _CLAUSE_END_RE.finditer(t, 0, m.start())), default=0)
    end = _CLAUSE_END_RE.search(t, m.end())
    return t[start:end.start() if end else len(t)].strip()


def read_work_deadline(text: str | None, year: int | None, name: str) -> tuple[str | None, list[tuple[str, str]]]:
    """The deadline `text` states for the work the row `name` dates, or why none is taken: (date, []) or
    (None, [(date, its clause), ...]).

    The date is the deadline in the year whose clause says most of that work (…2025年3月底前完成招标，11月底前
    完成全部建设 → 建设完成时间 '2025年11月30日前', not the tendering's 3月31日前 — a reviewer's catch; of clauses
    saying it as much, the one dating the project's completion — 3月底前完成养护合同签订…12月20日前完成全部养护任务
    → 日常养护完成时间 12月20日前 — else the first); else
    the only date the text states; else the date of the clause that dates the project's completion (项目于…
    前完成 / 竣工, 完成全部建设, 全部完工: every work is done by then), unless the row dates a work that follows
    it (验收, 结算, 审计 … `AFTER_DONE`). With two dates or more
    and none of these, no date is guessed (the text's first date was taken before: the tendering's date
    for 项目完成时间): the second element lists the dates with their clauses for the advice. A span's end
    (定于2025年3月20日至4月5日举行 → 2025年4月5日前) counts after every date said with 前. (None, []) when
    the text states no date in the year."""
    t = text or ""
    said = [(date, _clause_of(t, m)) for date, m in _stated_deadlines(t, year, spans=True)]
    if not said:
        return None, []
    work = work_of(name)
    naming = [(sum(w in clause for w in set(work)), date, clause) for date, clause in said if work]
    naming = [n for n in naming if n[0]]
    if naming:
        most = max(n[0] for n in naming)
        naming = [n for n in naming if n[0] == most]
        # two clauses naming the work as much (3月底前完成养护合同签订 / 12月20日前完成全部养护任务): the one that
        # dates all of it (a fresh reviewer got the contract-signing date as 农村公路日常养护完成时间)
        done = [n for n in naming if _PROJECT_DONE_RE.search(n[2])]
        return (done or naming)[0][1], []
    if len({d for d, _ in said}) == 1:
        return said[0][0], []
    done = [d for d, clause in said if _PROJECT_DONE_RE.search(clause)]
    if done and not any(w in AFTER_DONE for w in work):
        return done[0], []
    seen: dict[str, str] = {}
    for d, clause in said:
        seen.setdefault(d, clause)
    return None, list(seen.items())


# a clause that is only the completion verb after its date (2025年10月底前完工, 6月底前全部完成): the project's
# completion, said in a sentence about the project
_BARE_DONE_RE = re.compile(rf"[于在将并]?(?:全部|全面|整体)?{_DONE}{_CHECKED}?")


def stated_work_deadline(text: str | None, year: int | None, name: str) -> tuple[str, str, str] | None:
    """(date, why, clause) of the deadline the description states for the work a 时效 row `name` dates, when
    `read_work_deadline` reads one and the text says what it dates: why 'work' — its clause says the row's
    work (…11月底前完成全部建设 for 建设完成时间); why 'project' — its clause dates the project's completion
    (项目于…前竣工, 10月底前完工, 完成全部建设). None otherwise: the only date stated for another part of the
    project (6月底前完成4个食堂的改造) is no deadline of 项目完成时间. `clause` is the text's clause whole, its date
    included (`clause_around`: 项目于2025年9月底前完成 — round 18: the date cut out left “项目于完成” in TIME-06's message)."""
    date, _ = read_work_deadline(text, year, name)
    if date is None:
        return None
    t = text or ""
    spans = _stated_deadlines(t, year, spans=True)
    said = [(d, _clause_of(t, m).strip(" 于在将"), clause_around(t, m)) for d, m in spans]
    work = work_of(name)
    for d, clause, whole in said:
        if d == date and work and any(w in clause for w in work):
            return date, "work", whole
    for d, clause, whole in said:
        if d == date and (_PROJECT_DONE_RE.search(clause) or _BARE_DONE_RE.fullmatch(clause)):
            return date, "project", whole
    # trial 16: an event held on the dates (…旅游节由县文旅局承办，定于10月1日至7日在百侯古镇举行): the sentence names
    # the event, the clause of the dates only holds it — its end is the event's completion
    for (d, clause, whole), (_, m) in zip(said, spans):
        if d == date and work and _EVENT_HELD_RE.search(clause):
            start = max((x.end() for x in SENTENCE_END.finditer(t, 0, m.start())), default=0)
            if sum(w in t[start:m.start()] for w in work) * 2 >= len(work):
                return date, "work", whole
    return None


# a clause holding an event (举行, 举办, 召开), and a sentence's end
_EVENT_HELD_RE = re.compile(r"举行|举办|召开")


def deadline_date(text: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a deadline as `stated_deadline` writes it ('2025年10月31日前'), else None."""
    m = re.fullmatch(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日前", text or "")
    return (int(m.group(1)) if m.group(1) else None, int(m.group(2)), int(m.group(3))) if m else None


def work_deadline(text: str | None, year: int | None, name: str) -> str | None:
    """The deadline `text` states for the work the row `name` dates (`read_work_deadline`), None when it
    states none or several with none for that work."""
    return read_work_deadline(text, year, name)[0]


def undecided_deadline(r: ParsedRow) -> str | None:
    """The advice for a 时效 row (not one timing a payment) whose description states two deadlines or more in
    the year, none of them for the row's work nor the project's completion (`read_work_deadline`): the row
    keeps its value and the advice lists the dates with what each is for; None when a date is read or the
    text states none."""
    if pays_on_time(r.name) or PAY_DATE_NAME_RE.search(r.name):
        return None
    date, said = read_work_deadline(r.ctx.get("description"), budget_year(r), r.name)
    if date is not None or len(said) < 2:
        return None
    listed = "；".join(f"{d}：{c.strip(' 于在将')}" if c.strip(' 于在将') else d for d, c in said)
    return (f"未自动填写时限：项目概况写明{len(said)}个时限（{listed}），未说明哪一个是“{r.name}”所指工作的时限；"
            "请按本行所指工作从中选填，或填写合同、实施方案约定的日期")


# a row dating a payment (补助资金发放完成时间, 服务费支付时间)
PAY_DATE_NAME_RE = re.compile(r"(?:" + "|".join(PAYMENT_VERBS) + r")(?:完成|完毕)?(?:时间|时限|日期)$")


def said_deadline(text: str | None, year: int | None, pays: bool, name: str = "") -> str | None:
    """The deadline the description gives a row: for a row timing a payment the payment's own date
    (`payment_deadline`), never the work's (…12月15日前完成全部加工…验收合格后支付余款: the payment
    follows, a fresh reviewer got 服务费用支付完成时间 2025年12月15日前); else the one it states for the work
    the row's `name` dates (`work_deadline`), else the first it states. Always with a year (`in_year`): the
    `year` given, else '当年' (trial 18: STR-10 added 项目完成时间 10月31日前 beside “10月底前完成” in a text naming
    no year, and the re-check of the fixed table failed it under TIME-01)."""
    return in_year(payment_deadline(text, year) if pays else work_deadline(text, year, name), year)


_MONTH_FIRST_RE = re.compile(r"^\d{1,2}月")


def in_year(date: str | None, year: int | None) -> str | None:
    """A deadline as `stated_deadline` writes it, with the year it falls in when it names none: '10月31日前' →
    '2025年10月31日前' for `year` 2025, '当年10月31日前' (the budget year, which TIME-01 passes) when the year is
    unknown; a dated one, a limit or None as given. A year-less date is TIME-01's (trial 17), so no rewrite and no
    added row writes one."""
    if not date or not _MONTH_FIRST_RE.match(date):
        return date
    return f"{year or '当'}年{date}"


def table_year(r: ParsedRow) -> int | None:
    """The year a row's table plans for: its 预算年度 (`budget_year`), else the one its project's name or
    description plans for (`kb.domain.years.planned_year`, the one plan-year reader), else None."""
    return budget_year(r) or planned_year(r.ctx.get("project"), r.ctx.get("description"))


def deadline(r: ParsedRow) -> str:
    """Dated deadline in the budget year: the one the description states (“2025年10月底前完工” →
    '2025年10月31日前'; a payment's own, `said_deadline`), else the year's end '2025年12月31日前'
    ('当年12月31日前' when the year is unknown: a year-less 12月31日前 is TIME-01's, trial 17)."""
    y = budget_year(r)
    if y is None and r.years:
        y = r.years[0]
    if y is None:   # trial 18: the year the text plans for, as TIME-01's own rewrite and STR-10's added row read it
        y = table_year(r)
    pays = pays_on_time(r.name) or bool(PAY_DATE_NAME_RE.search(r.name))
    said = said_deadline(r.ctx.get("description"), y, pays, r.name)
    if said:
        return said
    return f"{y}年12月31日前" if y else "当年12月31日前"   # trial 17: 12月31日前 with no year is TIME-01


def fixed_date(r: ParsedRow) -> str | None:
    """The row's own date repaired (impossible day clamped, year set to the budget year), or None."""
    if not r.dates or r.is_period or r.full_year:
        return None
    y, m, d = r.dates[0]
    by = r.ctx.get("budget_year")
    try:
        by = int(by) if by not in (None, "") else None
    except (TypeError, ValueError):
        by = None
    y = by or y
    if not 1 <= m <= 12:
        m, d = 12, 31
    if d is not None and not valid_date(y, m, d):
        d = calendar.monthrange(y or 2023, m)[1]
    if d is None:
        d = calendar.monthrange(y or 2023, m)[1]
    return (f"{y}年" if y else "") + f"{m}月{d}日前"


def period_text(r: ParsedRow) -> str:
    """A period value written with 至 and full dates (2023.07-2024.01 → 2023年7月至2024年1月), '' if not a period."""
    if not r.is_period or len(r.dates) < 2:
        return ""
    def one(d: tuple[int | None, int, int | None]) -> str:
        return (f"{d[0]}年" if d[0] else "") + f"{d[1]}月" + (f"{d[2]}日" if d[2] else "")
    a, b = r.dates[0], r.dates[-1]
    if not (valid_date(*a) and valid_date(*b)):
        return ""
    return f"{one(a)}至{one(b)}"


def default_rate(name: str, s: CheckerSettings) -> tuple[str, float]:
    """Generic (operator, value %) for a positive rate named `name`."""
    if "完成率" in name and not any(w in name for w in ("及时", "按时")):
        return "=", 100.0
    if any(w in name for w in _HIGH_RATES):
        return "≥", s.quality_rate_default_pct
    return "≥", s.rate_default_pct


class _LazyTypical:
    """The library's typical target for a row, looked up only when a rewrite needs it.

    Behaves like the tuple (operator, number, unit) or None: truthiness and
    indexing trigger the lookup once.
    """

    __slots__ = ("_lookup", "_name", "_l2", "_val", "_done")

    def __init__(self, lookup: Callable | None, name: str, l2: Level2 | None):
        self._lookup, self._name, self._l2, self._val, self._done = lookup, name, l2, None, lookup is None

    def get(self) -> tuple[str, float, str] | None:
        if not self._done:
            self._done = True
            l2 = self._l2.value if self._l2 else None  # the identifier, read only when the lookup is asked
            typ = getattr(self._lookup, "typical", None)  # `IndicatorLookup.typical` memoises it per (name, level2)
            self._val = typ(self._name, l2) if typ is not None else typical_of(
                self._lookup(self._name, l2))  # type: ignore[misc]
        return self._val

    def __bool__(self) -> bool:
        return self.get() is not None

    def __getitem__(self, i: int) -> Any:
        return self.get()[i]  # type: ignore[index]


def typical_of(ind: Indicator | None) -> tuple[str, float, str] | None:
    """(operator, number, unit) of a library indicator's typical target, when numeric (`lookup.typical_target`)."""
    return typical_target(ind)


def _unit_from_name(name: str) -> str:
    m = re.search(r"[(（]([^()（）]{1,4})[)）]$", name)
    if m and UNIT_RE.fullmatch(m.group(1)):
        return m.group(1)
    return ""


def library_name(r: ParsedRow, lookup: Callable | None) -> str:
    """Name of the library indicator matching the row's wording under the row's own 一级指标, or ''.

    Tried on the name without aspiration verbs / remarks, then on the name
    itself (exact name or synonym, else bigram Dice within the same 二级指标,
    `kb.indicators.lookup`). Template names with a 〔slot〕 are not offered.
    """
    if lookup is None or r.level1 is None:
        return ""
    l2 = r.level2.value if r.level2 is not None else None
    stem = re.sub(r"^对", "", _TAIL_STRIP_RE.sub("", _SLOGAN_STRIP_RE.sub("", PAREN_RE.sub("", r.name))))
    for q in dict.fromkeys(x for x in (stem, r.name) if x):
        ind = lookup(q, l2)
        if ind is not None and ind.level1 is r.level1 and not ind.has_slot and has_metric(ind.name):
            return ind.name
    return ""


# ------------------------------------------------------------------ the row rewrite
class RowRewrite:
    """The canonical rewrite of one row: `fields` (all six) or `delete` with a reason.

    `manual`: the rewrite is not offered for automatic application (applying it
    would make the table worse, see `kb.checker.engine`); `reason` then says
    what the rewrite would have been and why it is left to the declarant.
    `kept`: findings the rewrite leaves on purpose, with the advice shown
    instead (a deadline in a later year: moving it into the budget year would
    change what is promised).
    """

    __slots__ = ("fields", "delete", "reason", "manual", "kept", "hint")

    def __init__(self, fields: dict[str, str] | None, reason: str = "", manual: bool = False,
                 kept: dict[str, str] | None = None, hint: str = ""):
        self.fields = fields
        self.delete = fields is None and not manual
        self.reason = reason
        self.hint = hint  # what to write instead, shown with a deletion
        self.manual = manual
        # findings the rewrite deliberately leaves (rewriting would change the meaning): rule id → advice
        self.kept: dict[str, str] = kept or {}


def _deletion(r: ParsedRow, ids: set[str]) -> RowRewrite | None:
    """A deletion when a rule that deletes fired (`RuleFix.deletes`, first by `delete_rank`), the name
    is empty, or the 一级指标 names an input / process category; else None."""
    first = None  # the deleting rule first by (delete_rank, reason)
    for rid in ids:
        f = fix_of(rid)
        if f.deletes and (first is None or (f.delete_rank, f.deletes) < first):
            first = (f.delete_rank, f.deletes)
    if first is not None:
        return RowRewrite(None, first[1])
    if not r.name:
        held = r.raw.name.strip()
        if held:  # （请补充效益指标）: the slot is the declarant's to fill, never a name to keep
            return RowRewrite(None, f"待填写：名称“{held}”只是待补充的占位，请按项目实际写出{_slot_words(r)}"
                                    "（名称和指标值）；没有合适的指标时删除本行", manual=True)
        return RowRewrite(None, "名称为空，无法确定指标")
    if unset_row(r):
        return RowRewrite(None, f"“{r.raw.name.strip()}”表示此处没有设置指标")
    if r.level1 is None and r.l1 and _INPUT_L1_RE.search(r.l1):
        return RowRewrite(None, f"“{r.l1}”类内容不作为绩效指标")
    return None


def _slot_words(r: ParsedRow) -> str:
    """What a placeholder row's slot asks for, from its levels: 一项社会效益指标, 一项效益指标, 一项指标."""
    label = r.level2.label if r.level2 is not None else r.level1.label if r.level1 is not None else "指标"
    return f"一项{label}"


_COUNTED = frozenset(("count", "persons", "households", "person_times"))
# a count's name ending on its own counter (禁毒宣传活动场次, 巡河次数 is not: 次数 is a count word): the unit read
# from the name when the unit cell is empty (trial 22)
_NAME_UNIT_RE = re.compile(r"[\u4e00-\u9fff]{2,}?(场次|批次|户次|架次|车次|班次)$")


_COUNT_END_RE = re.compile(r"(?:人数|户数|人次数|人次|个数|数量|数)$")
# whom a count of people names at its end (应受助学生, 参保人员, 服务对象): its share is a coverage
_PEOPLE_END_RE = re.compile(r"(?:学生|幼儿|儿童|青少年|人员|对象|群众|居民|农户|家庭|老人|老年人|患者|孕产妇|妇女|职工|"
                           r"教师|残疾人|贫困户|脱贫户|监测户|低保户|特困人员|人口|户)$")


def coverage_name(name: str, unit: str) -> str | None:
    """A count of people written with % (中等职业学校国家助学金应受助学生数 =100 %, dev D012) renamed to the
    share it states: …应受助学生覆盖率; None for other names or units. The 100 % stays a share — read as a
    count it became “=100个”, a unit the students are not counted in."""
    if canon_unit(unit or "") not in ("%", "‰") or measure_of(PAREN_RE.sub("", name)) not in _COUNTED:
        return None
    stem = _COUNT_END_RE.sub("", PAREN_RE.sub("", name))
    return stem + "覆盖率" if _PEOPLE_END_RE.search(stem) else None


def counted_in_percent(r: ParsedRow, name: str) -> str | None:
    """The 待填写 reason for a count written with % that names no people to cover (设备数量 =100 %): the
    count is the declarant's to state in its own unit; the % is never moved to another unit. None otherwise."""
    if not r.pct or measure_of(PAREN_RE.sub("", name)) not in _COUNTED:
        return None
    fam = measure_of(PAREN_RE.sub("", name))
    unit = default_unit(fam, name) if fam != "count" else (_unit_from_name(name) or "个")
    return (f"待填写：“{name}”是计数，指标值却是“{r.v}{r.unit}”（百分比）；请填写计划数（计量单位：{unit}），"
            "或改用相应的比率指标（如…覆盖率、…完成率）")


# a 户数 whose 户 ends a noun for households (脱贫户数, 农户数): the noun stays when the count is renamed
_HOUSEHOLD_NOUN_RE = re.compile(r"(?:农|贫困|脱贫|监测|低保|五保|特困|困难|边缘|搬迁|种植|养殖|经营|租|商)户数$")


def _counted_by(unit: str) -> str | None:
    """What a written unit counts among persons / person-times / households (人, 人次 or 人/次, 户 or 户次),
    else None (个, 次, 公里 …: no kind of people)."""
    u = canon_unit((unit or "").strip())
    for fam in ("person_times", "persons", "households"):
        if u and unit_fits(fam, u):
            return fam
    return None


def counted_as_written(name: str, unit: str) -> str:
    """A count of people (or a rate) whose unit counts another kind of people, renamed to what the unit
    counts: the declared number keeps its meaning (`unit` is the unit written with the number).

    学生受资助人数 ≥735 人次 → 学生受资助人次 (dev D008), 受益脱贫户、监测户人口数 ≥10 户 →
    受益脱贫户、监测户数 (D007), 年度申请就学补助户数 ≥101 人/次 → 年度申请就学补助人次 (D013),
    家庭医生签约率 24694 人 → 家庭医生签约人数 (E052). Changing the unit instead would make 10 households
    10 persons. Names of other measures, or a unit that counts no kind of people (个, 次), are returned
    as they are (the target is then left 待填写 in the name's own unit, `counted_in_other_unit`)."""
    want = _counted_by(unit)
    n = PAREN_RE.sub("", name)
    have = measure_of(n)
    if want is None or have == want or have not in ("persons", "person_times", "households", "ratio"):
        return name
    if have == "ratio" and not n.endswith("率"):
        return name  # …比例 / …占比 of people: no count to name
    if n != name:  # a remark in brackets (学生数（人）): the measure is renamed, the remark dropped
        name = n
    if have == "persons":
        stem = re.sub(r"(?:人口数|人数|人口)$", "", name)
    elif have == "person_times":
        stem = re.sub(r"(?:人次数|人次)$", "", name)
    elif have == "households":
        stem = name[:-1] if _HOUSEHOLD_NOUN_RE.search(name) else name[:-2]
    else:
        stem = name[:-1]
    if want == "persons":
        return stem + "人数"
    if want == "person_times":
        return stem + "人次"
    if canon_unit(unit.strip()).endswith("户次"):
        return stem + "户次"
    return stem + ("数" if stem.endswith("户") else "户数")


# a unit column naming a share in words (视频监控在线率 ≥97 比例, dev D024): the number is a %
_SHARE_WORDS = frozenset(("比例", "比率", "占比", "百分比"))


def name_target_unit(hits: dict[str, Any]) -> str:
    """The unit the name wrote with the target (村组干部230人 → 人, STR-06 / UNIT-03), else ''."""
    return next((h.data["unit"] for k in ("STR-06", "UNIT-03") if (h := hits.get(k)) is not None and h.data
                 and h.data.get("unit")), "")


def counted_in_other_unit(r: ParsedRow, name: str, unit: str = "") -> str | None:
    """The 待填写 reason of a number written in a unit (`unit`: the name's, else the row's) that measures
    something else than the (rewritten) name and that no rename resolves (保障村干部人数 =42 个, dev D047;
    …覆盖率 “…医疗机构37个”, E016): the number is the declarant's in the unit they wrote, it is never moved
    into the name's unit (42个 → 42人, 37个 → 37%). None when the unit fits, or for dates and time
    requirements."""
    u = (unit or r.eff_unit or "").strip()
    fam = measure_of(PAREN_RE.sub("", name))
    if (not u or r.num is None or r.is_date or fam in (None, "time") or unit_fits(fam, u) or u in _SHARE_WORDS
            or canon_unit(u) in ("%", "‰")):
        return None
    want = default_unit(fam, name) if fam not in ("count", "ratio") else ("%" if fam == "ratio" else "个")
    n = fmt_num(r.num)
    return (f"待填写：“{name}”以{MEASURE_LABEL[fam]}计量，指标值却是“{n}{u}”；请按计划填写（计量单位：{want}），"
            f"{n}{u}不能直接改作{n}{want}")


def _name(r: ParsedRow, ids: set[str], hits: dict[str, Any], lookup: Callable | None,
          s: CheckerSettings) -> str | RowRewrite:
    """The rewritten name (placeholders cleaned, sentences shortened, slogans made measurable), or a deletion."""
    name = r.name
    unit_hint = r.eff_unit
    if "UNIT-02" in ids:
        name = counted_as_written(name, r.eff_unit)
        name = coverage_name(name, r.eff_unit) or name
    if "STR-04" in ids:
        name = re.sub(r"[\s\u3000]+", "", clean_placeholder_name(r.raw.name.strip()))
        if not name:
            return RowRewrite(None, "名称只是数字或占位符，无法确定指标；请按实际重写或删除")
    if "满意" in name and ids & {"STR-05", "STR-06", "QNT-02", "SAT-05", "REL-04"}:
        name = satisfaction_clause(name, s) if not ids & {"QNT-02", "SAT-05", "REL-04"} else ""
        name = name or specific_satisfaction_name(
            r.name, (r.ctx.get("project") or "") + "。" + (r.ctx.get("description") or ""))
    elif "STR-05" in ids or "STR-06" in ids:
        h6 = hits.get("STR-06")
        if h6 is not None and h6.data:  # the target written into the name: 村组干部230人 → 村组干部人数
            name = name.replace(h6.data["qty"], "", 1)
            unit_hint = h6.data["unit"] or unit_hint
        name = shorten_name(name, unit_hint, s, slogan="QNT-02" in ids)
        if "UNIT-03" in ids and h6 is not None and h6.data:  # 帮扶10户脱贫户人数 ≥10 人: the 10 counts 户
            name = counted_as_written(name, unit_hint)
    if name and "QNT-02" in ids and not has_metric(name):
        name = measurable_name(name)
    if name and "REL-04" in ids and not has_metric(name):
        name = _SLOGAN_STRIP_RE.sub("", name) or name
        if not has_metric(name):
            name = rate_name(name) or ""
    if not name:  # nothing measurable derivable from the wording: a library indicator, else no rewrite
        name = library_name(r, lookup)
        if not name:
            return RowRewrite(None, f"名称“{r.name}”没有可计量的对象和口径，无法据此改写",
                              hint="如能计量，请改为“对象+度量”的指标（如…人数、…覆盖率）")
    return "项目总成本" if "COST-02" in ids else name  # the catalog's rewrite: 项目总成本 ≤ X 万元


# the measures of what a project makes or does (a count of things, a length, an area): under 产出 with a benefit's
# 二级 they stay 产出 as 数量指标 (trial 22); persons are left to the benefit reading (受益人数 is an effect)
_OUTPUT_COUNTS = frozenset(("count", "length", "area"))


def _levels(r: ParsedRow, ids: set[str], name: str) -> tuple[Level1, Level2 | None]:
    """The rewritten (一级, 二级): satisfaction names under 满意度, missing or unfitting levels guessed."""
    l1, l2 = r.level1, r.level2
    if "SAT-01" in ids or ("满意" in name and l1 is not Level1.satisfaction):
        if "满意" in name:
            l1, l2 = Level1.satisfaction, Level2.beneficiary_satisfaction
        else:  # not a satisfaction: an effect unless it is an output count or a cost
            l1, l2 = guess_level(name)
            if l1 is Level1.satisfaction or (l1 is Level1.output and l2 is not Level2.output_cost
                                             and not L.OUTPUT_ACT_RE.search(name)):
                l1, l2 = Level1.benefit, guess_level2(Level1.benefit, name)
    if l1 is None:
        if "效果" in r.l1:
            l1 = Level1.benefit
        else:
            cand = level2_of_key(r.l2key, None)
            if cand is not None and cand is not Level2.output_cost:
                l1 = LEVEL2_PARENT[cand]
            elif cand is Level2.output_cost:
                l1 = Level1.output
            else:
                l1, l2 = guess_level(name)
        l2 = level2_of_key(r.l2key, l1) if l2 is None or not level2_fits(l2, l1) else l2
    if not level2_fits(l2, l1):
        cand = level2_of_key(r.l2key, None)
        if L.PEOPLE_BENEFIT_RE.search(name) and l1 in (Level1.benefit, Level1.output):
            l1, l2 = Level1.benefit, Level2.social_benefit  # 群众就医便利程度 under 效益/数量: a benefit, not a count
        elif L.BENEFICIARY_RE.search(name) and l1 in (Level1.benefit, Level1.output):
            l1, l2 = Level1.benefit, benefit_level2(name)  # 受益群众人数 under 效益/数量: 社会效益, as real tables file it
        elif (l1 is Level1.output and cand is not None and LEVEL2_PARENT.get(cand) is Level1.benefit
              and "STR-02" in ids and r.num is not None and not r.pct and name_info(name).family in _OUTPUT_COUNTS):
            l2 = Level2.quantity  # trial 22: 产出/社会效益/公益广告牌数量 ≥30 块 — an output count, its 二级 wrong
        elif (l1 is Level1.output and cand is not None and LEVEL2_PARENT.get(cand) is Level1.benefit
              and "STR-02" in ids and name_info(name).family in ("time", "days")):
            # trial 24: 产出/经济效益/每周开放时间 ≥42 went to 效益/经济效益; how long a service is open (or when work is
            # done) is what the project delivers — a span is 产出/数量, a date 产出/时效, never a benefit
            dated = r.num is None or bool(re.search(r"[年月日]", r.raw.value))
            l2 = Level2.timeliness if dated else Level2.quantity
        elif l1 is Level1.benefit and ecological_outcome_rate(name):
            # trial 23: 城区污水集中收集率 under 效益/数量 went to 产出/质量 (STR-02, then REL-01); raised 85 → 88 % it
            # is the effect the works have, and it stays under 效益 as 生态效益
            return Level1.benefit, Level2.ecological_benefit
        elif cand is not None and cand is not Level2.output_cost and "STR-02" in ids and l1 is not Level1.satisfaction:
            l1, l2 = LEVEL2_PARENT[cand], cand
        else:
            l2 = guess_level2(l1, name)
    if "STR-02" in ids and l1 is Level1.output and l2 is Level2.output_cost:  # 2015 form in a 2021 table
        l1, l2 = Level1.cost, Level2.economic_cost
    if "REL-01" in ids:
        l1, l2 = _moved_category(r, name, l1, l2)
    return l1, l2


def ecological_outcome_rate(name: str) -> bool:
    """ours (trial 23): a rate whose name says an ecological effect (污水集中收集率, 水质优良比例: the ecological words
    `lexicon.LEVEL_ECOLOGICAL_RE`) and is no product's conformance (`relevance.is_output_quality`) — under 效益 with a
    二级 of 产出 (数量指标) its right place is 效益指标 / 生态效益指标, never 产出."""
    n = PAREN_RE.sub("", name)
    return (name_info(n).family == "ratio" and benefit_level2(n) is Level2.ecological_benefit
            and not is_output_quality(n))


def _moved_category(r: ParsedRow, name: str, l1: Level1, l2: Level2 | None) -> tuple[Level1, Level2 | None]:
    """REL-01: the 二级 category the name's measure belongs to instead; a cost in money under 数量 goes
    to 成本指标 / 经济成本指标 (财预〔2021〕101号), or to 产出 / 成本指标 in a table of the 2015 form."""
    n = PAREN_RE.sub("", name)
    if l1 is Level1.output and l2 in (Level2.quantity, Level2.quality) and is_yield(n):
        return Level1.benefit, benefit_level2(n)  # 粮食亩产 under 数量: an 经济效益
    if l2 is Level2.quantity:
        if is_money_cost(r):
            if r.ctx.get("framework") == "2015":
                return Level1.output, Level2.output_cost
            return Level1.cost, Level2.economic_cost
        if measure_of(n) in ("persons", "person_times", "households"):
            return l1, l2  # a rate renamed to the count its unit states (签约率 24694 人 → 签约人数): a 数量 still
        return l1, Level2.quality
    if l2 is Level2.quality:
        if L.OUTCOME_RATE_RE.search(n):
            return Level1.benefit, benefit_level2(n)  # 知晓率 社会效益, 农户增收 经济效益: one answer
        return l1, Level2.timeliness if measure_of(n) == "time" else Level2.quantity  # 按时发放 under 质量
    if l2 is Level2.timeliness:
        return l1, Level2.quality if measure_of(n) == "ratio" else Level2.quantity
    if l1 is Level1.benefit and L.PEOPLE_BENEFIT_RE.search(n):  # 就医便利程度: what people gain stays a benefit
        return Level1.benefit, Level2.social_benefit
    if l1 is Level1.benefit:  # an output count, or a quality (食品安全指标达标率 under 生态效益)
        return Level1.output, Level2.quality if is_output_quality(n) else Level2.quantity
    return l1, l2


_FORM_RULES = frozenset(("TXT-01", "TXT-02", "TXT-03", "TXT-05"))  # findings on how a name is written


def rewrite_row(r: ParsedRow, ids: set[str], hits: dict[str, Any], lookup: Callable | None,
                s: CheckerSettings) -> RowRewrite:
    """Canonical rewrite of an indicator row given the rule ids that fired on it: name, levels, target.

    The declared target is kept unless a rule on it fired (`RuleFix.retarget`):
    a new name or level alone does not change what was promised (the engine
    re-checks, and asks again with the rules that then fire).
    """
    gone = _deletion(r, ids)
    if gone is not None:
        return gone
    name = _name(r, ids, hits, lookup, s)
    if isinstance(name, RowRewrite):
        return name
    l1, l2 = _levels(r, ids, name)
    lim = _relative_limit(r) if _takes_relative_limit(r, ids) else None
    early_kept: dict[str, str] = {}
    if ("TIME-05" in ids and not (lim and lim[0] == "≤") and l2 is Level2.timeliness
            and (advice := undecided_deadline(r))):
        # several dates stated, none for this row: no date is guessed, the row stays as written
        return RowRewrite(None, f"{advice}（名称相应改为“{deadline_name(name)}”）", manual=True)
    if ("TIME-05" in ids and not lim and pays_on_time(r.name)
            and not payment_deadline(r.ctx.get("description"), budget_year(r))):
        # trial 13: 老年助餐服务补贴发放及时率 =100 % with no term in the text was made …发放完成时间 2025年12月31日前,
        # a date nobody stated; reviewers keep a payment's on-time rate (round 12), so the rate stays and the
        # finding asks for the term that defines 及时
        pay = _PAY_ON_TIME_RE.search(r.name)
        verb = (pay.group(1) or pay.group(2)) if pay else "发放"
        keep_rate = (f"保留及时率，不代填日期：项目概况未写明{verb}时限；请在指标解释中写明“及时”的期限"
                     f"（如资金到位后若干个工作日内{verb}到位），或填写实施方案约定的{verb}日期")
        if not any(fix_of(rid).retarget for rid in ids - {"TIME-05"}):
            return RowRewrite(None, keep_rate, manual=True)
        # trial 19: 补助资金拨付及时率 100 % with no operator (OP-01) got this advice for OP-01 too, and --fix left the
        # operator empty; the rate is kept as TIME-05 advises, and the row's other target findings are still fixed
        early_kept["TIME-05"] = keep_rate
        ids = ids - {"TIME-05"}
    if "TIME-05" in ids:   # 发放及时率 → 发放时限 when the description gives a relative limit, else a dated 完成时间
        name = limit_name(name) if lim and lim[0] == "≤" else deadline_name(name)
    elif lim and lim[0] == "≤":  # 补助资金拨付时间：按时 (TIME-01) beside 每学期结束后1个月内拨付 → 补助资金拨付时限
        name = limit_name(name)
    if name == r.name and _FORM_RULES.isdisjoint(ids):
        name = r.raw.name  # the name as written: 合格率（抽检） was “renamed” to 合格率(抽检), itself in half-width
    fields = {"level1": L1_LABEL[l1], "level2": L2_LABEL[l2] if l2 else "", "name": name,
              "operator": r.op, "value": r.v, "unit": r.unit}
    if l2 is Level2.output_cost and l1 is Level1.output:
        fields["level2"] = "成本指标"
    kept: dict[str, str] = early_kept
    slip = hits.get("FEAS-04")
    if slip is not None and slip.data and "FEAS-04" in ids:
        # round 14: 路面坑槽修补面积 ≥1.8 平方米 beside “路面坑槽修补1.8万平方米”: the digits are the text's, the
        # magnitude was dropped — the text's figure in its unit (≥1.8 万平方米), not advice to check the digits
        op = r.eff_op if r.eff_op in ("≥", ">", "=", "≤", "<") else "≥"
        fields["operator"], fields["value"], fields["unit"] = op, slip.data["value"], slip.data["unit"]
        ids = ids - {"FEAS-04"}
    differs = hits.get("REL-07")
    if differs is not None and "REL-07" in ids and differs.data:
        # trial 13: 更换老化管网里程 ≥85公里 beside “更换老化管网58公里”: the text's figure, the declarant's operator
        fields["operator"], fields["value"], fields["unit"] = (differs.data["operator"], differs.data["value"],
                                                               differs.data["unit"])
        ids = ids - {"REL-07"}
    opening = hits.get("TIME-06")
    if opening is not None and "TIME-06" in ids and opening.field == "name" and opening.data:
        # trial 17: 老年助餐服务完成时间 2025年6月30日前, the date the text gives for the meal points' 投入运营: the date
        # is right, the row dates the opening (助餐点投入运营时间)
        fields["name"] = opening.data["name"]
        ids = ids - {"TIME-06"}
    past = hits.get("REL-06")
    if past is not None and "REL-06" in ids and past.field == "value":
        # trial 13: 危房改造户数 ≥120户, the figure “2024年全县已完成危房改造120户” reports: the plan's figure for the
        # same object when the text states one (≥150 户), else advice — never the stock's advice
        if past.data and past.data.get("setting") and "value" not in past.data:
            # trial 14: 公厕数量 ≥62座 (全县现有公厕62座) under 生态效益, and no figure the text plans for it (round 18)
            kept["REL-06"] = ("待填写：现有的总量是项目实施的背景，不作本年度目标；请填写本年度计划达到的值"
                              "（如本年度改造的数量、覆盖率或受益人数），或删除该行，现有总量写在项目概况中")
        elif past.data and "value" in past.data:   # the text's plan for this year (past or setting alike)
            fields["operator"], fields["value"], fields["unit"] = (past.data["operator"], past.data["value"],
                                                                   past.data["unit"])
            if not past.data.get("setting") and (now := without_past_year(fields["name"], budget_year(r))):
                # trial 21: 2024年办理法律援助案件数 =600 件 — the name kept the past year its new figure is not
                fields["name"] = now
        else:
            kept["REL-06"] = ("按本年度计划完成的量填写；以前年度已完成的量写在项目概况中" if r.level1 is not Level1.benefit
                              else "待填写：按本年度计划达到的值填写；以前年度已达到的数写在项目概况中")  # trial 24
        ids = ids - {"REL-06"}
    elif past is not None and "REL-06" in ids and past.data and past.data.get("benefit"):
        # trial 15: 受益群众 ≥1.1万人 under 产出/数量 beside “受益群众1.1万人”: whom the project benefits is its effect —
        # filed under 效益/社会效益指标 as REL-06 says (so a misplaced 满意度 row moved out of 效益 leaves one there)
        fields["level1"], fields["level2"] = L1_LABEL[Level1.benefit], L2_LABEL[Level2.social_benefit]
        ids = ids - {"REL-06"}
    if "UNIT-05" in ids and r.unit and r.unit.strip() == (r.eff_unit or "").strip() and (std := standard_unit(r)):
        # trial 19: 单位成本 ≤4 万元 beside “每户补助标准4万元”: the text says per what (户), so the unit is written
        fields["unit"] = std
        ids = ids - {"UNIT-05"}
    for rid in [rid for rid in ids if fix_of(rid).advice]:  # left to the declarant, with what to check
        kept[rid] = fix_of(rid).advice  # type: ignore[assignment]
        ids = ids - {rid}
    if "UNIT-04" in ids:  # 500 pcs → 500 个; a unit with no Chinese equivalent here (sets, M) is the declarant's
        to = (hits["UNIT-04"].data or {}).get("unit") if hits.get("UNIT-04") is not None else None
        if to and r.unit == r.eff_unit:
            fields["unit"] = to
        elif to and r.emb_unit and r.v.endswith(r.emb_unit):
            fields["value"] = r.v[:len(r.v) - len(r.emb_unit)] + to
        else:
            kept["UNIT-04"] = (f"计量单位“{r.eff_unit}”请改为规范的中文计量单位"
                               "（如 个、套、台、公里、米、平方米、千克、吨），与指标值口径一致")
        ids = ids - {"UNIT-04"}
    late = late_years(r) if "TIME-04" in ids and stated_over_late(r) is None else []
    if late:  # a cross-year deadline: rewriting it into the budget year would change what is promised
        by = r.ctx.get("budget_year")
        kept["TIME-04"] = (f"保留原时限（改到{by}年内会改变目标含义）：跨年实施的项目请在申报说明中写明实施期；"
                           f"否则年度指标写{by}年内应完成的节点，跨年部分列入中期目标")
        ids = ids - {"TIME-04"}
    if any(fix_of(rid).retarget for rid in ids):
        if r.formula or r.unit_formula or r.bad_number or (r.num is not None and r.num < 0):
            # a formula, an unreadable or a negative number: no target can be read from it, and none is invented
            what = ("公式" if (r.formula or r.unit_formula) else "科学计数法或超过 1 万亿的数" if r.bad_number
                    else "负数")
            # trial 22: only the offending cell is quoted (“1e3”“公里” named 公里 as if it were the number)
            bad_value = bool(r.formula or r.bad_number or (r.num is not None and r.num < 0))
            cells = ([("指标值", r.raw.value.strip())] if bad_value else []) + (
                [("计量单位", r.raw.unit.strip())] if r.unit_formula else [])
            shown = "、".join(f"{c}“{v}”" for c, v in cells) or f"指标值“{r.raw.value.strip()}”"
            return RowRewrite(None, f"{shown}是{what}，无法自动改写；请填写实际的目标数值和计量单位", manual=True)
        tgt = build_target(r, ids, hits, name, l1, l2, lookup, s)
        if ("QNT-01" in ids and r.v in L.OUTCOME_GRADES and not isinstance(tgt, CountPending)) or isinstance(tgt, tuple) and tgt[0] == "定性" and (
                ("QNT-01" in ids and tgt[1] == "达成年度指标") or (tgt[1] in L.DEGREE_GRADES and r.op != "定性")
                or ("QNT-05" in ids and tgt[1] in L.OUTCOME_GRADES and l1 is Level1.benefit)):
            # trial 10: an ungraded 效益 text (QNT-05) made 定性：达成年度指标 drew QNT-01 on the re-check, whose advice
            # then quoted “定性：达成年度指标”, a value the row never had; the advice is given here on the row's own value
            # round 13: a 效益 row's 定性：达到预期 states no expectation (QNT-01) and takes the same path
            # 工程质量：有所提高 was made 定性：达成年度指标 — as vague, and a re-check passed it; so was 经费支出合规性
            # 较高 made 定性：较高 (round 10): a degree the declarant wrote is no grade of a stated scale
            alt = vague_alternative(r, name, l1, l2, lookup)
            if isinstance(alt, tuple):
                fields["name"], tgt = alt
            else:
                tgt = alt
        if tgt is None:
            return RowRewrite(None, "无法据此推算指标值；请按测算补填或删除该指标")
        if isinstance(tgt, str):  # a blank size for the declarant to state (待填写 and why)
            if all(fields[k] == getattr(r.raw, k) for k in ("level1", "level2", "name")):
                return RowRewrite(None, tgt, manual=True)
            if isinstance(tgt, VaguePending):
                # 对保障…正常运行的影响程度：效果明显 renamed …正常运行率 with no figure: the rename alone leaves a rate
                # with a word for a value (QNT-06); the name and the figure are the declarant's to write together
                return RowRewrite(None, tgt.replace("请按项目计划填写“", "请把名称改为“", 1).replace(
                    "”的目标值（%）", "”并按项目计划填写目标值（%）", 1), manual=True)
            # the levels or the name are still fixed (效果指标 → 效益指标); the target's findings get the 待填写
            kept.update({rid: tgt for rid in ids if fix_of(rid).retarget})
            tgt = (r.raw.operator, r.raw.value, r.raw.unit)
        fields["operator"], fields["value"], fields["unit"] = tgt
    return RowRewrite(_tidy_fields(r, fields), kept=kept)


_PAST_YEAR_RE = re.compile(r"((?:19|20)\d{2})年度?|上年度|上一年度?|去年")


def without_past_year(name: str, year: int | None) -> str | None:
    """`name` without a past period it names (2024年办理法律援助案件数 in a 2025 table → 办理法律援助案件数; 上年度,
    去年 likewise), None when it names none or nothing would be left. `year`: the table's 预算年度 (a year before it
    is past; without it only 上年度 / 去年 are)."""
    def past(m: re.Match) -> bool:
        return not m.group(1) or (year is not None and int(m.group(1)) < year)

    if not any(past(m) for m in _PAST_YEAR_RE.finditer(name)):
        return None
    out = _PAST_YEAR_RE.sub(lambda m: "" if past(m) else m.group(0), name).strip("，,、 的")
    return out if len(out) >= 2 else None


class VaguePending(str):
    """The 待填写 reason of a vague target (QNT-01) whose rate has no figure of its own or the library's: the
    row is left as written, its rewritten name given in the text (`_rate_target`)."""


# ours: what a vague target's row can be measured by, per 二级指标 (the advice when no library indicator is one):
# each example with the words of the project's own text (name and description) it needs, None for an example
# that fits any project. A fresh reviewer (trial 14) got 设施正常使用年限 for a training project, 减排量（吨） for public
# toilets and 距离的缩短 for reading promotion: an example of another sector's work is no help (`measure_hint`).
_ROAD_WORDS = re.compile(r"道路|公路|交通|出行|通行|桥梁|里程|路网|客运|公交")
_RESTORE_WORDS = re.compile(r"治理|修复|造林|绿化|水土|湿地|河道|河湖|矿山|荒漠|退耕")
_EMISSION_WORDS = re.compile(r"减排|排放|节能|能耗|燃煤|碳|污染|脱硫|清洁能源|光伏")
_TRAINING_WORDS = re.compile(r"培训|技能|职业教育|实训")
BUILDS = re.compile("")  # marker: the example needs a project that builds or buys (`builds_or_buys`)
_MEASURE_HINTS: dict[Level2, tuple[tuple[str, re.Pattern | None], ...]] = {
    Level2.quantity: (("完成的数量及其计量单位（个、处、公里…）", None),),
    Level2.quality: (("验收合格率、达标率等比率（%）", None),),
    Level2.timeliness: (("完成时间（某年某月某日前）", None),),
    Level2.economic_benefit: (("增收或节约的金额（万元）、产值（万元）", None),),
    Level2.social_benefit: (("受益人数（人）", None), ("覆盖率或达标率（%）", None),
                            ("时间或距离的缩短（分钟、公里）", _ROAD_WORDS)),
    Level2.ecological_benefit: (("治理或修复面积（亩）", _RESTORE_WORDS), ("环境质量或卫生达标率（%）", None),
                                ("减排量（吨）", _EMISSION_WORDS)),
    Level2.sustainable_impact: (("设施正常使用年限（年）、长效管护覆盖率（%）", BUILDS),
                                ("参训人员技能应用率或就业率（%）", _TRAINING_WORDS),
                                ("成果持续发挥作用的年限（年）、建立并执行的长效管理制度（项）", None)),
}
_GENERIC_HINT = "数量、比率（%）或完成时间"


def measure_hint(level2: Level2 | None, text: str) -> str:
    """The examples of what a vague row under `level2` can be measured by (`_MEASURE_HINTS`), only those that
    fit the project's own `text` (the row's name, the project's name and description: 时间或距离的缩短 only for roads or transport, 设施正常
    使用年限 only for a project that builds or buys, `kb.domain.words.builds_or_buys`); generic examples else."""
    if level2 is None or level2 not in _MEASURE_HINTS:
        return _GENERIC_HINT
    picked: list[str] = []
    for hint, need in _MEASURE_HINTS[level2]:
        if need is None or (need is BUILDS and builds_or_buys(text)) or (need is not BUILDS and need.search(text)):
            picked.append(hint)
    if level2 is Level2.sustainable_impact and len(picked) > 1:
        picked = picked[:-1]  # the project's own kind of lasting effect is said: the generic one is not needed
    return "、".join(picked)


_QUALITY_END_RE = re.compile(r"(?:工程|项目|维修|修缮|改造)质量$")


def measured_rate(ind: Indicator) -> bool:
    """True when the library indicator `ind` measures a share: its typical target is in % or ‰ (`typical_of`), its
    name names a measure (`has_metric`) and it has no 〔slot〕 to fill. Read by the checker's structure rules."""
    t = typical_of(ind)
    return t is not None and canon_unit(t[2] or "") in ("%", "‰") and has_metric(ind.name) and not ind.has_slot


def vague_alternative(r: ParsedRow, name: str, l1: Level1, l2: Level2 | None,
                      lookup: Callable | None) -> tuple[str, tuple[str, str, str]] | str:
    """What a row with a vague target (QNT-01: 工程质量：有所提高) becomes instead of 定性：达成年度指标, which is as
    vague and passed a re-check: (name, (operator, value, unit)) of the library's measurable indicator for it — a
    rate of the same 一级/二级 with a numeric typical target; for the quality of works (工程质量, 施工质量 …) its
    验收合格率 first (工程质量 → 工程验收合格率 =100 %) — else the 待填写 advice saying what to measure
    (`_MEASURE_HINTS` per 二级指标). A size is never taken from the library (only rates are)."""
    among = getattr(lookup, "among", None)
    base = PAREN_RE.sub("", name)
    if among is not None and l2 is not None:
        ok = (lambda ind: ind.level1 is l1 and measured_rate(ind))
        tries = [base[:-2] + "验收合格率", base + "合格率"] if _QUALITY_END_RE.search(base) else []
        for q in tries:
            ind = lookup(q, l2.value)  # type: ignore[misc]
            if ind is not None and ok(ind) and _key_name(ind.name) == _key_name(q):
                return ind.name, _typical_fields(ind)
        ind = among(base, l2.value, ok)
        if ind is not None:
            return ind.name, _typical_fields(ind)
    said = benefit_level2(base) if l1 is Level1.benefit else l2   # 对控制…成本影响程度 filed under 生态效益
    said = said if said is not Level2.social_benefit or l2 is None else l2
    said = said if r.level2 is not None or l1 is Level1.benefit else None  # 二级 only guessed (E009): no kind to say
    hint = measure_hint(said, f"{name}。{r.ctx.get('project') or ''}。{r.ctx.get('description') or ''}")
    if _QUALITY_END_RE.search(base):
        hint = f"“{base[:-2]}验收合格率”（%）等"
    if r.v in L.OUTCOME_GRADES:  # 定性：达到预期 on a 效益 row: what was expected is stated nowhere
        return (f"待填写：指标值“定性：{r.v}”没有说明预期是什么，无法考核；请把“{name}”改为可计量的指标并填写目标值，"
                f"如{hint}")
    if r.v in L.DEGREE_GRADES:  # 较高, 好: a degree, not a grade of a stated scale
        return (f"待填写：指标值“{r.v}”是程度词，没有分级标准，改为“定性：{r.v}”同样无法考核；请把“{name}”改为可计量的"
                f"指标并填写目标值，如{hint}")
    if r.op == "定性" and not r.vague:  # an ungraded text under 定性 (QNT-05): a verifiable result is a standard too
        return (f"待填写：指标值“{r.v}”不是可核验的结果，改为“定性：达成年度指标”同样无法考核；"
                f"{L.CHECKABLE_RESULT_HINT}；或把“{name}”改为可计量的指标并填写目标值，如{hint}")
    return (f"待填写：指标值“{r.v}”无法考核，改为“定性：达成年度指标”同样无法考核；请把“{name}”改为可计量的"
            f"指标并填写目标值，如{hint}")


def _key_name(name: str) -> str:
    return re.sub(r"\s+", "", PAREN_RE.sub("", name))


def _typical_fields(ind: Indicator) -> tuple[str, str, str]:
    op, v, unit = typical_of(ind)  # type: ignore[misc]
    return (op or "≥", fmt_num(v), unit)


def tidy_field(text: str) -> str:
    """A written 名称 / 指标值 / 计量单位 in the form a fix gives it: NFKC, simplified, no invisible
    characters or pictographs, no white space except one space between Latin words (LED street lights)."""
    t = to_simplified(unicodedata.normalize("NFKC", text or ""))
    return tidy_spaces(strip_pictographs(strip_invisible(t)).strip())


def _tidy_fields(r: ParsedRow, fields: dict[str, str]) -> dict[str, str]:
    """`fields` with a name, value or unit left as read (its normalised form) given back as written, one
    space kept between Latin words (`tidy_field`: LED street lights, not LEDstreetlights), and emoji dropped
    from any of them (a rewritten name keeps none: 路灯更换数量🏠)."""
    memo = _TIDY_MEMO
    ni = r.ni
    for k in ("name", "value", "unit"):
        v = fields.get(k) or ""
        if k == "name" and ni.name:  # ni.name is compact(raw name) when not empty: no second compact
            fields[k] = ni.tidy_raw() if v == ni.name else strip_pictographs(v) if v else v
            continue
        raw = getattr(r.raw, k) or ""
        key = (v, raw)
        t = memo.get(key)
        if t is None:  # a pure function of the two texts: values and units repeat in every table
            t = v
            if v and raw and v == compact(raw)[0]:
                t = tidy_field(raw)
            t = strip_pictographs(t) if t else t
            if len(memo) > 100_000:
                memo.clear()
            memo[key] = t
        fields[k] = t
    return fields


_TIDY_MEMO: dict[tuple[str, str], str] = {}  # (field as rewritten, as written) → as the fix gives it
CACHES.append(_TIDY_MEMO.clear)


def build_target(r: ParsedRow, ids: set[str], hits: dict[str, Any], name: str, l1: Level1, l2: Level2 | None,
                 lookup: Callable | None, s: CheckerSettings) -> tuple[str, str, str] | str | None:
    """`_build_target`, with an amount per person or per unit in a plain money unit (UNIT-02: 人均培训成本 ≤800 元)
    given the unit the name says it is per (800 元/人; trial 17) — also when OP-04 covers UNIT-02 (人均培训成本
    ≥800 元: one finding on the target, whose rewrite says both)."""
    per = per_money_unit(r)
    if per and r.num is not None and not any(fix_of(i).retarget for i in ids - {"UNIT-02"}):
        return (r.eff_op or ("≤" if per.split("/")[0] in ("元", "万元") and "成本" in name else "≥"), fmt_num(r.num), per)
    tgt = _build_target(r, ids, hits, name, l1, l2, lookup, s)
    if per and isinstance(tgt, tuple) and plain_money_unit(tgt[2]):
        return (tgt[0], tgt[1], per if tgt[2] == r.eff_unit.strip() else f"{tgt[2]}/{per.split('/', 1)[1]}")
    if per and tgt is None and r.num is not None:
        return (r.eff_op or "≥", fmt_num(r.num), per)
    return tgt


def per_money_unit(r: ParsedRow) -> str | None:
    """The unit an amount per person or per unit written in a plain money unit should have (人均培训成本 800 元 →
    '元/人', 每公里造价 50 万元 → '万元/公里': `kb.domain.units.per_unit_part`), else None."""
    u = (r.eff_unit or "").strip()
    if r.is_date or not r.has_digit or "元" not in u or not plain_money_unit(u):   # 元 first: most units are none
        return None
    part = per_unit_denominator(r.ni.base or r.name)   # 每人每月补助标准 500 元 → 元/人·月 (as dev D017 writes it)
    return f"{u}/{part}" if part else None


def _build_target(r: ParsedRow, ids: set[str], hits: dict[str, Any], name: str, l1: Level1, l2: Level2 | None,
                  lookup: Callable | None, s: CheckerSettings) -> tuple[str, str, str] | str | None:
    """(operator, value, unit) for the rewritten row, None when no value can be inferred, or the
    待填写 reason (a str) for a blank value that states the project's size.

    By what the rewritten row measures: a deadline (时效), a satisfaction
    level, a cost, a rate, else a count; targets come from the row's own
    number where the rules allow it, else the library's typical target
    (`lookup`), else the generic defaults of `CheckerSettings`. A count,
    persons, an amount, an area or a length (`kb.domain.units.size_dependent`)
    with no number of its own — blank (STR-03), words (QNT-06 培训人数：较多),
    unreadable (an OCR-damaged 第O份) or always met (QNT-09 ≥0人) — is never
    filled from the library: it is left 待填写 with the reason, as suggest
    leaves it (also when only the library's unit shows the size, and a blank
    row in a unit of its own, 户/万元, is not made 定性); a cost is its own
    amount or capped by the project's budget, never a library figure (without a
    budget it is 待填写 and says the budget is needed), and rates and deadlines
    still take their typical values.
    """
    typ = _LazyTypical(lookup, name, l2)
    ni = r.ni if name == r.name else name_info(name)
    fam = ni.family
    cost = l1 is Level1.cost or l2 in (Level2.output_cost, Level2.economic_cost, Level2.social_cost,
                                      Level2.ecological_cost)
    if l2 is Level2.timeliness and fam != "ratio":
        return _deadline_target(r, ids)
    if l1 is Level1.satisfaction and ni.sat_level:
        return _satisfaction_target(r, ids, typ, s)
    direction = ni.direction if ni.direction is not None else ("neg" if cost else None)
    num = _number(r, ids, hits)
    blank = "STR-03" in ids and not r.v
    if cost:
        return _cost_target(r, ids, name, num)  # its own amount or the budget, never the library's
    if {"UNIT-02", "UNIT-03"} & ids and (pending := counted_in_other_unit(r, name, name_target_unit(hits))):
        return pending  # 保障村干部人数 =42 个: the 42 is the declarant's, never “=42人”
    if fam == "ratio" or (r.pct and fam is None and num is not None):
        return _rate_target(r, ids, ni.base, fam, num, direction, typ, s, name)
    if "UNIT-02" in ids and (pending := counted_in_percent(r, name)):
        return pending  # 设备数量 =100 %: the 100 is a share, never “=100个”
    vague_count = "QNT-01" in ids and l2 is Level2.quantity and not r.pct  # trial 15: 清淤土方：有所提高
    if num is None and ({"QNT-05", "QNT-06"} & ids or blank or vague_count) and (said := stated_figure(r, name)):
        # 新建错车道：若干 处 beside “新建错车道8处” → ≥8 处 (the project's own figure, never the library's); so is a
        # blank cell, 新建错车道 | | 处 (round 10), by the same reader and conditions
        return _count_target(r, ids, hits, name, ni.base, fam, said[0], direction, typ, said[1])
    if (num is None and ({"QNT-05", "QNT-06"} & ids or blank or vague_count)
            and (each := stated_figure(r, name, per_member=True))):
        # trial 24: 文体活动开展场次：有所提高 beside “全年每站组织开展文体活动不少于12场次” was made ≥12场次; 12 is
        # one station's, the row counts the project's — no total is stated, so the row is left for the declarant
        return (f"待填写：项目概况中的{fmt_num(each[0])}{each[1]}是按每个单位（每站、每村等）计的数，不是“{name}”"
                "的全年合计；请按全部单位合计填写本年度计划完成的数量")
    if (blank or num is None or "QNT-09" in ids) and size_dependent(name, r.eff_unit or r.unit):
        return SIZE_PENDING  # no size of this project's own (blank, words, unreadable, ≥0): the library has none either
    if num is None and (_OWN_SPAN_RE.search(ni.base or name) or _day_count(ni.base or name, r)):
        return _own_span_target(r, name)  # 服务周期, 供餐天数: this project's own days, never another project's
    if (num is None and l2 is Level2.quantity and r.v in _DONE_WORDS and r.op in ("定性", "")
            and (said := stated_figure(r, name, counted=True))):
        # trial 21: 法律援助工作站建设：完成 beside “设立法律援助工作站2个” — the work done is counted, and the text
        # says how many (≥2 个), never “定性：完成”
        return ("≥", fmt_num(said[0]), said[1])
    tgt = _count_target(r, ids, hits, name, ni.base, fam, num, direction, typ)
    if l2 is Level2.quantity and num is None and (not r.v or r.v in L.OUTCOME_GRADES) and (
            isinstance(tgt, tuple) and tgt[0] == "定性" or "QNT-01" in ids and r.v in L.OUTCOME_GRADES):
        # trial 13: a blank 数量指标 (修路 | | ) was proposed 定性：达成年度指标, as vague as a blank, and 定性：达成年度
        # 指标 on a count passed; a count's target is the number the project plans, which only the declarant knows
        return CountPending(f"待填写：{'数量指标应' if r.level2 is Level2.quantity else '请'}填写“{name}”本年度计划完成的数量（数值和计量单位）"
                            + (f"，“定性：{r.v}”无法考核" if r.v else ""))
    return tgt


# ours: a value that only says the work is done (the object's count is what a 数量指标 measures)
_DONE_WORDS = frozenset(("完成", "已完成", "全部完成", "按期完成", "按时完成", "建成", "完成建设", "建设完成"))


class CountPending(str):
    """The 待填写 reason of a 数量指标 with no number of its own (blank, or 定性：达成年度指标): the planned count is
    asked for, never a grade or another project's figure."""


# names of the span of the project's own contract or works (服务周期, 实施期限, 工期): the span is the declarant's,
# as a size is — the library's =180天 is another project's contract (a city reviewer, trial 2)
_OWN_SPAN_RE = re.compile(r"(?:周期|期限|工期|服务期|实施期|建设期|合同期|运营期)$")
_SPAN_NUM_RE = r"[为是:：约共计]{0,3}(\d+(?:\.\d+)?)\s*(个工作日|工作日|个月|天|日|月|年|周)(?![\u4e00-\u9fff]?/)"


# ours: a count of days (营养餐供餐天数, 开放天数; or a blank row in 天 / 日 outside 时效): as a span, the project's
# own figure — the library's ≥200天 is another project's (a 财政厅 reviewer, trial 3: --fix wrote it into the workbook)
_DAY_COUNT_RE = re.compile(r"(?:天数|日数)$")
_DAY_UNITS = frozenset(("天", "日", "个工作日", "工作日"))
_DAY_FILLER = r"(?:全年|每年|年均|不少于|不低于|达到|达|共计|共|累计|计)?"


def _day_count(base: str, r: ParsedRow) -> bool:
    return bool(_DAY_COUNT_RE.search(base)) or (r.eff_unit or r.raw.unit or "").strip() in _DAY_UNITS


def _own_span_target(r: ParsedRow, name: str) -> tuple[str, str, str] | str:
    """The span a row of the project's own period (服务周期, 工期) or a count of its days (供餐天数) names:
    the figure the description states right after that word in a unit of time (“服务周期180天” → =180 天,
    “供餐不少于200天” → ≥200 天), never a number in another unit (日均清运180吨 is no 180 天) nor the
    library's typical span; else the 待填写 reason."""
    desc = r.ctx.get("description") or ""
    base = r.name_base or r.name
    if _DAY_COUNT_RE.search(base):
        stem = _DAY_COUNT_RE.sub("", base)
        for w in (stem, stem[-2:]):
            if len(w) >= 2 and (m := re.search(re.escape(w) + _DAY_FILLER + r"(\d+(?:\.\d+)?)\s*(天|日)(?![\u4e00-\u9fff]?/)",
                                               desc)):
                return ("≥", m.group(1), m.group(2))
    word = next((w for w in {name, r.name_base or "", r.name} if w and len(w) >= 2 and w in desc), "")
    if word and (m := re.search(re.escape(word) + _SPAN_NUM_RE, desc)):
        return ("=", m.group(1), m.group(2))
    unit = (r.eff_unit or r.raw.unit or "").strip()
    said = "按实施方案计划的天数填写" if _DAY_COUNT_RE.search(base) else "按合同或实施方案约定的期限填写"
    return (f"待填写：{said}{name}" + (f"（计量单位“{unit}”）" if unit else "")
            + "，不照搬指标库的典型值")


def _relative_limit(r: ParsedRow) -> tuple[str, str, str] | None:
    """The limit the description states for the action a 时效 row times, relative to an event or a period
    (`relative_limit`: 10个工作日内拨付, 每学期结束后1个月内拨付, 次月10日前发放); for a row that does not time a
    payment only when the description states no date in the year for it (2025年10月底前完工 is checkable)."""
    desc = r.ctx.get("description")
    if not desc:
        return None
    verbs = row_verbs(r.name)
    if verbs is not PAYMENT_VERBS and stated_deadline(desc, budget_year(r)):
        return None
    return relative_limit(desc, verbs)



def stated_cadence_advice(r: ParsedRow) -> str | None:
    """The 待填写 advice for a vague 时效 row timing a payment (补贴拨付：及时) whose description states only the
    period of the payment (“按季度拨付”, “按月发放”) and no limit: the period is named and the limit within it (or
    the on-time rate) asked for — the year's end (12月31日前) would time a quarterly payment once a year. None
    when the row times no payment or the text states no period for it.

    ours (trial 23, a 财政局 reviewer: 补贴拨付 及时 → 按季度拨付 or 补贴拨付及时率 =100%)."""
    desc = r.ctx.get("description")
    if not desc or not (row_verbs(r.name) is PAYMENT_VERBS or any(v in r.name for v in PAYMENT_VERBS)):
        return None
    t = compact(desc)[0]
    verbs = "|".join(PAYMENT_VERBS)
    m = re.search(r"(?:按|每)(季度|季|月|半年|年)(?:[\u4e00-\u9fff]{0,2})?(" + verbs + ")", t)
    if not m:
        return None
    period = "季度" if m.group(1) == "季" else m.group(1)
    work = _action_stem(r.name) or r.name
    return (f"待填写：项目概况写明“{m.group(0)}”；请写明每{period}{m.group(2)}的时限（如每{period}结束后15日内），"
            f"或改为“{work}及时率 =100%”")


def _takes_relative_limit(r: ParsedRow, ids: set[str]) -> bool:
    """A 时效 row whose target is rewritten without a date or a number of its own: an on-time rate (TIME-05)
    or a word (TIME-01: 按时, 及时) — the one place a limit the description states is read for it."""
    return "TIME-05" in ids or ("TIME-01" in ids and r.num is None and not r.is_date)


def _deadline_target(r: ParsedRow, ids: set[str]) -> tuple[str, str, str] | str:
    """A 时效 row: its own date repaired or period rewritten, a well-formed duration kept, the payment's
    limit the description gives relative to an event or a period (TIME-05), else a dated deadline; the
    advice (a str, `undecided_deadline`) when the description states several dates and none for the row."""
    if _takes_relative_limit(r, ids) and (lim := _relative_limit(r)):
        return lim  # 每学期结束后1个月内拨付: ≤1 个月, never the year's end
    if "TIME-01" in ids and r.num is None and not r.is_date and (advice := stated_cadence_advice(r)):
        return advice  # trial 23: 补贴拨付：及时 beside “按季度拨付” — the text's period, never 12月31日前
    if "TIME-01" in ids and not ({"TIME-03", "TIME-06"} & ids) and (md := yearless_deadline(r)):
        # trial 17: 年底前, 12月31日前 with no year: the row's own day in the year the table plans for (as STR-10's added
        # row: the budget year, else the one the description plans, else 当年)
        y = table_year(r) or plan_year(r)
        if y is None:   # trial 22: no year anywhere — 当年10月31日前 would still name none; the declarant writes it
            return (f"待填写：在“{md[0]}月{md[1]}日前”前写明预算年度（如“××××年{md[0]}月{md[1]}日前”），"
                    "表内和项目概况都没有写明年份")
        return ("", in_year(f"{md[0]}月{md[1]}日前", y) or "", "")
    if r.is_date and not r.full_year and not ({"TIME-01", "TIME-02", "TIME-03", "TIME-04", "TIME-06"} & ids):
        d = fixed_date(r) if ("TXT-04" in ids or "OP-03" in ids) else None
        return ("", d or period_text(r) or r.v.replace("-", "至"), "")
    if (r.has_digit and not r.is_date and r.eff_unit and is_time_unit(r.eff_unit) and r.num is not None
            and not ({"TIME-05", "TIME-01", "TIME-02"} & ids)):
        op = r.eff_op if r.eff_op in ("≤", "<", "=") else "≤"
        return (op, fmt_num(r.num), r.emb_unit or r.unit)
    if not r.is_date and r.eff_unit and is_time_unit(r.eff_unit):
        return duration_target(r)  # 故障响应时间 in 小时: a limit, never a date (a QA run got 12月31日前)
    if "TIME-06" in ids and (late := later_part_deadline(r)) and stated_work_deadline(
            r.ctx.get("description"), budget_year(r), r.name) is None:
        return ("", late[0], "")  # trial 22: 完成时间 2025年12月31日前 beside “疫木处置于2026年3月底前完成”
    if "TIME-04" in ids and (said := stated_over_late(r)):
        return ("", said[0], "")  # 2026年3月底前 beside “2025年10月底前完成”: the text's date (trial 14)
    fd = fixed_date(r) if ("TIME-03" in ids or "TIME-04" in ids) else None
    if not fd and (advice := undecided_deadline(r)):
        return advice  # several dates stated, none for this row's work: the row's value stays
    return ("", fd or deadline(r), "")


# a duration's unit as a limit is written (分钟, 小时, 个工作日 …)
_DURATION_UNIT = r"(?P<u>分钟|小时|个工作日|工作日|个月|天|日|周|秒)"
_DURATION_UNITS = {"日": "天", "工作日": "个工作日"}
_DURATION_END_RE = re.compile(r"(?:平均)?(?:时间|时长|时限|用时|周期|期限|天数)$")


def stated_duration(text: str | None, name: str) -> tuple[str, str, str] | None:
    """The limit a description states for the work a duration row times, as (≤, number, unit): 故障响应时长不超过
    30分钟 → ('≤', '30', '分钟') for 故障响应时间, 到场时间不超过4小时, 2小时内响应; None when it states none.

    The work is the row's name without its duration word (故障响应时间 → 故障响应), found in the text whole or
    by its last two characters (响应), with the limit within the clause after it (不超过 / 不长于 / 不多于 / 控制在
    / 以内 …) or before it (2小时内响应)."""
    t = compact(text or "")[0]
    stem = _DURATION_END_RE.sub("", PAREN_RE.sub("", name))
    if not t or len(stem) < 2:
        return None
    num = r"(?P<n>\d+(?:\.\d+)?)"
    for key in dict.fromkeys((stem, stem[-2:])):
        k = re.escape(key)
        after = re.search(k + r"[\u4e00-\u9fff]{0,4}?(?:时间|时长|时限|用时)?(?:应|须|需)?(?:不超过|不长于|不多于|不大于|不高于"
                          r"|控制在|小于|少于|低于|≤|<|在)?" + num + _DURATION_UNIT + r"(?:以内|之内|内)?", t)
        before = re.search(num + _DURATION_UNIT + r"(?:以内|之内|内)[\u4e00-\u9fff]{0,2}?" + k, t)
        m = after or before
        if m:
            u = m.group("u")
            return ("≤", m.group("n"), _DURATION_UNITS.get(u, u))
    return None


def duration_target(r: ParsedRow) -> tuple[str, str, str] | str:
    """A duration row (故障响应时间, 工程建设周期 in 小时 / 天 …) with no limit of its own: the limit the description
    states for that work (`stated_duration`: …不超过30分钟 → ≤30 分钟), else 待填写 saying what to fill — never a
    date, which is no value for a duration (a QA run got 故障响应时间 12月31日前 with its unit dropped)."""
    said = stated_duration(r.ctx.get("description"), r.name)
    if said:
        return said
    unit = _DURATION_UNITS.get(r.eff_unit, r.eff_unit)
    if r.num is not None and r.eff_op in ("≥", ">"):  # 维持时效 ≥1年 (D048): how long something lasts
        return (f"待填写：“{r.name}”是时长（{unit}），“{r.eff_op}{fmt_num(r.num)}{unit}”只是下限，不是完成日期；"
                f"时效指标请填写完成时限（如“≤N{unit}”），持续多久的要求可列入可持续影响指标")
    return (f"待填写：“{r.name}”是时长（{unit}），不是完成日期；请按合同、服务标准或实施方案填写时限"
            f"（如“≤N{unit}”）")


def _satisfaction_target(r: ParsedRow, ids: set[str], typ: Any, s: CheckerSettings) -> tuple[str, str, str]:
    """A satisfaction level: ≥ its own figure when sensible, else the library's, else the default (%)."""
    own = r.num if r.num is not None else chinese_percent(r.v)
    if own is not None and r.num is None and s.satisfaction_floor_pct <= own < 100:
        return ("≥", fmt_num(own), "%")  # 百分之九十五 → ≥95%: the declared figure, written in digits
    v = r.num if (r.num is not None and s.satisfaction_floor_pct <= r.num < 100
                  and not ({"SAT-02", "SAT-03", "QNT-07"} & ids)) else None
    if v is None and typ and s.satisfaction_floor_pct <= typ[1] < 100:
        v = typ[1]
    if v is None:
        v = s.satisfaction_default_pct
    return ("≥", fmt_num(v), "%")


def _cost_target(r: ParsedRow, ids: set[str], name: str, num: float | None) -> tuple[str, str, str] | str:
    """A cost: ≤ its own amount (万元 or 元) or the project's budget; else the 待填写 reason (a str).

    A money figure is never taken from the library (a typical ≤100 万元/公里 is another project's
    cost), as suggest never copies one: without an amount of its own, a total cost is capped by the
    budget (`budget_wan`, else the one the description states); a unit cost, or any cost of a table
    with no budget, is left 待填写 with the reason (`COST_NEEDS_BUDGET` when there is no budget)."""
    budget = r.ctx.get("budget_wan") or r.ctx.get("budget_hint_wan")
    if "COST-04" in ids and r.ctx.get("budget_wan") == 0:  # 资金总额 0 beside a cost: the budget is at fault
        return ZERO_BUDGET_PENDING
    has_budget = isinstance(budget, (int, float)) and budget > 0
    if has_budget and budget_beyond_project(budget):  # 999999999 万元 for a village road: no ceiling to copy
        return budget_beyond_text(budget)
    per_unit = (any(w in name for w in ("单位", "人均", "户均", "生均", "平均", "单价", "标准", "每"))
                or any(w in (r.eff_unit or "") for w in ("/", "每")))  # 元/亩: a rate, never the budget
    unit = r.eff_unit if r.eff_unit and "元" in r.eff_unit else ""
    # a number in a unit that is no money (培训成本 ≤50 人, COST-03) is no amount: 50 人 never becomes 50 万元
    counted = bool(r.eff_unit) and not unit and not r.pct and num is not None
    if "COST-02" in ids or num is None or (r.pct and not unit) or counted:
        if has_budget and not per_unit:
            return ("≤", _money_text(budget), "万元")  # the project's own budget
        if counted:
            n = fmt_num(num)
            return (f"待填写：成本指标值“{n}{r.eff_unit}”不是金额；请按预算测算填写（单位 元或万元），"
                    f"{n}{r.eff_unit}不能直接改作{n}元或{n}万元")
        return COST_PENDING if has_budget else COST_NEEDS_BUDGET
    if not unit and r.unit_tail[:1] in ("万", "亿", "千"):  # ≤5000万 with no unit: 5000 万元, never 5000 元
        unit = r.unit_tail[0] + "元"
    standard = bool(PAID_STANDARD_RE.search(name))
    if not unit and per_unit and not r.eff_unit:
        # trial 13: 户均补助标准 =2 with no unit beside “每户补助2万元” was ≤2元, 10,000× too small: the unit the text
        # states with that figure for the row's object (`stated_unit`), per what the name averages over (万元/户);
        # a text stating none leaves it to the declarant — 元 would be a guess
        said = stated_unit(r, name)
        part = per_unit_denominator(name)   # trial 18: 每吨… → 吨 (the one reader of a per-unit name)
        if "元" not in said and not part:
            said = standard_unit(r)   # trial 19: 单位成本 ≤4 beside “每户补助标准4万元” → 万元/户
        if "元" in said:
            unit = said if "/" in said or not part else f"{said}/{part}"
        else:
            # trial 18: 每吨垃圾清运单位成本 ≤85.7 beside “预算300万元…计划清运…3.5万吨”: 300 万元 ÷ 35000 吨 ≈ 85.7 元/吨 —
            # the row's own figure is the text's per-unit amount, so its unit is known; else the implied figure is said
            implied = implied_unit_cost(r, part) if part else None
            unit = next((f"{u}/{part}" for u, k in (("元", 1.0), ("万元", 1e-4))
                         if implied and abs(num - implied[0] * k) <= 0.01 * implied[0] * k), "")
            if not unit and not part and (den := implied_denominator(r, num)):
                # trial 20: 单位成本 ≤115 beside “改造建筑面积5.2万平方米…总投资600万元”: 600 万元 ÷ 52000 平方米 ≈ 115.4
                # 元/平方米 — the figure is the budget over that quantity, so the name's missing denominator is it
                unit = f"{den[0]}/{den[1]}"
            if not unit:
                units = f"元/{part}或万元/{part}" if part else "元或万元"
                hint = f"；按项目概况（{implied[1]}）测算约{implied_text(implied[0], part)}" if implied else ""
                return (f"待填写：指标值“{r.v}”没有计量单位，项目概况也没有写明这一金额的单位；"
                        f"请填写计量单位（{units}）{hint}")
    if not unit:
        unit = "元" if per_unit or num >= 1000 else "万元"
    if "COST-04" in ids and isinstance(budget, (int, float)):
        return ("≤", _money_text(float(budget)), "万元")
    # a standard paid per head or household is the amount each gets (=), as suggest writes it; a ceiling the
    # declarant wrote (≤, <) stays one
    op = "=" if standard and r.eff_op not in ("≤", "<") else "≤"
    return (op, _money_text(num), unit)


def implied_unit_cost(r: ParsedRow, part: str) -> tuple[float, str] | None:
    """(amount in 元 per `part`, how it is read: '预算300万元÷3.5万吨') the description implies for a per-unit cost:
    the budget (`budget_wan`, else the one the text states) over the one quantity the text plans in a unit that
    converts to `part` (3.5万吨 → 35000 吨, through `in_unit`); None when there is no budget, no such quantity, or
    several. A figure a past period reached (2024年共清运3.2万吨 in a 2025 text: `without_past_reports`,
    `past_reports`), the setting (全县现有…: `stock_figures`, `setting_figures`), a rate or a per-member figure is
    no planned quantity. Trial 18: 每吨垃圾清运单位成本 ≤85.7 with no unit beside 300 万元 and 3.5万吨."""
    budget = r.ctx.get("budget_wan") or r.ctx.get("budget_hint_wan")
    if not isinstance(budget, (int, float)) or budget <= 0 or not part or "·" in part:
        return None
    found: dict[float, str] = {}
    for x, unit in _planned_quantities(r):
        q = in_unit(x, unit, part) if units_compatible(unit, part) else None
        if q and q > 0:
            found.setdefault(q, f"{fmt_num(x)}{unit}")
    if len(found) != 1:
        return None
    q, said = found.popitem()
    return budget * 10000 / q, f"预算{_money_text(budget)}万元÷{said}"


def implied_denominator(r: ParsedRow, num: float) -> tuple[str, str, float, str] | None:
    """(money unit, what it is per, amount in 元 per it, how it is read) of a unit cost whose name names nothing it
    is per (单位成本 ≤115) when its figure is the budget over exactly one quantity the text plans, in 元 or 万元
    within 1 % (600万元 ÷ 5.2万平方米 ≈ 115.4 元/平方米 → 元, 平方米); the quantity in its unit without 万 / 亿 (5.2万平方米
    → 平方米). None when no planned quantity or several give the figure. Trial 20: a bare 单位成本 ≤115 beside
    “改造建筑面积5.2万平方米…总投资600万元” was advised 元或万元."""
    budget = r.ctx.get("budget_wan") or r.ctx.get("budget_hint_wan")
    if not isinstance(budget, (int, float)) or budget <= 0 or not num or num <= 0:
        return None
    found: dict[tuple[str, str], tuple[float, str]] = {}
    for x, unit in _planned_quantities(r):
        per = unit[1:] if unit[:1] in ("万", "亿") and len(unit) > 1 and in_unit(1.0, unit, unit[1:]) else unit
        q = in_unit(x, unit, per)
        if not q or q <= 0:
            continue
        yuan = budget * 10000 / q
        for money, k in (("元", 1.0), ("万元", 1e-4)):
            if abs(num - yuan * k) <= 0.01 * yuan * k:
                found.setdefault((money, per), (yuan, f"预算{_money_text(budget)}万元÷{fmt_num(x)}{unit}"))
    if len(found) != 1:
        return None
    (money, per), (yuan, said) = found.popitem()
    return money, per, yuan, said


def _planned_quantities(r: ParsedRow) -> list[tuple[float, str]]:
    """(number, unit) of each quantity the description plans: no figure a past period reached, of the setting, a
    rate, a per-member figure or an amount of money (`implied_unit_cost`)."""
    text = r.ctx.get("description") or ""
    if not text:
        return []
    desc = without_past_reports(text)
    for clause in past_reports(text, budget_year(r)):
        desc = desc.replace(clause, "")
    setting = {(x, unit) for x, unit, *_ in stock_figures(text)} | {(x, unit) for x, unit, *_ in setting_figures(text)}
    return [(x, unit) for _, x, unit, every, rate in stated_quantities(desc)
            if not (rate or every or (x, unit) in setting or "元" in unit)]


def implied_text(yuan: float, part: str) -> str:
    """An implied per-unit amount as said to the declarant: in 元 below 1 万 (85.71元/吨), else in 万元 (2万元/户)."""
    if yuan >= 10000:
        return f"{fmt_num(round(yuan / 10000, 4))}万元/{part}"
    return f"{fmt_num(round(yuan, 2))}元/{part}"


# the 待填写 reason of a cost beside a budget of 0 (COST-04): the ceiling waits for the budget
ZERO_BUDGET_PENDING = "待填写：资金总额为0万元，请先核实并填写项目预算，再按预算测算成本上限"


def budget_beyond_text(budget: float) -> str:
    """The 待填写 reason of a cost whose only ceiling is a budget above what any project costs."""
    return (f"待填写：资金总额{_money_text(budget)}万元超过了{PROJECT_COST_MAX.said}，"
            "请先核对预算金额（是否多写了几位，或把元写成了万元），再按预算测算成本上限")


def _money_text(x: float) -> str:
    """An amount to the fen it was stated in (387664.62 元 = 38.766462 万元), never rounded: four
    decimals made 38.7665 万元, above the budget, and COST-04 fired on the fixed table (D008, E031)."""
    return f"{x:.6f}".rstrip("0").rstrip(".")


# ours (round 14): a target verb before a stated rate (…路率为78%，力争年底提升至82%以上: 82 is the target, 78 now)
_RATE_GOAL_RE = re.compile(r"(?:提升至|提升到|提高至|提高到|增至|增长至|达到|达|不低于|不少于|保持在|稳定在)"
                           r"(?P<n>\d+(?:\.\d+)?)\s*%")


# a sentence of the plan (2025年计划…, 今年力争…) and a rate written right after the name it rates (合格率100%)
_PLAN_SENTENCE_RE = re.compile(r"计划|预计|力争|争取|目标|确保|今年|本年")
_BARE_RATE_RE = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s*%")


# a clause naming a measure of its own (another rate, 满意度, a 比例 or 占比): the figure in it is that measure's
_OTHER_MEASURE_RE = re.compile(r"率|满意度|满意率|比例|占比|比重")


def _own_clauses(rest: str) -> str:
    """The clauses after a rate's name up to one naming another measure (`_OTHER_MEASURE_RE`): …普及率由92%提高到94%，
    水质检测达标率不低于95% — the 95 is the other rate's (trial 13 got 普及率 ≥95 %); trial 20: 保险理赔兑付及时率100%，
    参保农户满意度不低于90% and 科学素质比例由12.5%提高到13.5%，参与群众满意度达到90%以上 — the 90 is 满意度's (REL-07
    read it as the rate's target and --fix wrote ≥90 % into a correct row)."""
    parts = re.split(r"([，,])", rest)
    out = parts[0]
    for i in range(1, len(parts) - 1, 2):
        if _OTHER_MEASURE_RE.search(parts[i + 1]):
            break
        out += parts[i] + parts[i + 1]
    return out


def stated_rate(text: str | None, name: str, year: int | None = None) -> float | None:
    """ours (round 14): the rate the description sets as the target of the rate a row names (优良中等路率 beside
    “优良中等路率为78%，力争年底提升至82%以上” → 82.0): the name written whole (its 括号 dropped) in the text, then,
    in the same sentence (up to 。；), the last rate after a target verb (提升至, 达到, 不低于 …; `_RATE_GOAL_RE`) —
    never the rate the sentence says is now (为78%). None when the text does not name it, or sets none, or two
    sentences set different ones. Round 16: a rate a past period reached is none — the clauses reporting it are left
    out (`kb.domain.years.past_report_parts`, `without_past_reports`' reader, with `year` the table's 预算年度):
    “上年度…抽检合格率达到92%” and “2024年…合格率达到92%” in a 2025 table say what was reached, not this year's
    target; a sentence naming the rate only in its past part takes the first goal its kept part sets (上年度…合格率为
    90%，今年力争达到96% → 96.0)."""
    base = PAREN_RE.sub("", name or "")
    if not text or len(base) < 3:
        return None
    found: set[float] = set()
    for sentence, kept in past_report_parts(text, year):
        t, now = compact(sentence)[0], compact(kept)[0]
        if base not in t:
            continue
        # the name in the part that reports no past: its clause after it; named only in the past part (上年度…
        # 合格率为90%，今年力争达到96%): the goal the kept part sets, which speaks of the same rate
        after = [_own_clauses(now[m.end():]) for m in re.finditer(re.escape(base), now)]
        for clause in after or [now]:
            goals = [to_float(g.group("n")) for g in _RATE_GOAL_RE.finditer(clause)]
            goals = [g for g in goals if g is not None and 0 < g <= 100]
            if not goals and after and _PLAN_SENTENCE_RE.search(now) and (bare := _BARE_RATE_RE.match(clause)):
                # trial 13: “2025年计划…，竣工验收合格率100%” — the rate written right after its name in a sentence of
                # the plan is its target (a rate said with 为 stays the present one)
                goals = [g for g in [to_float(bare.group("n"))] if g is not None and 0 < g <= 100]
            if goals:
                found.add(goals[-1] if after else goals[0])
    return found.pop() if len(found) == 1 else None


# a share of a population or area covered (suggest's vetting reads the same words): its base is the declarant's
_COVERAGE_RE = re.compile(r"覆盖率|普及率|入户率")
# a share of land under a cover (森林覆盖率, 植被覆盖率, 绿化覆盖率): no service's range to cover (trial 22: 森林覆盖率's
# advice spoke of “覆盖率的基数（应覆盖的范围）”), its target is a rate as any other
_LAND_COVER_RE = re.compile(r"(?:森林|植被|绿化|林草|绿地|林木|草原|草地|湿地)(?:综合)?覆盖率")


def share_over_whole_pending(r: ParsedRow, lib: float | None, op: str = "≥") -> str:
    """The 待填写 reason of a bounded rate set outside 0–100 % (QNT-07: 合格率 ≥120 %) whose kind has no whole target
    and whose description states none: the figure says nothing of the target, and the library's typical is only a
    hint (trial 20: --fix wrote an invented ≥98 %)."""
    out = "低于0" if r.num is not None and r.num < 0 else "超过100%"
    hint = f"指标库典型值{op}{fmt_num(lib)}%仅供参考，不照搬" if lib is not None else "不套用默认值"
    return (f"待填写：指标值{fmt_num(r.num) if r.num is not None else r.v}%{out}，比率只能在0–100%之间，"
            f"无法推断本意；请按项目计划填写“{r.name}”的目标值（%），{hint}")


def _rate_target(r: ParsedRow, ids: set[str], base: str, fam: str | None, num: float | None, direction: str | None,
                 typ: Any, s: CheckerSettings, name: str = "") -> tuple[str, str, str] | str:
    """A rate (%): 0 for a negative event, else its own figure, the one the description states, or — with a number of
    its own out of range — the library's, else the default of its kind; a rate with no number of its own (blank,
    words) that the description does not state is the 待填写 reason with the library's figure as a hint, unless that
    figure (or the default) is 100 %, a whole standard (suggest keeps = 100 % too). Also for a vague target (QNT-01: 对保障…正常运行的影响程度：效果明显, renamed …正常运行率), which has no figure
    of its own to keep: the default (≥90 %) would be made up, so it is the 待填写 reason saying what to fill."""
    per = "‰" if (r.eff_unit or "").strip() == "‰" else "%"   # 森林火灾受害率 in ‰ stays in ‰ (fresh trial)
    if num == 0 and direction != "pos" and r.eff_op in ("", "=", "≤", "<") and "QNT-09" not in ids:
        return ("=", "0", per)  # a zero target (变质比例 = 0) is kept: only its unit was missing
    if direction == "neg":
        if num is None or num >= (1000 if per == "‰" else 100) or "OP-04" in ids and num >= 50:
            return ("=", "0", per)
        return ("≤", fmt_num(num), per)
    op, dv = default_rate(base, s)
    if num is not None and 0 < num <= 1 and not r.pct and fam == "ratio":
        num = num * 100  # 0.97 written as a fraction
    v = num if num is not None and 0 < num <= 100 and not ({"QNT-09", "QNT-07"} & ids) else None
    if "QNT-07" in ids and r.num is not None:
        v = _ocr_ge(r)
        if v is not None:
            return ("≥", fmt_num(v), "%")
    if v is None and per == "%" and (said := stated_rate(r.ctx.get("description"), name or r.name, budget_year(r))) is not None:
        # round 14: 优良中等路率 ≥120 % (QNT-07) beside “力争年底提升至82%以上”: the text's 82, not the library's 80
        return ("=" if said == 100 else "≥", fmt_num(said), "%")
    lib = typ[1] if v is None and typ and 0 < typ[1] <= 100 and unit_fits("ratio", typ[2] or "%") else None
    if v is None and "QNT-07" in ids:
        # trial 20: 合格率 ≥120 % became the library's ≥98 %, a figure nobody stated. A share over its whole says
        # nothing of the target: = 100 % only for a kind whose real target is whole (验收合格率, 完成率: the
        # library's typical or the default of its kind is 100 %), else the declarant fills it in
        if (lib if lib is not None else dv) == 100:
            return ("=", "100", per)
        return share_over_whole_pending(r, lib, typ[0] if typ and typ[0] in ("≥", "=") else "≥")
    vague = "QNT-01" in ids or r.vague  # QNT-06 on the renamed row: the same words
    if v is None and num is None and (lib is None and vague or (lib if lib is not None else dv) < 100):
        # trial 17: a blank 社区老年助餐服务覆盖率 was proposed the library's ≥80 % (which suggest had refused), and
        # 就业率：提高 became ≥80 %; --fix wrote them in and the re-check passed an invented figure. A level the text
        # does not state is the declarant's (suggest's words, `kb.domain.units`); the library's figure is only a hint
        hint = (f"指标库典型值{typ[0] if typ[0] in ('≥', '=') else '≥'}{fmt_num(lib)}%仅供参考" if lib is not None
                else f"指标库没有可参照的典型值，不套用默认的{fmt_num(dv)}%")
        if vague:
            return VaguePending(f"待填写：指标值“{r.v}”无法考核；请按项目计划填写“{name or base}”的目标值（%），"
                                + (f"{hint}，不照搬" if lib is not None else hint))
        service = _COVERAGE_RE.search(name or base) and not _LAND_COVER_RE.search(name or base)
        return f"{COVERAGE_PENDING if service else RATE_PENDING}（{hint}）"
    if lib is not None:
        op, v = (typ[0] if typ[0] in ("≥", "=") else "≥"), lib
    if v is None:
        v = dv
    elif r.eff_op in ("≥", ">", "=") and v == r.num and not (
            {"OP-03", "OP-04", "QNT-08", "QNT-09", "QNT-11"} & ids):
        op = r.eff_op
    elif v != 100:
        op = "≥"
    if v == 100:
        op = "="
    if "QNT-11" in ids and r.rng is not None:
        lo, hi = sorted(r.rng)
        if lo < hi:
            return ("区间", f"{fmt_num(lo)}%~{fmt_num(hi)}%", "")
    return (op, fmt_num(v), "%")


def _count_target(r: ParsedRow, ids: set[str], hits: dict[str, Any], name: str, base: str, fam: str | None,
                  num: float | None, direction: str | None, typ: Any, stated: str = "") -> tuple[str, str, str] | None:
    """A count or other number: its own (≥ 1), else the library's, else 定性 for a text target; the unit picked
    (`stated`: the unit of a figure the description states for it, `stated_figure`)."""
    if num is None or "QNT-09" in ids:
        own = r.eff_unit
        if own and typ and typ[2] and units_conflict(own, typ[2]) and not _same_measure(own, typ[2]):
            typ = None  # 展期 in 户/万元 is not the library's =608天: another measure (dev E032)
        if typ and (fam is None or unit_fits(fam, typ[2] or "")):  # a library % is no target for a count
            if size_dependent(name, typ[2] or ""):  # the library's 100吨/日 is another project's size
                return SIZE_PENDING
            if "元" in (typ[2] or "") or "/" in (typ[2] or ""):
                # 残疾人收入 ≥10000元/人·年, 公用经费标准 =800元/生·年, 人均产粮增加 ≥290公斤/人 (dev D039,
                # E034, E002): a money figure or a figure per person is another project's, as a size is
                return _pending_in(typ[2])
            return (typ[0] or "≥", fmt_num(typ[1]), typ[2] or (default_unit(fam, name) if fam else ""))
        if num is None:
            if L.QUANT_NAME_RE.search(base) or fam is not None:
                # a blank 受益人口 in 户/人 counts persons all the same: the declarant states how many
                return SIZE_PENDING if not r.v and fam in SIZE_MEASURES else None
            if r.grade and r.op in ("定性", ""):
                if r.v in L.DEGREE_GRADES and r.op != "定性" and name.endswith("合规性"):
                    return ("定性", "合规", "")  # 经费支出合规性 较高: 合规 / 不合规 against the financial rules
                return ("定性", r.v, "")
            if not r.v and r.eff_unit and not is_time_unit(r.eff_unit):
                # a blank 续贷 in 户/万元: the unit says it is counted, a 定性 target would change what is measured
                return _pending_in(r.raw.unit.strip())
            if not r.v and _AMOUNT_END_RE.search(base):  # a blank 残疾人收入 (D039): an amount, never 定性
                return _pending_in("元或万元")
            if r.has_digit:  # 2023年预计在校生:小学600人,初中700人… (D058): its figures are the declarant's to pick
                return f"待填写：指标值“{r.raw.value.strip()}”含多个数或说明文字，请只填写一个目标值和计量单位"
            if r.op in ("定性", "") and L.checkable_result(r.v):  # 隐患全部消除: its words are the standard (trial 10)
                return ("定性", r.v, "")
            return ("定性", "合规" if name.endswith("合规性") else "达成年度指标", "")
        num = max(num, 1.0)
    hint = name_target_unit(hits) or stated
    unit = _pick_unit(r, name, base, fam, typ, hint)
    if not unit and thing_units(name or r.name):  # 发放培训教材 600: 册、本 or 套 is the declarant's (trial 14)
        return f"待填写：请填写“{name or r.name}”的计量单位（如 {'、'.join(thing_units(name or r.name))}），不要填人数的单位"
    if not unit:  # 学校发展能力 ≥100: no unit read from the row, the library or the name — none is invented
        return f"待填写：名称“{name}”看不出以什么计量，请填写计量单位（如 %、人、个、次）"
    mag = r.unit_tail[:1] if not r.unit and not r.emb_unit and r.unit_tail[:1] in ("万", "亿", "千") else ""
    if mag and unit not in ("%", "‰") and not unit.startswith(mag):
        # 培训人数 ≥5万 with no unit: 5 万人, never 5 人 (the magnitude is the declarant's, as the number is)
        if mag + unit in VALUE_UNITS:
            unit = mag + unit
        else:
            num = num * SCALES[mag]
    if direction == "neg":
        op = "≤"
    elif r.eff_op in ("≥", ">", "=") and not ({"OP-03", "OP-04", "QNT-09"} & ids):
        op = r.eff_op
    elif typ and typ[0] in ("≥", "=", ">"):
        op = typ[0]
    else:
        op = "≥"
    if "QNT-11" in ids and r.rng is not None:
        lo, hi = sorted(r.rng)
        if lo < hi:
            return ("区间", f"{fmt_num(lo)}~{fmt_num(hi)}", unit)
    return (op, fmt_num(num), unit)


# names of an amount of money a project brings or spends (…收入, …产值, …金额): measured in 元, never 定性
_AMOUNT_END_RE = re.compile(r"(?:收入|增收|产值|利润|销售额|营业额|交易额|税收|金额|资金|经费)$")


def _pending_in(unit: str) -> str:
    """The 待填写 reason of a figure the declarant states in `unit` (never the library's typical value)."""
    return f"待填写：按项目计划填写指标值（计量单位“{unit}”），不照搬指标库的典型值"


def _same_measure(a: str, b: str) -> bool:
    """Two written units measure one thing part by part (kg/人 ~ 公斤/人, 千米 ~ 公里): each part equal,
    of one unit family (`units_compatible`) or of one kind of `kb.domain.quantity.CONVERSIONS`."""
    pa, pb = re.split(r"[/·]", canon_unit(a)), re.split(r"[/·]", canon_unit(b))
    return len(pa) == len(pb) and all(x == y or units_compatible(x, y) or (kind_of(x) or 0) == (kind_of(y) or 1)
                                      for x, y in zip(pa, pb))


def _ocr_ge(r: ParsedRow) -> float | None:
    """'292' read from a scan is usually '≥92' (≥ misread as 2), the dev data's OCR notes."""
    t = r.num_text
    if r.num is not None and r.num > 100 and t.startswith("2"):
        rest = to_float(t[1:]) if len(t) > 1 else None
        if rest is not None and 0 < rest <= 100:
            return rest
    return None


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_CN_PERCENT_RE = re.compile(r"百分之([零〇一二两三四五六七八九十百]+)(?:点([零〇一二三四五六七八九]+))?")


def chinese_percent(v: str) -> float | None:
    """百分之九十五 → 95.0, 百分之九十八点五 → 98.5, 百分之百 → 100.0; None when `v` holds no such figure."""
    m = _CN_PERCENT_RE.search(v or "")
    if not m:
        return None
    t, total, cur = m.group(1), 0, 0
    for ch in t:
        if ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            cur = _CN_DIGITS[ch]
    total += cur
    if m.group(2):
        total += float("0." + "".join(str(_CN_DIGITS[c]) for c in m.group(2)))
    return float(total)


def _number(r: ParsedRow, ids: set[str], hits: dict[str, Any]) -> float | None:
    """The row's usable number after FEAS corrections (a 百分之… figure read as digits), or None."""
    if r.is_date:
        return None
    if r.num is None:
        return chinese_percent(r.v)
    num = r.num
    h = hits.get("FEAS-01")
    if h is not None and h.data and "raise_to" in h.data:
        num = float(h.data["raise_to"])
    if "FEAS-02" in ids:
        uc = number_of(r.ctx.get("unit_cost_yuan"))
        b = number_of(r.ctx.get("budget_wan"))
        if uc and b:
            num = float(math.floor(b * 10000.0 / uc))
    return num


def standard_unit(r: ParsedRow) -> str:
    """The unit of a per-unit amount whose name does not say per what (单位成本 ≤4, 单位成本 ≤4 万元) when the
    description states one standard (`kb.domain.standards.stated_standard`: “每户补助标准4万元”) and the row's number
    is that standard in 万元 or 元 (the row's money unit when it has one): '万元/户' (per period as well: 元/人·月);
    '' otherwise (the text states no standard, several, or another amount). Trial 19: UNIT-01 said the text gives
    no unit, and UNIT-05 advised generically, beside 每户补助标准4万元."""
    from kb.domain.standards import stated_standard

    desc = r.ctx.get("description")
    if r.num is None or r.pct or r.is_date or not desc:
        return ""
    std = stated_standard(desc)
    if std is None:
        return _read_standard_unit(r, desc)
    part = std.per + (f"·{std.period}" if std.period else "")
    have = (r.eff_unit or "").strip()
    for money, k in (("万元", 1.0), ("元", 1e4)):
        if have and have != money:
            continue
        if abs(r.num - std.amount_wan * k) <= 1e-9 * max(1.0, r.num):
            return f"{money}/{part}"
    return ""


def _read_standard_unit(r: ParsedRow, desc: str) -> str:
    """The unit of the row's number when the description states several standards and exactly one of them is that
    number in its own money unit (单位成本 ≤0.95 beside “按0.95元/吨…每吨250元” → '元/吨'), read by the one reader
    `kb.domain.standards.read_standards`; '' when none or several match, or the match says no per-part.

    ours (trial 23: UNIT-01 said the text wrote no unit for 0.95 beside “按0.95元/吨”)."""
    from kb.domain.quantity import read_numerals
    from kb.domain.standards import read_standards
    from kb.domain.text import normalize

    have = (r.eff_unit or "").strip()
    units = {f"{std.money}/{'·'.join(std.parts)}" for std in read_standards(read_numerals(normalize(desc)))
             if std.parts and std.low is None and (not have or have == std.money)
             and abs(r.num - std.amount) <= 1e-9 * max(1.0, r.num)}
    return units.pop() if len(units) == 1 else ""


def stated_unit(r: ParsedRow, name: str = "", among: tuple[str, ...] = ()) -> str:
    """The unit the description states with the row's own number for the thing the row names (修缮道路 = 12
    with no unit beside “计划修缮乡村道路12公里” → '公里'; 8.2 beside “清除淤泥8.2万立方米” → '万立方米'), read by
    FEAS-04's reader (`stated_quantities`: a shared two-character word between the name and the words around
    the figure); '' when none or when the text gives that number in several units (a fresh reviewer got
    UNIT-01's 待填写 beside 修缮道路12公里). `among`: only these units are read (the units of the object a name
    ends on, `thing_units`: 600册 for 发放培训教材 beside “培训600人”)."""
    desc = r.ctx.get("description")
    if r.num is None or r.pct or not desc:
        return ""
    names = bigrams(r.name_base or r.name) | bigrams(name)
    units = {unit for words, x, unit, *_ in stated_quantities(desc)
             if abs(x - r.num) <= 1e-9 * max(1.0, abs(x)) and names & set().union(*map(bigrams, words.split(" ")))
             and (not among or unit in among)}
    if not units:
        units = _clause_units(desc, r.num, names, among)
    return units.pop() if len(units) == 1 else ""


def _clause_units(desc: str, num: float, names: set[str], among: tuple[str, ...]) -> set[str]:
    """The units the description states with `num` (no rate per member or period) whose sentence part before it, back
    to the last 。 or ；, shares a word of two characters with the name other than a verb of work (`WORK_BIGRAMS`):
    “2.污泥无害化处置费，预计4200吨” → {'吨'} for 污泥处置量 4200 — the words `stated_quantities` keeps stop at the
    comma (“预计”). ours (trial 23: UNIT-01 left 污泥处置量 4200 待填写 beside 预计4200吨)."""
    names = names - WORK_BIGRAMS
    out: set[str] = set()
    for _, x, unit, _, rate in stated_quantities(desc):
        if rate or abs(x - num) > 1e-9 * max(1.0, abs(x)) or (among and unit not in among):
            continue
        for m in re.finditer(re.escape(fmt_num(x)) + r"\s*" + re.escape(unit), desc):
            part = re.split(r"[。；;]", desc[:m.start()])[-1]
            if names & bigrams(part):
                out.add(unit)
    return out


_NAME_UNIT_END_RE = re.compile(r"(?:学时|课时|小时|工作日|天数|公里|平方米|亩|吨|户次|人天)$")


# verbs of the work a count's name may open on (新建, 改造 …; `kb.domain.words.HOLD_VERBS`: 开展, 组织 …): two names
# sharing one count different objects, so `stated_figure` matches a figure by the object's words only
WORK_BIGRAMS = frozenset(("新建", "改建", "扩建", "建设", "改造", "维修", "修缮", "购置", "采购", "安装", "整治", "治理",
                           "修建", "加固", "配备", "铺设", "硬化", "完成", "计划", *HOLD_VERBS))


def stated_figure(r: ParsedRow, name: str = "", counted: bool = False,
                  per_member: bool = False) -> tuple[float, str] | None:
    """(number, unit) the description states for the thing a row with a word target names (新建错车道：若干 处
    beside “计划…新建错车道8处” → (8.0, '处')), read by the one reader of stated quantities (`stated_quantities`,
    as UNIT-01's `stated_unit` and FEAS-04 read them): a shared two-character word between the name and the
    words around the figure, a unit the row's unit converts from (the row's unit kept: 1.5万平方米 → 15000 平方米),
    never a figure per member or per period (每村2处). None when the row has no unit of a count (a sentence
    such as 管理到位,车辆停放有序 took a year, 2021年, from its text), when the text states none, or several
    different figures for it; a figure a past period reached (上届…, 2024年… in a 2025 text: `without_past_reports`) is
    none. None too for a row holding its 实际完成值 (a self-evaluation: the text reports what was
    done, 共开展抽查95批次 beside actual 95 — no target) and for a count of what should not happen (火灾起数: a figure
    stated for it is what happened, 共接报处置15起森林草原火灾, never a target). A figure the text gives as the
    setting (全县现有农村义务教育学校57所: REL-06's `stock_figures`) is none either: trial 12's STR-03 proposed
    ≥57所 for a blank 实施学校数量 and the fixed table then drew REL-06 on it. A 数量指标 with no unit whose name
    is a count (法律援助案件办理数量), or that the caller says is counted (`counted`: 工作站建设：完成), takes the figure
    in a plain counter (件, 个, 处) whose words share most of the name's (trial 21). With `per_member`, only the
    figures the text counts per member (每站 12场次, 每村2处) are read, by the same matching: the row's total is
    not one of them (trial 24), they only say why the row is left 待填写."""
    text = r.ctx.get("description") or ""
    if not text:   # no description, no figure (the readings of the text below come to '' on an empty one)
        return None
    own = r.eff_unit or r.unit
    info = name_info(name or r.name)
    # round 14: no unit, but a name whose measure is a size in units of its own (养护里程 → 公里, …面积 → 平方米):
    # the text's figure is taken in the unit the text states it (养护里程：有所提高 beside “共计612公里开展日常养护”)
    fam = info.family if not own and info.family in _NAMED_SIZE_MEASURES else None
    if not own and fam is None and _VOLUME_NAME_RE.search(info.base or name or r.name):
        fam = "volume"  # trial 15: 清淤土方：有所提高 beside “清淤土方3万立方米” — 土方 is measured in 立方米 / 方
    if not own and fam is None and (info.family == "count" or counted) and r.level2 is Level2.quantity:
        # trial 21: 法律援助案件办理数量：有所提高 beside “计划全年办理法律援助案件不少于600件” — a count named by its
        # object is that object's figure in a plain counter (件, 个, 处), the one sharing most of the object's words
        fam = "counter"
    named = _NAME_UNIT_RE.search(PAREN_RE.sub("", r.name_base or r.name)) if not (own or fam) else None
    if named and r.level2 is Level2.quantity:
        # trial 22: 禁毒宣传活动场次：有所提高 beside “…活动不少于120场次” — the name ends on the count's unit itself
        own = named.group(1)
    if not (own or fam) or own and (is_time_unit(own) or canon_unit(own) in ("%", "‰")):
        return None  # a sentence with no unit (管理到位,环境卫生整洁 …) is no count left unwritten
    # what a past period reached is no target (2024年馆内到馆读者12.3万人次 was offered for a 2025 row, trial 7)
    desc = without_past_reports(text)
    # trial 13: a clause reporting a past period inside a sentence on the setting (…143处，2024年已完成维修养护工程35处)
    # is no target either (`without_past_reports` cuts only sentences opening on the past; `past_reports` both)
    for clause in past_reports(text, budget_year(r)):
        desc = desc.replace(clause, "")
    if not desc:
        return None
    if (r.raw.actual or "").strip() or info.direction == "neg":
        return None
    # the object's words, not the work's: 新建会车平台 shares 新建 with “新建错车道8处” and is not that object
    names = (bigrams(PAREN_RE.sub("", r.name_base or r.name)) | bigrams(name)) - WORK_BIGRAMS
    found: set[tuple[float, str]] = set()
    setting = {(x, unit) for x, unit, *_ in stock_figures(r.ctx.get("description") or "")}
    setting |= {(x, unit) for x, unit, *_ in setting_figures(r.ctx.get("description") or "")}   # round 18
    best, head = 0, _object_head(r.name_base or r.name) if fam == "counter" else ""
    for words, x, unit, every, rate in stated_quantities(desc):
        if rate != per_member or every or (x, unit) in setting or not names & set().union(*map(bigrams, words.split(" "))):
            continue
        if fam == "counter":   # a plain counter only (not money, a size, persons or a time); most shared words win
            # and the object itself named by the figure (法律援助案件 is no 法律援助工作站2个)
            if kind_of(unit) is None and not is_time_unit(unit) and "元" not in unit and head and head in words:
                shared = len(names & set().union(*map(bigrams, words.split(" "))))
                if shared > best:
                    best, found = shared, set()
                if shared == best:
                    found.add((x, unit))
            continue
        if fam == "volume":  # `unit_fits` knows no volume: the unit's own kind (立方米, 万方 …)
            if kind_of(unit) == "volume":
                found.add((x, unit))
            continue
        if fam is not None:
            if unit_fits(fam, unit):
                found.add((x, unit))
            continue
        y = in_unit(x, unit, own) if units_compatible(unit, own) else None
        if y is not None:
            found.add((y, own))
    if len(found) > 1:
        whole = _whole_named(desc, names, found)
        if whole is not None:
            return whole
    return found.pop() if len(found) == 1 else None


def whole_and_parts(desc: str) -> list[tuple[float, str, str, list[tuple[float, str]]]]:
    """(number, unit, words, parts) of each total the description splits with 其中 into parts in its unit that
    sum to it (trial 22: “重点对象危房改造85户，其中C级危房加固改造55户、D级危房拆除重建30户” → 85 户 with parts
    [(55, …words), (30, …words)]); `words` are `stated_quantities`' words around each figure. Parts are the
    quantities right after the total in the same unit, not rates, until their sum reaches it; [] when none."""
    if "其中" not in desc:
        return []
    qs = [q for q in stated_quantities(desc) if not q[4] and not q[3]]
    out = []
    for i, (words, x, unit, _e, _r) in enumerate(qs):
        tail = desc[desc.find(fmt_num(x) + unit):][:len(fmt_num(x) + unit) + 4] if fmt_num(x) + unit in desc else ""
        if "其中" not in tail:
            continue
        parts, total = [], 0.0
        for w, y, u, _e2, _r2 in qs[i + 1:]:
            if u != unit or total + y > x + 1e-9:
                break
            parts.append((y, w))
            total += y
            if abs(total - x) <= 1e-9 * max(1.0, x):
                break
        if len(parts) >= 2 and abs(total - x) <= 1e-9 * max(1.0, x):
            out.append((x, unit, words, parts))
    return out


def _whole_named(desc: str, names: set[str], found: set[tuple[float, str]]) -> tuple[float, str] | None:
    """The total of `whole_and_parts` when the row's words (`names`) name none of the parts' own words (those not
    in the total's): 农村危房改造户数 beside “85户，其中C级…加固改造55户、D级…拆除重建30户” is the 85 (trial 22);
    D级危房拆除重建户数 names 拆除, a part's own word, and is left to the caller's reading. None otherwise."""
    for x, unit, words, parts in whole_and_parts(desc):
        if (x, unit) not in found:
            continue
        whole_words = set().union(*map(bigrams, words.split(" ")))
        own = set().union(*(set().union(*map(bigrams, w.split(" "))) - whole_words for _y, w in parts))
        if not names & own:
            return x, unit
    return None


_COUNT_END_RE = re.compile(r"(?:数量|件数|个数|次数|总数|数)$")


def _object_head(name: str) -> str:
    """The last two characters of the object a count's name counts: 法律援助案件办理数量 → 案件, 法律援助工作站建设 →
    作站 (the count word and trailing work words such as 办理 or 建设 dropped); '' when nothing is left."""
    t = _COUNT_END_RE.sub("", PAREN_RE.sub("", name or ""))
    while len(t) >= 4 and (t[-2:] in WORK_BIGRAMS or t[-2:] in ("办理", "设立", "开展", "提供")):
        t = t[:-2]
    return t[-2:] if len(t) >= 2 else ""


# measures a name states with units of their own (里程 in 公里, 面积 in 平方米/亩, 人数 in 人): a figure the text
# states in such a unit is the row's size even when its unit cell is empty (a count's 个 / 处 is not named)
_NAMED_SIZE_MEASURES = frozenset(("length", "area", "persons", "person_times", "households"))
# ours (trial 15): a name ending on an earthwork or a volume (清淤土方, 土石方量, 蓄水容积) is a size in 立方米 / 方,
# read only here — `measure_of` does not say it, and the suggest side's families stay as they are
_VOLUME_NAME_RE = re.compile(r"(?:土方|土石方|石方|方量|体积|容积)量?$")


def _pick_unit(r: ParsedRow, name: str, base: str, fam: str | None, typ: Any, hint: str = "") -> str:
    """Unit of a rewritten count: the unit the name wrote with the target (`hint`), the row's own, the unit
    the description states with the same number for the same thing (`stated_unit`), the library's, one
    named in the name, 次 for a 次数, else the default of the name's family; % for a surveyed share
    (安全感 ≥90); '' when nothing says what the name counts (the caller leaves it 待填写). A name ending on an
    object (发放培训教材: `kb.domain.things.thing_units`) takes from the text or the library only a unit that
    counts that object, its one unit when only one does (购置车辆 → 辆), else '' (trial 14: the text's
    “培训600人” gave 发放培训教材 600 the unit 人)."""
    things = thing_units(name or r.name)
    for u in (hint, r.emb_unit, r.unit, None):
        if u is None:  # the description is read only when the row's own units do not do
            u = stated_unit(r, name, things)
            if things and u not in things:
                continue
        elif things and u and u not in things and person_unit(u):
            continue   # round 18: 教材 ≥600 人 (UNIT-02): the row's own unit of people counts no thing either
        if u and (fam is None or unit_fits(fam, u)) and u not in ("%", "‰") and "元" not in u:
            return u.replace("*", "·")
    if typ and typ[2] and (fam is None or unit_fits(fam, typ[2])) and (not things or typ[2] in things):
        return typ[2]
    if things:
        return things[0] if len(things) == 1 else ""
    u = _unit_from_name(name)
    if u:
        return u
    m = _NAME_UNIT_END_RE.search(base)
    if m and fam is None:
        return m.group()
    if _TIMES_END_RE.search(base):  # 培训次数, 检查频次: counted in 次 (a count's default 个 says nothing)
        return "次"
    if fam:
        return default_unit(fam, name)
    if _TIMES_RE.search(base):
        return "次"
    if _SURVEYED_RE.search(base) and r.num is not None and 0 < r.num <= 100:
        return "%"  # 群众安全感 ≥90, 政策知晓度 ≥85: a surveyed share
    return ""


# ------------------------------------------------------------------ goal rows
def rewrite_goal(r: ParsedRow, items: list[dict[str, str]]) -> RowRewrite:
    """Goal text rebuilt from the table's quantified indicators (GOAL-01/02)."""
    parts: list[str] = []
    for f in items:
        if f.get("level1") not in ("产出指标", "效益指标", "满意度指标"):
            continue
        t = f"{f['name']}{'' if f['operator'] in ('', '定性') else f['operator']}{f['value']}{f['unit']}"
        if not re.search(r"\d", t) or L.GOAL_ACT_RE.search(t):
            continue
        parts.append(t)
        if len(parts) >= 6:
            break
    if not parts:
        return RowRewrite(None, "目标文字无法量化，且表内没有可引用的量化指标")
    text = "本年度实现：" + "；".join(parts) + "。"
    return RowRewrite({"level1": r.raw.level1.strip(), "level2": "", "name": text, "operator": "",
                       "value": "", "unit": ""})


class RowView:
    """A light stand-in for `TargetRow` with some fields replaced (what `ParsedRow` reads), for re-checks."""

    __slots__ = ("level1", "level2", "name", "operator", "value", "unit", "weight", "actual")

    def __init__(self, raw: Any, fields: dict[str, str]):
        g = fields.get
        self.level1 = g("level1", raw.level1)
        self.level2 = g("level2", raw.level2)
        self.name = g("name", raw.name)
        self.operator = g("operator", raw.operator)
        self.value = g("value", raw.value)
        self.unit = g("unit", raw.unit)
        self.weight = raw.weight
        self.actual = raw.actual


def as_target_row(raw: Any, fields: dict[str, str]) -> RowView:
    """The raw row with `fields` replaced (weight, actual … kept), as a light view."""
    if None not in fields.values():
        return RowView(raw, fields)
    return RowView(raw, {k: ("" if v is None else str(v)) for k, v in fields.items()})
