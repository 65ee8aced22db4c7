"""Recall round 6 (issue 10, soft Recall@10 on real tables): the 效益 slots.

1. A poverty-relief fund's table counts the poor it reaches (`kb.suggest.relief_beneficiaries`): money of the
   财政衔接推进乡村振兴补助资金 (since 2021) or of the 扶贫 funds before it is judged by whom it reaches among the
   poor, and 9 of the 10 real dev tables of such funds with a benefit row count them (D006 受益脱贫(监测)人口数, D017 /
   D045 / E007 受益建档立卡贫困人口数 …). suggest offered a generic 工程受益人数 or nothing; the fund's row now stands
   in the table (for a blank generic count) or first among the 社会效益 alternates, in the wording of the year.
2. An income rise the text states for whom it names takes the text's words (`kb.suggest.stated_income`): D007 says
   促使脱贫户、监测户增加收入80万元 and its real table names the row so; suggest bound the 80 to a library row of
   another wording (特色产业带动增加受益农户收入). The best row bound to that figure is 脱贫户、监测户增加收入 now.
3. What a text's publicity reaches (`kb.suggest.publicity_awareness`): E019 pays for 参保网络宣传 and its real table
   states 城乡居民参保网络宣传群众知晓率; detected as a medical insurance subsidy, it got no awareness row. A text
   naming 〔topic〕宣传 is offered 〔topic〕宣传知晓率 ≥ 90 % first among the 社会效益 alternates.
"""
from __future__ import annotations

from kb.suggest.draft import Draft
from kb.suggest.objects import Mention
from kb.suggest.publicity_awareness import publicity_topics
from kb.suggest.relief_beneficiaries import offer_relief_beneficiaries, relief_wording
from kb.suggest.stated_income import stated_incomes
from kb.suggest.table import Table
from tests.kbfactory import dev_record, suggest_text


def _first_ten(res) -> list:
    return res.suggestions[:10]


# ------------------------------------------------------------------ 1. the poor a relief fund reaches

def test_the_wording_follows_the_year_and_the_fund():
    """衔接 money and 2021 on: 脱贫人口; 2016–2020's 扶贫 money: 建档立卡贫困人口; 贫困 or 扶贫 alone names no fund."""
    assert relief_wording("2022年高标准农田建设项目", "乡村振兴衔接资金绩效目标申报表") == "since_2021"
    assert relief_wording("入户道路硬化", "2019年统筹整合财政涉农资金30万元，为建档立卡贫困户修建入户道路") == "before"
    assert relief_wording("产业帮扶", "对脱贫户、监测户发展产业给予奖补") == "since_2021"
    assert relief_wording("残疾人事业发展补助资金", "为贫困重度残疾人提供家庭无障碍改造补助") is None
    assert relief_wording("残疾人就业", "扶持残疾人就业创业扶贫品牌基地") is None
    assert relief_wording("传染病监测", "2024年对重点监测对象开展随访") is None
    assert relief_wording("防返贫监测帮扶", "对防返贫监测对象开展帮扶") == "since_2021"


def test_a_relief_funds_road_offers_the_poor_it_reaches(shipped_kb):
    """Own text: a 衔接资金 road states no beneficiaries; its table's 社会效益 row is the road family's, and the fund's
    受益脱贫(监测)人口数 (待填写: the declarant counts them) is offered among the first ten."""
    text = "2023年财政衔接推进乡村振兴补助资金120万元，新建村组产业路3.2公里，路面宽4.5米，年底前完工验收。"
    res = suggest_text(shipped_kb, text, "某村产业路建设项目")
    got = [c for c in _first_ten(res) if c.name == "受益脱贫(监测)人口数"]
    assert got and got[0].level2 == "social_benefit" and got[0].value == "" and got[0].unit == "人", \
        [(c.name, c.value) for c in _first_ten(res)]


def test_before_2021_a_poverty_fund_counts_the_registered_poor(shipped_kb):
    """Own text of 2018's 专项扶贫资金: 受益建档立卡贫困人口数, not the 脱贫 wording of the later policy."""
    res = suggest_text(shipped_kb, "2018年市级专项扶贫资金15万元，为贫困村修建灌溉水渠2.4公里。", "灌溉水渠建设")
    names = [c.name for c in _first_ten(res)]
    assert "受益建档立卡贫困人口数" in names and not [n for n in names if "脱贫" in n], names


def test_a_blank_generic_count_gives_its_place_to_the_types_own_row(shipped_kb):
    """Own text: a 脱贫户 grant's default table held the blank 受益人口数量 while its type's 受益脱贫户和监测户人口数 stood
    aside; the type's row is the table's now, the generic one an alternate."""
    text = "2022年度资金18万元，对发展肉牛养殖的脱贫户、监测户按每头2000元给予补贴，补贴肉牛90头。"
    res = suggest_text(shipped_kb, text, "特色养殖补贴到户项目")
    table = [c.name for c in res.default_table]
    assert "受益脱贫户和监测户人口数" in table and "受益人口数量" not in table, table
    assert "受益人口数量" in [c.name for c in res.alternates.get("social_benefit", [])]


def test_real_text_d017_without_its_own_rows(shipped_kb):
    """D017 (临时救助 for 建档立卡扶贫户, 2019) without the library rows only its own table gave: its real table's
    受益建档立卡贫困人口数 is among the first ten."""
    rec = dev_record("D017")
    res = shipped_kb.suggest(rec["description"], project_name=rec["project"], mode="lexical", with_opinions=False,
                             exclude_origin="dev:D017")
    assert "受益建档立卡贫困人口数" in [c.name for c in _first_ten(res)], [c.name for c in _first_ten(res)]


def test_a_text_of_no_relief_fund_gets_no_such_row(shipped_kb):
    """贫困重度残疾人 is a disability fund's group, not a relief fund's: nothing of 脱贫 / 建档立卡 is offered."""
    res = suggest_text(shipped_kb, "2019年资金200万元，为贫困重度残疾人提供家庭无障碍改造补助300户。", "残疾人康复补助")
    assert not [c.name for c in res.suggestions if "脱贫" in c.name or "建档立卡" in c.name]


def test_a_generic_count_of_the_poors_figure_takes_the_funds_name(shipped_kb):
    """A generic count bound to a figure the text says of the poor (E007: 受益建档立卡贫困人口数≥23人, read as
    受益人口数量 ≥ 23 人) takes the library's name, its target kept; no second row is offered."""
    m = Mention(value="23", unit="人", verb="", obj="受益建档立卡贫困人口数", start=0, end=0,
                context="受益建档立卡贫困人口数≥23人")
    d = Draft(name="受益人口数量", level2="social_benefit", source="retrieval", unit="人", mention=m,
              operator="≥", value="23", value_unit="人", value_source="text")
    table = Table(rows=[d], alternates={})
    ctx = _Ctx("2019年度高其坑通组道路工程", "统筹整合财政涉农资金项目，受益建档立卡贫困人口数≥23人。")
    offer_relief_beneficiaries(table, ctx, shipped_kb.index, None, lambda rows: None)
    assert [(r.name, r.operator, r.value, r.unit) for r in table.rows] == [("受益建档立卡贫困人口数", "≥", "23", "人")]
    assert not table.alternates.get("social_benefit")


class _Ctx:
    def __init__(self, name: str, description: str):
        self.name, self.description = name, description



# ------------------------------------------------------------------ 2. an income rise in the text's words

def test_an_income_rise_for_people_is_read_with_its_figure():
    """促使 / 带动 〔whom〕 增加收入 / 增收 〔figure〕: whom must name people or households; the verb is no part of the name."""
    text = "促使脱贫户、监测户增加收入80万元。带动周边农户增收15万元。增加特色产业产值80万元。带动产业增收5万元。"
    got = [(name, words) for _, name, words in stated_incomes(text)]
    assert got == [("脱贫户、监测户增加收入", "促使脱贫户、监测户增加收入"), ("周边农户增加收入", "带动周边农户增收")], got
    at = stated_incomes(text)[0][0]
    assert text[at:at + 2] == "80"


def test_real_text_d007_names_the_income_row_as_its_table_does(shipped_kb):
    """D007 without the library rows only its own table gave: the 80 万元 row reads 脱贫户、监测户增加收入 (its real
    table: 促使脱贫户、监测户增加收入), target kept; the other 80 万元 (特色产业产值) keeps its name."""
    rec = dev_record("D007")
    res = shipped_kb.suggest(rec["description"], project_name=rec["project"], mode="lexical", with_opinions=False,
                             exclude_origin="dev:D007")
    rows = {c.name: (c.operator, c.value, c.unit) for c in res.default_table if c.level2 == "economic_benefit"}
    assert rows.get("脱贫户、监测户增加收入") == ("≥", "80", "万元"), rows
    assert "新增特色产业产值" in rows, rows


def test_own_text_an_industry_fund_states_the_farmers_income(shipped_kb):
    """Own text: 带动周边农户增收15万元 → 周边农户增加收入 ≥ 15 万元 in the default table."""
    text = "2023年财政衔接推进乡村振兴补助资金60万元，新建食用菌种植大棚6个，带动周边农户增收15万元。"
    rows = {c.name: (c.operator, c.value, c.unit) for c in suggest_text(shipped_kb, text, "食用菌种植基地建设项目").default_table}
    assert rows.get("周边农户增加收入") == ("≥", "15", "万元"), rows


# ------------------------------------------------------------------ 3. what publicity reaches

def test_the_topic_of_a_publicity_is_read_from_the_text():
    """The words before 宣传 back to a stop, a conjunction or the work's verb; 宣传 of nothing named gives none."""
    assert publicity_topics("城乡居民医保参保工作经费及参保网络宣传") == ["参保网络"]
    assert publicity_topics("通过开展法制宣传活动提高全民法治素养") == ["法制"]
    assert publicity_topics("加强两品一械科普宣传力度") == ["两品一械科普"]
    assert publicity_topics("全年开展宣传活动12场，制作宣传片1部") == []


def test_real_text_e019_offers_the_awareness_of_its_publicity(shipped_kb):
    """E019 without the library rows only its own table gave: the awareness of 参保网络宣传 is among the first ten
    (its real table: 城乡居民参保网络宣传群众知晓率) — the table's generic 群众知晓率 named for it, or offered."""
    rec = dev_record("E019")
    res = shipped_kb.suggest(rec["description"], project_name=rec["project"], mode="lexical", with_opinions=False,
                             exclude_origin="dev:E019")
    got = [(c.name, c.operator, c.value, c.unit) for c in _first_ten(res)
           if c.name.startswith("参保网络宣传") and c.name.endswith("知晓率")]
    assert [g[1:] for g in got] == [("≥", "90", "%")], [c.name for c in _first_ten(res)]
    assert "群众知晓率" not in [c.name for c in res.suggestions]


def test_own_text_a_publicity_is_offered_its_awareness(shipped_kb):
    """Own text: 开展禁毒宣传进校园活动 → 禁毒宣传知晓率 ≥ 90 % among the first ten."""
    text = "2024年开展禁毒宣传进校园活动20场，覆盖中小学生1.2万人，资金15万元。"
    got = [(c.operator, c.value, c.unit) for c in _first_ten(suggest_text(shipped_kb, text, "禁毒宣传教育"))
           if c.name == "禁毒宣传知晓率"]
    assert got == [("≥", "90", "%")], got


def test_own_text_no_second_awareness_row_beside_the_tables_own(shipped_kb):
    """A table whose type names the awareness of its publicity already (森林防火宣传知晓率, a quality alternate of the
    publicity type) is offered no second one, and its 群众知晓率 keeps its name."""
    text = "做好森林防火宣传工作，发放宣传册5000份，悬挂横幅120条，资金8万元。"
    res = suggest_text(shipped_kb, text, "森林防火宣传")
    aware = sorted((c.name, c.level2) for c in res.suggestions if c.name.endswith("知晓率"))
    assert aware == [("森林防火宣传知晓率", "quality"), ("群众知晓率", "social_benefit")], aware
