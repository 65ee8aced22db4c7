"""Table creation for the workflow migrations (`versions/`): column types, `col` and
`create_table`, which names every key, constraint and index by the naming convention
of `kb.lifecycle.models.NAMING`:

    pk_<table>, fk_<table>_<column>_<referred table>, uq_<table>_<first column>,
    ix_<table>_<column>

Frozen like the revisions that use it: a revision must create the same schema
forever, so change nothing here that a revision uses (add a helper instead).
Not for the ORM classes (`kb.lifecycle.models`) nor for altering tables (revisions
call `op.batch_alter_table` themselves).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import sqlalchemy as sa
from alembic import op

INT = sa.Integer()
BIGINT = sa.BigInteger()
FLOAT = sa.Float()
BOOL = sa.Boolean()
TEXT = sa.Text()
JSON = sa.JSON()
BYTES = sa.LargeBinary()
DATE = sa.Date()
TIME = sa.DateTime(timezone=True)


def col(name: str, kind: sa.types.TypeEngine, nullable: bool = False) -> sa.Column:
    """A column of type `kind`: NOT NULL unless `nullable`."""
    return sa.Column(name, kind, nullable=nullable)


def authored() -> list[sa.Column]:
    """`created_by` (API key id, nullable) and `created_at`: who wrote a row and when."""
    return [col("created_by", INT, nullable=True), col("created_at", TIME)]


def create_table(table: str, *columns: sa.Column, refs: Mapping[str, str] | None = None,
                 unique: tuple[str, ...] = (), index: Iterable[str] = (),
                 primary: tuple[str, ...] = ("id",)) -> None:
    """Create `table` with `columns`, its keys and its single-column indexes.

    refs: column → referred table (a FOREIGN KEY to its `id`); unique: the columns of
    the table's UNIQUE constraint, if any; index: columns that get an index;
    primary: the primary-key columns. Constraints and indexes come in column-name
    order, as Alembic's autogenerate wrote them when the first revisions were made.
    """
    keys = [sa.ForeignKeyConstraint([column], [f"{referred}.id"], name=op.f(f"fk_{table}_{column}_{referred}"))
            for column, referred in sorted((refs or {}).items())]
    keys.append(sa.PrimaryKeyConstraint(*primary, name=op.f(f"pk_{table}")))
    if unique:
        keys.append(sa.UniqueConstraint(*unique, name=op.f(f"uq_{table}_{unique[0]}")))
    op.create_table(table, *columns, *keys)
    for column in sorted(index):
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)
