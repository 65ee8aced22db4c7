"""Routes of the indicator libraries: search and read one indicator."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query

from kb.domain.limits import MAX_QUERY_CHARS
from kb.domain.schema import Indicator, TrainingLink
from kb.indicators.search import SearchResult
from kb.knowledge import KnowledgeBase
from service.auth import require_key
from service.deps import MAX_ID, IndicatorId, kb_dep
from service.scope import unit_scope, visible_units

router = APIRouter(prefix="/v1/indicators", tags=["指标库"])


class IndicatorDetail(Indicator):
    """An indicator with the knowledge linked to it (policy articles, expert opinions, training material)."""

    related_articles: list[dict] = []
    related_opinions: list[dict] = []
    training_materials: list[TrainingLink] = []


@router.get("/search", response_model=SearchResult, summary="检索指标",
            description="中文检索基础指标库与单位指标库；只返回有匹配的指标，完全同名者排第一。")
def search_indicators(
    q: str = Query(..., min_length=1, max_length=MAX_QUERY_CHARS, pattern=r"\S", description="检索词(不能只有空白)",
                   examples=["项目完成率"]),
    level1: str | None = Query(None, description="一级指标(产出指标/output …)"),
    level2: str | None = Query(None, description="二级指标(数量指标/quantity …)"),
    library: Literal["basic", "unit"] | None = Query(None),
    unit_name: str | None = Query(None),
    category: str | None = Query(None),
    sector: str | None = Query(None),
    top: int = Query(10, ge=1, le=200),
    offset: int = Query(0, ge=0, le=MAX_ID),
    mode: Literal["lexical", "dense", "hybrid"] | None = Query(None),
    facets: bool = Query(False, description="同时返回 facets：各一级/二级/指标库/行业/类别的匹配数（只计本密钥可见的指标）"),
    kb: KnowledgeBase = Depends(kb_dep),
    principal=Depends(require_key),
) -> SearchResult:
    if unit_name:
        unit_scope(principal, unit_name)
    return kb.search(q, filters=dict(level1=level1, level2=level2, library=library, unit_name=unit_name,
                                     category=category, sector=sector), top=top, offset=offset, mode=mode,
                     visible_units=visible_units(principal), facets=facets)


@router.get("/{indicator_id}", response_model=IndicatorDetail, summary="读取一个指标",
            responses={404: {"description": "指标不存在"}})
def get_indicator(indicator_id: IndicatorId, kb: KnowledgeBase = Depends(kb_dep),
                  principal=Depends(require_key)) -> IndicatorDetail:
    ind, links = kb.indicator_detail(indicator_id, visible_units=visible_units(principal))
    return IndicatorDetail(**ind.model_dump(), related_articles=links["articles"],
                           related_opinions=links["opinions"], training_materials=ind.training_links())
