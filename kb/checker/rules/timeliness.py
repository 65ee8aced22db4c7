"""TIME rules (TIME-01 … TIME-05, and our TIME-06, TIME-07): deadlines of 时效指标.

Detection follows ../shared/data/rules/RULES.md §5.5. A 时效 row is one whose
二级指标 says 时效 / 工期 / 进度. "2025年12月31日前完成" is a deadline and is
never flagged as vague. Not for rewrites.
"""
from __future__ import annotations

import calendar
import re
from functools import lru_cache

from kb.checker.catalog import TARGET, CACHES, RuleHit, rule
from kb.checker.fixes import fmt_num
from kb.checker.parse import YEAR_END_DEADLINE_RE, ParsedRow, valid_date
from kb.checker.rules.quantification import is_time_01, is_time_01_floor, is_time_02, is_time_05
from kb.domain.words import PAYMENT_VERBS
from kb.settings import CheckerSettings


@rule("TIME-01", needs="time", retarget=True)
def time_01(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """时效 value such as 及时 / 按时 / 年内 / 按计划 with no date, period or rate.

    ours: also a duration with ≥ / > (“≥1年”): it bounds the time from below and
    so sets no time limit either.
    """
    if is_time_01(r):
        return RuleHit("value", f"时效指标值“{r.v}”没有日期或期限，无法核验")
    if is_time_01_floor(r):
        return RuleHit("value", f"时效指标值“{r.eff_op}{fmt_num(r.num)}{r.eff_unit}”只规定了时间下限，不是完成时限")
    if yearless_deadline(r):
        if _THIS_YEAR_RE.search(r.v):   # trial 22: suggest's own 当年11月30日前 beside a text planning 2025
            return RuleHit("value", f"时效指标值“{r.v}”只写了“当年”，没有写明年份（本表为{plan_year(r)}年）")
        return RuleHit("value", f"时效指标值“{r.v}”没有写明年份，无法核验是哪一年的时限")
    return None


# ours (trial 17): the year's end said in words with no year (年底前, 年末, 年终前)
_THIS_YEAR_RE = re.compile(r"当年|本年|年度")   # 当年12月31日前 names the budget year (STR-10's row without a year)
# a month's end or day and nothing else, or with the work's completing verb (9月底, 9月30日, 9月底完成)
_BARE_MONTH_DATE_RE = re.compile(r"^(?:在|于)?\d{1,2}月(?:底|末|\d{1,2}日)(?:完成|完工|建成|竣工|实施完毕|验收)?$")
_YEARLESS_END_RE = re.compile(r"^(?:在|于)?(?:年底|年末|年终)(?:之前|以前|前)?(?:完成|完工|建成|竣工|实施完毕|验收)?$")


def plan_year(r: ParsedRow, schedule: bool = True) -> int | None:
    """The year the row's table plans for: its 预算年度, else the one its project's name or description plans for
    (`kb.domain.years.planned_year`, the one plan-year reader), else (with `schedule`) the one year the description
    dates a month of (2025年4月开工); None when nothing says it."""
    from kb.domain.years import planned_year

    desc = r.ctx.get("description") or ""
    y = budget_year(r) or planned_year(r.ctx.get("project"), desc)
    if y is None and schedule:   # trial 22: “建成于2000年前…工程于2025年4月开工，11月30日前完工” — the year of the dated schedule
        dated = {int(x) for x in _DATED_YEAR_RE.findall(desc)}
        y = dated.pop() if len(dated) == 1 else None
    return y


# a year the description dates a month of (2025年4月开工): the schedule's year, not a year of the setting (2000年前)
_DATED_YEAR_RE = re.compile(r"((?:19|20)\d{2})年\d{1,2}月")


def yearless_deadline(r: ParsedRow) -> tuple[int, int] | None:
    """(month, day) of a 时效 deadline that names no year: 年底前 → (12, 31), 12月31日前 → (12, 31), 11月底前 →
    (11, 30); None for a dated one, a period, a span of the year, a bound from below or no date.

    ours (trial 17): “年底前” passed while “按时完成” was TIME-01 — which year's end is as unverifiable as 按时;
    本年度内完成 / 当年完成 name the budget year and pass (`parse.YEAR_END_DEADLINE_RE`)."""
    if not r.timeliness or not r.is_date or r.years or r.is_period or r.full_year or "旬" in r.v:
        return None
    if _THIS_YEAR_RE.search(r.v) and not (r.has_digit and plan_year(r, schedule=False)):
        # 当年 names the budget year when the table gives none; with one known (its 预算年度, or the plan year the text
        # states — the reader suggest writes its dates by, so a suggested 当年 is one it could not date), the year is
        # written (trial 22)
        return None
    if not r.has_digit:
        return (12, 31) if _YEARLESS_END_RE.match(r.v) else None
    # trial 24: a bare 9月底 / 9月30日 in a 时效 row is the deadline as much as 9月底前 (设备安装完成时间 9月底); a
    # date with more words (12月底到位) is left as a stated time point, as the labelled real case R055 reads it
    if len(r.dates) != 1 or not (r.eff_op == "≤" or (r.eff_op in ("=", "") and _BARE_MONTH_DATE_RE.match(r.v))):
        return None
    _, m, d = r.dates[0]
    if not 1 <= m <= 12:
        return None
    last = calendar.monthrange(2001, m)[1]   # a year of 28-day February: 2月29日 is TIME-03's to judge
    return (m, d if d is not None else last) if d is None or valid_date(2001, m, d) or (m, d) == (2, 29) else None


@rule("TIME-02", needs="time", retarget=True)
def time_02(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """时效 value that only restates the budget year (1月-12月, 全年, 当年, or a duration of 1年 / 12个月)."""
    if is_time_02(r):
        shown = r.v + (r.unit if r.unit and not r.emb_unit and not r.is_date else "")
        return RuleHit("value", f"时效指标值“{shown}”只复述了预算年度，没有完成节点")
    return None


@rule("TIME-03", needs="date", retarget=True)
def time_03(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """A date that does not exist (month > 12, 2月30日 …)."""
    for y, m, d in r.dates:
        if not valid_date(y, m, d):
            shown = f"{y}年" if y else ""
            shown += f"{m}月" + (f"{d}日" if d is not None else "")
            return RuleHit("value", f"日期“{shown}”不存在")
    return None


def budget_year(r: ParsedRow) -> int | None:
    y = r.ctx.get("budget_year")
    try:
        return int(y) if y not in (None, "") else None
    except (TypeError, ValueError):
        return None


_PERIOD_WORD = r"(?:实施期限?|实施周期|实施时间|项目周期|项目期限|服务周期|服务期限?|建设周期|建设期限?|执行期限?|工期)"
_YM = r"((?:19|20)\d{2})年?(?:[-./]?\d{1,2}月?(?:[-./]?\d{1,2}[日号]?)?)?"
_DECLARED_PERIOD_RE = re.compile(_PERIOD_WORD + r"[:：为是]?[^，。；,;\d]{0,4}" + _YM + r"(?:份)?(?:-|~|～|—|至|到)" + _YM)


@lru_cache(maxsize=4096)
def declared_period(text: str | None) -> tuple[int, int] | None:
    """(first year, last year) of the implementation period a description states, or None.

    “实施期2023.07-2024.01”, “项目周期：2024年3月至2025年2月”, “服务周期2023-2024年”.
    A project whose declared period crosses the year end may set deadlines in
    the following year (TIME-04 is silent on them).
    """
    if not text:
        return None
    m = _DECLARED_PERIOD_RE.search(text)
    if not m:
        return None
    a, b = int(m.group(1)), int(m.group(2))
    return (a, b) if a <= b else None


CACHES.append(declared_period.cache_clear)


@rule("TIME-04", needs="date", retarget=True)
def time_04(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """A year in the deadline differs from the budget year (needs context budget_year).

    Years inside the implementation period the context declares
    (`period_years`, or stated in the description: `declared_period`) are
    accepted: a cross-year project's deadline may fall in the next year.
    """
    by = budget_year(r)
    if by is None or not r.years:
        return None
    c = r.ctx
    period = c.get("period_years") or declared_period(c.get("description"))
    ok = range(period[0], period[1] + 1) if period and period[0] <= by <= period[1] else (by,)
    other = [y for y in r.years if y not in ok]
    if other:
        said = stated_over_late(r)
        if said is not None:  # trial 14: 2026年3月底前 beside “2025年10月底前完成” — two promises, the text's in the year
            return RuleHit("value", f"时限年份{other[0]}年不是预算年度{by}年，且与项目概况写明的时限（{said[1]}）"
                                    "不一致；请按概况填写，或在申报说明中写明调整的原因", {"stated": said[0]})
        return RuleHit("value", f"时限年份{other[0]}年不是预算年度{by}年；跨年目标应列入中期目标")
    return None


def stated_over_late(r: ParsedRow) -> tuple[str, str] | None:
    """(date, shown) of the deadline the description states in the budget year for the work a 时效 row with a
    later year dates (`rewrite.stated_work_deadline`, as TIME-06 reads it: 培训完成时间 2026年3月底前 beside
    “2025年10月底前完成” → ('2025年10月31日前', '2025年10月31日前：2025年10月底前完成')); `shown` is the date with
    what the text says of it. None when the text states none, the row times a payment, or the row's work follows
    the project's completion (验收, 结算 may fall later)."""
    from kb.checker import rewrite as rw  # the rewrite module imports this family's helpers

    by = budget_year(r)
    if by is None or not late_years(r) or rw.pays_on_time(r.name) or rw.PAY_DATE_NAME_RE.search(r.name):
        return None
    said = rw.stated_work_deadline(r.ctx.get("description"), by, r.name)
    if said is None:
        return None
    date, why, clause = said
    if why == "project" and any(w in rw.AFTER_DONE for w in rw.work_of(r.name)):
        return None
    return date, (f"{date}：{clause}" if clause else date)


def late_years(r: ParsedRow) -> list[int]:
    """Years of the row's deadline after the budget year (a cross-year target), [] when none or no year."""
    by = budget_year(r)
    return [y for y in r.years if by is not None and y > by]


@rule("TIME-05", needs="time", fields=("name",) + TARGET, retarget=True)
def time_05(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """时效 rate (及时率, 按时发放率 …, a % or bare number): the deadline behind “及时” is undefined.

    A duration (维护及时性 < 24 小时) defines it and is not flagged.
    """
    if is_time_05(r):
        return RuleHit("name", f"“{r.name}”未说明“及时”的具体期限")
    return None


# ours: the budget year's end said in words in a 时效 value (年底前, 年末前, 年内完成)
_YEAR_END_WORD_RE = re.compile(r"^(?:在|于)?(?:本|当)?(?:年底|年末|年终)(?:之前|以前|前)?")


def row_deadline(r: ParsedRow) -> tuple[int, int, int] | None:
    """(year, month, day) of the one deadline a 时效 row's value sets in the budget year (a month alone: its last
    day; 年底前 / 年内完成: 12月31日), None for a period, a year outside the budget year (TIME-04's), a date
    that does not exist (TIME-03's), a 旬, a bound from below (≥) or no date."""
    by = budget_year(r)
    if by is None or r.is_period or r.full_year or r.eff_op in ("≥", ">") or "旬" in r.v:
        return None
    if r.dates:
        if len(r.dates) > 1:
            return None
        y, m, d = r.dates[0]
        y = y or by
        if y != by or not 1 <= m <= 12:
            return None
        d = d if d is not None else calendar.monthrange(y, m)[1]
        return (y, m, d) if valid_date(y, m, d) else None
    if r.is_date and not r.has_digit and (YEAR_END_DEADLINE_RE.match(r.v) or _YEAR_END_WORD_RE.match(r.v)):
        return (by, 12, 31)
    return None


def _covers_later_than_done(r: ParsedRow, h: RuleHit) -> tuple[str, ...]:
    """TIME-06 on a row (its date against the description's) makes TIME-07 on it (against a completion row)
    redundant: one date to correct, one finding."""
    return ("TIME-07",)


@rule("TIME-06", needs="time", retarget=True, covers=_covers_later_than_done)
def time_06(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """ours: a 时效 deadline other than the one the description (项目概况) states for the same work (完工时间 年底前
    beside “2025年10月底前完工”; 2025年4月底前 beside 6月底前): the table and the 申报说明 promise two dates,
    and a reviewer cannot tell which one will be assessed. The stated date is `rewrite.read_work_deadline`'s,
    taken only when the text says what it dates (`rewrite.stated_work_deadline`): a clause naming the row's
    work (any other date is flagged), or the project's completion — then a row dating the whole project
    (完工时间, 项目完成时间) is flagged for any other date, a row dating one work only for a date after it
    (a part may finish earlier; a work that follows completion — 验收, 结算 — is never compared). A row timing
    a payment, a period, or a year outside the budget year (TIME-04) is not compared. The fix writes the stated
    date. ours (trial 17): the stated date itself on a row that dates a service's completion, where the text
    says the date is the service's start (投入运营, 开放, 开业: `opening_name`), is flagged too — the row dates the
    opening, and the fix renames it so (老年助餐服务完成时间 → 助餐点投入运营时间), the date kept. ours (values round
    23): a date the same clause states too is never flagged (春秋两季集中免疫分别于5月31日和11月30日前完成: the spring
    stage's 5月31日前 beside the read 11月30日). Basis: 本工具的核对规则, after 财预〔2015〕88号's 审核 of 相关性 (绩效目标与项目内容相符)."""
    from kb.checker import rewrite as rw  # the rewrite module imports this family's helpers

    if rw.pays_on_time(r.name) or rw.PAY_DATE_NAME_RE.search(r.name):
        return None
    mine = row_deadline(r)
    if mine is None:
        return None
    said = rw.stated_work_deadline(r.ctx.get("description"), mine[0], r.name)
    if said is None:
        return _whole_before_part(r, mine)
    date, why, clause = said
    stated = rw.deadline_date(date)
    if stated is None:
        return None
    stated = (stated[0] or mine[0], stated[1], stated[2])
    if stated == mine:
        opening = opening_name(r.name, date, clause)
        if opening is None:
            return None
        return RuleHit("name", f"时限“{r.v}”是项目概况写明的{opening[:-2]}的时间（{clause}），服务在此后持续提供，"
                               f"不是“{r.name}”：本行计量的是{opening}", {"name": opening})
    work = rw.work_of(r.name)
    if why == "project" and work and (mine < stated or any(w in rw.AFTER_DONE for w in work)):
        return None  # one work done before the project's completion, or a work that follows it
    if clause and re.search(rf"(?<!\d){mine[1]}月{mine[2]}日", clause):
        return None   # the clause states the row's date too: each stage's (春秋两季集中免疫分别于5月31日和11月30日前完成)
    shown = f"{date}：{clause}" if clause else date
    return RuleHit("value", f"时限“{r.v}”与项目概况写明的时限（{shown}）不一致；请按概况填写，"
                            "或在申报说明中写明调整的原因")


def later_part_deadline(r: ParsedRow) -> tuple[str, str] | None:
    """(date, clause) of the latest deadline the description states in a year after the row's for the work a 时效
    row dates (trial 22): the row's work named in the clause (疫木处置完成时间 beside “疫木处置于2026年3月底前完成”),
    or the whole project (a completion name with no work of its own, or one whose work words are all in the
    project's name: 林业有害生物防治完成时间 in 2025年林业有害生物防治经费), which cannot be complete before a part of
    its work is. Not a clause of a payment or of a work that follows completion (验收, 结算 …); None when the row
    has no deadline in the budget year (`row_deadline`) or the text states no such later date."""
    from kb.checker import rewrite as rw

    mine = row_deadline(r)
    desc = r.ctx.get("description") or ""
    if mine is None or not desc or not _DONE_NAME_RE.search(r.name) or _times_payment_or_later_work(r.name):
        return None
    work = rw.work_of(r.name)
    project = r.ctx.get("project") or r.ctx.get("project_name") or ""
    whole = all(w in project for w in work)
    late = []
    for date, m in rw._stated_deadlines(desc, None, spans=True):
        d = rw.deadline_date(date)
        clause = rw.clause_around(desc, m)
        if (d is None or d[0] is None or d[0] <= mine[0] or any(w in clause for w in rw.AFTER_DONE)
                or any(v in clause for v in PAYMENT_VERBS)):
            continue
        if whole or sum(w in clause for w in work) * 2 >= len(work):
            late.append((d, date, clause))
    if not late:
        return None
    _d, date, clause = max(late)
    return date, clause


def _whole_before_part(r: ParsedRow, mine: tuple[int, int, int]) -> RuleHit | None:
    """TIME-06 (trial 22) on a deadline in the budget year before the one the description states in a later year for
    the row's work or a part of the whole project (`later_part_deadline`); the fix writes the text's date."""
    said = later_part_deadline(r)
    if said is None:
        return None
    date, clause = said
    return RuleHit("value", f"时限“{r.v}”早于项目概况写明的时限（{date}：{clause}），工作到那时才完成；"
                            "请按概况填写，或在申报说明中写明调整的原因", {"stated": date})


# ours (trial 17): the start of a service the description dates (助餐点须于2025年6月30日前全部投入运营), and a row's
# name that dates a service's completion (老年助餐服务完成时间) rather than that start
_OPENING_RE = re.compile(r"投入运营|投入使用|建成运营|正式运营|开业|对外开放|开放|开园|启用|开通")
_SERVICE_DONE_RE = re.compile(r"服务(?:完成|完工)?(?:时间|日期|时限)$")
_SUBJECT_TAIL_RE = re.compile(r"(?:须|应|需|将|要|计划|确保|力争|均|全部)*(?:于|在)?$")


def opening_name(name: str, date: str, clause: str) -> str | None:
    """The name a 时效 row should have when the date it carries is the one the description gives for a service's
    start (“助餐点须于2025年6月30日前全部投入运营” → '助餐点投入运营时间') while the row's name dates the service's
    completion (老年助餐服务完成时间): a service runs on after it opens (全年累计服务…), so that date completes
    nothing. None when the clause states no opening after its date, the row does not name a service's completion
    (or names the opening itself), or the clause names nothing before its date to name the row by."""
    if not clause or not _SERVICE_DONE_RE.search(name) or _OPENING_RE.search(name):
        return None
    m = re.search(r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}[日号]|底|末)?(?:之前|以前|前)", clause)
    if m is None:
        return None
    verb = _OPENING_RE.search(clause, m.end())
    subject = _SUBJECT_TAIL_RE.sub("", clause[:m.start()])
    subject = re.split(r"[，,；;。]", subject)[-1]
    if verb is None or len(subject) < 2:
        return None
    return f"{subject}{verb.group()}时间"


# a 时效 row's name that dates the whole project's completion (项目完成时间, 完工时间, 项目竣工日期), not one work
_DONE_NAME_RE = re.compile(r"完成|完工|竣工|实施完毕")
PROJECT_DONE = "project_done"  # ctx key: (row number, name, value as written, (y, m, d)) of the completion row


def _times_payment_or_later_work(name: str) -> bool:
    from kb.checker import rewrite as rw  # the rewrite module imports this family's helpers

    return (rw.pays_on_time(name) or bool(rw.PAY_DATE_NAME_RE.search(name))
            or any(w in rw.AFTER_DONE for w in rw.work_of(name)))


def project_completion(rows: list[ParsedRow]) -> tuple[int, str, str, tuple[int, int, int]] | None:
    """(row number, name, value as written, (y, m, d)) of the earliest deadline among the 时效 rows that date
    the whole project's completion (a name saying completion and no particular work: 项目完成时间, 完工时间,
    `rewrite.work_of` empty), with a single date in the budget year (`row_deadline`); None when no such row.
    `engine.check_table` puts it in the context under `PROJECT_DONE` for TIME-07."""
    from kb.checker import rewrite as rw

    best = None
    for r in rows:
        if r.goal or not r.tags[3] or not _DONE_NAME_RE.search(r.name) or rw.work_of(r.name):
            continue
        if _times_payment_or_later_work(r.name):
            continue
        d = row_deadline(r)
        if d is not None and (best is None or d < best[3]):
            best = (r.idx, r.name, f"{r.raw.operator or ''}{r.raw.value or ''}".strip(), d)
    return best


@rule("TIME-07", needs="time", advice="核对两个时限：各项工作应在项目完成时间之前完成；按实施方案或合同约定的日期，"
                                      "把两行改为一致（或在申报说明中写明项目完成后仍要进行的工作）")
def time_07(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """ours: a 时效 row's deadline later than the project's own completion date another row of the table gives
    (工程完工时间 ≤2025年10月31日 or 道路改造完成时间 12月31日前 beside 项目完成时间 2025年9月30日前): the table
    promises the project done before its work is, and a reviewer cannot tell which date will be assessed.
    The completion is `project_completion`'s (the earliest such row; the context's `PROJECT_DONE`); only a
    row naming a particular work is compared (a second row dating the completion itself, 完工时间 beside
    项目完成时间, is STR-12's one completion dated twice); a row timing a payment or a work that follows
    completion (验收, 结算, 审计 …), a period,
    a bound from below or a date outside the budget year (TIME-04's) is not compared. Advice only: which of
    the two dates holds is the declarant's to say. The description's own date is TIME-06's (it covers this
    rule on the same row). Basis: 本工具的核对规则, after 财预〔2015〕88号's 审核 of 相关性 (绩效目标与项目内容相符)."""
    from kb.checker import rewrite as rw

    done = r.ctx.get(PROJECT_DONE)
    if done is None or done[0] == r.idx or not rw.work_of(r.name):
        return None  # two rows dating the completion itself, with two dates, are STR-12's (one completion twice)
    mine = row_deadline(r)
    if mine is None or mine <= done[3] or _times_payment_or_later_work(r.name):
        return None
    shown = f"{r.raw.operator or ''}{r.raw.value or ''}".strip()
    return RuleHit("value", f"时限“{shown}”晚于第{done[0]}行“{done[1]}”的时限（{done[2]}）："
                            "项目完成后这项工作才到期，两个时限相互矛盾")
