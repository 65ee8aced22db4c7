"""After ranking: a share the text states above its whole is no target (trial 20).

"完成建设任务6387%" bound as 建设内容完成率 ≥ 6387 % is a typing slip, not a plan: a bounded ratio (完成率, 合格率,
覆盖率, 满意度 …) cannot exceed 100 % (or 1000 ‰), and the checker's own QNT-07 rejects such a row. `unbind_share_over_whole`
leaves the row 待填写 with the reason, so the declarant checks the figure; a growth rate (增长率, 比上年提高) may exceed
100 % and keeps its figure. The ratio and growth words are the checker's (`kb.checker.lexicon`): one answer for both.
Acts after ranking (the ranker's training reads the same candidates). Pure over drafts, in place.
"""
from __future__ import annotations

from kb.suggest.draft import PENDING, Draft

# the whole of a share in each unit
_WHOLE = {"%": 100.0, "‰": 1000.0}


def over_whole(d: Draft) -> float | None:
    """The stated figure of `d` when it is a bounded share (the checker's ratio words, no growth word) above its
    whole (100 % or 1000 ‰), else None."""
    from kb.checker.lexicon import GROWTH_RE, RATIO_NAME_RE

    whole = _WHOLE.get((d.value_unit or d.unit or "").strip())
    if whole is None or d.value_source != "text" or not RATIO_NAME_RE.search(d.name) or GROWTH_RE.search(d.name):
        return None
    try:
        v = float(d.value)
    except ValueError:
        return None
    return v if v > whole else None


def unbind_share_over_whole(drafts: list[Draft]) -> None:
    """See the module docstring. In place."""
    for d in drafts:
        v = over_whole(d)
        if v is None:
            continue
        unit = (d.value_unit or d.unit).strip()
        said = f"{d.value}{unit}"
        d.operator, d.value, d.value_source = "", "", ""
        d.note = (f"{PENDING}：描述写明的{said}超过{_WHOLE[unit]:g}{unit}，比率不能超过{_WHOLE[unit]:g}{unit}，"
                  "请核实后按实际计划填写")
        d.evidence.append(f"描述中的{said}超出比率上限，不作为目标值")
