"""Routes that hand a 绩效目标表 out as .xlsx (the usual template, every cell text).

`POST /v1/declarations/export` writes the table as edited on the staff page
(or sent by any client); `GET /v1/declarations/{id}/xlsx` writes a stored
declaration's current version (another unit's answers 404, as everywhere).
Blank 指标解释 cells are filled from the library indicator the row stands for
(only indicators the key may see). Layout: `kb.excel.table`.
"""
from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from kb.errors import ConfigError, NotFound
from kb.excel.table import TableRow, TargetTable, download_name, fill_explanations, table_xlsx_bytes
from kb.lifecycle import service as svc
from kb.lifecycle.service import Principal
from service.auth import call, get_session, require_key
from service.scope import visible_units

router = APIRouter(prefix="/v1/declarations", tags=["事前申报"], dependencies=[Depends(require_key)])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_XLSX_RESPONSE = {200: {"content": {XLSX: {}}, "description": "绩效目标表 .xlsx"},
                  401: {"description": "缺少或无效的 API 密钥"}, 404: {"description": "申报不存在（或属于其他单位）"},
                  422: {"description": "输入有误（指明字段）"}}


def _finder(request: Request, p: Principal):
    """row → the visible library indicator it stands for (by id, else by name), or None."""
    try:
        from service.deps import kb_dep

        kb = kb_dep(request)
    except (ConfigError, ImportError):
        return lambda row: None
    seen = visible_units(p)

    def visible(ind):
        return ind if ind is not None and (ind.library.value == "basic" or seen is None
                                           or ind.unit_name in seen) else None

    def find(row: TableRow):
        if row.indicator_id:
            try:
                return visible(kb.get_indicator(row.indicator_id))
            except NotFound:
                pass
        from kb.schema import parse_level2

        l2 = parse_level2(row.level2)
        return visible(kb.lookup(row.name, l2.value if l2 else None)) if row.name.strip() else None

    return find


def _xlsx(table: TargetTable, request: Request, p: Principal) -> Response:
    data = table_xlsx_bytes(fill_explanations(table, _finder(request, p)))
    name = download_name(table.project_name)
    return Response(content=data, media_type=XLSX, headers={
        "Content-Disposition": f"attachment; filename=\"target-table.xlsx\"; filename*=UTF-8''{quote(name)}",
        "Cache-Control": "no-store"})


@router.post("/export", summary="导出绩效目标表（.xlsx）", response_class=Response, responses=_XLSX_RESPONSE,
             description="把（页面上编辑过的）绩效目标表写成常用模板的 .xlsx：一级指标、二级指标、三级指标、"
                         "指标值（含运算符）、计量单位、指标解释、设定依据、分值；所有单元格为文本，不含公式。"
                         "指标解释为空时取指标库中的解释。")
def export(table: TargetTable, request: Request, p: Principal = Depends(require_key)) -> Response:
    return _xlsx(table, request, p)


@router.get("/{decl_id}/xlsx", summary="下载已保存申报的绩效目标表（.xlsx）", response_class=Response,
            responses=_XLSX_RESPONSE)
def stored(decl_id: int, request: Request, p: Principal = Depends(require_key),
           db: Session = Depends(get_session)) -> Response:
    d = call(svc.get_declaration, db, p, decl_id)
    table = TargetTable(project_name=d.project_name, unit_name=d.unit_name, department=d.department, year=d.year,
                        budget_wan=d.budget_wan, description=d.description,
                        rows=[TableRow(level1=r.level1, level2=r.level2, name=r.name, operator=r.operator,
                                       value=r.value, unit=r.unit, indicator_id=r.indicator_id) for r in d.rows])
    return _xlsx(table, request, p)
