"""Quality of `suggest` against real declarations: soft Recall@K and MRR.

Definition (knowledge-base issue §10, used exactly): both names are
normalised with `kb.domain.text.normalize_name` (NFKC, Traditional→Simplified,
whitespace and punctuation dropped); a gold indicator is *found* at K when
one of the first K `suggestions` has character-bigram Dice ≥ 0.5 with it;
soft Recall@K = found gold indicators / all gold indicators, pooled over
projects; MRR = mean over projects of 1 / rank of the first suggestion that
matches any gold indicator (0 when none does). Leave-one-project-out:
indicators whose only origin is the evaluated declaration are excluded.
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
    """Figures of one evaluation run (pooled over projects), plus per-sector recall@10."""

    mode: str
    projects: int
    gold: int
    recall_at_5: float
    recall_at_10: float
    mrr: float
    confident_share: float
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
    sug = [normalize_name(s) for s in suggested]
    found5 = sum(1 for g in gold if any(bigram_dice(s, g, normalized=True) >= DICE for s in sug[:5]))
    found10 = sum(1 for g in gold if any(bigram_dice(s, g, normalized=True) >= DICE for s in sug[:10]))
    rr = 0.0
    for rank, s in enumerate(sug, start=1):
        if any(bigram_dice(s, g, normalized=True) >= DICE for g in gold):
            rr = 1.0 / rank
            break
    return found5, found10, rr


def evaluate(kb, records: list[dict], *, mode: str = "lexical", top: int = 5) -> EvalResult:
    """Run suggest on each project's name + description and score it (leave-one-out)."""
    n_gold = f5 = f10 = 0
    rr_sum = 0.0
    conf = 0
    projects = 0
    sect: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for rec in records:
        gold = gold_names(rec)
        if not gold:
            continue
        projects += 1
        res = kb.suggest(rec.get("description") or "", project_name=rec.get("project"),
                         department=rec.get("department"), sector=rec.get("sector"), mode=mode, top=top, with_opinions=False,
                         exclude_origin=f"dev:{rec['id']}" if rec.get("id") else None)
        conf += int(res.confident)
        a, b, rr = score_project([c.name for c in res.suggestions], gold)
        n_gold += len(gold)
        f5 += a
        f10 += b
        rr_sum += rr
        s = (rec.get("sector") or "其他").split("/")[0].split("(")[0]
        sect[s][0] += b
        sect[s][1] += len(gold)
    return EvalResult(mode=mode, projects=projects, gold=n_gold,
                      recall_at_5=round(f5 / n_gold, 4) if n_gold else 0.0,
                      recall_at_10=round(f10 / n_gold, 4) if n_gold else 0.0,
                      mrr=round(rr_sum / projects, 4) if projects else 0.0,
                      confident_share=round(conf / projects, 4) if projects else 0.0,
                      by_sector={k: {"recall_at_10": round(v[0] / v[1], 4), "gold": v[1]}
                                 for k, v in sorted(sect.items())})


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
