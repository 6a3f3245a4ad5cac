"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

One run; ``tool.driver.rules`` lists every rule that ran with its help text and ``helpUri``; each result has a
physical location (the file, plus a text region with ``startLine`` where the finding has a line, i.e. .txt/.md
input), a logical location for the report section, the page / paragraph / table cell in ``properties``, and
the finding's fingerprint as ``partialFingerprints["reportlint/v1"]`` so code scanning tracks it across
commits. Files that could not be read become tool execution notifications.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from reportlint import __version__
from reportlint.findings import FileResult, Finding, RuleInfo, RunResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URI = "https://reportlint.readthedocs.io/"


def artifact_uri(path: str) -> tuple[str, str | None]:
    """(uri, uriBaseId): relative paths stay relative to %SRCROOT% (the working directory)."""
    p = Path(path)
    if p.is_absolute():
        try:
            rel = p.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            return p.resolve().as_uri(), None
        return quote(rel.as_posix()), "%SRCROOT%"
    return quote(Path(os.path.normpath(path)).as_posix()), "%SRCROOT%"


def _rule_descriptor(info: RuleInfo) -> dict[str, Any]:
    from reportlint.engine.registry import help_uri
    from reportlint.formatters.ruledocs import all_rules, rule_markdown

    full = None
    try:
        full = all_rules().get(info.code)
    except Exception:  # a pack that no longer loads: fall back to what the run recorded
        full = None
    help_text = f"{info.why}\n\nUse instead: {info.use_instead}" if info.use_instead else info.why
    d: dict[str, Any] = {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": full.doc.what if full is not None else info.summary},
        "help": {"text": help_text or info.summary},
        "defaultConfiguration": {"level": LEVEL[info.severity]},
        "properties": {"origin": info.origin, "tags": [info.code.rstrip("0123456789")]},
    }
    if full is not None:
        d["help"]["markdown"] = rule_markdown(full)
    uri = help_uri(info.code)  # docs/rules.md in the repository; left out when no repository is declared
    if uri:
        d["helpUri"] = uri
    return d


def _location(r: FileResult, f: Finding) -> dict[str, Any]:
    uri, base = artifact_uri(r.path)
    artifact: dict[str, Any] = {"uri": uri}
    if base:
        artifact["uriBaseId"] = base
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if f.location.line is not None:
        region: dict[str, Any] = {"startLine": f.location.line}
        if f.excerpt:
            region["snippet"] = {"text": f.excerpt}
        physical["region"] = region
    loc: dict[str, Any] = {"physicalLocation": physical}
    if f.section:
        loc["logicalLocations"] = [{"fullyQualifiedName": f.section, "kind": "section"}]
    return loc


def _properties(f: Finding) -> dict[str, Any]:
    loc = f.location
    props: dict[str, Any] = {
        k: v
        for k, v in (
            ("page", loc.page),
            ("paragraph", loc.paragraph),
            ("line", loc.line),
            ("table", loc.table),
            ("row", loc.row),
            ("col", loc.col),
        )
        if v is not None
    }
    props["where"] = loc.describe()
    if f.section:
        props["section"] = f.section
    props["excerpt"] = f.excerpt
    if f.evidence:
        props["evidence"] = f.evidence
    if f.suggestion:
        props["suggestion"] = f.suggestion
    return props


def document(run: RunResult) -> dict[str, Any]:
    infos: dict[str, RuleInfo] = {}
    for r in run.files:
        for code, info in r.rules.items():
            infos.setdefault(code, info)
    codes = sorted(infos)
    index = {c: i for i, c in enumerate(codes)}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for r in run.files:
        if r.error is not None:
            uri, base = artifact_uri(r.path)
            artifact: dict[str, Any] = {"uri": uri}
            if base:
                artifact["uriBaseId"] = base
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{r.path}: {r.error[0]}: {r.error[1]}"},
                    "descriptor": {"id": r.error[0]},
                    "locations": [{"physicalLocation": {"artifactLocation": artifact}}],
                }
            )
            continue
        for f in r.findings:
            where = f.location.describe()
            text = f.message if f.location.line is not None else f"{f.message}（{where}）"
            res: dict[str, Any] = {
                "ruleId": f.code,
                "level": LEVEL[f.severity],
                "message": {"text": text},
                "locations": [_location(r, f)],
                "partialFingerprints": {"reportlint/v1": f.fingerprint},
                "properties": _properties(f),
            }
            if f.code in index:
                res["ruleIndex"] = index[f.code]
            if run.baseline is not None:
                res["baselineState"] = "new"
            results.append(res)
    sarif_run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "reportlint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule_descriptor(infos[c]) for c in codes],
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}},
        "invocations": [
            {"executionSuccessful": run.unreadable == 0, "toolExecutionNotifications": notifications}
        ],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [sarif_run]}


def render(run: RunResult, stream: TextIO, **_: Any) -> None:
    json.dump(document(run), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
