"""Defects of the twenty-first fresh reviewer's trial (/tmp/trial21, steps 4 and 5): the legal-aid draft's rewrites
(a vague target beside the stated figure, a past year's figure kept in the name, a time limit looser than the text's,
a completion word on a counted object, other programmes' 指标解释, 验收合格率 asked of a service), a finding carrying
another rule's suggestion, and an English field name inside the Chinese error of an unreadable upload."""
from __future__ import annotations

import json

from tests.checker_rows import by_key
from tests.lifecycle_fixtures import *  # noqa: F401,F403


# ---- 7. each finding's suggestion is its own rule's -------------------------------------------------------------

def _odd_rows() -> dict:
    # the trial's odd_rows.json: a full-width value, a misplaced separator (a duplicate name), a 1e3 satisfaction
    return {"project_name": "x", "rows": [
        {"level1": "产出指标", "level2": "数量指标", "name": "道路里程", "operator": "≥", "value": "１２", "unit": "公里"},
        {"level1": "产出指标", "level2": "数量指标", "name": "道路里程", "operator": "≥", "value": "1,2000", "unit": "公里"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "满意度", "operator": "≥", "value": "1e3",
         "unit": "%"}]}


def test_each_finding_of_an_unfixable_or_dropped_row_carries_its_own_rules_suggestion(env):
    """Over the API, SAT-05 (谁的满意度) on 满意度 ≥1e3 % carried QNT-04's “…科学计数法…无法自动改写”, and TXT-06 on
    1,2000 read “删除该行：与表内另一行重复” (STR-12 drops the row) instead of how to fix the separator."""
    r = env.client.post("/v1/declarations/check", json=_odd_rows(), headers=env.h("decl_a"))
    assert r.status_code == 200, r.text
    got = {(f["row"], f["rule_id"]): f["suggestion"] for f in r.json()["findings"]}
    assert "科学计数法" in got[(3, "QNT-04")]["text"]
    sat = got[(3, "SAT-05")]["text"]
    assert "科学计数法" not in sat and "满意度" in sat and sat.startswith("名称改为")
    sep = got[(2, "TXT-06")]
    assert "千分位" in sep["text"] and not sep["text"].startswith("删除该行") and not sep.get("delete")
    # the duplicate row still goes in --fix: STR-12's table suggestion deletes it
    assert got[(None, "STR-12")]["delete_rows"] == [2]


# ---- 8. an unreadable upload names the header in Chinese --------------------------------------------------------

def test_a_binary_upload_is_a_422_without_an_english_field_name(env):
    """`curl -F file=@bin.csv` (three binary bytes) answered 422 “bin.csv: header：找不到表头…”."""
    r = env.client.post("/v1/declarations/check", files={"file": ("bin.csv", b"\x00\x01\x02", "text/csv")},
                        headers=env.h("decl_a"))
    assert r.status_code == 422, r.text
    msg = r.json()["detail"][0]["msg"]
    assert "找不到表头" in msg and "header" not in msg, msg
