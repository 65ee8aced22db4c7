"""The suggest part of `jixiao build`: validate types and training tables, train the models.

Called by `kb.knowledge.build`: `load_suggest_data` runs with the other
validations, before anything is written (all-or-nothing); `suggest_tables`
is the hook `kb.store.build.write_indicators` calls on the freshly built
in-memory index: it trains the models (`train_suggest_models`) and returns
the writer of the suggest tables, run in the build's one transaction
(`kb.suggest.kbdata`). Not for querying (see `kb.suggest.engine`).
"""
from __future__ import annotations

from pathlib import Path

from kb.errors import DataError, DataErrors
from kb.domain.schema import Indicator
from kb.indicators.index import IndicatorIndex
from kb.store.rows import RowStore
from kb.suggest.bundle import SuggestModels
from kb.suggest.kbdata import SuggestData, write_suggest_data
from kb.suggest.project_types import load_project_types, load_training_tables
from kb.suggest.training import train_models


def model_code_digest() -> str:
    """sha256 over the source of the code that trains suggest's models (`kb/suggest/*.py`, `kb/domain/*.py`).

    Part of the build fingerprint (`kb.store.build.data_fingerprint`'s `salt`),
    so pulling a change to features, vetting or the ranker retrains the models
    at the next `jixiao build` instead of serving a ranker trained on the old
    features (no `--force` needed). Files in name order, each by `kb.domain.ids.file_digest`.
    """
    import hashlib

    from kb.domain.ids import file_digest

    here = Path(__file__).resolve().parent
    parts = [f"{folder.name}/{f.name}:{file_digest(f)}" for folder in (here, here.parent / "domain")
             for f in sorted(folder.glob("*.py"))]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def load_suggest_data(indicators_dir: Path, indicators: list[Indicator]) -> SuggestData:
    """Validated project types and training tables (models not trained yet).

    Raises DataErrors with every problem of both (types first).
    """
    errors: list[DataError] = []
    total = 0
    types = []
    try:
        types = load_project_types(indicators_dir, indicators)
    except DataErrors as e:
        errors, total = list(e.errors), e.total
    tables = []
    try:
        ids = {t.id for t in types} if not errors else _declared_ids(indicators_dir)
        tables = load_training_tables(indicators_dir, ids)
    except DataErrors as e:
        errors.extend(e.errors)
        total += e.total
    if errors:
        raise DataErrors(errors[:50], total=total)
    return SuggestData(types=types, tables=tables)


def _declared_ids(indicators_dir: Path) -> set[str]:
    """Type ids by file name (used to check the training tables when some type file is invalid)."""
    from kb.suggest.project_types import type_files

    return {p.stem for p in type_files(indicators_dir)}


def train_suggest_models(rows: list[dict], lexical, tokenizer, data: SuggestData) -> None:
    """Train the type detector and the ranker on the new index; results go to `data.models`.

    Without types nothing is trained (suggest then retrieves only); without
    training tables the ranker is the documented fallback
    (`kb.suggest.ranker.FALLBACK`). See `kb.suggest.training`.
    """
    data.models = {}
    if not data.types:
        return
    store = RowStore.from_dicts(rows)
    idx = IndicatorIndex(rows=store, lexical=lexical, tokenizer=tokenizer)
    base = SuggestModels.load(store, data)
    tm, ranker, _ = train_models(idx, base, data.types, data.tables)
    if tm is not None:
        data.models["type_model"] = tm.to_json()
    if ranker is not None:
        data.models["ranker"] = ranker.to_json()


def suggest_tables(data: SuggestData, notify=None):
    """The `extra` hook of `kb.store.build.write_indicators`: train on the new index, then write."""
    def hook(rows, lexical, tokenizer):
        if data.types and notify:
            notify(f"训练项目类型识别与排序模型({len(data.types)} 个类型，{len(data.tables)} 张真实表)…")
        train_suggest_models(rows, lexical, tokenizer, data)
        return lambda db: write_suggest_data(db, data)

    return hook
