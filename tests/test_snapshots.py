"""The fixture site's main pages, compared with reviewed copies of their content
(tests/snapshots/): a change of output shows in review as a change of these files.

After a deliberate change, write them again and read the difference before committing it:
``PORTAL_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_snapshots.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .support import TESTS

SNAPSHOTS = TESTS / "snapshots"
PAGES = {
    "accueil": "index.html",
    "campus": "campus/index.html",
    "fiche-campus": "campus/green-city/index.html",
    "catalogue": "actions/index.html",
    "fiche-action": "actions/engagement-tour/index.html",
    "agenda": "agenda/index.html",
    "fiche-evenement": "agenda/forum-orientation/index.html",
    "glossaire": "glossaire/index.html",
    "chiffres-cles": "chiffres-cles/index.html",
    "rapport": "campus/green-city/rapport-2025/index.html",
}


def normalised(html: str) -> str:
    """The page's own content (Material's <article>), one tag or text per line: what the
    portal writes, without the theme's frame around it."""
    article = BeautifulSoup(html, "html.parser").find("article")
    assert article is not None
    return article.prettify()


@pytest.mark.parametrize("name", PAGES)
def test_main_pages_match_their_reviewed_snapshot(dated_site: Path, name: str) -> None:
    content = normalised((dated_site / PAGES[name]).read_text(encoding="utf-8"))
    snapshot = SNAPSHOTS / f"{name}.html"
    if os.environ.get("PORTAL_UPDATE_SNAPSHOTS"):
        SNAPSHOTS.mkdir(exist_ok=True)
        snapshot.write_text(content, encoding="utf-8")
    assert snapshot.is_file(), f"{snapshot} manque : PORTAL_UPDATE_SNAPSHOTS=1 l'écrit"
    assert content == snapshot.read_text(encoding="utf-8"), (
        f"{name} a changé : relisez la différence, puis PORTAL_UPDATE_SNAPSHOTS=1"
    )
