"""The FastAPI application: `create_app()` wires routers, limits and errors.

Every typed error of `kb.errors` becomes its HTTP status here, once: DataError
422 (naming the field; a library import's `LibraryImportError` one item per
`第N行 列名: 问题`), NotFound 404, Forbidden 403, Conflict 409 (an
unacknowledged approval with the open findings), ConfigError 503. No
business logic here: routes call `kb`. Run with `jixiao serve`.
"""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from kb.errors import (ConfigError, Conflict, DataError, Forbidden, JixiaoError, NotFound, PayloadTooLarge,
                       UnsupportedType)
from kb.io.xlsx_library import LibraryImportError
from kb.lifecycle.declarations import FindingsNotAcknowledged
from kb.settings import Settings, get_settings
from service.routers import (admin, archive, attachments, check, declarations, docs, documents, indicators,
                             library_xlsx, me, public, suggest, tables)
from service.uploads import upload_limits
from service.web import install as install_web


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


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app. `settings` defaults to the environment (`JIXIAO_*`)."""
    settings = settings or get_settings()
    app = FastAPI(
        title="jixiao-kb 预算绩效指标知识库 API",
        version="0.1.0",
        description="指标检索、绩效目标推荐、申报表审核、政策问答，以及事前申报→事中监控→事后评价→结果反馈的全过程接口。",
        docs_url=None, redoc_url=None,  # served offline from vendored files by service.web
    )
    app.state.settings = settings

    app.add_middleware(BodyLimit, limit=settings.max_request_bytes, routes=upload_limits(settings))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError):
        # FastAPI's default echoes each bad input back: a 60 MB body would come back as a 60 MB error
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                  for e in exc.errors()]
        return JSONResponse(status_code=422, content={"detail": detail})

    @app.exception_handler(ConfigError)
    async def _config(_: Request, exc: ConfigError):
        # the server's own configuration (embedder, KB file) is wrong: not the client's fault
        return JSONResponse(status_code=503, content={"detail": exc.one_line()})

    @app.exception_handler(DataError)
    async def _data_error(_: Request, exc: DataError):
        loc = [p for p in ("body", exc.field) if p]
        return JSONResponse(status_code=422, content={"detail": [{"loc": loc, "msg": exc.one_line(), "type": "value_error"}]})

    @app.exception_handler(PayloadTooLarge)
    async def _too_large(_: Request, exc: PayloadTooLarge):
        return JSONResponse(status_code=413, content={"detail": exc.one_line()})

    @app.exception_handler(UnsupportedType)
    async def _unsupported(_: Request, exc: UnsupportedType):
        return JSONResponse(status_code=415, content={"detail": exc.one_line()})

    @app.exception_handler(LibraryImportError)
    async def _import_problems(_: Request, exc: LibraryImportError):
        return JSONResponse(status_code=422, content={"detail": [
            {"loc": ["body", "file"], "msg": m, "type": "value_error"} for m in exc.problems]})

    @app.exception_handler(NotFound)
    async def _nf(_: Request, exc: NotFound):
        return JSONResponse(status_code=404, content={"detail": str(exc)})

    @app.exception_handler(FindingsNotAcknowledged)
    async def _unacknowledged(_: Request, exc: FindingsNotAcknowledged):
        return JSONResponse(status_code=409, content={"detail": {"msg": str(exc), "open_errors": exc.findings}})

    @app.exception_handler(Conflict)
    async def _conflict(_: Request, exc: Conflict):
        return JSONResponse(status_code=409, content={"detail": str(exc)})

    @app.exception_handler(Forbidden)
    async def _forbidden(_: Request, exc: Forbidden):
        return JSONResponse(status_code=403, content={"detail": str(exc)})

    @app.exception_handler(JixiaoError)
    async def _other(_: Request, exc: JixiaoError):
        return JSONResponse(status_code=422, content={"detail": exc.one_line()})

    @app.get("/healthz", tags=["system"], summary="健康检查")
    def healthz() -> dict:
        return {"status": "ok"}

    for r in (indicators, suggest, check, docs, declarations, attachments, archive, admin, public, me, tables,
              library_xlsx, documents):
        app.include_router(r.router)
    install_web(app)
    return app
