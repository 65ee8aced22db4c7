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
