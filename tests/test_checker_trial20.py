"""Trial 20 (a fresh reviewer): REL-07 read the figure of the NEXT clause as a rate's target. Beside
“保险理赔兑付及时率100%，参保农户满意度不低于90%” the row 保险理赔兑付及时率 =100 % was said to disagree with a 90 %
target and `--fix` wrote ≥90 % into a correct row; the same for 公民具备科学素质比例 ≥13.5 % when “参与群众满意度达到
90%以上” follows. A comma-separated clause naming another measure (满意度, another rate, a 比例) owns its own figure
(`kb.checker.rewrite._own_clauses`). The texts are the trial's (its r0.json and its own 科普 and 农险 drafts); each table
is written to a JSON file as a declarant sends it and read back, checked as `jixiao check` checks it and fixed."""
from __future__ import annotations

import pytest

from kb.checker import check_declaration, check_rows
from kb.checker.fix import apply_fixes
from kb.checker.rewrite import stated_rate
from kb.domain.schema import TargetRow
from tests.checker_rows import QLT, SOC, by_key, table_file as _table

# the trial's r0.json text, and the closing sentence of its own 科普 draft
INSURANCE = "保险理赔兑付及时率100%，参保农户满意度不低于90%。"
SCIENCE = "全县公民具备科学素质比例由12.5%提高到13.5%，参与群众满意度达到90%以上。"
# the trial's own drafts whole (inputs.md: own7_agins, own5_science), as suggest was run on them
AGINS = ("2025年政策性农业保险保费补贴",
         "全县现有耕地面积52万亩、能繁母猪存栏3.6万头。2024年全县三大粮食作物参保面积为38万亩。2025年县级安排农业保险"
         "保费补贴资金860万元，计划承保水稻、小麦、玉米三大粮食作物45万亩、能繁母猪2.5万头，县级保费补贴资金于每季度结束后"
         "30日内拨付承保机构。保险理赔兑付及时率100%，参保农户满意度不低于90%。", 860)
SCIENCE_DRAFT = ("2025年全民科学素质提升科普活动经费",
                 "县科协计划2025年组织开展科普日、科技活动周等主题活动8场次，举办科普讲座40场，发放科普宣传资料2万份，更新乡镇、"
                 "社区科普宣传栏20块，组织科普大篷车进校园、进乡村巡展15次，受益群众不少于3万人次，各项活动于2025年10月底前全部"
                 "完成。通过项目实施，全县公民具备科学素质比例由12.5%提高到13.5%，参与群众满意度达到90%以上。项目资金30万元，"
                 "其中活动组织15万元、宣传资料印制8万元、宣传栏更新7万元。", 30)


@pytest.mark.parametrize("text, row", [
    (INSURANCE, (*QLT, "保险理赔兑付及时率", "=", "100", "%")),
    (SCIENCE, (*SOC, "公民具备科学素质比例", "≥", "13.5", "%")),
], ids=["insurance-100", "science-13.5"])
def test_the_next_clauses_satisfaction_figure_is_not_the_rates_target(tmp_path, text, row):
    """The row equals the figure its own clause states: no REL-07, and `--fix` keeps its value (it wrote ≥90 %)."""
    decl = _table(tmp_path, "测试", text, [row], 30)
    found = by_key(check_declaration(decl))
    assert (1, "REL-07") not in found, found[(1, "REL-07")].message
    fixed = {r.name: r for r in apply_fixes(decl, check_declaration(decl)).rows}[row[2]]
    assert (fixed.operator, fixed.value, fixed.unit) == row[3:], fixed


def test_the_rates_own_clause_figure_is_read():
    """What the reader gives for the rate: its own clause's goal (13.5), never 满意度's 90; a bare 100 % outside a
    plan's sentence is no stated target (None, as before)."""
    assert stated_rate(SCIENCE, "公民具备科学素质比例") == 13.5
    assert stated_rate(INSURANCE, "保险理赔兑付及时率") is None
    # a clause after the name that names no other measure still belongs to it (round 14's road text)
    assert stated_rate("优良中等路率为78%，力争年底提升至82%以上。", "优良中等路率") == 82.0


def test_a_row_other_than_its_own_clauses_figure_is_still_flagged(tmp_path):
    """Precision kept where it is right: 公民具备科学素质比例 ≥12.5 % (the starting figure) beside the same text is
    REL-07, and the fix writes the rate's own 13.5 %, not 满意度's 90 %."""
    decl = _table(tmp_path, "测试", SCIENCE, [(*SOC, "公民具备科学素质比例", "≥", "12.5", "%")], 30)
    hit = by_key(check_declaration(decl))[(1, "REL-07")]
    assert "13.5%" in hit.message and hit.suggestion.value == "13.5", hit.message


@pytest.mark.parametrize("case", [AGINS, SCIENCE_DRAFT], ids=["own-agins", "own-science"])
def test_suggests_own_table_draws_no_rel_07(shipped_kb, case):
    """The trial checked suggest's default tables for its own drafts: REL-07 fired on their rate rows. None now."""
    table = shipped_kb.suggest(case[1], project_name=case[0], budget_wan=case[2], mode="lexical").default_table
    rows = [TargetRow(level1=c.level1_label, level2=c.level2_label, name=c.name, operator=c.operator, value=c.value,
                      unit=c.unit) for c in table]
    rep = check_rows(rows, context={"project": case[0], "description": case[1], "budget_wan": case[2]})
    assert not [f.message for f in rep.findings if f.rule_id == "REL-07"]
