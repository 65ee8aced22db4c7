"""Honest evaluation of suggest: k-fold cross-validation by project.

For a file of real tables (dev.jsonl shape), the projects that are also
training tables of the KB (`indicators/training/tables.jsonl`, same id) are
split into `FOLDS` folds by id order; for each fold the type detector, the
family statistics and the ranker are retrained without the fold's projects
(`kb.suggest.training.train_models`), and each project is suggested with its
own library rows excluded (`exclude_origin = dev:<id>`). Projects the KB
never trained on (a held-back set) use the shipped models. Type detection is
measured separately on labelled descriptions (`tests/data/project_types/`).
Not for the metrics' definitions (`kb.evaluate`).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator

from kb.suggest.bundle import SuggestModels
from kb.suggest.project_types import LabelledText
from kb.suggest.training import train_models

FOLDS = 5


def fold_models(kb, records: list[dict], folds: int = FOLDS,
                progress: Callable[[str], None] | None = None,
                cache: dict | None = None) -> Iterator[tuple[dict, SuggestModels, bool]]:
    """(record, models to suggest it with, cross-validated?) for every record, fold by fold.

    Records whose id is a training table of the KB are cross-validated; the
    others get the KB's own models. `cache` (fold key → models) lets several
    evaluation modes share the retrained models.
    """
    base: SuggestModels = kb.suggest_models
    trained = {t.id for t in base.tables}
    inside = sorted((r for r in records if r.get("id") in trained), key=lambda r: r["id"])
    types = list(base.types.values())
    for k in range(folds):
        held = inside[k::folds]
        if not held:
            continue
        ids = {r["id"] for r in held}
        key = (folds, k, tuple(sorted(ids)))
        models = (cache or {}).get(key)
        if models is None:
            keep = [t for t in base.tables if t.id not in ids]
            if progress:
                progress(f"第 {k + 1}/{folds} 折: 不含 {len(held)} 个项目重新训练类型模型与排序模型 …")
            tm, ranker, family = train_models(kb.index, base, types, keep)
            models = base.with_models(tm, ranker, family)
            if cache is not None:
                cache[key] = models
        for r in held:
            yield r, models, True
    for r in records:
        if r.get("id") not in trained:
            yield r, base, False


def type_accuracy(kb, labelled: list[tuple[LabelledText, str]]) -> dict:
    """Top-1 accuracy of type detection on labelled descriptions, overall and per type.

    A description counts as right when the detector's best type is one of
    its labels; per type: of the descriptions labelled with it, how many
    have it as the best type (`top1`) or among the listed types (`listed`).
    """
    models: SuggestModels = kb.suggest_models
    if models.type_model is None:
        return {"descriptions": len(labelled), "top1": 0.0, "by_type": {}}
    right = 0
    per: dict[str, Counter] = defaultdict(Counter)
    for rec, _ in labelled:
        hits = models.type_model.predict(kb.index.tokenizer, f"{rec.project_name}。{rec.text}")
        best = hits[0][0] if hits else None
        right += best in rec.types
        listed = {t for t, _ in hits}
        for t in rec.types:
            per[t]["n"] += 1
            per[t]["top1"] += best == t
            per[t]["listed"] += t in listed
    n = max(len(labelled), 1)
    return {"descriptions": len(labelled), "top1": round(right / n, 4),
            "by_type": {t: {"n": c["n"], "top1": round(c["top1"] / c["n"], 4), "listed": round(c["listed"] / c["n"], 4)}
                        for t, c in sorted(per.items())}}
