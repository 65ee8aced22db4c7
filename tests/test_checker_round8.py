"""Round 8 of the checker's known defects: the stated-date rule guessing the text's first deadline for a row
whose work no clause names (TIME-05 / STR-03 / TIME-01 rewrites), UNIT-04 reading every M as 米, and STR-12
not saying which of two rows to change."""
from __future__ import annotations

from kb.checker import apply_fixes, check_rows
from kb.domain.schema import TableInput
from tests.checker_rows import found as _found, row as _row

TIME = ("产出指标", "时效指标")
QTY = ("产出指标", "数量指标")

# two dates in the year, neither for the acceptance nor for the project's completion
TWO_DATES = "2025年文化活动中心设备更新项目，预算50万元。2025年3月底前完成招标，9月30日前完成设备采购。"


def test_two_stated_deadlines_and_none_for_the_row_leave_the_row_as_written():
    """The text's first date (the tendering's 3月31日前) was written into 验收完成及时率 → 验收完成时间 and into a
    blank 项目完成时间. With two dates and no clause for the row's work nor for the project's completion no
    date is guessed: the row keeps its value and the advice names both dates with what each is for."""
    rows = [_row(*TIME, "验收完成及时率", "=", "100", "%"), _row(*TIME, "项目完成时间", "", "", "")]
    ctx = {"budget_year": 2025, "description": TWO_DATES}
    rep = check_rows(rows, context=ctx)
    got = {(f.row, f.rule_id): f.suggestion for f in rep.findings if f.row}
    for key in ((1, "TIME-05"), (2, "STR-03")):
        s = got[key]
        assert s.value is None and s.name is None and not s.delete, (key, s)
        assert "2025年3月31日前：完成招标" in s.text and "2025年9月30日前：完成设备采购" in s.text, s.text
        assert s.text.startswith("未自动填写时限：项目概况写明2个时限"), s.text
    assert "验收完成时间" in got[(1, "TIME-05")].text   # the rename it would take is said, not applied
    fixed = apply_fixes(TableInput(rows=rows, context=ctx), rep).rows
    assert [(r.name, r.value) for r in fixed if r.level2 == "时效指标"] == [("验收完成及时率", "100"), ("项目完成时间", "")]
    # the work a clause names is still read, and a single date is still the project's
    rep = check_rows([_row(*TIME, "设备采购完成及时率", "=", "100", "%")],
                     context={"budget_year": 2025, "description": TWO_DATES})
    assert [f.suggestion.value for f in rep.findings if f.rule_id == "TIME-05"] == ["2025年9月30日前"]
    rep = check_rows([_row(*TIME, "项目完成时间", "", "", "")],
                     context={"budget_year": 2025, "description": "设备更新项目。9月30日前完成设备采购。"})
    assert [f.suggestion.value for f in rep.findings if f.rule_id == "STR-03"] == ["2025年9月30日前"]


def test_the_projects_completion_date_is_taken_when_the_text_says_it():
    """项目于…前竣工 / 完成全部建设 dates the whole project: a row whose work no clause names takes it (every
    work is done by then), except a work that follows completion (验收)."""
    from kb.checker.rewrite import read_work_deadline

    desc = "2025年3月底前完成招标，项目于2025年10月底前竣工，12月15日前完成审计。"
    assert read_work_deadline(desc, 2025, "项目完成时间") == ("2025年10月31日前", [])
    assert read_work_deadline(desc, 2025, "护岸修复完成时间") == ("2025年10月31日前", [])
    assert read_work_deadline(desc, 2025, "审计完成时间") == ("2025年12月15日前", [])  # its own clause
    date, said = read_work_deadline(desc, 2025, "验收完成时间")
    assert date is None and [d for d, _ in said] == ["2025年3月31日前", "2025年10月31日前", "2025年12月15日前"]
    # 项目…完成招标 dates the tendering, not the project
    date, said = read_work_deadline("项目于3月底前完成招标，9月底前完成设备采购。", 2025, "项目完成时间")
    assert date is None and len(said) == 2
    f = _found([_row(*TIME, "项目完成及时率", "=", "100", "%")], budget_year=2025, description=desc)
    s = f[(1, "TIME-05")].suggestion
    assert (s.name, s.value) == ("项目完成时间", "2025年10月31日前"), s.text


def _unit_04(rows: list) -> dict[int, tuple[str, str | None, str | None]]:
    """UNIT-04 per row: (message, the unit and the value its suggestion writes)."""
    rep = check_rows(rows, context={"budget_year": 2025})
    return {f.row: (f.message, f.suggestion.unit, f.suggestion.value) for f in rep.findings if f.rule_id == "UNIT-04"}


def test_an_m_of_bandwidth_storage_or_power_is_mega_not_metre():
    """UNIT-04 read every M as 米: 网络带宽 ≥100 M was to become ≥100米, 10MW was called 米 and left as it was.
    An M alone is 兆 when the row speaks of broadband (带宽, 100M宽带), storage or power; MW / kW are 兆瓦 /
    千瓦. A length stays in 米 (雾炮车风炮射程 80 M of D002 and D030, 宽带光纤铺设长度 800 M), and km is 公里
    (E007's 道路硬化 ≥0.565 km)."""
    got = _unit_04([_row(*QTY, "网络带宽", "≥", "100", "M"),
                    _row(*QTY, "光伏电站装机容量", "≥", "10", "MW"),
                    _row(*QTY, "光伏装机容量", "≥", "10MW", ""),
                    _row(*QTY, "政务云存储扩容", "≥", "500", "M"),
                    _row(*QTY, "村小学接入宽带", "≥", "100M", ""),
                    _row(*QTY, "雾炮车风炮射程", "≥", "80", "M"),
                    _row(*QTY, "宽带光纤铺设长度", "≥", "800", "M"),
                    _row(*QTY, "道路硬化", "≥", "0.565", "km")])
    assert got[1] == ("计量单位“M”是英文写法；本行计量的是带宽，“M”是“兆”而不是“米”，应写作“兆比特每秒”",
                      "兆比特每秒", None), got[1]
    assert got[2] == ("计量单位“MW”是英文写法，应写作“兆瓦”", "兆瓦", None), got[2]
    assert got[3][1:] == (None, "10兆瓦") and "兆瓦" in got[3][0], got[3]
    assert got[4][1] == "兆字节" and "存储容量" in got[4][0], got[4]
    assert got[5][2] == "100兆比特每秒", got[5]
    assert got[6] == ("计量单位“M”是英文写法，应写作“米”", "米", None), got[6]
    assert got[7][1] == "米", got[7]
    assert got[8] == ("计量单位“km”是英文写法，应写作“公里”", "公里", None), got[8]


def test_a_mega_unit_rewritten_reads_back_as_a_unit():
    """The Chinese units UNIT-04 writes are units of the one vocabulary (`kb.domain.units`): 10兆瓦 is a number
    with its unit (no UNIT-01 “没有计量单位” after the fix), 兆瓦 and MW count one thing, and suggest reads
    装机10兆瓦 in a description as a quantity."""
    from kb.domain.units import latin_unit, units_compatible
    from kb.suggest.quantities import find_quantities

    rows = [_row(*QTY, "光伏装机容量", "≥", "10MW", ""), _row(*QTY, "网络带宽", "≥", "100", "M")]
    ctx = {"budget_year": 2025}
    rep = check_rows(rows, context=ctx)
    fixed = apply_fixes(TableInput(rows=rows, context=ctx), rep).rows
    # trial 14: --fix puts a unit written after the value's one number in the 计量单位 cell (10 | 兆瓦, no longer
    # 10兆瓦 | empty), as every other row of the fixed table has it
    assert [(r.name, r.value, r.unit) for r in fixed[:2]] == [("光伏装机容量", "10", "兆瓦"),
                                                             ("网络带宽", "100", "兆比特每秒")]
    again = check_rows(fixed[:2], context=ctx)
    assert not [(f.row, f.rule_id) for f in again.findings if f.row and f.rule_id.startswith("UNIT")]
    assert units_compatible("兆瓦", "MW") and latin_unit("kW/户") == ("kW", "千瓦/户")
    assert latin_unit("M", "雾炮车风炮射程", "80") == ("M", "米")
    assert [(q.value, q.unit) for q in find_quantities("新建村级光伏电站，装机容量10兆瓦。")] == [("10", "兆瓦")]


COST = ("成本指标", "经济成本指标")
SAT = ("满意度指标", "服务对象满意度指标")
SOC = ("效益指标", "社会效益指标")


def _str_12(rows: list):
    return _found(rows)[(None, "STR-12")]


def test_one_name_in_two_unit_kinds_says_which_row_to_change():
    """STR-12 said “在名称中写明各自的口径” for 项目总成本 ≤50 万元 beside 项目总成本 =600 元/人 without saying
    which row is wrong: the one whose unit does not fit the name — a per-unit amount under a total's name
    (renamed 人均项目成本), a total under a per-unit name, a count under a length. Both rows are named; neither
    is deleted."""
    h = _str_12([_row(*QTY, "培训人数", "≥", "800", "人"), _row(*COST, "项目总成本", "≤", "50", "万元"),
                 _row(*COST, "项目总成本", "=", "600", "元/人")])
    assert h.message.endswith("“项目总成本”（第2、3行：≤50万元、=600元/人），计量的不是同一口径；名称“项目总成本”未写"
                              "单位口径，读作总额，第3行的计量单位“元/人”却是单位金额，应改第3行"), h.message
    assert h.suggestion.text == "不要删除：第3行名称改为“人均项目成本”，第2行保留", h.suggestion.text
    assert not h.suggestion.delete_rows
    h = _str_12([_row(*QTY, "更换节能灯具数量", "≥", "800", "套"), _row(*COST, "照明设施维护成本", "=", "0.62", "元/千瓦"),
                 _row(*COST, "照明设施维护成本", "≤", "210", "万元")])
    assert h.suggestion.text == "不要删除：第2行名称改为“每千瓦照明设施维护成本”，第3行保留", h.suggestion.text
    h = _str_12([_row(*QTY, "补助人数", "≥", "800", "人"), _row(*COST, "人均补助标准", "=", "600", "元/人"),
                 _row(*COST, "人均补助标准", "≤", "48", "万元")])
    assert "第3行的计量单位“万元”却是总额，应改第3行" in h.message and "“补助总额”" in h.suggestion.text, h.message
    h = _str_12([_row(*QTY, "道路修缮长度", "≥", "5", "公里"), _row(*QTY, "道路修缮长度", "≥", "3", "个")])
    assert "第2行的计量单位“个”不是，应改第2行" in h.message and h.suggestion.text.endswith("第1行保留"), h.message
    # neither unit is at fault: both rows are named and both are to say their 口径
    h = _str_12([_row(*QTY, "路灯", "≥", "5", "公里"), _row(*QTY, "路灯", "≥", "300", "盏")])
    assert h.suggestion.text == "不要删除：第1、2行在名称中分别写明口径（如总成本、单位成本），并核实计量单位"


def test_one_group_surveyed_twice_says_which_row_to_change():
    """群众满意度 beside 受益群众满意度: STR-12 named both rows but left which to drop to the declarant. The row
    filed outside 满意度指标 is the one to change (a satisfaction is a 满意度指标); under one level, the later
    row (the group is surveyed once), with both targets when they differ. Advice: nothing is deleted."""
    people = _row(*QTY, "培训人数", "≥", "800", "人")
    h = _str_12([people, _row(*SAT, "群众满意度", "≥", "90", "%"), _row(*SAT, "受益群众满意度", "≥", "95", "%")])
    assert h.message.endswith("调查的是同一对象的满意度；第3行重复调查第2行已调查的对象，应改第3行"), h.message
    assert h.suggestion.text.startswith("删除第3行“受益群众满意度”，保留第2行“群众满意度”（两行指标值不一致，"
                                        "请核实保留的目标：≥90%、≥95%）"), h.suggestion.text
    assert not h.suggestion.delete_rows
    h = _str_12([people, _row(*SOC, "受益群众满意度", "≥", "85", "%"), _row(*SAT, "群众满意度", "≥", "90", "%")])
    assert "第2行列在效益指标下，满意度应列入满意度指标，应改第2行" in h.message, h.message
    assert h.suggestion.text.startswith("删除第2行“受益群众满意度”，保留第3行“群众满意度”"), h.suggestion.text


def test_the_added_completion_row_takes_the_projects_date_not_the_first():
    """STR-10's added 项目完成时间 took the text's first date too (the tendering's 3月31日前): it takes the
    project's completion date when a clause says it, else — several dates, none the project's — the budget
    year's end, as with no date stated."""
    def added(desc: str) -> str:
        rep = check_rows([_row(*QTY, "采购设备数量", "≥", "20", "台")], context={"budget_year": 2025, "description": desc})
        [f] = [f for f in rep.findings if f.rule_id == "STR-10"]
        return next(r["value"] for r in f.suggestion.add_rows if r["name"] == "项目完成时间")

    assert added("2025年3月底前完成招标，项目于2025年10月底前竣工。") == "2025年10月31日前"
    assert added(TWO_DATES) == "2025年12月31日前"
    assert added("设备更新项目，9月30日前完成设备采购。") == "2025年9月30日前"
