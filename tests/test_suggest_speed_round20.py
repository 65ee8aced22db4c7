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
    _suggest(shipped_kb, "D007")
    assert memos and len(asked) > sum(m.computed for m in memos)   # the passes ask pairs again
    assert sum(m.computed for m in memos) == sum(len(m._seen) for m in memos)


def test_measure_class_read_from_the_name():
    """The measure class is a function of the normalised name (cached per name): the same answer as the patterns."""
    for key, want in (("项目验收合格率", 0), ("补助资金发放及时率", 2), ("经费发放率", 3), ("文化活动完成率", 4),
                      ("活动安全事故发生次数", len(table.MEASURE_CLASSES) - 1), ("受益人口", None)):
        assert table._measure_class_of_key(key) == want, key
        assert table._measure_class_of_key(key) == next(
            (i for i, rx in enumerate(table.MEASURE_CLASSES) if rx.search(key)), None)


# ------------------------------------------------------------------ vetting: mark_precision's steps, one chain
import copy  # noqa: E402

import kb.suggest.evidence as evidence  # noqa: E402
import kb.suggest.vetting as vetting  # noqa: E402
from kb.domain.enums import LEVEL2_PARENT, Level2  # noqa: E402
from kb.suggest.draft import Draft  # noqa: E402

# the steps in the order the module documents (`_reason_to_set_aside`): a name ending in a reason, else a mark
_STEPS = ("_why_fund_title", "_why_vague_quality", "_why_circular", "_why_persons_of_no_group", "_why_households_unnamed",
          "_why_amount_as_output", "_why_money_named_count", "_why_task_sentence", "_why_vague_state",
          "_why_emission_cut_without_work", "_why_named_from_setting", "_unfill_region_outcome",
          "_why_unnamed_facility", "_why_layout_in_upkeep", "_unfill_service_coverage",
          "_unfill_rate_of_setting_or_change", "_unfill_land_share", "_why_other_stated_rate", "_refile_kept_coverage",
          "_why_contract_lots", "_why_unnamed_building", "_why_scope_places", "_why_payment_of_no_one",
          "_why_within_year_across_years", "_why_completion_of_standing_work", "_why_platform_use_volume",
          "_why_misplaced", "_why_routine_measure", "_why_other_equipment", "_why_per_head_of_absent_group",
          "_why_other_programme", "_why_unnamed_work", "_why_other_setting", "_why_absent_enterprises",
          "_why_absent_respondents", "_why_knowledge_untaught", "_why_unnamed_counted_group",
          "_why_spare_entry_of_absent_object", "_why_core_count_of_absent_object")


def _stepwise_reason(d, ctx, own_words):
    """The reason one step at a time, as `mark_precision` read it before (a generator of the steps)."""
    import inspect

    for name in _STEPS:
        step = getattr(vetting, name)
        n = len(inspect.signature(step).parameters)
        out = step(*(d, ctx, own_words)[:n])
        if name.startswith("_why_") and out:
            return out
    return ""


def _state(d: Draft) -> tuple:
    return (d.name, d.level2, int(d.tier), d.value, d.value_source, d.operator, d.note, tuple(d.evidence))


@pytest.mark.parametrize("rid", IDS + ("D005", "E046", "D051"))
def test_chain_of_steps_sets_aside_as_the_steps_one_by_one(shipped_kb, shared_data, monkeypatch, rid):
    """Each row of the pool comes out of `mark_precision` as it does from the steps run one at a time."""
    pools = []
    plain = engine.mark_precision

    def both(pool, ctx, sectors, own_words=""):
        twin = copy.deepcopy(pool)
        monkeypatch.setattr(vetting, "_reason_to_set_aside", _stepwise_reason)
        plain(twin, ctx, sectors, own_words)
        monkeypatch.undo()
        plain(pool, ctx, sectors, own_words)
        # read now: the steps after vetting (review_ranked) change the rows again
        pools.append(([_state(d) for d in twin], [_state(d) for d in pool], [d.tier for d in pool]))

    monkeypatch.setattr(engine, "mark_precision", both)
    _suggest(shipped_kb, rid)
    assert pools
    for twin, pool, tiers in pools:
        assert twin == pool
        assert vetting.Tier.ALTERNATE in tiers   # the steps did set rows aside


def test_name_readings_cached_as_read_plainly():
    """The per-name readings (routine measure marks, facility word) give what the plain loops give."""
    from kb.suggest.words import FACILITY_WORDS, ROUTINE_MEASURES

    for name in ("医疗机构门诊服务人次", "病床使用率", "系统用户数量", "保障办公场所面积", "公园年接待游客人次", "受益人口",
                 "图书馆到馆人次", "门诊病床床位数"):
        want = [(next(w for w in marks if w in name), named) for marks, named in ROUTINE_MEASURES
                if any(w in name for w in marks)]
        assert list(evidence._routine_marks(name)) == want, name
        assert evidence._facility_word(name) == next((w for w in FACILITY_WORDS if w in name), ""), name


def test_level1_from_the_dict_as_from_the_enum():
    for l2, l1 in LEVEL2_PARENT.items():
        d = Draft(name="x", level2=l2.value, source="type")
        assert d.level1 == l1.value == LEVEL2_PARENT[Level2(l2.value)].value
