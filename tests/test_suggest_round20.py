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


def test_a_subsidys_share_is_never_the_librarys_figure(shipped_kb):
    """E030 (贷款贴息) was given 贴息比例 = 50 % from the subsidy library — a share set by the fund's policy, which the
    text does not state. Wherever it is offered it is 待填写 with the reason."""
    res = suggest_dev(shipped_kb, "E030")
    offered = [c for c in res.default_table + res.suggestions if c.name.endswith("贴息比例")]
    assert offered, [c.name for c in res.suggestions]
    for c in offered:
        assert c.value == "" and c.note.startswith("待填写") and "政策" in c.note, (c.name, c.value, c.note)


def test_subsidy_share_pattern_reads_shares_not_standards():
    """`SUBSIDY_SHARE` names the share of a cost a grant pays, not a standard met (资助标准达标率) nor a ratio of
    outcomes (受益农户比例)."""
    from kb.suggest.values import SUBSIDY_SHARE

    assert all(SUBSIDY_SHARE.search(n) for n in ("贴息比例", "财政补助比例", "购机补贴比例"))
    assert not any(SUBSIDY_SHARE.search(n) for n in ("资助标准达标率", "受益农户比例", "工会经费计提比例"))
