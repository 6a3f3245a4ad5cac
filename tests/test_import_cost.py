"""Start-up stays lean: the modules a path does not need are not imported (benchmarks/README.md).

No timings here (they are machine-dependent): each test runs a fresh interpreter and looks at ``sys.modules``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys, json\nsys.__stdout__.write('\\n' + json.dumps(sorted(sys.modules)))\n"
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def test_version_does_not_import_the_cli():
    mods = _modules_after(
        "import sys\nsys.argv = ['reportlint', '--version']\nfrom reportlint.entry import main\nmain()"
    )
    assert "reportlint.cli" not in mods
    assert "typer" not in mods
    assert "rich" not in mods


def test_version_output():
    out = subprocess.run(
        [sys.executable, "-m", "reportlint", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    from reportlint import __version__

    assert out.stdout == f"reportlint {__version__}\n"


def test_json_check_loads_no_rich_no_pydantic_no_office_readers():
    code = (
        "import sys\n"
        "sys.argv = ['reportlint', 'check', '--format', 'json', '--timeout', '0', 'examples/clean.txt']\n"
        "from reportlint.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
    )
    mods = _modules_after(code)
    assert "reportlint.checks" in mods  # the probe really ran a check
    for heavy in ("rich", "pydantic", "docx", "pdfplumber", "pdfminer", "jieba"):
        assert heavy not in mods, heavy


def test_text_check_on_a_pipe_loads_no_rich():
    code = (
        "import sys\n"
        "sys.argv = ['reportlint', 'check', '--timeout', '0', 'examples/clean.txt']\n"
        "from reportlint.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
    )
    mods = _modules_after(code)
    assert "reportlint.formatters.text" in mods  # the probe really printed the text report
    assert "rich" not in mods
    # fingerprints and the pack cache hash with CPython's built-in SHA-256; hashlib would load OpenSSL (~3 ms)
    assert "hashlib" not in mods
    # data classes are msgspec Structs: the dataclasses module generates code per class at import
    assert "dataclasses" not in mods


def test_progress_bar_off_loads_no_rich():
    mods = _modules_after(
        "import io\nfrom reportlint.formatters.progress import BatchProgress\n"
        "with BatchProgress(3, io.StringIO()) as p:\n    pass"
    )
    assert "rich" not in mods
    assert "rich.progress" not in mods


def test_json_probe_output_is_a_report():
    out = subprocess.run(
        [sys.executable, "-m", "reportlint", "check", "--format", "json", "examples/clean.txt"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert json.loads(out.stdout)["summary"]["files"] == 1


def test_sha256_hex_is_sha256():
    import hashlib

    from reportlint.textutil import sha256_hex

    for data in (b"", b"abc", "二〇二四年".encode()):
        assert sha256_hex(data) == hashlib.sha256(data).hexdigest()
