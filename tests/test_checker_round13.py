"""Round 13 of the checker. A seventh fresh reviewer checked tables (suggest's exports and drafts of their own): a
效益 row's 定性：达到预期 passed, a deadline said "…前完工并通过县级验收" was not compared with the table's, ">=" was
neither flagged nor normalised, a satisfaction named "满意度" alone was not asked whose, and the `--fix` workbook left
预算年度 blank beside a description stating the year. Rows and descriptions are the reviewer's."""
from __future__ import annotations

from kb.checker import apply_fixes, check_rows
from kb.domain.schema import TableInput
from tests.checker_rows import (QTY, QLT, TIM, SOC, SAT, by_key as _by,
                                 TRIAL7_ROAD as ROAD, TRIAL7_ROAD_CTX as ROAD_CTX, row as _row)


# ------------------------------------------------------------------ 1. 定性：达到预期 on a 效益 row
def test_a_benefit_met_as_expected_is_vague():
    """it.xlsx row 16: 信息化管理水平 | 定性：达到预期 under 效益/社会效益 passed; what was expected is stated
    nowhere. QNT-01 fires, and the fix asks for a measurable indicator instead of deleting the only 效益 row."""
    rows = [_row(*QTY, "业务子系统数量", "≥", "12", "个"),
            _row(*SOC, "信息化管理水平", "定性", "达到预期", "")]
    rep = check_rows(rows, context={"description": "县政务服务一体化平台运维。", "budget_wan": 78.5})
    f = _by(rep)[(2, "QNT-01")]
    assert "预期" in f.message
    assert f.suggestion.text.startswith("待填写") and "信息化管理水平" in f.suggestion.text, f.suggestion.text


def test_a_quality_met_as_expected_is_still_a_grade():
    """The catalog's 定性 grade on an output's quality (S100 课程开发质量 定性 达到预期: the expectation is its
    design standard) stays unflagged."""
    rep = check_rows([_row(*QLT, "课程开发质量", "定性", "达到预期", "")])
    assert not [f for f in rep.findings if f.rule_id == "QNT-01"]


# ------------------------------------------------------------------ 3. …前完工并通过县级验收
def test_a_completion_with_a_named_acceptance_dates_the_project():
    """mistakes.json: 完工时间 2025年12月31日前 beside “须于2025年11月30日前完工并通过县级验收” was not flagged (县级
    broke the completion clause); TIME-06 now proposes the stated date, and the fixed table holds it."""
    rows = [_row(*QTY, "养护里程", "≥", "612", "公里"),
            _row(*TIM, "完工时间", "", "2025年12月31日前", "")]
    rep = check_rows(rows, context=ROAD_CTX)
    f = _by(rep)[(2, "TIME-06")]
    assert f.suggestion.value == "2025年11月30日前", f.suggestion
    fixed = apply_fixes(TableInput(rows=rows, context=ROAD_CTX), rep).rows
    assert [r.value for r in fixed if r.name == "完工时间"] == ["2025年11月30日前"]


# ------------------------------------------------------------------ 5. a satisfaction of nobody
def test_a_bare_satisfaction_names_nobody():
    """draft.csv: 满意度指标 | 满意度 | 满意度 | >=90 | % passed; SAT-05 asks whose."""
    rep = check_rows([_row(*QTY, "修缮道路", "≥", "12", "公里"), _row(*SAT, "满意度", "≥", "90", "%")])
    assert "调查对象" in _by(rep)[(2, "SAT-05")].message


# ------------------------------------------------------------------ 6. 预算年度 of the fixed table
def test_the_fixed_table_takes_the_year_the_description_plans_for():
    """lib.xlsx: 预算年度 blank, the description “2024年馆内到馆读者12.3万人次，2025年目标到馆人次达到13万以上”; the
    `--fix` table's 预算年度 stayed blank. It takes 2025, as the checker's deadlines do; mistakes.json (the year in the
    project's name) takes 2025 too."""
    from kb.domain.schema import Declaration

    lib = ("中央补助地方县级公共图书馆免费开放资金45万元。2024年馆内到馆读者12.3万人次，2025年目标到馆人次达到13万以上，"
           "读者满意度不低于95%。")
    for name, text in (("县图书馆免费开放补助", lib), (ROAD_CTX["project"], ROAD)):
        decl = Declaration(project_name=name, description=text, budget_wan=45,
                           rows=[_row(*TIM, "项目完成时间", "", "及时", "")])
        rep = check_rows(decl.rows, context={"description": text, "project": name})
        assert apply_fixes(decl, rep).year == 2025
