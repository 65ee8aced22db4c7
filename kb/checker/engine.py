"""The check engine: run every catalog rule over a table and build the `CheckReport`.

`check_rows` / `check_declaration` are the public entry points (re-exported by
`kb.checker`). Rows are parsed once (`kb.checker.parse`), row rules run as
`kb.checker.runner` selects them, table rules once; a flagged row gets its
checked rewrite (`kb.checker.suggestions`), the rewrites are looked at
together (`kb.checker.guard`), and each table rule's fix is the one
declared beside it (`RuleFix.table_fix`). Not for reading or writing files.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Protocol

from kb.checker.catalog import CACHES, FIELDS, TABLE_RULES, RuleHit, RuleMeta, fix_of
from kb.checker.fixes import TableFix, weights_after
from kb.checker.guard import Flagged, blank_cost_beside_cost, fixed_table, guard, retargeted, risky
from kb.checker.parse import ParsedRow, ParsedTable, context_flags, start_table, table_framework
from kb.checker.rewrite import RowRewrite, as_target_row, rewrite_goal
from kb.checker.rules.timeliness import PROJECT_DONE, project_completion
from kb.checker.runner import run_row_rules, settings_key
from kb.checker.suggestions import checked_rewrite, row_suggestions
from kb.domain.budget import budget_from_text
from kb.domain.findings import CheckReport, CheckFinding, Suggestion, construct
from kb.domain.schema import Declaration, Indicator, TableInput, TargetRow
from kb.domain.years import planned_year
from kb.settings import CheckerSettings

_DEFAULT_SETTINGS = CheckerSettings()


class LookupCallable(Protocol):
    """The library's indicator for a row: `(name, level2 identifier or None) -> Indicator | None`."""

    def __call__(self, name: str, level2: str | None) -> Indicator | None: ...


_FINDING_BASE: dict[str, dict[str, Any]] = {}
_FINDING_FIELDS = frozenset(CheckFinding.model_fields)


def _finding(meta: RuleMeta, h: RuleHit, row: int | None, scope: str, sug: Suggestion | None) -> CheckFinding:
    base = _FINDING_BASE.get(meta.id)
    if base is None:
        base = _FINDING_BASE[meta.id] = {
            "rule_id": meta.id, "severity": meta.severity, "basis": meta.citation, "dimension": meta.dimension,
            "dimension_label": meta.dimension_label, "title": meta.title, "citation": None}
    vals = {**base, "scope": scope, "row": row, "field": h.field, "message": h.message, "suggestion": sug}
    if h.data and h.data.get("title"):   # a hit saying what it is better than the catalog's title (trial 16: 1e3)
        vals["title"] = h.data["title"]
    obj = _new(CheckFinding)  # valid by construction, see models.build
    _set(obj, "__dict__", vals)
    _set(obj, "__pydantic_fields_set__", _FINDING_FIELDS)
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


_new = CheckFinding.__new__
_set = object.__setattr__


def _parse(rows: list[TargetRow], ctx: dict[str, Any], row_contexts: list[dict[str, Any]] | None,
           row_numbers: list[int] | None) -> list[ParsedRow]:
    """Every row parsed once, numbered as in the input, with the table context (and its own)."""
    parsed: list[ParsedRow] = []
    cflags = context_flags(ctx)
    for i, raw in enumerate(rows):
        rc = row_contexts[i] if row_contexts and i < len(row_contexts) and row_contexts[i] else None
        num = row_numbers[i] if row_numbers and i < len(row_numbers) else i + 1
        parsed.append(ParsedRow(raw, num, {**ctx, **rc}) if rc else ParsedRow(raw, num, ctx, cflags))
    return parsed


def _flag_rows(parsed: list[ParsedRow], s: CheckerSettings, lookup: LookupCallable | None, suggest: bool
               ) -> tuple[list[CheckFinding], dict[int, Flagged], list[tuple[ParsedRow, list]]]:
    """Row rules over every row: (findings made at once when not suggesting, flagged indicator rows, goal rows)."""
    skey = settings_key(s)
    findings: list[CheckFinding] = []
    flagged: dict[int, Flagged] = {}
    goal_rows: list[tuple[ParsedRow, list[tuple[RuleMeta, RuleHit]]]] = []
    for r in parsed:
        hits = run_row_rules(r, s, skey)
        if not hits:
            continue
        if r.goal:
            goal_rows.append((r, hits))
        elif suggest:
            rw, nr = checked_rewrite(r, hits, lookup, s)
            flagged[r.idx] = Flagged(r, hits, rw, nr)
        else:  # findings without suggestions, straight away
            findings.extend(_finding(meta, h, r.idx, "row", None) for meta, h in hits)
    return findings, flagged, goal_rows


def _plan(table: ParsedTable, flagged: dict[int, Flagged], table_hits: list[tuple[RuleMeta, RuleHit]],
          s: CheckerSettings, lookup: LookupCallable | None = None) -> tuple[TableFix, list[float | None] | None]:
    """Look at the rewrites together: (what the table fixes see, with the library `lookup`; weights a deleted
    row rescales or None)."""
    dropped: set[int] = set()
    for meta, h in table_hits:
        drops = fix_of(meta.id).drops
        if drops is not None:
            dropped.update(drops(h))
    for i in dropped:  # trial 11: a row a table fix deletes is not also rewritten or moved (SAT-01 beside STR-12)
        f = flagged.get(i)
        if f is not None and f.rw is not None and not f.rw.delete:
            # a finding whose rule advises what to check keeps its advice (trial 21: TXT-06's 1,2000 said 删除该行);
            # STR-12's delete_rows deletes the row in --fix whatever its findings carry
            own = {m.id: fix_of(m.id).advice for m, _ in f.hits if fix_of(m.id).advice}
            f.rw, f.fixed = RowRewrite(None, "与表内另一行重复，按全表 STR-12 的建议删除本行", kept=own), None
    blank_cost_beside_cost(table, flagged, dropped)
    structural = [f for f in flagged.values() if f.structural()]
    if dropped or any(risky(f) for f in structural) or any(retargeted(f) for f in flagged.values()):
        guard(table, flagged, dropped)
    fixed = None
    if (dropped or structural) and any(fix_of(m.id).after_fixes for m, _ in table_hits):
        fixed = fixed_table(table, flagged, dropped)  # what the table fixes must look at
    deleted = frozenset(dropped | {i for i, f in flagged.items() if f.rw is not None and f.rw.delete})
    weights = None
    if deleted and not any(fix_of(m.id).rescales_weights for m, _ in table_hits) and table.weights:
        weights = weights_after(table, deleted, s)  # the kept rows' weights, rescaled to the total
    return TableFix(table, s, fixed, deleted, lookup=lookup), weights


def _flagged_findings(parsed: list[ParsedRow], flagged: dict[int, Flagged], weights: list[float | None] | None,
                      s: CheckerSettings) -> list[CheckFinding]:
    """The findings of the flagged rows, each with its share of the row's rewrite (in row order)."""
    out = []
    for r in parsed:
        f = flagged.get(r.idx)
        if f is None:
            continue
        sugs = row_suggestions(r, f.hits, f.rw)  # type: ignore[arg-type]
        if weights is not None and f.rw.delete and any(w is not None for w in weights):  # type: ignore[union-attr]
            # each finding keeps its own text (trial 11: TXT-01's full-width note repeated REL-02's 删除该行…); the
            # deletion's own text says the weights are rescaled, the others (本行按 … 整行删除) carry the weights only
            said = f"；其余指标权重按比例调整，合计仍为{s.weight_total:g}"
            own = [sg for sg in sugs if not sg.text.startswith("本行按")] or sugs[:1]
            made: dict[int, Suggestion] = {}
            for sg in sugs:
                if id(sg) not in made:
                    made[id(sg)] = construct(Suggestion, delete=True, weights=weights,
                                             text=sg.text + (said if any(sg is o for o in own) else ""))
            sugs = [made[id(sg)] for sg in sugs]
            weights = None
        out.extend(_finding(meta, h, r.idx, "row", sug) for (meta, h), sug in zip(f.hits, sugs))
    return out


def _goal_findings(goal_rows: list[tuple[ParsedRow, list]], table: ParsedTable, flagged: dict[int, Flagged],
                   s: CheckerSettings, suggest: bool) -> list[CheckFinding]:
    """Findings of the goal-text rows; the suggested text quotes the table's rows as rewritten."""
    out = []
    for r, hits in goal_rows:
        sugs: list = [None] * len(hits)
        if suggest:
            items = []
            for x in table.items:
                f = flagged.get(x.idx)
                if f is None or f.rw is None or f.rw.manual:
                    items.append({k: getattr(x.raw, k) for k in FIELDS})
                elif not f.rw.delete:
                    items.append(f.rw.fields)
            rw = rewrite_goal(r, items)  # type: ignore[arg-type]
            if not rw.delete and run_row_rules(ParsedRow(as_target_row(r.raw, rw.fields), r.idx, r.ctx), s):
                rw = RowRewrite(None, "目标文字无法自动改写")
            sugs = row_suggestions(r, hits, rw)
        out.extend(_finding(meta, h, r.idx, "row", sug) for (meta, h), sug in zip(hits, sugs))
    return out


def _table_suggestion(meta: RuleMeta, h: RuleHit, fx: TableFix) -> Suggestion:
    """The rule's declared table fix, else its advice text (`fix_text`, else its title)."""
    fix = fix_of(meta.id)
    sug = fix.table_fix(h, fx) if fix.table_fix is not None else None
    return sug if sug is not None else construct(Suggestion, text=fix.fix_text or meta.title)


def check_table(rows: list[TargetRow], *, context: dict[str, Any] | None = None,
                row_contexts: list[dict[str, Any]] | None = None, row_numbers: list[int] | None = None,
                settings: CheckerSettings | None = None, lookup: LookupCallable | None = None,
                suggest: bool = True) -> CheckReport:
    """Check one table. See `check_rows`; `row_numbers` gives each row's number in the input."""
    s = settings or _DEFAULT_SETTINGS
    ctx = dict(context or {})
    start_table()
    parsed = _parse(rows, ctx, row_contexts, row_numbers)
    framework = ctx.get("framework") or table_framework(parsed)
    if framework:  # STR-02 reads it: a table in the 2021 form keeps no 成本 under 产出
        ctx["framework"] = framework
        for r in parsed:
            if r.ctx is not ctx:
                r.ctx["framework"] = framework
    done = project_completion(parsed)
    if done is not None:  # TIME-07 reads it: no work of the table due after the project's completion
        ctx[PROJECT_DONE] = done
        for r in parsed:
            if r.ctx is not ctx:
                r.ctx[PROJECT_DONE] = done
    table = ParsedTable(parsed, ctx)
    findings, flagged, goal_rows = _flag_rows(parsed, s, lookup, suggest)
    table_hits = [(meta, h) for meta, fn in TABLE_RULES for h in fn(table, s)]
    fx = None
    if suggest:
        fx, weights = _plan(table, flagged, table_hits, s, lookup)
        findings.extend(_flagged_findings(parsed, flagged, weights, s))
    findings.extend(_goal_findings(goal_rows, table, flagged, s, suggest))
    if goal_rows or any(a.idx > b.idx for a, b in zip(parsed, parsed[1:])):
        findings.sort(key=lambda f: f.row or 0)
    findings.extend(_finding(meta, h, None, "table", _table_suggestion(meta, h, fx) if fx is not None else None)
                    for meta, h in table_hits)
    return construct(CheckReport, findings=findings, summary=summarize(findings, len(parsed), sum(1 for r in parsed if r.goal)))


def clear_caches() -> None:
    """Forget every memoised parse and rule result (benchmarks measure a cold start with it)."""
    for clear in CACHES:
        clear()


def summarize(findings: Iterable[CheckFinding], rows_checked: int, goal_rows: int = 0) -> dict[str, Any]:
    """Counts by severity, rule and dimension, rows checked (goal-text rows included; `goal_rows` of
    them are 总体目标 / 年度目标 text rows, `indicator_rows` the others: rows_checked = indicator_rows + goal_rows,
    the CLI's “11 个指标行和 1 行目标” — trial 16 read the API's rows_checked 12 as another count), has_errors."""
    by_sev = {"error": 0, "warning": 0, "info": 0}
    by_rule: dict[str, int] = {}
    by_dim: dict[str, int] = {}
    rows_flagged: set[int] = set()
    for f in findings:
        by_sev[f.severity] += 1
        by_rule[f.rule_id] = by_rule.get(f.rule_id, 0) + 1
        by_dim[f.dimension_label] = by_dim.get(f.dimension_label, 0) + 1
        if f.row is not None:
            rows_flagged.add(f.row)
    return {"rows_checked": rows_checked, "goal_rows": goal_rows, "indicator_rows": rows_checked - goal_rows,
            "rows_with_findings": len(rows_flagged),
            "has_errors": by_sev["error"] > 0, "by_severity": by_sev,
            "by_rule": dict(sorted(by_rule.items())), "by_dimension": by_dim}


def check_rows(rows: list[TargetRow], context: dict[str, Any] | None = None, *,
               row_contexts: list[dict[str, Any]] | None = None, row_numbers: list[int] | None = None,
               settings: CheckerSettings | None = None, lookup: LookupCallable | None = None,
               suggest: bool = True) -> CheckReport:
    """Check target rows that form one 绩效目标表.

    Args:
        rows: the rows in input order (goal-text rows allowed: 一级指标 总体目标/年度目标 …).
        context: table context (RULES.md §1): budget_wan (万元), budget_year, project,
            description, plan_total_wan, long_term_rows, unit_cost_yuan …
        row_contexts: per-row context (actual, prior_actual, unit_cost_yuan …), aligned with rows.
        row_numbers: each row's 1-based number in the input (default 1..n).
        settings: thresholds (default `CheckerSettings()`).
        lookup: library lookup for rewrite targets (default: generic defaults).
        suggest: build suggestions (False skips the rewrites).
    Returns:
        CheckReport with findings (row ones in row order, then table ones) and summary.
    """
    return check_table(rows, context=context, row_contexts=row_contexts, row_numbers=row_numbers,
                       settings=settings, lookup=lookup, suggest=suggest)


def repeated_measures(rows: list[TargetRow], context: dict[str, Any] | None = None) -> list[tuple[int, int]]:
    """ours: the pairs of rows (1-based, in `rows`' order) STR-12 reads as one measure of one object
    (`near_duplicates`: 系统可用率 and 政务信息系统正常运行率) or one group's satisfaction
    (`satisfaction_duplicates`: 干部满意度 and 参训人员满意度 of a 干部培训) or one completion's date
    (`deadline_duplicates`: 完成时间 and 完工时间, round 14) or one count written in 人次 and in 人 with one figure
    (`person_count_duplicates`: 接待游客人次 and 接待游客人数 ≥15 万, round 16); the first of a pair is the earlier row.
    Suggest drops the weaker of each (`kb.suggest.dedupe`): one vocabulary with the check."""
    from kb.checker.rules.structure import measure_pairs

    ctx = dict(context or {})
    start_table()
    table = ParsedTable(_parse(rows, ctx, None, None), ctx)
    return sorted(measure_pairs(table))


def declaration_context(decl: Declaration) -> dict[str, Any]:
    """Table context of a declaration: budget_wan, budget_year, project, description (+ TableInput.context).

    budget_year is the declaration's year, else the one its name or description states
    (`kb.domain.years.stated_year`, as the sheet reader takes it): a fresh reviewer's JSON table named
    “2025年…” got 时效 rewrites of “12月31日前” without the year."""
    ctx: dict[str, Any] = {}
    if decl.budget_wan is not None:
        ctx["budget_wan"] = decl.budget_wan
    if decl.year is not None:
        ctx["budget_year"] = decl.year
    elif (y := planned_year(decl.project_name, decl.description)) is not None:
        ctx["budget_year"] = y
    if decl.project_name:
        ctx["project"] = decl.project_name
    if decl.description:
        ctx["description"] = decl.description
    if decl.budget_wan is None and decl.description:
        hint = budget_from_text(decl.description)
        if hint is not None:
            ctx["budget_hint_wan"] = hint  # for rewrites and COST-04; other rules read budget_wan
    extra = decl.context if isinstance(decl, TableInput) else None
    if isinstance(extra, dict):
        ctx.update({k: v for k, v in extra.items() if v is not None})
    return ctx


def check_declaration(decl: Declaration, *, settings: CheckerSettings | None = None,
                      lookup: LookupCallable | None = None, suggest: bool = True) -> CheckReport:
    """Check a `Declaration` (or `TableInput`): its rows form one table, its fields the context.

    Row numbers are `TableInput.row_numbers` when the table was read from a
    file, else 1..n. Raises nothing on content problems: they become findings.
    """
    ti = isinstance(decl, TableInput)
    return check_table(decl.rows, context=declaration_context(decl),
                       row_contexts=(decl.row_contexts or None) if ti else None,
                       row_numbers=(decl.row_numbers or None) if ti else None,
                       settings=settings, lookup=lookup, suggest=suggest)
