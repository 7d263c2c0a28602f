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

The page is read by the standard library's :class:`html.parser.HTMLParser`, which tells markup
from text as browsers do (quoted attribute values, comments, CDATA sections, raw text elements,
names in any case); no expression of this module reads HTML. The parser only says where each
text node lies in the source: the output is the source itself, with the changed text nodes put
in (character references are kept as written, so ``R&amp;D`` is still found). One reading of
the whole page, rather than Python-Markdown's tree: the first-occurrence rule spans a page's
Markdown body and the HTML its templates add around it, and raw HTML blocks are not in the tree
(they come back as text after it is serialised). The parser is pure Python, one call per tag,
so its reading is the main cost: the acronyms' expression is first searched over the whole page
(in C), a page without a short form is returned as it is, a text node in which none starts is
not looked at, and reading stops after the text node that holds the last one. A match never
runs across markup (no short form holds « < » or « > »), so what the search skips holds none.

:class:`AbbreviationsExtension` runs :func:`mark_html` as the last step of Python-Markdown, after
raw HTML blocks are put back, so it sees raw HTML as well as the editor's text.
Heading fragments that other extensions pass through the postprocessors (for ids, the table of
contents, the page title) only lose their ``{key}`` markers. No MkDocs import: any
Python-Markdown pipeline can use it.
"""

from __future__ import annotations

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

# How far around an occurrence to look for its expansion already written out.
_AROUND = 600


class Marked(NamedTuple):
    html: str
    used: frozenset[str]  # slugs of the acronyms marked on the page


# A page marked again as it was (`mkdocs serve` renders the lists again at every save, and
# most of them come out the same) is taken from the last pages marked: reading a big list
# costs a tenth of a second and more.
@lru_cache(maxsize=64)
def mark_html(html: str, acronyms: Acronyms, glossary_href: str) -> Marked:
    """Mark the acronyms of a page's HTML; ``glossary_href`` is the glossary page's link from
    this page (``../../glossaire/``), to which ``#<slug>`` is added."""
    page = _Page(acronyms, glossary_href)
    return Marked(page.mark(html), frozenset(page.seen))


def strip_markers(html: str, acronyms: Acronyms) -> str:
    """Only take the valid ``{key}`` markers out of the text (``DO{directrice}`` → ``DO``), for
    HTML that is not to be marked: heading fragments, pages left unmarked."""
    return _Page(acronyms, None).mark(html) if "{" in html else html


class _Stop(Exception):
    """No short form further in the page: the rest is left as it is."""


class _Page(HTMLParser):
    """The marking of one page: which acronyms have already been expanded on it."""

    def __init__(self, acronyms: Acronyms, glossary_href: str | None) -> None:
        # Character references come as events of their own, so their source can be kept.
        super().__init__(convert_charrefs=False)
        self.acronyms = acronyms
        # Most text nodes hold no short form: one search of the scan's expression tells.
        self.find = acronyms.pattern.search
        self.glossary_href = glossary_href or ""
        self.seen: set[str] = set()
        self.open: dict[str, int] = {}  # open excluded elements, by name
        self.literal = 0  # how many of them are literal, how many quiet
        self.quiet = 0 if glossary_href is not None else 1  # no link: quiet everywhere
        self.raw: str | None = None  # the raw text element the parser is in
        self.html = ""
        self.lines: list[int] = []  # offset of each line's start, for the parser's positions
        self.starts: list[int] = []  # where the page's short forms start, in order
        self.next = 0  # index in it of the first one not before the text node being read
        self.stop = 0  # a text node that ends past it holds the last short form
        self.every = False  # every text node is looked at, not only those where one starts
        self.edits: list[tuple[int, int, str]] = []  # (start, end, new text) of text nodes
        # The text node being read, as offsets in the page: its data and character references
        # come as several events.
        self.start = self.end = -1

    def mark(self, html: str) -> str:
        # Where the page's short forms start: a text node that holds none is left as it is
        # without being read, and nothing is read past the last one.
        starts = [match.start() for match in self.acronyms.pattern.finditer(html)]
        if not starts:
            return html  # no short form, no marker: nothing to do
        if self.acronyms.spans_markup:  # a match may start before the text holding it
            self.every = True
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
            text = self.html[start:end]
            marked = self.text(text)
            if marked != text:
                self.edits.append((start, end, marked))
        if end >= self.stop:
            raise _Stop

    def handle_data(self, data: str) -> None:
        if self.raw:
            return
        if "<" in data and data != "<":
            # Markup the parser gave up on: left as it is. An unclosed comment runs to the end
            # of the page, as browsers read it.
            if self.start >= 0:
                self._flush()
            if data.startswith(("<!--", "<![CDATA[")):
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

    # -- Text -------------------------------------------------------------------------------

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
