"""French typography in rendered pages (:func:`generator.text.french_typography`), so that editors
type plain apostrophes and spaces and readers get ’, no-break spaces and « ».

Two places, one rule: a Python-Markdown treeprocessor for the Markdown bodies (it changes text
and tails only, never attributes, and leaves code, preformatted text and a link that shows its own
address alone), and :func:`finalize` for the values the page fragments print (Jinja's
``finalize``: every ``{{ … }}`` but markup already rendered and addresses).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..text import french_typography

NAME = "portal_typography"
# After attr_list (8), which reads « { … } » in text, and before toc (5), so that the table of
# contents shows the same text as the headings (their ids do not change: toc drops punctuation).
PRIORITY = 7
_UNTOUCHED = frozenset({"code", "pre", "kbd", "samp", "script", "style", "math"})
_ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|[/#.?])\S*$|^\S*[/@]\S*$", re.I)


class _Typography(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        self._element(root)

    def _element(self, element: etree.Element) -> None:
        if element.text and not _shows_address(element):
            element.text = _retyped(element.text)
        for child in element:
            if child.tag not in _UNTOUCHED:
                self._element(child)
            if child.tail:
                child.tail = _retyped(child.tail)


def _shows_address(element: etree.Element) -> bool:
    text = element.text or ""
    return element.tag == "a" and element.get("href") in (text, f"mailto:{text}")


def _retyped(text: str) -> str:
    # Python-Markdown's AtomicString (text no processor may change) stays one.
    retyped = french_typography(text)
    return type(text)(retyped) if retyped != text else text


class TypographyExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_Typography(md), NAME, PRIORITY)


def finalize(value: Any) -> Any:
    """Jinja's ``finalize`` for the page fragments: French typography on printed text, not on
    markup already rendered (``Markup`` is a subclass of str), numbers, or addresses (URLs,
    paths, e-mails)."""
    if type(value) is not str or _ADDRESS.match(value):
        return value
    return french_typography(value)
