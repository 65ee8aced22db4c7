"""Defects found when the round's branches met (2026-12-06 evening): which of two stated amounts a benefit row
takes, a count in 户 for what has no households, a blank standard beside the amount the text pays out — each on a
description written for this test the way county staff write one (none is in ../shared/data)."""
from __future__ import annotations


def _table(kb, text, name):
    res = kb.suggest(text, project_name=name, mode="lexical", with_opinions=False)
    return res, [(c.level2, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def test_of_two_equal_amounts_each_row_takes_the_one_whose_words_it_holds(shipped_kb):
    """D007 (real) states 增加特色产业产值80万元 and 增加收入80万元: an income row (特色产业带动增加受益农户收入) had
    taken the 产值's 80 for being bound first, and the 产值 row lost it when the ranker put the income row higher.
    Each amount goes to the row holding most of its words, whatever the order."""
    _, rows = _table(shipped_kb, "2025年衔接资金60万元，在3个村新建茶叶加工厂房2栋。总体目标：增加茶叶特色产业产值150万元，"
                                 "带动脱贫户、监测户20户增加收入120万元。", "茶叶加工厂房建设项目")
    benefit = [r for r in rows if r[0] == "economic_benefit"]
    assert [r[3] for r in benefit if "产值" in r[1]] == ["150"], rows
    assert [r[3] for r in benefit if "收入" in r[1]] == ["120"], rows


def test_no_count_in_households_for_what_has_none(shipped_kb):
    """E054 (real, a school's canteen heating) showed 餐厅暖通改造户数 待填写 户: the library's 〔改造对象〕改造户数 is for
    dwellings (危房, 改厕, 适老化); a text naming no household gets no count in 户."""
    _, rows = _table(shipped_kb, "对县职业中学食堂及学生宿舍楼供暖管道和散热器进行更换改造，资金56万元，10月底前完工，"
                                 "保障冬季师生正常生活。", "职业中学食堂宿舍供暖改造")
    assert not [r for r in rows if r[4] == "户"], rows
    _, rows = _table(shipped_kb, "对全镇60户农村低收入群体危房实施改造，资金120万元，年底前全部竣工入住。", "农村危房改造")
    assert [r for r in rows if r[4] == "户" and r[3] == "60"], rows


def test_no_blank_standard_beside_the_amount_the_text_pays_out(shipped_kb):
    """D042 (real) pays out 补助金2126.81万元 to 404 persons; the table also showed 重点优抚对象人均抚恤补助标准 待填写
    beside 补助金发放金额 ≤2126.81 万元 — the declarant's own amount is the cost row; a blank standard is offered."""
    res, rows = _table(shipped_kb, "为全县356名重点优抚对象按月发放定期抚恤补助金，全年发放补助金1032.4万元，确保按时足额发放到位。",
                       "重点优抚对象定期抚恤补助")
    cost = [r for r in rows if r[0] == "economic_cost"]
    assert [r[3] for r in cost] == ["1032.4"], rows


def test_a_word_jieba_cuts_before_a_measure_word_keeps_its_object():
    """jieba cut 供水管|道 (道 read as a measure word) and 错|峰, 散|煤: 维修供水管道60公里 had no object (the figure
    bound nothing once a row of another work could not take it), 错峰生产检查120家 named 峰生产检查数量 and 散煤替代1200户
    煤替代户数. The field's terms are kept whole (kb.domain.words.DOMAIN_TERMS)."""
    from kb.suggest import objects as O

    assert [(m.obj, m.verb) for m in O.mentions("2026年计划维修供水管道60公里。")] == [("供水管道", "维修")]
    assert [m.obj for m in O.mentions("完成散煤替代1200户。")] == ["散煤替代"]
    assert "错峰生产" in O.mentions("开展工业企业错峰生产检查120家。")[0].obj
