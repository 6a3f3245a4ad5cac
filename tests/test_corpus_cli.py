"""A CI-sized slice of the robustness corpus through the real CLI process (benchmarks/robustness.py runs it all).

Skipped when ../shared/corpus/robustness is absent. The run goes through ``python -m reportlint check`` with the
worker pool and a timeout, Python warnings on, and a ``sitecustomize`` that makes any socket connection or name
lookup fail and leave a mark: stderr must stay empty, nothing may touch the network, every file ends as findings
or as the expected contract error, and every input is byte-identical afterwards.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHARED

CORPUS = SHARED / "corpus" / "robustness"

EXPECTED: dict[str, str | None] = {
    # PDF: encryption, an empty user password, reference loops, a zero-byte and a text file named .pdf, a scan
    "pdfminer.six/aes-256.pdf": "encrypted",
    "tika/testPassword4Spaces.pdf": "encrypted",
    "pypdf/r3-empty-password.pdf": None,
    "pypdf/r5-owner-password.pdf": None,
    "qpdf/append-xref-loop.pdf": "unreadable",
    "qpdf/issue-149.pdf": "unreadable",
    "qpdf/issue-202.pdf": "unreadable",
    "pdfminer.six/issue-1113-evil-xobjects.pdf": "*",
    "qpdf/pages-loop.pdf": "*",
    "pdfplumber/empty.pdf": "unreadable",
    "tika/file7_badJson.pdf": "unreadable",
    "tika/testOCR.pdf": "no-text-layer",
    # .docx: Strict, an external entity, truncated and fuzzed zips, encrypted, a theme package named .docx
    "python-mammoth/strict-format.docx": None,
    "poi/ExternalEntityInText.docx": None,
    "poi/truncated62886.docx": "unreadable",
    "poi/clusterfuzz-testcase-minimized-POIXWPFFuzzer-4791943399604224.docx": "unreadable",
    "tika/testWORD_protected_passtika.docx": "encrypted",
    "poi/stress025.docx": "unreadable",
    # .doc and friends: binary Word, Word 2003 XML, WordPerfect, a text file named .odt
    "poi/Word95.doc": "unsupported-format",
    "tika/testWORDML_tableInsideParagraph.doc": "unsupported-format",
    "tika/testWordPerfect_42.doc": "unreadable",
    "tika/testODTnotaZipFile.odt": "unreadable",
}

NO_NETWORK = """
import socket, os

def _refuse(*args, **kwargs):
    with open(os.environ["REPORTLINT_TEST_NET_MARK"], "a", encoding="utf-8") as fh:
        fh.write(repr(args[1:] or args) + "\\n")
    raise OSError("network access during a lint run")

socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.getaddrinfo = _refuse
socket.create_connection = _refuse
"""

CLI = [sys.executable, "-m", "reportlint", "check", "--format", "json", "--no-progress"]

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/robustness is not present")


def test_corpus_slice_through_the_cli(tmp_path):
    files = [CORPUS / rel for rel in EXPECTED]
    missing = [str(f) for f in files if not f.is_file()]
    assert not missing, f"corpus files moved: {missing}"
    before = {f: hashlib.sha256(f.read_bytes()).hexdigest() for f in files}

    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(NO_NETWORK, encoding="utf-8")
    mark = tmp_path / "network.log"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        "PYTHONWARNINGS": "default",
        "REPORTLINT_TEST_NET_MARK": str(mark),
    }
    env.pop("REPORTLINT_STRICT", None)
    proc = subprocess.run(
        [*CLI, "--jobs", "2", "--timeout", "60", *map(str, files)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )
    assert proc.stderr == ""
    assert proc.returncode == 2  # some files cannot be read
    report = json.loads(proc.stdout)
    got = {Path(f["path"]).relative_to(CORPUS).as_posix(): f for f in report["files"]}
    assert list(got) == list(EXPECTED)
    for rel, want in EXPECTED.items():
        f = got[rel]
        err = f["error"]
        if err is not None:
            assert err["message"] and "\n" not in err["message"], rel
            assert not err["message"].startswith(("internal error", "the worker process crashed")), rel
            assert err["code"] != "timeout", rel
        if want == "*":
            continue
        assert (err or {}).get("code") == want, (rel, err)
        if want is None:
            assert f["format"] in ("pdf", "docx"), rel
    assert report["summary"]["files"] == len(EXPECTED)
    assert not mark.exists(), mark.read_text(encoding="utf-8")
    assert {f: hashlib.sha256(f.read_bytes()).hexdigest() for f in files} == before
