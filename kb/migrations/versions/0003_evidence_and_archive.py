"""佐证材料 and the 电子会计档案: file bytes as content-addressed chunked blobs (SQLite BLOB /
PostgreSQL bytea), attachments of declarations with their text passages, imported accounting
documents with their rows, and the project codes learned from vouchers.

Revision ID: 0003
Revises: 0002
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('blobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('mime', sa.String(length=100), nullable=False),
    sa.Column('chunk_bytes', sa.Integer(), nullable=False),
    sa.Column('chunks', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_blobs')),
    sa.UniqueConstraint('sha256', name=op.f('uq_blobs_sha256'))
    )
    op.create_table('blob_chunks',
    sa.Column('blob_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['blob_id'], ['blobs.id'], name=op.f('fk_blob_chunks_blob_id_blobs')),
    sa.PrimaryKeyConstraint('blob_id', 'seq', name=op.f('pk_blob_chunks'))
    )
    op.create_table('project_codes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=100), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_codes_project_id_projects')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_project_codes_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_codes')),
    sa.UniqueConstraint('unit_id', 'code', name=op.f('uq_project_codes_unit_id'))
    )
    with op.batch_alter_table('project_codes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_codes_unit_id'), ['unit_id'], unique=False)

    op.create_table('attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('declaration_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('blob_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('row', sa.Integer(), nullable=True),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('file_type', sa.String(length=10), nullable=False),
    sa.Column('mime', sa.String(length=100), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('indexed', sa.Boolean(), nullable=False),
    sa.Column('index_note', sa.String(length=300), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('deleted_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['blob_id'], ['blobs.id'], name=op.f('fk_attachments_blob_id_blobs')),
    sa.ForeignKeyConstraint(['declaration_id'], ['declarations.id'], name=op.f('fk_attachments_declaration_id_declarations')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_attachments_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachments'))
    )
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachments_blob_id'), ['blob_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachments_declaration_id'), ['declaration_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachments_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachments_unit_id'), ['unit_id'], unique=False)

    op.create_table('archive_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('blob_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=True),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('declaration_id', sa.Integer(), nullable=True),
    sa.Column('attachment_id', sa.Integer(), nullable=True),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['attachment_id'], ['attachments.id'], name=op.f('fk_archive_documents_attachment_id_attachments')),
    sa.ForeignKeyConstraint(['blob_id'], ['blobs.id'], name=op.f('fk_archive_documents_blob_id_blobs')),
    sa.ForeignKeyConstraint(['declaration_id'], ['declarations.id'], name=op.f('fk_archive_documents_declaration_id_declarations')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_archive_documents_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_archive_documents'))
    )
    with op.batch_alter_table('archive_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_archive_documents_declaration_id'), ['declaration_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_archive_documents_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_archive_documents_unit_id'), ['unit_id'], unique=False)

    op.create_table('attachment_passages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attachment_id', sa.Integer(), nullable=False),
    sa.Column('declaration_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('sheet', sa.String(length=100), nullable=False),
    sa.Column('row', sa.Integer(), nullable=True),
    sa.Column('citation', sa.String(length=400), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('tokens', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['attachment_id'], ['attachments.id'], name=op.f('fk_attachment_passages_attachment_id_attachments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment_passages'))
    )
    with op.batch_alter_table('attachment_passages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_passages_attachment_id'), ['attachment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_passages_declaration_id'), ['declaration_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_passages_unit_id'), ['unit_id'], unique=False)

    op.create_table('archive_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('sheet', sa.String(length=100), nullable=False),
    sa.Column('row', sa.Integer(), nullable=False),
    sa.Column('entry_date', sa.Date(), nullable=True),
    sa.Column('voucher_no', sa.String(length=60), nullable=False),
    sa.Column('summary', sa.String(length=500), nullable=False),
    sa.Column('account', sa.String(length=300), nullable=False),
    sa.Column('account_code', sa.String(length=40), nullable=False),
    sa.Column('debit_fen', sa.BigInteger(), nullable=False),
    sa.Column('credit_fen', sa.BigInteger(), nullable=False),
    sa.Column('project_code', sa.String(length=100), nullable=False),
    sa.Column('project_name', sa.String(length=300), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('declaration_id', sa.Integer(), nullable=True),
    sa.Column('citation', sa.String(length=400), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('tokens', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['archive_documents.id'], name=op.f('fk_archive_entries_document_id_archive_documents')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_archive_entries_project_id_projects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_archive_entries'))
    )
    with op.batch_alter_table('archive_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_archive_entries_declaration_id'), ['declaration_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_archive_entries_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_archive_entries_entry_date'), ['entry_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_archive_entries_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_archive_entries_unit_id'), ['unit_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('archive_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_archive_entries_unit_id'))
        batch_op.drop_index(batch_op.f('ix_archive_entries_project_id'))
        batch_op.drop_index(batch_op.f('ix_archive_entries_entry_date'))
        batch_op.drop_index(batch_op.f('ix_archive_entries_document_id'))
        batch_op.drop_index(batch_op.f('ix_archive_entries_declaration_id'))

    op.drop_table('archive_entries')
    with op.batch_alter_table('attachment_passages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_passages_unit_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_passages_declaration_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_passages_attachment_id'))

    op.drop_table('attachment_passages')
    with op.batch_alter_table('archive_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_archive_documents_unit_id'))
        batch_op.drop_index(batch_op.f('ix_archive_documents_sha256'))
        batch_op.drop_index(batch_op.f('ix_archive_documents_declaration_id'))

    op.drop_table('archive_documents')
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachments_unit_id'))
        batch_op.drop_index(batch_op.f('ix_attachments_sha256'))
        batch_op.drop_index(batch_op.f('ix_attachments_declaration_id'))
        batch_op.drop_index(batch_op.f('ix_attachments_blob_id'))

    op.drop_table('attachments')
    with op.batch_alter_table('project_codes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_codes_unit_id'))

    op.drop_table('project_codes')
    op.drop_table('blob_chunks')
    op.drop_table('blobs')
