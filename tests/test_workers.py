"""Pages rendered by several processes (generator/mkdocs_plugin/workers.py): the same site byte for
byte, and a worker's failure or warning fails the build as the main process's would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from .support import REPO, dated_tree, with_options

MKDOCS_BUILD = [sys.executable, "-m", "mkdocs", "build", "--strict"]


def build(root: Path, out: Path, tmp: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` (its messages included), with its temporary files in ``tmp``."""
    tmp.mkdir(exist_ok=True)
    return subprocess.run(
        [*MKDOCS_BUILD, "-f", str(root / "mkdocs.yml"), "-d", str(out)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,  # a worker waiting for ever would hang the build: fail instead
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmp)},
    )


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_the_site_is_the_same_whatever_the_number_of_processes(tmp_path: Path) -> None:
    sites = {}
    for processes in (1, 3):
        root = with_options(
            dated_tree(tmp_path / f"p{processes}"), processes=processes, search_shard_pages=4
        )
        # An editorial page (the main process's) linking to pages that workers render.
        events = sorted(p.stem for p in (root / "content" / "events").glob("*.md"))
        links = "".join(f"- [{slug}](agenda/{slug}.md)\n" for slug in events)
        (root / "pages" / "liens.md").write_text(f"# Liens\n\n{links}", encoding="utf-8")
        result = build(root, tmp_path / f"site-{processes}", tmp_path / "tmp")
        assert result.returncode == 0, result.stderr
        said = "Pages rendues par 3 processus" in result.stderr
        assert said == (processes == 3), result.stderr
        assert "excluded from the built site" not in result.stderr  # MkDocs' note, filtered
        sites[processes] = files(tmp_path / f"site-{processes}")
        page = BeautifulSoup(sites[processes]["liens/index.html"], "html.parser")
        hrefs = [a["href"] for a in page.select("article li a")]
        assert hrefs == [f"../agenda/{slug}/" for slug in events]
    one, three = sites[1], sites[3]
    assert sorted(one) == sorted(three)
    assert [name for name in one if one[name] != three[name]] == []
    # The split matters: pages in several bundles, each page in the sitemap once, the feeds
    # and open data (a worker's) written.
    written = {"pagefind-3/pagefind-entry.json", "sitemap.xml", "agenda.ics", "api/actions.json"}
    assert written <= set(three)
    sitemap = three["sitemap.xml"].decode()
    pages = [name for name in three if name.endswith("index.html")]
    assert sitemap.count("<loc>") == len(pages) > 20
    assert not list((tmp_path / "tmp").iterdir())  # search's work folder removed


def test_a_failing_worker_fails_the_build_and_says_so(tmp_path: Path) -> None:
    # One process per page dealt out: the main process renders the first (a key-figures or
    # campus page), workers every event page, whose fragment fails.
    root = dated_tree(tmp_path)
    fragments = root / "fragments"
    shutil.copytree(REPO / "theme" / "fragments", fragments)
    event = fragments / "event.html"
    event.write_text("{{ 1 // 0 }}\n" + event.read_text(encoding="utf-8"), encoding="utf-8")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(str(REPO / "theme" / "fragments"), str(fragments)))
    with_options(root, processes=1000)
    result = build(root, tmp_path / "site", tmp_path / "tmp")
    assert result.returncode != 0
    assert "Error reading page 'agenda/" in result.stderr
    assert "Processus de rendu" in result.stderr
    assert re.search(r"\d processus de rendu ont échoué : voir les messages", result.stderr)
    assert "Traceback" in result.stderr  # the worker's: an error in a template is a bug
    assert not list((tmp_path / "tmp").iterdir())


def test_a_warning_in_a_worker_fails_a_strict_build(tmp_path: Path) -> None:
    results = []
    for processes in (1, 1000):
        root = dated_tree(tmp_path / f"p{processes}")
        event = root / "content" / "events" / "webinaire-novembre.md"
        event.write_text(
            event.read_text(encoding="utf-8") + "\n[Programme](programme.md)\n", encoding="utf-8"
        )
        with_options(root, processes=processes)
        results.append(build(root, tmp_path / f"site-{processes}", tmp_path / "tmp"))
    for result in results:
        assert result.returncode != 0
        assert "contains a link 'programme.md', but the target" in result.stderr
        # The main process counts the worker's warning once, as the line below.
        assert "Aborted with 1 warnings in strict mode!" in result.stdout
    assert "1 avertissement des processus de rendu, ci-dessus." in results[1].stderr
