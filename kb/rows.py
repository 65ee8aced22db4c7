"""Compact, read-only in-memory rows of the KB's `indicators` table.

A 100k-indicator KB held as one Python dict per row costs ≈ 220 MB (26 keys,
a fresh string object per cell); most cells repeat a few values (library,
一级/二级, category, sector, unit, status …). `RowStore` keeps one list per
column and shares equal strings, so the same KB takes a fraction of that,
while callers keep reading rows as mappings (`rows[i]["name"]`,
`r.get("unit")`, `dict(r)`). Rows are read-only: per-row caches belong in
`IndicatorIndex.cache`. Not for writing the KB (`kb.store`) or for the
lexical index (`kb.lexical`).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any


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

    def column(self, field: str) -> list:
        """All values of one column (the store's own list: do not modify)."""
        return self.columns[field]
