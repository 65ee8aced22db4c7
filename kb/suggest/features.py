"""The ranker's features of a candidate row (step 5 of suggest reads them).

Every feature is in [0, 1] and cheap: no per-request training, nothing
quadratic in the library size. In order (`FEATURES`):

| feature | meaning |
|---|---|
| type_prob | confidence of the best detected type whose set lists the row (0: none) |
| type_pos | 1 / (1 + position in that type's slot list) (0: not listed) |
| type_core | listed as a core row of the type (not an alternate) |
| lex | BM25 of the row for the query ÷ the best candidate's BM25 (0 for formed names) |
| lex_rank | 1 / (1 + rank in its slot's retrieved list) (0: not retrieved) |
| dense | fused dense evidence in hybrid mode (0 in lexical mode) |
| text_overlap | share of the row name's bigrams found in the project text (a template: its own words) |
| name_overlap | share of the row name's bigrams found in the project name (likewise) |
| slot_prior | share of real rows in the row's slot (training tables) |
| fam_freq | share of the detected types' real tables holding a row like it (Dice ≥ 0.5) |
| fam_dice | closest bigram Dice to a row of those tables |
| overall | share of all real tables holding a row like it (any type) |
| ending | share of all real tables holding a row with the same last three characters |
| type_ending | the same among the detected types' real tables (probability-weighted) |
| generic | a generic row (项目验收合格率, 项目按期完成率 …) |
| generic_typed | a generic row the detected type lists |
| formed | a name formed from the text's own words |
| bound | holds a number the text states |
| retrieved | came from plain retrieval only |
| sector_ok | row's sector is 通用 or one of the detected types' sectors or the given sector |
| short_name | 1 for names of ≤ 6 characters, falling to 0 at 16 |
| pending | size-dependent row left 待填写 |
| names_stated | the name holds the object of a number the text states (助餐点 in 老年助餐点正常运营率) |
| unit_stated | the row counts in the unit of a number the text states (万 aside; not %) |
Not for training (`kb.suggest.ranker`).
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.family import FamilyStats
from kb.domain.text import bigrams, normalize_name

FEATURES = ("type_prob", "type_pos", "type_core", "lex", "lex_rank", "dense", "text_overlap", "name_overlap",
            "slot_prior", "fam_freq", "fam_dice", "overall", "ending", "type_ending", "generic", "generic_typed", "formed", "bound", "retrieved",
            "sector_ok", "short_name", "pending", "names_stated", "unit_stated")


def featurize(drafts: list[Draft], ctx: ProjectContext, type_probs: dict[str, float],
              family: FamilyStats | None, sectors: set[str], exclude: str | None = None) -> np.ndarray:
    """Feature matrix (len(drafts) × len(FEATURES)); also stored on each draft (`features`)."""
    if not drafts:
        return np.zeros((0, len(FEATURES)))
    z = np.zeros(len(drafts))
    if family is not None:
        fam = family.features([d.name for d in drafts], type_probs, exclude=exclude)
        prior = family.slot_prior
    else:
        fam, prior = (z, z, z, z, z), {}
    stated = _Stated(ctx)
    fam = [f.tolist() for f in fam]   # Python floats, as float() of each would give
    X = np.array([_row(d, ctx, prior, f, sectors, stated) for d, *f in zip(drafts, *fam)], dtype=np.float64)
    for d, x in zip(drafts, X.tolist()):
        d.features = x
    return X


class _Stated:
    """What the text's stated numbers give every row's features: their objects (≥ 2 characters) and
    their units without a 万/亿 prefix."""

    def __init__(self, ctx: ProjectContext):
        self.objects = [m.obj for m in ctx.mentions if len(m.obj) >= 2]
        self.units = {m.unit.lstrip("万亿") for m in ctx.mentions}


def _row(d: Draft, ctx: ProjectContext, prior: dict, fam: list[float], sectors: set[str],
         stated: _Stated) -> list[float]:
    # a template's overlap is measured on the library's own words, not on the text's words filled in
    bg = _template_bigrams(d.template) if d.template else set(bigrams(d.key))
    n = len(bg) or 1
    typed = d.type_prob > 0
    slot, name, source = d.slot, d.name, d.source
    unit = (d.value_unit or d.unit).lstrip("万亿")
    return [
        d.type_prob, 1.0 / (1 + d.type_pos) if typed else 0.0, 1.0 if typed and d.type_core else 0.0,
        min(d.lex, 1.0), 1.0 / (1 + d.lex_rank) if d.lex_rank >= 0 else 0.0, d.dense,
        len(bg & ctx.text_bigrams) / n, len(bg & ctx.name_bigrams) / n,
        prior.get(slot, 0.0), *fam,
        1.0 if d.generic else 0.0, 1.0 if d.generic and typed else 0.0, 1.0 if source == "formed" else 0.0,
        1.0 if d.value_source == "text" else 0.0,   # bound
        1.0 if source == "retrieval" and not typed else 0.0,
        # sector_ok: the row's sector is 通用 or one of the detected / given sectors (retrieved rows only)
        1.0 if source != "retrieval" or not d.sector or d.sector == "通用" or d.sector in sectors else 0.0,
        min(1.0, max(0.0, (16 - len(name)) / 10)), 1.0 if not d.value and slot == "quantity" else 0.0,  # pending
        1.0 if any(o in name for o in stated.objects) else 0.0,
        # unit_stated: counts in the unit of a number the text states (万 prefixes aside; not %)
        1.0 if unit and unit != "%" and unit in stated.units else 0.0,
    ]


@lru_cache(maxsize=4096)
def _template_bigrams(template: str) -> frozenset[str]:
    """Bigrams of a library template's own words (its 〔slot〕 brackets dropped)."""
    return frozenset(bigrams(normalize_name(template.replace("〔", "").replace("〕", ""))))
