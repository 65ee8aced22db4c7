"""A declared target row keeps its 分值 (weight, 0–100 points; NULL when none was given).

Revision ID: 0005
Revises: 0004
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('target_rows') as b:
        b.add_column(sa.Column('weight', sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('target_rows') as b:
        b.drop_column('weight')
