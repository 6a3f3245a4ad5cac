"""Parse a pack's YAML once per content: the parsed form is cached, keyed by the SHA-256 of the file's bytes.

Importing PyYAML and building its loader costs more than a small ``check`` spends linting (issue 13), and the
packs change only when a user edits one. The first load of a given content parses it with PyYAML (the C
``CSafeLoader`` when libyaml is there) and stores the result as msgpack in the user's cache folder; later
loads decode that (no PyYAML import). The cache only ever holds parsed data (plain lists, dicts, strings,
numbers) that round-trips exactly; anything else is parsed every time.

Where: ``$REPORTLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/reportlint``, else ``~/.cache/reportlint``
(``%LOCALAPPDATA%\\reportlint`` on Windows), in a ``packs`` sub-folder; never next to the input or the pack.
``REPORTLINT_CACHE_DIR=off`` (or an unwritable folder, a corrupt or foreign entry) just means parsing as
before: the cache is an optimisation, never a source of errors.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import msgspec

from reportlint.textutil import sha256_hex

_FORMAT = b"reportlint-pack-yaml-1"
"""Part of the key: bump it when what is cached changes."""


def cache_dir() -> Path | None:
    """The folder of cached packs (None: caching is off)."""
    env = os.environ.get("REPORTLINT_CACHE_DIR")
    if env is not None:
        if env.strip().lower() in ("", "off", "0", "no", "false"):
            return None
        return Path(env) / "packs"
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "reportlint" / "packs"
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "reportlint" / "packs"
    try:
        return Path.home() / ".cache" / "reportlint" / "packs"
    except (RuntimeError, KeyError, OSError):  # no home directory (HOME unset, no passwd entry)
        return None


def _parse(raw: bytes) -> Any:
    import yaml

    return yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def load_yaml(raw: bytes) -> Any:
    """``yaml.safe_load(raw)``, through the cache. Raises what PyYAML raises for invalid YAML."""
    folder = cache_dir()
    if folder is None:
        return _parse(raw)
    entry = folder / f"{sha256_hex(_FORMAT + raw)}.msgpack"
    try:
        return msgspec.msgpack.decode(entry.read_bytes())
    except (OSError, msgspec.DecodeError, ValueError):
        pass
    data = _parse(raw)
    _store(entry, data)
    return data


def _store(entry: Path, data: Any) -> None:
    import tempfile  # here: a run that finds its packs in the cache writes nothing (~1 ms of imports)

    try:
        blob = msgspec.msgpack.encode(data)
        if msgspec.msgpack.decode(blob) != data or not _plain(data):
            return
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".msgpack")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            Path(tmp).replace(entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, TypeError, ValueError, msgspec.EncodeError, msgspec.DecodeError):
        return


def _plain(data: Any) -> bool:
    """Only the types YAML's core schema gives and msgpack keeps as they are."""
    if data is None or isinstance(data, bool | int | float | str):
        return True
    if isinstance(data, list):
        return all(_plain(x) for x in data)
    if isinstance(data, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in data.items())
    return False


__all__ = ["cache_dir", "load_yaml"]
