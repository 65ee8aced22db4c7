"""Alembic environment of the workflow database (run via `kb.lifecycle.db.upgrade`).

Uses the connection handed over in `config.attributes['connection']` when
there is one (programmatic runs), else builds an engine from
`sqlalchemy.url`. SQLite runs in batch mode so later migrations can alter
tables. Not for the KB file.
"""
from __future__ import annotations

from alembic import context

from kb.workflow_schema import metadata

config = context.config
target_metadata = metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"),
                      target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    conn = config.attributes.get("connection")
    if conn is not None:
        _run(conn)
        return
    from kb.lifecycle.db import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as connection:
        _run(connection)
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
