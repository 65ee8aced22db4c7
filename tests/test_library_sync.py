"""A replica's library poll (`kb.knowledge.sync_library`) on the shipped KB.

Reported: every poll logged `NameError: name 'open_db' is not defined` and a
library import from the staff page answered 500, because the poll read the
KB's library version through an opener the module no longer imported.
"""
from __future__ import annotations

import logging

from kb.knowledge import sync_library
from kb.lifecycle.db import upgrade


def test_a_poll_with_nothing_new_reports_the_kb_current_and_logs_nothing(shipped_settings, shipped_kb, caplog, tmp_path):
    settings = shipped_settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / 'workflow.db'}"})
    upgrade(settings.database_url)
    with caplog.at_level(logging.WARNING):
        assert sync_library(settings, shipped_kb) is True
    assert not [r for r in caplog.records if "library sync failed" in r.getMessage()]
