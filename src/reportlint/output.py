"""Writing result files: atomically, and never onto one of the inputs."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from reportlint.errors import UsageError


def check_not_input(target: Path, inputs: Iterable[str], option: str = "--output") -> None:
    """Refuse to write ``target`` when it is one of the files being linted, or has no directory (exit 2)."""
    parent = target.parent if str(target.parent) else Path()
    if not parent.is_dir():
        raise UsageError(f"{option} {str(target)!r}: the directory {str(parent)!r} does not exist")
    if target.is_dir():
        raise UsageError(f"{option} {str(target)!r} is a directory")
    try:
        t = target.resolve()
    except OSError:
        return
    for f in inputs:
        p = Path(f)
        try:
            same = p.resolve() == t or (t.exists() and p.exists() and p.samefile(t))
        except OSError:
            same = False
        if same:
            raise UsageError(f"{option} {str(target)!r} is one of the input files; refusing to overwrite it")


def atomic_write(target: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to a temporary file beside ``target`` and rename it into place.

    A reader never sees half a file; on an error the temporary file is removed and ``target`` left as it was.
    """
    target = Path(target)
    directory = target.parent if str(target.parent) else Path()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        umask = os.umask(0)
        os.umask(umask)
        Path(tmp).chmod(0o666 & ~umask)  # mkstemp makes it 0600; give it the mode a plain open() would
        raw = data.encode("utf-8") if isinstance(data, str) else data
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


__all__ = ["atomic_write", "check_not_input"]
