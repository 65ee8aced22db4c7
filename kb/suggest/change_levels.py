"""After ranking: the level a stated change reaches goes to the library's row of the same rate (trial 17).

"全镇农村公路优良中等路比例由上年的72%提高到78%以上" gives a formed row for the change (农村公路优良中等路比例 ≥ 78 %, filed
under 效益 as changes are) beside the library's 质量 row of the same rate (农村公路优良中等路率 ≥ 80 %, its typical value).
`one_measure` keeps the row with the text's figure and the library row is lost with its place under 质量, which the
next candidate took (公路列养率 待填写). Where a shown library or type row reads as the same rate as a shown formed row
bound to a change from a level to a level (its derivation 由…到), the library row takes the text's level (its value,
operator and derivation) and the formed row is set aside: the library's name and 二级, the text's target. Run after
ranking and before `one_measure`; only binds and sets aside (the reason in the evidence).
"""
from __future__ import annotations

from kb.domain.rate_names import normal_rate_name, one_rate_measure
from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier


def give_change_level_to_library_rate(pool: list[Draft], ctx: ProjectContext) -> None:
    """Bind each shown formed change row's level reached to the shown library row of the same rate (module
    docstring). Mutates the drafts; no error."""
    live = [d for d in pool if d.tier != Tier.ALTERNATE and d.name]
    for f in live:
        m = f.mention
        if f.source != "formed" or f.value_source != "text" or m is None or not m.derivation[:1] in ("由", "从") \
                or (f.value_unit or f.unit) not in ("%", "‰"):
            continue
        lib = next((d for d in live if d is not f and d.source in ("type", "retrieval") and d.tier != Tier.ALTERNATE
                    and d.value_source != "text" and d.slot in ("quality", "quantity")
                    and (d.unit or d.typical[2]) == (f.value_unit or f.unit) and one_rate_measure(normal_rate_name(d.name), normal_rate_name(f.name))),
                   None)
        if lib is None:
            continue
        lib.mention, lib.operator, lib.value, lib.value_unit = m, f.operator, f.value, f.value_unit or f.unit
        lib.value_source, lib.note, lib.tier = "text", "", Tier.BOUND
        lib.evidence.append(f"描述中的目标: {m.derivation}")
        set_aside(f, f"描述所写的{m.derivation}由指标库的“{lib.name}”承载，仅作备选")
