"""The 预算年度 a project's own words state (its name, else its description).

One answer for suggest (the deadline its on-time rows take, the 预算年度 of
the .xlsx it writes) and for any reader of a description. Not for the years
inside a 指标值 (`kb.checker.parse`).
"""
from __future__ import annotations

import re

from kb.domain.text import normalize

_YEAR = re.compile(r"(20\d{2})\s*年")
# a span of whole years (1950—2000年文书档案, 2023-2025年行动计划): a period the text describes, not the
# budget year — unless a month follows (2023年7月至2024年1月 is a dated service period)
_YEAR_SPAN = re.compile(r"(?:19|20)\d{2}\s*年?\s*[—–\-~～至到]+\s*20\d{2}\s*年(?!\s*\d{1,2}\s*月)")


def stated_year(project_name: str | None, description: str | None) -> int | None:
    """The 预算年度 the project states: the year in its name (2024年农村户厕改造项目), else the one year
    its description names (2025年4月 … 2025年4月15日前), else None.

    Several years (2023年7月至2024年1月) name no single one; a span of whole years (对1950—2000年文书档案
    进行扫描, 2023—2025年行动计划) names none (a fresh reviewer got 2000年12月31日前 as the deadline of a
    2025 digitisation project). Years 2000–2099 only.
    """
    for text in (project_name, description):
        plain = _YEAR_SPAN.sub("", normalize(text or ""))
        years = {int(y) for y in _YEAR.findall(plain)}
        if len(years) == 1:
            return years.pop()
        if years and text is project_name:
            return None
    return None
