"""What the MkDocs adapter relies on beyond MkDocs' plugin API: one test per internal.

The adapter's performance machinery leans on behaviours MkDocs and Material do not promise
(generator/mkdocs_plugin/: deferred.py, nav_cache.py, workers.py, incremental.py,
material_fixes.py). Each test here builds or reads the real thing, without the portal plugin,
and fails when the behaviour changes, so that an upgrade says which piece to look at:

- ``File._content`` is where a generated file's text is read from (deferred.py);
- ``jinja2.Template.root_render_func`` is what renders a template (nav_cache.py), and Material
  includes ``partials/nav.html`` and ``partials/tabs.html`` in every page;
- a file at inclusion level ``EXCLUDED`` stays in the files but out of MkDocs' loops of reading,
  rendering and writing pages (workers.py, incremental.py);
- MkDocs' INFO note about a link to an excluded page has the wording workers.py filters;
- the sitemap template lists the files of its ``pages`` context variable that have a Page,
  excluded ones too, and ``Page(None, file, config)`` gives a file one (workers.py,
  incremental.py, the plugin's ``on_template_context``);
- the ``mkdocs`` logger's ``CountHandler`` counts the warnings ``--strict`` fails on
  (workers.py);
- the HTML material_fixes.py replaces is what Material writes;
- MkDocs' server polls with the watchdog observer in its ``observer``, whose emitters keep
  their interval in ``_timeout``, take each poll's snapshot with ``_take_snapshot``, keep
  the last one in ``_snapshot`` and take the first in ``on_thread_start``, under the
  emitter's ``_lock``; the server rebuilds when ``_want_rebuild`` is set under
  ``_rebuild_cond`` and lists its watched paths in ``_watched_paths`` (polling.py).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

import jinja2
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from generator.mkdocs_plugin.deferred import DeferredFile
from generator.mkdocs_plugin.material_fixes import FIXES
from generator.mkdocs_plugin.nav_cache import PARTIALS
from generator.mkdocs_plugin.workers import _EXCLUDED_LINK


def bare_config(root: Path, text: str = "", **options: Any) -> MkDocsConfig:
    """A configuration of its own in ``root`` (docs/, site/), not the repository's mkdocs.yml."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(f"site_name: Essai\n{text}", encoding="utf-8")
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"), **options)
    config.plugins.on_startup(command="build", dirty=False)  # as a build starts
    return config


class Probe(BasePlugin):  # type: ignore[type-arg]
    """Leaves ``excluded.md`` out of the build's loops once the nav is built, as workers do."""

    excluded_page: Any = None
    files: Any = None

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        file = files.get_file_from_path("excluded.md")
        assert file is not None
        file.inclusion = InclusionLevel.EXCLUDED
        return nav

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        file = files.get_file_from_path("excluded.md")
        assert file is not None
        if file.page is None:  # as workers.py does (MkDocs 1.6's nav gives every file one)
            Page(None, file, config)
        self.excluded_page = file.page
        self.files = files
        return env

    def on_template_context(self, context: Any, /, *, template_name: str, config: Any) -> Any:
        if template_name == "sitemap.xml":  # as the plugin does when workers rendered pages
            context["pages"] = self.files.documentation_pages(inclusion=lambda _: True)
        return context


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Probe, list[str]]:
    """A three-page Material site built with the probe plugin; what MkDocs logged."""
    root = tmp_path_factory.mktemp("internals")
    docs = root / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Accueil\n\n[Exclue](excluded.md)\n", encoding="utf-8")
    (docs / "excluded.md").write_text("# Exclue\n", encoding="utf-8")
    (docs / "other.md").write_text("# Autre\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Essai\nsite_url: https://example.org/\ntheme:\n  name: material\n"
        "  features: [navigation.tabs]\nnav:\n  - index.md\n  - other.md\n"
        "validation:\n  nav:\n    omitted_files: ignore\n",
        encoding="utf-8",
    )
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    probe = Probe()
    config.plugins["probe"] = probe
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    keep = Keep(logging.DEBUG)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(keep)
    level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    finally:
        logger.removeHandler(keep)
        logger.setLevel(level)
    return root / "site", probe, records


def test_a_generated_file_is_read_from_its_content_attribute(tmp_path: Path) -> None:
    config = bare_config(tmp_path)
    calls: list[int] = []

    def render() -> str:
        calls.append(1)
        return "BEGIN:VCALENDAR\n"

    file = DeferredFile.deferred(config, "agenda.ics", render)
    assert calls == []  # listed, not rendered
    assert file.content_string == "BEGIN:VCALENDAR\n"
    assert file.content_bytes == b"BEGIN:VCALENDAR\n"
    file.copy_file()  # what MkDocs' build does with a file that is not a page
    assert (tmp_path / "site" / "agenda.ics").read_text(encoding="utf-8") == "BEGIN:VCALENDAR\n"
    assert calls == [1]


def test_a_template_renders_through_its_root_render_func() -> None:
    template = jinja2.Environment().from_string("drawn {{ n }}")
    original = template.root_render_func

    def twice(context: Any) -> Any:
        yield from original(context)
        yield from original(context)

    template.root_render_func = twice
    assert template.render(n=1) == "drawn 1drawn 1"


def test_material_draws_its_nav_partials_into_every_page(small_site: Any) -> None:
    config = bare_config(small_site[0].parent / "theme", "theme: material\n")
    loader = config.theme.get_env().loader
    assert loader is not None
    base = loader.get_source(config.theme.get_env(), "base.html")[0]
    header = loader.get_source(config.theme.get_env(), "partials/header.html")[0]
    for partial in PARTIALS:
        # base.html includes the nav; the header or base.html, the tabs.
        assert f'"{partial}"' in base or f'"{partial}"' in header, partial


def test_an_excluded_file_stays_out_of_the_loops_and_its_link_is_noted(small_site: Any) -> None:
    site, _, records = small_site
    assert (site / "index.html").is_file() and (site / "other" / "index.html").is_file()
    assert not (site / "excluded" / "index.html").exists()  # neither rendered nor written
    notes = [m for m in records if _EXCLUDED_LINK.search(m)]
    assert notes, [m for m in records if "excluded" in m]
    match = _EXCLUDED_LINK.search(notes[0])
    assert match is not None and match["target"] == "excluded.md"


def test_a_stand_in_page_is_listed_by_the_sitemap(small_site: Any) -> None:
    site, probe, _ = small_site
    assert probe.excluded_page is not None
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.org/excluded/" in sitemap


def test_strict_counts_warnings_with_the_mkdocs_loggers_count_handler(tmp_path: Path) -> None:
    config = bare_config(tmp_path, "strict: true\n")
    (tmp_path / "docs" / "index.md").write_text("[perdu](absent.md)\n", encoding="utf-8")
    with pytest.raises(Exception, match="warning"):
        build(config)
    handlers = [h for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)]
    assert handlers == [], "MkDocs removes its counter after the build"
    # During a build, the counter is the mkdocs logger's: a plugin sees it.
    seen: list[int] = []

    class Look(BasePlugin):  # type: ignore[type-arg]
        def on_post_build(self, *, config: MkDocsConfig) -> None:
            counters = [
                h for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)
            ]
            seen.extend(n for h in counters for _, n in h.get_counts())

    config = bare_config(tmp_path, "strict: true\n")
    config.plugins["look"] = Look()
    with pytest.raises(Exception, match="warning"):
        build(config)
    assert seen == [1]


def test_material_writes_the_html_its_fixes_replace(small_site: Any) -> None:
    site, _, _ = small_site
    html = (site / "index.html").read_text(encoding="utf-8")
    for before, _after, why in FIXES:
        assert before in html, why


def test_the_file_api_the_adapter_builds_on(tmp_path: Path) -> None:
    config = bare_config(tmp_path)
    page = File.generated(config, "campus/x.md", content="# X\n")
    assert page.is_documentation_page() and page.url == "campus/x/"
    assert page.inclusion is InclusionLevel.UNDEFINED or page.inclusion.is_included()


def test_the_servers_polling_interval_is_its_observers(tmp_path: Path) -> None:
    from mkdocs.livereload import LiveReloadServer

    from generator.mkdocs_plugin.polling import MKDOCS, QUICK, QUICK_UP_TO, Polling

    early, late = tmp_path / "docs", tmp_path / "content"
    early.mkdir(), late.mkdir()
    server = LiveReloadServer(lambda: None, "127.0.0.1", 0, str(tmp_path / "site"))
    server.server_close()  # never served: its socket is not needed
    server.watch(str(early))  # as MkDocs watches docs_dir before the plugins' on_serve
    assert {e.timeout for e in server.observer.emitters} == {MKDOCS}
    polling = Polling()
    assert polling.start(server, [late])
    server.watch(str(late))
    assert len(server.observer.emitters) == 2
    assert {e.timeout for e in server.observer.emitters} == {QUICK}
    # A big portal keeps MkDocs' interval.
    for n in range(QUICK_UP_TO + 1):
        (late / f"{n}.md").touch()
    other = LiveReloadServer(lambda: None, "127.0.0.1", 0, str(tmp_path / "site"))
    other.server_close()
    assert not Polling().start(other, [late])
    other.watch(str(late))
    assert {e.timeout for e in other.observer.emitters} == {MKDOCS}


class Watched:
    """A page in a folder that MkDocs' live-reload server watches, with the plugin's polling;
    ``seen`` is set at the first change the observer reports."""

    def __init__(self, tmp_path: Path) -> None:
        from mkdocs.livereload import LiveReloadServer
        from watchdog.events import FileSystemEvent, FileSystemEventHandler

        from generator.mkdocs_plugin.polling import Polling

        self.paths: list[str] = []
        self.seen = threading.Event()
        watched = self

        class Seen(FileSystemEventHandler):
            def on_modified(self, event: FileSystemEvent) -> None:
                watched.paths.append(str(event.src_path))
                watched.seen.set()

        folder = tmp_path / "content"
        folder.mkdir()
        self.page = folder / "page.md"
        self.page.write_text("avant\n")
        self.server = LiveReloadServer(lambda: None, "127.0.0.1", 0, str(tmp_path / "site"))
        self.server.server_close()
        self.server.observer.schedule(Seen(), str(folder), recursive=True)
        self.polling = Polling()
        assert self.polling.start(self.server, [folder])

    def touch(self, at: float) -> None:
        os.utime(self.page, (at, at))

    def stop(self) -> None:
        self.server.observer.stop()
        self.server.observer.join()


def test_the_servers_polls_read_no_file_during_a_rebuild(tmp_path: Path) -> None:
    watched = Watched(tmp_path)
    server, polling = watched.server, watched.polling
    read: list[float] = []
    for emitter in server.observer.emitters:  # count the polls that read the folder
        take = emitter._take_snapshot
        emitter._take_snapshot = lambda take=take: read.append(time.monotonic()) or take()
    server.observer.start()
    try:
        polling.building()
        time.sleep(0.3)  # let a poll begun before the rebuild end
        started = time.monotonic()
        watched.touch(time.time() + 10)
        assert not watched.seen.wait(1.0), "a poll saw the change during the rebuild"
        assert not [t for t in read if t > started], "a poll read the folder during the rebuild"
        polling.built()
        assert watched.seen.wait(5.0), "the change made during the rebuild was missed"
        assert watched.paths == [str(watched.page)]
    finally:
        polling.built()
        watched.stop()


def test_the_servers_first_snapshot_is_taken_before_it_serves(tmp_path: Path) -> None:
    watched = Watched(tmp_path)
    watched.polling.settle()
    # A save between the settling (before the server answers) and the emitter's start: without
    # the settling, the emitter's first snapshot would hold it and no poll would see it.
    watched.touch(time.time() + 10)
    watched.server.observer.start()
    try:
        assert watched.seen.wait(5.0), "a save made before the emitter started was missed"
    finally:
        watched.stop()


def test_a_save_the_system_notifies_asks_for_one_rebuild_and_a_read_for_none(
    tmp_path: Path,
) -> None:
    from mkdocs.livereload import LiveReloadServer

    from generator.mkdocs_plugin.polling import Polling

    folder = tmp_path / "content"
    folder.mkdir()
    page = folder / "page.md"
    page.write_text("avant\n")
    server = LiveReloadServer(lambda: None, "127.0.0.1", 0, str(tmp_path / "site"))
    server.server_close()
    server.watch(str(folder))
    polling = Polling()
    polling.start(server, [folder])
    polling.settle()
    # The polling observer is never started: only the notifications can ask for a rebuild,
    # and the test runs the next poll itself.
    (emitter,) = server.observer.emitters
    polled: list[str] = []
    emitter.queue_event = lambda event: polled.append(str(event.src_path))

    def rebuild_wanted(timeout: float) -> bool:
        with server._rebuild_cond:
            return server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=timeout)

    polling.notify(server)
    try:
        assert page.read_text() == "avant\n"
        assert not rebuild_wanted(0.5), "reading a file asked for a rebuild"
        page.write_text("après\n")
        assert rebuild_wanted(5.0), "the system's notification asked for no rebuild"
        server._want_rebuild = False  # as the server does before it rebuilds
        polling.building()
        polling.built()
        emitter.queue_events(0)  # the first poll after the rebuild
        assert polled == [], "the poll found the change the rebuild read"
        polling.stop()  # no notifications from here: as in a folder they do not reach
        page.write_text("encore\n")
        assert not polling.notified.is_set()
        polling.building()
        polling.built()
        emitter.queue_events(0)
        assert str(page) in polled, "the poll missed a change"
    finally:
        polling.stop()
