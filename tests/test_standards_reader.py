"""The one reader of a stated standard (`kb.domain.standards.standard_at` / `read_standards`), which suggest's binding
and the checker's FEAS-07 and UNIT fixes both call (issue 10, item 7: one vocabulary with the checker).

Each case is a text as a declarant writes it; the two from dev.jsonl are read from the file itself (D013's 雨露计划,
E025's 冷库仓储). The checker's view (`_standards`, `stated_standard`, `standard_product`) is the reader's standards that
pay per one counted unit and at most one period, and no range.
"""
from __future__ import annotations

import json

import pytest

from kb.domain import standards as S
from kb.domain.quantity import read_numerals
from kb.domain.standards import read_standards, standard_product, stated_standard
from kb.domain.text import normalize


def _read(text: str) -> list[tuple]:
    """(amount, money, parts, period, said) of each standard of `text` as the checker normalises it."""
    return [(s.amount, s.money, s.parts, s.period, s.said) for s in read_standards(read_numerals(normalize(text)))]


def _dev(pid: str) -> str:
    from tests.test_checker_fixpoint import SHARED

    for line in (SHARED / "declarations" / "dev.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        if r["id"] == pid:
            return r["description"]
    raise AssertionError(pid)


# ------------------------------------------------------------------ real texts of dev.jsonl
def test_d013_per_student_per_term():
    text = _dev("D013")   # …发放就学补助,每生1500元/学期;本年度预计投入7万元(省级)。
    assert _read(text) == [(1500.0, "元", ("生", "学期"), "学期", "每生1500元/学期")]
    std = stated_standard(text)
    assert (std.amount_wan, std.per, std.period, std.said) == (0.15, "人", "学期", "每生1500元/学期")
    # the 7 万元 is a total, no standard
    assert all(s.amount != 7 for s in read_standards(read_numerals(normalize(text))))


def test_e025_per_square_metre_written_after_and_its_product():
    text = _dev("E025")   # …1290.3平方米冷库仓储…(冷库仓储3100元/平方米,投资400万元)…
    assert _read(text) == [(3100.0, "元", ("平方米",), "", "3100元/平方米")]
    p = standard_product(text, None)
    assert (p.standard_said, p.count_said, round(p.product_wan, 3), p.equal_wan) == (
        "3100元/平方米", "1290.3平方米", 399.993, 400.0)


# ------------------------------------------------------------------ the kinds of standard
@pytest.mark.parametrize("text, want", [
    # monthly, per person
    ("为全县1200名困难群众发放生活补助，每人每月300元，全年12个月。", (300.0, "元", ("人", "月"), "月", "每人每月300元")),
    # yearly, per person, words between the per-parts and the amount
    ("每人每年发放生活补助1500元。", (1500.0, "元", ("人", "年"), "年", "每人每年发放生活补助1500元")),
    # per 亩
    ("对全县5万亩耕地实施地力保护，每亩补助80元。", (80.0, "元", ("亩",), "", "每亩补助80元")),
    # per village, written after it and before it
    ("对30个村实施人居环境整治，补助9万元/村。", (9.0, "万元", ("村",), "", "9万元/村")),
    ("每村补助9万元，共30个村。", (9.0, "万元", ("村",), "", "每村补助9万元")),
    # per household, an average paid, as a ceiling
    ("对200户发展庭院经济的农户，户均奖补不超过2000元。", (2000.0, "元", ("户",), "", "户均奖补不超过2000元")),
    # 元/人·月 written after it, and per month then per person (1130元/月/人)
    ("低保标准提高到300元/人·月。", (300.0, "元", ("人", "月"), "", "300元/人·月")),
    ("城市低保标准1130元/月/人。", (1130.0, "元", ("人", "月"), "月", "1130元/月/人")),
    # per student per term, the period written after it
    ("每生1500元/学期。", (1500.0, "元", ("生", "学期"), "学期", "每生1500元/学期")),
    # a cost per 吨 the text names
    ("吨水处理成本不超过0.9元。", (0.9, "元", ("吨",), "", "吨水处理成本不超过0.9元")),
])
def test_each_kind(text, want):
    assert _read(text) == [want]


def test_the_typed_result():
    t = "对80周岁以上老人按每人每月60元标准发放就餐补贴。"
    (s,) = read_standards(t)
    assert (s.amount, s.money, s.parts, s.counted, s.periods, s.period, s.obj, s.ceiling) == (
        60.0, "元", ("人", "月"), ("人",), ("月",), "月", "就餐补贴", False)
    assert t[s.span[0]:s.span[1]] == s.said == "每人每月60元" and s.amount_wan == 0.006


def test_ranges_are_read_and_are_no_one_standard_to_multiply():
    (s,) = read_standards("每人每月200-300元")
    assert (s.low, s.amount, s.high, s.said) == (200.0, 300.0, None, "每人每月200-300元")
    (s,) = read_standards("每户2万元至3万元，共50户")
    assert (s.low, s.amount, s.high, s.said) == (None, 2.0, 3.0, "每户2万元至3万元")
    # the checker multiplies no range (the old reader took 2 万元 × 50 户 as the product)
    assert stated_standard("每户补助2万元至3万元，共50户。") is None
    assert standard_product("每户补助2万元至3万元，共50户。", 100) is None


def test_two_standards_in_one_text():
    text = "60岁以上老人每人每月补助80元，80岁以上老人每人每月补助100元。"
    assert [(a, p) for a, _, p, *_ in _read(text)] == [(80.0, ("人", "月")), (100.0, ("人", "月"))]
    assert stated_standard(text) is None   # several distinct standards: the checker multiplies none
    # tiers listed with 、: the second with its own 每… is a standard of its own, one without is the first's tier
    text = "营养膳食补助标准为小学生每生每天4元、初中生每生每天5元。"
    assert [(a, p) for a, _, p, *_ in _read(text)] == [(4.0, ("生", "天")), (5.0, ("生", "天"))]
    assert [a for a, *_ in _read("按照小学生每人每餐补助3元、初中生5元的标准提供营养膳食补助。")] == [3.0]


def test_an_amount_after_a_standard_in_its_clause_is_a_total():
    # trial 18's 护学岗: 每人每年3.6万元计453.6万元 — the 每人每年 is the 3.6 万元's; 453.6 万元 is what it comes to
    text = "保安聘用费按每人每年3.6万元计453.6万元，设备购置66.4万元，合计520万元。"
    assert [(a, p) for a, _, p, *_ in _read(text)] == [(3.6, ("人", "年"))]
    std = stated_standard(text)
    assert (std.amount_wan, std.per, std.period) == (3.6, "人", "年")


def test_totals_and_gains_are_no_standard():
    assert _read("项目总投资600万元，改造建筑面积5.2万平方米。") == []
    # an average gained is a benefit, not a payment (the old checker reader took 户均增收2000元 as one)
    assert _read("带动户均增收2000元，农民人均收入增加1500元。") == []
    # a standard per meal is read with its meal, and the checker does not multiply it by persons
    assert _read("每人每餐补助3元。") == [(3.0, "元", ("人", "餐"), "餐", "每人每餐补助3元")]
    assert stated_standard("为800名老年人提供助餐服务，每人每餐补助3元。") is None


def test_both_sides_call_the_one_reader():
    from kb.suggest import binding

    # suggest's binding reads a money mention with it and has no per-unit words of its own
    assert binding.standard_at is S.standard_at and binding.said_parts is S.said_parts
    for old in ("PER_UNIT", "PER_PERIOD", "PERIOD_BEFORE", "_PAID_AFTER", "_PAID_BEFORE", "_CEILING_BEFORE"):
        assert not hasattr(binding, old), old
    # the checker's regexes of its own are gone: its standards are the reader's
    for old in ("_PER_EACH", "_EACH_PER", "_SLASH", "_AVERAGE"):
        assert not hasattr(S, old), old
