"""TIME rules (TIME-01 … TIME-05): deadlines of 时效指标.

Detection follows ../shared/data/rules/RULES.md §5.5. A 时效 row is one whose
二级指标 says 时效 / 工期 / 进度. "2025年12月31日前完成" is a deadline and is
never flagged as vague. Not for rewrites.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kb.checker.catalog import TARGET, CACHES, RuleHit, rule
from kb.checker.fixes import fmt_num
from kb.checker.parse import ParsedRow, valid_date
from kb.checker.rules.quantification import is_time_01, is_time_01_floor, is_time_02, is_time_05
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
    return None


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
        return RuleHit("value", f"时限年份{other[0]}年不是预算年度{by}年；跨年目标应列入中期目标")
    return None


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
