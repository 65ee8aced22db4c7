"""Round 20 speed pass of the checker (issue 15 item 5): work done once per table or row, reports unchanged.

Each change is checked two ways: the report of every real dev table and of a slice of the benchmark's
distinct-name set (`benchmarks/check_bench.synthetic`, library rewrites on) is the one the plain code gives
(the short cut switched off in the test), and the short cut is taken (the work is done once, not per caller).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kb.checker import check_declaration
from kb.checker.engine import check_rows, clear_caches
from kb.checker.rules import structure
from kb.domain.schema import Declaration, TargetRow
from kb.io.tables import read_tables

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "data" / "declarations" / "dev.jsonl"
pytestmark = pytest.mark.skipif(not DEV.exists(), reason="../shared/data not present")

def _row(l1, l2, name, op, value, unit) -> TargetRow:
    return TargetRow(level1=l1, level2=l2, name=name, operator=op, value=value, unit=unit)


# two names of one measure (STR-12's near duplicates), a vague row the rewrite retargets, a satisfaction row
_NEAR_ROWS = [_row("产出指标", "数量指标", "道路修缮里程", "≥", "12", ""),
              _row("产出指标", "数量指标", "修缮道路长度", "≥", "12", "公里"),
              _row("产出指标", "质量指标", "工程质量", "", "有所提高", ""),
              _row("效益指标", "社会效益指标", "群众出行条件", "", "明显改善", ""),
              _row("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%")]
# one completion dated twice, one group surveyed twice, one rate under two names
_DUP_ROWS = [_row("产出指标", "时效指标", "完成时间", "", "2025年11月30日前", ""),
             _row("产出指标", "时效指标", "完工时间", "", "2025年12月31日前", ""),
             _row("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥", "95", "%"),
             _row("产出指标", "质量指标", "工程验收合格率", "=", "100", "%"),
             _row("产出指标", "质量指标", "竣工验收合格率", "≥", "95", "%")]

_PER_TABLE = ("near_duplicates", "person_count_duplicates", "deadline_duplicates", "satisfaction_duplicates",
              "rate_name_duplicates")


@pytest.fixture(scope="module")
def lookup():
    from kb.indicators.lookup import IndicatorLookup
    from kb.io.library import load_libraries
    from kb.settings import Settings

    s = Settings()
    return IndicatorLookup.from_indicators(load_libraries(s.indicators_dir), s.checker.lookup_min_dice)


@pytest.fixture(scope="module")
def tables():
    """The dev tables and 400 tables of the benchmark's distinct-name set (4,000 rows)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import check_bench
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    own = [Declaration(project_name="村道修缮工程", year=2025, budget_wan=100.0, description="修缮村道12公里",
                       rows=_NEAR_ROWS),
           Declaration(project_name="村道修缮工程", year=2025, description="修缮村道12公里，完工时间2025年11月30日前",
                       rows=_NEAR_ROWS + _DUP_ROWS)]
    return own + list(read_tables(DEV)) + check_bench.synthetic(4_000, 7, distinct_names=True)


def _reports(tables, lookup) -> list[str]:
    clear_caches()
    out = [check_declaration(d, lookup=lookup).model_dump_json() for d in tables]
    out += [check_declaration(d, suggest=False).model_dump_json() for d in tables[:300]]
    return out


def test_table_readings_once_per_table_give_the_reports_of_the_plain_readings(tables, lookup, monkeypatch):
    memo = _reports(tables, lookup)
    for name in _PER_TABLE:  # the readings as they were: computed again by every caller
        monkeypatch.setattr(structure, name, getattr(structure, name).__wrapped__)
    plain = _reports(tables, lookup)
    assert memo == plain
    # the comparison means something: STR-12's near duplicates and rewrites are in it
    assert sum('"STR-12"' in r for r in memo) >= 2 and sum('"suggestion":{' in r for r in memo) > 300


def test_str12_and_the_guard_read_the_input_table_once(monkeypatch):
    """A rewrite that retargets a row sends the guard to `measure_pairs` of the input table, which STR-12 has read
    already: `near_duplicates`' body (which reads the stated figures once a run) runs once for it, once for the
    rewritten table."""
    calls = []
    real = structure.stated_figure_duplicates

    def counted(t):
        calls.append(t)
        return real(t)

    monkeypatch.setattr(structure, "stated_figure_duplicates", counted)
    rep = check_rows(_NEAR_ROWS, {"description": "修缮村道12公里", "budget_wan": 100.0, "budget_year": 2025})
    assert "STR-12" in rep.summary["by_rule"]
    tables = {id(t) for t in calls}
    assert len(calls) == len(tables)  # no table read twice
    assert len(tables) <= 2           # the input table, and the rewritten one when the guard looks at it


def test_stated_figure_reads_the_text_only_when_there_is_one(monkeypatch):
    """`rewrite.stated_figure` skips the past-period readings of an empty description (13,512 calls on the 100,000
    distinct rows, none with a description); with a description it reads the figure as before."""
    from kb.checker import rewrite
    from kb.checker.parse import ParsedRow

    row = _row("产出指标", "数量指标", "新建错车道", "", "若干", "处")
    said = {"description": "计划新建错车道8处，2024年已完成新建错车道5处。", "budget_year": 2025}
    assert rewrite.stated_figure(ParsedRow(row, 1, said)) == (8.0, "处")

    def read(*a, **k):
        raise AssertionError("the description's readings were asked for with no description")

    monkeypatch.setattr(rewrite, "without_past_reports", read)
    monkeypatch.setattr(rewrite, "past_reports", read)
    for ctx in ({}, {"description": "", "budget_year": 2025}, {"project": "错车道建设"}):
        assert rewrite.stated_figure(ParsedRow(row, 1, ctx)) is None


def test_own_programs_with_the_one_regex_pretest_answers_as_the_plain_scan():
    """`parse.own_programs` answers none at once when no programme's word occurs (`PROGRAM_RE`, one pass) — the
    plain scan tried every synonym of every programme on every new project (10,000 distinct ones in the bench)."""
    import json

    from kb.checker import lexicon as L
    from kb.checker.parse import _OWN_MEMO, own_programs

    def plain(project, description):
        text = f"{project or ''}{description or ''}"
        if L.PROGRAM_UMBRELLA_RE.search(text):
            return frozenset()
        return frozenset(k for k, syn in L.PROGRAMS.items() if any(w in text for w in syn))

    recs = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    pairs = [(r.get("project_name"), r.get("description")) for r in recs]
    words = [w for syn in L.PROGRAMS.values() for w in syn]
    pairs += [(f"2025年{w}项目", None) for w in words] + [(None, f"用于{a}和{b}的发放") for a, b in zip(words, words[1:])]
    pairs += [("合成项目7", None), (None, ""), ("困难群众救助资金", words[0])]
    _OWN_MEMO.clear()
    named = 0
    for p, d in pairs:
        assert own_programs(p, d) == plain(p, d), (p, d)
        named += bool(plain(p, d))
    assert named >= len(words)  # the programmes' own words are read


def test_own_programs_of_a_text_naming_no_programme_scans_no_synonyms(monkeypatch):
    from kb.checker import lexicon as L
    from kb.checker.parse import _OWN_MEMO, own_programs

    class Untouchable(dict):
        def items(self):
            raise AssertionError("every synonym scanned for a text naming no programme")

    monkeypatch.setattr(L, "PROGRAMS", Untouchable(L.PROGRAMS))
    _OWN_MEMO.clear()
    assert own_programs("合成项目7", "村道修缮12公里") == frozenset()
    _OWN_MEMO.clear()


def test_str12_name_readings_once_per_name(monkeypatch, lookup):
    """STR-12's readings of a name (the object it counts, the group it surveys) are made once per name, though
    STR-12 reads the input table and the guard the input and the rewritten one; and they are the readings of the
    name (a fresh `NameInfo` reads the same)."""
    from kb.checker.parse import NameInfo

    seen: dict[str, list] = {"obj": [], "sat": []}
    real_obj, real_sat = structure._name_object_chars, structure._name_satisfaction_group
    monkeypatch.setattr(structure, "_name_object_chars", lambda ni: seen["obj"].append(id(ni)) or real_obj(ni))
    monkeypatch.setattr(structure, "_name_satisfaction_group", lambda ni: seen["sat"].append(id(ni)) or real_sat(ni))
    clear_caches()
    rep = check_declaration(Declaration(project_name="村道修缮工程", year=2025, description="修缮村道12公里",
                                        rows=_NEAR_ROWS + _DUP_ROWS), lookup=lookup)
    assert rep.summary["by_rule"]["STR-12"] >= 3
    assert seen["obj"] and seen["sat"]
    assert len(seen["obj"]) == len(set(seen["obj"])) and len(seen["sat"]) == len(set(seen["sat"]))
    for row in _NEAR_ROWS + _DUP_ROWS:
        fresh = NameInfo(row.name)
        assert structure._object_chars(type("R", (), {"ni": fresh})()) == real_obj(NameInfo(row.name))


def _plain_per_money_unit(r):
    import re as _re

    from kb.domain.units import per_unit_part, plain_money_unit

    u = (r.eff_unit or "").strip()
    if r.is_date or not r.has_digit or not plain_money_unit(u):
        return None
    part = per_unit_part(r.ni.base or r.name)
    if part and (span := _re.search(r"每(月|年|天|日|季度|季)", r.ni.base or r.name)) and span.group(1) != part:
        part = f"{part}·{span.group(1)}"
    return f"{u}/{part}" if part else None


def _plain_rate_of(r):
    from kb.checker.parse import unset_row

    if not r.name or not r.pct or unset_row(r):
        return None
    base = r.ni.base or r.name
    end = next((e for e in structure._RATE_ENDINGS if base.endswith(e)), None)
    return (structure._RATE_SYNONYMS[end], base[: -len(end)]) if end else None


def test_cheap_pretests_answer_as_the_plain_readings(tables):
    """UNIT-02's per-unit money unit tests 元 before its regex; `_rate_of` tests the rate endings at once before
    looking for the one that ends the name: the same answers on every row of the dev and benchmark tables."""
    from kb.checker.parse import ParsedRow
    from kb.checker.rewrite import per_money_unit

    extra = [_row("成本指标", "经济成本指标", n, "≤", v, u) for n, v, u in (
        ("人均培训成本", "800", "元"), ("每人每月补助标准", "500", "元"), ("每公里造价", "50", " 万元 "),
        ("单位面积成本", "12", "元/平方米"), ("人均补助", "2", "千元"), ("人均补助", "2", "元整"))]
    extra += [_row("产出指标", "质量指标", n, "≥", "99", "%") for n in (
        "系统可用率", "政务信息系统正常运行率", "补贴资金足额发放率", "发放及时率", "合格率", "率")]
    rows = [ParsedRow(x, i + 1, {}) for i, x in enumerate([*extra, *(r for d in tables for r in d.rows)])]
    money = rates = 0
    for r in rows:
        assert per_money_unit(r) == _plain_per_money_unit(r), r.raw
        assert structure._rate_of(r) == _plain_rate_of(r), r.raw
        money += per_money_unit(r) is not None
        rates += structure._rate_of(r) is not None
    assert money >= 4 and rates >= 4


def test_the_guard_reads_row_pairs_of_a_rewritten_table_built_without_the_table_figures():
    """`guard._merge_near_duplicates` builds the rewritten table only for `measure_pairs`, which reads its rows
    and context: built without the table rules' one-pass figures, it gives the same pairs."""
    from kb.checker.engine import _parse
    from kb.checker.parse import ParsedTable, start_table

    ctx = {"description": "修缮村道12公里，完工时间2025年11月30日前", "budget_year": 2025}
    start_table()
    parsed = _parse(_NEAR_ROWS + _DUP_ROWS, ctx, None, None)
    full, light = ParsedTable(parsed, ctx), ParsedTable(parsed, ctx, figures=False)
    assert structure.measure_pairs(light) == structure.measure_pairs(full) and len(structure.measure_pairs(full)) >= 3
    assert light.items == full.items and not hasattr(light, "level1s") and full.level1s
