"""Full-text search: Pagefind bundles written beside the site, while the site is being built.

Material's own search fetches one ``search_index.json`` holding the text of every page before it
answers (64 MB at 8,000 items); Pagefind splits its index in small chunks, so a query fetches a few
tens of kilobytes whatever the size of the portal, and it stems French.

Two costs of Pagefind grow with the site, and both are bounded here:

- **memory**: its indexer holds about 45 bytes per character of indexed text (2.3 GB for 10,000
  items). Pages are therefore indexed in shards of at most ``shard_pages`` pages, one Pagefind run
  each, one run at a time, into bundles of their own (``pagefind/``, ``pagefind-2/``, …) that the
  browser searches together (Pagefind's ``mergeIndex``, set up by ``search.js``);
- **time**: a page's indexed part, its content, is known as soon as it is rendered, long before
  MkDocs writes the page. Each page's content is written at once, as a small HTML file of its
  own, in a work folder, and a shard is indexed as soon as it is full, in a separate process,
  on the machine's other core, while MkDocs goes on.

The binary comes with the pinned ``pagefind[bin]`` wheel; its output is deterministic, and so is
the split in shards (pages are added in MkDocs' order).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path

BUNDLE = "pagefind"  # the first bundle's folder in the site: /pagefind/pagefind-component-ui.js, …
SHARD_PAGES = 1500  # pages per Pagefind run: about 400 MB of indexer at 6 KB of text a page


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message is French, for the person building."""


def bundle_name(shard: int) -> str:
    """The folder of shard ``shard`` (0-based) in the site: pagefind, pagefind-2, pagefind-3…"""
    return BUNDLE if shard == 0 else f"{BUNDLE}-{shard + 1}"


def pagefind_command(pages_dir: Path, bundle_dir: Path) -> list[str]:
    """The Pagefind run that indexes the HTML files under ``pages_dir`` (their URLs are their
    paths there) into ``bundle_dir`` (the benchmark measures the same command)."""
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(pages_dir),
        "--output-path",
        str(bundle_dir),
        "--silent",
    ]


def indexed_document(title: str, content: str, language: str) -> str:
    """What Pagefind reads of a page: its content, under the page's title as Material shows it
    (Material adds an ``<h1>`` with the title when the content has none)."""
    heading = "" if "<h1" in content else f"<h1>{escape(title)}</h1>"
    return (
        f'<!doctype html><html lang="{escape(language)}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head>"
        f"<body><main data-pagefind-body>{heading}{content}</main></body></html>\n"
    )


class SearchIndexer:
    """Indexes pages into ``site_dir`` as they are added; ``finish()`` waits for the last run.

    A shard is started when it is full; while a run is going, the next full shard waits for it,
    so at most one indexer holds memory at a time.
    """

    def __init__(self, site_dir: Path, language: str, shard_pages: int = SHARD_PAGES) -> None:
        self.site_dir = site_dir
        self.language = language
        self.shard_pages = max(1, shard_pages)
        self.work = Path(tempfile.mkdtemp(prefix="portal-recherche-"))
        self.pages = 0
        self.started = 0  # shards handed to Pagefind so far; shards run in their order
        self.running: tuple[int, subprocess.Popen[bytes]] | None = None
        self.failures: list[str] = []

    def add(self, dest: str, title: str, content: str) -> None:
        """Add the page written at ``dest`` (``actions/x/index.html``), whose content is
        ``content`` (HTML, the page's part inside Material's article)."""
        shard = self.pages // self.shard_pages
        path = self.work / str(shard) / dest
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(indexed_document(title, content, self.language), encoding="utf-8")
        self.pages += 1
        self._advance(ready=self.pages // self.shard_pages)  # the full shards

    def bundles(self) -> list[str]:
        """The bundles' folders, the first one first (the one the theme's script comes from)."""
        return [bundle_name(k) for k in range(max(1, self._shards()))]

    def _shards(self) -> int:
        return -(-self.pages // self.shard_pages)  # the last one may not be full

    def finish(self) -> None:
        """Index what is left, wait for every run, and clean the work folder up."""
        try:
            ready = self._shards()
            while self.running is not None or (self.started < ready and not self.failures):
                if self.running is not None:
                    self._collect(self.running[1].wait())
                self._advance(ready)
        finally:
            self.close()
        if self.failures:
            detail = " ; ".join(self.failures)
            raise SearchIndexError(f"l'index de recherche n'a pas pu être construit : {detail}")

    def close(self) -> None:
        """Stop a run still going (the build failed) and remove the work folder."""
        if self.running is not None:
            self.running[1].kill()
            self.running[1].wait()
            self.running = None
        shutil.rmtree(self.work, ignore_errors=True)

    def _advance(self, ready: int) -> None:
        """Start the next of the first ``ready`` shards when no run is going."""
        if self.running is not None:
            code = self.running[1].poll()
            if code is None:
                return
            self._collect(code)
        if self.started < ready and not self.failures:
            shard = self.started
            self.started += 1
            command = pagefind_command(self.work / str(shard), self.site_dir / bundle_name(shard))
            # Its messages go to a file: a pipe read only at the end could fill up and block it.
            with (self.work / f"{shard}.log").open("wb") as log:
                try:
                    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
                except OSError as exc:
                    self.failures.append(f"Pagefind n'a pas pu être lancé : {exc}")
                    return
            self.running = (shard, process)

    def _collect(self, code: int) -> None:
        """Note how the run went, and remove its pages (the disk holds one shard at a time)."""
        assert self.running is not None
        shard = self.running[0]
        self.running = None
        log = self.work / f"{shard}.log"
        if code != 0:
            errors = log.read_text(encoding="utf-8", errors="replace").strip()
            self.failures.append(f"{bundle_name(shard)} : {errors or f'code de sortie {code}'}")
        shutil.rmtree(self.work / str(shard), ignore_errors=True)
        log.unlink(missing_ok=True)
