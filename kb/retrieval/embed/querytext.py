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
"""
from __future__ import annotations

import re

from kb.domain.text import normalize
from kb.domain.words import FORM_PATTERNS

_DATE = r"\d{4}(?:[.\-/年]\d{1,2}(?!\d)(?:[.\-/月]\d{1,2}(?!\d)日?)?)?年?度?"
_FORM = re.compile("|".join(f"(?:{p.replace('{d}', _DATE)})" for p in FORM_PATTERNS))
MAX_CHARS = 96
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

