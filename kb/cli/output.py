"""The one output helper of the `jixiao` commands: JSON or a Chinese table, on stdout.

`print_json(obj)` writes one line of JSON (ensure_ascii off, pydantic models
dumped), the same shapes as the HTTP API; `print_table(title, columns, rows)`
a rich table for people. `console` / `err` are the stdout / stderr consoles
every command shares (like sqlite-utils' `output_options`). Not for
business logic.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

console = Console()
err = Console(stderr=True)


def print_json(obj: Any) -> None:
    """One line of JSON on stdout (pydantic models are dumped first)."""
    if hasattr(obj, "model_dump"):
        obj = obj.model_dump()
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def print_lines(lines: Iterable[str], *, empty: str = "（无）") -> None:
    """One line per item on stdout (tab-separated fields for shell pipes); `empty` on stderr when there are none."""
    n = 0
    for n, line in enumerate(lines, 1):
        sys.stdout.write(line + "\n")
    if not n:
        sys.stderr.write(empty + "\n")


def print_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], *,
                right: Sequence[str] = (), **table_kw: Any) -> None:
    """A rich table on stdout: `columns` headers, each row's cells shown as text; `right`: right-aligned columns."""
    t = Table(title=title, **table_kw)
    for c in columns:
        t.add_column(c, justify="right" if c in right else "left")
    for r in rows:
        t.add_row(*[str(x) for x in r])
    console.print(t)
