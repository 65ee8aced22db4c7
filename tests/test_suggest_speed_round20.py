"""Round 20, suggest's CPU (issues 13 and 15): `table.assemble` compared the same pairs of rows in each of its passes,
and from 2026-12-06 (the blank-row swap of trial 7) listed every chosen row of the same measure for every row it
was offered — tier ALTERNATE rows and rows past their slot's cap too — before any cheap check: 83,699 `same_measure`
calls a dev pass against 10,442 before. Now each pair is read once per `assemble` (`PairMemo`), the list only for a
row holding the text's number, and a set-aside row leaves first. The tables must not move: the same result with the
memo and without it, and far fewer pairs compared (counted, not timed)."""
from __future__ import annotations

import pytest

import kb.suggest.engine as engine
import kb.suggest.table as table
from tests.kbfactory import dev_record

# dev projects of several kinds: dust suppression, an industry subsidy with three stated benefits, a pension
# payment, an inspection service
IDS = ("D002", "D007", "D042", "E039")


def _suggest(kb, rid: str):
    r = dev_record(rid)
    return kb.suggest(r.get("description") or "", project_name=r.get("project") or None,
                      department=r.get("department") or None, sector=r.get("sector") or None,
                      mode="lexical", with_opinions=False)


@pytest.mark.parametrize("rid", IDS)
def test_same_result_with_and_without_the_pair_memo(shipped_kb, shared_data, monkeypatch, rid):
    with_memo = _suggest(shipped_kb, rid).model_dump()
    monkeypatch.setattr(engine, "assemble", lambda pool: table.assemble(pool, memo=False))
    without = _suggest(shipped_kb, rid).model_dump()
    assert without["default_table"], rid
    assert with_memo == without


def _pairs_compared(kb, rid: str, monkeypatch) -> int:
    calls = [0]
    plain = table.same_measure

    def counted(*a, **k):
        calls[0] += 1
        return plain(*a, **k)

    monkeypatch.setattr(table, "same_measure", counted)
    _suggest(kb, rid)
    monkeypatch.setattr(table, "same_measure", plain)
    return calls[0]


# `same_measure` calls of one suggest at d8190ca (before this round) → now (the shipped library, lexical)
BEFORE = {"D002": 578, "D007": 2222, "D042": 1278, "E039": 985}
NOW = {"D002": 76, "D007": 734, "D042": 152, "E039": 86}


@pytest.mark.parametrize("rid", IDS)
def test_pair_comparisons_fell(shipped_kb, shared_data, monkeypatch, rid):
    n = _pairs_compared(shipped_kb, rid, monkeypatch)
    assert n <= NOW[rid] * 1.5 + 20, (rid, n)   # room for library growth, never back near the old count
    assert n < BEFORE[rid] / 2, (rid, n)


def test_memo_compares_each_pair_once(shipped_kb, shared_data, monkeypatch):
    """Every pair `assemble` reads through its memo is computed once: the memo's count equals the distinct pairs."""
    memos: list[table.PairMemo] = []
    asked: list[tuple[int, int]] = []

    class Recording(table.PairMemo):
        def __init__(self):
            super().__init__()
            memos.append(self)

        def __call__(self, a, b):
            asked.append((id(a), id(b)))
            return super().__call__(a, b)

    monkeypatch.setattr(table, "PairMemo", Recording)
    _suggest(shipped_kb, "D007", )
    assert memos and len(asked) > sum(m.computed for m in memos)   # the passes ask pairs again
    assert sum(m.computed for m in memos) == sum(len(m._seen) for m in memos)


def test_measure_class_read_from_the_name():
    """The measure class is a function of the normalised name (cached per name): the same answer as the patterns."""
    for key, want in (("项目验收合格率", 0), ("补助资金发放及时率", 2), ("经费发放率", 3), ("文化活动完成率", 4),
                      ("活动安全事故发生次数", len(table.MEASURE_CLASSES) - 1), ("受益人口", None)):
        assert table._measure_class_of_key(key) == want, key
        assert table._measure_class_of_key(key) == next(
            (i for i, rx in enumerate(table.MEASURE_CLASSES) if rx.search(key)), None)
