"""事中监控 rules: completion vs time progress, traffic lights, 预计无法完成 flags (pure).

"双监控" (中发〔2018〕34号, ../shared/data/policies/01) follows both how far each
target is reached and how far the budget is spent, each against the share of
the year that has passed (time progress). The ratio progress / time progress
is put into bands (settings.monitoring, default red < 0.60, yellow 0.60–0.80,
green ≥ 0.80; the bands are this project's configurable defaults, not a
national figure).

Only cumulative quantities (counts, persons, lengths, areas, amounts: what
adds up over the year) are prorated by time progress. A level — a rate or
percentage, a 满意度, a deadline, a 定性 target — is not: it is compared with
the target itself (`is_cumulative`). A level below its target is yellow while
actual / target ≥ `level_red_below` (default 0.90, i.e. within 10 % of the
target: 满意度 85 % against ≥ 90 % is yellow) and red below it; these bands
are this project's configurable defaults, not a national figure.

Per direction: 正向 / 等于 cumulative rows compare completion (actual to date / target)
with time progress; 反向 rows (caps such as 成本 ≤ 250 万元, 事故率 ≤ 1 %) are
green while the actual stays within the cap and red once it is exceeded;
定性 rows are green when the reported value equals the target (after
normalisation: '达成年度指标 ' equals '达成年度指标'), red when the declarant
reports it off track, yellow otherwise. A row flagged 预计无法完成 is red and
must carry a reason. Zero targets and zero budgets never divide by zero.

An actual more than `implausible_above` times its target (default 100: 1e23
平方米 against ≥ 5000 平方米) is not believed: a typo or a wrong unit far more
often than a real result, so it is yellow with a warning to check the figure,
never green. The factor is this project's configurable default; evaluation
warns from twice the target (FEAS-01) but a monitoring light must not go green
on a figure nobody could have reached.

Not for storage or HTTP (see `kb.lifecycle.monitoring`).
"""
from __future__ import annotations

import calendar
from datetime import date
from typing import Literal

from pydantic import BaseModel

from kb.domain.units import measure_of
from kb.errors import DataError
from kb.lifecycle.values import direction_of, format_number, format_times, same_text, target_and_actual
from kb.domain.schema import Direction
from kb.settings import MonitoringSettings

Light = Literal["green", "yellow", "red"]
LIGHT_LABELS = {"green": "绿灯", "yellow": "黄灯", "red": "红灯"}


def time_progress(period_end: date, year: int) -> float:
    """Share of budget year `year` elapsed at the end of day `period_end`, in [0, 1].

    Raises DataError when period_end is not in `year`.
    """
    if period_end.year != year:
        raise DataError(f"监控期末 {period_end.isoformat()} 不在预算年度 {year} 内", field="period_end")
    days = 366 if calendar.isleap(year) else 365
    return (period_end - date(year, 1, 1)).days / days + 1 / days


def light_of(ratio: float | None, bands: MonitoringSettings) -> Light:
    """Light of progress / time-progress: red below bands.red_below, green from bands.green_from.

    None (nothing was due yet) is green.
    """
    if ratio is None:
        return "green"
    if ratio < bands.red_below:
        return "red"
    if ratio < bands.green_from:
        return "yellow"
    return "green"


_LEVEL_UNITS = ("%", "‰", "百分比", "个百分点", "百分点", "分", "级", "倍")


def is_cumulative(name: str = "", unit: str = "", target: str = "") -> bool:
    """True when the indicator counts something that adds up over the year (人次, 公里, 亩, 万元 …), so
    its progress is prorated by time; False for rates, percentages, 满意度, deadlines and durations."""
    u = (unit or "").strip()
    if u in _LEVEL_UNITS or "%" in (target or "") or "满意" in (name or ""):
        return False
    m = measure_of(name or "")
    if m in ("ratio", "time"):
        return False
    return True


class IndicatorProgress(BaseModel):
    """Monitoring result of one indicator.

    completion: actual to date / target (None for 定性 and 反向 caps);
    ratio: completion / time progress; light: green/yellow/red;
    expected_unachievable + reason: the declarant's 预计无法完成 flag;
    warnings: Chinese hints (e.g. a red light without the flag).
    """

    direction: Direction
    actual: str
    completion: float | None = None
    ratio: float | None = None
    light: Light
    expected_unachievable: bool = False
    reason: str = ""
    warnings: list[str] = []


def indicator_progress(*, operator: str, target: str, actual: str | float | None, tp: float,
                       bands: MonitoringSettings, unit: str = "", direction: str | Direction | None = None,
                       on_track: bool | None = None, expected_unachievable: bool = False,
                       reason: str | None = None, field: str = "", name: str = "") -> IndicatorProgress:
    """Progress and light of one indicator at time progress `tp` (see module docstring).

    The actual is read in the target's unit (`unit` is the row's 计量单位; see
    `values.target_and_actual`). Raises DataError when 预计无法完成 is flagged
    without a reason, when a quantitative row's actual is not a number, is
    negative, not finite or in a unit that cannot be compared, or is missing.
    """
    reason = (reason or "").strip()
    if expected_unachievable and not reason:
        raise DataError("标记“预计无法完成”时必须填写原因", field=f"{field}.reason".strip("."))
    if actual is None or (isinstance(actual, str) and not actual.strip()):
        raise DataError("缺少截至监控期末的实际完成值", field=f"{field}.actual".strip("."))
    try:
        d = direction_of(operator, target, direction)
    except ValueError as e:
        raise DataError(str(e), field=f"{field}.direction".strip(".")) from None
    warnings: list[str] = []
    completion = ratio = None
    if d is Direction.qualitative:
        if same_text(target, str(actual)) or on_track is True:
            light: Light = "green"
        elif on_track is False:
            light = "red"
        else:
            light = "yellow"
    else:
        t, a = target_and_actual(target, unit, actual, field=field, name=name)
        if t is None:
            d = Direction.qualitative
            light = "green" if (same_text(target, str(actual)) or on_track) else ("red" if on_track is False else "yellow")
        elif a is None:
            raise DataError(f"实际完成值“{actual}”不是数字", field=f"{field}.actual".strip("."))
        elif d is Direction.negative:
            light = "green" if a <= t else "red"
            if a > t:
                warnings.append("已超过目标上限")
        elif t > 0 and a > bands.implausible_above * t:
            completion, light = a / t, "yellow"
            warnings.append(f"实际值{format_number(a)}是目标值{format_number(t)}的{format_times(a / t)}，"
                            f"超过 {bands.implausible_above:g} 倍，不可信：请核对数值和计量单位")
        else:
            completion = a / t if t > 0 else 1.0
            if d is Direction.equal and t != 0 and a > t:
                warnings.append("实际值已超过“等于”目标值")
            if is_cumulative(name, unit, target):
                ratio = completion / tp if tp > 0 else None
                light = "green" if completion >= 1.0 else light_of(ratio, bands)
            else:  # a level (rate, 满意度 …) is not prorated by time: it is compared with the target itself
                light = ("green" if completion >= 1.0 else
                         "yellow" if completion >= bands.level_red_below else "red")
                if light != "green":
                    warnings.append(f"实际值{a:g}低于目标{t:g}（比率、满意度等不按时间进度折算）")
    if expected_unachievable:
        light = "red"
    elif light == "red":
        warnings.append("进度明显滞后于时间进度；如预计无法完成，请标记并说明原因")
    return IndicatorProgress(direction=d, actual=str(actual).strip(), completion=completion, ratio=ratio,
                             light=light, expected_unachievable=expected_unachievable, reason=reason,
                             warnings=warnings)


class BudgetProgress(BaseModel):
    """Budget execution at the period end.

    execution_rate: executed / budget (None when the budget is 0 or unknown);
    plan_wan: time-proportional plan (budget × time progress); ratio:
    execution_rate / time progress; light: green/yellow/red or None when the
    budget is unknown; message: Chinese explanation for the zero-budget cases.
    """

    budget_wan: float | None
    executed_wan: float
    time_progress: float
    plan_wan: float | None = None
    execution_rate: float | None = None
    ratio: float | None = None
    light: Light | None = None
    message: str = ""


def budget_progress(*, budget_wan: float | None, executed_wan: float, tp: float,
                    bands: MonitoringSettings) -> BudgetProgress:
    """Budget execution light: (executed / budget) / time progress in the configured bands.

    A zero budget is green when nothing was spent and red when money was
    spent anyway; an unknown budget gives no light. Spending more than the
    budget is red whatever the time progress, with a message. Raises
    DataError for a negative executed amount.
    """
    if executed_wan is None or executed_wan < 0:
        raise DataError("已执行预算金额必须是不小于 0 的数（万元）", field="budget_executed_wan")
    if budget_wan and executed_wan > budget_wan:
        rate = executed_wan / budget_wan
        return BudgetProgress(budget_wan=budget_wan, executed_wan=executed_wan, time_progress=tp,
                              plan_wan=budget_wan * tp, execution_rate=rate, ratio=rate / tp if tp > 0 else None,
                              light="red", message=f"已执行 {format_number(executed_wan)} 万元，超出预算 "
                                                   f"{format_number(budget_wan)} 万元；请核实执行数或说明超支原因")
    if budget_wan is None:
        return BudgetProgress(budget_wan=None, executed_wan=executed_wan, time_progress=tp,
                              message="申报未填写预算金额，无法计算预算执行进度")
    if budget_wan == 0:
        if executed_wan == 0:
            return BudgetProgress(budget_wan=0.0, executed_wan=0.0, time_progress=tp, plan_wan=0.0,
                                  light="green", message="预算为 0 且无支出")
        return BudgetProgress(budget_wan=0.0, executed_wan=executed_wan, time_progress=tp, plan_wan=0.0,
                              light="red", message="预算为 0 却有支出")
    rate = executed_wan / budget_wan
    ratio = rate / tp if tp > 0 else None
    return BudgetProgress(budget_wan=budget_wan, executed_wan=executed_wan, time_progress=tp,
                          plan_wan=budget_wan * tp, execution_rate=rate, ratio=ratio,
                          light=light_of(ratio, bands))
