"""Every operation of /openapi.json fuzzed with schemathesis: no 5xx, documented status codes, documented bodies.

A bounded run for CI (a few examples per operation, key and generation
mode; the KB is built once per session): an admin key, a declarant key, a
unit admin's, a 财政 reviewer's and no key at all, inputs the schema allows and inputs it forbids. The longer
run (≥ 10,000 requests against a live `jixiao serve`) is
`python benchmarks/fuzz_bench.py`.
"""
from __future__ import annotations

import os

import pytest

from tests.fuzzing import fuzz
from tests.harness import copy_kb, create_key, jixiao_env, run_jixiao

schemathesis = pytest.importorskip("schemathesis")

EXAMPLES = int(os.environ.get("JIXIAO_FUZZ_EXAMPLES", "6"))


@pytest.fixture(scope="module")
def fuzz_app(shipped_settings, tmp_path_factory):
    """The app over a copy of the shipped KB with a fresh SQLite workflow DB, and keys of four roles."""
    from kb.settings import Settings
    from service.app import create_app

    home = tmp_path_factory.mktemp("fuzz")
    copy_kb(shipped_settings.resolved_kb_path(), home)
    env = jixiao_env(home)
    run_jixiao(["db", "upgrade"], env)
    keys = {"admin": create_key(env, "某县财政局", "admin"),
            "declarant": create_key(env, "某县教育局", "declarant"),
            "unit_admin": create_key(env, "某县教育局", "unit_admin"),
            "finance_reviewer": create_key(env, "某县财政局", "finance_reviewer"),
            "nokey": None}
    settings = Settings(home=home, embedder="none", progress=False)
    return create_app(settings), keys


def test_fuzzing_every_operation_finds_no_server_error_and_no_contract_mismatch(fuzz_app):
    app, keys = fuzz_app
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    report = fuzz(schema, keys, examples=EXAMPLES, seed=13)
    assert report.operations >= 30, report.summary()
    assert report.requests >= report.operations * len(keys), report.summary()
    lines = sorted({f.line() for f in report.failures})
    assert not lines, report.summary() + "\n" + "\n".join(lines[:60])
