"""Recall round 5 (issue 10, soft Recall@10 on real tables): counts and rows the text names that suggest lost.

1. A target list writes a row's name and value together (D023: 情景教学或外训批次6批次). The label ends on the
   figure's own unit, a count of things done; the object reader cut it at 或 and found no object, so no row was
   formed and the figure was lost. The label is the row's name now (情景教学或外训批次 ≥ 6 批次), added after
   gathering (`engine.counts_named_by_the_text`) — never for a figure a gathered row already carries, nor for a
   label that counts an object the reader found.
2. A fund's text lists the places it funds (E027: 新罗区、永定区、上杭县 … 漳平市) and real tables count them
   (宗教管理经费补助县市区数量 = 7); no figure was stated, so no row was formed. 补助县（市、区）数量 = the list's
   length now — only for a fund's text and a 、 list of three or more county-rank places.
3. A rate the text reports or targets by its label (E043: 报告称'资金拨付进度100%') had no row when no library row
   names it; the label is the row's name now, filed as the checker files a name (资金拨付进度: 时效) — never a
   share of the budget (执行率, 预算支出进度).
"""
from __future__ import annotations

from kb.suggest.context import read_project
from kb.suggest.labelled_counts import label_name, labelled_count_drafts
from tests.kbfactory import dev_record, suggest_text, table_rows


def _ctx(kb, text: str, name: str):
    return read_project(kb.index.tokenizer, text, project_name=name)


# ------------------------------------------------------------------ 1. a label naming its count

def test_a_label_ending_on_its_unit_names_the_count_real_text(shipped_kb):
    """D023's real text: 情景教学或外训批次6批次 — its real table holds 情景教学或外训批次."""
    rec = dev_record("D023")
    ctx = _ctx(shipped_kb, rec["description"], rec["project"])
    got = {d.name: (d.mention.value, d.unit) for d in labelled_count_drafts(ctx, [])}
    assert got.get("情景教学或外训批次") == ("6", "批次"), got


def test_a_labelled_count_is_a_row_of_the_table_bound_to_its_figure(shipped_kb):
    """Own text: the label no library row names is a row of the default table, target the text's figure."""
    text = "年度绩效目标:主体班培训300人次;异地研学或红色教育批次5批次;开设课程40门。项目金额80万元。"
    rows = {name: (op, value, unit) for _, name, op, value, unit in table_rows(suggest_text(shipped_kb, text, "干部培训"))}
    assert rows.get("异地研学或红色教育批次") == ("≥", "5", "批次"), rows


def test_a_label_that_counts_an_object_or_another_unit_names_nothing(shipped_kb):
    """培训干部300人次 counts 干部 (the object reader's row names it); 开设课程数量220门 ends on no unit of its own;
    目标1批次3批次 is the list's form, not a label of content."""
    text = "全年培训干部300人次;开设课程数量220门;目标1批次3批次。"
    names = [label_name(m) for m in _ctx(shipped_kb, text, "干部培训").mentions]
    assert names and not [n for n in names if n], names


def test_a_figure_a_gathered_row_carries_gets_no_second_row(shipped_kb):
    """现场观摩或实地教学批次4批次: the library's 现场教学批次 takes the figure when the text is bound, so the label
    adds no second row of the same figure."""
    text = "年度绩效目标:举办青年干部专题培训班3期;现场观摩或实地教学批次4批次;邀请专家授课12人次。项目金额60万元。"
    res = suggest_text(shipped_kb, text, "青年干部培训")
    fours = [c.name for c in res.suggestions if c.value == "4" and c.unit == "批次"]
    assert len(fours) == 1, fours


# ------------------------------------------------------------------ 2. the places a fund lists

def test_the_places_a_fund_lists_are_counted_real_text(shipped_kb):
    """E027's real text lists seven places (分区域目标值: 新罗区、永定区、上杭县、武平县、长汀县、连城县、漳平市); its
    real table holds 宗教管理经费补助县市区数量 = 7. The default table counts them, bound to the list."""
    rec = dev_record("E027")
    rows = {name: (op, value, unit) for _, name, op, value, unit in
            table_rows(shipped_kb.suggest(rec["description"], project_name=rec["project"], mode="lexical",
                                          with_opinions=False))}
    assert rows.get("补助县（市、区）数量") == ("=", "7", "个"), rows


def test_listed_places_own_text_and_what_is_no_such_list(shipped_kb):
    """Own texts: a fund listing four counties gets 补助县（市、区）数量 = 4; towns (镇) are no county-rank list, a list
    of two is no list, and a text naming no fund counts nothing."""
    from kb.suggest.listed_places import NAME, listed_place_drafts

    def got(text, name="农村饮水工程维修养护补助资金"):
        return [(d.name, d.value) for d in listed_place_drafts(_ctx(shipped_kb, text, name))]

    assert got("2025年农村饮水工程维修养护补助资金120万元，分配至城关区、东乡县、西峰区、宁县。") == [(NAME, "4")]
    assert got("2025年农村饮水工程维修养护补助资金120万元，分配至城关镇、东乡镇、西峰镇、宁州镇。") == []
    assert got("2025年农村饮水工程维修养护补助资金120万元，分配至城关区、东乡县。") == []
    assert got("调研城关区、东乡县、西峰区、宁县的饮水工程运行情况。", "饮水工程运行调研") == []


# ------------------------------------------------------------------ 3. a rate named by its label

def test_a_rate_named_by_its_label_real_text(shipped_kb):
    """E043's real text reports '资金拨付进度100%'; its real table holds 资金拨付进度 (时效). The reader finds no object
    before the figure, and the label is the row's name, filed as the checker files it."""
    rec = dev_record("E043")
    ctx = _ctx(shipped_kb, rec["description"], rec["project"])
    got = {d.name: (d.level2, d.mention.value, d.unit) for d in labelled_count_drafts(ctx, [])}
    assert got.get("资金拨付进度") == ("timeliness", "100", "%"), got


def test_a_labelled_rate_is_a_row_of_the_table_without_the_tables_own_rows(shipped_kb):
    """E043 suggested as cross-validation does (the rows whose only origin is its own table left out): the default
    table holds 资金拨付进度 = 100 %, the text's figure (before: no row, the figure lost)."""
    rec = dev_record("E043")
    res = shipped_kb.suggest(rec["description"], project_name=rec["project"], mode="lexical", with_opinions=False,
                             exclude_origin="dev:E043")
    rows = {name: (op, value, unit) for _, name, op, value, unit in table_rows(res)}
    assert rows.get("资金拨付进度") == ("=", "100", "%"), rows


def test_a_share_of_the_budget_is_no_labelled_rate():
    """A rate label that is the budget's own figure (资金执行率, 预算支出进度: the reader sets such figures aside, and
    the checker asks for no such row) names nothing; a label of the work (家庭医生随访完成进度) does."""
    from kb.suggest.labelled_counts import rate_label_name
    from kb.suggest.objects import Mention

    def name(label):
        return rate_label_name(Mention(value="100", unit="%", verb="", obj="", start=0, end=0, context=label))

    assert [name(x) for x in ("资金执行率", "预算支出进度", "完成率")] == [None, None, None]
    assert name("家庭医生随访完成进度") == "家庭医生随访完成进度"


def test_a_label_loses_the_words_of_how_the_text_says_it():
    """报告称工程款拨付进度90% → 工程款拨付进度, 确保资金及时拨付率 → 资金及时拨付率; 保障性住房 keeps its 保障."""
    from kb.suggest.labelled_counts import rate_label_name
    from kb.suggest.objects import Mention

    def name(label):
        return rate_label_name(Mention(value="90", unit="%", verb="", obj="", start=0, end=0, context=label))

    assert [name(x) for x in ("报告称工程款拨付进度", "确保资金及时拨付率", "保障性住房分配率")] == \
        ["工程款拨付进度", "资金及时拨付率", "保障性住房分配率"]
