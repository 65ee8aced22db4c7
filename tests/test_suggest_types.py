"""Project types as data: the loader's validation (file:line: field: problem, all-or-nothing)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb.errors import DataError, DataErrors
from kb.io.library import load_libraries
from kb.settings import Settings
from kb.knowledge import build
from kb.store.db import open_db
from kb.suggest.kbdata import read_suggest_data
from kb.suggest.project_types import load_project_types, load_training_tables
from tests.kbfactory import write_library

SAMPLES = Path(__file__).parent / "data" / "project_types_sample"

# the library rows the two sample types name (level1, level2, name, unit)
ROWS = [
    ("产出指标", "数量指标", "〔培训对象〕培训人数", "人"), ("产出指标", "数量指标", "〔培训对象〕培训班期数", "期"),
    ("产出指标", "质量指标", "〔培训对象〕培训合格率", "%"), ("产出指标", "时效指标", "培训计划按期完成率", "%"),
    ("产出指标", "成本指标", "〔培训对象〕培训人均成本", "元/人"), ("效益指标", "社会效益指标", "参训人员业务能力提升", ""),
    ("满意度指标", "服务对象满意度指标", "参训人员满意度", "%"), ("产出指标", "数量指标", "老年助餐服务人次", "人次"),
    ("产出指标", "数量指标", "老年助餐点建设数量", "个"), ("产出指标", "质量指标", "养老机构等级评定达标率", "%"),
    ("产出指标", "时效指标", "高龄津贴按月发放及时率", "%"), ("产出指标", "成本指标", "老年助餐每餐补贴标准", "元/餐"),
    ("效益指标", "社会效益指标", "老年人养老服务需求满足", ""), ("满意度指标", "服务对象满意度指标", "服务老人满意度", "%"),
]


@pytest.fixture()
def lib_dir(tmp_path):
    d = tmp_path / "indicators"
    write_library(d, [{"level1": a, "level2": b, "name": n, "unit": u} for a, b, n, u in ROWS])
    (d / "project_types").mkdir()
    for p in SAMPLES.glob("*.yaml"):
        shutil.copy(p, d / "project_types" / p.name)
    return d


def _types(d):
    return load_project_types(d, load_libraries(d))


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_sample_types_load_with_slots_resolved_to_library_ids(lib_dir):
    types = {t.id: t for t in _types(lib_dir)}
    assert set(types) == {"training", "elderly_canteen"}
    t = types["training"]
    assert t.name == "培训" and len(t.examples) == 2
    q = t.slots["quantity"]
    assert [e.name for e in q] == ["〔培训对象〕培训人数", "〔培训对象〕培训班期数"]
    assert all(e.needs_value and e.indicator_id.startswith("b-") for e in q)
    assert t.slots["cost"][0].level2 == "output_cost"
    assert types["elderly_canteen"].slots["quality"][0].core is False


def test_unknown_indicator_name_names_file_line_and_field_with_near_names(lib_dir):
    _replace(lib_dir / "project_types" / "training.yaml", "- name: 〔培训对象〕培训合格率", "- name: 培训合格比率")
    with pytest.raises(DataErrors) as e:
        _types(lib_dir)
    err = e.value.errors[0]
    assert (err.file, err.row, err.field) == ("project_types/training.yaml", 19, "slots.quality[0].name")
    assert "培训合格比率" in err.message and "〔培训对象〕培训合格率" in err.message  # a near name is offered


def test_indicator_in_the_wrong_slot_is_an_error(lib_dir):
    _replace(lib_dir / "project_types" / "training.yaml", "  timeliness:\n    - name: 培训计划按期完成率",
             "  timeliness:\n    - name: 参训人员满意度")
    with pytest.raises(DataErrors) as e:
        _types(lib_dir)
    err = e.value.errors[0]
    assert err.field == "slots.timeliness[0]" and "不属于槽位 timeliness" in err.message


def test_every_problem_of_every_file_is_reported_at_once(lib_dir):
    p = lib_dir / "project_types"
    _replace(p / "training.yaml", "id: training", "id: train")            # id ≠ file name
    _replace(p / "elderly_canteen.yaml", "对全县12个农村老年食堂给予运营补助，全年服务特困老人2万人次", "对全县农村老年食堂给予运营补助")
    _replace(p / "elderly_canteen.yaml", "  satisfaction:\n    - name: 服务老人满意度\n", "")
    with pytest.raises(DataErrors) as e:
        _types(lib_dir)
    lines = e.value.one_line().splitlines()
    assert lines[0].startswith("数据文件有 3 处错误")
    assert "project_types/elderly_canteen.yaml:9: examples[1]: 例子应写出数量或金额(含数字)" in lines
    assert "project_types/training.yaml:2: id: 应与文件名一致(training)" in lines
    assert any(line.startswith("project_types/elderly_canteen.yaml:") and "缺少槽位 satisfaction" in line
               for line in lines)


def test_unknown_fields_duplicate_keys_and_short_lists(lib_dir):
    p = lib_dir / "project_types" / "training.yaml"
    _replace(p, "keywords: [培训, 轮训, 研修, 培训班, 学员, 参训]", "keywords: [培训]")
    with pytest.raises(DataErrors) as e:
        _types(lib_dir)
    assert e.value.errors[0].one_line() == "project_types/training.yaml:6: keywords: 至少需要 3 项"
    _replace(p, "keywords: [培训]", "keywords: [培训, 轮训, 研修]")
    _replace(p, "group: 通用", "group: 通用\ncover: 笔误")
    with pytest.raises(DataErrors) as e:
        _types(lib_dir)
    assert e.value.errors[0].field == "cover" and e.value.errors[0].row == 5
    _replace(p, "cover: 笔误", "name: 再一个名称")
    with pytest.raises(DataError) as e:
        _types(lib_dir)
    assert e.value.errors[0].row == 5 and "重复" in e.value.errors[0].message


def test_yaml_syntax_error_has_its_line(lib_dir):
    (lib_dir / "project_types" / "training.yaml").write_text("id: training\nname: [培训\n", encoding="utf-8")
    with pytest.raises(DataErrors) as e:
        _types(lib_dir)
    assert e.value.errors[0].file == "project_types/training.yaml" and e.value.errors[0].row >= 2


def test_training_tables_need_known_types_and_keep_local_level_labels(lib_dir):
    t = lib_dir / "training"
    t.mkdir()
    good = ('{"id": "T1", "project": "干部培训", "summary": "举办培训班2期，培训100人。", "types": ["training"], '
            '"rows": [{"level1": "产出指标", "level2": "数量指标", "name": "培训人数", "operator": "≥", "value": "100", "unit": "人"}]}')
    bad = good.replace('"T1"', '"T2"').replace('["training"]', '["trainning"]').replace('"数量指标"', '"数量"')
    (t / "tables.jsonl").write_text(good + "\n" + bad + "\n", encoding="utf-8")
    with pytest.raises(DataErrors) as e:
        load_training_tables(lib_dir, {"training"})
    msgs = [x.one_line() for x in e.value.errors]
    assert msgs[0] == "training/tables.jsonl:2: types[0]: 未知的项目类型 trainning(应为 indicators/project_types/ 下某个文件的 id)"
    assert len(msgs) == 1
    (t / "tables.jsonl").write_text(good + "\n" + bad.replace("trainning", "training") + "\n", encoding="utf-8")
    tables = load_training_tables(lib_dir, {"training"})
    assert [x.id for x in tables] == ["T1", "T2"]
    assert tables[0].rows[0].slot() == "quantity" and tables[1].rows[0].slot() == "quantity"  # 数量 alone parses


def test_build_stores_the_types_and_a_bad_type_file_leaves_the_kb_untouched(lib_dir, tmp_path):
    s = Settings(home=tmp_path / "home", indicators_dir=lib_dir, corpora_dir=tmp_path / "none",
                 embedder="none", progress=False, auth_required=False)
    build(s)
    stored = read_suggest_data(open_db(s.resolved_kb_path()))
    assert [t.id for t in stored.types] == ["elderly_canteen", "training"]
    assert stored.types[1].slots["quantity"][0].name == "〔培训对象〕培训人数"
    _replace(lib_dir / "project_types" / "training.yaml", "name: 参训人员满意度", "name: 不存在的满意度")
    with pytest.raises(DataErrors):
        build(s)
    stored = read_suggest_data(open_db(s.resolved_kb_path()))
    assert stored.types[1].slots["satisfaction"][0].name == "参训人员满意度"


def test_after_school_service_is_a_type_of_its_own(shipped_kb):
    """Reported (fresh trial): a subsidy for 义务教育课后服务 was typed 营养改善计划 (0.96) and got 营养餐供餐天数,
    学生营养膳食补助标准达标率 and 营养膳食补助资金拨付及时率. It is a type of its own now (after_school_service)."""
    res = shipped_kb.suggest("县教育局对辖区38所中小学放学后的托管和作业辅导给予补助，参加学生约1.6万人，按每生每月25元补助，"
                             "全年资金480万元，学生参与率力争达到80%。", project_name="中小学课后服务经费",
                             mode="lexical", with_opinions=False)
    assert res.project_types[0].id == "after_school_service", [(t.id, t.confidence) for t in res.project_types]
    names = [c.name for c in res.default_table]
    assert not [n for n in names if "营养" in n or "供餐" in n], names
    rate = [c for c in res.default_table if c.name == "课后服务学生参与率"]
    assert rate and (rate[0].operator, rate[0].value) == ("≥", "80"), names


def test_no_training_table_is_one_its_source_calls_a_counter_example():
    """dev.jsonl marks D048 (村组干部报酬: 按时发放 ≥1 人/年, 村组干部230人 as a name) as a low-quality
    table to learn from as a counter-example (反例); its rows must neither teach the ranker nor be offered
    to other projects as "同类项目真实绩效目标表中的指标"."""
    import json

    settings = Settings()
    marked = {json.loads(line)["id"] for line in
              (settings.dev_data_dir / "declarations" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
              if "反例" in json.loads(line).get("description", "")}
    assert "D048" in marked
    indicators = Path(__file__).resolve().parents[1] / "indicators"
    types = load_project_types(indicators, load_libraries(indicators))
    ids = {t.id for t in load_training_tables(indicators, {t.id for t in types})}
    assert len(ids) >= 80
    assert not marked & ids
