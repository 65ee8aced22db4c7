"""The shipped cross-cutting 基础指标库 files and the example 单位指标库 load and are well-formed.

Checks the data itself (not the loader): every row validates through
`kb.io.library.load_libraries`, the cross-cutting categories are all there with
enough distinct indicators and template rows, targets are plausible for
their direction, origins point at real sources, and the unit libraries are
grouped by department.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict

import pytest

from kb.io.library import load_libraries
from kb.domain.schema import Direction, Level2, Library
from kb.domain.text import normalize_name
from tests.kbfactory import REPO

INDICATORS = REPO / "indicators"

# file → category of the cross-cutting part of the basic library
CROSS_CUTTING = {
    "procurement.csv": "采购类", "training.csv": "培训类", "meeting.csv": "会议类",
    "construction.csv": "工程建设类", "repair.csv": "维修改造类", "subsidy.csv": "补助补贴类",
    "it_systems.csv": "信息化建设与运维类", "publicity.csv": "宣传类", "research.csv": "课题研究类",
    "operations.csv": "运转保障类", "office_supplies.csv": "办公用品类", "staff_welfare.csv": "工作人员福利类",
    "property_management.csv": "物业管理类", "vehicles.csv": "车辆运行类", "party_building.csv": "党建类",
    "inspection_enforcement.csv": "督查检查与执法类", "events.csv": "活动赛事类",
    "purchased_services.csv": "政府购买服务类", "asset_finance.csv": "资产管理与财务管理类",
    "satisfaction_benefit.csv": "通用满意度与效益类",
}
UNIT_FILES = {"县机关事务服务中心.csv": "县机关事务服务中心", "某县人民医院.csv": "某县人民医院"}
ORIGIN = re.compile(r"^(dev:[DE]\d{3}|common|framework|generic_common|legacy_ciq|sector_evaluation)$")
SLOT = re.compile(r"〔[^〔〕]+〕")


@pytest.fixture(scope="module")
def library():
    """All shipped indicators, loaded and validated once."""
    return load_libraries(INDICATORS)


def _by_category(indicators):
    """Group the basic indicators by the category of one of our files."""
    by_cat = defaultdict(list)
    for ind in indicators:
        if ind.library is Library.basic and ind.category in CROSS_CUTTING.values():
            by_cat[ind.category].append(ind)
    return by_cat


def test_all_files_present():
    for f in CROSS_CUTTING:
        assert (INDICATORS / "basic" / f).is_file(), f
    for f in UNIT_FILES:
        assert (INDICATORS / "units" / f).is_file(), f


def test_cross_cutting_basic_library_size_and_templates(library):
    by_cat = _by_category(library)
    assert set(by_cat) == set(CROSS_CUTTING.values())
    rows = [i for v in by_cat.values() for i in v]
    distinct = {(normalize_name(i.name), i.level2) for i in rows}
    assert len(distinct) == len(rows) >= 800
    for cat, inds in by_cat.items():
        assert len(inds) >= 25, cat
        # every category offers indicators for output and satisfaction or benefit
        l1 = {i.level1.value for i in inds}
        assert "output" in l1, cat
    templates = [i for i in rows if i.has_slot]
    assert len(templates) >= 60
    for t in templates:
        assert len(SLOT.findall(t.name)) == 1, t.name
        assert t.unit, t.name


def _ours(library):
    """Rows of the files this test covers (cross-cutting basic files and the two unit libraries)."""
    return [i for i in library if i.category in CROSS_CUTTING.values()
            or (i.library is Library.unit and i.unit_name in UNIT_FILES.values())]


def test_rows_are_consistent_with_their_direction(library):
    for i in _ours(library):
        where = f"{i.category}/{i.name}"
        assert i.explanation and len(i.explanation) <= 80, where
        if i.direction is Direction.qualitative:
            assert not i.unit and i.typical.operator == "定性" and i.typical.value, where
            continue
        assert i.unit, where
        op, val = i.typical.operator, i.typical.value
        if not val:
            continue
        v = float(val)
        if i.direction is Direction.negative:
            assert op in ("≤", "<", "="), where
        if i.direction is Direction.positive:
            assert op in ("≥", ">", "="), where
        if i.unit == "%" and "满意" in i.name and op in ("≥", ">"):
            assert v >= 80, where
        if i.unit == "%" and i.name.endswith("合格率") and i.direction is Direction.positive:
            assert v >= 90, where


def test_cost_and_satisfaction_sit_in_the_right_slots(library):
    for i in _ours(library):
        if i.level2 is Level2.beneficiary_satisfaction:
            assert i.level1.value == "satisfaction"
        if i.level2 in (Level2.economic_cost, Level2.social_cost, Level2.ecological_cost):
            assert i.level1.value == "cost"


def test_origins_name_real_sources(library, shared_data):
    dev_ids = {json.loads(line)["id"] for line in
               (shared_data / "declarations" / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()}
    dev_names = defaultdict(set)
    for line in (shared_data / "declarations" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            for row in rec["indicators"]:
                dev_names[normalize_name(row.get("name"))].add(rec["id"])
    seen = Counter()
    for i in _ours(library):
        assert i.origin, i.name
        for o in i.origin:
            assert ORIGIN.match(o), (i.name, o)
            if o.startswith("dev:"):
                assert o[4:] in dev_ids, (i.name, o)
                # the declaration really uses this indicator name
                assert o[4:] in dev_names[normalize_name(i.name)], (i.name, o)
                seen["dev"] += 1
    assert seen["dev"] >= 50


def test_unit_libraries_grouped_by_department(library):
    for f, unit in UNIT_FILES.items():
        rows = [i for i in library if i.library is Library.unit and i.unit_name == unit]
        assert len(rows) >= 60, unit
        depts = Counter(i.department for i in rows)
        assert len(depts) >= 6 and all(depts), (unit, depts)
        assert all(i.category == i.department for i in rows), unit
        names = [(normalize_name(i.name), i.level2) for i in rows]
        assert len(names) == len(set(names)), unit


def test_template_slot_labels_read_as_names(library):
    """An unfilled template falls back to its label; the label must not repeat the anchor word."""
    for i in _ours(library):
        if not i.has_slot:
            continue
        label = SLOT.search(i.name).group(0)[1:-1]
        rest = SLOT.sub("", i.name)
        assert label and rest and not rest.startswith(label), i.name


def test_csv_files_are_utf8_with_header():
    for f in list(CROSS_CUTTING) + [f"../units/{u}" for u in UNIT_FILES]:
        p = (INDICATORS / "basic" / f).resolve()
        head = p.read_text(encoding="utf-8").splitlines()[0].split(",")
        assert {"category", "level1", "level2", "name", "unit", "direction", "origin"} <= set(head), p.name
        if "units" in str(p):
            assert {"unit_name", "department"} <= set(head)
