"""A project's year in brackets closing its name (雾炮车抑尘降尘服务(2024), dev D030) is its 预算年度: the session's
last dump showed D030's completion date as 当年12月31日前 though the name says 2024."""
from __future__ import annotations

from kb.domain.years import stated_year
from tests.kbfactory import suggest_dev


def test_a_bracketed_year_closing_the_name_is_the_projects_year():
    assert stated_year("雾炮车抑尘降尘服务(2024)", "对城区主干道开展抑尘降尘作业。") == 2024
    assert stated_year("雾炮车抑尘降尘服务（2024）", None) == 2024
    # only in the name: a bracketed figure in the description is no year said
    assert stated_year("雾炮车抑尘降尘服务", "购置雾炮车(2024)台") is None
    # two years in the name name none
    assert stated_year("道路养护(2024)2025年续建", None) is None


def test_d030_is_dated_by_its_names_year(shipped_kb):
    res = suggest_dev(shipped_kb, "D030")
    dates = [c.value for c in res.default_table if c.level2 == "timeliness" and "月" in (c.value or "")]
    assert dates and all(v.startswith("2024年") for v in dates), dates
