"""Acronyms marked in a page: on Python-Markdown's tree for a Markdown body, on the HTML of the
parts a template adds around it, one engine and one first-occurrence rule for both.

The first occurrence of each acronym on a page is linked to its glossary entry and expanded in
the text itself, so that screen readers and touch screens get the expansion too, not only the
mouse through ``title``::

    <a href="../../glossaire/#cfa"><abbr title="Centre de Formation d’Apprentis">CFA</abbr></a>
    (Centre de Formation d’Apprentis)

unless the same text already spells the expansion out next to it (« Centre de Formation
d’Apprentis (CFA) »). Later occurrences become ``<abbr title="…">CFA</abbr>``.

Nothing is marked inside links, abbreviations, code, the page title (``h1``), form controls,
SVG or MathML, nor in attributes, comments, or URLs and e-mail addresses written as text.

A :class:`Marking` is the marking of one page, read in document order: what it has expanded
already, and which excluded elements raw HTML has left open. Its :meth:`Marking.text` decides
what one text becomes; two readers give it the page's texts:

- :class:`AbbreviationsTreeprocessor`, the last tree processor of Python-Markdown, walks the
  body's tree and puts ``a`` and ``abbr`` elements in it. Raw HTML is not in the tree but in
  Python-Markdown's stash, a placeholder in the text standing for it: each stash entry is read
  where its placeholder stands, so the order holds, and an inline ``<a>`` left open by one
  entry keeps the text after it unmarked until the entry holding ``</a>``.
- :class:`_Fragment` reads HTML with the standard library's :class:`html.parser.HTMLParser`,
  which tells markup from text as browsers do (quoted attribute values, comments, CDATA
  sections, raw text elements, names in any case); no expression of this module reads HTML. It
  marks the stash entries, and the template's parts before and after the body
  (:meth:`Marking.html`). The parser only says where each text node lies: the output is the
  source itself with the changed text nodes put in (character references kept as written, so
  ``R&amp;D`` is still found). The parser is pure Python, one call per tag, so its reading is
  the main cost: the acronyms' expression is first searched over the whole fragment (in C), a
  fragment without a short form is returned as it is, a text node in which none starts is not
  looked at, and reading stops after the text node that holds the last one. A match never runs
  across markup (no short form holds « < » or « > »), so what the search skips holds none.

An adapter that adds HTML around the converted body (the portal's templates) marks the part
before it with a :class:`Marking`, hands that marking to :meth:`AbbreviationsExtension.begin`
for the body's conversion, then marks the part after it with the same marking. Heading
fragments that other extensions pass through the postprocessors (for ids, the table of
contents, the page title) only lose their ``{key}`` markers. No MkDocs import: any
Python-Markdown pipeline can use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from html import escape
from html.parser import HTMLParser
from itertools import accumulate
from typing import NamedTuple
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE

from .. import memos
from ..acronyms import Acronyms, Hit, address_spans, normal_form
from .urls import relative

# Elements whose text is shown as written: never marked, ``{key}`` markers left as they are.
_LITERAL = frozenset({"code", "pre", "kbd", "samp", "svg", "math"})
# Elements whose text is not marked (no link in a link, no abbreviation in a control or in the
# page title), but where a valid ``{key}`` marker is still taken out of the text.
_QUIET = frozenset({"a", "abbr", "h1", "button", "select", "option", "datalist"})
_COUNTED = _LITERAL | _QUIET
# Raw text elements: their content is not HTML, and is never marked.
_RAW = frozenset({"script", "style", "textarea", "title"})

# A character reference, as Python-Markdown finds one in text (its ENTITY_RE).
_REFERENCE = re.compile(r"&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z0-9]+);")

# Where a template lets a long page be marked piece by piece (after each card of a list): the
# first occurrences run on from one piece to the next, and a preview memoises each piece
# (memos.py).
PIECE = "<!--PIECE-->"

# How far around an occurrence to look for its expansion already written out.
_AROUND = 600


class Marked(NamedTuple):
    html: str
    used: frozenset[str]  # slugs of the acronyms marked on the page


class Mark(NamedTuple):
    """An occurrence as it is to be shown."""

    short: str  # as the text writes it (``R&amp;D`` in HTML, ``R&D`` in the tree)
    title: str  # the abbreviation's expansion
    link: str | None  # the glossary entry's link, on the page's first occurrence only
    spelled: str | None  # the expansion written after the link, unless the text has it


def mark_html(html: str, acronyms: Acronyms, glossary_href: str) -> Marked:
    """Mark the acronyms of a whole page's HTML; ``glossary_href`` is the glossary page's link
    from this page (``../../glossaire/``), to which ``#<slug>`` is added."""
    marking = Marking(acronyms, glossary_href)
    return Marked(marking.html(html), frozenset(marking.seen))


def strip_markers(html: str, acronyms: Acronyms) -> str:
    """Only take the valid ``{key}`` markers out of the text (``DO{directrice}`` → ``DO``), for
    HTML that is not to be marked: heading fragments, pages left unmarked."""
    return Marking(acronyms, None).html(html) if "{" in html or PIECE in html else html


class Marking:
    """The marking of one page, its texts given in document order: what has been expanded,
    and the excluded elements raw HTML of a Markdown body has opened and not yet closed.

    ``glossary_href`` None: nothing is marked, only the ``{key}`` markers are taken out."""

    def __init__(self, acronyms: Acronyms, glossary_href: str | None) -> None:
        self.acronyms = acronyms
        # Most texts hold no short form: one search of the scan's expression tells.
        self.find = acronyms.pattern.search
        self.glossary_href = glossary_href
        self.seen: set[str] = set()
        self.open: dict[str, int] = {}  # open excluded elements, by name
        self.literal = 0  # how many of them are literal, how many quiet
        self.quiet = 0

    def html(self, html: str) -> str:
        """Mark a complete fragment of HTML (a template's part before or after the body), piece
        by piece where it says :data:`PIECE` (taken out)."""
        seen = frozenset(self.seen)
        out: list[str] = []
        for piece in html.split(PIECE):
            mark = _remembered if memos.kept() else _marked
            marked, seen = mark(piece, self.acronyms, self.glossary_href, seen)
            out.append(marked)
        self.seen = set(seen)
        return "".join(out)

    def raw(self, html: str) -> str:
        """Mark a raw HTML fragment of a Markdown body (an entry of Python-Markdown's stash): the
        elements it opens or closes are counted for the text that follows it."""
        return _Fragment(self, carry=True).mark(html)

    def text(self, text: str, quiet: bool = False) -> list[str | Mark] | None:
        """What a text becomes, in pieces (its own text and marks), or None if it stays as it
        is; ``quiet``: inside an element where nothing is marked."""
        if not text:
            return None
        quiet = quiet or self.quiet > 0 or self.glossary_href is None
        if "{" not in text and (quiet or not self.find(text)):
            return None  # nothing to mark, and no marker to take out
        hits = list(_outside_addresses(text, self.acronyms.scan(text)))
        if not hits:
            return None
        pieces: list[str | Mark] = []
        last = 0
        for hit in hits:
            if hit.expansion is None:
                continue  # unknown key: left as written, ``portal check`` reports it
            short = text[hit.start : hit.short_end]
            pieces += [text[last : hit.start], short if quiet else self._mark(text, hit, short)]
            last = hit.end
        pieces.append(text[last:])
        return pieces

    def _mark(self, text: str, hit: Hit, short: str) -> Mark:
        acronym = hit.acronym
        expansion = hit.expansion or acronym.neutral
        first = acronym.slug not in self.seen
        # The expansion written next to it also tells which one an ambiguous short form means.
        ambiguous = hit.key is None and len(acronym.expansions) > 1
        written = _written_around(text, hit, expansion) if first or ambiguous else None
        if not first:
            return Mark(short, written or expansion, None, None)
        self.seen.add(acronym.slug)
        link = f"{self.glossary_href}#{acronym.slug}"
        return Mark(short, written or expansion, link, None if written else expansion)


def _as_html(pieces: list[str | Mark]) -> str:
    """Pieces of a text of HTML source, written back as HTML, escaped as Python-Markdown's
    serializer escapes the tree's marks (an apostrophe stays one), so that both readers write
    the same bytes."""
    out: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
            continue
        abbr = f'<abbr title="{_attribute(piece.title)}">{piece.short}</abbr>'
        if piece.link is None:
            out.append(abbr)
        else:
            out.append(f'<a href="{_attribute(piece.link)}">{abbr}</a>')
            if piece.spelled is not None:
                out.append(f" ({escape(piece.spelled, quote=False)})")
    return "".join(out)


def _attribute(value: str) -> str:
    return escape(value, quote=False).replace('"', "&quot;")


def _marked(
    html: str, acronyms: Acronyms, glossary_href: str | None, seen: frozenset[str]
) -> tuple[str, frozenset[str]]:
    if not acronyms.pattern.search(html):
        return html, seen  # no short form, no marker
    marking = Marking(acronyms, glossary_href)
    marking.seen = set(seen)
    marked = _Fragment(marking, carry=False).mark(html)
    return marked, seen if len(marking.seen) == len(seen) else frozenset(marking.seen)


# Under `mkdocs serve`, a piece marked again as it was, after the same first occurrences, is
# taken from the pieces marked last: the preview renders the lists again at every save, and an
# edit changes one card of them; reading a whole list of 2,000 cards takes a second. The
# marking's state is shared by the pieces that add nothing to it, so that the memo holds few of
# them. A build marks each piece once: there the memo would only hold memory (80 MB of each
# build process at 4,000 items).
_remembered = lru_cache(maxsize=8192)(_marked)
memos.forgotten_with(_remembered.cache_clear)


class _Stop(Exception):
    """No short form further in the fragment: the rest is left as it is."""


class _Fragment(HTMLParser):
    """The reading of one fragment of HTML for a :class:`Marking`. ``carry``: the excluded
    elements it opens and closes are the marking's (a stash entry: it is read to its end);
    otherwise they are its own (a complete fragment: reading may stop after the last short
    form)."""

    def __init__(self, marking: Marking, carry: bool) -> None:
        # Character references come as events of their own, so their source can be kept.
        super().__init__(convert_charrefs=False)
        self.marking = marking
        self.carry = carry
        self.open = marking.open if carry else {}
        self.literal = marking.literal if carry else 0
        self._quiet = 0  # its own count, when it does not carry the marking's
        self.raw: str | None = None  # the raw text element the parser is in
        self.html = ""
        self.lines: list[int] = []  # offset of each line's start, for the parser's positions
        self.starts: list[int] = []  # where the fragment's short forms start, in order
        self.next = 0  # index in it of the first one not before the text node being read
        self.stop = 0  # a text node that ends past it holds the last short form
        self.every = False  # every text node is looked at, not only those where one starts
        self.edits: list[tuple[int, int, str]] = []  # (start, end, new text) of text nodes
        # The text node being read, as offsets in the fragment: its data and character
        # references come as several events.
        self.start = self.end = -1

    @property
    def quiet(self) -> int:
        return self.marking.quiet if self.carry else self._quiet

    @quiet.setter
    def quiet(self, value: int) -> None:
        if self.carry:
            self.marking.quiet = value
        else:
            self._quiet = value

    def mark(self, html: str) -> str:
        # Where the fragment's short forms start: a text node that holds none is left as it is
        # without being read, and nothing is read past the last one.
        starts = [match.start() for match in self.marking.acronyms.pattern.finditer(html)]
        if not starts and (not self.carry or "<" not in html):
            return html  # no short form, no marker, no element to count: nothing to do
        if self.marking.acronyms.spans_markup:  # a match may start before the text holding it
            self.every = True
        if self.every or self.carry:
            self.stop = len(html) + 1
        else:
            self.stop = starts[-1] + 1
        starts.append(len(html) + 1)  # so that the search for the next one always ends
        self.html, self.starts = html, starts
        self.lines = list(accumulate((len(line) + 1 for line in html.split("\n")), initial=0))
        try:
            self.feed(html)
            self.close()
            if self.start >= 0:
                self._flush()
        except _Stop:
            pass
        if self.carry:
            self.marking.literal = self.literal
        out: list[str] = []
        done = 0
        for start, end, text in self.edits:
            out += [html[done:start], text]
            done = end
        out.append(html[done:])
        return "".join(out)

    # -- Parser events ----------------------------------------------------------------------

    def _text(self, start: int, end: int) -> None:
        if start != self.end:  # not next to the text before: a new text node
            if self.start >= 0:
                self._flush()
            self.start = start
        self.end = end

    def _flush(self) -> None:
        """Mark the text node read so far, now that it is complete."""
        start, end = self.start, self.end
        self.start = self.end = -1
        starts, index = self.starts, self.next
        while starts[index] < start:
            index += 1
        self.next = index
        if (starts[index] < end or self.every) and not self.literal:  # a short form starts here
            pieces = self.marking.text(self.html[start:end], self.quiet > 0)
            if pieces is not None:
                self.edits.append((start, end, _as_html(pieces)))
        if end >= self.stop:
            raise _Stop

    def handle_data(self, data: str) -> None:
        if self.raw:
            return
        if "<" in data and data != "<":
            # Markup the parser gave up on: left as it is. An unclosed comment runs to the end
            # of the fragment, as browsers read it.
            if self.start >= 0:
                self._flush()
            if data.startswith(("<!--", "<![CDATA[")) and not self.carry:
                raise _Stop
            return
        line, column = self.getpos()
        start = self.lines[line - 1] + column
        self._text(start, start + len(data))

    def handle_entityref(self, name: str) -> None:
        line, column = self.getpos()
        end = self.lines[line - 1] + column + 1 + len(name)
        self._text(end - 1 - len(name), end + self.html.startswith(";", end))

    def handle_charref(self, name: str) -> None:
        line, column = self.getpos()
        end = self.lines[line - 1] + column + 2 + len(name)
        self._text(end - 2 - len(name), end + self.html.startswith(";", end))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.start >= 0:
            self._flush()
        if tag in _COUNTED:
            self._count(tag, closing=False)
        elif tag in _RAW:
            self.raw = tag
            # Up to its end tag, the parser reads it as text: it does for script and style,
            # and is told to for textarea and title (which it reads as HTML before 3.14).
            self.set_cdata_mode(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.start >= 0:
            self._flush()  # « <a/> » opens nothing

    def handle_endtag(self, tag: str) -> None:
        if self.start >= 0:
            self._flush()
        if self.raw:
            self.raw = None if tag == self.raw else self.raw
        elif tag in _COUNTED:
            self._count(tag, closing=True)

    def handle_comment(self, data: str) -> None:
        if self.start >= 0:
            self._flush()

    # Doctype, processing instruction, CDATA section: no text of the page either.
    def handle_decl(self, decl: str) -> None:
        self.handle_comment(decl)

    def handle_pi(self, data: str) -> None:
        self.handle_comment(data)

    def unknown_decl(self, data: str) -> None:
        self.handle_comment(data)

    def _count(self, name: str, closing: bool) -> None:
        was = self.open.get(name, 0)
        now = max(was + (-1 if closing else 1), 0)
        self.open[name] = now
        if name in _LITERAL:
            self.literal += now - was
        else:
            self.quiet += now - was
        if closing and name in {"select", "datalist"}:
            self.quiet -= self.open.pop("option", 0)  # « </option> » may be left out


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

# Tree processors run from the highest priority down: after every other one, so that the links
# put in are not rewritten (MkDocs' relative paths, at 0) and the texts are final (typography at
# 7; toc at 5, pymdownx.tabbed at 4 and MkDocs' title at 1 have read the headings, their
# fragments only losing their markers through the postprocessors).
PRIORITY = -1000
NAME = "cmq_abbreviations"


class AbbreviationsTreeprocessor(Treeprocessor):
    """Marks the body's tree, and the stash entries of its raw HTML where they stand."""

    def __init__(self, md: Markdown, extension: AbbreviationsExtension) -> None:
        super().__init__(md)
        self.extension = extension
        self.marking = Marking(extension.acronyms, None)
        self.read: set[int] = set()  # stash entries already marked
        self.used: frozenset[str] = frozenset()  # the slugs the last conversion marked

    def run(self, root: Element) -> None:
        self.marking = self.extension.take_marking()
        self.read = set()
        self._element(root, literal=False, quiet=False)
        self.used = frozenset(self.marking.seen)
        self.extension.postprocessor.whole_page = True

    def _element(self, element: Element, literal: bool, quiet: bool) -> None:
        children = list(element)  # the marks put in are not read again
        if element.text and not literal:
            pieces = self._pieces(element.text, quiet)
            if pieces is not None:
                element.text, added = _as_elements(pieces)
                for index, child in enumerate(added):
                    element.insert(index, child)
        position = 0  # the child's index in the element, marks put in before it counted
        for child in children:
            while element[position] is not child:
                position += 1
            tag = child.tag if isinstance(child.tag, str) else "code"  # a comment: left as is
            self._element(child, literal or tag in _LITERAL or tag in _RAW, quiet or tag in _QUIET)
            if child.tail and not literal:
                pieces = self._pieces(child.tail, quiet)
                if pieces is not None:
                    child.tail, added = _as_elements(pieces)
                    for offset, mark in enumerate(added, start=1):
                        element.insert(position + offset, mark)

    def _pieces(self, text: str, quiet: bool) -> list[str | Mark] | None:
        """What a text of the tree becomes, the raw HTML its placeholders stand for marked."""
        if "\x02" not in text:
            return self._marks(text, quiet)
        # A character reference is stashed as raw HTML, but is part of the text, as written
        # (the serializer leaves « & » alone in one).
        text = HTML_PLACEHOLDER_RE.sub(self._reference, text).replace(AMP_SUBSTITUTE, "&")
        pieces: list[str | Mark] = []
        done = 0
        for placeholder in HTML_PLACEHOLDER_RE.finditer(text):
            pieces += self._between(text[done : placeholder.start()], quiet)
            self._stashed(int(placeholder.group(1)), quiet)
            pieces.append(placeholder.group())
            done = placeholder.end()
        pieces += self._between(text[done:], quiet)
        return pieces

    def _reference(self, placeholder: re.Match[str]) -> str:
        stash, index = self.md.htmlStash.rawHtmlBlocks, int(placeholder.group(1))
        entry = stash[index] if index < len(stash) else None
        if isinstance(entry, str) and _REFERENCE.fullmatch(entry):
            return entry
        return placeholder.group()

    def _between(self, text: str, quiet: bool) -> list[str | Mark]:
        return self._marks(text, quiet) or [text]

    def _marks(self, text: str, quiet: bool) -> list[str | Mark] | None:
        """What ``text`` becomes, None if it stays (inside a literal element, or no acronym)."""
        return None if self.marking.literal else self.marking.text(text, quiet)

    def _stashed(self, index: int, quiet: bool) -> None:
        stash = self.md.htmlStash.rawHtmlBlocks
        if index >= len(stash) or index in self.read:
            return
        self.read.add(index)
        entry = stash[index]
        if isinstance(entry, Element):
            self._element(entry, bool(self.marking.literal), quiet)
            return
        # An entry may hold placeholders of other entries, put back where they stand.
        out: list[str] = []
        done = 0
        for placeholder in HTML_PLACEHOLDER_RE.finditer(entry):
            out.append(self.marking.raw(entry[done : placeholder.start()]))
            self._stashed(int(placeholder.group(1)), quiet)
            out.append(placeholder.group())
            done = placeholder.end()
        out.append(self.marking.raw(entry[done:]))
        stash[index] = "".join(out)


def _as_elements(pieces: list[str | Mark]) -> tuple[str, list[Element]]:
    """Pieces of a text of the tree: the text before the first mark, and the marks' elements,
    each with the text after it as its tail."""
    head = ""
    added: list[Element] = []
    for piece in pieces:
        if isinstance(piece, str):
            if added:
                added[-1].tail = (added[-1].tail or "") + piece
            else:
                head += piece
            continue
        abbr = Element("abbr", title=piece.title)
        abbr.text = piece.short
        element = abbr
        if piece.link is not None:
            element = Element("a", href=piece.link)
            element.append(abbr)
        element.tail = f" ({piece.spelled})" if piece.spelled is not None else None
        added.append(element)
    return head, added


class AbbreviationsPostprocessor(Postprocessor):
    """Takes the ``{key}`` markers out of the fragments other extensions pass through the
    postprocessors (a heading, for its id and its label in the table of contents); the whole
    page, marked on its tree, is left as it is."""

    def __init__(self, extension: AbbreviationsExtension) -> None:
        super().__init__()
        self.extension = extension
        self.whole_page = False  # True only for the whole page, never for a fragment

    def run(self, text: str) -> str:
        whole_page, self.whole_page = self.whole_page, False
        return text if whole_page else strip_markers(text, self.extension.acronyms)


class _Start(Preprocessor):
    """First step of every conversion: what the postprocessors see is a fragment until the
    tree is marked."""

    def __init__(self, postprocessor: AbbreviationsPostprocessor) -> None:
        super().__init__()
        self.postprocessor = postprocessor

    def run(self, lines: list[str]) -> list[str]:
        self.postprocessor.whole_page = False
        return lines


class AbbreviationsExtension(Extension):
    """Marks acronyms in every page converted; one instance serves every page of a build.

    By default each conversion is a page of its own, its glossary link made relative to the
    current page, set with :meth:`set_page` or the ``page_url`` attribute (site-relative, e.g.
    ``/campus/green-city/``), so the site works under any path; ``page_url = None`` leaves the
    next pages unmarked (the glossary itself). An adapter that adds HTML around the body hands
    the next conversion the page's marking with :meth:`begin` (the part before the body marked
    with it) and marks the part after the body with it once converted.
    """

    def __init__(
        self, acronyms: Acronyms, *, glossary_url: str = "/glossaire/", page_url: str | None = "/"
    ) -> None:
        super().__init__()
        self.acronyms = acronyms
        self.glossary_url = glossary_url
        self.page_url = page_url
        self.postprocessor = AbbreviationsPostprocessor(self)
        self.next: Marking | None = None

    def set_page(self, url: str | None) -> None:
        """The page converted next; MkDocs' ``page.url`` (``campus/x/``, ``""`` for the home
        page) is accepted as well as a site-relative URL."""
        self.page_url = None if url is None else "/" + url.lstrip("/")

    def begin(self, marking: Marking) -> None:
        """The marking the next conversion goes on with (and adds to)."""
        self.next = marking

    def take_marking(self) -> Marking:
        """The next conversion's marking: the one handed to :meth:`begin`, or a new one for the
        current page."""
        marking, self.next = self.next, None
        return marking if marking is not None else Marking(self.acronyms, self.glossary_href())

    def glossary_href(self) -> str | None:
        """The glossary's link from the current page, or None when it is not to be marked."""
        if self.page_url is None:
            return None
        return relative(self.page_url, self.glossary_url)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.preprocessors.register(_Start(self.postprocessor), NAME, 1000)
        md.treeprocessors.register(AbbreviationsTreeprocessor(md, self), NAME, PRIORITY)
        md.postprocessors.register(self.postprocessor, NAME, 10)
