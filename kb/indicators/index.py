"""The indicators of a KB file in memory, for querying: rows, BM25 index, tokenizer, filter columns.

`IndicatorIndex.load(db)` reads the `indicators` table (column-wise,
`kb.store.rows.RowStore`), the lexical index and the tokenizer's user
dictionary the build stored, without numpy. Filters are answered two
ways: `mask(filters)`, a numpy boolean vector (one vectorised comparison
per field, built on first use), and `allows(doc, filters)` for one
document, or `allowed(filters)`, the same test as a predicate over the
columns (None when nothing is filtered out), for the sparse lexical path. Not for ranking (`kb.indicators.search`).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kb.errors import ConfigError
from kb.retrieval.lexical import LexicalIndex
from kb.store.db import db_path
from kb.store.rows import INDICATOR_TOKENIZER, RowStore

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

    from kb.retrieval.tokenize import Tokenizer

FILTER_FIELDS = ("level1", "level2", "library", "unit_name", "category", "sector")


class IndicatorIndex:
    """In-memory view of the indicators of a KB for querying.

    Attributes:
        rows: table rows (`RowStore` or list of dicts, see
            `kb.store.rows.indicator_row`), aligned with the lexical index's
            document order.
        lexical, tokenizer: the KB's BM25 index and tokenizer.
        by_name: normalised name → row indices.
        columns: per filter field a numpy array of strings for masking
            (built on first use; callers may add columns of their own).
        active: numpy bool, False for deprecated indicators (first use).
        cache: per-index memo for callers (masks, parsed fields …).
    """

    def __init__(self, rows: "RowStore | list[dict]", lexical: "LexicalIndex | None" = None,
                 tokenizer: "Tokenizer | None" = None, *, loaders: dict | None = None):
        self.rows, self._lexical, self._tokenizer = rows, lexical, tokenizer
        self._loaders = loaders or {}  # "lexical" / "tokenizer" → () -> object, for `load`
        self.cache: dict = {}
        self._columns: dict | None = None
        self._active = None
        self._deprecated: set[int] | None = None
        self.by_name: dict[str, list[int]] = {}
        for i, n in enumerate(self._col("name_norm")):
            self.by_name.setdefault(n, []).append(i)

    @property
    def lexical(self) -> LexicalIndex:
        """The BM25 index (read from the KB file on first use)."""
        if self._lexical is None:
            self._lexical = self._loaders["lexical"]()
        return self._lexical

    @property
    def tokenizer(self) -> "Tokenizer":
        """The tokenizer (opened on first use)."""
        if self._tokenizer is None:
            self._tokenizer = self._loaders["tokenizer"]()
        return self._tokenizer

    def _col(self, f: str) -> list:
        if isinstance(self.rows, RowStore):
            return self.rows.columns.get(f) or [None] * len(self.rows)
        return [r.get(f) for r in self.rows]

    @property
    def columns(self) -> dict[str, "np.ndarray"]:
        """Filter field → numpy array of its values ('' for none), built on first use."""
        if self._columns is None:
            import numpy as np

            self._columns = {f: np.array([v or "" for v in self._col(f)], dtype=object) for f in FILTER_FIELDS}
        return self._columns

    @property
    def active(self) -> "np.ndarray":
        """numpy bool per document: False for deprecated indicators."""
        if self._active is None:
            import numpy as np

            self._active = np.array([v != "deprecated" for v in self._col("status")], dtype=bool)
        return self._active

    def query_tokens(self, query: str) -> list[str]:
        """The search tokens of `query` without its function words (`kb.domain.words.query_terms`):
        的 or 了 in 把河里的淤泥挖干净 matched long aliases that hold them (a fresh trial)."""
        from kb.domain.words import query_terms

        return query_terms(self.tokenizer.tokens(query))

    def mask(self, filters: dict[str, str | None] | None = None,
             exclude: "np.ndarray | None" = None, *, visible_units: set[str] | None = None) -> "np.ndarray":
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

    def allows(self, doc: int, filters: dict[str, str | None] | None = None, *,
               visible_units: set[str] | None = None) -> bool:
        """Whether document `doc` passes `mask(filters, visible_units=…)` (one document, no numpy)."""
        ok = self.allowed(filters, visible_units=visible_units)
        return True if ok is None else ok(doc)

    def allowed(self, filters: dict[str, str | None] | None = None, *,
                visible_units: set[str] | None = None) -> "Callable[[int], bool] | None":
        """`allows` as a predicate doc → bool over the columns, or None when every document passes.

        Raises KeyError for a filter field that is not one of `FILTER_FIELDS`.
        """
        if self._deprecated is None:
            self._deprecated = {i for i, v in enumerate(self._col("status")) if v == "deprecated"}
        tests: list[tuple[list, str]] = []
        for k, v in (filters or {}).items():
            if v in (None, ""):
                continue
            if k not in FILTER_FIELDS:
                raise KeyError(k)
            tests.append((self._col(k), v))
        dep = self._deprecated
        if visible_units is not None:
            lib, units = self._col("library"), self._col("unit_name")
            vis = frozenset(visible_units)
        else:
            lib = units = vis = None
        if not tests and not dep and lib is None:
            return None

        def ok(doc: int) -> bool:
            if doc in dep:
                return False
            for col, v in tests:
                if (col[doc] or "") != v:
                    return False
            return lib is None or lib[doc] != "unit" or units[doc] in vis

        return ok

    def visible(self, visible_units: set[str] | None) -> "np.ndarray":
        """True for the documents a caller may see: the 基础指标库 and the 单位指标库 of
        `visible_units` (None = every unit; an empty set = none). Another unit's private
        library is filtered here, before counting, so totals, pages and facets agree."""
        import numpy as np

        n = len(self.active)
        if visible_units is None:
            return np.ones(n, dtype=bool)
        own = (np.isin(self.columns["unit_name"], list(visible_units)) if visible_units
               else np.zeros(n, dtype=bool))
        return (self.columns["library"] != "unit") | own

    @classmethod
    def load(cls, db) -> "IndicatorIndex":
        """The index of the KB file `db` (a sqlite3 or sqlite-utils connection to a built KB).

        The rows are read column by column as they are used
        (`RowStore.from_table`); the lexical index and the tokenizer on first
        use (checking a table needs neither), and the tokenizer's user words
        stay in the file (`Tokenizer.stored`): opening a KB reads no dictionary.
        """
        path = db_path(db)
        if path is not None:
            hot = db.execute("SELECT data FROM blobs WHERE name = 'hot_columns'").fetchone()
            rows = RowStore.from_table(path, "indicators", hot=hot[0] if hot else None)
        else:
            rows = RowStore.from_cursor(db.execute("SELECT * FROM indicators ORDER BY rowid"))
        if path is None or not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'tokenizer_dicts'").fetchone():
            raise ConfigError("知识库由旧版本构建(缺少分词词典), 请重新运行 jixiao build")

        def lexical() -> LexicalIndex:
            return LexicalIndex.from_bytes(db.execute("SELECT data FROM blobs WHERE name = 'lexical'").fetchone()[0])

        def tokenizer() -> "Tokenizer":
            from kb.retrieval.tokenize import Tokenizer  # (jieba: not imported for checking)

            tok = Tokenizer.stored(path, INDICATOR_TOKENIZER)
            if tok is None:
                raise ConfigError("知识库由旧版本构建(缺少分词词典), 请重新运行 jixiao build")
            return tok

        return cls(rows=rows, loaders={"lexical": lexical, "tokenizer": tokenizer})
