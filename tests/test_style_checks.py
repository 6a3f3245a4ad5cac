"""Behaviour of the HD/PN/ST/GW checks beyond the per-rule cases: pack word lists, user packs."""

from __future__ import annotations

from pathlib import Path

import yaml

from reportlint.engine.pack import builtin_packs

REPORT = """青川县市场监督管理局2023年度法治政府建设情况报告

一、主要举措和成效

研究布署年度重点工作，其它工作同步推进，严格执行请假制度，上线ZZ APP和zz小程序。
"""


def _user_pack(tmp_path: Path, data: dict | None) -> str:
    spec = yaml.safe_load(builtin_packs()["fazhi"].path.read_text(encoding="utf-8"))
    spec["pack"] = "mine"
    spec["rules"] = []
    if data is None:
        spec.pop("data", None)
    else:
        spec["data"] = data
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return str(path)


def _flagged(res, code):
    return sorted(f.excerpt[f.span[0] : f.span[1]] for f in res.findings if f.code == code)


def test_user_pack_carries_its_own_confusable_list(lint_text, tmp_path):
    pack = _user_pack(tmp_path, {"confusable_words": [["请假制度", "休假制度", "本单位用语"]]})
    res = lint_text(REPORT, select=["ST002"], pack=pack)
    assert res.pack == "mine"
    assert _flagged(res, "ST002") == ["请假制度"]
    (f,) = res.findings
    assert f.suggestion == "休假制度" and "本单位用语" in f.message


def test_pack_without_list_uses_shipped_list(lint_text, tmp_path):
    res = lint_text(REPORT, select=["ST002"], pack=_user_pack(tmp_path, None))
    assert _flagged(res, "ST002") == ["其它", "布署"]


def test_shipped_list_is_in_the_pack():
    rows = builtin_packs()["fazhi"].data["confusable_words"]
    assert any(r[1] == "截至" for r in rows)
    assert all(len(r) == 3 for r in rows)


def test_pack_extends_allowed_latin_words(lint_text, tmp_path):
    res = lint_text(REPORT, select=["PN004"], pack=_user_pack(tmp_path, None))
    assert _flagged(res, "PN004") == ["zz"]
    res = lint_text(REPORT, select=["PN004"], pack=_user_pack(tmp_path, {"latin_words_allowed": [["zz"]]}))
    assert _flagged(res, "PN004") == []
