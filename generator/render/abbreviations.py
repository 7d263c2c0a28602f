"""Acronyms marked in a rendered page, and the Python-Markdown extension that does it.

:func:`mark_html` reads a page's HTML once, text node by text node. The first occurrence of each
acronym is linked to its glossary entry and expanded in the text itself, so that screen readers
and touch screens get the expansion too, not only the mouse through ``title``::

    <a href="../../glossaire/#cfa"><abbr title="Centre de Formation d’Apprentis">CFA</abbr></a>
    (Centre de Formation d’Apprentis)

unless the same text node already spells the expansion out next to it (« Centre de Formation
d’Apprentis (CFA) »). Later occurrences become ``<abbr title="…">CFA</abbr>``. Everything else of
the page is left byte for byte as it was.

Nothing is marked inside links, abbreviations, code, the page title (``h1``), form controls,
SVG or MathML, nor in attributes, comments, or URLs and e-mail addresses written as text.

:class:`AbbreviationsExtension` runs :func:`mark_html` as the last step of Python-Markdown, after
raw HTML blocks are put back, so it sees raw HTML as well as the editor's text.
Heading fragments that other extensions pass through the postprocessors (for ids, the table of
contents, the page title) only lose their ``{key}`` markers. No MkDocs import: any
Python-Markdown pipeline can use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape
from typing import NamedTuple
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from ..acronyms import Acronyms, Hit, address_spans, normal_form
from .urls import relative

# Elements whose text is shown as written: never marked, ``{key}`` markers left as they are.
_LITERAL = frozenset({"code", "pre", "kbd", "samp", "svg", "math"})
# Elements whose text is not marked (no link in a link, no abbreviation in a control or in the
# page title), but where a valid ``{key}`` marker is still taken out of the text.
_QUIET = frozenset({"a", "abbr", "h1", "button", "select", "option", "datalist"})
# Raw text elements: their content is not HTML, so it is skipped up to the closing tag.
_RAW = frozenset({"script", "style", "textarea", "title"})
_RAW_END = {name: re.compile(rf"</{name}\s*>", re.I) for name in _RAW}

_COMMENTS = r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<[!?][^>]*>"
# A tag's attributes; quoted values may hold « > ». Possessive: no backtracking on a tag that
# never closes.
_ATTRIBUTES = r"(?>\s*=\s*\"[^\"]*\"|\s*=\s*'[^']*'|[^<>])*+"
_MARKUP = re.compile(rf"{_COMMENTS}|<(/?)([A-Za-z][A-Za-z0-9:-]*){_ATTRIBUTES}>", re.S)
# Text and markup apart, in one call: [text, markup, text, …, text].
_SPLIT = re.compile(rf"({_COMMENTS}|</?[A-Za-z][A-Za-z0-9:-]*{_ATTRIBUTES}>)", re.S).split
# The tags that change how text is marked, by their whole name, in any case.
_SPECIAL = rf"/?(?i:{'|'.join(sorted(_LITERAL | _QUIET | _RAW))})(?![A-Za-z0-9:-])"
# A run of text, comments and other tags, read as _MARKUP reads them, up to the next special
# tag: a run where no short form and no marker occurs is copied as it is, in one piece.
_RUN = re.compile(
    rf"(?:[^<]++|{_COMMENTS}|<(?!{_SPECIAL})/?[A-Za-z][A-Za-z0-9:-]*{_ATTRIBUTES}>"
    rf"|<(?!{_SPECIAL}{_ATTRIBUTES}>))*+",
    re.S,
)

# How far around an occurrence to look for its expansion already written out.
_AROUND = 600


class Marked(NamedTuple):
    html: str
    used: frozenset[str]  # slugs of the acronyms marked on the page


def mark_html(html: str, acronyms: Acronyms, glossary_href: str) -> Marked:
    """Mark the acronyms of a page's HTML; ``glossary_href`` is the glossary page's link from
    this page (``../../glossaire/``), to which ``#<slug>`` is added."""
    page = _Page(acronyms, glossary_href)
    return Marked(page.mark(html), frozenset(page.seen))


def strip_markers(html: str, acronyms: Acronyms) -> str:
    """Only take the valid ``{key}`` markers out of the text (``DO{directrice}`` → ``DO``), for
    HTML that is not to be marked: heading fragments, pages left unmarked."""
    return _Page(acronyms, None).mark(html) if "{" in html else html


class _Page:
    """The marking of one page: which acronyms have already been expanded on it."""

    def __init__(self, acronyms: Acronyms, glossary_href: str | None) -> None:
        self.acronyms = acronyms
        # Most text nodes hold no short form: one search of the scan's expression tells.
        self.find = acronyms.pattern.search
        self.glossary_href = glossary_href or ""
        self.seen: set[str] = set()
        self.open: dict[str, int] = {}  # open excluded elements, by name
        self.literal = 0  # how many of them are literal, how many quiet
        self.quiet = 0 if glossary_href is not None else 1  # no link: quiet everywhere

    def mark(self, html: str) -> str:
        out: list[str] = []
        pos, size = 0, len(html)
        while True:
            match = _RUN.match(html, pos)
            assert match is not None  # it matches the empty string
            run = match.end()
            if run > pos:
                self._run(html, pos, run, out)
            tag = _MARKUP.match(html, run)  # a special tag: where the run stopped
            if tag is None:
                break  # the end of the page
            out.append(tag.group())
            pos = tag.end()
            closing, name = tag.group(1), tag.group(2).lower()
            if tag.group().endswith("/>"):
                continue
            if name in _RAW and not closing:
                end = _RAW_END[name].search(html, pos)
                stop = end.end() if end else size
                out.append(html[pos:stop])
                pos = stop
            elif name in _LITERAL or name in _QUIET:  # not a stray closing tag of _RAW
                self._count(name, closing)
        return "".join(out)

    def _run(self, html: str, start: int, stop: int, out: list[str]) -> None:
        """Text and tags that change nothing of the marking; most hold nothing to mark."""
        piece = html[start:stop]
        if self.literal or ("{" not in piece and (self.quiet or not self.find(piece))):
            out.append(piece)
            return
        parts = _SPLIT(piece)  # text, tag, text, …, text
        for i in range(0, len(parts), 2):
            parts[i] = self.text(parts[i])
        out.append("".join(parts))

    def _count(self, name: str, closing: str) -> None:
        was = self.open.get(name, 0)
        now = max(was + (-1 if closing else 1), 0)
        self.open[name] = now
        if name in _LITERAL:
            self.literal += now - was
        else:
            self.quiet += now - was
        if closing and name in {"select", "datalist"}:
            self.quiet -= self.open.pop("option", 0)  # « </option> » may be left out

    def text(self, text: str) -> str:
        if not text or self.literal:
            return text
        quiet = self.quiet > 0
        if "{" not in text and (quiet or not self.find(text)):
            return text  # nothing to mark, and no marker to take out
        hits = list(_outside_addresses(text, self.acronyms.scan(text)))
        if not hits:
            return text
        out: list[str] = []
        last = 0
        for hit in hits:
            if hit.expansion is None:
                continue  # unknown key: left as written, ``portal check`` reports it
            short = text[hit.start : hit.short_end]
            out += [text[last : hit.start], short if quiet else self._abbr(text, hit, short)]
            last = hit.end
        out.append(text[last:])
        return "".join(out)

    def _abbr(self, text: str, hit: Hit, short: str) -> str:
        acronym = hit.acronym
        expansion = hit.expansion or acronym.neutral
        first = acronym.slug not in self.seen
        # The expansion written next to it also tells which one an ambiguous short form means.
        ambiguous = hit.key is None and len(acronym.expansions) > 1
        written = _written_around(text, hit, expansion) if first or ambiguous else None
        abbr = f'<abbr title="{escape(written or expansion)}">{short}</abbr>'
        if not first:
            return abbr
        self.seen.add(acronym.slug)
        link = f'<a href="{escape(self.glossary_href)}#{acronym.slug}">{abbr}</a>'
        return link if written else f"{link} ({escape(expansion)})"


def _outside_addresses(text: str, hits: Iterator[Hit]) -> Iterator[Hit]:
    """The hits that are not part of a URL or an e-mail address written as text."""
    spans = address_spans(text)
    for hit in hits:
        if not any(start < hit.end and hit.start < end for start, end in spans):
            yield hit


def _written_around(text: str, hit: Hit, expansion: str) -> str | None:
    """The expansion the text already spells out around the occurrence, if any."""
    if hit.key is None:
        candidates = (*(written for _, written in hit.acronym.expansions), expansion)
    else:
        candidates = (expansion,)
    return _written_before(text, hit.start, candidates) or _written_after(
        text, hit.end, candidates
    )


def _fold(text: str) -> str:
    return normal_form(text).casefold()


def _written_before(text: str, start: int, candidates: tuple[str, ...]) -> str | None:
    """The candidate written right before the short form: « Centre … d’Apprentis (CFA) »."""
    before = _fold(text[max(0, start - _AROUND) : start]).removesuffix("(").rstrip()
    for candidate in candidates:
        wanted = _fold(candidate)
        if before.endswith(wanted) and not before[: -len(wanted)][-1:].isalnum():
            return candidate
    return None


def _written_after(text: str, end: int, candidates: tuple[str, ...]) -> str | None:
    """The candidate written right after the short form: « CFA (Centre … d’Apprentis) »."""
    after = _fold(text[end : end + _AROUND])
    if not after.startswith("("):
        return None
    after = after[1:].lstrip()
    for candidate in candidates:
        wanted = _fold(candidate)
        if after.startswith(wanted) and not after[len(wanted) :][:1].isalnum():
            return candidate
    return None


# -- Python-Markdown ---------------------------------------------------------------------------

# Postprocessors run from the highest priority down: raw HTML is restored at 30 and « & » at
# 20; path rewriters (pymdownx.pathconverter, b64) run at 2 and only touch attributes.
PRIORITY = 10
NAME = "cmq_abbreviations"
# Tree processors run the postprocessors on fragments too: toc (5) and pymdownx.tabbed (4) on
# each heading, for its id and its label in the table of contents, MkDocs (1) on the first
# heading, for the page title. Marking is armed after all of them, for the whole page only.
ARM_PRIORITY = -1000


class AbbreviationsPostprocessor(Postprocessor):
    """Marks the page's final HTML. ``used`` holds the slugs marked by the last conversion of
    this Markdown instance (replaced, never accumulated)."""

    def __init__(self, extension: AbbreviationsExtension) -> None:
        super().__init__()
        self.extension = extension
        self.armed = False  # True only for the whole page, never for a heading's fragment
        self.used: frozenset[str] = frozenset()

    def run(self, text: str) -> str:
        whole_page, self.armed = self.armed, False
        if whole_page and not self.extension.mark:
            self.used = frozenset()
            return text  # the adapter marks the page once it is complete
        href = self.extension.glossary_href() if whole_page else None
        if href is None:  # a heading's fragment, or a page left unmarked
            self.used = frozenset() if whole_page else self.used
            return strip_markers(text, self.extension.acronyms)
        html, self.used = mark_html(text, self.extension.acronyms, href)
        return html


class _Disarm(Preprocessor):
    """First step of every conversion: no fragment is marked until the tree is complete."""

    def __init__(self, postprocessor: AbbreviationsPostprocessor) -> None:
        super().__init__()
        self.postprocessor = postprocessor

    def run(self, lines: list[str]) -> list[str]:
        self.postprocessor.armed = False
        return lines


class _Arm(Treeprocessor):
    """Last tree processor: what the postprocessors see next is the whole page."""

    def __init__(self, postprocessor: AbbreviationsPostprocessor) -> None:
        super().__init__()
        self.postprocessor = postprocessor

    def run(self, root: Element) -> None:
        self.postprocessor.armed = True


class AbbreviationsExtension(Extension):
    """Marks acronyms in every page converted; one instance serves every page of a build.

    The adapter sets the current page before each conversion, with :meth:`set_page` or the
    ``page_url`` attribute (site-relative, e.g. ``/campus/green-city/``): the glossary link is
    made relative to it, so the site works under any path. ``page_url = None`` leaves the next
    pages unmarked (the glossary itself). Nothing else is kept between conversions.

    With ``mark=False`` it only takes the ``{key}`` markers out of headings' ids and labels and
    leaves the page as converted: for an adapter that adds HTML around the converted Markdown
    and marks the assembled page with :func:`mark_html`, in one pass.
    """

    def __init__(
        self,
        acronyms: Acronyms,
        *,
        glossary_url: str = "/glossaire/",
        page_url: str | None = "/",
        mark: bool = True,
    ) -> None:
        super().__init__()
        self.acronyms = acronyms
        self.glossary_url = glossary_url
        self.page_url = page_url
        self.mark = mark

    def set_page(self, url: str | None) -> None:
        """The page converted next; MkDocs' ``page.url`` (``campus/x/``, ``""`` for the home
        page) is accepted as well as a site-relative URL."""
        self.page_url = None if url is None else "/" + url.lstrip("/")

    def glossary_href(self) -> str | None:
        """The glossary's link from the current page, or None when it is not to be marked."""
        if self.page_url is None:
            return None
        return relative(self.page_url, self.glossary_url)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        postprocessor = AbbreviationsPostprocessor(self)
        md.preprocessors.register(_Disarm(postprocessor), NAME, 1000)
        md.treeprocessors.register(_Arm(postprocessor), NAME, ARM_PRIORITY)
        md.postprocessors.register(postprocessor, NAME, PRIORITY)
