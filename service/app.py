"""The FastAPI application: `create_app()` wires routers, limits and errors.

No business logic here: routes call `kb`. Run with `jixiao serve`.
"""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from kb.errors import Conflict, DataError, JixiaoError, NotFound
from kb.settings import Settings, get_settings
from service.routers import admin, check, declarations, docs, indicators, public, suggest


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app. `settings` defaults to the environment (`JIXIAO_*`)."""
    settings = settings or get_settings()
    app = FastAPI(
        title="jixiao-kb 预算绩效指标知识库 API",
        version="0.1.0",
        description="指标检索、绩效目标推荐、申报表审核、政策问答，以及事前申报→事中监控→事后评价→结果反馈的全过程接口。",
    )
    app.state.settings = settings

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        """Reject bodies above settings.max_request_bytes with 413."""
        limit = request.app.state.settings.max_request_bytes
        cl = request.headers.get("content-length")
        if cl and cl.isdigit() and int(cl) > limit:
            return JSONResponse(status_code=413, content={"detail": f"请求体超过上限 {limit} 字节"})
        return await call_next(request)

    @app.exception_handler(DataError)
    async def _data_error(_: Request, exc: DataError):
        loc = [p for p in ("body", exc.field) if p]
        return JSONResponse(status_code=422, content={"detail": [{"loc": loc, "msg": exc.one_line(), "type": "value_error"}]})

    @app.exception_handler(NotFound)
    async def _nf(_: Request, exc: NotFound):
        return JSONResponse(status_code=404, content={"detail": str(exc)})

    @app.exception_handler(Conflict)
    async def _conflict(_: Request, exc: Conflict):
        return JSONResponse(status_code=409, content={"detail": str(exc)})

    from kb.lifecycle.service import Forbidden

    @app.exception_handler(Forbidden)
    async def _forbidden(_: Request, exc: Forbidden):
        return JSONResponse(status_code=403, content={"detail": str(exc)})

    @app.exception_handler(JixiaoError)
    async def _other(_: Request, exc: JixiaoError):
        return JSONResponse(status_code=422, content={"detail": exc.one_line()})

    @app.get("/healthz", tags=["system"], summary="健康检查")
    def healthz() -> dict:
        return {"status": "ok"}

    for r in (indicators, suggest, check, docs, declarations, admin, public):
        app.include_router(r.router)
    return app
