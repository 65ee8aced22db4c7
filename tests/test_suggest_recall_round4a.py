"""Recall round 4a (issue 10, the 数量 slot): counts real tables hold that suggest never formed.

1. A count whose only word before the figure is the work it counts, one verb (出差8人, 共贴息74户次, 开展抽查95批次),
   had no name: the figure counts no object, and the verb was no "verb of the work" `is_clean` admits. It is named
   by the verb and the unit's measure now (出差人数, 贴息户次, 抽查批次), as real tables name it (E003, E031, E038) —
   never for a verb that says how much or who benefits (达到, 做到, 带动就业).
"""
from __future__ import annotations

from kb.suggest import naming as N
from kb.suggest.context import read_project
from tests.kbfactory import dev_record, suggest_text, table_rows


def _mentions(kb, text: str, name: str):
    return read_project(kb.index.tokenizer, text, project_name=name).mentions


# ------------------------------------------------------------------ 1. a count named by its verb

def test_a_count_of_the_work_alone_is_named_by_its_verb(shipped_kb):
    """E003's 出差8人 and E038's 开展抽查95批次 (real texts): the figure counts the work, no object; their real tables
    hold 出差人数 and 开展抽查批次."""
    for rid, want in (("E003", "出差人数"), ("E038", "抽查批次"), ("E031", "贴息户次")):
        rec = dev_record(rid)
        names = {N.quantity_name(m): m.value for m in _mentions(shipped_kb, rec["description"], rec["project"])}
        assert want in names, (rid, names)


def test_a_verb_count_is_a_row_bound_to_the_texts_figure(shipped_kb):
    """Own text: the inspections and the trips are rows of the table, bound to the text's figures."""
    text = ("2025年市场监管抽查工作经费12万元。全年开展抽查60批次，出差15人次，抽查结果全部公示，"
            "年底前完成全部抽查任务。")
    rows = {name: (op, value, unit) for _, name, op, value, unit in table_rows(suggest_text(shipped_kb, text, "双随机抽查工作经费"))}
    assert rows.get("抽查批次") == ("≥", "60", "批次"), rows
    assert rows.get("出差人次") == ("≥", "15", "人次"), rows


def test_a_verb_that_says_how_much_or_who_benefits_names_no_count(shipped_kb):
    """带动就业45人 is a benefit, 做到1.2万人 and 达到300人 say how far, not what is done: no 就业人数 / 做到人数 /
    达到人数 under 数量."""
    text = ("扶持农产品加工车间建设，带动就业45人；家庭医生签约做到1.2万人；培训覆盖达到300人。")
    names = [N.quantity_name(m) for m in _mentions(shipped_kb, text, "农产品加工车间扶持")]
    assert not {"就业人数", "做到人数", "达到人数"} & set(names), names
