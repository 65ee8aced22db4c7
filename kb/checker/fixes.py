"""What table fixes read: the table as it will be once the row rewrites are applied, and helpers.

A table rule's fix (`kb.checker.catalog.table_fix`, written beside the rule
in its family module) gets a `TableFix`: the input table, the table after
the row rewrites (`after`), the rows those rewrites delete, the name keys
the kept rows use (`names`, so an added row never repeats one), the
settings, and `weights_after()` (the kept rows' weights rescaled to the
total). `fmt_num` writes numbers as the rewrites do. Not for detection.
"""
from __future__ import annotations

import math
from typing import Any

from kb.checker.catalog import CACHES
from kb.checker.parse import ParsedTable, duplicate_key
from kb.domain.text import compact
from kb.settings import CheckerSettings

# the text of a table finding the row rewrites already settle
SAME = "按各行的修改建议改写后即满足，无需另行增设"
_TEXT_KEYS: dict[str, str] = {}
CACHES.append(_TEXT_KEYS.clear)


def fmt_num(x: float) -> str:
    """90.0 → '90', 2.50 → '2.5'."""
    if math.isfinite(x) and x == int(x):
        return str(int(x))
    return f"{x:.4f}".rstrip("0").rstrip(".")


def name_key_of_text(name: str) -> str:
    """Duplicate key of a name given as text (the names of rows a table suggestion adds), memoised."""
    k = _TEXT_KEYS.get(name)
    if k is None:
        if len(_TEXT_KEYS) > 100_000:  # bounded like the parse memos: a service meets ever new names
            _TEXT_KEYS.clear()
        k = _TEXT_KEYS[name] = duplicate_key(compact(name)[0])
    return k


def names_of(t: ParsedTable) -> dict[str, int]:
    """Name key → row number of a table's indicator rows (the first row of each name)."""
    out: dict[str, int] = {}
    for r in t.items:
        out.setdefault(r.ni.key, r.idx)
    return out


def weights_after(t: ParsedTable, deleted: set[int] | frozenset[int], s: CheckerSettings) -> list[float | None] | None:
    """Weights of the table's indicator rows rescaled to `weight_total` over the rows kept (None: dropped
    or unweighted), rounded to 0.1 with the rounding difference on the largest; None when no row is weighted."""
    ws = [None if r.idx in deleted else r.raw.weight for r in t.items]
    total = sum(w for w in ws if w is not None)
    if total <= 0:
        return None
    scaled = [None if w is None else w * s.weight_total / total for w in ws]
    rounded = [round(w, 1) for w in scaled if w is not None]
    diff = round(s.weight_total - sum(rounded), 1)
    if rounded:
        i = rounded.index(max(rounded))
        rounded[i] = round(rounded[i] + diff, 1)
    it = iter(rounded)
    return [None if w is None else next(it) for w in scaled]


class TableFix:
    """The inputs of a table rule's fix.

    Attributes:
        table: the table as checked; s: the thresholds; ctx: the table context
            (budget_wan, budget_hint_wan, budget_year …).
        fixed: the table once every row rewrite is applied (None when no
            rewrite changes its structure); after: `fixed`, else `table`.
        deleted: input row numbers the row rewrites and duplicate merges drop.
        lookup: the library lookup the row rewrites use (None without a library).
    """

    def __init__(self, table: ParsedTable, s: CheckerSettings, fixed: ParsedTable | None, deleted: frozenset[int],
                 names: dict[str, int] | None = None, lookup: Any = None):
        self.table, self.s, self.fixed, self.deleted, self.lookup = table, s, fixed, deleted, lookup
        self.after = fixed or table
        self.ctx: dict[str, Any] = table.ctx
        self._names = names

    @property
    def names(self) -> dict[str, int]:
        """Name key → row number of the rows kept (computed once)."""
        if self._names is None:
            self._names = names_of(self.after)
        return self._names

    def fresh(self, rows: list[dict[str, str]]) -> list[dict[str, str]]:
        """The `rows` whose names the kept rows do not use yet."""
        return [a for a in rows if name_key_of_text(a["name"]) not in self.names]

    def weights_after(self) -> list[float | None] | None:
        """The kept rows' weights rescaled to the total (None when no row is weighted)."""
        return weights_after(self.table, self.deleted, self.s)
