"""The incremental preview (generator/mkdocs_plugin/incremental.py, generator/dependencies.py):
after each kind of edit, the site ``mkdocs serve`` rebuilt is the site a fresh ``mkdocs build``
of the same tree writes, file by file and byte for byte, search bundles included.

The rebuilds run in this process, as ``mkdocs serve`` runs them (the configuration loaded again,
MkDocs' ``build`` into the same folder, the plugin kept between builds); tests/test_serve.py
runs the real server.
"""

from __future__ import annotations

import gc
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from generator.mkdocs_plugin.plugin import FULL_PASSES, PortalPlugin

from .support import SERVE_URL, files_of, mkdocs_build, preview_tree, replace_in, with_options

# The fixture's pages/index.md gives way to the generated home, as in every build of it.
pytestmark = pytest.mark.filterwarnings("ignore:To replace an existing file:DeprecationWarning")

RENDERED = re.compile(r"Aperçu : (\d+) pages sur (\d+) rendues de nouveau\.")


class Preview:
    """``mkdocs serve``'s builds, in this process."""

    def __init__(self, root: Path, site_dir: Path) -> None:
        self.root = root
        self.site_dir = site_dir
        site_dir.mkdir()
        config = self.config()
        config.plugins.on_startup(command="serve", dirty=False)
        self.config_seen = config
        self.rebuild(config)

    def config(self) -> MkDocsConfig:
        config = load_config(config_file=str(self.root / "mkdocs.yml"), site_dir=str(self.site_dir))
        config.site_url = SERVE_URL
        return config

    def rebuild(self, config: MkDocsConfig | None = None) -> None:
        config = config or self.config()
        try:
            build(config, serve_url=SERVE_URL)
        finally:
            # The preview's Pagefind runs end after the build, while the page is shown.
            plugin = config.plugins["portal"]
            assert isinstance(plugin, PortalPlugin)
            plugin.wait_for_search()
            # The collector's full passes, held during the build, are back, failed build or not.
            assert gc.get_threshold()[2] == FULL_PASSES

    def close(self) -> None:
        # MkDocs keeps the plugin for the whole process: leave it as a build would find it.
        self.config_seen.plugins.on_startup(command="build", dirty=False)
        self.config_seen.plugins.on_shutdown()


@pytest.fixture
def preview(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Preview]:
    """A preview of the fixture; ``request.param`` 2: every rebuild that renders pages renders
    them in two processes, and search has shards of at most 8 pages (the fixture's 14 indexed
    pages: 2 shards of 7; a page added: 2 shards of 8, and a page whose number holds may change
    shard)."""
    root = preview_tree(tmp_path)
    if getattr(request, "param", 1) == 2:
        with_options(root, processes=2, serve_processes_from=1)
        replace_in(root / "mkdocs.yml", "search_shard_pages: 4", "search_shard_pages: 8")
    served = Preview(root, tmp_path / "served")
    yield served
    served.close()


def assert_same_as_full_build(preview: Preview, tmp_path: Path, name: str) -> None:
    out = tmp_path / f"full-{name}"
    result = mkdocs_build(preview.root, out)
    assert result.returncode == 0, result.stderr
    served, full = files_of(preview.site_dir), files_of(out)
    assert sorted(served) == sorted(full), name
    different = [path for path in full if served[path] != full[path]]
    assert not different, (name, different)


def rendered(caplog: pytest.LogCaptureFixture) -> tuple[int, int]:
    """(pages rendered, pages in the site) of the last rebuild that reused pages."""
    found = RENDERED.findall(caplog.text)
    assert found, "no page reused"
    n, total = found[-1]
    return int(n), int(total)


@pytest.mark.parametrize("preview", [1, 2], indirect=True, ids=["one process", "two"])
def test_every_kind_of_edit_gives_the_site_a_full_build_gives(
    preview: Preview, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.portal")
    root = preview.root
    assert_same_as_full_build(preview, tmp_path, "first")
    plugin = preview.config_seen.plugins["portal"]
    assert isinstance(plugin, PortalPlugin)
    forks = plugin.config.serve_processes_from == 1

    def edit(name: str) -> None:
        caplog.clear()
        preview.rebuild()
        assert_same_as_full_build(preview, tmp_path, name)
        if RENDERED.search(caplog.text):
            assert ("Pages rendues par 2 processus." in caplog.text) == forks, name

    # An action's summary: its page, lists, campus pages; not the other items' pages.
    replace_in(
        root / "content/actions/engagement-tour.md", "summary: ", "summary: Nouveau résumé. "
    )
    edit("action")
    n, total = rendered(caplog)
    assert n < total
    # /glossaire/ shows of each item its title, address and acronyms: it holds here.
    assert "glossaire/index.html" in plugin.incremental.reused
    action = root / "content/actions/engagement-tour.md"
    replace_in(action, "title: Engagement tour", "title: Engagement tour d'été")
    edit("action title")
    assert "glossaire/index.html" not in plugin.incremental.reused
    replace_in(action, "avec l’ESTP ;", "avec l’ESTP et un CFA ;")
    edit("acronym used")
    assert "glossaire/index.html" not in plugin.incremental.reused

    replace_in(root / "content/events/afterwork-bois.md", "Visite des", "Visite guidée des")
    edit("event")
    assert rendered(caplog)[0] < total

    campus = root / "campuses/green-city.md"
    replace_in(campus, "\n---\n", "\n---\nUne phrase de plus sur le campus.\n\n")
    edit("campus")

    # A glossary entry's definition: /glossaire/ only; its expansion: every page marking it.
    estp = root / "content/glossary/estp.md"
    estp.write_text(estp.read_text(encoding="utf-8") + "\nUne école d’ingénieurs.\n", "utf-8")
    edit("glossary definition")
    assert rendered(caplog)[0] < total
    assert "glossaire/index.html" not in plugin.incremental.reused
    replace_in(root / "content/glossary/cfa.md", "Centre de Formation", "Centre de formation")
    edit("glossary")
    assert not RENDERED.search(caplog.text)  # whole

    # A vocabulary's label: the pages showing an item that uses it (and the lists); a link's
    # target (a venue's intervention type) is followed too. Its order: everything again.
    formats = root / "content/vocabularies/formats.yml"
    replace_in(formats, "atelier: Atelier", "atelier: Atelier pratique")
    edit("vocabulary")
    assert rendered(caplog)[0] < total
    assert "actions/engagement-tour/index.html" in plugin.incremental.reused  # a stage
    interventions = root / "content/vocabularies/interventions.yml"
    replace_in(interventions, "Sortie", "Sortie scolaire")
    edit("linked vocabulary")
    assert "actions/engagement-tour/index.html" not in plugin.incremental.reused  # on a site
    lines = formats.read_text(encoding="utf-8").splitlines(keepends=True)
    formats.write_text("".join([*lines[1:], lines[0]]), encoding="utf-8")
    edit("vocabulary order")
    assert not RENDERED.search(caplog.text)  # whole

    # A page fragment of the theme.
    replace_in(root / "theme/fragments/event.html", "<dl", "<p>Fiche de l'événement</p>\n<dl")
    edit("template")

    page = root / "pages/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUn paragraphe de plus.\n", "utf-8")
    edit("editorial page")

    added = root / "content/events/rencontre-juin.md"
    added.write_text(
        (root / "content/events/rencontre-mars.md")
        .read_text(encoding="utf-8")
        .replace("2025-03", "2025-06"),
        encoding="utf-8",
    )
    edit("file added")
    assert rendered(caplog)[0] < rendered(caplog)[1]

    (root / "content/events/forum-orientation.md").unlink()
    edit("file removed")

    added.rename(root / "content/events/rencontre-juillet.md")
    edit("file renamed")
    assert rendered(caplog)[0] < rendered(caplog)[1]

    # Nothing changed: every item page is reused.
    edit("nothing")


def test_a_failed_rebuild_is_followed_by_a_whole_one(
    preview: Preview, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.portal")
    action = preview.root / "content/actions/engagement-tour.md"
    good = action.read_text(encoding="utf-8")
    action.write_text(good.replace("title:", "titre:", 1), encoding="utf-8")
    with pytest.raises(Exception):  # noqa: B017 - MkDocs' Abort, its message logged
        preview.rebuild()
    action.write_text(good.replace("summary: ", "summary: Corrigé. ", 1), encoding="utf-8")
    caplog.clear()
    preview.rebuild()
    assert not RENDERED.search(caplog.text)  # whole
    assert_same_as_full_build(preview, tmp_path, "after-error")
