"""After ranking: a count of the places that only hold the counted ones is their setting, not a second benefit (trial 19).

"覆盖全县12个乡镇152个行政村" gave 受益行政村数量 ≥ 152 个 and 受益乡镇数量 ≥ 12 个: the 12 towns only contain the 152
villages the fund reaches, so a reviewer struck the second as a setting count, redundant beside the first.
`set_aside_container_count` sets aside a shown row bound to "N个〔larger place〕" written right before "M个〔smaller
place〕" when another shown row carries the M. Pure over drafts, in place.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

# the larger places and the smaller ones each holds
_LARGER = re.compile(r"(?:乡镇|街道|乡|镇|县|区|县区|县市区)$")
_SMALLER = re.compile(r"(?:行政村|村|社区|村居|村（社区）|村\(社区\)|自然村|村民小组)")


def set_aside_container_count(drafts: list[Draft], ctx: ProjectContext) -> None:
    """See the module docstring. In place."""
    t = ctx.text
    shown = [d for d in drafts if d.tier != Tier.ALTERNATE and d.bound and d.mention is not None]
    for d in shown:
        m = d.mention
        if m.unit != "个" or not _LARGER.search(m.obj or ""):
            continue
        if not t.startswith(m.obj, m.end):
            continue
        after = m.end + len(m.obj)
        inner = next((x for x in shown if x is not d and x.mention.start == after and x.mention.unit in ("个", "村")
                      and _SMALLER.match(x.mention.obj or "")), None)
        if inner is not None:
            set_aside(d, f"描述中的{m.value}个{m.obj}是{inner.mention.value}个{inner.mention.obj}所在的范围，"
                         f"不另计为效益，仅作备选")
