"""What a sixteenth fresh reviewer (a county 财政局 reviewer, README only) struck in `jixiao suggest`. The reviewer's
own texts (/tmp/trial16/inputs.md and the report's commands) are copied here verbatim; the real projects are
dev.jsonl's."""
from __future__ import annotations

from tests.kbfactory import suggest_dev, suggest_text

LIB_BRACKET = "县图书馆全年免费开放，接待读者15000人次（较上年1.2万人次增长25%），举办阅读推广活动40场，补助资金32万元。"
LIB_PLAN = "县图书馆全年免费开放，计划接待读者15000人次，比上年的12000人次增长25%，举办阅读推广活动40场，补助资金32万元。"


def _rows(res):
    return [(c.name, c.operator, c.value, c.unit) for c in res.default_table]


def test_past_bases_reads_the_figure_a_comparison_names():
    """The domain's one reader: the figure right after 较上年 / 比上年的 / 与去年同期的, before the change; not the
    change's own figure, not a comparison without a figure."""
    from kb.domain.years import past_bases

    def said(t):
        return [t[a:b] for a, b in past_bases(t)]

    assert said(LIB_BRACKET) == ["1.2万人次"]
    assert said(LIB_PLAN) == ["12000人次"]
    assert said("游客满意度与去年同期的86%相比提高3个百分点") == ["86%"]
    assert said("接待读者人次较上年增长25%") == []
    assert said("计划接待读者15000人次，增长25%") == []


def test_last_years_figure_in_a_comparison_is_no_target(shipped_kb):
    """较上年1.2万人次 / 比上年的12000人次 is last year's count: no row takes it (it gave 图书馆免费开放人次 ≥1.2万人次
    and ≥12000 人次); this year's 15000 stays."""
    for text in (LIB_BRACKET, LIB_PLAN):
        res = suggest_text(shipped_kb, text, "图书馆免费开放")
        rows = _rows(res)
        assert ("接待读者人次", "≥", "15000", "人次") in rows
        assert not any(v in ("1.2", "12000") for _, _, v, _ in rows), rows
        assert "1.2万人次" in res.message or "12000人次" in res.message


def test_the_growth_is_named_by_what_grows(shipped_kb):
    """增长25% after the base is the growth of 接待读者人次, not of the unit (万人次增长率, 人次增长率)."""
    for text in (LIB_BRACKET, LIB_PLAN):
        rows = _rows(suggest_text(shipped_kb, text, "图书馆免费开放"))
        growth = [r for r in rows if r[0].endswith("增长率")]
        assert growth == [("接待读者人次增长率", "≥", "25", "%")], rows
