"""Reading voucher exports (pure): header recognition, amounts, errors by row and column,
categories, periods, and which lines are a project's spending."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from kb.archive import accounts
from kb.archive import vouchers as V
from kb.archive.search import parse_query
from kb.evidence.tables import read_sheets
from kb.settings import EvidenceSettings
from tests.evidence_fixtures import HEADER, voucher_rows, write_vouchers_csv, write_vouchers_xlsx


def test_header_is_recognised_in_any_order_with_usual_aliases():
    rows = [(1, ["记账凭证"]), (2, ["项目名称", "贷方", "借方", "科目", "摘要", "凭证字号", "日期"])]
    h = V.find_voucher_header(rows)
    assert h.row == 2 and h.cols == {"project_name": 0, "credit": 1, "debit": 2, "account": 3, "summary": 4,
                                     "voucher_no": 5, "date": 6}
    rows = [(3, ["日期", "凭证号", "摘要", "科目名称", "借方金额(元)", "贷方金额（元）", "项目编码"])]
    assert V.find_voucher_header(rows).cols["project_code"] == 6
    # no project column → not a voucher sheet (a ledger of one account looks like this)
    assert V.find_voucher_header([(1, ["日期", "凭证号", "摘要", "科目", "借方", "贷方", "余额"])]) is None


@pytest.mark.parametrize("cell,fen", [(None, 0), ("", 0), (1234, 123400), (1234.5, 123450), ("1,234.56", 123456),
                                      ("￥185,000.00", 18500000), ("(100.00)", -10000), ("-5000", -500000),
                                      (0.1 + 0.2, None)])
def test_amounts_are_exact_fen(cell, fen):
    if fen is None:
        with pytest.raises(ValueError):
            V.parse_amount_fen(cell)  # 0.30000000000000004 has more than two decimals
    else:
        assert V.parse_amount_fen(cell) == fen


@pytest.mark.parametrize("cell,date", [("2024-06-15", dt.date(2024, 6, 15)), ("2024/6/5", dt.date(2024, 6, 5)),
                                       ("2024年6月15日", dt.date(2024, 6, 15)), ("20240615", dt.date(2024, 6, 15)),
                                       (dt.datetime(2024, 6, 15, 0, 0), dt.date(2024, 6, 15)), ("", None)])
def test_dates(cell, date):
    assert V.parse_date(cell) == date


def _sheet(path):
    return read_sheets(path, path.suffix[1:], EvidenceSettings())[0]


def test_the_export_parses_with_continuation_lines_and_subtotals(tmp_path):
    sh = _sheet(write_vouchers_xlsx(tmp_path / "凭证.xlsx"))
    h = V.find_voucher_header(sh.rows)
    assert h.row == 3
    lines = V.parse_voucher_rows(sh.rows, h)
    assert len(lines) == 24  # 6 vouchers × 4 lines; the 合计 line is skipped
    assert [x.row for x in lines[:4]] == [4, 5, 6, 7]
    assert {x.voucher_no for x in lines[:4]} == {"记-8"} and {x.date for x in lines[:4]} == {dt.date(2024, 3, 15)}
    assert lines[4].debit_fen == 18_500_000 and lines[12].debit_fen == -500_000
    assert lines[0].project_code == "XM2024-007" and lines[0].account_code == "5001"
    # the same export as GB18030 CSV reads the same
    csv_lines = V.parse_voucher_rows((s := _sheet(write_vouchers_csv(tmp_path / "凭证.csv"))).rows,
                                     V.find_voucher_header(s.rows))
    assert [(x.date, x.voucher_no, x.account, x.debit_fen, x.credit_fen) for x in csv_lines] == \
           [(x.date, x.voucher_no, x.account, x.debit_fen, x.credit_fen) for x in lines]


def test_every_bad_cell_is_reported_as_row_and_column(tmp_path):
    rows = voucher_rows()
    rows[1][7] = "十八万"             # file row 5, 贷方金额
    rows[4][0] = "2024-13-01"         # file row 8, 凭证日期
    rows[9][5] = None                 # file row 13, 科目名称
    rows[9][4] = None
    sh = _sheet(write_vouchers_xlsx(tmp_path / "凭证.xlsx", rows))
    with pytest.raises(V.RowErrors) as e:
        V.parse_voucher_rows(sh.rows, V.find_voucher_header(sh.rows))
    assert e.value.problems == ["第5行 贷方金额: “十八万”不是金额（以元为单位的数字）",
                                "第8行 凭证日期: “2024-13-01”不是有效日期",
                                "第13行 科目名称: 为空"]


def test_spending_counts_budget_expenditure_only_when_books_are_parallel():
    L = lambda acc, code, d=0, c=0: SimpleNamespace(account=acc, account_code=code, debit_fen=d, credit_fen=c)  # noqa: E731
    parallel = [L("业务活动费用/维修(护)费", "5001", d=100), L("零余额账户用款额度", "1011", c=100),
                L("事业支出/项目支出/维修(护)费", "7201", d=100), L("资金结存/零余额账户用款额度", "8001", c=100)]
    assert accounts.spending_fen(parallel) == 100
    financial_only = [L("业务活动费用/维修费", "", d=300), L("银行存款", "", c=300),
                      L("专用设备购置", "", d=50), L("应付账款", "", c=50), L("应付账款", "", d=50), L("银行存款", "", c=50)]
    assert accounts.spending_fen(financial_only) == 350  # paying the payable is no new spending
    assert accounts.spending_fen([L("事业支出", "", d=100), L("事业支出", "", d=-20)]) == 80  # red reversal
    assert accounts.spending_fen([L("维修费", "", d=100), L("维修费", "", c=30)]) == 70  # refund


def test_categories_and_periods():
    assert V.classify("2024年6月 明细账", [(1, ["日期", "凭证号", "摘要", "借方", "贷方", "余额"])], is_voucher=False) == "ledger"
    assert V.classify("2024年度收入费用表", [(1, ["项目", "行次", "本年数", "上年数"])], is_voucher=False) == "report"
    assert V.classify("资产负债表", [(1, ["资产", "期末余额", "年初余额"])], is_voucher=False) == "report"
    assert V.classify("合同台账", [(1, ["合同名称", "金额"])], is_voucher=False) == "other"
    assert V.period_from_text("凭证导出 2024年6月") == (dt.date(2024, 6, 1), dt.date(2024, 6, 30))
    assert V.period_from_text("2024年第二季度报表") == (dt.date(2024, 4, 1), dt.date(2024, 6, 30))
    assert V.period_from_text("2024年1-6月明细账") == (dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    assert V.period_from_text("2023年度决算") == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert V.period_from_text("合同") is None


def test_archive_query_is_read_as_period_category_and_words():
    assert parse_query("2024年6月 维修费 凭证") == (dt.date(2024, 6, 1), dt.date(2024, 6, 30), "voucher", "维修费")
    assert parse_query("2023年度 资产负债表") == (dt.date(2023, 1, 1), dt.date(2023, 12, 31), "report", "")
    assert parse_query("办公费") == (None, None, None, "办公费")


def test_header_names_match_the_fixture():
    assert V.find_voucher_header([(1, HEADER)]).cols == {
        "date": 0, "voucher_word": 1, "voucher_no": 2, "summary": 3, "account_code": 4, "account": 5, "debit": 6,
        "credit": 7, "project_code": 8, "project_name": 9}


def test_a_formatted_empty_tail_is_no_data_but_rows_past_the_cap_are(tmp_path):
    """Whole formatted columns push an .xlsx's dimension far down: empty rows past the cap are
    not data; a non-empty row past the cap marks the sheet truncated (the import refuses it)."""
    import openpyxl

    from kb.errors import DataError
    from kb.archive.importer import read_rows
    from kb.settings import Settings

    path = write_vouchers_xlsx(tmp_path / "凭证.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.active.cell(row=5000, column=7).number_format = "#,##0.00"
    wb.save(path)
    small = EvidenceSettings(max_sheet_rows=100)
    [sh] = read_sheets(path, "xlsx", small)
    assert not sh.truncated and sh.rows[-1][0] == 28
    wb.active.cell(row=150, column=4).value = "补记"
    wb.save(path)
    assert read_sheets(path, "xlsx", small)[0].truncated
    with pytest.raises(DataError, match="单元格 D150 超出可读取的范围（最多 100 行"):  # a short table: the cell is named
        read_rows(path, "xlsx", "凭证.xlsx", Settings(evidence=small))
    for r in range(29, 101):  # rows run up to the cap and on past it: a table too long, to be split
        wb.active.cell(row=r, column=4).value = "补记"
    wb.save(path)
    with pytest.raises(DataError, match="行数超过上限 100，请按期间拆分"):
        read_rows(path, "xlsx", "凭证.xlsx", Settings(evidence=small))


def test_voucher_dates_in_excels_chinese_date_formats_are_read_as_dates(tmp_path):
    """A zh-CN Excel saves 2024年6月12日 as serial 45455 under built-in format 31, which openpyxl leaves a number."""
    import openpyxl

    path = write_vouchers_xlsx(tmp_path / "凭证.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    dates = {}
    for (cell,) in ws.iter_rows(min_row=4, min_col=1, max_col=1):
        if isinstance(cell.value, dt.datetime):
            dates[cell.row] = cell.value.date()
            cell.value = (cell.value - dt.datetime(1899, 12, 30)).days  # the serial Excel stores
            cell.number_format = "0"
            cell._style.numFmtId = 31  # yyyy"年"m"月"d"日", a built-in id openpyxl does not know
    wb.save(path)
    [sheet] = read_sheets(path, "xlsx", EvidenceSettings())
    h = V.find_voucher_header(sheet.rows)
    lines = V.parse_voucher_rows(sheet.rows, h)
    assert {ln.row: ln.date for ln in lines if ln.row in dates} == dates and len(dates) == 6
