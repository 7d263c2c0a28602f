"""When each content file was first published and last changed: from the content, not the clock.

Feeds need dates that do not move between two builds of the same content: iCalendar's DTSTAMP
(last revision) and RSS's pubDate (publication). Git history is the truth and is read in one
``git log`` pass for the whole tree. A shallow clone (``git clone --depth 1``, the default
checkout of GitHub Actions and of GitLab CI) has lost that history: every file would seem
created by its newest commit, and feed readers would show old items as new at every deploy, so
:func:`read_revisions` refuses it unless told otherwise.

A file that git does not know yet (being written, not committed) takes the date of the newest
commit (HEAD), so that two previews of the same tree agree. Outside a git checkout (a tarball, a
test tree), ``SOURCE_DATE_EPOCH`` stands in for every date when it is set, the file's
modification time otherwise.
"""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

CONTENT_FOLDERS = ("campuses", "content")

log = logging.getLogger(__name__)

SHALLOW_CLONE = (
    "le dépôt est un clone partiel de l'historique git (« shallow clone ») : les dates des flux "
    "RSS et iCalendar seraient toutes celles du dernier commit. Récupérez tout l'historique : "
    "sur GitHub Actions, « fetch-depth: 0 » dans l'étape actions/checkout ; sur GitLab CI, la "
    'variable « GIT_DEPTH: "0" » ; sur votre poste, « git fetch --unshallow ». Pour construire '
    "quand même (prévisualisation seulement), l'option « allow_shallow_clone: true » du module "
    "portal dans mkdocs.yml (celui du portail la lit dans la variable PORTAL_ALLOW_SHALLOW_CLONE)."
)


class ShallowCloneError(Exception):
    """The checkout's history is cut: feed dates would be wrong."""

    def __init__(self) -> None:
        super().__init__(SHALLOW_CLONE)


@dataclass(frozen=True)
class Revision:
    created: datetime  # first commit that added the file (UTC)
    modified: datetime  # last commit that changed it (UTC)


@dataclass(frozen=True)
class _History:
    files: dict[str, Revision]
    head: datetime | None  # the newest commit, for files not committed yet
    shallow: bool


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()


def _git_history(root: Path) -> _History | None:
    """The history of the content folders, or None outside a git checkout."""
    try:
        if _git(root, "rev-parse", "--is-inside-work-tree") != "true":
            return None
        shallow = _git(root, "rev-parse", "--is-shallow-repository") == "true"
        log_text = _git(
            root, "log", "--format=%x00%ct", "--name-only", "--no-renames", "--relative",
            "--", *CONTENT_FOLDERS,
        )  # fmt: skip
        head_stamp = _git(root, "log", "-1", "--format=%ct")
    except (OSError, subprocess.CalledProcessError):
        return None
    files: dict[str, Revision] = {}
    # Newest commit first: the first time a path is met is its last change, the last its creation.
    for commit in log_text.split("\0")[1:]:
        stamp, _, names = commit.partition("\n")
        when = datetime.fromtimestamp(int(stamp), UTC)
        for name in filter(None, names.splitlines()):
            known = files.get(name)
            files[name] = Revision(created=when, modified=known.modified if known else when)
    head = datetime.fromtimestamp(int(head_stamp), UTC) if head_stamp else None
    return _History(files, head, shallow)


def read_revisions(
    root: Path,
    paths: list[str],
    environ: Mapping[str, str],
    *,
    allow_shallow: bool = False,
) -> dict[str, Revision]:
    """Revision dates for each path (relative to ``root``, as in ``Item.path``).

    Raises :class:`ShallowCloneError` in a shallow clone, unless ``allow_shallow`` (then the
    dates are those the cut history gives, and a warning says so)."""
    history = _git_history(root)
    if history is not None and history.shallow:
        if not allow_shallow:
            raise ShallowCloneError
        log.warning("Attention : %s", SHALLOW_CLONE)
    epoch = environ.get("SOURCE_DATE_EPOCH")
    revisions = {}
    for path in paths:
        revision = history.files.get(path) if history is not None else None
        if revision is None:
            when = _uncommitted(root / path, history, epoch)
            revision = Revision(created=when, modified=when)
        revisions[path] = revision
    return revisions


def _uncommitted(path: Path, history: _History | None, epoch: str | None) -> datetime:
    """The stand-in date of a file git does not know (see the module's docstring)."""
    if history is not None:
        return history.head or datetime.fromtimestamp(0, UTC)
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC)
    try:
        return datetime.fromtimestamp(int(path.stat().st_mtime), UTC)
    except OSError:
        return datetime.fromtimestamp(0, UTC)
