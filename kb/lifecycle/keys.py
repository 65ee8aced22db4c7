"""API keys: create, list, revoke, and authenticate a presented key.

Only the SHA-256 of a key is stored; the key itself is returned once, at
creation, and never logged. Not for permissions (`access`).
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Collection

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session

from kb.domain.text import normalize
from kb.errors import Conflict, DataError, Forbidden, NotFound
from kb.lifecycle.access import Principal, authorize
from kb.lifecycle.models import ApiKey, Unit, utcnow
from kb.lifecycle.schemas import KeyCreated, KeyIn, KeyOut
from kb.lifecycle.tx import record_audit, transaction, unit_named


def hash_key(key: str) -> str:
    """SHA-256 hex digest of an API key (keys are 256-bit random, so no salt/stretching is needed)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def authenticate(session: Session | Connection, key: str | None) -> Principal | None:
    """The principal of a presented key, or None for a missing, unknown or revoked key.

    The key is looked up by its SHA-256 (an index search on the hash reveals
    nothing about the key) and the stored hash compared in constant time.
    Every call reads the database (a revoked key stops working at once, in
    every worker); the lookup selects columns, not ORM objects, so a plain
    `Connection` serves as well as a `Session` (the service passes one: it
    runs on every request).
    """
    if not key or len(key) > 200:
        return None
    digest = hash_key(key)
    row = session.execute(_KEY_LOOKUP, {"digest": digest}).first()
    if row is None or not hmac.compare_digest(row.key_hash, digest) or row.revoked_at is not None:
        return None
    return Principal(key_id=row.id, role=row.role, unit_name=row.unit_name, unit_id=row.unit_id,
                     system=bool(row.system) and row.role == "admin",
                     assigned_unit_ids=frozenset(row.assigned_units or ()) if row.role == "finance_reviewer"
                     else frozenset())


_KEY_LOOKUP = (select(ApiKey.id, ApiKey.key_hash, ApiKey.role, ApiKey.unit_id, ApiKey.system, ApiKey.assigned_units,
                      ApiKey.revoked_at, Unit.name.label("unit_name"))
               .join(Unit, ApiKey.unit_id == Unit.id).where(ApiKey.key_hash == bindparam("digest")))


def _key_out(k: ApiKey, unit_name: str, names: dict[int, str] | None = None) -> dict:
    return dict(id=k.id, unit_name=unit_name, role=k.role, label=k.label, system=bool(k.system),
                assigned_units=[(names or {}).get(u, str(u)) for u in (k.assigned_units or [])],
                created_at=k.created_at, revoked_at=k.revoked_at)


def create_key(session: Session, principal: Principal, body: KeyIn) -> KeyCreated:
    """Create an API key for a unit (created if new). The key is returned once; only its hash is stored.

    A system admin makes keys for any unit; an admin confined to its unit only for that unit,
    never a system admin nor a finance reviewer of other units (Forbidden). `assigned_units`
    (finance_reviewer only) are created if new; a finance_reviewer key without them is made, with
    a `warning` (`key_warning`). Raises Forbidden, DataError.
    """
    authorize(principal, "manage_keys")
    if body.assigned_units and body.role != "finance_reviewer":
        raise DataError("只有 finance_reviewer（财政审核）密钥可以指定 assigned_units", field="assigned_units")
    system = body.role == "admin" and (body.system if body.system is not None else principal.key_id is None)
    if not principal.reads_all_units:
        if system or body.assigned_units:
            raise Forbidden("只管理本单位的管理员不能创建系统管理员或跨单位的财政审核密钥")
        if normalize(body.unit_name) != principal.unit_name:
            raise Forbidden("只管理本单位的管理员只能为本单位创建密钥")
    key = "jx_" + secrets.token_urlsafe(32)
    with transaction(session):
        u = unit_named(session, body.unit_name, create=True)
        assigned = [unit_named(session, n, create=True) for n in dict.fromkeys(body.assigned_units)]
        k = ApiKey(key_hash=hash_key(key), role=body.role, unit_id=u.id, label=body.label, created_at=utcnow(),
                   system=system, assigned_units=[a.id for a in assigned] or None)
        session.add(k)
        session.flush()
        info = _key_out(k, u.name, {a.id: a.name for a in assigned})
        record_audit(session, principal, "key.create", "api_key", k.id, None,
                     {"role": k.role, "unit_name": u.name, "label": k.label, "system": system,
                      "assigned_units": [a.name for a in assigned]})
    return KeyCreated(key=key, warning=key_warning(body.role, info["unit_name"], info["assigned_units"]), **info)


def key_warning(role: str, unit_name: str, assigned_units: Collection) -> str | None:
    """Why a key will likely not do what it was made for, in Chinese (one line), or None: a
    finance_reviewer key without assigned units (their names or ids: only whether there are any
    matters) sees only its own unit's declarations (a 财政局 declares none), so it sees nothing;
    units are assigned only when a key is made. Said at creation and by `GET /v1/me`."""
    if role == "finance_reviewer" and not assigned_units:
        return (f"警告：财政审核密钥未指定负责审核的单位，只能看到本单位“{unit_name}”的申报，看不到任何被审核单位；"
                "请吊销后重新创建并指定单位（接口 assigned_units，命令行 --assigned-unit）")
    return None


def list_keys(session: Session, principal: Principal) -> list[KeyOut]:
    """All keys (without secrets), newest first; an admin confined to its unit sees that unit's."""
    authorize(principal, "manage_keys")
    with transaction(session):
        q = select(ApiKey, Unit.name).join(Unit).order_by(ApiKey.id.desc())
        if not principal.reads_all_units:
            q = q.where(ApiKey.unit_id == principal.unit_id)
        names = dict(session.execute(select(Unit.id, Unit.name)).all())
        return [KeyOut(**_key_out(k, n, names)) for k, n in session.execute(q).all()]


def revoke_key(session: Session, principal: Principal, key_id: int) -> KeyOut:
    """Revoke a key (it stops working at once). Raises NotFound, Conflict if already revoked."""
    authorize(principal, "manage_keys")
    with transaction(session):
        k = session.get(ApiKey, key_id)
        if k is None or not (principal.reads_all_units or k.unit_id == principal.unit_id):
            raise NotFound(f"密钥不存在: {key_id}")
        if k.revoked_at is not None:
            raise Conflict(f"密钥 {key_id} 已吊销")
        k.revoked_at = utcnow()
        record_audit(session, principal, "key.revoke", "api_key", k.id, {"revoked": False}, {"revoked": True})
        return KeyOut(**_key_out(k, k.unit.name))
