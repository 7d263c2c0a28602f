"""Full-text search: Pagefind bundles written beside the site, while the site is being built.

Material's own search fetches one ``search_index.json`` holding the text of every page before it
answers (64 MB at 8,000 items); Pagefind splits its index in small chunks, so a query fetches a few
tens of kilobytes whatever the size of the portal, and it stems French.

Two costs of Pagefind grow with the site, and both are bounded here:

- **memory**: its indexer holds about 45 bytes per character of indexed text (2.3 GB for 10,000
  items). Pages are therefore indexed in shards of at most ``shard_pages`` pages, one Pagefind run
  each, one run at a time while MkDocs holds its memory, into bundles of their own
  (``pagefind/``, ``pagefind-2/``, …) that the browser searches together (Pagefind's
  ``mergeIndex``, set up by ``search.js``);
- **time**: a page's indexed part, its content, is known as soon as it is rendered, long before
  MkDocs writes the page. Each page's content is written at once, as a small HTML file of its
  own, in a work folder, and a shard is indexed as soon as all its pages are, in a separate
  process, while MkDocs goes on (one run at a time while pages are rendered, two once they all
  are).

The binary comes with the pinned ``pagefind[bin]`` wheel; its output is deterministic, and so is
the split in shards (by the pages' numbers in MkDocs' order).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path

BUNDLE = "pagefind"  # the first bundle's folder in the site: /pagefind/pagefind-component-ui.js, …
# Pages per Pagefind run, at most: about 270 MB of indexer at 6 KB of text a page, which with the
# MkDocs processes keeps a 10,000-item build under 1 GB.
SHARD_PAGES = 1000
# Pagefind runs at once once the pages are all rendered (``finish``): the rendering processes
# have ended, so two indexers fit in the memory they held, and the build's last minutes use
# both cores instead of waiting for the shards one after the other.
RUNS_AT_END = 2


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
    # Pagefind splits « l'orientation » into words at a typewriter apostrophe, not at French
    # typography's ’: a visitor typing « orientation » must find « l’orientation ». (Results
    # then show the typewriter apostrophe.)
    title, content = title.replace("\u2019", "'"), content.replace("\u2019", "'")
    return (
        f'<!doctype html><html lang="{escape(language)}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head>"
        f"<body><main data-pagefind-body>{heading}{content}</main></body></html>\n"
    )


class SearchIndexer:
    """Indexes a build's pages into ``site_dir`` while they are rendered; ``finish()`` waits for
    the last run.

    The indexed pages are numbered in the build's order, 0 to ``pages - 1``, before any is
    rendered; shards are of even sizes, of at most ``shard_pages``, and page ``i`` belongs to
    shard ``i // size``. Every shard has pages, so the bundles are known from the start
    (``bundles``): every page names them, whichever process renders it. A page is *settled*
    once its content is written to its shard's folder (``write``); a shard whose pages are all
    settled is handed to Pagefind, shards in their order, one run at a time while pages are
    rendered (``poll``), so that one indexer at most adds its memory to theirs, and
    ``RUNS_AT_END`` at a time once they all are (``finish``).
    Since shards follow page numbers and not the order pages are rendered in, the bundles are the
    same whether one process renders the pages or several (the other processes only ``write``,
    and the process that owns the indexer settles their pages as they report them).
    """

    def __init__(
        self,
        site_dir: Path,
        language: str,
        pages: int,
        shard_pages: int = SHARD_PAGES,
        work: Path | None = None,
    ) -> None:
        self.site_dir = site_dir
        self.language = language
        # As many shards as ``shard_pages`` requires, of even sizes (2,010 pages: 3 of 670).
        shards = -(-pages // max(1, shard_pages))
        self.size = size = max(1, -(-pages // max(1, shards)))
        # Per shard: its pages not settled yet.
        self.unsettled = [min(size, pages - start) for start in range(0, pages, size)]
        # ``work`` given (the preview): the pages' documents stay there for the next build,
        # which writes again only those that changed (``kept``, ``prune``).
        self.keep = work is not None
        self.changed: set[int] = set()  # kept: the shards whose documents changed
        # Kept: the folder holding the previous build's bundles, made from the documents kept;
        # a shard whose documents did not change takes its bundle from there (``reuse``).
        self.reuse_from: Path | None = None
        self.reused: set[int] = set()
        self.work = work if work is not None else Path(tempfile.mkdtemp(prefix="portal-recherche-"))
        self.started = 0  # shards handed to Pagefind so far
        self.running: list[tuple[int, subprocess.Popen[bytes]]] = []
        self.failures: list[str] = []

    def write(self, index: int, dest: str, title: str, content: str) -> bool:
        """Write what Pagefind reads of page ``index``, written at ``dest``
        (``actions/x/index.html``), whose content is ``content`` (HTML, the page's part inside
        Material's article). Safe in another process: it only writes a file; whether the
        document changed (kept documents) is returned, for ``written`` in the main process."""
        path = self.path(index, dest)
        text = indexed_document(title, content, self.language)
        if self.keep and path.is_file() and path.read_text(encoding="utf-8") == text:
            return False
        self.written(index, changed=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return True

    def written(self, index: int, changed: bool) -> None:
        """Page ``index``'s document is written (here or in another process), changed or not."""
        if self.keep and changed:
            self.changed.add(index // self.size)

    def move(self, before: str, index: int, dest: str) -> None:
        """A kept document, unchanged, at ``before`` (its ``document`` in the previous build),
        now that of page ``index``: moved to its shard, if that is another (its number changed,
        or the shards' size: a page added or removed). Before ``prune``."""
        now = self.document(index, dest)
        if now == before:
            return
        path = self.work / now
        path.parent.mkdir(parents=True, exist_ok=True)
        (self.work / before).rename(path)
        self.changed.update({int(before.partition("/")[0]), index // self.size})

    def document(self, index: int, dest: str) -> str:
        """Where the document of page ``index``, written at ``dest``, goes in the work folder."""
        return f"{index // self.size}/{dest}"

    def path(self, index: int, dest: str) -> Path:
        return self.work / self.document(index, dest)

    def prune(self, pages: dict[int, str]) -> None:
        """Remove from a kept work folder every document but those of ``pages`` (number →
        destination): pages gone, or now in another shard."""
        # Walked and compared as strings: Path objects made, hashed and compared by the
        # thousand cost a tenth of a second of a preview rebuild at 2,000 items.
        wanted = {self.document(index, dest) for index, dest in pages.items()}
        work = str(self.work)
        for folder, _, names in os.walk(work):
            inside = os.path.relpath(folder, work)
            for name in names:
                document = name if inside == "." else f"{inside}/{name}"
                if document not in wanted:
                    (self.work / document).unlink()
                    shard = document.partition("/")[0]
                    if shard.isdigit():
                        self.changed.add(int(shard))

    def settle(self, index: int) -> None:
        """Page ``index`` is written; index what is ready."""
        self.unsettled[index // self.size] -= 1
        self.poll()

    def bundles(self) -> list[str]:
        """The bundles' folders, the first one first (the one the theme's script comes from)."""
        return [bundle_name(shard) for shard in range(max(1, len(self.unsettled)))]

    def finish(self, runs: int = RUNS_AT_END) -> None:
        """Index what is left, ``runs`` shards at a time, wait for every run, and clean the work
        folder up."""
        self.unsettled = [0] * len(self.unsettled)  # no page comes any more
        try:
            while True:
                self.poll(runs)
                if not self.running:
                    break
                shard, process = self.running[0]
                self._collect(shard, process, process.wait())
        finally:
            self.close()
        if self.failures:
            detail = " ; ".join(self.failures)
            raise SearchIndexError(f"l'index de recherche n'a pas pu être construit : {detail}")

    def close(self) -> None:
        """Stop the runs still going (the build failed) and remove the work folder."""
        for _, process in self.running:
            process.kill()
            process.wait()
        self.running = []
        if not self.keep:
            shutil.rmtree(self.work, ignore_errors=True)

    def poll(self, runs: int = 1) -> None:
        """Start the next shards when they are settled, ``runs`` at most at a time (cheap: call
        it often). While pages are rendered, one: the indexer's memory adds to theirs."""
        for shard, process in list(self.running):
            code = process.poll()
            if code is not None:
                self._collect(shard, process, code)
        while (
            self.started < len(self.unsettled)
            and self.unsettled[self.started] == 0
            and not self.failures
        ):
            shard = self.started
            if shard in self.reused or self._reuse(shard):
                self.started += 1
                continue
            if len(self.running) >= runs:
                break
            self.started += 1
            command = pagefind_command(self.work / str(shard), self._output(shard))
            # Its messages go to a file: a pipe read only at the end could fill up and block it.
            with (self.work / f"{shard}.log").open("wb") as log:
                try:
                    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
                except OSError as exc:
                    self.failures.append(f"Pagefind n'a pas pu être lancé : {exc}")
                    return
            self.running.append((shard, process))

    def _output(self, shard: int) -> Path:
        """Where Pagefind writes the bundle of ``shard``: the site, or for a preview the work
        folder, from which it is moved into the site once written (incremental.py replaces the
        preview's site folder at the end of a build, while Pagefind may still run)."""
        if not self.keep:
            return self.site_dir / bundle_name(shard)
        return self.work / f"{bundle_name(shard)}.bundle"

    def reuse_unchanged(self) -> None:
        """Every page is written: take now the previous bundles of the shards whose documents
        did not change (the folder they are in may go once the build ends)."""
        self.unsettled = [0] * len(self.unsettled)
        for shard in range(self.started, len(self.unsettled)):
            self._reuse(shard)
        self.poll()

    def _reuse(self, shard: int) -> bool:
        """Move the previous bundle of ``shard`` into the site if its documents are the same."""
        if not self.keep or self.reuse_from is None or shard in self.changed:
            return False
        if shard in self.reused:
            return True
        previous = self.reuse_from / bundle_name(shard)
        if not previous.is_dir():
            return False
        previous.rename(self.site_dir / bundle_name(shard))
        self.reused.add(shard)
        return True

    def _collect(self, shard: int, process: subprocess.Popen[bytes], code: int) -> None:
        """Note how the run went, and remove its pages from the work folder."""
        self.running.remove((shard, process))
        log = self.work / f"{shard}.log"
        if code != 0:
            errors = log.read_text(encoding="utf-8", errors="replace").strip()
            self.failures.append(f"{bundle_name(shard)} : {errors or f'code de sortie {code}'}")
        elif self.keep:  # into the site now: the preview's folder may have been replaced
            bundle = self.site_dir / bundle_name(shard)
            shutil.rmtree(bundle, ignore_errors=True)
            shutil.move(self._output(shard), bundle)
        if not self.keep:
            shutil.rmtree(self.work / str(shard), ignore_errors=True)
        log.unlink(missing_ok=True)
