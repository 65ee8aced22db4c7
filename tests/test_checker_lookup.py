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


COSTS = [_ind("农村公路单位建设成本", "成本指标", "经济成本指标", "≤", "100", "万元/公里"),
         _ind("项目建设成本", "成本指标", "经济成本指标", "≤", "100", "万元")]


def _cost_fix(name, value, unit="", **decl):
    row = TargetRow(level1="成本指标", level2="经济成本指标", name=name, value=value, unit=unit)
    rep = check_declaration(Declaration(rows=[row], **decl), lookup=IndicatorLookup.from_indicators(COSTS))
    return next(f.suggestion for f in rep.findings if f.rule_id == "COST-01")


def test_a_cost_ceiling_without_a_budget_is_left_to_the_declarant():
    """Reported (review): with no budget (neither 资金总额 nor one in the 项目概况) COST-01 proposed the
    library's ≤100 万元/公里 — another project's cost. A money figure is never taken from the library, as
    suggest never copies one: the row is 待填写 and says the ceiling needs the budget."""
    desc = "新建农村公路12公里。"
    for name, unit in (("农村公路单位建设成本", "万元/公里"), ("项目建设成本", "")):
        s = _cost_fix(name, "参照政府采购成本控制", unit, description=desc)
        assert s.value is None and s.operator is None and not s.delete, s
        assert s.text.startswith("待填写") and "没有预算金额" in s.text
    # with a budget a total cost is capped by it (stated, or read from the 项目概况); a unit cost is the
    # declarant's to work out from it — neither takes the library's figure
    s = _cost_fix("项目建设成本", "控制在预算范围内", budget_wan=250)
    assert (s.operator, s.value, s.unit) == ("≤", "250", "万元")
    s = _cost_fix("项目建设成本", "控制在预算范围内", description=desc + "年度预算300万元。")
    assert (s.operator, s.value, s.unit) == ("≤", "300", "万元")
    s = _cost_fix("农村公路单位建设成本", "按标准", "万元/公里", budget_wan=250)
    assert s.value is None and s.text.startswith("待填写：按预算测算")


def test_a_blank_span_of_the_project_is_never_the_librarys_or_a_figure_in_another_unit():
    """服务周期 left blank: the library's =180天 is another project's contract, and 日均清运180吨 is no
    180 天 (a city reviewer got “=180天” on a garbage-collection table); a span the text states is taken."""
    lk = IndicatorLookup.from_indicators(INDS + [_ind("服务周期", "产出指标", "数量指标", "=", "180", "天")])
    row = TargetRow(level1="产出指标", level2="数量指标", name="服务周期", unit="天")

    def fix(desc):
        rep = check_declaration(Declaration(rows=[row], description=desc, budget_wan=420), lookup=lk)
        return next(f.suggestion for f in rep.findings if f.rule_id == "STR-03")

    s = fix("委托专业公司承担城区生活垃圾清运，日均清运生活垃圾180吨，做到日产日清。")
    assert s.value in ("", None) and "180" not in s.text and "待填写" in s.text
    s = fix("委托专业公司承担城区生活垃圾清运，服务周期为365天，日均清运生活垃圾180吨。")
    assert (s.operator, s.value) == ("=", "365") and "365天" in s.text
