"""Whether what one build worked out is kept for the next one, in the same process.

`mkdocs serve` loads and renders the tree again at every save, and most of it is as it was: the
files parsed (load.py), the items validated (validate.py), each item's text for the glossary's
uses (glossary_use.py), each open-data record laid out (render/api.py), the pieces of the lists
marked (render/abbreviations.py). Each of those modules keeps what its last call worked out,
by value or by the item's identity, when :func:`kept` says so. Elsewhere (`mkdocs build`,
`portal check`, the export) a build is its process's only one, and the memos would only hold
memory: about 100 MB of every build process at 10,000 items. The MkDocs plugin turns them on
for `mkdocs serve` (:func:`keep`).
"""

from __future__ import annotations

from collections.abc import Callable

_kept = False
_forget: list[Callable[[], None]] = []


def kept() -> bool:
    return _kept


def keep(on: bool) -> None:
    """Keep the memos from one build to the next (on), or empty them and keep none."""
    global _kept
    _kept = on
    if not on:
        for forget in _forget:
            forget()


def forgotten_with(forget: Callable[[], None]) -> None:
    """``forget`` empties a memo: :func:`keep` (off) calls it."""
    _forget.append(forget)
