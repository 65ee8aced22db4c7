"""Who may do what: the calling `Principal`, the role permissions, `authorize`.

Roles (GLOSSARY): declarants declare, edit and submit; reviewers return or
approve; declarants and reviewers file monitoring reports and
self-evaluations; reviewers and admins record the finance bureau's
feedback; supervisors (监管人员) read everything and write nothing; admins do
everything and manage keys and libraries. The role is checked first
(`kb.errors.Forbidden` → 403, whatever the target); the unit after it (a
declaration of another unit is not found). Not for keys (`keys`).
"""
from __future__ import annotations

from dataclasses import dataclass

from kb.errors import Forbidden


@dataclass(frozen=True)
class Principal:
    """Who is calling: key id (None for the CLI / auth switched off), role, unit."""

    key_id: int | None
    role: str
    unit_name: str | None
    unit_id: int | None

    @property
    def reads_all_units(self) -> bool:
        return self.role in ("supervisor", "admin")


CLI_PRINCIPAL = Principal(key_id=None, role="admin", unit_name="(命令行)", unit_id=None)

PERMISSIONS: dict[str, frozenset[str]] = {
    "read": frozenset({"declarant", "reviewer", "supervisor", "admin"}),
    "declare": frozenset({"declarant", "admin"}),
    "submit": frozenset({"declarant", "admin"}),
    "review": frozenset({"reviewer", "admin"}),
    "monitor": frozenset({"declarant", "reviewer", "admin"}),
    "evaluate": frozenset({"declarant", "reviewer", "admin"}),
    "feedback": frozenset({"reviewer", "admin"}),
    "manage_keys": frozenset({"admin"}),
    "manage_library": frozenset({"admin"}),
    "read_audit": frozenset({"supervisor", "admin"}),
}


def authorize(principal: Principal, action: str) -> None:
    """Raise Forbidden unless `principal.role` may do `action` (see PERMISSIONS)."""
    if principal.role not in PERMISSIONS[action]:
        raise Forbidden(f"角色 {principal.role} 无权执行此操作")
