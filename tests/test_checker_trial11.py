"""Defects of the eleventh fresh reviewer's trial (/tmp/trial11, step 4): a length measured on three rows paired on
two, `--fix` moving a row its own STR-12 advice deletes, a date row explained as a rate, a deleted row's findings
sharing one suggestion text, a per-unit standard ten times the text's, one group's satisfaction under two names,
and a protected figure under 产出. Tables are written as JSON / .xlsx and read back as `jixiao check` reads them."""
from __future__ import annotations

import json

from kb.checker import apply_fixes, check_declaration
from kb.domain.schema import Indicator
from kb.io.tables import read_tables
from kb.io.xlsx import export_xlsx
from kb.io.xlsx_table import TableRow, TargetTable, fill_explanations
from tests.checker_rows import by_key

ROAD = "2025年对青石村3条村内道路实施硬化，长度共2.5公里，路面宽4米，预算80万元，2025年10月31日前完工，受益群众1200人。"


def _r(l1, l2, name, value, unit="", op="", weight=None):
    return {"level1": l1, "level2": l2, "name": name, "operator": op, "value": value, "unit": unit, "weight": weight}


DRAFT = [_r("产出指标", "数量指标", "道路硬化长度", "有所提高", weight=10),
         _r("产出指标", "数量指标", "村内道路硬化长度", "2.5", weight=10),
         _r("产出指标", "数量指标", "硬化道路长度", "≥2.5", "公里", weight=10),
         _r("产出指标", "质量指标", "工程质量", "良好", weight=10),
         _r("产出指标", "质量指标", "预算执行率", "≥９５％", weight=10),
         _r("产出指标", "时效指标", "按时完成", "及时", weight=10),
         _r("产出指标", "满意度指标", "群众满意度", "≥90", "%", weight=10),
         _r("效益指标", "社会效益指标", "群众出行条件", "明显改善", weight=10),
         _r("效益指标", "经济效益指标", "经济效益", "显著", weight=10),
         _r("成本指标", "经济成本指标", "成本控制", "控制在预算内", weight=5),
         _r("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90", "%", weight=5)]


def _read(tmp_path, rows, description=ROAD, name="青石村村内道路硬化", budget=80, xlsx=False, year=2025):
    """The table written as JSON (and, with `xlsx`, exported to .xlsx) and read back as `jixiao check` reads it."""
    p = tmp_path / "t.json"
    p.write_text(json.dumps({"project_name": name, "description": description, "budget_wan": budget, "year": year,
                             "rows": rows}, ensure_ascii=False), encoding="utf-8")
    decl = read_tables(p)[0]
    if xlsx:
        x = export_xlsx(decl, tmp_path / "t.xlsx")
        decl = read_tables(x)[0]
    return decl


def _numbered(decl, name):
    return next(n for n, r in zip(decl.row_numbers, decl.rows) if r.name == name)


def test_a_length_on_three_rows_is_found_on_all_three(tmp_path):
    """STR-12 paired 道路硬化长度 and 硬化道路长度, never 村内道路硬化长度 (2.5 beside ≥2.5 公里): the same object with a
    qualifier more and the same figure is one measure."""
    decl = _read(tmp_path, DRAFT, xlsx=True)
    rep = check_declaration(decl)
    msgs = [f.message for f in rep.findings if f.rule_id == "STR-12"]
    a, b, c = (_numbered(decl, n) for n in ("道路硬化长度", "村内道路硬化长度", "硬化道路长度"))
    joined = "".join(msgs)
    assert f"第{a}、{c}行" in joined and f"第{b}、{c}行" in joined
    # a part of the whole with its own figure is not the whole
    rows = [_r("产出指标", "数量指标", "道路硬化长度", "≥2.5", "公里"), _r("产出指标", "数量指标", "村内道路硬化长度", "≥1.2", "公里")]
    rep = check_declaration(_read(tmp_path, rows))
    assert not [f for f in rep.findings if f.rule_id == "STR-12"]


def test_fix_deletes_the_satisfaction_row_str12_deletes_and_the_fixed_table_passes_str12(tmp_path):
    """`--fix` moved 群众满意度 (under 产出) into the 满意度 block beside 受益群众满意度, though STR-12 said 删除第12行;
    the fixed table then failed STR-12 again. The row is deleted, its SAT-01 suggestion says so."""
    decl = _read(tmp_path, DRAFT, xlsx=True)
    rep = check_declaration(decl)
    n = _numbered(decl, "群众满意度")
    sat01 = by_key(rep)[(n, "SAT-01")]
    assert sat01.suggestion.delete and "STR-12" in sat01.suggestion.text
    fixed = apply_fixes(decl, rep)
    assert "群众满意度" not in [r.name for r in fixed.rows]
    again = check_declaration(fixed)
    assert not [f for f in again.findings if f.rule_id == "STR-12" and "满意度" in f.message]


def test_each_finding_of_a_deleted_row_keeps_its_own_suggestion(tmp_path):
    """TXT-01 (full-width ９) on the 预算执行率 row repeated REL-02's “删除该行：投入/过程指标…” once the deletion
    carried the rescaled weights."""
    decl = _read(tmp_path, DRAFT, xlsx=True)
    rep = by_key(check_declaration(decl))
    n = _numbered(decl, "预算执行率")
    rel, txt = rep[(n, "REL-02")].suggestion, rep[(n, "TXT-01")].suggestion
    assert rel.text.startswith("删除该行：投入/过程指标")
    # trial 16 changed this on purpose: 道路硬化长度 (有所提高, rewritten to ≥2.5 公里 — a third row of the one length the
    # text states) is now merged into 村内道路硬化长度 and deleted, the first deleted row, which says the rescaled weights
    first = rep[(_numbered(decl, "道路硬化长度"), "QNT-01")].suggestion
    assert first.delete and "权重按比例调整" in first.text and first.weights
    assert "投入/过程指标" not in txt.text and txt.text.startswith("本行按 REL-02")
    assert txt.delete and txt.weights == rel.weights


def test_a_date_row_is_not_explained_as_a_rate():
    """按时完成 · 2025年10月31日前 got the library's 指标解释 “在规定时间内完成的任务比例”."""
    lib = Indicator.model_construct(name="按时完成率", explanation="在规定时间内完成的任务比例")
    table = TargetTable.model_construct(project_name="道路硬化", description=ROAD, rows=[
        TableRow.model_construct(level1="产出指标", level2="时效指标", name="按时完成", operator="",
                                 value="2025年10月31日前", unit="", explanation="", basis="", weight=None),
        TableRow.model_construct(level1="产出指标", level2="时效指标", name="按时完成率", operator="=",
                                 value="100", unit="%", explanation="", basis="", weight=None)])
    out = fill_explanations(table, lambda r: lib).rows
    assert "比例" not in out[0].explanation and "时间" in out[0].explanation
    assert out[1].explanation == "在规定时间内完成的任务比例"


MEALS = "2025年在6个乡镇新建老年助餐点9个，全年服务就餐8.5万人次，每餐补贴8元，预算212万元，6月30日前投入运营。"


def test_a_per_meal_standard_ten_times_the_texts_is_found(tmp_path):
    """每餐补贴标准 ≤80 元/餐 beside “每餐补贴8元”: a digit too many, missed (FEAS-04 skipped cost rows)."""
    rows = [_r("成本指标", "经济成本指标", "每餐补贴标准", "80", "元/餐", "≤"),
            _r("成本指标", "经济成本指标", "项目成本", "212", "万元", "≤")]
    rep = by_key(check_declaration(_read(tmp_path, rows, MEALS, "老年助餐服务补贴", 212)))
    assert "每餐补贴8元" in rep[(1, "FEAS-04")].message and "10倍" in rep[(1, "FEAS-04")].message
    rows[0]["value"] = "8"
    rep = by_key(check_declaration(_read(tmp_path, rows, MEALS, "老年助餐服务补贴", 212)))
    assert (1, "FEAS-04") not in rep


def test_one_groups_satisfaction_under_two_names_is_a_duplicate(tmp_path):
    """老人满意度 and 就餐老人满意度; 物业服务满意度 beside 住户满意度 (the residents are who is asked about the service)."""
    sat = ("满意度指标", "服务对象满意度指标")
    rows = [_r(*sat, "老人满意度", "90", "%", "≥"), _r(*sat, "就餐老人满意度", "95", "%", "≥")]
    msgs = [f.message for f in check_declaration(_read(tmp_path, rows, MEALS, "老年助餐服务补贴", 212)).findings
            if f.rule_id == "STR-12"]
    assert msgs and "老人满意度" in msgs[0]
    rows = [_r(*sat, "物业服务满意度", "90", "%", "≥"), _r(*sat, "住户满意度", "90", "%", "≥")]
    rep = check_declaration(_read(tmp_path, rows, "维护辖区各安置小区安全巡逻、环境卫生及物业日常管理。", "物业管理", 1125))
    s12 = [f for f in rep.findings if f.rule_id == "STR-12"]
    assert s12 and "删除第1行“物业服务满意度”，保留第2行“住户满意度”" in s12[0].suggestion.text
    # two groups are two surveys
    rows = [_r(*sat, "学生满意度", "90", "%", "≥"), _r(*sat, "家长满意度", "90", "%", "≥")]
    assert not [f for f in check_declaration(_read(tmp_path, rows, "为全县学生提供营养午餐。", "营养午餐", 100)).findings
                if f.rule_id == "STR-12"]


RIVER = ("对白沙河、柳溪河两条河道实施清淤疏浚，清淤长度共计18.6公里。工程须于2025年5月31日汛期前完工，完工后沿岸防洪标准提高到"
         "10年一遇，保护下游农田1.2万亩及沿河群众8700人。")


def test_a_protected_figure_under_output_is_flagged(tmp_path):
    """下游农田面积 ≥1.2 万亩 and 沿河群众人数 ≥8700 人 under 产出/数量: what the works protect, a benefit."""
    rows = [_r("产出指标", "数量指标", "下游农田面积", "1.2", "万亩", "≥"),
            _r("产出指标", "数量指标", "清淤长度", "18.6", "公里", "≥"),
            _r("产出指标", "数量指标", "沿河群众人数", "8700", "人", "≥")]
    rep = by_key(check_declaration(_read(tmp_path, rows, RIVER, "清淤疏浚工程", 540)))
    assert "保护下游农田1.2万亩" in rep[(1, "REL-06")].message
    assert "8700人" in rep[(3, "REL-06")].message
    assert (2, "REL-06") not in rep
