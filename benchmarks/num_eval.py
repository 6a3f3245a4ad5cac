"""Precision and recall of the NUM rules on the labelled statements (benchmarks/num_labelled.yaml).

Usage: uv run python benchmarks/num_eval.py [-v]

Each item is linted as a small .txt report with only the NUM rules selected. A code counts as a true positive
on an item when the item expects it and it fires, a false positive when it fires and is not expected, a false
negative when it is expected and does not fire. ``-v`` lists every miss with the findings' messages.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

from reportlint.api import Settings, lint_file

HERE = Path(__file__).resolve().parent
CODES = [f"NUM00{i}" for i in range(1, 8)]


def main() -> int:
    verbose = "-v" in sys.argv
    items = yaml.safe_load((HERE / "num_labelled.yaml").read_text(encoding="utf-8"))["items"]
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for item in items:
            path = Path(tmp) / f"{item['id']}.txt"
            path.write_text(item["text"] + "\n", encoding="utf-8")
            res = lint_file(str(path), Settings(select=["NUM"]))
            got = {f.code for f in res.findings}
            want = set(item.get("expect") or [])
            for c in CODES:
                if c in got and c in want:
                    tp[c] += 1
                elif c in got:
                    fp[c] += 1
                elif c in want:
                    fn[c] += 1
            if verbose and got != want:
                print(f"MISS {item['id']}: want {sorted(want)} got {sorted(got)}")
                for f in res.findings:
                    print(f"     {f.code} {f.message} [{f.evidence}]")
    print(f"{'code':8} {'TP':>3} {'FP':>3} {'FN':>3} {'precision':>9} {'recall':>7}")
    for c in [*CODES, "all"]:
        t = sum(tp.values()) if c == "all" else tp[c]
        p = sum(fp.values()) if c == "all" else fp[c]
        n = sum(fn.values()) if c == "all" else fn[c]
        prec = t / (t + p) if t + p else 1.0
        rec = t / (t + n) if t + n else 1.0
        print(f"{c:8} {t:3} {p:3} {n:3} {prec:9.1%} {rec:7.1%}")
    print(
        f"{len(items)} statements, {sum(1 for i in items if not i.get('expect'))} without any expected finding"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
