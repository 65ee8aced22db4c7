"""Routes of the 电子会计档案 (import, documents, row-level search) and of the cross-checks.

Thin layer over `kb.archive` and `kb.crosscheck`: the caller comes from the
API key; unit scoping as for declarations (another unit's → 404);
supervisors read; imports are audited and all-or-nothing (422 with
`第N行 列名: 问题`). Uploads are parsed off the event loop (sync routes).
"""
from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from kb.archive import importer
from kb.archive import search as archive_search
from kb.archive.schemas import ArchiveDocumentList, ArchiveSearchOut, ImportOut
from kb.crosscheck.engine import CrosscheckOut, crosscheck
from kb.lifecycle.db import get_sessionmaker
from kb.lifecycle.access import Principal
from kb.settings import Settings
from service.auth import require_key
from service.deps import MAX_ID, ArchiveDocId, DeclId, session_dep, settings_dep
from service.uploads import saved

router = APIRouter(prefix="/v1", dependencies=[Depends(require_key)])

_ERR = {401: {"description": "缺少或无效的 API 密钥"}, 403: {"description": "角色无权执行此操作"},
        404: {"description": "申报或档案不存在（或属于其他单位）"}, 413: {"description": "文件超过上限"},
        415: {"description": "文件内容不是可接受的类型"},
        422: {"description": "输入有误：指明字段，逐行写出“第N行 列名: 问题”（整个文件不导入）"}}


@router.post("/archive/import", status_code=201, response_model=ImportOut, tags=["电子会计档案"],
             summary="导入会计凭证、账簿、报表",
             description="multipart 字段 file：财务软件导出的 .xlsx / .csv（记账凭证、账簿、报表）或 .pdf"
                         "（报表）；其他类型（如 Word 文档）返回 415。凭证表按表头识别（日期、凭证号或凭证字号、摘要、科目或科目名称、借方/借方金额、"
                         "贷方/贷方金额、项目/项目名称/项目编码，列序不限，金额以元为单位）。可选 declaration_id（同时作为该申报的"
                         "佐证材料，未能按编码或名称关联的凭证归入该申报的项目）、category（凭证/账簿/报表/其他）、period"
                         "（2024、2024-06、2024年第二季度）、unit_name（管理员导入时指定单位）。任何一行有误则整个文件不导入。"
                         "同一单位再次导入同一文件返回 200、imported 为 0、duplicate 为 true。",
             responses={**_ERR, 200: {"description": "该文件已导入过"}})
def import_(response: Response, file: UploadFile = File(..., description="会计档案文件"),
            declaration_id: int | None = Form(None, ge=1, le=MAX_ID, description="关联的申报 id"),
            category: str | None = Form(None, description="凭证 / 账簿 / 报表 / 其他（默认自动识别）"),
            period: str | None = Form(None, max_length=40, description="期间（默认自动识别）"),
            unit_name: str | None = Form(None, max_length=200, description="管理员导入时指定单位"),
            declaration_id_query: int | None = Query(None, ge=1, le=MAX_ID, alias="declaration_id", include_in_schema=False),
            p: Principal = Depends(require_key), db: Session = Depends(session_dep),
            settings: Settings = Depends(settings_dep)) -> ImportOut:
    decl = declaration_id if declaration_id is not None else declaration_id_query  # a form field or ?declaration_id=
    with saved(file) as path:
        out = importer.import_file(db, p, path, file.filename or "", declaration_id=decl,
                   unit_name=unit_name, category=category, period=period, settings=settings)
    if out.duplicate:
        response.status_code = 200
    return out


@router.get("/archive/search", response_model=ArchiveSearchOut, tags=["电子会计档案"], summary="按行检索会计档案",
            description="如“2024年6月 维修费 凭证”：识别期间（月、季度、年度）和类别（凭证/账簿/报表），其余词语在摘要、科目、"
                        "项目中检索；返回每一行及出处（文件、工作表、行号、凭证号）。", responses=_ERR)
def search(q: str = Query(..., min_length=1, max_length=200), category: str | None = Query(None),
           declaration_id: int | None = Query(None, ge=1, le=MAX_ID), top: int = Query(20, ge=1, le=200),
           p: Principal = Depends(require_key), db: Session = Depends(session_dep)) -> ArchiveSearchOut:
    return archive_search.search_archive(db, p, q, category=category, declaration_id=declaration_id, top=top)


@router.get("/archive/documents", response_model=ArchiveDocumentList, tags=["电子会计档案"],
            summary="会计档案目录（按类别、期间）", responses=_ERR)
def documents(category: str | None = Query(None, description="凭证 / 账簿 / 报表 / 其他"),
              year: int | None = Query(None, ge=1990, le=2100), limit: int = Query(200, ge=1, le=1000),
              offset: int = Query(0, ge=0, le=MAX_ID), p: Principal = Depends(require_key),
              db: Session = Depends(session_dep)) -> ArchiveDocumentList:
    return importer.list_archive_documents(db, p, category=category, year=year, limit=limit, offset=offset)


@router.get("/archive/documents/{doc_id}/content", tags=["电子会计档案"], summary="下载档案原件（分块传输）",
            response_class=StreamingResponse,
            responses={**_ERR, 200: {"description": "文件内容", "content": {"application/octet-stream": {}}}})
def document_content(doc_id: ArchiveDocId, p: Principal = Depends(require_key), db: Session = Depends(session_dep),
                     settings: Settings = Depends(settings_dep)) -> StreamingResponse:
    doc, mime, chunks = importer.open_document(db, p, doc_id,
                             get_sessionmaker(settings.resolved_database_url()))
    return StreamingResponse(chunks, media_type=mime, headers={
        "X-Content-Type-Options": "nosniff", "ETag": f'"{doc.sha256}"',
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(doc.filename)}"})


@router.get("/declarations/{decl_id}/crosschecks", response_model=CrosscheckOut, tags=["核对"],
            summary="核对：上报数与凭证、完成情况与佐证材料",
            description="规则 ACC-01 预算执行数与凭证合计不符（容差 JIXIAO_EVIDENCE__EXECUTION_TOLERANCE_PCT）、"
                        "ACC-02 成本指标实际值与凭证不符、ACC-03 凭证日期不在项目实施期内、ACC-04 尚无凭证可核对、"
                        "EVD-01 声称完成但缺少对应佐证材料（如验收合格率缺少验收报告）。", responses=_ERR)
def crosschecks(decl_id: DeclId, p: Principal = Depends(require_key), db: Session = Depends(session_dep),
                settings: Settings = Depends(settings_dep)) -> CrosscheckOut:
    return crosscheck(db, p, decl_id, settings=settings)
