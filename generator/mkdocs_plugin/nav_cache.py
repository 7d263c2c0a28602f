"""Material's nav, drawn once per folder for the pages outside it, not once per page.

Material draws the whole nav, as the sidebar and as the tabs, into every page: a tenth of a
portal's rendering time, for thousands of item pages that all get the same one. A page outside
the nav makes no entry of it active, and its links are relative: the nav of such a page depends
only on the folder the page is in (``actions/`` for every action). Each of the two partials is
therefore drawn for the first page of a folder and its text reused for the others; pages of the
nav are drawn as Material does. tests/test_build.py checks every page's nav links.

Internals relied on (tests/test_mkdocs_internals.py): Jinja2 renders a template through its
``root_render_func``; Material includes ``partials/nav.html`` and ``partials/tabs.html``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import Any

import jinja2
from mkdocs.structure.nav import Navigation

# The partials Material includes in every page, with nothing but the nav and the page's
# place in it.
PARTIALS = ("partials/nav.html", "partials/tabs.html")


def cache_nav(env: jinja2.Environment, nav: Navigation) -> None:
    """Make ``env``'s nav partials reuse their text for pages outside ``nav`` in one folder."""
    in_nav = {page.file.src_uri for page in nav.pages}
    for name in PARTIALS:
        template = env.get_template(name)
        template.root_render_func = _cached(template.root_render_func, in_nav)


def _cached(render: Any, in_nav: set[str]) -> Any:
    drawn: dict[str, str] = {}

    def cached(context: jinja2.runtime.Context) -> Iterator[str]:
        page = context.get("page")
        file = getattr(page, "file", None)
        if file is None or file.src_uri in in_nav:
            yield from render(context)
            return
        folder = posixpath.dirname(page.url.rstrip("/"))
        text = drawn.get(folder)
        if text is None:
            text = drawn[folder] = "".join(render(context))
        yield text

    return cached
