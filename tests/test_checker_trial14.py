"""Trial 14 (a fresh reviewer checked drafts with typical mistakes): a thing's count given a person's unit, a
deadline later than the text's, vague values answered with another sector's examples, a total cost explained as a
per-head standard, a `--fix` value holding its own %, equal values called different, a setting figure as target.
Each table is written to a JSON file as a declarant sends it and read back (`read_table`), checked as
`jixiao check table.json` checks it (generic defaults, no library) and, where it matters, fixed (`apply_fixes`)."""
from __future__ import annotations

import json

from kb.checker import check_declaration
from kb.checker.fix import apply_fixes
from kb.domain.schema import TargetRow
from kb.domain.things import thing_units
from kb.io.tables import read_table
from tests.checker_rows import QTY, by_key

# the reviewer's training text (600 to train in 2025, 450 trained in 2024, done by the end of October)
TRAINING = ("县农业农村局2025年安排资金50万元，开展新型职业农民培训600人，培训内容为果蔬种植和电商销售，2025年10月底前完成。"
            "2024年已培训450人。")


def _table(tmp_path, project: str, description: str, rows: list[tuple], budget: float, year: int = 2025):
    """The table a declarant sends (`jixiao check table.json`), read back as the CLI reads it."""
    p = tmp_path / "table.json"
    p.write_text(json.dumps({"project_name": project, "budget_wan": budget, "year": year, "description": description,
                             "rows": [dict(zip(("level1", "level2", "name", "operator", "value", "unit"), r))
                                      for r in rows]}, ensure_ascii=False), encoding="utf-8")
    return read_table(p)


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
