"""Trial 15 (a fresh reviewer checked a river-dredging draft, /tmp/trial15/draft.json): STR-08 said 表内未设置满意度
指标 beside SAT-01 on the 群众满意度 filed under 效益, and `--fix` added 服务对象满意度 as a second satisfaction row;
SAT-01 was left unfixed (表内将没有效益指标) though REL-06 said 受益群众 belongs under 效益; QNT-01 on 清淤土方
“有所提高” asked for a figure the text states (清淤土方3万立方米). The table is written to a JSON file as the declarant
sent it and read back (`read_table`), checked as `jixiao check draft.json` checks it and fixed (`apply_fixes`)."""
from __future__ import annotations

from kb.checker import check_declaration
from kb.checker.fix import apply_fixes
from tests.checker_rows import QLT, QTY, SOC, TIM, by_key, table_file as _table

DREDGING = ("2024年已完成白沙河上游段清淤3公里。2025年计划对白沙河下游段清淤4.5公里，清淤土方3万立方米，修复护坡1.2公里，"
            "10月底前完工，受益群众1.1万人。项目预算300万元。")
ROWS = [(*QTY, "清淤长度", "≥", "3", "公里"), (*QTY, "清淤土方", "", "有所提高", ""),
        (*QTY, "护坡修复", "≥", "1.2", ""), (*QLT, "工程质量", "", "良好", ""),
        (*QLT, "预算执行率", "≥", "９５", "％"), (*TIM, "完成时间", "", "按时完成", ""),
        (*SOC, "群众满意度", "≥", "90", "%"), ("效益指标", "生态效益指标", "河道环境明显改善", "", "达到预期", ""),
        (*QTY, "受益群众", "≥", "1.1", "万人")]


def _draft(tmp_path):
    return _table(tmp_path, "白沙河河道清淤整治", DREDGING, ROWS, 300)


def _sat_rows(decl) -> list[tuple[str, str]]:
    return [(r.level1, r.name) for r in decl.rows if "满意" in r.name]


# ------------------------------------------------------------------ 1. one satisfaction row, not two
def test_misplaced_satisfaction_is_not_called_missing(tmp_path):
    """A 满意度 row filed under 效益 is a misplacement (SAT-01), not a missing 满意度指标: STR-08 does not say
    表内未设置满意度指标 beside it."""
    keys = by_key(check_declaration(_draft(tmp_path)))
    assert (7, "SAT-01") in keys
    assert (None, "STR-08") not in keys, keys[(None, "STR-08")].message


def test_fix_moves_the_satisfaction_row_instead_of_adding_one(tmp_path):
    """`--fix` leaves one satisfaction row, 群众满意度 under 满意度指标; re-checking the fixed table finds neither a
    missing nor a misplaced satisfaction row."""
    decl = _draft(tmp_path)
    fixed = apply_fixes(decl, check_declaration(decl))
    assert _sat_rows(fixed) == [("满意度指标", "群众满意度")], _sat_rows(fixed)
    again = {f.rule_id for f in check_declaration(fixed).findings}
    assert not again & {"STR-08", "SAT-01", "STR-12"}, again


# ------------------------------------------------------------------ 2. REL-06 and SAT-01 agree
def test_beneficiaries_move_to_benefit_so_satisfaction_can_move(tmp_path):
    """REL-06 says 受益群众 ≥1.1万人 belongs under 效益: its fix files it there (社会效益指标), so the table keeps an 效益
    row and SAT-01's move of 群众满意度 is made rather than left as advice (这样表内将没有效益指标)."""
    decl = _draft(tmp_path)
    keys = by_key(check_declaration(decl))
    ben = keys[(9, "REL-06")].suggestion
    assert (ben.level1, ben.level2) == ("效益指标", "社会效益指标"), ben
    sat = keys[(7, "SAT-01")].suggestion
    assert sat.level1 == "满意度指标" and "未自动改写" not in sat.text, sat.text
    rows = {r.name: r for r in apply_fixes(decl, check_declaration(decl)).rows}
    assert (rows["受益群众"].level1, rows["受益群众"].value, rows["受益群众"].unit) == ("效益指标", "1.1", "万人")


# ------------------------------------------------------------------ 3. the stated figure for a vague value
def test_vague_value_takes_the_stated_figure_of_its_object(tmp_path):
    """清淤土方 “有所提高” beside “清淤土方3万立方米”: the rewrite is ≥3 万立方米, not 待填写."""
    sug = by_key(check_declaration(_draft(tmp_path)))[(2, "QNT-01")].suggestion
    assert "待填写" not in sug.text, sug.text
    assert (sug.operator, sug.value, sug.unit) == ("≥", "3", "万立方米"), sug
