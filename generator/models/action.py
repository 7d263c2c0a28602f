"""Action — ``content/actions/<slug>.md``: a reusable activity a campus offers."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .common import (
    Count,
    Email,
    Figures,
    Item,
    Key,
    KeyList,
    Link,
    SlugList,
    Strict,
    Text,
    TextList,
    Url,
    Year,
)


class Booking(Strict):
    bookable: bool = Field(default=False, description="Réservable par un enseignant")
    email: Email | None = Field(default=None, description="E-mail de réservation (institutionnel)")
    url: Url | None = Field(default=None, description="Page de réservation")
    instructions: Text | None = Field(default=None, description="Comment réserver")

    @model_validator(mode="after")
    def _contact_when_bookable(self) -> Booking:
        if self.bookable and self.email is None and self.url is None:
            raise PydanticCustomError(
                "booking_contact",
                "une action réservable doit donner un contact : « email » ou « url »",
            )
        return self


class ActionFigures(Figures):
    establishment_names: TextList = Field(default=(), description="Établissements touchés")
    sessions: Count | None = Field(default=None, description="Nombre de séances")


class Action(Item):
    campus: SlugList = Field(min_length=1, description="Campus porteur(s)")
    summary: Text = Field(description="Résumé en une phrase, affiché dans le catalogue")
    axis: Key | None = Field(default=None, description="Axe (vocabulaire axes)")
    format: Key = Field(description="Format (vocabulaire formats)")
    audiences: KeyList = Field(min_length=1, description="Publics (vocabulaire audiences)")
    levels: KeyList = Field(default=(), description="Niveaux scolaires (vocabulaire levels)")
    sectors: KeyList = Field(default=(), description="Filières et thèmes (vocabulaire sectors)")
    objectives: TextList = Field(default=(), description="Objectifs")
    findings: TextList = Field(default=(), description="Constats")
    lead: Text | None = Field(default=None, description="Porteur")
    partners: TextList = Field(default=(), description="Partenaires")
    resources: TextList = Field(default=(), description="Moyens")
    deliverables: TextList = Field(default=(), description="Livrables")
    schedule: Text | None = Field(default=None, description="Calendrier")
    duration: Text | None = Field(default=None, description="Durée")
    group_size: Text | None = Field(default=None, description="Taille du groupe")
    free: bool = Field(default=True, description="Gratuite")
    price: Text | None = Field(default=None, description="Tarif, si l'action est payante")
    venues: KeyList = Field(default=(), description="Où elle se déroule (vocabulaire venues)")
    location: Text | None = Field(default=None, description="Lieu")
    accessibility: Text | None = Field(default=None, description="Accessibilité")
    booking: Booking = Field(default_factory=Booking, description="Réservation")
    links: tuple[Link, ...] = Field(default=(), description="Liens")
    status: Literal["active", "archived"] = Field(
        default="active", description="« active » ou « archived » (archivée)"
    )
    since: Year | None = Field(default=None, description="Année de création")
    figures: tuple[ActionFigures, ...] = Field(default=(), description="Chiffres par année")
