"""Reports sent back from a batch's worker process compactly (`kb.checker.transfer`), equal to the serial ones.

The worker pickles a finding as its field dict alone and the receiving process rebuilds it sharing the checker's
set of fields (the default pydantic pickling sends a four-entry state and a fresh set per finding); the rebuilt
reports must dump byte for byte as a serial check's, on every real table of ../shared/data/declarations/dev.jsonl.
"""
from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from kb.checker import batch, check_declaration, transfer
from kb.checker.batch import check_batch
from kb.checker.engine import _FINDING_FIELDS
from kb.domain.findings import CheckFinding, CheckReport, Suggestion, construct
from kb.io.tables import read_tables

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "declarations" / "dev.jsonl"
pytestmark = [pytest.mark.skipif(not DEV.exists(), reason="../shared/data not present"),
              pytest.mark.skipif(not batch.can_fork(), reason="worker processes need fork")]


def _checked_where(decl):
    """A report plus the process that checked it."""
    return check_declaration(decl), os.getpid()


def test_worker_reports_are_rebuilt_sharing_the_checkers_field_set_and_equal_serial():
    tables = read_tables(DEV)
    serial = check_batch(tables, check_declaration, 1)
    got = check_batch(tables, _checked_where, 2)
    from_worker = [r for r, pid in got if pid != os.getpid()]
    assert len(from_worker) >= 10 and sum(len(r.findings) for r in from_worker) > 100
    # rebuilt by rebuild_finding: the same set object as a serial finding (default pickling: a new set each time)
    assert all(f.__pydantic_fields_set__ is _FINDING_FIELDS for r in from_worker for f in r.findings)
    assert [r.model_dump_json() for r, _ in got] == [r.model_dump_json() for r in serial]
    for (r, _), s in zip(got, serial):
        assert list(r.__dict__) == list(s.__dict__) and r.summary == s.summary
        for f, g in zip(r.findings, s.findings):
            assert list(f.__dict__) == list(g.__dict__)
            if g.suggestion is not None:
                assert f.suggestion.__dict__ == g.suggestion.__dict__
                assert f.suggestion.__pydantic_fields_set__ == g.suggestion.__pydantic_fields_set__


def test_reduction_round_trip_keeps_every_field_and_the_fields_set():
    sug = construct(Suggestion, value="90", text="改为 ≥90%")
    rep = check_declaration(read_tables(DEV)[0])
    for obj in (sug, rep, rep.findings[0]):
        fn, args = transfer.reduce_model(obj)
        back = fn(*pickle.loads(pickle.dumps(args)))  # what the receiving process does with the pickled args
        assert type(back) is type(obj) and back.__dict__ == obj.__dict__
        assert back.__pydantic_fields_set__ == obj.__pydantic_fields_set__
        assert back.model_dump_json() == obj.model_dump_json()
    assert transfer.reduce_model(rep.findings[0])[0] is transfer.rebuild_finding
    # a finding whose set of fields is its own (not the checker's) keeps it
    own = CheckFinding(rule_id="X", severity="info", scope="table", message="m", basis="b", dimension="relevance")
    fn, args = transfer.reduce_model(own)
    assert fn is transfer.rebuild and fn(*args).__pydantic_fields_set__ == own.__pydantic_fields_set__
    assert isinstance(transfer.rebuild(CheckReport, {"findings": [], "summary": {}}, set()), CheckReport)
