"""Recall round 4b (issue 10's headline figure): rows of the 质量, 时效, 成本, 效益 and 满意度 slots real tables word
in their family's usual way.

1. A kind of spending any unit has (a type of group 通用) states its year's money as 项目总成本: beside the default
   table's total named after the text's object (公务用车运行维护成本 ≤ 36 万元) the same total under that name is the
   cost slot's first alternate, same target — never in the default table, never for a department's whole budget,
   never for a sector programme.
2. Money paying for repair work (维修, 维保, 修缮) buys work a unit accepts: where the default table accepts nothing
   (or "accepts" money, 车辆维修燃油费验收合格率), 〔the text's repair word〕验收合格率 = 100 % is the quality slot's first
   alternate; a table already accepting the repair gets no second one; a default row "accepting" money is renamed
   after the repair in place, its target kept.
3. A total or a date formed on a fund's money (车辆维修燃油费成本, 物业管理费完成时间: a fee has no cost or completion of
   its own) is named 项目总成本 / 项目完成时间 in the default table, its target kept.
"""
from __future__ import annotations

# own words: a unit's official cars run for a year (a 通用 kind of spending: 车辆运行维护)
CARS = "2025年保障局机关12辆公务用车的日常运行，支付车辆维修保养、燃油、保险和过路费，预算36万元，全年安全行驶无责任事故。"
# own words: a sector programme (农村公路养护), not a 通用 kind
# own words: a fund named for its money (the formed object is the fund's title, …维修燃油费)
FUEL = "保障全局28辆执法执勤车辆的维修及燃油费用，年度资金96万元，完成日常巡逻出勤任务。"
# own words: a village school's repair (its table accepts the repair already)
SCHOOL = "对村小学教学楼屋面防水和门窗实施维修改造，面积1200平方米，预算60万元，8月底前完工。"
# own words: a fund for an office's running costs that names no repair (维护 here keeps order, it repairs nothing)
OFFICE = "2025年保障机关日常运转，支付办公用品、水电费和差旅费，预算48万元，确保机关正常运转，维护办公秩序。"
ROAD = "对全镇38公里村道开展日常养护，修补坑槽和裂缝，清理边沟，养护资金11.4万元，10月底前完成。"


def _suggest(kb, text, name):
    return kb.suggest(text, project_name=name, mode="lexical", with_opinions=False)


# ------------------------------------------------------------------ 1. the family's usual name of the total

def test_a_generic_kinds_total_is_offered_as_project_total_cost(shipped_kb):
    res = _suggest(shipped_kb, CARS, "公务用车运行维护")
    assert res.project_types[0].name == "车辆运行维护"
    totals = [c for c in res.default_table if c.level2 == "economic_cost" and c.value == "36"]
    assert len(totals) == 1 and totals[0].name != "项目总成本", res.default_table
    first = res.alternates["cost"][0]
    assert (first.name, first.operator, first.value, first.unit) == ("项目总成本", "≤", "36", "万元")
    assert "项目总成本" not in [c.name for c in res.default_table]
    # in the flat list it follows the default table at once
    assert res.suggestions[len(res.default_table)].name == "项目总成本"


def test_a_sector_programmes_total_is_not_renamed(shipped_kb):
    res = _suggest(shipped_kb, ROAD, "村道日常养护")
    assert res.project_types[0].name == "农村公路养护"
    assert "项目总成本" not in [c.name for c in res.suggestions]


# ------------------------------------------------------------------ 2. the acceptance of a repair the money pays for

def test_repair_money_offers_the_acceptance_of_the_repair(shipped_kb):
    res = _suggest(shipped_kb, CARS, "公务用车运行维护")
    assert not [c for c in res.default_table if c.name.endswith("验收合格率")], res.default_table
    first = res.alternates["quality"][0]
    assert (first.name, first.operator, first.value, first.unit) == ("维修验收合格率", "=", "100", "%")
    # offered right after the default table (after the family's total, the other row offered so)
    offered = [c.name for c in res.suggestions[len(res.default_table):len(res.default_table) + 2]]
    assert offered == ["项目总成本", "维修验收合格率"], offered


def test_a_table_accepting_its_repair_gets_no_second_acceptance(shipped_kb):
    res = _suggest(shipped_kb, SCHOOL, "村小学教学楼维修改造")
    assert "维修改造验收合格率" in [c.name for c in res.default_table]
    assert "维修验收合格率" not in [c.name for c in res.suggestions]


def test_no_repair_named_no_acceptance_offered(shipped_kb):
    res = _suggest(shipped_kb, OFFICE, "机关日常运转")
    assert not [c for c in res.suggestions if c.name in ("维修验收合格率", "维修维护验收合格率")]


def test_an_acceptance_named_on_money_is_named_after_the_repair(shipped_kb):
    res = _suggest(shipped_kb, FUEL, "执法执勤车辆维修燃油费")
    names = [c.name for c in res.default_table]
    assert not [n for n in names if n.endswith("费验收合格率")], names
    row = next(c for c in res.default_table if c.name == "维修验收合格率")
    assert (row.operator, row.value, row.unit) == ("=", "100", "%")
    assert "维修验收合格率" not in [c.name for c in res.alternates.get("quality", [])]


# ------------------------------------------------------------------ 3. a total and a date named on money

def test_a_total_and_a_date_formed_on_a_fee_take_the_plain_names(shipped_kb):
    res = _suggest(shipped_kb, FUEL, "执法执勤车辆维修燃油费")
    rows = {c.name: c for c in res.default_table}
    assert not [n for n in rows if n.endswith(("费成本", "费完成时间"))], list(rows)
    total = rows["项目总成本"]
    assert (total.level2, total.operator, total.value, total.unit) == ("economic_cost", "≤", "96", "万元")
    assert rows["项目完成时间"].level2 == "timeliness" and rows["项目完成时间"].value
    # the family's total is in the table now: not offered a second time
    assert "项目总成本" not in [c.name for c in res.alternates.get("cost", [])]
