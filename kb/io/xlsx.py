"""Write a 绩效目标表 as .xlsx in the usual layout (openpyxl), optionally with review findings.

Layout: title, 项目名称 / 预算年度 / 资金总额（万元） / 项目概况 lines, goal text rows
(总体目标 / 年度目标), then the header 一级指标 | 二级指标 | 三级指标 | 计算符号 |
指标值 | 计量单位 (| 权重) with 一级 and 二级 cells merged down their blocks.
With a report: 审核意见 and 修改建议 columns, rows coloured by their worst
severity, and a second sheet listing every finding with its basis.
`read_table` reads the file back to the same rows. Every cell is text
(`kb.io.xlsx_cells.text_cell`): a row named `=1+1` stays text, never a formula;
权重 alone is a number cell (`number_cell`), so Excel's SUM over it works.

Not for checking, nor for the staff page's template with 指标解释 / 设定依据
(`kb.io.xlsx_table`).
"""
from __future__ import annotations

from pathlib import Path

from kb.domain.budget import wan_text
from kb.domain.findings import SEVERITY_LABELS, SEVERITY_RANK, CheckReport
from kb.domain.schema import Declaration
from kb.io.xlsx_cells import merge_blocks, save_atomic, set_widths, table_frame, table_row, text_cell

HEADER = ["一级指标", "二级指标", "三级指标", "计算符号", "指标值", "计量单位"]
_FILL = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}


def export_xlsx(decl: Declaration, path: str | Path, report: CheckReport | None = None) -> Path:
    """Write `decl` to `path` (.xlsx) in 绩效目标表 layout; returns the path.

    Row numbers of `report` must refer to `decl` (as `check_declaration(decl)`
    gives them). Raises DataError when the file cannot be written.
    """
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "绩效目标表"
    numbers = list(getattr(decl, "row_numbers", None) or range(1, len(decl.rows) + 1))
    goals, items = [], []
    for n, r in zip(numbers, decl.rows):
        (goals if r.is_goal else items).append((n, r))
    has_weight = any(r.weight is not None for _, r in items)
    cols = HEADER + (["权重"] if has_weight else []) + (["审核意见", "修改建议"] if report is not None else [])
    lines = [("项目名称", decl.project_name), ("预算年度", f"{decl.year}年" if decl.year else ""),
             ("资金总额（万元）", wan_text(decl.budget_wan) if decl.budget_wan is not None else "")]
    if (decl.description or "").strip():  # read back by kb.io.tables (FEAS-04 and deadlines need it)
        lines.append(("项目概况", decl.description.strip()))
    lines += [(g.level1.strip() or "年度目标", g.name) for _, g in goals]
    first = table_frame(ws, cols, lines) + 1
    last = _write_items(ws, items, report, has_weight, first)
    merge_blocks(ws, first, last)
    set_widths(ws, [12, 16, 36, 9, 18, 10] + ([8] if has_weight else []) + ([48, 40] if report is not None else []))
    if report is not None:
        write_findings(wb.create_sheet("审核意见"), report, {n: r.name for n, r in zip(numbers, decl.rows)})
    return save_atomic(wb, path)


def _write_items(ws, items: list, report: CheckReport | None, has_weight: bool, line: int) -> int:
    """The indicator rows from `line` on, with 审核意见 / 修改建议 and a fill by the worst severity; returns the last line."""
    from openpyxl.styles import PatternFill

    by_row: dict[int, list] = {}
    for f in report.findings if report is not None else ():
        if f.row is not None:
            by_row.setdefault(f.row, []).append(f)
    for n, r in items:
        vals = [r.level1, r.level2, r.name, r.operator, r.value, r.unit] + ([r.weight] if has_weight else [])
        fs = by_row.get(n, [])
        if report is not None:
            vals.append("\n".join(f"[{f.rule_id}·{SEVERITY_LABELS[f.severity]}] {f.message}" for f in fs))
            vals.append("\n".join(dict.fromkeys(t for f in fs if (t := f.suggestion.text if f.suggestion else ""))))
        cells = table_row(ws, line, vals, numbers=(len(HEADER) + 1,) if has_weight else ())  # 权重: a number
        if fs:
            worst = max(fs, key=lambda f: SEVERITY_RANK[f.severity]).severity
            for c in cells:
                c.fill = PatternFill("solid", fgColor=_FILL[worst])
        line += 1
    return line - 1


SHEET_ROWS = "所在行（“{sheet}”工作表的行号，即 Excel 左侧显示的行号，与终端、接口和问题描述中的“第N行”一致）"
INPUT_ROWS = ("所在行（输入文件中的行号，与终端、接口和问题描述中的“第N行”一致：.xlsx / CSV 为原表的行号，"
              "JSON 为 rows 中的第几行，JSONL 为文件的第几行；不是本工作表的行号）")
TABLE_ROWS = "所在行（表内第几行指标，与问题描述中的“第N行”一致；不是本工作表的行号）"


def write_findings(ws, report: CheckReport, names: dict[int, str], header: str = INPUT_ROWS,
                   notes: tuple[tuple[str, str], ...] = ()) -> None:
    """The 审核意见 sheet: every finding with the row it is about — the row number the terminal, the API and
    the findings' messages give, with the indicator's name (`names`: row number → 三级指标) — its rule,
    severity, dimension, suggestion and basis. `header` (the first column's title) says which numbering
    that is: `SHEET_ROWS` (formatted with the sheet's name) when the numbers are the rows of the table's
    sheet in the same workbook (an .xlsx or CSV input annotated in place, a `--fix` table numbered as
    written: round 17, one numbering everywhere), else `INPUT_ROWS` (a JSON input's rows). `notes`: (field, text)
    lines about the whole table that are no finding (a --fix table's blank 分值, trial 17), listed after the
    findings as 提示."""
    from openpyxl.styles import Alignment, Font

    head = [header, "规则", "严重程度", "审核要点", "范围", "字段", "问题", "修改建议", "依据"]
    for j, h in enumerate(head, 1):
        text_cell(ws, 1, j, h).font = Font(bold=True)
    for i, f in enumerate(report.findings, 2):
        where = "全表" if f.row is None else f"第{f.row}行" + (f"“{names[f.row]}”" if names.get(f.row) else "")
        vals = [where, f.rule_id, SEVERITY_LABELS[f.severity],
                f.dimension_label, "行" if f.scope == "row" else "表", f.field, f.message,
                f.suggestion.text if f.suggestion else "", f.basis]
        for j, v in enumerate(vals, 1):
            text_cell(ws, i, j, v).alignment = Alignment(wrap_text=True, vertical="top")
    for i, (field, text) in enumerate(notes, len(report.findings) + 2):
        for j, v in enumerate(["全表", "", SEVERITY_LABELS["info"], "", "表", field, text, "", ""], 1):
            text_cell(ws, i, j, v).alignment = Alignment(wrap_text=True, vertical="top")
    set_widths(ws, [24, 9, 8, 8, 5, 8, 40, 40, 60])
