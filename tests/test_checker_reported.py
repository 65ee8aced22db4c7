"""Defects a reviewer found on real-looking rows: each is a row or table checked as given.

Rewrites keep what the declarant wrote (a fix normalises form, never invents
or changes a number, operator or unit); formulas and unit clashes are caught;
a target far from the quantity the description states, or a unit cost that
prices the project far above its budget, is reported; 定性 time targets in the
field's words are accepted; every basis cites a document in force, in words.
"""
from __future__ import annotations

from kb.checker import check_rows
from kb.checker.catalog import CATALOG
from kb.domain.schema import TargetRow
from tests.checker_rows import found as _found, row as _row


SAT = ("满意度指标", "服务对象满意度指标", "服务对象满意度")


def test_chinese_percent_words_keep_the_declared_figure():
    f = _found([_row(*SAT, "", "≥ 百分之九十五", "")])
    sugs = {(s.operator or "≥", s.value, s.unit or "%") for (row, _), x in f.items() if row == 1 and (s := x.suggestion)
            and s.value}
    assert sugs == {("≥", "95", "%")}
    f = _found([_row(*SAT, "≥", "百分之九十八点五", "")])
    assert f[(1, "QNT-03")].suggestion.value == "98.5"


def test_full_width_fix_changes_only_the_form():
    f = _found([_row("产出指标", "数量指标", "培训人数", "定性", "２４", "")])
    s = f[(1, "TXT-01")].suggestion
    assert s.value == "24" and s.operator is None and s.unit is None


def test_negative_number_and_formula_unit_are_reported_not_rewritten():
    f = _found([_row("产出指标", "数量指标", "培训人数", "", "-1", "@SUM(1)")])
    assert "公式" in f[(1, "UNIT-01")].message
    for (row, _), x in f.items():
        if row == 1:
            assert x.suggestion.value is None and x.suggestion.unit is None and not x.suggestion.delete


def test_formula_value_is_not_a_number():
    f = _found([_row("产出指标", "数量指标", "培训人数", "≥", "≥ =SUM(A1:A9)", "人")])
    assert f[(1, "QNT-04")].severity == "error" and "公式" in f[(1, "QNT-04")].message
    assert not any(rid in ("UNIT-01", "OP-01", "FEAS-01") for row, rid in f if row == 1)


def test_wan_in_the_value_against_yuan_in_the_unit():
    f = _found([_row("成本指标", "经济成本指标", "项目总成本", "≤", "50万", "元")])
    s = f[(1, "UNIT-03")].suggestion
    assert (s.value, s.unit) == ("50", "万元")


def test_qualitative_with_a_numeric_comparison_contradicts_itself():
    f = _found([_row("产出指标", "质量指标", "验收合格率", "定性", "≥95%", "")])
    s = f[(1, "OP-03")].suggestion
    assert (s.operator, s.value, s.unit) == ("≥", "95", "%")


_ROAD = "2025年道路养护项目。年度预算309万元，完成养护里程300公里。"


def _road(length: str):
    return [_row("产出指标", "数量指标", "道路养护里程", "≥", length, "公里"),
            _row("产出指标", "时效指标", "完工时间", "≤", "2025年12月31日", ""),
            _row("成本指标", "经济成本指标", "单位养护成本", "≤", "5", "万元/公里"),
            _row("效益指标", "社会效益指标", "道路优良率", "≥", "90", "%"),
            _row("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥", "90", "%")]


def test_target_ten_times_the_stated_quantity():
    f = _found(_road("3000"), description=_ROAD, budget_wan=309)
    h = f[(1, "FEAS-04")]
    assert h.severity == "warning" and "300公里" in h.message and "10倍" in h.message
    assert "不是政策条文" in h.basis and h.suggestion.value is None  # advice, the number is the declarant's
    assert (1, "FEAS-04") not in _found(_road("300"), description=_ROAD, budget_wan=309)


def test_stated_quantity_with_wan_is_converted_and_the_object_may_follow_the_number():
    row = lambda name, v, u: [_row("产出指标", "数量指标", name, "≥", v, u)]  # noqa: E731
    desc = "2025年河道清淤项目。清淤量3万立方米，建设8个老年助餐点。"
    assert (1, "FEAS-04") not in _found(row("清淤量", "30000", "立方米"), description=desc)
    h = _found(row("清淤量", "300000", "立方米"), description=desc)[(1, "FEAS-04")]
    assert "3万立方米" in h.message and "相差10倍" in h.message
    h = _found(row("助餐点数量", "80", "个"), description=desc)[(1, "FEAS-04")]
    assert "建设8个老年助餐点" in h.message and "相差10倍" in h.message
    assert (1, "FEAS-04") not in _found(row("助餐点数量", "8", "个"), description=desc)


def test_unit_cost_times_quantity_above_the_budget():
    f = _found(_road("300"), description=_ROAD, budget_wan=309)
    h = f[(None, "FEAS-02")]
    assert "1500万元" in h.message and "309万元" in h.message
    ok = _road("60")  # 5 万元/公里 × 60 公里 = 300 万元: within the budget
    assert (None, "FEAS-02") not in _found(ok, description=_ROAD.replace("300公里", "60公里"), budget_wan=309)


def test_unit_cost_times_a_quantity_with_a_magnitude_is_converted_first():
    """亩均建设成本 ≤1500 元/亩 and 高标准农田建设面积 ≥1.5 万亩 against 300 万元: FEAS-02 multiplied 1500 by 1.5
    (0.225 万元, within the budget) — 万亩 counts the same thing as 亩, so it was paired, but never converted.
    The quantity is converted into the priced unit through kb.domain.quantity's table: 15000 亩 × 1500 元 = 2250 万元."""
    rows = [_row("产出指标", "数量指标", "高标准农田建设面积", "≥", "1.5", "万亩"),
            _row("产出指标", "质量指标", "工程验收合格率", "≥", "95", "%"),
            _row("成本指标", "经济成本指标", "亩均建设成本", "≤", "1500", "元/亩"),
            _row("效益指标", "社会效益指标", "粮食产能提升率", "≥", "5", "%")]
    h = _found(rows, budget_wan=300)[(None, "FEAS-02")]
    assert "1.5万亩≈2250万元" in h.message and "7.5倍" in h.message, h.message
    rows[0] = _row("产出指标", "数量指标", "高标准农田建设面积", "≥", "0.15", "万亩")   # 1500 亩: 225 万元, fits
    assert (None, "FEAS-02") not in _found(rows, budget_wan=300)


def test_year_end_in_words_is_a_qualitative_deadline():
    for v in ("年度内完成", "年内完成", "当年完成", "本年度内完工"):
        f = _found([_row("产出指标", "时效指标", "完成时间", "定性", v, "")])
        assert not {rid for row, rid in f if row == 1}, (v, f)
    f = _found([_row("产出指标", "时效指标", "完成时间", "定性", "按时完成", "")])
    assert (1, "TIME-01") in f  # the catalog's vague time words stay vague


def test_filler_grade_on_a_slogan_benefit_row():
    f = _found([_row("效益指标", "社会效益指标", "满足市民休闲游憩需求", "定性", "达成年度指标", "")])
    assert (1, "QNT-02") in f


def test_basis_cites_documents_in_force_in_words_a_declarant_reads():
    for m in CATALOG.values():
        assert "285号" not in m.citation, m.id
        assert not any(w in m.citation for w in ("pmkpi", "checkAll", "airecoindex", "()")), m.id
    assert "财预〔2020〕10号" in CATALOG["QNT-05"].citation


def test_a_vague_deadline_is_fixed_to_the_one_the_text_states():
    row = [_row("产出指标", "时效指标", "完工时间", "定性", "按时", "")]
    f = _found(row, description="2025年道路修缮项目，2025年10月底前完工。", budget_year=2025)
    assert f[(1, "TIME-01")].suggestion.value == "2025年10月31日前"
    f = _found(row, description="2025年道路修缮项目。", budget_year=2025)  # none stated: the year's end
    assert f[(1, "TIME-01")].suggestion.value == "2025年12月31日前"
    # another year: trial 22 (tests/test_checker_trial22.py) — the year's end before the text's 2026年6月底前完工 is
    # TIME-06's contradiction, so the rewrite writes the text's date (TIME-04 then advises on the cross-year target)
    f = _found(row, description="2026年6月底前完工。", budget_year=2025)
    assert f[(1, "TIME-01")].suggestion.value == "2026年6月30日前"


def test_a_payment_rate_is_fixed_to_the_working_days_the_text_states():
    """A fresh reviewer found --fix turning 发放及时率 into 完成时间 12月31日前 although the 项目概况 said
    补助资金10个工作日内拨付到校: the text's own limit is the target, as suggest binds it."""
    row = [_row("产出指标", "时效指标", "补助资金拨付及时率", "≥", "95", "%")]
    f = _found(row, description="为全县学生21300名发放午餐补贴，补助资金10个工作日内拨付到校，年度资金1704万元。",
               budget_year=2025)
    s = f[(1, "TIME-05")].suggestion
    assert (s.name, s.operator, s.value, s.unit) == ("补助资金拨付时限", "≤", "10", "个工作日")
    f = _found(row, description="补助资金按学期拨付到校。", budget_year=2025)
    # none stated: the rate is kept and the term asked for (trial 13: the year's end was a date nobody stated)
    s = f[(1, "TIME-05")].suggestion
    assert s.value is None and "拨付时限" in s.text, s.text


def test_a_frequency_is_checked_as_the_years_count():
    """A fresh user found FEAS-04 calling suggest's 数据备份恢复演练次数 ≥12 次 twelve times the text's
    每月开展1次数据备份恢复演练: a frequency counts a year. Ten times the year's count still is a slip."""
    desc = "每月开展1次数据备份恢复演练，每季度开展1次安全漏洞扫描。合同金额60万元。"
    f = _found([_row("产出指标", "数量指标", "数据备份恢复演练次数", "≥", "12", "次"),
                _row("产出指标", "数量指标", "安全漏洞扫描次数", "≥", "40", "次")], description=desc)
    assert (1, "FEAS-04") not in f and (2, "FEAS-04") in f
    assert "相差10倍" in f[(2, "FEAS-04")].message   # against the year's 4, not the 1 as written
    f = _found([_row("产出指标", "数量指标", "数据备份恢复演练次数", "≥", "1", "次")], description=desc)
    assert (1, "FEAS-04") not in f   # the 1 as the text writes it is never flagged either


def test_str_10_adds_what_a_payment_is_checked_for():
    """STR-10 added 项目验收合格率 and 项目完成时间 12月31日前 to a subsidy paid to people (a fresh reviewer: a
    payment has no acceptance; its text gave 9月30日前发放到位). A works project keeps 项目验收合格率."""
    rows = [_row("产出指标", "数量指标", "资助家庭经济困难学生人数", "≥", "300", "人"),
            _row("满意度指标", "服务对象满意度指标", "学生家长满意度", "≥", "90", "%")]
    f = _found(rows, description="资助家庭经济困难学生300人，每生每年2000元，9月30日前发放到位，资金60万元。",
               budget_year=2025)
    added = {r["name"]: r["value"] for r in f[(None, "STR-10")].suggestion.add_rows}
    assert added == {"补助资金发放准确率": "100", "补助资金发放完成时间": "2025年9月30日前"}, added
    f = _found(rows, description="2025年6月底前完成对象摸底审核，9月30日前将补贴资金发放到位，资金60万元。",
               budget_year=2025)   # a review's catch: the payment's own date, not the text's first one
    added = {r["name"]: r["value"] for r in f[(None, "STR-10")].suggestion.add_rows}
    assert added["补助资金发放完成时间"] == "2025年9月30日前", added
    f = _found([_row("产出指标", "数量指标", "修缮乡村道路里程", "≥", "12", "公里")],
               description="修缮乡村道路12公里，资金250万元。", budget_year=2025)
    assert {r["name"] for r in f[(None, "STR-10")].suggestion.add_rows} == {"项目验收合格率", "项目完成时间"}


def test_qnt_08_on_a_timeliness_rate_says_what_its_fix_does():
    f = _found([_row("产出指标", "时效指标", "项目(工程)完成及时率", "≥", "100", "%")], budget_year=2022)
    h = f[(1, "QNT-08")]
    assert h.suggestion.value == "2022年12月31日前" and "完成时间" in h.message and "应写“=100%”" not in h.message
    f = _found([_row("产出指标", "质量指标", "验收合格率", "≥", "100", "%")])
    assert "应写“=100%”" in f[(1, "QNT-08")].message and f[(1, "QNT-08")].suggestion.operator == "="


# --------------------------------------------------------------------------- defects a fresh user found

def _real_row(rec_id: str, name: str) -> TargetRow:
    from tests.lifecycle_fixtures import dev_record

    r = next(x for x in dev_record(rec_id)["indicators"] if x["name"] == name)
    return TargetRow(**{k: r.get(k) or "" for k in ("level1", "level2", "name", "operator", "value", "unit")})


_OUTPUT_REST = [_row("产出指标", "质量指标", "助餐服务验收合格率", "=", "100", "%"),
                _row("产出指标", "时效指标", "项目完成时间", "", "2024年12月31日前", ""),
                _row("效益指标", "社会效益指标", "受益老年人人数", "≥", "300", "人"),
                _row("满意度指标", "服务对象满意度指标", "就餐老年人满意度", "≥", "90", "%")]


def test_a_cost_under_output_quantity_is_moved_to_cost():
    """助餐服务成本 ≤50 万元 under 产出/数量 was not flagged; 财预〔2021〕101号 puts cost under 成本指标."""
    for unit, value in (("万元", "50"), ("元", "500000")):
        rows = [_row("产出指标", "数量指标", "助餐服务成本", "≤", value, unit),
                _row("产出指标", "数量指标", "助餐服务人次", "≥", "20000", "人次"), *_OUTPUT_REST]
        f = _found(rows, budget_wan=60)
        h = f[(1, "REL-01")]
        assert "成本" in h.message and "数量指标" in h.message, h.message
        assert (h.suggestion.level1, h.suggestion.level2) == ("成本指标", "经济成本指标")
        assert not [rid for row, rid in f if row == 2]
    # a table in the 2015 form (成本 as a 二级 of 产出) keeps it there
    rows = [_row("产出指标", "数量指标", "助餐服务成本", "≤", "50", "万元"),
            _row("产出指标", "成本指标", "助餐点建设成本", "≤", "10", "万元"), *_OUTPUT_REST]
    h = _found(rows, budget_wan=60)[(1, "REL-01")]
    assert h.suggestion.level2 == "成本指标" and "“产出指标/成本指标”" in h.suggestion.text, h.suggestion


def test_money_that_is_an_output_stays_under_quantity():
    """Real rows: an income, a loan amount and a trade volume in money are outputs, not costs."""
    for rec_id, name in (("D063", "全年实现会展业综合收入"), ("E032", "新增脱贫人口小额信贷"),
                         ("E021", "服务外包在岸")):
        f = _found([_real_row(rec_id, name)])
        assert (1, "REL-01") not in f, (rec_id, name, f.get((1, "REL-01")))


def test_two_names_for_one_measure_in_one_slot_are_a_duplicate():
    rows = [_row("产出指标", "数量指标", "道路修缮里程", "≥", "5", "公里"),
            _row("产出指标", "数量指标", "修缮道路长度", "≥", "5", "公里"),
            _row("产出指标", "数量指标", "培训人数", "≥", "300", "人"),
            _row("产出指标", "数量指标", "培训人次", "≥", "600", "人次"),
            _row("效益指标", "社会效益指标", "道路通行条件改善长度", "≥", "5", "公里")]
    f = _found(rows)
    h = f[(None, "STR-12")]
    assert h.severity == "warning"
    assert "道路修缮里程" in h.message and "修缮道路长度" in h.message and "第1、2行" in h.message, h.message
    assert "培训" not in h.message  # 人数 and 人次 count different things
    assert not h.suggestion.delete_rows  # names differ: advice, nothing is dropped
    # a measure of another kind, another slot or another object is no duplicate
    for other in (_row("产出指标", "数量指标", "修缮道路面积", "≥", "5", "平方米"),
                  _row("效益指标", "社会效益指标", "修缮道路长度", "≥", "5", "公里"),
                  _row("产出指标", "数量指标", "新建道路长度", "≥", "5", "公里")):
        assert (None, "STR-12") not in _found([rows[0], other]), other
    # real tables list many similar names that count different things (猪/牛/羊养殖数量, 孕产妇7天/42天访视数,
    # 在职/退休职工人数, 桃树/苹果树种植面积): none of them is a near-duplicate
    from kb.checker import check_declaration
    from kb.domain.schema import Declaration
    from tests.lifecycle_fixtures import dev_record

    for rec_id in ("E017", "E052", "D025", "E006", "D006"):
        rep = check_declaration(Declaration.from_record(dev_record(rec_id)))
        assert not [f for f in rep.findings if f.rule_id == "STR-12"], rec_id


def test_a_count_of_persons_that_is_not_a_whole_number_is_flagged():
    f = _found([_row("产出指标", "数量指标", "培训人数", "≥", "0.5", "人")])
    hits = [x for (row, _), x in f.items() if row == 1 and "整数" in x.message]
    assert hits and hits[0].severity == "error" and "0.5" in hits[0].message
    assert hits[0].suggestion.value is None  # the number is the declarant's to correct
    for ok in (_row("产出指标", "数量指标", "培训人数", "≥", "0.5万", "人"),
               _row("产出指标", "数量指标", "培训人数", "≥", "1.5", "万人"),
               _row("产出指标", "数量指标", "人均培训天数", "≥", "2.5", "天"),
               _row("产出指标", "数量指标", "每村配备保洁员人数", "≥", "1.5", "人/村"),
               _row("效益指标", "经济效益指标", "户均增收", "≥", "0.5", "万元"),
               _row("产出指标", "数量指标", "培训人数", "≥", "300", "人")):
        assert not [x for (row, _), x in _found([ok]).items() if "整数" in x.message], ok


def test_a_blank_size_dependent_value_is_left_to_fill_not_taken_from_the_library():
    """STR-03 filled a blank 户数 / 人数 / 里程 / 金额 with the library's typical value; the size of a
    project is the declarant's to state (suggest leaves such rows 待填写 for the same reason)."""
    from kb.checker import check_declaration
    from kb.domain.schema import Declaration, Indicator, Target
    from kb.indicators.lookup import IndicatorLookup

    def ind(name, l1, l2, op, value, unit):
        return Indicator(id=f"t-{name}", level1=l1, level2=l2, name=name, unit=unit,
                         typical=Target(operator=op, value=value, unit=unit))

    lookup = IndicatorLookup.from_indicators([
        ind("受益户数", "产出指标", "数量指标", "≥", "200", "户"), ind("培训人数", "产出指标", "数量指标", "≥", "300", "人"),
        ind("道路修缮里程", "产出指标", "数量指标", "≥", "10", "公里"),
        ind("补助资金", "成本指标", "经济成本指标", "≤", "50", "万元"),
        ind("项目验收合格率", "产出指标", "质量指标", "=", "100", "%")])
    blank = [_row("产出指标", "数量指标", "受益户数", "≥", "", "户"), _row("产出指标", "数量指标", "培训人数", "≥", "", "人"),
             _row("产出指标", "数量指标", "道路修缮里程", "≥", "", "公里"),
             _row("成本指标", "经济成本指标", "补助资金", "≤", "", "万元"),
             _row("产出指标", "质量指标", "项目验收合格率", "", "", "%"),
             _row("产出指标", "时效指标", "项目完成时间", "", "", "")]
    for lk in (lookup, None):
        rep = check_declaration(Declaration(rows=blank, year=2024), lookup=lk)
        s = {f.row: f.suggestion for f in rep.findings if f.rule_id == "STR-03"}
        for row in (1, 2, 3, 4):
            assert s[row].value is None and not s[row].delete and s[row].text.startswith("待填写"), (lk, row, s[row])
        assert "规模" in s[1].text and "预算" in s[4].text
        assert (s[6].value or "").startswith("2024年12月31日")  # a deadline may take the usual one
    s = {f.row: f.suggestion for f in check_declaration(Declaration(rows=blank), lookup=lookup).findings
         if f.rule_id == "STR-03"}
    assert (s[5].operator, s[5].value) == ("=", "100")  # a rate may take the library's typical value
    # with the project's budget a total cost is still capped by it (no library figure involved)
    rep = check_declaration(Declaration(rows=[_row("成本指标", "经济成本指标", "项目总成本", "≤", "", "万元")],
                                        budget_wan=80), lookup=lookup)
    [f] = [f for f in rep.findings if f.rule_id == "STR-03"]
    assert f.suggestion.value == "80" and f.suggestion.text == "指标值改为“≤80万元”"


def test_a_zero_tolerance_target_in_words_is_a_grade():
    """Reported (fresh trial): QNT-05 called 不发生 neither a number nor a grade (区域性重大动物疫情 不发生,
    the standard target of animal-epidemic prevention)."""
    for v in ("不发生", "未发生"):
        r = check_rows([TargetRow(level1="效益指标", level2="社会效益指标", name="区域性重大动物疫情发生情况",
                                  operator="定性", value=v, unit="")], {}, suggest=False)
        assert not [f.rule_id for f in r.findings if f.scope == "row"], v


def test_a_count_without_a_number_of_its_own_is_left_to_fill_not_taken_from_the_library():
    """E009 (real): 制作宣传品数量 declared “第O份(OCR损坏)” 份 was rewritten to the library's ≥2000 — a size
    the project never stated. Words, an unreadable value or an always-met ≥0 on a count are left 待填写 as
    a blank one is; a rate still takes its typical value."""
    from kb.checker import check_declaration
    from kb.domain.schema import Declaration
    from kb.indicators.lookup import IndicatorLookup
    from kb.io.library import load_libraries
    from kb.io.tables import table_from_json
    from tests.kbfactory import REPO, dev_record

    lookup = IndicatorLookup.from_indicators(load_libraries(REPO / "indicators"))
    rec = dev_record("E009")
    row = next(i for i, r in enumerate(rec["indicators"], 1) if r["name"] == "制作宣传品数量")
    rep = check_declaration(table_from_json(rec), lookup=lookup)
    fixes = [f.suggestion for f in rep.findings if f.row == row and f.suggestion is not None]
    assert fixes and all(s.value is None and not s.delete for s in fixes), fixes
    assert any(s.text.startswith("待填写") and "规模" in s.text for s in fixes), fixes
    rows = [_row("产出指标", "数量指标", "培训人数", "≥", "0", "人"),
            _row("产出指标", "质量指标", "验收合格率", "", "(截断)", "")]
    found = check_declaration(Declaration(rows=rows), lookup=lookup).findings
    s1 = [f.suggestion for f in found if f.row == 1 and f.suggestion is not None]
    assert s1 and all(s.value is None for s in s1) and any(s.text.startswith("待填写") for s in s1), s1
    assert any(f.suggestion.value == "100" for f in found if f.row == 2 and f.suggestion is not None)


def test_the_other_findings_of_a_deleted_row_say_they_go_with_it():
    """Reported (fresh trial, D008 real row 资金到位及时率 ≥100%): QNT-08 said “应写=100%” and TIME-05 asked
    for a deadline while both suggestions read “删除该行：投入/过程指标…（预算执行率…）” — another rule's
    reason, about another indicator. The rule that deletes gives the reason; the others say they go with
    the row; one-click on any of them still deletes it."""
    from kb.checker import check_declaration
    from kb.io.tables import table_from_json
    from tests.kbfactory import dev_record

    rec = dev_record("D008")
    row = next(i for i, r in enumerate(rec["indicators"], 1) if r["name"] == "资金到位及时率")
    found = [f for f in check_declaration(table_from_json(rec)).findings if f.row == row]
    by = {f.rule_id: f.suggestion for f in found}
    assert "REL-02" in by and len(by) >= 2 and all(s.delete for s in by.values()), by
    assert by["REL-02"].text.startswith("删除该行：投入/过程指标") and "资金到位" in by["REL-02"].text
    assert "预算执行率在自评" not in by["REL-02"].text
    for rid, s in by.items():
        if rid != "REL-02":
            assert s.text == "本行按 REL-02 整行删除，此项随之不再适用", (rid, s.text)


def test_a_count_in_the_other_person_unit_is_renamed_not_recounted():
    """Reported (fresh trial): UNIT-02 turned 学生受资助人数 ≥735 人次 (D008, real) into ≥735 人 — 735
    person-times became 735 persons. The name follows the unit the number was counted in."""
    from kb.checker import check_declaration
    from kb.io.tables import table_from_json
    from tests.kbfactory import dev_record

    rec = dev_record("D008")
    row = next(i for i, r in enumerate(rec["indicators"], 1) if r["name"] == "学生受资助人数")
    assert rec["indicators"][row - 1]["unit"] == "人次"
    [f] = [f for f in check_declaration(table_from_json(rec)).findings if f.row == row and f.rule_id == "UNIT-02"]
    assert f.suggestion.name == "学生受资助人次" and f.suggestion.unit is None and f.suggestion.value is None
    rows = [_row("产出指标", "数量指标", "培训人次", "≥", "200", "人")]
    [s] = [f.suggestion for f in check_rows(rows).findings if f.rule_id == "UNIT-02"]
    assert s.name == "培训人数" and s.unit is None


def test_a_missing_unit_is_not_invented_for_a_name_that_counts_nothing():
    """Reported (fresh trials): UNIT-01 proposed “≥100个” for 学校发展能力 and “≥90个” for 群众安全感; a
    次数 got 个. The unit comes from the row, the library or the name (次 for 次数, % for a surveyed share
    such as 安全感); when nothing says what a name counts the row is left 待填写 for its unit. 群众安全感
    ≥90% is a measured share, not a name without a metric (REL-04)."""
    def fix(name, value, unit="", l1="效益指标", l2="可持续影响指标"):
        found = check_rows([_row(l1, l2, name, "≥", value, unit)]).findings
        return {f.rule_id: f.suggestion for f in found if f.scope == "row" and f.suggestion is not None}

    s = fix("学校发展能力", "100")["UNIT-01"]
    assert s.value is None and s.unit is None and s.text.startswith("待填写") and "计量单位" in s.text
    assert (fix("群众安全感", "90", l2="社会效益指标")["UNIT-01"].unit) == "%"
    assert "REL-04" not in fix("群众安全感", "90", "%", l2="社会效益指标")
    assert fix("培训次数", "4", l1="产出指标", l2="数量指标")["UNIT-01"].unit == "次"


def test_rows_a_form_left_unset_are_no_indicators():
    """Reported (fresh trial, D062 real): three 成本 rows “(未设置) = 0” were kept as a cost target
    “(未设置) ≤0万元”, counted as the table's 成本 indicator (so STR-09 kept silent) and as duplicates of
    each other (STR-12). They are no indicators: STR-04 deletes them, and the table rules do not count them."""
    from kb.checker import check_declaration
    from kb.io.tables import table_from_json
    from tests.kbfactory import dev_record

    rec = dev_record("D062")
    unset = [i for i, r in enumerate(rec["indicators"], 1) if r["name"] == "(未设置)"]
    assert len(unset) == 3
    rep = check_declaration(table_from_json(rec))
    for row in unset:
        sugs = [f.suggestion for f in rep.findings if f.row == row and f.suggestion is not None]
        assert sugs and all(s.delete for s in sugs), sugs
        assert any(f.rule_id == "STR-04" for f in rep.findings if f.row == row)
    table = {f.rule_id: f for f in rep.findings if f.scope == "table"}
    assert "STR-09" in table and "STR-12" not in table
    assert "100" in table["STR-09"].suggestion.text  # the project's own budget, not 0


# --------------------------------------------------------------------------- implausible values (review)

def test_a_target_beyond_any_projects_reach_is_flagged():
    """Reported (review): 新建农村公路里程 ≥ 99999999999 公里, 培训人数 ≥ 5e9 人 and a 元/人 standard of
    1e12 passed — each below the 1 万亿 QNT-04 refuses, each beyond what the country has. FEAS-05 names
    the bound (`kb.domain.plausible.PLAUSIBLE_MAX`) and gives advice only: the number is the declarant's."""
    def one(name, op, value, unit, l1="产出指标", l2="数量指标"):
        return _found([_row(l1, l2, name, op, value, unit)]).get((1, "FEAS-05"))

    h = one("新建农村公路里程", "≥", "99999999999", "公里")
    assert h.severity == "warning" and "99999999999公里" in h.message and "全国公路总里程" in h.message
    assert h.dimension == "feasibility" and "不是政策条文" in h.basis
    assert h.suggestion.value is None and h.suggestion.unit is None and not h.suggestion.delete
    assert "全国人口" in one("培训人数", "≥", "5000000000", "人").message
    assert "50亿人" in one("培训人数", "≥", "50亿", "人").message        # the magnitude written in the value
    assert one("培训人数", "≥", "500000", "万人") is not None              # 50 亿人 through the unit table
    assert one("农户数", "≥", "700000000", "户") is not None
    h = one("人均补助标准", "≤", "1000000000000", "元/人", "成本指标", "经济成本指标")
    assert "1000000000000元/人" in h.message and "1亿元" in h.message
    assert one("户均补助标准", "≤", "20000", "万元/户", "成本指标", "经济成本指标") is not None   # 2 亿元 a household
    # what a real project may state stays silent
    for args in (("新建农村公路里程", "≥", "12", "公里"), ("道路硬化长度", "≥", "120000", "米"),
                 ("受益人口", "≥", "1400000000", "人"), ("培训人数", "≥", "5", "万人"),
                 ("项目总投资", "≤", "50000", "万元", "成本指标", "经济成本指标"),
                 ("人均补助标准", "≤", "3000", "元/人·年", "成本指标", "经济成本指标"),
                 ("设备数量", "≥", "99999999999", "台")):   # counting units have no national total
        assert one(*args) is None, args


def test_figures_other_rules_answer_get_no_second_finding():
    """Above 1 万亿 is QNT-04's (error); a rate above 100 % is QNT-07's (error), growth rates excepted
    (增长率, 增速, 提高率 may exceed 100 %): FEAS-05 adds nothing to them."""
    f = _found([_row("产出指标", "数量指标", "新建农村公路里程", "≥", "2000000000000", "公里")])
    assert (1, "QNT-04") in f and (1, "FEAS-05") not in f
    rates = [("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥", "150", "%"),
             ("产出指标", "质量指标", "项目完成率", "=", "120", "%"),
             ("产出指标", "数量指标", "政策覆盖面", "≥", "150", "%"),
             ("产出指标", "数量指标", "贫困户参保比例", "≥", "150", "%")]
    f = _found([_row(*r) for r in rates])
    for i in range(1, len(rates) + 1):
        assert f[(i, "QNT-07")].severity == "error" and (i, "FEAS-05") not in f, rates[i - 1]
    growth = [("效益指标", "经济效益指标", "农民人均收入增长率", "≥", "150", "%"),
              ("效益指标", "经济效益指标", "农民收入增速", "≥", "150", "%"),
              ("效益指标", "社会效益指标", "就业人数提高率", "≥", "150", "%")]
    f = _found([_row(*r) for r in growth])
    assert not {rid for _, rid in f if rid in ("QNT-07", "FEAS-05")}, f


def test_a_conformance_rate_under_an_ecological_benefit_belongs_to_quality():
    """Reported (review): D059 files 食品安全指标达标率 under 生态效益 and REL-01 said nothing — it looked
    at 数量/质量/时效 only, and the level guesser put any 效益 name without a kind word under 社会效益.
    A share meeting a standard whose name says no ecological or economic benefit is a quality of the
    output (the catalog's REL-01: 合格率为质量); the fix moves it to 产出指标/质量指标."""
    from kb.checker import check_declaration
    from kb.io.tables import table_from_json
    from tests.kbfactory import dev_record

    rec = dev_record("D059")
    row = 1 + [r["name"] for r in rec["indicators"]].index("食品安全指标达标率")
    rep = check_declaration(table_from_json(rec))
    [f] = [f for f in rep.findings if f.rule_id == "REL-01" and f.row == row]
    assert "质量指标" in f.message and "生态效益" in f.message
    assert (f.suggestion.level1, f.suggestion.level2) == ("产出指标", "质量指标")
    f = _found([_row("效益指标", "经济效益指标", "工程验收合格率", "=", "100", "%"),
                _row("效益指标", "社会效益指标", "受益群众人数", "≥", "300", "人")])   # the table keeps an effect
    assert (f[(1, "REL-01")].suggestion.level1, f[(1, "REL-01")].suggestion.level2) == ("产出指标", "质量指标")
    for row in (("效益指标", "生态效益指标", "河湖水质达标率", "≥", "90", "%"),       # the name says which benefit
                ("效益指标", "生态效益指标", "污水排放达标率", "≥", "95", "%"),
                ("效益指标", "社会效益指标", "学生体质健康达标率", "≥", "90", "%"),   # an outcome for people
                ("效益指标", "生态效益指标", "低温、低氧、低剂量科学保粮率", "=", "100", "%")):
        assert (1, "REL-01") not in _found([_row(*row)]), row


def test_suggest_and_the_checker_place_a_benefit_by_one_answer():
    """suggest's change rows and the checker's level guesses read the same words (one answer,
    `kb.checker.rules.relevance.benefit_level2`): 化学农药用量减少率 is ecological for both."""
    from kb.checker.rewrite import guess_level2
    from kb.domain.enums import Level1
    from kb.suggest.candidates import _benefit_slot

    for name, kind in (("化学农药用量减少率", "ecological_benefit"), ("网络零售额增长率", "economic_benefit"),
                       ("污水处理量增长率", "ecological_benefit"), ("农产品产量增长率", "economic_benefit"),
                       ("长效管护机制覆盖率", "sustainable_impact"), ("猪死亡率下降幅度", "social_benefit")):
        assert _benefit_slot(name) == guess_level2(Level1.benefit, name).value == kind, name


def test_a_throughput_per_day_or_a_count_in_wan_is_a_size_not_a_library_figure():
    """Fresh reviewer: a blank 生活垃圾日清运量 (吨/日) became the library's ≥100吨/日 and 档案数字化页数 (万页)
    ≥50万页 (the text said 320万画幅); without the library the first became 定性：达成年度指标. A quantity
    per day or year and a count with a magnitude (万页, 万画幅) state the project's size (待填写 and why)."""
    from kb.checker import check_declaration
    from kb.domain.schema import Declaration, Indicator, Target
    from kb.domain.units import size_dependent
    from kb.indicators.lookup import IndicatorLookup

    for unit in ("吨/日", "万页", "万画幅", "画幅", "卷", "人次/年", "万元/年", "次/年"):
        assert size_dependent("", unit), unit
    for unit in ("%", "‰", "百分点", "元/人", "元/人·年", "天", "个工作日", "小时", "分", "级", "倍", "岁"):
        assert not size_dependent("", unit), unit

    def ind(name, value, unit):
        return Indicator(id=f"t-{name}", level1="产出指标", level2="数量指标", name=name, unit=unit,
                         typical=Target(operator="≥", value=value, unit=unit))

    lookup = IndicatorLookup.from_indicators([ind("生活垃圾日清运量", "100", "吨/日"), ind("档案数字化页数", "50", "万页")])
    rows = [_row("产出指标", "数量指标", "生活垃圾日清运量", "", "", "吨/日"),
            _row("产出指标", "数量指标", "档案数字化页数", "", "", "万页")]
    for lk in (lookup, None):
        rep = check_declaration(Declaration(rows=rows, year=2025), lookup=lk)
        s = {f.row: f.suggestion for f in rep.findings if f.rule_id == "STR-03"}
        for row in (1, 2):
            assert s[row].value is None and "规模" in s[row].text, (lk, row, s[row].text)


def test_a_blank_quantity_takes_no_library_size_and_no_qualitative_target():
    """dev.jsonl E002/E032/E050 (real): blank 治理水土流失面积 (hm²) became the library's ≥1429.39平方公里,
    年保土量 (万t) ≥3.51万吨 or 定性：达成年度指标, 续贷 (户/万元) ≥108户 or 定性, 送书和流通图书下乡 (册次)
    ≥116559册. A library figure in a size unit is another project's size, and a row whose unit says it is
    counted is not made 定性: each is 待填写 with the reason."""
    from kb.checker import check_declaration
    from kb.indicators.lookup import IndicatorLookup
    from kb.io.library import load_libraries
    from kb.io.tables import table_from_json
    from tests.kbfactory import REPO, dev_record

    lookup = IndicatorLookup.from_indicators(load_libraries(REPO / "indicators"))
    for rec_id, names in (("E002", ("治理水土流失面积", "年保土量")), ("E032", ("续贷", "展期")),
                          ("E050", ("送书和流通图书下乡",)), ("E033", ("解决出行难问题受益人口",))):
        rec = dev_record(rec_id)
        rows = {r["name"]: i for i, r in enumerate(rec["indicators"], 1)}
        for lk in (lookup, None):
            rep = check_declaration(table_from_json(rec), lookup=lk)
            for name in names:
                [s] = [f.suggestion for f in rep.findings if f.row == rows[name] and f.rule_id == "STR-03"]
                assert s.value is None and s.text.startswith("待填写"), (rec_id, name, lk is None, s.text)


def test_a_value_left_to_fill_reads_as_blank_in_every_format(tmp_path):
    """Fresh reviewer: a blank 指标值 in .json was STR-03 (error), the same row in .xlsx holding 待填写 (what
    our writers put in a blank cell) QNT-05 (warning). A word standing in a blank cell is an empty value;
    template residue (XX, 待定, ——, /) stays the catalog's QNT-04, an error as well; neither is QNT-05."""
    from kb.checker import check_declaration
    from kb.io.tables import read_table, table_from_json
    from kb.io.xlsx_table import TableRow, TargetTable, write_table

    def found(table):
        rep = check_declaration(table)
        return {(f.rule_id, f.severity) for f in rep.findings if f.scope == "row"}, rep

    row = {"level1": "产出指标", "level2": "数量指标", "name": "清扫保洁道路条数", "operator": "", "unit": "条"}
    blank, _ = found(table_from_json({"project_name": "环卫保洁", "year": 2025, "rows": [dict(row, value="")]}))
    assert blank == {("STR-03", "error")}
    xlsx = write_table(TargetTable(project_name="环卫保洁", year=2025, rows=[TableRow(**row, value="待填写")]),
                       tmp_path / "t.xlsx")
    for held in ("待填写", "待填写：按项目计划数填写", "（待填写）", "另行填写"):
        got, rep = found(table_from_json({"project_name": "环卫保洁", "year": 2025, "rows": [dict(row, value=held)]}))
        assert got == blank, held
        assert f"“{held}”只是待填的占位" in rep.findings[0].message
    got, _ = found(read_table(xlsx))
    assert got == blank
    for residue in ("XX", "待定", "——", "/"):
        got, _ = found(table_from_json({"project_name": "环卫保洁", "year": 2025, "rows": [dict(row, value=residue)]}))
        assert got == {("QNT-04", "error")}, residue


def test_a_slot_left_to_fill_is_no_name_and_is_never_renamed_into_itself(tmp_path):
    """Fresh reviewer: suggest's xlsx held a row “（请补充效益指标）” 待填写 (a slot it could not fill); the
    checker proposed renaming it to “(请补充效益指标)” with 定性：达成年度指标. Such a name is empty (STR-03),
    the slot is the declarant's to fill (advice, nothing applied), and the table has no 效益 indicator yet
    (STR-07). A name the rewrite keeps is never “renamed” to itself in half-width brackets."""
    from kb.checker import check_declaration
    from kb.io.tables import read_table
    from kb.io.xlsx_table import TableRow, TargetTable, write_table

    rows = [TableRow(level1="产出指标", level2="数量指标", name="帐篷采购数量", operator="≥", value="300", unit="顶"),
            TableRow(level1="效益指标", level2="社会效益指标", name="（请补充效益指标）", operator="", value="待填写",
                     unit=""),
            TableRow(level1="满意度指标", level2="服务对象满意度指标", name="群众满意度", operator="≥", value="90", unit="%")]
    for i, name in enumerate(("（请补充效益指标）", "待补充", "（）")):
        rows[1] = rows[1].model_copy(update={"name": name})
        table = read_table(write_table(TargetTable(project_name="救灾物资储备", year=2025, rows=rows),
                                       tmp_path / f"t{i}.xlsx"))
        rep = check_declaration(table)
        slot = [f for f in rep.findings if f.row == table.row_numbers[1]]
        assert [(f.rule_id, f.field) for f in slot] == [("STR-03", "name")], (name, slot)
        assert f"“{name}”只是待补充的占位" in slot[0].message
        sug = slot[0].suggestion
        assert sug.name is None and not sug.delete and sug.text.startswith("待填写") and "社会效益指标" in sug.text
        assert "STR-07" in {f.rule_id for f in rep.findings if f.scope == "table"}
    # a name kept by the rewrite is not rewritten into half-width brackets
    rep = check_rows([_row("产出指标", "质量指标", "验收合格率（抽检）", "", "", "%"),
                      _row("效益指标", "社会效益指标", "群众知晓率（％）", "≥", "90", "")], {}, suggest=True)
    for f in rep.findings:
        if f.scope == "row":
            assert f.suggestion.name is None and "名称改为" not in f.suggestion.text, (f.rule_id, f.suggestion.text)


def test_a_count_of_people_written_with_percent_becomes_their_coverage():
    """dev.jsonl D012 (real): 中等职业学校国家助学金应受助学生数 =100 % — UNIT-02 proposed “=100个”, a share
    read as a count and 个 for students. A count of people with % states their coverage (…应受助学生覆盖率,
    the 100 % kept); a count of things with % is left 待填写 in its own unit; the 100 never moves to a unit."""
    from kb.checker import check_declaration
    from kb.io.tables import table_from_json
    from tests.kbfactory import dev_record

    rec = dev_record("D012")
    rows = {r["name"]: i for i, r in enumerate(rec["indicators"], 1)}
    rep = check_declaration(table_from_json(rec))
    [s] = [f.suggestion for f in rep.findings if f.row == rows["中等职业学校国家助学金应受助学生数"] and f.rule_id == "UNIT-02"]
    assert s.name == "中等职业学校国家助学金应受助学生覆盖率" and s.value is None and s.unit is None, s.text
    assert "个" not in s.text
    rep = check_rows([_row("产出指标", "数量指标", "购置设备数量", "=", "100", "%"),
                      _row("产出指标", "数量指标", "培训人数", "≥", "95", "%")], {})
    s = {f.row: f.suggestion for f in rep.findings if f.rule_id == "UNIT-02"}
    assert s[1].value is None and s[1].text.startswith("待填写") and "计量单位：个" in s[1].text
    assert s[2].value is None and s[2].text.startswith("待填写") and "计量单位：人" in s[2].text


def test_a_yield_per_mu_under_output_is_an_economic_benefit():
    """Fresh reviewer: 项目区粮食亩产数量 ≥50 公斤 (from “亩产提高50公斤”) was filed under 产出/数量 and passed.
    A yield per area (亩产, 单产, 亩均产值) is an effect: REL-01 moves it to 效益/经济效益 by the one answer
    (`benefit_level2`), as it moves an outcome under 质量 (农户增收 → 经济效益, no longer 社会效益)."""
    from kb.checker.rules.relevance import benefit_level2
    from kb.domain.enums import Level2

    rep = check_rows([_row("产出指标", "数量指标", "项目区粮食亩产数量", "≥", "50", "公斤"),
                      _row("产出指标", "质量指标", "水稻单产提高量", "≥", "30", "公斤"),
                      _row("产出指标", "质量指标", "脱贫户增收", "≥", "800", "元"),
                      _row("产出指标", "数量指标", "亩均投入", "≤", "1500", "元"),
                      _row("效益指标", "经济效益指标", "粮食亩产提高", "≥", "50", "公斤")], {})
    s = {f.row: f.suggestion for f in rep.findings if f.rule_id == "REL-01"}
    for row in (1, 2, 3):
        assert (s[row].level1, s[row].level2) == ("效益指标", "经济效益指标"), (row, s[row].text)
    assert 4 not in s and 5 not in s  # an input per mu is no yield; a yield under 效益 is in place
    assert benefit_level2("项目区粮食亩产数量") is Level2.economic_benefit


def test_no_money_or_per_person_figure_comes_from_the_library_and_the_levels_are_still_fixed():
    """dev.jsonl (real), with the shipped library: a blank 接受创业扶持补助的残疾人收入 became ≥10000元/人·年
    (D039), 公用经费标准 “符合相关文件要求” =800元/生·年 (E034), a blank 人均产粮增加 ≥290公斤/人 (E002):
    another project's money or per-person figure. They are 待填写 in the unit; and when the target is left
    to the declarant the levels are still fixed (D039 效果指标 → 效益指标; E009 blank 一级 → 产出/数量)."""
    from kb.checker import check_declaration
    from kb.indicators.lookup import IndicatorLookup
    from kb.io.library import load_libraries
    from kb.io.tables import table_from_json
    from tests.kbfactory import REPO, dev_record

    lookup = IndicatorLookup.from_indicators(load_libraries(REPO / "indicators"))
    for rec_id, name, rid, unit in (("D039", "接受创业扶持补助的残疾人收入", "STR-03", "元/人·年"),
                                    ("E034", "公用经费标准", "QNT-05", "元/生·年"),
                                    ("E002", "人均产粮增加", "STR-03", "公斤/人")):
        rec = dev_record(rec_id)
        row = next(i for i, r in enumerate(rec["indicators"], 1) if r["name"] == name)
        rep = check_declaration(table_from_json(rec), lookup=lookup)
        [s] = [f.suggestion for f in rep.findings if f.row == row and f.rule_id == rid]
        assert s.value is None and s.text.startswith("待填写") and f"“{unit}”" in s.text, (rec_id, s.text)
        if rec_id == "D039":
            [lv] = [f.suggestion for f in rep.findings if f.row == row and f.rule_id == "STR-01"]
            assert lv.level1 == "效益指标" and lv.text == "层级改为“效益指标/社会效益指标”", lv.text
    rec = dev_record("E009")
    row = next(i for i, r in enumerate(rec["indicators"], 1) if r["name"] == "组织宣传活动次数")
    for lk in (lookup, None):
        rep = check_declaration(table_from_json(rec), lookup=lk)
        s = {f.rule_id: f.suggestion for f in rep.findings if f.row == row}
        assert s["STR-01"].text == "层级改为“产出指标/数量指标”", s["STR-01"].text
        assert s["OP-01"].value is None and s["OP-01"].text.startswith("待填写")


def test_an_amount_or_a_value_of_several_figures_is_never_made_qualitative():
    """dev.jsonl (real), generic defaults: a blank 接受创业扶持补助的残疾人收入 (D039) and 新增学位
    “2023年预计在校生:小学600人,初中700人,高中1000人” (D058) became 定性：达成年度指标 — an amount and a
    row stating figures turned into a grade. Both are 待填写 with what to fill."""
    from kb.checker import check_declaration
    from kb.io.tables import table_from_json
    from tests.kbfactory import dev_record

    for rec_id, name, rid, says in (("D039", "接受创业扶持补助的残疾人收入", "STR-03", "元或万元"),
                                    ("D058", "新增学位", "QNT-10", "只填写一个目标值")):
        rec = dev_record(rec_id)
        row = next(i for i, r in enumerate(rec["indicators"], 1) if r["name"] == name)
        [s] = [f.suggestion for f in check_declaration(table_from_json(rec)).findings
               if f.row == row and f.rule_id == rid]
        assert s.value is None and s.text.startswith("待填写") and says in s.text, (rec_id, s.text)


def test_a_payment_row_takes_the_payments_date_never_the_works():
    """Fresh reviewer: “…2025年12月15日前完成全部加工并通过验收…验收合格后支付余款” and 服务费用支付及时率 — the
    TIME-05 fix wrote 服务费用支付完成时间 2025年12月15日前, the work's date (the payment follows it). A row
    timing or dating a payment takes the payment's own date, else the year's end."""
    desc = "2025年12月15日前完成扫描加工并通过验收，验收合格后支付余款。"
    rep = check_rows([_row("产出指标", "时效指标", "服务费用支付及时率", "=", "100", "%"),
                      _row("产出指标", "时效指标", "服务费支付时间", "", "", ""),
                      _row("产出指标", "时效指标", "扫描加工完成时间", "", "", "")],
                     {"budget_year": 2025, "description": desc})
    s = {f.row: f.suggestion for f in rep.findings if f.rule_id in ("TIME-05", "STR-03")}
    # trial 13: the payment's rate with no stated term keeps its rate (advice, no date); the payment's date row
    # still takes the year's end, never the work's 12月15日
    assert s[1].value is None and "12月15日" not in s[1].text and s[2].value == "2025年12月31日前", (s[1].text, s[2].text)
    assert s[3].value == "2025年12月15日前"  # the work's own deadline
    rep = check_rows([_row("产出指标", "时效指标", "补助资金发放完成时间", "", "", "")],
                     {"budget_year": 2025, "description": "2025年6月底前完成摸底，9月30日前发放到位。"})
    assert [f.suggestion.value for f in rep.findings if f.rule_id == "STR-03"] == ["2025年9月30日前"]
    # …also with how it is paid between the date and the verb (final fresh trial: 12月31日前 was proposed)
    rep = check_rows([_row("产出指标", "时效指标", "春耕农资补贴发放及时率", "=", "100", "%")],
                     {"budget_year": 2025, "description": "补贴资金于2025年4月30日前通过惠农一卡通发放到户。"})
    assert [f.suggestion.value for f in rep.findings if f.rule_id == "TIME-05"] == ["2025年4月30日前"]


def test_a_works_deadline_row_takes_the_date_of_its_own_work():
    """“2025年3月底前完成招标，11月底前完成全部建设”: a 建设完成时间 row got 3月31日前, the text's first date (the
    tendering's). A 时效 row takes the date whose clause says its work; 项目完成时间 the date of the clause
    that completes the whole (完成全部建设); one whose work no clause says (验收完成时间) is left as written
    with advice naming both dates (round 8: the text's first date was a guess); a blank row (STR-03) alike."""
    desc = "2025年村级道路建设项目，预算200万元。2025年3月底前完成招标，11月底前完成全部建设。"
    names = ("建设完成及时率", "招标完成及时率", "道路建设按时完成率", "项目完成及时率", "验收完成及时率")
    rep = check_rows([_row("产出指标", "时效指标", n, "=", "100", "%") for n in names],
                     {"budget_year": 2025, "description": desc})
    got = {f.row: (f.suggestion.name, f.suggestion.value) for f in rep.findings if f.rule_id == "TIME-05"}
    assert got == {1: ("建设完成时间", "2025年11月30日前"), 2: ("招标完成时间", "2025年3月31日前"),
                   3: ("道路建设完成时间", "2025年11月30日前"), 4: ("项目完成时间", "2025年11月30日前"),
                   5: (None, None)}, got
    # the work written before its date: 主体工程于2025年10月底前完工 … 设备采购6月底前完成
    rep = check_rows([_row("产出指标", "时效指标", "设备采购完成时间", "", "", ""),
                      _row("产出指标", "时效指标", "主体工程完工时间", "", "", "")],
                     {"budget_year": 2025, "description": "主体工程于2025年10月底前完工；设备采购6月底前完成。"})
    assert {f.row: f.suggestion.value for f in rep.findings if f.rule_id == "STR-03"} == {
        1: "2025年6月30日前", 2: "2025年10月31日前"}


def test_a_number_stays_in_the_unit_the_declarant_wrote_it_in():
    """Fresh reviewer, dev.jsonl D007 (real): 受益脱贫户、监测户人口数 ≥10 户 — UNIT-02 proposed “≥10人” and
    --fix wrote it, while the description says 受益脱贫户、监测户10户: ten households became ten persons.
    When name and unit count different kinds of people the name follows the unit (…户数 ≥10 户); when no
    rename says what the unit counts (42 个 for 人数, 37 个 for a 覆盖率, 5 公里 for a 面积) the value is
    left 待填写 in the name's unit with the reason. D013 (…户数 in 人/次) and E052 (签约率 24694 人) alike."""
    from kb.checker import apply_fixes, check_declaration
    from kb.io.tables import table_from_json
    from tests.kbfactory import dev_record

    rec = dev_record("D007")
    row = next(i for i, r in enumerate(rec["indicators"], 1) if r["name"] == "受益脱贫户、监测户人口数")
    decl = table_from_json(rec)
    rep = check_declaration(decl)
    [s] = [f.suggestion for f in rep.findings if f.row == row and f.rule_id == "UNIT-02"]
    assert (s.name, s.value, s.unit) == ("受益脱贫户、监测户数", None, None), s.text
    fixed = apply_fixes(decl, rep).rows[row - 1]
    assert (fixed.name, fixed.operator, fixed.value, fixed.unit) == ("受益脱贫户、监测户数", "≥", "10", "户")

    for rid, name, new in (("D013", "年度申请就学补助户数", "年度申请就学补助人次"),
                           ("E052", "家庭医生签约率", "家庭医生签约人数")):
        rec = dev_record(rid)
        row = next(i for i, r in enumerate(rec["indicators"], 1) if r["name"] == name)
        raw = rec["indicators"][row - 1]
        [s] = [f.suggestion for f in check_declaration(table_from_json(rec)).findings
               if f.row == row and f.rule_id == "UNIT-02"]
        assert s.name == new and s.unit in (None, raw["unit"]) and s.value in (None, raw["value"]), s.text
        assert s.level2 is None  # 签约人数 is a 数量 where it stands (REL-01 no longer moves it to 质量)

    f = _found([_row("产出指标", "数量指标", "保障村干部人数", "=", "42", "个"),
                _row("产出指标", "质量指标", "基层医疗机构覆盖率", "", "实施乡镇社区基层医疗机构37个", ""),
                _row("产出指标", "数量指标", "道路硬化面积", "≥", "5", "公里"),
                _row("产出指标", "数量指标", "受益农户数", "≥", "30", "人"),
                _row("产出指标", "数量指标", "帮扶人次", "≥", "200", "户")])
    for row, unit, was in ((1, "人", "42个"), (2, "%", "37个"), (3, "平方米", "5公里")):  # a road surface (round 9)
        s = f[(row, "UNIT-02")].suggestion
        assert s.value is None and s.unit is None and s.text.startswith("待填写"), s.text
        assert f"计量单位：{unit}" in s.text and f"“{was}”" in s.text
    assert f[(4, "UNIT-02")].suggestion.name == "受益农户人数"
    assert f[(5, "UNIT-02")].suggestion.name == "帮扶户数"
    # UNIT-03 alike: the name's 10户 is households, whatever the unit column says
    f = _found([_row("产出指标", "数量指标", "帮扶10户脱贫户人数", "≥", "10", "人")])
    assert f[(1, "STR-06")].suggestion.name == "帮扶脱贫户数"
    assert f[(1, "UNIT-03")].suggestion.unit == "户" and f[(1, "UNIT-03")].suggestion.value in (None, "10")


def test_str_10_adds_a_row_for_each_slot_it_names_or_says_which_rewrite_empties_it():
    """Fresh reviewer, dev.jsonl D049 (real): STR-10 said 产出指标缺少时效指标 and proposed 增设“项目完成时间”、
    “项目验收合格率” — a quality row for a missing 时效. The quality row is there because 第4行 (保障村社区正常运转,
    a slogan) is deleted by its own suggestion; the text now names each added row's slot and says which rows
    leave a slot empty. Over every dev table: an added row fills a slot the fixed table lacks, and a slot the
    finding does not name is only filled with the rows that empty it."""
    import json

    from kb.checker import apply_fixes, check_declaration
    from kb.domain.schema import Declaration
    from tests.kbfactory import dev_record

    rec = dev_record("D049")
    [f] = [f for f in check_declaration(Declaration.from_record(rec)).findings if f.rule_id == "STR-10"]
    assert f.message == "产出指标缺少时效指标"
    # round 11: D049 is a village office's running fund (办公经费, 组织活动, 培训): nothing built or bought, so no
    # 项目验收合格率 — the text asks for a quality row of its services instead (QA: 验收合格率 for a 义诊 project)
    assert sorted((r["level2"], r["name"]) for r in f.suggestion.add_rows) == [("时效指标", "项目完成时间")]
    assert f.suggestion.text.startswith("增设时效指标“项目完成时间”；第4行按修改建议删除后将没有质量指标，"
                                        "请补设质量指标（本项目不建设、不采购，不设“验收合格率”"), f.suggestion.text

    from tests.test_checker_fixpoint import SHARED
    for line in (SHARED / "declarations" / "dev.jsonl").open(encoding="utf-8"):
        decl = Declaration.from_record(json.loads(line))
        rep = check_declaration(decl)
        for f in (f for f in rep.findings if f.rule_id == "STR-10"):
            named = f.message.removeprefix("产出指标缺少").removesuffix("指标").split("、")
            for add in f.suggestion.add_rows or []:
                lab = add["level2"].removesuffix("指标")
                assert f"增设{lab}指标“{add['name']}”" in f.suggestion.text
                if lab not in named:
                    assert f"将没有{lab}指标" in f.suggestion.text and "行按修改建议" in f.suggestion.text
            fixed = apply_fixes(decl, rep)
            slots = {r.level2 for r in fixed.rows if r.level1 == "产出指标"}
            assert {"质量指标", "时效指标"} <= slots or "补设" in f.suggestion.text, (decl.id, f.suggestion.text)


def test_a_relative_limit_in_the_description_is_the_deadline_not_the_years_end():
    """Fresh reviewer: the description said 补助资金每学期结束后1个月内拨付到校 (or 次月10日前发放, 验收合格后30日内
    支付) and TIME-05 rewrote 补助资金拨付及时率 into …完成时间 “2025年12月31日前” — a limit each term became
    one date in the year. The limit the text states for the row's action is the target (≤1 个月 as a 时限, or
    次月10日前 as written); so is the 时效 row STR-10 adds. A limit for another action is not taken."""
    rate = _row("产出指标", "时效指标", "补助资金拨付及时率", "≥", "100", "%")
    for desc, want in (("补助资金每学期结束后1个月内拨付到校。", ("补助资金拨付时限", "≤", "1", "个月")),
                       ("服务费按季度支付，每季度结束后15个工作日内支付。", ("补助资金拨付时限", "≤", "15", "个工作日")),
                       ("设备验收合格后30日内支付货款。", ("补助资金拨付时限", "≤", "30", "天")),
                       ("补贴次月10日前发放到户。", ("补助资金拨付完成时间", "", "次月10日前", ""))):
        f = _found([rate], description=desc, budget_year=2025)
        s = f[(1, "TIME-05")].suggestion
        assert (s.name, s.operator or "", s.value, s.unit or "") == want, (desc, s.text)
    f = _found([_row("产出指标", "时效指标", "问题整改及时率", "≥", "100", "%")],
               description="收到整改通知后15日内整改完毕；补助资金每学期结束后1个月内拨付。", budget_year=2025)
    s = f[(1, "TIME-05")].suggestion
    assert (s.name, s.operator, s.value, s.unit) == ("问题整改时限", "≤", "15", "天"), s.text

    # the same answer for a 时效 row written in words (TIME-01: 按时) as for an on-time rate
    f = _found([_row("产出指标", "时效指标", "补助资金拨付时间", "", "按时", "")],
               description="补助资金每学期结束后1个月内拨付到校。", budget_year=2025)
    s = f[(1, "TIME-01")].suggestion
    assert (s.name, s.operator, s.value, s.unit) == ("补助资金拨付时限", "≤", "1", "个月"), s.text

    f = _found([_row("产出指标", "数量指标", "受助学生人数", "≥", "100", "人")],
               description="为学生发放补助，补助资金每学期结束后1个月内拨付到校。", budget_year=2025)
    [added] = [r for r in f[(None, "STR-10")].suggestion.add_rows if r["level2"] == "时效指标"]
    assert (added["name"], added["operator"], added["value"], added["unit"]) == ("补助资金发放时限", "≤", "1", "个月")


def test_a_stock_or_a_cumulative_total_is_no_output_of_the_year():
    """Fresh reviewer: 现有农户户数 ≥4.2万户, 现有林地面积 ≥186万亩 and a 高标准农田 area equal to “全县已累计建成
    高标准农田38万亩” passed under 产出/数量. They state the setting, not what the project does this year: REL-06
    (ours) by the name, or by the description's figure given as a stock; work on the whole stock (现有林地管护面积,
    a subsidy paid to every 农户) and last period's output (去年已完成改厕1200户) are outputs."""
    desc = ("2025年计划在全县12个乡镇完成农村户厕改造1500户。全县现有农户4.2万户，其中已完成无害化改厕2.8万户。"
            "去年已完成改厕1200户。全县现有林地面积186万亩，已累计建成高标准农田38万亩。")
    rows = [_row("产出指标", "数量指标", "现有农户户数", "≥", "4.2", "万户"),
            _row("产出指标", "数量指标", "现有林地面积", "≥", "186", "万亩"),
            _row("产出指标", "数量指标", "高标准农田建设面积", "≥", "38", "万亩"),
            _row("产出指标", "数量指标", "无害化改厕户数", "≥", "28000", "户"),
            _row("产出指标", "数量指标", "农村户厕改造户数", "≥", "1500", "户"),
            _row("产出指标", "数量指标", "改厕户数", "≥", "1200", "户"),
            _row("产出指标", "数量指标", "现有林地管护面积", "≥", "186", "万亩"),
            _row("产出指标", "数量指标", "补贴发放农户数", "≥", "42000", "户"),
            _row("产出指标", "数量指标", "湿地保有量", "=", "4900", "公顷"),
            _row("效益指标", "生态效益指标", "现有林地面积", "≥", "186", "万亩")]
    f = _found(rows, description=desc, budget_year=2025)
    # trial 13: 改厕户数 ≥1200 户 is last period's output as this year's target (the plan is 1500): REL-06 says so
    # as a past figure, not as a stock
    # trial 14: the stock figure set as target under 效益 (row 10, 现有林地面积 ≥186万亩 under 生态效益) is flagged too
    assert sorted(row for row, rid in f if rid == "REL-06") == [1, 2, 3, 4, 6, 10]
    assert "以前年度已完成" in f[(6, "REL-06")].message and "现有" not in f[(6, "REL-06")].message
    assert "现有的总量" in f[(1, "REL-06")].message
    assert "“累计建成高标准农田38万亩”" in f[(3, "REL-06")].message
    s = f[(1, "REL-06")].suggestion
    assert s.name is None and s.value is None and "本年度新增或完成的量" in s.text


def test_a_cost_beyond_any_project_is_reported_and_no_such_budget_is_copied(tmp_path):
    """Fresh reviewer: suggest --budget 999999999 (万元, about 10 万亿元) for a village road wrote
    村组道路硬化成本 ≤999999999 万元 and the checker said nothing; the sheet's 资金总额 was written “1e+09”
    and read back as 1 万元 (COST-04: 成本1e+09万元超过项目预算1万元). A 成本 row above 1 万亿元 (more than any
    single project costs) gets FEAS-05's advice; such a budget is never written into a cost row (STR-09, a
    blank 项目总成本); the export writes the budget in plain digits and the reader refuses “1e+09”."""
    import pytest

    from kb.checker import check_declaration, export_xlsx, read_table
    from kb.domain.schema import Declaration
    from kb.errors import DataError

    rows = [_row("产出指标", "数量指标", "硬化道路里程", "≥", "5", "公里"),
            _row("成本指标", "经济成本指标", "村组道路硬化成本", "≤", "999999999", "万元"),
            _row("成本指标", "经济成本指标", "项目总成本", "≤", "", "万元"),
            _row("成本指标", "经济成本指标", "道路硬化成本", "≤", "150", "万元")]
    f = _found(rows, budget_wan=999999999)
    assert "超过1万亿元" in f[(2, "FEAS-05")].message and "999999999万元" in f[(2, "FEAS-05")].message
    assert (4, "FEAS-05") not in f
    s = f[(3, "STR-03")].suggestion
    assert s.value is None and s.text.startswith("待填写：资金总额999999999万元超过了1万亿元"), s.text
    f = _found(rows[:1], budget_wan=999999999)
    assert f[(None, "STR-09")].suggestion.add_rows is None
    assert "请先核对预算金额" in f[(None, "STR-09")].suggestion.text
    assert f[(None, "STR-09")].suggestion.text.count("999999999") == 1
    # a national amount that is no project's cost stays below the money bound of other rows
    assert (1, "FEAS-05") not in _found([_row("效益指标", "经济效益指标", "带动全省旅游收入", "≥", "5000", "亿元")])

    decl = Declaration(project_name="村组道路硬化", budget_wan=999999999, year=2025, rows=rows[:2])
    out = tmp_path / "t.xlsx"
    export_xlsx(decl, out, check_declaration(decl))
    assert read_table(out).budget_wan == 999999999
    decl = Declaration(project_name="基本公共卫生服务", budget_wan=2279.048, year=2024, rows=rows[:1])
    export_xlsx(decl, out)
    assert read_table(out).budget_wan == 2279.048  # 6 significant digits wrote 2279.05

    import openpyxl
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    cell = next(c for row in ws.iter_rows() for c in row if str(c.value or "").startswith("资金总额"))
    ws.cell(cell.row, cell.column + 1).value = "1e+09"
    wb.save(out)
    with pytest.raises(DataError) as e:
        read_table(out)
    assert "科学计数法" in str(e.value) and "资金总额" in str(e.value)


def test_feas_04_reads_a_frequency_beyond_the_eight_words_before_the_number():
    """Fresh reviewer's text “网格员每月入户走访不少于2次”: FEAS-04 called suggest's 入户走访次数 ≥24 次 twelve times
    the text — 每月 lay beyond the eight characters kept before the 2, so the year's 24 was not seen."""
    desc = "在城区8个社区聘用专职网格员120名。网格员每月入户走访不少于2次，矛盾纠纷化解率达到95%。"
    f = _found([_row("产出指标", "数量指标", "入户走访次数", "≥", "24", "次")], description=desc)
    assert (1, "FEAS-04") not in f
    # a rate (每月, by each of 120 网格员) is no total: 240 is not compared with it (trial 4, 每所每周3次)
    f = _found([_row("产出指标", "数量指标", "入户走访次数", "≥", "240", "次")], description=desc)
    assert (1, "FEAS-04") not in f


def test_a_cost_or_count_rewrite_keeps_the_unit_and_magnitude_it_was_written_in():
    """Found beside the reviewer's UNIT-02 case: COST-03 turned 人均补助标准 ≤1200 个 into ≤1200元 and 培训成本
    ≤50 人 into ≤50万元 (a number in another unit made money); UNIT-01 turned ≤5000万 (no unit) into ≤5000元,
    1.2亿 into 1.2万元 and 培训人数 ≥5万 into ≥5人 (the magnitude dropped). A number keeps its unit and magnitude:
    a total cost is capped by the budget, another cost left 待填写 with the reason; 万/亿/千 stays with the number."""
    f = _found([_row("成本指标", "经济成本指标", "人均补助标准", "≤", "1200", "个"),
                _row("成本指标", "经济成本指标", "培训成本", "≤", "50", "人"),
                _row("成本指标", "经济成本指标", "培训费用", "≤", "5000万", ""),
                _row("成本指标", "经济成本指标", "设备购置费用", "≤", "1.2亿", ""),
                _row("产出指标", "数量指标", "培训人数", "≥", "5万", ""),
                _row("产出指标", "数量指标", "宣传资料数量", "≥", "5千", "")], budget_wan=100000)
    s = f[(1, "COST-03")].suggestion
    assert s.value is None and s.text.startswith("待填写：成本指标值“1200个”不是金额"), s.text
    s = f[(2, "COST-03")].suggestion
    assert (s.value, s.unit) == ("100000", "万元"), s.text   # the budget, not 50 万元
    got = {row: (f[(row, "UNIT-01")].suggestion.value, f[(row, "UNIT-01")].suggestion.unit) for row in (3, 4, 5, 6)}
    assert got == {3: ("5000", "万元"), 4: ("1.2", "亿元"), 5: ("5", "万人"), 6: ("5000", "个")}


def _with_satisfaction(*sat_rows):
    """A complete small training table plus the satisfaction rows given."""
    return [_row("产出指标", "数量指标", "培训人数", "≥", "200", "人"),
            _row("产出指标", "质量指标", "培训合格率", "≥", "95", "%"),
            _row("产出指标", "时效指标", "培训完成时间", "", "2025年10月31日前", ""),
            _row("成本指标", "经济成本指标", "项目总成本", "≤", "20", "万元"),
            _row("效益指标", "社会效益指标", "参训人员技能提升率", "≥", "80", "%"), *sat_rows]


def test_two_satisfaction_rows_of_one_group_are_one_finding_naming_both():
    """服务对象满意度 ≥90 % and ≥95 % in one table, or 群众满意度 beside 受益群众满意度: one STR-12 finding names
    both rows and both targets. The near-duplicate reading paired only names ending in a measure (里程, 人数 …):
    a satisfaction (…满意度) has none, so 群众/受益群众 passed; the exact duplicate did not say the targets differ."""
    sat = ("满意度指标", "服务对象满意度指标")
    f = _found(_with_satisfaction(_row(*sat, "服务对象满意度", "≥", "90", "%"), _row(*sat, "服务对象满意度", "≥", "95", "%")))
    h = f[(None, "STR-12")]
    assert "第6、7行" in h.message and "≥90%、≥95%" in h.message, h.message
    assert h.suggestion.delete_rows == [7] and "指标值不一致" in h.suggestion.text
    f = _found(_with_satisfaction(_row(*sat, "群众满意度", "≥", "90", "%"), _row(*sat, "受益群众满意度", "≥", "95", "%")))
    h = f[(None, "STR-12")]
    assert h.severity == "warning"
    assert "“群众满意度”与“受益群众满意度”（第6、7行，指标值不一致：≥90%、≥95%）" in h.message, h.message
    assert not h.suggestion.delete_rows   # names differ: which one stays is the declarant's choice
    # filed under 效益 too, it surveys the same group
    f = _found(_with_satisfaction(_row("效益指标", "社会效益指标", "受益群众满意度", "≥", "85", "%"),
                                  _row(*sat, "群众满意度", "≥", "90", "%")))
    assert "第6、7行" in f[(None, "STR-12")].message
    # other groups, several groups, an object named, a change of satisfaction: no duplicate
    for a, b in (("学生满意度", "家长满意度"), ("受益群众满意度", "社会满意度"), ("教师满意度", "学生、家长满意度"),
                 ("市民满意度", "市民对空气质量改善的满意程度"), ("群众满意度", "群众满意度提升幅度"),
                 ("群众满意度", "贫困群众满意度")):
        f = _found(_with_satisfaction(_row(*sat, a, "≥", "90", "%"), _row(*sat, b, "≥", "95", "%")))
        assert (None, "STR-12") not in f, (a, b)


def _allowance(std, count, *more):
    """A small 生活补助 table: a standard, the count it pays, and more rows."""
    return [_row("产出指标", "数量指标", *count),
            _row("产出指标", "质量指标", "补助资金发放准确率", "=", "100", "%"),
            _row("产出指标", "时效指标", "补助资金发放完成时间", "", "2025年12月31日前", ""),
            _row("成本指标", "经济成本指标", *std),
            _row("效益指标", "社会效益指标", "困难群众基本生活保障率", "≥", "95", "%"),
            _row("满意度指标", "服务对象满意度指标", "补助对象满意度", "≥", "90", "%"), *more]


def test_a_standard_times_the_persons_and_months_far_beyond_the_budget_is_flagged():
    """补助标准 200 元/人·月 × 补助人数 ≥5000 人 × 12 个月 = 1200 万元 against a budget of 50 万元 passed: FEAS-02
    prices a unit cost by a count in its own unit only (元/公里 × 公里), never per person and month. FEAS-06 (ours,
    warning) says the arithmetic; every factor must be written and convert exactly, never on partial information."""
    std, persons, months = ("补助标准", "=", "200", "元/人·月"), ("补助人数", "≥", "5000", "人"), \
        _row("产出指标", "数量指标", "补助发放月数", "=", "12", "个月")
    h = _found(_allowance(std, persons, months), budget_wan=50)[(None, "FEAS-06")]
    assert h.severity == "warning" and CATALOG["FEAS-06"].basis[0][0] == "OURS"
    assert h.message == ("“补助标准”200元/人·月×“补助人数”5000人×“补助发放月数”12个月≈1200万元，是预算50万元的24.0倍，"
                         "标准、数量或预算有误"), h.message
    # written other ways: per month and person, persons in 万人, the standard under 质量 (a row named …标准),
    # a yearly standard (the budget year), the months in the description beside the payment
    f = _found(_allowance(("补助标准", "=", "200", "元/月/人"), ("补助人数", "≥", "0.5", "万人"), months), budget_wan=50)
    assert "≈1200万元" in f[(None, "FEAS-06")].message
    rows = _allowance(("项目总成本", "≤", "50", "万元"), persons, months,
                      _row("产出指标", "质量指标", "生活补助标准", "≥", "200", "元/人·月"))
    assert "“生活补助标准”200元/人·月" in _found(rows, budget_wan=50)[(None, "FEAS-06")].message
    assert "≈1200万元" in _found(_allowance(("补助标准", "=", "2400", "元/人·年"), persons), budget_wan=50)[
        (None, "FEAS-06")].message
    from kb.checker import check_declaration
    from kb.domain.schema import Declaration
    rec = {"id": "T1", "project": "困难群众生活补助", "year": 2025,
           "description": "困难群众生活补助，年度资金50万元，按月发放，全年12个月。",
           "indicators": [r.model_dump() for r in _allowance(std, persons)]}
    f = [x for x in check_declaration(Declaration.from_record(rec)).findings if x.rule_id == "FEAS-06"]
    assert len(f) == 1 and "×申报说明的“12个月”≈1200万元" in f[0].message, f
    # partial information or no certainty: nothing
    quiet = [
        (_allowance(std, persons), {"budget_wan": 50}),                               # how many months: unsaid
        (_allowance(std, persons), {"budget_wan": 50, "description": "3个月内完成审核，按月发放补助。"}),  # a limit
        (_allowance(std, persons, months), {}),                                       # no budget
        (_allowance(("补助标准", "≤", "200", "元/人·月"), persons, months), {"budget_wan": 50}),  # a ceiling
        (_allowance(std, ("补助人数", "≤", "5000", "人"), months), {"budget_wan": 50}),
        (_allowance(std, ("补助人次", "≥", "5000", "人次"), months), {"budget_wan": 50}),   # 人次 is not 人
        (_allowance(std, ("受益补助人数", "≥", "5000", "人"), months), {"budget_wan": 50}),  # reached, not paid
        (_allowance(std, ("培训人数", "≥", "5000", "人"), months), {"budget_wan": 50}),     # another thing
        (_allowance(std, ("补助人数", "≥", "200", "人"), months), {"budget_wan": 50}),      # 48 万元: fits
        (_allowance(std, persons, months, _row("产出指标", "数量指标", "临时补助月数", "=", "3", "个月")),
         {"budget_wan": 50}),                                                          # two month figures
        (_allowance(("补助标准", "=", "200", "元/人·次"), persons, months), {"budget_wan": 50}),  # a second count
        # a policy level the payments top up to (低保标准), not what is paid per head
        ([_row("产出指标", "质量指标", "农村低保标准", "≥", "530", "元/人·月"),
          _row("产出指标", "数量指标", "农村低保人数", "≥", "21933", "人"), months], {"budget_wan": 30}),
    ]
    for rows, ctx in quiet:
        assert (None, "FEAS-06") not in _found(rows, **ctx), (rows, ctx)
    # real tables with a standard and the persons it pays (D060: 1130 元/月/人 × 250 人, months unsaid; D017: the
    # 低保 standard beside a 30 万元 临时救助) are not flagged
    from tests.lifecycle_fixtures import dev_record
    for rec_id in ("D060", "D017", "D045", "D052"):
        rep = check_declaration(Declaration.from_record(dev_record(rec_id)))
        assert not [x for x in rep.findings if x.rule_id == "FEAS-06"], rec_id


def test_work_done_this_year_on_an_existing_thing_is_no_stock():
    """Fresh reviewer (elderly canteen): “新建社区长者饭堂3个、改造提升原有助餐点2个” and a row 助餐点数量 ≥2 个
    got REL-06 (“即原有的总量”). Work the project does this year on what stands (改造/提升/维修/修缮/扩建/更新 …
    before 原有/现有, or 进行管护 after the figure) is its output; a stock stated as such still fires."""
    desc = ("在城关镇新建社区长者饭堂3个、改造提升原有助餐点2个。维修加固现有堤防5处。全县现有林地186万亩进行管护。"
            "全县现有农户4.2万户，辖区原有敬老院7所。")
    rows = [_row("产出指标", "数量指标", "助餐点数量", "≥", "2", "个"),
            _row("产出指标", "数量指标", "堤防数量", "≥", "5", "处"),
            _row("产出指标", "数量指标", "林地面积", "≥", "186", "万亩"),
            _row("产出指标", "数量指标", "农户户数", "≥", "42000", "户"),
            _row("产出指标", "数量指标", "敬老院数量", "≥", "7", "所")]
    f = _found(rows, description=desc, budget_year=2025)
    assert sorted(row for row, rid in f if rid == "REL-06") == [4, 5]
    assert "原有敬老院7所" in f[(5, "REL-06")].message


def test_a_deadline_rewrite_takes_the_date_the_description_states():
    """Fresh reviewer: TIME-05 rewrote on-time rates into 2025年12月31日前 although the text stated the date:
    “工程须在2025年5月31日汛期前完工” (words between the date and 前), “2025.10.31前完成修补” (a dotted date),
    and an event “定于2025年3月20日至4月5日举行” (a span: done by its end). A date with 前 comes before a span's end."""
    row = _row("产出指标", "时效指标", "疏浚及护岸修复完成及时率", "=", "100", "%")
    cases = [("青溪河清淤疏浚工程，工程须在2025年5月31日汛期前完工，完工后恢复行洪能力。", "2025年5月31日前"),
             ("县乡村道日常养护312公里，2025.10.31前完成修补，年内完成全部保洁。", "2025年10月31日前"),
             ("赏花季活动定于2025年3月20日至4月5日在景区举行，为期15天。", "2025年4月5日前"),
             ("2025年1月至6月开展摸底，10月31日前全部完工。", "2025年10月31日前"),
             ("2023年7月至2024年1月已完成前期工作。", "2025年12月31日前")]
    for desc, want in cases:
        f = _found([row], description=desc, budget_year=2025)
        assert f[(1, "TIME-05")].suggestion.value == want, (desc, f[(1, "TIME-05")].suggestion.text)


def test_a_json_table_takes_the_year_its_name_states_for_a_deadline():
    """Fresh reviewer: a JSON table named “2025年农村中小学午餐补助” (no budget_year field) got TIME-05's
    rewrite “12月31日前” without the year; the year the name or description states (kb.domain.years.stated_year,
    as the sheet reader takes it) is the budget year."""
    from kb.checker import check_declaration
    from kb.io.tables import table_from_json

    # trial 13: a payment's on-time rate with no stated term is no longer dated (the rate is kept); the year is
    # read the same for any other on-time rate, which still takes the year's end
    rows = [{"level1": "产出指标", "level2": "时效指标", "name": "项目完成及时率", "operator": "=", "value": "100",
             "unit": "%"}]
    for project, desc in (("2025年农村中小学午餐补助", "为7650名学生提供午餐补助。"),
                          ("农村中小学午餐补助", "2025年为7650名学生提供午餐补助。")):
        rep = check_declaration(table_from_json({"project": project, "description": desc, "rows": rows}))
        [f] = [f for f in rep.findings if f.rule_id == "TIME-05"]
        assert f.suggestion.value == "2025年12月31日前", f.suggestion.text
    rep = check_declaration(table_from_json({"project": "农村中小学午餐补助", "description": "午餐补助。", "rows": rows}))
    # trial 17: a year-less “12月31日前” is itself TIME-01 (which year's end?); with no year read, 当年 (as STR-10)
    assert [f.suggestion.value for f in rep.findings if f.rule_id == "TIME-05"] == ["当年12月31日前"]


def test_a_number_without_unit_takes_the_unit_the_description_states_for_it():
    """Fresh reviewer: UNIT-01 on “修缮道路 = 12” (no unit) said 待填写 although the description says
    修缮乡村道路12公里; the unit the text states with the same number for the same thing is proposed (万立方米
    kept with its magnitude), never a unit of another figure or another thing."""
    desc = "计划修缮乡村道路12公里，清除淤泥8.2万立方米，惠及沿线村民3000人，新建桥梁3座，总投资250万元。"
    rows = [_row("产出指标", "数量指标", "修缮道路", "=", "12", ""),
            _row("产出指标", "数量指标", "清除淤泥", "≥", "8.2", ""),
            _row("产出指标", "数量指标", "维修道路", "≥", "15", ""),
            _row("产出指标", "数量指标", "学校发展能力", "≥", "3", "")]
    f = _found(rows, description=desc, budget_year=2025)
    s = f[(1, "UNIT-01")].suggestion
    assert s.unit == "公里" and s.value in (None, "12") and "12公里" in s.text
    assert f[(2, "UNIT-01")].suggestion.unit == "万立方米"
    for row in (3, 4):  # another number than the text's 12 公里; a name the text says nothing of
        assert f[(row, "UNIT-01")].suggestion.unit is None and "待填写" in f[(row, "UNIT-01")].suggestion.text


def test_a_cost_above_the_budget_the_description_states_is_cost_04():
    """Fresh reviewer: with no budget_wan, 项目成本 ≤300 万元 beside “总投资250万元” in the description passed;
    the description's budget (kb.domain.budget.budget_from_text, the one reader) is the one COST-04 compares
    with, and the message says so. budget_wan, when given, is the budget."""
    from kb.checker.engine import declaration_context
    from kb.domain.schema import Declaration

    row = _row("成本指标", "经济成本指标", "项目成本", "≤", "300", "万元")
    desc = "计划修缮乡村道路12公里，2025年11月底前完工，总投资250万元。"
    ctx = declaration_context(Declaration(description=desc, rows=[row]))
    f = _found([row], **ctx)
    assert f[(1, "COST-04")].message == "成本300万元超过申报说明写明的项目预算250万元"
    assert f[(1, "COST-04")].suggestion.value == "250"
    ctx = declaration_context(Declaration(description=desc, budget_wan=400, rows=[row]))
    assert (1, "COST-04") not in _found([row], **ctx)
    assert (1, "COST-04") not in _found([_row("成本指标", "经济成本指标", "项目成本", "≤", "250", "万元")],
                                        **declaration_context(Declaration(description=desc, rows=[row])))
    # a budget of more decimals than a target is written with (总投资1127.353372万元) is proposed as ≤1127.3534 万元
    # (STR-09), which is no cost above it (the fixpoint test found E032's fixed table gaining a COST-04)
    desc = "批准实施农业生产发展项目3个,总投资1127.353372万元。"
    ctx = declaration_context(Declaration(description=desc, rows=[row]))
    assert (1, "COST-04") not in _found([_row("成本指标", "经济成本指标", "项目总成本", "≤", "1127.3534", "万元")], **ctx)
    assert (1, "COST-04") in _found([_row("成本指标", "经济成本指标", "项目总成本", "≤", "1127.3535", "万元")], **ctx)


def test_a_thousands_separator_out_of_place_is_flagged_and_a_grouped_one_is_a_number():
    """“1,2000” was read silently as a number (a city reviewer): now TXT-06 with advice, no rewrite;
    1,200 元/米 × 12,500 米 is read as numbers, FEAS-02 fires once the product passes the 1.2× band."""
    rows = [_row("产出指标", "数量指标", "受益人口", "≥", "1,2000", "人"),
            _row("产出指标", "数量指标", "新建供水管网长度", "≥", "12,500", "米"),
            _row("成本指标", "经济成本指标", "管网单位造价", "≤", "1,500", "元/米")]
    f = _found(rows, budget_wan=1350)
    assert f[(1, "TXT-06")].severity == "warning" and "1,2000" in f[(1, "TXT-06")].message
    assert f[(1, "TXT-06")].suggestion.value in (None, "")
    assert not any(rid == "TXT-06" for (row, rid) in f if row != 1)
    assert any(rid == "FEAS-02" and "1875" in x.message for (row, rid), x in f.items())


def test_a_budget_written_with_thousands_separators_is_read_everywhere():
    """budget_wan "1,350" in a JSON table, the API's amount and --budget are one reading; "1,2000" is refused."""
    import pytest
    from pydantic import BaseModel, ValidationError

    from kb.domain.quantity import plain_number
    from kb.domain.schema import Declaration
    from kb.lifecycle.schemas import WanAmount

    assert [plain_number(t) for t in ("1,350", "12,500", "1,350.5", "3，200", "250")] == [1350, 12500, 1350.5, 3200, 250]
    for bad in ("1,2000", "12,50", "abc", "1e3"):
        with pytest.raises(ValueError):
            plain_number(bad)
    assert Declaration.model_validate({"budget_wan": "1,350"}).budget_wan == 1350
    with pytest.raises(ValidationError, match="千分位"):
        Declaration.model_validate({"budget_wan": "1,2000"})

    class Body(BaseModel):
        budget_wan: WanAmount | None = None

    assert Body(budget_wan="1,350").budget_wan == 1350
    with pytest.raises(ValidationError, match="千分位"):
        Body(budget_wan="1,2000")
