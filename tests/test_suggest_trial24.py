"""What a twenty-fourth fresh reviewer (a county 财政局 reviewer, README only) struck in `jixiao suggest`. The
reviewer's own texts (/tmp/trial24/inputs.md) are copied here verbatim."""
from __future__ import annotations

from tests.kbfactory import suggest_text

FOREST = ("县林业局2025年林下经济发展项目，预算资金120万元。全县现有林地面积86万亩，上年度林下经济产值达到2.3亿元。"
          "今年计划新发展林下种植基地3000亩，11月底前完成验收。")
FOREST_NAME = "林下经济发展"


def _table(res):
    return [(c.level1, c.level2, c.name, c.operator, c.value, c.unit) for c in res.default_table]


# ---------------------------------------------------------------- 1. a past clause after a setting clause

def test_past_clause_after_setting_clause_is_no_target(shipped_kb):
    """全县现有林地面积86万亩，上年度林下经济产值达到2.3亿元: 上年度 makes its clause past whatever the sentence opened
    on, so 2.3 亿元 is last year's output and never a target (trial 24 got 林业总产值 ≥2.3 亿元)."""
    res = suggest_text(shipped_kb, FOREST, FOREST_NAME, None)
    rows = _table(res)
    assert not any(r[4] == "2.3" for r in rows), rows
    assert "上年度林下经济产值达到2.3亿元”是已发生的实际数" in res.message, res.message


# ---------------------------------------------------------------- 5. a bare figure is the project's scale

def test_bare_length_is_the_roads_length(shipped_kb):
    """道路 + "12公里 300万元": the one length stated is the road's, 道路长度 ≥ 12 公里, never 待填写 with the reason
    that no scale is stated."""
    rows = _table(suggest_text(shipped_kb, "12公里 300万元", "道路", None))
    assert ("output", "quantity", "道路长度", "≥", "12", "公里") in rows, rows
