"""Trial 14 (a fresh reviewer checked drafts with typical mistakes): a thing's count given a person's unit, a
deadline later than the text's, vague values answered with another sector's examples, a total cost explained as a
per-head standard, a `--fix` value holding its own %, equal values called different, a setting figure as target.
Each table is written to a JSON file as a declarant sends it and read back (`read_table`), checked as
`jixiao check table.json` checks it (generic defaults, no library) and, where it matters, fixed (`apply_fixes`)."""
from __future__ import annotations


from kb.checker import check_declaration
from kb.checker.fix import apply_fixes
from kb.domain.schema import TargetRow
from kb.domain.things import thing_units
from tests.checker_rows import QTY, by_key, table_file as _table

# the reviewer's training text (600 to train in 2025, 450 trained in 2024, done by the end of October)
TRAINING = ("县农业农村局2025年安排资金50万元，开展新型职业农民培训600人，培训内容为果蔬种植和电商销售，2025年10月底前完成。"
            "2024年已培训450人。")


def _fixed_rows(decl) -> dict[str, TargetRow]:
    """The rows of the `--fix` table by name."""
    return {r.name: r for r in apply_fixes(decl, check_declaration(decl)).rows}


# ------------------------------------------------------------------ 1. a thing counted in persons
def test_textbooks_without_unit_are_not_counted_in_persons(tmp_path):
    """发放培训教材 ≥600 with no unit took 人 from the text's “培训600人” (shared word 培训); 教材 are counted in
    册/本/套: the suggestion asks for the unit with those examples, and `--fix` writes no unit."""
    rows = [(*QTY, "培训人数", "≥", "600", "人"), (*QTY, "发放培训教材", "≥", "600", "")]
    decl = _table(tmp_path, "2025年新型职业农民培训", TRAINING, rows, 50)
    sug = by_key(check_declaration(decl))[(2, "UNIT-01")].suggestion
    assert "人" not in (sug.unit or "") and "600人" not in sug.text, sug
    assert "待填写" in sug.text and "册" in sug.text, sug
    assert _fixed_rows(decl)["发放培训教材"].unit != "人"


def test_textbooks_take_the_texts_own_unit(tmp_path):
    """When the text states the count of the thing in a unit that counts it (发放培训教材600册), that unit is taken."""
    text = TRAINING.replace("，培训内容", "，发放培训教材600册，培训内容")
    rows = [(*QTY, "培训人数", "≥", "600", "人"), (*QTY, "发放培训教材", "≥", "600", "")]
    sug = by_key(check_declaration(_table(tmp_path, "2025年新型职业农民培训", text, rows, 50)))[(2, "UNIT-01")].suggestion
    assert sug.unit == "册" and "≥600册" in sug.text, sug


def test_thing_units_of_names():
    """What a name ending on an object counts; a name with a measure ending or of persons names none."""
    assert thing_units("发放培训教材") == ("册", "本", "套")
    assert thing_units("购置车辆") == ("辆",)
    assert thing_units("培训人数") == () and thing_units("教材发放数量") == () and thing_units("培训农民") == ()


# ------------------------------------------------------------------ 2. a deadline after the text's, in another year
TIM = ("产出指标", "时效指标")


def test_late_deadline_against_the_texts_date_says_it_and_takes_it(tmp_path):
    """培训完成时间 2026年3月底前 beside “2025年10月底前完成”: TIME-04 said only 保留原时限; it now names the text's
    date (as TIME-06 does for 年底前) and the fix writes 2025年10月31日前."""
    rows = [(*QTY, "培训人数", "≥", "600", "人"), (*TIM, "培训完成时间", "", "2026年3月底前", "")]
    decl = _table(tmp_path, "2025年新型职业农民培训", TRAINING, rows, 50)
    f = by_key(check_declaration(decl))[(2, "TIME-04")]
    assert "2025年10月31日前" in f.message and "不一致" in f.message, f.message
    assert f.suggestion.text == "指标值改为“2025年10月31日前”", f.suggestion
    assert _fixed_rows(decl)["培训完成时间"].value == "2025年10月31日前"


def test_late_deadline_without_a_stated_date_is_kept(tmp_path):
    """With no date in the text, a cross-year deadline is still kept (rewriting it changes what is promised)."""
    text = TRAINING.replace("2025年10月底前完成。", "")
    rows = [(*QTY, "培训人数", "≥", "600", "人"), (*TIM, "培训完成时间", "", "2026年3月底前", "")]
    f = by_key(check_declaration(_table(tmp_path, "2025年新型职业农民培训", text, rows, 50)))[(2, "TIME-04")]
    assert "保留原时限" in f.suggestion.text and "概况" not in f.message, f


# ------------------------------------------------------------------ 3. examples of another sector's measures
SUS = ("效益指标", "可持续影响指标")
ECO = ("效益指标", "生态效益指标")
SOC = ("效益指标", "社会效益指标")
TOILETS = "2025年县城管局投入资金120万元，改造城区公厕15座，新建第三卫生间3个，2025年9月30日前完工。"
LIBRARY = "县图书馆2025年免费开放，全年接待读者1.5万人次，开展阅读推广活动24场。"


def _qnt01_text(tmp_path, project, text, row, budget):
    rows = [(*QTY, "数量", "≥", "1", "项"), row]
    return by_key(check_declaration(_table(tmp_path, project, text, rows, budget)))[(2, "QNT-01")].suggestion.text


def test_vague_values_get_examples_of_the_projects_own_kind(tmp_path):
    """带动作用 明显 in a training project was told 设施正常使用年限; 市民如厕环境 of public toilets 减排量（吨）; 全民阅读
    氛围 of a library 时间或距离的缩短: each now gets examples that fit its own project."""
    t = _qnt01_text(tmp_path, "2025年新型职业农民培训", TRAINING, (*SUS, "带动作用", "", "明显", ""), 50)
    assert "设施正常使用年限" not in t and "参训人员" in t, t
    t = _qnt01_text(tmp_path, "2025年城区公厕改造", TOILETS, (*ECO, "市民如厕环境", "", "有所改善", ""), 120)
    assert "减排量" not in t and "修复面积" not in t and "达标率" in t, t
    t = _qnt01_text(tmp_path, "县图书馆免费开放", LIBRARY, (*SOC, "全民阅读氛围", "定性", "显著提升", ""), 30)
    assert "距离的缩短" not in t and "受益人数" in t, t


def test_sector_examples_stay_for_their_own_sector(tmp_path):
    """A road project keeps 时间或距离的缩短, a works project 设施正常使用年限, an emission project 减排量."""
    road = "县交通运输局2025年改造农村公路12公里，改善群众出行条件。"
    t = _qnt01_text(tmp_path, "农村公路改造", road, (*SOC, "群众出行", "", "明显改善", ""), 300)
    assert "距离的缩短" in t, t
    t = _qnt01_text(tmp_path, "农村公路改造", road, (*SUS, "长效作用", "", "明显", ""), 300)
    assert "设施正常使用年限" in t, t
    coal = "2025年实施燃煤锅炉清洁能源替代，减少污染物排放。"
    t = _qnt01_text(tmp_path, "燃煤锅炉替代", coal, (*ECO, "空气质量", "", "有所改善", ""), 300)
    assert "减排量" in t, t


# ------------------------------------------------------------------ 4. a total explained as a per-head standard
def test_total_cost_is_not_explained_as_a_standard_per_head(shipped_kb):
    """培训成本 ≤50 万元 got the library's 指标解释 of 培训成本 in 元/人·天 (“每人每天的培训综合费用”); with the row's
    unit a total is not explained by a standard per head, while the standard itself still is."""
    assert shipped_kb.table_indicator("培训成本", "经济成本指标").unit.startswith("元/")  # the library's standard
    ind = shipped_kb.table_indicator("培训成本", "经济成本指标", unit="万元")
    assert ind is None or "每人每天" not in (ind.explanation or ""), ind
    per = shipped_kb.table_indicator("培训成本", "经济成本指标", unit="元/人·天")
    assert per is not None and "每人每天" in per.explanation, per


def test_explains_unit():
    """A total and a figure per head, money and persons, a ratio and a count are different measures."""
    from kb.domain.units import explains_unit

    assert not explains_unit("万元", "元/人·天") and not explains_unit("%", "个") and not explains_unit("万元", "人")
    assert explains_unit("万元", "元") and explains_unit("人", "人次") and explains_unit("", "元/人·天")


# ------------------------------------------------------------------ 5. the unit in its own cell after --fix
def test_fixed_value_with_its_own_percent_puts_it_in_the_unit_cell(tmp_path):
    """工程验收合格率 “≥９５％” with an empty unit: `--fix` wrote 指标值 “≥95%” beside an empty 计量单位, unlike every
    other row; the % now goes to the unit cell (and a date keeps its 年)."""
    QLT_, TIM_ = ("产出指标", "质量指标"), ("产出指标", "时效指标")
    rows = [(*QTY, "改造公厕数量", "≥", "15", "座"), (*QLT_, "工程验收合格率", "", "≥９５％", ""),
            (*TIM_, "完工时间", "", "2025年9月30日前", ""), (*QTY, "新建第三卫生间", "", "≥3个", "")]
    decl = _table(tmp_path, "2025年城区公厕改造", TOILETS, rows, 120)
    fixed = _fixed_rows(decl)
    r = fixed["工程验收合格率"]
    assert (r.operator + r.value, r.unit) == ("≥95", "%"), r
    assert (fixed["新建第三卫生间"].value, fixed["新建第三卫生间"].unit) == ("≥3", "个"), fixed["新建第三卫生间"]
    assert fixed["完工时间"].value == "2025年9月30日前" and fixed["完工时间"].unit == ""


# ------------------------------------------------------------------ 6. one figure in two units is no disagreement
def test_duplicate_with_one_figure_in_two_units_is_not_called_different(tmp_path):
    """接待读者人次 ≥15000 人次 and 接待讀者人次 ≥1.5 万人次: STR-12 said 指标值不一致; it says 指标值相同, while
    ≥15000 人次 against ≥2 万人次 still differ."""
    rows = [(*QTY, "接待读者人次", "≥", "15000", "人次"), (*QTY, "阅读推广活动场次", "≥", "24", "场"),
            (*QTY, "接待讀者人次", "≥", "1.5", "万人次")]
    f = by_key(check_declaration(_table(tmp_path, "县图书馆免费开放", LIBRARY, rows, 30)))[(None, "STR-12")]
    assert "不一致" not in f.message and "指标值相同" in f.message, f.message
    assert "不一致" not in f.suggestion.text, f.suggestion
    rows[2] = (*QTY, "接待讀者人次", "≥", "2", "万人次")
    f = by_key(check_declaration(_table(tmp_path, "县图书馆免费开放", LIBRARY, rows, 30)))[(None, "STR-12")]
    assert "指标值不一致" in f.message, f.message


# ------------------------------------------------------------------ 7. the setting's count as a target elsewhere
def test_setting_count_as_a_benefit_target_is_flagged(tmp_path):
    """生态效益指标 公厕数量 ≥62座 beside “全县现有公厕62座”: REL-06 read only 产出/数量 rows; a count of what exists
    set as target under 效益 is flagged too (advice, the row is the declarant's to delete or replace), while a
    planned figure under 效益 is not."""
    text = TOILETS + "全县现有公厕62座。"
    rows = [(*QTY, "改造公厕数量", "≥", "15", "座"), (*ECO, "公厕数量", "≥", "62", "座"),
            (*SOC, "受益群众人数", "≥", "3000", "人")]
    decl = _table(tmp_path, "2025年城区公厕改造", text, rows, 120)
    found = by_key(check_declaration(decl))
    f = found[(2, "REL-06")]
    assert "现有公厕62座" in f.message and "背景" in f.message, f.message
    assert "删除该行" in f.suggestion.text and f.suggestion.value is None, f.suggestion
    assert (1, "REL-06") not in found and (3, "REL-06") not in found
    assert _fixed_rows(decl)["公厕数量"].value == "62"
