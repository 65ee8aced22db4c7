"""Route of suggestion: project description → draft 绩效目标表."""
from __future__ import annotations

from typing import Literal

from urllib.parse import quote

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from sqlalchemy.orm import Session

from kb.knowledge import KnowledgeBase
from kb.lifecycle.access import Principal
from kb.lifecycle.feedback import learned_for_suggest
from kb.lifecycle.schemas import SuggestRequest  # noqa: F401  (the one request shape; CLI --file lines too)
from kb.suggest import SuggestResult
from kb.suggest.export import write_xlsx
from service.auth import require_key
from service.deps import kb_dep, session_dep
from service.scope import unit_scope

router = APIRouter(prefix="/v1", tags=["推荐"])


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.post("/suggest", response_model=SuggestResult, summary="推荐绩效目标表",
             description="按项目描述推荐绩效目标表：default_table 为建议的表(8–12 行)，alternates 为各二级指标的备选，"
                         "project_types 为识别的项目类型；无相关指标时 confident=false。"
                         "?format=xlsx 时返回可直接填报的 .xlsx(分值为数值单元格，其余均为文本，不含公式)。",
             responses={200: {"content": {XLSX: {}}, "description": "JSON，或 format=xlsx 时的 .xlsx 文件"}})
def suggest(req: SuggestRequest, kb: KnowledgeBase = Depends(kb_dep), principal: Principal = Depends(require_key),
            db: Session = Depends(session_dep),
            format: Literal["json", "xlsx"] = Query("json", description="json 或 xlsx")):
    unit = unit_scope(principal, req.unit_name)
    learned = learned_for_suggest(db, principal, sector=req.sector, unit_name=unit)
    res = kb.suggest(req.description, project_name=req.project_name, budget_wan=req.budget_wan,
                     department=req.department, sector=req.sector, unit_name=unit,
                     top=req.top, mode=req.mode, learned=learned, project_types=req.project_types)
    if format == "json":
        return res
    data = write_xlsx(res, project_name=req.project_name or "", description=req.description,
                      department=req.department or "", unit_name=unit or "")
    name = quote("绩效目标表.xlsx")
    return Response(content=data, media_type=XLSX,
                    headers={"Content-Disposition": f"attachment; filename=suggest.xlsx; filename*=UTF-8''{name}"})
