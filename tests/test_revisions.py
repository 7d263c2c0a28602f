"""Feed dates from git history: a real full clone gives the commits' dates, a real shallow clone
(``git clone --depth 1``, the forges' default checkout) is refused with the French fix."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import icalendar
import pytest

from .support import REPO, dated_tree, mkdocs_build, with_options

# Two commits, dated by hand: the first adds the whole tree, the second changes one event.
FIRST = "2024-01-10T09:00:00+00:00"
SECOND = "2024-03-05T14:30:00+00:00"
CHANGED = "content/events/forum-orientation.md"


def git(cwd: Path, *args: str, when: str = FIRST) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Campus", "GIT_AUTHOR_EMAIL": "portail@example.org",
        "GIT_COMMITTER_NAME": "Campus", "GIT_COMMITTER_EMAIL": "portail@example.org",
        "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
    }  # fmt: skip
    result = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository holding the dated fixture tree, with the two commits above."""
    root = dated_tree(tmp_path_factory.mktemp("origin"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Contenu")
    path = root / CHANGED
    path.write_text(path.read_text(encoding="utf-8") + "\nProgramme précisé.\n", "utf-8")
    git(root, "commit", "-q", "-am", "Programme", when=SECOND)
    return root


def clone(origin: Path, target: Path, *options: str) -> Path:
    # file:// so that --depth is honoured (a local path clone ignores it).
    git(target.parent, "clone", "-q", *options, origin.as_uri(), str(target))
    return target


def feeds(site: Path) -> tuple[dict[str, datetime], dict[str, datetime]]:
    """RSS publication dates by link and iCalendar DTSTAMPs by UID."""
    rss = feedparser.parse((site / "rss.xml").read_bytes())
    published = {e.link: datetime(*e.published_parsed[:6], tzinfo=UTC) for e in rss.entries}
    calendar = icalendar.Calendar.from_ical((site / "agenda.ics").read_bytes())
    stamps = {str(e["UID"]): e["DTSTAMP"].dt for e in calendar.walk("VEVENT")}
    return published, stamps


def test_full_clone_dates_every_item_by_its_commits(origin: Path, tmp_path: Path) -> None:
    root = clone(origin, tmp_path / "full")
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    published, stamps = feeds(tmp_path / "site")
    first, second = datetime.fromisoformat(FIRST), datetime.fromisoformat(SECOND)
    assert published and set(published.values()) == {first}  # created by the first commit
    assert stamps.pop("forum-orientation@cmq.example.org") == second
    assert stamps and set(stamps.values()) == {first}


def test_shallow_clone_is_refused_with_the_fix_for_both_forges(
    origin: Path, tmp_path: Path
) -> None:
    root = clone(origin, tmp_path / "shallow", "--depth", "1")
    assert git(root, "rev-parse", "--is-shallow-repository").strip() == "true"
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 1
    assert "Construction refusée : le dépôt est un clone partiel" in result.stderr
    for fix in ("fetch-depth: 0", 'GIT_DEPTH: "0"', "git fetch --unshallow"):
        assert fix in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "rss.xml").exists()


def test_shallow_clone_builds_with_a_warning_when_allowed(origin: Path, tmp_path: Path) -> None:
    shallow = clone(origin, tmp_path / "shallow", "--depth", "1")
    root = with_options(shallow, allow_shallow_clone=True)
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "Attention : le dépôt est un clone partiel" in result.stderr
    # What the warning is about: the one commit left dates every item.
    published, stamps = feeds(tmp_path / "site")
    assert set(published.values()) == set(stamps.values()) == {datetime.fromisoformat(SECOND)}


def test_a_file_not_committed_takes_the_date_of_the_last_commit(
    origin: Path, tmp_path: Path
) -> None:
    root = clone(origin, tmp_path / "full")
    new = root / "content/events/nouveau-rendez-vous.md"
    new.write_text(
        "---\ntitle: Nouveau rendez-vous\ncampus: green-city\nstart: 2025-09-12\n---\n", "utf-8"
    )
    os.utime(new, (0, 1_700_000_000))  # a modification time that must not be used
    for n in (1, 2):  # two builds of the same tree agree
        result = mkdocs_build(root, tmp_path / f"site-{n}")
        assert result.returncode == 0, result.stderr
    _, stamps = feeds(tmp_path / "site-1")
    assert stamps["nouveau-rendez-vous@cmq.example.org"] == datetime.fromisoformat(SECOND)
    assert (tmp_path / "site-1/agenda.ics").read_bytes() == (
        tmp_path / "site-2/agenda.ics"
    ).read_bytes()


@pytest.mark.parametrize(
    ("environ", "allowed"), [({}, False), ({"PORTAL_ALLOW_SHALLOW_CLONE": "true"}, True)]
)
def test_the_bundled_config_reads_the_choice_from_the_environment(
    environ: dict[str, str], allowed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.config import load_config

    monkeypatch.delenv("PORTAL_ALLOW_SHALLOW_CLONE", raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    config = load_config(str(REPO / "mkdocs.yml"))
    assert config.plugins["portal"].config.allow_shallow_clone is allowed
