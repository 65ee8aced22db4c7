"""佐证材料 and the 电子会计档案: file bytes as content-addressed chunked blobs (SQLite BLOB /
PostgreSQL bytea), attachments of declarations with their text passages, imported accounting
documents with their rows, and the project codes learned from vouchers.

Revision ID: 0003
Revises: 0002
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa

from kb.migrations.ddl import BIGINT, BOOL, BYTES, DATE, INT, TEXT, TIME, authored, col, create_table


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_table('blobs',
                 col('id', INT), col('sha256', sa.String(64)), col('size', BIGINT), col('mime', sa.String(100)),
                 col('chunk_bytes', INT), col('chunks', INT), col('created_at', TIME),
                 unique=('sha256',))
    create_table('blob_chunks', col('blob_id', INT), col('seq', INT), col('data', BYTES),
                 refs={'blob_id': 'blobs'}, primary=('blob_id', 'seq'))
    create_table('project_codes',
                 col('id', INT), col('unit_id', INT), col('code', sa.String(100)), col('project_id', INT),
                 col('created_at', TIME),
                 refs={'project_id': 'projects', 'unit_id': 'units'}, unique=('unit_id', 'code'),
                 index=['unit_id'])
    create_table('attachments',
                 col('id', INT), col('declaration_id', INT), col('unit_id', INT), col('blob_id', INT),
                 col('stage', sa.String(20)), col('kind', sa.String(30)), col('row', INT, nullable=True),
                 col('filename', sa.String(255)), col('file_type', sa.String(10)), col('mime', sa.String(100)),
                 col('size', BIGINT), col('sha256', sa.String(64)), col('indexed', BOOL),
                 col('index_note', sa.String(300)), col('note', TEXT), *authored(),
                 col('deleted_at', TIME, nullable=True), col('deleted_by', INT, nullable=True),
                 refs={'blob_id': 'blobs', 'declaration_id': 'declarations', 'unit_id': 'units'},
                 index=['blob_id', 'declaration_id', 'sha256', 'unit_id'])
    create_table('archive_documents',
                 col('id', INT), col('unit_id', INT), col('blob_id', INT), col('filename', sa.String(255)),
                 col('sha256', sa.String(64)), col('category', sa.String(20)),
                 col('period_start', DATE, nullable=True), col('period_end', DATE, nullable=True),
                 col('declaration_id', INT, nullable=True), col('attachment_id', INT, nullable=True),
                 col('rows', INT), *authored(), col('deleted_at', TIME, nullable=True),
                 refs={'attachment_id': 'attachments', 'blob_id': 'blobs', 'declaration_id': 'declarations',
                       'unit_id': 'units'},
                 index=['declaration_id', 'sha256', 'unit_id'])
    create_table('attachment_passages',
                 col('id', INT), col('attachment_id', INT), col('declaration_id', INT), col('unit_id', INT),
                 col('seq', INT), col('page', INT, nullable=True), col('sheet', sa.String(100)),
                 col('row', INT, nullable=True), *_cited_text(),
                 refs={'attachment_id': 'attachments'}, index=['attachment_id', 'declaration_id', 'unit_id'])
    create_table('archive_entries',
                 col('id', INT), col('document_id', INT), col('unit_id', INT), col('category', sa.String(20)),
                 col('sheet', sa.String(100)), col('row', INT), col('entry_date', DATE, nullable=True),
                 col('voucher_no', sa.String(60)), col('summary', sa.String(500)), col('account', sa.String(300)),
                 col('account_code', sa.String(40)), col('debit_fen', BIGINT), col('credit_fen', BIGINT),
                 col('project_code', sa.String(100)), col('project_name', sa.String(300)),
                 col('project_id', INT, nullable=True), col('declaration_id', INT, nullable=True),
                 *_cited_text(),
                 refs={'document_id': 'archive_documents', 'project_id': 'projects'},
                 index=['declaration_id', 'document_id', 'entry_date', 'project_id', 'unit_id'])


def _cited_text() -> list[sa.Column]:
    """citation, text, tokens: a searchable passage and where it stands."""
    return [col('citation', sa.String(400)), col('text', TEXT), col('tokens', TEXT)]


def downgrade() -> None:
    for table in ('archive_entries', 'attachment_passages', 'archive_documents', 'attachments',
                  'project_codes', 'blob_chunks', 'blobs'):
        op.drop_table(table)  # its indexes go with it
