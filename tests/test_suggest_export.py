"""The table a declarant hands in: .xlsx from the CLI and the API, every cell text but 分值 (a number), never a formula."""
from __future__ import annotations

import io
import json
import zipfile

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from kb.suggest import Candidate, SuggestResult
from kb.io.tables import read_table
from kb.io.xlsx_table import TEMPLATE
from kb.suggest.export import scores, write_xlsx
from service.app import create_app
from tests.test_cli import run

ROAD = "对全县12个行政村的农村公路进行养护维修，修缮农村公路12公里，惠及沿线群众1.2万名，预算资金180万元"


def _result(rows):
    return SuggestResult(confident=True, table=[], suggestions=rows, default_table=rows, budget_wan=10)


def _header(ws) -> int:
    """The row number of the table's header (project lines come first)."""
    return next(r[0].row for r in ws.iter_rows() if r[0].value == "一级指标")


def _row(name, op, value, unit, level1="output", level2="quantity"):
    return Candidate(level1=level1, level2=level2, level1_label="产出指标", level2_label="数量指标", name=name,
                     operator=op, value=value, unit=unit, basis="测试")


def test_cells_are_text_never_formulas(tmp_path):
    rows = [_row("=SUM(A1:A9)", "=", "0", "次"), _row("整改问题数", "=", "0次", ""), _row("@cmd", "≥", "+1", "个")]
    data = write_xlsx(_result(rows), tmp_path / "t.xlsx", project_name="=HYPERLINK(\"x\")")
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet                       # no formula anywhere
    ws = load_workbook(tmp_path / "t.xlsx")["绩效目标表"]
    first = _header(ws) + 1
    values = [[c.value for c in r] for r in ws.iter_rows(min_row=first, max_row=first + 2)]
    assert values[0][2] == "=SUM(A1:A9)" and values[0][3] == "=0" and values[1][3] == "=0次"
    score = TEMPLATE.index("分值") + 1   # 分值 alone is a number cell (Excel's SUM adds it up); the rest is text
    assert all(c.data_type == "s" for r in ws.iter_rows(min_row=1) for c in r
               if c.value is not None and not (c.row >= first and c.column == score))
    assert [ws.cell(first + i, score).value for i in range(3)] == scores(rows)
    assert ws.cell(2, 2).value == '=HYPERLINK("x")'
    # reported (fresh trial): “=100” and a =HYPERLINK name were text on opening but became a formula once
    # the cell was edited (F2, Enter); Excel's quote prefix keeps them text
    leads = [c for r in ws.iter_rows(min_row=1) for c in r if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert leads and all(c.quotePrefix for c in leads), [(c.coordinate, c.value) for c in leads if not c.quotePrefix]


def test_scores_split_100_points_by_level1():
    rows = [_row("a", "≥", "1", "个"), _row("b", "≥", "1", "个"),
            _row("c", "≤", "1", "万元", "cost", "economic_cost"), _row("d", "≥", "90", "%", "satisfaction",
                                                                      "beneficiary_satisfaction")]
    s = scores(rows)
    assert sum(s) == 100 and s[0] + s[1] == pytest.approx(100 * 50 / 70, abs=1)


def test_a_blank_row_never_holds_more_than_the_even_share():
    """D042's default table (fresh trial): one 待填写 benefit row, 优抚对象生活水平, held all 30 points of 效益."""
    rows = [_row("服务对象人数", "≥", "404", "人"), _row("经费发放率", "≥", "98", "%", "output", "quality"),
            _row("优抚对象覆盖率", "=", "100", "%", "output", "quality"),
            _row("优抚对象生活补助按月发放率", "=", "100", "%", "output", "timeliness"),
            _row("补助金发放金额", "≤", "2126.81", "万元", "cost", "economic_cost"),
            _row("优抚对象生活水平", "", "", "", "benefit", "social_benefit"),
            _row("优抚对象满意度", "≥", "95", "%", "satisfaction", "beneficiary_satisfaction")]
    s = scores(rows)
    # suggest round 13: the lone 效益 row keeps half of 效益's 30 points (export.LEVEL1_FLOOR), not the even share 14:
    # 产出 had taken 69 of 100 beside a blank benefit (D002); it still never holds all 30
    assert sum(s) == 100 and s[5] <= 15, s
    assert min(s[:5] + s[6:]) >= 10   # what it gave up went to the rows with a value


def test_cli_out_writes_the_usual_template(shipped_settings, tmp_path):
    out = tmp_path / "绩效目标表.xlsx"
    p = run(shipped_settings, "suggest", "--text", ROAD, "--project-name", "农村公路养护", "--out", str(out))
    assert p.returncode == 0, p.stderr
    ws = load_workbook(out)["绩效目标表"]
    assert [c.value for c in ws[_header(ws)]] == TEMPLATE
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=_header(ws) + 1) if r[2].value]
    assert 8 <= len(rows) <= 12
    assert any("公路" in r[2] and r[3] == "≥12" and r[4] == "公里" for r in rows)
    assert sum(int(r[7]) for r in rows) == 100
    assert "备选指标" in load_workbook(out).sheetnames


def test_the_budget_year_the_project_states_is_written_and_read_back(shipped_settings, tmp_path):
    """A fresh reviewer found 预算年度 blank in every suggested file although the name or text gave the year
    (the checker reads it for deadlines). Several years in the text name no single one."""
    from kb.suggest.export import stated_year

    out = tmp_path / "t.xlsx"
    p = run(shipped_settings, "suggest", "--project-name", "2024年农村户厕改造项目", "--text",
            "对全镇10个行政村实施农村户厕无害化改造1200户，计划2024年10月底前完工，项目总投资260万元。",
            "--out", str(out))
    assert p.returncode == 0, p.stderr
    assert read_table(out).year == 2024
    assert stated_year("雾炮车降尘抑尘服务", "服务周期为2023年7月至2024年1月") is None
    assert stated_year("采茶文化季", "2025年4月举办，2025年4月15日前结束") == 2025


def test_cli_type_override_and_bad_out(shipped_settings, tmp_path):
    p = run(shipped_settings, "suggest", "--text", "年度运行维护服务", "--type", "it_operations", "--json")
    assert p.returncode == 0, p.stderr
    assert [t["id"] for t in json.loads(p.stdout)["project_types"]] == ["it_operations"]
    p = run(shipped_settings, "suggest", "--text", ROAD, "--out", str(tmp_path / "t.csv"))
    assert p.returncode == 2 and "--out" in p.stderr


def test_api_xlsx_and_type_override(shipped_settings):
    c = TestClient(create_app(shipped_settings.model_copy(update={"auth_required": False})))
    r = c.post("/v1/suggest?format=xlsx", json={"description": ROAD, "project_name": "农村公路养护"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''" in r.headers["content-disposition"]
    ws = load_workbook(io.BytesIO(r.content))["绩效目标表"]
    assert ws.cell(_header(ws) + 1, 3).value
    r = c.post("/v1/suggest", json={"description": ROAD, "project_types": ["rural_road_maintenance"]})
    body = r.json()
    assert r.status_code == 200 and body["project_types"][0]["id"] == "rural_road_maintenance"
    assert {"confident", "table", "suggestions", "budget_wan", "quantities", "mode", "message",
            "default_table", "alternates", "project_types"} <= set(body)
    r = c.post("/v1/suggest", json={"description": ROAD, "project_types": ["nope"]})
    assert r.status_code == 422 and "project_types" in json.dumps(r.json(), ensure_ascii=False)
    r = c.post("/v1/suggest?format=xlsx", json={"description": "今天天气很好我们去公园散步"})
    assert r.status_code == 422


def test_api_default_table_carries_the_weights_of_the_xlsx(shipped_settings):
    """The staff page shows 分值 from the JSON: the same points the .xlsx of the same request gives, none on an
    alternate."""
    c = TestClient(create_app(shipped_settings.model_copy(update={"auth_required": False})))
    body = {"description": ROAD, "project_name": "农村公路养护"}
    rows = c.post("/v1/suggest", json=body).json()
    ws = load_workbook(io.BytesIO(c.post("/v1/suggest?format=xlsx", json=body).content))["绩效目标表"]
    xlsx = [(r[2], r[7]) for r in ws.iter_rows(min_row=_header(ws) + 1, values_only=True) if r[2]]
    assert [(r["name"], r["weight"]) for r in rows["default_table"]] == xlsx   # 分值: a number cell in the xlsx
    assert sum(r["weight"] for r in rows["default_table"]) == 100
    assert all(a["weight"] is None for alts in rows["alternates"].values() for a in alts)


def test_cli_out_carries_the_project_and_reads_back_to_the_suggested_rows(shipped_settings, tmp_path):
    """Reported (fresh trial): the suggest .xlsx had only 项目名称 and 预算 above the table — no 项目概况 a
    reviewer reads the targets against — and its own layout beside the staff page's download. It is now the
    one 绩效目标表 layout (`kb.io.xlsx_table`), and `jixiao check` reads it back to the rows suggested."""
    out = tmp_path / "t.xlsx"
    p = run(shipped_settings, "suggest", "--text", ROAD, "--project-name", "农村公路养护", "--department", "某县交通运输局",
            "--out", str(out), "--json")
    assert p.returncode == 0, p.stderr
    suggested = json.loads(p.stdout)["default_table"]
    ws = load_workbook(out)["绩效目标表"]
    lines = {r[0]: r[1] for r in ws.iter_rows(min_row=2, max_row=_header(ws) - 1, values_only=True)}
    assert lines["项目名称"] == "农村公路养护" and lines["主管部门"] == "某县交通运输局"
    assert lines["项目概况"] == ROAD and lines["资金总额（万元）"] == "180"
    back = read_table(out)
    assert back.project_name == "农村公路养护" and back.budget_wan == 180
    assert [r.name for r in back.rows if r.level1 != "年度目标"] == [r["name"] for r in suggested]
    blank = [r for r in suggested if not r["value"]]
    assert all(r.value == "待填写" for r in back.rows if r.name in {b["name"] for b in blank})
    filled = {r["name"]: r for r in suggested if r["value"]}
    assert all((r.operator + r.value, r.unit) == (filled[r.name]["operator"] + filled[r.name]["value"],
                                                  filled[r.name]["unit"])
               for r in back.rows if r.name in filled)  # 指标值 holds its operator (≥12), as forms print it
    p = run(shipped_settings, "suggest", "--text", ROAD, "--project-name", "路" * 201, "--out", str(out))
    assert p.returncode == 2 and "--project-name" in p.stderr


def test_every_level2_block_is_one_merged_cell(tmp_path):
    """Reported (fresh trial): in the exported table the first 数量指标 cell (B7) stood outside the merged
    B8:B9 — the 二级 runs were read after the 一级 cells were merged, which clears all but the first."""
    rows = [_row("a", "≥", "1", "个"), _row("b", "≥", "2", "个"), _row("c", "≥", "3", "个"),
            _row("d", "=", "100", "%", level2="quality"), _row("e", "=", "100", "%", level2="quality")]
    for r in rows[3:]:
        r.level2_label = "质量指标"
    write_xlsx(_result(rows), tmp_path / "t.xlsx")
    ws = load_workbook(tmp_path / "t.xlsx")["绩效目标表"]
    first = _header(ws) + 1
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert f"A{first}:A{first + 4}" in merged
    assert f"B{first}:B{first + 2}" in merged and f"B{first + 3}:B{first + 4}" in merged, merged


def test_the_file_drafts_the_annual_goal_from_the_stated_targets(shipped_settings, tmp_path):
    """Reported (fresh trial): the .xlsx had no 年度目标 line, which the usual template has above the table.
    It lists the output and effect targets with a value (目标1：…；目标2：…), reads back as the table's goal
    row, and the checker's goal rules find nothing vague in it."""
    from kb.checker import check_rows

    out = tmp_path / "t.xlsx"
    p = run(shipped_settings, "suggest", "--project-name", "农村公路养护", "--text", ROAD, "--out", str(out))
    assert p.returncode == 0, p.stderr
    ws = load_workbook(out)["绩效目标表"]
    lines = {r[0].value: r[1].value for r in ws.iter_rows(max_row=_header(ws) - 1) if r[0].value}
    goal = lines.get("年度目标") or ""
    assert goal.startswith("目标1：") and "≥12公里" in goal, lines
    # only the text's own targets (a library's 农村公路优良中等路率 ≥80 % is no target the project stated)
    assert "优良中等路率" not in goal and "=100%" not in goal, goal
    table = read_table(out)
    goals = [r for r in table.rows if r.level1 == "年度目标"]
    assert [r.name for r in goals] == [goal], [r.name for r in table.rows][:3]
    report = check_rows(table.rows, table.context)
    assert not [f for f in report.findings if f.rule_id.startswith("GOAL")], report.findings
    assert report.summary["goal_rows"] == 1
    # the CLI counts the indicator rows apart from the goal line (it said 共检查 10 行 of 9 rows: fresh trial)
    p = run(shipped_settings, "check", str(out))
    n = len(table.rows) - 1
    assert f"共检查 {n} 个指标行和 1 行目标" in p.stdout, p.stdout[-300:]
