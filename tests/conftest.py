"""Shared fixtures: the shipped library built once per session (lexical, no embedder)."""
from __future__ import annotations

import shutil

import pytest

from kb.knowledge import KnowledgeBase
from tests.kbfactory import SHARED, built_shipped


@pytest.fixture(scope="session")
def shared_data():
    """../shared/data (real public material); skip when absent."""
    if not SHARED.exists():
        pytest.skip("../shared/data not present")
    return SHARED


@pytest.fixture(scope="session")
def shipped_settings(tmp_path_factory):
    """Settings pointing at a KB built from the repo's own indicators/ (no embedder)."""
    return built_shipped(tmp_path_factory.mktemp("shipped"))


@pytest.fixture(scope="session")
def shipped_kb(shipped_settings):
    """KnowledgeBase over the shipped libraries, lexical mode."""
    return KnowledgeBase(shipped_settings)


@pytest.fixture
def home(tmp_path, shipped_settings):
    """A fresh home folder for `jixiao` child processes, holding a copy of the shipped KB."""
    from tests.harness import copy_kb

    h = tmp_path / "home"
    copy_kb(shipped_settings.resolved_kb_path(), h)
    return h
