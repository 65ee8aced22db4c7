"""Route of suggestion: project description → draft 绩效目标表."""
from __future__ import annotations

from typing import Literal

from urllib.parse import quote

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from pydantic import Field, field_validator
from sqlalchemy.orm import Session

from kb.domain.limits import MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS
from kb.knowledge import MAX_BUDGET_WAN, KnowledgeBase
from kb.lifecycle.access import Principal
from kb.lifecycle.feedback import learned_for_suggest
from kb.lifecycle.schemas import CleanIn, WanAmount
from kb.suggest import SuggestResult
from kb.suggest.export import write_xlsx
from service.auth import require_key
from service.deps import kb_dep, session_dep
from service.scope import unit_scope

router = APIRouter(prefix="/v1", tags=["推荐"])


class SuggestRequest(CleanIn):
    """Fields of a suggestion request (same as `jixiao suggest`); texts lose zero-width characters
    before validation, so a description of only invisible characters is as empty as ''."""

    description: str = Field(..., min_length=1, max_length=MAX_DESCRIPTION_CHARS, description="项目描述",
                             examples=["计划修缮乡村道路12公里，惠及沿线村民3000人"])
    project_name: str | None = Field(None, max_length=MAX_NAME_CHARS, examples=["乡村道路修缮项目"])
    budget_wan: WanAmount | None = Field(None, ge=0, le=MAX_BUDGET_WAN, allow_inf_nan=False,
                                     description="预算(万元)", examples=[250])
    department: str | None = Field(None, max_length=MAX_NAME_CHARS)
    sector: str | None = Field(None, max_length=100, examples=["交通运输"])
    unit_name: str | None = Field(None, max_length=MAX_NAME_CHARS, description="使用该单位的单位指标库")
    top: int = Field(5, ge=1, le=50, description="每个二级指标列出的备选数")
    mode: Literal["lexical", "dense", "hybrid"] | None = None
    project_types: list[str] | None = Field(None, max_length=5, description="指定项目类型(id 或名称)，不用自动识别",
                                            examples=[["rural_road_maintenance"]])

    @field_validator("description")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("项目描述不能只有空白")
        return v


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
