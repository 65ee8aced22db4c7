"""Readers (.json / .jsonl / .csv / .xlsx), fix applier and .xlsx export of the checker.

The .xlsx files are built in the test with openpyxl the way people fill a
绩效目标表: a title, 项目名称 / 资金 lines, a goal row, merged 一级/二级 cells,
operators inside the value; rows come from the real 宁晋 / 雨露计划 tables of
../shared/data/declarations/dev.jsonl.
"""
from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from kb.checker import apply_fixes, check_declaration, export_xlsx, read_table
from kb.errors import DataError
from tests.kbfactory import dev_record

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
pytestmark = pytest.mark.skipif(not SHARED.exists(), reason="../shared/data not present")


def _sheet_with_merged_cells(path: Path, rec: dict, operator_column: bool) -> list[int]:
    """Write `rec` as people do; returns the sheet row of each indicator."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "目标表"
    ws.append(["项目支出绩效目标表（2023年度）"])
    ws.merge_cells("A1:F1")
    ws.append(["项目名称", rec["project"]])
    ws.append(["资金总额（万元）", 7])
    ws.append(["年度目标", "对就读职业院校的脱贫户子女发放就学补助，保障按时足额发放"])
    head = ["一级指标", "二级指标", "三级指标"] + (["计算符号", "指标值"] if operator_column else ["指标值"]) + ["计量单位"]
    ws.append(head)
    rows = []
    for r in rec["indicators"]:
        value = r["value"] if operator_column else f"{r['operator']}{r['value']}"
        cells = [r["level1"], r["level2"], r["name"]] + ([r["operator"], value] if operator_column else [value])
        ws.append(cells + [r["unit"]])
        rows.append(ws.max_row)
    # merge the 一级指标 block (all 产出指标) like a real sheet
    ws.merge_cells(start_row=rows[0], start_column=1, end_row=rows[-1], end_column=1)
    wb.save(path)
    return rows


@pytest.mark.parametrize("operator_column", [True, False])
def test_xlsx_with_merged_cells_and_operator_in_value(tmp_path, operator_column):
    rec = dev_record("D013")  # 雨露计划 2023: 户数 with 人/次, 逾期发放率 ≥100%, 及时发放率 ≥100%
    p = tmp_path / "t.xlsx"
    sheet_rows = _sheet_with_merged_cells(p, rec, operator_column)
    t = read_table(p)
    assert t.project_name == rec["project"] and t.budget_wan == 7 and t.year == 2023
    items = [r for r in t.rows if r.name in {x["name"] for x in rec["indicators"]}]
    assert [r.level1 for r in items] == ["产出指标"] * 3  # merged cell carried down
    assert [r.name for r in items] == [x["name"] for x in rec["indicators"]]
    goal = t.rows[0]
    assert goal.level1 == "年度目标" and "就学补助" in goal.name
    rep = check_declaration(t)
    by_row: dict[int, set[str]] = {}
    for f in rep.findings:
        by_row.setdefault(f.row, set()).add(f.rule_id)
    # findings name the sheet row the person sees
    assert "UNIT-02" in by_row[sheet_rows[0]]
    assert "OP-04" in by_row[sheet_rows[1]]
    assert {"QNT-08", "TIME-05"} <= by_row[sheet_rows[2]]


def test_xlsx_without_header_names_the_sheet(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["这里没有指标表"])
    p = tmp_path / "x.xlsx"
    wb.save(p)
    with pytest.raises(DataError) as e:
        read_table(p)
    assert "说明" in str(e.value) and "表头" in str(e.value)


def test_broken_xlsx_is_a_clear_error(tmp_path):
    p = tmp_path / "broken.xlsx"
    p.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(DataError) as e:
        read_table(p)
    assert "broken.xlsx" in str(e.value)


def test_jsonl_rows_form_one_table_numbered_by_line(tmp_path):
    src = SHARED / "rules" / "cases_dev.jsonl"
    lines = src.read_text(encoding="utf-8").splitlines()
    p = tmp_path / "c.jsonl"
    p.write_text("\n".join(lines[:5] + [""] + lines[5:10]) + "\n", encoding="utf-8")
    t = read_table(p)
    assert len(t.rows) == 10
    assert t.row_numbers == [1, 2, 3, 4, 5, 7, 8, 9, 10, 11]
    rep = check_declaration(t)
    first = json.loads(lines[0])
    assert {f.rule_id for f in rep.findings if f.row == 1} == set(first["expected_findings"])


def test_jsonl_bad_line_names_the_line(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"name": "培训人次", "value": "100"}\n{oops\n', encoding="utf-8")
    with pytest.raises(DataError) as e:
        read_table(p)
    assert e.value.row == 2 and "bad.jsonl" in str(e.value)


def test_json_declaration_in_the_dev_shape(tmp_path):
    rec = dev_record("D010")
    p = tmp_path / "d.json"
    p.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    t = read_table(p)
    assert t.project_name == rec["project"] and t.year == 2019 and len(t.rows) == len(rec["indicators"])


def test_csv_in_gbk_with_blank_levels_carried_down(tmp_path):
    rec = dev_record("D010")
    lines = ["一级指标,二级指标,三级指标,计算符号,指标值,计量单位"]
    prev = ("", "")
    for r in rec["indicators"][1:]:
        l1 = "" if r["level1"] == prev[0] else r["level1"]
        l2 = "" if (r["level1"], r["level2"]) == prev else r["level2"]
        prev = (r["level1"], r["level2"])
        lines.append(",".join([l1, l2, r["name"], r["operator"], r["value"], r["unit"]]))
    p = tmp_path / "t.csv"
    p.write_bytes("\n".join(lines).encode("gbk"))
    t = read_table(p)
    assert [r.level1 for r in t.rows] == [r["level1"] for r in rec["indicators"][1:]]
    assert [r.level2 for r in t.rows] == [r["level2"] for r in rec["indicators"][1:]]
    assert t.row_numbers == list(range(2, len(rec["indicators"]) + 1))


def test_csv_has_the_bounds_of_a_sheet_and_chinese_errors(tmp_path):
    """Reported (fresh trial): a .csv had no row limit (an .xlsx stops at 5,000 rows × 60 columns) and a broken
    one answered with Python's English (“field larger than field limit (131072)”). Real rows of D010, repeated
    past the bound; blank lines after the table are not content."""
    rec = dev_record("D010")
    body = [",".join([r["level1"], r["level2"], r["name"], r["operator"], r["value"], r["unit"]])
            for r in rec["indicators"][1:]]
    head = "一级指标,二级指标,三级指标,计算符号,指标值,计量单位"
    ok = tmp_path / "ok.csv"
    ok.write_text("\n".join([head, *body]) + "\n" * 6000, encoding="utf-8")
    assert len(read_table(ok).rows) == len(body)
    big = tmp_path / "big.csv"
    big.write_text("\n".join([head, *(body * (5000 // len(body) + 1))]), encoding="utf-8")
    with pytest.raises(DataError, match="第 5001 行超出可读取的范围（最多 5000 行"):
        read_table(big)
    broken = tmp_path / "broken.csv"
    broken.write_text(f'{head}\n产出指标,数量指标,"{"x" * 200_000}",1,人\n', encoding="utf-8")
    with pytest.raises(DataError, match="第 2 行不是有效的 CSV") as e:
        read_table(broken)
    assert "field" not in str(e.value)


@pytest.mark.parametrize("name,msg", [("x.xls", "xlsx"), ("x.txt", "不支持"), ("missing.json", "不存在")])
def test_unsupported_or_missing(tmp_path, name, msg):
    p = tmp_path / name
    if not name.startswith("missing"):
        p.write_text("x", encoding="utf-8")
    with pytest.raises(DataError) as e:
        read_table(p)
    assert msg in str(e.value)


def test_export_reads_back_and_fixed_table_is_clean(tmp_path):
    rec = dev_record("D052")  # 特困家庭再扶助 2021 (real)
    p = tmp_path / "d.json"
    p.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    t = read_table(p)
    rep = check_declaration(t)
    out = export_xlsx(t, tmp_path / "checked.xlsx", rep)
    back = read_table(out)
    assert [(r.level1, r.level2, r.name, r.operator, r.value, r.unit) for r in back.rows] == \
           [(r.level1, r.level2, r.name, r.operator, r.value, r.unit) for r in t.rows]
    wb = openpyxl.load_workbook(out)
    assert "审核意见" in wb.sheetnames and wb["审核意见"].max_row == len(rep.findings) + 1
    fixed = apply_fixes(t, rep)
    out2 = export_xlsx(fixed, tmp_path / "fixed.xlsx", check_declaration(fixed))
    back2 = read_table(out2)
    again = check_declaration(back2)
    # only the rows whose rewrite was left to the declarant keep findings: deleting 6 and 7 (slogans)
    # would leave no 效益 row, so they carry advice instead of a rewrite
    advice = {t.rows[f.row - 1].name for f in rep.findings
              if f.row and f.suggestion and not f.suggestion.patch() and not f.suggestion.delete}
    assert advice == {t.rows[5].name, t.rows[6].name}
    assert {back2.rows[back2.row_numbers.index(f.row)].name for f in again.findings if f.scope == "row"} == advice


def test_xlsx_two_row_header_with_operator_value_unit_under_zhibiaozhi(tmp_path):
    rec = dev_record("D010")  # 宁晋 2019 (real)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["一级指标", "二级指标", "三级指标", "指标值", None, None])
    ws.merge_cells("D1:F1")
    ws.append([None, None, None, "运算符", "数值", "单位"])
    for c in "ABC":
        ws.merge_cells(f"{c}1:{c}2")
    for r in rec["indicators"][1:]:
        ws.append([r["level1"], r["level2"], r["name"], r["operator"], r["value"], r["unit"]])
    p = tmp_path / "two.xlsx"
    wb.save(p)
    t = read_table(p)
    assert t.row_numbers == list(range(3, 3 + len(rec["indicators"]) - 1))
    assert [(r.operator, r.value, r.unit) for r in t.rows] == \
           [(r["operator"], r["value"], r["unit"]) for r in rec["indicators"][1:]]


def test_read_tables_one_table_per_declaration_record(tmp_path):
    from kb.io.tables import read_tables

    recs = [dev_record("D002"), dev_record("D048")]
    p = tmp_path / "two.jsonl"
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    ts = read_tables(p)
    assert [(t.id, t.project_name, len(t.rows), t.year) for t in ts] == \
           [(r["id"], r["project"], len(r["indicators"]), r["year"]) for r in recs]
    with pytest.raises(DataError) as e:
        read_table(p)  # a single-table reader refuses a file of several tables
    assert "2 张表" in str(e.value)
    q = tmp_path / "list.json"
    q.write_text(json.dumps(recs, ensure_ascii=False), encoding="utf-8")
    assert [t.id for t in read_tables(q)] == ["D002", "D048"]
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(json.dumps(recs[0], ensure_ascii=False) + "\n" + json.dumps(recs[1]["indicators"][0],
                     ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as e:
        read_tables(mixed)
    assert e.value.row == 2 and "混合" in e.value.message
    bad = tmp_path / "bad.jsonl"
    rec = json.loads(json.dumps(recs[1]))
    rec["indicators"][4]["value"] = [230]
    bad.write_text(json.dumps(recs[0], ensure_ascii=False) + "\n" + json.dumps(rec, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    with pytest.raises(DataError) as e:
        read_tables(bad)
    assert (e.value.row, e.value.field) == (2, "rows[5].value")


def test_broken_json_and_a_truncated_workbook_are_explained_in_chinese(tmp_path):
    """Reported (fresh trial): a broken .json answered "Expecting ',' delimiter" and a zip that is no workbook
    "无法打开 Excel 文件（KeyError）" — Python's words. Both now say what is wrong and where, in Chinese."""
    p = tmp_path / "t.json"
    p.write_text('{"rows": [{"name": "培训人数" "value": "100"}]}', encoding="utf-8")
    with pytest.raises(DataError) as e:
        read_table(p)
    assert "缺少逗号" in e.value.message and "第 1 行" in e.value.message and "Expecting" not in e.value.message
    import zipfile
    z = tmp_path / "t.xlsx"
    with zipfile.ZipFile(z, "w") as f:
        f.writestr("readme.txt", "不是工作簿")
    with pytest.raises(DataError) as e:
        read_table(z)
    assert "KeyError" not in e.value.message and "无法打开 Excel 文件" in e.value.message, e.value.message


def test_a_table_without_rows_is_refused_like_an_empty_sheet(tmp_path):
    """Reported (fresh trial): POST /v1/declarations/check with {"rows": []} answered 200 with table findings
    (no 效益指标, no 成本指标 …) for a table that holds nothing; an empty sheet or CSV was refused already."""
    from kb.io.tables import tables_from_body

    with pytest.raises(DataError) as e:
        tables_from_body(b'{"project_name": "x", "rows": []}')
    # trial 24: the message names the field as the others do, 指标行（rows）为空 (it read “没有指标行：rows 为空”)
    assert e.value.field == "rows" and "指标行（rows）为空" in e.value.message
    p = tmp_path / "t.json"
    p.write_text('{"rows": []}', encoding="utf-8")
    with pytest.raises(DataError, match="指标行（rows）为空"):
        read_table(p)


def test_the_findings_sheet_points_at_rows_of_the_table_sheet(tmp_path):
    """Reported (fresh trial): the terminal named a finding's row by the input file (row 15) and the 审核意见
    sheet by another count (行号 9); the ninth trial then found the sheet's spreadsheet rows (第 9 行) beside the
    table's (第1、2行) in the messages. The sheet now gives one numbering, the table's — the row the terminal
    and the messages name — with the indicator's name, and its header says so (D059, real)."""
    rec = dev_record("D059")
    p = tmp_path / "d.json"
    p.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    t = read_table(p)
    rep = check_declaration(t)
    wb = openpyxl.load_workbook(export_xlsx(t, tmp_path / "checked.xlsx", rep))
    notes = wb["审核意见"]
    assert "不是本工作表的行号" in notes.cell(1, 1).value
    by_number = dict(zip(t.row_numbers or range(1, len(t.rows) + 1), t.rows))
    pointed = 0
    for f, line in zip(rep.findings, notes.iter_rows(min_row=2, values_only=True)):
        if f.row is None:
            continue
        assert line[0] == f"第{f.row}行“{by_number[f.row].name}”", (line, f.row)
        pointed += 1
    assert pointed >= 3


def test_the_budget_year_is_the_labelled_cell_or_the_one_the_text_states(tmp_path):
    """Fresh reviewer: an .xlsx with a blank 预算年度 and 项目概况 “对1950—2000年文书档案…2025年12月15日前完成”
    was read as the year 2000 (the first year in any cell), and the checker's deadline fixes wrote
    “2000年12月31日前”. The 预算年度 cell gives the year; else the title; else the one year the project's
    own words state (`kb.domain.years.stated_year`: a span of whole years names none)."""
    from kb.checker import check_declaration

    def sheet(year_cell, name):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["项目支出绩效目标表"])
        ws.append(["项目名称", "馆藏档案数字化加工"])
        ws.append(["预算年度", year_cell])
        ws.append(["项目概况", "对1950—2000年文书档案12万卷、320万画幅进行扫描，2025年12月15日前完成全部加工并通过验收。"])
        ws.append(["一级指标", "二级指标", "三级指标", "指标值", "计量单位"])
        ws.append(["产出指标", "时效指标", "项目完成时间", "", ""])
        wb.save(tmp_path / name)
        return read_table(tmp_path / name)

    t = sheet(None, "blank.xlsx")
    assert t.year == 2025
    [f] = [f for f in check_declaration(t).findings if f.rule_id == "STR-03"]
    assert f.suggestion.value == "2025年12月15日前"
    assert sheet("2026", "y2026.xlsx").year == 2026  # the cell wins, written without 年 too
    assert sheet("2024年度", "y2024.xlsx").year == 2024


def test_a_formula_without_a_cached_value_is_its_constant_or_its_text_never_empty(tmp_path):
    """Fresh reviewer: 指标值 “=100” typed in with openpyxl (a formula, no cached result) was read as empty, and
    the checker proposed a target for a blank. A formula is never evaluated: one that only writes a constant
    (=100, ="100") is read as it, any other as its text, which the checker reports as a formula (QNT-04);
    a cached result is read as before."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["一级指标", "二级指标", "三级指标", "计算符号", "指标值", "计量单位"])
    ws.append(["产出指标", "质量指标", "验收合格率", "=", "=100", "%"])
    ws.append(["产出指标", "数量指标", "修补面积", "≥", '="4600"', "平方米"])
    ws.append(["产出指标", "数量指标", "养护里程", "≥", "=SUM(E2:E3)", "公里"])
    ws.append(["满意度指标", "服务对象满意度指标", "群众满意度", "≥", 90, "%"])
    p = tmp_path / "f.xlsx"
    wb.save(p)
    t = read_table(p)
    assert [r.value for r in t.rows] == ["100", "4600", "=SUM(E2:E3)", "90"]
    rep = check_declaration(t)
    found = {(f.row, f.rule_id) for f in rep.findings}
    assert (4, "QNT-04") in found and not any(row in (2, 3) for row, _ in found), found
    assert not any(rid == "STR-03" for _, rid in found)
