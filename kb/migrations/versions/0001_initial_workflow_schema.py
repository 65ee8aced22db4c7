"""Initial workflow schema: units, departments, API keys, projects, declarations with
versions and target rows, reviews, monitoring reports, evaluations, feedback,
learned observations/statistics, library changes and the audit log.

Revision ID: 0001
Revises: 
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('key_id', sa.Integer(), nullable=True),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('unit_name', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_entity', ['entity', 'entity_id'], unique=False)

    op.create_table('learned_stats',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scope_key', sa.String(length=40), nullable=False),
    sa.Column('sector', sa.String(length=100), nullable=False),
    sa.Column('name_key', sa.String(length=300), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('level1', sa.String(length=40), nullable=False),
    sa.Column('level2', sa.String(length=40), nullable=False),
    sa.Column('unit', sa.String(length=50), nullable=False),
    sa.Column('operator', sa.String(length=20), nullable=False),
    sa.Column('value', sa.String(length=300), nullable=False),
    sa.Column('chosen_count', sa.Integer(), nullable=False),
    sa.Column('units_count', sa.Integer(), nullable=False),
    sa.Column('completion_rate', sa.Float(), nullable=True),
    sa.Column('success_share', sa.Float(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_learned_stats')),
    sa.UniqueConstraint('scope_key', 'sector', 'name_key', name=op.f('uq_learned_stats_scope_key'))
    )
    op.create_table('units',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_units')),
    sa.UniqueConstraint('name', name=op.f('uq_units_name'))
    )
    op.create_table('api_keys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_api_keys_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_keys')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_api_keys_key_hash'))
    )
    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_keys_unit_id'), ['unit_id'], unique=False)

    op.create_table('departments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_departments_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_departments')),
    sa.UniqueConstraint('unit_id', 'name', name=op.f('uq_departments_unit_id'))
    )
    with op.batch_alter_table('departments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_departments_unit_id'), ['unit_id'], unique=False)

    op.create_table('library_indicators',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('library', sa.String(length=10), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_library_indicators_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_library_indicators'))
    )
    with op.batch_alter_table('library_indicators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_library_indicators_unit_id'), ['unit_id'], unique=False)

    op.create_table('projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('sector', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_projects_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects')),
    sa.UniqueConstraint('unit_id', 'name', name=op.f('uq_projects_unit_id'))
    )
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_projects_unit_id'), ['unit_id'], unique=False)

    op.create_table('declarations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('current_version', sa.Integer(), nullable=False),
    sa.Column('error_count', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('lock_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_declarations_department_id_departments')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_declarations_project_id_projects')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_declarations_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_declarations'))
    )
    with op.batch_alter_table('declarations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_declarations_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_declarations_unit_id'), ['unit_id'], unique=False)

    op.create_table('library_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('op', sa.String(length=20), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['library_indicators.id'], name=op.f('fk_library_changes_indicator_id_library_indicators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_library_changes'))
    )
    with op.batch_alter_table('library_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_library_changes_indicator_id'), ['indicator_id'], unique=False)

    op.create_table('declaration_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('declaration_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('project_name', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('department', sa.String(length=200), nullable=False),
    sa.Column('sector', sa.String(length=100), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('budget_wan', sa.Float(), nullable=True),
    sa.Column('findings', sa.JSON(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['declaration_id'], ['declarations.id'], name=op.f('fk_declaration_versions_declaration_id_declarations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_declaration_versions')),
    sa.UniqueConstraint('declaration_id', 'version', name=op.f('uq_declaration_versions_declaration_id'))
    )
    with op.batch_alter_table('declaration_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_declaration_versions_declaration_id'), ['declaration_id'], unique=False)

    op.create_table('evaluations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('declaration_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('total', sa.Float(), nullable=False),
    sa.Column('total_weight', sa.Float(), nullable=False),
    sa.Column('grade', sa.String(length=4), nullable=False),
    sa.Column('budget_executed_wan', sa.Float(), nullable=True),
    sa.Column('warnings', sa.JSON(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['declaration_id'], ['declarations.id'], name=op.f('fk_evaluations_declaration_id_declarations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluations'))
    )
    with op.batch_alter_table('evaluations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluations_declaration_id'), ['declaration_id'], unique=False)

    op.create_table('monitoring_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('declaration_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('budget_executed_wan', sa.Float(), nullable=True),
    sa.Column('time_progress', sa.Float(), nullable=False),
    sa.Column('budget_execution_rate', sa.Float(), nullable=True),
    sa.Column('budget_light', sa.String(length=10), nullable=True),
    sa.Column('result', sa.JSON(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['declaration_id'], ['declarations.id'], name=op.f('fk_monitoring_reports_declaration_id_declarations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_monitoring_reports'))
    )
    with op.batch_alter_table('monitoring_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_monitoring_reports_declaration_id'), ['declaration_id'], unique=False)

    op.create_table('reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('declaration_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('decision', sa.String(length=20), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['declaration_id'], ['declarations.id'], name=op.f('fk_reviews_declaration_id_declarations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reviews'))
    )
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reviews_declaration_id'), ['declaration_id'], unique=False)

    op.create_table('evaluation_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('evaluation_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('direction', sa.String(length=20), nullable=False),
    sa.Column('actual', sa.String(length=300), nullable=False),
    sa.Column('completion', sa.Float(), nullable=True),
    sa.Column('tier', sa.String(length=20), nullable=True),
    sa.Column('weight', sa.Float(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('score_low', sa.Float(), nullable=False),
    sa.Column('score_high', sa.Float(), nullable=False),
    sa.Column('deviation_reason', sa.Text(), nullable=False),
    sa.Column('warnings', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['evaluation_id'], ['evaluations.id'], name=op.f('fk_evaluation_items_evaluation_id_evaluations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_items'))
    )
    with op.batch_alter_table('evaluation_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluation_items_evaluation_id'), ['evaluation_id'], unique=False)

    op.create_table('feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('declaration_id', sa.Integer(), nullable=False),
    sa.Column('evaluation_id', sa.Integer(), nullable=False),
    sa.Column('final_total', sa.Float(), nullable=True),
    sa.Column('final_grade', sa.String(length=4), nullable=True),
    sa.Column('final_scores', sa.JSON(), nullable=False),
    sa.Column('comments', sa.Text(), nullable=False),
    sa.Column('budget_adjustment_wan', sa.Float(), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['declaration_id'], ['declarations.id'], name=op.f('fk_feedback_declaration_id_declarations')),
    sa.ForeignKeyConstraint(['evaluation_id'], ['evaluations.id'], name=op.f('fk_feedback_evaluation_id_evaluations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback')),
    sa.UniqueConstraint('declaration_id', name=op.f('uq_feedback_declaration_id'))
    )
    op.create_table('target_rows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('level1', sa.String(length=100), nullable=False),
    sa.Column('level2', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('operator', sa.String(length=20), nullable=False),
    sa.Column('value', sa.String(length=300), nullable=False),
    sa.Column('unit', sa.String(length=50), nullable=False),
    sa.Column('indicator_id', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['version_id'], ['declaration_versions.id'], name=op.f('fk_target_rows_version_id_declaration_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_target_rows')),
    sa.UniqueConstraint('version_id', 'position', name=op.f('uq_target_rows_version_id'))
    )
    with op.batch_alter_table('target_rows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_target_rows_version_id'), ['version_id'], unique=False)

    op.create_table('learned_observations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('feedback_id', sa.Integer(), nullable=False),
    sa.Column('declaration_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('sector', sa.String(length=100), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('name_key', sa.String(length=300), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('level1', sa.String(length=40), nullable=False),
    sa.Column('level2', sa.String(length=40), nullable=False),
    sa.Column('unit', sa.String(length=50), nullable=False),
    sa.Column('operator', sa.String(length=20), nullable=False),
    sa.Column('value', sa.String(length=300), nullable=False),
    sa.Column('target_num', sa.Float(), nullable=True),
    sa.Column('completion', sa.Float(), nullable=True),
    sa.Column('met', sa.Boolean(), nullable=True),
    sa.ForeignKeyConstraint(['declaration_id'], ['declarations.id'], name=op.f('fk_learned_observations_declaration_id_declarations')),
    sa.ForeignKeyConstraint(['feedback_id'], ['feedback.id'], name=op.f('fk_learned_observations_feedback_id_feedback')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_learned_observations_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_learned_observations'))
    )
    with op.batch_alter_table('learned_observations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_learned_observations_declaration_id'), ['declaration_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_learned_observations_feedback_id'), ['feedback_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_learned_observations_name_key'), ['name_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_learned_observations_unit_id'), ['unit_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('learned_observations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_learned_observations_unit_id'))
        batch_op.drop_index(batch_op.f('ix_learned_observations_name_key'))
        batch_op.drop_index(batch_op.f('ix_learned_observations_feedback_id'))
        batch_op.drop_index(batch_op.f('ix_learned_observations_declaration_id'))

    op.drop_table('learned_observations')
    with op.batch_alter_table('target_rows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_target_rows_version_id'))

    op.drop_table('target_rows')
    op.drop_table('feedback')
    with op.batch_alter_table('evaluation_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluation_items_evaluation_id'))

    op.drop_table('evaluation_items')
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reviews_declaration_id'))

    op.drop_table('reviews')
    with op.batch_alter_table('monitoring_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_monitoring_reports_declaration_id'))

    op.drop_table('monitoring_reports')
    with op.batch_alter_table('evaluations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluations_declaration_id'))

    op.drop_table('evaluations')
    with op.batch_alter_table('declaration_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_declaration_versions_declaration_id'))

    op.drop_table('declaration_versions')
    with op.batch_alter_table('library_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_library_changes_indicator_id'))

    op.drop_table('library_changes')
    with op.batch_alter_table('declarations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_declarations_unit_id'))
        batch_op.drop_index(batch_op.f('ix_declarations_project_id'))

    op.drop_table('declarations')
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_projects_unit_id'))

    op.drop_table('projects')
    with op.batch_alter_table('library_indicators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_library_indicators_unit_id'))

    op.drop_table('library_indicators')
    with op.batch_alter_table('departments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_departments_unit_id'))

    op.drop_table('departments')
    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_keys_unit_id'))

    op.drop_table('api_keys')
    op.drop_table('units')
    op.drop_table('learned_stats')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entity')

    op.drop_table('audit_log')
