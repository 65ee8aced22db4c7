"""Defects of the nineteenth fresh reviewer's trial (/tmp/trial19, step 4): OP-01 on a payment's on-time rate shown
with TIME-05's advice and left unfixed, a unit cost whose unit the text states (每户补助标准4万元) advised generically,
FEAS-07 lost when the text also reports a past year's count, REL-06 advising generically beside the plan's figure,
and the checker flagging suggest's own 资金到位时间 row and drafted 年度目标."""
from __future__ import annotations

from tests.checker_rows import by_key, table_file

HOUSING = "2025年计划对全县500户农村低收入群体危房实施改造，每户补助标准4万元，资金200万元。"
HOUSING_PAST = "2024年全县已完成农村危房改造800户。" + HOUSING
PAY_RATE = ("产出指标", "时效指标", "补助资金拨付及时率", "", "100", "%")


def _fixed(decl):
    from kb.checker import check_declaration
    from kb.checker.fix import apply_fixes_traced

    fixed, kept = apply_fixes_traced(decl, check_declaration(decl))
    return fixed, kept


# ---- 1. OP-01 beside TIME-05 ----------------------------------------------------------------------------------------

def test_op01_on_a_payment_rate_without_a_term_sets_the_operator_and_keeps_time05_advice(tmp_path):
    """unit05.json: OP-01's 修改建议 was TIME-05's “保留及时率…” and --fix left the operator empty, so the fixed
    table failed OP-01 again. The rate is kept (TIME-05's advice) and its 100 % gets = (a full rate)."""
    from kb.checker import check_declaration

    decl = table_file(tmp_path, "农村危房改造补助", HOUSING, [PAY_RATE], 200)
    got = by_key(check_declaration(decl))
    op = got[(1, "OP-01")].suggestion
    assert op.operator == "=" and "保留及时率" not in (op.text or "")
    assert "保留及时率" in got[(1, "TIME-05")].suggestion.text
    fixed, _ = _fixed(decl)
    row = next(r for r in fixed.rows if r.name == "补助资金拨付及时率")
    assert (row.operator, row.value, row.unit) == ("=", "100", "%")
    assert "OP-01" not in {f.rule_id for f in check_declaration(fixed).findings}


def test_qnt08_on_a_kept_payment_rate_says_and_gives_its_own_fix(tmp_path):
    """The same kept rate at ≥100 % (dev D013's 就学补助及时发放率): QNT-08 said “本行按 TIME-05 改为完成时间”
    while TIME-05 keeps the rate; now it says =100 % and its rewrite is =100 %."""
    from kb.checker import check_declaration

    rate = PAY_RATE[:3] + ("≥", "100", "%")
    got = by_key(check_declaration(table_file(tmp_path, "农村危房改造补助", HOUSING, [rate], 200)))
    f = got[(1, "QNT-08")]
    assert "TIME-05" not in f.message and f.suggestion.operator == "="


# ---- 2. a unit cost's unit from the standard the text states --------------------------------------------------------

def test_unit01_on_a_unit_cost_reads_the_stated_standard(tmp_path):
    """draft.json: 单位成本 ≤4 with no unit beside “每户补助标准4万元” was told the text gives no unit."""
    from kb.checker import check_declaration

    rows = [("成本指标", "经济成本指标", "单位成本", "≤", "4", "")]
    f = by_key(check_declaration(table_file(tmp_path, "农村危房改造补助", HOUSING, rows, 200)))[(1, "UNIT-01")]
    assert (f.suggestion.operator or "≤", f.suggestion.value or "4", f.suggestion.unit) == ("≤", "4", "万元/户")
    # a text stating no standard still leaves it to the declarant
    f = by_key(check_declaration(table_file(tmp_path, "农村危房改造补助", "2025年改造危房500户，资金200万元。", rows,
                                            200)))[(1, "UNIT-01")]
    assert f.suggestion.unit is None and "待填写" in f.suggestion.text


def test_unit05_writes_the_stated_standards_unit_and_fix_applies_it(tmp_path):
    """unit05.json: 单位成本 ≤4 万元 got the generic UNIT-05 advice and --fix left it; the text says 每户."""
    from kb.checker import check_declaration

    rows = [("成本指标", "经济成本指标", "单位成本", "≤", "4", "万元")]
    decl = table_file(tmp_path, "农村危房改造补助", HOUSING, rows, 200)
    f = by_key(check_declaration(decl))[(1, "UNIT-05")]
    assert f.suggestion.unit == "万元/户"
    fixed, _ = _fixed(decl)
    assert next(r.unit for r in fixed.rows if r.name == "单位成本") == "万元/户"
    assert "UNIT-05" not in {x.rule_id for x in check_declaration(fixed).findings}
    # 40000 元 is the same standard in 元; 3 万元 is not it, and the advice stays generic
    assert by_key(check_declaration(table_file(tmp_path, "p", HOUSING, [rows[0][:4] + ("40000", "元")], 200))
                  )[(1, "UNIT-05")].suggestion.unit == "元/户"
    f = by_key(check_declaration(table_file(tmp_path, "p", HOUSING, [rows[0][:4] + ("3", "万元")], 200)))[(1, "UNIT-05")]
    assert f.suggestion.unit is None and "按什么计" in f.suggestion.text


# ---- 3. FEAS-07 counts the plan year's figure ------------------------------------------------------------------------

def test_feas07_reads_the_plan_years_count_beside_a_past_years(tmp_path):
    """draft.json vs draft_nopast.json: “2024年全县已完成农村危房改造800户。” made the count ambiguous (800 and 500)
    and FEAS-07 was lost; the plan year's 500户 is the count (4万元 × 500户 = 2000万元 ≠ 200万元)."""
    from kb.checker import check_declaration
    from kb.domain.standards import standard_product

    got = standard_product("2024年全县已完成农村危房改造800户。" + HOUSING, 200)
    assert (got.count_said, got.product_wan) == ("500户", 2000.0)
    rows = [("产出指标", "数量指标", "危房改造户数", "≥", "500", "户")]
    f = by_key(check_declaration(table_file(tmp_path, "农村危房改造补助", HOUSING_PAST, rows, 200)))[(None, "FEAS-07")]
    assert "500户" in f.message and "800户" not in f.message
    # a count only a past year reached is no count of this plan: no product is read from it
    assert standard_product("2024年全县已完成农村危房改造500户。2025年每户补助标准4万元，资金200万元。", 200) is None


# ---- 4. REL-06 writes the plan's figure ------------------------------------------------------------------------------

def test_rel06_on_a_past_years_count_writes_the_plans_figure(tmp_path):
    """draft.json: 危房改造户数 ≥800户 (2024年…已完成…800户) got “按本年度计划完成的量填写” although the text plans
    500户 for 2025; the fix writes ≥500户. A text planning no figure for it keeps the advice."""
    from kb.checker import check_declaration

    rows = [("产出指标", "数量指标", "危房改造户数", "≥", "800", "户")]
    f = by_key(check_declaration(table_file(tmp_path, "农村危房改造补助", HOUSING_PAST, rows, 200)))[(1, "REL-06")]
    assert (f.suggestion.operator or "≥", f.suggestion.value, f.suggestion.unit or "户") == ("≥", "500", "户")
    past_only = "2024年全县已完成农村危房改造800户。2025年继续实施农村危房改造，资金200万元。"
    f = by_key(check_declaration(table_file(tmp_path, "农村危房改造补助", past_only, rows, 200)))[(1, "REL-06")]
    assert f.suggestion.value is None and "本年度计划" in f.suggestion.text


# ---- 5. the checker and suggest's own table agree --------------------------------------------------------------------

VILLAGE = ("根据县委组织部、县财政局有关文件，2025年全县安排村级组织运转经费共计1368万元，覆盖全县12个乡镇152个行政村。"
           "其中：村干部基本报酬912万元、村级办公经费304万元（每村每年2万元）、村务监督委员会补贴152万元（每村1万元）。"
           "资金于2025年6月30日前按季度拨付到村，保障村级组织正常运转，村干部报酬按月足额发放。")


def test_suggests_village_table_exports_and_rechecks_without_rel02_or_goal02(shipped_kb, tmp_path):
    """own1: suggest's 村级组织运转经费资金到位时间 (from the library's 补助经费到位及时率 dated by the text's payment)
    drew REL-02 — 资金到位 is an input indicator, the catalog's own case R090 (…补助资金到位时间) says so — and the
    drafted 年度目标 opened on it and drew GOAL-02 (“经费”). The row dates the payment in the text's verb (拨付), and the
    goal leaves out what restates money, as the checker's goal rewrite does."""
    from kb.checker import check_declaration
    from kb.io.tables import read_table
    from kb.suggest.export import write_xlsx
    from tests.kbfactory import suggest_text

    name = "2025年村级组织运转经费"
    res = suggest_text(shipped_kb, VILLAGE, name, 1368)
    timely = [c.name for c in res.default_table if c.level2 == "timeliness"]
    assert "村级组织运转经费拨付完成时间" in timely and not any("到位" in n for n in timely)
    path = tmp_path / "own1.xlsx"
    write_xlsx(res, path, project_name=name, description=VILLAGE)
    rules = {f.rule_id for f in check_declaration(read_table(path)).findings}
    assert not rules & {"REL-02", "GOAL-02"}


def test_goal02s_rewrite_names_the_goal_not_a_name(tmp_path):
    """GOAL-02's rewrite of a 年度目标 said “名称改为…”; a goal row has no 名称 — it says “年度目标改为…”."""
    from kb.checker import check_rows
    from tests.checker_rows import row

    rows = [row("年度目标", "", "保障村级组织运转经费，完成152个行政村补助发放。", "", "", ""),
            row("效益指标", "社会效益指标", "受益行政村数量", "≥", "152", "个")]
    f = next(f for f in check_rows(rows, context={"description": VILLAGE}).findings if f.rule_id == "GOAL-02")
    assert f.suggestion.text.startswith("年度目标改为“本年度实现：") and "名称" not in f.suggestion.text


# ---- 6. the 备选指标 sheet offers no value the checker rejects ---------------------------------------------------------

SCHOOL = ("县教育局2025年中小学校舍维修改造项目资金共计560万元，主要用途：（1）维修加固县第二中学等5所学校教学楼屋面及外墙，"
          "面积12000平方米，资金320万元；（2）改造8所农村小学旱厕为水冲式厕所，资金96万元；（3）更换14所学校老旧电路及消防"
          "设施，资金144万元。所有工程利用暑假施工，须于2025年8月25日前完工，确保秋季开学正常使用。项目惠及在校师生约1.1万人，"
          "维修后校舍安全隐患整改率达到100%。")


def test_the_alternates_sheet_leaves_a_vague_library_value_to_fill(shipped_kb, tmp_path):
    """own4: the 备选指标 sheet offered 平安校园建设 “定性：达到预期”, which QNT-01 rejects; it is 待填写 with why."""
    import openpyxl

    from kb.suggest.export import write_xlsx
    from tests.kbfactory import suggest_text

    res = suggest_text(shipped_kb, SCHOOL, "中小学校舍维修改造", 560)
    vague = {c.name for v in res.alternates.values() for c in v if c.value == "达到预期"}
    assert vague   # the library gives these alternates 达到预期
    path = tmp_path / "own4.xlsx"
    write_xlsx(res, path, project_name="中小学校舍维修改造", description=SCHOOL)
    sheet = {row[2]: row for row in openpyxl.load_workbook(path)["备选指标"].iter_rows(min_row=2, values_only=True)}
    for name in vague:
        assert sheet[name][3] == "待填写" and "QNT-01" in sheet[name][5]
    assert not any("达到预期" == (row[3] or "").removeprefix("定性：") for row in sheet.values())
