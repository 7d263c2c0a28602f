"""``portal check``'s reports: the same problems for a person, a forge or another tool.

- ``text``: one ``path:line: field: message`` per line, for the terminal (the default);
- ``github``: GitHub Actions workflow commands (``::error file=…,line=…::…``), which the runner
  turns into annotations shown on the pull request's changed lines;
- ``gitlab``: a GitLab Code Quality report (a JSON list), which the merge request's widget shows;
- ``json``: the problems as data, for any other tool.

Paths are relative to the repository's root (the forges place annotations by it), not to the
portal folder when ``portal check --root`` names a sub-folder.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import Problem, Severity

FORMATS = ("text", "github", "gitlab", "json")

# Code Quality severities (info, minor, major, critical, blocker): an error stops the build.
_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}
_GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning"}
_TITLE = {Severity.ERROR: "Erreur de contenu", Severity.WARNING: "Avertissement"}


def repository_prefix(root: Path) -> str:
    """Where ``root`` is inside its git repository (``""`` at the top, ``"site/"`` below), or,
    outside git, inside the current folder."""
    try:
        return subprocess.run(
            ["git", "rev-parse", "--show-prefix"],
            cwd=root, capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        pass
    try:
        relative = root.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return ""
    return "" if relative == "." else relative + "/"


def _github_data(text: str) -> str:
    # The escapes of @actions/core's workflow commands: a message may not break its line.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def github(problems: Sequence[Problem], prefix: str) -> str:
    lines = []
    for problem in problems:
        properties = [f"file={_github_property(prefix + problem.path)}"]
        if problem.line >= 1:
            properties.append(f"line={problem.line}")
        title = _TITLE[problem.severity] + (f"\u00a0: {problem.field}" if problem.field else "")
        properties.append(f"title={_github_property(title)}")
        command = _GITHUB_COMMAND[problem.severity]
        lines.append(f"::{command} {','.join(properties)}::{_github_data(str(problem))}")
    return "".join(line + "\n" for line in lines)


def gitlab(problems: Sequence[Problem], prefix: str) -> str:
    entries = []
    seen: dict[str, int] = {}
    for problem in problems:
        path = prefix + problem.path
        # The fingerprint names the problem, not its line, so that a line added above it does
        # not make GitLab report it as new; a repeat in the same file gets its rank.
        key = "\0".join((path, problem.field, problem.message))
        seen[key] = seen.get(key, 0) + 1
        fingerprint = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()
        entries.append(
            {
                "description": _described(problem),
                # The rule, not the place: « campus », not « campus[2] ».
                "check_name": "portal-check/"
                + (re.sub(r"\[\d+\]", "", problem.field) or "fichier"),
                "fingerprint": fingerprint,
                "severity": _GITLAB_SEVERITY[problem.severity],
                "location": {"path": path, "lines": {"begin": max(problem.line, 1)}},
            }
        )
    return json.dumps(entries, ensure_ascii=False, indent=2) + "\n"


def _described(problem: Problem) -> str:
    return f"{problem.field}: {problem.message}" if problem.field else problem.message


def as_json(problems: Sequence[Problem], prefix: str) -> str:
    entries = [
        {
            "path": prefix + p.path,
            "line": p.line,
            "field": p.field,
            "message": p.message,
            "severity": "error" if p.severity is Severity.ERROR else "warning",
        }
        for p in problems
    ]
    errors = sum(p.severity is Severity.ERROR for p in problems)
    report = {"valid": errors == 0, "errors": errors, "warnings": len(problems) - errors}
    return json.dumps({**report, "problems": entries}, ensure_ascii=False, indent=2) + "\n"


MACHINE: dict[str, Callable[[Sequence[Problem], str], str]] = {
    "github": github,
    "gitlab": gitlab,
    "json": as_json,
}
