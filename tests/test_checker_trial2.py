"""Defects of the second fresh reviewer's trial (/tmp/lead/trial2): English words and emoji in a row,
a benefit to people moved to an output count, and a library explanation naming another programme."""
from __future__ import annotations

from kb.checker.rewrite import guess_level
from kb.domain.schema import Level1, Level2
from tests.checker_rows import found as _found, row as _row


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


QTY = ("产出指标", "数量指标")


def test_removing_spaces_keeps_one_between_latin_words():
    f = _found([_row(*QTY, "LED  street lights", "≥", "500", "盏"), _row(*QTY, "路灯 更换数量", "≥", " 500", "盏")])
    assert f[(1, "TXT-02")].suggestion.name == "LED street lights"
    assert f[(2, "TXT-02")].suggestion.name == "路灯更换数量"
    assert (1, "TXT-02") not in _found([_row(*QTY, "LED street lights", "≥", "500", "盏")])  # as it is written


def test_an_emoji_in_a_name_value_or_unit_is_a_text_finding_whose_fix_drops_it():
    f = _found([_row(*QTY, "LED street lights 😀", "≥", "500", "盏"), _row(*QTY, "更换路灯数量", "≥", "300🍚", "盏"),
                _row(*QTY, "★补助鱼塘面积", "≥", "30", "亩")])
    assert f[(1, "TXT-05")].field == "name" and f[(1, "TXT-05")].suggestion.name == "LED street lights"
    assert f[(1, "TXT-02")].suggestion.name == "LED street lights"
    assert f[(2, "TXT-05")].field == "value" and f[(2, "TXT-05")].suggestion.value == "300"
    assert (3, "TXT-05") not in f  # a template's ★ is no pictograph (the placeholder clean-up's)
    f = _found([_row(*QTY, "路灯\u200b更换数量", "≥", "500", "盏")])
    assert f[(1, "TXT-05")].suggestion.name == "路灯更换数量"  # was 删除该行：无法自动改写 (the raw name put back)


def test_a_unit_in_english_is_proposed_in_chinese_or_flagged_as_non_standard():
    rows = [_row(*QTY, "更换路灯数量", "≥", "500", "pcs"), _row(*QTY, "道路长度", "≥", "12", "km"),
            _row(*QTY, "绿化面积", "≥", "300", "㎡"), _row(*QTY, "垃圾清运量", "≥", "5", "t"),
            _row(*QTY, "化肥减量", "≥", "20", "kg"), _row(*QTY, "受益人数", "≥", "300", "person"),
            _row(*QTY, "设备数量", "≥", "30", "sets"), _row("产出指标", "质量指标", "验收合格率", "=", "100", "%"),
            _row("产出指标", "质量指标", "差错率", "≤", "1", "‰"), _row(*QTY, "培训人数", "≥", "30", "人")]
    f = _found(rows)
    got = {row: (x.severity, x.suggestion.unit) for (row, rid), x in f.items() if rid == "UNIT-04"}
    assert got == {1: ("warning", "个"), 2: ("warning", "公里"), 3: ("warning", "平方米"), 4: ("warning", "吨"),
                   5: ("warning", "千克"), 6: ("warning", "人"), 7: ("warning", None)}
    assert "不是规范的中文计量单位" in f[(7, "UNIT-04")].message and "sets" in f[(7, "UNIT-04")].suggestion.text
    assert "“㎡”" in f[(3, "UNIT-04")].message
    assert (3, "UNIT-02") not in f and (6, "UNIT-02") not in f  # 平方米 and 人 fit 面积 and 人数
