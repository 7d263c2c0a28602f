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
    LongText,
    SlugList,
    Strict,
    Text,
    TextList,
    Url,
    Year,
)
from .contenttype import ContentType, Form, Names, Scaffold


class Booking(Strict):
    bookable: bool = Field(default=False, description="Réservable par un enseignant")
    email: Email | None = Field(
        default=None,
        description="E-mail de réservation (institutionnel)",
        examples=["contact@campus-exemple.fr"],
    )
    url: Url | None = Field(
        default=None,
        description="Page de réservation",
        examples=["https://www.exemple.fr/reserver"],
    )
    instructions: LongText | None = Field(
        default=None,
        description="Comment réserver",
        examples=["Réserver trois semaines à l'avance."],
    )

    @model_validator(mode="after")
    def _contact_when_bookable(self) -> Booking:
        if self.bookable and self.email is None and self.url is None:
            raise PydanticCustomError(
                "booking_contact",
                "une action réservable doit donner un contact : « email » ou « url » ; "
                "ajoutez l'un des deux sous « booking: », ou écrivez « bookable: false »",
            )
        return self


class ActionFigures(Figures):
    establishment_names: TextList = Field(
        default=(), description="Établissements touchés", examples=[["Collège Lentillière"]]
    )
    sessions: Count | None = Field(default=None, description="Nombre de séances")


class Action(Item):
    campus: SlugList = Field(
        min_length=1,
        description="Campus porteur(s), par leur identifiant",
    )
    summary: Text = Field(
        description="Résumé en une phrase, affiché dans le catalogue",
        examples=["Un stage semi-collectif destiné aux élèves de troisième."],
    )
    axis: Key | None = Field(default=None, description="Axe (vocabulaire axes)")
    format: Key = Field(description="Format (vocabulaire formats)")
    audiences: KeyList = Field(min_length=1, description="Publics (vocabulaire audiences)")
    levels: KeyList = Field(default=(), description="Niveaux scolaires (vocabulaire levels)")
    sectors: KeyList = Field(default=(), description="Filières et thèmes (vocabulaire sectors)")
    objectives: TextList = Field(
        default=(),
        description="Objectifs",
        examples=[["Découvrir les métiers de la construction et de l'énergie."]],
    )
    findings: TextList = Field(
        default=(),
        description="Constats, ceux d'une fiche action",
        examples=[["Les métiers du bâtiment peinent à recruter."]],
    )
    lead: Text | None = Field(default=None, description="Porteur", examples=["EDF"])
    partners: TextList = Field(
        default=(), description="Partenaires", examples=[["Dijon Métropole", "EDF"]]
    )
    resources: TextList = Field(
        default=(), description="Moyens", examples=[["Une salle équipée de vidéoprojecteur"]]
    )
    deliverables: TextList = Field(
        default=(), description="Livrables", examples=[["Un livret pédagogique"]]
    )
    schedule: LongText | None = Field(
        default=None, description="Calendrier", examples=["De janvier à juin 2025"]
    )
    duration: Text | None = Field(default=None, description="Durée", examples=["Deux heures"])
    group_size: Text | None = Field(
        default=None, description="Taille du groupe", examples=["Une classe, 30 élèves au plus"]
    )
    free: bool = Field(default=True, description="Gratuite")
    price: Text | None = Field(
        default=None,
        description="Tarif, si l'action est payante",
        examples=["50 € par classe"],
    )
    venues: KeyList = Field(default=(), description="Où elle se déroule (vocabulaire venues)")
    location: Text | None = Field(default=None, description="Lieu", examples=["ESTP Dijon"])
    communes: KeyList = Field(
        default=(),
        description="Communes où elle a lieu (vocabulaire communes, qui donne leur département)",
        examples=[["dijon"]],
    )
    accessible_to: KeyList = Field(
        default=(),
        description="Accessible aux personnes en situation de handicap (vocabulaire "
        "accessibility) : seulement ce que le campus affirme",
        examples=[["moteur"]],
    )
    accessibility: LongText | None = Field(
        default=None,
        description="Accessibilité",
        examples=["Salle de plain-pied, accessible en fauteuil roulant."],
    )
    booking: Booking = Field(default_factory=Booking, description="Réservation")
    links: tuple[Link, ...] = Field(default=(), description="Liens")
    status: Literal["active", "archived"] = Field(
        default="active", description="Statut : « active » (proposée) ou « archived » (archivée)"
    )
    since: Year | None = Field(default=None, description="Année de création", examples=[2023])
    last_seen: Year | None = Field(
        default=None,
        description="Dernière année où l'action a eu lieu, ou était en cours",
        examples=[2025],
    )
    figures: tuple[ActionFigures, ...] = Field(default=(), description="Chiffres par année")

    @model_validator(mode="after")
    def _seen_when_counted(self) -> Action:
        counted = [f.year for f in self.figures if not f.forecast]
        if self.last_seen is not None and counted and max(counted) > self.last_seen:
            raise PydanticCustomError(
                "last_seen",
                "« last_seen: {seen} » est avant les derniers chiffres ({year}) : l'action a eu "
                "lieu en {year}",
                {"seen": self.last_seen, "year": max(counted)},
            )
        return self


ACTION = ContentType(
    name="action",
    folder="content/actions",
    model=Action,
    url="/actions/{slug}/",
    names=Names(
        plural="actions",
        title="Action",
        title_plural="Actions",
        one="une action",
        existing="actions existantes",
        unknown="action « {} » inconnue",
    ),
    form=Form(
        identifier="title",
        search=("title",),
        body="Déroulement",
        description="Les activités que proposent les campus : le catalogue des enseignants.",
    ),
    scaffolds=(Scaffold("action", "une action", "le déroulement de l'action"),),
    vocabularies=(
        (("axis",), "axes"),
        (("format",), "formats"),
        (("audiences", "*"), "audiences"),
        (("levels", "*"), "levels"),
        (("sectors", "*"), "sectors"),
        (("venues", "*"), "venues"),
        (("communes", "*"), "communes"),
        (("accessible_to", "*"), "accessibility"),
        (("figures", "*", "participants", "@"), "audiences"),
    ),
    references=((("campus", "*"), "campus"),),
    schema_rules=(
        (
            ("booking",),
            {
                "if": {"properties": {"bookable": {"const": True}}, "required": ["bookable"]},
                "then": {
                    "anyOf": [
                        {"properties": {"email": {"type": "string"}}, "required": ["email"]},
                        {"properties": {"url": {"type": "string"}}, "required": ["url"]},
                    ]
                },
            },
        ),
    ),
    template="action.html",
    api="api/actions.json",
)
