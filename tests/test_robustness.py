"""Hostile and broken input (issue 6): every guard ends in findings or a contract file error, never a crash,
a hang, a network access or a changed input file."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import stat
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from msgspec.structs import replace

from ci_helpers import cli
from reportlint.api import Settings, collect_files, lint_file, lint_paths
from reportlint.errors import FILE_ERROR_CODES, FileError
from reportlint.readers import Limits, read_document

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DOCX = FIXTURES / "docx"
PDF = FIXTURES / "pdf"
REPORT_TXT = FIXTURES / "ci" / "yunxi-2023.txt"

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="POSIX file types and forked workers")


def _rezip(
    src: Path, dst: Path, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None
):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, (replace or {}).get(info.filename, zin.read(info)))
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def _json_run(*args: str) -> tuple[int, dict]:
    out = cli("check", "--format", "json", "--no-progress", *args)
    return out.exit_code, json.loads(out.stdout)


def _by_name(report: dict) -> dict[str, dict]:
    return {Path(f["path"]).name: f for f in report["files"]}


def _digests(paths: list[Path]) -> dict[Path, tuple[str, int]]:
    return {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in paths}


# --- zip bombs --------------------------------------------------------------------------------------------


def test_zip_bomb_through_the_cli_is_too_large(tmp_path):
    bomb = _rezip(
        DOCX / "features.docx", tmp_path / "bomb.docx", add={"word/media/zeros.bin": bytes(8 << 20)}
    )
    assert bomb.stat().st_size < 200_000  # 8 MiB of zeros packed into a small file
    code, report = _json_run("--timeout", "60", str(bomb))
    assert code == 2
    err = report["files"][0]["error"]
    assert err["code"] == "too-large" and "zip bomb" in err["message"]


def test_many_small_members_are_caught_by_the_total_size_limit(tmp_path):
    # each member is under the ratio guard's threshold; together they pass the total limit
    members = {f"word/media/pad{i}.bin": bytes(512 * 1024) for i in range(8)}
    bomb = _rezip(DOCX / "features.docx", tmp_path / "wide.docx", add=members)
    with pytest.raises(FileError) as err:
        read_document(bomb, Limits(max_unzipped_bytes=3 * 1024 * 1024))
    assert err.value.code == "too-large" and "unpacks to" in err.value.message


def test_entity_expansion_bomb_is_not_expanded(tmp_path):
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 9))
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<!DOCTYPE w:document [<!ENTITY l0 "哈哈">{lol}]>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        "<w:p><w:r><w:t>开头&l8;结尾</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    path = _rezip(DOCX / "empty.docx", tmp_path / "laughs.docx", replace={"word/document.xml": xml})
    try:
        doc = read_document(path)
    except FileError as exc:
        assert exc.code in ("unreadable", "too-large")
    else:
        assert len(doc.text) < 1000


# --- XML: no entity resolution, no network ---------------------------------------------------------------


class _Listener:
    """A TCP port on localhost that records whether anything connected to it."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.setblocking(False)
        self.port = self.sock.getsockname()[1]

    def connected(self) -> bool:
        try:
            conn, _ = self.sock.accept()
        except BlockingIOError:
            return False
        conn.close()
        return True

    def close(self) -> None:
        self.sock.close()


def _entity_docx(tmp_path: Path, port: int) -> Path:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-LOCAL-FILE", encoding="utf-8")
    url = f"http://127.0.0.1:{port}/entity"
    doctype = (
        f'<!DOCTYPE w:document SYSTEM "http://127.0.0.1:{port}/external.dtd" ['
        f'<!ENTITY local SYSTEM "{secret.as_uri()}">'
        f'<!ENTITY remote SYSTEM "{url}">'
        f'<!ENTITY % param SYSTEM "http://127.0.0.1:{port}/param.dtd"> %param;]>\n'
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + doctype
        + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        "<w:p><w:r><w:t>本机文件&local;之后</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>远程地址&remote;之后</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    with zipfile.ZipFile(DOCX / "empty.docx") as zf:
        styles = zf.read("word/styles.xml")
    head, _, rest = styles.partition(b"?>")
    styles = head + b"?>\n" + doctype.replace("w:document", "w:styles").encode() + rest.lstrip()
    return _rezip(
        DOCX / "empty.docx",
        tmp_path / "entities.docx",
        replace={"word/document.xml": xml, "word/styles.xml": styles},
    )


def test_external_entities_are_not_resolved_and_nothing_is_fetched(tmp_path, monkeypatch):
    listener = _Listener()
    attempts: list[object] = []

    def no_connect(self, address):
        attempts.append(address)
        raise OSError("network access during a lint run")

    def no_lookup(*args, **kwargs):
        attempts.append(args)
        raise OSError("name lookup during a lint run")

    try:
        path = _entity_docx(tmp_path, listener.port)
        monkeypatch.setattr(socket.socket, "connect", no_connect)
        monkeypatch.setattr(socket.socket, "connect_ex", no_connect)
        monkeypatch.setattr(socket, "getaddrinfo", no_lookup)
        result = lint_file(str(path), Settings())
        assert result.error is None, result.error
        texts = [p.text for p in result.paragraphs] if result.paragraphs else []
        joined = "\n".join(texts)
        assert "本机文件" in joined and "远程地址" in joined
        assert "SECRET-LOCAL-FILE" not in joined
        # the same file through the CLI and its worker process (which inherits the patches)
        code, report = _json_run("--timeout", "60", str(path))
        assert code in (0, 1) and report["files"][0]["error"] is None
        assert "SECRET-LOCAL-FILE" not in json.dumps(report, ensure_ascii=False)
        assert attempts == []
        assert not listener.connected()  # libxml2 fetches without Python's socket module: check the port too
    finally:
        listener.close()


# --- the file system: links, pipes, unreadable files ------------------------------------------------------


@linux_only
def test_links_loops_and_pipes_in_a_directory_are_reported_not_fatal(tmp_path):
    d = tmp_path / "reports"
    (d / "sub").mkdir(parents=True)
    (d / "good.txt").write_bytes(REPORT_TXT.read_bytes())
    (d / "loop1.docx").symlink_to("loop2.docx")
    (d / "loop2.docx").symlink_to("loop1.docx")
    (d / "dangling.pdf").symlink_to("nowhere.pdf")
    (d / "up").symlink_to("..", target_is_directory=True)
    (d / "sub" / "self").symlink_to(".", target_is_directory=True)
    (d / "sub" / "also.txt").write_bytes(REPORT_TXT.read_bytes())
    os.mkfifo(d / "pipe.txt")

    found = collect_files([str(d)])
    assert sorted(Path(f).name for f in found) == [
        "also.txt",
        "dangling.pdf",
        "good.txt",
        "loop1.docx",
        "loop2.docx",
        "pipe.txt",
    ]
    # a recursive glob does not follow the links back up either: each file once
    globbed = collect_files([str(d / "**" / "*.txt")])
    assert sorted(Path(f).relative_to(d).as_posix() for f in globbed) == [
        "good.txt",
        "pipe.txt",
        "sub/also.txt",
    ]

    # no timeout: the pipe must be refused, not opened (opening it would block for ever)
    code, report = _json_run("--timeout", "0", "--jobs", "1", str(d))
    assert code == 2
    files = _by_name(report)
    assert files["good.txt"]["error"] is None and files["good.txt"]["findings"]
    assert files["also.txt"]["error"] is None
    assert files["loop1.docx"]["error"]["code"] == "unreadable"
    assert "loop" in files["loop1.docx"]["error"]["message"]
    assert files["dangling.pdf"]["error"]["code"] == "not-found"
    assert "symbolic link" in files["dangling.pdf"]["error"]["message"]
    assert files["pipe.txt"]["error"]["code"] == "unreadable"
    assert "regular file" in files["pipe.txt"]["error"]["message"]


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_is_not_read():
    with pytest.raises(FileError) as err:
        read_document("/dev/null")
    assert err.value.code == "unreadable"


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="permissions do not stop root (or apply on Windows)"
)
def test_unreadable_file_by_permissions(tmp_path):
    f = tmp_path / "locked.txt"
    f.write_bytes(REPORT_TXT.read_bytes())
    f.chmod(0)
    try:
        run = lint_paths([str(tmp_path)], Settings())
    finally:
        f.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert run.files[0].error is not None and run.files[0].error[0] == "unreadable"


def test_unreadable_file_and_folder_in_a_walk(tmp_path, monkeypatch):
    """Permission errors, simulated (tests run as root, whom chmod 000 does not stop)."""
    (tmp_path / "ok.txt").write_bytes(REPORT_TXT.read_bytes())
    (tmp_path / "locked.txt").write_bytes(REPORT_TXT.read_bytes())
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed" / "inside.txt").write_bytes(REPORT_TXT.read_bytes())

    real_open = Path.open
    real_scandir = os.scandir

    def guarded_open(self, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    def guarded_scandir(path="."):
        if Path(os.fsdecode(path)).name == "closed":
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    monkeypatch.setattr(Path, "open", guarded_open)
    monkeypatch.setattr(os, "scandir", guarded_scandir)
    run = lint_paths([str(tmp_path)], Settings(), jobs=1, timeout=None)
    by = {Path(r.path).name: r for r in run.files}
    assert set(by) == {"ok.txt", "locked.txt", "closed"}
    assert by["ok.txt"].error is None
    assert by["locked.txt"].error == ("unreadable", "permission denied (Permission denied)")
    assert by["closed"].error is not None and by["closed"].error[0] == "unreadable"
    assert run.exit_code() == 2


# --- the format comes from the bytes --------------------------------------------------------------------


def test_wrong_extensions_in_each_direction(tmp_path):
    cases = {
        "docx_named.pdf": (DOCX / "features.docx").read_bytes(),
        "pdf_named.docx": (PDF / "report.pdf").read_bytes(),
        "docx_named.txt": (DOCX / "features.docx").read_bytes(),
        "pdf_named.md": (PDF / "report.pdf").read_bytes(),
        "text_named.docx": REPORT_TXT.read_bytes(),
        "text_named.pdf": REPORT_TXT.read_bytes(),
        "text_named.odt": REPORT_TXT.read_bytes(),
        "text_named.doc": REPORT_TXT.read_bytes(),
        "ole_named.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024),
        "wordml_named.doc": (
            '<?xml version="1.0"?>\n<?mso-application progid="Word.Document"?>\n'
            '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml">'
            "<w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:wordDocument>"
        ).encode(),
        "zip_named.docx": b"",  # filled below
        "binary_named.txt": bytes(range(256)) * 4,
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    with zipfile.ZipFile(tmp_path / "zip_named.docx", "w") as zf:
        zf.writestr("notes.txt", "不是Word文档")
    code, report = _json_run("--timeout", "60", *(str(tmp_path / n) for n in cases))
    assert code == 2
    files = _by_name(report)

    def outcome(name: str) -> tuple[str | None, str | None]:
        f = files[name]
        return f["format"], (f["error"] or {}).get("code")

    # real documents under a wrong name are read as what they are
    assert outcome("docx_named.pdf") == ("docx", None)
    assert outcome("pdf_named.docx") == ("pdf", None)
    assert outcome("docx_named.txt") == ("docx", None)
    assert outcome("pdf_named.md") == ("pdf", None)
    assert files["docx_named.pdf"]["findings"] and files["pdf_named.docx"]["findings"]
    # text or other data under a document's name is a file error, never text to lint
    for name in ("text_named.docx", "text_named.pdf", "text_named.odt", "text_named.doc", "zip_named.docx"):
        assert outcome(name)[1] == "unreadable", name
        assert "named ." in files[name]["error"]["message"], name
        assert files[name]["findings"] == []
    assert outcome("ole_named.docx")[1] == "unsupported-format"
    assert outcome("wordml_named.doc")[1] == "unsupported-format"
    assert "convert" in files["wordml_named.doc"]["error"]["message"]
    assert outcome("binary_named.txt")[1] == "unreadable"


# --- a runaway parse is stopped ----------------------------------------------------------------------------


def one_page_pdf(stream: bytes) -> bytes:
    """A small PDF whose one page draws the (already Flate-compressed) content ``stream`` in Helvetica."""
    content = stream
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def runaway_pdf(n_ops: int) -> bytes:
    """A valid PDF whose one page has ``n_ops`` text objects: a few hundred KB that pdfminer needs minutes for."""
    return one_page_pdf(zlib.compress(b"BT /F1 9 Tf 72 720 Td (x) Tj ET\n" * n_ops, 9))


@linux_only
def test_runaway_parse_is_stopped_by_the_timeout_through_the_cli(tmp_path):
    slow = tmp_path / "runaway.pdf"
    slow.write_bytes(runaway_pdf(3_000_000))
    good = tmp_path / "good.txt"
    good.write_bytes(REPORT_TXT.read_bytes())
    code, report = _json_run("--timeout", "1", "--jobs", "1", str(slow), str(good))
    assert code == 2
    files = _by_name(report)
    assert files["runaway.pdf"]["error"]["code"] == "timeout"
    assert "--timeout" in files["runaway.pdf"]["error"]["message"]
    assert files["good.txt"]["error"] is None and files["good.txt"]["findings"]


def _inflating_stream(megabytes: int) -> bytes:
    """A Flate stream of ``megabytes`` MiB of spaces, about 1 KB per MiB, built without compressing it all."""
    chunk = b" " * (1 << 20)
    c = zlib.compressobj(9)
    first = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)  # the same bytes for every further MiB
    adler = 1
    for _ in range(megabytes):
        adler = zlib.adler32(chunk, adler)
    return first + block * (megabytes - 1) + b"\x03\x00" + struct.pack(">I", adler)


def _address_space() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmSize")


@linux_only
def test_pdf_decompression_bomb_is_too_large_not_an_oom(tmp_path):
    assert len(zlib.decompress(_inflating_stream(3))) == 3 << 20
    bomb = tmp_path / "inflates.pdf"
    bomb.write_bytes(one_page_pdf(_inflating_stream(3072)))  # 3 GiB of content from a 3 MB file
    assert bomb.stat().st_size < 4_000_000
    limits = replace(Limits(), max_memory=_address_space() + (512 << 20))
    run = lint_paths([str(bomb)], Settings(limits=limits), jobs=1, timeout=120)
    assert run.files[0].error is not None
    assert run.files[0].error[0] == "too-large", run.files[0].error


def test_max_pages_through_the_cli(tmp_path):
    code, report = _json_run("--timeout", "0", "--max-pages", "1", str(PDF / "report.pdf"))
    assert code == 2
    err = report["files"][0]["error"]
    assert err["code"] == "too-large" and "--max-pages" in err["message"]


# --- pdfminer stays quiet ------------------------------------------------------------------------------------


def _broken_pdf(tmp_path: Path) -> Path:
    """A PDF whose content stream has a wrong checksum: pdfminer logs a warning about it."""
    text = "".join(
        f"BT /F1 9 Tf 72 {800 - 12 * i} Td (Line {i} of the annual report) Tj ET\n" for i in range(60)
    )
    stream = zlib.compress(text.encode("ascii"))
    broken = tmp_path / "broken-stream.pdf"
    broken.write_bytes(one_page_pdf(stream[:-1] + bytes([stream[-1] ^ 0xFF])))
    return broken


def test_pdfminer_warnings_do_not_reach_stderr(tmp_path, caplog, monkeypatch):
    import reportlint.readers.pdf as pdf_reader

    broken = _broken_pdf(tmp_path)
    monkeypatch.setattr(pdf_reader, "FAST_PATH", False)  # pdfminer reads it (PDFium would not talk)
    with caplog.at_level(logging.WARNING, logger="pdfminer"):
        doc = read_document(broken)
    assert "Line 3 of the annual report" in doc.text
    assert any(r.name.startswith("pdfminer") for r in caplog.records)  # the file does make pdfminer talk
    proc = subprocess.run(
        [sys.executable, "-m", "reportlint", "check", "--format", "json", "--timeout", "60", str(broken)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "default"},
    )
    assert proc.returncode in (0, 1, 2)
    assert proc.stderr == ""
    assert json.loads(proc.stdout)["files"][0]["path"] == str(broken)


# --- inputs are never written -----------------------------------------------------------------------------


def test_inputs_are_byte_identical_after_every_kind_of_run(tmp_path):
    inputs = []
    for src in (
        DOCX / "features.docx",
        DOCX / "strict.docx",
        PDF / "report.pdf",
        PDF / "encrypted.pdf",
        REPORT_TXT,
    ):
        dst = tmp_path / src.name
        dst.write_bytes(src.read_bytes())
        inputs.append(dst)
    link = tmp_path / "link-to-features.docx"
    link.symlink_to(inputs[0])
    before = _digests(inputs)
    names = [str(p) for p in inputs]

    for fmt in ("json", "text", "sarif", "html"):
        out = cli("check", "--format", fmt, "--timeout", "60", "--no-progress", *names)
        assert out.exit_code == 2  # encrypted.pdf cannot be read
    assert cli("check", "--output", str(tmp_path / "out.json"), "--format", "json", *names).exit_code == 2
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["summary"]["files"] == 5
    annotated = tmp_path / "annotated.docx"
    assert cli("check", "--annotate", str(annotated), "--timeout", "0", names[0]).exit_code in (0, 1)
    assert annotated.exists()
    assert cli("outline", names[0]).exit_code == 0
    # refusing to write onto an input, by its name or through a link
    for option, target, inp in (
        ("--output", names[2], names),
        ("--output", str(link), names),
        ("--annotate", names[0], [names[0]]),
        ("--annotate", str(link), [names[0]]),
        ("--write-baseline", names[4], names),
    ):
        out = cli("check", option, target, "--timeout", "0", *inp)
        assert out.exit_code == 2, (option, target)
        assert "input" in out.stderr
    assert _digests(inputs) == before
    assert link.resolve() == inputs[0]
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


# --- every code the JSON can carry is in the contract -----------------------------------------------------


def test_error_codes_are_the_contract_codes(tmp_path):
    (tmp_path / "empty.pdf").write_bytes(b"")
    run = lint_paths(
        [str(tmp_path / "empty.pdf"), str(tmp_path / "missing.docx"), str(PDF / "encrypted.pdf")], Settings()
    )
    codes = [r.error[0] for r in run.files if r.error]
    assert codes == ["unreadable", "not-found", "encrypted"]
    assert set(codes) <= set(FILE_ERROR_CODES)
