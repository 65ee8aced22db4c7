"""Route of 公示: per-department summary of approved declarations (any authenticated key)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from kb.crosscheck.engine import open_crosscheck_errors
from kb.lifecycle.access import Principal
from kb.lifecycle.audit import public_summary
from kb.lifecycle.schemas import PublicSummary
from service.auth import require_key
from kb.settings import Settings
from service.deps import session_dep, settings_dep

router = APIRouter(prefix="/v1/public", tags=["公示与监管"],
                   dependencies=[Depends(require_key)])


@router.get("/summary", response_model=PublicSummary, summary="公示汇总",
            description="按单位和部门汇总已审核通过的申报：预算、预算执行、评价等级分布、审核规则发现的错误数（checker_errors）"
                        "和交叉核对（会计凭证、佐证材料）当前的错误级发现数（crosscheck_errors，各项目亦列出）。",
            responses={401: {"description": "缺少或无效的 API 密钥"}})
def summary(year: int | None = Query(None, ge=1990, le=2100), p: Principal = Depends(require_key),
            db: Session = Depends(session_dep), settings: Settings = Depends(settings_dep)) -> PublicSummary:
    return public_summary(db, p, year=year,
                          crosscheck_errors=lambda s, d: len(open_crosscheck_errors(s, d, settings=settings)))
