"""Defects of the tenth fresh trial (/tmp/trial10, a staff user who is also a county 财政局 reviewer): QNT-05
called a verifiable 定性 result ungraded and quoted a value the row never had; the STR-13 fix wrote decimal 分值
and left a row without 分值, after which the check passed."""
from __future__ import annotations

from kb.checker import check_declaration
from kb.checker.fix import apply_fixes
from kb.domain.schema import Declaration
from tests.checker_rows import QLT, QTY, SAT, SOC, TIM, found, row

SUS = ("效益指标", "可持续影响指标")
COST = ("成本指标", "经济成本指标")
D037 = "项目支出绩效目标表(2023年),预算20万元(财政资金),用于维修审判楼玻璃幕墙等。绩效目标:维修审判大楼玻璃幕墙等,消除外延脱落安全隐患。"


def test_a_qualitative_row_stating_a_verifiable_result_passes():
    """The page asked for 可核验的定性标准; 定性：玻璃幕墙外延脱落隐患全部消除 drew QNT-05. Now it passes, and so do
    无…事故发生, 已建立…制度 and 通过验收; an ungraded text still draws QNT-05 and a vague one QNT-01."""
    for v in ("玻璃幕墙外延脱落隐患全部消除", "无坠物伤人事故发生", "已建立幕墙巡查维护制度", "通过县住建局竣工验收"):
        f = found([row(*SUS, "消除安全隐患", "定性", v, "")], description=D037)
        assert not [k for k in f if k[0] == 1], (v, f)
    f = found([row(*SUS, "消除安全隐患", "定性", "玻璃幕墙牢固安全", "")], description=D037)
    assert "可核验" in f[(1, "QNT-05")].message
    f = found([row(*SUS, "消除安全隐患", "定性", "按要求推进", "")], description=D037)
    assert (1, "QNT-01") in f and (1, "QNT-05") not in f


def test_a_verifiable_result_without_qualitative_is_declared_and_kept():
    """Without 定性 the words are kept and only the operator is fixed (定性：…全部消除), not replaced."""
    f = found([row(*SUS, "消除安全隐患", "", "玻璃幕墙外延脱落隐患全部消除", "")], description=D037)
    sug = f[(1, "QNT-05")].suggestion
    assert sug.operator == "定性" and sug.value in (None, "玻璃幕墙外延脱落隐患全部消除")


def test_the_advice_never_quotes_a_value_the_row_does_not_hold():
    """An ungraded 效益 text: the advice quoted “定性：达成年度指标”, its own intermediate rewrite, as the row's value."""
    f = found([row(*SUS, "消除安全隐患", "定性", "玻璃幕墙牢固安全", "")], description=D037)
    text = f[(1, "QNT-05")].suggestion.text
    assert "指标值“玻璃幕墙牢固安全”" in text
    assert "指标值“定性：达成年度指标”" not in text


def _decl(weights):
    rows = [row(*QTY, "安全隐患维修面积", "≥", "400", "平方米"), row(*QLT, "安全隐患维修验收合格率", "=", "100", "%"),
            row(*QLT, "维修返修率", "≤", "5", "%"), row(*TIM, "安全隐患维修完成时间", "", "2023年12月31日前", ""),
            row(*COST, "安全隐患维修成本", "≤", "20", "万元"),
            row(*SUS, "消除安全隐患", "定性", "玻璃幕墙外延脱落隐患全部消除", ""),
            row(*SAT, "干警满意度", "≥", "95", "%"), row(*SOC, "外墙坠物伤人事故发生次数", "=", "0", "次")]
    for r, w in zip(rows, weights):
        r.weight = w
    return Declaration(project_name="安全隐患维修(审判楼玻璃幕墙等)", description=D037, budget_wan=20, rows=rows)


def test_the_weight_fix_gives_whole_points_to_every_row():
    """The trial's D037 table: 10,10,10,19,19,12,10 and a blank added row (sum 90). The fix wrote decimals and left
    the row blank; now whole points summing to 100, the blank row at the mean, and the fixed table passes STR-13."""
    decl = _decl([10, 10, 10, 19, 19, 12, 10, None])
    rep = check_declaration(decl)
    f = {(x.row, x.rule_id): x for x in rep.findings}
    assert "第8行未填写分值" in f[(None, "STR-13")].message
    ws = f[(None, "STR-13")].suggestion.weights
    assert ws == [10, 10, 10, 18, 18, 12, 10, 12]
    fixed = apply_fixes(decl, rep)
    assert {r.name: r.weight for r in fixed.rows} == {r.name: w for r, w in zip(decl.rows, ws)}  # rows regrouped
    assert not [x for x in check_declaration(fixed).findings if x.rule_id == "STR-13"]


def test_a_zero_or_blank_weight_is_a_finding_even_when_the_rest_sum_to_100():
    """10×6 + 40 = 100 with the last row at 0: 未发现问题 before; now STR-13 names the row."""
    decl = _decl([10, 10, 10, 20, 20, 10, 20, 0])
    f = {(x.row, x.rule_id): x for x in check_declaration(decl).findings}
    assert "第8行未填写分值" in f[(None, "STR-13")].message
    # the 0 row takes the mean of the others (100 / 7), then all are scaled to whole points summing to 100
    assert f[(None, "STR-13")].suggestion.weights == [9, 9, 9, 18, 17, 9, 17, 12]


def test_a_row_the_fix_adds_takes_points_too():
    """Real E004 (分值 60 and 30): the fix adds the missing 满意度 / 成本 rows, which had no 分值, and the fixed table drew
    STR-13 again. Every row of the fixed table now holds whole points summing to 100."""
    from tests.kbfactory import dev_record

    decl = Declaration.from_record(dev_record("E004"))
    fixed = apply_fixes(decl, check_declaration(decl))
    ws = [r.weight for r in fixed.rows if not r.is_goal]
    assert len(ws) > 2 and all(w and w == int(w) for w in ws) and sum(ws) == 100, ws
    assert not [f for f in check_declaration(fixed).findings if f.rule_id == "STR-13"]
