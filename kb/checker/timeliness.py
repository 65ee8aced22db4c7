"""TIME rules (TIME-01 … TIME-05): deadlines of 时效指标.

Detection follows ../shared/data/rules/RULES.md §5.5. A 时效 row is one whose
二级指标 says 时效 / 工期 / 进度. "2025年12月31日前完成" is a deadline and is
never flagged as vague. Not for rewrites.
"""
from __future__ import annotations

from kb.checker import lexicon as L
from kb.checker.catalog import Hit, rule
from kb.checker.parse import Row, valid_date
from kb.checker.quantification import is_time_01, is_time_02
from kb.settings import CheckerSettings


@rule("TIME-01", needs="time")
def time_01(r: Row, s: CheckerSettings) -> Hit | None:
    """时效 value such as 及时 / 按时 / 年内 / 按计划 with no date, period or rate."""
    if is_time_01(r):
        return Hit("value", f"时效指标值“{r.v}”没有日期或期限，无法核验")
    return None


@rule("TIME-02", needs="time")
def time_02(r: Row, s: CheckerSettings) -> Hit | None:
    """时效 value that only restates the budget year (1月-12月, 全年, 当年)."""
    if is_time_02(r):
        return Hit("value", f"时效指标值“{r.v}”只复述了预算年度，没有完成节点")
    return None


@rule("TIME-03", needs="num")
def time_03(r: Row, s: CheckerSettings) -> Hit | None:
    """A date that does not exist (month > 12, 2月30日 …)."""
    for y, m, d in r.dates:
        if not valid_date(y, m, d):
            shown = f"{y}年" if y else ""
            shown += f"{m}月" + (f"{d}日" if d is not None else "")
            return Hit("value", f"日期“{shown}”不存在")
    return None


def budget_year(r: Row) -> int | None:
    y = r.ctx.get("budget_year")
    try:
        return int(y) if y not in (None, "") else None
    except (TypeError, ValueError):
        return None


@rule("TIME-04", needs="num")
def time_04(r: Row, s: CheckerSettings) -> Hit | None:
    """A year in the deadline differs from the budget year (needs context budget_year)."""
    by = budget_year(r)
    if by is None or not r.years:
        return None
    other = [y for y in r.years if y != by]
    if other:
        return Hit("value", f"时限年份{other[0]}年不是预算年度{by}年；跨年目标应列入中期目标")
    return None


@rule("TIME-05", needs="time")
def time_05(r: Row, s: CheckerSettings) -> Hit | None:
    """时效 rate (及时率, 按时发放率 …, a % or bare number): the deadline behind “及时” is undefined.

    A duration (维护及时性 < 24 小时) defines it and is not flagged.
    """
    if (r.timeliness and r.has_digit and not r.is_date and (r.pct or not r.eff_unit)
            and L.TIME05_NAME_RE.search(r.name)):
        return Hit("name", f"“{r.name}”未说明“及时”的具体期限")
    return None
