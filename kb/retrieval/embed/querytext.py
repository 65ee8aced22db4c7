"""The text sent to the embedder for a project description: the form's own words removed.

Real descriptions are pasted from declaration forms and carry the form's
vocabulary — "2022年度项目支出绩效自评表", "总体目标", "年度资金总额854万元",
"自评总分96(优)", implementation periods. Every description shares these
words, so they say nothing about WHAT the project does, yet in a
mean-pooled sentence vector they pull every description towards the same
budget-management indicators (绩效评价项目数量, 预算执行率 …). The lexical
side down-weights such words by IDF; a sentence embedding cannot, so they
are cut from the text before embedding. Only structural vocabulary of the
forms (titles, section headers, funding sources, dates, amounts, scores) is
listed — no topic words. The result is capped at `MAX_CHARS` (96):
embedding time grows with length (≈ 0.7 ms per token on two cores), the
project name and first clauses carry the topic, and on the dev declarations
the cap changed neither Recall@10 nor MRR beyond noise. Not for display or
for the lexical query.

Suggest embeds less (`project_query_text`): what the project is — the core
its name states (or the name), then the description without the form's
words — at most `PROJECT_CHARS` (24) characters, ≈ 22 tokens with the
`query: ` prefix instead of ≈ 65. The engine's time is linear in tokens
(≈ 1.35 ms per token on one thread, no padding; `benchmarks/embed_bench.py`).
On the dev declarations (5-fold CV) hybrid scores as lexical mode does with
either text (the dense side changes one or two projects' lists at all); on
the code before the suggest rounds of 2026-12-06 both texts moved soft
Recall@10/@20 and MRR by at most two gold rows either way.
"""
from __future__ import annotations

import re

from kb.domain.text import normalize
from kb.domain.words import FORM_PATTERNS

_DATE = r"\d{4}(?:[.\-/年]\d{1,2}(?!\d)(?:[.\-/月]\d{1,2}(?!\d)日?)?)?年?度?"
_FORM = re.compile("|".join(f"(?:{p.replace('{d}', _DATE)})" for p in FORM_PATTERNS))
MAX_CHARS = 96
PROJECT_CHARS = 24
_PUNCT_RUNS = re.compile(r"(?:[\s,，。;；:：、]*[,，。;；:：、])+")


def dense_query_text(text: str) -> str:
    """`text` normalised, with the declaration form's vocabulary removed, at most MAX_CHARS.

    Falls back to the normalised text when nothing but form words is left
    (e.g. a bare form title), so a query never becomes empty.
    """
    t = normalize(text)
    cut = _FORM.sub("，", t)
    cut = _PUNCT_RUNS.sub("，", cut).strip("，,。 ()（）")
    return (cut if len(cut) >= 2 else t)[:MAX_CHARS]



def project_query_text(core: str, description: str) -> str:
    """What suggest embeds for a project: `core` (what its name says it does, else the name), then
    `description` as `dense_query_text` gives it, at most PROJECT_CHARS characters."""
    desc = dense_query_text(description) if description else ""
    return "。".join(p for p in (normalize(core), desc) if p)[:PROJECT_CHARS]
