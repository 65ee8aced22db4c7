"""Duplicate and off-kind rows a seventh fresh reviewer struck in default tables (trial 7, 2026-12-06). The own texts
are the reviewer's; the real projects are read from ../shared/data/declarations/dev.jsonl."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "declarations" / "dev.jsonl"


def _dev(pid: str) -> dict:
    if not DEV.exists():
        pytest.skip("../shared/data is not here")
    for line in DEV.open(encoding="utf-8"):
        r = json.loads(line)
        if r["id"] == pid:
            return r
    raise LookupError(pid)


def _rows(res):
    return [(c.level2_label, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def _suggest(kb, text, name=None, budget=None):
    return kb.suggest(text, project_name=name, budget_wan=budget, mode="lexical", with_opinions=False)


CANTEEN = ("在城关镇新建和改造社区老年食堂8处，为辖区60周岁以上老年人提供每日午餐，其中对80周岁以上、低保及特困老人每餐补贴5元，"
           "年内计划服务12万人次。项目预算96万元，由县民政局统筹，2025年6月底前8处助餐点全部投入运营。2024年全镇仅有助餐点3处，"
           "月均就餐不足4000人次。")


def test_a_figure_the_text_restates_binds_one_row(shipped_kb):
    """Reported: 改造社区老年食堂数量 ≥8 处 beside 助餐点数量 ≥8 处 (…8处助餐点全部投入运营 restates the 8 sites)."""
    rows = _rows(_suggest(shipped_kb, CANTEEN, "城关镇社区老年助餐服务点运营补贴", 96))
    assert [r[1] for r in rows if (r[3], r[4]) == ("8", "处")] == ["改造社区老年食堂数量"], rows


def test_two_works_of_one_figure_stay_two_rows():
    """The restated figure names no work of its own; 改造文化站5个，新建村卫生室5个 (jieba reads the second's 新建 into
    its object, no verb) is two outputs."""
    from kb.suggest.dedupe import _one_stated_figure
    from kb.suggest.draft import Draft
    from kb.suggest.objects import mentions
    from kb.suggest.ranker import Tier

    rows = []
    for m in mentions("改造文化站5个，新建村卫生室5个。"):
        d = Draft(name=m.obj + "数量", level2="quantity", source="formed", mention=m, value=m.value, value_unit=m.unit,
                  value_source="text")
        d.tier = Tier.BOUND
        rows.append(d)
    assert [(r.mention.verb, r.value) for r in rows] == [("改造", "5"), ("", "5")]
    assert not _one_stated_figure(rows)


def test_enforcement_vehicles_run_no_official_trips(shipped_kb):
    """Reported (D031): 公务出行保障率 ≥98 % for 城管执法巡查车辆、抑尘作业车辆 (no 公务 in the text)."""
    r = _dev("D031")
    rows = _rows(_suggest(shipped_kb, r["description"], r["project"], 340))
    assert not [x for x in rows if "公务" in x[1]], rows


def test_an_insurance_rate_is_not_a_loan_subsidys_row(shipped_kb):
    """Reported (E032): 脱贫人口参保率 =100 % under 数量 for 脱贫人口小额信贷贴息 (nothing is insured)."""
    r = _dev("E032")
    rows = _rows(_suggest(shipped_kb, r["description"], r["project"], 1127.353372))
    assert not [x for x in rows if "参保" in x[1]], rows


def test_an_area_is_no_economic_benefit(shipped_kb):
    """Reported (D025): 林业产业发展面积 待填写 万亩 under 经济效益 (the checker files an area under 产出)."""
    from kb.suggest.draft import Draft
    from kb.suggest.placement import misplaced

    r = _dev("D025")
    rows = _rows(_suggest(shipped_kb, r["description"], r["project"]))
    assert not [x for x in rows if x[0].endswith("效益指标") and x[1].endswith(("面积", "里程", "长度"))], rows
    assert misplaced(Draft(name="林业产业发展面积", level2="economic_benefit", source="retrieval", unit="万亩"))
    assert not misplaced(Draft(name="林业产业发展面积", level2="quantity", source="retrieval", unit="万亩"))


def test_a_property_contract_manages_the_building_not_its_exhibition_space(shipped_kb):
    """Reported (D050): 物业服务面积 ≥1 万平方米 (the 展示面积) where the contract manages the 2.6万㎡ 建筑面积; 项目实施周期
    定性 年度内完成 against 实施周期2022-2024年; 办公环境整洁有序 for an exhibition hall."""
    r = _dev("D050")
    rows = _rows(_suggest(shipped_kb, r["description"], r["project"], 282.92))
    areas = [(x[3], x[4]) for x in rows if x[1].endswith("面积")]
    assert areas == [("2.6", "万平方米")], rows
    assert not [x for x in rows if "年度内" in x[3]], rows
    assert not [x for x in rows if "办公" in x[1]], rows


def test_the_managed_area_takes_the_buildings_figure():
    from kb.suggest.draft import Draft
    from kb.suggest.objects import mentions
    from kb.suggest.binding import _managed_building, _other_area

    found = mentions("东莞展览馆建筑面积2.6万平方米、展示面积约1万平方米，物业管理费通过公开招标确定。")
    by_value = {m.value: m for m in found}
    row = Draft(name="物业服务面积", level2="quantity", source="retrieval", unit="万平方米")
    assert _managed_building(row, by_value["2.6"]) and not _other_area(row, by_value["2.6"])
    assert _other_area(row, by_value["1"])
    assert not _other_area(Draft(name="展示面积", level2="quantity", source="retrieval", unit="万平方米"), by_value["1"])


IT = ("县数据资源管理局委托专业公司对县政务服务一体化平台及所属12个业务子系统提供全年运维，合同金额78.5万元，服务期2025年1月1日至"
      "12月31日。运维方须提供7×24小时值守，系统故障1小时内响应、4小时内恢复，全年系统可用率不低于99.5%，每季度开展1次安全漏洞扫描"
      "并出具报告。平台年办件量约36万件，服务企业和群众。")


def test_a_platforms_business_is_no_output_of_its_maintenance(shipped_kb):
    """Reported: 网上办件量 ≥36 万件 under 数量 for a maintenance contract (平台年办件量约36万件 is background)."""
    rows = _rows(_suggest(shipped_kb, IT, "县政务服务一体化平台运维服务采购", 78.5))
    assert not [x for x in rows if "办件" in x[1] or x[3] == "36"], rows
    assert ("数量指标", "业务子系统数量", "≥", "12", "个") in rows


def test_a_short_road_text_has_one_per_km_cost_and_the_total(shipped_kb):
    """Reported on main before this round: 农村公路每公里建设成本 and 公路养护每公里成本 ≤20.84 together and no total.
    (Already one of each on this branch's base; kept so it stays so.)"""
    rows = _rows(_suggest(shipped_kb, "修缮道路12公里，惠及群众3000人，预算250万元", "道路"))
    costs = [x for x in rows if x[0] == "经济成本指标"]
    assert [x[4] for x in costs if x[4].startswith("万元/")] == ["万元/公里"], rows
    assert [x[3] for x in costs if x[4] == "万元"] == ["250"], rows


def test_a_blank_amount_of_the_budgets_own_cost_is_no_second_row(shipped_kb):
    """Seen in the dump after the 办公环境 row left D065 (安置小区物业管理): 物业管理费 待填写 万元 beside 物业管理成本 ≤1125
    万元 asks the total again."""
    r = _dev("D065")
    rows = _rows(_suggest(shipped_kb, r["description"], r["project"], 1125))
    money = [x for x in rows if x[0] == "经济成本指标" and x[4] == "万元"]
    assert len(money) == 1 and money[0][3], rows
