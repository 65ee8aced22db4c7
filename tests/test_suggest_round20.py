"""Suggest defects of the lead's closing note (2026-12-07, second session), round 20: each test reproduces one on a
real dev.jsonl project or on a text written here, and fails without its fix."""
from __future__ import annotations

from tests.kbfactory import suggest_dev, suggest_text


def _rows(res):
    return [(c.level2, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def test_one_headcount_of_the_people_served(shipped_kb):
    """D042: 为404名服务对象发放补助金 gave 服务对象人数 ≥404 人 under 数量 and a blank 受益优抚对象人数 under 效益 — the
    same people asked for twice. The stated headcount is their one row."""
    rows = _rows(suggest_dev(shipped_kb, "D042"))
    assert ("quantity", "服务对象人数", "≥", "404", "人") in rows, rows
    heads = [r for r in rows if r[4] in ("人", "户")]
    assert len(heads) == 1, rows
