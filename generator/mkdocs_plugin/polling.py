"""`mkdocs serve`'s polling for changes, quicker on a small portal.

MkDocs watches files with watchdog's polling observer, every 0.5 s: on the bundled portal,
whose rebuild takes half a second, a quarter of a second of an editor's wait on average. A
poll reads the state of every watched file (3 ms for the bundled portal, 17 ms for 2,000
items), so the watched paths are polled every 0.1 s while the content holds at most
:data:`QUICK_UP_TO` files, and at MkDocs' pace beyond. During a rebuild they are polled at
MkDocs' pace: a thread that reads files takes Python's lock back after each one, and the
rebuild, which wants it all the time, then runs a third slower.

Internal relied on (tests/test_mkdocs_internals.py): watchdog's observers and emitters keep
their polling interval in ``_timeout`` (an emitter reads it before each wait); MkDocs' server
has its observer in ``observer``, and the emitters of the paths it watches are made with the
observer's interval.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

QUICK = 0.1  # seconds between two polls of a small portal, between rebuilds
MKDOCS = 0.5  # MkDocs' interval (LiveReloadServer's polling_interval)
QUICK_UP_TO = 1_000  # files under the watched folders


class Polling:
    """The polling interval of one `mkdocs serve`'s watched paths."""

    def __init__(self) -> None:
        self.observer: Any = None  # the server's watchdog observer, once polled quickly

    def start(self, server: Any, folders: Iterable[Path]) -> bool:
        """Poll every path ``server`` watches, those watched later too, every :data:`QUICK`
        seconds between rebuilds, when ``folders`` hold few files; whether it does."""
        count = 0
        for folder in folders:
            count += sum(1 for path in folder.rglob("*") if path.is_file())
            if count > QUICK_UP_TO:
                return False
        self.observer = server.observer
        self._set(QUICK)
        return True

    def building(self) -> None:
        """A rebuild starts: MkDocs' interval until it ends."""
        self._set(MKDOCS)

    def built(self) -> None:
        self._set(QUICK)

    def _set(self, seconds: float) -> None:
        if self.observer is None:
            return
        self.observer._timeout = seconds  # the interval of the emitters it makes from now on
        for emitter in self.observer.emitters:
            emitter._timeout = seconds
