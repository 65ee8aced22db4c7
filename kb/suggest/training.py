"""Training data of the ranker, and training of every suggest model (build time and per evaluation fold).

For each labelled real table (`indicators/training/tables.jsonl`) suggest's
own steps 1–4 run on the project name + summary, with
- the library rows whose only origin is that project excluded (`dev:<id>`),
- type confidences from a type detector trained without the project
  (`FOLDS`-fold over the tables; the types' own keywords and examples
  always train),
- family statistics without the project (`FamilyStats.features(exclude=…)`);
every candidate becomes one training example: its features
(`kb.suggest.features.FEATURES`) and label 1 when it matches a row of the
real table (bigram Dice ≥ 0.5 after `normalize_name`, the eval's
definition). Deterministic: folds by table order, no random state. Not for
serving (`kb.suggest.engine`).
"""
from __future__ import annotations

import numpy as np

from kb.indicators.index import IndicatorIndex
from kb.suggest.bundle import SuggestModels
from kb.suggest.context import read_project
from kb.suggest.draft import Draft
from kb.suggest.family import FamilyStats
from kb.suggest.features import featurize
from kb.suggest.project_types import ProjectType, TrainingTable
from kb.suggest.ranker import Ranker, train_ranker
from kb.suggest.typemodel import TypeModel, keep_supported, train_type_model
from kb.domain.text import bigram_dice, normalize_name

FOLDS = 5
DICE = 0.5


def gold_of(table: TrainingTable) -> list[str]:
    """Normalised row names of a real table (≥ 2 characters, not a number), duplicates removed."""
    out = []
    for r in table.rows:
        n = normalize_name(r.name)
        if len(n) >= 2 and not n.isdigit() and n not in out:
            out.append(n)
    return out


def matches(name: str, gold: list[str]) -> bool:
    """The eval's definition: bigram Dice ≥ 0.5 with one of the gold names."""
    n = normalize_name(name)
    return any(bigram_dice(n, g, normalized=True) >= DICE for g in gold)


def out_of_fold_types(tokenizer, types: list[ProjectType], tables: list[TrainingTable],
                      parent: TypeModel) -> dict[str, list[tuple[str, float]]]:
    """Each table's predicted types from a detector trained without it (table id → [(type, p)]).

    The fold detectors take the parent detector's calibration; a further type the table's text gives no
    evidence of is left out, as suggest leaves it out (`typemodel.keep_supported`).
    """
    by_id = {t.id: t for t in types}
    out: dict[str, list[tuple[str, float]]] = {}
    memo: dict[str, list[str]] = {}
    for k in range(FOLDS):
        held = tables[k::FOLDS]
        keep = [t for i, t in enumerate(tables) if i % FOLDS != k]
        model = train_type_model(tokenizer, types, keep, memo, (parent.platt, parent.threshold))
        for t in held:
            hits = [(by_id[i], p) for i, p in model.predict(tokenizer, t.text())] if model is not None else []
            out[t.id] = [(ty.id, p) for ty, p in keep_supported(hits, t.text())]
    return out


def candidate_drafts(idx: IndicatorIndex, models: SuggestModels, text: str, project_name: str,
                     detected: list[tuple[ProjectType, float]], exclude_origin: str | None,
                     sector: str = "") -> tuple[list[Draft], np.ndarray]:
    """Steps 1–4 of suggest and the features of every candidate (no ranking, no vetting)."""
    from kb.suggest import engine as E

    ctx = read_project(idx.tokenizer, text, project_name=project_name, sector=sector)
    mask = E.library_mask(idx, None, exclude_origin)
    pool, _, _ = E.gather_candidates(idx, models, ctx, detected, mask, None, exclude_origin, evidence=False)
    E.set_targets(pool, ctx, None, None, detected)
    X = featurize(pool, ctx, {t.id: p for t, p in detected}, models.family, E.project_sectors(detected, models, ctx),
                  exclude=E.training_table_id(exclude_origin))
    return pool, X


def ranker_examples(idx: IndicatorIndex, models: SuggestModels, tables: list[TrainingTable],
                    type_probs: dict[str, list[tuple[str, float]]]) -> tuple[np.ndarray, np.ndarray]:
    """(X, y) over every candidate of every table (see the module docstring)."""
    Xs, ys = [], []
    for t in tables:
        detected = [(models.types[i], p) for i, p in type_probs.get(t.id, []) if i in models.types]
        pool, X = candidate_drafts(idx, models, t.summary, t.project, detected, f"dev:{t.id}", t.sector)
        gold = gold_of(t)
        Xs.append(X)
        ys.append(np.array([matches(d.name, gold) for d in pool], dtype=np.int8))
    if not Xs:
        return np.zeros((0, 0)), np.zeros(0, dtype=np.int8)
    return np.vstack(Xs), np.concatenate(ys)


def train_models(idx: IndicatorIndex, base: SuggestModels, types: list[ProjectType],
                 tables: list[TrainingTable]) -> tuple[TypeModel | None, Ranker | None, FamilyStats | None]:
    """Type detector, family statistics and ranker trained on `tables` (and the types)."""
    from threadpoolctl import threadpool_limits

    tm = train_type_model(idx.tokenizer, types, tables)
    family = FamilyStats(tables) if tables else None
    if not tables or tm is None:
        return tm, None, family
    probs = out_of_fold_types(idx.tokenizer, types, tables, tm)
    staged = base.with_models(tm, None, family)
    X, y = ranker_examples(idx, staged, tables, probs)
    with threadpool_limits(1):
        return tm, train_ranker(X, y), family
