"""Durability: the bundled site builds unchanged with ProperDocs, the maintained fork of MkDocs.

scripts/test installs ProperDocs with Material and this package in ``.venv-properdocs`` (beside,
not inside, the MkDocs 1.6.1 environment). Both builds must be identical but for the
``<meta name="generator">`` line, which names the tool.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from .support import EPOCH, REPO, build_bundled, tree_hash

PROPERDOCS = REPO / ".venv-properdocs" / "bin" / "properdocs"
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def normalised(site: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(site)): GENERATOR.sub(b"", p.read_bytes())
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_properdocs_builds_the_same_site(tmp_path: Path) -> None:
    if not PROPERDOCS.exists():
        pytest.fail("ProperDocs manquant : ./scripts/test l'installe dans .venv-properdocs")
    theirs = tmp_path / "properdocs"
    result = subprocess.run(
        [str(PROPERDOCS), "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(theirs)],
        capture_output=True, text=True, check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    ours = tmp_path / "mkdocs"
    build_bundled(ours)
    assert GENERATOR.search((theirs / "index.html").read_bytes()) is not None
    assert b"ProperDocs" in (theirs / "index.html").read_bytes()  # it really was ProperDocs
    assert normalised(theirs) == normalised(ours)
    assert len(tree_hash(theirs)) > 200
