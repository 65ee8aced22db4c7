"""Suggestion on real project descriptions with the shipped library (lexical mode)."""
from __future__ import annotations

import json

from kb.evaluate import gold_names, score_project
from kb.domain.budget import budget_from_text
from kb.suggest.quantities import find_quantities
from kb.suggest.templates import fill
from kb.domain.text import bigram_dice


def test_quantities_and_budget_from_real_description(shared_data):
    rec = json.loads((shared_data / "declarations" / "dev.jsonl").read_text(encoding="utf-8").splitlines()[1])
    assert rec["id"] == "D002"
    qs = find_quantities(rec["description"])
    assert budget_from_text(rec["description"]) == 250.0
    assert all(q.unit != "年" for q in qs)  # 2023年 is a year, not a quantity


def test_template_filled_with_project_words():
    assert fill("组织吕梁山护工培训3期，共培训1200人次", "〔培训对象〕培训人次")[0] == "吕梁山护工培训人次"
    assert fill("资助家庭经济困难学生300人", "〔服务对象〕满意度")[0] == "学生满意度"
    assert fill("无关文字", "〔服务对象〕满意度")[0] == "服务对象满意度"


def test_road_length_bound_to_stated_quantity(shipped_kb):
    res = shipped_kb.suggest("计划修缮乡村道路12公里", mode="lexical")
    assert res.confident
    road = [c for c in res.suggestions if c.unit in ("公里", "千米") and c.value == "12"]
    assert road and road[0].operator == "≥"
    assert any("道路" in c.name or "公路" in c.name for c in road)


def test_students_and_budget_become_targets(shipped_kb):
    res = shipped_kb.suggest("资助家庭经济困难学生300人", project_name="高中国家助学金", budget_wan=45,
                             mode="lexical")
    people = [c for c in res.suggestions if c.value == "300" and c.unit == "人"]
    assert people and people[0].level2 == "quantity"
    cost = [c for slot in res.table if slot.level1 == "cost" for c in slot.candidates]
    assert cost[0].operator == "≤" and cost[0].value == "45" and cost[0].unit == "万元"
    levels = {(s.level1, s.level2) for s in res.table}
    assert ("output", "quantity") in levels and ("satisfaction", "beneficiary_satisfaction") in levels
    assert all(0.0 <= c.score <= 1.0 for c in res.suggestions)


def test_off_topic_text_is_not_confident(shipped_kb):
    res = shipped_kb.suggest("今天天气很好我们去公园散步", mode="lexical")
    assert res.confident is False and res.suggestions == []


def test_leave_one_out_excludes_only_own_origin(shipped_kb, shared_data):
    """An indicator whose only origin is the evaluated declaration is never suggested for it."""
    rows = shipped_kb.index.rows
    own = {r["id"] for r in rows if json.loads(r["origin"]) == ["dev:D002"]}
    rec = json.loads((shared_data / "declarations" / "dev.jsonl").read_text(encoding="utf-8").splitlines()[1])
    res = shipped_kb.suggest(rec["description"], project_name=rec["project"], exclude_origin="dev:D002",
                             mode="lexical")
    assert not own & {c.indicator_id for c in res.suggestions}


def test_eval_definition_on_a_hand_worked_example():
    gold = ["受益群众满意度", "道路修缮里程"]
    # 群众满意度 vs 受益群众满意度: 4 shared bigrams of 4+6 → Dice 0.8
    assert abs(bigram_dice("群众满意度", "受益群众满意度") - 0.8) < 1e-9
    # 道路里程 vs 道路修缮里程: 2 shared of 3+5 bigrams → Dice exactly 0.5, which counts (≥)
    assert bigram_dice("道路里程", "道路修缮里程") == 0.5
    f5, f10, rr = score_project(["培训人次", "群众满意度", "道路里程"], gold)
    assert (f5, f10) == (2, 2) and rr == 0.5
    assert score_project(["培训人次", "道路"], gold) == (0, 0, 0.0)
    assert gold_names({"indicators": [{"name": "学生、家长满意度"}, {"name": "2"}, {"name": "学生家长满意度"}]}) \
        == ["学生家长满意度"]


def test_effect_rows_need_two_shared_words_on_a_real_road_project(shipped_kb):
    # D014 乡村道路建设养护项目: one shared word (乡村, 养护) used to bring 乡村旅游 and 绿化 rows
    from kb.suggest.candidates import content_terms as _content_terms

    text = "乡村道路建设养护项目 完成乡村道路建设养护里程300公里"
    res = shipped_kb.suggest(text, mode="lexical", with_opinions=False)
    content = _content_terms(shipped_kb.index.tokenizer.cut_words(text))
    effects = [c for slot in res.table for c in slot.candidates
               if slot.level1 in ("benefit", "satisfaction")]
    assert effects and not any("旅游" in c.name or "绿化" in c.name for c in effects)
    for c in effects:
        words = next((e for e in c.evidence if e.startswith("匹配词")), None)
        if words:
            assert len(content & set(words.removeprefix("匹配词: ").split("、"))) >= 2, c.name
    assert any(w in c.name for c in effects for w in ("道路", "公路", "出行", "通行"))


def test_salary_sentence_makes_no_indicator_from_the_amount_before_it(shipped_kb):
    # "45万元给聘用的14人": the words after 万元 are the object, not "万元给聘用的"
    res = shipped_kb.suggest("计划使用财政资金45万元给聘用的14人发放工资及缴纳保险费；执行率100%",
                             project_name="城乡居民监管工作经费", mode="lexical", with_opinions=False)
    names = [c.name for c in res.suggestions]
    assert not any(n.startswith("万元") for n in names)
    assert "执行率" not in names
    people = [c for c in res.suggestions if c.value == "14" and c.unit == "人"]
    assert people and "聘用" in people[0].name
