"""事中监控 rules: time progress, indicator and budget lights, 预计无法完成, zero cases.

Uses the real rows of D002 (雾炮车降尘抑尘服务, 2023, 250 万元) and D001 (青山区教育局)
from dev.jsonl; the mid-year actuals are the monitoring inputs under test.
"""
from __future__ import annotations

from datetime import date

import pytest

from kb.errors import DataError
from kb.lifecycle.lights import budget_progress, indicator_progress, light_of, time_progress
from kb.domain.schema import Direction
from kb.settings import MonitoringSettings
from tests.lifecycle_fixtures import db_url, dev_record, env  # noqa: F401  (fixtures)

BANDS = MonitoringSettings()


def _row(rec_id: str, name: str) -> dict:
    return next(r for r in dev_record(rec_id)["indicators"] if r["name"] == name)


def test_time_progress():
    assert time_progress(date(2023, 12, 31), 2023) == pytest.approx(1.0)
    assert time_progress(date(2023, 1, 1), 2023) == pytest.approx(1 / 365)
    assert time_progress(date(2023, 6, 30), 2023) == pytest.approx(181 / 365)
    assert time_progress(date(2024, 6, 30), 2024) == pytest.approx(182 / 366)  # leap year
    with pytest.raises(DataError) as e:
        time_progress(date(2024, 1, 5), 2023)
    assert e.value.field == "period_end"


def test_default_bands_and_configurable_bands():
    assert [light_of(x, BANDS) for x in (0.59, 0.6, 0.79, 0.8, 1.3, None)] == \
        ["red", "yellow", "yellow", "green", "green", "green"]
    strict = MonitoringSettings(red_below=0.7, green_from=0.9)
    assert [light_of(x, strict) for x in (0.65, 0.85, 0.9)] == ["red", "yellow", "green"]


def test_real_d002_mid_year_indicator_lights():
    tp = time_progress(date(2023, 6, 30), 2023)  # ≈ 0.496
    cars = _row("D002", "雾炮车降尘抑尘服务配备车辆数")  # = 10 辆
    p = indicator_progress(operator=cars["operator"], target=cars["value"], actual="4", tp=tp, bands=BANDS)
    assert p.direction is Direction.equal and p.completion == pytest.approx(0.4)
    assert p.ratio == pytest.approx(0.4 / tp) and p.light == "green"  # 0.806 ≥ 0.8
    p = indicator_progress(operator=cars["operator"], target=cars["value"], actual="3", tp=tp, bands=BANDS)
    assert p.light == "yellow"  # 0.3 / 0.496 = 0.605
    p = indicator_progress(operator=cars["operator"], target=cars["value"], actual="2", tp=tp, bands=BANDS)
    assert p.light == "red" and "预计无法完成" in p.warnings[0]
    cost = _row("D002", "控制在预算成本内")  # ≤ 250 万元: a cap
    p = indicator_progress(operator=cost["operator"], target=cost["value"], actual="120", tp=tp, bands=BANDS)
    assert p.direction is Direction.negative and p.light == "green" and p.completion is None
    p = indicator_progress(operator=cost["operator"], target=cost["value"], actual="260", tp=tp, bands=BANDS)
    assert p.light == "red" and "已超过目标上限" in p.warnings
    air = _row("D002", "服务周期内空气质量")  # qualitative 优良
    assert indicator_progress(operator=air["operator"], target=air["value"], actual="优良 ", tp=tp,
                              bands=BANDS).light == "green"
    assert indicator_progress(operator=air["operator"], target=air["value"], actual="良", tp=tp,
                              bands=BANDS).light == "yellow"
    assert indicator_progress(operator=air["operator"], target=air["value"], actual="良", tp=tp, bands=BANDS,
                              on_track=False).light == "red"
    period = _row("D002", "服务周期")  # '2023.07-2024.01' is a date range, not a number
    assert indicator_progress(operator=period["operator"], target=period["value"], actual="2023.07-2024.01",
                              tp=tp, bands=BANDS).direction is Direction.qualitative


def test_trailing_spaces_in_qualitative_values():
    p = indicator_progress(operator="定性", target="达成年度指标 ", actual="达成年度指标", tp=0.5, bands=BANDS)
    assert p.light == "green"
    p = indicator_progress(operator="定性", target="达成年度指标", actual="　达成年度指标  ", tp=0.5, bands=BANDS)
    assert p.light == "green"


def test_expected_unachievable_needs_a_reason():
    sat = _row("D001", "学生、家长、社会满意度")  # ≥ 90 %
    with pytest.raises(DataError) as e:
        indicator_progress(operator=sat["operator"], target=sat["value"], actual="70", tp=0.5, bands=BANDS,
                           expected_unachievable=True, reason="  ", field="indicators[0]")
    assert e.value.field == "indicators[0].reason"
    p = indicator_progress(operator=sat["operator"], target=sat["value"], actual="70", tp=0.5, bands=BANDS,
                           expected_unachievable=True, reason="问卷推迟到第四季度")
    assert p.light == "red" and p.expected_unachievable and p.reason == "问卷推迟到第四季度" and p.warnings == []


def test_zero_target_and_bad_actual():
    p = indicator_progress(operator="≥", target="0", actual="0", tp=0.5, bands=BANDS)
    assert p.completion == 1.0 and p.light == "green"
    p = indicator_progress(operator="≤", target="0", actual="1", tp=0.5, bands=BANDS)
    assert p.light == "red"
    with pytest.raises(DataError) as e:
        indicator_progress(operator="≥", target="90", actual="还不知道", tp=0.5, bands=BANDS, field="indicators[1]")
    assert e.value.field == "indicators[1].actual"
    with pytest.raises(DataError):
        indicator_progress(operator="≥", target="90", actual=" ", tp=0.5, bands=BANDS)


def test_budget_lights_real_d002_budget():
    tp = time_progress(date(2023, 9, 30), 2023)  # 273/365 ≈ 0.748
    b = budget_progress(budget_wan=250, executed_wan=150, tp=tp, bands=BANDS)
    assert b.execution_rate == pytest.approx(0.6) and b.plan_wan == pytest.approx(250 * tp)
    assert b.ratio == pytest.approx(0.6 / tp) and b.light == "green"  # 0.80
    assert budget_progress(budget_wan=250, executed_wan=120, tp=tp, bands=BANDS).light == "yellow"  # 0.64
    assert budget_progress(budget_wan=250, executed_wan=100, tp=tp, bands=BANDS).light == "red"  # 0.53
    assert budget_progress(budget_wan=250, executed_wan=100, tp=tp,
                           bands=MonitoringSettings(red_below=0.5, green_from=0.7)).light == "yellow"


def test_zero_and_unknown_budget():
    b = budget_progress(budget_wan=0, executed_wan=0, tp=0.5, bands=BANDS)
    assert b.light == "green" and b.execution_rate is None and b.message
    b = budget_progress(budget_wan=0, executed_wan=3, tp=0.5, bands=BANDS)
    assert b.light == "red" and "预算为 0" in b.message
    b = budget_progress(budget_wan=None, executed_wan=3, tp=0.5, bands=BANDS)
    assert b.light is None and b.execution_rate is None
    with pytest.raises(DataError) as e:
        budget_progress(budget_wan=10, executed_wan=-1, tp=0.5, bands=BANDS)
    assert e.value.field == "budget_executed_wan"


def test_rates_and_satisfaction_are_not_prorated_by_time():
    """满意度 85 % against ≥ 90 % and 绿化覆盖率 38 against ≥ 40 were green at mid-year (prorated)."""
    tp = time_progress(date(2023, 6, 30), 2023)
    sat = indicator_progress(operator="≥", target="90", actual="85", tp=tp, bands=BANDS,
                             name="服务对象满意度", unit="%")
    green = indicator_progress(operator="≥", target="40", actual="38", tp=tp, bands=BANDS,
                               name="绿化覆盖率", unit="%")
    assert (sat.light, green.light) == ("yellow", "yellow") and sat.ratio is None
    far = indicator_progress(operator="≥", target="90", actual="70", tp=tp, bands=BANDS, name="服务对象满意度", unit="%")
    assert far.light == "red"  # below 90 % of the target
    met = indicator_progress(operator="≥", target="90", actual="92", tp=tp, bands=BANDS, name="服务对象满意度", unit="%")
    assert met.light == "green"
    # a cumulative quantity is still prorated: 150 of 300 公里 at mid-year is on track
    road = indicator_progress(operator="≥", target="300", actual="150", tp=tp, bands=BANDS, name="道路养护里程",
                              unit="公里")
    assert road.light == "green" and road.ratio == pytest.approx(0.5 / tp)


def test_an_absurd_actual_is_not_green():
    r = _row("D037", "维修面积")  # ≥ 400 平方米
    kw = dict(operator=r["operator"], target=r["value"], unit=r["unit"], tp=181 / 365, bands=BANDS, name=r["name"])
    for absurd in ("1e23", "1e23平方米", "40001"):
        p = indicator_progress(actual=absurd, **kw)
        assert p.light == "yellow" and "请核对数值和计量单位" in p.warnings[0], (absurd, p)
    assert indicator_progress(actual="40000", **kw).light == "green"  # 100 × the target is still believed
    assert indicator_progress(actual="1e23", **{**kw, "bands": MonitoringSettings(implausible_above=1e30)}).light == "green"


def _report_one(env, rec_id: str, year: int, budget_wan: float, name: str, actual: str):
    """POST one monitoring report for the row `name` of the real declaration `rec_id`, approved first."""
    from tests.test_lifecycle_api import _approved
    from tests.lifecycle_fixtures import declaration_body

    rec = dev_record(rec_id)
    did = _approved(env, declaration_body(rec, year=year, budget_wan=budget_wan))
    row = next(i for i, x in enumerate(declaration_body(rec)["rows"], 1) if x["name"] == name)
    return env.client.post(f"/v1/declarations/{did}/monitoring", headers=env.h("decl_a"),
                           json={"period_end": f"{year}-06-30", "indicators": [{"row": row, "actual": actual}]})


def test_an_absurd_actual_through_the_api_is_yellow(env):
    # (1e23 itself is refused at the API: scientific notation, tests/test_lifecycle_actuals.py)
    r = _report_one(env, "D037", 2023, 100, "维修面积", "4,000,000")
    assert r.status_code == 201, r.text
    [it] = r.json()["indicators"]
    assert it["light"] == "yellow" and r.json()["indicator_lights"]["green"] == 0


def test_a_share_above_100_percent_is_refused():
    """验收合格率 = 100 % with an actual of 150 % was green ('实际值已超过“等于”目标值')."""
    r = _row("D006", "项目(工程)验收合格率")  # = 100 %
    kw = dict(operator=r["operator"], target=r["value"], unit=r["unit"], tp=0.5, bands=BANDS, name=r["name"],
              field="indicators[3]")
    with pytest.raises(DataError) as e:
        indicator_progress(actual="150%", **kw)
    assert e.value.field == "indicators[3].actual" and "超过 100%" in str(e.value) and "合格率" in str(e.value)
    assert indicator_progress(actual="100%", **kw).light == "green"
    # a growth rate may exceed 100 %
    assert indicator_progress(operator="≥", target="10", unit="%", actual="150", tp=0.5, bands=BANDS,
                              name="产值增长率").light == "green"


def test_an_overflowing_ratio_never_prints_inf():
    p = indicator_progress(operator="≥", target="0.5", actual="1e308", tp=0.5, bands=BANDS, name="维修面积",
                           unit="平方米")
    assert p.light == "yellow" and not any("inf" in w or "nan" in w for w in p.warnings), p.warnings
    assert p.warnings[0].startswith("实际值1e+308是目标值0.5的1e308 倍以上"), p.warnings


def test_fang_is_cubic_metres():
    """'3万方' against 6 万立方米 (D025 林木采伐监管) was refused: 方 is everyday for 立方米."""
    r = _row("D025", "林木采伐监管")
    p = indicator_progress(operator=r["operator"], target=r["value"], unit=r["unit"], actual="3万方", tp=0.5,
                           bands=BANDS, name=r["name"])
    assert p.completion == pytest.approx(0.5)


def test_a_period_filed_again_marks_the_earlier_filing_superseded(env):
    """GET …/monitoring listed every filing with nothing saying which one is in force for its period."""
    from tests.test_lifecycle_api import _approved
    from tests.lifecycle_fixtures import declaration_body

    rec = dev_record("D037")
    did = _approved(env, declaration_body(rec, year=2023, budget_wan=100))
    url, h = f"/v1/declarations/{did}/monitoring", env.h("decl_a")
    ids = []
    for period, executed in (("2023-06-30", 40), ("2023-07-31", 50), ("2023-06-30", 41)):
        r = env.client.post(url, headers=h, json={"period_end": period, "budget_executed_wan": executed})
        assert r.status_code == 201, r.text
        assert r.json()["superseded"] is False
        ids.append(r.json()["id"])
    listed = env.client.get(url, headers=h).json()
    assert [(m["id"], m["superseded"], m["superseded_by"]) for m in listed] == [
        (ids[0], True, ids[2]), (ids[1], False, None), (ids[2], False, None)]


def test_a_share_above_100_percent_through_the_api_is_a_422_naming_the_row(env):
    r = _report_one(env, "D006", 2022, 854, "项目(工程)验收合格率", "150%")
    assert r.status_code == 422, r.text
    msg = r.json()["detail"][0]["msg"]
    assert "实际完成值" in msg and "超过 100%" in msg and "inf" not in msg, msg
