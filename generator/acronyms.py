"""Acronyms in running text: find the glossary's short forms in one pass, and the ones it lacks.

One :class:`Acronyms` is built per site from the glossary. It compiles a single regular expression
over every short form, factored as a trie (« CFA », « CFAI », « CFPPA » share ``CF``), so a page is
scanned once whatever the size of the glossary: Python's ``re`` tries the branches of a flat
alternation one after the other, while the trie reads each character once and rejects a position
on its first character. The expression accepts the forms a short form takes in HTML as well
(``R&amp;D``, ``AMI&nbsp;CMA``), so the same matcher serves Markdown sources and the rendered
pages.

Case-sensitive, with word boundaries on letters (accented ones included) and digits: « CAP » is
found neither in « CAPEB » nor in « ÉCAP » nor in « CAPs »; apostrophes and hyphens are boundaries,
so « l’ESTP » and « Supmicrotech-ENSMM » are found. The longest short form wins.

An editor resolves an ambiguous short form with a marker right after it: ``DO{directrice}`` (the
``key`` of an expansion). Without a marker, every expansion is shown, joined by « / ». The marker
goes right after the letters: after emphasis, Python-Markdown's attr_list would read
``**DO**{directrice}`` as attributes.

This module is the pure core: the HTML marking lives in :mod:`generator.render.abbreviations`.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html import unescape

from .errors import Problem, Severity
from .models.glossary import GlossaryEntry
from .text import did_you_mean, quote_list

NEUTRAL_SEPARATOR = " / "

# How a character of a short form may be written in Markdown or in HTML.
_VARIANTS = {
    " ": r"(?:\s|&nbsp;|&#160;|&#xa0;)",
    "&": r"&(?:amp;)?",
    "'": r"(?:['’]|&#39;|&#x27;|&rsquo;|&apos;)",
    "<": r"(?:<|&lt;)",
    ">": r"(?:>|&gt;)",
    '"': r"(?:\"|&quot;)",
}
# A word character for the boundaries: a letter (accented or not) or a digit. The underscore is
# left out so that Markdown emphasis (``_CFA_``) does not hide an acronym.
_WORD = r"[^\W_]"
# ``DO{directrice}``: the key of the expansion meant, right after the short form.
_MARKER = r"\{([\w-]{1,40})\}"

_ENTITY_BEFORE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});\Z")
_ENTITY_AFTER = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_IS_WORD = re.compile(_WORD)

# Addresses written as text: never marked, never reported.
URL_OR_EMAIL = re.compile(
    r"(?:https?|ftp)://[^\s<>\"'`]+|www\.[^\s<>\"'`]+|mailto:[^\s<>\"'`]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)


def _may_hold_address(text: str) -> bool:
    """A cheap test before the address expression, which would otherwise run on every word."""
    return "@" in text or "://" in text or "www." in text or "mailto:" in text


def address_spans(text: str) -> list[tuple[int, int]]:
    """Where URLs and e-mail addresses are written in ``text``, in order."""
    if not _may_hold_address(text):
        return []
    return [m.span() for m in URL_OR_EMAIL.finditer(text)]


def normal_form(text: str) -> str:
    """The short form as the glossary spells it: entities decoded, one kind of apostrophe and
    of space."""
    if "&" in text:
        text = unescape(text)
    return " ".join(text.replace("’", "'").split())


@dataclass(frozen=True)
class Acronym:
    """One short form of the glossary and its expansions, keyed when there are several."""

    slug: str
    short: str
    expansions: tuple[tuple[str | None, str], ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(key for key, _ in self.expansions if key is not None)

    @property
    def neutral(self) -> str:
        """What is shown when the text does not say which expansion is meant."""
        return NEUTRAL_SEPARATOR.join(text for _, text in self.expansions)

    def expansion(self, key: str | None) -> str | None:
        """The expansion for a marker's ``key`` (the neutral one without a marker); None when
        the key is not one of this acronym's."""
        if key is None:
            return self.neutral
        return next((text for k, text in self.expansions if k == key), None)


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence of a short form in a text; offsets are those of the text scanned."""

    start: int
    short_end: int  # end of the short form itself
    end: int  # end of the occurrence, the ``{key}`` marker included
    acronym: Acronym
    key: str | None  # the marker's key as written, or None

    @property
    def expansion(self) -> str | None:
        """The expansion meant here; None when the marker names a key the acronym lacks."""
        return self.acronym.expansion(self.key)


class _Node:
    __slots__ = ("children", "terminal")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.terminal = False


def _char(char: str) -> str:
    return _VARIANTS.get(char, re.escape(char))


def _branches(node: _Node, first: bool = False) -> str:
    """The expression for everything below ``node``: one branch per next character, longest
    first by greediness (a terminal node's continuation is optional, so a failed boundary
    backtracks to the shorter form)."""
    parts = []
    for char, child in sorted(node.children.items()):
        head = _char(char)
        if first:
            # The left boundary is checked after the first character, not before it: an
            # expression that starts with literal characters lets ``re`` skip every position
            # whose character starts no short form, instead of trying them all.
            head = f"{head}(?<!{_WORD}.)" if head == re.escape(char) else f"(?<!{_WORD}){head}"
        parts.append(head + _branches(child))
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return f"(?:{body})?" if node.terminal else body


def trie_pattern(forms: list[str]) -> str:
    """One expression matching any of ``forms`` (in normal form), longest first, as a whole word,
    followed by an optional ``{key}`` marker (group 1)."""
    root = _Node()
    for form in forms:
        node = root
        for char in form:
            node = node.children.setdefault(char, _Node())
        node.terminal = True
    return f"(?:{_branches(root, first=True)})(?!{_WORD})(?:{_MARKER})?"


def _entity_is_letter(entity: str) -> bool:
    return bool(_IS_WORD.match(unescape(entity)))


# The slugs each text uses, for the acronyms of the last site built: `mkdocs serve` builds the
# site again at every save in the same process, and /glossaire/'s back-references then scan
# again only the texts that changed. Bounded: a long session of edits starts it afresh now and
# then.
_USED: dict[tuple[tuple[str, Acronym], ...], dict[str, frozenset[str]]] = {}
_USED_TEXTS = 50_000


def _used_texts(acronyms: tuple[tuple[str, Acronym], ...]) -> dict[str, frozenset[str]]:
    texts = _USED.get(acronyms)
    if texts is None or len(texts) > _USED_TEXTS:
        _USED.clear()
        texts = _USED[acronyms] = {}
    return texts


class Acronyms:
    """The site's acronyms and the one expression that finds them. Built once per site."""

    def __init__(self, entries: Mapping[str, GlossaryEntry]) -> None:
        """``entries``: the glossary by slug; defined terms (``kind: term``) are left out."""
        self.by_slug: dict[str, Acronym] = {}
        self._by_form: dict[str, Acronym] = {}
        for slug in sorted(entries):
            entry = entries[slug]
            form = normal_form(entry.title)
            if entry.kind != "acronym" or not form or form in self._by_form:
                continue  # two entries with one short form: the validator reports it
            acronym = Acronym(slug, entry.title, tuple((e.key, e.text) for e in entry.expansions))
            self.by_slug[slug] = acronym
            self._by_form[form] = acronym
        # Whether a short form holds « < » or « > »: only then may a match in a page's HTML run
        # across markup (text nodes are cut by tags, which start with « < » and end with « > »).
        self.spans_markup = any("<" in form or ">" in form for form in self._by_form)
        # An empty glossary still compiles: an expression that never matches.
        source = trie_pattern(sorted(self._by_form)) if self._by_form else r"(?!x)x()"
        self.pattern = re.compile(source)
        # Two sites with the same acronyms find and mark them alike: equal, for the memos,
        # which compare keys at every look-up: by digest, not acronym by acronym.
        self._key = tuple(self._by_form.items())
        # What pages show of the glossary (short forms, slugs, expansions), as a short text.
        self.digest = hashlib.blake2b(repr(self._key).encode(), digest_size=16).hexdigest()
        self._used = _used_texts(self._key)

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, Acronyms) and self.digest == other.digest)

    def __hash__(self) -> int:
        return hash(self.digest)

    def __len__(self) -> int:
        return len(self.by_slug)

    def scan(self, text: str) -> Iterator[Hit]:
        """Every occurrence of a short form in ``text`` (Markdown or the text of HTML), in order."""
        search = self.pattern.search
        pos = 0
        while match := search(text, pos):
            start, end = match.span()
            short_end = match.start(1) - 1 if match.group(1) is not None else end
            if self._entity_next_to(text, start, short_end):
                pos = start + 1
                continue
            acronym = self._by_form.get(normal_form(text[start:short_end]))
            if acronym is not None:  # always, since the expression is built from these forms
                yield Hit(start, short_end, end, acronym, match.group(1))
            pos = end

    @staticmethod
    def _entity_next_to(text: str, start: int, end: int) -> bool:
        """An entity that stands for a letter touches the match (``&Eacute;CAP``): not a word."""
        if start and text[start - 1] == ";":
            entity = _ENTITY_BEFORE.search(text, max(0, start - 40), start)
            if entity and _entity_is_letter(entity.group()):
                return True
        if text.startswith("&", end):
            entity = _ENTITY_AFTER.match(text, end)
            if entity and _entity_is_letter(entity.group()):
                return True
        return False

    # -- Markdown sources: back-references and ``portal check`` ---------------------------------

    def used(self, text: str) -> set[str]:
        """Slugs of the acronyms a page's source uses, outside code, HTML tags and addresses.

        Link labels and headings count: the page uses the acronym even where it is not marked.
        """
        found = self._used.get(text)
        if found is None:
            found = self._used[text] = frozenset(hit.acronym.slug for hit in self.scan(mask(text)))
        return set(found)

    def unknown_keys(self, text: str) -> list[tuple[int, str, str]]:
        """``(line, short form, key)`` of every ``{key}`` marker naming no expansion of its
        short form; lines count from 1 in ``text``."""
        return _Source(self, text).unknown_keys()

    def unknown(self, text: str) -> list[tuple[int, str]]:
        """``(line, token)`` of upper-case tokens that look like acronyms missing from the
        glossary, the first occurrence of each; lines count from 1 in ``text``.

        See :func:`_candidates` for what is left out to keep false alarms rare.
        """
        return _Source(self, text).unknown()

    def problems(
        self, text: str, path: str, first_line: int = 1, ignore: frozenset[str] = frozenset()
    ) -> list[Problem]:
        """The warnings of ``portal check`` for a text of the file at ``path`` that starts on
        line ``first_line`` of that file: unknown marker keys and acronyms missing from the
        glossary, except the tokens in ``ignore`` (names in capitals that are not acronyms)."""
        source = _Source(self, text)
        messages = [
            (line, _unknown_key_message(self._by_form[normal_form(short)], key))
            for line, short, key in source.unknown_keys()
        ] + [
            (
                line,
                f"« {token} » ressemble à un sigle absent du glossaire : ajoutez-le dans "
                "content/glossary/ pour qu’il soit expliqué aux lecteurs",
            )
            for line, token in source.unknown()
            if token not in ignore
        ]
        return sorted(
            Problem(path, line + first_line - 1, "", message, Severity.WARNING)
            for line, message in messages
        )


class _Source:
    """A Markdown source masked and scanned once, for the checks of ``portal check``."""

    def __init__(self, acronyms: Acronyms, text: str) -> None:
        self.text = mask(text)
        self.hits = list(acronyms.scan(self.text))
        self.lines = _Lines(self.text)

    def unknown_keys(self) -> list[tuple[int, str, str]]:
        return [
            (self.lines.of(hit.start), hit.acronym.short, hit.key)
            for hit in self.hits
            if hit.key is not None and hit.expansion is None
        ]

    def unknown(self) -> list[tuple[int, str]]:
        known = [(hit.start, hit.end) for hit in self.hits]
        found: dict[str, int] = {}
        for start, token in _candidates(self.text, known):
            found.setdefault(token, self.lines.of(start))
        return sorted(((line, token) for token, line in found.items()), key=lambda t: t[0])


def _unknown_key_message(acronym: Acronym, key: str) -> str:
    written = f"« {acronym.short}{{{key}}} »"
    if not acronym.keys:
        return (
            f"{written} : le sigle « {acronym.short} » n’a qu’une forme développée ; "
            f"retirez « {{{key}}} »"
        )
    return (
        f"{written} : clé « {key} » inconnue pour le sigle « {acronym.short} » ; "
        f"clés possibles : {quote_list(acronym.keys)}{did_you_mean(key, acronym.keys)}"
    )


class _Lines:
    """Line numbers of offsets, by bisection over the line starts."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def of(self, offset: int) -> int:
        return bisect_right(self._starts, offset)


# -- Zones of a Markdown source that are not running text ---------------------------------------

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]*\1[ \t]*$|\Z)", re.M | re.S)
_NOT_TEXT = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(script|style|pre|code|kbd|samp|textarea|svg|math)\b.*?(?:</\1\s*>|\Z)"
    # A tag with its attributes; quoted values may hold « > ».
    r"|</?[A-Za-z][\w:-]*(?>\s*=\s*\"[^\"]*\"|\s*=\s*'[^']*'|[^<>])*+>"
    # A code span, which ends at the same number of backticks and never crosses a blank line.
    r"|(`+)(?!`)(?:(?!\n[ \t]*\n).)*?(?<!`)\2(?!`)"
    r"|\]\([^)\n]*\)"  # link destination
    r"|^[ \t]{0,3}\[[^\]\n]+\]:[^\n]*"  # link reference definition
    r"|\{\s*[:#.][^}\n]*\}",  # attribute list
    re.I | re.M | re.S,
)


def _blank(match: re.Match[str]) -> str:
    """Spaces in place of the zone, newlines kept so line numbers stay right."""
    zone = match.group()
    return re.sub(r"[^\n]", " ", zone) if "\n" in zone else " " * len(zone)


def mask(text: str) -> str:
    """``text`` with code, HTML tags and comments, link destinations and addresses blanked out;
    same length and same lines."""
    if "```" in text or "~~~" in text:
        text = _FENCE.sub(_blank, text)
    text = _NOT_TEXT.sub(_blank, text)
    if _may_hold_address(text):
        text = URL_OR_EMAIL.sub(_blank, text)
    return text


# -- Upper-case tokens that look like acronyms --------------------------------------------------

_UPPER = "A-ZÀ-ÖØ-ÞŒŸ"
_CAPS_WORD = rf"[0-9]*[{_UPPER}][{_UPPER}0-9]*"
# Upper-case words joined by spaces, apostrophes or hyphens: « RICET », « PROGRAMME DE LA
# JOURNÉE », « L’ÉCOLE », « IEF-CTF ».
_CAPS_RUN = re.compile(
    rf"(?<!{_WORD}){_CAPS_WORD}(?:(?:[ \t\u00a0\u202f]+|[-'’]){_CAPS_WORD})*(?!{_WORD})"
)
_RUN_WORD = re.compile(r"[^\s'’]+")
_PART = re.compile(r"[^-]+")
_TOKEN = re.compile(r"[A-Z0-9]*[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*")
# I, V, X and L only: « XXI », « III », « XIV »; not C, D and M, or « CDI » would be a number.
_ROMAN = re.compile(r"(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ACCENTED = re.compile(r"[À-ÖØ-ÞŒŸ]")
_LOWER_WORD = re.compile(r"[^\W\d_]*[a-zß-öø-ÿœ][^\W\d_]*")
# French words of two letters or more that title case in capitals is full of.
_SMALL_WORDS = (
    "LE LA LES DE DES DU ET EN AU AUX UN UNE OU PAR POUR SUR SOUS DANS AVEC SANS CE CES SES SON "
    "SA NOS VOS LEUR LEURS QUI QUE EST SONT NE PAS PLUS ON IL ILS ELLE ELLES NOUS VOUS"
)
_FRENCH_SMALL_WORDS = frozenset(_SMALL_WORDS.split())
# Chemical formulas that read like acronyms.
_FORMULAS = frozenset({"CO2", "H2O", "CH4", "N2O", "NO2", "SO2"})
# Acronyms are short; a longer word in capitals is a name (« PLASTIVALOIRE ») or shouting.
_LONGEST = 8
# A run of this many unknown upper-case words is a title in capitals, not a list of acronyms.
_SHOUTING_WORDS = 4


_ACCENT_FOLD = str.maketrans("àâäáãåçéèêëíìîïñóòôöõúùûüýÿ", "aaaaaaceeeeiiiinooooouuuuyy")


def _fold(word: str) -> str:
    """Lower case without accents: « Défi » and « DEFI » fold alike."""
    return word.lower().translate(_ACCENT_FOLD)


def _covered(start: int, end: int, known: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether ``[start, end)`` lies inside one of the known (sorted, disjoint) spans."""
    index = bisect_right(starts, start) - 1
    return index >= 0 and known[index][1] >= end


def _candidates(text: str, known: list[tuple[int, int]]) -> Iterator[tuple[int, str]]:
    """Upper-case tokens of ``text`` (already masked) outside the ``known`` acronyms' spans.

    Left out, to keep false alarms rare:
    - tokens with fewer than two capitals (« A4 », « H2020 ») or with accented capitals;
    - words of more than eight letters (« EMBALLAGES », company names in capitals);
    - Roman numerals written with I, V, X and L (« XXI », « III »), chemical formulas (« CO2 »);
    - French small words (« LE », « ET ») and words the same text also writes in lower case
      (« PROGRAMME » next to « programme »);
    - runs of capitals that read as a title or as shouting rather than as acronyms: a run with a
      French small word (« PROGRAMME DE LA JOURNÉE »), an accented capital (« L’ÉCOLE ») or at
      least four unknown words;
    - tokens right after « # » (anchors, colours).
    """
    starts = [start for start, _ in known]
    lower_words: set[str] | None = None
    for run in _CAPS_RUN.finditer(text):
        words = [
            (run.start() + m.start(), m.group()) for m in _RUN_WORD.finditer(run.group())
        ]
        parts = [
            group
            for start, word in words
            for group in _unknown_parts(start, word, known, starts)
        ]
        if not parts or _is_shouting(words, parts):
            continue
        for start, token in parts:
            if not _looks_like_acronym(token) or (start and text[start - 1] == "#"):
                continue
            if lower_words is None:
                lower_words = {_fold(m.group()) for m in _LOWER_WORD.finditer(text)}
            if _fold(token) not in lower_words:
                yield start, token


def _looks_like_acronym(token: str) -> bool:
    return (
        bool(_TOKEN.fullmatch(token.replace("-", "")))
        and all(len(part) <= _LONGEST for part in token.split("-"))
        and not _ROMAN.fullmatch(token)
        and token not in _FORMULAS
        and token not in _FRENCH_SMALL_WORDS
    )


def _unknown_parts(
    start: int, word: str, known: list[tuple[int, int]], starts: list[int]
) -> Iterator[tuple[int, str]]:
    """The parts of a hyphenated word not covered by known acronyms, consecutive ones joined:
    « CM1-CM2 » gives nothing, « IEF-CTF » gives itself, « CFA-XYZ » gives « XYZ »."""
    group_start, group = -1, list[str]()
    for part in _PART.finditer(word):
        if _covered(start + part.start(), start + part.end(), known, starts):
            if group:
                yield group_start, "-".join(group)
            group_start, group = -1, []
        else:
            if not group:
                group_start = start + part.start()
            group.append(part.group())
    if group:
        yield group_start, "-".join(group)


def _is_shouting(words: list[tuple[int, str]], unknown_parts: list[tuple[int, str]]) -> bool:
    return (
        any(_ACCENTED.search(word) for _, word in words)
        or any(word in _FRENCH_SMALL_WORDS for _, word in words)
        or len(unknown_parts) >= _SHOUTING_WORDS
    )
