"""Who may see which 单位指标库, and what 结果反馈 taught, for the KB routes.

A declarant or reviewer sees the 基础指标库 and their own unit's library;
supervisors and admins see every unit (seed §2.2; lifecycle issue §8).
Asking for another unit's library answers 404, as if it did not exist.
"""
from __future__ import annotations

import logging

from kb.errors import NotFound
from kb.domain.text import normalize

log = logging.getLogger(__name__)


def unit_scope(principal, requested: str | None) -> str | None:
    """The unit library a request may use: the caller's own unless they read all units.

    Raises NotFound when a unit-bound caller names another unit.
    """
    if principal is None or principal.reads_all_units:
        return requested
    if requested and normalize(requested) != principal.unit_name:
        raise NotFound(f"单位指标库不存在: {requested}")
    return principal.unit_name


def visible_units(principal) -> set[str] | None:
    """Unit names whose private libraries the caller may see (None = all)."""
    if principal is None or principal.reads_all_units:
        return None
    return {principal.unit_name} if principal.unit_name else set()


def learned_stats(request, principal, *, sector: str | None, unit_name: str | None) -> dict | None:
    """结果反馈 statistics for suggest, or None when the workflow DB is not set up."""
    from sqlalchemy.exc import SQLAlchemyError

    from kb.lifecycle.db import get_sessionmaker
    from kb.lifecycle.service import learned_for

    try:
        maker = get_sessionmaker(request.app.state.settings.resolved_database_url())
        with maker() as session:
            return learned_for(session, principal, sector=sector, unit_name=unit_name) or None
    except SQLAlchemyError as e:  # tables not migrated yet: suggest still works
        log.info("learned statistics unavailable: %s", type(e).__name__)
        return None
