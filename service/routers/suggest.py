"""Route of suggestion: project description → draft 绩效目标表."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field, field_validator
from sqlalchemy.orm import Session

from kb.knowledge import MAX_BUDGET_WAN, KnowledgeBase
from kb.lifecycle.access import Principal
from kb.lifecycle.feedback import learned_for_suggest
from kb.suggest import SuggestResult
from service.auth import require_key
from service.deps import kb_dep, session_dep
from service.scope import unit_scope

router = APIRouter(prefix="/v1", tags=["推荐"])


class SuggestRequest(BaseModel):
    """Fields of a suggestion request (same as `jixiao suggest`)."""

    description: str = Field(..., min_length=1, max_length=5000, description="项目描述",
                             examples=["计划修缮乡村道路12公里，惠及沿线村民3000人"])
    project_name: str | None = Field(None, max_length=200, examples=["乡村道路修缮项目"])
    budget_wan: float | None = Field(None, ge=0, le=MAX_BUDGET_WAN, allow_inf_nan=False,
                                     description="预算(万元)", examples=[250])
    department: str | None = Field(None, max_length=200)
    sector: str | None = Field(None, max_length=100, examples=["交通运输"])
    unit_name: str | None = Field(None, max_length=200, description="使用该单位的单位指标库")
    top: int = Field(5, ge=1, le=50, description="每个二级指标的候选数")
    mode: Literal["lexical", "dense", "hybrid"] | None = None

    @field_validator("description")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("项目描述不能只有空白")
        return v


@router.post("/suggest", response_model=SuggestResult, summary="推荐绩效目标表",
             description="按项目描述推荐产出/成本/效益/满意度各二级指标下的候选指标及指标值；"
                         "无相关指标时 confident=false。")
def suggest(req: SuggestRequest, kb: KnowledgeBase = Depends(kb_dep), principal: Principal = Depends(require_key),
            db: Session = Depends(session_dep)) -> SuggestResult:
    unit = unit_scope(principal, req.unit_name)
    learned = learned_for_suggest(db, principal, sector=req.sector, unit_name=unit)
    return kb.suggest(req.description, project_name=req.project_name, budget_wan=req.budget_wan,
                      department=req.department, sector=req.sector, unit_name=unit,
                      top=req.top, mode=req.mode, learned=learned)
