"""The progress bar on stderr while a batch runs (only when stderr is a terminal)."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, TextIO

from reportlint.findings import FileResult

if TYPE_CHECKING:
    from rich.progress import Progress


class BatchProgress:
    """``with BatchProgress(total, sys.stderr) as p: … p.advance(index, result)``; silent when not a TTY.

    The bar is refreshed by hand (no refresh thread), so worker processes are never forked while a thread of
    ours holds a lock.
    """

    def __init__(self, total: int, stream: TextIO, *, enabled: bool | None = None) -> None:
        self.enabled = (stream.isatty() and total > 1) if enabled is None else enabled
        self.progress: Progress | None = None
        if self.enabled:
            # rich is loaded only when there is a bar to draw (it costs ~60 ms of start-up otherwise)
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.progress = Progress(
                TextColumn("reportlint"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}", style="dim"),
                console=Console(file=stream, force_terminal=True if enabled else None),
                auto_refresh=False,
                transient=True,
            )
            self.task = self.progress.add_task("", total=total)

    def __enter__(self) -> BatchProgress:
        if self.progress is not None:
            self.progress.start()
        return self

    def advance(self, _index: int, result: FileResult) -> None:
        if self.progress is not None:
            self.progress.update(self.task, advance=1, description=result.path[-40:])
            self.progress.refresh()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.progress is not None:
            self.progress.stop()
