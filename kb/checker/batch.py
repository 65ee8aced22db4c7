"""Check a batch of declarations in worker processes: the same reports as one by one, in input order.

`check_batch(decls, check, jobs)` runs `check` (any `Declaration -> CheckReport`,
e.g. the one `kb.knowledge.table_checker` returns) over a sequence of whole
declarations. With `jobs` > 1 on a system that forks (Linux), the first table is
checked here — loading the library and compiling the lexicons once — then
`jobs` - 1 worker processes are forked and the rest of the tables, cut into
contiguous chunks of whole declarations, are shared out: the workers are given
chunks from the start (two ahead each), this process takes them from the end,
until they meet. The workers
share this process's loaded library and caches copy-on-write (`gc.freeze()`
before forking keeps any collection from touching, and so copying, the
inherited objects); their reports come back pickled (compactly: `kb.checker.transfer`). Reports are returned in
input order, equal to checking serially (same findings, same rewrites: each
check reads only its own declaration and memo caches).

Serial when `jobs` == 1, when the batch is smaller than `min_tables(jobs)`
(forking, and pickling the reports back, cost more than they save there:
`MIN_TABLES_PER_PROCESS`, measured), or where fork is unavailable. `auto_jobs`
is what `--jobs auto` asks for: the idle cores, for a batch of `AUTO_MIN_TABLES`.

Errors: a check that raises, or a worker that dies (killed, out of memory),
is one `BatchError` (a `JixiaoError`: the CLI prints one line, exit 2) naming
the table; no partial result is returned. A `JixiaoError` raised by the check
keeps its own one-line text. Not for reading or writing tables (`kb.io`) or
for choosing `jobs` from the command line (`kb.cli.check`).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Sequence

from kb.checker import transfer
from kb.domain.findings import CheckReport
from kb.domain.schema import Declaration
from kb.errors import JixiaoError

# Below this many tables a process, forking costs more than it saves: the first table is checked alone, the
# pool starts (≈ 12 ms), each process copies the pages it writes (≈ 20 ms) and fills its own name caches. `jixiao
# check` of 8–24 real tables (dev.jsonl's first N), whole process, 2026-12-07 at load 3.7: 0.30–0.40 s with one
# process, 0.33–0.43 s with two, never less.
MIN_TABLES_PER_PROCESS = 8
# `--jobs auto` splits from this many tables: below it the work saved is about the work added. Measured at load
# 3.4–3.7 (2026-12-07; no core was idle, so wall times there are no guide): a second process adds ≈ 40 % CPU on
# tables whose names repeat (synthetic real-name tables: 50 → 133 / 191 ms, 100 → 194–210 / 265–322 ms, 400 →
# 527–549 / 715–733 ms), so on an idle core it saves (W − O) / 2 of the work W: ≈ 15 % of the check from here.
AUTO_MIN_TABLES = 100
# A chunk is this share of the tables left a process, so chunks shrink towards the end: there this process waits
# for what the workers hold (one chunk being checked, one queued). With 8 equal chunks a process that wait was
# ≈ 1 s of a 5.4 s batch (100,000 rows, library rewrites).
CHUNK_SHARE = 4
QUEUED_PER_WORKER = 2  # chunks given to a worker ahead (one it checks, one waiting), topped up after each table here

CheckFn = Callable[[Declaration], CheckReport]


class BatchError(JixiaoError):
    """A table of the batch could not be checked: its check raised, or a worker process died."""


_JOB: tuple[CheckFn, Sequence[Declaration]] | None = None  # what the forked workers inherit (nothing is pickled)


def can_fork() -> bool:
    """True where worker processes can be forked (Linux, the BSDs; not Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def min_tables(jobs: int) -> int:
    """The smallest batch `check_batch` splits over `jobs` processes (smaller ones are checked serially)."""
    return MIN_TABLES_PER_PROCESS * jobs


def auto_jobs(n_tables: int, cores: int | None = None, load: float | None = None) -> int:
    """The process count of `--jobs auto`: the idle cores (rounded; at least 1) for a batch of at least
    `AUTO_MIN_TABLES` tables; else 1.

    cores: the cores this process may run on (default: its CPU affinity); load: the 1-minute load average
    (default: `os.getloadavg()`), the cores other jobs keep busy. A 2-core machine at load 0.4 → 2; at load
    0.6 or more → 1: a second process adds 4–12 % CPU on distinct names and ≈ 40 % on names that repeat, which
    less than 1.5 idle cores does not repay; two processes sharing one free core with another job were slower
    than one in every run here.
    """
    if n_tables < AUTO_MIN_TABLES or not can_fork():
        return 1
    if cores is None:
        try:
            cores = len(os.sched_getaffinity(0))
        except AttributeError:  # not Linux
            cores = os.cpu_count() or 1
    if load is None:
        load = os.getloadavg()[0]
    return max(1, min(cores, int(cores - load + 0.5)))  # the idle cores, rounded


def table_label(decl: Declaration, index: int) -> str:
    """'第3张表（D003 某项目）': the table a message names (1-based, as the file counts records)."""
    name = " ".join(p for p in (decl.id or "", decl.project_name or "") if p)
    return f"第{index + 1}张表" + (f"（{name}）" if name else "")


def failure_error(decl: Declaration, index: int, exc: BaseException) -> BatchError:
    """The one-line error for a check that raised on `decl` (`index`: 0-based in the batch).

    A `JixiaoError` (bad input the check found) keeps its own text; anything else
    is a defect, reported with the table it happened on and the exception's type.
    """
    if isinstance(exc, JixiaoError):
        return BatchError(exc.one_line())
    detail = " ".join(str(exc).split()) or "无详情"
    return BatchError(f"{table_label(decl, index)}审核时出错（{type(exc).__name__}: {detail}），整批未完成；"
                      "请把这张表和本行信息反馈给维护人员")


def died_error(workers: int) -> BatchError:
    """The one-line error when one of `workers` worker processes died (killed, out of memory) before returning."""
    return BatchError(f"并行审核的工作进程（共 {workers} 个）意外退出（可能内存不足或被系统终止），整批未完成；"
                      "可改用 --jobs 1 在本进程内逐表审核")


def _check_range(bounds: tuple[int, int]) -> tuple[bool, object]:
    """In a worker: (True, reports of tables start..stop-1) or (False, (index, BatchError's text)) of a chunk."""
    check, decls = _JOB  # type: ignore[misc]
    out = []
    for i in range(*bounds):
        try:
            out.append(check(decls[i]))
        except Exception as e:  # noqa: BLE001 — mapped to one line, raised in the parent
            return False, (i, str(failure_error(decls[i], i, e)))
    return True, out


def _serial(decls: Sequence[Declaration], check: CheckFn, start: int = 0) -> list[CheckReport]:
    out = []
    for i in range(start, len(decls)):
        try:
            out.append(check(decls[i]))
        except Exception as e:
            raise failure_error(decls[i], i, e) from e
    return out


def _take(left: int, jobs: int) -> int:
    """How many of the `left` tables not given out yet the next chunk holds: a `CHUNK_SHARE`-th of a process's
    share, at least one."""
    return max(1, left // (jobs * CHUNK_SHARE))


def check_batch(decls: Sequence[Declaration], check: CheckFn, jobs: int = 1) -> list[CheckReport]:
    """`[check(d) for d in decls]`, over `jobs` processes (this one and `jobs` - 1 forked workers) when that pays.

    decls: the declarations (whole tables; never split). check: `Declaration -> CheckReport`,
    deterministic per declaration. jobs: processes that check, ≥ 1 (ValueError otherwise).
    Returns the reports in input order. Raises `BatchError` when a check raises or a worker
    dies (nothing is returned then). The garbage collector is off while the batch runs, here
    and in the workers: checking makes no reference cycles (none over 2,000 tables with library
    rewrites), so its walks were pure cost (7–15 % of a check's CPU); it is back on, as it was, at the end.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be >= 1, got {jobs}")
    collecting = gc.isenabled()
    gc.disable()
    try:
        if jobs == 1 or len(decls) < min_tables(jobs) or not can_fork():
            return _serial(decls, check)
        return _parallel(decls, check, jobs)
    finally:
        if collecting:
            gc.enable()


def _parallel(decls: Sequence[Declaration], check: CheckFn, jobs: int) -> list[CheckReport]:
    """This process checks the first table (loading what every check shares, once), forks `jobs` - 1
    workers, and checks tables from the end while the workers are given chunks from the start, two ahead.
    Chunks shrink as the tables left do (`_take`), so at the end nobody waits long for the others."""
    global _JOB
    first = _serial(decls[:1], check)
    was_frozen = gc.get_freeze_count() > 0
    gc.freeze()  # the inherited objects stay out of any collection a worker makes: their pages stay shared
    _JOB = (check, decls)
    done: dict[int, tuple[bool, object] | Future] = {}  # a chunk's first table → its outcome (or future)
    lo, hi = 1, len(decls)  # the tables not given out yet: the workers' from lo, this process's from hi
    try:
        with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=multiprocessing.get_context("fork"),
                                 initializer=transfer.install) as pool:
            ahead = QUEUED_PER_WORKER * (jobs - 1)
            out: list[Future] = []  # the workers' chunks not done yet

            def top_up() -> None:  # (never a cancel: a broken pool would then fail on the cancelled futures)
                nonlocal lo, out
                if len(out) >= ahead:
                    out = [f for f in out if not f.done()]
                while lo < hi and len(out) < ahead:
                    k = _take(hi - lo, jobs)
                    f = done[lo] = pool.submit(_check_range, (lo, lo + k))  # the workers fork at the first
                    out.append(f)
                    lo += k

            top_up()
            while lo < hi:
                a = hi - _take(hi - lo, jobs)
                stop, hi = hi, a
                part = []
                for i in range(a, stop):  # a failing table does not stop the others: the first one in
                    try:                  # input order is the one reported, as a serial check would
                        part.append(check(decls[i]))
                    except Exception as e:  # noqa: BLE001
                        done[a] = (False, (i, str(failure_error(decls[i], i, e))))
                        break
                    top_up()
                else:
                    done[a] = (True, part)
            results = first
            for a in sorted(done):
                got = done[a]
                ok, part = got.result() if isinstance(got, Future) else got
                if not ok:  # the first failing table in input order: the one a serial check stops at
                    raise BatchError(part[1])
                results.extend(part)
    except BrokenProcessPool as e:
        raise died_error(jobs - 1) from e
    finally:
        _JOB = None
        if not was_frozen:
            gc.unfreeze()
    return results
