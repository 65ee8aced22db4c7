"""The one progress bar of long steps (building the index, embedding): rate and time left, on stderr.

`progress_bar(description, total, enabled=...)` is a context manager
yielding `advance(n)`; the bar (rich) shows done/total, percentage, items
per second and the estimated time left, and draws nothing when disabled
(`Settings.progress`, JIXIAO_PROGRESS=false) or when stderr is not a
terminal. Like `kb.errors` and `kb.settings`, every layer may use it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_bar(description: str, total: int, *, enabled: bool = True, unit: str = "条",
                 console=None) -> Iterator[Callable[[int], None]]:
    """A progress bar for `total` items; yields `advance(n)`.

    `console`: a rich Console (default: stderr). Never raises for
    presentation reasons: a disabled bar is a no-op.
    """
    if not enabled or total <= 0:
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TaskProgressColumn,
                               TextColumn, TimeElapsedColumn, TimeRemainingColumn)
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task) -> Text:
            return Text(f"{task.speed:.1f} {unit}/秒" if task.speed else f"– {unit}/秒", style="progress.data.speed")

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
                   Rate(), TextColumn("剩余"), TimeRemainingColumn(), TextColumn("已用"), TimeElapsedColumn(),
                   console=console or Console(stderr=True), transient=False)
    with bar:
        task = bar.add_task(description, total=total)
        yield lambda n=1: bar.advance(task, n)
