"""Defects of the sixteenth fresh reviewer's trial (/tmp/trial16, steps 4 and 5): a --fix table holding one group's
satisfaction twice and one planned length twice with nothing flagged, a festival's dates missed by TIME-06 in the
exported .xlsx, a last-year figure stated as 较上年 taken as the target, a name starting with a unit, the titles of a
number in scientific notation, STR-10's year-less deadline and the API's row count."""
from __future__ import annotations

from tests.checker_rows import QTY, SAT, SOC, found, row

# the trial's draft (/tmp/trial16/chk/draft.json): typical mistakes of a road-safety table
ROAD = ("2024年已完成村道安防工程26公里。2025年计划在石门乡、龙潭镇村道安装波形护栏18公里、警示标志牌240块，预算150万元，"
        "2025年9月底前完工，受益群众2.3万人。")
ROAD_DRAFT = {
    "project_name": "2025年石门乡村道安全生命防护工程", "year": 2025, "budget_wan": 150, "description": ROAD,
    "rows": [dict(zip(("level1", "level2", "name", "operator", "value", "unit"), r)) for r in (
        ("产出指标", "数量指标", "安装波形护栏", "≥", "18", ""),
        ("产出指标", "数量指标", "村道安防工程里程", "≥", "26", "公里"),
        ("产出指标", "数量指标", "警示标志牌数量", "≥", "２４０", "块"),
        ("产出指标", "质量指标", "工程质量", "定性", "有所提高", ""),
        ("产出指标", "质量指标", "工程验收合格率", "≥", "110", "%"),
        ("产出指标", "时效指标", "预算执行率", "≥", "90", "%"),
        ("产出指标", "时效指标", "完工时间", "", "年底前", ""),
        ("成本指标", "经济成本指标", "项目总成本", "≤", "180", "万元"),
        ("效益指标", "社会效益指标", "道路安全水平", "定性", "明显提升", ""),
        ("效益指标", "数量指标", "受益群众人数", "≥", "2.3", "万人"),
        ("效益指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%"),
        ("满意度指标", "服务对象满意度指标", "满意度", "≥", "85", ""))]}
ROAD_CTX = {"description": ROAD, "project": ROAD_DRAFT["project_name"], "budget_wan": 150, "budget_year": 2025}


def test_the_served_by_role_and_the_group_the_text_names_are_one_survey():
    """服务对象满意度 ≥85 % beside 群众满意度 ≥90 % (the text's 受益群众) survived --fix unflagged: the 对 of 服务对象 was
    read as “satisfaction with something” (市民对…的满意程度), so 服务对象 surveyed no group."""
    f = found([row(*SAT, "服务对象满意度", "≥", "85", "%"), row(*SAT, "群众满意度", "≥", "90", "%")], **ROAD_CTX)
    m = f[(None, "STR-12")].message
    assert "“服务对象满意度”与“群众满意度”（第1、2行，指标值不一致：≥85%、≥90%）调查的是同一对象的满意度" in m
    # a satisfaction with an object named stays no group
    f = found([row(*SAT, "市民对空气质量改善的满意度", "≥", "85", "%"), row(*SAT, "群众满意度", "≥", "90", "%")],
              **ROAD_CTX)
    assert (None, "STR-12") not in f


def test_one_planned_length_written_as_two_rows_is_a_duplicate():
    """安装波形护栏 ≥18 公里 and 村道安防工程里程 ≥18 公里: the text states 18 公里 once (26 公里 is 2024's), so the two
    rows are one planned quantity. Two figures the text states apart (新建5公里、改造5公里) are two rows."""
    rows = [row(*QTY, "安装波形护栏", "≥", "18", "公里"), row(*QTY, "村道安防工程里程", "≥", "18", "公里"),
            row(*QTY, "警示标志牌数量", "≥", "240", "块")]
    m = found(rows, **ROAD_CTX)[(None, "STR-12")].message
    assert "“安装波形护栏”与“村道安防工程里程”（第1、2行：≥18公里，项目概况只写明一处18公里）" in m
    two = "新建村道5公里，改造村道5公里，2025年底前完工。"
    rows = [row(*QTY, "新建道路长度", "≥", "5", "公里"), row(*QTY, "道路改造", "≥", "5", "公里")]
    assert (None, "STR-12") not in found(rows, description=two)
    assert (None, "STR-12") not in found(rows)   # no description: nothing says they are one


def test_fix_of_the_trials_draft_leaves_no_duplicate():
    """The trial's --fix table held 安装波形护栏 ≥18 公里 beside 村道安防工程里程 ≥18 公里 (REL-06 rewrote 26 → 18) and
    服务对象满意度 ≥85 % beside the moved 群众满意度 ≥90 %. The rewrite that makes the second row of one measure
    (REL-06's new figure; SAT-05's rename) merges the row into the other instead, and the re-check finds no STR-12."""
    from kb.checker import apply_fixes, check_declaration
    from kb.io.tables import table_from_json

    decl = table_from_json(ROAD_DRAFT)
    rep = check_declaration(decl)
    rel06 = next(f for f in rep.findings if f.rule_id == "REL-06")
    assert rel06.row == 2 and rel06.suggestion.delete and "并入该行" in rel06.suggestion.text
    fixed = apply_fixes(decl, rep)
    names = [r.name for r in fixed.rows]
    assert "村道安防工程里程" not in names and "安装波形护栏" in names
    sat = [r for r in fixed.rows if "满意" in r.name]
    assert len(sat) == 1 and sat[0].level1 == "满意度指标"
    again = check_declaration(fixed)
    assert not [f for f in again.findings if f.rule_id == "STR-12"]
    assert next(r for r in fixed.rows if r.name == "安装波形护栏").value in ("≥18", "18")


FEST = ("2025年第五届大埔客家文化旅游节由县文化广电旅游体育局承办，定于10月1日至7日在百侯古镇举行，活动预算96万元。"
        "节会期间举办开幕式文艺晚会1场、客家山歌擂台赛4场，预计吸引游客25万人次。")
TIM = ("产出指标", "时效指标")


def test_a_festival_held_on_days_of_one_month_is_over_by_its_last_day(tmp_path):
    """客家文化旅游节完成时间 2025年12月31日前 beside “定于10月1日至7日在百侯古镇举行” passed the check of the .xlsx
    suggest wrote (and of the JSON): a span ending on a day of its start's month (至7日) was no span, and the dates'
    clause names no work (the sentence does). Checked through the sheet as the CLI reads it."""
    from kb.checker import check_declaration
    from kb.domain.schema import Declaration
    from kb.io.tables import read_table
    from kb.io.xlsx_table import write_declaration

    decl = Declaration(project_name="2025年第五届大埔客家文化旅游节", description=FEST, budget_wan=96, year=2025,
                       rows=[row(*QTY, "客家山歌擂台赛场次", "≥", "4", "场"),
                             row(*TIM, "客家文化旅游节完成时间", "", "2025年12月31日前", "")])
    back = read_table(write_declaration(decl, tmp_path / "fest.xlsx"))
    f = {(x.row is not None, x.rule_id): x for x in check_declaration(back).findings}
    t06 = f[(True, "TIME-06")]
    # the clause quoted whole (round 18: TIME-06 quotes the description's clause, 定于 included)
    assert "项目概况写明的时限（2025年10月7日前：定于10月1日至7日在百侯古镇举行）" in t06.message
    assert t06.suggestion.value == "2025年10月7日前"
    # the date it states is kept; one held in another month keeps its own end (trial 8's span)
    assert (2, "TIME-06") not in found([row(*QTY, "擂台赛场次", "≥", "4", "场"),
                                        row(*TIM, "客家文化旅游节完成时间", "", "2025年10月7日前", "")],
                                       description=FEST, budget_year=2025)
    f = found([row(*TIM, "桃花节完成时间", "", "2025年12月31日前", "")], budget_year=2025,
              description="第三届桃花节定于2025年3月20日至4月5日在桃源镇举行。")
    assert "2025年4月5日前" in f[(1, "TIME-06")].message


LIB = "县图书馆全年免费开放，接待读者15000人次（较上年1.2万人次增长25%），举办阅读推广活动40场。"


def test_last_years_base_of_a_comparison_is_no_target():
    """图书馆免费开放人次 ≥1.2万人次 beside “接待读者15000人次（较上年1.2万人次增长25%）” had no REL-06: the past figure
    stands inside a sentence of this year. The base of 较上年 / 比上年的 is last year's; the fix writes the figure compared."""
    f = found([row(*QTY, "图书馆免费开放人次", "≥", "1.2", "万人次")], description=LIB, budget_wan=32)
    h = f[(1, "REL-06")]
    assert h.message == ("指标值1.2万人次是项目概况中“较上年1.2万人次增长25%”的上年数，不是本年度的目标；"
                         "项目概况写明本年度计划15000人次")
    assert (h.suggestion.value, h.suggestion.unit) == ("15000", "人次")
    other = "县图书馆计划接待读者15000人次，比上年的12000人次增长25%。"
    assert "“比上年的12000人次增长25%”的上年数" in found([row(*QTY, "接待读者人次", "≥", "12000", "人次")],
                                                      description=other)[(1, "REL-06")].message
    # this year's figure stays a target
    assert (1, "REL-06") not in found([row(*QTY, "接待读者人次", "≥", "15000", "人次")], description=LIB)


def test_a_name_opening_on_a_unit_is_garbled():
    """万人次增长率 ≥25 % (cut from “1.2万人次增长25%”) passed as a name; 人次增长率 names its measure and stays."""
    f = found([row(*SOC, "万人次增长率", "≥", "25", "%")], description=LIB)
    assert f[(1, "STR-04")].message == "指标名称“万人次增长率”以计量单位“万人次”开头，像是从数字中截断的文字，没有写明计量的对象"
    assert (1, "STR-04") not in found([row(*SOC, "读者人次增长率", "≥", "25", "%")], description=LIB)


def test_a_number_in_scientific_notation_or_too_large_is_named_as_such():
    """Values “1e3” and “99999999999999999999999”: QNT-04's title read 指标值为占位符 and QNT-12 counted both as 文字.
    The finding's title says what the value is; QNT-12 counts neither as a text value."""
    rows = [row(*QTY, "培训人次", "≥", "1e3", "人次"), row(*QTY, "发放册数", "≥", "99999999999999999999999", "册")]
    rep = __import__("kb.checker", fromlist=["check_rows"]).check_rows(rows)
    titles = {f.row: f.title for f in rep.findings if f.rule_id == "QNT-04"}
    assert titles == {1: "指标值使用了科学计数法", 2: "指标值超过1万亿，数值不合理"}
    assert not [f for f in rep.findings if f.rule_id == "QNT-12"]
    # a placeholder keeps the catalog's title, and a table of text values is still QNT-12's
    rep = __import__("kb.checker", fromlist=["check_rows"]).check_rows(
        [row(*QTY, "培训人次", "≥", "XX", "人次"), row(*QTY, "工作成效", "定性", "良好", "")])
    assert {f.title for f in rep.findings if f.rule_id == "QNT-04"} == {"指标值为占位符"}
    assert [f for f in rep.findings if f.rule_id == "QNT-12"]


def test_str10_dates_the_added_completion_in_the_year_the_text_names():
    """STR-10 proposed “项目完成时间 12月31日前” with no year although the text names 2025; with no year anywhere it
    says 当年12月31日前, which the checker reads as a date of the budget year (OP-01 and TIME-02 called it a text)."""
    from kb.checker import check_rows

    def added(desc):
        rep = check_rows([row(*QTY, "培训人次", "≥", "100", "人次")], context={"description": desc})
        return next(f for f in rep.findings if f.rule_id == "STR-10").suggestion.add_rows[-1]["value"]

    assert added("2025年开展培训100人次。") == "2025年12月31日前"
    assert added("开展培训100人次。") == "当年12月31日前"
    done = row("产出指标", "时效指标", "项目完成时间", "", "当年12月31日前", "")
    rows = [row(*QTY, "培训人次", "≥", "100", "人次"), done, row("产出指标", "质量指标", "培训合格率", "≥", "90", "%")]
    assert not [k for k in found(rows, description="开展培训100人次。") if k[0] == 2]
    # trial 22 (tests/test_checker_trial22.py): beside a known 预算年度 “当年” no longer stands for the year — TIME-01
    # asks for it written (STR-10 itself writes 2025年12月31日前 when the year is known, above)
    f = found(rows, description="开展培训100人次。", budget_year=2025)
    assert [k for k in f if k[0] == 2] == [(2, "TIME-01")] and f[(2, "TIME-01")].suggestion.value == "2025年12月31日前"


def test_the_api_and_the_cli_count_the_rows_of_a_table_with_a_goal_line_alike(tmp_path):
    """fest.xlsx (a 年度目标 line above 11 rows): the API said rows_checked 12, the CLI “11 个指标行和 1 行目标”. The
    summary keeps rows_checked (every row checked) and says the split: indicator_rows 11 + goal_rows 1, the CLI's
    wording of the same two numbers."""
    from fastapi.testclient import TestClient

    from kb.cli.check import _rows_said
    from kb.domain.schema import Declaration
    from kb.io.xlsx_table import write_declaration
    from kb.settings import Settings
    from service.app import create_app

    rows = [row(*QTY, "客家山歌擂台赛场次", "≥", "4", "场"), row(*QTY, "参展商户数量", "≥", "120", "家"),
            row("年度目标", "", "目标1：举办客家山歌擂台赛4场", "", "", "")]
    decl = Declaration(project_name="2025年第五届大埔客家文化旅游节", description=FEST, budget_wan=96, year=2025,
                       rows=rows)
    path = write_declaration(decl, tmp_path / "fest.xlsx")
    client = TestClient(create_app(Settings(auth_required=False)))
    with open(path, "rb") as fh:
        res = client.post("/v1/declarations/check", files={"file": ("fest.xlsx", fh.read())})
    assert res.status_code == 200, res.text
    s = res.json()["summary"]
    assert (s["rows_checked"], s["indicator_rows"], s["goal_rows"]) == (3, 2, 1)
    assert _rows_said(s) == "2 个指标行和 1 行目标"
