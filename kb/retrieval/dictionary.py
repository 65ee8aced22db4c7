"""jieba's word frequencies, looked up on demand instead of loaded whole at start-up.

jieba segments a text with a prefix dictionary: every word of its
dictionary with its frequency, plus every prefix of a word at frequency 0
(≈ 500,000 entries). `jieba.initialize()` loads all of it before the first
cut — 0.6 s on an idle two-core machine, several seconds under load — which
is most of a `jixiao search` call that then segments ten characters.

Here the prefix dictionary is written ONCE per machine into a SQLite cache
file (`base_dictionary`, in `Settings.resolved_cache_dir()`, keyed by
jieba's version and the digest of its dictionary file), and a segmenter
asks it only for the fragments of the text at hand: the substrings jieba's
DAG walk can reach (`Frequencies.covering`). A user layer (the words a
tokenizer adds, as `jieba.Tokenizer.add_word(w, freq)` would: the word at
its frequency, its missing prefixes at 0) sits on top, in memory or stored
in the KB file (`UserWords`). The answers are memoised, so a long-running
process soon holds the fragments it meets in memory.

Segmentation is identical to a fully loaded jieba with the same words
added: the DAG walk, the route and the search-mode n-grams only ever look
up substrings of the text, and each walk stops at the first fragment that
is no prefix of any word, which `covering` finds the same way.
Not for tokenisation rules (`kb.retrieval.tokenize`).
"""
from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

# Memoised fragments per `Frequencies` before the memo is emptied (≈ 40 MB at most).
MEMO_MAX = 300_000
# Fragments per SQL look-up (SQLite's variable limit is far above this).
_BATCH = 900
_WORDS = "words"


class BaseDictionary:
    """jieba's prefix dictionary in a SQLite file: `lookup(fragments) -> {fragment: freq}`.

    Args:
        path: the cache file written by `write_base_dictionary`.
    Attributes:
        total: the sum of all word frequencies (jieba's `total`).
        max_len: the longest entry (16 characters for jieba 0.42.1).
    Thread-safe; reopens its connection in a forked child process.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._pid = -1
        meta = dict(self._connection().execute("SELECT key, value FROM meta").fetchall())
        self.total = int(meta["total"])
        self.max_len = int(meta["max_len"])

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None or self._pid != os.getpid():
            self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._conn

    def lookup(self, fragments: Iterable[str]) -> dict[str, int]:
        """{fragment: frequency} of the fragments present (0 = only a prefix of a word)."""
        return _lookup(self, "SELECT word, freq FROM words WHERE word IN ({})", (), fragments)

    def tags(self, words: Iterable[str]) -> dict[str, str]:
        """{word: part-of-speech tag} of the dictionary words among `words` (for POS tagging)."""
        return _lookup(self, "SELECT word, tag FROM words WHERE tag IS NOT NULL AND word IN ({})", (), words)


def _lookup(owner, sql: str, params: tuple, keys: Iterable[str]) -> dict:
    keys = list(keys)
    out: dict = {}
    with owner._lock:
        conn = owner._connection()
        for a in range(0, len(keys), _BATCH):
            chunk = keys[a:a + _BATCH]
            out.update(conn.execute(sql.format(",".join("?" * len(chunk))), (*params, *chunk)).fetchall())
    return out


def cache_name() -> str:
    """File name of the cache for the installed jieba: `jieba-<version>-<dictionary digest>.sqlite`."""
    import jieba

    from kb.domain.ids import file_digest

    return f"jieba-{jieba.__version__}-{file_digest(_jieba_dict_path(), sampled=True)[:12]}.sqlite"


def _jieba_dict_path() -> Path:
    import jieba

    return Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME


def write_base_dictionary(path: Path) -> Path:
    """Write jieba's prefix dictionary (and POS tags) into the SQLite file `path`, atomically.

    Scans jieba's own dictionary file once, with jieba's own
    `gen_pfdict` (the start-up scan it would otherwise repeat) — the only
    place this project reads it whole. Returns `path`.
    """
    import jieba

    src = _jieba_dict_path()
    with open(src, "rb") as f:
        freq, total = jieba.Tokenizer.gen_pfdict(f)
    tags: dict[str, str] = {}
    with open(src, "rb") as f:
        for line in f:
            parts = line.decode("utf-8").split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        with conn:
            conn.execute("CREATE TABLE words (word TEXT PRIMARY KEY, freq INTEGER NOT NULL, tag TEXT) WITHOUT ROWID")
            conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
            conn.executemany("INSERT INTO words VALUES (?, ?, ?)",
                             ((w, f, tags.get(w)) for w, f in sorted(freq.items())))
            conn.executemany("INSERT INTO meta VALUES (?, ?)",
                             [("total", str(total)), ("max_len", str(max(map(len, freq)))),
                              ("jieba", jieba.__version__)])
        conn.close()
        os.chmod(tmp, 0o644)  # a machine-wide cache: readable by every user
        os.replace(tmp, path)  # atomic: a reader never sees half a file
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return path


@lru_cache(maxsize=4)
def base_dictionary(cache_dir: Path | None = None) -> BaseDictionary:
    """The machine's cached jieba dictionary (written on first use, ≈ 2 s once).

    `cache_dir` defaults to `Settings.resolved_cache_dir()`; when it cannot
    be written, the system temp folder is used.
    """
    if cache_dir is None:
        from kb.settings import get_settings

        cache_dir = get_settings().resolved_cache_dir()
    name = cache_name()
    for folder in (Path(cache_dir), Path(tempfile.gettempdir()) / "jixiao-cache"):
        path = folder / name
        if path.exists():
            try:
                return BaseDictionary(path)
            except sqlite3.DatabaseError:  # a damaged file: write it again
                pass
        try:
            return BaseDictionary(write_base_dictionary(path))
        except OSError:
            continue
    raise OSError(f"无法写入分词词典缓存: {cache_dir}")


class UserWords:
    """The words one tokenizer adds to jieba's dictionary, with their prefixes.

    `entries`: {word: freq > 0, prefix: 0} as `jieba.Tokenizer.add_word`
    leaves them on an empty dictionary; `count`: how many words were added
    (each adds its frequency to jieba's total). In memory (`from_words`) or
    stored in the KB file (`save` / `stored`: looked up on demand).
    """

    def __init__(self, entries: Mapping[str, int] | None, count: int, *, total_extra: int | None = None):
        self.entries = dict(entries) if entries is not None else None
        self.count = count
        self.total_extra = total_extra if total_extra is not None else 0
        self._store: tuple[Path, str] | None = None
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._pid = -1

    @classmethod
    def from_words(cls, words: Iterable[str], freq: int) -> "UserWords":
        """The layer `add_word(w, freq)` for each of `words` (already normalised, distinct) gives."""
        entries: dict[str, int] = {}
        n = 0
        for w in words:
            n += 1
            entries[w] = freq
            for i in range(1, len(w)):
                entries.setdefault(w[:i], 0)
        return cls(entries, n, total_extra=freq * n)

    def save(self, conn, name: str, *, special: Iterable[str] = ()) -> None:
        """Store the layer in the KB file under `name` (inside the caller's transaction)."""
        conn.execute(f"CREATE TABLE IF NOT EXISTS {_WORDS}_user (dict TEXT, word TEXT, freq INTEGER, "
                     "PRIMARY KEY (dict, word)) WITHOUT ROWID")
        conn.execute("CREATE TABLE IF NOT EXISTS tokenizer_dicts (name TEXT PRIMARY KEY, count INTEGER, "
                     "total_extra INTEGER, special TEXT)")
        conn.execute(f"DELETE FROM {_WORDS}_user WHERE dict = ?", [name])
        conn.executemany(f"INSERT INTO {_WORDS}_user VALUES (?, ?, ?)",
                         ((name, w, f) for w, f in sorted((self.entries or {}).items())))
        conn.execute("INSERT OR REPLACE INTO tokenizer_dicts VALUES (?, ?, ?, ?)",
                     [name, self.count, self.total_extra, "\n".join(special)])

    @classmethod
    def stored(cls, path: Path, name: str) -> tuple["UserWords", list[str]] | None:
        """(layer looked up in the KB file `path`, protected terms), or None when `name` is not stored."""
        conn = _open_kb(path)
        try:
            row = conn.execute("SELECT count, total_extra, special FROM tokenizer_dicts WHERE name = ?",
                               [name]).fetchone()
        except sqlite3.OperationalError:  # no such table: built before the layer was stored
            row = None
        if row is None:
            conn.close()
            return None
        layer = cls(None, int(row[0]), total_extra=int(row[1]))
        layer._store, layer._conn, layer._pid = (Path(path), name), conn, os.getpid()
        conn.execute("PRAGMA query_only = 1")
        return layer, [s for s in (row[2] or "").split("\n") if s]

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None or self._pid != os.getpid():
            self._conn = _open_kb(self._store[0])
            self._conn.execute("PRAGMA query_only = 1")
            self._pid = os.getpid()
        return self._conn

    def lookup(self, fragments: Iterable[str]) -> dict[str, int]:
        """{fragment: freq} of the fragments in this layer."""
        if self.entries is not None:
            e = self.entries
            return {f: e[f] for f in fragments if f in e}
        return _lookup(self, f"SELECT word, freq FROM {_WORDS}_user WHERE dict = ? AND word IN ({{}})",
                       (self._store[1],), fragments)


class Frequencies:
    """The merged dictionary of one tokenizer: jieba's words overlaid with a user layer.

    Merge rule (that of `add_word`): a user word has its own frequency; any
    other fragment has jieba's frequency when jieba has it, else 0 when it is
    a prefix of a user word, else it is absent. `total` = jieba's total plus
    the user words' frequencies.
    """

    def __init__(self, base: BaseDictionary, user: UserWords):
        self.base, self.user = base, user
        self.total = base.total + user.total_extra
        self._known: dict[str, int] = {}   # entries met so far (a subset of the merged dictionary)
        self._absent: set[str] = set()     # fragments met that are no entry

    def _resolve(self, fragments: list[str], known: dict[str, int], absent: set[str]) -> None:
        base = self.base.lookup(fragments)
        user = self.user.lookup(fragments)
        for f in fragments:
            u = user.get(f)
            v = u if u else base.get(f, u)  # a user word; jieba's; 0 for a user prefix; None
            if v is None:
                absent.add(f)
            else:
                known[f] = v

    def covering(self, text: str) -> dict[str, int]:
        """A dictionary holding every entry jieba's walk over `text` can look up.

        The walk from each start position grows the fragment one character
        at a time while it is an entry (all of jieba's prefixes are entries)
        and stops at the first one that is not, exactly as
        `jieba.Tokenizer.get_DAG` walks; whitespace ends a walk (no entry
        holds it). Fragments not met before are looked up in one batch per
        length. The dict returned is the memo itself (entries met so far),
        only ever added to: pass it to jieba and do not change it.
        """
        if len(self._known) + len(self._absent) > MEMO_MAX:  # start a new memo; cuts in flight keep theirs
            self._known, self._absent = {}, set()
        known, absent = self._known, self._absent
        pending: list[tuple[str, int, int]] = []
        for run in text.split():
            for k in range(len(run)):
                _extend(run, k, k + 1, known, absent, pending)
        while pending:
            self._resolve(list({run[k:j] for run, k, j in pending}), known, absent)
            nxt: list[tuple[str, int, int]] = []
            for run, k, j in pending:
                _extend(run, k, j, known, absent, nxt)
            pending = nxt
        return known


def _extend(run: str, k: int, j: int, known: dict, absent: set, pending: list) -> None:
    """Grow the fragment run[k:j] while it is a known word or prefix; the first fragment not yet
    looked up goes to `pending` (its lookup decides whether to grow further)."""
    while j <= len(run):
        f = run[k:j]
        if f in known:
            j += 1
        elif f in absent:
            return
        else:
            pending.append((run, k, j))
            return


def _open_kb(path) -> sqlite3.Connection:
    """A connection for reading the KB file `path`; in a read-only folder (no -wal/-shm can be made
    there) the file is opened read-only and immutable, as `kb.store.db.connect` does."""
    conn = sqlite3.connect(str(path), check_same_thread=False)
    try:
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        return sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
