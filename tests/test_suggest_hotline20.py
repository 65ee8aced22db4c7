"""Counts a text states that no row took reach the 数量 slot, named by their clause (round 20, the hotline of trial
18 after the ranker's retraining): a library count left blank (待填写) never stands alone where the text gives its
own figures. The text here is this round's own, of the same shape as trial 18's hotline."""
from __future__ import annotations

from kb.domain.text import normalize
from kb.suggest.clause_counts import clause_count_name, clause_head
from tests.kbfactory import suggest_text

ELDERLINE = ("2025年县12349养老服务热线运行经费96万元，由县民政局组织实施。热线全天候受理老年人求助，配置呼叫终端24台，"
             "预计全年接听老年人求助及咨询来电6.5万件。来电接通率不低于95%，求助事项按时转办率达到98%，服务对象满意度90%"
             "以上。经费用于呼叫服务外包70万元、平台维护及通信费26万元。")


def _rows(res):
    return [(c.name, c.operator, c.value, c.unit) for c in res.default_table]


def test_calls_the_text_states_are_a_row_beside_the_blank_library_count(shipped_kb):
    """接听…来电6.5万件: the object reader finds no clean object (咨询 + 来电), no formed or library row took the
    figure, and the 数量 slot held a blank 居家养老服务人次 and 终端数量 only: the calls are named as written."""
    rows = _rows(suggest_text(shipped_kb, ELDERLINE, "12349养老服务热线运行经费", budget=96))
    assert ("接听老年人求助及咨询来电数量", "≥", "6.5", "万件") in rows, rows
    assert ("终端数量", "≥", "24", "台") in rows or any(v == "24" for _, _, v, _ in rows), rows


def test_a_clause_names_its_count_only_when_it_opens_on_the_work():
    """The clause's words before the figure name it when they open on a verb of the work (配备, 受理, 接听); a
    clause opening on 达到 / 完成 (how much) or on the body that works (中心开设…) names nothing, nor money or %."""
    t = normalize("热线全天候运行，配备话务坐席30个，预计全年受理群众来电18万件，全年完成巡查120次，中心开设综合受理窗口12个，"
                  "经费用于外包服务70万元，接通率达到95%。")

    def m(fig, unit, budget=False):
        i = t.index(fig)
        return type("M", (), {"start": i, "end": i + len(fig), "unit": unit, "is_budget": budget})()

    assert clause_head(t, t.index("18万件")) == "受理群众来电"   # 预计全年 says when, no word of the name
    assert clause_count_name(t, m("30个", "个")) == "配备话务坐席数量"
    assert clause_count_name(t, m("18万件", "万件")) == "受理群众来电数量"
    assert clause_count_name(t, m("120次", "次")) is None       # 完成 says how much is done
    assert clause_count_name(t, m("12个", "个")) is None        # opens on the body, 中心
    assert clause_count_name(t, m("70万元", "万元")) is None
    assert clause_count_name(t, m("95%", "%")) is None
