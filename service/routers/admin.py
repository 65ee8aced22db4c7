"""Routes of administration: API keys, audit log, indicator-library management, learned statistics.

Keys and library changes are for admins; the audit log for admins and
supervisors; the managed library and learned statistics can be read by
every key, but a unit library only by its own unit (others get 404).
Library changes are applied all-or-nothing, versioned, and published into
the KB file so search and suggest see them without a restart.
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from kb.domain.learned import LearnedIndicator
from kb.errors import DataError
from kb.knowledge import KnowledgeBase, change_library
from kb.lifecycle import keys
from kb.lifecycle import library as lib
from kb.lifecycle.access import Principal
from kb.lifecycle.audit import list_audit
from kb.lifecycle.feedback import learned_for
from kb.lifecycle.schemas import (AuditOut, KeyCreated, KeyIn, KeyOut, LibraryChangeIn, LibraryChangesIn,
                                  LibraryChangesOut, LibraryIndicatorOut)
from kb.settings import Settings
from service.auth import require_key, require_role
from service.deps import MAX_ID, IndicatorId, KeyId, optional_kb_dep, session_dep, settings_dep

router = APIRouter(dependencies=[Depends(require_key)])
_admin = require_role("admin")
_ERR = {401: {"description": "缺少或无效的 API 密钥"}, 403: {"description": "仅管理员"},
        404: {"description": "不存在（或属于其他单位）"}, 409: {"description": "冲突（重复、版本过期）"},
        422: {"description": "输入有误（指明字段）"}}


# ------------------------------------------------------------------ keys

@router.post("/v1/admin/keys", status_code=201, response_model=KeyCreated, tags=["管理"], summary="创建 API 密钥",
             description="为单位创建指定角色（declarant/reviewer/supervisor/admin）的密钥；密钥明文只返回这一次，库中只存哈希。",
             responses=_ERR)
def create_key(body: KeyIn, p: Principal = Depends(_admin), db: Session = Depends(session_dep)) -> KeyCreated:
    return keys.create_key(db, p, body)


@router.get("/v1/admin/keys", response_model=list[KeyOut], tags=["管理"], summary="密钥列表（不含密钥）",
            responses=_ERR)
def list_keys(p: Principal = Depends(_admin), db: Session = Depends(session_dep)) -> list[KeyOut]:
    return keys.list_keys(db, p)


@router.delete("/v1/admin/keys/{key_id}", response_model=KeyOut, tags=["管理"], summary="吊销密钥", responses=_ERR)
def revoke_key(key_id: KeyId, p: Principal = Depends(_admin), db: Session = Depends(session_dep)) -> KeyOut:
    return keys.revoke_key(db, p, key_id)


@router.get("/v1/admin/audit", response_model=list[AuditOut], tags=["管理"], summary="审计日志",
            description="谁、何时、做了什么、修改前后；管理员和监管人员可读。", responses=_ERR)
def audit(entity: str | None = Query(None, examples=["declaration"]), entity_id: str | None = None,
          limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=MAX_ID),
          p: Principal = Depends(require_role("admin", "supervisor")),
          db: Session = Depends(session_dep)) -> list[AuditOut]:
    return list_audit(db, p, entity=entity, entity_id=entity_id, limit=limit, offset=offset)


# ------------------------------------------------------------------ library management

class _Library:
    """The dependencies of a library change: session, admin, settings and the loaded KB (if built)."""

    def __init__(self, p: Principal = Depends(_admin), db: Session = Depends(session_dep),
                 settings: Settings = Depends(settings_dep), kb: KnowledgeBase | None = Depends(optional_kb_dep)):
        self.p, self.db, self.settings, self.kb = p, db, settings, kb

    def apply(self, changes: list[LibraryChangeIn]) -> LibraryChangesOut:
        """`kb.knowledge.change_library`: apply → publish → reload."""
        return change_library(self.db, self.p, LibraryChangesIn(changes=changes), settings=self.settings,
                              kb=self.kb)[0]


@router.post("/v1/admin/library/changes", status_code=201, response_model=LibraryChangesOut, tags=["指标库管理"],
             summary="批量修改指标库（全部成功或全部不生效）",
             description="op=add/update/deprecate/synonyms；每次修改生成新版本并写入审计日志，"
                         "提交后立即发布到知识库，检索和推荐无需重启即可使用。", responses=_ERR)
def changes(body: LibraryChangesIn, ctx: _Library = Depends()) -> LibraryChangesOut:
    return ctx.apply(body.changes)


@router.post("/v1/admin/library/indicators", status_code=201, response_model=LibraryChangesOut,
             tags=["指标库管理"], summary="新增指标", responses=_ERR)
def add_indicator(indicator: dict[str, Any], ctx: _Library = Depends()) -> LibraryChangesOut:
    return ctx.apply([LibraryChangeIn(op="add", indicator=indicator)])


@router.patch("/v1/admin/library/indicators/{indicator_id}", response_model=LibraryChangesOut,
              tags=["指标库管理"], summary="修改指标",
              description="请求体为要修改的字段；可在请求体（或查询参数）中带 expected_version（当前版本号），"
                          "版本已变时返回 409，防止覆盖他人修改。", responses=_ERR)
def update_indicator(indicator_id: IndicatorId, patch: dict[str, Any],
                     expected_version: int | None = Query(None, ge=1, le=2 ** 31 - 1),
                     ctx: _Library = Depends()) -> LibraryChangesOut:
    patch = dict(patch)
    in_body = patch.pop("expected_version", None)
    if in_body is not None:
        if isinstance(in_body, bool) or not isinstance(in_body, int) or not 1 <= in_body <= 2 ** 31 - 1:
            raise DataError("expected_version 应为正整数（当前版本号）", field="expected_version")
        if expected_version is not None and expected_version != in_body:
            raise DataError("请求体和查询参数中的 expected_version 不一致", field="expected_version")
        expected_version = in_body
    return ctx.apply([LibraryChangeIn(op="update", id=indicator_id, patch=patch, expected_version=expected_version)])


@router.post("/v1/admin/library/indicators/{indicator_id}/deprecate", response_model=LibraryChangesOut,
             tags=["指标库管理"], summary="停用指标", responses=_ERR)
def deprecate_indicator(indicator_id: IndicatorId, ctx: _Library = Depends()) -> LibraryChangesOut:
    return ctx.apply([LibraryChangeIn(op="deprecate", id=indicator_id)])


@router.post("/v1/admin/library/indicators/{indicator_id}/synonyms", response_model=LibraryChangesOut,
             tags=["指标库管理"], summary="增加同义词", responses=_ERR)
def add_synonyms(indicator_id: IndicatorId, synonyms: list[str], ctx: _Library = Depends()) -> LibraryChangesOut:
    return ctx.apply([LibraryChangeIn(op="synonyms", id=indicator_id, synonyms=synonyms)])


@router.get("/v1/library/indicators", response_model=list[LibraryIndicatorOut], tags=["指标库管理"],
            summary="经管理修改过的指标",
            description="基础指标库的修改对所有密钥可见；单位指标库只对本单位、监管人员和管理员可见。", responses=_ERR)
def list_managed(library: str | None = Query(None, examples=["unit"]), unit_name: str | None = None,
                 p: Principal = Depends(require_key), db: Session = Depends(session_dep)) -> list[LibraryIndicatorOut]:
    return lib.list_managed(db, p, library=library, unit_name=unit_name)


@router.get("/v1/library/indicators/{indicator_id}", tags=["指标库管理"], summary="指标及其版本历史",
            responses=_ERR)
def read_managed(indicator_id: IndicatorId, p: Principal = Depends(require_key),
                 db: Session = Depends(session_dep)) -> dict[str, Any]:
    cur, hist = lib.get_managed(db, p, indicator_id)
    return {"indicator": cur.model_dump(mode="json"), "history": hist}


@router.get("/v1/library/learned", response_model=dict[str, LearnedIndicator], tags=["结果反馈"],
            summary="学习到的指标统计",
            description="结果反馈学到的统计（按规范化指标名）：基础指标库只含多个单位的汇总，单位指标库只对本单位可见。",
            responses=_ERR)
def learned(sector: str | None = Query(None, examples=["教育"]), unit_name: str | None = None,
            p: Principal = Depends(require_key), db: Session = Depends(session_dep)) -> dict[str, LearnedIndicator]:
    return learned_for(db, p, sector=sector, unit_name=unit_name)
