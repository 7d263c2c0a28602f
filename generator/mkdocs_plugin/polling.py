"""`mkdocs serve`'s polling for changes, quicker on a small portal.

MkDocs watches files with watchdog's polling observer, every 0.5 s: on the bundled portal,
whose rebuild takes half a second, a quarter of a second of an editor's wait on average. A
poll reads the state of every watched file (2 ms for the bundled ``content/``, 17 ms for 2,000
items), so the watched folders are polled every 0.1 s while they hold at most
:data:`QUICK_UP_TO` files, and at MkDocs' pace beyond, where a poll every 0.1 s would take a
sixth of a core away from the rebuilds.

Internal relied on (tests/test_mkdocs_internals.py): watchdog's observers and emitters keep
their polling interval in ``_timeout``; MkDocs' server has its observer in ``observer``, and
the emitters of the paths it watches are made with the observer's interval.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

QUICK = 0.1  # seconds between two polls of a small portal
QUICK_UP_TO = 1_000  # files under the watched folders


def poll_quickly(server: Any, folders: Iterable[Path]) -> bool:
    """Poll every watched path of ``server`` every :data:`QUICK` seconds, those watched later
    too, when ``folders`` hold few files; whether it does."""
    count = 0
    for folder in folders:
        count += sum(1 for path in folder.rglob("*") if path.is_file())
        if count > QUICK_UP_TO:
            return False
    observer = server.observer
    observer._timeout = QUICK  # the interval of the emitters it makes from now on
    for emitter in observer.emitters:  # those of the paths MkDocs already watches
        emitter._timeout = QUICK
    return True
