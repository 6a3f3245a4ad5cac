"""Regenerate docs/rules.md from the rule metadata (RuleDoc of Python checks, doc: of pack rules).

Usage: ``uv run python scripts/gen_rule_docs.py`` (``--check`` exits 1 when the committed file is stale).
"""

from __future__ import annotations

import sys
from pathlib import Path

from reportlint.formatters.ruledocs import rules_document

TARGET = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def main(argv: list[str]) -> int:
    text = rules_document()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is stale; run: uv run python scripts/gen_rule_docs.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
