"""Trial 13 (a fresh reviewer checked drafts with typical mistakes): a standard written without its unit, a past
figure or a figure other than the text's as the target, a `--fix` that made a second acceptance rate, a blank count
proposed 定性：达成年度指标, a payment's on-time rate dated by a year's end nobody stated, a standard's operator.
Each table is written to a JSON file as a declarant sends it and read back (`read_table`), checked as
`jixiao check table.json` checks it (generic defaults, no library) and, where it matters, fixed (`apply_fixes`)."""
from __future__ import annotations


import pytest

from kb.checker import check_declaration
from kb.checker.engine import repeated_measures
from kb.checker.fix import apply_fixes
from kb.domain.schema import TargetRow
from kb.domain.years import past_reports
from tests.checker_rows import QLT, QTY, SAT, SOC, TIM, by_key, table_file as _table

COST = ("成本指标", "经济成本指标")

# the reviewer's 危房改造 text (facts of their draft: 120 done in 2024, 150 planned, 2 万元 a household, 100 %)
HOUSING = ("县住建局2025年农村危房改造补助项目，预算资金300万元。2024年全县已完成危房改造120户。2025年计划对150户C、D级"
           "危房实施改造，每户补助2万元，2025年10月底前全部竣工验收，竣工验收合格率100%，保障困难群众住房安全。")
# the reviewer's 饮水 text (143 处 stand, 35 done in 2024, 42 planned, 58 公里, 92 % → 94 %)
WATER = ("县水利局2025年农村饮水安全工程维修养护项目，申请资金合计260万元。全县现有农村集中供水工程143处，服务农村人口"
         "28.6万人，2024年已完成维修养护工程35处。今年计划对其中运行超过10年、故障率较高的42处供水工程进行维修改造，"
         "更换老化管网58公里、水泵及消毒设备96台套，10月底前全部完工。项目实施后受益群众约7.3万人，农村自来水普及率由92%"
         "提高到94%，水质检测达标率不低于95%。")


@pytest.fixture(scope="module")
def library():
    """The lookup over the repo's shipped library (indicators/), as `jixiao check` uses it."""
    from kb.indicators.lookup import IndicatorLookup
    from kb.io.library import load_libraries
    from kb.settings import Settings

    inds = [i for i in load_libraries(Settings().indicators_dir) if i.status.value != "deprecated"]
    return IndicatorLookup.from_indicators(inds)


def _fixed_rows(decl) -> dict[str, TargetRow]:
    """The rows of the `--fix` table by name."""
    return {r.name: r for r in apply_fixes(decl, check_declaration(decl)).rows}


HOUSING_ROWS = [(*QTY, "危房改造户数", "≥", "120", "户"),
                (*QLT, "工程质量", "", "有所提高", ""),
                (*QLT, "竣工验收合格率", "≥", "95", "%"),
                (*TIM, "改造完成时间", "", "2025年10月31日前", ""),
                (*COST, "户均补助标准", "=", "2", ""),
                (*SOC, "住房安全保障户数", "≥", "150", "户"),
                (*SAT, "受益群众满意度", "≥", "90", "%")]


# ------------------------------------------------------------------ 1 / 7. a standard: its unit and its =
def test_standard_without_unit_takes_the_texts_unit_and_keeps_equal(tmp_path):
    """户均补助标准 =2 with no unit beside “每户补助2万元” was ≤2元 (10,000× too small, = flipped); it is =2 万元/户,
    in the suggestion and in the `--fix` table."""
    decl = _table(tmp_path, "2025年农村危房改造补助", HOUSING, HOUSING_ROWS, 300)
    sug = by_key(check_declaration(decl))[(5, "UNIT-01")].suggestion
    assert (sug.operator, sug.value, sug.unit) in ((None, None, "万元/户"), ("=", "2", "万元/户")), sug
    assert "=2万元/户" in sug.text, sug
    fixed = _fixed_rows(decl)["户均补助标准"]
    assert (fixed.operator, fixed.value, fixed.unit) == ("=", "2", "万元/户"), fixed


def test_standard_without_unit_in_the_text_is_not_guessed(tmp_path):
    """With no unit in the row nor in the text for that figure, the finding says so: no 元 is guessed.

    Trial 18 changed the first case: the budget over the households the text plans (300 万元 ÷ 150户 = 2 万元/户) is
    the row's own figure, so its unit is read, not guessed (`kb.checker.rewrite.implied_unit_cost`); with a figure the
    text does not imply (=3) the unit is still left to the declarant, the reading said beside it."""
    text = "县住建局2025年农村危房改造补助项目，对150户C、D级危房实施改造，保障困难群众住房安全。"
    decl = _table(tmp_path, "2025年农村危房改造补助", text, HOUSING_ROWS, 300)
    f = by_key(check_declaration(decl))[(5, "UNIT-01")]
    assert f.suggestion.unit == "万元/户" and "预算300万元÷150户" in f.message, f
    assert "2元" not in f.suggestion.text, f.suggestion
    rows = [r if r[2] != "户均补助标准" else (*r[:4], "3", r[5]) for r in HOUSING_ROWS]
    decl = _table(tmp_path, "2025年农村危房改造补助", text, rows, 300)
    sug = by_key(check_declaration(decl))[(5, "UNIT-01")].suggestion
    assert sug.unit is None and sug.value is None and "待填写" in sug.text and "没有计量单位" in sug.text, sug
    assert "3元" not in sug.text and "测算约2万元/户" in sug.text, sug
    assert _fixed_rows(decl)["户均补助标准"].unit == ""


def test_a_standard_without_operator_takes_equal(tmp_path):
    """OP-01 on 户均补助 2万元/户 proposed ≤2万元/户, where suggest writes a standard with =; a total cost keeps ≤."""
    rows = [(*QTY, "改造户数", "≥", "150", "户"),
            (*COST, "户均补助", "", "2万元/户", ""),
            (*COST, "项目总成本", "", "300万元", ""),
            (*SAT, "受益群众满意度", "≥", "90", "%")]
    found = by_key(check_declaration(_table(tmp_path, "2025年农村危房改造补助", HOUSING, rows, 300)))
    assert found[(2, "OP-01")].suggestion.operator == "=", found[(2, "OP-01")].suggestion
    assert found[(3, "OP-01")].suggestion.operator == "≤", found[(3, "OP-01")].suggestion


# ------------------------------------------------------------------ 2. a past figure as the target
def test_last_years_figure_is_flagged_with_the_planned_one(tmp_path):
    """危房改造户数 ≥120户 is “2024年全县已完成危房改造120户”; the plan is 150 (对150户C、D级危房: the grade letters
    between the unit and its object are read over). REL-06 says so and the fix writes ≥150 户."""
    decl = _table(tmp_path, "2025年农村危房改造补助", HOUSING, HOUSING_ROWS, 300)
    f = by_key(check_declaration(decl))[(1, "REL-06")]
    assert "2024年全县已完成危房改造120户" in f.message and "150户" in f.message, f.message
    assert (f.suggestion.value, f.suggestion.text) == ("150", "指标值改为“≥150户”"), f.suggestion
    assert _fixed_rows(decl)["危房改造户数"].value == "150"


def test_last_years_figure_inside_a_sentence_on_the_setting(tmp_path):
    """“…143处，服务农村人口28.6万人，2024年已完成维修养护工程35处。” — the past clause opens mid-sentence; the
    plan is 42 处 (`past_reports`); 143 处 stays REL-06's stock."""
    rows = [(*QTY, "维修改造供水工程数量", "≥", "35", "处"),
            (*QTY, "集中供水工程数量", "≥", "143", "处"),
            (*QLT, "水质检测达标率", "≥", "95", "%"),
            (*SAT, "受益群众满意度", "≥", "90", "%")]
    found = by_key(check_declaration(_table(tmp_path, "2025年农村饮水安全工程维修养护", WATER, rows, 260)))
    assert "以前年度已完成" in found[(1, "REL-06")].message and found[(1, "REL-06")].suggestion.value == "42"
    assert "现有" in found[(2, "REL-06")].message
    assert past_reports(WATER, 2025) == ["2024年已完成维修养护工程35处。"]


def test_a_figure_planned_again_is_no_past_target(tmp_path):
    """“2024年已完成改厕1200户。今年计划再完成改厕1200户。”: the 1200 is this year's too."""
    text = "2024年全县已完成农村户厕改造1200户。2025年计划完成农村户厕改造1200户，年底前全部完工。"
    rows = [(*QTY, "农村户厕改造户数", "≥", "1200", "户"), (*SAT, "受益群众满意度", "≥", "90", "%")]
    found = by_key(check_declaration(_table(tmp_path, "2025年农村户厕改造", text, rows, 120)))
    assert (1, "REL-06") not in found and (1, "REL-07") not in found, found


# ------------------------------------------------------------------ 3. a figure other than the text's
WATER_ROWS = [(*QTY, "更换老化管网里程", "≥", "85", "公里"),
              (*QTY, "水泵及消毒设备数量", "≥", "96", "台套"),
              (*SOC, "农村自来水普及率", "≥", "92", "%"),
              (*QLT, "水质检测达标率", "≥", "95", "%"),
              (*SAT, "受益群众满意度", "≥", "90", "%")]


def test_a_target_other_than_the_texts_figure(tmp_path):
    """85 公里 beside “更换老化管网58公里” and 普及率 ≥92 % beside “由92%提高到94%” (the baseline as target) are our
    REL-07; the fix writes the text's figures. A row equal to the text (96 台套, 95 %) has none."""
    decl = _table(tmp_path, "2025年农村饮水安全工程维修养护", WATER, WATER_ROWS, 260)
    found = by_key(check_declaration(decl))
    assert found[(1, "REL-07")].suggestion.text == "指标值改为“≥58公里”", found[(1, "REL-07")].suggestion
    assert "94%" in found[(3, "REL-07")].message and found[(3, "REL-07")].suggestion.value == "94"
    assert (2, "REL-07") not in found and (4, "REL-07") not in found and (5, "REL-07") not in found
    fixed = _fixed_rows(decl)
    assert fixed["更换老化管网里程"].value == "58" and fixed["农村自来水普及率"].value == "94"


def test_a_rate_below_the_texts_and_no_reading_of_another_rates_target(tmp_path):
    """竣工验收合格率 ≥95 % beside “…竣工验收合格率100%” (a plan sentence) → =100 %; the 普及率's target is its own
    94, never the 95 of the 达标率 named after it in the same sentence."""
    found = by_key(check_declaration(_table(tmp_path, "2025年农村危房改造补助", HOUSING, HOUSING_ROWS, 300)))
    sug = found[(3, "REL-07")].suggestion
    assert (sug.operator, sug.value, sug.text) == ("=", "100", "指标值改为“=100%”"), sug


def test_no_comparison_in_a_self_evaluation(tmp_path):
    """A self-evaluation's text reports what was done (完成情况:…87人次): the target may differ, no REL-07."""
    text = "绩效目标自评表(2019年度)。年度资金30万元。完成情况:全年救助建档立卡扶贫户临时救助87人次。"
    rows = [(*QTY, "建档立卡贫困人口中接受临时救助的人次数", "≥", "59", "人次"), (*SAT, "受助对象满意度", "≥", "90", "%")]
    found = by_key(check_declaration(_table(tmp_path, "临时救助", text, rows, 30, 2019)))
    assert (1, "REL-07") not in found


# ------------------------------------------------------------------ 4. --fix makes no second acceptance rate
def test_fix_makes_no_second_acceptance_rate(tmp_path, library):
    """With the library (as `jixiao check` runs), 工程质量：有所提高 was rewritten to 工程验收合格率 =100 % beside
    竣工验收合格率 ≥95 %, and a re-check was silent. The rewrite now merges the vague row into the one measuring it;
    the fixed table holds one acceptance rate. Alone, the vague row still takes the library's rate."""
    decl = _table(tmp_path, "2025年农村危房改造补助", HOUSING, HOUSING_ROWS, 300)
    rep = check_declaration(decl, lookup=library)
    sug = by_key(rep)[(2, "QNT-01")].suggestion
    assert sug.delete and "第3行“竣工验收合格率”" in sug.text, sug
    fixed = apply_fixes(decl, rep)
    assert [r.name for r in fixed.rows if "验收合格率" in r.name] == ["竣工验收合格率"]
    assert not any(f.rule_id == "STR-12" for f in check_declaration(fixed, lookup=library).findings)
    alone = _table(tmp_path, "2025年农村危房改造补助", HOUSING, HOUSING_ROWS[:2] + HOUSING_ROWS[3:], 300)
    assert by_key(check_declaration(alone, lookup=library))[(2, "QNT-01")].suggestion.name == "工程验收合格率"


def test_two_acceptance_rates_of_the_works_are_one_measure(tmp_path):
    """工程验收合格率 and 竣工验收合格率: STR-12 (the names differ, the acceptance is one), and suggest's dedupe reads the
    same pair; 设备验收合格率 is another object."""
    rows = [(*QTY, "危房改造户数", "≥", "150", "户"),
            (*QLT, "工程验收合格率", "=", "100", "%"),
            (*QLT, "竣工验收合格率", "≥", "95", "%"),
            (*SAT, "受益群众满意度", "≥", "90", "%")]
    found = by_key(check_declaration(_table(tmp_path, "2025年农村危房改造补助", HOUSING, rows, 300)))
    assert "工程验收合格率" in found[(None, "STR-12")].message, found[(None, "STR-12")].message
    plain = [TargetRow(level1=a, level2=b, name=n, operator=o, value=v, unit=u) for a, b, n, o, v, u in rows]
    assert repeated_measures(plain) == [(2, 3)]
    plain[1] = TargetRow(level1="产出指标", level2="质量指标", name="设备验收合格率", operator="=", value="100", unit="%")
    assert repeated_measures(plain) == []


# ------------------------------------------------------------------ 5. a count with no number
def test_blank_count_asks_for_the_planned_number(tmp_path):
    """{"name":"修路","level2":"数量指标"} with no description was proposed 定性：达成年度指标; it asks for the number."""
    rows = [(*QTY, "修路", "", "", ""), (*QTY, "道路修缮", "定性", "达成年度指标", ""), (*SAT, "群众满意度", "≥", "90", "%")]
    found = by_key(check_declaration(_table(tmp_path, "修路", "", rows, 0)))
    sug = found[(1, "STR-03")].suggestion
    assert sug.value is None and sug.operator is None and "计划完成的数量" in sug.text, sug
    assert "数量" in found[(2, "QNT-01")].message and "计划完成的数量" in found[(2, "QNT-01")].suggestion.text


def test_a_quality_rows_grade_still_stands(tmp_path):
    """定性：达到预期 on a 质量 row is the work's standard (round 13): no QNT-01."""
    rows = [(*QTY, "课程开发数量", "≥", "3", "门"), (*QLT, "课程开发质量", "定性", "达到预期", ""),
            (*SAT, "学员满意度", "≥", "90", "%")]
    found = by_key(check_declaration(_table(tmp_path, "课程开发", "", rows, 10)))
    assert (2, "QNT-01") not in found


# ------------------------------------------------------------------ 6. no year's end for a payment's on-time rate
def test_payment_rate_without_a_stated_term_keeps_the_rate(tmp_path):
    """老年助餐服务补贴发放及时率 =100 % with no term in the text was made …发放完成时间 2025年12月31日前; the rate stays
    (TIME-05's advice asks for the term), and a stated term is still taken."""
    text = "为全县60岁以上老人提供助餐服务，建设8个老年助餐点，按每餐3元标准发放补贴。"
    rows = [(*TIM, "老年助餐服务补贴发放及时率", "=", "100", "%"), (*QTY, "老年助餐点数量", "≥", "8", "个"),
            (*SAT, "就餐老人满意度", "≥", "90", "%")]
    sug = by_key(check_declaration(_table(tmp_path, "2025年老年助餐服务补贴", text, rows, 120)))[(1, "TIME-05")].suggestion
    assert sug.name is None and sug.value is None and "12月31日" not in sug.text and "发放时限" in sug.text, sug
    said = _table(tmp_path, "2025年老年助餐服务补贴", text + "补贴于2025年9月30日前发放到位。", rows, 120)
    sug = by_key(check_declaration(said))[(1, "TIME-05")].suggestion
    assert sug.value == "2025年9月30日前", sug
