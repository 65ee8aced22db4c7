"""Fixtures of the corpus tests: a KB file with the shipped corpora and the real texts.

Real texts come from ../shared/data (policy_articles.jsonl, qa.jsonl,
expert_opinions.jsonl, policies/*.md) and are ingested through
`kb.corpus.Corpus.add` — the path `jixiao corpus add` uses.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kb.corpus import Corpus, sync_default_corpora
from kb.store.db import open_db
from kb.settings import Settings, get_settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
CORPORA = SHARED / "corpora"
POLICIES = SHARED / "policies"


def corpus_settings(home: Path) -> Settings:
    """Lexical-only settings with the KB under `home` and the shipped corpora."""
    return Settings(home=home, embedder="none", progress=False, auth_required=False,
                    corpora_dir=REPO / "corpora")


def real_articles() -> list[dict]:
    """The records of ../shared/data/corpora/policy_articles.jsonl."""
    return [json.loads(x) for x in (CORPORA / "policy_articles.jsonl").read_text(encoding="utf-8").splitlines()
            if x.strip()]


def load_all(home: Path) -> Corpus:
    """A KB with the shipped corpora (sync) plus all real texts added as a user would."""
    s = corpus_settings(home)
    sync_default_corpora(open_db(s.resolved_kb_path()), s.corpora_dir)
    c = Corpus(settings=s, embedder=None)
    c.add(CORPORA / "policy_articles.jsonl", "national_policy")
    c.add(CORPORA / "qa.jsonl", "qa", title="财政绩效问答摘录")
    c.add(CORPORA / "expert_opinions.jsonl", "expert_opinion", title="绩效审核与自评意见摘录")
    for p in sorted(POLICIES.glob("*.md")):
        c.add(p, "national_policy")
    return c


@pytest.fixture(scope="session")
def shared_corpora():
    """../shared/data/corpora (skip when absent)."""
    if not CORPORA.exists():
        pytest.skip("../shared/data not present")
    return CORPORA


@pytest.fixture(scope="session")
def full_corpus(tmp_path_factory, shared_corpora) -> Corpus:
    """Shipped corpora + real texts, lexical mode (shared by read-only tests)."""
    return load_all(tmp_path_factory.mktemp("corpus_full"))


@pytest.fixture
def cli_env(monkeypatch, tmp_path):
    """Environment for in-process CLI calls: KB under tmp_path, no embedder."""
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path))
    monkeypatch.setenv("JIXIAO_EMBEDDER", "none")
    monkeypatch.setenv("JIXIAO_PROGRESS", "false")
    monkeypatch.delenv("JIXIAO_KB_PATH", raising=False)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def run_cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m kb.cli ARGS` with the KB under `home` (for exit codes and stderr)."""
    env = {**os.environ, "JIXIAO_HOME": str(home), "JIXIAO_EMBEDDER": "none", "JIXIAO_PROGRESS": "false",
           "JIXIAO_CORPORA_DIR": str(REPO / "corpora")}
    env.pop("JIXIAO_KB_PATH", None)
    return subprocess.run([sys.executable, "-m", "kb.cli", *args], capture_output=True, text=True, env=env,
                          cwd=REPO, timeout=300)
