"""Defects of the third fresh reviewer's trial (/tmp/lead/trial3, a provincial 财政厅 reviewer): one name
over a total and a per-unit cost, work on a negative read as the negative, a per-town breakdown read as
the project total, invented fix values, a duplicate-making fix, garbled completion-time rewrites and a
budget of 0."""
from __future__ import annotations

from kb.checker import check_rows
from tests.checker_rows import found as _found, row as _row


QTY = ("产出指标", "数量指标")
QUAL = ("产出指标", "质量指标")
COST = ("成本指标", "经济成本指标")
SOC = ("效益指标", "社会效益指标")
SAT = ("满意度指标", "服务对象满意度指标")


def test_one_name_over_a_total_and_a_per_unit_cost_deletes_neither_row():
    rows = [_row(*QTY, "更换节能灯具数量", "≥", "800", "套"),
            _row(*COST, "灯具维护成本", "=", "0.5", "元/千瓦时"),
            _row(*COST, "灯具维护成本", "≤", "90", "万元")]
    rep = check_rows(rows)
    hit = [f for f in rep.findings if f.rule_id == "STR-12"]
    assert len(hit) == 1 and "计量单位不同" in hit[0].message
    assert not hit[0].suggestion.delete_rows  # the total cost row stays
    # the same name over two totals is still a repeat, and the repeat is deleted
    rows[1] = _row(*COST, "灯具维护成本", "≤", "80", "万元")
    hit = [f for f in check_rows(rows).findings if f.rule_id == "STR-12"]
    assert hit and hit[0].suggestion.delete_rows == [3]


def test_work_done_on_a_negative_named_before_it_is_higher_is_better():
    from kb.checker.parse import name_direction
    for n in ("处理群众反映路灯故障工单数量", "维修故障水泵数量", "处理投诉件数"):
        assert name_direction(n) == "pos", n
    for n in ("未处理故障数量", "路灯故障次数", "故障数量"):
        assert name_direction(n) == "neg", n
    f = _found([_row(*QTY, "处理居民反映供水故障工单数量", "≥", "860", "件")])
    assert (1, "OP-04") not in f


def test_a_per_town_row_is_no_restatement_of_the_project_total():
    desc = "安排运营补助资金150万元，用于12个乡镇垃圾中转站的运行维护。"
    rows = [_row(*QTY, "乡镇河西镇垃圾中转站运营补助覆盖数", "≥", "1", "座"),
            _row(*QTY, "每个乡镇垃圾中转站配备车辆数", "≥", "1", "辆"),
            _row(*QTY, "乡镇垃圾中转站运营补助覆盖数", "≥", "120", "座")]
    f = _found(rows, description=desc, project_name="乡镇垃圾中转站运营补助")
    assert (1, "FEAS-04") not in f and (2, "FEAS-04") not in f
    assert (3, "FEAS-04") in f  # the whole, written ten times over, is still found


class _Library:
    """A library whose typical target for every count of days is another project's ≥200 天."""

    def __call__(self, name, level2):
        return None

    def typical(self, name, level2):
        return ("≥", 200.0, "天") if name.endswith("天数") else None


def _with_library(rows, **ctx):
    return {(f.row, f.rule_id): f for f in check_rows(rows, context=ctx, lookup=_Library()).findings}


def test_a_blank_count_of_days_takes_the_description_figure_or_is_left_to_fill():
    rows = [_row(*QTY, "购置食堂设备数量", "≥", "300", "台（套）"), _row(*QTY, "学生课后服务天数", "", "", "天")]
    got = _with_library(rows, description="为12所学校购置食堂设备300台（套）。")[(2, "STR-03")].suggestion
    assert got.value is None or "200" not in str(got.value)
    assert "待填写" in (got.text or "") and "典型值" in got.text
    said = _with_library(rows, description="为12所学校开展课后服务，全年服务不少于180天。")[(2, "STR-03")].suggestion
    assert (said.operator, said.value) == ("≥", "180")


def test_a_blank_cost_row_beside_a_filled_one_is_deleted_not_filled_with_the_budget():
    rows = [_row(*QTY, "改造农户数量", "≥", "40", "户"),
            _row(*COST, "农户改造成本", "≤", "180", "万元"),
            _row(*COST, "补助资金拨付", "", "", "万元"),
            _row(*SAT, "改造户满意度", "≥", "95", "%")]
    s = _found(rows, budget_wan=180)[(3, "STR-03")].suggestion
    assert s.delete and "第2行" in s.text
    # alone, a blank cost row is still capped by the budget
    s = _found([rows[0], rows[2], rows[3]], budget_wan=180)[(2, "STR-03")].suggestion
    assert not s.delete and s.value == "180"


def test_an_on_time_completion_rate_is_renamed_with_its_work_word_once():
    rows = [_row(*QTY, "新建桥梁数量", "≥", "3", "座"),
            _row("产出指标", "时效指标", "桥梁建设项目按期完工率", "=", "100", "%")]
    s = _found(rows, description="2024年新建桥梁3座。", budget_year=2024)[(2, "TIME-05")].suggestion
    assert s.name == "桥梁建设项目完工时间" and s.value == "2024年12月31日前"  # no date stated: the year's end
    s = _found(rows, description="2024年新建桥梁3座，2024年10月底前完工。", budget_year=2024)[(2, "TIME-05")].suggestion
    assert s.value == "2024年10月31日前"


def test_a_budget_of_0_beside_a_cost_is_a_cost_04_finding_whose_fix_waits_for_the_budget():
    rows = [_row(*QTY, "运维站点数量", "≥", "12", "个"), _row(*COST, "运维成本", "≤", "360", "万元")]
    f = _found(rows, budget_wan=0)
    assert (2, "COST-04") in f and "0万元" in f[(2, "COST-04")].message
    s = f[(2, "COST-04")].suggestion
    assert s.value is None and "待填写" in s.text  # never ≤0 万元
    assert (2, "COST-04") not in _found(rows, budget_wan=400)
    assert (2, "COST-04") not in _found(rows)  # no budget given: nothing to compare with
