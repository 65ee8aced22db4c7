"""Workflow database: migrations match the models, SQLite pragmas, URL handling, locking.

Runs on SQLite and, when JIXIAO_TEST_POSTGRES_URL is set, on PostgreSQL.
"""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text

from kb.errors import Conflict, ConfigError
from kb.lifecycle import keys as svc
from kb.lifecycle.access import CLI_PRINCIPAL
from kb.lifecycle.tx import transaction
from kb.lifecycle.db import current_revision, get_engine, get_sessionmaker, head_revision, normalize_url, upgrade
from kb.lifecycle.models import ApiKey, Unit
from kb.lifecycle.schemas import KeyIn
from kb.settings import Settings
from kb.workflow_schema import metadata
from tests.lifecycle_fixtures import *  # noqa: F401,F403


def test_migrations_create_exactly_the_model_schema(db_url):
    assert current_revision(db_url) == head_revision() == "0005"
    with get_engine(normalize_url(db_url)).connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(ctx, metadata) == []
        tables = set(inspect(conn).get_table_names())
    assert set(metadata.tables) <= tables and "alembic_version" in tables


def test_upgrade_is_idempotent(db_url):
    upgrade(db_url)
    upgrade(db_url)
    assert current_revision(db_url) == "0005"


def test_sqlite_connections_use_wal_and_foreign_keys(tmp_path):
    url = f"sqlite:///{tmp_path}/sub/dir/w.sqlite"  # parent folders are created
    upgrade(url)
    with get_engine(url).connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_default_url_is_a_sqlite_file_beside_the_kb(tmp_path):
    s = Settings(home=tmp_path)
    assert s.resolved_database_url() == f"sqlite:///{tmp_path / 'jixiao.workflow.sqlite'}"


def test_postgres_urls_use_psycopg3():
    assert normalize_url("postgresql://u:p@h:5432/db").startswith("postgresql+psycopg://u:p@h:5432/db")
    assert normalize_url("postgres://h/db").startswith("postgresql+psycopg://h/db")
    assert normalize_url("sqlite:///x.db") == "sqlite:///x.db"
    with pytest.raises(ConfigError):
        normalize_url("")
    with pytest.raises(ConfigError):
        normalize_url("::not a url::")


def test_keys_are_stored_hashed_only(db_url):
    with get_sessionmaker(db_url)() as s:
        k = svc.create_key(s, CLI_PRINCIPAL, KeyIn(unit_name="青山区教育局", role="declarant"))
        row = s.scalar(select(ApiKey).where(ApiKey.id == k.id))
        assert row.key_hash == svc.hash_key(k.key) and len(row.key_hash) == 64 and k.key not in row.key_hash
        p = svc.authenticate(s, k.key)
        assert (p.role, p.unit_name) == ("declarant", "青山区教育局")
        assert svc.authenticate(s, k.key + "x") is None and svc.authenticate(s, "") is None
        svc.revoke_key(s, CLI_PRINCIPAL, k.id)
        assert svc.authenticate(s, k.key) is None
    # the plain key appears in no column of any table
    with get_engine(normalize_url(db_url)).connect() as c:
        for t in metadata.sorted_tables:
            for r in c.execute(select(t)).all():
                assert k.key not in repr(tuple(r))


def test_unit_creation_is_shared_and_unique(db_url):
    with get_sessionmaker(db_url)() as s:
        svc.create_key(s, CLI_PRINCIPAL, KeyIn(unit_name="区财政局", role="admin"))
        svc.create_key(s, CLI_PRINCIPAL, KeyIn(unit_name=" 区财政局 ", role="supervisor"))
        with s.begin():
            assert s.scalar(select(Unit.id).where(Unit.name == "区财政局")) is not None
            assert len(s.scalars(select(Unit)).all()) == 1


def test_concurrent_write_to_one_declaration_is_a_conflict_not_a_lost_update(db_url):
    """Two sessions load the same declaration; the second commit fails with Conflict.

    (SQLite begins every transaction IMMEDIATE, so there a second writer waits for the first
    instead of interleaving: the lost update cannot arise; the optimistic lock guards PostgreSQL.)"""
    if db_url.startswith("sqlite"):
        pytest.skip("SQLite serialises writers (BEGIN IMMEDIATE): no interleaving to detect")
    from kb.lifecycle.models import Declaration, DeclarationVersion, Project

    maker = get_sessionmaker(db_url)
    with maker() as s, s.begin():
        u = Unit(name="青山区教育局")
        s.add(u)
        s.flush()
        p = Project(unit_id=u.id, name="项目")
        s.add(p)
        s.flush()
        d = Declaration(project_id=p.id, unit_id=u.id, year=2024, state="submitted")
        s.add(d)
        s.flush()
        s.add(DeclarationVersion(declaration_id=d.id, version=1, project_name="项目"))
        did = d.id
    with maker() as s2:
        with pytest.raises(Conflict):
            with transaction(s2):
                d2 = s2.get(Declaration, did)
                with maker() as s1, s1.begin():  # another request approves meanwhile
                    s1.get(Declaration, did).state = "approved"
                d2.state = "returned"
    with maker() as s, s.begin():
        assert s.get(Declaration, did).state == "approved"


def test_0005_adds_the_row_weight_and_keeps_stored_rows(tmp_path):
    url = f"sqlite:///{tmp_path}/w.sqlite"
    upgrade(url, "0004")
    with get_engine(normalize_url(url)).begin() as c:
        c.execute(text("INSERT INTO units (id, name, created_at) VALUES (1, '青山区教育局', '2024-01-01')"))
        c.execute(text("INSERT INTO projects (id, unit_id, name, sector, created_at) VALUES (1, 1, '校舍维修', '', '2024-01-01')"))
        c.execute(text("INSERT INTO declarations (id, project_id, unit_id, state, current_version, error_count, "
                       "created_at, updated_at, lock_version) VALUES (1, 1, 1, 'draft', 1, 0, '2024-01-01', '2024-01-01', 1)"))
        c.execute(text("INSERT INTO declaration_versions (id, declaration_id, version, project_name, description, "
                       "department, sector, findings, created_at) VALUES (1, 1, 1, '校舍维修', '', '', '', '[]', '2024-01-01')"))
        c.execute(text("INSERT INTO target_rows (version_id, position, level1, level2, name, operator, value, unit) "
                       "VALUES (1, 1, '产出指标', '数量指标', '校舍维修面积', '≥', '3000', '平方米')"))
    upgrade(url)
    with get_engine(normalize_url(url)).connect() as c:
        assert c.execute(text("SELECT name, value, weight FROM target_rows")).all() == [("校舍维修面积", "3000", None)]
    get_engine(normalize_url(url)).dispose()
