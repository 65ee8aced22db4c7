"""The one SQLite opener of the KB file, and its `build_info` table.

The indicator tables (`kb.store.build`), the vectors (`kb.retrieval.vectors`)
and the corpora (`kb.corpus.store`) all live in this one file and are all
opened here: WAL journal, synchronous=NORMAL, a 30 s busy timeout, and a
connection usable from the service's worker threads. Not for the workflow
database (`kb.lifecycle.db`).
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils


def open_db(path: str | Path) -> sqlite_utils.Database:
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
    db = sqlite_utils.Database(sqlite3.connect(str(path), check_same_thread=False, timeout=30))
    try:
        db.execute("PRAGMA journal_mode=WAL")
    except sqlite3.OperationalError as e:
        if "readonly" not in str(e) and "unable to open" not in str(e):
            raise
        db.conn.close()
        return _read_only(path)
    db.execute("PRAGMA synchronous=NORMAL")
    return db


def _writable(path: Path) -> bool:
    """Whether the KB file and its folder (for the -wal / -shm files) can be written."""
    import os

    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        return False
    try:  # root passes os.access checks on a read-only mount: ask the file system itself
        return not (os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return True


def _read_only(path: Path) -> sqlite_utils.Database:
    uri = f"file:{path.resolve()}?mode=ro&immutable=1"
    return sqlite_utils.Database(sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=30))


def build_info(db: sqlite_utils.Database) -> dict[str, str]:
    """The `build_info` table as a dict ({} before the first build)."""
    if "build_info" not in db.table_names():
        return {}
    return {r["key"]: r["value"] for r in db["build_info"].rows}
