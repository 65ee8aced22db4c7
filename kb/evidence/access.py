"""Who may read and write 佐证材料 and the 电子会计档案: the lifecycle's rules, in one place.

Unit scoping is exactly that of declarations (`kb.lifecycle`): a declarant or
reviewer sees their own unit's declarations, attachments and archive; another
unit's is reported as not found (404) so its existence does not leak;
supervisors (监管人员) and admins read every unit; supervisors write nothing.
Writing evidence (attach, delete, import) is for declarants, reviewers and
admins — the roles that file monitoring reports and self-evaluations. Every
write goes to the lifecycle's audit log in the caller's transaction.
"""
from __future__ import annotations

from kb.errors import Forbidden
from kb.lifecycle.access import ROLE_LABELS, Principal, authorize
from kb.lifecycle.declarations import current_version, visible_declaration
from kb.lifecycle.tx import record_audit as audit
from kb.lifecycle.tx import transaction

__all__ = ["Principal", "audit", "transaction", "visible_declaration", "current_version", "authorize_write",
           "authorize_read", "visible_unit", "WRITE_ROLES"]

WRITE_ROLES = frozenset({"declarant", "reviewer", "admin"})


def authorize_write(principal: Principal) -> None:
    """Raise Forbidden (403) unless the caller may attach, delete or import evidence."""
    if principal.role not in WRITE_ROLES:
        raise Forbidden(f"角色“{ROLE_LABELS.get(principal.role, principal.role)}”无权上传或删除佐证材料")


def authorize_read(principal: Principal) -> None:
    """Raise Forbidden unless the caller may read (every role may)."""
    authorize(principal, "read")


def visible_unit(principal: Principal, unit_id: int) -> bool:
    """True when the caller may see a record of unit `unit_id`."""
    return principal.sees_unit(unit_id)
