"""Who may do what: the calling `Principal`, the role permissions, `authorize`.

Roles (GLOSSARY): declarants declare, edit and submit; reviewers return or
approve; declarants and reviewers file monitoring reports and
self-evaluations; reviewers and admins record the finance bureau's
feedback; supervisors (监管人员) read everything and write nothing; admins do
everything and manage keys and libraries. A 财政 reviewer
(`finance_reviewer`, the finance bureau reviewing many units) reads,
returns, approves and gives 结果反馈 for its own unit and the units assigned
to its key. An admin is confined to its own unit unless its key is a system
admin's (`system`; keys made on the command line are); unit admins (单位管理员,
`unit_admin`) read their own unit and maintain its 单位指标库 only. The role is checked
first (`kb.errors.Forbidden` → 403, whatever the target); the unit after it
(a declaration of a unit the key may not see is not found). Not for keys (`keys`).
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
    system: bool = False
    assigned_unit_ids: frozenset[int] = frozenset()

    @property
    def reads_all_units(self) -> bool:
        return self.role == "supervisor" or (self.role == "admin" and self.system)

    @property
    def role_label(self) -> str:
        """The role's Chinese name as the staff page shows it (an admin confined to its unit is not a 系统管理员)."""
        if self.role == "admin" and not self.system:
            return "本单位管理员"
        return ROLE_LABELS.get(self.role, self.role)

    def sees_unit(self, unit_id: int | None) -> bool:
        """Whether the caller may see a unit's declarations: all units, its own, or assigned ones."""
        return self.reads_all_units or unit_id == self.unit_id or unit_id in self.assigned_unit_ids

    def unit_ids(self) -> set[int] | None:
        """The unit ids the caller sees (None = every unit)."""
        if self.reads_all_units:
            return None
        return {u for u in (self.unit_id, *self.assigned_unit_ids) if u is not None}


# the Chinese name of each role (GLOSSARY), as the staff page shows it
ROLE_LABELS = {"declarant": "申报人员", "reviewer": "审核人员", "supervisor": "监管人员", "admin": "系统管理员",
               "unit_admin": "单位管理员", "finance_reviewer": "财政审核人员"}

CLI_PRINCIPAL = Principal(key_id=None, role="admin", unit_name="(命令行)", unit_id=None, system=True)

PERMISSIONS: dict[str, frozenset[str]] = {
    "read": frozenset({"declarant", "reviewer", "supervisor", "admin", "unit_admin", "finance_reviewer"}),
    "declare": frozenset({"declarant", "admin"}),
    "submit": frozenset({"declarant", "admin"}),
    "review": frozenset({"reviewer", "admin", "finance_reviewer"}),
    "monitor": frozenset({"declarant", "reviewer", "admin"}),
    "evaluate": frozenset({"declarant", "reviewer", "admin"}),
    "feedback": frozenset({"reviewer", "admin", "finance_reviewer"}),
    "manage_keys": frozenset({"admin"}),
    "manage_library": frozenset({"admin"}),
    # 单位管理员 (unit_admin) maintains its own unit's 单位指标库 only (import from Excel)
    "manage_unit_library": frozenset({"admin", "unit_admin"}),
    "read_audit": frozenset({"supervisor", "admin"}),
}


def authorize(principal: Principal, action: str) -> None:
    """Raise Forbidden unless `principal.role` may do `action` (see PERMISSIONS)."""
    if principal.role not in PERMISSIONS[action]:
        raise Forbidden(forbidden_message(principal.role))


def forbidden_message(role: str) -> str:
    """The 403 message for `role`, by its Chinese name ('角色“申报人员”无权执行此操作')."""
    return f"角色“{ROLE_LABELS.get(role, role)}”无权执行此操作"


def allowed_actions(role: str) -> list[str]:
    """The actions of PERMISSIONS that `role` may do, sorted (what the staff page shows or hides)."""
    return sorted(a for a, roles in PERMISSIONS.items() if role in roles)
