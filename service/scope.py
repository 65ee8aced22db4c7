"""Who may see which 单位指标库, for the KB routes.

A declarant or reviewer sees the 基础指标库 and their own unit's library;
supervisors and admins see every unit (seed §2.2; lifecycle issue §8).
Asking for another unit's library answers 404, as if it did not exist.
"""
from __future__ import annotations

from kb.errors import NotFound
from kb.domain.text import normalize


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
