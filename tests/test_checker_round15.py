"""Round 15 of the checker: the eighth fresh reviewer exported suggest's tables and checked them (trial 8, fest.xlsx
and D024.xlsx); the checker passed every row they struck. 活动天数 ≥4 月 (days in months); 系统验收合格率 in a lease
of cabinets (nothing is handed over to accept); 机房租赁服务采购完成时间 2024年12月31日前 beside “2024年7月完成招标采购”.
Descriptions and rows are the reviewer's (own-fest and dev D024)."""
from __future__ import annotations

from kb.checker import check_rows
from kb.domain.units import measure_of, unit_fits
from tests.checker_rows import QTY, QLT, TIM, by_key as _by, row as _row


FEST = ("县文化广电和旅游局拟安排经费75万元，于2025年3月中旬至4月上旬在金山镇举办第五届油菜花文化旅游节，开展开幕式"
        "文艺演出、非遗展演、农特产品展销等主题活动8场。去年第四届旅游节接待游客18万人次，实现旅游综合收入1.1亿元；今年"
        "目标接待游客20万人次以上，带动周边农户销售农特产品300万元，游客满意度达到90%以上。")
FEST_CTX = {"description": FEST, "project": "第五届油菜花文化旅游节", "budget_wan": 75, "budget_year": 2025}


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


# ------------------------------------------------------------------ 2. an acceptance in a lease
D024_NAME = "黄山市雪亮工程市本级机房租赁2024至2027服务采购项目"
D024 = ("其他运转类项目,年度预算1681680元。项目概况:市本级雪亮工程后端机房租赁服务,共计77个机柜,租赁周期36个月,2024年7月"
        "完成招标采购,服务期限3年,逐年支付。总体目标:保障雪亮工程机房租赁延续,保障机房内所有设备设施运转,保障雪亮工程持续发挥积极作用。")
D024_CTX = {"description": D024, "project": D024_NAME, "budget_wan": 168.168, "budget_year": 2024}


def test_a_lease_bought_as_a_service_builds_and_buys_nothing():
    """D024 rents 77 cabinets: its 服务采购 / 招标采购 buy a service and 雪亮工程 names the programme served, so
    `builds_or_buys` (one reading for the checker's STR-10 and suggest's dedupe) is False; a lease that also buys
    goods (采购服务器2台, 新建机房) still hands them over."""
    from kb.domain.words import builds_or_buys
    assert not builds_or_buys(D024_NAME + D024)
    assert not builds_or_buys("政务服务一体化平台运维服务采购。2025年拟以92.8万元采购第三方运维服务，合同期12个月。")
    assert builds_or_buys("机房运维服务采购，采购服务器2台") and builds_or_buys("机房租赁，新建机房1间")


def test_an_acceptance_in_a_lease_is_flagged():
    """D024.xlsx: 系统验收合格率 =100 % passed in a lease of cabinets. REL-05 now says it has nothing handed over to
    accept (advice: delete the row); the same row in a project that builds passes, and so does an acceptance of a
    work the row names itself (设备更换验收合格率)."""
    rows = [_row(*QTY, "机柜数量", "≥", "77", "个"), _row(*QLT, "系统验收合格率", "=", "100", "%"),
            _row(*QLT, "设备更换验收合格率", "=", "100", "%")]
    got = _by(check_rows(rows, context=D024_CTX))
    assert (2, "REL-05") in got and "没有交付验收的对象" in got[(2, "REL-05")].message, got
    assert (3, "REL-05") not in got
    built = dict(D024_CTX, description=D024 + "同步新建机房1间。")
    assert (2, "REL-05") not in _by(check_rows(rows, context=built))


def test_suggest_sets_the_acceptance_of_a_lease_aside(shipped_kb):
    """suggest reads the lease alike: D024's default table holds no 验收 row (the reviewer struck 系统验收合格率)."""
    table = shipped_kb.suggest(D024, project_name=D024_NAME, budget_wan=168.168, mode="lexical").default_table
    assert not [c.name for c in table if "验收" in c.name], [c.name for c in table]


# ------------------------------------------------------------------ 3. a month stated for a completion
def test_a_month_stated_for_a_completion_is_its_deadline():
    """D024: 机房租赁服务采购完成时间 2024年12月31日前 beside “2024年7月完成招标采购” passed TIME-06 — the reader took
    only dates said with 前 (or a span's end). A month stated for a work's completion is now that month's end:
    TIME-06 fires and the rewrite is 2024年7月31日前."""
    from kb.checker.rewrite import read_work_deadline
    assert read_work_deadline(D024, 2024, "机房租赁服务采购完成时间") == ("2024年7月31日前", [])
    rows = [_row(*QTY, "机柜数量", "≥", "77", "个"), _row(*TIM, "机房租赁服务采购完成时间", "", "2024年12月31日前", "")]
    hit = _by(check_rows(rows, context=D024_CTX))[(2, "TIME-06")]
    assert "2024年7月31日前" in hit.message and hit.suggestion.text == "指标值改为“2024年7月31日前”", hit


def test_suggest_dates_the_work_by_the_stated_month(shipped_kb):
    """suggest binds through the same reader: D024's 时效 row takes 2024年7月31日前 (it wrote 2024年12月31日前 with
    “描述未写明完成时限，按预算年度末设定”)."""
    table = shipped_kb.suggest(D024, project_name=D024_NAME, budget_wan=168.168, mode="lexical").default_table
    # a dated 时效 row takes the stated month; none is dated by the budget year's end (the table may time the
    # lease by its stated 服务期限 instead)
    dated = [c.value for c in table if c.level2_label == "时效指标" and "日前" in c.value]
    assert dated in ([], ["2024年7月31日前"]) and not [c for c in table if "12月31日前" in c.value], [
        (c.name, c.value) for c in table]


def test_a_date_reported_as_of_is_no_deadline():
    """dev E042 (a self-evaluation): “截止2023年11月30日完成农村危房改造129户” reports a count as of that day; it
    dates nothing, and a month in a span (3月至4月完成) is the span's end."""
    from kb.checker.rewrite import read_work_deadline
    assert read_work_deadline("截止2023年11月30日完成农村危房改造129户。", 2023, "危房改造完成时间") == (None, [])
    assert read_work_deadline("2025年3月至4月完成全部改造。", 2025, "改造完成时间") == ("2025年4月30日前", [])
