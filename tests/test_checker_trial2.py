"""Defects of the second fresh reviewer's trial (/tmp/lead/trial2): English words and emoji in a row,
a benefit to people moved to an output count, and a library explanation naming another programme."""
from __future__ import annotations

from kb.checker import check_rows
from kb.checker.rewrite import guess_level
from kb.domain.schema import Level1, Level2, TargetRow


def _row(l1, l2, name, op, value, unit):
    return TargetRow(level1=l1, level2=l2, name=name, operator=op, value=value, unit=unit)


def _found(rows, **ctx):
    rep = check_rows(rows, context=ctx)
    return {(f.row, f.rule_id): f for f in rep.findings}


def test_a_benefit_to_people_under_benefit_quantity_goes_to_social_benefit():
    f = _found([_row("产出指标", "数量指标", "购置设备数量", "≥", "252", "台"),
                _row("效益指标", "数量指标", "群众看病便利程度", "", "显著提升", "")])
    s = f[(2, "STR-02")].suggestion
    assert s.level1 is None and s.level2 == "社会效益指标"  # the 一级 stays 效益指标
    for name in ("群众办事便捷性", "居民安全感", "群众获得感"):
        assert guess_level(name) == (Level1.benefit, Level2.social_benefit), name


def test_a_library_explanation_naming_another_programme_is_not_copied():
    from kb.io.xlsx_table import TableRow, TargetTable, fill_explanations

    class _Ind:
        def __init__(self, explanation):
            self.explanation = explanation

    lib = {"村民满意度": _Ind("村民对人居环境整治成效的满意程度"),
           "乡村医生培训人数": _Ind("年度内参加培训的乡村医生人数"),
           "改造户数": _Ind("完成农村危房改造的户数"),
           "群众满意度": _Ind("群众对项目实施效果的满意程度")}
    rows = [TableRow(level1="满意度指标", level2="服务对象满意度指标", name=n, operator="≥", value="90", unit="%")
            for n in lib]
    table = TargetTable(project_name="村卫生室设备购置及乡村医生培训",
                        description="为42个村卫生室购置基本医疗设备252台（套），培训乡村医生600人次。", rows=rows)
    got = {r.name: r.explanation for r in fill_explanations(table, lambda r: lib.get(r.name)).rows}
    assert got == {"村民满意度": "村民对项目实施效果的满意程度",      # the library's names 人居环境整治
                   "乡村医生培训人数": "年度内参加培训的乡村医生人数",  # fits the project: kept
                   "改造户数": "",                                   # 危房改造 is another programme
                   "群众满意度": "群众对项目实施效果的满意程度"}
    table = TargetTable(project_name="农村人居环境整治", description="整治村庄12个", rows=rows[:1])
    assert fill_explanations(table, lambda r: lib.get(r.name)).rows[0].explanation == "村民对人居环境整治成效的满意程度"
