"""Full-text search: a Pagefind index written beside the built site.

Material's own search fetches one ``search_index.json`` holding the text of every page before it
answers (64 MB at 8,000 items); Pagefind splits its index in small chunks, so a query fetches a few
tens of kilobytes whatever the size of the portal, and it stems French. It reads the finished
HTML: what the theme wraps in ``data-pagefind-body`` is indexed, the rest of each page (header,
navigation, footer) and the pages without it (lists, reports, key figures) are not.

The binary comes with the pinned ``pagefind[bin]`` wheel; its output is deterministic.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BUNDLE = "pagefind"  # the bundle's folder in the site: /pagefind/pagefind-component-ui.js, …


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message is French, for the person building."""


def pagefind_command(site_dir: Path) -> list[str]:
    """The Pagefind run that indexes ``site_dir`` into ``site_dir/pagefind`` (the benchmark
    measures the same command)."""
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE,
        "--silent",
    ]


def index_site(site_dir: Path) -> None:
    """Index the built site in ``site_dir`` and write the search bundle in ``site_dir/pagefind``."""
    try:
        command = pagefind_command(site_dir)
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise SearchIndexError(f"Pagefind n'a pas pu être lancé : {exc}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip() or f"code de sortie {result.returncode}"
        raise SearchIndexError(f"l'index de recherche n'a pas pu être construit : {detail}")
