"""Typed content models, one module per content type."""

from .action import Action
from .campus import Campus
from .event import Event
from .glossary import GlossaryEntry

__all__ = ["Action", "Campus", "Event", "GlossaryEntry"]
