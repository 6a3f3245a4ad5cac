"""Declarative rule packs: load, validate against the schema, turn into rules.

A pack is a YAML file (``rules/<name>/pack.yaml``): what it applies to, its profiles, the parts a report of its
kind must contain, which built-in checks it runs (with options), its own declarative rules and data lists
(confusable words …). Schema errors name the file and the key, e.g.
``rules/fazhi/pack.yaml: rules[2].severity: Expected `'error' | 'warning' | 'info'`, got `'fatal'```.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, Literal

import msgspec

from reportlint.errors import PackError
from reportlint.findings import RuleDoc, Severity

RuleType = Literal["required-parts", "part-requires", "required-pattern", "substitution"]
Scope = Literal["document", "report", "intro", "cover", "headings", "body"]


class PartSpec(msgspec.Struct, forbid_unknown_fields=True):
    id: str
    label: str
    heading: list[str]
    """Regexes; a heading whose title matches any of them covers the part."""
    required: bool = True
    exclude: list[str] = []
    """Regexes that disqualify a heading (``问题`` in a heading that is about plans)."""
    text: list[str] = []
    """Regexes tried on paragraph openings when no heading matches (run-in or unnumbered parts)."""
    max_depth: int | None = None
    """Only headings at most this deep cover the part (1: top-level sections only)."""
    since: int | None = None
    """Required only in reports on this year or later (a part the format introduced then); None: always."""
    leading: bool = False
    """When no heading names the part, the top-level sections before the first one that covers another part
    cover it (a report opening with 一、积极统筹部署… 二、深入推进… has its 主要举措和成效 there)."""


class ProfileSpec(msgspec.Struct, forbid_unknown_fields=True):
    label: str
    deadline: str
    """MM-DD of the year after the report year; the 成文日期 must be before it."""
    detect: list[str] = []
    """Regexes on the title or the issuing organ that select this profile automatically."""


class RuleSpec(msgspec.Struct, forbid_unknown_fields=True):
    code: str
    name: str
    type: RuleType
    severity: Severity
    summary: str
    message: str
    doc: RuleDoc
    scope: Scope = "report"
    part: str | None = None
    when: list[str] = []
    patterns: list[str] = []
    suggestion: str | None = None
    swap: list[list[str]] = []
    """For ``substitution``: rows of [wrong-regex, right, (optional) note]; the regex carries its context."""


class CheckUse(msgspec.Struct, forbid_unknown_fields=True):
    select: str
    """A code or prefix of built-in checks this pack runs (``FZ003``, ``HD``, ``NUM``)."""
    severity: Severity | None = None
    options: dict[str, Any] = {}


class SignalSpec(msgspec.Struct, forbid_unknown_fields=True):
    """What tells a document of one genre (see :mod:`reportlint.structure.genre` for the weights)."""

    title: list[str] = []
    """Regexes on the title (spaces removed); a match is decisive evidence."""
    headings: list[str] = []
    """Regexes on section headings; each distinct one that matches is evidence."""
    text: list[str] = []
    """Regexes on the text (tables included); each distinct one that matches is evidence."""
    words: list[str] = []
    """The genre's vocabulary: many of these words per 1000 characters of body text is evidence."""
    per_1000: float = 0.0
    """How many ``words`` per 1000 characters count as dense (0: not used)."""


class KindSpec(SignalSpec, forbid_unknown_fields=True):
    """A kind of document that no special pack covers (政府工作报告, 部门预算 …), in the general pack."""

    label: str = ""


class DetectSpec(SignalSpec, forbid_unknown_fields=True):
    kinds: list[KindSpec] = []
    """Other kinds of documents this (general) pack is the home of; evidence for them is evidence against
    every special pack."""


class PackSpec(msgspec.Struct, forbid_unknown_fields=True):
    pack: str
    title: str
    version: int
    detect: DetectSpec
    profiles: dict[str, ProfileSpec]
    default_profile: str
    parts: list[PartSpec] = []
    checks: list[CheckUse] = []
    rules: list[RuleSpec] = []
    data: dict[str, list[list[str]]] = {}
    """Named data lists the built-in checks read (e.g. ``confusable_words``)."""


class Profile(msgspec.Struct):
    name: str
    label: str
    deadline_month: int
    deadline_day: int


class Pack:
    """A validated pack, ready to build rules from."""

    def __init__(self, spec: PackSpec, path: Path, *, check_patterns: bool = True) -> None:
        self.spec = spec
        self.path = path
        self.name = spec.pack
        self.title = spec.title
        self.parts = spec.parts
        self.data = spec.data
        self.profiles: dict[str, Profile] = {}
        for key, p in spec.profiles.items():
            m = re.fullmatch(r"(\d{1,2})-(\d{1,2})", p.deadline)
            if not m:
                raise PackError(f"{path}: profiles.{key}.deadline: expected MM-DD, got {p.deadline!r}")
            self.profiles[key] = Profile(key, p.label, int(m.group(1)), int(m.group(2)))
        if spec.default_profile not in self.profiles:
            raise PackError(f"{path}: default_profile: {spec.default_profile!r} is not one of the profiles")
        for i, r in enumerate(spec.rules):
            if r.type in ("part-requires",) and r.part not in {p.id for p in spec.parts}:
                raise PackError(f"{path}: rules[{i}].part: {r.part!r} is not a part id of this pack")
        if check_patterns:
            self.check_patterns()

    def check_patterns(self) -> None:
        """Compile every regular expression of the pack: a bad one is a :class:`PackError` naming its place."""
        spec, path = self.spec, self.path
        for i, r in enumerate(spec.rules):
            for k, pat in enumerate([*r.patterns, *r.when]):
                _compile(pat, f"{path}: rules[{i}] ({r.code}) pattern {k}")
        for i, part in enumerate(spec.parts):
            for pat in [*part.heading, *part.exclude, *part.text]:
                _compile(pat, f"{path}: parts[{i}] ({part.id})")
        for where, sig in [
            ("detect", spec.detect),
            *((f"detect.kinds[{i}]", k) for i, k in enumerate(spec.detect.kinds)),
        ]:
            for pat in [*sig.title, *sig.headings, *sig.text, *sig.words]:
                _compile(pat, f"{path}: {where}")

    def profile(self, name: str | None) -> Profile:
        key = name or self.spec.default_profile
        if key not in self.profiles:
            raise PackError(
                f"unknown profile {key!r} for pack {self.name} (known: {', '.join(self.profiles)})"
            )
        return self.profiles[key]

    def detect_profile(self, text: str) -> Profile:
        for key, p in self.spec.profiles.items():
            if any(re.search(pat, text) for pat in p.detect):
                return self.profiles[key]
        return self.profiles[self.spec.default_profile]


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise PackError(f"{where}: invalid regular expression {pattern!r}: {exc}") from None


def _fmt_validation(path: Path, exc: msgspec.ValidationError) -> str:
    msg = str(exc)
    m = re.search(r" - at `\$(.*)`$", msg)
    if m:
        key = m.group(1).lstrip(".") or "(top level)"
        return f"{path}: {key}: {msg[: m.start()]}"
    return f"{path}: {msg}"


def load_pack(path: Path, *, check_patterns: bool = True) -> Pack:
    """Load and validate one pack file (or a directory holding ``pack.yaml``).

    ``check_patterns=False`` leaves the regular expressions to be compiled when a run uses them: the shipped
    packs are loaded so (their patterns are checked by the test suite, ``Pack.check_patterns``), which spares
    every run compiling the patterns of the packs it does not use (~3 ms, issue 13).
    """
    if path.is_dir():
        path = path / "pack.yaml"
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PackError(f"{path}: cannot read pack ({exc.strerror})") from None
    try:
        from reportlint.engine.yamlcache import load_yaml

        data = load_yaml(raw)
    except Exception as exc:  # yaml.YAMLError and decoding errors
        raise PackError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from None
    try:
        spec = msgspec.convert(data, PackSpec)
    except msgspec.ValidationError as exc:
        raise PackError(_fmt_validation(path, exc)) from None
    return Pack(spec, path, check_patterns=check_patterns)


def packs_dir() -> Path:
    """Where the shipped packs are: inside the wheel (``reportlint/_packs``) or the repository's ``rules/``."""
    here = Path(__file__).resolve().parent.parent
    bundled = here / "_packs"
    if bundled.is_dir():
        return bundled
    return here.parent.parent / "rules"


@cache
def builtin_packs() -> dict[str, Pack]:
    base = packs_dir()
    out: dict[str, Pack] = {}
    if base.is_dir():
        for d in sorted(base.iterdir()):
            if (d / "pack.yaml").is_file():
                pack = load_pack(d / "pack.yaml", check_patterns=False)
                out[pack.name] = pack
    return out


def resolve_pack(name_or_path: str) -> Pack:
    packs = builtin_packs()
    if name_or_path in packs:
        return packs[name_or_path]
    p = Path(name_or_path)
    if p.exists():
        return load_pack(p)
    raise PackError(f"unknown pack {name_or_path!r} (built in: {', '.join(packs) or 'none'}; or give a path)")
