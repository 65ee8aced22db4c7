"""Write a 绩效目标表 as .xlsx in the usual layout (openpyxl), optionally with review findings.

Layout: title, 项目名称 / 预算年度 / 资金总额（万元） lines, goal text rows
(总体目标 / 年度目标), then the header 一级指标 | 二级指标 | 三级指标 | 计算符号 |
指标值 | 计量单位 (| 权重) with 一级 and 二级 cells merged down their blocks.
With a report: 审核意见 and 修改建议 columns, rows coloured by their worst
severity, and a second sheet listing every finding with its basis.
`read_table` reads the file back to the same rows.

Not for checking.
"""
from __future__ import annotations

import os
from pathlib import Path

from kb.domain.findings import SEVERITY_LABELS, SEVERITY_RANK, CheckReport
from kb.domain.schema import Declaration
from kb.errors import DataError

HEADER = ["一级指标", "二级指标", "三级指标", "计算符号", "指标值", "计量单位"]
_FILL = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}


def export_xlsx(decl: Declaration, path: str | Path, report: CheckReport | None = None) -> Path:
    """Write `decl` to `path` (.xlsx) in 绩效目标表 layout; returns the path.

    Row numbers of `report` must refer to `decl` (as `check_declaration(decl)`
    gives them). Raises DataError when the file cannot be written.
    """
    from openpyxl import Workbook

    p = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "绩效目标表"
    numbers = list(getattr(decl, "row_numbers", None) or range(1, len(decl.rows) + 1))
    goals, items = [], []
    for n, r in zip(numbers, decl.rows):
        (goals if r.is_goal else items).append((n, r))
    has_weight = any(r.weight is not None for _, r in items)
    cols = HEADER + (["权重"] if has_weight else []) + (["审核意见", "修改建议"] if report is not None else [])
    line = _write_head(ws, decl, goals, cols)
    first = line + 1
    last = _write_items(ws, items, report, has_weight, first, len(cols))
    _merge_levels(ws, first, last)
    _widths(ws, [12, 16, 36, 9, 18, 10] + ([8] if has_weight else []) + ([48, 40] if report is not None else []))
    if report is not None:
        _write_findings(wb.create_sheet("审核意见"), report)
    _save(wb, p)
    return p


def _write_head(ws, decl: Declaration, goals: list, cols: list[str]) -> int:
    """Title, 项目名称 / 预算年度 / 资金总额 lines, goal-text rows and the header; returns the header's line."""
    from openpyxl.styles import Alignment, Font, PatternFill

    ncol = len(cols)
    ws.cell(1, 1, "项目支出绩效目标表").font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    line = 2
    info = [("项目名称", decl.project_name), ("预算年度", f"{decl.year}年" if decl.year else ""),
            ("资金总额（万元）", f"{decl.budget_wan:g}" if decl.budget_wan is not None else "")]
    for label, val in info:
        ws.cell(line, 1, label).font = Font(bold=True)
        ws.cell(line, 2, val)
        ws.merge_cells(start_row=line, start_column=2, end_row=line, end_column=ncol)
        line += 1
    for _, g in goals:
        ws.cell(line, 1, g.level1.strip() or "年度目标").font = Font(bold=True)
        ws.cell(line, 2, g.name).alignment = Alignment(wrap_text=True, vertical="center")
        ws.merge_cells(start_row=line, start_column=2, end_row=line, end_column=ncol)
        line += 1
    for j, h in enumerate(cols, 1):
        c = ws.cell(line, j, h)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="D9D9D9")
        c.border = _border()
        c.alignment = Alignment(horizontal="center", vertical="center")
    return line


def _border():
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="999999")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def _write_items(ws, items: list, report: CheckReport | None, has_weight: bool, line: int, ncol: int) -> int:
    """The indicator rows from `line` on, with 审核意见 / 修改建议 and a fill by the worst severity; returns the last line."""
    from openpyxl.styles import Alignment, PatternFill

    border, wrap = _border(), Alignment(wrap_text=True, vertical="center")
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
        for j, v in enumerate(vals, 1):
            c = ws.cell(line, j, v)
            c.border = border
            c.alignment = wrap
        if fs:
            worst = max(fs, key=lambda f: SEVERITY_RANK[f.severity]).severity
            for j in range(1, ncol + 1):
                ws.cell(line, j).fill = PatternFill("solid", fgColor=_FILL[worst])
        line += 1
    return line - 1


def _merge_levels(ws, first: int, last: int) -> None:
    """Merge the 一级 / 二级 cells down their blocks (a 二级 block never crosses a 一级 one)."""
    for col in (1, 2):
        start = first
        for rr in range(first + 1, last + 2):
            same = rr <= last and ws.cell(rr, col).value == ws.cell(start, col).value and (
                col == 1 or ws.cell(rr, 1).value == ws.cell(start, 1).value)
            if not same:
                if rr - 1 > start and ws.cell(start, col).value:
                    ws.merge_cells(start_row=start, start_column=col, end_row=rr - 1, end_column=col)
                start = rr


def _widths(ws, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for j, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = w


def _write_findings(ws, report: CheckReport) -> None:
    """The 审核意见 sheet: every finding with its rule, severity, dimension, suggestion and basis."""
    from openpyxl.styles import Alignment, Font

    head = ["行号", "规则", "严重程度", "审核要点", "范围", "字段", "问题", "修改建议", "依据"]
    for j, h in enumerate(head, 1):
        ws.cell(1, j, h).font = Font(bold=True)
    for i, f in enumerate(report.findings, 2):
        vals = [f.row if f.row is not None else "全表", f.rule_id, SEVERITY_LABELS[f.severity],
                f.dimension_label, "行" if f.scope == "row" else "表", f.field, f.message,
                f.suggestion.text if f.suggestion else "", f.basis]
        for j, v in enumerate(vals, 1):
            ws.cell(i, j, v).alignment = Alignment(wrap_text=True, vertical="top")
    _widths(ws, [6, 9, 8, 8, 5, 8, 40, 40, 60])


def _save(wb, p: Path) -> None:
    """Save all or nothing: a crash mid-write leaves any old file intact."""
    tmp = p.with_name(f".{p.name}.tmp")
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        wb.save(tmp)
        os.replace(tmp, p)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise DataError(f"无法写入文件：{e.strerror}", file=str(p)) from e
