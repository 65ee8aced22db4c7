"""`IndicatorLookup`: exact normalised name, else bigram Dice ≥ 0.6 within the same 二级指标; its use in rewrites."""
from __future__ import annotations

from kb.checker import check_declaration
from kb.indicators.lookup import IndicatorLookup
from kb.domain.schema import Declaration, Indicator, TargetRow, Target


def _ind(name, level1, level2, op, value, unit, synonyms=()):
    return Indicator(id=f"t-{name}", level1=level1, level2=level2, name=name, unit=unit,
                     typical=Target(operator=op, value=value, unit=unit), synonyms=list(synonyms))


INDS = [
    _ind("服务对象满意度", "满意度指标", "服务对象满意度指标", "≥", "95", "%", ["受益群众满意度"]),
    _ind("〔培训对象〕培训人次", "产出指标", "数量指标", "≥", "300", "人次"),
    _ind("项目验收合格率", "产出指标", "质量指标", "=", "100", "%"),
]


def test_exact_synonym_fuzzy_and_no_match():
    lk = IndicatorLookup.from_indicators(INDS)
    assert lk("服务对象 满意度", None).name == "服务对象满意度"
    assert lk("受益群众满意度", "beneficiary_satisfaction").name == "服务对象满意度"
    assert lk("农民培训人次", "quantity").name == "〔培训对象〕培训人次"  # Dice(农民培训人次, 培训人次) = 0.75
    assert lk("农民培训人次", "quality") is None  # another 二级指标
    assert lk("道路修缮里程", "quantity") is None


def test_rewrite_takes_the_library_target():
    row = TargetRow(level1="满意度指标", level2="服务对象满意度指标", name="受益群众满意度", value="有所提高")
    with_lib = check_declaration(Declaration(rows=[row]), lookup=IndicatorLookup.from_indicators(INDS))
    generic = check_declaration(Declaration(rows=[row]))
    s1 = next(f.suggestion for f in with_lib.findings if f.rule_id == "QNT-01")
    s2 = next(f.suggestion for f in generic.findings if f.rule_id == "QNT-01")
    assert (s1.operator, s1.value, s1.unit) == ("≥", "95", "%")
    assert (s2.operator, s2.value, s2.unit) == ("≥", "90", "%")


def test_fuzzy_answer_is_the_best_dice_of_the_whole_level2(shared_data):
    """The indexed fuzzy look-up (prefix filter, early stop when too few of the query's bigrams occur
    in the 二级指标) answers what scanning every indicator of the 二级指标 answers: the best bigram Dice
    ≥ 0.6, ties to the indicator listed first — on the real rows of dev.jsonl, also with a place
    name put in front (which leaves many bigrams no indicator has)."""
    import json

    from kb.checker.parse import ParsedRow
    from kb.domain.text import bigram_dice, slot_free_key
    from kb.io.library import load_libraries
    from kb.settings import Settings

    inds = [i for i in load_libraries(Settings().indicators_dir) if i.status.value != "deprecated"]
    lk = IndicatorLookup.from_indicators(inds)
    by_l2: dict[str, list[tuple[str, Indicator]]] = {}
    for ind in inds:
        by_l2.setdefault(ind.level2.value, []).append((slot_free_key(ind.name), ind))
    rows = [r for line in (shared_data / "declarations" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
            for r in json.loads(line)["indicators"]]
    checked = found = 0
    for rec in rows:
        row = ParsedRow(TargetRow(**{k: str(rec.get(k) or "") for k in ("level1", "level2", "name")}), 1)
        if row.level2 is None or not row.name:
            continue
        for name in (row.name, "东安村" + row.name):
            key = slot_free_key(name)
            if not key or lk._exact.get(key):
                continue
            best, want = 0.0, None
            for k, ind in by_l2.get(row.level2.value, ()):
                d = bigram_dice(key, k, normalized=True)
                if d > best:
                    best, want = d, ind
            want = want if best >= 0.6 else None
            got = lk(name, row.level2.value)
            assert (got.name if got else None) == (want.name if want else None), name
            checked += 1
            found += got is not None
    assert checked > 500 and found > 50
