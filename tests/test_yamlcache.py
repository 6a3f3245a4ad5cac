"""The parsed-pack cache: same data as parsing, never an error of its own, never beside the input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportlint.engine import yamlcache
from reportlint.engine.pack import load_pack, packs_dir

PACK = packs_dir() / "fazhi" / "pack.yaml"


def _parsed(raw: bytes):
    import yaml

    return yaml.safe_load(raw)


def test_cached_data_equals_parsed_data(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    raw = PACK.read_bytes()
    first = yamlcache.load_yaml(raw)
    entries = list((tmp_path / "packs").iterdir())
    assert len(entries) == 1 and entries[0].suffix == ".msgpack"
    assert yamlcache.load_yaml(raw) == first == _parsed(raw)
    # another content, another entry
    yamlcache.load_yaml(raw + b"\n# edited\n")
    assert len(list((tmp_path / "packs").iterdir())) == 2


def test_a_corrupt_entry_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    raw = PACK.read_bytes()
    yamlcache.load_yaml(raw)
    (entry,) = (tmp_path / "packs").iterdir()
    entry.write_bytes(b"\xc1 not msgpack")
    assert yamlcache.load_yaml(raw) == _parsed(raw)


def test_off_and_unwritable_cache_still_parse(tmp_path, monkeypatch):
    raw = PACK.read_bytes()
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", "off")
    assert yamlcache.cache_dir() is None
    assert yamlcache.load_yaml(raw) == _parsed(raw)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(blocker))
    assert yamlcache.load_yaml(raw) == _parsed(raw)


def test_non_plain_yaml_is_not_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    raw = b"day: 2024-01-01\n"  # a date: msgpack would not give it back as a date
    assert yamlcache.load_yaml(raw) == _parsed(raw)
    assert not (tmp_path / "packs").exists() or not list((tmp_path / "packs").iterdir())


def test_invalid_yaml_is_still_a_pack_error(tmp_path, monkeypatch):
    from reportlint.errors import PackError

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    bad = tmp_path / "pack.yaml"
    bad.write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(PackError, match="not valid YAML"):
        load_pack(bad)
    assert not list(tmp_path.glob("*.msgpack"))  # nothing next to the pack


@pytest.mark.skipif(sys.platform == "win32", reason="HOME layout")
def test_a_warm_run_does_not_import_pyyaml(tmp_path):
    env = {**os.environ, "REPORTLINT_CACHE_DIR": str(tmp_path)}
    code = "import sys; from reportlint.engine.pack import builtin_packs; builtin_packs(); print('yaml' in sys.modules)"
    cold = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    warm = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert (cold.stdout.strip(), warm.stdout.strip()) == ("True", "False")
    assert Path(tmp_path, "packs").is_dir()


def test_no_home_directory_means_no_cache(monkeypatch):
    monkeypatch.delenv("REPORTLINT_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert yamlcache.cache_dir() is None
    raw = PACK.read_bytes()
    assert yamlcache.load_yaml(raw) == _parsed(raw)
