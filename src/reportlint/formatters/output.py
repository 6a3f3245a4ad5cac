"""Writing output files safely: atomically, and never onto one of the run's inputs."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO


class OutputError(Exception):
    """An output path that must not be written (it is an input, or its folder does not exist)."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return a.samefile(b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def check_target(target: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]) -> Path:
    """The output path, after making sure it is not one of ``inputs`` and its folder exists."""
    out = Path(target)
    for src in inputs:
        if _same_file(out, Path(src)):
            raise OutputError(f"refusing to write {out}: it is an input file")
    if out.is_dir():
        raise OutputError(f"cannot write {out}: it is a directory")
    if not out.parent.is_dir():
        raise OutputError(f"cannot write {out}: folder {out.parent} does not exist")
    return out


@contextlib.contextmanager
def atomic_text_writer(target: str | os.PathLike[str]) -> Iterator[TextIO]:
    """A UTF-8 text stream on a temporary file next to ``target``, which replaces ``target`` on success.

    On an exception the temporary file is removed and ``target`` is left as it was.
    """
    out = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
        _publish(Path(tmp), out)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def write_bytes_atomic(target: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file, so a reader never sees half a file."""
    out = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        _publish(Path(tmp), out)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def _publish(tmp: Path, out: Path) -> None:
    mask = os.umask(0)
    os.umask(mask)
    tmp.chmod(0o666 & ~mask)  # mkstemp creates 0600; give the file the permissions a plain open() would
    tmp.replace(out)
