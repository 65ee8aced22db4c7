"""Issue 10, round 13: rows a reviewer of 绩效目标表 strikes in the default table — each test a reported defect of
`jixiao suggest` on a real dev.jsonl declaration (or a county 申报书's wording written for the round)."""
from __future__ import annotations

from tests.kbfactory import table_rows as _rows, suggest_text as _suggest, suggest_dev as _suggest_dev


def test_a_schools_running_fund_has_no_completion_date(shipped_kb):
    """E034 初中公用经费: a fund spent all year to keep a school running completes on no date; 初中公用经费完成时间
    2021年12月31日前 (描述未写明完成时限) gave way to how the money reaches the school."""
    rows = _rows(_suggest_dev(shipped_kb, "E034"))
    timely = [r for r in rows if r[0] == "时效指标"]
    assert timely and not [r for r in timely if r[1].endswith("完成时间")], rows
    assert [r for r in timely if r[1].endswith("及时率")], rows


def test_a_lone_blank_benefit_row_keeps_half_the_benefit_points(shipped_kb):
    """D002 (雾炮车降尘抑尘服务): the only 效益 row is 待填写; it held 11 of 100 and 产出 69 — 效益 keeps at least half of
    its 30 points and 产出 takes at most 15 of them (README's 分值 rule); the points still sum to 100."""
    res = _suggest_dev(shipped_kb, "D002")
    by = {}
    for c in res.default_table:
        by[c.level1_label] = by.get(c.level1_label, 0) + c.weight
    benefit = [c for c in res.default_table if c.level1_label == "效益指标"]
    assert benefit and sum(c.weight for c in res.default_table) == 100, by
    assert by["效益指标"] >= 15 and by["产出指标"] <= 65, by


def test_no_unit_cost_in_a_denominator_the_text_never_counts(shipped_kb):
    """D030 (雾炮车抑尘降尘服务, 10台 for 180天): 雾炮车抑尘降尘服务单价 待填写 元/人次 — no 人次 in the text; a per-unit
    cost row keeps to the units the text counts, or stays an alternate with the reason."""
    res = _suggest_dev(shipped_kb, "D030")
    rows = _rows(res)
    assert not [r for r in rows if r[0].endswith("成本指标") and "人次" in r[4]], rows
    aside = [c for v in res.alternates.values() for c in v if "人次" in c.unit and "成本" in c.level2_label]
    assert not aside or all(c.name != r[1] for c in aside for r in rows)


def test_a_payment_standard_keeps_its_unit_whatever_the_text_counts():
    """The rule acts on what the work costs per unit, not on what each payee gets: 资助标准 元/人 stays."""
    from kb.suggest.unit_cost import denominator_parts

    assert denominator_parts("元/台·天") == ["台", "天"]
    assert denominator_parts("万元/公里") == ["公里"]
    assert denominator_parts("万元") == []


def test_a_vehicle_service_names_its_trucks_not_its_title(shipped_kb):
    """D002 (雾炮车降尘抑尘服务): 雾炮车降尘抑尘服务配备车辆数 and 采购雾炮车降尘抑尘服务次数 glued the service's title (and
    the verb 采购) to a measure; the rows count the trucks and their runs."""
    names = [r[1] for r in _rows(_suggest_dev(shipped_kb, "D002"))]
    assert "雾炮车配备数量" in names and "雾炮车作业次数" in names, names
    assert not [n for n in names if n.startswith("采购") or "服务配备车辆数" in n or n.endswith("服务次数")], names


def test_vehicle_service_name_leaves_other_services_alone():
    from kb.suggest.service_names import vehicle_service_name

    text = "采购雾炮车降尘抑尘服务"
    assert vehicle_service_name("采购雾炮车降尘抑尘服务合格率", text) == "雾炮车降尘抑尘服务合格率"
    assert vehicle_service_name("环卫保洁服务次数", text) == "环卫保洁服务次数"
    assert vehicle_service_name("洒水车降尘服务次数", text) == "洒水车降尘服务次数"   # no 洒水车 in the text


def test_a_reward_fund_counts_the_projects_its_text_lists(shipped_kb):
    """D063 (省级会展项目奖励资金): the text lists seven expos the fund rewards (…等); the table asked 举办展会数量 待填写 个
    and 组织企业参展数量 待填写 家 — the fund rewards, it holds no expo. The listed count binds, named as the text
    names what it rewards."""
    rows = _rows(_suggest_dev(shipped_kb, "D063"))
    assert ("数量指标", "奖励会展项目数量", "≥", "7", "个") in rows, rows
    assert not [r for r in rows if r[1].startswith(("举办", "组织"))], rows


def test_listed_rewards_counts_the_items_and_their_ending():
    from kb.suggest.rewards import listed_rewards, rewarded_object

    assert listed_rewards("预算100万元。奖励甲博览会、乙推广周、丙大会等。") == (3, True)
    assert listed_rewards("预算100万元。奖励甲博览会、乙推广周、丙大会。") == (3, False)
    assert listed_rewards("举办甲博览会、乙推广周、丙大会。") is None
    assert rewarded_object("2021年第四季度省级会展项目奖励资金") == "会展项目"


def test_a_base_whose_facilities_are_built_accepts_them(shipped_kb):
    """D045 (扶贫资金基础设施(人大代表扶贫基地)): 扶贫基地服务达标率 待填写 means little for a fund that builds the base's
    facilities; the quality row is their acceptance, 扶贫基地基础设施验收合格率."""
    rows = _rows(_suggest_dev(shipped_kb, "D045"))
    quality = [r for r in rows if r[0] == "质量指标"]
    assert ("质量指标", "扶贫基地基础设施验收合格率", "=", "100", "%") in quality, rows
    assert not [r for r in quality if "服务达标率" in r[1]], rows


IT_TEXT = ("县政务服务和数据管理局2025年电子政务外网及政务信息系统运维服务项目，预算资金68.5万元，采取公开招标方式选定运维服务商，"
           "服务期12个月。运维范围包括政务外网接入单位87个、县级自建业务系统9套、机房服务器42台及配套网络安全设备。要求系统年可用率"
           "不低于99.5%，一般故障2小时内响应、8小时内修复，每季度开展一次安全巡检和漏洞扫描，全年重大网络安全事件为零。")


def _benefit_rows(res):
    return [r for r in _rows(res) if r[0] in ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")]


def test_a_vague_benefit_beside_a_stated_one_gives_way_to_the_poor_served(shipped_kb):
    """D045: 产业持续带动能力 定性 待填写 stayed beside 村集体经济收入增加额 ≥ 6 万元 to keep the table at 8 rows; a poverty
    fund's beneficiaries can be counted — 受益脱贫户数 待填写 户."""
    benefit = _benefit_rows(_suggest_dev(shipped_kb, "D045"))
    assert ("经济效益指标", "村集体经济收入增加额", "≥", "6", "万元") in benefit, benefit
    assert not [r for r in benefit if r[2] == "定性"], benefit
    assert [r for r in benefit if r[1] == "受益脱贫户数" and r[4] == "户"], benefit


def test_a_lone_vague_benefit_gives_way_to_the_types_measure(shipped_kb):
    """D062 (安全生产举报奖及专项督查): 企业安全生产主体责任落实 定性 待填写 was the only 效益 row; the type's measurable one
    that shares the text's words (违法违规行为下降率, target blank) takes its place."""
    benefit = _benefit_rows(_suggest_dev(shipped_kb, "D062"))
    assert not [r for r in benefit if r[2] == "定性"], benefit
    assert [r for r in benefit if r[1] == "违法违规行为下降率" and r[4] == "%" and r[3] == ""], benefit


def test_a_vague_level_gives_way_to_a_state_of_the_projects_object(shipped_kb):
    """Trial 13's IT maintenance contract: 信息化管理水平 定性 (a level no one verifies) struck; the type's 信息系统持续稳定运行
    names what a reviewer can check at the year's end."""
    benefit = _benefit_rows(_suggest(shipped_kb, IT_TEXT, "电子政务外网及政务信息系统运维服务", 68.5))
    assert benefit and not [r for r in benefit if r[1] == "信息化管理水平"], benefit
    assert [r for r in benefit if r[1] == "信息系统持续稳定运行"], benefit


def test_a_dust_suppression_service_states_its_effect_not_a_blank_headcount(shipped_kb):
    """D002 / D030 (雾炮车 dust suppression): the only 效益 row was 受益群众人数 待填写 (描述中没有写明项目的效益) though the
    texts state the effect — 全市空气质量达到优良, 持续改善我市空气质量; the air-quality row is the 生态效益, no number
    invented (D030's 优良天数比例 stays 待填写)."""
    for rid in ("D002", "D030"):
        res = _suggest_dev(shipped_kb, rid)
        benefit = _benefit_rows(res)
        assert benefit and not [r for r in benefit if r[1] == "受益群众人数"], (rid, benefit)
        assert [r for r in benefit if r[0] == "生态效益指标" and "空气质量" in r[1]], (rid, benefit)
        assert [r for r in _rows(res) if r[0] == "质量指标"], rid
    d030 = _benefit_rows(_suggest_dev(shipped_kb, "D030"))
    assert ("生态效益指标", "环境空气质量优良天数比例", "", "", "%") in d030, d030


def test_fire_watch_over_the_season_has_no_completion_date(shipped_kb):
    """E048 (森林草原航空消防租机): fire watch runs through the fire season; 火情报告完成时间 2024年12月31日前 took back its
    rate (火情报告及时率), as other work kept all year does."""
    rows = _rows(_suggest_dev(shipped_kb, "E048"))
    assert not [r for r in rows if r[1] == "火情报告完成时间"], rows
    assert [r for r in rows if r[1] == "火情报告及时率" and r[4] == "%"], rows
