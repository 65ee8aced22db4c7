"""How real tables of a type are written: which row names recur in the type's family.

Built from the labelled training tables (`indicators/training/tables.jsonl`):
for each type, the row names of its tables as character-bigram sets. For a
candidate name, `frequency` is the share of the type's tables holding a row
whose bigram Dice with it is ≥ 0.5 (the eval's match definition, on bigram
sets), and `best_dice` the closest such row. A table can be left out
(`exclude`), so a project never counts as evidence for itself when the
ranker is trained or evaluated. Vectorised with a sparse bigram matrix: a
few hundred candidates cost about a millisecond. Slot priors — the share of
real rows in each slot — come from the same tables. Not for ranking itself
(`kb.suggest.ranker`).
"""
from __future__ import annotations

import re
from collections import Counter

import numpy as np
from scipy import sparse

from kb.suggest.project_types import TrainingTable
from kb.suggest.slots import SLOTS
from kb.domain.text import bigrams, normalize_name

DICE = 0.5


class FamilyStats:
    """Row names of the training tables per type (see the module docstring)."""

    def __init__(self, tables: list[TrainingTable]):
        self.vocab: dict[str, int] = {}
        names, owners, types = [], [], []
        for t in tables:
            for r in t.rows:
                n = normalize_name(r.name)
                if len(n) >= 2:
                    names.append(n)
                    owners.append(t.id)
                    types.append(tuple(t.types))
        self.owners = np.array(owners, dtype=object)
        self.rows: list[tuple[str, object]] = [(t.id, r) for t in tables for r in t.rows
                                               if len(normalize_name(r.name)) >= 2]
        self.row_types = types
        self.matrix, self.sizes = self._matrix(names, grow=True)
        self.tables_of: dict[str, list[str]] = {}
        for t in tables:
            for ty in t.types:
                self.tables_of.setdefault(ty, []).append(t.id)
        self.rows_of_type: dict[str, np.ndarray] = {
            ty: np.array([i for i, ts in enumerate(types) if ty in ts], dtype=np.int64) for ty in self.tables_of}
        self.slot_prior = _slot_prior(tables)
        self.endings: dict[str, set[str]] = {}
        for name, owner in zip(names, owners):
            self.endings.setdefault(name[-3:], set()).add(owner)
        self.ending_tables_all = {t.id for t in tables}
        # query-time helpers (`features`): the transposed matrix (one product per query); the runs of
        # rows of one table (a table's rows are consecutive, ids unique: `load_training_tables` checks),
        # their table ids, and the runs of each type; a name's bigram columns, remembered (names recur
        # from query to query: library names)
        self._matrix_t = self.matrix.T.tocsr()
        starts = [i for i in range(len(owners)) if i == 0 or owners[i] != owners[i - 1]]
        self._run_starts = np.array(starts, dtype=np.int64)
        self._run_ids = np.array([owners[i] for i in starts], dtype=object)
        self._runs_of_type = {ty: np.array([k for k, i in enumerate(starts) if ty in types[i]], dtype=np.int64)
                              for ty in self.tables_of}
        self._run_of_row = np.cumsum(np.isin(np.arange(len(owners)), starts)) - 1
        self._type_of_row = {ty: np.isin(np.arange(len(owners)), rows) for ty, rows in self.rows_of_type.items()}
        self._columns: dict[str, tuple[list[int], int]] = {}
        self._endings_of_type: dict[str, tuple[dict[str, set[str]], set[str]]] = {}

    def usable_rows(self) -> list[tuple[str, object, str, str]]:
        """Per training row (as `rows`): (table id, row, `usable_row_name` or '' when the row is no
        clean name or sits in no slot, its `normalize_name`); worked out once."""
        got = getattr(self, "_usable", None)
        if got is None:
            got = []
            for owner, r in self.rows:
                n = usable_row_name(r.name)
                n = n if n and r.slot() else ""
                got.append((owner, r, n, normalize_name(n) if n else ""))
            self._usable = got
        return got

    def _matrix(self, names: list[str], grow: bool = False):
        rows, cols, sizes = [], [], []
        for i, n in enumerate(names):
            bg = set(bigrams(n))
            sizes.append(len(bg))
            for b in bg:
                j = self.vocab.get(b)
                if j is None and grow:
                    j = self.vocab[b] = len(self.vocab)
                if j is not None:
                    rows.append(i)
                    cols.append(j)
        m = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                              shape=(len(names), max(len(self.vocab), 1)))
        return m, np.array(sizes, dtype=np.float32)

    def features(self, names: list[str], type_probs: dict[str, float], exclude: str | None = None
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(frequency, best_dice, overall, ending, type_ending) per name.

        frequency = Σ_t p_t · share of type t's tables with a matching row / Σ_t p_t,
        weighting each detected type by its probability; best_dice = max over
        the detected types' rows of the bigram-set Dice; overall = share of
        all tables with a matching row (how common the row is in any real
        table: 服务对象满意度, 项目总成本 …); ending = share of all tables with a
        row ending in the same three characters (…验收合格率, …人数);
        type_ending = the same among the detected types' tables, weighted by
        type probability.
        """
        n = len(names)
        freq, best = np.zeros(n), np.zeros(n)
        norm = [normalize_name(x) for x in names]
        ending = self._ending(norm, exclude)
        if not n or not len(self.owners):
            return freq, best, np.zeros(n), ending, np.zeros(n)
        cm, csz = self._query_matrix(norm)
        # bigram Dice of every name with every training row it shares a bigram with (the others: 0),
        # and per table whether a row matches
        shared = (cm @ self._matrix_t).tocoo()
        at, row = shared.row, shared.col
        dice = 2 * shared.data / np.maximum(csz[at] + self.sizes[row], 1)
        hit = dice >= DICE
        seen = np.zeros((n, len(self._run_ids)), dtype=bool)
        seen[at[hit], self._run_of_row[row[hit]]] = True
        kept = np.flatnonzero(self._run_ids != exclude) if exclude is not None else slice(None)
        overall = seen[:, kept].sum(axis=1) / (len(self._run_ids[kept]) or 1)
        live = {t: p for t, p in type_probs.items() if t in self.rows_of_type and p > 0}
        if not live:
            return freq, best, overall, ending, np.zeros(n)
        t_end = sum(p * self._ending(norm, exclude, t) for t, p in live.items()) / sum(live.values())
        total = sum(live.values())
        for t, p in live.items():
            rows = self.rows_of_type[t]
            tables = [x for x in self.tables_of[t] if x != exclude]
            runs = self._runs_of_type[t]
            if exclude is not None:
                rows = rows[self.owners[rows] != exclude]
                runs = runs[self._run_ids[runs] != exclude]
            if not rows.size or not tables:
                continue
            mine = self._type_of_row[t][row]
            if exclude is not None:
                mine &= self.owners[row] != exclude
            top = np.zeros(n, dtype=dice.dtype)
            np.maximum.at(top, at[mine], dice[mine])
            best = np.maximum(best, top)
            freq += p * (seen[:, runs].sum(axis=1) / len(tables))
        return freq / total, best, overall, ending, t_end

    def _query_matrix(self, norm: list[str]):
        """The names' bigram sets as a sparse 0/1 matrix over `vocab` (as `_matrix` without growing)
        and their set sizes; each name's columns are remembered."""
        cols, sizes = self._columns, []
        if len(cols) > 50_000:
            cols.clear()
        indices: list[int] = []
        indptr = [0]
        for x in norm:
            c = cols.get(x)
            if c is None:
                bg = set(bigrams(x))
                c = cols[x] = ([j for j in map(self.vocab.get, bg) if j is not None], len(bg))
            indices.extend(c[0])
            indptr.append(len(indices))
            sizes.append(c[1])
        m = sparse.csr_matrix((np.ones(len(indices), dtype=np.float32), np.array(indices, dtype=np.int32),
                               np.array(indptr, dtype=np.int32)), shape=(len(norm), max(len(self.vocab), 1)))
        return m, np.array(sizes, dtype=np.float32)

    def _ending(self, norm: list[str], exclude: str | None, among: str | None = None) -> np.ndarray:
        """Per name: the share of the tables (of type `among`, else all) but `exclude` holding a row
        with the same last three characters."""
        if among is None:
            sets, pool = self.endings, self.ending_tables_all
        else:
            got = self._endings_of_type.get(among)
            if got is None:
                pool = set(self.tables_of[among])
                got = self._endings_of_type[among] = ({e: o & pool for e, o in self.endings.items() if o & pool}, pool)
            sets, pool = got
        size = len(pool) - (exclude in pool)
        if not size:
            return np.zeros(len(norm))
        share: dict[str, float] = {}   # per distinct ending (many names end alike: …满意度, …合格率)
        for x in norm:
            e = x[-3:]
            if e not in share:
                held = sets.get(e, ())
                share[e] = (len(held) - (exclude in held)) / size
        return np.array([share[x[-3:]] for x in norm], dtype=np.float64)


# a real row name fit to offer as such: plain Chinese, no numbers, no notes of the transcription
_USABLE = re.compile(r"^[\u4e00-\u9fff、()（）]{4,20}$")   # 满意度 alone names no one
_NOTES = re.compile(r"截断|ocr|OCR|未设置|汇总|缺失|推断|其中|、")


def usable_row_name(name: str) -> str | None:
    """The row name cleaned for reuse (★ and spaces dropped), or None when it is no clean name."""
    n = re.sub(r"[★☆\s]", "", name or "")
    return n if _USABLE.match(n) and not _NOTES.search(n) else None


# a type lends its real tables' rows from this confidence on; below it a type is a guess whose
# tables' rows would mostly be another programme's (the engine passes only types near the best anyway)
FAMILY_MIN_PROB = 0.3


def family_rows(stats: "FamilyStats", type_probs: dict[str, float], exclude: str | None,
                min_prob: float = FAMILY_MIN_PROB) -> list[tuple[str, object, str, float]]:
    """Rows of the detected types' real tables: [(clean name, row, type id, probability)], one per name."""
    seen: set[str] = set()
    out = []
    usable = stats.usable_rows()
    for t, p in sorted(type_probs.items(), key=lambda kv: -kv[1]):
        if p < min_prob or t not in stats.rows_of_type:
            continue
        for i in stats.rows_of_type[t].tolist():   # the rows of the type's tables, in table order
            owner, r, n, k = usable[i]
            if n and owner != exclude and k not in seen:
                seen.add(k)
                out.append((n, r, t, p))
    return out


def _slot_prior(tables: list[TrainingTable]) -> dict[str, float]:
    c = Counter(r.slot() for t in tables for r in t.rows if r.slot())
    n = sum(c.values()) or 1
    return {s.key: c.get(s.key, 0) / n for s in SLOTS}
