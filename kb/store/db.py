"""The one SQLite opener of the KB file, and its `build_info` table.

The indicator tables (`kb.store.build`), the vectors (`kb.retrieval.vectors`)
and the corpora (`kb.corpus.store`) all live in this one file and are all
opened here: WAL journal, synchronous=NORMAL, a 30 s busy timeout, and a
connection usable from the service's worker threads. `connect` gives the
plain `sqlite3` connection (what querying needs: opening a KB imports
neither sqlite-utils nor numpy), `open_db` the sqlite-utils `Database` over
it (what writing uses). Not for the workflow database (`kb.lifecycle.db`).
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import sqlite_utils


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (creating folders) the KB file in WAL mode, usable from the service's worker threads.

    The connection is not thread-bound (check_same_thread=False); callers
    serialise writes (builds run in one process; `KnowledgeBase` only reads;
    `kb.corpus.Corpus` holds a lock).

    A KB file in a read-only folder (or itself read-only) is opened read-only
    (`immutable`: nobody can write it there), so a server still answers
    searches from it; writing to it then fails as read-only.
    """
    path = Path(path)
    if path.exists() and not _writable(path):
        return _read_only(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
    except sqlite3.OperationalError as e:
        if "readonly" not in str(e) and "unable to open" not in str(e):
            raise
        conn.close()
        return _read_only(path)
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def open_db(path: str | Path) -> "sqlite_utils.Database":
    """`connect(path)` wrapped in a sqlite-utils `Database` (for writing tables)."""
    import sqlite_utils

    return sqlite_utils.Database(connect(path))


def _writable(path: Path) -> bool:
    """Whether the KB file and its folder (for the -wal / -shm files) can be written."""
    import os

    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        return False
    try:  # root passes os.access checks on a read-only mount: ask the file system itself
        return not (os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return True


def _read_only(path: Path) -> sqlite3.Connection:
    uri = f"file:{path.resolve()}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=30)


def table_names(db) -> list[str]:
    """Tables of a sqlite3 connection or sqlite-utils Database."""
    return [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()]


def build_info(db) -> dict[str, str]:
    """The `build_info` table as a dict ({} before the first build); `db`: sqlite3 or sqlite-utils."""
    if "build_info" not in table_names(db):
        return {}
    return dict(db.execute("SELECT key, value FROM build_info").fetchall())


def db_path(db) -> Path | None:
    """The file behind an open KB connection (None for an in-memory database)."""
    for _, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return Path(file) if file else None
    return None
