"""Suggest defects a helper found on the round-21 code (round 22): the texts of /tmp/hd21/cases.json and trial 20's
(/tmp/trial20/inputs.md) copied here verbatim; the real projects are dev.jsonl's."""
from __future__ import annotations

from tests.kbfactory import suggest_dev, suggest_text

# trial 20's texts, the same as round 21's tests use
from tests.test_suggest_defects21 import FARMLAND, INSURANCE, STATIONS, _table  # noqa: F401


def test_villages_a_per_village_fund_pays_are_its_count(shipped_kb):
    """1. 按9万元/村的标准补助全县120个行政村 / 保障全镇23个行政村正常运转，每村9万元: the count the fund's standard
    applies to was read as the setting and 补助村(社区)数量 stayed 待填写; a setting (全县共有行政村120个) stays out."""
    res = suggest_text(shipped_kb, "县财政2025年安排村级组织运转经费补助资金1080万元，按9万元/村的标准补助全县120个行政村，"
                                   "用于村级组织日常运转。", "村级组织运转经费补助", 1080)
    rows = [r for r in _table(res) if r[1] == "数量指标" and "村" in r[2] and r[5] == "个"]
    assert rows and all(r[3:5] == ("≥", "120") for r in rows), _table(res)
    res = suggest_text(shipped_kb, "2025年安排村级组织运转经费207万元，保障全镇23个行政村正常运转，每村9万元，主要用于村干部"
                                   "报酬、办公经费和服务群众支出，资金于6月30日前拨付到村。", "2025年村级组织运转经费", 207)
    rows = [r for r in _table(res) if r[1] == "数量指标" and "村" in r[2] and r[5] == "个"]
    assert rows and all(r[3:5] == ("≥", "23") for r in rows), _table(res)
    res = suggest_text(shipped_kb, STATIONS, "村级电商服务站点建设", None)
    assert not any(r[4] == "120" for r in _table(res)), _table(res)


def test_trade_fund_reads_no_service_and_no_investment_attraction(shipped_kb):
    """2. E021 (服务贸易发展资金, 实施单位:投资促进中心): 服务贸易发展服务达标率 read the 服务 of 服务贸易 as a service;
    招商引资签约项目数 / 招商引资到位资金 (and, standing in for them, 展会 and 消费券 rows) came from programmes the text
    does not run — the implementing body's name 投资促进中心 is no work of the fund."""
    res = suggest_dev(shipped_kb, "E021")
    names = [c.name for c in res.default_table]
    assert not any("服务贸易发展服务" in n or "招商" in n or "展会" in n or "消费券" in n for n in names), _table(res)
    quality = [r for r in _table(res) if r[1] == "质量指标"]
    assert [r[2] for r in quality] == ["服务贸易发展资金使用合规率"], _table(res)
    assert "受益企业数量" in names and "受益群众人数" not in names, _table(res)


def test_farmers_are_asked_once(shipped_kb):
    """3. Trial 20's farmland subsidy: 农民满意度 ≥ 90 (the library's value) beside the text's 受补贴农户满意度 ≥ 95 —
    the same farmers asked twice; the text's row stays."""
    res = suggest_text(shipped_kb, FARMLAND, "2025年耕地地力保护补贴", 4367.88)
    sat = [r for r in _table(res) if r[0] == "满意度指标"]
    assert sat == [("满意度指标", "服务对象满意度指标", "受补贴农户满意度", "≥", "95", "%")], _table(res)


def test_insurance_rows_name_what_the_text_insures_and_states(shipped_kb):
    """4. Trial 20's insurance: 母猪数量 lost 能繁 and 承保 (计划承保…能繁母猪2.5万头); 受益农户数 待填写 beside 农业保险参保农户数
    待填写 asked for the same households twice; the library's 保险保费补贴发放率 = 100 % stood where the text states
    保险理赔兑付及时率100% (the subsidy is 拨付 to the insurer, never 发放), the stated rate set aside as a second payment
    timing beside 保费补贴资金拨付时限 ≤ 30 日."""
    res = suggest_text(shipped_kb, INSURANCE, "2025年政策性农业保险保费补贴", 860)
    rows = _table(res)
    assert ("承保能繁母猪数量", "≥", "2.5", "万头") in [r[2:] for r in rows], rows
    households = [r for r in rows if r[5] == "户" and r[4] == ""]
    assert len(households) == 1, rows
    assert ("保险理赔兑付及时率", "=", "100", "%") in [r[2:] for r in rows], rows
    assert ("保费补贴资金拨付时限", "≤", "30", "日") in [r[2:] for r in rows], rows
    assert not any("发放" in r[2] and r[1] == "质量指标" for r in rows), rows


DEMO = ("2025年我县电子商务进农村综合示范项目总投资500万元，其中：县级电子商务公共服务中心运营补助120万元；乡镇、村级电商服务"
        "站点建设150万元，新建村级服务站点50个；农村物流配送体系建设130万元，整合快递物流企业实现共同配送；电商人才培训60万元，"
        "培训1500人次；农产品品牌培育及网销推广40万元。项目于12月底前完成建设并通过省商务厅验收。通过项目实施，全县农村网络"
        "零售额由2.8亿元提高到3.5亿元，带动脱贫户就业增收200户以上。")


def test_new_stations_take_no_library_use_level(shipped_kb):
    """5. Trial 20's e-commerce texts: 电商服务站点运营率 ≥ 80 % (the library's level) for stations the text builds this
    year and whose operation it never states, and in the longer text 示范推广率 ≥ 30 % (a farm-technique programme's
    row) in its place; the stated 带动脱贫户就业增收200户 was held as 带动农户增收户数 (the blank 带动农户增收户数 of the
    short text is right: it states no such figure)."""
    res = suggest_text(shipped_kb, STATIONS, "村级电商服务站点建设", None)
    assert not any(r[2].endswith("运营率") for r in _table(res)), _table(res)
    res = suggest_text(shipped_kb, DEMO, "电子商务进农村综合示范项目", 500)
    rows = _table(res)
    assert not any(r[2].endswith(("运营率", "示范推广率")) for r in rows), rows
    assert ("带动脱贫户增收户数", "≥", "200", "户") in [r[2:] for r in rows], rows
