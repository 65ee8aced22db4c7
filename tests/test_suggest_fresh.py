"""Six project descriptions written fresh (tests/data/suggest_fresh.jsonl, none is in ../shared/data):
the default table has a real table's size, holds the numbers the text states, and no row of another
sector."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

# written for this test (and `make demo`); none is in ../shared/data
FRESH = {r["id"]: (r["project"], r["description"]) for r in map(
    json.loads, (Path(__file__).parent / "data" / "suggest_fresh.jsonl").read_text(encoding="utf-8").splitlines())}
# (value, unit) the table must hold, each on a row with the given operator
BOUND = {
    "road": [("12", "公里", "≥"), ("3.6", "公里", "≥"), ("2000", "米", "≥"), ("360", "万元", "≤"), ("1.2", "万人", "≥")],
    "lunch": [("1.5", "万人", "≥"), ("5", "元/生·天", "="), ("200", "天", "≥")],
    "canteen": [("8", "个", "≥"), ("9", "万人次", "≥"), ("3", "元/餐", "=")],
    "it": [("2", "小时", "≤"), ("120", "台", "≥"), ("48", "万元", "≤")],
    "river": [("3.5", "公里", "≥"), ("4.2", "万立方米", "≥"), ("1.8", "公里", "≥"), ("250", "万元", "≤")],
    "festival": [("15", "万人次", "≥"), ("500", "万次", "≥"), ("20", "场", "≥"), ("3000", "万元", "≥")],
}
# words of other programmes and sectors that must not name a default row
FOREIGN = {
    "road": ("绿化", "饮水", "旅游", "学校", "建筑垃圾"),
    "lunch": ("雨露计划", "中职", "改造", "高中", "助学金"),
    "canteen": ("安葬", "殡葬", "失能", "护理补贴", "医疗", "发放"),   # a meal service, not a payment
    "it": ("刑事", "破案", "公租房", "建设数量", "功能模块"),
    "river": ("建筑垃圾", "绿化", "旅游", "道路", "山塘"),   # 山塘整治数量: a count of ponds, not in the text
    # 活动安全事故发生次数 = 0 次 is the festival type's own zero-tolerance row; it was foreign only while
    # suggest left it 待填写 as if it were a size (tests/test_suggest_leaks.py holds its value)
    "festival": ("刑事", "公租房", "文物"),
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


def test_persons_are_declared_in_ren_never_ming(tables):
    """1.2万名群众 is declared as 1.2 万人: one spelling of a person count (名/位 → 人)."""
    units = {c.unit for res in tables.values() for c in res.default_table}
    assert not units & {"名", "万名", "位"}


@pytest.mark.parametrize("rid, core, junk", [("festival", "文化旅游节", "媒体曝光量完成及时率"),
                                             ("it", "信息系统运行维护", "故障响应时间成本")])
def test_without_a_project_name_the_core_is_what_the_first_clause_does(shipped_kb, rid, core, junk):
    """Reported (fresh trial): a request without a project name took the first counted object as the
    project's core — 媒体曝光量完成及时率, 媒体曝光量成本 for a festival. The first clause says what is done
    (举办第五届乡村文化旅游节, 对…政务信息系统进行年度运行维护)."""
    res = shipped_kb.suggest(FRESH[rid][1], mode="lexical")
    names = [c.name for c in res.default_table]
    assert junk not in names and any(n.startswith(core) for n in names), names


# written for this test from a fresh user's trial (none is in ../shared/data): text, the type that must come
# first, and words no default row may hold
NO_NAME = [
    ("县畜牧兽医局采购兽用疫苗用于春秋两季集中免疫，预算85万元，采购疫苗120万毫升。", "动物疫病防控",
     ("儿童", "人群免疫", "受种者", "集中免疫采购")),
    ("县图书馆采购新书2万册，补充馆藏，预算60万元。", "物资采购", ("免费开放", "书册")),
    ("对全镇12个村的生活污水进行收集处理，新建一体化污水处理设施12座，项目资金900万元。", "污水垃圾处理",
     ("全镇数量",)),
]


@pytest.mark.parametrize("text, first_type, foreign", NO_NAME)
def test_descriptions_without_a_name_get_their_own_type_and_clean_names(shipped_kb, text, first_type, foreign):
    """Reported (fresh trial): a veterinary vaccine purchase got human-immunisation rows (人群免疫屏障,
    适龄儿童家长满意度) and 集中免疫采购验收合格率; a library's book purchase got 场馆免费开放天数 and 书册成本; a
    village sewage project got 全镇数量 ≥ 12 个."""
    res = shipped_kb.suggest(text, mode="lexical")
    names = [c.name for c in res.default_table]
    assert res.project_types[0].name == first_type, [t.name for t in res.project_types]
    assert not [n for n in names if any(w in n for w in foreign)], names


def test_an_essential_medicines_subsidy_is_its_own_type(shipped_kb):
    """Reported (fresh trial, E016 基本药物制度补助资金): typed 卫生健康发展, the table held 收治病人能力增长率 ≥ 10 %
    and 医院患者满意度 (a hospital's rows for a subsidy to village clinics) and 村卫生室实施国家基本药物制度 (a real
    table's row with no measure). Written for this test: not in ../shared/data."""
    res = shipped_kb.suggest("对全县12家乡镇卫生院和150个村卫生室落实国家基本药物制度补助，村卫生室每个每年补助1万元，"
                             "资金380万元。", project_name="2025年基本药物制度补助资金", mode="lexical")
    names = [c.name for c in res.default_table]
    assert res.project_types[0].name == "基本药物制度补助", [t.name for t in res.project_types]
    assert not [n for n in names if n in ("收治病人能力增长率", "医院患者满意度") or n.endswith("制度")], names
    assert any(c.value == "150" and c.unit == "个" for c in res.default_table), names


def test_a_toilet_renovation_and_a_list_of_supplies_read_as_a_reviewer_reads_them(shipped_kb):
    """Reported (second fresh trial, texts written for this test): a rural toilet renovation was typed 农村危房改造
    (危房改造对象认定准确率, 农村低收入群体住房安全保障率 at 30 points, 危改户满意度) and its count named
    厕无害化改造户数; a purchase of 冲锋舟、救生衣、抽水泵等防汛物资 put the whole budget under 冲锋舟成本 and kept
    应急保障能力, a row the checker itself says to delete (QNT-02)."""
    res = shipped_kb.suggest("对全镇10个行政村实施农村户厕无害化改造1200户，每户补助1800元，新建村级公厕6座，"
                             "计划2024年10月底前完工，项目总投资260万元。", project_name="2024年农村户厕改造项目",
                             mode="lexical")
    names = [c.name for c in res.default_table]
    assert res.project_types[0].name == "农村人居环境整治", [t.name for t in res.project_types]
    assert not [n for n in names if "危" in n or n.startswith("厕")], names
    assert any(c.value == "1200" and c.unit == "户" and "户厕" in c.name for c in res.default_table), names
    res = shipped_kb.suggest("采购冲锋舟10艘、救生衣500件、抽水泵20台等防汛物资，2024年5月31日前入库，预算130万元。",
                             mode="lexical")
    names = [c.name for c in res.default_table]
    cost = [c.name for c in res.default_table if c.level1 == "cost" and c.value == "130"]
    assert cost and "冲锋舟" not in cost[0], names
    assert "应急保障能力" not in names, names


def test_no_default_row_the_checker_calls_a_slogan(shipped_kb):
    """Reported (third fresh trial): D060's table (再就业援助岗位补贴, a real description) carried 维护社会稳定,
    which our own checker says to delete (REL-03: a macro benefit no project can be credited with)."""
    from kb.checker import check_rows
    from kb.domain.schema import TargetRow

    from tests.kbfactory import dev_record

    rec = dev_record("D060")
    res = shipped_kb.suggest(rec["description"], project_name=rec["project"], mode="lexical", with_opinions=False)
    rows = [TargetRow(level1=c.level1, level2=c.level2, name=c.name, operator=c.operator, value=c.value, unit=c.unit)
            for c in res.default_table]
    flagged = [(f.rule_id, rows[f.row - 1].name) for f in check_rows(rows, {"project": rec["project"]}).findings
               if f.rule_id in ("REL-03", "REL-05", "REL-02", "QNT-02")]
    assert flagged == [], flagged


@pytest.mark.parametrize("promise, name, value, unit", [
    ("系统故障4小时内修复", "系统故障修复时间", "4", "小时"),
    ("接到报修后30分钟内响应", "响应时间", "30", "分钟"),
])
def test_a_repair_deadline_and_a_response_deadline_are_two_measures(shipped_kb, promise, name, value, unit):
    """Reported (fresh trial): "4小时内修复" was bound to the type's 故障响应时间. A deadline is the limit of
    the work written after it. Written for this test: not in ../shared/data."""
    res = shipped_kb.suggest(f"县政务信息系统运维服务外包，对全县政务外网和数据中心设备提供全年运维服务，{promise}，"
                             "合同金额45万元。", project_name="2025年政务信息系统运维服务项目", mode="lexical")
    rows = [(c.name, c.operator, c.value, c.unit) for c in res.default_table if c.value == value]
    assert rows == [(name, "≤", value, unit)], [(c.name, c.value) for c in res.default_table]


@pytest.mark.parametrize("name, text, row, value, unit", [
    ("2025年基本药物制度补助资金", "对全县12家乡镇卫生院和150个村卫生室落实国家基本药物制度补助，村卫生室每个每年补助1万元，资金380万元。",
     "村卫生室基本药物制度补助标准", "1", "万元/个·年"),
    ("2025年高龄津贴发放", "为全县800名80周岁以上老人发放高龄津贴，补助标准1200元/人·年，资金96万元。",
     "高龄津贴标准", "1200", "元/人·年"),
])
def test_a_stated_standard_binds_the_standard_row_with_its_unit(shipped_kb, name, text, row, value, unit):
    """Reported (fresh trial): 村卫生室每个每年补助1万元 was not bound (the standard row, in 元/个·年, was an
    alternate), and a standard written 1200元/人·年 took the row's 元/人·月. Written for this test."""
    res = shipped_kb.suggest(text, project_name=name, mode="lexical")
    rows = [(c.name, c.operator, c.value, c.unit) for c in res.default_table if c.value == value]
    assert rows == [(row, "=", value, unit)], [(c.name, c.value, c.unit) for c in res.default_table]


def test_a_change_target_stated_in_prose_is_the_row(shipped_kb):
    """Reported (E011): 年度目标 猪、牛、羊、家禽死亡率在现基础上分别下降0.5、0.1、0.5和0.1个百分点 was not read;
    0.1个 was taken for a count. Each thing's fall is its row, in the text's order, with the text's figure."""
    from tests.kbfactory import dev_record

    rec = dev_record("E011")
    res = shipped_kb.suggest(rec["description"], project_name=rec["project"], mode="lexical", with_opinions=False)
    rows = [(c.name, c.operator, c.value, c.unit) for c in res.default_table if c.unit == "百分点"]
    assert rows == [("猪死亡率下降幅度", "≥", "0.5", "百分点"), ("牛死亡率下降幅度", "≥", "0.1", "百分点"),
                    ("羊死亡率下降幅度", "≥", "0.5", "百分点"), ("家禽死亡率下降幅度", "≥", "0.1", "百分点")]
    assert not [q for q in res.quantities if q["unit"] == "个"]


def test_a_rehabilitation_asks_the_disabled_it_serves(shipped_kb):
    """Second fresh trial, D040 (残疾人精准康复, real): the table asked 残疾人家属 (never named: 残疾 in the row's
    name let it pass) and 科普活动参与者 (another programme, matched through 社会活动参与能力) instead of the
    残疾人 the text serves."""
    from tests.kbfactory import dev_record

    rec = dev_record("D040")
    res = shipped_kb.suggest(rec["description"], project_name=rec["project"], mode="lexical", with_opinions=False,
                             exclude_origin="dev:D040")
    asked = [c.name for c in res.default_table if c.level1 == "satisfaction"]
    assert asked and all("家属" not in n and "科普" not in n and "参与群众" not in n for n in asked), asked


def test_intangible_heritage_is_its_own_programme(shipped_kb):
    """Final fresh trial (a text written as a 文化馆 writes it): 非遗 was typed 文物保护 and got 文物修缮工程验收合格率."""
    res = shipped_kb.suggest("县文化馆安排非遗保护经费45万元，对县级以上非遗代表性项目18项开展记录整理，扶持代表性传承人25名，"
                             "每人每年补助3000元。全年举办非遗进校园、进社区展演活动不少于12场。",
                             project_name="非物质文化遗产保护传承", budget_wan=45, mode="lexical", with_opinions=False)
    assert res.project_types[0].name == "非物质文化遗产保护传承", [t.name for t in res.project_types]
    names = [c.name for c in res.default_table]
    assert not [n for n in names if "文物" in n or "修缮" in n], names
    assert any(c.value == "3000" and c.unit.startswith("元/人") for c in res.default_table), names
