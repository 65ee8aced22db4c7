"""Start-up of the `jixiao` command (issue 15: `jixiao check table.json` and `jixiao search` ≤ 0.5 s a process).

What the start-up no longer pays, and that what it reads instead reads the
same: the settings come from the environment without pydantic-settings
(`kb.settings.environ_values`; the same values as pydantic-settings' own
source over the same fields, compared here), the objects the start-up made
are frozen out of the garbage collector's walks (`gc.freeze` in
`kb.cli.main`), and the check reaches its answer without the `.xlsx`
writers or resolving a whole 二级指标 of the library.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from pydantic import ValidationError, create_model

from kb.errors import ConfigError
from kb.settings import Settings


def _ref_class(fields):
    """`Settings`' fields on pydantic-settings' BaseSettings, configured as `kb.settings` was before."""
    pydantic_settings = pytest.importorskip("pydantic_settings")
    cls = create_model("Reference", __base__=pydantic_settings.BaseSettings, **fields)
    cls.model_config.update(env_prefix="JIXIAO_", env_nested_delimiter="__")
    cls.model_rebuild(force=True)
    return cls


ENVIRONMENTS = [
    {},
    {"JIXIAO_HOME": "/srv/kb", "jixiao_embedder": "none", "JIXIAO_PROGRESS": "false",
     "JIXIAO_MAX_REQUEST_BYTES": "123", "JIXIAO_KB_PATH": "/srv/other.sqlite", "JIXIAO_DATABASE_URL": "",
     "JIXIAO_AUTH_REQUIRED": "0", "JIXIAO_MAX_WAIT_S": "2.5", "Jixiao_Cors_Origins": "http://a, http://b"},
    {"JIXIAO_CHECKER": json.dumps({"satisfaction_floor_pct": 70, "max_indicators": 20}),
     "JIXIAO_CHECKER__MAX_INDICATORS": "25", "JIXIAO_UPLOAD__MAX_ROWS": "10", "JIXIAO_EVIDENCE__BOGUS": "1",
     "jixiao_monitoring__red_below": "0.5", "JIXIAO_EVIDENCE__CHUNK_BYTES": "1024"},
]


def _set(monkeypatch, env: dict[str, str]) -> None:
    for k in list(os.environ):
        if k.upper().startswith("JIXIAO_"):
            monkeypatch.delenv(k)
    for k, v in env.items():
        monkeypatch.setenv(k, v)


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_settings_read_the_environment_as_pydantic_settings_did(monkeypatch, env):
    _set(monkeypatch, env)
    ref = _ref_class({n: (f.annotation, f) for n, f in Settings.model_fields.items()})
    assert Settings().model_dump() == ref().model_dump()
    # arguments win over the environment, a nested dict merged key by key
    args = {"embedder": "st:/m", "upload": {"max_cols": 7}, "checker": {"max_indicators": 12}}
    assert Settings(**args).model_dump() == ref(**args).model_dump()


def test_settings_environment_values_are_converted_and_merged(monkeypatch):
    _set(monkeypatch, ENVIRONMENTS[2])
    s = Settings(upload={"max_cols": 7})
    assert (s.checker.max_indicators, s.checker.satisfaction_floor_pct) == (25, 70.0)
    assert (s.upload.max_rows, s.upload.max_cols, s.monitoring.red_below) == (10, 7, 0.5)
    _set(monkeypatch, ENVIRONMENTS[1])
    s = Settings()
    assert (str(s.home), s.embedder, s.progress, s.auth_required, s.max_request_bytes) == (
        "/srv/kb", "none", False, False, 123)


@pytest.mark.parametrize("var, value, loc", [("JIXIAO_MAX_REQUEST_BYTES", "abc", ("max_request_bytes",)),
                                             ("JIXIAO_CHECKER__MAX_INDICATORS", "x", ("checker", "max_indicators")),
                                             ("JIXIAO_REQUEST_THREADS", "0", ("request_threads",))])
def test_bad_setting_names_the_same_field(monkeypatch, var, value, loc):
    _set(monkeypatch, {var: value})
    ref = _ref_class({n: (f.annotation, f) for n, f in Settings.model_fields.items()})
    with pytest.raises(ValidationError) as ours:
        Settings()
    with pytest.raises(ValidationError) as theirs:
        ref()
    assert ours.value.errors()[0]["loc"] == theirs.value.errors()[0]["loc"] == loc


def test_nested_setting_that_is_no_json_names_its_variable(monkeypatch):
    # pydantic-settings raised its own SettingsError (a traceback from the CLI); the variable is named now
    _set(monkeypatch, {"JIXIAO_CHECKER": "max_indicators=3"})
    with pytest.raises(ConfigError, match="JIXIAO_CHECKER"):
        Settings()


def _run(code: str, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("JIXIAO_")}
    p = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode == 0, p.stderr
    return p.stdout.strip()


def test_cli_start_imports_no_pydantic_settings():
    code = ("import sys, kb.cli, kb.checker, kb.knowledge\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic_settings'))")
    assert _run(code) == "[]"


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
