"""The incremental preview: under ``mkdocs serve``, a rebuild renders only what an edit changed.

``mkdocs serve`` calls MkDocs' whole build at every save, into the same temporary site folder,
which MkDocs empties first. The plugin, kept across rebuilds (it has ``on_startup``), keeps here
what the previous successful build was made from (:class:`~generator.dependencies.Snapshot`)
and, just before MkDocs empties the folder (``on_pre_build``), moves the folder's files aside.
Once the nav is built, every output that the core's dependencies say still holds
(:func:`~generator.dependencies.reusable`), and every static file whose source has the same
size and time as when it was copied, is left out of MkDocs' loops by MkDocs' own means
(inclusion level ``EXCLUDED``, as workers.py does). After the build, the files set aside become
the site again, with those this build wrote in place of theirs and those it did not reuse gone:
as many moves as files written.
Editorial pages, the guide, lists, the sitemap and the 404 page are rendered at every rebuild.
Anything that fails forgets the previous build: the next one is whole.

MkDocs internals relied on: none beyond workers.py's (inclusion levels, ``Page(None,
file, config)`` for the sitemap). Jinja2's templates are compiled once for the whole session
(:class:`MemoryBytecodeCache`): the same source gives the same code.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..dependencies import Snapshot, reusable
from .deferred import DeferredFile

STASH_SUFFIX = ".portal-precedent"  # the previous build's files, beside the site folder


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory: Jinja2 checks each against its source's checksum."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.store.clear()


def tree_key(folders: Iterable[Path]) -> str:
    """A hash of the name, size and time of every file under ``folders`` (templates, assets)."""
    digest = hashlib.blake2b(digest_size=16)
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


class Incremental:
    """What one ``mkdocs serve`` keeps from a build to the next."""

    def __init__(self) -> None:
        self.previous: Snapshot | None = None
        self.site_dir: str | None = None
        self.stash: Path | None = None
        self.statics: dict[str, tuple[str, int, int]] = {}  # dest → (source, size, time)
        self.copied: dict[str, tuple[str, int, int]] = {}  # this build's
        self.reused: list[str] = []  # this build's reused files, by destination
        # MkDocs' files of the last build, by destination; this build's, once planned.
        self.files_before: set[str] = set()
        self.files: set[str] = set()
        self.reused_pages: list[File] = []
        self.reused_nav: list[File] = []  # those of them in the nav
        self.outputs: set[str] = set()  # this build's reusable outputs, by site-relative URL
        self.templates = MemoryBytecodeCache()

    def forget(self) -> None:
        """The next build renders everything (first build, failed build, another site)."""
        self.previous = None
        self.statics = {}
        self.reused = []
        self.files_before = set()
        self.reused_pages = []
        self.reused_nav = []
        self.outputs = set()
        self.templates.clear()
        if self.stash is not None:
            shutil.rmtree(self.stash, ignore_errors=True)
            self.stash = None

    def begin(self, config: MkDocsConfig) -> None:
        """Before MkDocs empties the site folder: move the previous build's files aside."""
        self.reused, self.reused_pages, self.reused_nav, self.copied = [], [], [], {}
        site_dir = str(Path(config.site_dir).resolve())
        if self.previous is None or site_dir != self.site_dir or not Path(site_dir).is_dir():
            self.forget()
            self.site_dir = site_dir
            return
        stash = Path(site_dir + STASH_SUFFIX)
        shutil.rmtree(stash, ignore_errors=True)
        Path(site_dir).rename(stash)
        Path(site_dir).mkdir()
        self.stash = stash

    def plan(self, snapshot: Snapshot, files: Files, nav_pages: set[str]) -> None:
        """Leave out of this build the outputs the previous build made as they are now."""
        outputs = reusable(self.previous, snapshot) if self.stash is not None else set()
        self.outputs = outputs
        self.files = {file.dest_uri for file in files}
        stash = self.stash
        for file in files:
            if file.is_documentation_page():
                keep = "/" + file.url in outputs
            elif isinstance(file, DeferredFile):
                keep = "/" + file.src_uri in outputs
            elif file.abs_src_path is not None:  # copied from a file: the theme's, pictures
                stat = Path(file.abs_src_path).stat()
                copied = (file.abs_src_path, stat.st_size, stat.st_mtime_ns)
                self.copied[file.dest_uri] = copied
                keep = stash is not None and self.statics.get(file.dest_uri) == copied
            else:
                keep = False
            if keep and stash is not None and (stash / file.dest_uri).is_file():
                file.inclusion = InclusionLevel.EXCLUDED
                self.reused.append(file.dest_uri)
                if file.is_documentation_page():
                    self.reused_pages.append(file)
                if file.src_uri in nav_pages:
                    self.reused_nav.append(file)

    def stand_in_pages(self, config: MkDocsConfig) -> None:
        """Give each reused page a Page, unrendered, so that the sitemap lists it; a page of
        the nav has one, whose source is read for its title (other pages' nav shows it)."""
        for file in self.reused_pages:
            if file.page is None:
                Page(None, file, config)
        for file in self.reused_nav:
            if file.page is not None and file.page.markdown is None:
                file.page.read_source(config)

    def finish(self, snapshot: Snapshot) -> None:
        """After the build: the files set aside are the site again, with this build's in place
        of theirs; keep what this build was made of."""
        if self.stash is not None and self.site_dir is not None:
            _replace_site(self.stash, Path(self.site_dir), self.reused, self.files_before)
            self.stash = None
        self.files_before = self.files
        self.previous = snapshot
        self.statics = self.copied


def _replace_site(stash: Path, site: Path, reused: list[str], before: set[str]) -> None:
    """Make ``stash``, the previous build's files (MkDocs wrote ``before``), the site: the
    files this build did not reuse go, those it wrote (in ``site``) take their places, and the
    folder takes the site's name. The work follows the files written, not the site's size: an
    action's edit at 2,000 items writes 40 files and reuses 2,000 page folders."""
    if not reused:  # a whole rebuild: nothing to keep
        _remove_later(stash)
        return
    kept = set(reused)
    emptied: set[Path] = set()
    for gone in before - kept:
        path = stash / gone
        path.unlink(missing_ok=True)
        emptied.update(p for p in path.parents if p != stash and stash in p.parents)
    for folder in sorted(emptied, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):  # not empty
            folder.rmdir()
    # What MkDocs does not list (its sitemap and 404 page, search's bundles): gone, unless a
    # folder holds reused files (the theme's assets).
    tops = {dest.partition("/")[0] for dest in kept}
    for entry in stash.iterdir():
        if entry.name not in tops:
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    _merge(site, stash)
    shutil.rmtree(site)  # folders only, emptied
    stash.rename(site)


def _remove_later(folder: Path) -> None:
    """Remove ``folder`` in a thread of its own: the page waits for the build, not for it."""
    trash = Path(tempfile.mkdtemp(prefix=f"{folder.name}-", dir=folder.parent))
    folder.rename(trash / "files")
    threading.Thread(target=shutil.rmtree, args=(trash,), kwargs={"ignore_errors": True}).start()


def _merge(source: Path, target: Path) -> None:
    """Move everything under ``source`` to the same place under ``target``: a folder ``target``
    has not in one piece, files one by one."""
    for entry in source.iterdir():
        place = target / entry.name
        if place.is_dir():
            if entry.is_dir():
                _merge(entry, place)
                continue
            shutil.rmtree(place)  # a folder where a file goes now
        entry.replace(place)
