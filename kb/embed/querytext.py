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

from kb.text import normalize

_FORM_PATTERNS = (
    # form titles: 项目支出绩效目标申报表, 部门整体支出绩效自评报告, 专项资金绩效目标表 …
    r"(?:\d{4}年度?)?(?:部门预算|市直部门预算|县级|市级|省级)?(?:项目支出|部门整体支出|专项资金|"
    r"转移支付资金|补助资金|衔接资金|资金)?(?:项目)?绩效(?:目标)?(?:申报|自评|评价)?(?:表|报告)",
    r"绩效(?:目标|自评|评价)",
    # section headers and project attributes
    r"(?:总体|年度|中期|长期|实施期)目标", r"项目(?:概况|属性|类型|名称|单位|负责人)",
    r"立项依据", r"实施期(?:限)?", r"(?:年度|项目|专项|财政)?资金(?:来源|用途|总额|性质)?", r"(?:年度|全年|本级)?预算(?:资金|金额|数)?",
    r"财政拨款", r"其他资金", r"其中", r"本级支出项目", r"(?:持续性|一次性|滚动|新增|延续性|经常性)项目",
    r"自评(?:总分|得分|结论|等级)?[^，。;；]*?(?:分|优|良|中|差)\)?", r"执行率[^，。;；]*",
    # dates, periods and amounts
    r"{d}(?:\s*[-—至到~]\s*{d})?",
    r"\d+(?:\.\d+)?\s*(?:万元|亿元|元)", r"本年度|年度|全年|本级",
)
_DATE = r"\d{4}(?:[.\-/年]\d{1,2}(?!\d)(?:[.\-/月]\d{1,2}(?!\d)日?)?)?年?度?"
_FORM = re.compile("|".join(f"(?:{p.replace('{d}', _DATE)})" for p in _FORM_PATTERNS))
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
