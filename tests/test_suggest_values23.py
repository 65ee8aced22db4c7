"""Values round 23: stated standards, limits, counts and goals a table left out or computed instead (trial 21's own
texts, verbatim; dev E025, D056, D031)."""
from __future__ import annotations


def _rows(res):
    return [(c.level2_label, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def _suggest(kb, text, name, budget_wan=None):
    return kb.suggest(text, project_name=name, budget_wan=budget_wan, mode="lexical", with_opinions=False)


E025 = ("项目绩效自评表。年初/全年预算1100万元,执行1100万元,执行率100%(10分)。目标1:1290.3平方米冷库仓储建设及配套生产设备、"
        "配套电力设施购置安装(冷库仓储3100元/平方米,投资400万元);目标2:配套烘干杀菌设备及包装设备购置及安装550万元;目标3:"
        "配套电力设施1250KVA变压器3台,高压线接入及土建安装投资150万元。实际完成情况同预期。")


def test_a_stated_unit_cost_wins_over_budget_over_quantity(shipped_kb):
    """冷库仓储3100元/平方米 is the text's standard: the per-area cost row holds ≤ 3100 元/平方米, never 1100 万元 ÷
    1290.3 平方米 ≈ 8525.15 (the budget also pays the drying equipment and the transformers), and is shown."""
    res = _suggest(shipped_kb, E025, "南华县乡村振兴示范园罗家屯社区野生菌加工车间建设项目(续建)")
    rows = _rows(res)
    every = rows + [(c.level2_label, c.name, c.operator, c.value, c.unit) for v in res.alternates.values() for c in v]
    assert not [r for r in every if r[3] == "8525.15"], every
    assert [r for r in rows if r[4] == "元/平方米" and r[2:4] == ("≤", "3100") and "冷库" in r[1]], rows


FOOD = ("2025年度县市场监督管理局计划在全县范围内开展食品安全监督抽检，抽检批次数由去年的1200批次提高到1500批次，其中农产品快检800"
        "批次、食品定量检测700批次。抽检重点覆盖校园食堂及周边、农贸市场、超市和网络餐饮等业态，不合格食品核查处置率达到100%，抽检"
        "信息在检验结论出具后20个工作日内向社会公布。项目预算资金120万元，用于委托第三方检验机构检测费用。")


def test_a_stated_limit_on_a_step_is_the_timeliness_row(shipped_kb):
    """抽检信息在检验结论出具后20个工作日内向社会公布: the 时效 row is that limit (≤ 20 个工作日), not a completion date by
    the year's end the text never states (trial 21: 食品安全监督抽检完成时间 “描述未写明完成时限”)."""
    res = _suggest(shipped_kb, FOOD, "2025年食品安全监督抽检项目", 120)
    timed = [(c.name, c.operator, c.value, c.unit, c.basis) for c in res.default_table if c.level2 == "timeliness"]
    assert ("抽检信息公布时限", "≤", "20", "个工作日") in [t[:4] for t in timed], timed
    assert not [t for t in timed if "未写明" in t[4]], timed


IMMUN = ("为切实做好全县重大动物疫病防控工作，确保不发生区域性重大动物疫情，县农业农村局申请2025年动物疫病强制免疫经费86万元。资金主要"
         "用于：购置口蹄疫、高致病性禽流感等强制免疫疫苗52万元，村级防疫员免疫劳务补助24万元，疫苗冷链运输及免疫效果监测10万元。计划全年"
         "完成猪、牛、羊口蹄疫免疫45万头（只），家禽高致病性禽流感免疫120万羽，春秋两季集中免疫分别于5月31日和11月30日前完成。应免畜禽"
         "免疫密度达到90%以上，免疫抗体合格率保持在70%以上，全县18个乡镇的养殖场户均受益。")


def test_birds_counted_beside_heads_and_the_stated_no_outbreak_goal(shipped_kb):
    """家禽高致病性禽流感免疫120万羽 is its own count beside 口蹄疫免疫45万头（只） (it was lost), the head count says its
    disease, and 确保不发生区域性重大动物疫情 is a benefit row of the table (it was only an alternate)."""
    rows = _rows(_suggest(shipped_kb, IMMUN, "2025年重大动物疫病强制免疫项目", 86))
    assert [r for r in rows if r[2:] == ("≥", "120", "万羽") and "禽流感" in r[1]], rows
    assert [r for r in rows if r[2:] == ("≥", "45", "万头（只）") and r[1].startswith("口蹄疫")], rows
    assert [r for r in rows if r[0] == "社会效益指标" and "区域性重大动物疫情" in r[1] and r[3] == "不发生"], rows


D056 = ("2023年基础教育质量提升专项资金绩效目标表,资金112万元。总体目标:推进国家基础教育综合改革实验区、普通高中新课程新教材国家级"
        "示范区建设,深化教学改革,支持内地班学校发展,提高基础教育质量。")


def test_no_spare_row_of_an_object_the_text_never_names(shipped_kb):
    """D056 speaks of 实验区, 示范区, 内地班 and no research: the type's spare 研究课题数量 (and 课题结题率 after it) no longer
    fills the short table as a 待填写 row; the rows the text supports stay (at least 7)."""
    res = _suggest(shipped_kb, D056, "基础教育质量提升专项资金(市本级)")
    rows = _rows(res)
    assert not [r for r in rows if "课题" in r[1]], rows
    assert len(rows) >= 7 and [r for r in rows if "实验区" in r[1]], rows


def test_each_stage_deadline_the_text_states_is_a_row(shipped_kb):
    """春秋两季集中免疫分别于5月31日和11月30日前完成: a 时效 row per stage (the spring 5月31日 was lost behind one row of
    the last date), and the checker reads both dates as the text's (TIME-06 had called 5月31日前 another date)."""
    from kb.domain.schema import Declaration, TargetRow

    res = _suggest(shipped_kb, IMMUN, "2025年重大动物疫病强制免疫项目", 86)
    timed = [(c.name, c.value) for c in res.default_table if c.level2 == "timeliness"]
    assert ("春季集中免疫完成时间", "2025年5月31日前") in timed, timed
    assert ("秋季集中免疫完成时间", "2025年11月30日前") in timed, timed
    rows = [TargetRow(level1=c.level1_label, level2=c.level2_label, name=c.name, operator=c.operator, value=c.value,
                      unit=c.unit) for c in res.default_table]
    report = shipped_kb.check(Declaration(project_name="2025年重大动物疫病强制免疫项目", description=IMMUN, budget_wan=86,
                                          year=2025, rows=rows))
    assert not [f for f in report.findings if f.rule_id in ("TIME-06", "REL-07")], report.findings


D031 = ("项目支出绩效目标申报表(2023年度),常年项目,年度资金340万元(财政拨款)。保障城管执法巡查车辆、抑尘作业车辆的维修及燃油费用,"
        "完成日常执法及拆违拆旧的出勤任务。(部分信息被网站打码)")


def test_the_duty_trips_a_vehicle_fund_keeps_are_its_benefit(shipped_kb):
    """完成日常执法及拆违拆旧的出勤任务: the 效益 row is 执法出勤任务保障率 = 100 %, which a reviewer can assess — not the
    type's slogan 对减少财政投资成本的改善程度 定性 待填写."""
    rows = _rows(_suggest(shipped_kb, D031, "城管执法车辆维修燃油费", 340))
    benefit = [r for r in rows if r[0].endswith("效益指标")]
    assert ("社会效益指标", "执法出勤任务保障率", "=", "100", "%") in benefit, rows
    assert not [r for r in benefit if "改善程度" in r[1]], rows
