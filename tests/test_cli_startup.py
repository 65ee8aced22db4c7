"""Start-up of the `jixiao` command (issue 15: `jixiao check table.json` and `jixiao search` ≤ 0.5 s a process).

What the start-up no longer pays, and that what it reads instead reads the
same: the objects the start-up made are frozen out of the garbage
collector's walks (`gc.freeze` in `kb.cli.main`), and the check reaches its
answer without the `.xlsx` writers or resolving a whole 二级指标 of the
library. (The settings stay with pydantic-settings: a library over our own
environment reader, for ≈ 0.04 s a command.)
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def _run(code: str, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("JIXIAO_")}
    p = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode == 0, p.stderr
    return p.stdout.strip()


def test_main_freezes_what_the_start_up_made():
    code = ("import gc, sys, kb.cli\n"
            "sys.argv = ['jixiao', '--help']\n"
            "before = gc.get_freeze_count()\n"
            "try:\n    kb.cli.main()\nexcept SystemExit:\n    pass\n"
            "print(before, gc.get_freeze_count(), file=sys.stderr)\n"
            "sys.stdout = sys.__stdout__\nprint(before, gc.get_freeze_count())")
    before, after = map(int, _run(code).splitlines()[-1].split())
    assert before == 0 and after > 10_000


# ---------------------------------------------------------------- the library rows a check reads

def _store(settings):
    from kb.store.db import connect
    from kb.store.rows import RowStore

    path = settings.resolved_kb_path()
    hot = connect(path).execute("SELECT data FROM blobs WHERE name = 'hot_columns'").fetchone()[0]
    return RowStore.from_table(path, hot=hot)


def test_fetch_reads_a_row_alone_with_the_values_of_the_table(shipped_settings):
    from kb.store.rows import _ALONE

    lazy, full = _store(shipped_settings), _store(shipped_settings)
    n = len(full)
    assert "keywords" in dict.keys(lazy.columns)  # the build stores the keywords with the hot columns
    for i in (0, 1, n // 2, n - 1, -1):
        assert lazy.fetch(i) == dict(full[i])   # `full[i]` loads every column of `full` at once
    assert not lazy.columns.complete            # five rows read, not the table
    with pytest.raises(IndexError):
        lazy.fetch(n)
    for i in range(_ALONE):
        lazy.fetch(i)
    assert lazy.columns.complete                # past the first rows: the columns are loaded at once
    assert lazy.fetch(7) == dict(full[7])


def _of_work_everyone(inds, text, level2, accept, min_hits=1, ignore=()):
    """`of_work` as it was: every indicator of the 二级指标 made, its keywords tested on the text."""
    best, best_n = None, max(min_hits, 1) - 1
    for ind in inds:
        if ind.level2.value != level2 or ind.status.value == "deprecated":
            continue
        words = tuple(w for w in dict.fromkeys(ind.keywords) if len(w) >= 2)
        hits = [w for w in words if w in text and w not in ignore]
        if len(hits) > best_n and any(w in ind.name for w in hits) and accept(ind):
            best, best_n = ind, len(hits)
    return best


def test_of_work_makes_only_the_indicators_its_text_names(shipped_kb):
    from kb.indicators.lookup import IndicatorLookup
    from kb.store.rows import row_to_indicator

    rows = shipped_kb.index.rows
    inds = [row_to_indicator(rows[i]) for i in range(len(rows))]
    made: list[int] = []
    lk = IndicatorLookup.from_rows(rows, lambda r: (made.append(1), row_to_indicator(r))[1])
    quality = sum(i.level2.value == "quality" and i.status.value != "deprecated" for i in inds)
    texts = ["村级干部培训", "农村公路养护", "组织开展义诊进乡村活动，为群众免费体检", "食品安全抽检", "宣传月活动"]
    found = 0
    for text in texts:
        for accept in (lambda i: True, lambda i: "率" in i.name):
            for min_hits in (1, 2):
                want = _of_work_everyone(inds, text, "quality", accept, min_hits)
                got = lk.of_work(text, "quality", accept, min_hits=min_hits)
                assert (got.id if got else None) == (want.id if want else None), (text, min_hits)
                found += got is not None
    assert found >= 5                         # the texts do name kinds of work of the library
    assert 0 < len(made) < quality / 10       # of several hundred quality indicators, a few were made


def test_a_kb_built_before_keywords_were_hot_answers_the_same(shipped_settings):
    # a KB of INDEX_VERSION 9 stored the hot columns without the keywords: of_work then reads them with the rest
    import marshal

    from kb.indicators.lookup import IndicatorLookup
    from kb.store.db import connect
    from kb.store.rows import RowStore, row_to_indicator

    path = shipped_settings.resolved_kb_path()
    hot = marshal.loads(connect(path).execute("SELECT data FROM blobs WHERE name = 'hot_columns'").fetchone()[0])
    old = RowStore.from_table(path, hot=marshal.dumps({k: v for k, v in hot.items() if k != "keywords"}))
    new = _store(shipped_settings)
    assert "keywords" not in dict.keys(old.columns)
    a, b = IndicatorLookup.from_rows(old, row_to_indicator), IndicatorLookup.from_rows(new, row_to_indicator)
    for text in ("村级干部培训", "农村公路养护", "食品安全抽检"):
        for l2 in ("quality", "quantity", "timeliness"):
            x, y = a.of_work(text, l2, lambda i: True), b.of_work(text, l2, lambda i: True)
            assert (x and x.id) == (y and y.id)
    assert old.columns.complete and not new.columns.complete
