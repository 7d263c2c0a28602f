"""Key figures computed from the content: the sums behind /chiffres-cles/ and the annual reports.

Every action gives, per year, participants by audience (and a declared total when the split does
not count everyone), establishments, companies and sessions. They are summed per campus and year
(an action run by two campuses counts for each of them, as each campus reports it), and per year
over the whole region (where each action counts once, so that shared actions are not counted
twice). One pass over the actions builds every sum. The rules are written for editors in
docs/key-figures.md:

- a row counts in its ``year`` (a school year, in the year it ends); a forecast never counts;
- an event's figures count for its action in a year when the action has no row of its own (the
  action's row is the whole, its events' rows parts of it); an event of no action counts alone;
- a sum is « au moins » when a part of it is a lower bound, « environ » when a part is approached.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .models import Action, Campus, Event
from .models.campus import DeclaredFigures
from .models.common import Figures
from .text import french_number

# How a count is said: a row's own words, and a sum's when one of its parts is so qualified.
_ROW_WORDS = {"at_least": "plus de", "approx": "environ"}
_SUM_WORDS = {"at_least": "au moins", "approx": "environ"}
MEASURES = ("people", "establishments", "companies", "sessions")


def _strongest(flags: Iterable[str | None]) -> str | None:
    """« at_least » when one of the flags is, else « approx » when one is, else None: a lower
    bound in a sum makes the whole a lower bound."""
    present = set(flags)
    return next((q for q in ("at_least", "approx") if q in present), None)


@dataclass
class Totals:
    participants: dict[str, int] = field(default_factory=dict)  # audience key → head count
    unsplit: int = 0  # people counted in a total but in no audience
    establishments: int = 0
    companies: int = 0
    sessions: int = 0
    actions: int = 0  # actions (or events of no action) with figures for the year
    # measure (people, establishments…, or an audience key) → qualifiers of its parts
    qualifiers: dict[str, set[str]] = field(default_factory=dict)

    @property
    def people(self) -> int:
        return sum(self.participants.values()) + self.unsplit

    @classmethod
    def sum(cls, many: Iterable[Totals]) -> Totals:
        out = cls()
        for t in many:
            out.actions += t.actions
            out.unsplit += t.unsplit
            for audience, count in t.participants.items():
                out.participants[audience] = out.participants.get(audience, 0) + count
            out.establishments += t.establishments
            out.companies += t.companies
            out.sessions += t.sessions
            for measure, flags in t.qualifiers.items():
                out.qualifiers.setdefault(measure, set()).update(flags)
        return out

    def add(self, rows: Iterable[Figures]) -> None:
        """Add one activity's rows of a year (one row, or its events' rows)."""
        self.actions += 1
        for row in rows:
            self._add_row(row)

    def _add_row(self, row: Figures) -> None:
        for audience, count in row.participants.items():
            self.participants[audience] = self.participants.get(audience, 0) + count
            self._qualify(audience, row.qualifier(audience))
            self._qualify("people", row.qualifier(audience))
        self.unsplit += row.unsplit
        self._qualify("people", row.qualifier("total"))
        for measure in MEASURES[1:]:
            value = row.count(measure)
            setattr(self, measure, getattr(self, measure) + (value or 0))
            self._qualify(measure, row.qualifier(measure))

    def _qualify(self, measure: str, qualifier: str | None) -> None:
        if qualifier is not None:
            self.qualifiers.setdefault(measure, set()).add(qualifier)

    def bound(self, measure: str) -> str | None:
        """« at_least » when a part of the sum is a lower bound, else « approx » when a part is
        approached, else None."""
        return _strongest(self.qualifiers.get(measure, ()))

    def said(self, measure: str) -> str:
        """The sum as the pages say it: « au moins 4 812 », « environ 800 », « 175 »."""
        if measure in MEASURES:
            value: int = getattr(self, measure)
        else:
            value = self.participants.get(measure, 0)
        return qualified(value, _SUM_WORDS.get(self.bound(measure) or ""))


def qualified(value: int, words: str | None) -> str:
    number = french_number(value)
    return f"{words}\u00a0{number}" if words else number


def row_said(row: Figures, measure: str) -> str:
    """A row's count as the documents give it: « plus de 4 000 », « environ 800 », « 350 »;
    ``measure`` is total (everyone), establishments, companies, sessions or an audience key."""
    if measure in ("people", "total"):
        if row.total is None:  # everyone is in the split: as precise as its parts
            qualifier = _strongest(row.qualifier(a) for a in row.participants)
            return qualified(row.people, _SUM_WORDS.get(qualifier or ""))
        measure = "total"
    value = row.count(measure)
    if value is None:
        return "—"
    return qualified(value, _ROW_WORDS.get(row.qualifier(measure) or ""))


@dataclass(frozen=True)
class Difference:
    """A declared figure that the actions' sums do not confirm."""

    what: str  # French label: « Personnes touchées », « Collégiens »…
    declared: int
    computed: int


def participants_said(row: Figures, audience_labels: Mapping[str, str]) -> str:
    """A row's participants in words: « 371 au total, dont 120 collégiens, 60 lycéens »."""
    split = ", ".join(
        f"{row_said(row, key)} {audience_labels.get(key, key).lower()}" for key in row.participants
    )
    if row.total is None:
        return split or "—"
    everyone = row_said(row, "total")
    return f"{everyone} au total, dont {split}" if split else everyone


def year_said(row: Figures) -> str:
    """« 2022 », « 2022 (année scolaire 2021-2022) », « 2026 (prévision) »."""
    said = str(row.year)
    if row.school_year:
        said += f" (année scolaire {row.school_year})"
    return said + (" (prévision)" if row.forecast else "")


@dataclass(frozen=True)
class KeyFigures:
    by_campus: dict[str, dict[int, Totals]]  # campus → year → totals (newest year first)
    by_year: dict[int, Totals]  # year → regional totals, each action once (newest first)
    by_year_campus: dict[int, dict[str, Totals]]  # year → campus → totals

    @property
    def years(self) -> list[int]:
        return list(self.by_year)


def _by_year(rows: Iterable[Figures]) -> dict[int, list[Figures]]:
    years: dict[int, list[Figures]] = defaultdict(list)
    for row in rows:
        if not row.forecast:
            years[row.year].append(row)
    return years


def activities(
    actions: Mapping[str, Action], events: Mapping[str, Event]
) -> Iterable[tuple[tuple[str, ...], int, list[Figures]]]:
    """(campuses, year, rows) of each activity that counts in a year: an action with its own
    rows of that year, or else its events' rows of that year; an event of no action alone."""
    of_action: dict[str, list[Figures]] = defaultdict(list)
    for event in events.values():
        if event.action is None:
            for year, rows in sorted(_by_year(event.figures).items()):
                yield event.campus, year, rows
        else:
            of_action[event.action].extend(event.figures)
    for slug, action in actions.items():
        own = _by_year(action.figures)
        from_events = _by_year(of_action.get(slug, ()))
        for year in sorted(own.keys() | from_events.keys()):
            yield action.campus, year, own.get(year) or from_events[year]


def compute(
    actions: Mapping[str, Action], campuses: Mapping[str, Campus], events: Mapping[str, Event]
) -> KeyFigures:
    by_campus: dict[str, dict[int, Totals]] = defaultdict(lambda: defaultdict(Totals))
    by_year: dict[int, Totals] = defaultdict(Totals)
    for campus_slugs, year, rows in activities(actions, events):
        by_year[year].add(rows)
        for campus in campus_slugs:
            by_campus[campus][year].add(rows)
    newest_first = {
        slug: {year: years[year] for year in sorted(years, reverse=True)}
        for slug in campuses
        if (years := by_campus.get(slug))
    }
    by_year_campus: dict[int, dict[str, Totals]] = {}
    for year in sorted(by_year, reverse=True):
        by_year_campus[year] = {
            slug: years[year] for slug, years in newest_first.items() if year in years
        }
    return KeyFigures(
        by_campus=newest_first,
        by_year={year: by_year[year] for year in sorted(by_year, reverse=True)},
        by_year_campus=by_year_campus,
    )


def differences(
    declared: DeclaredFigures, computed: Totals | None, audience_labels: dict[str, str]
) -> list[Difference]:
    """Where a campus's declared figures for a year differ from the sums of its actions."""
    computed = computed or Totals()
    found = []
    if declared.actions is not None and declared.actions != computed.actions:
        found.append(Difference("Actions ou animations", declared.actions, computed.actions))
    if declared.total is not None and declared.total != computed.people:
        found.append(Difference("Personnes touchées", declared.total, computed.people))
    for audience, count in declared.participants.items():
        mine = computed.participants.get(audience, 0)
        if count != mine:
            found.append(Difference(audience_labels.get(audience, audience), count, mine))
    if declared.establishments is not None and declared.establishments != computed.establishments:
        found.append(
            Difference("Établissements touchés", declared.establishments, computed.establishments)
        )
    return found
