"""KB build: validation with file:row: field errors, all-or-nothing, incremental rebuild."""
from __future__ import annotations

import shutil

import pytest

from kb.errors import DataError
from kb.knowledge import KnowledgeBase
from kb.settings import Settings
from kb.knowledge import build
from kb.store.db import build_info, open_db
from tests.kbfactory import REPO, write_library


def settings_for(tmp_path, lib):
    return Settings(home=tmp_path / "home", indicators_dir=lib, corpora_dir=tmp_path / "none",
                    embedder="none", progress=False, auth_required=False)


def test_bad_row_names_file_row_field_and_writes_nothing(tmp_path):
    lib = tmp_path / "ind"
    write_library(lib, [{"name": "培训人次", "unit": "人次", "level2": "数量指标"},
                        {"name": "培训合格率"},
                        {"name": "参训满意度", "level1": "效果指标"}])
    s = settings_for(tmp_path, lib)
    with pytest.raises(DataError) as e:
        build(s)
    msg = e.value.one_line()
    assert msg.startswith("basic/test.csv:4: level1:"), msg
    assert not s.resolved_kb_path().exists()


def test_failed_rebuild_keeps_previous_kb(tmp_path):
    lib = tmp_path / "ind"
    write_library(lib, [{"name": "培训人次", "unit": "人次", "level2": "数量指标"}])
    s = settings_for(tmp_path, lib)
    build(s)
    write_library(lib, [{"name": "培训人次", "unit": "人次", "level2": "数量指标"},
                        {"name": "", "unit": "人"}])
    with pytest.raises(DataError, match="basic/test.csv:3: name"):
        build(s)
    kb = KnowledgeBase(s)
    assert [r["name"] for r in kb.index.rows] == ["培训人次"]


def test_duplicate_name_is_rejected(tmp_path):
    lib = tmp_path / "ind"
    write_library(lib, [{"name": "培训合格率"}, {"name": "培训 合格率"}])
    with pytest.raises(DataError, match="basic/test.csv:3: name: 指标重复"):
        build(settings_for(tmp_path, lib))


def test_unchanged_data_is_not_rebuilt_and_changes_are(tmp_path):
    lib = tmp_path / "ind"
    write_library(lib, [{"name": "培训人次", "unit": "人次", "level2": "数量指标"}])
    s = settings_for(tmp_path, lib)
    first = build(s)
    assert not first.skipped and first.changed_files == ["basic/test.csv"]
    h1 = build_info(open_db(s.resolved_kb_path()))["content_hash"]
    again = build(s)
    assert again.skipped and again.changed_files == []
    write_library(lib, [{"name": "会议次数", "unit": "次", "level2": "数量指标"}], file="basic/more.csv")
    third = build(s)
    assert not third.skipped and third.changed_files == ["basic/more.csv"]
    assert build_info(open_db(s.resolved_kb_path()))["content_hash"] != h1
    assert sorted(r["name"] for r in KnowledgeBase(s).index.rows) == ["会议次数", "培训人次"]


def test_a_change_to_suggests_model_code_rebuilds_without_force(tmp_path, monkeypatch):
    """Reported: after pulling new ranker features, `jixiao build` said nothing changed and kept the ranker
    trained on the old features (only --force retrained). The model code's digest is part of the fingerprint."""
    import kb.suggest.build as suggest_build

    lib = tmp_path / "ind"
    write_library(lib, [{"name": "培训人次", "unit": "人次", "level2": "数量指标"}])
    s = settings_for(tmp_path, lib)
    build(s)
    assert build(s).skipped
    real = suggest_build.model_code_digest()
    assert len(real) == 64 and real == suggest_build.model_code_digest()
    monkeypatch.setattr(suggest_build, "model_code_digest", lambda: "0" * 64)
    assert not build(s).skipped
    assert build(s).skipped


def test_shipped_library_builds_and_meets_the_issue_size(tmp_path):
    lib = tmp_path / "ind"
    shutil.copytree(REPO / "indicators", lib)
    s = settings_for(tmp_path, lib)
    rep = build(s)
    kb = KnowledgeBase(s)
    basic = [r for r in kb.index.rows if r["library"] == "basic"]
    assert rep.indicators == len(kb.index.rows)
    assert len({(r["name_norm"], r["level2"]) for r in basic}) >= 1500
    assert len({r["category"] for r in basic}) >= 20
    units = {r["unit_name"] for r in kb.index.rows if r["library"] == "unit"}
    assert len(units) >= 2
    for cat in ("采购", "培训", "会议", "工程建设", "维修", "补助", "信息化", "宣传", "课题", "运转保障"):
        assert any(cat in r["category"] for r in basic), cat
    assert all(r["origin"] not in ("", "[]") for r in kb.index.rows)


def test_crash_mid_write_leaves_previous_kb(tmp_path, monkeypatch):
    """An error after the indicators were replaced but before the commit rolls everything back."""
    import sqlite_utils

    lib = tmp_path / "ind"
    write_library(lib, [{"name": "培训人次", "unit": "人次", "level2": "数量指标"}])
    s = settings_for(tmp_path, lib)
    build(s)
    write_library(lib, [{"name": "会议次数", "unit": "次", "level2": "数量指标"}])
    real = sqlite_utils.db.Table.upsert_all

    def boom(self, *a, **k):
        if self.name == "blobs":
            raise RuntimeError("power cut")
        return real(self, *a, **k)

    monkeypatch.setattr(sqlite_utils.db.Table, "upsert_all", boom)
    with pytest.raises(RuntimeError, match="power cut"):
        build(s)
    monkeypatch.undo()
    kb = KnowledgeBase(s)
    assert [r["name"] for r in kb.index.rows] == ["培训人次"]
    assert kb.search("培训人次").hits[0].name == "培训人次"
