"""``--format html``: a self-contained review page with every finding highlighted in place."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportlint.api import lint_file
from reportlint.cli import app
from reportlint.findings import RunResult
from reportlint.formatters import FORMATS, render
from reportlint.formatters.json import file_dict

REPORT = Path(__file__).parent / "fixtures" / "review" / "report.txt"


class Page(HTMLParser):
    """Collects elements by id, the text inside each <mark>, and every URL-bearing attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, dict[str, str | None]] = {}
        self.urls: list[str] = []
        self.tags: list[str] = []
        self.marks: list[tuple[dict[str, str | None], str]] = []
        self._mark: dict[str, str | None] | None = None
        self._mark_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if "id" in a:
            self.ids[a["id"]] = a
        for k in ("src", "href", "action", "poster"):
            if a.get(k):
                self.urls.append(a[k])
        if tag == "mark":
            self._mark, self._mark_text = a, []

    def handle_endtag(self, tag):
        if tag == "mark" and self._mark is not None:
            self.marks.append((self._mark, "".join(self._mark_text)))
            self._mark = None

    def handle_data(self, data):
        if self._mark is not None:
            self._mark_text.append(data)


@pytest.fixture(scope="module")
def result():
    res = lint_file(str(REPORT))
    assert res.error is None
    return res


@pytest.fixture(scope="module")
def page_html(result) -> str:
    buf = io.StringIO()
    render("html", RunResult([result]), buf)
    return buf.getvalue()


def parse(html: str) -> Page:
    p = Page()
    p.feed(html)
    return p


def test_html_is_registered():
    assert "html" in FORMATS


def test_every_finding_has_a_badge_in_the_text_and_an_item_in_the_list(result, page_html):
    page = parse(page_html)
    assert len(result.findings) >= 5
    for n, f in enumerate(result.findings, 1):
        badge = page.ids[f"f1-{n}"]
        assert badge["data-code"] == f.code and badge["data-sev"] == f.severity
        assert page.ids[f"li-f1-{n}"]["data-code"] == f.code
        assert badge["href"] == f"#li-f1-{n}"


def test_highlights_cover_exactly_the_flagged_text(result, page_html):
    page = parse(page_html)
    covered: dict[str, str] = {}
    for attrs, text in page.marks:
        for fid in (attrs["data-fids"] or "").split():
            covered[fid] = covered.get(fid, "") + text
    for n, f in enumerate(result.findings, 1):
        if f.span and f.span[1] > f.span[0]:
            assert covered[f"f1-{n}"] == f.excerpt[f.span[0] : f.span[1]]
        else:
            assert f"f1-{n}" not in covered


def test_side_list_groups_by_section_then_severity(result, page_html):
    groups = re.findall(r'<details class="group" open><summary>(.*?) <span', page_html)
    tops = []
    for f in result.findings:
        key = f.section.split(" / ")[0] or "标题与开头部分"
        if key not in tops:
            tops.append(key)
    assert groups == tops
    assert '<h4 class="sev-error">错误</h4>' in page_html
    assert '<h4 class="sev-warning">警告</h4>' in page_html


def test_parts_checklist_and_filters(result, page_html):
    for p in result.parts:
        assert p.label in page_html
    assert "✗" in page_html  # the fixture lacks the principal's-duties part
    for code in {f.code for f in result.findings}:
        assert f'name="code" value="{code}"' in page_html
    for sev in ("error", "warning", "info"):
        assert f'name="sev" value="{sev}"' in page_html


def test_page_is_self_contained(page_html):
    page = parse(page_html)
    assert all(u.startswith("#") for u in page.urls), page.urls
    assert "link" not in page.tags and "img" not in page.tags and "iframe" not in page.tags
    assert "@import" not in page_html and "url(" not in page_html
    assert "default-src 'none'" in page_html


def test_text_is_escaped(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(
        REPORT.read_text(encoding="utf-8").replace("临川市生态环境局\n", "<script>alert(1)</script>\n")
    )
    buf = io.StringIO()
    render("html", RunResult([lint_file(str(p))]), buf)
    assert "<script>alert(1)</script>" not in buf.getvalue()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in buf.getvalue()


def test_json_output_is_unchanged_by_the_paragraph_texts(result):
    assert result.paragraphs, "lint_document fills FileResult.paragraphs"
    keys = set(file_dict(result))
    assert "paragraphs" not in keys
    assert {"path", "format", "pack", "year", "error", "parts", "findings"} <= keys


def test_cli_output_writes_the_page_and_refuses_an_input(tmp_path):
    src = tmp_path / "report.txt"
    src.write_bytes(REPORT.read_bytes())
    out = tmp_path / "review.html"
    runner = CliRunner()
    r = runner.invoke(app, ["check", str(src), "--format", "html", "--output", str(out)])
    assert r.exit_code == 1  # the fixture has errors
    assert r.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    r = runner.invoke(app, ["check", str(src), "--format", "html", "--output", str(src)])
    assert r.exit_code == 2
    assert "input file" in r.stderr
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_cli_output_json_to_file(tmp_path):
    src = tmp_path / "report.txt"
    src.write_bytes(REPORT.read_bytes())
    out = tmp_path / "r.json"
    r = CliRunner().invoke(app, ["check", str(src), "--format", "json", "-o", str(out)])
    assert r.exit_code == 1
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["errors"] >= 1


# -- headless Chromium: the page renders and every finding is on screen --------------------------------

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


def chromium(args: list[str], profile: Path) -> str:
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=120).stdout


def shown(dom: str) -> tuple[int, int]:
    m = re.search(r'<b id="shown">(\d+)</b> / <b id="total">(\d+)</b>', dom)
    assert m, "the filter bar is in the rendered DOM"
    return int(m.group(1)), int(m.group(2))


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_chromium_renders_every_finding_visible(result, page_html, tmp_path):
    page = tmp_path / "review.html"
    page.write_text(page_html, encoding="utf-8")
    dom = chromium(["--window-size=1400,1000", "--dump-dom", page.as_uri()], tmp_path / "profile")
    # the page script counts badges that are laid out on screen (not hidden, with a box)
    assert shown(dom) == (len(result.findings), len(result.findings))
    png = tmp_path / "shot.png"
    chromium(
        ["--window-size=1400,1000", "--hide-scrollbars", f"--screenshot={png}", page.as_uri()],
        tmp_path / "p2",
    )
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_chromium_filters_preset_from_the_address(result, page_html, tmp_path):
    page = tmp_path / "review.html"
    page.write_text(page_html, encoding="utf-8")
    warnings = result.count("warning")
    assert 0 < warnings < len(result.findings)
    dom = chromium(["--dump-dom", page.as_uri() + "#sev=warning"], tmp_path / "profile")
    assert shown(dom) == (warnings, len(result.findings))
    code = result.findings[0].code
    dom = chromium(["--dump-dom", page.as_uri() + f"#code={code}"], tmp_path / "profile2")
    assert shown(dom)[0] == sum(1 for f in result.findings if f.code == code)


def test_several_files_and_an_unreadable_one_on_one_page(result, tmp_path):
    missing = lint_file(str(tmp_path / "missing.docx"))
    assert missing.error is not None
    buf = io.StringIO()
    render("html", RunResult([result, result, missing]), buf)
    html = buf.getvalue()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "ids are unique across files"
    assert f'id="f2-{len(result.findings)}"' in html
    assert "无法读取：not-found" in html
