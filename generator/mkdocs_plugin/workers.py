"""Rendering a build's pages in several processes, each running MkDocs' own loops.

MkDocs reads, renders and writes pages one after the other, in one process: a portal of thousands
of items leaves the machine's other cores idle. On Linux, once the nav is built (``on_nav``), the
main process forks ``processes - 1`` workers. Every process then goes on with MkDocs' build as if
nothing happened, over its own part of the pages: the generated item pages are dealt round-robin;
every other page (editorial pages, pages of the nav) and everything written once per build (theme
files, sitemap, 404 page, plugins' post-build work) stays with the main process, except the
generated files rendered as they are written (calendars, open data), which the last worker writes.

A page stays out of a process's loops by MkDocs' own means: its inclusion level is set to
EXCLUDED there. Workers read the nav's pages (not render them), so that the nav they draw has the
same titles. They report to the main process through a pipe each: every page whose content
search may index, and ``done`` with the number of warnings they logged (``--strict`` counts
them).

Under ``mkdocs serve`` (the plugin decides when: ``serve_processes_from``), the same happens
over the pages a rebuild renders again, with the deferred files kept by the main process, which
keeps what they are made of for the next rebuild, the generated pages of the nav dealt too (the
catalogue and the selection, the heaviest pages, would otherwise both fall to the main
process), and every search document reported with whether it changed (the preview's search
reindexes only the shards whose documents changed).

Which process renders a page depends only on the page order and the number of processes, and no
page's output depends on it: tests/test_workers.py builds a site both ways and compares every byte.

MkDocs internals relied on (tests/test_mkdocs_internals.py): a file made ``EXCLUDED`` after the
nav is left out of the reading, rendering and writing loops; the wording of MkDocs' note about
a link to an excluded page; the sitemap lists the files of its ``pages`` context that have a
Page; ``CountHandler`` on the ``mkdocs`` logger counts the warnings of ``--strict``. Forking
mid-build relies on nothing of MkDocs but that its build runs in one thread. Under ``mkdocs serve``,
the server's and the polling's threads are not in a worker, which uses nothing they hold: the
server answers no page while a build runs, and Python resets logging's locks in a forked child.
"""

from __future__ import annotations

import gc
import logging
import os
import re
import select
import signal
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from .deferred import DeferredFile

log = logging.getLogger("mkdocs.plugins.portal")

# MkDocs notes at INFO level every link to a page it does not build; a page another process
# builds is built all the same.
_EXCLUDED_LINK = re.compile(r"contains a link to '(?P<target>[^']*)' which is excluded")


class WorkerError(Exception):
    """A worker failed; it has logged why. The message is French, for the person building."""


def usable_processes(wanted: int) -> int:
    """How many processes to render with: ``wanted``, or the cores this process may use (0)."""
    if not sys.platform.startswith("linux"):  # fork is Linux-safe; elsewhere, MkDocs alone
        return 1
    return wanted if wanted > 0 else len(os.sched_getaffinity(0))


@dataclass
class _Worker:
    pid: int
    reports: int  # the worker's end: read here
    buffer: bytes = b""
    done: bool = False
    gone: bool = False  # its pipe closed: the worker ended
    warnings: int = 0


class Workers:
    """This build's processes, seen from the one running this code (``part`` 0: the main one)."""

    def __init__(self, processes: int, pages: Sequence[File]) -> None:
        self.processes = processes
        self.part = 0
        self.pages = list(pages)  # every page of the build, in MkDocs' order
        self.elsewhere: set[str] = set()  # the pages other processes render, by source URI
        self.workers: list[_Worker] = []  # in the main process
        self.reports = -1  # in a worker: its pipe's end
        self.warnings_at_fork = 0
        self.filter = _ElsewhereFilter(self.elsewhere)

    @property
    def active(self) -> bool:
        return bool(self.workers) or self.part > 0

    def split(
        self,
        nav: Navigation,
        config: MkDocsConfig,
        dealt: Callable[[File], bool],
        nav_too: bool = False,
    ) -> None:
        """Fork the workers and give each process its part of the pages: the pages for which
        ``dealt`` is true are dealt round-robin, the others stay with the main process. The
        pages of the nav stay with it too, unless ``nav_too`` (a preview's rebuild, whose
        deferred files the main process writes: the lists, the heaviest pages, are shared)."""
        nav_pages = {page.file.src_uri for page in nav.pages}
        dealt_pages = [
            f for f in self.pages if (nav_too or f.src_uri not in nav_pages) and dealt(f)
        ]
        self.processes = min(self.processes, len(dealt_pages))  # no worker without pages
        if self.processes < 2:
            return
        # Objects made so far are never freed during the build: frozen, the collector leaves
        # them untouched, and the memory pages that hold them stay shared with the workers.
        gc.freeze()
        for part in range(1, self.processes):
            reports, report_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker
                os.close(reports)
                for worker in self.workers:  # its elder siblings' pipes
                    os.close(worker.reports)
                self.workers = []
                self.part, self.reports = part, report_end
                # Ctrl-C stops the main process, which says so; a worker just ends.
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                self.warnings_at_fork = _warnings()
                break
            os.close(report_end)
            os.set_blocking(reports, False)
            self.workers.append(_Worker(pid, reports))
        if not self.part:
            log.info(f"Pages rendues par {self.processes} processus.")
        mine = set(dealt_pages[self.part :: self.processes])
        others = set(dealt_pages) - mine
        # Every process leaves out the others' dealt pages, and a worker every page not dealt
        # to it; it reads the nav's pages it leaves out, though, to draw the nav with the same
        # titles.
        for file in self.pages:
            if file in others or (self.part and file not in mine):
                file.inclusion = InclusionLevel.EXCLUDED
                self.elsewhere.add(file.src_uri)
                page = file.page
                if file.src_uri in nav_pages and page and page.markdown is None:
                    page.read_source(config)
        logging.getLogger("mkdocs.structure.pages").addFilter(self.filter)

    # In a worker.

    def report(self, index: int, changed: bool) -> None:
        """Page ``index`` of search is written (SearchIndexer.write), its document changed or
        not."""
        _write(self.reports, f"p {index} {int(changed)}\n")

    def exit(self, error: BaseException | None = None) -> None:
        """End the worker: report its warnings, or log what failed; never return into MkDocs."""
        code = 0
        if error is None:
            _write(self.reports, f"d {_warnings() - self.warnings_at_fork}\n")
        else:
            code = 1
            log.error(f"Processus de rendu {self.part + 1} : {error}")
            if not isinstance(error, Exception) or type(error).__module__ != "mkdocs.exceptions":
                traceback.print_exception(error)
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)

    def share_files(self, files: Files, config: MkDocsConfig, deferred_here: bool) -> None:
        """Leave to each process its part of what is written once per build: the deferred files
        (calendars, open data: rendered as they are written) to the last worker, which has no
        page of the nav to render, or to the main process (``deferred_here``: it keeps what
        they are made of for the next build); every other file that is not a page, the theme's
        templates (sitemap, 404 page) and the extra ones to the main process."""
        if not self.active:
            return
        writes_deferred = self.part == (0 if deferred_here else self.processes - 1)
        for file in [f for f in files if not f.is_documentation_page()]:
            mine = writes_deferred if isinstance(file, DeferredFile) else self.part == 0
            if not mine:
                files.remove(file)
        if self.part:
            config.theme.static_templates.clear()
            config.extra_templates.clear()

    # In the main process.

    def poll(self) -> Iterator[tuple[int, bool]]:
        """The search pages workers have reported written since the last call, and whether
        each one's document changed."""
        for worker in self.workers:
            if not worker.gone:
                yield from self._read(worker, block=False)

    def join(self, written: Callable[[int, bool], None]) -> int:
        """Wait for every worker to finish, handing ``written`` the search pages they report
        meanwhile: the warnings they logged."""
        failed = []
        for worker in self.workers:
            while not (worker.done or worker.gone):
                for index, changed in self._read(worker, block=True):
                    written(index, changed)
            _, status = os.waitpid(worker.pid, 0)
            os.close(worker.reports)
            if status != 0 or not worker.done:
                failed.append(worker)
        warnings = sum(worker.warnings for worker in self.workers)
        self.workers = []
        self.end()
        if failed:
            raise WorkerError(_failure(len(failed)))
        return warnings

    def stop(self) -> None:
        """The build failed: stop the workers."""
        for worker in self.workers:
            try:
                os.kill(worker.pid, signal.SIGTERM)
                os.waitpid(worker.pid, 0)
            except OSError:
                pass
            os.close(worker.reports)
        self.workers = []
        self.end()

    def end(self) -> None:
        logging.getLogger("mkdocs.structure.pages").removeFilter(self.filter)
        gc.unfreeze()

    def stand_in_pages(self, config: MkDocsConfig) -> None:
        """Give each page workers render a Page in the main process, unrendered, so that the
        sitemap lists it as MkDocs would."""
        for file in self.pages:
            if file.src_uri in self.elsewhere and file.page is None:
                Page(None, file, config)

    def _read(self, worker: _Worker, block: bool) -> Iterator[tuple[int, bool]]:
        if block:
            select.select([worker.reports], [], [])
        try:
            chunk = os.read(worker.reports, 65536)
        except BlockingIOError:
            return
        if not chunk:
            worker.gone = True
            return
        worker.buffer += chunk
        *lines, worker.buffer = worker.buffer.split(b"\n")
        for line in lines:
            kind, _, rest = line.decode().partition(" ")
            if kind == "p":
                index, changed = rest.split()
                yield int(index), changed == "1"
            elif kind == "d":
                worker.done, worker.warnings = True, int(rest)


class _ElsewhereFilter(logging.Filter):
    """Drops MkDocs' note that a page links to an excluded page when another process renders it."""

    def __init__(self, elsewhere: set[str]) -> None:
        super().__init__()
        self.elsewhere = elsewhere

    def filter(self, record: logging.LogRecord) -> bool:
        match = _EXCLUDED_LINK.search(record.getMessage())
        return match is None or match["target"] not in self.elsewhere


def _write(fd: int, text: str) -> None:
    data = text.encode()
    while data:
        data = data[os.write(fd, data) :]


def _warnings() -> int:
    """Warnings counted so far for ``--strict`` (MkDocs' counter on the "mkdocs" logger)."""
    handlers = logging.getLogger("mkdocs").handlers
    return sum(n for h in handlers if isinstance(h, CountHandler) for _, n in h.get_counts())


def _failure(n: int) -> str:
    which = "un processus de rendu a échoué" if n == 1 else f"{n} processus de rendu ont échoué"
    return f"{which} : voir les messages ci-dessus."
