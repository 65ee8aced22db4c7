"""Defects of the twenty-second fresh reviewer's trial (/tmp/trial22, steps 4 and 5): a row named for a whole the
text splits into parts, a whole project's date before a part's later one, an output count filed under 效益, a vague
count beside the text's figure, the missing-row advice before the library's rate, a deadline with no year, QNT-04's
wording and 森林覆盖率's advice, and library explanations naming a place level."""
from __future__ import annotations

from tests.checker_rows import QLT, QTY, SAT, SOC, TIM, by_key, found, row

HOUSING = ("根据住建部门排查鉴定结果，全县2025年计划实施农村低收入群体等重点对象危房改造85户，其中C级危房加固改造55户、"
           "D级危房拆除重建30户。补助标准：加固改造每户1.5万元，拆除重建每户3.5万元，共需补助资金187.5万元，由中央和省级"
           "补助资金安排。改造后房屋须经县住建局组织竣工验收，验收合格率100%，改造房屋抗震设防达标。所有改造项目须于2025年"
           "10月31日前竣工，补助资金在验收合格后30日内通过“一卡通”发放到户。项目实施后，保障农村低收入群体住房安全，受益群众"
           "满意度达到90%以上。")
HOUSING_CTX = {"description": HOUSING, "project": "2025年农村危房改造补助资金", "budget_wan": 187.5, "budget_year": 2025}


# ---- 1. the row named for the whole takes the whole ---------------------------------------------------------------

def test_a_row_named_for_the_whole_takes_the_total_not_a_parts_figure():
    """housing.xlsx: 农村危房改造户数 ≥30 户 passed beside “重点对象危房改造85户，其中…D级危房拆除重建30户” — the 30 is
    a part's; a row whose name names no part (no 加固, 拆除重建) is the whole's, 85."""
    f = found([row(*QTY, "农村危房改造户数", "≥", "30", "户")], **HOUSING_CTX)
    hit = f[(1, "REL-07")]
    assert hit.suggestion.value == "85" and "≥85户" in hit.suggestion.text, hit.suggestion.text
    # a row naming the part keeps the part's figure: no finding
    f = found([row(*QTY, "D级危房拆除重建户数", "≥", "30", "户")], **HOUSING_CTX)
    assert (1, "REL-07") not in f
    # the whole's own figure: no finding
    f = found([row(*QTY, "农村危房改造户数", "≥", "85", "户")], **HOUSING_CTX)
    assert (1, "REL-07") not in f


# ---- 2. a whole project's date before the text's later date for its work ------------------------------------------

FOREST = ("全县现有林地面积126万亩，其中松林面积42万亩，是松材线虫病防控的重点区域。2024年全县共清理松材线虫病枯死松树1.8万株。"
          "2025年安排林业有害生物防治经费85万元，计划开展松材线虫病秋季普查1次，监测松林面积42万亩；清理枯死松树1.2万株，每株补助"
          "50元，计60万元；设置诱捕器300套，每套200元，计6万元；开展美国白蛾等食叶害虫飞机防治2万亩，19万元。林业有害生物成灾率"
          "控制在3‰以下，无公害防治率达到90%以上，疫木处置于2026年3月底前完成。")
FOREST_CTX = {"description": FOREST, "project": "2025年林业有害生物防治经费", "budget_wan": 85, "budget_year": 2025}


def test_a_completion_date_before_the_texts_later_date_for_the_work_is_time_06():
    """forest.xlsx: 林业有害生物防治完成时间 2025年12月31日前 passed beside “疫木处置于2026年3月底前完成” — the project (its
    name is the project's work) cannot be done before its 疫木处置; the fix writes the text's date."""
    f = found([row(*TIM, "林业有害生物防治完成时间", "", "2025年12月31日前", ""),
               row(*TIM, "疫木处置完成时间", "", "2025年12月31日前", ""),
               row(*TIM, "诱捕器设置完成时间", "", "2025年6月30日前", "")], **FOREST_CTX)
    for i in (1, 2):
        hit = f[(i, "TIME-06")]
        assert "2026年3月31日前" in hit.message and hit.suggestion.value == "2026年3月31日前", hit.suggestion.text
    # a part of the work the clause does not name may finish earlier
    assert (3, "TIME-06") not in f
    # the text's own date: no TIME-06
    f = found([row(*TIM, "林业有害生物防治完成时间", "", "2026年3月31日前", "")], **FOREST_CTX)
    assert (1, "TIME-06") not in f


# ---- 3 and 4. the drug-education draft: an output count under a benefit's 二级, a vague count beside 120场次 -------

DRUG = ("2024年全县开展禁毒宣传活动100场次。2025年县禁毒办禁毒宣传教育经费，项目预算25万元。在全县15个乡镇开展禁毒宣传进学校、"
        "进社区、进农村、进家庭、进场所活动不少于120场次，印发禁毒宣传资料5万份，制作禁毒公益广告牌30块；覆盖在校学生2.8万人。"
        "群众禁毒知识知晓率达到90%以上。项目于2025年12月20日前完成。")


def _drug_table(tmp_path, rows):
    from tests.checker_rows import table_file

    return table_file(tmp_path, "2025年禁毒宣传教育经费", DRUG, rows, 25)


def test_an_output_count_under_a_benefits_level2_stays_an_output_and_the_fix_keeps_it_there(tmp_path):
    """draft.json: 产出指标/社会效益指标/公益广告牌数量 ≥30 块 got “层级改为效益指标/社会效益指标” and --fix moved it under
    效益; a count of what the project makes, under 产出, only has the wrong 二级: 数量指标."""
    from kb.checker import apply_fixes, check_declaration

    decl = _drug_table(tmp_path, [("产出指标", "社会效益指标", "公益广告牌数量", "≥", "30", "块"), (*SAT, "群众满意度", "≥", "90", "%")])
    rep = check_declaration(decl)
    assert by_key(rep)[(1, "STR-02")].suggestion.text == "层级改为“产出指标/数量指标”"
    fixed = apply_fixes(decl, rep).rows[0]
    assert (fixed.level1, fixed.level2, fixed.name) == ("产出指标", "数量指标", "公益广告牌数量")


def test_the_texts_work_count_filed_under_a_benefit_is_rel_01(tmp_path):
    """The trial's fixed file kept 效益指标/社会效益指标/公益广告牌数量 ≥30 块 and a second check said nothing: the figure
    is the text's “制作禁毒公益广告牌30块”, the year's output."""
    from kb.checker import check_declaration

    know = (*SOC, "群众禁毒知识知晓率", "≥", "90", "%")
    rep = check_declaration(_drug_table(tmp_path, [(*SOC, "公益广告牌数量", "≥", "30", "块"), know,
                                                   (*SAT, "群众满意度", "≥", "90", "%")]))
    hit = by_key(rep)[(1, "REL-01")]
    assert "30块" in hit.message and hit.suggestion.text == "层级改为“产出指标/数量指标”"
    # a figure the text does not state as work: no finding
    rep = check_declaration(_drug_table(tmp_path, [(*SOC, "公益广告牌数量", "≥", "40", "块"), know,
                                                   (*SAT, "群众满意度", "≥", "90", "%")]))
    assert (1, "REL-01") not in by_key(rep)


VAGUE = ("产出指标", "数量指标", "禁毒宣传活动场次", "", "有所提高", "")
PAST = ("产出指标", "数量指标", "2024年开展禁毒宣传活动场次", "=", "100", "场次")


def test_a_vague_count_named_by_its_counter_takes_the_stated_figure_and_the_past_row_merges(tmp_path):
    """禁毒宣传活动场次：有所提高 was rewritten 待填写 beside “…活动不少于120场次” (the name ends on its counter, 场次, and
    no count word); --fix then left it beside REL-06's 开展禁毒宣传活动场次 ≥120 场次 — two rows of one measure."""
    from kb.checker import apply_fixes, check_declaration

    decl = _drug_table(tmp_path, [VAGUE, PAST, (*SAT, "群众满意度", "≥", "90", "%")])
    rep = check_declaration(decl)
    sug = by_key(rep)[(1, "QNT-01")].suggestion
    assert (sug.operator, sug.value, sug.unit) == ("≥", "120", "场次"), sug.text
    assert by_key(rep)[(2, "REL-06")].suggestion.text.startswith("删除该行")
    rows = apply_fixes(decl, rep).rows
    counts = [(x.name, x.operator, x.value, x.unit) for x in rows if "场次" in x.name]
    assert counts == [("禁毒宣传活动场次", "≥", "120", "场次")], counts


def test_the_trials_fixed_file_with_both_rows_is_merged_on_a_second_check(tmp_path):
    """The trial's draft_fixed.xlsx: 禁毒宣传活动场次 有所提高 beside 开展禁毒宣传活动场次 ≥120 场次 — the vague row is
    rewritten to the stated figure and merged into the other."""
    from kb.checker import check_declaration

    rep = check_declaration(_drug_table(tmp_path, [VAGUE, ("产出指标", "数量指标", "开展禁毒宣传活动场次", "≥", "120", "场次"),
                                                   (*SAT, "群众满意度", "≥", "90", "%")]))
    assert by_key(rep)[(1, "QNT-01")].suggestion.text.startswith("删除该行：改写后与第2行")


# ---- 5. the missing 质量 row is the text's stated rate first ----------------------------------------------------------

DRUG_OWN = ("2025年县禁毒办禁毒宣传教育经费，项目预算25万元。依托“6·26”国际禁毒日、全民禁毒宣传月等节点，在全县15个乡镇开展禁毒"
            "宣传进学校、进社区、进农村、进家庭、进场所活动不少于120场次，印发禁毒宣传资料5万份，制作禁毒公益广告牌30块；对全县"
            "中小学校开展毒品预防教育，覆盖在校学生2.8万人。通过宣传，群众禁毒知识知晓率达到90%以上，青少年毒品预防教育覆盖率100%，"
            "新增吸毒人员数量较上年下降。项目于2025年12月20日前完成。")


def test_the_missing_quality_row_is_the_rate_the_text_states(tmp_path):
    """--fix added the library's 宣传覆盖率 ≥90 % where the text states 青少年毒品预防教育覆盖率100% (知晓率 is an effect,
    not a quality of the output, and is skipped)."""
    from kb.checker import check_declaration
    from tests.checker_rows import table_file

    rows = [(*QTY, "禁毒宣传活动场次", "≥", "120", "场次"), (*TIM, "完成时间", "", "2025年12月20日前", ""),
            (*SOC, "群众禁毒知识知晓率", "≥", "90", "%"), (*SAT, "群众满意度", "≥", "90", "%"),
            ("成本指标", "经济成本指标", "项目总成本", "≤", "25", "万元")]
    rep = check_declaration(table_file(tmp_path, "2025年禁毒宣传教育经费", DRUG_OWN, rows, 25))
    add = by_key(rep)[(None, "STR-10")].suggestion.add_rows
    assert [(a["level2"], a["name"], a["operator"], a["value"], a["unit"]) for a in add] == [
        ("质量指标", "青少年毒品预防教育覆盖率", "=", "100", "%")]


# ---- 6. a deadline with no year: the table's year, never 当年 ---------------------------------------------------------

WATER = ("计划改造县城城区建成于2000年前的老旧铸铁、镀锌供水管网18.6公里，更换入户水表3200只，惠及城区居民约1.1万户3.5万人。"
         "工程于2025年4月开工，11月30日前完工并通过验收，工程验收合格率100%。")


def test_a_yearless_deadline_is_never_rewritten_to_another_yearless_one():
    """draft.csv (no year anywhere): TIME-01 said “10月底前 没有写明年份” and rewrote it “当年10月31日前”, still no year;
    with the project's year known (its name) the year is written."""
    f = found([row(*TIM, "完成时间", "", "10月底前", "")])
    sug = f[(1, "TIME-01")].suggestion
    assert sug.value is None and sug.text.startswith("待填写") and "当年" not in sug.text, sug.text
    f = found([row(*TIM, "完成时间", "", "10月底前", "")], project="2025年农村危房改造补助资金")
    assert f[(1, "TIME-01")].suggestion.value == "2025年10月31日前"


def test_dangnian_beside_a_known_year_is_time_01():
    """suggest's own 供水管网改造工程完成时间 当年11月30日前 passed beside a 2025 text: with the table's year known (its
    预算年度, or the plan year the text states) the value should say it. (A year read only from the text's schedule,
    “工程于2025年4月开工”, dates a year-less 11月底前 but does not flag 当年: suggest writes 当年 exactly when its
    plan-year reader finds none — D062 — and would blank the row.)"""
    f = found([row(*TIM, "供水管网改造工程完成时间", "", "当年11月30日前", "")], description=WATER,
              project="县城老旧供水管网改造工程", budget_year=2025)
    hit = f[(1, "TIME-01")]
    assert "当年" in hit.message and hit.suggestion.value == "2025年11月30日前", hit.suggestion.text
    # no year anywhere, or only the schedule's: 当年 names the budget year and passes
    assert (1, "TIME-01") not in found([row(*TIM, "完成时间", "", "当年11月30日前", "")])
    # trial 23b changed this expectation on purpose: 建成于2000年前 dates the mains, so the plan-year reader now takes
    # the schedule's 2025 as the text's one year (suggest writes 2025年11月30日前), and 当年 beside it is TIME-01
    hit = found([row(*TIM, "完成时间", "", "当年11月30日前", "")], description=WATER)[(1, "TIME-01")]
    assert hit.suggestion.value == "2025年11月30日前", hit.suggestion.text
    # the schedule's year dates a year-less deadline
    f = found([row(*TIM, "完成时间", "", "11月底前", "")], description=WATER)
    assert f[(1, "TIME-01")].suggestion.value == "2025年11月30日前"


# ---- 7. QNT-04 names the offending cell only; a land cover's advice is a rate's -------------------------------------

def test_qnt_04s_rewrite_quotes_the_value_not_the_unit():
    """POST /v1/declarations/check with value "1e3", unit 公里: “…超过 1 万亿的数（“1e3”“公里”）” named 公里 too."""
    f = found([row(*QTY, "修缮道路里程", "≥", "1e3", "公里")])
    text = f[(1, "QNT-04")].suggestion.text
    assert "“1e3”" in text and "公里" not in text, text


def test_forest_cover_left_blank_is_a_rates_advice_not_a_services_coverage():
    """forest.xlsx: STR-03 on 森林覆盖率 待填写 spoke of “覆盖率的基数（应覆盖的范围）” — forest cover is a share of land,
    not a service's coverage; a service's coverage (宣传覆盖率) keeps that advice."""
    from kb.domain.units import COVERAGE_PENDING, RATE_PENDING

    f = found([row("效益指标", "生态效益指标", "森林覆盖率", "", "待填写", "%"), row(*SOC, "宣传覆盖率", "", "", "%")],
              **FOREST_CTX)
    assert f[(1, "STR-03")].suggestion.text.startswith(RATE_PENDING)
    assert f[(2, "STR-03")].suggestion.text.startswith(COVERAGE_PENDING)


# ---- 8. a library explanation names no place level ------------------------------------------------------------------

def test_no_shipped_explanation_names_a_place_level_and_the_build_refuses_one(tmp_path):
    """重点对象危房改造户数 was explained “某乡镇完成改造的农村危房户数” on a county table: the library's 〔乡镇〕危房改造户数
    row's wording. No shipped explanation says 某乡镇 / 某县 / 某村, and loading a library with one is a DataError naming
    the file, row and field."""
    import re
    import shutil
    from pathlib import Path

    import pytest

    from kb.errors import DataError
    from kb.io.library import load_libraries

    shipped = Path(__file__).resolve().parents[1] / "indicators"
    lib = load_libraries(shipped)
    assert not [i.name for i in lib if re.search(r"某(?:乡镇|县|村)", i.explanation or "")]
    housing = next(i for i in lib if i.name == "〔乡镇〕危房改造户数")
    assert "乡镇" not in housing.explanation and "危房" in housing.explanation

    copy = tmp_path / "indicators"
    (copy / "basic").mkdir(parents=True)
    src = shipped / "basic" / "sector_housing.csv"
    text = src.read_text(encoding="utf-8").replace(housing.explanation, "某乡镇完成改造的农村危房户数", 1)
    (copy / "basic" / "sector_housing.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_libraries(copy)
    assert "某乡镇" in str(e.value) and "explanation" in str(e.value)
    shutil.rmtree(copy)
