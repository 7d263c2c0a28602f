"""``portal check --format github|gitlab|json``: the forges' own formats, parsed as the forges
read them, one entry per problem, paths from the repository's root, lines as in the files."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .support import BAD, VALID

CASES = sorted(p.name for p in BAD.iterdir())
PORTAL = "portail"  # the portal's folder inside the repository, so paths get a prefix


def repository(tmp_path: Path, case: str) -> Path:
    """A git repository holding the valid tree, broken by ``case``, in a sub-folder."""
    repo = tmp_path / "depot"
    shutil.copytree(VALID, repo / PORTAL)
    shutil.copytree(BAD / case, repo / PORTAL, dirs_exist_ok=True)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    return repo


def check(repo: Path, *options: str) -> subprocess.CompletedProcess[str]:
    # Run from elsewhere: the paths come from the repository, not the current folder.
    return subprocess.run(
        [sys.executable, "-m", "generator", "check", "--root", str(repo / PORTAL), *options],
        capture_output=True, text=True, check=False, cwd=repo.parent,
    )  # fmt: skip


def text_problems(repo: Path) -> list[tuple[str, int, str]]:
    """(path, line, severity) of each problem the plain report lists."""
    result = check(repo)
    problems, severity = [], ""
    for line in result.stderr.splitlines():
        if line.startswith(("Erreurs (", "Avertissements (")):
            severity = "error" if line.startswith("Erreurs") else "warning"
            continue
        found = re.match(r"^(\S+?):(\d+): ", line)
        if found and severity:
            problems.append((f"{PORTAL}/{found[1]}", int(found[2]), severity))
    return problems


def line_of(repo: Path, path: str, text: str) -> int:
    """The number of the first line of ``path`` that holds ``text``, read from the file."""
    lines = (repo / path).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


GITHUB_COMMAND = re.compile(r"^::(error|warning) ([^:]*)::(.*)$")


def unescape(value: str) -> str:
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, char)
    return value


def github_annotations(output: str) -> list[dict[str, str]]:
    annotations = []
    for line in output.splitlines():
        found = GITHUB_COMMAND.match(line)
        assert found, f"not a workflow command: {line!r}"
        properties = dict(p.split("=", 1) for p in found[2].split(","))
        annotations.append(
            {"kind": found[1], **{k: unescape(v) for k, v in properties.items()}}
            | {"message": unescape(found[3])}
        )
    return annotations


@pytest.mark.parametrize("case", CASES)
def test_every_format_lists_each_problem_where_the_text_does(case: str, tmp_path: Path) -> None:
    repo = repository(tmp_path, case)
    expected = sorted(text_problems(repo))
    assert expected and all(path.startswith(f"{PORTAL}/") for path, _, _ in expected)

    result = check(repo, "--format", "github")
    assert result.returncode == 1
    annotations = github_annotations(result.stdout)
    kinds = {"error": "error", "warning": "warning"}
    assert (
        sorted((a["file"], int(a.get("line", 0)), kinds[a["kind"]]) for a in annotations)
        == expected
    )
    assert all(a["title"].startswith(("Erreur de contenu", "Avertissement")) for a in annotations)

    result = check(repo, "--format", "gitlab")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    severities = {"major": "error", "minor": "warning"}
    assert (
        sorted(
            (e["location"]["path"], e["location"]["lines"]["begin"], severities[e["severity"]])
            for e in report
        )
        == expected
    )
    assert len({e["fingerprint"] for e in report}) == len(report)
    assert all(e["description"] and e["check_name"] for e in report)

    result = check(repo, "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["valid"] is False and data["errors"] + data["warnings"] == len(expected)
    assert sorted((p["path"], p["line"], p["severity"]) for p in data["problems"]) == expected
    assert "Traceback" not in result.stderr


def test_lines_and_messages_point_at_the_broken_values(tmp_path: Path) -> None:
    repo = repository(tmp_path, "unknown-vocabulary")
    path = f"{PORTAL}/content/actions/atelier-energie.md"
    line = line_of(repo, path, "colegiens")
    [annotation] = github_annotations(check(repo, "--format", "github").stdout)
    assert (annotation["kind"], annotation["file"], annotation["line"]) == (
        "error",
        path,
        str(line),
    )
    assert annotation["title"] == "Erreur de contenu\u00a0: audiences[2]"
    assert (
        "valeur « colegiens » inconnue ; vouliez-vous dire « collegiens » ?"
        in (annotation["message"])
    )
    [entry] = json.loads(check(repo, "--format", "gitlab").stdout)
    assert entry["location"] == {"path": path, "lines": {"begin": line}}
    assert entry["description"].startswith("audiences[2]: valeur « colegiens » inconnue")
    assert entry["check_name"] == "portal-check/audiences"


def test_a_report_file_leaves_the_readable_list_on_the_terminal(tmp_path: Path) -> None:
    repo = repository(tmp_path, "end-before-start")
    report = tmp_path / "gl-code-quality-report.json"
    result = check(repo, "--format", "gitlab", "--output", str(report))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "content/events/forum.md:4: end: la fin (2025-04-07) est avant le début" in (
        result.stderr
    )
    [entry] = json.loads(report.read_text(encoding="utf-8"))
    assert entry["severity"] == "major" and entry["location"]["path"].endswith("forum.md")


def test_valid_content_gives_empty_reports_and_success(tmp_path: Path) -> None:
    repo = tmp_path / "depot"
    shutil.copytree(VALID, repo / PORTAL)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    for fmt, empty in (("github", ""), ("gitlab", "[]\n")):
        result = check(repo, "--format", fmt)
        assert result.returncode == 0, result.stderr
        assert result.stdout == empty
        assert "Contenu valide" in result.stderr
    data = json.loads(check(repo, "--format", "json").stdout)
    assert data == {"valid": True, "errors": 0, "warnings": 0, "problems": []}


def test_a_message_cannot_break_out_of_its_workflow_command() -> None:
    from generator.errors import Problem
    from generator.reports import github

    problem = Problem("content/a,b.md", 2, "title", "ligne 1\nligne 2 : 100 %")
    [line] = github([problem], "").splitlines()
    [annotation] = github_annotations(line)
    assert annotation["file"] == "content/a,b.md"
    assert annotation["message"] == "content/a,b.md:2: title: ligne 1\nligne 2 : 100 %"
