"""What an eighteenth fresh reviewer (a county 财政局 reviewer, README only) struck or missed in `jixiao suggest`. The
reviewer's own texts (/tmp/trial18/inputs.md) are copied here verbatim; the real project is dev.jsonl's D015."""
from __future__ import annotations

from tests.kbfactory import suggest_dev, suggest_text

FISH = ("为养护水生生物资源、改善水域生态环境，县农业农村局计划于2025年6月30日前在清江干流及龙潭水库开展渔业增殖放流活动，放流鲢、"
        "鳙、草鱼等经济鱼类苗种300万尾，其中规格4厘米以上苗种不少于200万尾，放流苗种检验检疫合格率100%。项目预算45万元，苗种采购"
        "单价约0.15元/尾。通过放流，带动沿江渔民增收，预计受益渔民200户，群众满意度90%以上。")
SECURITY = ("为落实校园安全“护学岗”要求，2025年为全县42所中小学及幼儿园聘请专职保安126名，按每校不少于3名配备；同时为学校配备一键式"
            "报警装置42套、防刺背心和钢叉等防护器材500件，更新视频监控摄像头260个。保安聘用费按每人每年3.6万元计453.6万元，设备购置"
            "66.4万元，合计520万元。设备于2025年3月底前安装到位，全年校园重大安全责任事故发生0起，受益师生约3.8万人。")
DOCTORS = ("为做实做细家庭医生签约服务，县卫健局组织全县18个乡镇卫生院和212个村卫生室组建家庭医生团队96个。2025年为65岁以上老年人、"
           "高血压和糖尿病患者、孕产妇、残疾人等重点人群提供签约服务不少于6.2万人，重点人群签约服务覆盖率达到75%以上。每个签约对象每年"
           "至少随访4次，年内完成全年签约任务。资金主要用于：签约服务费补助310万元、团队绩效考核奖励60万元、信息化平台运维30万元。项目"
           "预算合计400万元。")
FARMTEST = ("县农产品质量安全检验检测站2025年农产品质量安全检测项目，预算85万元。全年计划开展蔬菜、水果、畜禽产品农药兽药残留定量检测"
            "1200批次，快速检测12000批次，抽检合格率稳定在98%以上。检测结果于抽样后5个工作日内出具报告并向社会公开，发现的不合格产品"
            "100%依法处置。资金用于检测试剂耗材32万元、仪器维护检定18万元、抽样及委托检测35万元，保障全县居民“菜篮子”安全。")
DISABLED = ("县残联、县民政局2025年困难残疾人生活补贴和重度残疾人护理补贴（残疾人两项补贴）项目。全县现有持证残疾人2.3万人，2024年两项"
            "补贴共惠及1.06万人。2025年计划为符合条件的困难残疾人8600人发放生活补贴，标准每人每月90元；为重度残疾人5200人发放护理补贴，"
            "标准每人每月100元。补贴按月足额发放至“一卡通”账户，每月10日前发放到位。项目预算1552.8万元。")
ELDER65 = "县卫健局2025年为65岁以上老年人免费健康体检1.5万人次，预算120万元，12月20日前完成。"
ELDER80 = "2025年为全县80周岁以上老年人3200人按月发放高龄津贴，标准每人每月100元，预算384万元。"


def _rows(res):
    return [(c.name, c.operator, c.value, c.unit) for c in res.default_table]


# ---------------------------------------------------------------- 1. stated figures no row carried

def test_a_part_stated_with_qizhong_is_carried_under_its_own_name(shipped_kb):
    """其中规格4厘米以上苗种不少于200万尾 (the fry that survive, the project's point) was read as the same measure as the
    300 万尾 and left out."""
    rows = _rows(suggest_text(shipped_kb, FISH, "2025年渔业增殖放流项目"))
    assert ("规格4厘米以上苗种数量", "≥", "200", "万尾") in rows, rows
    assert any(v == "300" and u == "万尾" for _, _, v, u in rows), rows


def test_guards_hired_are_counted_and_their_pay_standard_carried(shipped_kb):
    """聘请专职保安126名 (453.6 of 520 万元) named no row, not even an alternate; 每人每年3.6万元 neither."""
    rows = _rows(suggest_text(shipped_kb, SECURITY, "中小学校园安保项目", budget=520))
    assert ("聘请专职保安人数", "≥", "126", "人") in rows, rows
    assert ("保安聘用费标准", "=", "3.6", "万元/人·年") in rows, rows
    assert ("每校专职保安配备人数", "≥", "3", "人") in rows, rows


def test_each_listed_use_of_the_money_is_a_part_and_the_largest_is_carried(shipped_kb):
    """签约服务费补助310万元 (the main item) became no row while 信息化平台运维30万元 did: 团队绩效考核奖励 between them was read as
    a form's word (绩效), so the list was no split of the budget."""
    rows = _rows(suggest_text(shipped_kb, DOCTORS, "家庭医生签约服务项目", budget=400))
    assert any(v == "310" and u == "万元" and "签约服务费" in n for n, _, v, u in rows), rows


def test_two_test_counts_and_the_report_deadline_are_carried(shipped_kb):
    """定量检测1200批次 was left out beside 快速检测12000批次 (named 检测批次), and 5个工作日内出具报告 fell back to
    12月31日前."""
    rows = _rows(suggest_text(shipped_kb, FARMTEST, "农产品质量安全检测项目"))
    assert ("定量检测批次", "≥", "1200", "批次") in rows, rows
    assert ("快速检测批次", "≥", "12000", "批次") in rows, rows
    assert ("检测报告出具时限", "≤", "5", "个工作日") in rows, rows
    assert not any(n.endswith("完成时间") and "12月31日" in v for n, _, v, _ in rows), rows


def test_each_groups_standard_and_the_monthly_term_are_carried(shipped_kb):
    """生活补贴 90 元/人·月 was left out beside 护理补贴 100 元 (the cost slot held two rows), 每月10日前 became 发放及时率."""
    rows = _rows(suggest_text(shipped_kb, DISABLED, "困难残疾人生活补贴和重度残疾人护理补贴"))
    assert ("困难残疾人生活补贴标准", "=", "90", "元/人·月") in rows, rows
    assert ("重度残疾人护理补贴标准", "=", "100", "元/人·月") in rows, rows
    assert any(v == "每月10日前" for _, _, v, _ in rows), rows


# ---------------------------------------------------------------- 2. a stated target read as a past actual

def test_a_zero_harm_of_the_plans_year_is_a_target(shipped_kb):
    """全年校园重大安全责任事故发生0起 was called 已发生的实际数 and its row left 待填写."""
    res = suggest_text(shipped_kb, SECURITY, "中小学校园安保项目", budget=520)
    assert "已发生的实际数" not in res.message, res.message
    assert any("事故" in n and op == "=" and v == "0" for n, op, v, _ in _rows(res)), _rows(res)


def test_a_harm_reported_in_a_self_evaluation_stays_an_actual():
    """The reading above is of the plan's year: a self-evaluation's 发生森林火灾16起 stays what happened."""
    from kb.suggest.facts import actual_figure
    from kb.suggest.objects import Mention

    text = "2024年度森林防火项目绩效自评报告。全年发生森林火灾16起，受害率0.5‰。"
    i = text.index("16")
    m = Mention(value="16", unit="起", verb="发生", obj="森林火灾", start=i, end=i + 3, context="全年发生森林火灾")
    assert actual_figure(m, text)


# ---------------------------------------------------------------- 3. a disposal's share is no pass rate

def test_a_share_of_an_act_is_that_acts_rate(shipped_kb):
    """不合格产品100%依法处置 gave 农产品质量安全检测合格率 = 100 % beside the text's 抽检合格率 ≥ 98 %."""
    rows = _rows(suggest_text(shipped_kb, FARMTEST, "农产品质量安全检测项目"))
    assert ("不合格产品处置率", "=", "100", "%") in rows, rows
    assert not any(n.endswith("合格率") and v == "100" for n, _, v, _ in rows), rows
    assert ("抽检合格率", "≥", "98", "%") in rows, rows


# ---------------------------------------------------------------- 4. garbled rows

def test_two_subsidies_is_no_count(shipped_kb):
    """两项补贴 (the programme's name) became 残疾人数量 ≥ 2 项 and the message quoted “2024年2项”."""
    res = suggest_text(shipped_kb, DISABLED, "困难残疾人生活补贴和重度残疾人护理补贴")
    assert not any(u == "项" for _, _, _, u in _rows(res)), _rows(res)
    assert "2024年2项" not in res.message, res.message


def test_an_age_keeps_its_figure_in_the_satisfaction_group(shipped_kb):
    """65岁以上老年人 → 岁以上老年人满意度; 80周岁以上老年人 → 周岁以上老年人满意度 plus 服务老人满意度."""
    rows = _rows(suggest_text(shipped_kb, ELDER65, "老年人健康体检"))
    sat = [n for n, _, _, u in rows if n.endswith("满意度")]
    assert sat == ["65岁以上老年人满意度"], rows
    rows = _rows(suggest_text(shipped_kb, ELDER80, "高龄津贴"))
    sat = [n for n, _, _, u in rows if n.endswith("满意度")]
    assert sat == ["80周岁以上老年人满意度"], rows


# ---------------------------------------------------------------- 5. costs named for what they are

def test_a_cost_per_km_of_a_subsidy_is_the_subsidy_per_km(shipped_kb):
    """D015: 4000 万元 of 中央补助 ÷ 32.1 公里 was shown as 每公里建设成本 ≤ 124.62 万元/公里."""
    rows = _rows(suggest_dev(shipped_kb, "D015"))
    assert not any(n == "每公里建设成本" for n, _, _, _ in rows), rows
    assert any("每公里" in n and "补助" in n and u == "万元/公里" for n, _, _, u in rows), rows


def test_the_whole_budget_is_no_parts_cost(shipped_kb):
    """残疾人护理补贴成本 ≤ 1552.8 万元: 1552.8 pays both subsidies (护理补贴 alone is 624)."""
    rows = _rows(suggest_text(shipped_kb, DISABLED, "困难残疾人生活补贴和重度残疾人护理补贴"))
    assert not any("护理补贴成本" in n for n, _, _, _ in rows), rows
    assert any(v == "1552.8" and n == "项目总成本" for n, _, v, _ in rows), rows


# ---------------------------------------------------------------- 6. 分值

def test_a_blank_row_never_holds_more_than_the_even_share(shipped_kb):
    """“300万元 1700户 85%” gave its lone 待填写 效益 row 75 of 100 (README: at most 100 ÷ rows)."""
    res = shipped_kb.suggest("300万元 1700户 85%", mode="lexical", with_opinions=False)
    rows = res.default_table
    assert rows and sum(c.weight for c in rows) == 100
    for c in rows:
        if not c.value:
            assert c.weight <= 100 / len(rows), [(r.name, r.value, r.weight) for r in rows]


def test_scores_of_an_all_blank_output_table():
    """The rule itself: 产出/效益 rows all 待填写 beside a 满意度 row of a value hold the even share each."""
    from types import SimpleNamespace as R

    from kb.suggest.export import scores

    rows = [R(level1="benefit", operator="", value="", basis="", unit="人"),
            R(level1="satisfaction", operator="≥", value="90", basis="指标库参考值", unit="%")]
    assert scores(rows) == [50, 50]
    rows.insert(0, R(level1="output", operator="", value="", basis="", unit="个"))
    got = scores(rows)
    assert sum(got) == 100 and got[0] <= 34 and got[1] <= 34, got


def test_a_rate_of_both_subsidies_is_not_named_for_one(shipped_kb):
    """A rate formed on the name's second work (残疾人护理补贴发放准确率) measures the payment of both subsidies: it gives
    way to the type's row for the whole, else takes the short name the text gives the whole (残疾人两项补贴)."""
    rows = _rows(suggest_text(shipped_kb, DISABLED, "困难残疾人生活补贴和重度残疾人护理补贴"))
    assert not any("护理补贴" in n and n.endswith("率") for n, _, _, _ in rows), rows
    assert any(n.startswith("残疾人两项补贴") and n.endswith("率") for n, _, _, _ in rows), rows
