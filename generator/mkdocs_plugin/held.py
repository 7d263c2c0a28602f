"""Pages' content held compressed between MkDocs' two loops over the pages.

MkDocs converts every page (its first loop) before it puts any into its template (the second),
so every page's content stays in memory between the two: 33 KB a page on average in the portal
(the structured part, the lists), about 170 MB in each rendering process at 10,000 items. Each
content is held compressed instead (zlib at its fastest level: a fifth of the text), from the
end of its conversion (the last ``on_page_content``) to its template (the first
``on_page_context``), and let go once its page is written (``on_post_page``): nothing reads a
page's content after that.
"""

from __future__ import annotations

import zlib
from typing import Any


class HeldContent:
    """The contents held, by page source URI."""

    def __init__(self) -> None:
        self._held: dict[str, bytes] = {}

    def hold(self, page: Any, html: str) -> str:
        """What the page's content is until its template: nothing, ``html`` being held."""
        self._held[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        return ""

    def give_back(self, page: Any) -> None:
        """The page's content back, for its template."""
        held = self._held.pop(page.file.src_uri, None)
        if held is not None:
            page.content = zlib.decompress(held).decode("utf-8")

    def let_go(self, page: Any) -> None:
        """The page is written: its content is read no more."""
        page.content = None

    def clear(self) -> None:
        self._held.clear()
