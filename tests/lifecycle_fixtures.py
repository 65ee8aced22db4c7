"""Fixtures of the lifecycle tests: a fresh workflow database on every backend, keys, clients.

`db_url` is parametrized over SQLite (a file in tmp_path) and, when
JIXIAO_TEST_POSTGRES_URL is set (`.ci/start_postgres.sh` sets it), a real
PostgreSQL server; each PostgreSQL test gets its own schema (via the
connection's search_path), dropped afterwards. Import the fixtures with
`from tests.lifecycle_fixtures import *` in a test module.
"""
from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from kb.lifecycle import keys as svc
from kb.lifecycle.access import CLI_PRINCIPAL
from kb.lifecycle.db import get_engine, get_read_engine, get_sessionmaker, normalize_url, upgrade
from kb.lifecycle.schemas import KeyIn
from kb.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
PG_URL = os.environ.get("JIXIAO_TEST_POSTGRES_URL", "").strip()
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])

__all__ = ["db_url", "env", "Env", "dev_records", "dev_record", "SHARED", "REPO", "PG_URL", "BACKENDS",
           "declaration_body"]


def _dispose(url: str) -> None:
    eng = get_engine(normalize_url(url))
    eng.dispose()
    get_engine.cache_clear()
    get_sessionmaker.cache_clear()
    get_read_engine.cache_clear()


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    """URL of a freshly migrated, empty workflow database (SQLite file or PostgreSQL schema)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/workflow.sqlite"
        upgrade(url)
        yield url
        _dispose(url)
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalize_url(PG_URL))
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = PG_URL + ("&" if "?" in PG_URL else "?") + f"options=-csearch_path%3D{schema}"
    upgrade(url)
    try:
        yield url
    finally:
        _dispose(url)
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@dataclass
class Env:
    """A migrated database, an app client and keys of two units (A, B) plus 财政局 roles."""

    url: str
    settings: Settings
    client: TestClient
    keys: dict[str, str] = field(default_factory=dict)

    def h(self, who: str) -> dict[str, str]:
        return {"X-API-Key": self.keys[who]}

    def session(self):
        return get_sessionmaker(self.url)()


UNIT_A, UNIT_B, BUREAU = "青山区教育局", "湘潭市城市管理和综合执法局", "区财政局"


@pytest.fixture
def env(db_url, tmp_path):
    """Env with keys: decl_a, rev_a (unit A), decl_b, rev_b (unit B), sup and admin (财政局)."""
    from service.app import create_app

    settings = Settings(home=tmp_path / "home", database_url=db_url, progress=False, embedder="none")
    keys = {}
    with get_sessionmaker(db_url)() as s:
        for who, unit, role in (("decl_a", UNIT_A, "declarant"), ("rev_a", UNIT_A, "reviewer"),
                                ("decl_b", UNIT_B, "declarant"), ("rev_b", UNIT_B, "reviewer"),
                                ("sup", BUREAU, "supervisor"), ("admin", BUREAU, "admin")):
            keys[who] = svc.create_key(s, CLI_PRINCIPAL, KeyIn(unit_name=unit, role=role)).key
    return Env(url=db_url, settings=settings, client=TestClient(create_app(settings)), keys=keys)


def dev_records() -> list[dict]:
    """The real declarations of ../shared/data/declarations/dev.jsonl (skip when absent)."""
    p = SHARED / "declarations" / "dev.jsonl"
    if not p.exists():
        pytest.skip("../shared/data not present")
    return [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


def dev_record(rec_id: str) -> dict:
    """One dev.jsonl record by id."""
    return next(r for r in dev_records() if r["id"] == rec_id)


def declaration_body(rec: dict, *, year: int | None = None, budget_wan: float | None = None) -> dict:
    """A POST /v1/declarations body from a dev.jsonl record (real rows, as published)."""
    return {"project_name": rec["project"], "description": rec.get("description", ""),
            "department": rec.get("department", ""), "sector": rec.get("sector", ""),
            "year": year or rec.get("year") or 2023, "budget_wan": budget_wan,
            "rows": [{k: (r.get(k) or "") for k in ("level1", "level2", "name", "operator", "value", "unit")}
                     for r in rec["indicators"] if (r.get("name") or "").strip()]}
