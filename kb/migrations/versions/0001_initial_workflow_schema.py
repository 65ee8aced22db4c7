"""Initial workflow schema: units, departments, API keys, projects, declarations with
versions and target rows, reviews, monitoring reports, evaluations, feedback,
learned observations/statistics, library changes and the audit log.

Revision ID: 0001
Revises: 
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa

from kb.migrations.ddl import BOOL, DATE, FLOAT, INT, JSON, TEXT, TIME, authored, col, create_table


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_table('audit_log',
                 col('id', INT), col('at', TIME), col('key_id', INT, nullable=True),
                 col('role', sa.String(20)), col('unit_name', sa.String(200)), col('action', sa.String(60)),
                 col('entity', sa.String(40)), col('entity_id', sa.String(64)),
                 col('before', JSON, nullable=True), col('after', JSON, nullable=True))
    op.create_index('ix_audit_entity', 'audit_log', ['entity', 'entity_id'], unique=False)
    create_table('learned_stats',
                 col('id', INT), col('scope_key', sa.String(40)), col('sector', sa.String(100)),
                 col('name_key', sa.String(300)), *_learned_target(),
                 col('chosen_count', INT), col('units_count', INT),
                 col('completion_rate', FLOAT, nullable=True), col('success_share', FLOAT, nullable=True),
                 col('updated_at', TIME),
                 unique=('scope_key', 'sector', 'name_key'))
    create_table('units', col('id', INT), col('name', sa.String(200)), col('created_at', TIME),
                 unique=('name',))
    create_table('api_keys',
                 col('id', INT), col('key_hash', sa.String(64)), col('role', sa.String(20)),
                 col('unit_id', INT), col('label', sa.String(200)), col('created_at', TIME),
                 col('revoked_at', TIME, nullable=True),
                 refs={'unit_id': 'units'}, unique=('key_hash',), index=['unit_id'])
    create_table('departments', col('id', INT), col('unit_id', INT), col('name', sa.String(200)),
                 refs={'unit_id': 'units'}, unique=('unit_id', 'name'), index=['unit_id'])
    create_table('library_indicators',
                 col('id', sa.String(64)), col('library', sa.String(10)), col('unit_id', INT, nullable=True),
                 col('name', sa.String(300)), col('status', sa.String(20)), col('version', INT),
                 col('data', JSON), col('updated_at', TIME),
                 refs={'unit_id': 'units'}, index=['unit_id'])
    create_table('projects',
                 col('id', INT), col('unit_id', INT), col('name', sa.String(300)), col('sector', sa.String(100)),
                 col('created_at', TIME),
                 refs={'unit_id': 'units'}, unique=('unit_id', 'name'), index=['unit_id'])
    create_table('declarations',
                 col('id', INT), col('project_id', INT), col('unit_id', INT),
                 col('department_id', INT, nullable=True), col('year', INT, nullable=True),
                 col('state', sa.String(20)), col('current_version', INT), col('error_count', INT),
                 *authored(), col('updated_at', TIME), col('lock_version', INT),
                 refs={'department_id': 'departments', 'project_id': 'projects', 'unit_id': 'units'},
                 index=['project_id', 'unit_id'])
    create_table('library_changes',
                 col('id', INT), col('indicator_id', sa.String(64)), col('version', INT),
                 col('op', sa.String(20)), col('data', JSON), *authored(),
                 refs={'indicator_id': 'library_indicators'}, index=['indicator_id'])
    create_table('declaration_versions',
                 *_on_version(), col('project_name', sa.String(300)), col('description', TEXT),
                 col('department', sa.String(200)), col('sector', sa.String(100)),
                 col('year', INT, nullable=True), col('budget_wan', FLOAT, nullable=True),
                 col('findings', JSON), *authored(),
                 refs={'declaration_id': 'declarations'}, unique=('declaration_id', 'version'),
                 index=['declaration_id'])
    create_table('evaluations',
                 *_on_version(), col('total', FLOAT), col('total_weight', FLOAT), col('grade', sa.String(4)),
                 col('budget_executed_wan', FLOAT, nullable=True), col('warnings', JSON), *authored(),
                 refs={'declaration_id': 'declarations'}, index=['declaration_id'])
    create_table('monitoring_reports',
                 *_on_version(), col('period_end', DATE), col('budget_executed_wan', FLOAT, nullable=True),
                 col('time_progress', FLOAT), col('budget_execution_rate', FLOAT, nullable=True),
                 col('budget_light', sa.String(10), nullable=True), col('result', JSON), *authored(),
                 refs={'declaration_id': 'declarations'}, index=['declaration_id'])
    create_table('reviews',
                 *_on_version(), col('decision', sa.String(20)), col('comment', TEXT), *authored(),
                 refs={'declaration_id': 'declarations'}, index=['declaration_id'])
    create_table('evaluation_items',
                 col('id', INT), col('evaluation_id', INT), col('position', INT), col('name', sa.String(300)),
                 col('direction', sa.String(20)), col('actual', sa.String(300)),
                 col('completion', FLOAT, nullable=True), col('tier', sa.String(20), nullable=True),
                 col('weight', FLOAT), col('score', FLOAT), col('score_low', FLOAT), col('score_high', FLOAT),
                 col('deviation_reason', TEXT), col('warnings', JSON),
                 refs={'evaluation_id': 'evaluations'}, index=['evaluation_id'])
    create_table('feedback',
                 col('id', INT), col('declaration_id', INT), col('evaluation_id', INT),
                 col('final_total', FLOAT, nullable=True), col('final_grade', sa.String(4), nullable=True),
                 col('final_scores', JSON), col('comments', TEXT),
                 col('budget_adjustment_wan', FLOAT, nullable=True), *authored(),
                 refs={'declaration_id': 'declarations', 'evaluation_id': 'evaluations'},
                 unique=('declaration_id',))
    create_table('target_rows',
                 col('id', INT), col('version_id', INT), col('position', INT),
                 col('level1', sa.String(100)), col('level2', sa.String(100)), col('name', sa.String(300)),
                 col('operator', sa.String(20)), col('value', sa.String(300)), col('unit', sa.String(50)),
                 col('indicator_id', sa.String(64), nullable=True),
                 refs={'version_id': 'declaration_versions'}, unique=('version_id', 'position'),
                 index=['version_id'])
    create_table('learned_observations',
                 col('id', INT), col('feedback_id', INT), col('declaration_id', INT), col('unit_id', INT),
                 col('sector', sa.String(100)), col('year', INT, nullable=True), col('name_key', sa.String(300)),
                 *_learned_target(), col('target_num', FLOAT, nullable=True),
                 col('completion', FLOAT, nullable=True), col('met', BOOL, nullable=True),
                 refs={'declaration_id': 'declarations', 'feedback_id': 'feedback', 'unit_id': 'units'},
                 index=['declaration_id', 'feedback_id', 'name_key', 'unit_id'])


def _on_version() -> list[sa.Column]:
    """id, declaration_id, version: the first columns of a row about one version of a declaration."""
    return [col('id', INT), col('declaration_id', INT), col('version', INT)]


def _learned_target() -> list[sa.Column]:
    """The indicator and target of a learned row, as the declaration stated them."""
    return [col('name', sa.String(300)), col('level1', sa.String(40)), col('level2', sa.String(40)),
            col('unit', sa.String(50)), col('operator', sa.String(20)), col('value', sa.String(300))]


def downgrade() -> None:
    for table in ('learned_observations', 'target_rows', 'feedback', 'evaluation_items', 'reviews',
                  'monitoring_reports', 'evaluations', 'declaration_versions', 'library_changes',
                  'declarations', 'projects', 'library_indicators', 'departments', 'api_keys', 'units',
                  'learned_stats', 'audit_log'):
        op.drop_table(table)  # its indexes go with it
