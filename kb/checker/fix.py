"""Apply a report's suggestions to a declaration: the rewritten 绩效目标表.

Row suggestions replace fields or delete the row; table suggestions add rows
(满意度, 成本, 时效 … where a concrete row exists), rescale weights (STR-13) or
drop duplicate rows (STR-12). Pure: the input is not modified.
Not for checking or file output.
"""
from __future__ import annotations

import re
from typing import Any

from kb.domain.years import planned_year

from kb.domain.findings import CheckReport
from kb.domain.levels import framework_keys
from kb.domain.schema import Declaration, TargetRow, normalize_operator
from kb.domain.units import VALUE_UNITS
from kb.checker.fixes import cover_rows


def _notes_kept(ctx: dict[str, Any], r: TargetRow, upd: dict[str, Any]) -> dict[str, Any]:
    """A row's notes read with it (`kb.io.tables.NOTE_FIELDS`) that still hold after its rewrite: a renamed
    row's 指标解释 explained the old indicator, a new target's 设定依据 was the old one's (a fresh reviewer
    found 完成时间 12月31日前 explained as 按时发放的比例, and a stale 待填写…审核不通过 basis)."""
    if not ctx or not upd:
        return ctx
    drop = set()
    if "name" in upd and upd["name"] != r.name:
        drop.add("explanation")
    if any(k in upd and upd[k] != getattr(r, k) for k in ("value", "operator", "unit")):
        drop.add("basis")
    return {k: v for k, v in ctx.items() if k not in drop} if drop else ctx


# an operator written in the value in ASCII or full width (>=90, ＞＝90, <=5): the fixed table writes ≥ ≤ = …
_ASCII_OP_RE = re.compile(r"^\s*(>=|=>|<=|=<|==|＞＝|＜＝|>|<|=|＞|＜|＝)\s*(?=[\d.+-])")


def _template_operator(r: TargetRow) -> TargetRow:
    """round 14: the row with an operator written in its value in ASCII or full width (“>=90” in a draft's
    指标值 cell, a fresh reviewer's draft.csv) moved to the operator in the template's form (≥, ≤, =, >, <),
    only when the row has no operator of its own. The check reads “>=90” as ≥90 already (no finding); only the
    written table changed — `--fix` had kept “>=90”."""
    if (r.operator or "").strip() or not r.value:
        return r
    m = _ASCII_OP_RE.match(r.value)
    if m is None:
        return r
    return r.model_copy(update={"operator": normalize_operator(m.group(1)), "value": r.value[m.end():].strip()})


# a value holding its own unit after one number (≥95%, 600人, ≤3天): the template has the unit in its own cell
_VALUE_WITH_UNIT_RE = re.compile(r"^\s*(?P<op>[≥≤=＞＜><]?)\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>"
                                 + "|".join(map(re.escape, sorted(VALUE_UNITS, key=len, reverse=True))) + r")\s*$")


def _template_unit(r: TargetRow) -> TargetRow:
    """trial 14: the row with the unit written in its value after its one number (“≥９５％” read as ≥95%, unit
    cell empty) with the unit moved to the 计量单位 cell, as every other row of the fixed table has it (`--fix`
    wrote 指标值 “≥95%” beside an empty unit). A year (2025年) is a date, not a count of years, and stays."""
    if (r.unit or "").strip() or not r.value:
        return r
    m = _VALUE_WITH_UNIT_RE.match(r.value)
    if m is None or (m["unit"] == "年" and 1900 <= float(m["num"]) <= 2100):
        return r
    return r.model_copy(update={"value": f"{m['op']}{m['num']}", "unit": m["unit"]})


def apply_fixes(decl: Declaration, report: CheckReport) -> Declaration:
    """`apply_fixes_traced(decl, report)` without the origins."""
    return apply_fixes_traced(decl, report)[0]


def apply_fixes_traced(decl: Declaration, report: CheckReport) -> tuple[Declaration, list[int | None]]:
    """A copy of `decl` with every suggestion of `report` applied; rows renumbered 1..n.

    Row numbers in findings refer to the input (`TableInput.row_numbers`, else
    1..n). Findings without a suggestion, or whose suggestion is text only (a
    rewrite left to the declarant), change nothing. The rows are in the template's order of 一级 / 二级
    (`kb.domain.levels.framework_keys`: 产出 数量/质量/时效, 成本, 效益, 满意度; goal rows first), the declarant's
    order kept within a block; an added row, and a row moved to another 一级 / 二级 (REL-01, STR-02), goes to
    the end of its block, so the written table's merged blocks stay whole.
    The copy is the same model class as `decl` (a `TableInput` keeps its context, row contexts
    re-aligned); beside it, the input row number of each of its rows (None for an added row).
    """
    numbers = list(getattr(decl, "row_numbers", None) or range(1, len(decl.rows) + 1))
    index = {n: i for i, n in enumerate(numbers)}
    patches: dict[int, dict[str, Any]] = {}
    deleted: set[int] = set()
    added: list[dict[str, Any]] = []
    weights: list[float | None] | None = None
    for f in report.findings:
        s = f.suggestion
        if s is None:
            continue
        if f.scope == "row" and f.row in index:
            i = index[f.row]
            if s.delete:
                deleted.add(i)
            else:
                patches.setdefault(i, {}).update(s.patch())
            if s.weights is not None:  # a deletion that rescales the other rows' weights
                weights = s.weights
            continue
        if s.add_rows:
            added.extend(s.add_rows)
        if s.weights is not None:
            weights = s.weights
        if s.delete_rows:
            deleted.update(index[n] for n in s.delete_rows if n in index)
    rctx_in = list(getattr(decl, "row_contexts", None) or [])
    kept: list[tuple[TargetRow, dict[str, Any], int | None]] = []    # (row, context, input number)
    placed: list[tuple[TargetRow, dict[str, Any], int | None]] = []  # moved to another block, or added
    item_i = 0
    for i, r in enumerate(decl.rows):
        is_goal = r.is_goal
        upd: dict[str, Any] = dict(patches.get(i, {}))
        if weights is not None and not is_goal:
            if item_i < len(weights) and weights[item_i] is not None:
                upd["weight"] = weights[item_i]
            item_i += 1
        if i in deleted:
            continue
        moved = any(k in upd and upd[k] != getattr(r, k) for k in ("level1", "level2"))
        ctx = _notes_kept(rctx_in[i] if i < len(rctx_in) else {}, r, upd)
        (placed if moved else kept).append((r.model_copy(update=upd) if upd else r, ctx, numbers[i]))
    kept += placed + [(TargetRow.model_validate(a), {}, None) for a in added]
    # the template's order, 一级 then 二级 (a 时效 row among the 时效 rows, not after 满意度; a 产出/数量 row the
    # declarant wrote after the 效益 block, or one moved there, in the 产出/数量 block), the declarant's order kept
    # within a block, goal rows first: a fresh reviewer found moved rows after the 效益 block, a block split in two
    keys = framework_keys([k[0] for k in kept])
    kept = [kept[i] for i in sorted(range(len(kept)), key=lambda i: keys[i] if keys[i] is not None else (-1, -1))]
    rows = cover_rows([_template_unit(_template_operator(r)) for r, _, _ in kept])  # an added row takes 分值 too (trial 10)
    rctx = [c for _, c, _ in kept] if rctx_in else []
    update: dict[str, Any] = {"rows": rows}
    if getattr(decl, "year", 0) is None and (y := planned_year(decl.project_name, decl.description)) is not None:
        # round 13: the `--fix` workbook's 预算年度 was blank beside “2025年目标…”; the year the checker read
        # (`engine.declaration_context`, suggest's `stated_year`) is the one the fixed table's deadlines carry
        update["year"] = y
    if hasattr(decl, "row_numbers"):
        update["row_numbers"] = []
    if hasattr(decl, "row_contexts"):
        update["row_contexts"] = rctx
    return decl.model_copy(update=update), [n for _, _, n in kept]
