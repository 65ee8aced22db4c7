"""Reviews record acknowledged checker errors; feedback may state the budget executed;
learned observations keep the attainment (final score / weight) and whether the
checker accepted the row's target and its 一级/二级 placement.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('acknowledged_findings', sa.JSON(), nullable=True))
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.add_column(sa.Column('budget_executed_wan', sa.Float(), nullable=True))
    with op.batch_alter_table('learned_observations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attainment', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('target_accepted', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('levels_accepted', sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('learned_observations', schema=None) as batch_op:
        batch_op.drop_column('levels_accepted')
        batch_op.drop_column('target_accepted')
        batch_op.drop_column('attainment')
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_column('budget_executed_wan')
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_column('acknowledged_findings')
