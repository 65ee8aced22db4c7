"""Defects of the twenty-first fresh reviewer's trial (/tmp/trial21, steps 4 and 5): the legal-aid draft's rewrites
(a vague target beside the stated figure, a past year's figure kept in the name, a time limit looser than the text's,
a completion word on a counted object, other programmes' 指标解释, 验收合格率 asked of a service), a finding carrying
another rule's suggestion, and an English field name inside the Chinese error of an unreadable upload."""
from __future__ import annotations

import json

from tests.checker_rows import by_key
from tests.lifecycle_fixtures import *  # noqa: F401,F403


# ---- 7. each finding's suggestion is its own rule's -------------------------------------------------------------

def _odd_rows() -> dict:
    # the trial's odd_rows.json: a full-width value, a misplaced separator (a duplicate name), a 1e3 satisfaction
    return {"project_name": "x", "rows": [
        {"level1": "产出指标", "level2": "数量指标", "name": "道路里程", "operator": "≥", "value": "１２", "unit": "公里"},
        {"level1": "产出指标", "level2": "数量指标", "name": "道路里程", "operator": "≥", "value": "1,2000", "unit": "公里"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "满意度", "operator": "≥", "value": "1e3",
         "unit": "%"}]}


def test_each_finding_of_an_unfixable_or_dropped_row_carries_its_own_rules_suggestion(env):
    """Over the API, SAT-05 (谁的满意度) on 满意度 ≥1e3 % carried QNT-04's “…科学计数法…无法自动改写”, and TXT-06 on
    1,2000 read “删除该行：与表内另一行重复” (STR-12 drops the row) instead of how to fix the separator."""
    r = env.client.post("/v1/declarations/check", json=_odd_rows(), headers=env.h("decl_a"))
    assert r.status_code == 200, r.text
    got = {(f["row"], f["rule_id"]): f["suggestion"] for f in r.json()["findings"]}
    assert "科学计数法" in got[(3, "QNT-04")]["text"]
    sat = got[(3, "SAT-05")]["text"]
    assert "科学计数法" not in sat and "满意度" in sat and sat.startswith("名称改为")
    sep = got[(2, "TXT-06")]
    assert "千分位" in sep["text"] and not sep["text"].startswith("删除该行") and not sep.get("delete")
    # the duplicate row still goes in --fix: STR-12's table suggestion deletes it
    assert got[(None, "STR-12")]["delete_rows"] == [2]


# ---- 8. an unreadable upload names the header in Chinese --------------------------------------------------------

def test_a_binary_upload_is_a_422_without_an_english_field_name(env):
    """`curl -F file=@bin.csv` (three binary bytes) answered 422 “bin.csv: header：找不到表头…”."""
    r = env.client.post("/v1/declarations/check", files={"file": ("bin.csv", b"\x00\x01\x02", "text/csv")},
                        headers=env.h("decl_a"))
    assert r.status_code == 422, r.text
    msg = r.json()["detail"][0]["msg"]
    assert "找不到表头" in msg and "header" not in msg, msg


# ---- 1–6. the legal-aid draft -----------------------------------------------------------------------------------

LEGAL_AID = ("县司法局法律援助中心2025年法律援助经费共计45万元，其中办案补贴35万元、法律援助宣传及值班律师补贴10万元。"
             "2024年共办理法律援助案件520件。计划全年办理法律援助案件不少于600件，提供法律咨询3000人次，在县看守所和县法院"
             "设立法律援助工作站2个。受援人满意率达到95%以上，农民工讨薪案件在受理后3个工作日内指派律师。")
VAGUE = ("产出指标", "数量指标", "法律援助案件办理数量", "", "有所提高", "")
PAST = ("产出指标", "数量指标", "2024年办理法律援助案件数", "=", "520", "件")
DONE = ("产出指标", "数量指标", "法律援助工作站建设", "", "完成", "")
LIMIT = ("产出指标", "时效指标", "农民工讨薪案件指派律师时限", "≤", "5", "个工作日")
SAT = ("满意度指标", "服务对象满意度指标", "受援人满意率", "≥", "95", "%")
COST = ("成本指标", "经济成本指标", "项目总成本", "≤", "45", "万元")


def _check(tmp_path, rows, text=LEGAL_AID):
    from kb.checker import check_declaration
    from tests.checker_rows import table_file

    decl = table_file(tmp_path, "法律援助经费", text, rows, 45)
    return decl, check_declaration(decl)


def test_a_vague_count_takes_the_figure_the_text_states_for_its_object(tmp_path):
    """1. 法律援助案件办理数量：有所提高 was rewritten 待填写 beside “计划全年办理法律援助案件不少于600件”; the text's
    other counts (工作站2个, 3000人次) and the past year's 520件 are not this object's figure."""
    _, rep = _check(tmp_path, [VAGUE, SAT, COST])
    sug = by_key(rep)[(1, "QNT-01")].suggestion
    assert (sug.operator, sug.value, sug.unit) == ("≥", "600", "件"), sug.text
    # no stated figure of that object: still 待填写, never another object's figure
    _, rep = _check(tmp_path, [VAGUE, SAT, COST], text=LEGAL_AID.replace("办理法律援助案件不少于600件，", ""))
    assert by_key(rep)[(1, "QNT-01")].suggestion.text.startswith("待填写")


def test_the_past_figure_fix_drops_the_past_year_takes_the_texts_operator_and_does_not_duplicate(tmp_path):
    """2. REL-06 made “2024年办理法律援助案件数 =600 件”: the name kept the past year, the operator was the
    declarant's = where the text says 不少于, and the row then repeated row 1's measure."""
    _, rep = _check(tmp_path, [PAST, SAT, COST])
    sug = by_key(rep)[(1, "REL-06")].suggestion
    assert (sug.name, sug.operator, sug.value, sug.unit or "件") == ("办理法律援助案件数", "≥", "600", "件"), sug.text
    decl, rep = _check(tmp_path, [VAGUE, PAST, SAT, COST])
    past = by_key(rep)[(2, "REL-06")].suggestion
    assert past.delete and "第1行" in past.text and "法律援助案件办理数量" in past.text, past.text
    from kb.checker.fix import apply_fixes

    fixed = apply_fixes(decl, rep)
    counts = [(r.name, r.operator, r.value, r.unit) for r in fixed.rows if r.level2 == "数量指标"]
    assert counts == [("法律援助案件办理数量", "≥", "600", "件")]


def test_a_time_limit_other_than_the_texts_is_flagged_and_fixed_to_it(tmp_path):
    """3. 农民工讨薪案件指派律师时限 ≤5 个工作日 beside “受理后3个工作日内指派律师” drew no finding."""
    _, rep = _check(tmp_path, [LIMIT, SAT, COST])
    f = by_key(rep)[(1, "REL-07")]
    assert "3个工作日" in f.message and "5个工作日" in f.message
    assert (f.suggestion.operator or "≤", f.suggestion.value, f.suggestion.unit or "个工作日") == ("≤", "3", "个工作日")
    # the text's own limit: no finding
    _, rep = _check(tmp_path, [LIMIT[:4] + ("3",) + LIMIT[5:], SAT, COST])
    assert (1, "REL-07") not in by_key(rep)


def test_a_completion_word_on_a_counted_object_becomes_the_stated_count(tmp_path):
    """4. 法律援助工作站建设：完成 became “定性：完成” beside “设立法律援助工作站2个”."""
    _, rep = _check(tmp_path, [DONE, SAT, COST])
    sug = by_key(rep)[(1, "OP-01")].suggestion
    assert (sug.operator, sug.value, sug.unit) == ("≥", "2", "个"), sug.text


def test_a_library_explanation_of_another_programme_is_not_written_onto_a_row(tmp_path):
    """5. --fix wrote 〔执法领域〕案件办理数量's “按执法领域统计的立案办理案件数” onto 法律援助案件办理数量 and 挽回经济损失's
    “执法检查、审计等挽回或追回的资金” onto 为农民工挽回经济损失; an indicator of the row's own name keeps its
    explanation (项目总成本, whose 预算 the text does not say)."""
    from kb.domain.schema import Indicator
    from kb.io.xlsx_table import TableRow, TargetTable, fill_explanations

    def ind(name, expl, keywords):
        return Indicator.model_validate({"id": "b-1", "library": "basic", "sector": "通用", "level1": "output",
                                         "level2": "quantity", "name": name, "explanation": expl, "keywords": keywords})

    lib = {"法律援助案件办理数量": ind("〔执法领域〕案件办理数量", "按执法领域统计的立案办理案件数", ["执法", "案件", "审计"]),
           "为农民工挽回经济损失": ind("挽回经济损失", "执法检查、审计等挽回或追回的资金", ["执法", "案件", "审计"]),
           "项目总成本": ind("项目总成本", "项目全部支出合计，不超过预算安排", ["预算", "资金", "审计"])}
    table = TargetTable(project_name="法律援助经费", description=LEGAL_AID, rows=[
        TableRow(level1="产出指标", level2="数量指标", name="法律援助案件办理数量", operator="≥", value="600", unit="件"),
        TableRow(level1="效益指标", level2="经济效益指标", name="为农民工挽回经济损失", operator="≥", value="10", unit="万元"),
        TableRow(level1="成本指标", level2="经济成本指标", name="项目总成本", operator="≤", value="45", unit="万元")])
    got = {r.name: r.explanation for r in fill_explanations(table, lambda r: lib.get(r.name)).rows}
    assert got == {"法律援助案件办理数量": "", "为农民工挽回经济损失": "", "项目总成本": "项目全部支出合计，不超过预算安排"}
    # an enforcement project names 执法: the same indicator, its explanation stands
    enf = table.model_copy(update={"description": "县综合行政执法局开展执法检查，办理案件不少于600件。"})
    got = {r.name: r.explanation for r in fill_explanations(enf, lambda r: lib.get(r.name)).rows}
    assert got["法律援助案件办理数量"] == "按执法领域统计的立案办理案件数"


def test_a_service_is_not_asked_for_an_acceptance_rate_because_a_row_name_says_build(tmp_path):
    """6. After the fix, STR-10 asked a legal-aid table for 项目验收合格率: the draft's own row 法律援助工作站建设 read
    as a build, though the 项目概况 builds and buys nothing."""
    _, rep = _check(tmp_path, [VAGUE, DONE, LIMIT, SAT, COST])
    s10 = by_key(rep)[(None, "STR-10")].suggestion
    assert "验收" not in s10.text or "不设“验收合格率”" in s10.text, s10.text
    assert not any("验收" in (a.get("name") or "") for a in (s10.add_rows or []))
