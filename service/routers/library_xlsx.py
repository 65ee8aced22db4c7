"""Routes of the libraries in Excel: export one library as .xlsx, import one back (all or nothing).

`GET /v1/library/export` — the 基础指标库, or with `unit_name` one unit's
单位指标库 (only the caller's own unit unless it reads all units; another
unit answers 404, as everywhere). `POST /v1/admin/library/import` — an
admin imports any library, a unit admin (单位管理员) only its own unit's;
problems come back as 422 with one `第N行 列名: 问题` line per problem and
nothing is kept; on success the changes are versioned, audited and
published, and search and suggest see them without a restart.
Thin layer over `KnowledgeBase.library` / `kb.knowledge.import_library`.
"""
from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile
from fastapi.responses import Response
from sqlalchemy.orm import Session

from kb.io.xlsx_library import library_xlsx_bytes
from kb.knowledge import KnowledgeBase, import_library
from kb.lifecycle.access import Principal
from kb.lifecycle.library_import import ImportResult
from service.auth import require_key, require_role
from service.deps import kb_dep, session_dep
from service.downloads import XLSX, xlsx_response
from service.scope import unit_scope

router = APIRouter(tags=["指标库管理"], dependencies=[Depends(require_key)])


@router.get("/v1/library/export", summary="导出指标库（.xlsx）", response_class=Response,
            description="一个工作表，每行一个指标，列为 indicators/README.md 中的各列（中文表头），单元格均为文本。"
                        "不带 unit_name 导出基础指标库；带 unit_name 导出该单位的单位指标库"
                        "（只能导出本单位的，监管人员和系统管理员可导出任一单位）。",
            responses={200: {"content": {XLSX: {}}}, 404: {"description": "单位指标库不存在（或属于其他单位）"}})
def export(unit_name: str | None = Query(None, max_length=200, description="单位名称（导出其单位指标库）"),
           kb: KnowledgeBase = Depends(kb_dep), p: Principal = Depends(require_key)) -> Response:
    unit = unit_scope(p, unit_name) if unit_name else None
    title = "单位指标库" if unit else "基础指标库"
    name = f"{unit}_{title}.xlsx" if unit else f"{title}.xlsx"
    return xlsx_response(library_xlsx_bytes(kb.library(unit), title), name, "library.xlsx")


@router.post("/v1/admin/library/import", response_model=ImportResult, summary="从 Excel 导入指标库（全部成功或全部不生效）",
             description="上传导出格式的 .xlsx（表单字段 file）。有 单位名称 的行进入该单位的单位指标库，其余进入基础指标库；"
                         "填写 unit_name 时所有行都进入该单位的单位指标库。系统管理员可导入任一指标库，"
                         "单位管理员只能导入本单位的。新指标新增、有变化的指标生成新版本、未变的不动；"
                         "有问题时返回 422，每个问题一行“第N行 列名: 问题”，什么都不保存。导入后立即生效，无需重启。",
             responses={403: {"description": "角色无权导入，或单位管理员导入其他单位"},
                        409: {"description": "指标已被他人修改（版本过期）"},
                        422: {"description": "文件有问题：detail 中每项一个“第N行 列名: 问题”"}})
def import_(file: UploadFile = File(..., description="指标库 .xlsx"),
                  unit_name: str | None = Form(None, max_length=200, description="导入到该单位的单位指标库"),
                  p: Principal = Depends(require_role("admin", "unit_admin")),
                  db: Session = Depends(session_dep), kb: KnowledgeBase = Depends(kb_dep)) -> ImportResult:
    return import_library(db, p, file.file.read(), kb=kb, unit_name=unit_name or None, file=file.filename or "")
