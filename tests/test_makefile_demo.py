"""`make demo` shows the login key where its message says it is (a reviewer looked one line too high)."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _demo_recipe() -> str:
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    start = lines.index(next(x for x in lines if x.startswith("demo:")))
    body = []
    for x in lines[start + 1:]:
        if not x.startswith("\t") and not (body and body[-1].endswith("\\")):
            break
        body.append(x)
    return "\n".join(body)


def test_demo_prints_the_key_on_the_line_that_names_it(tmp_path):
    recipe = _demo_recipe()
    assert "上面一行" not in recipe
    commands = recipe.replace("\\\n\t", " ").split("\n")  # one line per shell command, continuations joined
    key_part = next(x for x in commands if "create-key" in x)
    # run the key step as make would, with a stand-in for the CLI that prints like `jixiao admin create-key`
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "jixiao").write_text("#!/bin/sh\necho '已为 示例单位 创建 admin 密钥（id 1）。' >&2\necho jx_secret_123\n")
    (fake / "jixiao").chmod(0o755)
    script = key_part.strip().lstrip("@").replace("$(BIN)", str(fake)).replace("$$", "$")
    out = subprocess.run(["sh", "-c", script], capture_output=True, text=True, env={**os.environ}, check=True).stdout
    last = out.strip().splitlines()[-1]
    assert "jx_secret_123" in last and "密钥" in last


def test_demo_stops_first_with_a_chinese_line_when_its_port_is_taken():
    """A fresh user ran `make demo PORT=8018` beside a running demo: it installed, built, suggested and made a
    key that could never be used, then stopped on uvicorn's English "address already in use". `port-free` runs
    before anything else and says what to do in Chinese."""
    import socket

    assert _demo_recipe() is not None
    demo_line = next(x for x in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines() if x.startswith("demo:"))
    assert demo_line.split(":", 1)[1].split()[0] == "port-free"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        taken = subprocess.run(["make", "-s", "-C", str(ROOT), "port-free", f"PORT={port}"],
                               capture_output=True, text=True)
    assert taken.returncode != 0
    assert f"端口 {port} 已被占用" in taken.stderr and "make demo PORT=" in taken.stderr
    free = subprocess.run(["make", "-s", "-C", str(ROOT), "port-free", f"PORT={port}"], capture_output=True, text=True)
    assert free.returncode == 0, free.stderr
