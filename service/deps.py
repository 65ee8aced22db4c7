"""FastAPI dependencies: settings, the KB, the corpora, the table check, a workflow-DB session.

Routes receive everything through `Depends`; the app's `Settings` (set by
`create_app`) are read here and nowhere else. The KB is the process-wide
`kb.knowledge.get_kb` of those settings; the corpora and the check likewise
load once. The caller's identity is `service.auth.require_key`.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlalchemy.orm import Session

from kb.corpus import Corpus
from kb.errors import ConfigError
from kb.knowledge import KnowledgeBase, get_corpus, get_kb, table_checker
from kb.lifecycle.db import get_sessionmaker
from kb.settings import Settings
from service.guards import KeyThrottle


# ids are bounded integers: a path id beyond the database's integer range is a 422, never an overflow
MAX_ID = 2 ** 31 - 1
DeclId = Annotated[int, Path(ge=1, le=MAX_ID, description="申报 id")]
KeyId = Annotated[int, Path(ge=1, le=MAX_ID, description="密钥 id")]
AttachmentId = Annotated[int, Path(ge=1, le=MAX_ID, description="附件 id")]
ArchiveDocId = Annotated[int, Path(ge=1, le=MAX_ID, description="档案 id")]
IndicatorId = Annotated[str, Path(min_length=1, max_length=64, description="指标 id")]


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


def corpus_dep(settings: Settings = Depends(settings_dep)) -> Corpus:
    """The process-wide Corpus over the app's KB file (`kb.knowledge.get_corpus`)."""
    return get_corpus(settings)


def checker_dep(settings: Settings = Depends(settings_dep)):
    """The one table check (`kb.knowledge.table_checker`): `check(declaration) -> CheckReport`."""
    return table_checker(settings)[0]


def key_throttle_dep(request: Request, settings: Settings = Depends(settings_dep)) -> KeyThrottle:
    """The app's failed-key throttle (`service.guards.KeyThrottle`, one per app and worker)."""
    t = getattr(request.app.state, "key_throttle", None)
    if t is None:
        t = request.app.state.key_throttle = KeyThrottle(settings.auth_fail_limit, settings.auth_fail_window_s)
    return t


def session_dep(settings: Settings = Depends(settings_dep)) -> Iterator[Session]:
    """A workflow-database session for one request (closed afterwards)."""
    with get_sessionmaker(settings.resolved_database_url())() as session:
        yield session
