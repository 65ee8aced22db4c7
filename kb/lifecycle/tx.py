"""One unit of work on the workflow database: the transaction, the audit entry, the unit by name.

Every lifecycle operation runs in `transaction(session)` (all-or-nothing:
any error rolls everything back; a lost update or a unique clash is
`Conflict`, 409) and writes `record_audit` for every change (who, when,
what, before/after). Not for business rules.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from kb.domain.text import normalize
from kb.errors import Conflict, DataError, NotFound
from kb.lifecycle.access import Principal
from kb.lifecycle.models import AuditEntry, Unit, utcnow


def record_audit(session: Session, p: Principal, action: str, entity: str, entity_id: Any,
           before: dict | None, after: dict | None) -> None:
    session.add(AuditEntry(at=utcnow(), key_id=p.key_id, role=p.role, unit_name=p.unit_name or "",
                           action=action, entity=entity, entity_id=str(entity_id),
                           before=before, after=after))


def unit_named(session: Session, name: str, *, create: bool) -> Unit:
    name = normalize(name)
    if not name:
        raise DataError("单位名称不能为空", field="unit_name")
    u = session.scalar(select(Unit).where(Unit.name == name))
    if u is None:
        if not create:
            raise NotFound(f"单位不存在: {name}")
        u = Unit(name=name)
        session.add(u)
        session.flush()
    return u


@contextmanager
def transaction(session: Session) -> Iterator[Session]:
    """One transaction on `session`; a lost update or a unique clash becomes Conflict (409)."""
    if session.in_transaction():
        session.rollback()
    try:
        with session.begin():
            yield session
    except StaleDataError:
        raise Conflict("该记录已被其他请求修改，请刷新后重试") from None
    except IntegrityError:
        raise Conflict("与已有记录冲突，请刷新后重试") from None
