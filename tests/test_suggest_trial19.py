"""What a nineteenth fresh reviewer (a county 财政局 reviewer, README only) struck or missed in `jixiao suggest`. The
reviewer's own texts (/tmp/trial19/inputs.md) are copied here verbatim; the real project is dev.jsonl's E021."""
from __future__ import annotations

from tests.kbfactory import suggest_dev, suggest_text

TRAIN_RATE = "县人社局2025年组织农村劳动力开展职业技能培训5000人次，每人补贴600元，资金300万元，培训后就业率达到70%，2025年11月底前完成。"
TRAIN_BARE = "全年开展职业技能培训5000人次，补贴资金3,000,000元，2025年11月底前完成。"


def _table(res):
    return [(c.level1_label, c.level2_label, c.name, c.operator, c.value, c.unit) for c in res.default_table]


# ---------------------------------------------------------------- 1. a training's employment is its 效益

def test_stated_employment_rate_is_the_training_benefit_not_a_completion_rate(shipped_kb):
    """培训后就业率达到70% was bound to 学员结业率 ≥ 70 % (产出/质量): 就业 is not 结业."""
    rows = _table(suggest_text(shipped_kb, TRAIN_RATE, "职业技能培训补贴"))
    assert ("效益指标", "社会效益指标", "培训后就业率", "≥", "70", "%") in rows, rows
    assert not any("结业率" in r[2] for r in rows), rows


def test_training_table_without_a_stated_rate_carries_a_blank_employment_benefit(shipped_kb):
    """A training table with no 效益 row draws the checker's STR-07 error: it carries 培训后就业率, blank, its reason
    given (never the library's typical 70 %)."""
    res = suggest_text(shipped_kb, TRAIN_BARE, "职业技能培训补贴")
    row = next((c for c in res.default_table if "就业率" in c.name), None)
    assert row is not None, _table(res)
    assert (row.level1_label, row.level2_label, row.value) == ("效益指标", "社会效益指标", ""), _table(res)
    assert "没有写明培训后就业率" in row.basis, row.basis


# ---------------------------------------------------------------- 2. a type's rows need the type's own work

def test_service_trade_fund_draws_no_exhibition_rows(shipped_kb):
    """E021 (服务贸易发展资金) was read as 会展与商贸促进 from its phrase 服务贸易, and seven exhibition rows filled the
    table (举办展会数量, 展位补贴标准, 参展企业满意度 …) though the text never mentions an exhibition."""
    res = suggest_dev(shipped_kb, "E021")
    rows = _table(res)
    assert not [r for r in rows if any(w in r[2] for w in ("展会", "参展", "会展", "展位"))], rows
    assert ("成本指标", "经济成本指标", "服务贸易发展成本", "≤", "285.84", "万元") in rows, rows
    # the payment's timeliness is the fund's own, the satisfaction the enterprises' (参展企业满意度 struck as wrong group)
    assert ("产出指标", "时效指标", "服务贸易发展资金拨付及时率", "≥", "95", "%") in rows, rows
    assert ("满意度指标", "服务对象满意度指标", "企业满意度", "≥", "90", "%") in rows, rows


def test_a_type_whose_work_the_text_names_keeps_its_rows(shipped_kb):
    """The rule reads only types the text names by none of their keywords: a 会展 fund keeps its exhibition rows."""
    rows = _table(suggest_text(shipped_kb, "县商务局组织本地企业40家参加境内外展会8场，按每个标准展位5000元给予补贴，补贴资金60万元。",
                               "会展补贴资金"))
    assert any("展" in r[2] for r in rows), rows


# ---------------------------------------------------------------- 3. a school repair's listed works

SCHOOL = ("县教育局2025年中小学校舍维修改造项目资金共计560万元，主要用途：（1）维修加固县第二中学等5所学校教学楼屋面及外墙，面积12000"
          "平方米，资金320万元；（2）改造8所农村小学旱厕为水冲式厕所，资金96万元；（3）更换14所学校老旧电路及消防设施，资金144万元。"
          "所有工程利用暑假施工，须于2025年8月25日前完工，确保秋季开学正常使用。项目惠及在校师生约1.1万人，维修后校舍安全隐患整改率"
          "达到100%。")


def test_schools_counted_are_named_by_the_work_done_to_them(shipped_kb):
    """学校教学楼屋面数量 ≥ 5 所 counted roofs in 所; 更换学校数量 ≥ 14 所 read as replacing 14 schools."""
    rows = _table(suggest_text(shipped_kb, SCHOOL, "中小学校舍维修改造", budget=560))
    names = [r[2] for r in rows]
    assert ("产出指标", "数量指标", "维修加固教学楼屋面及外墙学校数量", "≥", "5", "所") in rows, rows
    assert ("产出指标", "数量指标", "更换老旧电路及消防设施学校数量", "≥", "14", "所") in rows, rows
    assert "学校教学楼屋面数量" not in names and "更换学校数量" not in names, names


def test_area_cost_takes_the_money_of_the_item_the_area_belongs_to(shipped_kb):
    """校舍维修改造单位成本 ≤ 466.67 元/平方米 divided the whole 560 万元 by the 12000 平方米 of item (1), which costs
    320 万元: 3200000 元 ÷ 12000 平方米 = 266.67."""
    res = suggest_text(shipped_kb, SCHOOL, "中小学校舍维修改造", budget=560)
    per_area = [c for c in res.default_table if c.unit == "元/平方米"]
    assert per_area and per_area[0].value == "266.67", _table(res)
    assert any("320 万元" in e for e in per_area[0].evidence), per_area[0].evidence


# ---------------------------------------------------------------- 5. the work named whole

def test_sending_plays_to_villages_is_named_whole(shipped_kb):
    """送戏下乡 gave 下乡成本 and 下乡完成时间: 送|戏 was dropped before the bare verb 下乡."""
    res = suggest_text(shipped_kb, "县文化馆开展送戏下乡演出120场，项目资金五十万元，年底前完成。", "送戏下乡")
    names = [c.name for c in res.default_table] + [a.name for v in res.alternates.values() for a in v]
    assert "送戏下乡成本" in names, names
    assert not any(n.startswith("下乡") for n in names), names


# ---------------------------------------------------------------- 4. a measure counted in cases

FUNERAL = ("为推进殡葬改革，减轻群众丧葬负担，对我县户籍居民去世后实行火化的，免除遗体接运、存放、火化、骨灰寄存等基本殡葬服务费用，每具遗体"
           "补助1200元，预计全年惠及2800户家庭；对自愿将骨灰安葬在公益性公墓或实行树葬等节地生态安葬的，另给予每例1000元奖励，计划300例。"
           "补助资金于每季度末前发放到丧属账户，全县火化率由92%提高到95%。项目资金共计366万元。")


def test_cases_and_their_reward_are_carried(shipped_kb):
    """节地生态安葬 300例 and its 1000元/例 reward, one of the project's two measures, were carried by no row."""
    rows = _table(suggest_text(shipped_kb, FUNERAL, "殡葬改革惠民补助", budget=366))
    assert ("产出指标", "数量指标", "节地生态安葬数量", "≥", "300", "例") in rows, rows
    assert ("成本指标", "经济成本指标", "节地生态安葬奖励标准", "=", "1000", "元/例") in rows, rows
    assert ("成本指标", "经济成本指标", "每具补助标准", "=", "1200", "元/具") in rows, rows


# ---------------------------------------------------------------- 6. the village fund's standard and setting

VILLAGE = ("根据县委组织部、县财政局有关文件，2025年全县安排村级组织运转经费共计1368万元，覆盖全县12个乡镇152个行政村。其中：村干部基本报酬"
           "912万元、村级办公经费304万元（每村每年2万元）、村务监督委员会补贴152万元（每村1万元）。资金于2025年6月30日前按季度拨付到村，"
           "保障村级组织正常运转，村干部报酬按月足额发放。")


def test_a_part_standard_with_its_period_names_the_part(shipped_kb):
    """村级组织运转经费标准 = 2 万元/村·年: the 2万 is the 村级办公经费 part's standard (每村每年2万元), the whole fund is
    1368 ÷ 152 = 9 万元 a village."""
    rows = _table(suggest_text(shipped_kb, VILLAGE, "2025年村级组织运转经费", budget=1368))
    std = [r for r in rows if r[4] == "2" and r[5].startswith("万元/村")]
    assert std and std[0][2] == "村级办公经费标准", rows


def test_the_towns_holding_the_villages_are_no_second_benefit(shipped_kb):
    """受益乡镇数量 ≥ 12 beside 受益行政村数量 ≥ 152: the 12 towns only contain the 152 villages."""
    rows = _table(suggest_text(shipped_kb, VILLAGE, "2025年村级组织运转经费", budget=1368))
    names = [r[2] for r in rows]
    assert "受益行政村数量" in names and "受益乡镇数量" not in names, rows


# ---------------------------------------------------------------- 6. the year a text plans for beside last year's report

ANIMAL = ("县农业农村局2025年重大动物疫病强制免疫项目。全县现有生猪饲养量约42万头、牛羊存栏18万头（只）、家禽560万羽。2024年全县共完成强制"
          "免疫各类畜禽1980万头（只、羽）次。本年度计划对口蹄疫、高致病性禽流感、小反刍兽疫等实施强制免疫，免疫密度保持在90%以上，免疫抗体"
          "合格率达到70%以上；采集监测血清样品6000份；聘用村级防疫员210名，每人每月补助800元。项目预算420万元，其中疫苗采购218.4万元、"
          "防疫员补助201.6万元，确保全年不发生区域性重大动物疫情。")


def test_the_year_planned_is_read_beside_last_years_report(shipped_kb):
    """The text says 2025年…项目 and 2024年全县共完成…: the xlsx left 预算年度 blank and the deadline 当年12月31日前."""
    from kb.domain.years import stated_year

    assert stated_year("重大动物疫病强制免疫", ANIMAL) == 2025
    res = suggest_text(shipped_kb, ANIMAL, "重大动物疫病强制免疫", budget=420)
    dates = [c.value for c in res.default_table if c.level2_label == "时效指标" and "月" in c.value]
    assert dates and all(v.startswith("2025年") for v in dates), _table(res)
