"""Route of the declaration checker: `POST /v1/declarations/check`.

Takes a 绩效目标表 as a JSON body (a declaration object with `rows` or
`indicators`, optional `context`, or a bare array of rows) or as an uploaded
file (multipart field `file`: .json / .jsonl / .csv / .xlsx) and returns the
same shape as `jixiao check --json`: `{"findings": [...], "summary": {...}}`,
or `{"tables": [{"id", "project_name", "findings", "summary"}, ...]}` when the
upload (a .jsonl of dev.jsonl-shaped records) or the JSON array holds several
tables. Unreadable input or a field of the wrong type is 422 naming the field
with a 1-based row (`rows[2].value`). Reading and checking run in a worker
thread, never on the event loop, within `JIXIAO_UPLOAD__PARSE_TIMEOUT_S`
(422 beyond it): a hostile file cannot stall the other requests. No
business logic here.
"""
from __future__ import annotations

from typing import Any

import anyio
from fastapi import APIRouter, Depends, Request

from kb.checker.catalog import CATALOG
from kb.errors import DataError
from kb.io.tables import read_upload, tables_from_body
from kb.settings import Settings
from service.auth import require_key
from service.deps import checker_dep, settings_dep

router = APIRouter(prefix="/v1", tags=["审核"], dependencies=[Depends(require_key)])

_EXAMPLE = {
    "project_name": "乡村道路修缮项目", "year": 2025, "budget_wan": 250,
    "rows": [
        {"level1": "产出指标", "level2": "数量指标", "name": "道路修缮里程", "operator": "≥", "value": "12", "unit": "公里"},
        {"level1": "效益指标", "level2": "社会效益指标", "name": "群众出行条件", "operator": "", "value": "持续改善", "unit": ""},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "沿线群众满意度", "operator": "", "value": "有所提高", "unit": ""},
    ],
}
_OPENAPI = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"type": "object"}, "example": _EXAMPLE},
            "multipart/form-data": {"schema": {"type": "object", "properties": {
                "file": {"type": "string", "format": "binary",
                         "description": "绩效目标表文件：.json / .jsonl / .csv / .xlsx"}}, "required": ["file"]}},
        },
    }
}


async def _payload(request: Request):
    """What to read, as a call for a worker thread: an uploaded file (multipart field `file`) or a JSON body."""
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        up = (await request.form()).get("file")
        if up is None or not hasattr(up, "filename"):
            raise DataError("请用表单字段 file 上传绩效目标表文件", field="file")
        name, data = up.filename or "", await up.read()
        return lambda: read_upload(name, data)
    body = await request.body()
    return lambda: tables_from_body(body)


@router.post("/declarations/check", summary="审核绩效目标表",
             description=f"逐行、逐表检查绩效目标表（{len(CATALOG)}条规则），返回问题、规则编号、依据和具体改写建议；"
                         "可提交 JSON，或以 multipart 表单字段 file 上传 .json/.jsonl/.csv/.xlsx 文件。"
                         "一个文件或 JSON 数组含多张申报表（每项含 indicators/rows）时逐表审核，返回 "
                         "{\"tables\": [{\"id\", \"project_name\", \"findings\", \"summary\"}, ...]}。"
                         "字段类型错误返回 422，并指明字段（如 rows[1].value，行号从 1 起）。"
                         "summary.rows_checked 是检查的全部行数（含总体目标、年度目标文字行），其中 goal_rows 为目标行、"
                         "indicator_rows 为指标行（命令行“共检查 N 个指标行和 M 行目标”即这两个数）。",
             openapi_extra=_OPENAPI)
async def check(request: Request, check_one=Depends(checker_dep),
                settings: Settings = Depends(settings_dep)) -> dict[str, Any]:
    read = await _payload(request)

    def work():
        tables = read()
        return tables, [check_one(t).model_dump() for t in tables]

    limit = settings.upload.parse_timeout_s
    try:
        with anyio.fail_after(limit):
            tables, reports = await anyio.to_thread.run_sync(work, abandon_on_cancel=True)
    except TimeoutError:
        raise DataError(f"文件过于复杂，{limit:g} 秒内未能读完；请精简后重新上传", field="file") from None
    if len(tables) == 1:
        return reports[0]
    return {"tables": [{"id": t.id or f"第{i}张", "project_name": t.project_name, **r}
                       for i, (t, r) in enumerate(zip(tables, reports), 1)]}
