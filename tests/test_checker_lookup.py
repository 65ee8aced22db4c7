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
