"""The catalogue of actions (``/actions/``) and the teacher's selection (``/actions/selection/``).

Everything the catalogue shows is worked out here, at build time, so that the page arrives in its
final layout: every facet with the count of each value, every card with its intervention type,
places, accessibility and next dates. The script (theme/assets/javascripts/catalogue.js) only hides
cards and rewrites counts; it never builds markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from ..contenttypes import EVENT
from ..dates import french_month, french_when
from ..index import Site
from ..models import Action, Event
from ..vocabularies import Vocabulary

UPCOMING = "a-venir"  # the dates facet's value « with a date to come »
NEXT_DATES = 3  # dates a card shows at most

# The format's icon on a card (theme/fragments/icons/<name>.svg); a format an editor adds gets
# the default one.
FORMAT_ICONS = {
    "atelier": "hammer-wrench",
    "fresque": "palette",
    "escape-game": "puzzle",
    "jeu-serieux": "dice-multiple",
    "concours": "trophy",
    "ideathon": "lightbulb-on",
    "forum": "account-group",
    "festival": "party-popper",
    "conference": "microphone-variant",
    "exposition": "image-frame",
    "visite": "map-marker-path",
    "stage": "briefcase",
    "intervention": "human-male-board",
    "formation": "school",
    "reseau": "account-network",
    "projet": "clipboard-text",
    "etude": "magnify",
    "ressource": "book-open-variant",
    "video": "video",
    "rencontre": "handshake",
    "accueil": "information",
}
DEFAULT_ICON = "shape"


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    count: int  # actions with this value, no filter chosen: what the page shows before any choice


@dataclass(frozen=True)
class Facet:
    """One filter: URL parameter, French label, options, and each action's values (slug → keys
    joined by spaces, for the card's ``data-<param>`` attribute)."""

    param: str
    label: str
    options: tuple[Option, ...]
    values: Mapping[str, str]


@dataclass(frozen=True)
class NextDate:
    when: str  # « 4 novembre 2025, 14 h – 16 h »
    url: str  # the event's page, site-relative
    title: str
    status: str  # prevu | reporte


@dataclass(frozen=True)
class Card:
    """An action as the catalogue and the selection show it."""

    action: Action
    icon: str
    interventions: tuple[str, ...]  # labels
    places: tuple[str, ...]  # « Dijon (Côte-d'Or) »
    access: tuple[str, ...]  # labels of the accessibility flags
    next_dates: tuple[NextDate, ...]


def _values(action: Action, field: str) -> tuple[str, ...]:
    value = getattr(action, field)
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (value,)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def interventions(vocab: Mapping[str, Vocabulary], action: Action) -> tuple[str, ...]:
    """The intervention types (vocabulary interventions) its venues give, in the vocabulary's
    order: a venue's « intervention » attribute."""
    venues = vocab["venues"].terms
    kinds = {venues[v].attribute("intervention") for v in action.venues if v in venues}
    return tuple(k for k in vocab["interventions"].terms if k in kinds)


def departements(vocab: Mapping[str, Vocabulary], action: Action) -> tuple[str, ...]:
    """The départements of its communes, in the vocabulary's order."""
    communes = vocab["communes"].terms
    found = {communes[c].attribute("departement") for c in action.communes if c in communes}
    return tuple(k for k in vocab["departements"].terms if k in found)


class Catalogue:
    """The catalogue of the active actions at the build date ``today``."""

    def __init__(self, site: Site, today: date) -> None:
        self.site = site
        self.today = today
        c = site.content
        self.vocab = c.vocabularies
        self.actions = [a for a in c.actions.values() if a.status == "active"]
        self.upcoming = {a.slug: self._upcoming(a) for a in c.actions.values()}

    def _upcoming(self, action: Action) -> tuple[Event, ...]:
        events = self.site.events_by_action.get(action.slug, ())
        return tuple(
            sorted(
                (e for e in events if e.last_day >= self.today and e.status != "annule"),
                key=lambda e: (e.first_day, e.slug),
            )
        )

    # Derived values, each a tuple of keys -------------------------------------------------------

    def interventions(self, action: Action) -> tuple[str, ...]:
        return interventions(self.vocab, action)

    def departements(self, action: Action) -> tuple[str, ...]:
        return departements(self.vocab, action)

    def months(self, action: Action) -> tuple[str, ...]:
        """``a-venir`` when the action has a date to come, then the months of its next dates."""
        events = self.upcoming[action.slug]
        months = _unique(f"{max(e.first_day, self.today):%Y-%m}" for e in events)
        return ((UPCOMING,) if events else ()) + months

    # Facets ---------------------------------------------------------------------------------------

    def _facet(
        self,
        param: str,
        label: str,
        values: Mapping[str, tuple[str, ...]],
        labels: Mapping[str, str],
    ) -> Facet:
        """Options in the order of ``labels``, those no action has left out."""
        counts: dict[str, int] = {}
        for keys in values.values():
            for key in keys:
                counts[key] = counts.get(key, 0) + 1
        options = tuple(Option(k, label, counts[k]) for k, label in labels.items() if k in counts)
        return Facet(param, label, options, {slug: " ".join(v) for slug, v in values.items()})

    def _vocabulary_facet(self, param: str, label: str, vocabulary: str, field: str) -> Facet:
        terms = self.vocab[vocabulary].terms
        values = {a.slug: _values(a, field) for a in self.actions}
        return self._facet(param, label, values, {k: t.label for k, t in terms.items()})

    def facets(self) -> list[Facet]:
        c = self.site.content
        actions = self.actions
        departements = self.vocab["departements"].terms
        month_labels = {UPCOMING: "Avec une date à venir"}
        for key in sorted({m for a in actions for m in self.months(a)} - {UPCOMING}):
            month_labels[key] = french_month(date.fromisoformat(f"{key}-01"))
        facets = [
            self._facet(
                "campus",
                "Campus",
                {a.slug: a.campus for a in actions},
                {slug: campus.short_name for slug, campus in c.campuses.items()},
            ),
            self._facet(
                "intervention",
                "Type d'intervention",
                {a.slug: self.interventions(a) for a in actions},
                {k: t.label for k, t in self.vocab["interventions"].terms.items()},
            ),
            self._facet(
                "departement",
                "Département",
                {a.slug: self.departements(a) for a in actions},
                {k: f"{k} – {t.label}" for k, t in departements.items()},
            ),
            self._vocabulary_facet("commune", "Commune", "communes", "communes"),
            self._vocabulary_facet("public", "Public", "audiences", "audiences"),
            self._vocabulary_facet("niveau", "Niveau", "levels", "levels"),
            self._vocabulary_facet("format", "Format", "formats", "format"),
            self._vocabulary_facet("filiere", "Filière", "sectors", "sectors"),
            self._vocabulary_facet("axe", "Axe", "axes", "axis"),
            self._vocabulary_facet(
                "accessibilite", "Accessibilité", "accessibility", "accessible_to"
            ),
            self._facet(
                "dates",
                "Prochaines dates",
                {a.slug: self.months(a) for a in actions},
                month_labels,
            ),
        ]
        return [f for f in facets if f.options]

    # Cards ----------------------------------------------------------------------------------------

    def card(self, action: Action) -> Card:
        v = self.vocab
        interventions = v["interventions"].terms
        communes = v["communes"].terms
        departements = v["departements"].terms
        places = []
        for key in action.communes:
            commune = communes[key]
            dep = commune.attribute("departement")
            places.append(
                f"{commune.label} ({departements[dep].label})" if dep in departements
                else commune.label
            )
        return Card(
            action,
            FORMAT_ICONS.get(action.format, DEFAULT_ICON),
            tuple(interventions[k].label for k in self.interventions(action)),
            tuple(places),
            tuple(v["accessibility"].label(k) for k in action.accessible_to),
            tuple(
                NextDate(
                    french_when(e.start, e.end), self.site.url(EVENT, e.slug), e.title, e.status
                )
                for e in self.upcoming[action.slug][:NEXT_DATES]
            ),
        )

    def groups(self) -> list[tuple[str, list[Card]]]:
        """The cards under their first campus, in the campuses' order."""
        groups: dict[str, list[Card]] = {slug: [] for slug in self.site.content.campuses}
        for action in self.actions:
            groups[action.campus[0]].append(self.card(action))
        return [(slug, cards) for slug, cards in groups.items() if cards]
