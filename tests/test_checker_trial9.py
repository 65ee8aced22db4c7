"""Defects of the ninth fresh reviewer's trial (/tmp/trial9, a county 财政局 reviewer): a figure TXT-06 calls
unreadable read by COST-04, a yearly target “全年累计供餐不少于18万人次” called background (REL-06), a row
figure that contradicts the description's, a near-duplicate reported only after --fix, and the --fix .xlsx."""
from __future__ import annotations

from tests.checker_rows import QLT, QTY, SAT, SOC, TIM, found, row

COST = ("成本指标", "经济成本指标")


def test_a_figure_txt06_calls_unreadable_is_read_by_no_rule():
    """“1,0000” 万元 (1,000? 10,000?): TXT-06 said the target cannot be determined, yet COST-04 said
    “成本1000万元超过项目预算100万元”. The figure is read by no rule; a well-grouped one still is."""
    f = found([row(*COST, "成本", "≤", "1,0000", "万元")], budget_wan=100)
    assert (1, "TXT-06") in f
    assert (1, "COST-04") not in f
    f = found([row(*COST, "成本", "", "≤1,0000万元", "")], budget_wan=100)
    assert (1, "TXT-06") in f and (1, "COST-04") not in f
    assert (1, "UNIT-01") not in f  # the unit written after the figure is still read
    f = found([row(*COST, "成本", "≤", "1,000", "万元")], budget_wan=100)
    assert "成本1000万元超过项目预算100万元" in f[(1, "COST-04")].message
