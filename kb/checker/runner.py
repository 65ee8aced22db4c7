"""Which rules run on a row, and running them: rule gating by row tags, per-name and per-level memos.

Rules run in `kb.checker.rules.FAMILIES` order. A row rule with a `needs`
tag runs only on rows that have the tag (`_rules_for`, cached per tag
combination); rules that read only the name or only the 一级/二级 labels
run once per distinct text (`_static_hits`). Not for building findings
or suggestions (`kb.checker.engine`).
"""
from __future__ import annotations

from kb.checker.catalog import CACHES, GOAL_RULES, ROW_RULES, TABLE_RULES, RuleHit, RuleMeta, fix_of
from kb.checker.parse import ParsedRow
from kb.checker.rules import FAMILIES
from kb.settings import CheckerSettings

for _rules in (ROW_RULES, TABLE_RULES, GOAL_RULES):  # families report in FAMILIES order
    _rules.sort(key=lambda mf: FAMILIES.index(mf[1].__module__.rsplit(".", 1)[-1]))  # stable within a family

_RULE_SETS: dict[tuple, tuple] = {}
_ORDER = {m.id: i for i, (m, _) in enumerate(ROW_RULES)}
# rules whose finding makes another rule's finding on the same row redundant (`RuleFix.covers`)
_COVERING = {m.id: fix_of(m.id).covers for m, _ in ROW_RULES if fix_of(m.id).covers is not None}
_NAME_RULES = tuple((m, f) for m, f in ROW_RULES if f.depends == "name")
_PLAIN_NAME_RULES = tuple((m, f) for m, f in _NAME_RULES if f.needs is None)  # those of a name without 满意
_LEVEL_RULES = tuple((m, f) for m, f in ROW_RULES if f.depends == "levels")
_LEVEL_HITS: dict[tuple, tuple] = {}
CACHES.append(_LEVEL_HITS.clear)


_TAG_NAMES = (None, "value", "num", "time", "sat", "cost", "project", "txt", "date", "range", "namenum", "feas",
              "opemb", "programme", "invpic", "desc", "upkeep", "sep", "forbid", "outnum", "opbad",
              "placeholder", "unit3", "always", "satl", "empty", "noop")


def _rules_for(key: tuple) -> tuple:
    """Per-row rules whose `needs` tag is among the row's tags (cached per tag combination).

    `key` is `ParsedRow.tags` (goal, value, digits, 时效, 满意, 成本, project, then txt:
    full-width / whitespace / Traditional seen, date, range, namenum: digits in the
    name, feas: an actual or unit cost to compare with, opemb: an operator both in
    its field and in the value, programme: the project names a fund programme, invpic: an invisible
    character or a pictograph in the name, value or unit as written, desc: a description is given,
    upkeep: the project is an upkeep service or a lease that builds and buys nothing, sep: a thousands
    separator out of place in a number's value, forbid: - _ or a single * in the value, outnum: a number
    under 产出/数量, opbad: an operator outside the valid ones or an approximate value, placeholder: a placeholder, a formula or an
    unreadable number as the value, unit3: a number with a unit both in its field and in the value, or digits
    in the name, always: ≥0 / >0, or ≤100 / <100 in %, satl: a 满意 name or the 满意度 一级, empty: no name, or
    no value on an indicator row, noop: a number or a grade with no operator in the field or the value). Rules
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


def settings_key(s: CheckerSettings) -> tuple:
    """The thresholds the name-only rules read: their memo key."""
    return (s.max_name_chars, s.max_plain_name_chars)


def _static_hits(r: ParsedRow, s: CheckerSettings, skey: tuple) -> tuple:
    """Hits of the name-only and level-only rules, computed once per distinct name / level pair."""
    ni = r.ni
    if ni.hits_key == skey:
        nh = ni.hits
    else:
        rules = _NAME_RULES if r.sat_row else _PLAIN_NAME_RULES
        nh = ni.hits = tuple([(m, h) for m, f in rules if (h := f(r, s)) is not None])
        ni.hits_key = skey
    lk = r.levels_key
    lh = _LEVEL_HITS.get(lk)
    if lh is None:
        if len(_LEVEL_HITS) > 10_000:
            _LEVEL_HITS.clear()
        lh = _LEVEL_HITS[lk] = tuple((m, h) for m, f in _LEVEL_RULES if (h := f(r, s)) is not None)
    return nh + lh if lh else nh


def _order(x: tuple) -> int:
    return _ORDER[x[0].id]


def run_row_rules(r: ParsedRow, s: CheckerSettings, skey: tuple | None = None) -> list[tuple[RuleMeta, RuleHit]]:
    """The (rule, hit) pairs of every row rule that fires on `r`, in family order (`skey`: `settings_key(s)`),
    without those another hit on the row covers (`RuleFix.covers`)."""
    tags = r.tags
    rs = _RULE_SETS.get(tags) or _rules_for(tags)
    out = [(meta, h) for meta, fn in rs if (h := fn(r, s)) is not None]
    if tags[0]:  # a goal row: goal rules only, in their order
        return out
    static = _static_hits(r, s, skey or settings_key(s))
    if static:
        out = [*static, *out]
        if len(out) > 1:
            out.sort(key=_order)
    if len(out) > 1 and any(meta.id in _COVERING for meta, _ in out):
        covered = {rid for meta, h in out if meta.id in _COVERING for rid in _COVERING[meta.id](r, h)}
        if covered:  # one misplacement, one finding (SAT-01 covers STR-02 on a 满意度 row under 产出)
            out = [(meta, h) for meta, h in out if meta.id not in covered]
    return out
