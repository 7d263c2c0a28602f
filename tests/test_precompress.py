"""``precompress: true``: a gzip copy beside each text file, equal once unpacked, the same bytes
at every build."""

from __future__ import annotations

import gzip
from pathlib import Path

from .support import copy_valid, mkdocs_build, with_options

TEXT = {".html", ".css", ".js", ".json", ".xml", ".ics", ".svg"}


def build(tmp_path: Path, name: str) -> Path:
    root = with_options(copy_valid(tmp_path / name), precompress="true", search="false")
    out = tmp_path / name / "site"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    return out


def test_every_text_file_has_a_gzip_copy_that_builds_do_not_change(tmp_path: Path) -> None:
    first, second = build(tmp_path, "one"), build(tmp_path, "two")
    packed = sorted(p.relative_to(first) for p in first.rglob("*.gz"))
    assert packed == sorted(p.relative_to(second) for p in second.rglob("*.gz"))
    for path in packed:
        assert (first / path).read_bytes() == (second / path).read_bytes(), path
        original = first / path.with_suffix("")
        assert gzip.decompress((first / path).read_bytes()) == original.read_bytes()
    copied = {p.with_suffix("") for p in packed}
    for path in first.rglob("*"):
        relative = path.relative_to(first)
        if path.suffix in TEXT and path.stat().st_size > 1024:  # large enough to gain
            assert relative in copied, relative
        if path.suffix in {".png", ".woff2", ".ico", ".webp"}:  # compressed already
            assert relative not in copied, relative
    assert Path("index.html") in copied and Path("agenda.ics") in copied


def test_a_file_that_would_grow_gets_no_copy_and_loses_a_stale_one(tmp_path: Path) -> None:
    from generator.precompress import precompress

    (tmp_path / "a.json").write_text("{}", encoding="utf-8")  # 2 bytes: gzip adds 20
    (tmp_path / "a.json.gz").write_bytes(b"left by an older build")
    (tmp_path / "b.html").write_text("<p>portail</p>" * 200, encoding="utf-8")
    assert precompress(tmp_path) == 1
    assert not (tmp_path / "a.json.gz").exists()
    assert (
        gzip.decompress((tmp_path / "b.html.gz").read_bytes()) == (tmp_path / "b.html").read_bytes()
    )
