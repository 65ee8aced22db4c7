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
import re
from typing import Any

from kb.checker.catalog import CACHES
from kb.checker.parse import ParsedTable, duplicate_key, unset_row
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


# a row that is an item of the row above it (其中桃树种植面积 under ★补助各类瓜果蔬菜种植面积, dev E006, E017): its
# points are its parent's, so a blank 分值 on it is no gap
_SUB_ITEM_RE = re.compile(r"^\s*(?:其中|含)")


def weight_gaps(t: ParsedTable) -> list[int]:
    """Row numbers of indicator rows with a blank or 0 分值 in a table where other rows have one (trial 10: a row
    added after the weights were set kept a blank 分值, 一键修改 left it blank and the check passed). Rows a form left
    unset, items of the row above (其中…) and tables that weight parent rows only (★…, dev E006/E017) are not gaps;
    [] when no row is weighted."""
    if not any(r.raw.weight for r in t.items) or any(r.raw.name.lstrip().startswith("★") for r in t.items):
        return []
    return [r.idx for r in t.items
            if not r.raw.weight and not unset_row(r) and r.raw.name.strip() and not _SUB_ITEM_RE.match(r.raw.name)]


def cover_rows(rows: list) -> list:
    """`rows` (TargetRow-like: name, weight, is_goal) with every indicator row weighted when some are: a row added
    by a fix (STR-08's 满意度 row) or left blank takes the mean of the weighted rows and all are scaled to whole points
    summing to 100 (`whole_points`); goal rows, rows a form left unset, items of the row above (其中…) and tables
    weighting ★ parent rows only are left as they are. Returns `rows` itself when nothing is missing (trial 10: a
    fixed table was scored with a blank 分值 and checked again as STR-13)."""
    from kb.checker.parse import UNSET_NAME_RE

    items = [i for i, r in enumerate(rows) if not r.is_goal]
    if not any(rows[i].weight for i in items) or any(rows[i].name.lstrip().startswith("★") for i in items):
        return rows
    take = [i for i in items if rows[i].name.strip() and not UNSET_NAME_RE.match(rows[i].name.strip())
            and not _SUB_ITEM_RE.match(rows[i].name)]
    if all(rows[i].weight for i in take):
        return rows
    given = [rows[i].weight for i in take if rows[i].weight]
    mean = sum(given) / len(given)
    pts = whole_points([rows[i].weight or mean for i in take], 100.0)
    out = list(rows)
    for i, p in zip(take, pts):
        out[i] = rows[i].model_copy(update={"weight": float(p)})
    return out


def whole_points(shares: list[float], total: float) -> list[int]:
    """`shares` (≥ 0, not all 0) scaled to whole points summing to `total` (largest remainder; each row ≥ 1 point
    when `total` allows). Ours: 分值 are whole numbers, as suggest's default tables give them (trial 10: 一键修改
    wrote 10.7, 9.5, 11.9, 17.9, which no reviewer scores by). Raises ValueError when every share is 0."""
    whole = int(round(total))
    sm = sum(shares)
    if sm <= 0:
        raise ValueError("shares sum to 0")
    exact = [x * whole / sm for x in shares]
    pts = [int(x) for x in exact]
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - pts[i]), -exact[i], i))
    for i in order[:whole - sum(pts)]:
        pts[i] += 1
    if len(pts) <= whole:  # no row at 0 points: take one from the largest
        for i in [i for i, p in enumerate(pts) if p == 0]:
            j = max(range(len(pts)), key=lambda k: pts[k])
            pts[j] -= 1
            pts[i] += 1
    return pts


def weights_after(t: ParsedTable, deleted: set[int] | frozenset[int], s: CheckerSettings) -> list[float | None] | None:
    """Weights of the table's indicator rows rescaled to `weight_total` over the rows kept, as whole points
    (`whole_points`); a kept row with a blank or 0 分值 (`weight_gaps`) first takes the mean of the weighted kept
    rows, so every row is covered. None for a dropped row (or an unweighted one that is no gap); None when no
    row is weighted."""
    gaps = set(weight_gaps(t)) - set(deleted)
    ws = [None if r.idx in deleted else r.raw.weight for r in t.items]
    given = [w for w in ws if w]
    if not given or sum(given) <= 0:
        return None
    mean = sum(given) / len(given)
    ws = [mean if (r.idx in gaps) else w for r, w in zip(t.items, ws)]
    keep = [i for i, w in enumerate(ws) if w is not None]
    pts = whole_points([float(ws[i]) for i in keep], s.weight_total)  # type: ignore[arg-type]
    out: list[float | None] = [None] * len(ws)
    for i, p in zip(keep, pts):
        out[i] = float(p)
    return out


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
