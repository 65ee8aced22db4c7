"""Defects a second fresh reviewer (a city 财政局) found in suggest's default table, each on a description written
for this test the way county staff write one (none is a trial's text nor in ../shared/data)."""
from __future__ import annotations

import pytest


def _rows(res):
    return [(c.level2_label, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def _suggest(kb, text, name, budget_wan=None):
    return kb.suggest(text, project_name=name, budget_wan=budget_wan, mode="lexical", with_opinions=False)


@pytest.mark.parametrize("text, setting", [
    ("项目区现有水田2.4万亩，本年度新建灌排渠道9公里", [True, False]),
    ("文化馆馆舍面积3100平方米，现有藏品4.5万件。今年举办培训班40期", [True, True, False]),
    ("灌区灌溉保证率不足50%，全年衬砌渠道6公里", [True, False]),
    ("水质达标率仅为70%，本年度新建污水管网4公里", [True, False]),
    ("新建综合楼一栋，建筑面积2000平方米", [False]),
    ("改造现有渠道12公里", [False]),
])
def test_a_figure_of_what_exists_or_of_today_is_the_setting(text, setting):
    """Reported: 项目区现有耕地 …万亩 and 现有藏书 …万册 became targets (≥), so did a library's 馆舍面积 and an
    irrigation rate the text gave as today's shortfall (不足60%). Work done on what stands stays the project's."""
    from kb.suggest.facts import setting_figure
    from kb.suggest.objects import mentions

    assert [setting_figure(m, text) for m in mentions(text)] == setting


def test_setting_figures_bind_no_row_and_are_named_in_the_message(shipped_kb):
    """Reported: a farmland table held 项目区现有耕地面积 ≥1.6 万亩 and 灌溉设计保证率 ≥60 % (today's rate)."""
    res = _suggest(shipped_kb, "项目区现有水田2.4万亩，灌溉保证率不足55%。总投资900万元，建设高标准农田6000亩，"
                               "新建灌排渠道11公里、田间道路8公里，2025年10月底前完工。", "石门乡高标准农田建设项目", 900)
    rows = _rows(res)
    assert not [r for r in rows if r[3] in ("2.4", "55")], rows
    assert "2.4万亩" in res.message and "55%" in res.message, res.message


def test_a_row_naming_what_stands_never_takes_a_target(shipped_kb):
    """A row whose own name says 现有 / 原有 / 已有 counts a stock: whatever the reading of the text missed, it binds no
    number of the text."""
    from kb.suggest.context import read_project
    from kb.suggest.draft import Draft
    from kb.suggest.values import bind_mentions

    ctx = read_project(shipped_kb.index.tokenizer, "今年征集新增藏品900件。", project_name="博物馆藏品征集")
    assert [m.value for m in ctx.mentions] == ["900"]
    stock = Draft(name="现有藏品数量", level2="quantity", source="retrieval", unit="件")
    bind_mentions([stock], ctx)
    assert stock.mention is None and stock.value_source != "text"
