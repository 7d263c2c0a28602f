"""Event — ``content/events/<slug>.md``: a dated occurrence, optionally of an action."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from .action import ActionFigures
from .common import Item, KeyList, Slug, SlugList, Strict, Text, Url, When
from .contenttype import ContentType, Form, Names, Scaffold


class Location(Strict):
    name: Text | None = Field(
        default=None, description="Nom du lieu", examples=["Lycée des métiers du bois"]
    )
    address: Text | None = Field(
        default=None, description="Adresse", examples=["67, rue de Strasbourg"]
    )
    postal_code: Text | None = Field(
        default=None, description="Code postal, entre guillemets", examples=["39330"]
    )
    city: Text | None = Field(default=None, description="Ville", examples=["Mouchard"])

    @property
    def one_line(self) -> str:
        """« Lycée du bois, 67, rue de Strasbourg, 39330 Mouchard »: what is known, in order."""
        town = " ".join(p for p in (self.postal_code, self.city) if p)
        return ", ".join(p for p in (self.name, self.address, town) if p)


class Event(Item):
    start: When = Field(
        description="Début : AAAA-MM-JJ (journée entière) ou AAAA-MM-JJTHH:MM (heure de Paris)",
        examples=["2025-06-05T17:30", "2025-06-05"],
    )
    end: When | None = Field(
        default=None,
        description="Fin, de la même forme que le début",
        examples=["2025-06-05T20:30", "2025-06-06"],
    )
    campus: SlugList = Field(
        min_length=1,
        description="Campus organisateur(s), par leur identifiant",
    )
    action: Slug | None = Field(
        default=None, description="Action dont c'est une occurrence, par son identifiant"
    )
    summary: Text | None = Field(
        default=None,
        description="Résumé en une phrase",
        examples=["Une soirée pour rencontrer les professionnels du bois."],
    )
    location: Location = Field(default_factory=Location, description="Lieu")
    online: bool = Field(default=False, description="En ligne")
    audiences: KeyList = Field(default=(), description="Publics (vocabulaire audiences)")
    registration: Url | None = Field(
        default=None,
        description="Lien d'inscription",
        examples=["https://www.exemple.fr/inscription"],
    )
    status: Literal["prevu", "annule", "reporte"] = Field(
        default="prevu",
        description="Statut : « prevu » (prévu), « annule » (annulé) ou « reporte » (reporté)",
    )
    # Counted for the event's action, in place of the action's own row of that year when it
    # has none (generator/figures.py): never twice.
    figures: tuple[ActionFigures, ...] = Field(default=(), description="Chiffres par année")

    @field_validator("end")
    @classmethod
    def _end_after_start(
        cls, end: date | datetime | None, info: ValidationInfo
    ) -> date | datetime | None:
        start = info.data.get("start")
        if end is None or start is None:  # start itself invalid: reported on its own
            return end
        if isinstance(start, datetime) != isinstance(end, datetime):
            raise PydanticCustomError(
                "end_kind",
                "« start » et « end » doivent être tous deux des dates (journée entière) "
                "ou tous deux des dates avec heure",
            )
        if end < start:  # same kind, checked above
            raise PydanticCustomError(
                "end_before_start",
                "la fin ({end}) est avant le début ({start})",
                {"end": _as_written(end), "start": _as_written(start)},
            )
        return end

    @property
    def first_day(self) -> date:
        """The first calendar day the event covers (Paris time)."""
        return self.start.date() if isinstance(self.start, datetime) else self.start

    @property
    def last_day(self) -> date:
        """The last calendar day the event covers (Paris time)."""
        end = self.end if self.end is not None else self.start
        return end.date() if isinstance(end, datetime) else end


def _as_written(value: date | datetime) -> str:
    """« 2025-06-05T17:30 » or « 2025-06-05 », as editors write them (Paris time)."""
    return value.strftime("%Y-%m-%dT%H:%M") if isinstance(value, datetime) else value.isoformat()


EVENT = ContentType(
    name="event",
    folder="content/events",
    model=Event,
    url="/agenda/{slug}/",
    names=Names(
        plural="événements",
        title="Événement",
        title_plural="Événements",
        one="un événement",
    ),
    form=Form(
        identifier="title",
        search=("title",),
        body="Programme",
        description="Les rendez-vous datés de l'agenda, heure de Paris.",
    ),
    scaffolds=(Scaffold("event", "un événement", "le programme de l'événement"),),
    vocabularies=(
        (("audiences", "*"), "audiences"),
        (("figures", "*", "participants", "@"), "audiences"),
    ),
    references=((("campus", "*"), "campus"), (("action",), "action")),
    template="event.html",
    calendar=True,
    api="api/evenements.json",
)
