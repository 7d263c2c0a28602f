"""Accessibility and validity fixes to the HTML Material for MkDocs 9.8 writes on every page.

An untouched Material site fails axe-core and the Nu Html Checker on every page. The defects sit
in parts of ``base.html`` and its partials that no template block can override, so each fix is an
exact replacement in the page's HTML, listed here with its reason. If Material changes that
HTML, a fix stops matching and tests/test_judges.py (axe-core and vnu on every page) tells;
tests/test_mkdocs_internals.py checks that Material still writes each replaced text.
"""

from __future__ import annotations

# (text Material writes, what we write instead, why)
FIXES: tuple[tuple[str, str, str], ...] = (
    (
        'type="checkbox" id="__drawer" autocomplete="off"',
        'type="checkbox" id="__drawer"',
        "vnu: « autocomplete » is not allowed on a checkbox",
    ),
    (
        'type="checkbox" id="__search" autocomplete="off"',
        'type="checkbox" id="__search"',
        "vnu: « autocomplete » is not allowed on a checkbox",
    ),
)


def fix_page(html: str) -> str:
    for before, after, _ in FIXES:
        html = html.replace(before, after, 1)
    return html

