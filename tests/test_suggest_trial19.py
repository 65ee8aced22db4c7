"""What a nineteenth fresh reviewer (a county 财政局 reviewer, README only) struck or missed in `jixiao suggest`. The
reviewer's own texts (/tmp/trial19/inputs.md) are copied here verbatim; the real project is dev.jsonl's E021."""
from __future__ import annotations

from tests.kbfactory import suggest_dev, suggest_text

TRAIN_RATE = "县人社局2025年组织农村劳动力开展职业技能培训5000人次，每人补贴600元，资金300万元，培训后就业率达到70%，2025年11月底前完成。"
TRAIN_BARE = "全年开展职业技能培训5000人次，补贴资金3,000,000元，2025年11月底前完成。"


def _table(res):
    return [(c.level1_label, c.level2_label, c.name, c.operator, c.value, c.unit) for c in res.default_table]


# ---------------------------------------------------------------- 1. a training's employment is its 效益

def test_stated_employment_rate_is_the_training_benefit_not_a_completion_rate(shipped_kb):
    """培训后就业率达到70% was bound to 学员结业率 ≥ 70 % (产出/质量): 就业 is not 结业."""
    rows = _table(suggest_text(shipped_kb, TRAIN_RATE, "职业技能培训补贴"))
    assert ("效益指标", "社会效益指标", "培训后就业率", "≥", "70", "%") in rows, rows
    assert not any("结业率" in r[2] for r in rows), rows


def test_training_table_without_a_stated_rate_carries_a_blank_employment_benefit(shipped_kb):
    """A training table with no 效益 row draws the checker's STR-07 error: it carries 培训后就业率, blank, its reason
    given (never the library's typical 70 %)."""
    res = suggest_text(shipped_kb, TRAIN_BARE, "职业技能培训补贴")
    row = next((c for c in res.default_table if "就业率" in c.name), None)
    assert row is not None, _table(res)
    assert (row.level1_label, row.level2_label, row.value) == ("效益指标", "社会效益指标", ""), _table(res)
    assert "没有写明培训后就业率" in row.basis, row.basis


# ---------------------------------------------------------------- 2. a type's rows need the type's own work

def test_service_trade_fund_draws_no_exhibition_rows(shipped_kb):
    """E021 (服务贸易发展资金) was read as 会展与商贸促进 from its phrase 服务贸易, and seven exhibition rows filled the
    table (举办展会数量, 展位补贴标准, 参展企业满意度 …) though the text never mentions an exhibition."""
    res = suggest_dev(shipped_kb, "E021")
    rows = _table(res)
    assert not [r for r in rows if any(w in r[2] for w in ("展会", "参展", "会展", "展位"))], rows
    assert ("成本指标", "经济成本指标", "服务贸易发展成本", "≤", "285.84", "万元") in rows, rows
    # the payment's timeliness is the fund's own, the satisfaction the enterprises' (参展企业满意度 struck as wrong group)
    assert ("产出指标", "时效指标", "服务贸易发展资金拨付及时率", "≥", "95", "%") in rows, rows
    assert ("满意度指标", "服务对象满意度指标", "企业满意度", "≥", "90", "%") in rows, rows


def test_a_type_whose_work_the_text_names_keeps_its_rows(shipped_kb):
    """The rule reads only types the text names by none of their keywords: a 会展 fund keeps its exhibition rows."""
    rows = _table(suggest_text(shipped_kb, "县商务局组织本地企业40家参加境内外展会8场，按每个标准展位5000元给予补贴，补贴资金60万元。",
                               "会展补贴资金"))
    assert any("展" in r[2] for r in rows), rows


# ---------------------------------------------------------------- 3. a school repair's listed works

SCHOOL = ("县教育局2025年中小学校舍维修改造项目资金共计560万元，主要用途：（1）维修加固县第二中学等5所学校教学楼屋面及外墙，面积12000"
          "平方米，资金320万元；（2）改造8所农村小学旱厕为水冲式厕所，资金96万元；（3）更换14所学校老旧电路及消防设施，资金144万元。"
          "所有工程利用暑假施工，须于2025年8月25日前完工，确保秋季开学正常使用。项目惠及在校师生约1.1万人，维修后校舍安全隐患整改率"
          "达到100%。")


def test_schools_counted_are_named_by_the_work_done_to_them(shipped_kb):
    """学校教学楼屋面数量 ≥ 5 所 counted roofs in 所; 更换学校数量 ≥ 14 所 read as replacing 14 schools."""
    rows = _table(suggest_text(shipped_kb, SCHOOL, "中小学校舍维修改造", budget=560))
    names = [r[2] for r in rows]
    assert ("产出指标", "数量指标", "维修加固教学楼屋面及外墙学校数量", "≥", "5", "所") in rows, rows
    assert ("产出指标", "数量指标", "更换老旧电路及消防设施学校数量", "≥", "14", "所") in rows, rows
    assert "学校教学楼屋面数量" not in names and "更换学校数量" not in names, names


def test_area_cost_takes_the_money_of_the_item_the_area_belongs_to(shipped_kb):
    """校舍维修改造单位成本 ≤ 466.67 元/平方米 divided the whole 560 万元 by the 12000 平方米 of item (1), which costs
    320 万元: 3200000 元 ÷ 12000 平方米 = 266.67."""
    res = suggest_text(shipped_kb, SCHOOL, "中小学校舍维修改造", budget=560)
    per_area = [c for c in res.default_table if c.unit == "元/平方米"]
    assert per_area and per_area[0].value == "266.67", _table(res)
    assert any("320 万元" in e for e in per_area[0].evidence), per_area[0].evidence


# ---------------------------------------------------------------- 5. the work named whole

def test_sending_plays_to_villages_is_named_whole(shipped_kb):
    """送戏下乡 gave 下乡成本 and 下乡完成时间: 送|戏 was dropped before the bare verb 下乡."""
    res = suggest_text(shipped_kb, "县文化馆开展送戏下乡演出120场，项目资金五十万元，年底前完成。", "送戏下乡")
    names = [c.name for c in res.default_table] + [a.name for v in res.alternates.values() for a in v]
    assert "送戏下乡成本" in names, names
    assert not any(n.startswith("下乡") for n in names), names
