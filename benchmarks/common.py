"""What the benchmarks share: percentiles, the machine line, CPU burners, whole-process timing, KB set-up.

Every benchmark prints `machine_line()` first (date, cores, load average at
the start): on a shared machine a figure means little without the load it
was taken under, and comparisons are made in one run (ratios). Only the
standard library and the project itself are used.
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
PYTHON = sys.executable
JIXIAO = str(Path(sys.executable).with_name("jixiao"))


def pct(xs: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of `xs`."""
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def median(xs: list[float]) -> float:
    """The median of `xs`."""
    return pct(xs, 50)


def machine_line() -> str:
    """`date, N cores, load average a / b / c` — printed before every table."""
    one, five, fifteen = os.getloadavg()
    return (f"{time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
            f"load average at start {one:.2f} / {five:.2f} / {fifteen:.2f}")


_BURN = "import time\nend = time.time() + {s}\nwhile time.time() < end:\n    pass\n"


@contextmanager
def busy(n: int, seconds: float = 3600):
    """`n` processes spinning on the CPU for the duration (contention like a busy shared server)."""
    procs = [subprocess.Popen([PYTHON, "-c", _BURN.format(s=seconds)]) for _ in range(n)]
    try:
        time.sleep(0.5 if n else 0)
        yield procs
    finally:
        for p in procs:
            p.kill()
            p.wait()


def run_timed(cmd: list[str], env: dict | None = None) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of the process and its children, exit code) of one whole-process run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    rc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, rc


def bench_env(home: Path, **extra: str) -> dict:
    """The environment of a benchmark's CLI calls: KB under `home`, no progress bars, byte-code kept."""
    env = dict(os.environ, JIXIAO_HOME=str(home), JIXIAO_PROGRESS="false")
    env.pop("JIXIAO_KB_PATH", None)
    # as on a user's machine, Python keeps the compiled modules it writes (a shell that forbids that
    # makes every command compile the project's sources again: ≈ 0.2 s of CPU per call)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    return env


def build_shipped(home: Path, **extra: str) -> dict:
    """Build the shipped libraries and corpora into `home` (the package's vectors make it quick); its env."""
    env = bench_env(home, **extra)
    subprocess.run([JIXIAO, "build"], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return env


def rss_mb(pid: int) -> tuple[float, float]:
    """(current RSS, peak RSS) of a running process in MB (Linux /proc)."""
    cur = peak = 0.0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            cur = int(line.split()[1]) / 1024
        elif line.startswith("VmHWM:"):
            peak = int(line.split()[1]) / 1024
    return cur, peak


def dev_descriptions() -> list[tuple[str, str]]:
    """(project name, description) of the real tables of ../shared/data/declarations/dev.jsonl."""
    import json

    path = SHARED / "declarations" / "dev.jsonl"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            out.append((r.get("project") or "", r.get("description") or ""))
    return out
