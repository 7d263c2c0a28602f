"""Gzip copies of the site's text files, for static hosts that serve them as they are.

GitLab Pages (and nginx's ``gzip_static``, Caddy's ``precompressed``) send ``page.html.gz`` to a
browser that accepts gzip instead of compressing ``page.html`` at each request, or instead of
sending it uncompressed: GitLab Pages compresses nothing itself. The copies are deterministic
(no file name, no time stamp in the gzip header), so a build stays byte-identical.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# Text formats the portal writes; Pagefind's own files are compressed already.
SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".ics", ".txt", ".map"})


def _targets(site: Path) -> Iterable[Path]:
    for folder, _, names in os.walk(site):
        for name in sorted(names):
            path = Path(folder, name)
            if path.suffix in SUFFIXES:
                yield path


def _compress(path: Path) -> bool:
    """Write ``path``.gz when it is smaller than ``path``; whether it was written."""
    data = path.read_bytes()
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    target = path.with_name(path.name + ".gz")
    if len(packed) >= len(data):
        target.unlink(missing_ok=True)  # a copy left by an earlier build would be stale
        return False
    target.write_bytes(packed)
    return True


def precompress(site: Path, workers: int | None = None) -> int:
    """Write the gzip copies of the text files under ``site``; how many were written.
    zlib releases the GIL, so threads compress on every core."""
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        return sum(pool.map(_compress, list(_targets(site))))
