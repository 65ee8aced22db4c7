"""Key scopes: system administrators and the units a 财政 reviewer (finance_reviewer) is assigned.

`api_keys.system` marks an administrator of the whole system (every unit); an
admin key without it is confined to its own unit. Admin keys that existed
before this revision were system-wide and stay so. `api_keys.assigned_units`
lists the unit ids a finance_reviewer key reviews (JSON array).

Revision ID: 0004
Revises: 0003
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('api_keys') as b:
        b.add_column(sa.Column('system', sa.Boolean(), nullable=False, server_default=sa.false()))
        b.add_column(sa.Column('assigned_units', sa.JSON(), nullable=True))
    op.execute("UPDATE api_keys SET system = TRUE WHERE role = 'admin'")


def downgrade() -> None:
    with op.batch_alter_table('api_keys') as b:
        b.drop_column('assigned_units')
        b.drop_column('system')
