"""When each content file was first published and last changed: from the content, not the clock.

Feeds need dates that do not move between two builds of the same content: iCalendar's DTSTAMP
(last revision) and RSS's pubDate (publication). Git history is the truth and is read in one
``git log`` pass for the whole tree; outside a git checkout (a tarball, a test tree), or for a file
not yet committed, the file's modification time stands in for both.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

CONTENT_FOLDERS = ("campuses", "content")


@dataclass(frozen=True)
class Revision:
    created: datetime  # first commit that added the file (UTC)
    modified: datetime  # last commit that changed it (UTC)


def _git_history(root: Path) -> dict[str, Revision]:
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=root, capture_output=True, text=True, check=True,
        ).stdout.strip()
        log = subprocess.run(
            ["git", "log", "--format=%x00%ct", "--name-only", "--no-renames", "--relative",
             "--", *CONTENT_FOLDERS],
            cwd=root, capture_output=True, text=True, check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    if not top:
        return {}
    history: dict[str, Revision] = {}
    # Newest commit first: the first time a path is met is its last change, the last its creation.
    for commit in log.split("\0")[1:]:
        stamp, _, names = commit.partition("\n")
        when = datetime.fromtimestamp(int(stamp), UTC)
        for name in filter(None, names.splitlines()):
            known = history.get(name)
            history[name] = Revision(created=when, modified=known.modified if known else when)
    return history


def read_revisions(root: Path, paths: list[str]) -> dict[str, Revision]:
    """Revision dates for each path (relative to ``root``, as in ``Item.path``)."""
    history = _git_history(root)
    revisions = {}
    for path in paths:
        revision = history.get(path)
        if revision is None:
            try:
                mtime = int((root / path).stat().st_mtime)
            except OSError:
                mtime = 0
            when = datetime.fromtimestamp(mtime, UTC)
            revision = Revision(created=when, modified=when)
        revisions[path] = revision
    return revisions
