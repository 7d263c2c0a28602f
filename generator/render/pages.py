"""Pages: every generated page, as a Markdown body and a template for its structured part.

Structured fields go through Jinja2 with autoescape, so every front-matter value is escaped; the
item's own Markdown body is converted by whatever builds the site, then put in its place.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from html import escape
from itertools import groupby
from pathlib import Path
from typing import Any

import markdown as md
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..contenttypes import ACTION, CAMPUS, EVENT, GLOSSARY, ContentType, content_types
from ..dates import date_badge, french_date, french_month, french_when
from ..figures import Totals, differences, participants_said, row_said, year_said
from ..glossary_use import Use
from ..index import Site
from ..models import Campus, Event, GlossaryEntry
from ..models.common import Item
from ..routes import ROUTES, calendar_url, figures_url, report_url
from ..text import fold, french_number, french_typography
from .catalogue import Catalogue
from .charts import bar_chart
from .jsonld import event_jsonld, jsonld_text
from .typography import TypographyExtension, finalize
from .urls import absolute, relative, src_uri


@dataclass(frozen=True)
class Page:
    """A generated page: the editor's Markdown body, converted by whatever builds the site, and
    the template that renders the structured part around it (:meth:`PageRenderer.html`).

    The structured part never goes through Markdown: it is HTML already, and parsing it again
    cost a quarter of a build. It is rendered when the page is, so a build does not hold every
    page's HTML at once.
    """

    url: str  # site-relative, e.g. "/campus/green-city/"
    title: str
    template: str
    body: str = ""
    calendar: str | None = None  # the page's calendar feed, linked in <head> by theme/main.html
    # Whether the full-text search indexes it: item pages and the glossary; lists, reports and
    # key figures repeat what the item pages say.
    search: bool = True
    # Material's « hide » (« toc »: a page whose sections are cards, not chapters to jump to).
    hide: tuple[str, ...] = ()
    context: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    summary: str | None = None  # an item's summary: the page's description, shared with its link
    # The Markdown file the page stands for, when an editor's file gives its body (links in the
    # body are relative to it); by default, the one its URL asks for.
    source: str | None = None

    @property
    def src_uri(self) -> str:
        return self.source or src_uri(self.url)

    @property
    def markdown(self) -> str:
        """The page's Markdown source: front matter for the theme, then the body."""
        return f"{self.front_matter}\n{self.body.strip()}\n"

    @property
    def front_matter(self) -> str:
        """What the theme reads of the page, between its two « --- » lines."""
        # Material prints ``page.meta.title`` unescaped (header, <title>): give it escaped text.
        # JSON is valid YAML, so the value is read back unchanged whatever characters it holds.
        meta = f"---\ntitle: {json.dumps(escape(self.title, quote=False), ensure_ascii=False)}\n"
        if self.calendar:
            meta += f"calendar: {json.dumps(self.calendar.lstrip('/'))}\n"
        # As typed, for theme/main.html's sharing tags, which escape them; Material prints
        # « description » as it is, so it gets escaped text.
        share = {"title": self.title, **({"description": self.summary} if self.summary else {})}
        meta += f"share: {json.dumps(share)}\n"
        if self.summary:
            meta += f"description: {json.dumps(escape(self.summary))}\n"
        if not self.search:  # Material's key, read by theme/main.html
            meta += "search:\n  exclude: true\n"
        if self.hide:
            meta += "hide:\n" + "".join(f"  - {what}\n" for what in self.hide)
        return f"{meta}---\n"


def event_when(event: Event) -> str:
    return french_when(event.start, event.end)


@dataclass(frozen=True)
class CampusCard:
    """A campus as the home and /campus/ show it: what it is, and how much it offers."""

    campus: Campus
    actions: int  # active actions
    upcoming: int  # events not over at the build date


HOME_DEFINITION = "campus-des-metiers-et-des-qualifications"  # glossary term shown on the home page


def _grouped_by(events: Iterable[Event], heading: Any) -> list[tuple[str, list[Event]]]:
    """Consecutive events sharing a heading (a month, a year), in the order given."""
    return [(key, list(group)) for key, group in groupby(events, heading)]


def around_body(html: str) -> tuple[str, str]:
    """A template's output before and after where the template puts the converted body (by
    default, at the end)."""
    before, marker, after = html.partition("<!--BODY-->")
    return (before, after) if marker else (html, "")


def with_body(html: str, body_html: str) -> str:
    """A template's output with the converted body where the template marks it."""
    return joined(*around_body(html), body_html)


def joined(before: str, after: str, body_html: str) -> str:
    """A page's content: the template's parts around its converted body."""
    return f"{before.strip()}\n{body_html.strip()}\n{after.strip()}\n"


class PageRenderer:
    def __init__(
        self,
        site: Site,
        templates: Path,
        today: date,
        site_url: str | None = None,
        glossary_uses: Mapping[str, tuple[Use, ...]] | None = None,
    ) -> None:
        self.site = site
        # Not `or {}`: a deferred mapping would be worked out to test its length.
        self.glossary_uses = {} if glossary_uses is None else glossary_uses
        self.today = today
        self.site_url = site_url
        self.env = Environment(
            loader=FileSystemLoader(templates),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # One renderer per build (`mkdocs serve` makes a new one): no need to look at the
            # templates' files again at every page.
            auto_reload=False,
            finalize=finalize,  # French typography on every printed text (render/typography.py)
        )
        # Templates call no Python method (MiniJinja, which Material's successor renders them
        # with, refuses them; tests/test_templates.py checks): what they need of the models is a
        # filter or a global here, or a value of the page's context.
        self.env.filters["french_date"] = french_date
        self.env.filters["number"] = french_number
        self.env.filters["iso_date"] = lambda day: day.isoformat()  # for scripts: data-ends
        vocabularies = site.content.vocabularies
        # A vocabulary key's label: {{ action.format | label("formats") }}.
        self.env.filters["label"] = lambda key, vocabulary: vocabularies[vocabulary].label(key)
        self.env.globals["event_when"] = event_when
        # A mapping, not the named tuple: MiniJinja reads a tuple as a list, without its names.
        self.env.globals["date_badge"] = lambda day: date_badge(day)._asdict()
        self.env.globals["calendar_url"] = calendar_url
        self.env.globals["webcal"] = self._webcal
        self.env.globals["bar_chart"] = bar_chart
        self.env.globals["audience_rows"] = self._audience_rows
        self.env.globals["campus_rows"] = self._campus_rows
        # Every fixed URL (routes.catalogue…) and the builders of the others (generator/routes.py).
        self.env.globals["routes"] = ROUTES.as_dict()
        self.env.globals["report_url"] = report_url
        self.env.globals["figures_url"] = figures_url
        self.env.globals["campus_year_rows"] = lambda slug: [
            (str(year), report_url(slug, year), totals)
            for year, totals in site.figures.by_campus.get(slug, {}).items()
        ]
        # A campus's sums for a year (None: none of its actions has figures that year).
        self.env.globals["campus_figures"] = lambda slug, year: site.figures.by_campus.get(
            slug, {}
        ).get(year)
        self.env.globals["report_years"] = self._report_years
        self.env.globals["campus_actions"] = lambda slug: [
            a for a in site.actions_by_campus.get(slug, ()) if a.status == "active"
        ]
        self.env.globals["uses_of"] = lambda slug: self.glossary_uses.get(slug, ())
        audiences = site.content.vocabularies["audiences"].terms
        audience_labels = {key: term.label for key, term in audiences.items()}
        self.env.globals["differences"] = lambda declared, computed: differences(
            declared, computed, audience_labels
        )
        # Counts as the documents give them (« plus de 4 000 ») and sums as they may be said
        # (« au moins 4 812 »): formatted here, so that templates call no Python method.
        self.env.globals["said"] = lambda totals, measure: totals.said(measure)
        self.env.globals["row_said"] = row_said
        self.env.globals["year_said"] = year_said
        self.env.globals["participants_said"] = lambda row: participants_said(
            row, audience_labels
        )
        # Editors' Markdown bodies (glossary definitions) shown inside a generated page; one
        # converter serves them all (a new one for each costs more than the conversion).
        converter = md.Markdown(extensions=[TypographyExtension()])
        self.env.filters["markdown"] = lambda text: Markup(converter.reset().convert(text))

    def _report_years(self, slug: str) -> list[int]:
        """The years of a campus's annual reports, newest first: those its actions' figures
        or its own declared figures cover."""
        computed = self.site.figures.by_campus.get(slug, {})
        declared = {d.year for d in self.site.content.campuses[slug].figures}
        return sorted(set(computed) | declared, reverse=True)

    def _webcal(self, url: str) -> str | None:
        """The subscription address of a feed (webcal: makes calendar apps subscribe)."""
        full = absolute(self.site_url, url)
        return "webcal" + full[full.index(":"):] if full else None

    def _page(
        self,
        url: str,
        title: str,
        template: str,
        body: str = "",
        calendar: str | None = None,
        search: bool = True,
        hide: tuple[str, ...] = (),
        summary: str | None = None,
        **context: Any,
    ) -> Page:
        return Page(
            url, french_typography(title), template, body, calendar, search, hide, context,
            french_typography(summary) if summary else None,
        )

    def html(self, page: Page, body_html: str = "") -> str:
        """The page's content: its template rendered around ``body_html``, the body converted."""
        return with_body(self.template(page), body_html)

    def template(self, page: Page) -> str:
        """The page's template rendered, ``<!--BODY-->`` where the body goes."""
        return self.env.get_template(page.template).render(self.context(page))

    def context(self, page: Page) -> dict[str, Any]:
        """What the page's template is rendered with, beside the environment's globals."""
        site = self.site
        url = page.url

        def link(content_type: ContentType, slug: str) -> str:
            return relative(url, site.url(content_type, slug))

        return {
            "site": site,
            "content": site.content,
            "vocab": site.content.vocabularies,
            "link": link,
            "to": lambda target: relative(url, target),
            "title": page.title,
            "today": self.today,
            "CAMPUS": CAMPUS,
            "ACTION": ACTION,
            "EVENT": EVENT,
            "GLOSSARY": GLOSSARY,
            **page.context,
        }

    def _split(self, events: tuple[Event, ...]) -> tuple[list[Event], list[Event]]:
        """Upcoming (soonest first) and past (latest first), decided on the last day."""
        upcoming = [e for e in events if e.last_day >= self.today]
        past = [e for e in reversed(events) if e.last_day < self.today]
        return upcoming, past

    def _campus_cards(self, status: str) -> list[CampusCard]:
        site = self.site
        return [
            CampusCard(
                campus,
                sum(a.status == "active" for a in site.actions_by_campus.get(slug, ())),
                len(self._split(site.events_by_campus.get(slug, ()))[0]),
            )
            for slug, campus in site.content.campuses.items()
            if campus.status == status
        ]

    def home(self) -> Page:
        upcoming, past = self._split(self.site.events_by_date)
        definition = self.site.content.glossary.get(HOME_DEFINITION)
        return self._page(
            ROUTES.home,
            "Les Campus des Métiers et des Qualifications de Bourgogne-Franche-Comté",
            "home.html",
            search=False,
            hide=("toc",),
            upcoming=upcoming[:4],
            # With nothing announced, the home shows what happened last rather than an empty list.
            recent=past[:4] if not upcoming else [],
            definition=definition,
            campuses=self._campus_cards("labellise"),
        )

    def campus_list(self) -> Page:
        return self._page(
            ROUTES.campuses,
            "Les campus",
            "campus_list.html",
            search=False,
            hide=("toc",),
            labelled=self._campus_cards("labellise"),
            preparing=self._campus_cards("en-preparation"),
        )

    def catalogue(self) -> Page:
        catalogue = Catalogue(self.site, self.today)
        return self._page(
            ROUTES.catalogue,
            "Catalogue des actions",
            "action_list.html",
            search=False,
            facets=catalogue.facets(),
            total=len(catalogue.actions),
            groups=catalogue.groups(),
        )

    def selection(self) -> Page:
        """The teacher's kept actions (browser storage, or ?a=slug1,slug2): every active action
        is in the page, hidden; the script shows the kept ones."""
        catalogue = Catalogue(self.site, self.today)
        return self._page(
            ROUTES.selection,
            "Ma sélection d'actions",
            "selection.html",
            search=False,
            hide=("toc",),  # its headings are those of every action, most of them hidden
            cards=[catalogue.card(a) for a in catalogue.actions],
        )

    def glossary(self) -> Page:
        """A–Z: entries grouped by their first letter, accents folded (« É » under E)."""
        letters: dict[str, list[GlossaryEntry]] = {}
        entries = sorted(self.site.content.glossary.values(), key=lambda e: (fold(e.title), e.slug))
        for entry in entries:
            first = fold(entry.title)[:1].upper()
            letters.setdefault(first if first.isalpha() else "0-9", []).append(entry)
        return self._page(
            ROUTES.glossary, "Glossaire", "glossary.html", letters=letters
        )

    def agenda(self) -> Page:
        c = self.site.content
        upcoming, past = self._split(self.site.events_by_date)
        used_audiences = {a for e in c.events.values() for a in e.audiences}
        audiences = c.vocabularies["audiences"].terms
        return self._page(
            ROUTES.agenda,
            "Agenda",
            "event_list.html",
            search=False,
            calendar=ROUTES.all_events,
            feed=ROUTES.all_events,
            # Ongoing events count from today: they head the current month.
            months=_grouped_by(
                sorted(upcoming, key=lambda e: (max(e.first_day, self.today), e.last_day, e.slug)),
                lambda e: french_month(max(e.first_day, self.today)),
            ),
            years=_grouped_by(past, lambda e: str(e.last_day.year)),
            campus_options=[(s, campus.short_name) for s, campus in c.campuses.items()],
            audience_options=[(k, t.label) for k, t in audiences.items() if k in used_audiences],
        )

    def search(self) -> Page:
        """The full-text search page (generator/search.py writes the index it queries)."""
        return self._page(ROUTES.search, "Rechercher", "search.html", search=False)

    def _audience_rows(self, totals: Totals) -> list[tuple[str, int]]:
        """(label, count) per audience, in the vocabulary's order, for charts and tables."""
        terms = self.site.content.vocabularies["audiences"].terms
        counts = totals.participants
        rows = [(term.label, counts[key]) for key, term in terms.items() if counts.get(key)]
        if totals.unsplit:  # counted in a total, in no audience: the bars add up to the total
            rows.append(("Public non précisé", totals.unsplit))
        return rows

    def _campus_rows(self, by_campus: Mapping[str, Totals]) -> list[tuple[str, int]]:
        campuses = self.site.content.campuses
        return [(campuses[slug].short_name, t.people) for slug, t in by_campus.items()]

    def key_figures(self) -> list[Page]:
        f = self.site.figures
        campus_all_years = {
            slug: Totals.sum(years.values()) for slug, years in f.by_campus.items()
        }
        pages = [
            self._page(
                ROUTES.figures,
                "Chiffres clés",
                "figures.html",
                search=False,
                figures=f,
                overall=Totals.sum(f.by_year.values()),
                campus_totals=campus_all_years,
                declaring=[c for c in self.site.content.campuses.values() if c.figures],
                year_rows=[(str(y), figures_url(y), t) for y, t in f.by_year.items()],
            )
        ]
        campuses = self.site.content.campuses
        for year in f.years:
            pages.append(
                self._page(
                    figures_url(year),
                    f"Chiffres clés {year}",
                    "figures_year.html",
                    search=False,
                    year=year,
                    overall=f.by_year[year],
                    campus_totals=f.by_year_campus[year],
                    campus_table=[
                        (campuses[slug].short_name, self.site.url(CAMPUS, slug), totals)
                        for slug, totals in f.by_year_campus[year].items()
                    ],
                )
            )
        return pages

    def reports(self) -> list[Page]:
        """One annual report per campus and year with figures, computed or declared."""
        c = self.site.content
        pages = []
        for slug, campus in c.campuses.items():
            computed = self.site.figures.by_campus.get(slug, {})
            declared = {d.year: d for d in campus.figures}
            for year in self._report_years(slug):
                actions = [
                    a for a in self.site.actions_by_campus.get(slug, ())
                    if any(f.year == year and not f.forecast for f in a.figures)
                ]
                events = [
                    e for e in self.site.events_by_campus.get(slug, ())
                    if e.first_day.year <= year <= e.last_day.year
                ]
                pages.append(
                    self._page(
                        report_url(slug, year),
                        f"Rapport d'activité {year} — {campus.short_name}",
                        "report.html",
                        search=False,
                        item=campus,
                        year=year,
                        totals=computed.get(year),
                        declared=declared.get(year),
                        actions=actions,
                        events=events,
                    )
                )
        return pages

    def _item(self, content_type: ContentType, item: Item) -> Page:
        """An item's page, with its upcoming and past events and related actions when it has any."""
        site = self.site
        # What the index relates to an item, by type: a type it does not name has none.
        events = {CAMPUS: site.events_by_campus, ACTION: site.events_by_action}.get(content_type)
        related = site.related_actions if content_type is ACTION else {}
        upcoming, past = self._split(events.get(item.slug, ()) if events else ())
        feed = calendar_url(content_type, item.slug) if content_type.calendar else None
        return self._page(
            site.url(content_type, item.slug),
            item.title,
            content_type.template or "",
            item.body,
            # A campus's feed is one to subscribe to, announced in <head>; an event's is one date.
            calendar=feed if content_type is not EVENT else None,
            summary=getattr(item, "summary", None),
            feed=feed,
            jsonld=jsonld_text(event_jsonld(site, item, self.site_url))
            if isinstance(item, Event)
            else "",
            item=item,
            upcoming=upcoming,
            past=past,
            related=related.get(item.slug, ()),
        )

    def pages(self) -> list[Page]:
        pages = [
            self.home(),
            self.campus_list(),
            self.catalogue(),
            self.selection(),
            self.agenda(),
            self.glossary(),
            *self.key_figures(),
        ]
        pages += self.reports()
        for content_type in content_types():  # every type with pages of its own
            if content_type.template:
                items = self.site.content.of(content_type).values()
                pages += [self._item(content_type, item) for item in items]
        return pages
