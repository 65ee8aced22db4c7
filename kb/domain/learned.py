"""What 结果反馈 teaches the libraries: learned statistics per indicator name.

The lifecycle layer (`kb.lifecycle`) computes these from stored declarations,
evaluations and the finance bureau's feedback; `suggest` consumes them to
re-rank candidates and propose learned typical values. This module only
defines the exchanged shape, so the suggest path does not depend on the
workflow database.
"""
from __future__ import annotations

from pydantic import BaseModel


class LearnedIndicator(BaseModel):
    """Aggregated experience with one indicator (keyed by `kb.domain.text.normalize_name(name)`).

    Attributes:
        name: indicator name as declared; level1/level2: framework labels (identifiers).
        unit, operator, value: the learned typical target (median of declared
            values, in `unit`).
        chosen_count: how many declarations (in scope: sector or unit) used it.
        completion_rate: mean of final score ÷ weight over evaluated declarations,
            capped at 1 (1.0 = fully met; the bureau's score where it gave one).
        success_share: share of evaluations where it was fully met, in [0, 1].
        scope: 'basic' (aggregate over all units) or 'unit:<unit_name>'.
        sector: the sector the statistics are about ('' = all sectors).
    """

    name: str
    level1: str = ""
    level2: str = ""
    unit: str = ""
    operator: str = ""
    value: str = ""
    chosen_count: int = 0
    completion_rate: float | None = None
    success_share: float | None = None
    scope: str = "basic"
    sector: str = ""
