"""After ranking: a library row holding the text's count of a named group says that group (round 22).

"带动脱贫户就业增收200户以上" bound 带动农户增收户数 ≥ 200 户 (the e-commerce type's row): the figure counts 脱贫户, a
narrower group a 财政局 reviewer checks against the poverty register, not every 农户. `name_stated_group` writes the
group the figure's own words name into a shown bound row whose name holds a general group (农户, 群众, 居民, 村民) the
figure's words do not. Only renames (the reason in the evidence); pure over drafts, in place; after ranking, so the
ranker's training reads the same candidates.
"""
from __future__ import annotations

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_GENERAL = ("农户", "群众", "居民", "村民")
# groups a programme counts by a register (脱贫户, 监测户 …): narrower than any of `_GENERAL`
_NAMED = ("脱贫户", "监测户", "低保户", "特困户", "困难户", "残疾人户", "搬迁户")


def name_stated_group(pool: list[Draft], ctx: ProjectContext) -> None:
    """See the module docstring. Mutates `pool`'s drafts; no error."""
    for d in pool:
        m = d.mention
        if d.tier == Tier.ALTERNATE or not d.bound or m is None or (d.value_unit or d.unit) not in ("户", "人"):
            continue
        words = (m.verb or "") + (m.obj or "") + (m.context or "")
        general = next((g for g in _GENERAL if g in d.name and g not in words), "")
        named = [n for n in _NAMED if n in words and n not in d.name]
        if general and len(named) == 1:
            old = d.name
            d.name = d.name.replace(general, named[0], 1)
            d.evidence.append(f"描述写明的是“{named[0]}”，按原文命名（原为“{old}”）")
