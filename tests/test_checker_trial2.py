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
