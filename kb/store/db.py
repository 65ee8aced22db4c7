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
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(sqlite3.connect(str(path), check_same_thread=False, timeout=30))
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    return db


def build_info(db: sqlite_utils.Database) -> dict[str, str]:
    """The `build_info` table as a dict ({} before the first build)."""
    if "build_info" not in db.table_names():
        return {}
    return {r["key"]: r["value"] for r in db["build_info"].rows}
