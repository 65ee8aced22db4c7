"""The learned parts of suggest: type detector, ranker, their storage and the cross-validated eval."""
from __future__ import annotations

import json

import numpy as np
import pytest

from kb.store.db import open_db
from kb.suggest.crossval import fold_models
from kb.suggest.ranker import PARAMS, Ranker, train_ranker
from kb.suggest.typemodel import TypeModel, train_type_model
from kb.evaluate import evaluate
from tests.kbfactory import SHARED


def test_ranker_trees_from_json_give_scikit_learns_probabilities():
    from sklearn.ensemble import HistGradientBoostingClassifier

    from kb.suggest.features import FEATURES

    rng = np.random.default_rng(0)
    X = rng.random((400, len(FEATURES)))
    y = (X[:, 0] + 0.5 * X[:, 6] + 0.2 * rng.random(400) > 0.9).astype(int)
    ours = Ranker.from_json(json.loads(json.dumps(train_ranker(X, y).to_json())))
    theirs = HistGradientBoostingClassifier(**PARAMS).fit(X, y)
    assert np.abs(ours.predict(X) - theirs.predict_proba(X)[:, 1]).max() < 1e-9


def test_ranker_walks_rows_without_missing_values_to_the_same_leaves_as_the_general_walk():
    """Feature rows without NaN take the short walk (a fixed number of steps); a matrix holding a NaN
    takes the general one (the learned way for missing values). Both give the same probabilities,
    bit for bit, and agree with scikit-learn on the missing values too."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    from kb.suggest.features import FEATURES

    rng = np.random.default_rng(1)
    X = rng.random((300, len(FEATURES)))
    y = (X[:, 3] + 0.5 * X[:, 9] + 0.2 * rng.random(300) > 0.9).astype(int)
    X[rng.random(X.shape) < 0.05] = np.nan
    ours = train_ranker(X, y)
    theirs = HistGradientBoostingClassifier(**PARAMS).fit(X, y)
    clean = ~np.isnan(X).any(axis=1)
    mixed = ours.predict(X)                       # holds NaN: the general walk for every row
    assert np.abs(mixed - theirs.predict_proba(X)[:, 1]).max() < 1e-9
    assert 0 < clean.sum() < len(X)
    assert np.array_equal(ours.predict(X[clean]), mixed[clean])   # the short walk


def test_models_are_stored_as_plain_json(shipped_settings, shipped_kb):
    db = open_db(shipped_settings.resolved_kb_path())
    models = {r["name"]: json.loads(r["data"]) for r in db.query("SELECT name, data FROM suggest_models")}
    assert set(models) == {"type_model", "ranker"}
    assert models["ranker"]["model"] == "gradient_boosting" and models["ranker"]["trees"]
    assert "pickle" not in json.dumps(models) and models["type_model"]["coef"]["dtype"] == "float32"
    tm = shipped_kb.suggest_models.type_model
    assert 0.5 <= tm.threshold <= 1.0 and len(tm.type_ids) >= 80


def test_type_detector_is_deterministic_and_round_trips(shipped_kb):
    m = shipped_kb.suggest_models
    types, tables = list(m.types.values()), m.tables
    a = train_type_model(shipped_kb.index.tokenizer, types, tables)
    b = train_type_model(shipped_kb.index.tokenizer, types, tables)
    assert json.dumps(a.to_json()) == json.dumps(b.to_json())
    back = TypeModel.from_json(json.loads(json.dumps(a.to_json())))
    text = "区民政局在社区新建长者食堂5个，为老人提供助餐服务"
    assert back.predict(shipped_kb.index.tokenizer, text)[0][0] == "elderly_canteen"
    assert back.predict(shipped_kb.index.tokenizer, text) == a.predict(shipped_kb.index.tokenizer, text)


@pytest.mark.parametrize("text, want", [
    ("对全县80周岁以上老年人按月发放高龄津贴", "elderly_allowance"),
    ("为全县农村义务教育学生提供营养膳食补助", "nutrition_improvement"),
    ("对镇区主要道路开展日常清扫保洁和垃圾清运", "sanitation_cleaning"),
])
def test_type_detection_on_plain_descriptions(shipped_kb, text, want):
    hits = shipped_kb.suggest_models.type_model.predict(shipped_kb.index.tokenizer, text)
    assert hits[0][0] == want and hits[0][1] >= 0.5


def test_folds_never_train_on_the_projects_they_evaluate(shipped_kb):
    recs = [json.loads(line) for line in (SHARED / "declarations" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    recs = recs[:12] + [{"id": "X1", "project": "外部项目", "description": "修缮农村公路12公里", "indicators": []}]
    seen = []
    for rec, models, cv in fold_models(shipped_kb, recs, folds=3):
        seen.append(rec["id"])
        if cv:
            assert rec["id"] not in set(models.family.owners.tolist())
        else:
            assert models is shipped_kb.suggest_models
    assert sorted(seen) == sorted(r["id"] for r in recs)


def test_eval_reports_cross_validated_figures(shipped_kb):
    recs = [json.loads(line) for line in (SHARED / "declarations" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    res = evaluate(shipped_kb, recs[:10], mode="lexical", folds=2)
    assert res.projects == 10 and res.cross_validated == 10
    assert 0 <= res.recall_at_5 <= res.recall_at_10 <= res.recall_at_20 <= 1
    assert abs(sum(res.sources.values()) - 1) < 1e-6 and "quantity" in res.per_slot
    assert 8 <= res.table_rows <= 12
