"""Suggestions of a flagged row: its canonical rewrite, checked again, shared out over its findings.

`checked_rewrite` asks `kb.checker.rewrite` for the row's rewrite and checks
the rewritten row with the same rules (up to two more rounds); what still
draws a finding becomes a deletion with the reason. `row_suggestions`
gives each finding the part of the rewrite touching the fields its rule
declares (`RuleFix.fields`), so applying every suggestion gives the
canonical row. Not for table suggestions (the rules' `table_fix`).
"""
from __future__ import annotations

from typing import Callable

from kb.checker.catalog import FIELDS, RuleHit, RuleMeta, fix_of
from kb.checker.parse import ParsedRow
from kb.checker.rewrite import RowRewrite, as_target_row, rewrite_row
from kb.checker.runner import run_row_rules
from kb.domain.findings import Suggestion, construct
from kb.settings import CheckerSettings


def _target_text(f: dict[str, str]) -> str:
    if f["operator"] == "定性":
        return f"定性：{f['value']}"
    return f"{f['operator']}{f['value']}{f['unit']}"


def display(patch: dict[str, str], full: dict[str, str], goal: bool = False) -> str:
    """What a rewrite changes, as the 修改建议 says it (层级 / 名称 / 指标值改为“…”). `goal`: the row is a 年度目标 /
    总体目标 row, whose text is the goal itself, not a 名称 (trial 19: “名称改为“本年度实现：…”” on a goal)."""
    parts = []
    if goal and "name" in patch:
        return f"{(full.get('level1') or '').strip() or '目标'}改为“{full['name']}”"
    if "level1" in patch or "level2" in patch:
        parts.append(f"层级改为“{full['level1']}/{full['level2']}”" if full["level2"] else f"一级指标改为“{full['level1']}”")
    if "name" in patch:
        parts.append(f"名称改为“{full['name']}”")
    if "operator" in patch or "value" in patch or "unit" in patch:  # the target (catalog.TARGET)
        parts.append(f"指标值改为“{_target_text(full)}”")
    return "；".join(parts) or "按规范格式重写"


def _verify(r: ParsedRow, fields: dict[str, str], s: CheckerSettings) -> tuple[list[tuple[RuleMeta, RuleHit]], ParsedRow]:
    """Findings left on row `r` with `fields` applied, and the parsed rewritten row."""
    nr = ParsedRow(as_target_row(r.raw, fields), r.idx, r.ctx, r.cflags)
    return run_row_rules(nr, s), nr


def checked_rewrite(r: ParsedRow, hits: list[tuple[RuleMeta, RuleHit]], lookup: Callable | None,
             s: CheckerSettings) -> tuple[RowRewrite, ParsedRow | None]:
    """The canonical rewrite of a flagged row, checked again (up to two rounds), and its parsed result.

    A rewrite that still draws a finding after two rounds is replaced by a
    deletion with the reason; the parsed row is None for deletions.
    """
    ids = {m.id for m, _ in hits}
    hd = {m.id: h for m, h in hits}
    rw = rewrite_row(r, ids, hd, lookup, s)
    for _ in range(2):
        if rw.manual and len(hits) > 1:
            _own_advice(r, hits, rw, lookup, s)
        if rw.delete or rw.manual:
            return rw, None
        left, nr = _verify(r, rw.fields, s)  # type: ignore[arg-type]
        left = [x for x in left if x[0].id not in rw.kept]
        if not left:
            return rw, nr
        rw2 = rewrite_row(nr, {m.id for m, _ in left}, {m.id: h for m, h in left}, lookup, s)
        if rw2.manual and not rw2.delete:
            kept_levels = _target_pending(r, hits, rw, rw2.reason, s)
            if kept_levels is not None:
                return kept_levels
        if rw2.delete or rw2.manual:
            return rw2, None
        rw2.kept = {**rw.kept, **rw2.kept}
        rw = rw2
    left, nr = _verify(r, rw.fields, s)  # type: ignore[arg-type]
    if any(m.id not in rw.kept for m, _ in left):
        return RowRewrite(None, "无法自动改写为合规指标；请按实际重写或删除"), None
    return rw, nr


def _own_advice(r: ParsedRow, hits: list[tuple[RuleMeta, RuleHit]], rw: RowRewrite, lookup: Callable | None,
                s: CheckerSettings) -> None:
    """Each finding of a row left to the declarant (`rw.manual`) whose rule is not the cause gets its own advice in
    `rw.kept` (text only, nothing applied): its rule's `advice`, else what its own rewrite alone would change.
    Trial 21: 满意度 ≥1e3 % — SAT-05 (谁的满意度) carried QNT-04's “…科学计数法…，无法自动改写”. The cause (the
    rule whose rewrite alone is the same advice) and rules with nothing of their own keep `rw.reason`."""
    for meta, h in hits:
        if meta.id in rw.kept:
            continue
        advice = fix_of(meta.id).advice
        if advice:
            rw.kept[meta.id] = advice
            continue
        own = rewrite_row(r, {meta.id}, {meta.id: h}, lookup, s)
        if own.delete or own.manual or own.fields is None:
            continue
        changed = {k: v for k, v in own.fields.items() if getattr(r.raw, k) != v}
        said = display(changed, own.fields, bool(r.goal)) if changed else ""
        if said and said not in rw.reason:   # the reason says it already (请把名称改为“…”并填写目标值: dev D047)
            rw.kept[meta.id] = said


def _target_pending(r: ParsedRow, hits: list[tuple[RuleMeta, RuleHit]], rw: RowRewrite, reason: str,
                    s: CheckerSettings) -> tuple[RowRewrite, ParsedRow] | None:
    """The first round's new levels or name kept when the second leaves the target 待填写 (E009: 一级指标
    blank and the value 到0次(OCR损坏): the row still goes under 产出指标/数量指标, its count is the
    declarant's); None when the first round changed neither or the result draws other findings."""
    fields = {**rw.fields, "operator": r.raw.operator, "value": r.raw.value, "unit": r.raw.unit}  # type: ignore[dict-item]
    if all(fields[k] == getattr(r.raw, k) for k in ("level1", "level2", "name")):
        return None
    kept = {**rw.kept, **{m.id: reason for m, _ in hits if fix_of(m.id).retarget}}
    left, nr = _verify(r, fields, s)
    if any(m.id not in kept for m, _ in left):
        return None
    return RowRewrite(fields, kept={**kept, **{m.id: reason for m, _ in left}}), nr


def row_suggestions(r: ParsedRow, hits: list[tuple[RuleMeta, RuleHit]], rw: RowRewrite) -> list[Suggestion]:
    """Per-finding suggestions whose union is the canonical rewrite `rw` of row `r`."""
    if rw.delete:
        text = f"删除该行：{rw.reason}" + (f"；{rw.hint}" if rw.hint else "")
        sug = construct(Suggestion, delete=True, text=text)
        cause = next((m.id for m, _ in hits if fix_of(m.id).deletes == rw.reason), None)
        if cause is None:  # a finding with advice of its own keeps it when a table rule deletes the row (trial 21)
            return [construct(Suggestion, text=rw.kept[m.id]) if m.id in rw.kept else sug for m, _ in hits]
        # the other findings of the row go with it: saying so, not repeating a reason that is not theirs
        # (QNT-08's “应写=100%” beside “删除该行：投入/过程指标…” read as a contradiction)
        along = construct(Suggestion, delete=True, text=f"本行按 {cause} 整行删除，此项随之不再适用")
        return [sug if m.id == cause else along for m, _ in hits]
    if rw.manual:  # left to the declarant: nothing to apply, the text says what and why
        sug = construct(Suggestion, text=rw.reason)  # a finding not the cause says its own (`_own_advice`)
        return [construct(Suggestion, text=rw.kept[m.id]) if m.id in rw.kept else sug for m, _ in hits]
    full = rw.fields  # type: ignore[assignment]
    raw = r.raw
    changed = {k: v for k, v in full.items() if getattr(raw, k) != v}
    kept = rw.kept
    if len(hits) == 1 and not kept:  # the common case: the one finding carries the whole rewrite
        return [construct(Suggestion, **changed, text=display(changed, full, bool(r.goal)))]
    if kept:  # findings left on purpose get their advice; the others share the rewrite
        others = [(m, h) for m, h in hits if m.id not in kept]
        sub = iter(row_suggestions(r, others, RowRewrite(full)) if others else ())
        return [construct(Suggestion, text=kept[m.id]) if m.id in kept else next(sub) for m, _ in hits]
    out: list[Suggestion] = []
    covered: set[str] = set()
    for meta, h in hits:
        fix = fix_of(meta.id)
        keys = fix.fields
        if fix.own_field and h.field:
            keys = (h.field,) if h.field in FIELDS else keys
        patch = {k: changed[k] for k in keys if k in changed}
        covered.update(patch)
        out.append(patch)  # type: ignore[arg-type]
    rest = {k: v for k, v in changed.items() if k not in covered}
    if rest and out:
        out[0].update(rest)  # type: ignore[union-attr]
    sugs = []
    made: dict[tuple, Suggestion] = {}
    for patch in out:
        if not patch:  # nothing of its own to change: point at the whole rewrite
            patch = dict(changed)
        key = frozenset(patch.items())  # type: ignore[union-attr]
        sug = made.get(key)
        if sug is None:
            sug = made[key] = construct(Suggestion, **patch, text=display(patch, full, bool(r.goal)))  # type: ignore[arg-type]
        sugs.append(sug)
    return sugs
