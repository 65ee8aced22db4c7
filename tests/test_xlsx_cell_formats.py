"""Cells read as the text they show (reported defect): Excel's built-in Chinese date formats (number format ids
27–36 and 50–58, which openpyxl does not know) read as dates, not serials such as 45657; numbers read rounded to
the decimals their number format shows. Through the 绩效目标表 reader and the library sheet import."""
from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

from kb.checker import read_table
from kb.io.xlsx_cells import sheet_cell_text, shown_decimals
from kb.io.xlsx_library import LABEL, read_sheet

DEC_31 = 45657  # 2024-12-31 as an Excel serial (1900 date system)


def _builtin(cell, fmt_id: int) -> None:
    """Give the cell Excel's built-in number format `fmt_id` the way a zh-CN Excel saves it: the cell style's
    numFmtId only, no <numFmt> entry in styles.xml."""
    cell.number_format = "0"  # gives the cell its own style record
    cell._style.numFmtId = fmt_id


def _saved(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_builtin_chinese_date_formats_read_as_dates():
    wb = Workbook()
    ws = wb.active
    cases = {31: (DEC_31, "2024年12月31日"), 30: (DEC_31, "2024年12月31日"), 57: (DEC_31, "2024年12月"),
             27: (DEC_31, "2024年12月"), 58: (DEC_31, "12月31日"), 32: (0.5 + 1 / 48, "12时30分"),
             33: (DEC_31 + 0.25, "6时00分00秒")}
    for i, (fid, (serial, _)) in enumerate(cases.items(), 1):
        ws.cell(i, 1, serial)
        _builtin(ws.cell(i, 1), fid)
    ws.cell(20, 1, 45657)  # a plain number stays a number
    data = _saved(wb)
    back = load_workbook(io.BytesIO(data))
    assert back.active.cell(1, 1).value == DEC_31  # openpyxl alone keeps the serial
    for ro in (False, True):
        sheet = load_workbook(io.BytesIO(data), read_only=ro).active
        got = [sheet_cell_text(c) for (c,) in sheet.iter_rows(min_row=1, max_row=len(cases))]
        assert got == [want for _, want in cases.values()], ro
        assert sheet_cell_text(next(sheet.iter_rows(min_row=20, max_row=20))[0]) == "45657"


def test_numbers_read_to_the_decimals_their_format_shows():
    assert [shown_decimals(f) for f in ("#,##0", "0.00", "0.0%", '#,##0.00"万元"', "General", "@", "0.00E+00",
                                         "# ?/?", "#,##0,")] == [0, 2, 1, 2, None, None, None, None, None]
    wb = Workbook()
    ws = wb.active
    for i, (v, fmt) in enumerate([(1500.0000001, "#,##0"), (12.3456, "0.00"), (0.95499999, "0.0%"),
                                  (3.14159, "General")], 1):
        ws.cell(i, 1, v).number_format = fmt
    sheet = load_workbook(io.BytesIO(_saved(wb))).active
    assert [sheet_cell_text(c) for (c,) in sheet.iter_rows()] == ["1500", "12.35", "95.5%", "3.14159"]


def _target_table(path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["项目名称", "乡村道路修缮项目"])
    ws.append(["一级指标", "二级指标", "三级指标", "指标值", "计量单位"])
    ws.append(["产出指标", "数量指标", "道路修缮里程", 12.0000000001, "公里"])
    ws.cell(3, 4).number_format = "0.0"
    ws.append(["产出指标", "时效指标", "完工时间", DEC_31, ""])
    _builtin(ws.cell(4, 4), 31)
    ws.append(["成本指标", "经济成本指标", "道路修缮成本", 1500.0000001, "元"])
    ws.cell(5, 4).number_format = "#,##0"
    wb.save(path)


def test_table_reader_reads_dates_and_rounded_numbers(tmp_path):
    p = tmp_path / "表.xlsx"
    _target_table(p)
    t = read_table(p)
    assert [(r.name, r.value) for r in t.rows] == [("道路修缮里程", "12"), ("完工时间", "2024年12月31日"),
                                                   ("道路修缮成本", "1500")]


def test_library_import_sheet_reads_dates_and_rounded_numbers():
    wb = Workbook()
    ws = wb.active
    ws.append([LABEL["name"], LABEL["level1"], LABEL["level2"], LABEL["value"], LABEL["range_low"]])
    ws.append(["道路修缮完成时间", "产出指标", "时效指标", DEC_31, None])
    _builtin(ws.cell(2, 4), 57)
    ws.append(["道路修缮成本", "成本指标", "经济成本指标", 1500.0000001, 1200.00000004])
    ws.cell(3, 4).number_format = "#,##0"
    ws.cell(3, 5).number_format = "#,##0"
    rows, problems = read_sheet(_saved(wb), "库.xlsx")
    assert problems == []
    assert [(n, r["name"], r["value"], r.get("range_low", "")) for n, r in rows] == [
        (2, "道路修缮完成时间", "2024年12月", ""), (3, "道路修缮成本", "1500", "1200")]


def _weight_cells(path, header_name: str):
    """(the 分值/权重 cells of the 绩效目标表 sheet, every other cell that holds something) of a written file."""
    ws = load_workbook(path)["绩效目标表"]
    rows = list(ws.iter_rows())
    hdr = next(i for i, r in enumerate(rows) if r[0].value == "一级指标")
    col = [c.value for c in rows[hdr]].index(header_name)
    weights = [r[col] for r in rows[hdr + 1:]]
    others = [c for i, r in enumerate(rows) for j, c in enumerate(r) if c.value is not None and not (i > hdr and j == col)]
    return weights, others


def test_weights_are_number_cells_that_add_up_and_read_back(tmp_path):
    """Reported (review): every cell was text on purpose (no formulas), so Excel's SUM over 分值 gave 0. 分值
    (权重 in the check report) alone is a number cell — an int when whole, never a string, so never a formula —
    every other cell stays text, and the readers give the same weights back."""
    from kb.domain.schema import Declaration, TargetRow
    from kb.io.xlsx import export_xlsx
    from kb.io.xlsx_table import TableRow, TargetTable, write_declaration, write_table

    rows = [("产出指标", "数量指标", "培训人数", "≥", "300", "人", 37.5),
            ("产出指标", "质量指标", "=SUM(A1:A9)", "=", "100", "%", 12.5),
            ("满意度指标", "服务对象满意度指标", "受训人员满意度", "≥", "90", "%", 50)]
    table = TargetTable(project_name="培训项目", rows=[
        TableRow(level1=a, level2=b, name=n, operator=o, value=v, unit=u, weight=w) for a, b, n, o, v, u, w in rows])
    decl = Declaration(project_name="培训项目", rows=[
        TargetRow(level1=a, level2=b, name=n, operator=o, value=v, unit=u, weight=w) for a, b, n, o, v, u, w in rows])
    written = [(write_table(table, tmp_path / "t.xlsx"), "分值"),            # the staff page's template, suggest's
               (write_declaration(decl, tmp_path / "fix.xlsx"), "分值"),     # check --fix --out
               (export_xlsx(decl, tmp_path / "out.xlsx"), "权重")]           # check --out
    for path, header in written:
        weights, others = _weight_cells(path, header)
        assert [c.value for c in weights] == [37.5, 12.5, 50], path
        assert all(c.data_type == "n" and not isinstance(c.value, str) for c in weights), path
        assert isinstance(weights[2].value, int)                          # 50, not 50.0
        assert sum(c.value for c in weights) == 100                       # what Excel's SUM now gives
        assert all(c.data_type == "s" for c in others), path              # everything else stays text
        back = read_table(path)
        assert [(r.name, r.weight) for r in back.rows] == [(n, float(w)) for _, _, n, _, _, _, w in rows], path
    # a row without a weight leaves the cell empty (text), as before
    t = TargetTable(rows=[TableRow(level1="产出指标", level2="数量指标", name="培训人数", operator="≥", value="3",
                                   unit="人")])
    weights, _ = _weight_cells(write_table(t, tmp_path / "none.xlsx"), "分值")
    assert weights[0].value is None and read_table(tmp_path / "none.xlsx").rows[0].weight is None
