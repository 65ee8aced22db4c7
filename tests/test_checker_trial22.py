"""Defects of the twenty-second fresh reviewer's trial (/tmp/trial22, steps 4 and 5): a row named for a whole the
text splits into parts, a whole project's date before a part's later one, an output count filed under 效益, a vague
count beside the text's figure, the missing-row advice before the library's rate, a deadline with no year, QNT-04's
wording and 森林覆盖率's advice, and library explanations naming a place level."""
from __future__ import annotations

from tests.checker_rows import QLT, QTY, SAT, SOC, TIM, by_key, found, row

HOUSING = ("根据住建部门排查鉴定结果，全县2025年计划实施农村低收入群体等重点对象危房改造85户，其中C级危房加固改造55户、"
           "D级危房拆除重建30户。补助标准：加固改造每户1.5万元，拆除重建每户3.5万元，共需补助资金187.5万元，由中央和省级"
           "补助资金安排。改造后房屋须经县住建局组织竣工验收，验收合格率100%，改造房屋抗震设防达标。所有改造项目须于2025年"
           "10月31日前竣工，补助资金在验收合格后30日内通过“一卡通”发放到户。项目实施后，保障农村低收入群体住房安全，受益群众"
           "满意度达到90%以上。")
HOUSING_CTX = {"description": HOUSING, "project": "2025年农村危房改造补助资金", "budget_wan": 187.5, "budget_year": 2025}


# ---- 1. the row named for the whole takes the whole ---------------------------------------------------------------

def test_a_row_named_for_the_whole_takes_the_total_not_a_parts_figure():
    """housing.xlsx: 农村危房改造户数 ≥30 户 passed beside “重点对象危房改造85户，其中…D级危房拆除重建30户” — the 30 is
    a part's; a row whose name names no part (no 加固, 拆除重建) is the whole's, 85."""
    f = found([row(*QTY, "农村危房改造户数", "≥", "30", "户")], **HOUSING_CTX)
    hit = f[(1, "REL-07")]
    assert hit.suggestion.value == "85" and "≥85户" in hit.suggestion.text, hit.suggestion.text
    # a row naming the part keeps the part's figure: no finding
    f = found([row(*QTY, "D级危房拆除重建户数", "≥", "30", "户")], **HOUSING_CTX)
    assert (1, "REL-07") not in f
    # the whole's own figure: no finding
    f = found([row(*QTY, "农村危房改造户数", "≥", "85", "户")], **HOUSING_CTX)
    assert (1, "REL-07") not in f


# ---- 2. a whole project's date before the text's later date for its work ------------------------------------------

FOREST = ("全县现有林地面积126万亩，其中松林面积42万亩，是松材线虫病防控的重点区域。2024年全县共清理松材线虫病枯死松树1.8万株。"
          "2025年安排林业有害生物防治经费85万元，计划开展松材线虫病秋季普查1次，监测松林面积42万亩；清理枯死松树1.2万株，每株补助"
          "50元，计60万元；设置诱捕器300套，每套200元，计6万元；开展美国白蛾等食叶害虫飞机防治2万亩，19万元。林业有害生物成灾率"
          "控制在3‰以下，无公害防治率达到90%以上，疫木处置于2026年3月底前完成。")
FOREST_CTX = {"description": FOREST, "project": "2025年林业有害生物防治经费", "budget_wan": 85, "budget_year": 2025}


def test_a_completion_date_before_the_texts_later_date_for_the_work_is_time_06():
    """forest.xlsx: 林业有害生物防治完成时间 2025年12月31日前 passed beside “疫木处置于2026年3月底前完成” — the project (its
    name is the project's work) cannot be done before its 疫木处置; the fix writes the text's date."""
    f = found([row(*TIM, "林业有害生物防治完成时间", "", "2025年12月31日前", ""),
               row(*TIM, "疫木处置完成时间", "", "2025年12月31日前", ""),
               row(*TIM, "诱捕器设置完成时间", "", "2025年6月30日前", "")], **FOREST_CTX)
    for i in (1, 2):
        hit = f[(i, "TIME-06")]
        assert "2026年3月31日前" in hit.message and hit.suggestion.value == "2026年3月31日前", hit.suggestion.text
    # a part of the work the clause does not name may finish earlier
    assert (3, "TIME-06") not in f
    # the text's own date: no TIME-06
    f = found([row(*TIM, "林业有害生物防治完成时间", "", "2026年3月31日前", "")], **FOREST_CTX)
    assert (1, "TIME-06") not in f
