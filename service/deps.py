"""Shared FastAPI dependencies: settings and the loaded KnowledgeBase."""
from __future__ import annotations

from fastapi import Request

from kb.knowledge import KnowledgeBase, get_kb
from kb.settings import Settings


def settings_dep(request: Request) -> Settings:
    """The app's Settings (set by `create_app`)."""
    return request.app.state.settings


def kb_dep(request: Request) -> KnowledgeBase:
    """The process-wide KnowledgeBase for the app's KB file (loaded on first use)."""
    kb = getattr(request.app.state, "kb", None)
    if kb is None:
        kb = request.app.state.kb = get_kb(request.app.state.settings)
    return kb


def checker_dep(request: Request):
    """The one table check (`kb.knowledge.table_checker`): `check(declaration) -> CheckReport`."""
    from kb.knowledge import table_checker

    return table_checker(request.app.state.settings)[0]


def auth_dep():
    """The API-key dependency (`service.auth.require_key`): 401 without a valid key."""
    from service.auth import require_key

    return require_key
