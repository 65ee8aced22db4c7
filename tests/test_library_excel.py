"""Libraries in Excel: export one sheet with Chinese headers, import it back all-or-nothing and versioned.

Through the API (admin and unit admin), the CLI, and the module itself; on
SQLite and, when JIXIAO_TEST_POSTGRES_URL is set, PostgreSQL. The KB file
is a real one built from a small basic library plus one unit library.
"""
from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook

from kb.io.xlsx_library import COLUMNS, LABEL
from kb.lifecycle import keys as svc
from kb.lifecycle.access import CLI_PRINCIPAL
from kb.lifecycle.db import get_sessionmaker
from kb.lifecycle.schemas import KeyIn
from service.app import create_app
from tests.kbfactory import REPO, make_kb, write_library
from tests.lifecycle_fixtures import *  # noqa: F401,F403

UNIT, OTHER = "青山区教育局", "区卫生健康局"
HEADERS = [label for _, label in COLUMNS]


@pytest.fixture
def live(db_url, tmp_path):
    """(client, {role: headers}, settings) over a KB with 3 basic indicators and UNIT's own library."""
    lib = tmp_path / "indicators"
    write_library(lib, [{"id": "u-own-1", "unit_name": UNIT, "department": "后勤", "name": "校舍维修面积",
                         "level2": "数量指标", "unit": "平方米"}], file="units/unit.csv")
    kb = make_kb(tmp_path, [{"name": "培训人次", "unit": "人次", "level2": "数量指标", "training": "培训课件 /static/a.pdf"},
                            {"name": "验收合格率", "unit": "%"},
                            {"name": "群众满意度", "level1": "满意度指标", "level2": "服务对象满意度指标", "unit": "%"}])
    settings = kb.settings.model_copy(update={"database_url": db_url, "auth_required": True})
    keys = {}
    with get_sessionmaker(db_url)() as s:
        for who, unit, role in (("admin", "区财政局", "admin"), ("unit_admin", UNIT, "unit_admin"),
                                ("declarant", UNIT, "declarant"), ("other_admin", OTHER, "unit_admin")):
            keys[who] = {"X-API-Key": svc.create_key(s, CLI_PRINCIPAL, KeyIn(unit_name=unit, role=role)).key}
    return TestClient(create_app(settings)), keys, settings


def _sheet(client, h, **params) -> list[list[str]]:
    r = client.get("/v1/library/export", params=params, headers=h)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(r.content)).active
    assert all(c.data_type == "s" for row in ws.iter_rows() for c in row if c.value is not None)
    return [[c.value or "" for c in row] for row in ws.iter_rows()]


def _xlsx(rows: list[list[str]], formulas: bool = False) -> bytes:
    """An upload as people save it from Excel: text cells (or, with formulas=True, '=…' as formulas)."""
    from kb.io.xlsx_cells import text_cell

    wb = Workbook()
    for i, r in enumerate(rows, 1):
        for j, v in enumerate(r, 1):
            if formulas:
                wb.active.cell(i, j, v)
            else:
                text_cell(wb.active, i, j, v)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _import(client, h, rows, **form):
    return client.post("/v1/admin/library/import", headers=h, data=form,
                       files={"file": ("库.xlsx", _xlsx(rows), "application/octet-stream")})


def _col(name: str) -> int:
    return HEADERS.index(LABEL[name])


def _names(client, h, q):
    r = client.get("/v1/indicators/search", params={"q": q, "mode": "lexical"}, headers=h)
    return [x["name"] for x in r.json()["hits"]]


def test_export_is_one_sheet_with_the_readme_columns_in_chinese(live):
    client, keys, _ = live
    rows = _sheet(client, keys["declarant"])
    assert rows[0] == HEADERS
    readme = (REPO / "indicators" / "README.md").read_text(encoding="utf-8")
    documented = {f.strip() for line in readme.splitlines() if line.startswith("| ")
                  for f in line.split("|")[1].split(",")}
    assert {f for f, _ in COLUMNS} == documented - {"column"}  # exactly the documented library columns
    body = {r[_col("name")]: r for r in rows[1:]}
    assert set(body) == {"培训人次", "验收合格率", "群众满意度"}
    assert body["群众满意度"][_col("level1")] == "满意度指标"
    assert body["培训人次"][_col("training")] == "培训课件 /static/a.pdf"
    own = _sheet(client, keys["declarant"], unit_name=UNIT)
    assert [r[_col("name")] for r in own[1:]] == ["校舍维修面积"] and own[1][_col("unit_name")] == UNIT


def test_another_units_library_is_not_exported(live):
    client, keys, _ = live
    r = client.get("/v1/library/export", params={"unit_name": UNIT}, headers=keys["other_admin"])
    assert r.status_code == 404
    assert client.get("/v1/library/export", params={"unit_name": UNIT}, headers=keys["admin"]).status_code == 200


def test_round_trip_changes_nothing(live):
    client, keys, _ = live
    r = _import(client, keys["admin"], _sheet(client, keys["admin"]))
    assert r.status_code == 200, r.text
    assert r.json() | {"library_version": 0} == {"rows": 3, "added": 0, "updated": 0, "unchanged": 3,
                                                 "library_version": 0, "published": True, "unit_name": None}


def test_import_adds_and_updates_versioned_and_live_without_restart(live):
    client, keys, _ = live
    rows = _sheet(client, keys["admin"])
    line = next(r for r in rows if r[_col("name")] == "验收合格率")
    line[_col("explanation")] = "=1+1 验收一次通过的比例"  # text, never a formula
    new = [""] * len(HEADERS)
    for f, v in {"category": "修缮类", "level1": "产出指标", "level2": "质量指标", "name": "维修工程质量达标率",
                 "unit": "%", "direction": "正向", "operator": "≥", "value": "95", "explanation": "达标工程占比",
                 "origin": "common", "synonyms": "维修质量达标率|工程达标率"}.items():
        new[_col(f)] = v
    assert "维修工程质量达标率" not in _names(client, keys["declarant"], "维修工程质量达标率")
    r = _import(client, keys["admin"], rows + [new])
    assert r.status_code == 200, r.text
    out = r.json()
    assert (out["added"], out["updated"], out["unchanged"], out["library_version"]) == (1, 1, 2, 2)
    assert "维修工程质量达标率" in _names(client, keys["declarant"], "工程达标率")  # synonyms indexed, no restart
    changed = line[_col("id")]
    hist = client.get(f"/v1/library/indicators/{changed}", headers=keys["admin"]).json()
    assert hist["indicator"]["version"] == 2 and [h["version"] for h in hist["history"]] == [2]
    assert hist["indicator"]["indicator"]["explanation"] == "=1+1 验收一次通过的比例"
    again = _sheet(client, keys["admin"])
    assert next(r for r in again if r[_col("id")] == changed)[_col("version")] == "2"
    # the file's 版本 guards against overwriting a newer version
    line[_col("explanation")] = "又改了一次"
    r = _import(client, keys["admin"], rows)
    assert r.status_code == 422
    assert r.json()["detail"][0]["msg"].startswith(f"第{rows.index(line) + 1}行 版本:")


def test_a_file_with_problems_keeps_nothing_and_lists_every_problem(live):
    client, keys, _ = live
    rows = _sheet(client, keys["admin"])
    rows[1][_col("level1")] = "投入指标"
    rows[2][_col("name")] = ""
    rows[3][_col("explanation")] = "这一行本身没有问题"
    rows.append(list(rows[3]))  # the same indicator twice
    r = _import(client, keys["admin"], rows)
    assert r.status_code == 422
    msgs = [d["msg"] for d in r.json()["detail"]]
    assert msgs[0] == "第2行 一级指标: 不是规定的一级指标（产出指标、成本指标、效益指标、满意度指标）"
    assert msgs[1] == "第3行 三级指标: 必填字段为空"
    assert msgs[2].startswith("第5行 编号: 与第4行重复")
    assert client.get("/v1/library/indicators", headers=keys["admin"]).json() == []  # nothing kept
    bad_header = [["名称不对"] + HEADERS[1:]]
    assert "第1行 名称不对: 不认识的列名" in _import(client, keys["admin"], bad_header).json()["detail"][0]["msg"]
    rows = _sheet(client, keys["admin"])
    rows[1][_col("explanation")] = "=HYPERLINK(\"http://example.invalid\")"
    r = client.post("/v1/admin/library/import", headers=keys["admin"],
                    files={"file": ("f.xlsx", _xlsx(rows, formulas=True))})
    assert r.json()["detail"][0]["msg"].startswith("第2行 指标解释: 单元格是公式")
    r = client.post("/v1/admin/library/import", headers=keys["admin"], files={"file": ("x.xlsx", b"not a workbook")})
    assert r.status_code == 422 and "不是有效的 .xlsx 文件" in r.text  # the zip guard, before openpyxl


def test_a_unit_admin_imports_only_into_its_own_unit_library(live):
    client, keys, _ = live
    own = _sheet(client, keys["unit_admin"], unit_name=UNIT)
    own[1][_col("value")] = "800"
    new = list(own[1])
    new[_col("id")], new[_col("name")], new[_col("unit_name")], new[_col("version")] = "", "食堂改造面积", "", ""
    r = _import(client, keys["unit_admin"], own + [new])
    assert r.status_code == 200, r.text
    assert (r.json()["added"], r.json()["updated"], r.json()["unit_name"]) == (1, 1, UNIT)
    assert "食堂改造面积" in _names(client, keys["declarant"], "食堂改造面积")
    assert "食堂改造面积" not in _names(client, keys["other_admin"], "食堂改造面积")
    # another unit's rows, the basic library, another unit named in the form, a declarant: refused
    other = list(new)
    other[_col("unit_name")], other[_col("name")] = OTHER, "别的单位的指标"
    r = _import(client, keys["unit_admin"], [own[0], other])
    assert r.status_code == 422 and "只能导入“青山区教育局”的单位指标库" in r.json()["detail"][0]["msg"]
    basic = _sheet(client, keys["unit_admin"])
    r = _import(client, keys["unit_admin"], basic)
    assert r.status_code == 422 and "不能移到另一个指标库" in r.json()["detail"][0]["msg"]
    assert _import(client, keys["unit_admin"], own, unit_name=OTHER).status_code == 403
    assert _import(client, keys["declarant"], own).status_code == 403


@pytest.mark.parametrize("who", ["unit_admin", "unit_confined_admin"])
def test_an_admin_confined_to_its_unit_imports_like_a_unit_admin(live, who):
    """Issue 13: admins are confined to their own unit unless system admins — a library import too."""
    client, keys, settings = live
    if who == "unit_confined_admin":
        with get_sessionmaker(settings.database_url)() as s:
            keys[who] = {"X-API-Key": svc.create_key(s, CLI_PRINCIPAL,
                                                     KeyIn(unit_name=UNIT, role="admin", system=False)).key}
    own = _sheet(client, keys[who], unit_name=UNIT)
    own[1][_col("value")] = "900"
    r = _import(client, keys[who], own)
    assert r.status_code == 200 and r.json()["updated"] == 1, r.text
    basic = _sheet(client, keys[who])
    basic[1][_col("value")] = "1"
    r = _import(client, keys[who], basic)
    assert r.status_code == 422 and "不能移到另一个指标库" in r.json()["detail"][0]["msg"], r.text
    assert _import(client, keys[who], own, unit_name=OTHER).status_code == 403
    assert _import(client, keys["admin"], basic).status_code == 200  # the system admin may


def test_cli_export_and_import(live, tmp_path):
    _, _, settings = live
    env = {**os.environ, "JIXIAO_HOME": str(settings.home), "JIXIAO_INDICATORS_DIR": str(settings.indicators_dir),
           "JIXIAO_CORPORA_DIR": str(settings.corpora_dir), "JIXIAO_EMBEDDER": "none", "JIXIAO_PROGRESS": "false",
           "JIXIAO_DATABASE_URL": settings.database_url}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "kb.cli", "library", *args], capture_output=True, text=True,
                              env=env, cwd=REPO, timeout=300)

    out = tmp_path / "基础指标库.xlsx"
    p = run("export", str(out))
    assert p.returncode == 0, p.stderr
    wb = load_workbook(out)
    ws = wb.active
    assert [c.value for c in ws[1]] == HEADERS and ws.max_row == 4
    ws.cell(2, _col("level2") + 1).value = "不存在的二级"
    ws.cell(3, _col("direction") + 1).value = "向上"
    wb.save(out)
    p = run("import", str(out))
    assert p.returncode == 2
    lines = p.stderr.strip().splitlines()
    assert lines[0].endswith("第2行 二级指标: 不是规定的二级指标（数量指标、质量指标、时效指标、成本指标、经济成本指标、社会成本指标、"
                             "生态环境成本指标、经济效益指标、社会效益指标、生态效益指标、可持续影响指标、服务对象满意度指标）")
    assert lines[1].endswith("第3行 指标方向: 只能是 正向、反向、等于、定性")
    unit_file = tmp_path / "unit.xlsx"
    assert run("export", str(unit_file), "--unit", UNIT).returncode == 0
    p = run("import", str(unit_file), "--unit", UNIT)
    assert p.returncode == 0 and "未变 1" in p.stdout, p.stderr


def test_one_upload_reports_every_problem_formulas_blanks_and_levels_together(live):
    """A formula in row 5 and blank names in rows 4 and 7 came back over three uploads; 产出指标X passed."""
    client, keys, _ = live
    rows = _sheet(client, keys["admin"])
    while len(rows) < 7:
        extra = list(rows[1])
        extra[_col("id")], extra[_col("name")] = "", f"新增指标{len(rows)}"
        rows.append(extra)
    rows[3][_col("name")] = ""
    rows[6][_col("name")] = ""
    rows[4][_col("explanation")] = "=SUM(A1:A9)"
    rows[5][_col("level1")] = "产出指标X"
    r = client.post("/v1/admin/library/import", headers=keys["admin"],
                    files={"file": ("f.xlsx", _xlsx(rows, formulas=True))})
    assert r.status_code == 422
    msgs = [d["msg"] for d in r.json()["detail"]]
    assert msgs == ["第4行 三级指标: 必填字段为空",
                    "第5行 指标解释: 单元格是公式（=SUM(A1:A9)），请改为文本",
                    "第6行 一级指标: 不是规定的一级指标（产出指标、成本指标、效益指标、满意度指标）",
                    "第7行 三级指标: 必填字段为空"], msgs
    assert client.get("/v1/library/indicators", headers=keys["admin"]).json() == []  # nothing kept
