"""Defects a tenth fresh user (staff and a county 财政局 reviewer, README only) found in `jixiao suggest`: default
分值 that moved 满意度 and 成本 points (满意度 8, 成本 19), a 定性 hint the checker then rejected, rows of a
construction project in a planting one, a stated figure no row carried, a count beside one named work, a garbled
name and a harm rate filed as an output. The trial's inputs (/tmp/trial10/inputs.json) are copied here verbatim."""
from __future__ import annotations

from kb.checker.lexicon import CHECKABLE_RESULT_HINT

D007 = ("下马关镇设施农业黄金蜜(葡萄)种植项目", 50,
        "2023年中央财政衔接推进乡村振兴补助资金50万元。建设内容:按照1760株/栋的标准,在10栋设施温棚中种植黄金蜜(葡萄)。"
        "总体绩效目标:增加特色产业产值80万元,受益脱贫户、监测户10户,促使脱贫户、监测户增加收入80万元。")
D037 = ("安全隐患维修(审判楼玻璃幕墙等)", 20,
        "项目支出绩效目标表(2023年),预算20万元(财政资金),用于维修审判楼玻璃幕墙等。绩效目标:维修审判大楼玻璃幕墙等,"
        "消除外延脱落安全隐患。")
FIRE = ("2026年森林防火能力提升项目", 186,
        "为提升我县森林火灾防控能力，2026年申请县级财政资金186万元，在青山镇、白石乡、龙潭镇3个乡镇新建森林防火视频监控点12处，"
        "购置风力灭火机40台，建设生物防火隔离带8公里，并对120名半专业扑火队员开展2期扑火技能培训。项目须于2026年10月31日前"
        "完成建设并通过验收。项目实施后覆盖重点林区4.5万亩，火情发现后30分钟内到达现场处置，全年森林火灾受害率控制在0.9‰以内，"
        "惠及林区群众约2.1万人。")


def _run(kb, case):
    name, budget, text = case
    return kb.suggest(text, project_name=name, budget_wan=budget, mode="lexical", with_opinions=False)


def test_satisfaction_and_cost_keep_their_ten_points(shipped_kb):
    """满意度 8 (FIRE: its ≥90 % is a library value, capped to 100 ÷ 12) and 成本 19 (D037: it took what 待填写 rows gave
    up): the README says 满意度 10 and 成本 10; they keep them. D037's 产出 and 效益 rows, none holding a figure of the
    text, share their 80 evenly (trial 22; before, a 待填写 row up to the even share, the library and year-end rows the rest)."""
    for case in (D007, D037, FIRE):
        res = _run(shipped_kb, case)
        ws = {c.level1: [] for c in res.default_table}
        for c in res.default_table:
            ws[c.level1].append(c.weight)
        assert sum(sum(v) for v in ws.values()) == 100
        assert sum(ws["satisfaction"]) == 10 and sum(ws["cost"]) == 10, (case[0], ws)
        assert len(ws["satisfaction"]) > 1 or ws["satisfaction"] == [10]
    res = _run(shipped_kb, D037)
    ws = [(c.value, c.weight) for c in res.default_table if c.level1 in ("output", "benefit")]
    # trial 22: with no row holding a figure of the text, a library value or a year-end date takes nothing a 待填写 row
    # gives up (D025's 三公经费控制率 held 20 of 100, more than any row): the points go back evenly, as the README says —
    # every 产出 / 效益 row the same share, ±1 for rounding (the library and year-end rows took up to 1.5 shares before)
    even = 100 / len(res.default_table)
    weights = [w for _, w in ws]
    assert max(weights) - min(weights) <= 1 and all(w <= 1.5 * even for w in weights), ws


def test_a_qualitative_row_to_fill_asks_for_what_the_checker_accepts(shipped_kb):
    """D037's 消除安全隐患 said 请写明可核验的定性标准; the user wrote 定性：玻璃幕墙外延脱落隐患全部消除 and QNT-05 rejected it.
    The hint now is the checker's own (`CHECKABLE_RESULT_HINT`), and the value the user wrote passes the check."""
    from kb.checker import check_rows
    from kb.domain.schema import TargetRow

    res = _run(shipped_kb, D037)
    row = next(c for c in res.default_table if c.name == "消除安全隐患")
    assert row.operator == "定性" and not row.value and CHECKABLE_RESULT_HINT in row.note
    rep = check_rows([TargetRow(level1="效益指标", level2="可持续影响指标", name=row.name, operator="定性",
                                value="玻璃幕墙外延脱落隐患全部消除", unit="")], {"description": D037[2]})
    assert not [f for f in rep.findings if f.row == 1]


def _rows(res):
    return {c.name: (c.level1, c.level2, c.operator, c.value, c.unit) for c in res.default_table}


def test_a_planting_project_in_standing_greenhouses_holds_no_building_rows(shipped_kb):
    """D007 plants in 10 existing greenhouses: 设施建设面积 待填写 and 产业项目建成投产率 ≥90 % are another kind of
    project's (struck); the stated 10 户 is carried by 受益脱贫户（监测户）数 ≥10 户 under 社会效益."""
    rows = _rows(_run(shipped_kb, D007))
    assert not [n for n in rows if "建设" in n or "建成" in n], rows
    assert rows["受益脱贫户（监测户）数"] == ("benefit", "social_benefit", "≥", "10", "户")
    assert rows["种植黄金蜜(葡萄)数量"][3] == "17600" and rows["设施温棚数量"][3] == "10"
    # one row asking the households the text names, no 村民 it never names (recall round 2 names them as the text
    # does: 受益脱贫(监测)户满意度)
    sat = [n for n, r in rows.items() if r[0] == "satisfaction"]
    assert len(sat) == 1 and "脱贫" in sat[0] and "村民" not in sat[0], sat
    # a project that does build keeps its building rows
    built = _rows(shipped_kb.suggest("新建设施温棚10栋，种植黄金蜜(葡萄)17600株，带动脱贫户增收80万元。",
                                     project_name="设施农业产业园建设", budget_wan=50, mode="lexical",
                                     with_opinions=False))
    assert any("建设" in n or "建成" in n or "新建" in n for n in built), built


def test_a_count_of_works_is_set_aside_when_the_text_names_one_work(shipped_kb):
    """D037 names one work (维修审判楼玻璃幕墙等): 维修项目数量 待填写 个 beside 安全隐患维修面积 adds nothing checkable."""
    rows = _rows(_run(shipped_kb, D037))
    assert "维修项目数量" not in rows and "安全隐患维修面积" in rows, rows


def test_sessions_are_named_by_the_activity_they_are_of(shipped_kb):
    """FIRE: 对120名半专业扑火队员开展2期扑火技能培训 gave 队员开展期数 ≥2 期 (the words before the figure); the sessions
    are of the activity named after them. Every other figure of the text is still carried by a row."""
    from kb.suggest.objects import mentions

    got = {(m.value, m.unit): m.obj for m in mentions(FIRE[2])}
    assert got[("2", "期")] == "扑火技能培训"
    rows = _rows(_run(shipped_kb, FIRE))
    assert not [n for n in rows if "队员开展" in n], rows
    assert rows["扑火技能培训期数"] == ("output", "quantity", "≥", "2", "期")
    assert {r[3] for r in rows.values()} >= {"12", "40", "8", "120", "2", "0.9", "30", "2.1", "4.5", "186"}
