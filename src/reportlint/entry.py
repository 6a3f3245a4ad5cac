"""The console-script entry point: answers ``--version`` before the CLI (typer, click) is imported.

``reportlint --version`` is what install checks and CI scripts call most; importing :mod:`reportlint.cli`
costs about 40 ms of typer and click start-up that this path does not need (benchmarks/README.md).
"""

from __future__ import annotations

import sys

from reportlint import __version__


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        sys.stdout.write(f"reportlint {__version__}\n")
        return
    from reportlint.cli import main as cli_main

    cli_main()


__all__ = ["main"]
