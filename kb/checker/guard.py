"""A fix never makes the table worse: the flagged rows' rewrites, looked at together.

Applying row rewrites must not leave the table without the 产出 or 效益
指标 it had (STR-07), nor give a row the name of another row (STR-12).
`guard` turns such rewrites into advice (`manual`) or merges the renamed
row into the other one; it works on the rewrites' fields, without building
the rewritten table, which `fixed_table` builds only when a table fix needs
it. Not for detection.
"""
from __future__ import annotations

from kb.checker.catalog import RuleHit, RuleMeta
from kb.checker.fixes import name_key_of_text
from kb.checker.parse import ParsedRow, ParsedTable
from kb.checker.rewrite import L1_LABEL, RowRewrite, as_target_row
from kb.checker.suggestions import display
from kb.domain.enums import Level1


class Flagged:
    """A flagged indicator row during a check: its hits, canonical rewrite and the parsed rewritten row."""

    __slots__ = ("row", "hits", "rw", "_fixed", "why", "_struct")

    def __init__(self, row: ParsedRow, hits: list[tuple[RuleMeta, RuleHit]], rw: RowRewrite | None, fixed: ParsedRow | None):
        self.row, self.hits, self.rw, self._fixed = row, hits, rw, fixed
        self.why: list[str] | None = None  # why a rewrite is left to the declarant (set by _guard)
        self._struct: tuple | None = None

    def note(self, why: str) -> None:
        if self.why is None:
            self.why = []
        self.why.append(why)

    @property
    def fixed(self) -> ParsedRow | None:
        """The row parsed with its rewrite applied (None for deletions and advice)."""
        rw = self.rw
        if rw is None or rw.fields is None:
            return None
        f = self._fixed
        if f is None or f.raw.name != rw.fields["name"] or f.raw.level1 != rw.fields["level1"]:
            f = self._fixed = ParsedRow(as_target_row(self.row.raw, rw.fields), self.row.idx, self.row.ctx)
        return f

    @fixed.setter
    def fixed(self, v: ParsedRow | None) -> None:
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


def fixed_table(t: ParsedTable, flagged: dict[int, Flagged], dropped: set[int], figures: bool = True) -> ParsedTable:
    """The table as it is once every (non-manual) row rewrite is applied and `dropped` rows removed (`figures`
    False: without the table rules' figures, `ParsedTable`)."""
    rows = []
    for r in t.items:
        if r.idx in dropped:
            continue
        f = flagged.get(r.idx)
        if f is None or f.rw is None or f.rw.manual:
            rows.append(r)
        elif not f.rw.delete:
            rows.append(f.fixed or r)
    return ParsedTable(rows, t.ctx, figures)


def _make_manual(f: Flagged, lost: list[str]) -> None:
    """Turn `f`'s rewrite into a manual one: say what it would be and why it is not applied."""
    rw = f.rw
    assert rw is not None
    if rw.delete:
        would = f"删除该行（{rw.reason}）" if rw.reason else "删除该行"
    else:
        full = rw.fields  # type: ignore[assignment]
        patch = {k: v for k, v in full.items() if getattr(f.row.raw, k) != v}  # type: ignore[union-attr]
        would = display(patch, full)  # type: ignore[arg-type]
    advice = "、".join(f"补设反映项目{'效果' if x == '效益指标' else '产出'}的{x}" for x in lost)
    then = "再删除本行" if rw.delete else "再按此修改"
    text = f"未自动改写：建议{would}，但这样{'，且'.join(f.why or ())}；请先{advice}，{then}"
    f.rw = RowRewrite(None, text, manual=True)
    f.fixed = None


_KEEP_LEVELS = (Level1.output, Level1.benefit)


def retargeted(f: Flagged) -> bool:
    """True when `f`'s rewrite (applied, not a deletion) changes the row's target (operator, value or unit): a target
    rewritten to another row's (REL-06's 26 → 18 公里 beside 安装波形护栏 ≥18 公里, trial 16) may make a second row of
    one measure, which `guard` merges as it does a renamed row's."""
    rw, raw = f.rw, f.row.raw
    if rw is None or rw.manual or rw.delete or not rw.fields:
        return False
    return any((rw.fields.get(k) or "") != str(getattr(raw, k) if getattr(raw, k) is not None else "")
               for k in ("operator", "value", "unit"))


def risky(f: Flagged) -> bool:
    """True when `f`'s rewrite could drop an 产出 / 效益 row or give the row another row's name (`_guard`)."""
    rw, r = f.rw, f.row
    if rw.delete:  # type: ignore[union-attr]
        return r.level1 in _KEEP_LEVELS
    fields = rw.fields  # type: ignore[union-attr]
    if fields["name"] != r.raw.name:  # type: ignore[index]
        return True
    return r.level1 in _KEEP_LEVELS and fields["level1"] != L1_LABEL[r.level1]  # type: ignore[index]


_L1_OF_LABEL = {v: k for k, v in L1_LABEL.items()}


def _after(t: ParsedTable, flagged: dict[int, Flagged], dropped: set[int]) -> list[tuple[ParsedRow, Flagged | None]]:
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


def _level1_after(r: ParsedRow, f: Flagged | None) -> Level1 | None:
    if f is None or f.rw is None or f.rw.manual:
        return r.level1
    return _L1_OF_LABEL.get(f.rw.fields["level1"])  # type: ignore[index]


def _name_after(r: ParsedRow, f: Flagged | None) -> str:
    if f is None or f.rw is None or f.rw.manual:
        return r.name
    return f.rw.fields["name"]  # type: ignore[index]


def _renamed(r: ParsedRow, f: Flagged | None, key: str) -> bool:
    return f is not None and f.structural() and key != r.ni.key


def _key_after(r: ParsedRow, f: Flagged | None) -> str:
    if f is None or f.rw is None or f.rw.manual:
        return r.ni.key
    name = f.rw.fields["name"]  # type: ignore[index]
    if name == r.raw.name and r.ni.name:  # the name as written (most rewrites keep it): its parsed key
        return r.ni.key
    return name_key_of_text(name)


_TOTAL_MONEY = ("元", "万元", "亿元", "千元")


def _total_cost(r: ParsedRow) -> bool:
    """A cost row with a total amount of its own (≤246.2 万元), not a per-unit one (元/户)."""
    return r.level1 is Level1.cost and r.num is not None and (r.eff_unit or "") in _TOTAL_MONEY


def blank_cost_beside_cost(t: ParsedTable, flagged: dict[int, Flagged], dropped: set[int]) -> None:
    """ours: a blank cost row (补助资金发放 · 空 · 万元) would be filled with the budget, a copy of the cost row the
    table already has (农村危房改造成本 ≤246.2 万元: a 财政厅 reviewer, trial 3, E042): it is deleted instead.
    Cheap (it reads the flagged rows only): run on every table, before `guard`."""
    for f in flagged.values():
        rw, r = f.rw, f.row
        if (rw is None or rw.delete or rw.manual or r.level1 is not Level1.cost or r.num is not None or r.v
                or not rw.fields or rw.fields.get("operator") != "≤" or "元" not in (rw.fields.get("unit") or "")):
            continue
        other = next((x for x, g in _after(t, flagged, dropped) if x.idx != r.idx and _total_cost(x)
                      and (g is None or g.rw is None or g.rw.manual or not g.rw.delete)), None)
        if other is not None:
            f.rw = RowRewrite(None, f"指标值为空，表中已有成本指标（第{other.idx}行“{other.name}”），"
                                    "不再重复填写预算金额")
            f.fixed = None


def guard(t: ParsedTable, flagged: dict[int, Flagged], dropped: set[int]) -> None:
    """Keep the rewrites from making the table worse (issue: `check --fix` must never add an error).

    Applying a row rewrite must not (1) leave the table without the 产出 or
    效益 指标 it had (STR-07): such rewrites (moving or deleting the only
    效益 row …) are left to the declarant with the reason (`manual`); nor
    (2) give a row the name of another row (STR-12): the renamed row is then
    merged into the other one (deleted, with the reason), or left manual when
    deleting it runs into (1); so is a row a rewrite makes a second measure of what another row measures
    under another name (`_merge_near_duplicates`, trial 13). Works on the rewrites' fields, building the
    rewritten table only when a row is renamed. A blank cost row beside a filled one is deleted, never filled with the budget
    (`blank_cost_beside_cost`, run before it).
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
            # no row renamed: no new name repeated; a target rewritten may still repeat another row's measure
            if any(retargeted(f) for f in flagged.values()) and _merge_near_duplicates(t, flagged, dropped):
                continue
            return
        first: dict[str, tuple[ParsedRow, Flagged | None]] = {}
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
            changed = _merge_near_duplicates(t, flagged, dropped)
        if not changed:
            return


def _merge_near_duplicates(t: ParsedTable, flagged: dict[int, Flagged], dropped: set[int]) -> bool:
    """ours (trial 13; trial 16: a rewritten target too, `retargeted`): a rewrite that makes a second row of one measure under another name (工程质量：有所提高 →
    工程验收合格率 =100 % beside 竣工验收合格率 ≥95 %; STR-12's reading, `structure.measure_pairs`) is merged into the
    row that already measures it (deleted, with the reason), as a rename into the same name is; a pair the input
    already had is STR-12's to report. True when a rewrite was changed."""
    from kb.checker.rules.structure import measure_pairs

    after = measure_pairs(fixed_table(t, flagged, dropped, figures=False)) - measure_pairs(t)
    for a, b in sorted(after):
        fa, fb = flagged.get(a), flagged.get(b)
        renamed = [(f, o) for f, o in ((fb, a), (fa, b)) if f is not None and not f.rw.delete and not f.rw.manual  # type: ignore[union-attr]
                   and (f.structural() or retargeted(f))]
        if not renamed:
            continue
        # a renamed or moved row goes first (trial 13); trial 16: of two rows whose targets only were rewritten, the
        # one whose figure changed (REL-06's 26 → 18 公里), not the one that only gained a unit (UNIT-01's 18 → ≥18 公里)
        f, other = min(renamed, key=lambda fo: (not fo[0].structural(),
                                                fo[0].fixed is None or fo[0].fixed.num == fo[0].row.num))
        keeper = next(r for r in t.items if r.idx == other)
        name = _name_after(keeper, flagged.get(other))
        f.note(f"与第{other}行“{name}”重复")
        f.rw = RowRewrite(None, f"改写后与第{other}行“{name}”衡量同一内容，并入该行")
        f.fixed = None
        return True
    return False
