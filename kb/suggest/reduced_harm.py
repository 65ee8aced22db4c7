"""After ranking: a stated reduction of a harm is an ecological benefit named by the reduction (trial 23).

"年减少土壤侵蚀量3.2万吨" gave 土壤侵蚀量 ≥ 3.2 万吨 under 数量: dropping 减少 asks for at least 3.2 万吨 of erosion, and
the figure is what the works achieve, not what they produce — a fresh reviewer struck it. A shown row bound to a figure
the text writes right after 减少 / 降低 / 削减 + the row's name is renamed 减少〔name〕 and filed as the checker files
a benefit of that name (`candidates._benefit_slot`: 减少土壤侵蚀量 is 生态效益). Renames and re-files only, after
ranking, so the ranker's training is untouched.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_REDUCE = re.compile(r"(减少|降低|削减|减排)(?P<what>[\u4e00-\u9fff]{2,10})$")


def name_reduced_harm(pool: list[Draft], ctx: ProjectContext) -> None:
    """Rename and re-file each shown row of `pool` bound to a stated reduction (module docstring). In place."""
    from kb.suggest.candidates import _benefit_slot

    for d in pool:
        m = d.mention
        if d.tier == Tier.ALTERNATE or not d.name or d.value_source != "text" or m is None or d.name.startswith(("减少", "降低")):
            continue
        r = _REDUCE.search(ctx.text[max(0, m.start - 14):m.start])
        if r is None or not r.group("what").endswith(d.name[-4:]):
            continue
        name = r.group(1) + r.group("what")
        level2 = _benefit_slot(name)
        d.evidence.append(f"描述写明“{r.group(0)}”，是项目的效益：{d.name} → {name}")
        d.name, d.level2 = name, level2
        if d.operator in ("≤",):
            d.operator = "≥"
