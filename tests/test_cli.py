"""``portal check`` as an editor runs it: exit codes, French summary, every error on stderr."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .support import VALID, overlay


def portal(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], capture_output=True, text=True, check=False
    )


def test_check_valid_tree_prints_counts_per_type() -> None:
    result = portal("check", "--root", str(VALID))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "Contenu valide : 2 campus, 3 actions, 5 événements, 3 entrées de glossaire."
    )


def test_check_lists_every_error_and_fails(tree: Path) -> None:
    overlay(tree, "unknown-campus")
    overlay(tree, "end-before-start")
    result = portal("check", "--root", str(tree))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(
        line.startswith("content/actions/visite-chantier.md:3: campus[2]:") for line in lines
    )
    assert any(line.startswith("content/events/forum.md:4: end:") for line in lines)
    assert "2 erreurs" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_on_a_missing_folder() -> None:
    result = portal("check", "--root", "/nonexistent/portal")
    assert result.returncode == 2
    assert "dossier introuvable" in result.stderr
