"""Round 17: one row numbering for a checked .xlsx (and CSV) everywhere the user sees it.

A fresh user checking an .xlsx found the terminal naming rows by the sheet (第 16 行) while the written
workbook's 审核意见 sheet named them by another count (第 10 行, counting the table's rows). Now the number is
the sheet's own row as Excel shows it: in the terminal (`--json` gives the same), in the API's answer for an
uploaded file, on the 审核意见 sheet of `--out` (the declarant's own sheet with the review beside its rows)
and of `--fix --out` (the rewritten table, numbered by the rows it is written at). Inputs are real tables of
../shared/data/declarations/dev.jsonl laid out as people fill the form (a title, project lines, the header).
"""
from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient

from kb.settings import Settings
from service.app import create_app
from tests.kbfactory import dev_record

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
pytestmark = pytest.mark.skipif(not SHARED.exists(), reason="../shared/data not present")
NAME_COL = 3  # 三级指标 in the layouts below and in the usual template
WHERE_RE = re.compile(r"第(\d+)行“(.+)”$")


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "JIXIAO_HOME": str(tmp_path / "home"), "JIXIAO_PROGRESS": "false", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "kb.cli", *args], capture_output=True, text=True, env=env,
                          cwd=REPO, timeout=300)


def _lines(rec: dict) -> list[list[str]]:
    """A real table as a declarant's sheet: a title, project lines, a blank line, the header, the rows
    (一级 / 二级 left blank below the first of a block, as a merged cell reads)."""
    out = [["项目支出绩效目标表"], ["项目名称", rec["project"]], ["预算年度", f"{rec['year']}年"],
           ["项目概况", rec["description"]], [], ["一级指标", "二级指标", "三级指标", "指标值", "计量单位"]]
    last = ("", "")
    for r in rec["indicators"]:
        l1 = r["level1"] if r["level1"] != last[0] else ""
        l2 = r["level2"] if (r["level1"], r["level2"]) != last else ""
        last = (r["level1"], r["level2"])
        out.append([l1, l2, r["name"], f"{r.get('operator') or ''}{r['value']}", r.get("unit") or ""])
    return out


def _xlsx(tmp_path: Path, rec: dict) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "目标表"
    for line in _lines(rec):
        ws.append(line)
    p = tmp_path / f"{rec['id']}.xlsx"
    wb.save(p)
    return p


def _names_by_sheet_row(ws) -> dict[int, str]:
    return {i: str(r[NAME_COL - 1]) for i, r in enumerate(ws.iter_rows(values_only=True), 1)
            if len(r) >= NAME_COL and r[NAME_COL - 1]}


def _review_lines(wb) -> list[tuple[int, str]]:
    """(row, name) of every row finding on the 审核意见 sheet."""
    out = []
    for line in wb["审核意见"].iter_rows(min_row=2, values_only=True):
        if line[0] != "全表":
            m = WHERE_RE.match(line[0])
            assert m, line[0]
            out.append((int(m.group(1)), m.group(2)))
    return out


def _cli_findings(tmp_path: Path, src: Path) -> list[dict]:
    p = run(tmp_path, "check", str(src), "--json", "--fail-on", "info")
    assert p.returncode == 1, p.stderr
    return json.loads(p.stdout)["findings"]


def test_the_terminal_the_api_and_the_checked_workbook_name_the_sheet_rows_of_an_xlsx(tmp_path):
    rec = dev_record("D052")  # 特困家庭再扶助 2021 (real): slogans as 效益 rows, vague values
    src = _xlsx(tmp_path, rec)
    names = _names_by_sheet_row(openpyxl.load_workbook(src).active)
    found = _cli_findings(tmp_path, src)
    rows = [f["row"] for f in found if f["row"] is not None]
    assert len(set(rows)) >= 3 and min(rows) >= 7  # the rows follow the header on sheet row 6
    # the API says the same for the uploaded file
    client = TestClient(create_app(Settings(auth_required=False, indicators_dir=REPO / "indicators")))
    res = client.post("/v1/declarations/check", files={"file": (src.name, src.read_bytes())})
    assert res.status_code == 200, res.text
    assert [(f["row"], f["rule_id"]) for f in res.json()["findings"]] == [(f["row"], f["rule_id"]) for f in found]
    # --out: the declarant's sheet with the review beside each row; the 审核意见 sheet names the same rows
    out = tmp_path / "checked.xlsx"
    assert run(tmp_path, "check", str(src), "--out", str(out)).returncode == 1
    wb = openpyxl.load_workbook(out)
    sheet = wb["目标表"]
    assert _names_by_sheet_row(sheet) == names  # every row where it was
    listed = _review_lines(wb)
    assert [n for n, _ in listed] == rows
    assert all(names[n] == name for n, name in listed), listed
    assert "工作表的行号" in wb["审核意见"].cell(1, 1).value and "不是本工作表" not in wb["审核意见"].cell(1, 1).value
    head = [c.value for c in sheet[6]]
    notes_col = head.index("审核意见") + 1
    for f in found:
        if f["row"] is not None:
            assert f["rule_id"] in sheet.cell(f["row"], notes_col).value
    # the annotated file checked again: the same findings on the same rows (the review columns are no input)
    assert [(f["row"], f["rule_id"]) for f in _cli_findings(tmp_path, out)] == [(f["row"], f["rule_id"]) for f in found]


def test_the_fixed_workbook_names_the_rows_it_is_written_at(tmp_path):
    """--fix --out: the rewritten table's 审核意见 sheet gave 第10行 for the row written on sheet row 16 (the
    row's place in the table). It is checked numbered as written, so the sheet, the messages and the rows agree."""
    rec = dev_record("D052")
    src = _xlsx(tmp_path, rec)
    out = tmp_path / "fixed.xlsx"
    run(tmp_path, "check", str(src), "--fix", "--out", str(out))
    wb = openpyxl.load_workbook(out)
    names = _names_by_sheet_row(wb["绩效目标表"])
    listed = _review_lines(wb)
    assert listed, "D052's slogans are left to the declarant"
    assert all(names.get(n) == name for n, name in listed), (listed, names)
    assert all(n > 3 for n, _ in listed)  # below the title and the project lines, not the table's 1..n


def test_a_csv_is_checked_and_written_with_its_own_line_numbers(tmp_path):
    rec = dev_record("D052")
    src = tmp_path / "d052.csv"
    lines = _lines(rec)[1:]  # no title line: the header on line 5
    with src.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(lines)
    by_line = {i: line[NAME_COL - 1] for i, line in enumerate(lines, 1) if len(line) >= NAME_COL}
    found = _cli_findings(tmp_path, src)
    out = tmp_path / "checked.xlsx"
    run(tmp_path, "check", str(src), "--out", str(out))
    wb = openpyxl.load_workbook(out)
    listed = _review_lines(wb)
    assert [n for n, _ in listed] == [f["row"] for f in found if f["row"] is not None]
    assert all(by_line[n] == name for n, name in listed)
    assert _names_by_sheet_row(wb.active) == {i: n for i, n in by_line.items() if n}


def test_a_message_naming_another_row_names_its_sheet_row(tmp_path):
    """STR-12's “（第N、M行）” in an .xlsx is the sheet's rows, as the row column beside it (held before this
    round too: a guard that the messages keep the numbering the rest now shares)."""
    rec = dev_record("D052")
    rec = {**rec, "indicators": rec["indicators"] + [dict(rec["indicators"][0])]}  # the first row twice
    src = _xlsx(tmp_path, rec)
    names = _names_by_sheet_row(openpyxl.load_workbook(src).active)
    dup = next(f for f in _cli_findings(tmp_path, src) if f["rule_id"] == "STR-12")
    first = rec["indicators"][0]["name"]
    sheet_rows = [n for n, name in names.items() if name == first]
    assert len(sheet_rows) == 2 and f"第{sheet_rows[0]}、{sheet_rows[1]}行" in dup["message"], dup["message"]


def test_the_readme_says_which_numbering_a_finding_gives():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Input of `jixiao check`"):]
    section = section[:section.index("\n## ", 5)]
    assert "as Excel shows it" in section and "N-th entry of `rows`" in section and "line number" in section


def test_api_and_cli_agree_on_a_json_declaration(tmp_path):
    """JSON input keeps its documented numbering: the N-th row of rows (1-based), in the CLI and the API
    (a guard: unchanged by this round)."""
    rec = dev_record("D052")
    src = tmp_path / "d.json"
    src.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    found = _cli_findings(tmp_path, src)
    client = TestClient(create_app(Settings(auth_required=False, indicators_dir=REPO / "indicators")))
    body = client.post("/v1/declarations/check", json=rec).json()
    assert [(f["row"], f["rule_id"]) for f in body["findings"]] == [(f["row"], f["rule_id"]) for f in found]
    assert {f["row"] for f in found if f["row"]} <= set(range(1, len(rec["indicators"]) + 1))
