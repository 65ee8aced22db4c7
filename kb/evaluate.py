"""Quality of `suggest` against real declarations: soft Recall@K and MRR.

Definition (knowledge-base issue §10, used exactly): both names are
normalised with `kb.domain.text.normalize_name` (NFKC, Traditional→Simplified,
whitespace and punctuation dropped); a gold indicator is *found* at K when
one of the first K `suggestions` has character-bigram Dice ≥ 0.5 with it;
soft Recall@K = found gold indicators / all gold indicators, pooled over
projects; MRR = mean over projects of 1 / rank of the first suggestion that
matches any gold indicator (0 when none does). Recall@20 uses the first 20.

Honesty: k-fold cross-validation by project (`kb.suggest.crossval`): a
project that is one of the KB's training tables is suggested with a type
detector and ranker retrained without its fold, and indicators whose only
origin is the evaluated declaration are excluded; a project the KB never
trained on uses the shipped models. Also reported: the hit rate per slot
(share of gold rows of that slot found in the first 10) and where the
first 10 suggestions came from (a type's set, a formed name, plain
retrieval, 结果反馈).
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from pydantic import BaseModel

from kb.errors import DataError
from kb.io.jsonl import read_jsonl
from kb.domain.text import bigram_dice, normalize_name

DICE = 0.5


class EvalResult(BaseModel):
    """Figures of one evaluation run (pooled over projects), plus per-sector recall@10.

    cross_validated: projects suggested with models retrained without them;
    per_slot: slot key → {"gold": n, "hit_at_10": share}; sources: share of
    the first 10 suggestions per source (type / formed / retrieval / learned);
    table_rows: mean size of the default table.
    """

    mode: str
    projects: int
    gold: int
    recall_at_5: float
    recall_at_10: float
    recall_at_20: float = 0.0
    mrr: float
    confident_share: float
    cross_validated: int = 0
    table_rows: float = 0.0
    per_slot: dict[str, dict[str, float]] = {}
    sources: dict[str, float] = {}
    by_sector: dict[str, dict[str, float]] = {}


def read_declarations(path: Path) -> list[dict]:
    """Projects of a dev.jsonl-shaped file (one JSON object per line); DataError on a bad line."""
    return [rec for _, rec in read_jsonl(path)]


def gold_names(rec: dict) -> list[str]:
    """Normalised, non-empty gold indicator names of a project (duplicates removed)."""
    seen, out = set(), []
    for ind in rec.get("indicators") or []:
        n = normalize_name(ind.get("name"))
        if len(n) >= 2 and not n.isdigit() and n not in seen:
            seen.add(n)
            out.append(n)
    return out


def score_project(suggested: list[str], gold: list[str]) -> tuple[int, int, float]:
    """(found@5, found@10, reciprocal rank) for one project; names need not be normalised."""
    f = found_at(suggested, gold, (5, 10))
    return f[5], f[10], reciprocal_rank(suggested, gold)


def found_at(suggested: list[str], gold: list[str], ks: tuple[int, ...]) -> dict[int, int]:
    """{K: gold names matched by one of the first K suggestions}."""
    sug = [normalize_name(s) for s in suggested]
    return {k: sum(1 for g in gold if any(bigram_dice(s, g, normalized=True) >= DICE for s in sug[:k])) for k in ks}


def reciprocal_rank(suggested: list[str], gold: list[str]) -> float:
    """1 / rank of the first suggestion matching any gold name (0 when none does)."""
    for rank, s in enumerate((normalize_name(x) for x in suggested), start=1):
        if any(bigram_dice(s, g, normalized=True) >= DICE for g in gold):
            return 1.0 / rank
    return 0.0


def gold_rows(rec: dict) -> list[tuple[str, str | None]]:
    """(normalised gold name, slot key or None) per distinct gold row."""
    from kb.domain.levels import parse_level1, parse_level2
    from kb.suggest.slots import SLOT_OF_LEVEL2

    out, seen = [], set()
    for ind in rec.get("indicators") or []:
        n = normalize_name(ind.get("name"))
        if len(n) < 2 or n.isdigit() or n in seen:
            continue
        seen.add(n)
        l2 = parse_level2(ind.get("level2"), parse_level1(ind.get("level1")))
        out.append((n, SLOT_OF_LEVEL2[l2.value].key if l2 is not None else None))
    return out


def _slot_order() -> dict[str, int]:
    from kb.suggest.slots import SLOTS

    return {s.key: i for i, s in enumerate(SLOTS)}


_SLOT_ORDER = _slot_order()


class _Tally:
    """Pooled counts of an evaluation run."""

    def __init__(self) -> None:
        self.n_gold = self.projects = self.conf = self.cv = self.rows = 0
        self.found = {5: 0, 10: 0, 20: 0}
        self.rr = 0.0
        self.slot: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        self.src: dict[str, int] = defaultdict(int)
        self.sect: dict[str, list[int]] = defaultdict(lambda: [0, 0])

    def add(self, rec: dict, res, cv: bool) -> None:
        rows = gold_rows(rec)
        gold = [g for g, _ in rows]
        names = [c.name for c in res.suggestions]
        f = found_at(names, gold, (5, 10, 20))
        self.projects += 1
        self.cv += cv
        self.conf += int(res.confident)
        self.rows += len(res.default_table)
        self.n_gold += len(gold)
        for k in f:
            self.found[k] += f[k]
        self.rr += reciprocal_rank(names, gold)
        top = [normalize_name(x) for x in names[:10]]
        for g, slot in rows:
            hit = any(bigram_dice(s, g, normalized=True) >= DICE for s in top)
            self.slot[slot or "other"][0] += hit
            self.slot[slot or "other"][1] += 1
        for c in res.suggestions[:10]:
            self.src[c.source or "retrieval"] += 1
        s = (rec.get("sector") or "其他").split("/")[0].split("(")[0]
        self.sect[s][0] += f[10]
        self.sect[s][1] += len(gold)

    def result(self, mode: str) -> EvalResult:
        g, p = max(self.n_gold, 1), max(self.projects, 1)
        shown = max(sum(self.src.values()), 1)
        return EvalResult(
            mode=mode, projects=self.projects, gold=self.n_gold, recall_at_5=round(self.found[5] / g, 4),
            recall_at_10=round(self.found[10] / g, 4), recall_at_20=round(self.found[20] / g, 4),
            mrr=round(self.rr / p, 4), confident_share=round(self.conf / p, 4), cross_validated=self.cv,
            table_rows=round(self.rows / p, 2),
            per_slot={k: {"gold": v[1], "hit_at_10": round(v[0] / v[1], 4)}
                      for k, v in sorted(self.slot.items(), key=lambda kv: _SLOT_ORDER.get(kv[0], 99))},
            sources={k: round(v / shown, 4) for k, v in sorted(self.src.items())},
            by_sector={k: {"recall_at_10": round(v[0] / v[1], 4), "gold": v[1]} for k, v in sorted(self.sect.items())})


def evaluate(kb, records: list[dict], *, mode: str = "lexical", top: int = 5, folds: int = 5,
             progress=None, cache: dict | None = None) -> EvalResult:
    """Suggest each project's table from its name + description and score it (cross-validated by project).

    cache: a dict shared by several calls (modes) so the fold models are trained once.
    """
    from kb.suggest.crossval import fold_models

    tally = _Tally()
    for rec, models, cv in fold_models(kb, [r for r in records if gold_names(r)], folds, progress, cache):
        res = kb.suggest(rec.get("description") or "", project_name=rec.get("project"),
                         department=rec.get("department"), sector=rec.get("sector"), mode=mode, top=top,
                         with_opinions=False, models=models,
                         exclude_origin=f"dev:{rec['id']}" if rec.get("id") else None)
        tally.add(rec, res, cv)
    return tally.result(mode)


# ------------------------------------------------------------------ paraphrases

class ParaphraseResult(BaseModel):
    """Search quality on colloquial paraphrases (tests/data/paraphrases.jsonl).

    A query is *found* at K when its target indicator name (or one of its
    `also` names, exact after `normalize_name`) is among the first K hits of
    `KnowledgeBase.search` in that mode. MRR: mean of 1 / rank of the first
    such hit (0 when absent from the first `top`).
    """

    mode: str
    queries: int
    hit_at_1: float
    hit_at_5: float
    hit_at_10: float
    mrr: float
    misses: list[str] = []


def read_paraphrases(path: Path) -> list[dict]:
    """Pairs {query, target, also?} of a paraphrase JSONL file; DataError names the bad line."""
    out = []
    for n, rec in read_jsonl(path):
        if not isinstance(rec.get("query"), str) or not rec["query"].strip():
            raise DataError("缺少 query", file=str(path), row=n, field="query")
        if not isinstance(rec.get("target"), str) or not rec["target"].strip():
            raise DataError("缺少 target", file=str(path), row=n, field="target")
        out.append(rec)
    return out


def evaluate_paraphrases(kb, pairs: list[dict], *, mode: str = "lexical", top: int = 10) -> ParaphraseResult:
    """Search each paraphrase in `mode` and score where its target indicator lands."""
    h1 = h5 = h10 = 0
    rr = 0.0
    misses = []
    for p in pairs:
        want = {normalize_name(p["target"]), *(normalize_name(a) for a in p.get("also") or [])}
        hits = kb.search(p["query"], top=top, mode=mode).hits
        rank = next((i for i, h in enumerate(hits, 1) if normalize_name(h.name) in want), None)
        if rank is None:
            misses.append(p["query"])
            continue
        h1 += rank <= 1
        h5 += rank <= 5
        h10 += rank <= 10
        rr += 1.0 / rank
    n = max(len(pairs), 1)
    return ParaphraseResult(mode=mode, queries=len(pairs), hit_at_1=round(h1 / n, 4),
                            hit_at_5=round(h5 / n, 4), hit_at_10=round(h10 / n, 4),
                            mrr=round(rr / n, 4), misses=misses)
