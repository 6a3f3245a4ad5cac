"""Batches in worker processes: timeouts stop runaway files, crashes stay file-level, order and output are stable."""

from __future__ import annotations

import faulthandler
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import reportlint.api as api
from ci_helpers import copy_fixtures
from reportlint.api import Settings, collect_files, lint_paths

linux_only = pytest.mark.skipif(
    sys.platform != "linux", reason="the test patches code inherited by forked workers"
)


def _misbehaving(orig):
    def fake(path, settings=None):
        name = Path(path).name
        if name.startswith("hang"):
            time.sleep(600)
        if name.startswith("segv"):
            faulthandler.disable()  # pytest's handler would dump the worker's stack on stderr
            os.kill(os.getpid(), signal.SIGSEGV)
        if name.startswith("bug"):
            raise RuntimeError("broken check\nwith a second line")
        return orig(path, settings)

    return fake


@linux_only
@pytest.mark.parametrize("jobs", [1, 2])
def test_timeout_and_crash_are_file_errors_and_the_batch_goes_on(tmp_path, monkeypatch, jobs):
    good = copy_fixtures(tmp_path)
    for name in ("hang.txt", "segv.txt", "bug.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    order = [good[0], tmp_path / "hang.txt", tmp_path / "segv.txt", tmp_path / "bug.txt", good[1]]
    monkeypatch.setattr(api, "lint_file", _misbehaving(api.lint_file))
    run = lint_paths([str(p) for p in order], Settings(), jobs=jobs, timeout=0.5)
    assert [r.path for r in run.files] == [str(p) for p in order]
    errors = [r.error for r in run.files]
    assert errors[0] is None and errors[4] is None
    assert run.files[0].findings and run.files[4].findings
    assert errors[1] is not None and errors[1][0] == "timeout"
    assert errors[2] is not None and errors[2][0] == "unreadable" and "SIGSEGV" in errors[2][1]
    assert errors[3] == ("unreadable", "internal error: RuntimeError: broken check")
    assert all("\n" not in e[1] for e in errors if e is not None)
    assert run.exit_code() == 2


@linux_only
def test_jobs_one_with_timeout_uses_a_worker(tmp_path, monkeypatch):
    (tmp_path / "hang.txt").write_text("x", encoding="utf-8")
    monkeypatch.setattr(api, "lint_file", _misbehaving(api.lint_file))
    run = lint_paths([str(tmp_path / "hang.txt")], jobs=1, timeout=0.3)
    assert run.files[0].error is not None and run.files[0].error[0] == "timeout"


def test_no_worker_without_a_timeout_for_one_file(tmp_path, monkeypatch):
    def no_pool(*a, **k):
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr("reportlint.pool.Pool.run", no_pool)
    [p, _] = copy_fixtures(tmp_path)
    assert lint_paths([str(p)], jobs=4).files[0].error is None
    assert len(lint_paths([str(tmp_path)], jobs=1).files) == 2


def _mixed_batch(tmp_path: Path) -> Path:
    from docx import Document as Docx

    d = tmp_path / "batch"
    (d / "sub").mkdir(parents=True)
    copy_fixtures(d)
    copy_fixtures(d / "sub")
    doc = Docx()
    doc.add_paragraph("云溪县交通运输局2023年度法治政府建设情况报告")
    doc.add_paragraph("一、2023年度主要举措和成效")
    doc.save(str(d / "sub" / "transport.docx"))
    (d / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")
    (d / "named.pdf").write_text("这不是PDF文件，只是被改了扩展名的文本。", encoding="utf-8")
    (d / "empty.md").write_bytes(b"")
    (d / "notes.csv").write_text("ignored", encoding="utf-8")
    return d


def test_jobs_1_and_4_give_byte_identical_json(tmp_path):
    batch = _mixed_batch(tmp_path)
    outs = []
    for jobs in ("1", "4"):
        proc = subprocess.run(
            [sys.executable, "-m", "reportlint", "check", str(batch), "-f", "json", "--jobs", jobs],
            capture_output=True,
            cwd=tmp_path,
            check=False,
        )
        assert proc.returncode == 2, proc.stderr  # unreadable files in the batch
        outs.append(proc.stdout)
    assert outs[0] == outs[1]
    assert outs[0].count(b'"path"') >= 7


def test_collect_files_directories_globs_and_order(tmp_path):
    batch = _mixed_batch(tmp_path)
    found = collect_files([str(batch)])
    names = [Path(f).relative_to(batch).as_posix() for f in found]
    assert "notes.csv" not in names
    assert names == [
        "broken.pdf",
        "empty.md",
        "named.pdf",
        "yunxi-2023.md",
        "yunxi-2023.txt",
        "sub/transport.docx",
        "sub/yunxi-2023.md",
        "sub/yunxi-2023.txt",
    ]
    assert "sub/transport.docx" in names and "yunxi-2023.txt" in names
    globbed = collect_files([str(batch / "**" / "*.txt")])
    assert [Path(f).relative_to(batch).as_posix() for f in globbed] == [
        "sub/yunxi-2023.txt",
        "yunxi-2023.txt",
    ]
    # a file given twice is linted once; a glob that matches nothing is kept (reported as not-found)
    twice = collect_files([str(batch / "yunxi-2023.txt"), str(batch)])
    assert len(twice) == len(found)
    assert collect_files([str(batch / "*.nothing")]) == [str(batch / "*.nothing")]


def test_progress_bar_only_when_asked_or_on_a_terminal(tmp_path):
    import io

    from reportlint.formatters.progress import BatchProgress

    copy_fixtures(tmp_path)
    quiet = io.StringIO()
    with BatchProgress(2, quiet) as bar:
        lint_paths([str(tmp_path)], on_result=bar.advance)
    assert quiet.getvalue() == ""  # a StringIO is not a terminal
    shown = io.StringIO()
    seen = []
    with BatchProgress(2, shown, enabled=True) as bar:

        def advance(i, r):
            seen.append(i)
            bar.advance(i, r)

        lint_paths([str(tmp_path)], on_result=advance)
    assert sorted(seen) == [0, 1]
    assert "2/2" in shown.getvalue()


def test_directory_walk_skips_project_readmes_but_not_named_files(tmp_path):
    from reportlint.api import collect_files

    (tmp_path / "README.md").write_text("# 说明\n", encoding="utf-8")
    (tmp_path / "CHANGELOG.md").write_text("# 变更\n", encoding="utf-8")
    (tmp_path / "2023.txt").write_text("报告\n", encoding="utf-8")
    assert collect_files([str(tmp_path)]) == [str(tmp_path / "2023.txt")]
    assert collect_files([str(tmp_path / "README.md")]) == [str(tmp_path / "README.md")]
