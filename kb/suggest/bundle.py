"""`SuggestModels`: what suggest loads once per KB — types, type detector, ranker, family statistics.

Built from the KB file's suggest tables (`kb.suggest.kbdata`) and the loaded
indicator index; `with_models` swaps the learned parts (the evaluation
retrains them per fold). Not for training (`kb.suggest.training`).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from kb.suggest.family import FamilyStats
from kb.suggest.kbdata import SuggestData
from kb.suggest.project_types import ProjectType, TrainingTable
from kb.suggest.ranker import Ranker, fallback_ranker
from kb.suggest.typemodel import TypeModel


@dataclass
class SuggestModels:
    """Types by id, the type detector (None without types), the ranker, family stats (None without tables).

    row_of: indicator id → row index of the loaded index; type_sectors: the
    library sectors each type's indicators belong to (plus its group).
    """

    types: dict[str, ProjectType]
    type_model: TypeModel | None
    ranker: Ranker
    family: FamilyStats | None
    row_of: dict[str, int]
    type_sectors: dict[str, set[str]] = field(default_factory=dict)
    tables: list[TrainingTable] = field(default_factory=list)

    @classmethod
    def load(cls, rows, data: SuggestData) -> "SuggestModels":
        """From the index rows and the stored data (models absent → no detector / the fallback ranker)."""
        row_of = {r: i for i, r in enumerate(rows.column("id") if hasattr(rows, "column") else [x["id"] for x in rows])}
        tm = data.models.get("type_model")
        rk = data.models.get("ranker")
        types = {t.id: t for t in data.types}
        return cls(types=types, type_model=TypeModel.from_json(tm) if tm else None,
                   ranker=Ranker.from_json(rk) if rk else fallback_ranker(),
                   family=FamilyStats(data.tables) if data.tables else None, row_of=row_of,
                   type_sectors=_type_sectors(rows, types, row_of), tables=list(data.tables))

    def with_models(self, type_model: TypeModel | None, ranker: Ranker | None,
                    family: FamilyStats | None) -> "SuggestModels":
        """A copy using other learned parts (cross-validation folds)."""
        return replace(self, type_model=type_model, ranker=ranker or fallback_ranker(), family=family)


def _type_sectors(rows, types: dict[str, ProjectType], row_of: dict[str, int]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for t in types.values():
        secs = {t.group}
        for iid in t.indicator_ids():
            i = row_of.get(iid)
            if i is not None:
                s = rows[i]["sector"]
                if s and s != "通用":
                    secs.add(s)
        out[t.id] = secs
    return out
