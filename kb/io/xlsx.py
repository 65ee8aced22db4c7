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
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    p = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "绩效目标表"
    numbers = list(getattr(decl, "row_numbers", None) or range(1, len(decl.rows) + 1))
    goals, items = [], []
    for n, r in zip(numbers, decl.rows):
        (goals if r.is_goal else items).append((n, r))
    has_weight = any(r.weight is not None for _, r in items)
    cols = HEADER + (["权重"] if has_weight else [])
    by_row: dict[int, list] = {}
    if report is not None:
        cols += ["审核意见", "修改建议"]
        for f in report.findings:
            if f.row is not None:
                by_row.setdefault(f.row, []).append(f)
    ncol = len(cols)
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")

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
    for n, g in goals:
        ws.cell(line, 1, g.level1.strip() or "年度目标").font = Font(bold=True)
        c = ws.cell(line, 2, g.name)
        c.alignment = wrap
        ws.merge_cells(start_row=line, start_column=2, end_row=line, end_column=ncol)
        line += 1
    hdr = line
    for j, h in enumerate(cols, 1):
        c = ws.cell(hdr, j, h)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="D9D9D9")
        c.border = border
        c.alignment = Alignment(horizontal="center", vertical="center")
    line += 1
    first = line
    for n, r in items:
        vals = [r.level1, r.level2, r.name, r.operator, r.value, r.unit]
        if has_weight:
            vals.append(r.weight)
        fs = by_row.get(n, [])
        if report is not None:
            vals.append("\n".join(f"[{f.rule_id}·{SEVERITY_LABELS[f.severity]}] {f.message}" for f in fs))
            sugs = []
            for f in fs:
                t = f.suggestion.text if f.suggestion else ""
                if t and t not in sugs:
                    sugs.append(t)
            vals.append("\n".join(sugs))
        for j, v in enumerate(vals, 1):
            c = ws.cell(line, j, v)
            c.border = border
            c.alignment = wrap
        if fs:
            worst = max(fs, key=lambda f: SEVERITY_RANK[f.severity]).severity
            for j in range(1, ncol + 1):
                ws.cell(line, j).fill = PatternFill("solid", fgColor=_FILL[worst])
        line += 1
    last = line - 1
    # merge 一级 / 二级 blocks
    for col in (1, 2):
        start = first
        for rr in range(first + 1, last + 2):
            same = rr <= last and ws.cell(rr, col).value == ws.cell(start, col).value and (
                col == 1 or ws.cell(rr, 1).value == ws.cell(start, 1).value)
            if not same:
                if rr - 1 > start and ws.cell(start, col).value:
                    ws.merge_cells(start_row=start, start_column=col, end_row=rr - 1, end_column=col)
                start = rr
    widths = [12, 16, 36, 9, 18, 10] + ([8] if has_weight else []) + ([48, 40] if report is not None else [])
    for j, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = w

    if report is not None:
        ws2 = wb.create_sheet("审核意见")
        head = ["行号", "规则", "严重程度", "审核要点", "范围", "字段", "问题", "修改建议", "依据"]
        for j, h in enumerate(head, 1):
            ws2.cell(1, j, h).font = Font(bold=True)
        for i, f in enumerate(report.findings, 2):
            vals = [f.row if f.row is not None else "全表", f.rule_id, SEVERITY_LABELS[f.severity],
                    f.dimension_label, "行" if f.scope == "row" else "表", f.field, f.message,
                    f.suggestion.text if f.suggestion else "", f.basis]
            for j, v in enumerate(vals, 1):
                ws2.cell(i, j, v).alignment = Alignment(wrap_text=True, vertical="top")
        for j, w in enumerate([6, 9, 8, 8, 5, 8, 40, 40, 60], 1):
            ws2.column_dimensions[get_column_letter(j)].width = w
    tmp = p.with_name(f".{p.name}.tmp")
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        wb.save(tmp)
        os.replace(tmp, p)  # all or nothing: a crash mid-write leaves any old file intact
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise DataError(f"无法写入文件：{e.strerror}", file=str(p)) from e
    return p
