"""The FastAPI application: `create_app()` wires routers, limits and errors.

Every typed error of `kb.errors` becomes its HTTP status here, once: DataError
422 (naming the field), NotFound 404, Forbidden 403, Conflict 409 (an
unacknowledged approval with the open findings), ConfigError 503,
Unavailable 503 with Retry-After, PayloadTooLarge 413, UnsupportedType 415,
a library import's `LibraryImportError` 422 (one item per `第N行 列名: 问题`) — and so does any low-level fault it
stands for (`kb.errors.fault_of`: a full disk, a read-only folder, a locked
or damaged database), never a 500. Validation errors are Chinese and name
the field with rows counted from 1 (`kb.domain.messages`). Every status the
service can answer is documented on every route (`COMMON_RESPONSES`).
Guards: body limit (413), bounded queue (503, `service.guards.Backpressure`),
CORS only for `JIXIAO_CORS_ORIGINS`. No business logic here: routes call
`kb`. Run with `jixiao serve`.
"""
from __future__ import annotations

import logging
import os
import sqlite3
import threading
from contextlib import asynccontextmanager

import anyio.to_thread

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException

from kb.domain.messages import body_message, field_path, labeled, message
from kb.errors import (ConfigError, Conflict, DataError, Forbidden, JixiaoError, NotFound, PayloadTooLarge,
                       Unavailable, UnsupportedType, fault_of)
from kb.io.xlsx_library import LibraryImportError
from kb.lifecycle.declarations import FindingsNotAcknowledged
from kb.settings import Settings, get_settings
from service.guards import Backpressure
from service.routers import (admin, archive, attachments, check, declarations, docs, documents, indicators,
                             library_xlsx, me, public, suggest, tables)
from service.uploads import upload_limits
from service.web import install as install_web

_log = logging.getLogger("jixiao.service")

COMMON_RESPONSES = {
    401: {"description": "缺少或无效的 API 密钥"},
    403: {"description": "该角色无权执行此操作"},
    404: {"description": "不存在（或属于其他单位，不可见）"},
    413: {"description": "请求体过大"},
    422: {"description": "输入有误：detail 中每项的 loc 指明字段（行号从 1 开始），msg 为中文说明"},
    429: {"description": "该地址无效密钥尝试过多，请按 Retry-After 秒后再试"},
    503: {"description": "服务暂不可用（繁忙、磁盘已满、数据目录只读、数据库被占用或服务配置有误），请按 Retry-After 重试"},
}
# routes that take a file: its content may be of a type we do not read
UPLOAD_RESPONSES = {415: {"description": "上传文件的类型不受支持（按文件内容判断，而非文件名）"}}


class BodyLimit:
    """ASGI middleware: a request body above `limit` bytes gets 413, declared or streamed.

    A Content-Length above the limit is refused before reading; a chunked
    body (no Content-Length) is counted as it arrives and refused as soon
    as it passes the limit (FastAPI turns the HTTPException raised while the
    body is read into the 413 response). `routes` gives other limits to the
    paths that match (file uploads, `service.uploads.upload_limits`).
    """

    def __init__(self, app, limit: int, routes=()):
        self.app, self.limit, self.routes = app, int(limit), list(routes)

    def _limit(self, path: str) -> int:
        for pattern, limit in self.routes:
            if pattern.match(path):
                return int(limit)
        return self.limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self._limit(scope.get("path", ""))
        detail = f"请求体超过上限 {limit} 字节"
        for k, v in scope.get("headers", ()):
            if k == b"content-length" and v.isdigit() and int(v) > limit:
                return await JSONResponse(status_code=413, content={"detail": detail})(scope, receive, send)
        seen = 0

        async def counted():
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > limit:
                    raise HTTPException(status_code=413, detail=detail)
            return msg

        return await self.app(scope, counted, send)


def _library_poller(settings: Settings, stop: threading.Event) -> None:
    """Every `settings.library_poll_s` seconds: publish a library version another replica (or
    process) committed to the workflow database and reload the KB (`kb.knowledge.sync_library`)."""
    from kb.knowledge import get_kb, sync_library

    while True:
        try:
            kb = get_kb(settings)
        except JixiaoError:
            kb = None  # not built yet: nothing to publish into
        except Exception as e:  # noqa: BLE001 - a damaged KB file, a full disk: keep polling, the
            # operator's `jixiao build --force` or freed space heals it and this replica must then catch up
            _log.warning("library poll: KB not loaded (%s: %s); retrying", type(e).__name__, e)
            kb = None
        sync_library(settings, kb)
        if stop.wait(settings.library_poll_s):
            return


@asynccontextmanager
async def _lifespan(app: FastAPI):
    """At start-up, before the first request is accepted: load the KB and warm every path
    (`KnowledgeBase.warm`), so no request pays for loading, and bound the threads request
    handlers run in (`settings.request_threads`); while serving, a thread polls the
    workflow database for library changes made elsewhere (`_library_poller`)."""
    settings = app.state.settings
    anyio.to_thread.current_default_thread_limiter().total_tokens = settings.request_threads
    warm_up(settings)
    stop = threading.Event()
    if settings.library_poll_s > 0:
        threading.Thread(target=_library_poller, args=(settings, stop), name="library-poller", daemon=True).start()
    try:
        yield
    finally:
        stop.set()


def warm_up(settings: Settings) -> None:
    """Load and warm the KB and the corpora of `settings` (nothing when the KB is not built yet)."""
    from kb.knowledge import get_corpus, get_kb

    if not settings.resolved_kb_path().exists():
        return
    try:  # warming only saves the first request's wait: a fault here must not stop the server
        get_kb(settings).warm()
        get_corpus(settings).search("预算执行率")
    except Exception as e:  # noqa: BLE001 - e.g. a read-only KB folder: requests then answer (or 503) themselves
        _log.warning("启动预热未完成（不影响服务）: %s: %s", type(e).__name__, e)


def _add_guards(app: FastAPI, settings: Settings) -> None:
    """The body limit (413), the bounded queue (503) and CORS for `JIXIAO_CORS_ORIGINS`."""
    app.add_middleware(BodyLimit, limit=settings.max_request_bytes, routes=upload_limits(settings))
    app.add_middleware(Backpressure, limit=settings.max_queue, max_wait=settings.max_wait_s)
    origins = settings.cors_origin_list()
    if origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["*"],
                           allow_headers=["X-API-Key", "Content-Type"])


def _unavailable(e: Unavailable) -> JSONResponse:
    """503 with Retry-After: the service is busy or its machine is at fault."""
    return JSONResponse(status_code=503, headers={"Retry-After": str(e.retry_after)}, content={"detail": str(e)})


async def _invalid(request: Request, exc: RequestValidationError):
    # FastAPI's default echoes each bad input back: a 60 MB body would come back as a 60 MB error;
    # ours is Chinese and names the field with rows counted from 1
    detail = []
    for e in exc.errors():
        whole = body_message(e, request.headers.get("content-type", ""))
        if whole is not None:  # the body as a whole: broken JSON, or not sent as JSON
            detail.append({"loc": ["body"], "msg": whole, "type": e.get("type", "")})
            continue
        loc = list(e.get("loc", ()))
        if any(isinstance(p, int) for p in loc):
            loc = [loc[0], field_path(loc)] if loc and loc[0] in ("body", "query", "path") else [field_path(loc)]
        detail.append({"loc": loc, "msg": message(e), "type": e.get("type", "")})
    return JSONResponse(status_code=422, content={"detail": detail})


def _framework_detail(request: Request, exc: HTTPException):
    """The detail of an HTTPException, in Chinese when the framework raised it with its English
    phrase: 404 for a path no route has, 405 for a method a route does not take (trial 13:
    GET /v1/suggest answered 405 "Method Not Allowed"); our own details pass unchanged."""
    if exc.status_code == 404 and exc.detail == "Not Found":
        return f"未找到该地址：{request.url.path}（接口列表见 /docs）"
    if exc.status_code == 405 and exc.detail == "Method Not Allowed":
        allow = (getattr(exc, "headers", None) or {}).get("Allow", "")
        return f"该地址不支持 {request.method} 请求" + (f"，请改用 {allow}" if allow else "") + "（接口说明见 /docs）"
    return exc.detail


async def _http(request: Request, exc: HTTPException):
    if exc.status_code == 400:  # the framework could not parse the body: not UTF-8, a broken form
        return JSONResponse(status_code=422, content={"detail": [
            {"loc": ["body"], "msg": f"请求体无法解析：JSON 须为 UTF-8 编码，表单须完整（{exc.detail}）",
             "type": "body_invalid"}]})
    return JSONResponse(status_code=exc.status_code, content={"detail": _framework_detail(request, exc)},
                        headers=getattr(exc, "headers", None))


async def _fault(_: Request, exc: Unavailable):
    return _unavailable(exc)


async def _low_level(request: Request, exc: Exception):
    # a full disk, a read-only folder, a locked or damaged database: the machine, not a bug — 503,
    # answered as a handled response (the connection stays usable); anything else is a logged 500
    fault = fault_of(exc)
    if fault is not None:
        _log.warning("%s %s: %s (%s)", request.method, request.url.path, fault, type(exc).__name__)
        return _unavailable(fault)
    _log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return JSONResponse(status_code=500, content={"detail": "服务器内部错误，已记录；请稍后重试或联系管理员"})


async def _config(_: Request, exc: ConfigError):
    # the server's own configuration (embedder, KB file) is wrong: not the client's fault
    return JSONResponse(status_code=503, content={"detail": exc.one_line()})


async def _data_error(_: Request, exc: DataError):
    # loc keeps the field's path for programs; the message names it by its Chinese label
    loc = [p for p in ("body", exc.field) if p]
    where = ":".join(p for p in (exc.file, str(exc.row) if exc.row else "") if p)
    msg = labeled(exc.field, exc.message)
    return JSONResponse(status_code=422, content={"detail": [
        {"loc": loc, "msg": f"{where}: {msg}" if where else msg, "type": "value_error"}]})


async def _too_large(_: Request, exc: PayloadTooLarge):
    return JSONResponse(status_code=413, content={"detail": exc.one_line()})


async def _unsupported(_: Request, exc: UnsupportedType):
    return JSONResponse(status_code=415, content={"detail": exc.one_line()})


async def _import_problems(_: Request, exc: LibraryImportError):
    return JSONResponse(status_code=422, content={"detail": [
        {"loc": ["body", "file"], "msg": m, "type": "value_error"} for m in exc.problems]})


def _shown(text: str) -> str:
    """A message that echoes what the caller sent, without its control characters (NUL, ESC: a terminal or
    log reading the answer must not act on them), each shown as U+FFFD."""
    return "".join("\ufffd" if (ord(ch) < 32 and ch not in "\n\t") or 127 <= ord(ch) < 160 else ch for ch in text)


async def _nf(_: Request, exc: NotFound):
    return JSONResponse(status_code=404, content={"detail": _shown(str(exc))})


async def _unacknowledged(_: Request, exc: FindingsNotAcknowledged):
    return JSONResponse(status_code=409, content={"detail": {"msg": str(exc), "open_errors": exc.findings}})


async def _conflict(_: Request, exc: Conflict):
    return JSONResponse(status_code=409, content={"detail": _shown(str(exc))})


async def _forbidden(_: Request, exc: Forbidden):
    return JSONResponse(status_code=403, content={"detail": str(exc)})


async def _other(_: Request, exc: JixiaoError):
    return JSONResponse(status_code=422, content={"detail": exc.one_line()})


# each error type and its handler (Starlette picks the handler of the nearest class in the error's MRO)
_ERROR_HANDLERS = (
    (RequestValidationError, _invalid),
    (HTTPException, _http),
    (Unavailable, _fault),
    (sqlite3.Error, _low_level),
    (SQLAlchemyError, _low_level),
    (OSError, _low_level),
    (ConfigError, _config),
    (DataError, _data_error),
    (PayloadTooLarge, _too_large),
    (UnsupportedType, _unsupported),
    (LibraryImportError, _import_problems),
    (NotFound, _nf),
    (FindingsNotAcknowledged, _unacknowledged),
    (Conflict, _conflict),
    (Forbidden, _forbidden),
    (JixiaoError, _other),
)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app. `settings` defaults to the environment (`JIXIAO_*`).

    The KB is loaded and warmed when the server starts (`warm_up`, in the
    app's lifespan), not by the first request; while it runs, a thread polls
    the workflow database for library changes made elsewhere (`_library_poller`).
    """
    settings = settings or get_settings()
    app = FastAPI(
        lifespan=_lifespan,
        title="jixiao-kb 预算绩效指标知识库 API",
        version="0.1.0",
        description="指标检索、绩效目标推荐、申报表审核、政策问答，以及事前申报→事中监控→事后评价→结果反馈的全过程接口。",
        docs_url=None, redoc_url=None,  # served offline from vendored files by service.web
    )
    app.state.settings = settings

    _add_guards(app, settings)
    for exc_type, handler in _ERROR_HANDLERS:
        app.add_exception_handler(exc_type, handler)

    @app.get("/healthz", tags=["system"], summary="健康检查",
             description="不经过 API 密钥和排队；响应头 X-Worker 为处理该请求的工作进程号。")
    def healthz(response: Response) -> dict:
        response.headers["X-Worker"] = str(os.getpid())
        return {"status": "ok"}

    uploads = {attachments, archive}  # the routes whose files are sniffed (`kb.evidence.sniff`)
    for r in (indicators, suggest, check, docs, declarations, attachments, archive, admin, public, me, tables,
              library_xlsx, documents):
        app.include_router(r.router, responses={**COMMON_RESPONSES, **(UPLOAD_RESPONSES if r in uploads else {})})
    install_web(app)
    return app
