"""Synthetic content: a complete, valid portal tree of any size, for the benchmark and the tests.

Every value is drawn from one seeded :class:`random.Random` and nothing reads the clock, so the
same arguments give a byte-identical tree. The tree has the layout of the repository (``campuses/``,
``content/…``, ``mkdocs.yml``) and exercises every page kind and cross-reference: actions of one or
two campuses, events of campuses and actions (all-day, timed, multi-day, past, upcoming, cancelled),
figures per year, booking, every vocabulary facet, glossary acronyms with one or several keyed
expansions and defined terms. Bodies are French text of about 2 KB that use the synthetic acronyms,
so that acronym marking has work to do. Its ``mkdocs.yml`` is the repository's own, with its paths
pointed at the repository's ``theme/``, so that the synthetic site is built with the real templates.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import yaml

from generator.errors import format_problems
from generator.text import slugify
from generator.vocabularies import VOCABULARY_FOLDER, load_vocabularies

REPO = Path(__file__).resolve().parent.parent  # the repository's checkout, which synth reads
WORDS = Path(__file__).with_name("synth_words.yml")
# Written at the root of every synthetic tree: a directory holding it may be written over.
MARKER = ".portal-synth"
# What a synthetic tree is made of; only these are removed when a previous output is rewritten.
OWNED = ("campuses", "content", "mkdocs.yml", MARKER)
# The build date written into mkdocs.yml: events are placed before and after it, so that the
# split between upcoming and past events does not depend on the day the site is built.
REFERENCE_DATE = date(2026, 3, 1)
FIGURE_YEARS = (2022, 2023, 2024, 2025)
NBSP = "\u00a0"
SMALL_WORDS = frozenset(
    {"a", "au", "autour", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "pour", "sur"}
)
T = TypeVar("T")


class SynthError(Exception):
    """A synthetic tree cannot be written; the message is in French, for the command line."""


@dataclass(frozen=True)
class Spec:
    campuses: int
    actions: int
    events: int
    acronyms: int
    seed: int = 0

    def arguments(self) -> str:
        return (
            f"--campuses {self.campuses} --actions {self.actions} --events {self.events} "
            f"--acronyms {self.acronyms} --seed {self.seed}"
        )


# --- Word banks (data: synth_words.yml) --------------------------------------------------------


def _frozen(value: Any) -> Any:
    """Lists as tuples, all the way down: the banks are constants."""
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    return value


_WORDS = _frozen(yaml.safe_load(WORDS.read_text(encoding="utf-8")))
CITIES = _WORDS["cities"]
PLACES = _WORDS["places"]
PEOPLE = _WORDS["people"]
STREETS = _WORDS["streets"]
PARTNERS = _WORDS["partners"]
FORMAT_TITLES = _WORDS["format_titles"]
TOPICS = _WORDS["topics"]
ORGANISATIONS = _WORDS["organisations"]
QUALIFIERS = _WORDS["qualifiers"]
SUMMARIES = _WORDS["summaries"]
SUMMARY_TAILS = _WORDS["summary_tails"]
EVENT_KINDS = _WORDS["event_kinds"]
MONTHS = _WORDS["months"]
HEADS = _WORDS["heads"]
MODIFIERS = _WORDS["modifiers"]
TERMS = _WORDS["terms"]
SENTENCES = _WORDS["sentences"]
LIST_ITEMS = _WORDS["list_items"]
HEADINGS = _WORDS["headings"]
DURATIONS = _WORDS["durations"]
GROUP_SIZES = _WORDS["group_sizes"]
SCHEDULES = _WORDS["schedules"]

# Share of the organisations named in running text that are named by an acronym: about seven
# acronyms per 2 KB page, as in the bundled content (the rest are named in full).
ACRONYM_SHARE = 0.45


# --- Generation --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Campus:
    slug: str
    short_name: str


@dataclass(frozen=True)
class _Action:
    slug: str
    title: str
    campus: tuple[str, ...]
    audiences: tuple[str, ...]


class _Synth:
    """One generation run: the random source, the vocabularies and what was generated so far."""

    def __init__(self, spec: Spec, labels: dict[str, dict[str, str]]) -> None:
        self.spec = spec
        self.rng = random.Random(spec.seed)
        self.labels = labels  # vocabulary name → key → French label, in file order
        self.vocab = {name: list(terms) for name, terms in labels.items()}
        self.sector_labels = list(labels["sectors"].values())
        self.campus_names: list[str] = []
        self.campus_slugs: set[str] = set()
        self.action_slugs: set[str] = set()
        self.action_titles: set[str] = set()
        self.event_slugs: set[str] = set()
        self.codes: list[str] = []
        self.campuses: list[_Campus] = []
        self.actions: list[_Action] = []
        self.files: dict[str, str] = {}
        # Round-robin positions, so that every vocabulary value is used once items are enough.
        self.turns: dict[str, int] = {}

    # Random helpers ------------------------------------------------------------------------

    def pick(self, values: Sequence[T]) -> T:
        return values[self.rng.randrange(len(values))]

    def turn(self, name: str) -> str:
        """The next value of vocabulary ``name`` in file order (every value is used in turn)."""
        values = self.vocab[name]
        position = self.turns.get(name, 0)
        self.turns[name] = position + 1
        return values[position % len(values)]

    def some(self, name: str, low: int, high: int) -> list[str]:
        """Between ``low`` and ``high`` distinct values of a vocabulary, the first taken in turn."""
        values = self.vocab[name]
        count = min(self.rng.randint(low, high), len(values))
        if count == 0:
            return []
        chosen = [self.turn(name)]
        while len(chosen) < count:
            value = self.pick(values)
            if value not in chosen:
                chosen.append(value)
        return chosen

    def acronym(self) -> str:
        return self.pick(self.codes) if self.codes else self.pick(ORGANISATIONS)

    # Text -------------------------------------------------------------------------------

    def organisation(self) -> tuple[str, str, str]:
        """An organisation as running text names it: bare, with its article, after « de »."""
        if self.codes and self.rng.random() < ACRONYM_SHARE:
            code = self.pick(self.codes)
            if code[0] in "AEIOU":
                return code, f"l'{code}", f"de l'{code}"
            return code, f"le {code}", f"du {code}"
        name = self.pick(ORGANISATIONS)
        return name, name, f"de {name}"

    def fill(self, template: str, **fixed: str) -> str:
        """``template`` with random values; ``fixed`` ones win (an event's own city…)."""
        acr, l_acr, du_acr = self.organisation()
        acr2 = self.organisation()[0]
        for _ in range(3):  # « X, X et … » reads wrong: draw again
            if acr2 != acr:
                break
            acr2 = self.organisation()[0]
        values: dict[str, object] = {
            "acr": acr,
            "acr2": acr2,
            "l_acr": l_acr,
            "du_acr": du_acr,
            "campus": self.pick(self.campus_names) if self.campus_names else "régional",
            "sector": self.pick(self.sector_labels),
            "city": self.pick(CITIES)[0],
            "n": self.rng.randint(12, 480),
            "year": self.rng.choice(FIGURE_YEARS),
        }
        return template.format_map({**values, **fixed})

    def paragraph(self, low: int = 3, high: int = 5) -> str:
        count = self.rng.randint(low, high)
        return " ".join(self.fill(s) for s in self.rng.sample(SENTENCES, count))

    def bullets(self) -> str:
        items = self.rng.sample(LIST_ITEMS, self.rng.randint(3, 5))
        return "\n".join(f"- {self.fill(item)}" for item in items)

    def body(self, kind: str, intro: str = "") -> str:
        """About 2 KB of Markdown: paragraphs, headings, a list."""
        target = self.rng.randint(1800, 2300)
        parts = [intro + self.paragraph()] if intro else [self.paragraph()]
        headings = list(HEADINGS[kind])
        if kind == "event":
            parts += ["### Programme", self.programme()]
        else:
            parts.append(self.bullets())
        while sum(len(p) for p in parts) < target:
            if headings:
                parts.append(f"### {headings.pop(0)}")
            parts.append(self.paragraph())
        return "\n\n".join(parts)

    def programme(self) -> str:
        minutes = self.rng.randint(16, 20) * 30  # from 8 h to 10 h
        lines = []
        for item in self.rng.sample(LIST_ITEMS, self.rng.randint(3, 5)):
            hour, minute = divmod(minutes, 60)
            when = f"{hour}{NBSP}h{NBSP}{minute:02d}" if minute else f"{hour}{NBSP}h"
            lines.append(f"- {when} : {self.fill(item)}")
            minutes += self.rng.choice((30, 45, 60, 90))
        return "\n".join(lines)

    # Items ------------------------------------------------------------------------------

    def run(self) -> dict[str, str]:
        self.make_codes()
        for index in range(self.spec.campuses):
            self.make_campus(index)
        for index in range(self.spec.actions):
            self.make_action(index)
        for index in range(self.spec.events):
            self.make_event(index)
        for index, code in enumerate(self.codes):
            self.make_acronym(index, code)
        for slug, title, definition in TERMS:
            self.add(
                f"content/glossary/{slug}.md",
                {"title": title, "kind": "term"},
                definition + " " + self.paragraph(2, 3),
            )
        self.make_page()
        return self.files

    def add(self, path: str, front: dict[str, Any], body: str) -> None:
        self.files[path] = _document(front, body)

    def unique(self, base: str, taken: set[str]) -> str:
        """A new slug from the meaningful words of ``base`` (short and readable), recorded."""
        slug = "-".join([w for w in slugify(base).split("-") if w not in SMALL_WORDS][:8])
        candidate, n = slug, 2
        while candidate in taken:
            candidate, n = f"{slug}-{n}", n + 1
        taken.add(candidate)
        return candidate

    def make_codes(self) -> None:
        heads = sorted(HEADS)
        modifiers = sorted(MODIFIERS)
        taken: set[str] = set()
        while len(self.codes) < self.spec.acronyms:
            length = self.rng.choices((3, 4, 5), weights=(45, 40, 15))[0]
            code = self.pick(heads) + "".join(self.pick(modifiers) for _ in range(length - 1))
            if code not in taken:
                taken.add(code)
                self.codes.append(code)

    def expansion(self, code: str) -> str:
        """« Observatoire d'Horticulture, Lumière et Construction »: the initials spell ``code``."""
        head = self.pick(HEADS[code[0]])
        words = [self.pick(MODIFIERS[letter]) for letter in code[1:]]
        listed = ", ".join(words[:-1]) + " et " + words[-1] if len(words) > 1 else words[0]
        preposition = "d'" if listed[0] in "AEIOUÉH" else "de "
        return f"{head} {preposition}{listed}"

    def make_campus(self, index: int) -> None:
        sectors = self.some("sectors", 1, 3)
        theme = self.labels["sectors"][sectors[0]]
        place = self.pick(PLACES)
        short_name = f"{theme} {place}"
        if slugify(short_name) in self.campus_slugs:
            short_name = f"{short_name} {index + 1}"
        slug = self.unique(short_name, self.campus_slugs)
        city, _ = self.pick(CITIES)
        self.campuses.append(_Campus(slug, short_name))
        self.campus_names.append(short_name)
        front: dict[str, Any] = {
            "title": f"Campus des Métiers et des Qualifications {short_name}",
            "short_name": short_name,
        }
        if index < len(self.codes):
            front["acronyms"] = [self.codes[index]]
        if index % 3 == 1:
            front["former_names"] = [f"Campus {theme} de {city}"]
        front["summary"] = (
            f"Le campus fédère les formations et les entreprises de la filière "
            f"«{NBSP}{theme}{NBSP}» du territoire {place}, avec {self.acronym()}."
        )
        front["sectors"] = sectors
        front["academies"] = ["Dijon"] if index % 3 == 0 else ["Besançon"]
        if index % 5 == 4:
            front["academies"] = ["Besançon", "Dijon"]
        label: dict[str, Any] = {"year": self.rng.randint(2016, 2024), "years": 5}
        if index % 4 != 3:
            label["category"] = "excellence" if index % 2 == 0 else "standard"
        if index % 6 == 2:
            label["note"] = "Renouvellement du label en cours d'instruction."
        front["label"] = label
        front["host"] = f"Lycée {self.pick(PEOPLE)} de {city}"
        front["partners"] = [*self.rng.sample(PARTNERS, 3), f"Agence {self.acronym()}"]
        contact: dict[str, Any] = {
            "email": f"contact@{slug}.example.org",
            "website": f"https://{slug}.example.org/",
        }
        if index % 2 == 0:
            contact["social"] = {
                "LinkedIn": f"https://www.linkedin.com/company/{slug}",
                "Instagram": f"https://www.instagram.com/{slug}/",
            }
        front["contact"] = contact
        front["figures"] = [self.declared(year) for year in FIGURE_YEARS[-2:]]
        intro = (
            f"Le Campus des Métiers et des Qualifications {short_name} réunit les lycées, les "
            f"centres de formation et les entreprises de la filière «{NBSP}{theme}{NBSP}». "
        )
        self.add(f"campuses/{slug}.md", front, self.body("campus", intro))

    def declared(self, year: int) -> dict[str, Any]:
        """A campus's declared figures: a total no smaller than its audiences' sum, which
        the model refuses (the draws in the same order as before, so the tree is the same)."""
        actions, total = self.rng.randint(10, 90), self.rng.randint(800, 5000)
        participants = self.participants(self.some("audiences", 2, 4))
        total = max(total, sum(participants.values()))
        return {"year": year, "actions": actions, "total": total, "participants": participants}

    def participants(self, audiences: Sequence[str]) -> dict[str, int]:
        return {a: self.rng.randint(5, 600) for a in audiences}

    def make_action(self, index: int) -> None:
        fmt = self.turn("formats")
        primary = self.campuses[index % len(self.campuses)]
        campus = [primary.slug]
        if len(self.campuses) > 1 and index % 4 == 1:
            other = self.pick([c.slug for c in self.campuses if c.slug != primary.slug])
            campus.append(other)
        prefix = FORMAT_TITLES.get(fmt, self.labels["formats"][fmt])
        title = f"{prefix} {self.pick(TOPICS)}"
        if title in self.action_titles:
            title += f" {self.pick(QUALIFIERS)}"
        if title in self.action_titles:
            title += f" à {self.pick(CITIES)[0]}"
        self.action_titles.add(title)
        slug = self.unique(title, self.action_slugs)
        audiences = self.some("audiences", 1, 3)
        sectors = self.some("sectors", 1, 2)
        theme = self.labels["sectors"][sectors[0]]
        self.actions.append(_Action(slug, title, tuple(campus), tuple(audiences)))
        front: dict[str, Any] = {
            "title": title,
            "campus": campus[0] if len(campus) == 1 else campus,
            # About 200 characters, an acronym in one summary out of two, as in the bundled content.
            "summary": self.fill(
                (SUMMARIES[0] if index % 2 else SUMMARIES[1]) + " " + self.pick(SUMMARY_TAILS),
                sector=theme,
            ),
        }
        if index % 7 != 6:
            front["axis"] = self.turn("axes")
        front["format"] = fmt
        front["audiences"] = audiences
        levels = self.some("levels", 0, 4) if index % 5 else [self.turn("levels")]
        if levels:
            front["levels"] = levels
        front["sectors"] = sectors
        front["objectives"] = [
            self.fill(
                "Faire découvrir les métiers de la filière «\u00a0{sector}\u00a0».", sector=theme
            ),
            self.fill("Donner envie de se former avec {acr} et les entreprises du territoire."),
        ]
        if index % 3 == 0:
            front["findings"] = [
                self.fill("Les entreprises partenaires de {acr} peinent à recruter.")
            ]
            front["lead"] = f"Lycée {self.pick(PEOPLE)}"
            front["resources"] = [self.fill("Plateau technique et formateurs de {acr}.")]
            front["deliverables"] = ["Fiches métiers", "Vidéo de restitution"]
            front["schedule"] = self.pick(SCHEDULES)
        front["partners"] = [*self.rng.sample(PARTNERS, 2), self.acronym()]
        front["duration"] = self.pick(DURATIONS)
        front["group_size"] = self.pick(GROUP_SIZES)
        if index % 6 == 5:
            front["free"] = False
            if index % 12 == 5:
                front["price"] = f"5{NBSP}€ par élève"
        front["venues"] = self.some("venues", 1, 2)
        city, _ = self.pick(CITIES)
        front["location"] = f"Plateau technique du lycée {self.pick(PEOPLE)}, {city}"
        if index % 2 == 0:
            front["accessibility"] = "Salle accessible en fauteuil roulant ; supports adaptés."
        booking: dict[str, Any] = {"bookable": index % 2 == 0}
        if index % 2 == 0 or index % 3 == 0:
            if index % 4 != 2:
                booking["email"] = f"reservation@{primary.slug}.example.org"
            if index % 4 != 0:
                booking["url"] = f"https://{primary.slug}.example.org/reserver/{slug}"
            if index % 8 == 0:
                booking["instructions"] = "Réservez au moins un mois à l'avance."
        front["booking"] = booking
        if index % 5 == 2:
            front["links"] = [{"label": "Présentation", "url": f"https://example.org/{slug}"}]
        front["status"] = "archived" if index % 10 == 9 else "active"
        front["since"] = self.rng.randint(2015, 2025)
        years = sorted(self.rng.sample(FIGURE_YEARS, self.rng.randint(0, 3)))
        if index % 4 == 0 and not years:
            years = [FIGURE_YEARS[-1]]
        figures = []
        for year in years:
            entry: dict[str, Any] = {
                "year": year,
                "participants": self.participants(audiences),
                "establishments": self.rng.randint(1, 30),
            }
            if index % 3 == 1:
                entry["companies"] = self.rng.randint(1, 25)
                entry["sessions"] = self.rng.randint(1, 40)
            if index % 5 == 3:
                entry["establishment_names"] = [f"Lycée {p}" for p in self.rng.sample(PEOPLE, 2)]
                entry["note"] = "Chiffres déclarés par les établissements."
            figures.append(entry)
        if figures:
            front["figures"] = figures
        self.add(f"content/actions/{slug}.md", front, self.body("action"))

    def make_event(self, index: int) -> None:
        rng = self.rng
        # The first eight events cover every kind, before and after the build date, and every
        # status; the others are drawn at random.
        if index < 8:
            kind = index % 4
            offset = -rng.randint(30, 600) if index < 4 else rng.randint(10, 300)
        else:
            kind = rng.choices((0, 1, 2, 3), weights=(30, 20, 40, 10))[0]
            offset = rng.randint(-700, 400)
        status = "prevu"
        if index == 5 or (index >= 8 and rng.random() < 0.08):
            status = "annule"
        elif index == 6 or (index >= 8 and rng.random() < 0.04):
            status = "reporte"
        day = REFERENCE_DATE + timedelta(days=offset)
        start: date | str
        end: date | str | None
        if kind == 0:  # one whole day
            start, end = day, None
        elif kind == 1:  # several whole days
            start, end = day, day + timedelta(days=rng.randint(1, 6))
        elif kind == 2:  # a few hours
            hour = rng.randint(8, 17)
            start = _moment(day, hour, rng.choice((0, 30)))
            end = _moment(day, min(hour + rng.randint(1, 4), 23), rng.choice((0, 30)))
        else:  # from a morning to an evening a few days later
            start = _moment(day, 9, 0)
            end = _moment(day + timedelta(days=rng.randint(1, 2)), 17, 30)
        action = None
        if self.actions and (index % 3 != 2):
            action = self.actions[int(len(self.actions) * rng.random() ** 2)]
        city, postal_code = self.pick(CITIES)
        base = action.title if action else f"{self.pick(EVENT_KINDS)} {self.pick(TOPICS)}"
        title = f"{base} à {city}"
        if kind in (0, 1):
            title += f", {MONTHS[day.month - 1]} {day.year}"
        # Slugs stay short and readable: the first meaningful words, the city and the date.
        words = [w for w in slugify(base).split("-") if w not in SMALL_WORDS][:3]
        slug = self.unique(f"{' '.join(words)} {city} {day.isoformat()}", self.event_slugs)
        if action is not None:
            campus = list(action.campus)
        else:
            campus = [self.campuses[index % len(self.campuses)].slug]
        if len(self.campuses) > 2 and index % 9 == 4:
            extra = self.pick([c.slug for c in self.campuses if c.slug not in campus])
            campus.append(extra)
        front: dict[str, Any] = {"title": title, "start": start}
        if end is not None:
            front["end"] = end
        front["campus"] = campus[0] if len(campus) == 1 else campus
        if action is not None:
            front["action"] = action.slug
        front["summary"] = self.fill(
            "Un rendez-vous organisé avec {acr} pour les jeunes de {city}.", city=city
        )
        online = index % 11 == 10
        if online:
            front["online"] = True
        else:
            location: dict[str, str] = {"name": f"Lycée des métiers {self.pick(PEOPLE)}"}
            if index % 4 != 3:
                location["address"] = f"{rng.randint(1, 120)}, {self.pick(STREETS)}"
                location["postal_code"] = postal_code
            location["city"] = city
            front["location"] = location
        audiences = list(action.audiences) if action else self.some("audiences", 1, 3)
        front["audiences"] = audiences
        if index % 2 == 0:
            front["registration"] = f"https://example.org/inscription/{slug}"
        front["status"] = status
        self.add(f"content/events/{slug}.md", front, self.body("event"))

    def make_acronym(self, index: int, code: str) -> None:
        expansions: list[dict[str, str]]
        if index % 12 == 5:  # one short form, two meanings, keyed
            first, second = self.expansion(code), self.expansion(code)
            while second == first:
                second = self.expansion(code)
            expansions = [{"key": "sens-1", "text": first}, {"key": "sens-2", "text": second}]
        else:
            expansions = [{"text": self.expansion(code)}]
        front: dict[str, Any] = {"title": code, "kind": "acronym", "expansions": expansions}
        if index % 4 == 1:
            front["link"] = f"https://example.org/glossaire/{code.lower()}"
        body = ""
        if index % 3 == 0:
            body = self.fill("Structure partenaire du campus {campus}, en lien avec {acr}.")
        self.add(f"content/glossary/{code.lower()}.md", front, body)

    def make_page(self) -> None:
        intro = (
            "# Déclaration d'accessibilité\n\n"
            "Ce portail synthétique sert à mesurer la construction du site ; son contenu est "
            "généré et ne décrit aucun campus réel. Voir [la liste des campus](campus/index.md) "
            "et [le catalogue des actions](actions/index.md). "
        )
        self.add(
            "content/pages/accessibilite.md", {"title": "Accessibilité"}, self.body("page", intro)
        )


def _moment(day: date, hour: int, minute: int) -> str:
    """A Paris date-time as editors write it: ``2026-03-12T09:30``."""
    return datetime(day.year, day.month, day.day, hour, minute).strftime("%Y-%m-%dT%H:%M")


def _document(front: dict[str, Any], body: str) -> str:
    header = yaml.safe_dump(
        front, sort_keys=False, allow_unicode=True, default_flow_style=None, width=1000
    )
    return f"---\n{header}---\n{body.strip()}\n" if body.strip() else f"---\n{header}---\n"


# --- The tree ----------------------------------------------------------------------------------


def generate(spec: Spec, repo: Path = REPO) -> dict[str, str]:
    """Every file of the synthetic tree: relative path → text, in path order."""
    if spec.campuses < 1:
        raise SynthError("il faut au moins un campus (--campuses 1 ou plus)")
    if min(spec.actions, spec.events, spec.acronyms) < 0:
        raise SynthError("les nombres d'actions, d'événements et de sigles sont positifs ou nuls")
    vocabularies, problems = load_vocabularies(repo)
    if problems:
        raise SynthError(
            f"vocabulaires du dépôt illisibles ({repo / VOCABULARY_FOLDER}) :\n"
            + format_problems(problems)
        )
    labels = {
        name: {key: term.label for key, term in vocabulary.terms.items()}
        for name, vocabulary in vocabularies.items()
    }
    files = _Synth(spec, labels).run()
    for name, vocabulary in vocabularies.items():
        files[f"{VOCABULARY_FOLDER}/{name}.yml"] = (repo / vocabulary.path).read_text("utf-8")
    files["mkdocs.yml"] = mkdocs_config(spec, repo)
    files[MARKER] = (
        "Arborescence synthétique écrite par « portal synth "
        f"{spec.arguments()} » : elle peut être réécrite par la même commande.\n"
    )
    return dict(sorted(files.items()))


def write(spec: Spec, out: Path, repo: Path = REPO) -> int:
    """Write the tree into ``out`` (new, empty, or a previous synthetic tree); the file count.

    A previous synthetic tree is recognised by its marker file; only what synth writes is removed
    from it first (a built ``site/`` next to it stays), so that no file of a larger earlier run
    survives. Any other non-empty directory is refused.
    """
    files = generate(spec, repo)
    if out.exists() and not out.is_dir():
        raise SynthError(f"« {out} » existe et n'est pas un dossier")
    if out.is_dir() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise SynthError(
                f"le dossier « {out} » n'est pas vide et ne vient pas de « portal synth » : "
                "choisissez un dossier vide ou inexistant"
            )
        for name in OWNED:
            path = out / name
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
    for relative, text in files.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return len(files)


# --- mkdocs.yml --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tagged:
    """A value under a tag the safe loader does not know (``!ENV``, ``!!python/name:``), kept."""

    tag: str
    value: Any


class _ConfigLoader(yaml.SafeLoader):
    pass


class _ConfigDumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    if isinstance(node, yaml.SequenceNode):
        return _Tagged(node.tag, loader.construct_sequence(node, deep=True))
    if isinstance(node, yaml.MappingNode):
        return _Tagged(node.tag, loader.construct_mapping(node, deep=True))
    return _Tagged(node.tag, loader.construct_scalar(node))  # type: ignore[arg-type]


def _represent_tagged(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


for _prefix in ("!", "tag:yaml.org,2002:python/"):
    _ConfigLoader.add_multi_constructor(_prefix, _construct_tagged)
_ConfigDumper.add_representer(_Tagged, _represent_tagged)


def mkdocs_config(spec: Spec, repo: Path = REPO) -> str:
    """The repository's mkdocs.yml, with every path pointed at the repository."""
    source = repo / "mkdocs.yml"
    try:
        config = yaml.load(source.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError) as exc:
        raise SynthError(f"impossible de lire « {source} » : {exc}") from None
    if not isinstance(config, dict):
        raise SynthError(f"« {source} » n'est pas une configuration MkDocs")

    def absolute(value: str) -> str:
        return str((repo / value).resolve())

    config["site_name"] = (
        f"Portail synthétique — {spec.campuses} campus, {spec.actions} actions, "
        f"{spec.events} événements"
    )
    config["docs_dir"] = "content/pages"
    config["site_dir"] = "site"
    theme = config.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        theme["custom_dir"] = absolute(theme["custom_dir"])
    for key in ("hooks", "watch"):
        if isinstance(config.get(key), list):
            config[key] = [absolute(v) if isinstance(v, str) else v for v in config[key]]
    plugins = config.get("plugins") or []
    for index, plugin in enumerate(plugins):
        name, options = (plugin, {}) if isinstance(plugin, str) else next(iter(plugin.items()))
        if name == "portal":
            options = {k: v for k, v in (options or {}).items() if k != "root"}
            options["fragments"] = absolute(options.get("fragments", "theme/fragments"))
            options["build_date"] = REFERENCE_DATE.isoformat()
            plugins[index] = {"portal": options}
    config["plugins"] = plugins
    header = (
        "# Synthetic portal written by « portal synth "
        f"{spec.arguments()} »: the repository's mkdocs.yml with its paths pointed at the "
        "repository, and a fixed build date.\n"
    )
    body = yaml.dump(config, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True, width=100)
    return header + body
