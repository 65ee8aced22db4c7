"""What suggest keeps in the KB file: project types, training tables, learned models.

Tables (inspect with `sqlite-utils tables`):
- `project_types` — one row per type; lists and the resolved slots as JSON
- `training_tables` — the labelled real tables (`indicators/training/tables.jsonl`)
- `suggest_models` — name → JSON text of a learned model (type detector,
  ranker): plain arrays and numbers, never pickles, so the file stays data

`write_suggest_data` runs inside the build's transaction (`kb.store`);
`read_suggest_data` returns what `kb.knowledge.KnowledgeBase` loads. Not for
training (see `kb.suggest.typemodel`, `kb.suggest.ranker`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import sqlite_utils

from kb.suggest.project_types import ProjectType, TrainingTable

TABLES = ("project_types", "training_tables", "suggest_models")


@dataclass
class SuggestData:
    """Everything suggest reads from the KB file besides the indicators."""

    types: list[ProjectType] = field(default_factory=list)
    tables: list[TrainingTable] = field(default_factory=list)
    models: dict[str, dict] = field(default_factory=dict)

    def type_by_id(self) -> dict[str, ProjectType]:
        return {t.id: t for t in self.types}


def write_suggest_data(db: sqlite_utils.Database, data: SuggestData) -> None:
    """Replace the three tables with `data` (call inside the build's `db.atomic()`)."""
    for t in TABLES:
        if t in db.table_names():
            db.execute(f"DELETE FROM [{t}]")
    db["project_types"].create({"id": str, "name": str, "grp": str, "data": str}, pk="id",
                               if_not_exists=True)
    db["training_tables"].create({"id": str, "project": str, "data": str}, pk="id", if_not_exists=True)
    db["suggest_models"].create({"name": str, "data": str}, pk="name", if_not_exists=True)
    if data.types:
        db["project_types"].insert_all(
            [{"id": t.id, "name": t.name, "grp": t.group, "data": t.model_dump_json()} for t in data.types])
    if data.tables:
        db["training_tables"].insert_all(
            [{"id": t.id, "project": t.project, "data": t.model_dump_json()} for t in data.tables])
    if data.models:
        db["suggest_models"].insert_all(
            [{"name": k, "data": json.dumps(v, ensure_ascii=False)} for k, v in data.models.items()])


def read_suggest_data(db) -> SuggestData:
    """The stored types, tables and models (empty when the KB predates them); `db`: sqlite3 or sqlite-utils."""
    from kb.store.db import table_names

    names = set(table_names(db))
    out = SuggestData()
    if "project_types" in names:
        out.types = [ProjectType.model_validate_json(r[0])
                     for r in db.execute("SELECT data FROM project_types ORDER BY id").fetchall()]
    if "training_tables" in names:
        out.tables = [TrainingTable.model_validate_json(r[0])
                      for r in db.execute("SELECT data FROM training_tables ORDER BY rowid").fetchall()]
    if "suggest_models" in names:
        out.models = {r[0]: json.loads(r[1]) for r in db.execute("SELECT name, data FROM suggest_models").fetchall()}
    return out
