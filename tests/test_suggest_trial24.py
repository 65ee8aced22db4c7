"""What a twenty-fourth fresh reviewer (a county 财政局 reviewer, README only) struck in `jixiao suggest`. The
reviewer's own texts (/tmp/trial24/inputs.md) are copied here verbatim."""
from __future__ import annotations

from tests.kbfactory import suggest_text

FOREST = ("县林业局2025年林下经济发展项目，预算资金120万元。全县现有林地面积86万亩，上年度林下经济产值达到2.3亿元。"
          "今年计划新发展林下种植基地3000亩，11月底前完成验收。")
FOREST_NAME = "林下经济发展"
GREEN = "按照城区园林绿化精细化管理要求，县住建局对城区12个公园游园、36条道路两侧绿化带共计128万平方米绿地实施专业化养护，养护期自2025年1月1日至12月31日。养护内容包括修剪、病虫害防治、浇灌、补植等，全年补植苗木不少于1.2万株，绿地养护达到二级养护标准，苗木成活率不低于95%，病虫害发生率控制在5%以下。项目通过公开招标确定3家养护单位，市民投诉办结率100%。本项目申请资金640万元，养护单价每平方米每年5元。"
CANTEEN = "全县中小学校食堂食品安全提升项目。县教育局计划在2025年9月30日前为全县42所学校食堂安装“明厨亮灶”视频监控设备，完成食堂从业人员食品安全培训及健康体检850人，开展食堂食品安全专项检查每学期不少于2次。项目实施后，学校食堂食品安全量化等级B级以上比例由85%提高到95%，全年不发生学校食堂集体性食物中毒事件，受益师生约3.6万人。项目总预算96万元，其中设备购置及安装84万元，培训体检12万元。"
GEO = "为切实保障人民群众生命财产安全，县自然资源局申请2025年地质灾害防治专项资金420万元。全县现有地质灾害隐患点137处，2024年已完成3处隐患点工程治理。2025年计划对石门镇、龙潭乡等5处隐患点实施工程治理（资金320万元），对8处隐患点实施排危除险（资金60万元），聘用群测群防员130名并发放补助（每人每年2000元，计26万元），开展地质灾害应急演练15场次（资金14万元）。工程治理项目于2025年10月31日前完工并通过验收，汛期地质灾害预警信息发布及时率100%，受威胁群众安全转移率100%。"
CULTURE = "依据中央补助地方公共文化服务体系建设资金管理要求，我县18个乡镇综合文化站实施免费开放，每站每年补助5万元，共需资金90万元。各文化站每周开放时间不少于42小时，全年每站组织开展文体活动不少于12场次、举办公益培训讲座不少于6期，全县全年服务群众不少于15万人次。资金于2025年6月底前全部下达到乡镇，年底前完成绩效自评。群众对文化站服务满意度达到90%。"
COOP = "为促进农民专业合作社规范发展，县农业农村局申请2025年农民专业合作社发展扶持资金180万元。资金主要用于：对15家县级以上示范社每家补助8万元，计120万元；开展合作社带头人及财务人员培训4期、培训300人次，计20万元；支持合作社建设冷藏保鲜设施6个，计40万元。项目于2025年11月底前完成资金拨付，带动入社农户户均增收由2024年的1200元提高到1500元，示范社财务规范化率达到100%。"
GREEN_NAME, GREEN_BUDGET = "城区园林绿化养护", 640
CANTEEN_NAME, CANTEEN_BUDGET = "中小学校食堂食品安全提升", 96
GEO_NAME, GEO_BUDGET = "2025年地质灾害防治", 420
CULTURE_NAME, CULTURE_BUDGET = "乡镇综合文化站免费开放", 90
COOP_NAME, COOP_BUDGET = "2025年农民专业合作社发展扶持", 180


def _table(res):
    return [(c.level1, c.level2, c.name, c.operator, c.value, c.unit) for c in res.default_table]


# ---------------------------------------------------------------- 1. a past clause after a setting clause

def test_past_clause_after_setting_clause_is_no_target(shipped_kb):
    """全县现有林地面积86万亩，上年度林下经济产值达到2.3亿元: 上年度 makes its clause past whatever the sentence opened
    on, so 2.3 亿元 is last year's output and never a target (trial 24 got 林业总产值 ≥2.3 亿元)."""
    res = suggest_text(shipped_kb, FOREST, FOREST_NAME, None)
    rows = _table(res)
    assert not any(r[4] == "2.3" for r in rows), rows
    assert "上年度林下经济产值达到2.3亿元”是已发生的实际数" in res.message, res.message


# ---------------------------------------------------------------- 5. a bare figure is the project's scale

def test_bare_length_is_the_roads_length(shipped_kb):
    """道路 + "12公里 300万元": the one length stated is the road's, 道路长度 ≥ 12 公里, never 待填写 with the reason
    that no scale is stated."""
    rows = _table(suggest_text(shipped_kb, "12公里 300万元", "道路", None))
    assert ("output", "quantity", "道路长度", "≥", "12", "公里") in rows, rows


# ---------------------------------------------------------------- 3. names cut inside a word

def test_name_cut_after_bound_first_character_is_completed(shipped_kb):
    """全年补植苗木不少于1.2万株 → 补植苗木数量 (not 植苗木数量); 受威胁群众安全转移率100% → 受威胁群众安全转移率."""
    green = [r[2] for r in _table(suggest_text(shipped_kb, GREEN, GREEN_NAME, GREEN_BUDGET))]
    assert "补植苗木数量" in green and "植苗木数量" not in green, green
    geo = [r[2] for r in _table(suggest_text(shipped_kb, GEO, GEO_NAME, GEO_BUDGET))]
    assert "受威胁群众安全转移率" in geo and "威胁群众安全转移率" not in geo, geo


def test_name_cut_after_a_letter_is_completed(shipped_kb):
    """学校食堂食品安全量化等级B级以上比例由85%提高到95% → the row names the grade (…等级B级以上比例), never 级以上比例."""
    rows = _table(suggest_text(shipped_kb, CANTEEN, CANTEEN_NAME, CANTEEN_BUDGET))
    names = [r[2] for r in rows]
    assert "级以上比例" not in names, names
    assert any(n.endswith("量化等级B级以上比例") and r[4] == "95" for n, r in zip(names, rows)), rows


def test_template_slot_takes_the_noun_not_the_clause(shipped_kb):
    """〔隐患点名称〕治理工程完成率 filled from 5处隐患点实施工程治理 is 隐患点治理工程完成率, never 处隐患点实施工程治理工程完成率."""
    names = [r[2] for r in _table(suggest_text(shipped_kb, GEO, GEO_NAME, GEO_BUDGET))]
    assert not any(n.startswith("处") for n in names), names
    assert "隐患点治理工程完成率" in names, names


# ---------------------------------------------------------------- 2. per place, per household

FOREST_FULL = ("县林业局2025年林下经济发展项目，预算资金120万元。全县现有林地面积86万亩，上年度林下经济产值达到2.3亿元。"
               "今年计划新发展林下种植基地3000亩、林下养殖示范点12个，培训林农500人次，11月底前完成验收。"
               "项目实施后带动1200户农户户均增收2000元。")


def test_count_per_station_is_totalled_over_the_stations(shipped_kb):
    """全年每站…文体活动不少于12场次、…公益培训讲座不少于6期 beside 18个乡镇综合文化站: the county's 216 场 and 108 期,
    the second named as the text names it (公益培训讲座期数)."""
    rows = _table(suggest_text(shipped_kb, CULTURE, CULTURE_NAME, CULTURE_BUDGET))
    assert any(r[2] == "文体活动场次" and r[4] == "216" for r in rows), rows
    assert any(r[2] == "公益培训讲座期数" and r[4] == "108" for r in rows), rows
    assert not any(r[4] in ("12", "6") for r in rows), rows


def test_income_per_household_is_no_total(shipped_kb):
    """带动入社农户户均增收…提高到1500元 is 入社农户户均增收 ≥ 1500 元/户, never 带动农户增收总额 ≥ 1500 元."""
    rows = _table(suggest_text(shipped_kb, COOP, COOP_NAME, COOP_BUDGET))
    assert not any("总额" in r[2] for r in rows), rows
    assert any(r[2] == "入社农户户均增收" and r[4] == "1500" and r[5] == "元/户" for r in rows), rows


def test_households_and_their_income_are_named_apart(shipped_kb):
    """带动1200户农户户均增收2000元: 带动农户户数 ≥ 1200 户 and 农户户均增收 ≥ 2000 元/户 (not 农户户均户数, 户农户户均增收)."""
    rows = _table(suggest_text(shipped_kb, FOREST_FULL, FOREST_NAME, None))
    assert any(r[2] == "带动农户户数" and r[4] == "1200" and r[5] == "户" for r in rows), rows
    assert any(r[2] == "农户户均增收" and r[4] == "2000" and r[5] == "元/户" for r in rows), rows


# ---------------------------------------------------------------- 4. a total over a list

def test_total_over_a_list_names_the_whole(shipped_kb):
    """12个公园游园、36条道路两侧绿化带共计128万平方米绿地实施专业化养护: 绿地养护面积 ≥ 128 万平方米, not the road belts'."""
    rows = _table(suggest_text(shipped_kb, GREEN, GREEN_NAME, GREEN_BUDGET))
    assert ("output", "quantity", "绿地养护面积", "≥", "128", "万平方米") in rows, rows
    assert not any(r[2] == "道路两侧绿化带面积" for r in rows), rows
