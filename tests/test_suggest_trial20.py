"""What a twentieth fresh reviewer (a county 财政局 reviewer, README only) struck in `jixiao suggest`. The reviewer's
own texts (/tmp/trial20/inputs.md) are copied here verbatim."""
from __future__ import annotations

from kb.domain.units import unit_at
from kb.suggest.draft import Draft
from kb.suggest.share_over_whole import over_whole
from tests.kbfactory import suggest_text

FARMLAND = ("根据省财政厅、省农业农村厅下达的补贴资金，我县2025年安排耕地地力保护补贴资金4367.88万元，全部通过惠农“一卡通”"
            "直接兑付到户。补贴对象为全县18个乡镇拥有耕地承包权的种地农民，核定补贴面积39.6万亩，补贴标准每亩110.3元。"
            "补贴资金于6月30日前兑付到户，兑付准确率100%，严禁截留挪用。通过补贴引导农民加强耕地保护、秸秆还田和减少化肥"
            "用量，全县耕地土壤有机质含量由18.2克/千克提高到18.5克/千克，受补贴农户满意度达到95%以上。")


def _table(res):
    return [(c.level1_label, c.level2_label, c.name, c.operator, c.value, c.unit) for c in res.default_table]


# ---------------------------------------------------------------- 1. 克/千克 is a unit

def test_grams_per_kilogram_is_read_as_one_unit():
    """18.2克/千克 is a content in 克/千克 (soil organic matter), never 克 nor 千克 alone."""
    assert unit_at("18.2克/千克", 4) == "克/千克"
    assert unit_at("18.2千克", 4) == "千克"


def test_stated_soil_organic_matter_is_the_benefit_row(shipped_kb):
    """The farmland subsidy's stated benefit (有机质含量由18.2克/千克提高到18.5克/千克) was lost: the unit was not read,
    and the blank 效益 row said the text states no benefit."""
    res = suggest_text(shipped_kb, FARMLAND, "2025年耕地地力保护补贴", 4367.88)
    rows = _table(res)
    row = next((c for c in res.default_table if "有机质" in c.name), None)
    assert row is not None, rows
    assert (row.level1_label, row.operator, row.value, row.unit) == ("效益指标", "≥", "18.5", "克/千克"), rows
    assert not any("没有写明项目的效益" in c.basis for c in res.default_table), rows


# ---------------------------------------------------------------- 2. a share above its whole is no target

def test_completion_rate_above_its_whole_is_left_blank_with_the_reason(shipped_kb):
    """完成建设任务6387% was bound as 建设内容完成率 ≥ 6387 %, which the checker's own QNT-07 rejects."""
    res = suggest_text(shipped_kb, "完成建设任务6387%，新建道路5公里", "综合项目")
    rates = [c for c in res.default_table if c.name.endswith("完成率")]
    assert rates, _table(res)
    for c in rates:
        assert c.value != "6387", _table(res)
    row = next(c for c in rates if "6387" in c.basis)
    assert (row.operator, row.value) == ("", ""), _table(res)
    assert "超过100%" in row.basis, row.basis
    assert ("产出指标", "数量指标", "新建道路里程", "≥", "5", "公里") in _table(res)


def _draft(name: str, value: str, unit: str = "%") -> Draft:
    return Draft(name=name, level2="quality", source="formed", unit=unit, value=value, value_unit=unit,
                 operator="≥", value_source="text")


def test_only_a_bounded_share_above_its_whole_is_refused():
    """合格率 120 % and 受害率 1200 ‰ are beyond their whole; 100 %, a growth rate (增长率 150 %) and a count are not."""
    assert over_whole(_draft("验收合格率", "120")) == 120.0
    assert over_whole(_draft("森林火灾受害率", "1200", "‰")) == 1200.0
    assert over_whole(_draft("验收合格率", "100")) is None
    assert over_whole(_draft("森林火灾受害率", "0.9", "‰")) is None
    assert over_whole(_draft("游客人数增长率", "150")) is None
    assert over_whole(_draft("新建道路里程", "6387", "公里")) is None
