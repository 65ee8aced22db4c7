"""What a fourteenth fresh reviewer (a county 财政局 reviewer, README only) struck in `jixiao suggest`: a change's
baseline read as its target, people reached named as the setting, a year-end date beside a stated period that runs
past it. The reviewer's own texts (/tmp/trial14/own/*.txt) and the demo's text are copied here verbatim."""
from __future__ import annotations

import pytest

from tests.kbfactory import suggest_text as _result

HEALTH = '为提升基层医疗服务能力，青石县卫生健康局拟为全县8个乡镇卫生院购置医疗设备，本年度安排县级财政资金186万元。计划采购数字化X光机（DR）3台、全自动生化分析仪5台、彩色多普勒超声诊断仪4台，设备于2025年9月30日前全部到货并完成安装调试、验收合格。2024年全县乡镇卫生院门急诊量为21.6万人次。项目实施后，乡镇卫生院可开展的检查项目由12项增加到20项，预计惠及辖区农村居民约15万人，群众就医满意度达到90%以上。'
DEMO = "2023年项目支出绩效目标申报表。年度本级预算250万元,实施期2023.07-2024.01。通过采购雾炮车降尘抑尘服务,配备雾炮车10辆,全市空气质量达到优良。"


def _rows(kb, text, name, budget=None):
    return [(c.level2, c.name, c.operator, c.value, c.unit) for c in _result(kb, text, name, budget).default_table]


def test_a_count_raised_from_a_level_binds_the_level_reached(shipped_kb):
    """检查项目由12项增加到20项: 12 is the baseline, the target is 20 (the reviewer struck 检查项目数量 ≥ 12 项)."""
    res = _result(shipped_kb, HEALTH, "青石县乡镇卫生院医疗设备购置", 186)
    rows = [c for c in res.default_table if "检查项目" in c.name]
    assert rows and all(c.value == "20" and c.operator == "≥" and c.unit == "项" for c in rows)
    assert "由12项增加到20项" in rows[0].basis
    assert not [c for c in res.default_table if c.value == "12"]


def test_bind_level_reached_on_a_fall():
    """由8起减少到3起: the row bound to 8 holds ≤ 3 (a fall reaches a ceiling)."""
    from kb.suggest.context import ProjectContext
    from kb.suggest.draft import Draft
    from kb.suggest.objects import Mention
    from kb.suggest.ranker import Tier
    from kb.suggest.reached import bind_level_reached

    text = "全年安全事故由8起减少到3起，资金20万元。"
    m = Mention("8", "起", "", "安全事故", text.index("8"), text.index("8") + 2)
    d = Draft(name="安全事故数量", level2="quality", source="formed", mention=m, operator="≥", value="8",
              value_source="text", tier=Tier.RANKED)
    ctx = ProjectContext(text=text, name="", description=text, core="", mentions=[m], budget_wan=20,
                         beneficiaries=[], content=set(), text_bigrams=set(), name_bigrams=set())
    bind_level_reached([d], ctx)
    assert (d.operator, d.value, d.mention.derivation) == ("≤", "3", "由8起减少到3起")


def test_people_a_project_reaches_are_named_beneficiaries(shipped_kb):
    """预计惠及辖区农村居民约15万人: 受益农村居民人数, not 辖区农村居民人数 (a count of the setting)."""
    rows = _rows(shipped_kb, HEALTH, "青石县乡镇卫生院医疗设备购置", 186)
    assert ("social_benefit", "受益农村居民人数", "≥", "15", "万人") in rows
    assert not [r for r in rows if r[1].startswith("辖区")]


def test_a_stated_period_end_is_the_deadline(shipped_kb):
    """The demo's first table: 服务周期 2023年7月至2024年1月 beside 完成时间 2023年12月31日前 “描述未写明完成时限”."""
    res = _result(shipped_kb, DEMO, "雾炮车降尘抑尘服务")
    times = [(c.name, c.value, c.note) for c in res.default_table if c.level2 == "timeliness"]
    assert ("降尘抑尘服务周期", "2023年7月至2024年1月", "") in times
    assert not [t for t in times if "2023年12月31日" in t[1] or "未写明完成时限" in t[2]]
    # trial 22: a completion row dated by the period's end (2024年1月31日前) repeats the period's row: set aside
    assert not [t for t in times if t[1] == "2024年1月31日前"]


SCHOOL = '县第二中学教学楼建于1998年，经鉴定为C级危房。项目总投资420万元，分两年实施，2025年安排财政资金260万元，用于教学楼屋面防水、外墙保温、门窗更换及抗震加固，维修改造面积4800平方米，2025年8月20日前完工，确保秋季开学正常使用。项目完成后可改善1350名师生的教学环境，工程验收合格率100%，施工期间不发生安全事故。'


def test_a_bare_satisfaction_asks_whom_the_text_serves(shipped_kb):
    """满意度 ≥ 90 % beside “改善1350名师生的教学环境”: 师生满意度 (the checker's own SAT-05 flagged the bare row)."""
    from kb.checker import check_rows
    from kb.domain.schema import TargetRow

    res = _result(shipped_kb, SCHOOL, "县第二中学教学楼维修改造", 260)
    sats = [c.name for c in res.default_table if c.level2 == "beneficiary_satisfaction"]
    assert sats == ["师生满意度"]
    rows = [TargetRow(level1=c.level1_label, level2=c.level2_label, name=c.name, operator=c.operator, value=c.value,
                      unit=c.unit) for c in res.default_table]
    found = check_rows(rows, {"project": "县第二中学教学楼维修改造", "description": SCHOOL, "budget_wan": 260},
                       suggest=False).findings
    assert not [f for f in found if f.rule_id == "SAT-05"]


LIBRARY = "县图书馆2025年免费开放，全年接待读者1.5万人次，开展阅读推广活动24场，场均参与读者不少于50人次，全年活动参与读者共计15000人次以上，资金30万元。"


def test_a_per_event_figure_is_no_yearly_count(shipped_kb):
    """场均参与读者不少于50人次: a standard per event; 读者人次 ≥ 50 人次 read it as the year's count."""
    rows = _rows(shipped_kb, LIBRARY, "图书馆免费开放", 30)
    assert not [r for r in rows if r[3] == "50" and not r[1].startswith(("场均", "每场"))]
    assert [r for r in rows if r[0] == "quantity" and "读者" in r[1] and (r[3], r[4]) in (("1.5", "万人次"), ("15000", "人次"))]


ROAD = '县交通运输局2025年推行农村公路“路长制”，聘用沿线脱贫户和低收入人员担任护路员156名，负责全县1260公里县乡村道的日常巡查、路面清扫、边沟清淤和安全隐患报告，护路员每人每月发放劳务补助800元。同时对养护路段中的32座桥梁开展定期检查，年底前完成危桥改造2座。全年安排养护资金388万元，力争农村公路优良中等路率达到85%以上，年内群众反映的路面坑槽问题在48小时内处置完毕。'
TRAINING = '根据就业补助资金管理办法，县人力资源和社会保障局2025年计划安排职业技能培训补贴资金240万元，面向农村转移劳动力、脱贫劳动力和失业人员开展电工、焊工、家政服务、电商直播等职业技能培训3000人次，其中脱贫劳动力不少于800人次。培训合格率不低于90%，取得职业资格证书或职业技能等级证书的人数不少于2000人，培训后6个月内就业率达到60%以上。补贴按每人次800元标准于培训结束考核合格后30个工作日内拨付至培训机构。2024年全县共培训2650人次。'


def test_a_per_head_per_month_amount_is_a_standard_not_a_total(shipped_kb):
    """护路员每人每月发放劳务补助800元: 劳务补助发放金额 ≤ 800 元 was struck; the standard 元/人·月 is right."""
    rows = _rows(shipped_kb, ROAD, "2025年农村公路日常养护", 388)
    assert not [r for r in rows if r[3] == "800" and r[4] == "元"]
    assert [r for r in rows if r[3] == "800" and r[2] == "=" and r[4] == "元/人·月"]


def test_a_count_of_things_worked_on_names_the_work(shipped_kb):
    """对养护路段中的32座桥梁开展定期检查: 桥梁定期检查数量 ≥ 32 座, not 桥梁数量 (a count of the setting)."""
    rows = _rows(shipped_kb, ROAD, "2025年农村公路日常养护", 388)
    assert ("quantity", "桥梁定期检查数量", "≥", "32", "座") in rows
    assert not [r for r in rows if r[1] == "桥梁数量"]


def test_a_count_of_certificate_holders_is_named_so(shipped_kb):
    """取得职业资格证书…的人数不少于2000人 bound to 农村劳动力转移就业技能培训人数 (the trainees are 3000人次)."""
    rows = _rows(shipped_kb, TRAINING, "2025年职业技能培训补贴", 240)
    held = [r for r in rows if r[3] == "2000"]
    assert held and all("证书" in r[1] for r in held)
    assert ("quantity", "职业技能培训人次", "≥", "3000", "人次") in rows


VILLAGE = '清河镇共有行政村23个，按照县委组织部、县财政局有关文件要求，2025年安排村级组织运转经费138万元，其中村干部基本报酬92万元、村级办公经费34.5万元（每村1.5万元）、服务群众专项经费11.5万元（每村0.5万元）。经费于每季度首月15日前足额拨付到村，保障23个村党组织和村委会正常运转，村干部报酬发放率100%，村务公开每季度不少于1次。'


def test_no_unit_cost_from_a_years_part_over_the_whole_extent(shipped_kb):
    """总投资420万元，分两年实施，2025年安排260万元 … 4800平方米: 260万 ÷ 4800 = 541.67 元/平方米 prices nothing."""
    res = _result(shipped_kb, SCHOOL, "县第二中学教学楼维修改造", 260)
    per_area = [c for c in res.default_table + res.suggestions
                if c.unit == "元/平方米"]
    assert per_area and all(c.value != "541.67" for c in per_area)


def test_a_standard_of_one_part_names_that_part(shipped_kb):
    """村级办公经费34.5万元（每村1.5万元）: 村级办公经费标准 = 1.5 万元/村, not 村级组织运转经费标准 (whose 每村 is 6万)."""
    rows = _rows(shipped_kb, VILLAGE, "清河镇2025年村级组织运转经费", 138)
    held = [r for r in rows if r[3] == "1.5"]
    assert held and all(r[1] == "村级办公经费标准" for r in held)


def _dev(rid):
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "shared" / "data" / "declarations" / "dev.jsonl"
    if not path.exists():
        pytest.skip("dev.jsonl not present")
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["id"] == rid:
            return r
    pytest.skip(f"{rid} not in dev.jsonl")


def test_another_projects_figures_bind_no_row(shipped_kb):
    """E019: “同页下一项目为'…城乡居民监管工作经费'(…计划使用财政资金45万元给聘用的14人…)” — the reviewer struck
    聘用人数 ≥ 14, 参保网络宣传成本 ≤ 45 万元 and 聘用人员人均经费 ≤ 32143 元/人."""
    r = _dev("E019")
    res = _result(shipped_kb, r["description"], r["project"])
    vals = {(c.value, c.unit) for c in res.default_table}
    assert not vals & {("14", "人"), ("45", "万元"), ("32143", "元/人")}
    assert [c for c in res.default_table if c.level1 == "cost" and "另一项目" in c.note]


def test_other_project_spans_end_at_the_sentence():
    from kb.suggest.other_project import other_project_spans

    t = "本项目资金20万元。同页下一项目为'监管工作经费'(资金45万元)。本项目宣传10场。"
    (a, b), = other_project_spans(t)
    assert "45万元" in t[a:b] and "20万元" not in t[a:b] and "10场" not in t[a:b]


@pytest.mark.parametrize("text,name,budget,cut,whole", [
    (HEALTH, "青石县乡镇卫生院医疗设备购置", 186, "诊断仪数量", "彩色多普勒超声诊断仪数量"),
    (TRAINING, "2025年职业技能培训补贴", 240, "劳动力人次", "脱贫劳动力人次"),
])
def test_a_formed_count_names_its_object_whole(shipped_kb, text, name, budget, cut, whole):
    """超声 / 脱贫 tagged verbs by jieba cut the object: 诊断仪数量 ≥ 4 台, 劳动力人次 ≥ 800 (both struck)."""
    names = [r[1] for r in _rows(shipped_kb, text, name, budget)]
    assert whole in names and cut not in names


def test_a_formed_count_never_cuts_inside_a_word(shipped_kb):
    """E006 “落实39户特色种养业奖补政策”: 特色种养业奖户数 (奖|补 cut inside 奖补), struck as garbled."""
    r = _dev("E006")
    names = [c.name for c in _result(shipped_kb, r["description"], r["project"]).default_table]
    assert "特色种养业奖补户数" in names and "特色种养业奖户数" not in names


def test_the_object_is_not_extended_over_a_verb_or_a_place():
    """The rule's limits: a verb before the object (采购), a one-character place (村), jieba's nz (力争) stay out."""
    from kb.suggest.whole_objects import _before

    assert _before("彩色多普勒超声", "诊断仪") == "彩色多普勒超声"
    assert _before("其中脱贫", "劳动力") == "脱贫"
    assert _before("计划采购", "诊断仪") == ""
    assert _before("为村带来", "观光游客") == ""
    assert _before("力争", "农村公路优良中等路") == ""
