"""The checker's test rows: one row as a declarant writes it, and a table's findings keyed by (row, rule id)."""
from __future__ import annotations

from kb.checker import check_rows
from kb.domain.findings import CheckFinding
from kb.domain.schema import TargetRow


def row(l1: str, l2: str, name: str, op: str, value: str, unit: str) -> TargetRow:
    """A TargetRow from its six cells (一级, 二级, 三级, operator, value, unit) as written."""
    return TargetRow(level1=l1, level2=l2, name=name, operator=op, value=value, unit=unit)


def found(rows: list[TargetRow], **ctx) -> dict[tuple[int | None, str], CheckFinding]:
    """The findings of `rows` checked with `ctx` as the table's context, by (row number or None, rule id)."""
    rep = check_rows(rows, context=ctx)
    return {(f.row, f.rule_id): f for f in rep.findings}


# the 一级 / 二级 pairs the tests' rows are filed under
QTY = ("产出指标", "数量指标")
QLT = ("产出指标", "质量指标")
TIM = ("产出指标", "时效指标")
SOC = ("效益指标", "社会效益指标")
SAT = ("满意度指标", "服务对象满意度指标")

# the seventh fresh reviewer's road text (rounds 13 and 14 check their draft against it)
TRIAL7_ROAD = ("2025年县交通运输局安排农村公路养护资金386万元，对全县14个乡镇的县道、乡道、村道共计612公里开展日常养护，"
               "其中路面坑槽修补1.8万平方米、边沟清理240公里、更换损毁波形护栏3.5公里。目前全县列养农村公路优良中等路率为78%，"
               "力争年底提升至82%以上。养护工程须于2025年11月30日前完工并通过县级验收，保障沿线12.6万群众安全便捷出行。")
TRIAL7_ROAD_CTX = {"description": TRIAL7_ROAD, "project": "2025年清河县农村公路日常养护项目", "budget_wan": 386,
                   "budget_year": 2025}


def by_key(rep) -> dict[tuple[int | None, str], CheckFinding]:
    """A check report's findings by (row number or None, rule id)."""
    return {(f.row, f.rule_id): f for f in rep.findings}


def table_file(tmp_path, project: str, description: str, rows: list[tuple], budget: float, year: int = 2025):
    """The table a declarant sends (`jixiao check table.json`) as `rows` of (level1, level2, name, operator, value,
    unit), written to `tmp_path` and read back as the CLI reads it."""
    import json

    from kb.io.tables import read_table

    p = tmp_path / "table.json"
    p.write_text(json.dumps({"project_name": project, "budget_wan": budget, "year": year, "description": description,
                             "rows": [dict(zip(("level1", "level2", "name", "operator", "value", "unit"), r))
                                      for r in rows]}, ensure_ascii=False), encoding="utf-8")
    return read_table(p)
