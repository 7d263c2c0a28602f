"""The registry of content types: every stage loops over it.

A type is one module of ``generator/models/``: its model, then its row (``ContentType``, in
``models/contenttype.py``: folder, URL, French names, vocabulary and reference fields, checks,
form, ``portal new`` kinds, pages and open data). Adding a type is writing that module, its item
template (``theme/fragments/``) and registering it here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .models.action import ACTION
from .models.campus import CAMPUS
from .models.contenttype import ContentType
from .models.event import EVENT
from .models.glossary import GLOSSARY

__all__ = ["ACTION", "CAMPUS", "EVENT", "GLOSSARY", "ContentType", "by_name", "content_types"]

_REGISTRY: list[ContentType] = [CAMPUS, ACTION, EVENT, GLOSSARY]


def content_types() -> tuple[ContentType, ...]:
    """The registered types, in the order stages take them."""
    return tuple(_REGISTRY)


def by_name(name: str) -> ContentType:
    return next(t for t in _REGISTRY if t.name == name)


@contextmanager
def registered(content_type: ContentType) -> Iterator[ContentType]:
    """One more type for the time of a ``with`` block (a site's own type, a test's)."""
    _REGISTRY.append(content_type)
    try:
        yield content_type
    finally:
        _REGISTRY.remove(content_type)
