"""API-key authentication and roles for the HTTP service.

`require_key` reads the `X-API-Key` header, looks up the SHA-256 hash of the
key in the workflow database (`kb.lifecycle.keys.authenticate`: one indexed
SELECT on a pooled connection, on every request — no cache, so a revoked key
stops working at once in every worker) and returns the caller's `Principal` (key id, role, unit); a missing, unknown or
revoked key is 401. With `settings.auth_required = False` (tests of
read-only KB routes) the caller is an anonymous, read-only supervisor.
`require_role(...)` adds a role check (403). The key itself is never logged
or stored. Not for business rules (see `kb.lifecycle`).
"""
from __future__ import annotations

from collections.abc import Callable

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import APIKeyHeader

from kb.lifecycle.access import Principal, forbidden_message
from kb.lifecycle.db import get_read_engine
from kb.lifecycle.keys import authenticate
from kb.settings import Settings
from service.deps import key_throttle_dep, settings_dep
from service.guards import KeyThrottle

ANONYMOUS = Principal(key_id=None, role="supervisor", unit_name=None, unit_id=None)
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="API 密钥（由 jixiao admin create-key 创建）")


def require_key(request: Request, x_api_key: str | None = Security(_header),
                settings: Settings = Depends(settings_dep),
                throttle: KeyThrottle = Depends(key_throttle_dep)) -> Principal:
    """The caller's Principal from `X-API-Key`; 401 when missing, unknown or revoked; 429 with
    Retry-After while the client's address has sent too many unknown keys (any key then)."""
    if not settings.auth_required:
        return ANONYMOUS
    if not x_api_key:
        raise HTTPException(status_code=401, detail="缺少 API 密钥：请在请求头 X-API-Key 中提供",
                            headers={"WWW-Authenticate": "ApiKey"})
    addr = request.client.host if request.client else "-"
    wait = throttle.retry_after(addr)
    if wait:
        raise HTTPException(status_code=429, detail=f"该地址的无效密钥尝试过多，请 {wait} 秒后再试",
                            headers={"Retry-After": str(wait)})
    with get_read_engine(settings.resolved_database_url()).connect() as conn:
        p = authenticate(conn, x_api_key)
    if p is None:
        throttle.failed(addr)
        raise HTTPException(status_code=401, detail="API 密钥无效或已吊销",
                            headers={"WWW-Authenticate": "ApiKey"})
    request.state.principal = p
    return p


def require_role(*roles: str) -> Callable[..., Principal]:
    """A dependency allowing only `roles` (403 otherwise, independent of the target)."""
    allowed = frozenset(roles)

    async def dep(p: Principal = Depends(require_key)) -> Principal:  # no I/O: no worker thread
        if p.role not in allowed:
            raise HTTPException(status_code=403, detail=forbidden_message(p.role))
        return p

    return dep
