"""Routes of 佐证材料: attach, list, read, download (streamed), delete, search.

Thin layer over `kb.evidence.attachments`: the caller comes from the API key,
the unit scoping is the declarations' (another unit's → 404), supervisors
read, writes are audited. Uploads are parsed off the event loop (sync routes
run in the worker pool); the body limit is checked while it streams in (413).
"""
from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from kb.evidence import attachments as ev
from kb.evidence.schemas import AttachmentList, AttachmentOut, SearchOut
from kb.lifecycle.db import get_sessionmaker
from kb.lifecycle.access import Principal
from kb.settings import Settings
from service.auth import require_key
from service.deps import MAX_ID, AttachmentId, DeclId, session_dep, settings_dep
from service.uploads import saved

router = APIRouter(prefix="/v1", tags=["佐证材料"], dependencies=[Depends(require_key)])

_ERR = {401: {"description": "缺少或无效的 API 密钥"}, 403: {"description": "角色无权执行此操作"},
        404: {"description": "申报或附件不存在（或属于其他单位）"},
        413: {"description": "文件超过单个文件上限，或该申报的附件合计超过上限"},
        415: {"description": "文件内容不是可接受的类型（PDF、DOCX、XLSX、CSV、TXT、JPG、PNG、OFD）"},
        422: {"description": "输入有误（指明字段），如文件名后缀与内容不符、指标行不存在"}}


@router.post("/declarations/{decl_id}/attachments", status_code=201, response_model=AttachmentOut,
             summary="上传佐证材料",
             description="multipart 字段：file（文件）、kind（合同 / 现场照片 / 支出明细 / 验收报告 / 会计凭证 / 其他），"
                         "可选 stage（事前申报 / 事中监控 / 事后评价 / 结果反馈，默认为申报当前所处阶段）、"
                         "row（所支撑的指标行号，从 1 开始）、note（说明）。文件类型按内容识别；PDF、DOCX、XLSX、CSV、TXT "
                         "提取文字建立索引（indexed: true），图片和 OFD 只保存。同一申报再次上传内容与类型都相同的文件时"
                         "返回已有附件（200，duplicate: true）。",
             responses={**_ERR, 200: {"description": "同一文件已上传过，返回已有附件"}})
def upload(decl_id: DeclId, response: Response, file: UploadFile = File(..., description="佐证材料文件"),
           kind: str = Form(..., description="合同 / 现场照片 / 支出明细 / 验收报告 / 会计凭证 / 其他"),
           stage: str | None = Form(None, description="事前申报 / 事中监控 / 事后评价 / 结果反馈"),
           row: int | None = Form(None, ge=1, le=300, description="所支撑的指标行号（从 1 开始）"),
           note: str = Form("", max_length=2000, description="说明"),
           p: Principal = Depends(require_key), db: Session = Depends(session_dep),
           settings: Settings = Depends(settings_dep)) -> AttachmentOut:
    with saved(file) as path:
        a = ev.attach(db, p, decl_id, path, file.filename or "", kind, stage=stage, row=row, note=note,
                 settings=settings)
    if a.duplicate:
        response.status_code = 200
    return a


@router.get("/declarations/{decl_id}/attachments", response_model=AttachmentList, summary="佐证材料列表",
            description="申报的附件（按上传先后）。include_deleted 仅对监管人员和管理员有效。", responses=_ERR)
def list_(decl_id: DeclId, kind: str | None = Query(None, description="只看某类材料"),
          include_deleted: bool = Query(False), p: Principal = Depends(require_key),
          db: Session = Depends(session_dep)) -> AttachmentList:
    return AttachmentList(attachments=ev.list_attachments(db, p, decl_id, kind=kind,
                                           include_deleted=include_deleted))


@router.get("/attachments/search", response_model=SearchOut, summary="检索佐证材料全文",
            description="在可见的附件文字中检索，返回命中段落及出处（文件名 + 页码，或 工作表 + 行号）。", responses=_ERR)
def search(q: str = Query(..., min_length=1, max_length=200, description="检索词"),
           declaration_id: int | None = Query(None, ge=1, le=MAX_ID, description="只检索某个申报的附件"),
           kind: str | None = Query(None, description="只检索某类材料"),
           top: int = Query(20, ge=1, le=100), p: Principal = Depends(require_key),
           db: Session = Depends(session_dep)) -> SearchOut:
    return ev.search(db, p, q, declaration_id=declaration_id, kind=kind, top=top)


@router.get("/attachments/{att_id}", response_model=AttachmentOut, summary="附件信息", responses=_ERR)
def read(att_id: AttachmentId, p: Principal = Depends(require_key), db: Session = Depends(session_dep)) -> AttachmentOut:
    return ev.get_attachment(db, p, att_id)


@router.get("/attachments/{att_id}/content", summary="下载附件（分块传输）", response_class=StreamingResponse,
            responses={**_ERR, 200: {"description": "文件内容", "content": {"application/octet-stream": {}}}})
def download(att_id: AttachmentId, p: Principal = Depends(require_key), db: Session = Depends(session_dep),
             settings: Settings = Depends(settings_dep)) -> StreamingResponse:
    meta, chunks = ev.open_download(db, p, att_id, get_sessionmaker(settings.resolved_database_url()))
    return StreamingResponse(chunks, media_type=meta.mime, headers={
        "Content-Length": str(meta.size), "X-Content-Type-Options": "nosniff",
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(meta.filename)}",
        "ETag": f'"{meta.sha256}"'})


@router.delete("/attachments/{att_id}", response_model=AttachmentOut, summary="删除附件（软删除，留痕）",
               description="附件不再出现在列表、检索和下载中，但仍保存在数据库中以备查验；删除记入审计日志。",
               responses=_ERR)
def delete(att_id: AttachmentId, reason: str = Query("", max_length=500, description="删除原因"),
           p: Principal = Depends(require_key), db: Session = Depends(session_dep)) -> AttachmentOut:
    return ev.delete_attachment(db, p, att_id, reason=reason)
