"""Recall round 7 (issue 10, soft Recall@10 on real tables).

A programme of fixed contents names its services (`kb.suggest.programme_services`): 国家基本公共卫生服务's services
are set nationally (预防接种, 0-6岁儿童健康管理, 严重精神障碍患者管理 …), and its real tables count them though the text
names only the programme (D005 适龄儿童国家免疫规划疫苗接种率 and 7岁以下儿童健康管理率, E052 0-6岁儿童健康管理数 and
严重精神障碍患者管理数). Vetting had set the type's own rows aside as another programme's (疫苗 not in the text), a work
the text does not name (接种) or a spare entry lacking its object. The type lists its services (`services:` in its
file); when it is detected with certainty its 数量 / 质量 / 时效 rows naming one keep their place (a rate among them
filed under 质量). So do 残疾人康复's (E040: 精神病患者服药率) and 基本药物制度's (E016: 基本药物配备使用率).
"""
from __future__ import annotations

from kb.suggest.draft import Draft
from kb.suggest.programme_services import names_programme_service, programme_services
from tests.kbfactory import dev_record, suggest_text

PUBLIC_HEALTH = "basic_public_health"
# own text: a township clinic's programme money, no service named
CLINIC = ("2025年镇卫生院国家基本公共卫生服务项目，年度资金186万元，面向辖区常住居民免费提供基本公共卫生服务，"
          "促进基本公共卫生服务均等化。")


def _names(rows) -> list[str]:
    return [c.name for c in rows]


def test_the_public_health_type_lists_its_services(shipped_kb):
    """The type file's `services:` reach the built KB (a field of the type, validated at build)."""
    t = shipped_kb.suggest_models.types[PUBLIC_HEALTH]
    assert {"预防接种", "疫苗", "0-6岁儿童", "严重精神障碍", "高血压"} <= set(t.services), t.services
    assert programme_services([(t, 1.0)], False) == (PUBLIC_HEALTH, tuple(t.services))
    assert programme_services([(t, 1.0)], True) == ("", ())   # the detector unsure: no waiver


def test_a_type_without_services_waives_nothing(shipped_kb):
    t = shipped_kb.suggest_models.types["student_aid"]
    assert t.services == [] and programme_services([(t, 1.0)], False) == ("", ())


def test_only_the_sets_output_rows_naming_a_service_are_kept():
    services = (PUBLIC_HEALTH, ("疫苗", "儿童健康管理", "家庭医生"))

    def row(name: str, level2: str, type_ids: list[str], indicator_id: str | None = "x1") -> Draft:
        return Draft(name=name, level2=level2, source="type", indicator_id=indicator_id, type_ids=type_ids)

    assert names_programme_service(row("适龄儿童国家免疫规划疫苗接种率", "quantity", [PUBLIC_HEALTH]), services)
    assert names_programme_service(row("0-6岁儿童健康管理率", "quality", [PUBLIC_HEALTH]), services)
    # whom the text asks stays the text's: a satisfaction row is not waived
    assert not names_programme_service(row("家庭医生签约居民满意度", "beneficiary_satisfaction", [PUBLIC_HEALTH]),
                                       services)
    # another type's row, a row naming no service, a row worded as one real table wrote it (no library indicator)
    assert not names_programme_service(row("适龄儿童疫苗接种率", "quantity", ["hospital_development"]), services)
    assert not names_programme_service(row("孕产妇系统管理率", "quantity", [PUBLIC_HEALTH]), services)
    assert not names_programme_service(row("适龄儿童疫苗接种率", "quantity", [PUBLIC_HEALTH], None), services)


def _offered(res, name: str):
    """The suggestion named `name` when it is offered and not set aside (no “仅作备选” in its evidence), else None."""
    got = [c for c in res.suggestions if c.name == name]
    return got[0] if got and not [e for e in got[0].evidence if "仅作备选" in e] else None


def test_a_clinic_text_naming_only_the_programme_counts_its_children_and_vaccines(shipped_kb):
    """Own text: the programme named, no service. The vaccination rate (the type's own row, the library's national
    target) stands in the default table and the children's health management rate is offered; before, both were set
    aside (疫苗 / 儿童健康管理 not in the text) and neither table nor alternates held any of the programme's children.
    The rates the waiver lets in are filed under 质量, where the checker files a share (REL-01): 数量 keeps counts."""
    from kb.domain.units import measure_of

    res = suggest_text(shipped_kb, CLINIC, "国家基本公共卫生服务项目")
    table = {c.name: c for c in res.default_table}
    vaccine = table.get("适龄儿童国家免疫规划疫苗接种率")
    assert vaccine is not None, list(table)
    assert (vaccine.level2, vaccine.operator, vaccine.value, vaccine.unit) == ("quality", "≥", "90", "%")
    assert _offered(res, "0-6岁儿童健康管理率") is not None, _names(res.suggestions)
    quantity = [n for n, c in table.items() if c.level2 == "quantity"]
    assert quantity and not [n for n in quantity if measure_of(n) == "ratio"], quantity
    # satisfaction stays the programme's residents', not the 家庭医生 contract's the text never names
    assert not [n for n in table if "家庭医生" in n], list(table)


def test_d005_real_text_offers_the_childrens_rows_its_real_table_holds(shipped_kb):
    """dev D005 (县级配套 of the programme; its real table: 适龄儿童国家免疫规划疫苗接种率, 7岁以下儿童健康管理率): the
    vaccination rate is among the first ten and 0-6岁儿童健康管理率 is offered (cross-validated, it stands at rank 6)."""
    rec = dev_record("D005")
    res = suggest_text(shipped_kb, rec["description"], rec["project"])
    assert "适龄儿童国家免疫规划疫苗接种率" in _names(res.suggestions[:10]), _names(res.suggestions[:10])
    assert _offered(res, "0-6岁儿童健康管理率") is not None, _names(res.suggestions)


def test_another_programme_of_a_type_without_services_stays_aside(shipped_kb):
    """dev D013 (雨露计划, a student-aid type without services): the type's 中等职业学校国家助学金 rows stay set aside —
    the waiver is the programme's, not every type's (a generic waiver put them in D010's and D013's first ten)."""
    rec = dev_record("D013")
    res = suggest_text(shipped_kb, rec["description"], rec["project"])
    assert not [n for n in _names(res.suggestions[:10]) if "中等职业学校" in n], _names(res.suggestions[:10])


def test_e040_rehabilitation_text_judges_the_medication_it_pays(shipped_kb):
    """dev E040 (残疾人康复: 辅具适配、0-6岁残疾儿童康复救助、资助精神残疾人服药、假肢安装): its real table counts
    资助精神病患者服药; the type's 精神病患者服药率 (a service of 残疾人精准康复) stands in the default table — it was
    set aside as another programme's (精神病 is not the text's 精神残疾人) and offered at rank 11 in CV."""
    rec = dev_record("E040")
    res = suggest_text(shipped_kb, rec["description"], rec["project"])
    table = {c.name: c for c in res.default_table}
    assert "精神病患者服药率" in table, list(table)
    assert (table["精神病患者服药率"].operator, table["精神病患者服药率"].value) == ("≥", "80")


def test_d040_keeps_the_service_its_text_names(shipped_kb):
    """dev D040 (为经济困难的残疾人提供基本康复服务，适配辅助器具): the table counts 基本康复服务人数 and 辅助器具适配人数,
    the text's own services; 假肢安装及基本康复服务人数 (a real table's row naming 假肢, which the text does not) is no
    service word of the type (`services:` leaves 假肢 and 基本康复服务 out) and stays aside; the blank
    残疾人文化活动参与率 (another programme's rate) gives way to a rehabilitation service's."""
    rec = dev_record("D040")
    res = suggest_text(shipped_kb, rec["description"], rec["project"])
    names = _names(res.default_table)
    assert "基本康复服务人数" in names and "辅助器具适配人数" in names, names
    assert not [n for n in names if "假肢" in n or "文化活动" in n], names


def test_a_medicines_subsidy_offers_the_use_of_essential_medicines(shipped_kb):
    """Own text of a 基本药物制度补助 (the system named, nothing of how medicines are stocked): the type's
    基层医疗卫生机构基本药物配备使用率 is offered among the first ten (E016's real table judges the system's coverage so);
    it had been set aside as a work the text does not name (配备)."""
    text = ("2025年县级基本药物制度补助资金320万元，对实施国家基本药物制度的乡镇卫生院和村卫生室给予运行补助，"
            "保障基层医疗机构正常运转。")
    res = suggest_text(shipped_kb, text, "基本药物制度补助资金")
    assert _offered(res, "基层医疗卫生机构基本药物配备使用率") in res.suggestions[:10], _names(res.suggestions[:10])
