"""Shared fixtures: real content trees on disk, copied so tests can break them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
REPO = TESTS.parent
VALID = TESTS / "fixtures" / "valid"
BAD = TESTS / "fixtures" / "bad"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A writable copy of the valid fixture tree (with its mkdocs.yml fixed to the repo theme)."""
    root = tmp_path / "portal"
    shutil.copytree(VALID, root)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace("../../../theme", str(REPO / "theme")), encoding="utf-8"
    )
    return root


def overlay(root: Path, case: str) -> None:
    """Copy the broken files of ``fixtures/bad/<case>`` into the tree at ``root``."""
    shutil.copytree(BAD / case, root, dirs_exist_ok=True)
