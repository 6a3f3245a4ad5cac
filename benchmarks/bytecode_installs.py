"""`check` with and without PYTHONDONTWRITEBYTECODE=1, per way of installing reportlint (issue 13).

Usage (from the repository root; needs git, uv and network access or a package index for pip):

    uv run python benchmarks/bytecode_installs.py [--runs 21] [--keep DIR]

Python never writes bytecode on a machine that sets ``PYTHONDONTWRITEBYTECODE=1`` (many containers and CI
images), so whatever the installer did not compile is compiled again at every run. This sets up, from a clone of
this repository's HEAD, the ways a user gets reportlint:

- ``plain``: ``uv sync --locked`` (what ``uv run`` does on a fresh machine: the build hook compiles ``src/``,
  uv compiles no dependency);
- ``ref``: the same, then two runs without the variable, so that Python writes every module's bytecode (the
  reference "with bytecode" time);
- ``compiled``: ``uv sync --locked --compile-bytecode``;
- ``setting``: ``compile-bytecode = true`` in ``[tool.uv]`` (uv then compiles at every ``uv run``, uv issue
  12202);
- ``pip``: a wheel built with ``uv build``, installed with pip into a fresh venv (pip compiles at install).

and runs ``check`` on the 15-page .txt of ``run_all.py`` as a fresh process, all commands in turn for each
sample (so that they see the same load), and prints the median CPU time (user+sys of the process and its
children, which for ``uv run`` includes uv and its compile workers) and the median wall time.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import run_all  # noqa: E402


def sh(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def setup(tmp: Path) -> Path:
    """Create the installs under ``tmp``; return the report to check."""
    mk = run_all._examples()
    report = tmp / "report-15-pages.txt"
    report.write_text(mk.to_txt(run_all.scaled_report(mk, 2)), encoding="utf-8")
    quiet = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    for name in ("plain", "ref", "compiled", "setting"):
        sh(["git", "clone", "--quiet", str(ROOT), str(tmp / name)])
    with (tmp / "setting" / "pyproject.toml").open("a", encoding="utf-8") as fh:
        fh.write("\n[tool.uv]\ncompile-bytecode = true\n")
    for name in ("plain", "ref", "setting"):
        sh(["uv", "sync", "--quiet", "--locked"], cwd=tmp / name, env=quiet)
    sh(["uv", "sync", "--quiet", "--locked", "--compile-bytecode"], cwd=tmp / "compiled", env=quiet)
    loud = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for _ in range(2):
        sh([str(tmp / "ref" / ".venv" / "bin" / "reportlint"), "check", str(report)], env=loud)
    sh(["uv", "build", "--quiet", "--wheel", "-o", str(tmp / "dist")], cwd=tmp / "plain", env=quiet)
    sh([sys.executable, "-m", "venv", str(tmp / "pip")])
    wheel = next((tmp / "dist").glob("*.whl"))
    sh([str(tmp / "pip" / "bin" / "pip"), "install", "--quiet", str(wheel)], env=quiet)
    return report


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--keep", help="set up the installs in this folder and keep them")
    args = ap.parse_args()
    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="rl-bytecode-"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        report = setup(tmp)
        dont = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        write = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

        def exe(name: str) -> list[str]:
            venv = tmp / name if name == "pip" else tmp / name / ".venv"
            return [str(venv / "bin" / "reportlint"), "check", str(report)]

        def uv_run(name: str) -> list[str]:
            return ["uv", "run", "--project", str(tmp / name), "reportlint", "check", str(report)]

        # (install, command without the variable, command with it)
        pairs: list[tuple[str, list[str], list[str]]] = [
            (
                "checkout, plain `uv sync` (bytecode written by earlier runs / only `src/` compiled)",
                exe("ref"),
                exe("plain"),
            ),
            ("checkout, `uv sync --compile-bytecode`", exe("compiled"), exe("compiled")),
            ("wheel installed with pip", exe("pip"), exe("pip")),
            ("`uv run`, plain `uv sync`", uv_run("ref"), uv_run("plain")),
            ("`uv run`, `compile-bytecode = true` in `[tool.uv]`", uv_run("setting"), uv_run("setting")),
        ]
        cases = [
            (f"{n}/{k}", cmd, env)
            for n, (_, a, b) in enumerate(pairs)
            for k, cmd, env in (("without", a, write), ("with", b, dont))
        ]
        samples: dict[str, list[tuple[float, float]]] = {label: [] for label, _, _ in cases}
        for i in range(args.runs + 1):  # the first round warms up
            for label, cmd, env in cases:
                wall, cpu = measure(cmd, env)
                if i:
                    samples[label].append((wall, cpu))

        def med(label: str, k: int) -> float:
            return statistics.median(x[k] for x in samples[label])

        print(
            f"`check` on the 15-page .txt, {args.runs} runs of each command in turn; medians of CPU (wall)\n"
        )
        print("| install | without the variable | `PYTHONDONTWRITEBYTECODE=1` | ratio (CPU) |")
        print("|---|---:|---:|---:|")
        for n, (label, _, _) in enumerate(pairs):
            a, b = f"{n}/without", f"{n}/with"
            print(
                f"| {label} | {med(a, 1) * 1000:.0f} ms ({med(a, 0) * 1000:.0f}) "
                f"| {med(b, 1) * 1000:.0f} ms ({med(b, 0) * 1000:.0f}) | {med(b, 1) / med(a, 1):.2f} |"
            )
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
