"""What a twenty-second fresh reviewer (a county 财政局 reviewer, README only) struck in `jixiao suggest`. The
reviewer's own texts (/tmp/trial22/inputs.md) are copied here verbatim; the real projects are dev.jsonl's."""
from __future__ import annotations

from tests.kbfactory import dev_record, suggest_dev, suggest_text

DRUG = "2025年县禁毒办禁毒宣传教育经费，项目预算25万元。依托“6·26”国际禁毒日、全民禁毒宣传月等节点，在全县15个乡镇开展禁毒宣传进学校、进社区、进农村、进家庭、进场所活动不少于120场次，印发禁毒宣传资料5万份，制作禁毒公益广告牌30块；对全县中小学校开展毒品预防教育，覆盖在校学生2.8万人。通过宣传，群众禁毒知识知晓率达到90%以上，青少年毒品预防教育覆盖率100%，新增吸毒人员数量较上年下降。项目于2025年12月20日前完成。"
WATER = "计划改造县城城区建成于2000年前的老旧铸铁、镀锌供水管网18.6公里，更换入户水表3200只，惠及城区居民约1.1万户3.5万人。工程于2025年4月开工，11月30日前完工并通过验收，工程验收合格率100%。改造完成后，城区公共供水管网漏损率由18%降低到12%以下，管网水质合格率达到100%，年节约水量约40万立方米。该项目总投资960万元，其中2025年申请县级财政资金600万元，其余由县水务公司自筹。"
FOREST = "全县现有林地面积126万亩，其中松林面积42万亩，是松材线虫病防控的重点区域。2024年全县共清理松材线虫病枯死松树1.8万株。2025年安排林业有害生物防治经费85万元，计划开展松材线虫病秋季普查1次，监测松林面积42万亩；清理枯死松树1.2万株，每株补助50元，计60万元；设置诱捕器300套，每套200元，计6万元；开展美国白蛾等食叶害虫飞机防治2万亩，19万元。林业有害生物成灾率控制在3‰以下，无公害防治率达到90%以上，疫木处置于2026年3月底前完成。"
PRESCHOOL = "为保障家庭经济困难幼儿接受普惠性学前教育，对在我县经审批设立的公办幼儿园和普惠性民办幼儿园就读的家庭经济困难幼儿、孤儿和残疾儿童减免保育教育费，资助标准为每生每年1500元，计划资助幼儿860人，其中脱贫家庭幼儿420人。资助资金于春季、秋季学期开学后2个月内足额拨付到园，由幼儿园直接减免保教费，资助对象认定准确率100%。通过资助，全县学前三年毛入园率由91%提高到93%，受助幼儿家长满意度达95%以上。项目总预算129万元，其中中央资金90万元、县级配套39万元。"
HOUSING = "根据住建部门排查鉴定结果，全县2025年计划实施农村低收入群体等重点对象危房改造85户，其中C级危房加固改造55户、D级危房拆除重建30户。补助标准：加固改造每户1.5万元，拆除重建每户3.5万元，共需补助资金187.5万元，由中央和省级补助资金安排。改造后房屋须经县住建局组织竣工验收，验收合格率100%，改造房屋抗震设防达标。所有改造项目须于2025年10月31日前竣工，补助资金在验收合格后30日内通过“一卡通”发放到户。项目实施后，保障农村低收入群体住房安全，受益群众满意度达到90%以上。"
RIVER = "为落实河长制工作要求，我县2025年安排河湖管护专项资金186万元。资金主要用于：聘用河道保洁员120名，每人每月补助800元，计115.2万元；县乡村三级河长巡河信息系统运维12万元；河道垃圾清运及水面保洁58.8万元。全年县级河长每季度巡河不少于1次，乡级河长每月巡河不少于1次，村级河长每周巡河不少于1次，覆盖全县42条河流、河道总长度638公里。通过项目实施，河道垃圾及时清理率达到95%以上，县域国控断面水质优良比例由80%提高到90%，沿河群众满意度不低于90%。项目于2025年12月底前完成。"
LIBRARY = "2025年县图书馆免费开放补助经费40万元，由中央补助地方公共文化服务体系建设资金安排，用于：新增购置图书8000册，14万元；数字资源采购及维护8万元；开展阅读推广、讲座、展览等公益活动60场次，10万元；馆舍水电及日常运转8万元。图书馆全年免费开放，每周开放时间不少于56小时，年接待读者由12万人次提高到15万人次，图书外借量达到18万册次。持证读者满意度达到90%以上。"
VILLAGES = "2025年安排资金90万元，修缮3个村的村组道路：东山村修缮道路2.5公里，西坪村修缮道路3公里，南岭村修缮道路1.5公里，于2025年10月底前完工，验收合格率100%，惠及群众2600人。"


def _table(res):
    return [(c.level1_label, c.level2_label, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def _names(res):
    return [c.name for c in res.default_table]


# ---------------------------------------------------------------- 1. a name cut from one piece of its words

def test_count_of_a_listed_activity_is_named_for_the_whole_list(shipped_kb):
    """进学校、进社区、…、进场所活动不少于120场次 is all the publicity's activities, not 场所活动场次."""
    rows = _table(suggest_text(shipped_kb, DRUG, "2025年禁毒宣传教育经费", 25))
    assert any(r[2] == "禁毒宣传活动场次" and r[4] == "120" for r in rows), rows
    assert not any(r[2] == "场所活动场次" for r in rows), rows


def test_length_of_listed_materials_is_named_for_the_mains(shipped_kb):
    """老旧铸铁、镀锌供水管网18.6公里: the old mains, not 镀锌供水管网长度."""
    rows = _table(suggest_text(shipped_kb, WATER, "县城老旧供水管网改造工程", 600))
    assert any(r[2] == "老旧供水管网长度" and r[4] == "18.6" for r in rows), rows


def test_bulk_count_keeps_its_work(shipped_kb):
    """清理枯死松树1.2万株 is 清理枯死松树数量, not a count of pine trees (松树数量)."""
    rows = _table(suggest_text(shipped_kb, FOREST, "2025年林业有害生物防治经费", 85))
    assert any(r[2] == "清理枯死松树数量" and r[4] == "1.2" and r[5] == "万株" for r in rows), rows
    assert "松树数量" not in [r[2] for r in rows], rows


def test_preschool_three_years_is_kept_in_the_rate_name(shipped_kb):
    """学前三年毛入园率 is the rate's name; the numeral reader made it 学前3年 and the name 年毛入园率."""
    rows = _table(suggest_text(shipped_kb, PRESCHOOL, "2025年学前教育幼儿资助资金", 129))
    assert any(r[2] == "学前三年毛入园率" and r[4] == "93" for r in rows), rows


# ---------------------------------------------------------------- 8. 分值 of rows no text's figure carries

def test_library_value_and_year_end_rows_hold_at_most_the_even_share(shipped_kb):
    """D025: 三公经费控制率 ≤ 100 (library) held 20 and 部门整体支出完成时间 当年12月31日前 (year end) 19 of 100, more
    than the 待填写 rows — with no row of the text's own figure to take what 待填写 rows give up, the README gives it
    back evenly: every 产出 / 效益 row the same share (±1 for rounding and 效益's floor), 满意度 and 成本 their 10."""
    rows = suggest_dev(shipped_kb, "D025").default_table
    assert sum(c.weight for c in rows) == 100
    moving = [c.weight for c in rows if c.level1 in ("output", "benefit")]
    assert max(moving) - min(moving) <= 1, [(r.name, r.value, r.weight) for r in rows]
    assert sum(c.weight for c in rows if c.level1 == "satisfaction") == 10, [(r.name, r.weight) for r in rows]


# ---------------------------------------------------------------- 2. a figure listed place by place

def test_per_village_lengths_are_summed(shipped_kb):
    """东山村2.5公里，西坪村3公里，南岭村1.5公里: the project repairs 7 公里, not the first village's 2.5."""
    rows = _table(suggest_text(shipped_kb, VILLAGES, "2025年村道修缮工程", 90))
    assert any(r[2] == "修缮道路里程" and r[4] == "7" and r[5] == "公里" for r in rows), rows


def test_unit_cost_is_not_the_budget_over_one_village(shipped_kb):
    """119 villages each 修缮道路、新建路灯、培训农民: 培训人均成本 was 500 万元 ÷ the first village's 100 人次."""
    text = "，".join(f"第{i}村修缮道路{i}.5公里、新建路灯{3 * i}盏、培训农民{100 * i}人次" for i in range(1, 120)) + "。"
    rows = _table(suggest_text(shipped_kb, text, "多村基础设施", 500))
    assert any(r[2] == "新建路灯数量" and r[4] == "21420" for r in rows), rows
    assert not any(r[4] == "50000" for r in rows), rows


# ---------------------------------------------------------------- 3. a part of the whole under the whole's name

def _housing(kb):
    return _table(suggest_text(kb, HOUSING, "2025年农村危房改造补助资金", 187.5))


def test_part_count_is_named_for_its_part(shipped_kb):
    """85户，其中…D级危房拆除重建30户: 农村危房改造户数 ≥ 30 contradicted the 85; the 30 is the rebuild part's."""
    rows = _housing(shipped_kb)
    assert not any(r[2] == "农村危房改造户数" and r[4] == "30" for r in rows), rows
    assert any(r[2] == "危房拆除重建户数" and r[4] == "30" for r in rows), rows


def test_each_kind_of_work_keeps_its_own_standard(shipped_kb):
    """补助标准：加固改造每户1.5万元，拆除重建每户3.5万元 — never one part's 1.5 under the whole's 户均 name."""
    rows = _housing(shipped_kb)
    assert not any(r[2] == "农村危房改造户均补助标准" for r in rows), rows
    assert ("成本指标", "经济成本指标", "加固改造户均补助标准", "=", "1.5", "万元/户") in rows, rows
    assert ("成本指标", "经济成本指标", "拆除重建户均补助标准", "=", "3.5", "万元/户") in rows, rows


# ---------------------------------------------------------------- 4. a stated aid standard names the aid

def test_stated_aid_standard_is_named_for_the_aid(shipped_kb):
    """资助标准为每生每年1500元: 学前教育幼儿资助标准, not 幼儿园生均公用经费标准 (a running-cost standard); and no
    普惠性民办幼儿园奖补数量 (another programme) for fee reductions to children."""
    rows = _table(suggest_text(shipped_kb, PRESCHOOL, "2025年学前教育幼儿资助资金", 129))
    assert any(r[2] == "学前教育幼儿资助标准" and r[4] == "1500" for r in rows), rows
    names = [r[2] for r in rows]
    assert "幼儿园生均公用经费标准" not in names and "普惠性民办幼儿园奖补数量" not in names, rows


# ---------------------------------------------------------------- 5. rows another programme brings

def test_free_opening_library_has_no_payment_accuracy(shipped_kb):
    """图书馆免费开放发放准确率: a library open for free pays nothing out to anyone."""
    names = _names(suggest_text(shipped_kb, LIBRARY, "县图书馆免费开放补助经费", 40))
    assert not any("发放" in n for n in names), names


def test_publicity_fund_has_no_rehabilitation_headcount(shipped_kb):
    """社区戒毒社区康复人员管控人数 for a publicity fund (no 戒毒, 康复, 管控 in the text)."""
    names = _names(suggest_text(shipped_kb, DRUG, "2025年禁毒宣传教育经费", 25))
    assert "社区戒毒社区康复人员管控人数" not in names, names


def test_pest_control_has_no_forest_cover(shipped_kb):
    """森林覆盖率 待填写 is not attributable to pest control (no 造林, 植树 … in the text)."""
    names = _names(suggest_text(shipped_kb, FOREST, "2025年林业有害生物防治经费", 85))
    assert "森林覆盖率" not in names and "林农补偿性收入" not in names, names


def test_relief_fund_has_no_policy_awareness(shipped_kb):
    """D017 临时救助: 社会救助政策知晓率 measures publicity the fund does not do."""
    names = [c.name for c in suggest_dev(shipped_kb, "D017").default_table]
    assert "社会救助政策知晓率" not in names, names


def test_rivers_are_no_beneficiaries(shipped_kb):
    """覆盖全县42条河流 gave 受益河流数量 ≥ 42 条 under 社会效益: the count of rivers covered, an output."""
    res = suggest_text(shipped_kb, RIVER, "2025年河长制河湖管护经费", 186)
    rows = _table(res)
    assert not any(r[2] == "受益河流数量" for r in rows), rows
    # (the table's 数量 rows are the three levels' patrols, item 6: the count of rivers stands first among alternates)
    offered = [(c.level2, c.name, c.value) for c in res.alternates.get("quantity", [])] + \
        [(c.level2, c.name, c.value) for c in res.default_table]
    assert ("quantity", "覆盖河流数量", "42") in offered, offered


# ---------------------------------------------------------------- 9. a library rate beside the stated one

RIVER_TRAD = ("為落實河長制工作要求，我縣2025年安排河湖管護專項資金186萬元。資金主要用於：聘用河道保潔員120名，每人每月補助800元，"
              "計115.2萬元；縣鄉村三級河長巡河信息系統運維12萬元；河道垃圾清運及水面保潔58.8萬元。覆蓋全縣42條河流、河道總長度638公里。"
              "河道垃圾及時清理率達到95%以上，縣域國控斷面水質優良比例由80%提高到90%，沿河群眾滿意度不低於90%。項目於2025年12月底前完成。")


def test_library_rate_of_the_stated_measure_is_set_aside(shipped_kb):
    """地表水国控断面水质优良比例 ≥ 80 % (library) beside 县域国控断面水质优良比例 ≥ 90 % (由80%提高到90%): one measure."""
    rows = _table(suggest_text(shipped_kb, RIVER_TRAD, "2025年河長制河湖管護經費", 186))
    assert any(r[2] == "县域国控断面水质优良比例" and r[4] == "90" for r in rows), rows
    assert not any(r[2] == "地表水国控断面水质优良比例" for r in rows), rows


# ---------------------------------------------------------------- 7. the main work's stated deadline

def test_stated_deadline_of_next_year_wins_over_the_year_end(shipped_kb):
    """疫木处置于2026年3月底前完成 (60 of 85 万元): not 林业有害生物防治完成时间 2025年12月31日前 “描述未写明完成时限”."""
    rows = _table(suggest_text(shipped_kb, FOREST, "2025年林业有害生物防治经费", 85))
    timely = [r for r in rows if r[1] == "时效指标"]
    assert ("产出指标", "时效指标", "疫木处置完成时间", "", "2026年3月31日前", "") in timely, timely
    assert not any(r[4] == "2025年12月31日前" for r in timely), timely


# ---------------------------------------------------------------- 6. one timing, one count, counted once

def test_period_and_its_end_are_one_timing(shipped_kb):
    """D002: 降尘抑尘服务周期 2023年7月至2024年1月 and 降尘抑尘服务完成时间 2024年1月31日前 are the same period twice."""
    rows = [(c.level2, c.name, c.value) for c in suggest_dev(shipped_kb, "D002").default_table]
    timely = [r for r in rows if r[0] == "timeliness"]
    assert ("timeliness", "降尘抑尘服务周期", "2023年7月至2024年1月") in timely, timely
    assert not any(r[2] == "2024年1月31日前" for r in timely), timely


def test_no_third_blank_count_of_the_same_students(shipped_kb):
    """D012: 受益学生人数 待填写 beside two blank 应受助学生数 rows asked for the same students three times; the text's
    own aim (提升中职教育吸引力) stays the 效益 row."""
    names = [c.name for c in suggest_dev(shipped_kb, "D012").default_table]
    assert "受益学生人数" not in names and "职业教育吸引力" in names, names


def test_patrols_of_each_level_are_their_own_rows(shipped_kb):
    """县级每季度、乡级每月、村级每周巡河: one 巡河次数 ≥ 4 read as all patrols lost two of three levels."""
    rows = _table(suggest_text(shipped_kb, RIVER, "2025年河长制河湖管护经费", 186))
    got = {r[2]: r[4] for r in rows if r[2].endswith("巡河次数")}
    assert got == {"县级河长巡河次数": "4", "乡级河长巡河次数": "12", "村级河长巡河次数": "52"}, rows


def test_relief_fund_counts_its_poor_for_the_publicity_row(shipped_kb):
    """D017 (建档立卡扶贫户的临时救助): with 社会救助政策知晓率 set aside, the 效益 row counts the poor it reaches
    (受益建档立卡贫困人口数, recall round 6), not a blank stand-in 社会救助体系."""
    names = [c.name for c in suggest_dev(shipped_kb, "D017").default_table]
    assert "受益建档立卡贫困人口数" in names and "社会救助体系" not in names, names
