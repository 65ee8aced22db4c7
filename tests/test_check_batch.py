"""A batch of declarations checked over worker processes (`kb.checker.batch`, `jixiao check --jobs N`).

The reports must be the ones a serial check gives, in input order, on every real table of
../shared/data/declarations/dev.jsonl (library rewrites and citations included: the workers open their own
connection to the KB file); a table whose check raises, or a worker that dies, must end the batch with one
Chinese line (CLI exit 2) and no file of `--out` written; a bad `--jobs` is one line too.
"""
from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kb.checker import batch
from kb.checker.batch import AUTO_MIN_TABLES, BatchError, auto_jobs, check_batch, failure_error, min_tables
from kb.domain.schema import Declaration
from kb.errors import DataError
from kb.io.tables import read_tables
from kb.knowledge import KnowledgeBase
from tests.kbfactory import built_shipped

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
DEV = SHARED / "declarations" / "dev.jsonl"
pytestmark = [pytest.mark.skipif(not SHARED.exists(), reason="../shared/data not present"),
              pytest.mark.skipif(not batch.can_fork(), reason="worker processes need fork")]


@pytest.fixture(scope="module")
def dev_tables() -> list[Declaration]:
    return read_tables(DEV)


@pytest.fixture(scope="module")
def cited_kb(tmp_path_factory) -> KnowledgeBase:
    """The shipped library and corpora: rewrites come from the library and findings carry citations."""
    return KnowledgeBase(built_shipped(tmp_path_factory.mktemp("batch"), REPO / "corpora"))


def _dumps(reports) -> list[str]:
    return [r.model_dump_json() for r in reports]


def test_two_workers_give_the_serial_reports_on_all_of_dev(cited_kb, dev_tables):
    assert len(dev_tables) >= min_tables(2)  # else the batch would not be split
    serial = _dumps(check_batch(dev_tables, cited_kb.check, 1))
    parallel = _dumps(check_batch(dev_tables, cited_kb.check, 2))
    assert parallel == serial
    reports = [json.loads(x) for x in serial]
    # the comparison means something: library rewrites and citations are in it
    assert sum(len(r["findings"]) for r in reports) > 500
    assert any(f["citation"] for r in reports for f in r["findings"])
    assert sum(1 for r in reports for f in r["findings"] if f["suggestion"]) > 200


def test_generic_rewrites_in_workers_equal_serial(dev_tables):
    from kb.checker import check_declaration

    assert _dumps(check_batch(dev_tables, check_declaration, 2)) == _dumps(check_batch(dev_tables, check_declaration, 1))


def _where(decl: Declaration) -> tuple[str, int]:
    return decl.id, os.getpid()


def test_order_is_kept_and_workers_do_the_checking(dev_tables):
    got = check_batch(dev_tables, _where, 2)
    assert [i for i, _ in got] == [d.id for d in dev_tables]
    here = os.getpid()
    where = ["here" if p == here else "worker" for _, p in got]
    assert len({p for _, p in got}) == 2  # this process and one worker
    # the first table here (it loads what the worker shares); the worker from the start, this process from the end
    n_worker = where.count("worker")
    assert n_worker >= 1 and where == ["here"] + ["worker"] * n_worker + ["here"] * (len(got) - 1 - n_worker)
    assert gc.get_freeze_count() == 0 and gc.isenabled()  # the collector as it was before


def test_a_small_batch_or_one_job_stays_in_this_process(dev_tables):
    small = dev_tables[:min_tables(2) - 1]
    assert {p for _, p in check_batch(small, _where, 2)} == {os.getpid()}
    assert {p for _, p in check_batch(dev_tables, _where, 1)} == {os.getpid()}
    with pytest.raises(ValueError):
        check_batch(dev_tables, _where, 0)


def test_auto_uses_the_idle_cores_for_a_big_batch():
    assert auto_jobs(AUTO_MIN_TABLES, cores=2, load=0.3) == 2
    assert auto_jobs(AUTO_MIN_TABLES - 1, cores=2, load=0.0) == 1  # dev.jsonl's 85 tables: one process
    assert auto_jobs(1000, cores=2, load=1.2) == 1  # another job on a core: two on the free one were slower
    assert auto_jobs(1000, cores=4, load=1.4) == 3
    assert auto_jobs(1000, cores=2, load=7.0) == 1


def _position(decl: Declaration) -> tuple[int, int]:
    return int(decl.project_name), os.getpid()


@pytest.mark.parametrize("jobs", [2, 3])
def test_every_table_once_in_order_however_the_chunks_fall(jobs):
    decls = [Declaration(project_name=str(i)) for i in range(1000)]
    got = check_batch(decls, _position, jobs)
    assert [i for i, _ in got] == list(range(1000))
    pids = {p for _, p in got}
    assert os.getpid() in pids and 2 <= len(pids) <= jobs


IN_WORKER = 2  # in the first chunk, which the worker takes first (this process takes chunks from the end)


def _raising_on(target: str):
    def check(decl: Declaration):
        if decl.id == target:
            return {}["缺少的键"]  # a defect: KeyError
        return decl.id
    return check


@pytest.mark.parametrize("where", ["worker", "here"])
def test_a_check_that_raises_is_one_line_naming_the_table(dev_tables, where):
    i = IN_WORKER if where == "worker" else len(dev_tables) - 1
    check = _raising_on(dev_tables[i].id)
    with pytest.raises(BatchError) as par:
        check_batch(dev_tables, check, 2)
    with pytest.raises(BatchError) as ser:
        check_batch(dev_tables, check, 1)
    msg = str(par.value)
    assert msg == str(ser.value) == str(failure_error(dev_tables[i], i, KeyError("缺少的键")))
    assert msg.startswith(f"第{i + 1}张表（{dev_tables[i].id} {dev_tables[i].project_name}）审核时出错（KeyError")
    assert "\n" not in msg


def test_an_input_error_keeps_its_own_line():
    e = failure_error(Declaration(project_name="某项目"), 2, DataError("预算金额不是数字", field="budget"))
    assert str(e) == "budget: 预算金额不是数字"


def _dying_on(target: str):
    def check(decl: Declaration):
        if decl.id == target:
            os._exit(3)  # a worker killed mid-batch (out of memory, kill -9)
        return decl.id
    return check


def test_a_worker_that_dies_is_one_line(dev_tables):
    with pytest.raises(BatchError) as e:
        check_batch(dev_tables, _dying_on(dev_tables[IN_WORKER].id), 2)
    assert "工作进程（共 1 个）意外退出" in str(e.value) and "--jobs 1" in str(e.value)


def test_cli_worker_death_writes_nothing_and_exits_2(dev_tables, tmp_path, monkeypatch, capsys, shipped_settings):
    """End to end in this process: `jixiao check dev.jsonl --jobs 2 --out` with a worker that dies on a table."""
    import kb.cli
    import kb.knowledge

    real = kb.knowledge.table_checker

    def dying_checker(settings=None, *, library=True):
        check, lib = real(shipped_settings, library=library)
        dying = _dying_on(dev_tables[IN_WORKER].id)
        return (lambda d: dying(d) and check(d)), lib

    monkeypatch.setattr(kb.knowledge, "table_checker", dying_checker)
    out = tmp_path / "out" / "t.xlsx"
    out.parent.mkdir()
    monkeypatch.setattr(sys, "argv", ["jixiao", "check", str(DEV), "--jobs", "2", "--out", str(out)])
    with pytest.raises(SystemExit) as ex:
        kb.cli.main()
    assert ex.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("错误: 并行审核的工作进程（共 1 个）意外退出") and "\n" not in err
    assert list(out.parent.iterdir()) == []  # nothing half-written


def run(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "JIXIAO_HOME": str(home), "JIXIAO_PROGRESS": "false", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "kb.cli", *args], capture_output=True, text=True, env=env,
                          cwd=REPO, timeout=300)


def test_cli_jobs_2_prints_what_jobs_1_prints(home):
    one, two, auto = (run(home, "check", str(DEV), "--json", "--jobs", j) for j in ("1", "2", "auto"))
    assert one.returncode == two.returncode == auto.returncode == 1  # dev.jsonl has error-level findings
    assert two.stdout == one.stdout == auto.stdout
    assert len(json.loads(one.stdout)["tables"]) == len(read_tables(DEV))
    text1, text2 = (run(home, "check", str(DEV), "--jobs", j) for j in ("1", "2"))
    assert text2.stdout == text1.stdout and "共审核 85 张表" in text1.stdout


def test_cli_fix_out_with_two_jobs_writes_every_table(home, tmp_path):
    import openpyxl

    outs = {}
    for j in ("1", "2"):
        d = tmp_path / f"out{j}"
        d.mkdir()
        r = run(home, "check", str(DEV), "--fix", "--out", str(d / "t.xlsx"), "--jobs", j)
        assert r.returncode in (0, 1), r.stderr
        outs[j] = {p.name: [[c.value for c in row] for ws in openpyxl.load_workbook(p) for row in ws.iter_rows()]
                   for p in sorted(d.iterdir())}
    assert len(outs["1"]) == len(read_tables(DEV)) and outs["2"] == outs["1"]


@pytest.mark.parametrize("bad", ["0", "-1", "abc"])
def test_cli_bad_jobs_is_one_chinese_line(home, bad):
    r = run(home, "check", str(DEV), "--jobs", bad)
    assert r.returncode == 2
    assert r.stderr.strip() == f"错误: --jobs: 须为正整数或 auto，而不是 '{bad}'"
    assert r.stdout == ""


def test_cli_help_states_the_thresholds(home):
    from kb.checker.batch import MIN_TABLES_PER_PROCESS

    r = run(home, "check", "--help")
    text = "".join(ch for ch in r.stdout if ch not in "│ \n")  # rich wraps the help in a box
    assert f"满{AUTO_MIN_TABLES}张表" in text and f"至少分到{MIN_TABLES_PER_PROCESS}张表" in text
