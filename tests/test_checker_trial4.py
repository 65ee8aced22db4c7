"""Defects of the fourth fresh reviewer's trial (/tmp/lead/trial4, a county 财政局 reviewer): 免疫密度 read as a
name with no measure (REL-04), a library livestock count (≥100万头只) proposed for a blank size (STR-03), and a
yearly count set against a weekly rate per school (FEAS-04)."""
from __future__ import annotations

from kb.checker.parse import has_metric
from kb.domain.units import SIZE_PENDING, size_dependent
from tests.checker_rows import found as _found, row as _row


QTY = ("产出指标", "数量指标")
QUAL = ("产出指标", "质量指标")


def test_immunisation_density_is_a_measure_and_a_bare_density_is_not():
    """免疫密度 (应免畜禽中已免疫的比例) is a standard measure: REL-04 called 疫病强制免疫密度 ≥95% a name
    with no measure and proposed deleting it. 密度 alone, or after an aspiration verb only, names nothing."""
    f = _found([_row(*QUAL, "疫病强制免疫密度", "≥", "95", "%"),
                _row(*QUAL, "乡村网点覆盖密度", "≥", "90", "%"),
                _row(*QUAL, "提高密度", "≥", "90", "%")])
    assert (1, "REL-04") not in f and (2, "REL-04") not in f
    assert has_metric("应免畜禽免疫密度") and not has_metric("密度") and not has_metric("提高密度")
    assert (3, "REL-04") in f or (3, "QNT-02") in f  # a vague name still found


def test_a_blank_livestock_count_is_never_filled_from_the_library():
    """STR-03 proposed the library's ≥100万头只 for a blank 强制免疫畜禽数量: 头只 (畜禽 counted together) was not
    known as a count, so the size escaped the rule that leaves sizes 待填写."""
    for unit in ("万头只", "头只", "只羽", "头份", "万头次"):
        assert size_dependent("强制免疫畜禽数量", unit), unit
    assert not size_dependent("每头补助标准", "元/头只")
    f = _found([_row(*QTY, "强制免疫畜禽数量", "", "", "万头只")], project="动物疫病防控强制免疫疫苗采购")
    s = f[(1, "STR-03")].suggestion
    assert s.value is None and s.text == SIZE_PENDING, s.text


def test_a_yearly_count_is_not_set_against_a_weekly_rate_per_school():
    """FEAS-04 said 活动次数 1680 次 was 10.77 times “每周开展活动不少于3次” (3 × 52, one school), though 16
    schools run it; with that rate out, it set 1680 against 展演活动2场. A rate per week or per school is no
    total, and a target that may total it is not compared with another count."""
    desc = ("县教育体育局2025年安排乡村学校少年宫活动经费48万元，支持全县16所乡村学校少年宫开展书法、美术、舞蹈、"
            "科技等兴趣活动。每所少年宫每周开展活动不少于3次，全年组织展演活动2场，参与学生不少于5600人。")
    f = _found([_row(*QTY, "活动次数", "≥", "1680", "次")], description=desc, project="乡村学校少年宫活动经费")
    assert (1, "FEAS-04") not in f
    # a total stated as a total is still compared: 5600 人 written 56000
    f = _found([_row(*QTY, "参与学生人数", "≥", "56000", "人")], description=desc, project="乡村学校少年宫活动经费")
    assert "相差10倍" in f[(1, "FEAS-04")].message
