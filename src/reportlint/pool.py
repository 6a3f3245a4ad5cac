"""Run one task per file in worker processes that can be killed: per-file timeouts and crash isolation.

``concurrent.futures.ProcessPoolExecutor`` cannot stop a task that hangs (a runaway parser, a regex that
backtracks for ever) and breaks the whole pool when a worker dies, so this module keeps its own small pool:
each worker is a process with a pipe; the parent hands out one path at a time, waits on the pipes and the
process sentinels, kills a worker whose file passed the deadline (and starts a fresh one for the rest of the
batch), and turns a worker that died (a segfault in a C extension, an out-of-memory kill) into a file-level
``unreadable`` result. Results come back in input order whatever the number of workers.

On Linux workers are forked, so they start in milliseconds with the parent's modules, packs and registry
already loaded; elsewhere they are spawned.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import sys
import time
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

import msgspec

from reportlint.findings import FileResult

Task = Callable[[str], FileResult]
"""Lints one path; must be a module-level function (it is pickled for spawned workers)."""
Failed = Callable[[str, str, str], FileResult]
"""Builds the result for a path that timed out or crashed: (path, error code, message)."""


def cpu_count() -> int:
    """CPUs this process may run on (the affinity mask where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _context() -> Any:
    if sys.platform == "linux":
        return mp.get_context("fork")
    return mp.get_context("spawn")


def limit_memory(max_bytes: int | None) -> None:
    """Cap this process's address space (POSIX ``RLIMIT_AS``); a no-op where the OS has no such limit.

    Past the cap an allocation raises :class:`MemoryError`, which the readers turn into ``too-large``.
    """
    if not max_bytes:
        return
    try:
        import resource

        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = max_bytes if hard == resource.RLIM_INFINITY else min(max_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, AttributeError, ValueError, OSError):
        return


def _worker_main(conn: Connection, task: Task, max_memory: int | None = None) -> None:
    """Worker loop: receive ``(index, path)``, send ``(index, result)``; ``None`` ends the loop."""
    if hasattr(signal, "SIGINT"):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    limit_memory(max_memory)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        index, path = job
        result = task(path)
        try:
            conn.send((index, result))
        except (BrokenPipeError, OSError):
            return
        except Exception as exc:  # a result that does not pickle: say so instead of dying
            conn.send((index, f"the result could not be passed back ({_one_line(exc)})"))


class _Worker(msgspec.Struct):
    proc: BaseProcess
    conn: Connection
    job: int | None = None
    deadline: float | None = None


def _signal_name(exitcode: int | None) -> str:
    if exitcode is None:
        return "without an exit status"
    if exitcode < 0:
        try:
            return f"killed by signal {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit status {exitcode}"


class Pool:
    """A fixed number of killable worker processes running ``task`` over paths.

    ``max_memory`` (bytes) caps each worker's address space where the OS allows it (see :func:`limit_memory`).
    """

    def __init__(
        self, task: Task, failed: Failed, workers: int, timeout: float | None, max_memory: int | None = None
    ) -> None:
        self.task = task
        self.max_memory = max_memory
        self.failed = failed
        self.size = max(1, workers)
        self.timeout = timeout
        self.ctx = _context()
        self.workers: list[_Worker] = []

    def _start(self) -> _Worker:
        parent, child = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(target=_worker_main, args=(child, self.task, self.max_memory), daemon=True)
        proc.start()
        child.close()
        w = _Worker(proc, parent)
        self.workers.append(w)
        return w

    def _retire(self, w: _Worker, *, kill: bool) -> None:
        if kill and w.proc.is_alive():
            w.proc.kill()
        w.proc.join(5)
        w.conn.close()
        self.workers.remove(w)

    def _close(self) -> None:
        """Ask idle workers to exit; kill busy ones (the run is over or was interrupted)."""
        for w in list(self.workers):
            if w.job is None:
                with contextlib.suppress(BrokenPipeError, OSError):
                    w.conn.send(None)
            else:
                w.proc.kill()
        for w in list(self.workers):
            w.proc.join(2)
            self._retire(w, kill=True)

    def run(
        self, paths: list[str], on_result: Callable[[int, FileResult], None] | None = None
    ) -> list[FileResult]:
        results: list[FileResult | None] = [None] * len(paths)
        queue = list(range(len(paths)))
        queue.reverse()  # pop() from the end hands out paths in input order

        def done(index: int, result: FileResult) -> None:
            results[index] = result
            if on_result is not None:
                on_result(index, result)

        try:
            while queue or any(w.job is not None for w in self.workers):
                # Hand out work; replace workers that were retired while work remains.
                while queue and len(self.workers) < min(self.size, len(paths)):
                    self._start()
                for w in self.workers:
                    if w.job is None and queue:
                        index = queue.pop()
                        try:
                            w.conn.send((index, paths[index]))
                        except (BrokenPipeError, OSError):
                            queue.append(index)
                            self._retire(w, kill=True)
                            break
                        w.job = index
                        w.deadline = None if self.timeout is None else time.monotonic() + self.timeout
                busy = [w for w in self.workers if w.job is not None]
                if not busy:
                    continue
                deadlines = [w.deadline for w in busy if w.deadline is not None]
                wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
                ready = wait([x for w in busy for x in (w.conn, w.proc.sentinel)], wait_for)
                now = time.monotonic()
                for w in busy:
                    job = w.job
                    assert job is not None
                    if w.conn in ready:
                        try:
                            got_index, result = w.conn.recv()
                        except (EOFError, OSError):
                            w.proc.join(1)
                            done(job, self._crashed(paths[job], w))
                            self._retire(w, kill=True)
                            continue
                        except Exception as exc:  # a result that does not unpickle
                            done(job, self.failed(paths[job], "unreadable", _one_line(exc)))
                            self._retire(w, kill=True)
                            continue
                        w.job = w.deadline = None
                        if isinstance(result, str):
                            result = self.failed(paths[got_index], "unreadable", result)
                        done(got_index, result)
                    elif w.proc.sentinel in ready:
                        w.proc.join(1)
                        done(job, self._crashed(paths[job], w))
                        self._retire(w, kill=True)
                    elif w.deadline is not None and now >= w.deadline:
                        self._retire(w, kill=True)
                        done(
                            job,
                            self.failed(
                                paths[job],
                                "timeout",
                                f"reading and checking took longer than the --timeout of {self.timeout:g} s",
                            ),
                        )
        finally:
            self._close()
        return [r for r in results if r is not None]

    def _crashed(self, path: str, w: _Worker) -> FileResult:
        how = _signal_name(w.proc.exitcode)
        return self.failed(path, "unreadable", f"the worker process crashed on this file ({how})")


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


__all__ = ["Pool", "cpu_count"]
