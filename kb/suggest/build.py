"""The suggest part of `jixiao build`: validate types and training tables, train the models.

Called by `kb.store.build`: `load_suggest_data` runs with the other
validations, before anything is written (all-or-nothing);
`train_suggest_models` runs on the freshly built in-memory index and its
results are written in the build's one transaction (`kb.suggest.kbdata`).
Not for querying (see `kb.suggest.engine`).
"""
from __future__ import annotations

from pathlib import Path

from kb.errors import DataError, DataErrors
from kb.schema import Indicator
from kb.suggest.kbdata import SuggestData
from kb.suggest.project_types import load_project_types, load_training_tables


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

    (The models arrive in later steps; without types or tables nothing is trained.)
    """
    return None
