"""Workflow database: engines, sessions and Alembic migrations.

SQLite (the default, a file beside the KB) gets WAL journalling, foreign keys
and a busy timeout on every connection; PostgreSQL URLs are routed to the
psycopg 3 driver (`postgresql://…` → `postgresql+psycopg://…`). Migrations live
in `kb/migrations/` and are run programmatically (`upgrade(url)`), by
`jixiao db upgrade` and by `jixiao serve` on start. Not for the KB file
(`kb.store`) or for any query logic (see the `kb.lifecycle` operations).
"""
from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from kb.errors import ConfigError

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
_upgrade_lock = threading.Lock()


def normalize_url(url: str) -> str:
    """Return `url` with the driver this project uses.

    `postgres://` and `postgresql://` become `postgresql+psycopg://` (psycopg 3);
    other URLs are returned unchanged. Raises ConfigError for an unparsable URL.
    """
    url = (url or "").strip()
    if not url:
        raise ConfigError("数据库地址为空: 请设置 JIXIAO_DATABASE_URL")
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    try:
        u = make_url(url)
    except Exception as e:  # sqlalchemy.exc.ArgumentError
        raise ConfigError(f"无法解析数据库地址: {e.__class__.__name__}") from None
    if u.drivername == "postgresql":
        u = u.set(drivername="postgresql+psycopg")
    return u.render_as_string(hide_password=False)


def _sqlite_on_connect(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    try:
        cur.execute("PRAGMA journal_mode=WAL")
    except Exception:  # a read-only folder: keep the file's journal mode, reads still work
        pass
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
    # transactions are begun by `_sqlite_begin` (pysqlite's own deferred BEGIN would let two
    # processes both read, then fail to upgrade to a write: "database is locked" at once)
    dbapi_conn.isolation_level = None


def _sqlite_begin(conn) -> None:
    """BEGIN IMMEDIATE: take the write lock up front, waiting up to the busy timeout for it, so
    concurrent writers from several processes queue instead of failing; a read-only file
    falls back to a deferred BEGIN (reads go on, a write then fails as read-only). Sessions of
    `get_read_engine` (key lookups on every request) begin deferred."""
    if conn.get_execution_options().get("jixiao_read_only"):
        conn.exec_driver_sql("BEGIN")
        return
    try:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    except Exception as e:  # sqlite3.OperationalError, wrapped
        if "readonly" not in str(e) and "read-only" not in str(e):
            raise
        conn.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    """A new Engine for `url` (SQLite: WAL + foreign keys on connect, every transaction
    BEGIN IMMEDIATE; PostgreSQL via psycopg 3).

    A SQLite file's parent folder is created if missing. The engine never logs
    statements or parameters (no `echo`), so request data and key hashes stay
    out of logs.
    """
    url = normalize_url(url)
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            Path(u.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


@lru_cache(maxsize=16)
def get_engine(url: str) -> Engine:
    """The process-wide Engine for `url` (one pool per URL)."""
    return make_engine(url)


@lru_cache(maxsize=16)
def get_sessionmaker(url: str) -> sessionmaker[Session]:
    """A `sessionmaker` bound to `get_engine(url)`; objects stay readable after commit."""
    return sessionmaker(bind=get_engine(url), expire_on_commit=False)


@lru_cache(maxsize=16)
def get_read_engine(url: str) -> Engine:
    """`get_engine(url)` for reads only (SQLite: a deferred BEGIN, so the key lookup of every request
    never waits for the write lock); same pool."""
    return get_engine(url).execution_options(jixiao_read_only=True)


def _alembic_config(url: str):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    # '%' must be doubled for configparser interpolation
    cfg.set_main_option("sqlalchemy.url", normalize_url(url).replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Apply the Alembic migrations in `kb/migrations/` to the database at `url`.

    Idempotent: an up-to-date database is left as is. Raises ConfigError when
    the URL is unusable.
    """
    from alembic import command

    cfg = _alembic_config(url)
    with _upgrade_lock:
        engine = get_engine(normalize_url(url))
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)


def current_revision(url: str) -> str | None:
    """The Alembic revision the database at `url` is at (None before the first upgrade)."""
    from alembic.runtime.migration import MigrationContext

    engine = get_engine(normalize_url(url))
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    """The newest revision shipped in `kb/migrations/versions/`."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config("sqlite://")).get_current_head()
