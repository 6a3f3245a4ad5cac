"""Build hook: an editable install (``uv sync``, ``pip install -e``) compiles the package's bytecode.

A wheel install gets its bytecode from the installer (pip compiles by default; uv when asked with
``--compile-bytecode``). An editable install points at ``src/`` and no installer compiles that, so on a machine
that sets ``PYTHONDONTWRITEBYTECODE=1`` every run would compile reportlint's own modules again (about 90 ms of
a ``check``, benchmarks/README.md). This compiles them once, when the environment is synced, like an
installer would; a source file edited later is compiled in memory until the next sync.
"""

from __future__ import annotations

import compileall
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version != "editable":
            return
        package = Path(self.root) / "src" / "reportlint"
        try:
            compileall.compile_dir(str(package), quiet=2, workers=1)
        except OSError:  # a read-only checkout: runs still work, only slower
            return
