"""Defects of the eighteenth fresh reviewer's trial (/tmp/trial18, step 4): a row `--fix` added failed the re-check
of its own fix (项目完成时间 10月31日前, no year), an acceptance rate added at ≥95 % where real tables set = 100 %, a
per-ton cost with no unit advised as 元或万元, a satisfaction renamed into another generic one beside a second, and
two pass rates of one testing (= 100 % beside ≥ 98 %) that no rule compared."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.checker_rows import by_key, table_file

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"

TOILETS = "改造农村户厕1700户，预算680万元，10月底前完成。"
TOILET_ROWS = [("产出指标", "数量指标", "改造户厕户数", "≥", "1700", "户"),
               ("成本指标", "经济成本指标", "户厕改造成本", "≤", "800", "万元"),
               ("成本指标", "经济成本指标", "户均改造成本", "≤", "4000", ""),
               ("效益指标", "社会效益指标", "农村卫生厕所普及率", "≥", "78", "%")]


def _year_less(tmp_path, description: str, rows, budget: float):
    """The table the trial sent (cost.xlsx): no 预算年度, and a description naming no year."""
    p = tmp_path / "table.json"
    p.write_text(json.dumps({"project_name": "户厕改造", "budget_wan": budget, "description": description,
                             "rows": [dict(zip(("level1", "level2", "name", "operator", "value", "unit"), r))
                                      for r in rows]}, ensure_ascii=False), encoding="utf-8")
    from kb.io.tables import read_table

    return read_table(p)


def _added(decl, rep):
    from kb.checker.fix import apply_fixes_traced

    fixed, kept = apply_fixes_traced(decl, rep)
    return fixed, kept, [r for r, k in zip(fixed.rows, kept) if k is None]


# ---- 1. a row --fix adds passes the re-check ------------------------------------------------------------------------

def test_the_completion_row_str10_adds_carries_a_year_and_passes_its_own_recheck(tmp_path):
    """cost.xlsx: STR-10 added 项目完成时间 “10月31日前” (from “10月底前完成”), and the re-check failed it under TIME-01.
    With no year anywhere the row says 当年 (the budget year, which TIME-01 passes); with one, that year."""
    from kb.checker import check_declaration

    decl = _year_less(tmp_path, TOILETS, TOILET_ROWS, 680)
    rep = check_declaration(decl)
    fixed, kept, added = _added(decl, rep)
    done = next(r for r in added if r.name == "项目完成时间")
    assert done.value == "当年10月31日前"
    again = check_declaration(fixed)
    assert [(f.rule_id, fixed.rows[f.row - 1].name) for f in again.findings
            if f.row is not None and kept[f.row - 1] is None and f.severity == "error"] == []

    decl = table_file(tmp_path, "户厕改造", "2025年" + TOILETS, TOILET_ROWS, 680, year=None)
    _, _, added = _added(decl, check_declaration(decl))
    assert next(r for r in added if r.name == "项目完成时间").value == "2025年10月31日前"


def test_time01_rewrites_a_yearless_date_with_the_plan_year_when_known(tmp_path):
    """TIME-01's rewrite of 10月底前 said 当年10月31日前 even when the description plans for 2025."""
    from kb.checker import check_declaration

    rows = [("产出指标", "数量指标", "改造户厕户数", "≥", "1700", "户"),
            ("产出指标", "时效指标", "完成时间", "", "10月底前", "")]
    decl = table_file(tmp_path, "户厕改造", "2025年计划" + TOILETS, rows, 680, year=None)
    f = by_key(check_declaration(decl))[(2, "TIME-01")]
    assert f.suggestion.value == "2025年10月31日前"


def _without_years(rec: dict) -> dict:
    """A dev record as a declarant might send it: no 预算年度 and no year in its name or description."""
    rec = dict(rec)
    rec.pop("year", None)
    for k in ("project", "description"):
        rec[k] = re.sub(r"(?:19|20)\d{2}(?:年度?|\s*-\s*(?:19|20)\d{2}年?)?", "", rec.get(k) or "")
    return rec


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/data not present")
@pytest.mark.parametrize("variant", ["as_is", "no_year", "no_year_month_deadline"])
def test_no_row_a_fix_writes_draws_an_error_on_the_recheck(variant):
    """Every dev table, as it is, with every year taken out, and with every year taken out and the trial's sentence
    “项目10月底前完成。” added (no dev text states a month deadline for a table without a 时效 row): apply every
    suggestion, check again; no error-level finding falls on a row the fix added or on a row a rewrite set (the
    re-check of `--fix` must pass what it wrote). Before trial 18 the third variant's added 项目完成时间 10月31日前
    drew TIME-01."""
    from kb.checker import check_declaration
    from kb.checker.fix import apply_fixes_traced
    from kb.domain.schema import Declaration

    bad = {}
    for line in (SHARED / "declarations" / "dev.jsonl").open(encoding="utf-8"):
        rec = json.loads(line)
        if variant != "as_is":
            rec = _without_years(rec)
        if variant == "no_year_month_deadline":
            rec["description"] += "项目10月底前完成。"
        decl = Declaration.from_record(rec)
        rep = check_declaration(decl)
        fixed, kept = apply_fixes_traced(decl, rep)
        before = {(f.row, f.rule_id) for f in rep.findings if f.severity == "error"}
        again = check_declaration(fixed)
        written = [(f.rule_id, fixed.rows[f.row - 1].name, fixed.rows[f.row - 1].value) for f in again.findings
                   if f.row is not None and f.severity == "error"
                   and (kept[f.row - 1] is None or (kept[f.row - 1], f.rule_id) not in before
                        and any(g.row == kept[f.row - 1] and g.suggestion and g.suggestion.patch()
                                for g in rep.findings))]
        if written:
            bad[rec["id"]] = written
    assert bad == {}


# ---- 4. an acceptance rate is = 100 % -------------------------------------------------------------------------------

def test_the_acceptance_rate_str10_adds_is_the_full_pass_real_tables_set(tmp_path):
    """STR-10 added 项目验收合格率 ≥95 %; 5 of the 8 dev rows of a 验收合格率 with a value set 100 %."""
    from kb.checker import check_declaration

    decl = _year_less(tmp_path, TOILETS, TOILET_ROWS, 680)
    _, _, added = _added(decl, check_declaration(decl))
    acc = next(r for r in added if r.name == "项目验收合格率")
    assert (acc.operator, acc.value, acc.unit) == ("=", "100", "%")


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/data not present")
def test_the_acceptance_default_is_what_most_real_acceptance_rows_set():
    from collections import Counter

    from kb.settings import CheckerSettings

    values = Counter()
    for line in (SHARED / "declarations" / "dev.jsonl").open(encoding="utf-8"):
        for r in json.loads(line).get("indicators") or []:
            v = str(r.get("value") or "")
            if "验收合格率" in r.get("name", "") and re.fullmatch(r"\d+(?:\.\d+)?", v):
                values[float(v)] += 1
    assert values.most_common(1)[0][0] == CheckerSettings().acceptance_rate_default_pct


# ---- 2. a per-unit cost with no unit --------------------------------------------------------------------------------

GARBAGE = ("2025年县城区生活垃圾清运项目，预算300万元。2024年共清运生活垃圾3.2万吨。2025年计划清运城区生活垃圾3.5万吨，"
           "新增垃圾收集点40个，垃圾日产日清率达到100%，于2025年12月底前完成。")


def _garbage(tmp_path, value: str, description: str = GARBAGE):
    from kb.checker import check_declaration

    decl = table_file(tmp_path, "县城区生活垃圾清运", description, [
        ("产出指标", "数量指标", "生活垃圾清运量", "≥", "3.5", "万吨"),
        ("产出指标", "成本指标", "每吨垃圾清运单位成本", "≤", value, "")], 300)
    return by_key(check_declaration(decl))[(2, "UNIT-01")]


def test_a_per_ton_cost_with_no_unit_gets_yuan_per_ton_from_the_budget_and_tonnage(tmp_path):
    """draft row 5: 每吨垃圾清运单位成本 ≤85.7 was advised “元或万元”; 300 万元 ÷ 3.5万吨 (this year's, not 2024's 3.2万吨)
    is 85.71 元/吨, the row's own figure: the unit is 元/吨, and the finding says the reading."""
    f = _garbage(tmp_path, "85.7")
    assert (f.suggestion.operator, f.suggestion.value, f.suggestion.unit) == (None, None, "元/吨")
    assert "预算300万元÷3.5万吨" in f.message and "85.71元/吨" in f.message


def test_a_per_ton_cost_not_matching_the_text_is_pending_with_the_per_ton_units_and_the_implied_figure(tmp_path):
    f = _garbage(tmp_path, "120")
    assert f.suggestion.unit is None
    assert "请填写计量单位（元/吨或万元/吨）" in f.suggestion.text
    assert "测算约85.71元/吨" in f.suggestion.text
    # no tonnage in the text: the per-ton units still, no figure
    f = _garbage(tmp_path, "85.7", "2025年县城区生活垃圾清运项目，预算300万元。")
    assert "请填写计量单位（元/吨或万元/吨）" in f.suggestion.text and "测算" not in f.suggestion.text


def test_a_per_household_cost_reads_the_same_way(tmp_path):
    """cost.xlsx row 7: 户均改造成本 ≤4000 (按户计 before): 680 万元 ÷ 1700 户 = 4000 元/户."""
    from kb.checker import check_declaration

    decl = _year_less(tmp_path, TOILETS, TOILET_ROWS, 680)
    f = by_key(check_declaration(decl))[(3, "UNIT-01")]
    assert f.suggestion.unit == "元/户"


def test_the_one_reader_of_a_per_unit_name():
    from kb.domain.units import per_unit_denominator

    assert [per_unit_denominator(n) for n in ("每吨垃圾清运单位成本", "户均改造成本", "人均培训成本", "每公里造价",
                                              "每人每月补助标准", "单位成本", "每月补助")] == \
        ["吨", "户", "人", "公里", "人·月", "", ""]


# ---- 3. a vague satisfaction names the group served; two rows of one group are one ---------------------------------

DRAFT_ROWS = [("产出指标", "数量指标", "生活垃圾清运量", "≥", "3.5", "万吨"),
              ("效益指标", "生态效益指标", "群众满意度", "≥", "90", "%"),
              ("满意度指标", "服务对象满意度指标", "社会公众满意度", "", "较高", "")]


def test_sat05_names_the_group_the_description_serves(tmp_path):
    """社会公众满意度 was renamed 服务对象满意度, as generic; a text naming whom it serves gives that group."""
    from kb.checker import check_declaration

    decl = table_file(tmp_path, "农村户厕改造", "2025年改造农村卫生户厕1700户，受益农户1700户。", [
        ("产出指标", "数量指标", "改造户厕户数", "≥", "1700", "户"),
        ("满意度指标", "服务对象满意度指标", "社会公众满意度", "≥", "90", "%")], 680)
    assert by_key(check_declaration(decl))[(2, "SAT-05")].suggestion.name == "受益农户满意度"
    decl = table_file(tmp_path, "农产品质量安全检测项目", "2025年…保障全县居民“菜篮子”安全。", [
        ("产出指标", "数量指标", "定量检测批次", "≥", "1200", "批次"),
        ("满意度指标", "服务对象满意度指标", "社会公众满意度", "≥", "90", "%")], 85)
    assert by_key(check_declaration(decl))[(2, "SAT-05")].suggestion.name == "居民满意度"


def test_the_drafts_two_generic_satisfactions_are_one_after_fix_and_on_recheck(tmp_path):
    """draft rows 8–9: SAT-01 moves 群众满意度 to 满意度, SAT-05 renames 社会公众满意度 (the text names no group); the fix
    wrote 服务对象满意度 ≥90 % and 群众满意度 ≥90 % side by side and the re-check passed them. Now the rename is merged
    into 群众满意度, and a table holding both is STR-12's."""
    from kb.checker import apply_fixes, check_declaration

    decl = table_file(tmp_path, "县城区生活垃圾清运", GARBAGE, DRAFT_ROWS, 300)
    rep = check_declaration(decl)
    fixed = apply_fixes(decl, rep)
    assert [r.name for r in fixed.rows if "满意" in r.name] == ["群众满意度"]
    both = table_file(tmp_path, "县城区生活垃圾清运", GARBAGE, [
        DRAFT_ROWS[0], ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%"),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", "90", "%")], 300)
    assert (None, "STR-12") in by_key(check_declaration(both))
    # a text naming a group of its own keeps 服务对象 (its people) and 群众 (the public) apart
    apart = table_file(tmp_path, "老年人助餐", "2025年为辖区老年人提供助餐服务。", [
        ("产出指标", "数量指标", "助餐服务人次", "≥", "6000", "人次"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%"),
        ("满意度指标", "服务对象满意度指标", "老年人满意度", "≥", "90", "%")], 50)
    assert (None, "STR-12") not in by_key(check_declaration(apart))


# ---- 5. two pass rates of one testing -------------------------------------------------------------------------------

FARM = ("县农产品质量安全检验检测站2025年农产品质量安全检测项目，预算85万元。全年计划开展蔬菜、水果、畜禽产品农药兽药残留定量"
        "检测1200批次，快速检测12000批次，抽检合格率稳定在98%以上。")


def test_two_pass_rates_of_one_testing_are_one_measure_and_their_targets_disagree(tmp_path):
    """farmtest.xlsx (suggest's own export): 农产品质量安全检测合格率 =100 % beside 抽检合格率 ≥98 % drew nothing; the
    library's 农产品质量安全检测合格率 is 抽检合格的比例 — one measure, two contradicting targets: STR-12."""
    from kb.checker import check_declaration

    decl = table_file(tmp_path, "农产品质量安全检测项目", FARM, [
        ("产出指标", "数量指标", "检测批次", "≥", "12000", "批次"),
        ("产出指标", "质量指标", "农产品质量安全检测合格率", "=", "100", "%"),
        ("产出指标", "质量指标", "抽检合格率", "≥", "98", "%")], 85)
    f = by_key(check_declaration(decl))[(None, "STR-12")]
    assert "第2、3行" in f.message and "=100%、≥98%" in f.message


def test_pass_rates_of_different_objects_stay_two():
    from kb.domain.rate_names import normal_rate_name, one_rate_measure

    def one(a: str, b: str) -> bool:
        return one_rate_measure(normal_rate_name(a), normal_rate_name(b))

    assert one("农产品质量安全检测合格率", "抽检合格率")
    assert one("食品抽检合格率", "食品监督抽查合格率")
    assert not one("食品抽检合格率", "农产品抽检合格率")
    assert not one("电梯年检合格率", "抽检合格率")
    assert not one("工程验收合格率", "抽检合格率")


FARM_FULL = FARM + ("检测结果于抽样后5个工作日内出具报告并向社会公开，发现的不合格产品100%依法处置。资金用于检测试剂耗材32万元、"
                    "仪器维护检定18万元、抽样及委托检测35万元，保障全县居民“菜篮子”安全。")


def test_suggest_keeps_the_pass_rate_the_text_names_of_the_two(shipped_kb):
    """The shared reading (`kb.domain.rate_names`) makes suggest keep one of the two rates too; of two with a figure
    from the text it keeps the one whose whole name the text writes (抽检合格率 ≥98 %), not 农产品质量安全检测合格率 =100 %
    (the 100 % of “不合格产品100%依法处置”). The export then draws no STR-12."""
    from kb.checker import check_declaration
    from kb.domain.schema import TableInput, TargetRow
    from tests.kbfactory import suggest_text

    res = suggest_text(shipped_kb, FARM_FULL, "农产品质量安全检测项目")
    rates = {(c.name, c.operator, c.value) for c in res.default_table if c.name.endswith("合格率")}
    assert ("抽检合格率", "≥", "98") in rates
    assert not any(n == "农产品质量安全检测合格率" for n, _, _ in rates)
    rows = [TargetRow(level1=c.level1_label, level2=c.level2_label, name=c.name, operator=c.operator,
                      value=c.value or "", unit=c.unit or "") for c in res.default_table]
    rep = check_declaration(TableInput(rows=rows, context={"description": FARM_FULL, "budget_wan": 85,
                                                           "budget_year": 2025}))
    assert not any(f.rule_id == "STR-12" for f in rep.findings)
