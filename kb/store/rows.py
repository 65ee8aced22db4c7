"""The KB's `indicators` table rows: an `Indicator` flattened into a row and back, and the rows in memory.

`indicator_row` / `row_to_indicator` convert; `index_text` / `embed_text`
are what the lexical index and the embedder see of an indicator;
`indicator_hash` is its content hash (vectors are reused while it holds).

Compact, read-only in-memory rows:

A 100k-indicator KB held as one Python dict per row costs ≈ 220 MB (26 keys,
a fresh string object per cell); most cells repeat a few values (library,
一级/二级, category, sector, unit, status …). `RowStore` keeps one list per
column and shares equal strings, so the same KB takes a fraction of that,
while callers keep reading rows as mappings (`rows[i]["name"]`,
`r.get("unit")`, `dict(r)`). Rows are read-only: per-row caches belong in
`IndicatorIndex.cache`. Not for writing the KB (`kb.store.build`) or for the
lexical index (`kb.retrieval.lexical`).
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from kb.domain.schema import Indicator
from kb.domain.text import normalize_name, plain_name, slot_free_key
from kb.io.library import LIST_FIELDS


class Row(Mapping):
    """One row of a `RowStore` (a read-only mapping column → value)."""

    __slots__ = ("_store", "_i")

    def __init__(self, store: "RowStore", i: int):
        self._store, self._i = store, i

    def __getitem__(self, key: str) -> Any:
        return self._store.columns[key][self._i]

    def get(self, key: str, default: Any = None) -> Any:
        col = self._store.columns.get(key)
        return default if col is None else col[self._i]

    def __contains__(self, key: object) -> bool:
        return key in self._store.columns

    def __iter__(self) -> Iterator[str]:
        return iter(self._store.fields)

    def __len__(self) -> int:
        return len(self._store.fields)

    def __repr__(self) -> str:
        return f"Row({dict(self)!r})"


# rows `RowStore.fetch` reads alone before it loads the columns beyond the hot ones at once
_ALONE = 32


class _LazyColumns(dict):
    """{field: values}: some columns given, the others loaded together on first access (`RowStore.from_table`);
    `one(i)` reads those others of row i alone (`RowStore.fetch`)."""

    def __init__(self, fields: Sequence[str], first: dict[str, list], load, one=None):
        super().__init__(first)
        self._fields, self._load, self.one, self.alone = frozenset(fields), load, one, 0

    @property
    def complete(self) -> bool:
        """Every column is in memory."""
        return dict.__len__(self) == len(self._fields)

    def __missing__(self, f: str) -> list:
        if f not in self._fields:
            raise KeyError(f)
        for k, v in self._load().items():
            self.setdefault(k, v)
        return dict.__getitem__(self, f)

    def get(self, f: str, default=None):
        return self[f] if f in self._fields else default

    def __contains__(self, f: object) -> bool:
        return f in self._fields


class RowStore(Sequence):
    """Column-wise rows: `store[i]` is a `Row`, `len(store)` the row count.

    Args:
        fields: column names in table order.
        columns: {field: list of n values}; equal strings should already be
            shared (see `from_cursor`).
    Raises:
        ValueError: columns of different lengths or not matching `fields`.
    """

    def __init__(self, fields: Sequence[str], columns: dict[str, list]):
        self.fields = tuple(fields)
        if set(self.fields) != set(columns):
            raise ValueError("columns must match fields")
        sizes = {len(c) for c in columns.values()}
        if len(sizes) > 1:
            raise ValueError(f"columns of different lengths: {sorted(sizes)}")
        self.columns = columns
        self._n = sizes.pop() if sizes else 0

    @classmethod
    def from_cursor(cls, cursor: sqlite3.Cursor) -> "RowStore":
        """Read every row of an executed SELECT, sharing equal string values per column."""
        fields = [d[0] for d in cursor.description]
        cols: list[list] = [[] for _ in fields]
        seen: list[dict] = [{} for _ in fields]
        for tup in cursor:
            for v, col, memo in zip(tup, cols, seen):
                if v.__class__ is str:
                    v = memo.setdefault(v, v)
                col.append(v)
        return cls(fields, dict(zip(fields, cols)))

    @classmethod
    def from_table(cls, path, table: str = "indicators", hot: bytes | None = None) -> "RowStore":
        """The rows of `table` in the SQLite file `path`, read as they are used.

        `hot`: the `hot_columns` blob the build stored — the columns search,
        lookup and filters read, loaded at once (a few ms for the shipped
        library); the other columns come in one scan of the table on first
        use (connection of its own: thread-safe). Without it every column
        comes from that scan.
        """
        import marshal

        from kb.store.db import connect

        with connect(path) as conn:
            fields = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]
            n = conn.execute(f"SELECT COUNT(*) FROM [{table}]").fetchone()[0]
        first = marshal.loads(hot) if hot else {}
        first = {f: v for f, v in first.items() if f in fields and len(v) == n}
        rest = [f for f in fields if f not in first]

        select = f"SELECT {', '.join(f'[{f}]' for f in rest)} FROM [{table}] ORDER BY rowid"

        def load() -> dict[str, list]:
            conn = connect(path)
            try:
                return RowStore.from_cursor(conn.execute(select)).columns
            finally:
                conn.close()

        def one(i: int) -> dict:
            conn = connect(path)
            try:
                return dict(zip(rest, conn.execute(select + " LIMIT 1 OFFSET ?", (i,)).fetchone()))
            finally:
                conn.close()

        store = cls.__new__(cls)
        store.fields, store.columns, store._n = tuple(fields), _LazyColumns(fields, first, load, one), n
        return store

    @classmethod
    def from_dicts(cls, rows: Iterable[Mapping]) -> "RowStore":
        """Build from mappings that all have the same keys (tests, small KBs)."""
        rows = list(rows)
        fields = list(rows[0]) if rows else []
        return cls(fields, {f: [r[f] for r in rows] for f in fields})

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [Row(self, j) for j in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        return Row(self, i)

    def __iter__(self) -> Iterator[Row]:
        return (Row(self, i) for i in range(self._n))

    def fetch(self, i: int) -> dict:
        """Row `i` as a dict of every column (the values `dict(store[i])` holds).

        While the columns beyond the hot ones are not loaded (`from_table`),
        the first rows asked for are read alone — a check that makes a few
        library indicators reads a few rows, not the table; later ones load
        those columns at once, as `store[i][field]` does.

        Raises:
            IndexError: `i` is not a row.
        """
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        cols = self.columns
        if isinstance(cols, _LazyColumns) and cols.one is not None and not cols.complete and cols.alone < _ALONE:
            cols.alone += 1
            rest = cols.one(i)
            return {f: rest[f] if f in rest else dict.__getitem__(cols, f)[i] for f in self.fields}
        return {f: cols[f][i] for f in self.fields}

    def column(self, field: str) -> list:
        """All values of one column (the store's own list: do not modify)."""
        return self.columns[field]


# The columns search, lookup and filters read (and the keywords `IndicatorLookup.of_work` scans), stored together
# by the build (`hot_columns`).
HOT_COLUMNS = ("id", "name", "name_norm", "level1", "level2", "unit", "library", "unit_name", "category", "sector",
               "status", "synonyms", "lookup_keys", "keywords")


def hot_columns(rows: Sequence[Mapping]) -> bytes:
    """The `HOT_COLUMNS` of the `indicators` rows as one blob (marshal: loads in milliseconds)."""
    import marshal

    return marshal.dumps({f: [r.get(f) for r in rows] for f in HOT_COLUMNS})


def indicator_hash(ind: Indicator) -> str:
    """Content hash of one indicator (everything but version/status and the training links,
    which the embedded text does not hold: adding a link re-embeds nothing)."""
    d = ind.model_dump(mode="json", exclude={"version", "status", "training"})
    return hashlib.sha256(json.dumps(d, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]


def indicator_row(ind: Indicator) -> dict:
    """Flatten an Indicator into its `indicators` table row."""
    d = ind.model_dump(mode="json")
    t = d.pop("typical")
    for k in LIST_FIELDS:  # stored as JSON text
        d[k] = json.dumps(d[k], ensure_ascii=False)
    d.update(typ_operator=t["operator"], typ_value=t["value"], typ_unit=t["unit"],
             name_norm=normalize_name(plain_name(ind.name)),
             lookup_keys=json.dumps([slot_free_key(ind.name), *(slot_free_key(x) for x in ind.synonyms)],
                                    ensure_ascii=False),
             content_hash=indicator_hash(ind))
    return d


def row_to_indicator(r: dict) -> Indicator:
    """Inverse of `indicator_row`."""
    d = {k: v for k, v in r.items() if k not in ("typ_operator", "typ_value", "typ_unit",
                                                 "name_norm", "lookup_keys", "content_hash")}
    for k in LIST_FIELDS:  # stored as JSON text
        d[k] = json.loads(d.get(k) or "[]")
    d["typical"] = {"operator": r["typ_operator"], "value": r["typ_value"], "unit": r["typ_unit"]}
    return Indicator.model_validate(d)


# the name under which the indicator tokenizer's user words are stored in the KB file
INDICATOR_TOKENIZER = "indicators"
# the vector kind of indicators in `kb.retrieval.vectors`
INDICATOR_KIND = "indicator"


def tokenizer_words(indicators: list[Indicator]) -> list[str]:
    """User-dictionary words generated from the libraries: names, synonyms, units."""
    words: list[str] = []
    for ind in indicators:
        words.append(plain_name(ind.name))
        words.extend(ind.synonyms)
        words.extend(ind.keywords)
        if ind.unit:
            words.append(ind.unit)
    return words


def index_text(ind: Indicator) -> str:
    """Text the lexical index sees for an indicator (name weighted twice)."""
    name = plain_name(ind.name)
    return " ".join([name, name, *ind.synonyms, *ind.keywords, ind.category, ind.sector])


def embed_text(ind: Indicator) -> str:
    """Text embedded for dense retrieval: name, synonyms and explanation."""
    name = plain_name(ind.name)
    syn = "、".join(ind.synonyms[:6])
    return f"{name}。{syn}。{ind.explanation}".strip("。")
