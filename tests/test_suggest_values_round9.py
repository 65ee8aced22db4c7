"""Round 9 (values): the QA report on issue 10 (/tmp/lead/qa_report.md) — stated figures the table missed or read
backwards, stated figures asked again by a 待填写 row, and tables short of rows or of a required slot (the texts are
the QA engineer's own, verbatim)."""
from __future__ import annotations


def _rows(res):
    return [(c.level2_label, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def _suggest(kb, text, name, budget_wan=None):
    return kb.suggest(text, project_name=name, budget_wan=budget_wan, mode="lexical", with_opinions=False)


E1 = "县民政局对城乡社区老年助餐服务给予补助，全县设立助餐点8个，为70岁以上老年人提供助餐服务2.4万人次。"


# ------------------------------------------------------------------ 1. stated quantities missed

def test_points_set_up_by_the_project_are_its_count_not_the_setting(shipped_kb):
    """全县设立助餐点8个: 设立 is work of the project (as the checker reads it: it proposes ≥8个), no 现有 word makes it
    what stands — so the count row holds 8 and the message calls nothing the setting."""
    res = _suggest(shipped_kb, E1, "民政局老年助餐补助", 40)
    rows = _rows(res)
    hit = [r for r in rows if "助餐点" in r[1] and r[4] == "个"]
    assert hit and hit[0][2:] == ("≥", "8", "个"), rows
    assert "现状" not in (res.message or ""), res.message


def test_points_that_stand_stay_the_setting(shipped_kb):
    """全县现有助餐点8个 still says what stands: the setting, no target."""
    res = _suggest(shipped_kb, "全县现有助餐点8个，为70岁以上老年人提供助餐服务2.4万人次。", "民政局老年助餐补助", 40)
    assert "全县现有助餐点8个" in (res.message or ""), res.message
    assert not [r for r in _rows(res) if r[3] == "8"], _rows(res)


I2 = "政务外网运维服务，故障响应时长不超过30分钟，网络可用率不低于99.5%。"
I3 = "政务外网运维服务，故障响应时间不长于1小时，到场时间不超过4小时。"


def test_a_limit_in_minutes_binds_the_limit_row_in_hours(shipped_kb):
    """故障响应时长不超过30分钟: the 故障响应时间 row (小时 in the library) holds ≤ 30 分钟 as the text says it — it had stayed
    待填写 小时, the 30 lost."""
    rows = _rows(_suggest(shipped_kb, I2, "网络运维服务", 60))
    hit = [r for r in rows if r[1] == "故障响应时间"]
    assert hit == [("时效指标", "故障响应时间", "≤", "30", "分钟")], rows


def test_a_limit_named_before_its_figure_is_a_row(shipped_kb):
    """到场时间不超过4小时 beside 故障响应时间不长于1小时: two limits of two works, both rows (到场时间 had been missed)."""
    rows = _rows(_suggest(shipped_kb, I3, "网络运维服务", 60))
    assert ("时效指标", "故障响应时间", "≤", "1", "小时") in rows, rows
    assert ("时效指标", "到场时间", "≤", "4", "小时") in rows, rows
