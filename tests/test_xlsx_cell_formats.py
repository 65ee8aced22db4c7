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
