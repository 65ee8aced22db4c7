"""Defects of the twenty-fourth fresh reviewer's trial (/tmp/trial24, steps 4 and 5: the culture-station draft, a
user's sheet, the 林下经济 table, a GBK CSV and the API's empty rows)."""
from __future__ import annotations

from tests.checker_rows import by_key

# the trial's draft.json description (18 stations, figures per station and the county's total)
CULTURE = ("我县18个乡镇综合文化站实施免费开放，每站每年补助5万元，共需资金90万元。各文化站每周开放时间不少于42小时，全年每站"
           "组织开展文体活动不少于12场次、举办公益培训讲座不少于6期，全县全年服务群众不少于15万人次。2024年全县文化站共服务"
           "群众13万人次。资金于2025年6月底前全部下达到乡镇。群众对文化站服务满意度达到90%。")
QTY = ("产出指标", "数量指标", "免费开放文化站数量", "=", "18", "个")
SAT = ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%")
COST = ("成本指标", "经济成本指标", "项目总成本", "≤", "90", "万元")
TIME = ("产出指标", "时效指标", "资金下达时间", "", "2025年6月30日前", "")


def _check(tmp_path, rows, text=CULTURE, project="乡镇综合文化站免费开放", budget=90):
    from kb.checker import check_declaration
    from tests.checker_rows import table_file

    decl = table_file(tmp_path, project, text, rows, budget)
    return decl, check_declaration(decl)


# ---- 2. an opening time under 产出 with a benefit's 二级 stays an output ------------------------------------------

HOURS = ("产出指标", "经济效益指标", "每周开放时间", "≥", "42", "")


def test_an_opening_time_under_output_with_a_benefit_level2_stays_an_output_and_fix_keeps_it(tmp_path):
    """2. 产出/经济效益/每周开放时间 ≥42: STR-02 said 层级改为“效益指标/经济效益指标” and --fix moved it; the hours a
    station is open are what the project delivers (产出/数量), never an economic benefit."""
    decl, rep = _check(tmp_path, [QTY, HOURS, TIME, SAT, COST])
    sug = by_key(rep)[(2, "STR-02")].suggestion.text
    assert sug == "层级改为“产出指标/数量指标”", sug
    from kb.checker.fix import apply_fixes

    fixed = apply_fixes(decl, rep)
    row = next(r for r in fixed.rows if "开放时间" in r.name)
    assert (row.level1, row.level2) == ("产出指标", "数量指标")
    # a deadline filed under a benefit's 二级 of 产出 goes to 时效
    _, rep = _check(tmp_path, [QTY, ("产出指标", "社会效益指标", "资金下达时间", "", "2025年6月30日前", ""), SAT, COST])
    assert by_key(rep)[(2, "STR-02")].suggestion.text == "层级改为“产出指标/时效指标”"


# ---- 6. the API's empty rows names the field as the other messages do -------------------------------------------

def test_an_empty_rows_array_is_a_422_naming_the_field_in_chinese(shipped_settings):
    """6. POST /v1/declarations/check with rows [] answered “没有指标行：rows 为空…”, the field named only in English;
    the other messages name it 指标行（rows）."""
    from fastapi.testclient import TestClient

    from service.app import create_app

    c = TestClient(create_app(shipped_settings))
    r = c.post("/v1/declarations/check", json={"project_name": "乡镇综合文化站免费开放", "description": CULTURE, "rows": []})
    assert r.status_code == 422, r.text
    text = r.text.encode().decode("unicode_escape") if "\\u" in r.text else r.text
    assert "指标行（rows）为空" in text and "rows 为空" not in text, text


# ---- 5. STR-10 says what the rewrite does to a row it empties a slot of -----------------------------------------

JOBS = ("2025年县人力资源和社会保障局公共就业服务项目，预算资金65万元。全年计划举办招聘会12场，全年实现城镇新增就业2800人。"
        "求职登记人员对就业服务的满意度达到90%以上。")


def test_str10_says_a_row_moved_out_of_output_is_moved_not_deleted(tmp_path):
    """5. gbk.csv: 产出/质量/求职登记人员满意度 is moved by SAT-01 to 满意度指标; STR-10 said “第3行按修改建议删除后将没有
    质量指标”. The row is moved, and the message says so; a row the fix drops is still 删除."""
    rows = [("产出指标", "数量指标", "招聘会场次", "≥", "12", "场"),
            ("产出指标", "质量指标", "求职登记人员满意度", "≥", "90", "%"),
            ("效益指标", "社会效益指标", "城镇新增就业人数", "≥", "2800", "人")]
    _, rep = _check(tmp_path, rows, text=JOBS, project="2025年公共就业服务", budget=65)
    got = by_key(rep)
    assert (2, "SAT-01") in got
    sug = got[(None, "STR-10")].suggestion.text
    assert "按修改建议改列满意度指标后将没有质量指标" in sug and "删除" not in sug, sug


# ---- 3. a month's end with no year and no 前 is a deadline lacking its year -------------------------------------

def test_a_bare_month_end_deadline_without_a_year_is_time01_and_the_fix_dates_it(tmp_path):
    """3. user.xlsx: 时效/设备安装完成时间 | 9月底 passed (only 9月底前 was read as a deadline) and --fix kept it, though
    the sheet's title gives 2025; 年底 was already read."""
    for value, want in (("9月底", "2025年9月30日前"), ("9月底前", "2025年9月30日前"), ("9月30日", "2025年9月30日前")):
        _, rep = _check(tmp_path, [QTY, ("产出指标", "时效指标", "设备安装完成时间", "", value, ""), SAT, COST])
        got = by_key(rep)
        assert (2, "TIME-01") in got, (value, sorted(got))
        assert got[(2, "TIME-01")].suggestion.value == want, (value, got[(2, "TIME-01")].suggestion.text)
    # dated, it passes
    _, rep = _check(tmp_path, [QTY, ("产出指标", "时效指标", "设备安装完成时间", "", "2025年9月底", ""), SAT, COST])
    assert (2, "TIME-01") not in by_key(rep)


# ---- 1. a per-station figure is not the row's total -------------------------------------------------------------

def test_a_vague_count_beside_a_per_station_figure_is_left_pending_with_the_reason_or_takes_the_stated_total(tmp_path):
    """1. 文体活动开展场次：有所提高 beside “全年每站组织开展文体活动不少于12场次” (18 stations) was made ≥12场次; 12 is
    one station's. With no total stated the row is 待填写 and says why; a stated county total is taken."""
    row = ("产出指标", "数量指标", "文体活动开展场次", "", "有所提高", "")
    _, rep = _check(tmp_path, [QTY, row, TIME, SAT, COST])
    sug = by_key(rep)[(2, "QNT-01")].suggestion.text
    assert sug.startswith("待填写") and "12场次" in sug and "每" in sug and "≥12" not in sug, sug
    # the per-station figure is read as such also for a later figure of the same clause (讲座6期 after 12场次、)
    from kb.checker.rules.feasibility import stated_quantities

    rates = {(x, u): rate for _, x, u, _, rate in stated_quantities(CULTURE)}
    assert rates[(12.0, "场次")] and rates[(6.0, "期")] and not rates[(15.0, "万人次")] and not rates[(18.0, "个")]
    total = CULTURE.replace("全县全年服务群众", "全县全年共开展文体活动不少于216场次，服务群众")
    _, rep = _check(tmp_path, [QTY, row, TIME, SAT, COST], text=total)
    assert by_key(rep)[(2, "QNT-01")].suggestion.text == "指标值改为“≥216场次”"


# ---- 4. a benefit row copying last year's figure, its name without the year -------------------------------------

LX = "县林业局2025年林下经济发展项目，预算资金120万元。上年度林下经济产值达到2.3亿元。今年计划新发展林下种植基地3000亩，11月底前完成验收。"


def test_a_benefit_row_set_to_last_years_figure_is_rel06_even_when_its_name_has_no_year(tmp_path):
    """4. lx.json: 效益/林下经济产值 ≥2.3亿元 beside “上年度林下经济产值达到2.3亿元” (or “2024年…”) passed; REL-06 fired only
    for a name carrying the year. The budget (120万元) is never offered as this year's 产值."""
    base = ("产出指标", "数量指标", "发展林下种植基地面积", "≥", "3000", "亩")
    row = ("效益指标", "经济效益指标", "林下经济产值", "≥", "2.3", "亿元")
    for text in (LX, LX.replace("上年度", "2024年")):
        _, rep = _check(tmp_path, [base, row, SAT], text=text, project="林下经济发展", budget=120)
        hit = by_key(rep).get((2, "REL-06"))
        assert hit is not None and "以前年度" in hit.message, (text, sorted(by_key(rep)))
        assert hit.suggestion.text.startswith("待填写") and "0.012" not in hit.suggestion.text, hit.suggestion.text
    # a target above last year's figure is this year's
    _, rep = _check(tmp_path, [base, row[:4] + ("2.6", "亿元"), SAT], text=LX, project="林下经济发展", budget=120)
    assert (2, "REL-06") not in by_key(rep)
