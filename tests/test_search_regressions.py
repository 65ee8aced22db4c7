"""The lexical-search regressions the knowledge-base issue requires (§12)."""
from __future__ import annotations

import pytest

from tests.kbfactory import make_kb


def names(res):
    return [h.name for h in res.hits]


def test_exact_name_first_and_shared_terms_scored(tmp_path):
    kb = make_kb(tmp_path, ["项目完成率", "资金到位率", "项目验收合格率", "群众满意度"])
    res = kb.search("项目完成率", mode="lexical")
    assert res.hits[0].name == "项目完成率"
    assert all(h.score > 0 for h in res.hits)
    q_tokens = set(kb.index.tokenizer.tokens("项目完成率"))
    for i, r in enumerate(kb.index.rows):
        shares = q_tokens & set(kb.index.tokenizer.tokens(r["name"]))
        found = r["name"] in names(res)
        assert found == bool(shares), (r["name"], shares)
    assert "项目验收合格率" in names(res)  # shares 项目


def test_two_indicator_library_positive_scores(tmp_path):
    kb = make_kb(tmp_path, ["项目完成率", "项目验收合格率"])
    res = kb.search("项目完成率", mode="lexical")
    assert names(res) == ["项目完成率", "项目验收合格率"]
    assert all(h.score > 0 for h in res.hits)


def test_no_padding_for_unmatched_query(tmp_path):
    kb = make_kb(tmp_path, ["培训人次", "道路修缮里程", "设备购置数量", "资金到位率", "群众满意度",
                            "工程验收合格率", "图书借阅量", "床位使用率"])
    res = kb.search("绩效", mode="lexical")
    assert res.total == 0 and res.hits == []


@pytest.mark.parametrize("variant,plain", [("２０２４年完成率达到９５％", "2024年完成率达到95%"),
                                           ("群眾滿意度", "群众满意度")])
def test_fullwidth_and_traditional_equal_plain(tmp_path, variant, plain):
    kb = make_kb(tmp_path, ["项目完成率", "群众满意度", "学生满意度", "培训完成率", "道路修缮里程"])
    a, b = kb.search(variant, mode="lexical"), kb.search(plain, mode="lexical")
    assert names(a) == names(b) and names(a)
    assert [h.score for h in a.hits] == [h.score for h in b.hits]


def test_word_inside_compound_is_found(tmp_path):
    kb = make_kb(tmp_path, ["待处理事项办结率", "在建工程验收合格率", "群众满意度"])
    assert "待处理事项办结率" in names(kb.search("处理", mode="lexical"))
    assert "在建工程验收合格率" in names(kb.search("工程", mode="lexical"))


def test_closest_of_near_identical_names_clearly_ahead(tmp_path):
    kb = make_kb(tmp_path, ["全市三级医院床位数", "全市二三级医院床位数"])
    res = kb.search("某市三级医院床位数", mode="lexical")
    assert names(res)[0] == "全市三级医院床位数"
    assert res.hits[0].score >= 1.2 * res.hits[1].score


def test_highlights_point_into_original_text(tmp_path):
    kb = make_kb(tmp_path, ["群眾滿意度", "项目完成率"])
    h = kb.search("满意度", mode="lexical").hits[0]
    assert h.name == "群众满意度" or h.name == "群眾滿意度"
    s, e = h.highlights[0]
    assert h.name[s:e] in ("满意度", "滿意度")


def test_filters_and_pagination(tmp_path):
    rows = [{"name": f"培训{i}班合格率", "level2": "质量指标"} for i in range(6)] + \
           [{"name": "培训人次", "level2": "数量指标", "unit": "人次"}]
    kb = make_kb(tmp_path, rows)
    assert names(kb.search("培训", filters={"level2": "数量指标"}, mode="lexical")) == ["培训人次"]
    p1 = kb.search("培训", top=3, mode="lexical")
    p2 = kb.search("培训", top=3, offset=3, mode="lexical")
    assert p1.total == p2.total == 7
    assert not set(names(p1)) & set(names(p2))


@pytest.mark.parametrize("q", ["PM2.5", "pm2.5", "ＰＭ２．５", "PM2", "VOCs"])
def test_latin_terms_inside_chinese_names(tmp_path, q):
    kb = make_kb(tmp_path, ["PM2.5年均浓度", "VOCs排放量削减率", "空气质量优良天数比例"])
    got = names(kb.search(q, mode="lexical"))
    want = "VOCs排放量削减率" if q == "VOCs" else "PM2.5年均浓度"
    assert got and got[0] == want


def test_scores_are_in_unit_range_and_follow_the_ranking(tmp_path):
    kb = make_kb(tmp_path, ["满意度", "企业满意度", "群众满意度", "学生满意度", "满意度调查覆盖率"])
    res = kb.search("满意度", mode="lexical")
    assert res.hits[0].name == "满意度"
    scores = [h.score for h in res.hits]
    assert scores == sorted(scores, reverse=True) and 0 < scores[-1] <= scores[0] <= 1


def test_a_function_word_of_the_query_matches_nothing(tmp_path):
    """Reported (fresh trial): 把河里的淤泥挖干净 put 补贴覆盖率 first — its only match was 的, from a long
    alias (对符合条件的对象…). The query's function words (的, 了, 把 …) are not searched for unless
    nothing else is left."""
    kb = make_kb(tmp_path, ["补贴覆盖率(对符合条件的对象发放)", "河道淤泥清运量", "培训人次"])
    res = kb.search("把河里的淤泥挖干净", mode="lexical")
    assert names(res) == ["河道淤泥清运量"]
    assert names(kb.search("的", mode="lexical")) == ["补贴覆盖率(对符合条件的对象发放)"]  # nothing else to search
