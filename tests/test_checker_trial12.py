"""The twelfth fresh reviewer's trial (/tmp/trial12, step 4): `jixiao check` proposed a setting figure as a blank
row's target. The suggested meal table left 营养改善计划实施学校数量 待填写; STR-03 advised "≥57所" from
“全县现有农村义务教育学校57所” — the figure suggest had just refused as the setting — and `--fix` wrote it, after
which REL-06 warned on the fixed table that 57 is an existing total. A figure the description gives as the
setting (REL-06's `stock_figures`) is no target a rewrite proposes. The table is written as JSON and read back as
`jixiao check` reads it."""
from __future__ import annotations

import json

from kb.checker import apply_fixes, check_declaration
from kb.io.tables import read_tables

MEAL = ("2025年秋季学期至2026年春季学期，县教育局对农村义务教育阶段学生实施营养改善计划，按每生每天5元标准补助，全年在校天数"
        "200天，预计受益学生8460人，所需资金846万元（中央资金为主）。补助资金按月拨付至学校食堂，每月10日前完成上月结算。"
        "全县现有农村义务教育学校57所；上年受益学生8912人。通过实施，确保学生营养状况改善、食品安全零事故。")


def _r(l2, name, value, unit="", op=""):
    l1 = {"数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标", "经济成本指标": "成本指标",
          "社会效益指标": "效益指标", "服务对象满意度指标": "满意度指标"}[l2]
    return {"level1": l1, "level2": l2, "name": name, "operator": op, "value": value, "unit": unit}


ROWS = [_r("数量指标", "营养改善计划受益学生人数", "8460", "人", "≥"),
        _r("数量指标", "营养改善计划实施学校数量", "待填写", "所"),
        _r("质量指标", "营养膳食补助标准达标率", "100", "%", "="),
        _r("时效指标", "补助资金拨付及时率", "100", "%", "="),
        _r("经济成本指标", "学生营养膳食补助标准", "5", "元/生·天", "="),
        _r("社会效益指标", "学生营养状况", "改善", "", "定性"),
        _r("服务对象满意度指标", "学生满意度", "90", "%", "≥")]


def _proposed(f) -> str:
    """The target value a finding's rewrite proposes ('' when none)."""
    return (f.suggestion.value or "") if f.suggestion is not None else ""


def _read(tmp_path, rows):
    p = tmp_path / "meal.json"
    p.write_text(json.dumps({"project_name": "农村义务教育学生营养改善计划", "description": MEAL, "budget_wan": 846,
                             "year": 2025, "rows": rows}, ensure_ascii=False), encoding="utf-8")
    return read_tables(p)[0]


def test_a_setting_figure_is_never_proposed_as_a_blank_rows_target(tmp_path):
    decl = _read(tmp_path, ROWS)
    report = check_declaration(decl)
    str03 = [f for f in report.findings if f.rule_id == "STR-03" and f.row == 2]
    assert str03, [(f.rule_id, f.row) for f in report.findings]
    assert not [f for f in str03 if "57" in _proposed(f)], [_proposed(f) for f in str03]
    fixed = apply_fixes(decl, report)
    school = next(r for r in fixed.rows if r.name.startswith("营养改善计划实施学校"))
    assert "57" not in school.value, school
    again = check_declaration(fixed)
    assert not [f for f in again.findings if f.rule_id == "REL-06" and "57" in f.message], \
        [(f.rule_id, f.message) for f in again.findings]


def test_a_stated_figure_that_is_no_setting_is_still_proposed(tmp_path):
    """The rewrite still takes the text's own target figure for a blank row (计划…新建错车道8处 style)."""
    rows = [dict(r) for r in ROWS]
    rows[0] = _r("数量指标", "营养改善计划受益学生人数", "待填写", "人")
    decl = _read(tmp_path, rows)
    report = check_declaration(decl)
    assert [f for f in report.findings if f.rule_id == "STR-03" and f.row == 1 and "8460" == _proposed(f)], \
        [(f.rule_id, f.row, f.suggestion) for f in report.findings]
