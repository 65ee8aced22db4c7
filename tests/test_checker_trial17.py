"""Defects of the seventeenth fresh reviewer's trial (/tmp/trial17, steps 4 and 5): the library's figure written
into a rate suggest had left 待填写 (and into 就业率：提高), a year-less deadline (年底前) passed, a per-person cost in
元, an unweighted --fix table with no word on its blank 分值, an implausibly long road, and a service dated by the
day its points open."""
from __future__ import annotations

import pytest

from tests.checker_rows import QTY, SAT, SOC, TIM, TRIAL7_ROAD_CTX, by_key, found, row, table_file

CANTEEN = ("本项目由城关街道民政办组织实施。依托辖区内社区养老服务站新建改建老年助餐点5个，每个助餐点配置厨房设备和保温送餐箱，"
           "面向辖区60周岁以上老年人提供午餐，每日供餐不少于400份，其中为行动不便的高龄、失能老人送餐上门不少于60份。"
           "对80周岁以上老人和低保、特困老人每餐补贴4元。助餐点须于2025年6月30日前全部投入运营，全年累计服务老年人不少于"
           "6.5万人次。项目资金：助餐点建设改造及设备购置75万元，运营及用餐补贴105万元，合计180万元。")
CANTEEN_CTX = {"description": CANTEEN, "project": "城关街道老年助餐服务", "budget_wan": 180, "budget_year": 2025}


@pytest.fixture(scope="module")
def library():
    """The lookup over the repo's shipped library (indicators/), as `jixiao check` uses it."""
    from kb.indicators.lookup import IndicatorLookup
    from kb.io.library import load_libraries
    from kb.settings import Settings

    inds = [i for i in load_libraries(Settings().indicators_dir) if i.status.value != "deprecated"]
    return IndicatorLookup.from_indicators(inds)


def _value(decl, name: str) -> str:
    return next(r.value for r in decl.rows if r.name == name)


def test_a_blank_coverage_is_left_to_the_declarant_with_the_library_figure_as_a_hint(tmp_path, library):
    """社区老年助餐服务覆盖率 待填写 (suggest: 覆盖率的基数…不照搬指标库的典型值) was proposed ≥80 %; --fix wrote it, and
    the re-check passed. The fix now leaves it 待填写 with suggest's reason, the 80 only a hint, and the re-check
    still finds STR-03."""
    from kb.checker import apply_fixes, check_declaration

    decl = table_file(tmp_path, "城关街道老年助餐服务", CANTEEN, [
        ("产出指标", "数量指标", "新建改建老年助餐点数量", "≥", "5", "个"),
        ("效益指标", "社会效益指标", "社区老年助餐服务覆盖率", "", "待填写", "%")], 180)
    rep = check_declaration(decl, lookup=library)
    f = by_key(rep)[(2, "STR-03")]
    assert f.suggestion.text.startswith("待填写：覆盖率的基数（应覆盖的范围）描述未写明，请按实际测算填写，不照搬指标库的典型值")
    assert "（指标库典型值≥80%仅供参考）" in f.suggestion.text
    fixed = apply_fixes(decl, rep)
    assert _value(fixed, "社区老年助餐服务覆盖率") == "待填写"
    again = check_declaration(fixed, lookup=library)
    assert [f.rule_id for f in again.findings if f.field == "value" and "覆盖率" in f.message] == ["STR-03"]


def test_a_vague_outcome_rate_is_pending_not_the_library_figure(tmp_path, library):
    """就业率：提高 (the trial's CSV) was rewritten ≥80 %, where other vague values become 待填写."""
    from kb.checker import apply_fixes, check_declaration

    decl = table_file(tmp_path, "就业技能培训", "", [
        ("产出指标", "数量指标", "培训人次", "≥", "1500", "人次"),
        ("效益指标", "社会效益指标", "就业率", "", "提高", "")], 0)
    rep = check_declaration(decl, lookup=library)
    f = by_key(rep)[(2, "QNT-01")]
    assert f.suggestion.text == ("待填写：指标值“提高”无法考核；请按项目计划填写“就业率”的目标值（%），"
                                 "指标库典型值≥80%仅供参考，不照搬")
    fixed = apply_fixes(decl, rep)
    assert _value(fixed, "就业率") == "提高"          # left for the declarant, listed on the 审核意见 sheet
    assert "QNT-01" in {f.rule_id for f in check_declaration(fixed, lookup=library).findings}


def test_a_rate_the_text_states_or_a_whole_standard_is_still_written(library):
    """The text's own figure (力争…提升至82%以上) and a whole standard (验收合格率 = 100 %) are no invented figure."""
    from kb.checker import check_rows

    rep = check_rows([row("产出指标", "质量指标", "工程验收合格率", "", "", "%")], lookup=library,
                     context={"description": "新建道路5公里，2025年底前完工。", "budget_year": 2025})
    f = by_key(rep)
    assert f[(1, "STR-03")].suggestion.text == "指标值改为“=100%”"
    f = found([row("产出指标", "质量指标", "农村公路优良中等路率", "≥", "120", "%")], **TRIAL7_ROAD_CTX)
    assert f[(1, "QNT-07")].suggestion.text == "指标值改为“≥82%”"


def test_a_blank_rate_with_a_default_below_100_is_pending():
    """A blank rate with no library figure of its own would take the generic default (≥90 %): made up as well."""
    from kb.domain.units import RATE_PENDING

    f = found([row(*SOC, "群众知晓率", "", "", "%")], description="开展宣传活动10场。", budget_year=2025)
    text = f[(1, "STR-03")].suggestion.text
    assert text.startswith(RATE_PENDING)


def test_a_year_less_deadline_is_time_01_and_takes_the_planned_year():
    """年底前 (the trial's CSV) passed while 按时完成 was TIME-01. Which year's end is as unverifiable; the fix writes
    the row's own day in the budget year, else the year the description plans for, else 当年."""
    f = found([row(*TIM, "培训完成时间", "", "年底前", "")])
    assert f[(1, "TIME-01")].message == "时效指标值“年底前”没有写明年份，无法核验是哪一年的时限"
    # trial 22 (tests/test_checker_trial22.py): with no year anywhere, 当年12月31日前 would still name none — the
    # declarant writes the year (待填写)
    assert f[(1, "TIME-01")].suggestion.text.startswith("待填写：在“12月31日前”前写明预算年度")
    f = found([row(*TIM, "培训完成时间", "", "11月底前", "")], budget_year=2025)
    assert f[(1, "TIME-01")].suggestion.text == "指标值改为“2025年11月30日前”"
    f = found([row(*TIM, "培训完成时间", "", "12月31日前", "")], description="2025年计划培训1500人次。")
    assert f[(1, "TIME-01")].suggestion.text == "指标值改为“2025年12月31日前”"
    for ok in ("2025年12月31日前", "本年度内完成", "年度内完成"):
        assert (1, "TIME-01") not in found([row(*TIM, "培训完成时间", "", ok, "")], budget_year=2025), ok
    # trial 22: 当年12月31日前 beside a known 预算年度 asks for the year written; with none known it passes
    assert (1, "TIME-01") in found([row(*TIM, "培训完成时间", "", "当年12月31日前", "")], budget_year=2025)
    assert (1, "TIME-01") not in found([row(*TIM, "培训完成时间", "", "当年12月31日前", "")])


def test_an_amount_per_person_in_plain_yuan_is_unit_02_fixed_to_per_person():
    """人均培训成本 ≤800 元 (the trial's CSV) passed: 800 元 reads as the whole training's cost. The name says per
    person, so the unit is 元/人 (or what the name counts: 每公里 → 万元/公里, 户均 → 元/户)."""
    cases = {("成本指标", "经济成本指标", "人均培训成本", "≤", "800", "元"): "≤800元/人",
             ("成本指标", "经济成本指标", "每公里造价", "≤", "50", "万元"): "≤50万元/公里",
             ("产出指标", "成本指标", "户均补助标准", "=", "2000", "元"): "=2000元/户",
             ("产出指标", "成本指标", "每人每月补助标准", "=", "500", "元"): "=500元/人·月",
             ("效益指标", "经济效益指标", "人均增收", "≥", "500", "元"): "≥500元/人"}
    for cells, fixed in cases.items():
        f = found([row(*cells)], budget_wan=100, budget_year=2025)[(1, "UNIT-02")]
        per = fixed.lstrip("≤=≥").lstrip("0123456789")
        assert f.message == f"“{cells[2]}”是按{per.split('/')[1]}计的金额，计量单位“{cells[5]}”没有写明按什么计，应为“{per}”"
        assert f.suggestion.text == f"指标值改为“{fixed}”", cells
    for ok in (("成本指标", "经济成本指标", "人均培训成本", "≤", "800", "元/人"),
               ("成本指标", "经济成本指标", "培训成本", "≤", "80", "万元"),
               ("成本指标", "经济成本指标", "每月运维费用", "≤", "2", "万元")):   # a span of time: the year's in an annual table
        assert (1, "UNIT-02") not in found([row(*ok)], budget_wan=100, budget_year=2025), ok


def test_op_04_on_a_per_person_amount_in_yuan_is_one_finding_fixing_both():
    """人均培训成本 ≥800 元 (a labelled case: OP-04 only): one finding on the target; its rewrite writes ≤800 元/人."""
    f = found([row("产出指标", "成本指标", "人均培训成本", "≥", "800", "元")], budget_wan=100, budget_year=2025)
    assert (1, "UNIT-02") not in f
    assert f[(1, "OP-04")].suggestion.text == "指标值改为“≤800元/人”"


def test_a_fixed_table_without_weights_says_so_on_the_review_sheet(tmp_path):
    """--fix on the trial's draft (no 分值) left the column blank and said nothing. One 审核意见 line now says it; no
    weight is invented. A weighted table gets no such line."""
    import openpyxl

    from kb.checker import apply_fixes, check_declaration
    from kb.io.xlsx_table import UNWEIGHTED_NOTE, write_declaration

    decl = table_file(tmp_path, "城关街道老年助餐服务", CANTEEN, [
        ("产出指标", "数量指标", "新建改建老年助餐点数量", "≥", "5", "个"),
        ("产出指标", "时效指标", "助餐点投入运营时间", "", "2025年6月30日前", ""),
        ("成本指标", "经济成本指标", "项目总成本", "≤", "180", "万元"),
        ("效益指标", "社会效益指标", "全年服务老年人人次", "≥", "6.5", "万人次"),
        ("满意度指标", "服务对象满意度指标", "助餐老人满意度", "≥", "90", "%")], 180)
    fixed = apply_fixes(decl, check_declaration(decl))
    out = write_declaration(fixed, tmp_path / "fixed.xlsx", check_declaration(fixed))
    wb = openpyxl.load_workbook(out)
    lines = [r for r in wb["审核意见"].iter_rows(values_only=True) if r[0] == "全表" and r[5] == "weight"]
    assert [r[6] for r in lines] == [UNWEIGHTED_NOTE]
    assert UNWEIGHTED_NOTE.startswith("未设分值，请按")
    table = wb.worksheets[0]
    header = next(r for r in table.iter_rows(values_only=True) if r and "分值" in r)
    col = header.index("分值")
    assert not any(r[col] for r in table.iter_rows(values_only=True) if r and r[0] != "一级指标" and len(r) > col
                   and isinstance(r[col], (int, float)))
    weighted = fixed.model_copy(update={"rows": [r.model_copy(update={"weight": 20.0}) for r in fixed.rows]})
    wb = openpyxl.load_workbook(write_declaration(weighted, tmp_path / "w.xlsx", check_declaration(weighted)))
    assert "审核意见" not in wb.sheetnames or not [
        r for r in wb["审核意见"].iter_rows(values_only=True) if r[5] == "weight" and r[6] == UNWEIGHTED_NOTE]


def test_a_figure_beyond_the_countrys_total_is_no_target_and_is_said():
    """“全县铺设道路99999999999公里” (the trial's POST /v1/suggest) was taken as a target with no warning: below the
    1 万亿 of QNT-04 yet more road than the country has. Suggest's reader uses the checker's per-kind bounds
    (`kb.domain.plausible`, FEAS-05: 1000万公里), skips the figure and says so; a real length is still read."""
    from kb.suggest.context import read_project
    from kb.suggest.quantities import find_quantities

    text = "全县铺设道路99999999999公里，预算500万元，2025年底前完工。"
    assert not [q for q in find_quantities(text) if q.unit == "公里"]
    from kb.retrieval.tokenize import Tokenizer

    ctx = read_project(Tokenizer(), text, project_name="道路建设")
    assert ("描述中的“99999999999公里”超过1000万公里（全国公路总里程约544万公里），明显不合理，未作为指标值，"
            "请核对数值和计量单位") in ctx.notes
    assert [q.value for q in find_quantities("全县铺设道路12公里。") if q.unit == "公里"] == ["12"]
    # the checker reads the same bound (FEAS-05) on a table that states it
    f = found([row(*QTY, "铺设道路长度", "≥", "99999999999", "公里")], budget_year=2025)
    assert "超过1000万公里（全国公路总里程约544万公里）" in f[(1, "FEAS-05")].message


def test_a_service_dated_by_its_opening_is_renamed_to_the_opening(tmp_path):
    """老年助餐服务完成时间 2025年6月30日前: 30 June is when the meal points must be 投入运营 and the service runs all
    year (全年累计服务…), so the row dates the opening. TIME-06 says so and the fix renames the row, the date kept;
    the re-check is clean of TIME-06. A row named for the opening, or a works' completion, is not flagged."""
    from kb.checker import apply_fixes, check_declaration

    f = found([row(*TIM, "老年助餐服务完成时间", "", "2025年6月30日前", "")], **CANTEEN_CTX)[(1, "TIME-06")]
    assert f.field == "name"
    assert f.message == ("时限“2025年6月30日前”是项目概况写明的助餐点投入运营的时间（助餐点须于2025年6月30日前全部投入运营），"
                         "服务在此后持续提供，不是“老年助餐服务完成时间”：本行计量的是助餐点投入运营时间")
    assert f.suggestion.text == "名称改为“助餐点投入运营时间”"
    decl = table_file(tmp_path, "城关街道老年助餐服务", CANTEEN, [
        ("产出指标", "数量指标", "新建改建老年助餐点数量", "≥", "5", "个"),
        ("产出指标", "时效指标", "老年助餐服务完成时间", "", "2025年6月30日前", "")], 180)
    fixed = apply_fixes(decl, check_declaration(decl))
    assert [(r.name, r.value) for r in fixed.rows if r.level2 == "时效指标"][0] == ("助餐点投入运营时间", "2025年6月30日前")
    assert "TIME-06" not in {x.rule_id for x in check_declaration(fixed).findings}
    for ok in ("助餐点投入运营时间", "项目完成时间"):
        assert (1, "TIME-06") not in found([row(*TIM, ok, "", "2025年6月30日前", "")], **CANTEEN_CTX), ok
    works = "2025年新建村道5公里，须于2025年6月30日前完工。"
    assert (1, "TIME-06") not in found([row(*TIM, "道路建设服务完成时间", "", "2025年6月30日前", "")],
                                       description=works, budget_year=2025)
