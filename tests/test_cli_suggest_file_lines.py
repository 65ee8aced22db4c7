"""`jixiao suggest --file` reads each line as `POST /v1/suggest` reads its body (fresh trial 5: a budget
written as text, a list as a project name and a number as a description each ended the batch in a
traceback, exit 1, while the API answered 250 / 422 / 422)."""
from __future__ import annotations

import json

from tests.test_cli import run

_ROAD = "计划修缮乡村道路12公里，惠及沿线村民3000人"


def test_odd_fields_are_refused_lines_and_a_budget_written_as_text_is_read(shipped_settings, tmp_path):
    f = tmp_path / "odd.jsonl"
    lines = [
        {"id": "text-budget", "project": "乡村道路修缮", "description": _ROAD, "budget_wan": "250"},
        {"id": "word-budget", "project": "乡村道路修缮", "description": _ROAD, "budget_wan": "六十八"},
        {"id": "list-name", "project_name": ["a"], "description": _ROAD},
        {"id": "number-text", "project": "乡村道路修缮", "description": 123},
    ]
    f.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    p = run(shipped_settings, "suggest", "--file", str(f), "--json")
    assert "Traceback" not in p.stderr, p.stderr
    outs = [json.loads(x) for x in p.stdout.splitlines()]
    assert [o["id"] for o in outs] == [x["id"] for x in lines]
    # "250" is 250 万元, as the API reads it: the cost row is bound to it
    cost = [r for r in outs[0]["default_table"] if r["level1"] == "cost" and r["value"]]
    assert cost and any(float(r["value"]) == 250 for r in cost), outs[0]["default_table"]
    assert [o.get("field") for o in outs[1:]] == ["budget_wan", "project_name", "description"]
    assert all(o["error"] and not any(w in o["error"] for w in ("Input should", "error", "type")) for o in outs[1:])
    last = [x for x in p.stderr.strip().splitlines() if x.strip()]
    assert p.returncode == 2 and len(last) == 1 and "3 个项目未推荐" in last[0] and "第4行(number-text)" in last[0]


def test_an_english_description_is_refused_whatever_the_projects_name(shipped_settings):
    """Fresh trial 7: `--project-name 英文 --text "Repair 12 km of rural roads"` gave rc 0 and rows named 英文数量,
    英文成本 (the name's Chinese passed the check meant for the description); the 12 km was lost."""
    p = run(shipped_settings, "suggest", "--project-name", "英文", "--text", "Repair 12 km of rural roads")
    lines = [x for x in p.stderr.strip().splitlines() if x.strip()]
    assert p.returncode == 2 and len(lines) == 1 and "没有中文" in lines[0] and "--text" in lines[0], p.stderr


def test_a_budget_key_and_a_missing_description_are_said_as_such(shipped_settings, tmp_path):
    """Fresh trial 7: a line's "budget" was dropped silently (only budget_wan is read) and a line without a
    description was told "description: 应为文本"; each is a refused line naming its key in Chinese too."""
    f = tmp_path / "keys.jsonl"
    lines = [{"id": "b", "project": "乡村道路修缮", "description": _ROAD, "budget": 250},
             {"id": "t", "project": "乡村道路修缮", "text": _ROAD}]
    f.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    p = run(shipped_settings, "suggest", "--file", str(f), "--json")
    outs = [json.loads(x) for x in p.stdout.splitlines()]
    assert [(o["field"], o["error"]) for o in outs] == [
        ("budget", "未知字段，预算请填 budget_wan（万元）"), ("description", "缺少项目描述：每行须有 description（项目描述）")]
    assert p.returncode == 2 and "第2行(t) 项目描述 description: 缺少项目描述" in p.stderr, p.stderr
