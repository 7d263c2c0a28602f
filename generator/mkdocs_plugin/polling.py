"""`mkdocs serve`'s watching for changes: the system's notifications, polling quicker on a
small portal, still during a rebuild.

MkDocs watches files with watchdog's polling observer, every 0.5 s: on the bundled portal,
whose rebuild takes half a second, a quarter of a second of an editor's wait on average. A
poll reads the state of every watched file (3 ms for the bundled portal, 17 ms for 2,000
items), so the watched paths are polled every 0.1 s while the content holds at most
:data:`QUICK_UP_TO` files, and at MkDocs' pace beyond.

During a rebuild, no file is read: a thread that reads files takes Python's lock back after
each one, and the rebuild, which wants it all the time, ran a third slower (a second of a
four-second rebuild at 2,000 items). A poll then finds the files as the last one did; the first
poll after the rebuild compares them with that, so a save made during a rebuild is not missed:
it starts the next one.

The system's own notifications (inotify on Linux, watchdog's native observer) start a rebuild
as soon as a file of a watched folder is written, where a poll would see it up to 0.5 s later.
The polls go on: native events do not reach every mounted folder (a container's, a virtual
machine's), which is why MkDocs polls. When a notification has started a rebuild, each polling
emitter takes its snapshot again as the rebuild starts, so that its next poll does not find the
same change and start a second rebuild.

A polling emitter takes its first snapshot in its own thread, once the server has started, so
that a save made as the first page is served could be in it and never seen: the paths watched
by then are read before the server starts (:meth:`Polling.settle`).

Internals relied on (tests/test_mkdocs_internals.py): MkDocs' server has its observer in
``observer``, the paths it watches in ``_watched_paths``, and starts a rebuild when
``_want_rebuild`` is set under ``_rebuild_cond``, as its own handler does; the emitters of the
paths it watches are made with the observer's interval; watchdog's observers and emitters keep
that interval in ``_timeout`` (an emitter reads it before each wait), and a polling emitter
takes each poll's snapshot with its ``_take_snapshot`` under its ``_lock``, keeps the last one
in ``_snapshot`` and takes the first in ``on_thread_start``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from watchdog.events import (
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

QUICK = 0.1  # seconds between two polls of a small portal
MKDOCS = 0.5  # MkDocs' interval (LiveReloadServer's polling_interval)
QUICK_UP_TO = 1_000  # files under the watched folders
# What the system notifies: a file written, made, removed or moved. Not a file opened or read:
# a build reads every one, and each notification is Python's work in another thread, taken
# from the rebuild (docs/benchmarks.md, 2026-12-04).
NOTIFIED = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent]


class Polling:
    """How one `mkdocs serve`'s watched paths are polled."""

    def __init__(self) -> None:
        self.observer: Any = None  # the server's watchdog observer
        self.idle = threading.Event()  # no rebuild under way: polls read the files
        self.idle.set()
        self.native: Any = None  # the observer of the system's notifications
        self.notified = threading.Event()  # a notification has asked for the coming rebuild

    def start(self, server: Any, folders: Iterable[Path]) -> bool:
        """Follow ``server``'s polling; poll every path it watches, those watched later too,
        every :data:`QUICK` seconds when ``folders`` hold few files: whether it does."""
        self.observer = server.observer
        count = 0
        for folder in folders:
            count += sum(1 for path in folder.rglob("*") if path.is_file())
            if count > QUICK_UP_TO:
                return False
        self.observer._timeout = QUICK  # the interval of the emitters it makes from now on
        for emitter in self.observer.emitters:
            emitter._timeout = QUICK
        return True

    def settle(self) -> None:
        """The emitters not started yet take their first snapshot now, not once started."""
        if self.observer is None:
            return
        for emitter in self.observer.emitters:
            take = getattr(emitter, "_take_snapshot", None)
            if take is not None and not emitter.is_alive():
                emitter._snapshot = take()
                emitter.on_thread_start = _nothing

    def notify(self, server: Any) -> None:
        """Start ``server``'s rebuilds on the system's notifications too, for every folder it
        watches (not the single files, such as mkdocs.yml: their polls are enough)."""
        if self.native is not None:
            return
        folders = [path for path in server._watched_paths if Path(path).is_dir()]
        if not folders:
            return
        handler = _Rebuild(server, self.notified)
        native = Observer()
        try:
            for folder in folders:
                native.schedule(handler, folder, recursive=True, event_filter=NOTIFIED)
            native.start()
        except OSError:  # no notifications here (inotify's limits): polls alone
            return
        self.native = native

    def stop(self) -> None:
        if self.native is not None:
            self.native.stop()
            self.native.join()
            self.native = None

    def building(self) -> None:
        """A rebuild starts: polls read no file until it ends."""
        if self.observer is None:
            return
        notified = self.notified.is_set()
        self.notified.clear()
        for emitter in self.observer.emitters:  # those watched since the last rebuild too
            take = getattr(emitter, "_take_snapshot", None)
            if take is None:
                continue
            if notified:  # the change this rebuild reads is not one for the next poll
                with emitter._lock:
                    emitter._snapshot = take()
            if not getattr(take, "portal_still", False):
                emitter._take_snapshot = self._still(emitter, take)
        self.idle.clear()

    def built(self) -> None:
        self.idle.set()

    def _still(self, emitter: Any, take: Callable[[], Any]) -> Callable[[], Any]:
        """``take``, or during a rebuild the emitter's last snapshot (no change)."""

        def snapshot() -> Any:
            return take() if self.idle.is_set() else emitter._snapshot

        snapshot.portal_still = True  # type: ignore[attr-defined]
        return snapshot


class _Rebuild(FileSystemEventHandler):
    """Asks ``server`` for a rebuild when a file is written, made, removed or moved, as
    MkDocs' own handler does (not when one is only opened or read: a build reads them all)."""

    def __init__(self, server: Any, notified: threading.Event) -> None:
        self.server = server
        self.notified = notified

    def _changed(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        self.notified.set()
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()

    on_created = on_deleted = on_modified = on_moved = _changed


def _nothing() -> None:
    pass
