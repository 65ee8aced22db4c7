"""FastAPI dependencies: settings, the KB, the corpora, the table check, a workflow-DB session.

Routes receive everything through `Depends`; the app's `Settings` (set by
`create_app`) are read here and nowhere else. The KB is the process-wide
`kb.knowledge.get_kb` of those settings; the corpora and the check likewise
load once. The caller's identity is `service.auth.require_key`.

The dependencies that only hand out an object already loaded are `async`:
FastAPI runs every plain `def` dependency in a worker thread, and on a busy
server those hand-offs (a queue, a wake-up, the GIL changing hands) cost
more than the lookups themselves. Loading the KB or the corpora the first
time (`jixiao build` after the server started) still happens in a thread.
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Path, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from kb.corpus import Corpus
from kb.errors import ConfigError
from kb.knowledge import KnowledgeBase, get_corpus, get_kb, loaded_corpus, loaded_kb, table_checker
from kb.lifecycle.db import get_sessionmaker
from kb.settings import Settings
from service.guards import KeyThrottle


# ids are bounded integers: a path id beyond the database's integer range is a 422, never an overflow
MAX_ID = 2 ** 31 - 1
DeclId = Annotated[int, Path(ge=1, le=MAX_ID, description="申报 id")]
KeyId = Annotated[int, Path(ge=1, le=MAX_ID, description="密钥 id")]
AttachmentId = Annotated[int, Path(ge=1, le=MAX_ID, description="附件 id")]
ArchiveDocId = Annotated[int, Path(ge=1, le=MAX_ID, description="档案 id")]
VersionNo = Annotated[int, Path(ge=1, le=MAX_ID, description="版本号（从 1 起）")]
IndicatorId = Annotated[str, Path(min_length=1, max_length=64, description="指标 id")]


async def settings_dep(request: Request) -> Settings:
    """The app's Settings (set by `create_app`)."""
    return request.app.state.settings


async def kb_dep(settings: Settings = Depends(settings_dep)) -> KnowledgeBase:
    """The process-wide KnowledgeBase for the app's KB file (loaded on first use; 503 when not built)."""
    return loaded_kb(settings) or await run_in_threadpool(get_kb, settings)


def optional_kb_dep(settings: Settings = Depends(settings_dep)) -> KnowledgeBase | None:
    """The KnowledgeBase, or None before the first `jixiao build` (library changes are then stored only)."""
    try:
        return get_kb(settings)
    except ConfigError:
        return None


async def corpus_dep(settings: Settings = Depends(settings_dep)) -> Corpus:
    """The process-wide Corpus over the app's KB file (`kb.knowledge.get_corpus`)."""
    return loaded_corpus(settings) or await run_in_threadpool(get_corpus, settings)


async def checker_dep(settings: Settings = Depends(settings_dep)):
    """The one table check (`kb.knowledge.table_checker`): `check(declaration) -> CheckReport`."""
    if loaded_kb(settings) is not None:
        return table_checker(settings)[0]
    return (await run_in_threadpool(table_checker, settings))[0]


async def key_throttle_dep(request: Request, settings: Settings = Depends(settings_dep)) -> KeyThrottle:
    """The app's failed-key throttle (`service.guards.KeyThrottle`, one per app and worker)."""
    t = getattr(request.app.state, "key_throttle", None)
    if t is None:
        t = request.app.state.key_throttle = KeyThrottle(settings.auth_fail_limit, settings.auth_fail_window_s)
    return t


async def session_dep(settings: Settings = Depends(settings_dep)) -> AsyncIterator[Session]:
    """A workflow-database session for one request (closed afterwards).

    Opening a session touches nothing (it connects on first use); closing one
    that still holds a connection (a read left its transaction open) rolls
    back, which may wait on the database, so that close runs in a thread.
    """
    session = get_sessionmaker(settings.resolved_database_url())()
    try:
        yield session
    finally:
        if session.in_transaction():
            await run_in_threadpool(session.close)
        else:
            session.close()
