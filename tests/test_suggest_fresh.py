"""Six project descriptions written fresh for this test (none is in ../shared/data): the default
table has a real table's size, holds the numbers the text states, and no row of another sector."""
from __future__ import annotations

import pytest

FRESH = {
    "road": ("2025年农村公路修复工程",
             "2025年对镇域内5条破损农村公路进行修复，修复路面12公里，修复边沟3.6公里，增设波形护栏2000米，"
             "惠及沿线8个行政村1.2万名群众，项目预算资金360万元。"),
    "lunch": ("农村义务教育学生营养午餐补助",
              "为全县32所农村义务教育学校1.5万名在校学生提供营养午餐补助，每生每天5元，按200天计算，"
              "全年补助资金1500万元，确保学生营养膳食补助按时足额发放。"),
    "canteen": ("社区老年助餐服务项目",
                "在城区新建社区老年助餐点8个，为60周岁以上老年人提供助餐服务，全年服务9万人次，"
                "对80周岁以上老人每餐补贴3元，项目资金150万元。"),
    "it": ("机关信息系统运维服务",
           "委托专业公司对局机关办公网络、服务器和政务信息系统进行年度运行维护，保障系统全年稳定运行，"
           "故障响应时间不超过2小时，维护设备120台，合同金额48万元。"),
    "river": ("城区河道清淤整治工程",
              "对城区段河道进行清淤疏浚，清淤长度3.5公里，清理淤泥4.2万立方米，加固护岸1.8公里，"
              "改善河道行洪能力和水环境，项目总投资500万元，其中本年度预算资金250万元。"),
    "festival": ("第五届乡村文化旅游节",
                 "举办第五届乡村文化旅游节，开展民俗展演、非遗展示、农特产品展销等活动20场，预计接待游客15万人次，"
                 "媒体曝光量500万次，带动旅游综合收入3000万元，节会经费80万元。"),
}
# (value, unit) the table must hold, each on a row with the given operator
BOUND = {
    "road": [("12", "公里", "≥"), ("3.6", "公里", "≥"), ("2000", "米", "≥"), ("360", "万元", "≤")],
    "lunch": [("1.5", "万名", "≥"), ("5", "元/生·天", "="), ("200", "天", "≥")],
    "canteen": [("8", "个", "≥"), ("9", "万人次", "≥"), ("3", "元/餐", "=")],
    "it": [("2", "小时", "≤"), ("120", "台", "≥"), ("48", "万元", "≤")],
    "river": [("3.5", "公里", "≥"), ("4.2", "万立方米", "≥"), ("1.8", "公里", "≥"), ("250", "万元", "≤")],
    "festival": [("15", "万人次", "≥"), ("500", "万次", "≥"), ("20", "场", "≥"), ("3000", "万元", "≥")],
}
# words of other programmes and sectors that must not name a default row
FOREIGN = {
    "road": ("绿化", "饮水", "旅游", "学校", "建筑垃圾"),
    "lunch": ("雨露计划", "中职", "改造", "高中", "助学金"),
    "canteen": ("安葬", "殡葬", "失能", "护理补贴", "医疗"),
    "it": ("刑事", "破案", "公租房", "建设数量", "功能模块"),
    "river": ("建筑垃圾", "绿化", "旅游", "道路"),
    "festival": ("刑事", "安全事故", "公租房", "文物"),
}


@pytest.fixture(scope="module")
def tables(shipped_kb):
    return {k: shipped_kb.suggest(d, project_name=n, mode="lexical", with_opinions=False) for k, (n, d) in FRESH.items()}


@pytest.mark.parametrize("key", list(FRESH))
def test_a_real_tables_size(tables, key):
    res = tables[key]
    assert res.confident and 8 <= len(res.default_table) <= 12
    assert sum(1 for c in res.default_table if not c.value) <= 4   # at most four rows left to the declarant


@pytest.mark.parametrize("key", list(FRESH))
def test_the_texts_numbers_are_bound(tables, key):
    rows = tables[key].default_table
    for value, unit, op in BOUND[key]:
        hit = [c for c in rows if c.value == value and c.unit == unit]
        assert hit, (key, value, unit, [(c.name, c.value, c.unit) for c in rows])
        assert hit[0].operator == op, (key, hit[0].name, hit[0].operator)


@pytest.mark.parametrize("key", list(FRESH))
def test_no_row_of_another_sector(tables, key):
    names = [c.name for c in tables[key].default_table]
    assert not [(n, w) for n in names for w in FOREIGN[key] if w in n]


def test_every_default_row_says_where_its_value_comes_from(tables):
    for res in tables.values():
        for c in res.default_table:
            assert c.basis and (c.value or c.note.startswith("待填写"))
