"""The check engine: run every catalog rule over a table and build the `CheckReport`.

`check_rows` / `check_declaration` are the public entry points (re-exported by
`kb.checker`). Rows are parsed once (`kb.checker.parse`), each row rule is a
pure function call, table rules run once, and flagged rows get a concrete
rewrite (`kb.checker.rewrite`) checked again before it is offered.

Not for reading or writing files.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Protocol

from kb.checker import (  # noqa: F401  (import registers the rules)
    cost, feasibility, goal, operator, quantification, relevance, satisfaction, structure, text,
    timeliness, unit,
)
from kb.domain.budget import budget_from_text
from kb.checker.catalog import GOAL_RULES, ROW_RULES, TABLE_RULES, Hit, RuleMeta
from kb.domain.findings import CheckReport, Finding, Suggestion, build
from kb.domain.schema import TableInput
from kb.checker.parse import Row, Table, context_flags
from kb.checker.rewrite import L1_LABEL, RowRewrite, as_target_row, fmt_num, rewrite_goal, rewrite_row
from kb.checker.structure import name_key as _name_key_of
from kb.domain.schema import Declaration, Indicator, Level1, Level2, TargetRow
from kb.settings import CheckerSettings


class IndicatorLookup(Protocol):
    """The library's indicator for a row: `(name, level2 identifier or None) -> Indicator | None`."""

    def __call__(self, name: str, level2: str | None) -> Indicator | None: ...


_FIELDS = ("level1", "level2", "name", "operator", "value", "unit")
_TARGET = ("operator", "value", "unit")
_LEVELS = ("level1", "level2")
# which row fields a rule's suggestion speaks about
_RULE_FIELDS: dict[str, tuple[str, ...]] = {
    "STR-01": _LEVELS, "STR-02": _LEVELS, "SAT-01": _LEVELS + ("name",), "REL-01": _LEVELS,
    "STR-03": ("name",) + _TARGET, "STR-04": ("name",), "STR-05": ("name",), "STR-06": ("name",),
    "QNT-02": ("name",), "REL-04": ("name",), "SAT-05": ("name",), "TIME-05": ("name",) + _TARGET,
    "COST-02": ("name",) + _TARGET, "TXT-01": _TARGET, "TXT-02": ("name",) + _TARGET,
    "TXT-03": _FIELDS, "GOAL-01": ("name",), "GOAL-02": ("name",),
}


# The order in which rule families report on one row (findings of a row come in this order).
FAMILY_ORDER = ("unit", "quantification", "structure", "goal", "relevance", "cost", "feasibility", "operator",
                "satisfaction", "text", "timeliness")
for _rules in (ROW_RULES, TABLE_RULES, GOAL_RULES):
    _rules.sort(key=lambda mf: FAMILY_ORDER.index(mf[1].__module__.rsplit(".", 1)[-1]))  # stable within a family

_RULE_SETS: dict[tuple, tuple] = {}
_DEFAULT_SETTINGS = CheckerSettings()
_ORDER = {m.id: i for i, (m, _) in enumerate(ROW_RULES)}
_NAME_RULES = tuple((m, f) for m, f in ROW_RULES if f.depends == "name")
_LEVEL_RULES = tuple((m, f) for m, f in ROW_RULES if f.depends == "levels")
_LEVEL_HITS: dict[tuple, tuple] = {}

def clear_caches() -> None:
    """Forget every memoised parse and rule result (benchmarks measure a cold start with it)."""
    from kb.checker import parse, relevance, timeliness

    for d in (_LEVEL_HITS, parse._LEVEL_MEMO, parse._OP_MEMO, parse._UNIT_MEMO,
              parse._NAME_MEMO, parse._VALUE_MEMO, relevance._OWN_MEMO):
        d.clear()
    timeliness.declared_period.cache_clear()



_TAG_NAMES = (None, "value", "num", "time", "sat", "cost", "project", "txt", "date", "range", "namenum", "feas",
              "opemb")


def _rules_for(key: tuple) -> tuple:
    """Per-row rules whose `needs` tag is among the row's tags (cached per tag combination).

    `key` is `Row.tags` (goal, value, digits, 时效, 满意, 成本, project, then txt:
    full-width / whitespace / Traditional seen, date, range, namenum: digits in the
    name, feas: an actual or unit cost to compare with, opemb: an operator both in
    its field and in the value). Rules
    that depend only on the name or only on the levels are left out for
    indicator rows: their results are memoised per text (`_static_hits`).
    """
    rs = _RULE_SETS.get(key)
    if rs is None:
        goal = key[0]
        tags = {n for n, on in zip(_TAG_NAMES, key) if n and on}
        if key[1] and not key[2]:
            tags.add("text")
        src = GOAL_RULES if goal else [(m, f) for m, f in ROW_RULES if f.depends is None]
        rs = _RULE_SETS[key] = tuple((m, f) for m, f in src if f.needs is None or f.needs in tags)
    return rs


def _settings_key(s: CheckerSettings) -> tuple:
    return (s.max_name_chars, s.max_plain_name_chars)


def _static_hits(r: Row, s: CheckerSettings, skey: tuple) -> tuple:
    """Hits of the name-only and level-only rules, computed once per distinct name / level pair."""
    st = r.ni.static
    nh = st.get(skey)
    if nh is None:
        nh = st[skey] = tuple((m, h) for m, f in _NAME_RULES
                              if (f.needs is None or r.sat_row) and (h := f(r, s)) is not None)
    lk = r.levels_key
    lh = _LEVEL_HITS.get(lk)
    if lh is None:
        if len(_LEVEL_HITS) > 10_000:
            _LEVEL_HITS.clear()
        lh = _LEVEL_HITS[lk] = tuple((m, h) for m, f in _LEVEL_RULES if (h := f(r, s)) is not None)
    return nh + lh if lh else nh


def _order(x: tuple) -> int:
    return _ORDER[x[0].id]


def _run_row_rules(r: Row, s: CheckerSettings, skey: tuple | None = None) -> list[tuple[RuleMeta, Hit]]:
    goal = r.tags[0]
    out = [] if goal else list(_static_hits(r, s, skey or _settings_key(s)))
    for meta, fn in _rules_for(r.tags):
        h = fn(r, s)
        if h is not None:
            out.append((meta, h))
    if len(out) > 1 and not goal:
        out.sort(key=_order)
    return out


def _target_text(f: dict[str, str]) -> str:
    if f["operator"] == "定性":
        return f"定性：{f['value']}"
    return f"{f['operator']}{f['value']}{f['unit']}"


def _display(patch: dict[str, str], full: dict[str, str]) -> str:
    parts = []
    if "level1" in patch or "level2" in patch:
        parts.append(f"层级改为“{full['level1']}/{full['level2']}”" if full["level2"] else f"一级指标改为“{full['level1']}”")
    if "name" in patch:
        parts.append(f"名称改为“{full['name']}”")
    if any(k in patch for k in _TARGET):
        parts.append(f"指标值改为“{_target_text(full)}”")
    return "；".join(parts) or "按规范格式重写"


def _verify(r: Row, fields: dict[str, str], s: CheckerSettings) -> tuple[list[tuple[RuleMeta, Hit]], Row]:
    """Findings left on row `r` with `fields` applied, and the parsed rewritten row."""
    nr = Row(as_target_row(r.raw, fields), r.idx, r.ctx, r.cflags)
    return _run_row_rules(nr, s), nr


def _rewrite(r: Row, hits: list[tuple[RuleMeta, Hit]], lookup: Callable | None,
             s: CheckerSettings) -> tuple[RowRewrite, Row | None]:
    """The canonical rewrite of a flagged row, checked again (up to two rounds), and its parsed result.

    A rewrite that still draws a finding after two rounds is replaced by a
    deletion with the reason; the parsed row is None for deletions.
    """
    ids = {m.id for m, _ in hits}
    hd = {m.id: h for m, h in hits}
    rw = rewrite_row(r, ids, hd, lookup, s)
    for _ in range(2):
        if rw.delete:
            return rw, None
        left, nr = _verify(r, rw.fields, s)  # type: ignore[arg-type]
        left = [x for x in left if x[0].id not in rw.kept]
        if not left:
            return rw, nr
        rw2 = rewrite_row(nr, {m.id for m, _ in left}, {m.id: h for m, h in left}, lookup, s)
        if rw2.delete:
            return rw2, None
        rw2.kept = {**rw.kept, **rw2.kept}
        rw = rw2
    left, nr = _verify(r, rw.fields, s)  # type: ignore[arg-type]
    if any(m.id not in rw.kept for m, _ in left):
        return RowRewrite(None, "无法自动改写为合规指标；请按实际重写或删除"), None
    return rw, nr


def _suggestions(r: Row, hits: list[tuple[RuleMeta, Hit]], rw: RowRewrite) -> list[Suggestion]:
    """Per-finding suggestions whose union is the canonical rewrite `rw` of row `r`."""
    if rw.delete:
        sug = build(Suggestion, delete=True, text=f"删除该行：{rw.reason}" + (f"；{rw.hint}" if rw.hint else ""))
        return [sug for _ in hits]
    if rw.manual:  # left to the declarant: nothing to apply, the text says what and why
        sug = build(Suggestion, text=rw.reason)
        return [sug for _ in hits]
    full = rw.fields  # type: ignore[assignment]
    raw = r.raw
    changed = {k: v for k, v in full.items() if getattr(raw, k) != v}
    kept = rw.kept
    if len(hits) == 1 and not kept:  # the common case: the one finding carries the whole rewrite
        return [build(Suggestion, **changed, text=_display(changed, full))]
    if kept:  # findings left on purpose get their advice; the others share the rewrite
        others = [(m, h) for m, h in hits if m.id not in kept]
        sub = iter(_suggestions(r, others, RowRewrite(full)) if others else ())
        return [build(Suggestion, text=kept[m.id]) if m.id in kept else next(sub) for m, _ in hits]
    out: list[Suggestion] = []
    covered: set[str] = set()
    for meta, h in hits:
        keys = _RULE_FIELDS.get(meta.id, _TARGET)
        if meta.id.startswith("TXT") and h.field:
            keys = (h.field,) if h.field in _FIELDS else keys
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
            sug = made[key] = build(Suggestion, **patch, text=_display(patch, full))  # type: ignore[arg-type]
        sugs.append(sug)
    return sugs


_FINDING_BASE: dict[str, dict[str, Any]] = {}
_FINDING_FIELDS = frozenset(Finding.model_fields)


def _finding(meta: RuleMeta, h: Hit, row: int | None, scope: str, sug: Suggestion | None) -> Finding:
    base = _FINDING_BASE.get(meta.id)
    if base is None:
        base = _FINDING_BASE[meta.id] = {
            "rule_id": meta.id, "severity": meta.severity, "basis": meta.citation, "dimension": meta.dimension,
            "dimension_label": meta.dimension_label, "title": meta.title, "citation": None}
    vals = dict(base)
    vals["scope"] = scope
    vals["row"] = row
    vals["field"] = h.field
    vals["message"] = h.message
    vals["suggestion"] = sug
    obj = Finding.__new__(Finding)  # valid by construction, see models.build
    object.__setattr__(obj, "__dict__", vals)
    object.__setattr__(obj, "__pydantic_fields_set__", _FINDING_FIELDS)
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


_SAME = "按各行的修改建议改写后即满足，无需另行增设"


def _weights_after(t: Table, deleted: set[int], s: CheckerSettings) -> list[float | None] | None:
    """Weights of the table's indicator rows rescaled to `weight_total` over the rows kept (None: dropped
    or unweighted), rounded to 0.1 with the rounding difference on the largest; None when no row is weighted."""
    ws = [None if r.idx in deleted else r.raw.weight for r in t.items]
    total = sum(w for w in ws if w is not None)
    if total <= 0:
        return None
    scaled = [None if w is None else w * s.weight_total / total for w in ws]
    rounded = [round(w, 1) for w in scaled if w is not None]
    diff = round(s.weight_total - sum(rounded), 1)
    if rounded:
        i = rounded.index(max(rounded))
        rounded[i] = round(rounded[i] + diff, 1)
    it = iter(rounded)
    return [None if w is None else next(it) for w in scaled]


def _table_suggestion(meta: RuleMeta, h: Hit, t: Table, s: CheckerSettings, fixed: Table | None = None,
                      deleted: frozenset[int] = frozenset(), names: dict[str, int] | None = None) -> Suggestion:
    """Concrete table-level rewrite where one exists (rows to add, weights, duplicates to drop).

    `fixed` is the table as it will be once every row suggestion is applied
    (`deleted`: the input rows those suggestions drop): rows are added only
    for what is still missing there, never under a name the table already
    uses, and STR-13 rescales the weights of the rows that are kept. `names`:
    name key → row number of the rows kept (computed here when not given).
    """
    ctx = t.ctx
    year = ctx.get("budget_year")
    after = fixed or t
    if names is None:
        names = _names_of(after)

    def fresh(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        return [a for a in rows if _name_key_text(a["name"]) not in names]

    if meta.id == "STR-08":
        if Level1.satisfaction in after.level1s:
            return build(Suggestion, text=_SAME)
        row = {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "服务对象满意度",
               "operator": "≥", "value": f"{s.satisfaction_default_pct:g}", "unit": "%"}
        if not fresh([row]):  # the table has a row of that name under another 一级指标
            n = names[_name_key_text(row["name"])]
            return build(Suggestion, text=f"第{n}行“{row['name']}”列入满意度指标即可（见该行的修改建议）")
        return build(Suggestion, add_rows=[row],
                     text=f"增设“服务对象满意度 ≥{s.satisfaction_default_pct:g}%”，并说明调查方式")
    if meta.id == "STR-09":
        if after.has_cost:
            return build(Suggestion, text=_SAME)
        b = ctx.get("budget_wan") or ctx.get("budget_hint_wan")
        if isinstance(b, (int, float)) and b > 0:
            add = fresh([{"level1": "成本指标", "level2": "经济成本指标", "name": "项目总成本",
                          "operator": "≤", "value": fmt_num(b), "unit": "万元"}])
            if add:
                return build(Suggestion, add_rows=add, text=f"增设“项目总成本 ≤{fmt_num(b)}万元”（按预算测算）")
        return build(Suggestion, text="按预算测算增设经济成本指标（总成本或单位成本，元或万元）")
    if meta.id == "STR-10":
        if Level1.output in after.level1s:
            have = after.output_level2s
        else:  # every 产出 row moved or dropped: STR-07 speaks for the table
            return build(Suggestion, text="补设产出指标（数量、质量、时效）")
        add = []
        if Level2.timeliness not in have:
            add.append({"level1": "产出指标", "level2": "时效指标", "name": "项目完成时间", "operator": "",
                        "value": f"{year}年12月31日前" if year else "12月31日前", "unit": ""})
        if Level2.quality not in have:
            add.append({"level1": "产出指标", "level2": "质量指标", "name": "项目验收合格率", "operator": "≥",
                        "value": f"{s.quality_rate_default_pct:g}", "unit": "%"})
        add = fresh(add)
        if not add and Level2.quantity in have:
            return build(Suggestion, text=_SAME)
        txt = "增设" + "、".join(f"“{a['name']}”" for a in add) if add else ""
        if Level2.quantity not in have:
            txt = (txt + "；" if txt else "") + "补设数量指标（本项目的主要产出数量）"
        return build(Suggestion, add_rows=add or None, text=txt)
    if meta.id == "STR-13":
        new = _weights_after(t, set(deleted), s)
        if new is not None:
            return build(Suggestion, weights=new, text=f"按比例调整权重使合计为{s.weight_total:g}")  # type: ignore[arg-type]
    if meta.id == "STR-12" and h.data:
        drop = sorted(i for rows in h.data["rows"].values() for i in rows[1:])
        return build(Suggestion, delete_rows=drop, text="合并重复指标，删除第" + "、".join(map(str, drop)) + "行（或区分口径）")
    if meta.id == "STR-07" and fixed is not None and {Level1.output, Level1.benefit} <= fixed.level1s:
        return build(Suggestion, text=_SAME)
    texts = {
        "STR-07": "补设效益指标（经济/社会/生态效益或可持续影响）或产出指标",
        "STR-11": "精简为核心指标，或补足数量、质量、时效、成本、效益、满意度等关键维度",
        "STR-14": "把中长期目标按年度分解，年度指标填写本年度的任务量",
        "QNT-12": "把可量化的指标改为数值目标",
        "FEAS-02": "核对测算依据，使实施计划合计与预算一致",
        "FEAS-03": "按历史水平和测算分别设定各比率目标",
    }
    return build(Suggestion, text=texts.get(meta.id, meta.title))


class _Flagged:
    """A flagged indicator row during a check: its hits, canonical rewrite and the parsed rewritten row."""

    __slots__ = ("row", "hits", "rw", "_fixed", "why", "_struct")

    def __init__(self, row: Row, hits: list[tuple[RuleMeta, Hit]], rw: RowRewrite | None, fixed: Row | None):
        self.row, self.hits, self.rw, self._fixed = row, hits, rw, fixed
        self.why: list[str] | None = None  # why a rewrite is left to the declarant (set by _guard)
        self._struct: tuple | None = None

    def note(self, why: str) -> None:
        if self.why is None:
            self.why = []
        self.why.append(why)

    @property
    def fixed(self) -> Row | None:
        """The row parsed with its rewrite applied (None for deletions and advice)."""
        rw = self.rw
        if rw is None or rw.fields is None:
            return None
        f = self._fixed
        if f is None or f.raw.name != rw.fields["name"] or f.raw.level1 != rw.fields["level1"]:
            f = self._fixed = Row(as_target_row(self.row.raw, rw.fields), self.row.idx, self.row.ctx)
        return f

    @fixed.setter
    def fixed(self, v: Row | None) -> None:
        self._fixed = v

    def structural(self) -> bool:
        """True when applying the rewrite deletes the row or changes its levels or name."""
        rw = self.rw
        if self._struct is not None and self._struct[0] is rw:
            return self._struct[1]
        if rw is None or rw.manual:
            out = False
        elif rw.delete:
            out = True
        else:
            raw, f = self.row.raw, rw.fields
            out = f["level1"] != raw.level1 or f["level2"] != raw.level2 or f["name"] != raw.name  # type: ignore[index]
        self._struct = (rw, out)
        return out


def _nk(r: Row) -> str:
    return r.ni.key


_TEXT_KEYS: dict[str, str] = {}


def _name_key_text(name: str) -> str:
    """Duplicate key of a name given as text (the names of rows a table suggestion adds), memoised."""
    k = _TEXT_KEYS.get(name)
    if k is None:
        from kb.domain.text import compact

        k = _TEXT_KEYS[name] = _name_key_of(compact(name)[0])
    return k


def _names_of(t: Table) -> dict[str, int]:
    """Name key → row number of a table's indicator rows (the first row of each name)."""
    out: dict[str, int] = {}
    for r in t.items:
        out.setdefault(r.ni.key, r.idx)
    return out


def _fixed_table(t: Table, flagged: dict[int, _Flagged], dropped: set[int]) -> Table:
    """The table as it is once every (non-manual) row rewrite is applied and `dropped` rows removed."""
    rows = []
    for r in t.items:
        if r.idx in dropped:
            continue
        f = flagged.get(r.idx)
        if f is None or f.rw is None or f.rw.manual:
            rows.append(r)
        elif not f.rw.delete:
            rows.append(f.fixed or r)
    return Table(rows, t.ctx)


def _make_manual(f: _Flagged, lost: list[str]) -> None:
    """Turn `f`'s rewrite into a manual one: say what it would be and why it is not applied."""
    rw = f.rw
    assert rw is not None
    if rw.delete:
        would = f"删除该行（{rw.reason}）" if rw.reason else "删除该行"
    else:
        full = rw.fields  # type: ignore[assignment]
        patch = {k: v for k, v in full.items() if getattr(f.row.raw, k) != v}  # type: ignore[union-attr]
        would = _display(patch, full)  # type: ignore[arg-type]
    advice = "、".join(f"补设反映项目{'效果' if x == '效益指标' else '产出'}的{x}" for x in lost)
    then = "再删除本行" if rw.delete else "再按此修改"
    text = f"未自动改写：建议{would}，但这样{'，且'.join(f.why or ())}；请先{advice}，{then}"
    f.rw = RowRewrite(None, text, manual=True)
    f.fixed = None


_AFTER_RULES = frozenset(("STR-07", "STR-08", "STR-09", "STR-10"))
_KEEP_LEVELS = (Level1.output, Level1.benefit)


def _risky(f: _Flagged) -> bool:
    """True when `f`'s rewrite could drop an 产出 / 效益 row or give the row another row's name (`_guard`)."""
    rw, r = f.rw, f.row
    if rw.delete:  # type: ignore[union-attr]
        return r.level1 in _KEEP_LEVELS
    fields = rw.fields  # type: ignore[union-attr]
    if fields["name"] != r.raw.name:  # type: ignore[index]
        return True
    return r.level1 in _KEEP_LEVELS and fields["level1"] != L1_LABEL[r.level1]  # type: ignore[index]


_L1_OF_LABEL = {v: k for k, v in L1_LABEL.items()}


def _after(t: Table, flagged: dict[int, _Flagged], dropped: set[int]) -> list[tuple[Row, _Flagged | None]]:
    """The rows kept once the row rewrites are applied: (input row, its flagged entry or None)."""
    out = []
    for r in t.items:
        if r.idx in dropped:
            continue
        f = flagged.get(r.idx)
        if f is not None and f.rw is not None and f.rw.delete:
            continue
        out.append((r, f))
    return out


def _level1_after(r: Row, f: _Flagged | None) -> Level1 | None:
    if f is None or f.rw is None or f.rw.manual:
        return r.level1
    return _L1_OF_LABEL.get(f.rw.fields["level1"])  # type: ignore[index]


def _name_after(r: Row, f: _Flagged | None) -> str:
    if f is None or f.rw is None or f.rw.manual:
        return r.name
    return f.rw.fields["name"]  # type: ignore[index]


def _renamed(r: Row, f: _Flagged | None, key: str) -> bool:
    return f is not None and f.structural() and key != r.ni.key


def _key_after(r: Row, f: _Flagged | None) -> str:
    if f is None or f.rw is None or f.rw.manual:
        return r.ni.key
    return _name_key_text(f.rw.fields["name"])  # type: ignore[index]


def _guard(t: Table, flagged: dict[int, _Flagged], dropped: set[int]) -> None:
    """Keep the rewrites from making the table worse (issue: `check --fix` must never add an error).

    Applying a row rewrite must not (1) leave the table without the 产出 or
    效益 指标 it had (STR-07): such rewrites (moving or deleting the only
    效益 row …) are left to the declarant with the reason (`manual`); nor
    (2) give a row the name of another row (STR-12): the renamed row is then
    merged into the other one (deleted, with the reason), or left manual when
    deleting it runs into (1). Works on the rewrites' fields, without building
    the rewritten table.
    """
    for _ in range(6):
        kept = _after(t, flagged, dropped)
        have = {_level1_after(r, f) for r, f in kept}
        lost = [lv for lv in _KEEP_LEVELS if lv in t.level1s and lv not in have]
        changed = False
        for lv in lost:
            for f in flagged.values():
                if f.structural() and f.row.level1 is lv and (f.rw.delete  # type: ignore[union-attr]
                                                             or _level1_after(f.row, f) is not lv):
                    f.note(f"表内将没有{lv.label}")
                    if not f.rw.delete:  # type: ignore[union-attr]  # say so when the new name repeats another row's
                        k = _key_after(f.row, f)
                        other = next(((x, g) for x, g in kept if x.idx != f.row.idx and _key_after(x, g) == k), None)
                        if other is not None:
                            f.note(f"与第{other[0].idx}行“{_name_after(*other)}”重复")
                    _make_manual(f, [x.label for x in lost])
                    changed = True
        if changed:
            continue
        if not any(f.structural() and not f.rw.delete and f.rw.fields["name"] != f.row.raw.name  # type: ignore[union-attr,index]
                   for f in flagged.values()):
            return  # no row renamed: no new duplicate
        first: dict[str, tuple[Row, _Flagged | None]] = {}
        for r, f in kept:
            k = _key_after(r, f)
            if not k:
                continue
            prev = first.get(k)
            if prev is None:
                first[k] = (r, f)
                continue
            # one of the two got this name by a rewrite: merge that one into the other
            if _renamed(r, f, k):
                (loser, lf), (keeper, kf) = (r, f), prev
            elif _renamed(prev[0], prev[1], k):
                (loser, lf), (keeper, kf) = prev, (r, f)
            else:
                continue  # a duplicate of the input itself (STR-12 speaks for it)
            name = _name_after(keeper, kf)
            lf.note(f"与第{keeper.idx}行“{name}”重复")  # type: ignore[union-attr]
            lf.rw = RowRewrite(None, f"改写后与第{keeper.idx}行“{name}”相同，并入该行")  # type: ignore[union-attr]
            lf.fixed = None  # type: ignore[union-attr]
            changed = True
            break
        if not changed:
            return


def check_table(rows: list[TargetRow], *, context: dict[str, Any] | None = None,
                row_contexts: list[dict[str, Any]] | None = None, row_numbers: list[int] | None = None,
                settings: CheckerSettings | None = None, lookup: IndicatorLookup | None = None,
                suggest: bool = True) -> CheckReport:
    """Check one table. See `check_rows`; `row_numbers` gives each row's number in the input."""
    s = settings or _DEFAULT_SETTINGS
    ctx = dict(context or {})
    parsed: list[Row] = []
    cflags = context_flags(ctx)
    for i, raw in enumerate(rows):
        rc = row_contexts[i] if row_contexts and i < len(row_contexts) and row_contexts[i] else None
        num = row_numbers[i] if row_numbers and i < len(row_numbers) else i + 1
        parsed.append(Row(raw, num, {**ctx, **rc}) if rc else Row(raw, num, ctx, cflags))
    table = Table(parsed, ctx)
    skey = _settings_key(s)
    findings: list[Finding] = []
    flagged: dict[int, _Flagged] = {}
    goal_rows: list[tuple[Row, list[tuple[RuleMeta, Hit]]]] = []
    for r in parsed:
        hits = _run_row_rules(r, s, skey)
        if not hits:
            continue
        if r.goal:
            goal_rows.append((r, hits))
            continue
        if suggest:
            rw, nr = _rewrite(r, hits, lookup, s)
            flagged[r.idx] = _Flagged(r, hits, rw, nr)
        else:  # findings without suggestions, straight away
            idx = r.idx
            findings.extend(_finding(meta, h, idx, "row", None) for meta, h in hits)
    table_hits = [(meta, h) for meta, fn in TABLE_RULES for h in fn(table, s)]
    fixed: Table | None = None
    dropped: set[int] = set()
    weights: list[float | None] | None = None
    if suggest:
        for meta, h in table_hits:
            if meta.id == "STR-12" and h.data:
                dropped.update(i for rows_ in h.data["rows"].values() for i in rows_[1:])
        structural = [f for f in flagged.values() if f.structural()]
        if dropped or any(_risky(f) for f in structural):
            _guard(table, flagged, dropped)
        if (dropped or structural) and any(m.id in _AFTER_RULES for m, _ in table_hits):
            fixed = _fixed_table(table, flagged, dropped)  # what the table suggestions must look at
        deleted = dropped | {i for i, f in flagged.items() if f.rw is not None and f.rw.delete}
        if deleted and not any(m.id == "STR-13" for m, _ in table_hits) and table.weights:
            weights = _weights_after(table, deleted, s)  # the kept rows' weights, rescaled to the total
    for r in parsed if suggest else ():  # (without suggestions the row findings are already made)
        f = flagged.get(r.idx)
        if f is None:
            continue
        sugs = _suggestions(r, f.hits, f.rw)  # type: ignore[arg-type]
        if weights is not None and f.rw.delete and any(w is not None for w in weights):  # type: ignore[union-attr]
            w = build(Suggestion, delete=True, weights=weights,
                      text=sugs[0].text + f"；其余指标权重按比例调整，合计仍为{s.weight_total:g}")
            sugs = [w] * len(sugs)
            weights = None
        for (meta, h), sug in zip(f.hits, sugs):
            findings.append(_finding(meta, h, r.idx, "row", sug))
    for r, hits in goal_rows:
        sugs = [None] * len(hits)
        if suggest:
            items = []
            for x in table.items:
                f = flagged.get(x.idx)
                if f is None or f.rw is None or f.rw.manual:
                    items.append({k: getattr(x.raw, k) for k in _FIELDS})
                elif not f.rw.delete:
                    items.append(f.rw.fields)
            rw = rewrite_goal(r, items)  # type: ignore[arg-type]
            if not rw.delete and _run_row_rules(Row(as_target_row(r.raw, rw.fields), r.idx, r.ctx), s):
                rw = RowRewrite(None, "目标文字无法自动改写")
            sugs = _suggestions(r, hits, rw)  # type: ignore[assignment]
        for (meta, h), sug in zip(hits, sugs):
            findings.append(_finding(meta, h, r.idx, "row", sug))
    if goal_rows or any(a.idx > b.idx for a, b in zip(parsed, parsed[1:])):
        findings.sort(key=lambda f: f.row or 0)
    deleted_f = frozenset(dropped | {i for i, f in flagged.items() if f.rw is not None and f.rw.delete})
    names = None
    for meta, h in table_hits:
        sug = None
        if suggest:
            if names is None and meta.id in ("STR-08", "STR-09", "STR-10"):
                names = _names_of(fixed or table)
            sug = _table_suggestion(meta, h, table, s, fixed, deleted_f, names)
        findings.append(_finding(meta, h, None, "table", sug))
    return build(CheckReport, findings=findings, summary=summarize(findings, len(parsed)))


def summarize(findings: Iterable[Finding], rows_checked: int) -> dict[str, Any]:
    """Counts by severity, rule and dimension, rows checked, has_errors."""
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
    return {"rows_checked": rows_checked, "rows_with_findings": len(rows_flagged),
            "has_errors": by_sev["error"] > 0, "by_severity": by_sev,
            "by_rule": dict(sorted(by_rule.items())), "by_dimension": by_dim}


def check_rows(rows: list[TargetRow], context: dict[str, Any] | None = None, *,
               row_contexts: list[dict[str, Any]] | None = None, row_numbers: list[int] | None = None,
               settings: CheckerSettings | None = None, lookup: IndicatorLookup | None = None,
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


def declaration_context(decl: Declaration) -> dict[str, Any]:
    """Table context of a declaration: budget_wan, budget_year, project, description (+ TableInput.context)."""
    ctx: dict[str, Any] = {}
    if decl.budget_wan is not None:
        ctx["budget_wan"] = decl.budget_wan
    if decl.year is not None:
        ctx["budget_year"] = decl.year
    if decl.project_name:
        ctx["project"] = decl.project_name
    if decl.description:
        ctx["description"] = decl.description
    if decl.budget_wan is None and decl.description:
        hint = budget_from_text(decl.description)
        if hint is not None:
            ctx["budget_hint_wan"] = hint  # for rewrites only; rules read budget_wan
    extra = decl.context if isinstance(decl, TableInput) else None
    if isinstance(extra, dict):
        ctx.update({k: v for k, v in extra.items() if v is not None})
    return ctx


def check_declaration(decl: Declaration, *, settings: CheckerSettings | None = None,
                      lookup: IndicatorLookup | None = None, suggest: bool = True) -> CheckReport:
    """Check a `Declaration` (or `TableInput`): its rows form one table, its fields the context.

    Row numbers are `TableInput.row_numbers` when the table was read from a
    file, else 1..n. Raises nothing on content problems: they become findings.
    """
    ti = isinstance(decl, TableInput)
    return check_table(decl.rows, context=declaration_context(decl),
                       row_contexts=(decl.row_contexts or None) if ti else None,
                       row_numbers=(decl.row_numbers or None) if ti else None,
                       settings=settings, lookup=lookup, suggest=suggest)
