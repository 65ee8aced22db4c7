"""The indicators of a KB file in memory, for querying: rows, BM25 index, tokenizer, filter columns.

`IndicatorIndex.load(db)` reads the `indicators` table (column-wise,
`kb.store.rows.RowStore`), the lexical index and the tokenizer's user
dictionary the build stored. Filter fields are numpy columns, so a filter
is one vectorised comparison. Not for ranking (`kb.indicators.search`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import sqlite_utils

from kb.retrieval.lexical import LexicalIndex
from kb.retrieval.tokenize import Tokenizer
from kb.store.rows import RowStore

FILTER_FIELDS = ("level1", "level2", "library", "unit_name", "category", "sector")


@dataclass
class IndicatorIndex:
    """In-memory view of the indicators of a KB for querying.

    rows: table rows (dicts, see `kb.store.rows.indicator_row`), aligned with the
    lexical index's document order; columns: per filter field a numpy array of
    strings for masking.
    """

    rows: "RowStore | list[dict]"
    lexical: LexicalIndex
    tokenizer: Tokenizer
    columns: dict[str, np.ndarray] = field(default_factory=dict)
    by_name: dict[str, list[int]] = field(default_factory=dict)
    active: np.ndarray | None = None
    cache: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        def col(f: str) -> list:
            if isinstance(self.rows, RowStore):
                return self.rows.columns.get(f) or [None] * len(self.rows)
            return [r.get(f) for r in self.rows]

        for f in FILTER_FIELDS:
            self.columns[f] = np.array([v or "" for v in col(f)], dtype=object)
        self.active = np.array([v != "deprecated" for v in col("status")], dtype=bool)
        for i, n in enumerate(col("name_norm")):
            self.by_name.setdefault(n, []).append(i)

    def mask(self, filters: dict[str, str | None] | None = None,
             exclude: np.ndarray | None = None, *, visible_units: set[str] | None = None) -> np.ndarray:
        """Boolean mask of active documents passing the filters (None/'' = no filter) that the caller
        may see (`visible`: None = every unit library)."""
        m = self.active.copy()
        for k, v in (filters or {}).items():
            if v in (None, ""):
                continue
            if k not in self.columns:
                raise KeyError(k)
            m &= self.columns[k] == v
        if exclude is not None:
            m &= ~exclude
        if visible_units is not None:
            m &= self.visible(visible_units)
        return m

    def visible(self, visible_units: set[str] | None) -> np.ndarray:
        """True for the documents a caller may see: the 基础指标库 and the 单位指标库 of
        `visible_units` (None = every unit; an empty set = none). Another unit's private
        library is filtered here, before counting, so totals, pages and facets agree."""
        n = len(self.active)
        if visible_units is None:
            return np.ones(n, dtype=bool)
        own = (np.isin(self.columns["unit_name"], list(visible_units)) if visible_units
               else np.zeros(n, dtype=bool))
        return (self.columns["library"] != "unit") | own

    @classmethod
    def load(cls, db: sqlite_utils.Database) -> "IndicatorIndex":
        """The index of the KB file `db` (built: has the `indicators` table and the `blobs`)."""
        rows = RowStore.from_cursor(db.execute("SELECT * FROM indicators ORDER BY rowid"))
        blobs = {r["name"]: r["data"] for r in db.query("SELECT name, data FROM blobs")}
        lex = LexicalIndex.from_bytes(blobs["lexical"])
        words = blobs.get("userdict", b"").decode("utf-8").split("\n")
        return cls(rows=rows, lexical=lex, tokenizer=Tokenizer(words))
