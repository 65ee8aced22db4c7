"""FastAPI dependencies: settings, the KB, the corpora, the table check, a workflow-DB session.

Routes receive everything through `Depends`; the app's `Settings` (set by
`create_app`) are read here and nowhere else. The KB is the process-wide
`kb.knowledge.get_kb` of those settings; the corpora and the check likewise
load once. The caller's identity is `service.auth.require_key`.
"""
from __future__ import annotations

from collections.abc import Iterator

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from kb.corpus import Corpus
from kb.errors import ConfigError
from kb.knowledge import KnowledgeBase, get_kb, table_checker
from kb.lifecycle.db import get_sessionmaker
from kb.settings import Settings


def settings_dep(request: Request) -> Settings:
    """The app's Settings (set by `create_app`)."""
    return request.app.state.settings


def kb_dep(settings: Settings = Depends(settings_dep)) -> KnowledgeBase:
    """The process-wide KnowledgeBase for the app's KB file (loaded on first use; 503 when not built)."""
    return get_kb(settings)


def optional_kb_dep(settings: Settings = Depends(settings_dep)) -> KnowledgeBase | None:
    """The KnowledgeBase, or None before the first `jixiao build` (library changes are then stored only)."""
    try:
        return get_kb(settings)
    except ConfigError:
        return None


def corpus_dep(request: Request, settings: Settings = Depends(settings_dep)) -> Corpus:
    """The Corpus over the app's KB file (opened once per app)."""
    c = getattr(request.app.state, "corpus", None)
    if c is None:
        c = request.app.state.corpus = Corpus(settings=settings)
    return c


def checker_dep(settings: Settings = Depends(settings_dep)):
    """The one table check (`kb.knowledge.table_checker`): `check(declaration) -> CheckReport`."""
    return table_checker(settings)[0]


def session_dep(settings: Settings = Depends(settings_dep)) -> Iterator[Session]:
    """A workflow-database session for one request (closed afterwards)."""
    with get_sessionmaker(settings.resolved_database_url())() as session:
        yield session
