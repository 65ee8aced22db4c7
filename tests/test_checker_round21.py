"""Round 21 of the checker: two defects of trial 20's draft (老旧小区改造, 600 万元), each reproduced here.

1. QNT-07 on 合格率 ≥120 %: --fix wrote the library's ≥98 %, a figure nobody stated. A share cannot exceed its whole, so
   the figure says nothing of the target: = 100 % only for a kind whose real target is whole (验收合格率, 完成率: the
   library's typical or the default of its kind is 100 %), else 待填写 with the reason, and --fix writes nothing
   (`kb.checker.rewrite.share_over_whole_pending`).
2. UNIT-01 on a bare 单位成本 ≤115 (no per-unit word in its name) advised “元或万元” though the description gives 600万元
   and 5.2万平方米: 115 is 600 万元 ÷ 52000 平方米 ≈ 115.4 元/平方米, so the missing denominator is 平方米
   (`kb.checker.rewrite.implied_denominator`), said in the finding and written by the fix.
"""
from __future__ import annotations

import pytest

from kb.checker import check_declaration
from kb.checker.fix import apply_fixes
from kb.domain.schema import Declaration
from tests.checker_rows import QLT, QTY, by_key, row

COST = ("成本指标", "经济成本指标")

# trial 20's draft (/tmp/trial20/draft.json), its description verbatim
DRAFT_TEXT = ("对城区幸福、和平、向阳3个老旧小区实施改造，改造建筑面积5.2万平方米，更新雨污管网3.4公里，惠及居民860户。"
              "2024年已完成改造2个小区。项目于2025年10月底前完工，总投资600万元。")


@pytest.fixture(scope="module")
def library():
    """The lookup over the repo's shipped library (indicators/), as `jixiao check` uses it."""
    from kb.indicators.lookup import IndicatorLookup
    from kb.io.library import load_libraries
    from kb.settings import Settings

    inds = [i for i in load_libraries(Settings().indicators_dir) if i.status.value != "deprecated"]
    return IndicatorLookup.from_indicators(inds)


def _decl(*rows, text: str = DRAFT_TEXT, budget: float | None = 600) -> Declaration:
    return Declaration(project_name="2025年城区老旧小区改造", description=text, budget_wan=budget, year=2025,
                       rows=[row(*QTY, "改造小区数量", "≥", "3", "个"), *rows])


# ------------------------------------------------------------------ 1. a share over 100 %
def test_a_plain_pass_rate_over_100_is_left_to_fill_in_not_given_the_librarys_98(library):
    decl = _decl(row(*QLT, "合格率", "≥", "120", "%"))
    rep = check_declaration(decl, lookup=library)
    f = by_key(rep)[(2, "QNT-07")]
    assert f.severity == "error"
    assert f.suggestion.text == ("待填写：指标值120%超过100%，比率只能在0–100%之间，无法推断本意；"
                                 "请按项目计划填写“合格率”的目标值（%），指标库典型值≥98%仅供参考，不照搬")
    # --fix invents nothing: the row keeps what the declarant wrote, for the declarant to correct
    fixed = apply_fixes(decl, rep)
    assert [(r.name, r.operator, r.value, r.unit) for r in fixed.rows if r.name == "合格率"] == [
        ("合格率", "≥", "120", "%")]
    assert "98" not in "".join(r.value for r in fixed.rows)


def test_a_kind_whose_real_target_is_whole_is_written_equal_100(library):
    # 验收合格率 (the library's typical = 100 %) and a 完成率 (the default of its kind) are whole in real tables
    rep = check_declaration(_decl(row(*QLT, "验收合格率", "≥", "120", "%"),
                                  row(*QLT, "改造任务完成率", "≥", "6387", "%")), lookup=library)
    got = by_key(rep)
    assert got[(2, "QNT-07")].suggestion.text == "指标值改为“=100%”"
    assert got[(3, "QNT-07")].suggestion.text == "指标值改为“=100%”"
    # without a library the default of a plain 合格率's kind (≥95 %) is no whole: the row waits for the declarant
    got = by_key(check_declaration(_decl(row(*QLT, "验收合格率", "≥", "120", "%"))))
    assert got[(2, "QNT-07")].suggestion.text.endswith("请按项目计划填写“验收合格率”的目标值（%），不套用默认值")


def test_a_rate_the_description_states_still_wins_over_both():
    text = DRAFT_TEXT + "工程一次验收合格率达到95%以上。"
    rep = check_declaration(_decl(row(*QLT, "工程一次验收合格率", "≥", "120", "%"), text=text))
    assert by_key(rep)[(2, "QNT-07")].suggestion.text == "指标值改为“≥95%”"


# ------------------------------------------------------------------ 2. a bare unit cost's denominator from the text
def test_a_bare_unit_cost_is_per_the_quantity_its_figure_divides_the_budget_by():
    decl = _decl(row(*COST, "单位成本", "≤", "115", ""))
    rep = check_declaration(decl)
    f = by_key(rep)[(2, "UNIT-01")]
    assert f.message == "指标值“115”没有计量单位；按项目概况（预算600万元÷5.2万平方米）测算约115.38元/平方米"
    assert f.suggestion.text == "指标值改为“≤115元/平方米”"
    fixed = apply_fixes(decl, rep)
    assert [(r.value, r.unit) for r in fixed.rows if r.name == "单位成本"] == [("115", "元/平方米")]


def test_the_same_figure_in_wan_and_per_another_quantity():
    # 600 万元 ÷ 3.4 公里 ≈ 176.47 万元/公里: the 管网 is what it is per, in 万元
    f = by_key(check_declaration(_decl(row(*COST, "单位成本", "≤", "176.5", ""))))[(2, "UNIT-01")]
    assert f.suggestion.text == "指标值改为“≤176.5万元/公里”"
    assert "预算600万元÷3.4公里" in f.message


def test_no_quantity_gives_the_figure_so_nothing_is_guessed():
    # 115 is no budget ÷ quantity of a text without the 5.2万平方米; nor of one without a budget
    text = DRAFT_TEXT.replace("改造建筑面积5.2万平方米，", "")
    f = by_key(check_declaration(_decl(row(*COST, "单位成本", "≤", "115", ""), text=text)))[(2, "UNIT-01")]
    assert "元或万元" in f.suggestion.text and f.message == "指标值“115”没有计量单位"
    text = DRAFT_TEXT.replace("，总投资600万元", "")
    f = by_key(check_declaration(_decl(row(*COST, "单位成本", "≤", "115", ""), text=text,
                                       budget=None)))[(2, "UNIT-01")]
    assert "元或万元" in f.suggestion.text
