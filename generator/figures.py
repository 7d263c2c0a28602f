"""Key figures computed from the content: the sums behind /chiffres-cles/ and the annual reports.

Every action gives, per year, participants by audience, establishments, companies and sessions.
They are summed per campus and year (an action run by two campuses counts for each of them, as
each campus reports it), and per year over the whole region (where each action counts once, so
that shared actions are not counted twice). One pass over the actions builds every sum.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .models import Action, Campus
from .models.action import ActionFigures
from .models.campus import DeclaredFigures


@dataclass
class Totals:
    participants: dict[str, int] = field(default_factory=dict)  # audience key → head count
    establishments: int = 0
    companies: int = 0
    sessions: int = 0
    actions: int = 0  # actions with figures for the year

    @property
    def people(self) -> int:
        return sum(self.participants.values())

    @classmethod
    def sum(cls, many: Iterable[Totals]) -> Totals:
        out = cls()
        for t in many:
            out._count(t.actions, t.participants, t.establishments, t.companies, t.sessions)
        return out

    def add(self, action_figures: ActionFigures) -> None:
        f = action_figures
        self._count(1, f.participants, f.establishments, f.companies, f.sessions)

    def _count(
        self,
        actions: int,
        participants: Mapping[str, int],
        establishments: int | None,
        companies: int | None,
        sessions: int | None,
    ) -> None:
        """Add one action's figures, or another total, to this total (None counts as 0)."""
        self.actions += actions
        for audience, count in participants.items():
            self.participants[audience] = self.participants.get(audience, 0) + count
        self.establishments += establishments or 0
        self.companies += companies or 0
        self.sessions += sessions or 0


@dataclass(frozen=True)
class Difference:
    """A declared figure that the actions' sums do not confirm."""

    what: str  # French label: « Personnes touchées », « Collégiens »…
    declared: int
    computed: int


@dataclass(frozen=True)
class KeyFigures:
    by_campus: dict[str, dict[int, Totals]]  # campus → year → totals (newest year first)
    by_year: dict[int, Totals]  # year → regional totals, each action once (newest first)
    by_year_campus: dict[int, dict[str, Totals]]  # year → campus → totals

    @property
    def years(self) -> list[int]:
        return list(self.by_year)


def compute(actions: dict[str, Action], campuses: dict[str, Campus]) -> KeyFigures:
    by_campus: dict[str, dict[int, Totals]] = defaultdict(lambda: defaultdict(Totals))
    by_year: dict[int, Totals] = defaultdict(Totals)
    for action in actions.values():
        for figures in action.figures:
            by_year[figures.year].add(figures)
            for campus in action.campus:
                by_campus[campus][figures.year].add(figures)
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
