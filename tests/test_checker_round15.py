"""Round 15 of the checker: the eighth fresh reviewer exported suggest's tables and checked them (trial 8, fest.xlsx
and D024.xlsx); the checker passed every row they struck. 活动天数 ≥4 月 (days in months); 系统验收合格率 in a lease
of cabinets (nothing is handed over to accept); 机房租赁服务采购完成时间 2024年12月31日前 beside “2024年7月完成招标采购”.
Descriptions and rows are the reviewer's (own-fest and dev D024)."""
from __future__ import annotations

from kb.checker import check_rows
from kb.domain.units import measure_of, unit_fits
from tests.checker_rows import row as _row

QTY = ("产出指标", "数量指标")
QLT = ("产出指标", "质量指标")
TIM = ("产出指标", "时效指标")

FEST = ("县文化广电和旅游局拟安排经费75万元，于2025年3月中旬至4月上旬在金山镇举办第五届油菜花文化旅游节，开展开幕式"
        "文艺演出、非遗展演、农特产品展销等主题活动8场。去年第四届旅游节接待游客18万人次，实现旅游综合收入1.1亿元；今年"
        "目标接待游客20万人次以上，带动周边农户销售农特产品300万元，游客满意度达到90%以上。")
FEST_CTX = {"description": FEST, "project": "第五届油菜花文化旅游节", "budget_wan": 75, "budget_year": 2025}


def _by(rep):
    return {(f.row, f.rule_id): f for f in rep.findings}


# ------------------------------------------------------------------ 1. days counted in months
def test_days_counted_in_months_do_not_fit():
    """fest.xlsx: 活动天数 | ≥4 | 月 passed — …天数 was read as no measure at all (天数 is not a count of things, so
    `measure_of` gave None and every unit fitted). A name counting days is now measured in 天 (日, 工作日): UNIT-02
    fires and the 4 (from “4月上旬”) is never moved into 天."""
    assert measure_of("活动天数") == "days"
    assert not unit_fits("days", "月") and unit_fits("days", "天") and unit_fits("days", "个工作日")
    rep = check_rows([_row(*QTY, "主题活动场次", "≥", "8", "场"), _row(*QTY, "活动天数", "≥", "4", "月")],
                     context=FEST_CTX)
    hit = _by(rep)[(2, "UNIT-02")]
    assert "“活动天数”应以天" in hit.message and "“月”" in hit.message, hit.message
    assert hit.suggestion.text.startswith("待填写") and "4月不能直接改作4天" in hit.suggestion.text, hit.suggestion


def test_days_counted_in_days_pass():
    """活动天数 ≥20 天 and 培训天数 ≥3 个工作日 fit: no UNIT-02."""
    rep = check_rows([_row(*QTY, "活动天数", "≥", "20", "天"), _row(*QTY, "培训天数", "≥", "3", "个工作日")],
                     context=FEST_CTX)
    assert not [f for f in rep.findings if f.rule_id == "UNIT-02"]
