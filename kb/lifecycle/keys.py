"""API keys: create, list, revoke, and authenticate a presented key.

Only the SHA-256 of a key is stored; the key itself is returned once, at
creation, and never logged. Not for permissions (`access`).
"""
from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.errors import Conflict, NotFound
from kb.lifecycle.access import Principal, authorize
from kb.lifecycle.models import ApiKey, Unit, utcnow
from kb.lifecycle.schemas import KeyCreated, KeyIn, KeyOut
from kb.lifecycle.tx import record_audit, transaction, unit_named


def hash_key(key: str) -> str:
    """SHA-256 hex digest of an API key (keys are 256-bit random, so no salt/stretching is needed)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def authenticate(session: Session, key: str | None) -> Principal | None:
    """The principal of a presented key, or None for a missing, unknown or revoked key."""
    if not key or len(key) > 200:
        return None
    row = session.execute(select(ApiKey, Unit.name).join(Unit, ApiKey.unit_id == Unit.id)
                          .where(ApiKey.key_hash == hash_key(key))).first()
    if row is None or row[0].revoked_at is not None:
        return None
    k, unit_name = row
    return Principal(key_id=k.id, role=k.role, unit_name=unit_name, unit_id=k.unit_id)


def _key_out(k: ApiKey, unit_name: str) -> dict:
    return dict(id=k.id, unit_name=unit_name, role=k.role, label=k.label,
                created_at=k.created_at, revoked_at=k.revoked_at)


def create_key(session: Session, principal: Principal, body: KeyIn) -> KeyCreated:
    """Create an API key for a unit (created if new). The key is returned once; only its hash is stored."""
    authorize(principal, "manage_keys")
    key = "jx_" + secrets.token_urlsafe(32)
    with transaction(session):
        u = unit_named(session, body.unit_name, create=True)
        k = ApiKey(key_hash=hash_key(key), role=body.role, unit_id=u.id, label=body.label, created_at=utcnow())
        session.add(k)
        session.flush()
        info = _key_out(k, u.name)
        record_audit(session, principal, "key.create", "api_key", k.id, None,
               {"role": k.role, "unit_name": u.name, "label": k.label})
    return KeyCreated(key=key, **info)


def list_keys(session: Session, principal: Principal) -> list[KeyOut]:
    """All keys (without secrets), newest first."""
    authorize(principal, "manage_keys")
    with transaction(session):
        rows = session.execute(select(ApiKey, Unit.name).join(Unit).order_by(ApiKey.id.desc())).all()
        return [KeyOut(**_key_out(k, n)) for k, n in rows]


def revoke_key(session: Session, principal: Principal, key_id: int) -> KeyOut:
    """Revoke a key (it stops working at once). Raises NotFound, Conflict if already revoked."""
    authorize(principal, "manage_keys")
    with transaction(session):
        k = session.get(ApiKey, key_id)
        if k is None:
            raise NotFound(f"密钥不存在: {key_id}")
        if k.revoked_at is not None:
            raise Conflict(f"密钥 {key_id} 已吊销")
        k.revoked_at = utcnow()
        record_audit(session, principal, "key.revoke", "api_key", k.id, {"revoked": False}, {"revoked": True})
        return KeyOut(**_key_out(k, k.unit.name))
