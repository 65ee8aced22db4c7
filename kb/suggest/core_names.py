"""After ranking: rows named from the project's name keep its object whole (trial 17).

A fresh reviewer got 改造成本 / 改造完成时间 for 长寿路人行道改造 (the object 人行道 dropped: `naming.short_object` reads a
word opening on 人 as a count's unit) and 文本测试成本 for 长文本测试 (its leading 长 dropped). Each shown row whose
name opens on `short_object(core)` is named from `naming.whole_object(core)` instead (人行道改造成本, 长文本测试完成时间).
Only renames (the reason in the evidence); run after ranking, so the ranker's training reads the same candidates.
"""
from __future__ import annotations

from kb.suggest import naming as N
from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier


def name_by_whole_object(pool: list[Draft], ctx: ProjectContext) -> None:
    """Rename each shown row of `pool` (ranked drafts of one project) named on the core's short object to its whole
    object (module docstring). Mutates the drafts; no error."""
    if not ctx.core:
        return
    short, whole = N.short_object(ctx.core), N.whole_object(ctx.core)
    if not short or whole == short or not whole.endswith(short):
        return
    for d in pool:
        if d.tier == Tier.ALTERNATE or not d.name.startswith(short) or d.name.startswith(whole):
            continue
        old = d.name
        d.name = whole + d.name[len(short):]
        d.evidence.append(f"按项目名称的完整对象“{whole}”命名（原为“{old}”）")
