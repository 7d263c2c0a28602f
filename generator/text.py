"""Slugs and suggestions: the small text helpers every stage shares."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text: str) -> str:
    """ASCII, lowercase, hyphen-separated: « Fête de l'Énergie ! » → ``fete-de-l-energie``."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_text = ascii_text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def fold(text: str) -> str:
    """Lowercase without accents, for sorting and grouping: « Énergie » → ``energie``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def is_slug(text: str) -> bool:
    return bool(SLUG_RE.match(text))


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The choice an editor most likely meant, or None when nothing is close enough."""
    options = list(choices)
    by_slug = {slugify(c): c for c in options}
    if (exact := by_slug.get(slugify(value))) is not None:
        return exact
    match = difflib.get_close_matches(value.lower(), options, n=1, cutoff=0.6)
    if match:
        return match[0]
    match = difflib.get_close_matches(slugify(value), list(by_slug), n=1, cutoff=0.6)
    return by_slug[match[0]] if match else None


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """`` ; vouliez-vous dire « x » ?`` or an empty string."""
    guess = closest(value, choices)
    return f" ; vouliez-vous dire « {guess} » ?" if guess is not None else ""


def quote_list(values: Iterable[str], limit: int = 12) -> str:
    """« a », « b », … for error messages; long lists are cut to stay readable."""
    items = sorted(values)
    shown = ", ".join(f"« {v} »" for v in items[:limit])
    return shown + (f", … ({len(items)} en tout)" if len(items) > limit else "")


def french_number(value: int) -> str:
    """French thousands separator, a narrow no-break space: « 4 604 »."""
    return f"{value:,}".replace(",", "\u202f")


_NBSP, _NNBSP = "\u00a0", "\u202f"
_COLON = re.compile(r" ([:])(?=\s|$)")
_PUNCTUATION = re.compile(r" ([;?!])(?=\s|$)")


def french_spacing(text: str) -> str:
    """French typography for text shown on screen (guide, web form, schema): a no-break space
    before « : » and inside « », a narrow one before ; ? !. Plain terminal output keeps ASCII
    spaces, so that it can be searched and compared as typed."""
    text = _COLON.sub(_NBSP + r"\1", text)
    text = _PUNCTUATION.sub(_NNBSP + r"\1", text)
    return text.replace("« ", "«" + _NBSP).replace(" »", _NBSP + "»")


_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'")  # after a letter: l'atelier, Creativ'
_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})((?: \d{3})+)(?!\d)")
_OPENING = re.compile(r"«(?=[^\s\u00a0])")
_CLOSING = re.compile(r"(?<=[^\s\u00a0])»")
_UNITS = re.compile(r" (?=[%€](?:\W|$))")
# Every rule below needs one of these: a text without any (most names, labels, dates) is
# returned as it is, and a page prints thousands of them.
_ANY_RULE = re.compile(r"['«»:;?!%€]|\d \d")


@functools.lru_cache(maxsize=8192, typed=True)  # the same labels are printed on every page
def french_typography(text: str) -> str:
    """What French typography wants of a text typed with a keyboard's plain characters: curly
    apostrophes, :func:`french_spacing`, « » kept with the words they quote, no-break spaces
    before % and € and, narrow, between groups of thousands (« 4 000 »). Only spaces already
    there are changed (none is added before ! or ?, which URLs carry): running it twice gives
    the same text. Code, URLs and attributes are the callers' to leave out."""
    if not _ANY_RULE.search(text):
        return text
    text = _APOSTROPHE.sub("\u2019", text)
    text = french_spacing(text)
    text = _OPENING.sub("«" + _NBSP, text)
    text = _CLOSING.sub(_NBSP + "»", text)
    text = _UNITS.sub(_NBSP, text)
    return _THOUSANDS.sub(lambda m: m[1] + m[2].replace(" ", _NNBSP), text)


def title_of(description: str) -> str:
    """A field's short French title, the head of its description: « Résumé en une phrase,
    affiché dans le catalogue » → « Résumé en une phrase »."""
    head = re.split(r" : |, | \(", description, maxsplit=1)[0]
    return head or description


def shown(value: object) -> str:
    """A value quoted in a message, cut at 60 characters."""
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"
