"""Round 10 (values, naming, fill): the QA report on issue 10 (/tmp/lead/qa_report.md) and the fifth trial's
elderly-meal text — a stated standard bound to a library row of another measure or named bare, blank rows of
another measure beside a stated extent, a per-unit cost named after another work, blank acceptance rates, and
counts of one kind of thing split into rows (the texts are the QA engineer's and the trial user's, verbatim)."""
from __future__ import annotations


def _rows(res):
    return [(c.level2_label, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def _suggest(kb, text, name, budget_wan=None):
    return kb.suggest(text, project_name=name, budget_wan=budget_wan, mode="lexical", with_opinions=False)


# ------------------------------------------------------------------ 1. a stated standard keeps the text's measure

def test_a_standard_for_another_fee_is_the_texts_fee_without_an_added_period(shipped_kb):
    """轮换费用按每吨150元补贴 bound the type's 储备粮保管费用补贴标准 =150 元/吨·年: the text pays a 轮换费用 per 吨 and
    says no 年. The row names the text's fee and keeps its unit; no 保管费用 row takes its place."""
    res = _suggest(shipped_kb, "轮换县级地方储备粮5000吨，轮换费用按每吨150元补贴。", "地方储备粮轮换", 75)
    rows = _rows(res)
    assert [r[1:] for r in rows if r[3] == "150"] == [("储备粮轮换费用补贴标准", "=", "150", "元/吨")], rows
    assert not [r for r in rows if "保管费用" in r[1]], rows


def test_a_standard_named_bare_names_the_subsidy_the_text_pays(shipped_kb):
    """按每生每年1000元标准发放 bound a library row named only 补助标准: it is the 营养餐补助's standard, per 人·年 as the
    text says (每生每年)."""
    res = _suggest(shipped_kb, "向全县建档立卡脱贫户子女等在校学生发放营养餐补助，共惠及8600名学生，按每生每年1000元标准发放。",
                   "学生营养餐补助", 860)
    rows = _rows(res)
    assert [r[1:] for r in rows if r[3] == "1000"] == [("学生营养餐补助标准", "=", "1000", "元/人·年")], rows


# ------------------------------------------------------------------ 2. a blank row of another extent

def test_no_blank_length_beside_a_stated_area_of_the_same_work(shipped_kb):
    """W1 and w1 held 新增水土流失治理长度 / 坡耕地水土流失综合治理长度 待填写 公里 beside the area the text states: the
    work is measured by its area; the stated areas stay."""
    for text, name, budget, area in (
            ("新增水土流失治理面积12.5平方公里，治理水土流失面积不少于1250公顷。", "水土流失治理", 600, "1250"),
            ("实施坡耕地水土流失综合治理，治理水土流失面积12平方公里，修建蓄水池30口。", "水土保持治理", 500, "12")):
        rows = _rows(_suggest(shipped_kb, text, name, budget))
        assert not [r for r in rows if r[4] in ("公里", "米")], rows
        assert [r for r in rows if r[3] == area and "水土流失面积" in r[1]], rows


def test_a_blank_area_beside_a_stated_length_of_another_work_stays(shipped_kb):
    """The rule asks for the same work: 路面病害修复面积 (patching) is no other measure of 修缮里程 12公里."""
    rows = _rows(_suggest(shipped_kb, "对全镇农村公路开展修缮，修缮里程共计12公里，惠及沿线群众3000人。", "农村公路修缮", 240))
    assert [r for r in rows if r[1] == "路面病害修复面积" and r[3] == ""], rows


# ------------------------------------------------------------------ 3. a per-unit cost names the project's work

def test_a_repair_projects_cost_per_km_names_the_repair(shipped_kb):
    """A 修缮 project got the type's 农村公路每公里建设成本: nothing is built; the row is the cost of a km of 修缮,
    240 万元 ÷ 12 公里 = 20 万元/公里, and the total cost row stays beside it."""
    rows = _rows(_suggest(shipped_kb, "对全镇农村公路开展修缮，修缮里程共计12公里，惠及沿线群众3000人。", "农村公路修缮", 240))
    assert [r[1:] for r in rows if r[4] == "万元/公里"] == [("农村公路每公里修缮成本", "≤", "20", "万元/公里")], rows
    assert [r for r in rows if r[1:] == ("农村公路修缮成本", "≤", "240", "万元")], rows
    assert not [r for r in rows if "建设" in r[1]], rows


# ------------------------------------------------------------------ 4. a blank acceptance rate takes the library's 100 %

def test_a_filled_acceptance_rate_takes_the_librarys_typical_whole(shipped_kb):
    """河道生态修复 (a 工程; the QA's R2) had no quality row of its own and fill.py gave 河道生态修复验收合格率 待填写: an
    acceptance rate is a rate of the whole the library's general row sets at = 100 %, 设定依据 saying so."""
    res = _suggest(shipped_kb, "实施河道生态修复工程，绩效目标：工程建设对河道生态的影响小，河道水质达到III类。", "河道生态修复", 210)
    hit = [c for c in res.default_table if c.name == "河道生态修复验收合格率"]
    assert hit and (hit[0].operator, hit[0].value, hit[0].unit) == ("=", "100", "%"), _rows(res)
    assert hit[0].basis == "指标库参考值(行业标准或历史标准)" and not hit[0].note, hit[0]
    assert any("〔工程名称〕工程验收合格率" in e for e in hit[0].evidence), hit[0].evidence


def test_a_filled_service_standard_rate_stays_blank(shipped_kb):
    """A service's 服务达标率 has no library whole: 义诊进乡村's quality row stays 待填写 with its reason."""
    res = _suggest(shipped_kb, "组织医疗专家开展义诊进乡村活动，服务1.2万名群众，开展健康讲座40场。", "义诊进乡村", 25)
    hit = [c for c in res.default_table if c.level2 == "quality"]
    assert hit and hit[0].value == "" and hit[0].note.startswith("待填写"), _rows(res)


# ------------------------------------------------------------------ 5. counts of one kind in one clause: one row

T5 = ("柳溪镇民政办2025年老年助餐服务补助项目，预算68万元。镇内现有60周岁以上老年人4380人，其中独居、空巢老人约900人。"
      "今年依托3个村级幸福食堂和1个镇区中心食堂为老人提供午餐，每餐政府补贴4元，80周岁以上老人免费就餐，全年供餐不少于12万人次，"
      "为150户失能老人送餐上门；6月底前完成4个食堂的消防和厨具改造。")


def test_counts_of_one_kind_in_one_clause_are_one_row_with_their_sum(shipped_kb):
    """3个村级幸福食堂和1个镇区中心食堂 gave two rows (≥3 个, ≥1 个); a reviewer wanted one 助餐食堂数量 4 个, the
    parts said in its 指标解释."""
    res = _suggest(shipped_kb, T5, "柳溪镇老年助餐服务补助", 68)
    rows = _rows(res)
    hit = [c for c in res.default_table if c.name == "助餐食堂数量"]
    assert hit and (hit[0].operator, hit[0].value, hit[0].unit) == ("≥", "4", "个"), rows
    assert "村级幸福食堂3个" in hit[0].explanation and "镇区中心食堂1个" in hit[0].explanation, hit[0].explanation
    assert not [r for r in rows if r[1] in ("村级幸福食堂数量", "镇区中心食堂数量")], rows


def test_counts_of_two_works_on_one_kind_stay_two_rows(shipped_kb):
    """新建…3个和改造…2个: one head noun, two works — never summed."""
    rows = _rows(_suggest(shipped_kb, "新建村级卫生室3个和改造村级卫生室2个，购置诊疗设备40台。", "村卫生室建设", 120))
    assert not [r for r in rows if r[3] == "5"], rows
