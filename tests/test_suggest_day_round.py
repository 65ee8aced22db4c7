"""The day round's merges (2026-12-07): rows two branches' rules brought back together."""
from __future__ import annotations

from tests.kbfactory import dev_record


def _table(kb, rid):
    rec = dev_record(rid)
    res = kb.suggest(rec["description"], project_name=rec["project"], mode="lexical", with_opinions=False)
    return [(c.level2, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def test_two_blank_whole_costs_are_one_question(shipped_kb):
    """E039 (a testing fund whose text is a fragment, no budget): 商品质量检测成本 待填写 万元 and the type's
    项目总成本 待填写 万元 both ask for the year's money (trial 14 struck the second)."""
    rows = _table(shipped_kb, "E039")
    blank_totals = [r for r in rows if r[0] == "economic_cost" and r[3] == "" and "/" not in r[4]]
    assert len(blank_totals) == 1, rows


def test_a_stated_budget_still_allows_a_listed_part_beside_the_whole(shipped_kb):
    """The rule is about two blank totals: the whole cost at the budget with one listed part stays."""
    text = ("2025年县文化馆开展送戏下乡演出60场，资金共计50万元，其中：演出补助40万元、宣传印刷10万元。"
            "惠及群众约3万人次，群众满意度90%以上。")
    res = shipped_kb.suggest(text, project_name="2025年送戏下乡", mode="lexical", with_opinions=False)
    costs = [(c.name, c.operator, c.value, c.unit) for c in res.default_table if c.level2 == "economic_cost"]
    assert any(v == "50" for _, _, v, _ in costs), costs


def _text_rows(kb, text, name):
    res = kb.suggest(text, project_name=name, mode="lexical", with_opinions=False)
    return [(c.level2, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def test_a_gain_from_the_last_edition_binds_the_level_reached(shipped_kb):
    """Trial 15: 带动旅游综合收入由上届的1.2亿元提高到1.5亿元 gave 旅游综合收入 ≥ 1.2 亿元 (the last edition's)."""
    rows = _text_rows(shipped_kb, "举办文化旅游节，为期7天，演出10场，预计吸引游客8万人次，带动旅游综合收入由上届的1.2亿元"
                                  "提高到1.5亿元，经费60万元。", "文化旅游节")
    income = [r for r in rows if "旅游综合收入" in r[1]]
    assert income and all(r[3] == "1.5" and r[4] == "亿元" for r in income), rows


def test_visitors_from_the_last_edition_are_named_by_the_clause(shipped_kb):
    """Trial 15: 接待游客由上届的20万人次提高到25万人次 gave “上届人次 ≥ 20 万人次” and “万人次 ≥ 25 万人次”."""
    rows = _text_rows(shipped_kb, "举办文化旅游节，为期7天，演出10场，接待游客由上届的20万人次提高到25万人次，经费60万元。",
                      "文化旅游节")
    names = [r[1] for r in rows]
    assert not [n for n in names if n.startswith(("上届", "万人次"))], rows
    visitors = [r for r in rows if r[4] == "万人次"]
    assert visitors == [r for r in visitors if r[3] == "25"] and len(visitors) == 1, rows
    assert "游客" in visitors[0][1], rows


IT = ("项目预算128万元，通过公开招标确定运维服务商，服务期12个月。运维范围包括政务云平台服务器86台、存储设备4套、网络安全"
      "设备23台，以及全县28个部门接入的电子政务外网。服务要求：系统全年可用率不低于99.9%，一般故障2小时内响应、8小时内"
      "修复；每季度开展1次安全漏洞扫描和1次数据备份恢复演练，全年不发生重大网络安全事件。")


def test_a_count_joined_to_a_quarterly_one_is_quarterly_too(shipped_kb):
    """Trial 15: 每季度开展1次安全漏洞扫描和1次数据备份恢复演练 gave 数据备份次数 ≥ 1 次 (the drill is quarterly: 4)."""
    rows = _text_rows(shipped_kb, IT, "2025年县政务云平台及电子政务外网运维服务")
    drills = [r for r in rows if "备份" in r[1]]
    assert drills and all(r[3] == "4" and r[4] == "次" for r in drills), rows
    assert [r for r in rows if r[1] == "数据备份恢复演练次数"], rows
