"""Routes that hand a 绩效目标表 out as .xlsx (the usual template, every cell text but 分值, a number).

`POST /v1/declarations/export` writes the table as edited on the staff page
(or sent by any client); `GET /v1/declarations/{id}/xlsx` writes a stored
declaration's current version (another unit's answers 404, as everywhere).
Blank 指标解释 cells are filled from the library indicator the row stands for
(`KnowledgeBase.table_indicator`: its own indicator by id while the name is
still that indicator's, else by name among generic indicators and those of
the project's sector or unit; only indicators the key may see; none before
the first build). A project without a sector takes the one its rows' library
indicators show. Layout: `kb.io.xlsx_table`.
"""
from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from sqlalchemy.orm import Session

from kb.io.xlsx_table import TableRow, TargetTable, download_name, fill_explanations, table_xlsx_bytes
from kb.knowledge import KnowledgeBase
from kb.lifecycle.access import Principal
from kb.lifecycle.declarations import get_declaration
from service.auth import require_key
from service.deps import DeclId, optional_kb_dep, session_dep
from service.downloads import XLSX, xlsx_response
from service.scope import visible_units

router = APIRouter(prefix="/v1/declarations", tags=["事前申报"], dependencies=[Depends(require_key)])

_XLSX_RESPONSE = {200: {"content": {XLSX: {}}, "description": "绩效目标表 .xlsx"},
                  401: {"description": "缺少或无效的 API 密钥"}, 404: {"description": "申报不存在（或属于其他单位）"},
                  422: {"description": "输入有误（指明字段）"}}


def _table_xlsx(table: TargetTable, kb: KnowledgeBase | None, p: Principal) -> Response:
    if kb is not None:
        seen = visible_units(p)
        sector = table.sector or kb.table_sector([r.indicator_id for r in table.rows])
        table = fill_explanations(table, lambda r: kb.table_indicator(r.name, r.level2, indicator_id=r.indicator_id,
                                                                      visible_units=seen, sector=sector,
                                                                      unit_name=table.unit_name or None))
    return xlsx_response(table_xlsx_bytes(table), download_name(table.project_name), "target-table.xlsx")


@router.post("/export", summary="导出绩效目标表（.xlsx）", response_class=Response, responses=_XLSX_RESPONSE,
             description="把（页面上编辑过的）绩效目标表写成常用模板的 .xlsx：一级指标、二级指标、三级指标、"
                         "指标值（含运算符）、计量单位、指标解释、设定依据、分值；分值为数值单元格（可直接求和），其余单元格为文本，不含公式。"
                         "指标解释为空时取指标库中的解释（本行指标自身的，否则本行业或通用指标的；"
                         "不取其他行业的专用指标，找不到则留空）。")
def export(table: TargetTable, p: Principal = Depends(require_key),
           kb: KnowledgeBase | None = Depends(optional_kb_dep)) -> Response:
    return _table_xlsx(table, kb, p)


@router.get("/{decl_id}/xlsx", summary="下载已保存申报的绩效目标表（.xlsx）", response_class=Response,
            responses=_XLSX_RESPONSE)
def stored(decl_id: DeclId, p: Principal = Depends(require_key), db: Session = Depends(session_dep),
           kb: KnowledgeBase | None = Depends(optional_kb_dep)) -> Response:
    d = get_declaration(db, p, decl_id)
    table = TargetTable(project_name=d.project_name, unit_name=d.unit_name, department=d.department,
                        sector=d.sector or "", year=d.year,
                        budget_wan=d.budget_wan, description=d.description,
                        rows=[TableRow(level1=r.level1, level2=r.level2, name=r.name, operator=r.operator,
                                       value=r.value, unit=r.unit, indicator_id=r.indicator_id, weight=r.weight)
                              for r in d.rows])
    return _table_xlsx(table, kb, p)
