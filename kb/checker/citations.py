"""Turn a finding's basis into an exact citation into the stored corpora.

A rule's basis names documents ("财预〔2015〕88号《…》；财预〔2011〕285号《…》
第十四条(二)"); when one of them is stored in the KB's corpora, the finding
gets `citation` = 《文件名》(文号) [第X条] via `kb.corpus.cite.cite_basis`
(the article only where a stored chunk has it). Not for writing the basis
(that comes from the rule catalog).
"""
from __future__ import annotations

import re
from functools import lru_cache

from kb.domain.findings import CheckReport

_ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇\d]+条")


def attach_citations(report: CheckReport, corpus) -> CheckReport:
    """Fill `citation` on every finding whose basis names a stored document (in place; returns report).

    `corpus`: anything with `cite_basis(doc, article)` (`kb.corpus.cite.Citations`,
    `kb.corpus.Corpus`), or None.
    """
    if corpus is None:
        return report

    @lru_cache(maxsize=256)
    def cite(basis: str) -> str | None:
        for part in re.split(r"[；;]", basis):
            part = part.strip()
            if not part:
                continue
            m = _ARTICLE.search(part)
            c = corpus.cite_basis(part, m.group(0) if m else None)
            if c:
                return c
        return None

    for f in report.findings:
        if f.basis:
            f.__dict__["citation"] = cite(f.basis)  # findings may be built with model_construct
    return report
