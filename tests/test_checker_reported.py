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


def _row(l1, l2, name, op, value, unit):
    return TargetRow(level1=l1, level2=l2, name=name, operator=op, value=value, unit=unit)


def _found(rows, **ctx):
    rep = check_rows(rows, context=ctx)
    return {(f.row, f.rule_id): f for f in rep.findings}


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
    f = _found(row, description="2026年6月底前完工。", budget_year=2025)  # another year: not this year's deadline
    assert f[(1, "TIME-01")].suggestion.value == "2025年12月31日前"


def test_qnt_08_on_a_timeliness_rate_says_what_its_fix_does():
    f = _found([_row("产出指标", "时效指标", "项目(工程)完成及时率", "≥", "100", "%")], budget_year=2022)
    h = f[(1, "QNT-08")]
    assert h.suggestion.value == "2022年12月31日前" and "完成时间" in h.message and "应写“=100%”" not in h.message
    f = _found([_row("产出指标", "质量指标", "验收合格率", "≥", "100", "%")])
    assert "应写“=100%”" in f[(1, "QNT-08")].message and f[(1, "QNT-08")].suggestion.operator == "="
