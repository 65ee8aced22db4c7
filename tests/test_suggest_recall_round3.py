"""Recall round 3 (issue 10's headline figure): rows real tables hold that suggest had but never offered.

1. A row vetting set aside only because the text does not name its object or its people (a type's spare entry
   〔作物〕种植面积 for a 种养 text naming no crop, a retrieved count of the field) was neither in the table nor offered:
   it is now offered beside the table, after every alternate the text supports — never in the default table, and
   never a row of one real table of the type nor a retrieved rate or date the text gives nothing for.
2. A library row in % that is a deadline already (任务完成时间) dated by the year's end kept its name:
   never 任务完成时间完成时间.
"""
from __future__ import annotations

from kb.checker.rewrite import deadline_name
from kb.suggest.draft import ASIDE_NO_COUNTED, ASIDE_SPARE_ENTRY, ASIDE_UNNAMED
from tests.kbfactory import dev_record

# own words: a 特色种养 award naming households and money, no crop and no animal
FARMING = "2025年对发展特色种养的30户脱贫户发放产业奖补资金6万元，带动户均增收2000元。"


def _suggest(kb, text, name, department=None):
    return kb.suggest(text, project_name=name, department=department, mode="lexical", with_opinions=False)


def _unnamed(c) -> bool:
    return any(e in ASIDE_UNNAMED for e in c.evidence)


# ------------------------------------------------------------------ 1. rows set aside for an unnamed object

def test_a_types_spare_entry_without_its_object_is_offered_beside_the_table(shipped_kb):
    """The 种养 type's 〔作物〕种植面积 (an entry its set keeps for a text naming crops) was set aside and offered
    nowhere; a real table of the kind lists one row per crop (E017: 红薯种植面积, 梨树种植面积 …). It is an
    alternate of 数量 now, said to be one, and not in the default table."""
    res = _suggest(shipped_kb, FARMING, "特色种养产业奖补")
    spare = [c for c in res.alternates.get("quantity", []) if c.name == "作物种植面积"]
    assert spare and ASIDE_SPARE_ENTRY in spare[0].evidence, res.alternates.get("quantity")
    assert "作物种植面积" not in [c.name for c in res.default_table]


def test_rows_the_text_supports_come_first_in_the_flat_list(shipped_kb):
    """E017 (real, a 种养 award naming no crop; its real table lists 红薯种植面积, 梨树种植面积 …): in `suggestions` the
    rows set aside for an unnamed object (作物种植面积 among them) follow the default table and every alternate the
    text supports (a declarant reads the supported ones first)."""
    rec = dev_record("E017")
    res = _suggest(shipped_kb, rec["description"], rec["project"], rec.get("department"))
    assert "作物种植面积" in [c.name for c in res.suggestions]
    flags = [_unnamed(c) for c in res.suggestions]
    assert any(flags), [c.name for c in res.suggestions]
    first = flags.index(True)
    assert first >= len(res.default_table) and all(flags[first:]), [(c.name, f) for c, f in zip(res.suggestions, flags)]


def test_a_retrieved_count_without_its_object_is_offered_and_no_retrieved_date(shipped_kb):
    """E030 (real, 普惠金融发展专项资金): its real table counts 创业担保贷款 and 定向费用补贴 rows; the retrieved counts
    of the field set aside for an object the text lacks are offered. A retrieved date of other work the text says
    nothing of (案件办理完成时间, 检测报告出具时限) stays out."""
    rec = dev_record("E030")
    res = _suggest(shipped_kb, rec["description"], rec["project"], rec.get("department"))
    offered = [c for v in res.alternates.values() for c in v if _unnamed(c)]
    assert any(ASIDE_NO_COUNTED in c.evidence for c in offered), [(c.name, c.evidence[-1:]) for c in offered]
    assert not [c.name for c in offered if c.level2 == "timeliness" and c.source == "retrieval"], offered


def test_no_row_of_one_real_table_is_offered_for_an_unnamed_object(shipped_kb):
    """D058 (real, a school's 办学补贴): 雾炮车风炮射程 — one dust-suppression table's own row — is never offered."""
    rec = dev_record("D058")
    res = _suggest(shipped_kb, rec["description"], rec["project"], rec.get("department"))
    names = [c.name for v in res.alternates.values() for c in v]
    assert "雾炮车风炮射程" not in names, names
    assert all(c.indicator_id for v in res.alternates.values() for c in v if _unnamed(c))


# ------------------------------------------------------------------ 2. a deadline is named once

def test_a_deadline_already_named_is_not_named_twice():
    assert deadline_name("任务完成时间") == "任务完成时间"
    assert deadline_name("维修完成时限") == "维修完成时限"
    assert deadline_name("项目完成及时率") == "项目完成时间"   # a rate still becomes its date's row


def test_no_offered_row_says_its_deadline_twice(shipped_kb):
    """E008 (real, a forestry bureau's 部门整体): 项目完成时间 in % dated by the year's end read 项目完成时间完成时间."""
    rec = dev_record("E008")
    res = _suggest(shipped_kb, rec["description"], rec["project"], rec.get("department"))
    names = [c.name for c in res.suggestions] + [c.name for v in res.alternates.values() for c in v]
    assert not [n for n in names if "时间完成时间" in n], names
