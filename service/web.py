"""The staff web page and the API docs, served offline from files shipped in the package.

`install(app)` adds:

- `/` — the single-page workspace (`service/static/index.html`, plain ES
  modules under `/static/js/`, no build step);
- `/static/…` — the page's own files and the vendored Swagger UI and ReDoc
  (`service/static/vendor/`, each with its licence);
- `/docs` and `/redoc` — Swagger UI and ReDoc pointed at those vendored
  files instead of a CDN (FastAPI's documented pattern: `docs_url=None`,
  `redoc_url=None` and own routes), so they work on a closed intranet.

The page gets a Content-Security-Policy that allows only this origin, so a
page served here cannot load anything from elsewhere even by mistake.
Not for API routes (see `service/routers/`).
"""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "static"
# the page and its modules: this origin only (no CDN, no web fonts); inline styles for the grid's widths
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
            "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; "
            "form-action 'self'")
# Swagger UI and ReDoc start from an inline script and ReDoc runs a blob: worker
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; font-src 'self' data:; "
            "object-src 'none'; base-uri 'self'")


class _Static(StaticFiles):
    """Static files with the page's CSP and revalidation (a new release is picked up at once)."""

    async def get_response(self, path, scope):
        resp = await super().get_response(path, scope)
        resp.headers.setdefault("Content-Security-Policy", PAGE_CSP)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Cache-Control", "no-cache")
        return resp


def install(app: FastAPI) -> None:
    """Serve the page at `/`, its files at `/static` and offline `/docs` and `/redoc` on `app`.

    `app` must have been created with `docs_url=None, redoc_url=None`.
    """
    app.mount("/static", _Static(directory=STATIC), name="static")
    openapi_url = app.openapi_url or "/openapi.json"
    title = app.title

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8",
                            headers={"Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-cache",
                                     "X-Content-Type-Options": "nosniff"})

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url=openapi_url, title=f"{title} · Swagger UI",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
            swagger_ui_parameters={"validatorUrl": None, "persistAuthorization": False})
        page.headers["Content-Security-Policy"] = DOCS_CSP
        return page

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        page = get_redoc_html(openapi_url=openapi_url, title=f"{title} · ReDoc",
                              redoc_js_url="/static/vendor/redoc/redoc.standalone.js",
                              redoc_favicon_url="/static/favicon.svg", with_google_fonts=False)
        page.headers["Content-Security-Policy"] = DOCS_CSP
        return page
