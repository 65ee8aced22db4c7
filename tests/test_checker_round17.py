"""Round 17 of the checker: a 时效 row due after the project's own completion date (TIME-07, ours).

A fresh reviewer's road table said 项目完成时间 2025年9月30日前 and 工程完工时间 ≤2025年10月31日: the project done a
month before its works — no finding. TIME-07 (warning, advice only) now names both rows and both dates. The
description's own date stays TIME-06's (it covers TIME-07 on the same row), a year after the plan year stays
TIME-04's; both are asserted here as they were. Each table is written to a JSON file as a declarant sends it and
read back (`read_table`), checked as `jixiao check table.json` checks it and, where it matters, fixed.
"""
from __future__ import annotations

import json

from kb.checker import check_declaration
from kb.checker.catalog import CATALOG, OUR_RULES
from kb.checker.fix import apply_fixes
from kb.io.tables import read_table
from tests.checker_rows import QLT, QTY, SAT, SOC, TIM, by_key

ROAD = "2025年安排资金300万元，改造乡村道路12公里，改善沿线3000名群众出行条件。"


def _table(tmp_path, timed: list[tuple[str, str, str]], description: str = ROAD, year: int | None = 2025):
    """A road table with the 时效 rows `timed` ((name, operator, value) each) after 数量 / 质量."""
    rows = [(*QTY, "改造道路长度", "≥", "12", "公里"), (*QLT, "工程验收合格率", "=", "100", "%")]
    rows += [(*TIM, n, op, v, "") for n, op, v in timed]
    rows += [("成本指标", "经济成本指标", "项目总成本", "≤", "300", "万元"), (*SOC, "受益群众人数", "≥", "3000", "人"),
             (*SAT, "受益群众满意度", "≥", "90", "%")]
    rec = {"project_name": "乡村道路改造项目", "budget_wan": 300, "description": description,
           "rows": [dict(zip(("level1", "level2", "name", "operator", "value", "unit"), r)) for r in rows]}
    if year:
        rec["year"] = year
    p = tmp_path / "table.json"
    p.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    return read_table(p)


def _time(decl) -> dict:
    return {k: f for k, f in by_key(check_declaration(decl)).items() if k[1].startswith(("TIME", "STR-12"))}


def test_a_work_due_after_the_projects_completion_row_is_flagged_naming_both_dates(tmp_path):
    decl = _table(tmp_path, [("项目完成时间", "", "2025年9月30日前"), ("工程完工时间", "≤", "2025年10月31日")])
    found = _time(decl)
    assert set(found) == {(4, "TIME-07")}, found
    f = found[(4, "TIME-07")]
    assert f.severity == "warning" and f.scope == "row"
    assert f.message == ("时限“≤2025年10月31日”晚于第3行“项目完成时间”的时限（2025年9月30日前）："
                         "项目完成后这项工作才到期，两个时限相互矛盾")
    # advice: which date holds is the declarant's to say; --fix keeps both rows and the finding stays
    assert f.suggestion is not None and f.suggestion.patch() == {} and "各项工作应在项目完成时间之前完成" in f.suggestion.text
    fixed = apply_fixes(decl, check_declaration(decl))
    assert [(r.name, r.value) for r in fixed.rows if r.level2 == "时效指标"] == \
        [("项目完成时间", "2025年9月30日前"), ("工程完工时间", "2025年10月31日")]
    assert "TIME-07" in {x.rule_id for x in check_declaration(fixed).findings}


def test_the_completion_row_may_come_second_and_the_year_may_come_from_the_text(tmp_path):
    """工程竣工时间 first, 项目完成时间 after it; no 预算年度 given, “2025年安排资金…” states it; a bare 12月31日前."""
    decl = _table(tmp_path, [("工程竣工时间", "", "2025年10月31日前"), ("项目完成时间", "", "2025年9月30日前"),
                             ("道路改造完成时间", "", "12月31日前")], year=None)
    found = _time(decl)
    # trial 17: the bare 12月31日前 names no year, so it is also TIME-01 (fixed to 2025年12月31日前, the text's year)
    assert set(found) == {(3, "TIME-07"), (5, "TIME-07"), (5, "TIME-01")}, found
    assert "晚于第4行“项目完成时间”的时限（2025年9月30日前）" in found[(5, "TIME-07")].message


def test_what_is_not_a_contradiction_stays_silent(tmp_path):
    """A work due before completion, the acceptance or a payment after it, and two rows dating the completion
    itself (STR-12's one completion dated twice, not a second finding) are no TIME-07."""
    assert not _time(_table(tmp_path, [("项目完成时间", "", "2025年9月30日前"), ("设计完成时间", "", "2025年5月31日前")]))
    assert not _time(_table(tmp_path, [("项目完成时间", "", "2025年9月30日前"), ("竣工验收时间", "", "2025年10月31日前"),
                                       ("资金拨付时间", "", "2025年12月31日前")]))
    assert set(_time(_table(tmp_path, [("项目完成时间", "", "2025年9月30日前"), ("完工时间", "", "2025年10月31日前")]))) \
        == {(None, "STR-12")}


def test_the_descriptions_date_is_one_finding_time_06(tmp_path):
    """“项目于2025年9月底前完成” in the text and 工程完工时间 ≤2025年10月31日 (the reported case) was flagged already by
    TIME-06 (kept); beside a 项目完成时间 row TIME-06 covers TIME-07 on that row: one date to correct, one finding."""
    text = ROAD.replace("改善", "项目于2025年9月底前完成，改善")
    alone = _time(_table(tmp_path, [("工程完工时间", "≤", "2025年10月31日")], text))
    assert set(alone) == {(3, "TIME-06")} and "2025年9月30日前" in alone[(3, "TIME-06")].message
    both = _time(_table(tmp_path, [("项目完成时间", "", "2025年9月30日前"), ("工程完工时间", "≤", "2025年10月31日")], text))
    assert set(both) == {(4, "TIME-06")}, both
    whole = _time(_table(tmp_path, [("项目完成时间", "", "2025年12月31日前")], text))
    assert set(whole) == {(3, "TIME-06")}


def test_a_completion_after_the_plan_year_is_time_04_as_before(tmp_path):
    """项目完成时间 2026年3月底前 in a 2025 plan, the year given or only stated by the text: TIME-04 (unchanged)."""
    for year in (2025, None):
        found = _time(_table(tmp_path, [("项目完成时间", "", "2026年3月底前")], year=year))
        assert set(found) == {(3, "TIME-04")}, (year, found)
        assert "2026年" in found[(3, "TIME-04")].message and "2025年" in found[(3, "TIME-04")].message


def test_time_07_is_one_of_our_rules_in_the_catalog():
    m = CATALOG["TIME-07"]
    assert "TIME-07" in OUR_RULES and m.severity == "warning" and m.scope == "row" and "本工具的核对规则" in m.citation
