"""Campus — ``campuses/<slug>.md``."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import (
    Count,
    Email,
    Figures,
    Item,
    KeyList,
    LongText,
    Strict,
    Text,
    TextList,
    Url,
    Year,
)
from .contenttype import ContentType, Form, Names, Scaffold


class Label(Strict):
    category: Literal["excellence", "standard"] | None = Field(
        default=None, description="Catégorie du label : « excellence » ou « standard », si connue"
    )
    year: Year | None = Field(default=None, description="Année de labellisation", examples=[2022])
    years: Count | None = Field(default=None, description="Durée du label, en années", examples=[5])
    note: LongText | None = Field(
        default=None,
        description="Précision",
        examples=["Label renouvelé en avril 2022 pour trois ans."],
    )


class Contact(Strict):
    """Institutional contact only: never a person's phone number or e-mail."""

    email: Email | None = Field(
        default=None, description="E-mail institutionnel", examples=["contact@campus-exemple.fr"]
    )
    website: Url | None = Field(
        default=None, description="Site web", examples=["https://campus-exemple.fr/"]
    )
    phone: Text | None = Field(
        default=None, description="Téléphone du standard", examples=["03 80 00 00 00"]
    )
    address: LongText | None = Field(
        default=None,
        description="Adresse postale",
        examples=["1, rue de l'Exemple, 21000 Dijon"],
    )
    social: dict[Text, Url] = Field(
        default_factory=dict,
        description="Réseaux sociaux : nom du réseau → adresse de la page",
        examples=[{"Facebook": "https://www.facebook.com/CampusExemple"}],
    )


class DeclaredFigures(Figures):
    """Key figures a campus declares for a year (``total``: people reached), shown beside those
    computed from its actions."""

    actions: Count | None = Field(
        default=None, description="Nombre d'actions ou d'animations", examples=[80]
    )


class Campus(Item):
    short_name: Text = Field(
        description="Nom court, utilisé dans les listes", examples=["Green City"]
    )
    acronyms: TextList = Field(default=(), description="Sigles du campus", examples=[["TI"]])
    former_names: TextList = Field(
        default=(), description="Anciens noms", examples=[["Territoire Intelligent"]]
    )
    summary: Text | None = Field(
        default=None,
        description="Résumé en une phrase",
        examples=["Le campus des métiers de la ville durable."],
    )
    sectors: KeyList = Field(min_length=1, description="Filières (vocabulaire sectors)")
    region: Text = Field(default="Bourgogne-Franche-Comté", description="Région")
    academies: TextList = Field(default=(), description="Académie(s)", examples=[["Dijon"]])
    status: Literal["labellise", "en-preparation"] = Field(
        default="labellise",
        description="Statut : « labellise » (campus labellisé) ou « en-preparation » (projet de "
        "campus, dossier de labellisation en cours)",
    )
    label: Label | None = Field(default=None, description="Label")
    host: Text | None = Field(
        default=None,
        description="Établissement support",
        examples=["École Spéciale des Travaux Publics (ESTP) — Campus de Dijon"],
    )
    partners: TextList = Field(
        default=(), description="Partenaires", examples=[["EDF", "Dijon Métropole"]]
    )
    contact: Contact = Field(default_factory=Contact, description="Contact institutionnel")
    figures: tuple[DeclaredFigures, ...] = Field(default=(), description="Chiffres clés déclarés")


CAMPUS = ContentType(
    name="campus",
    folder="campuses",
    model=Campus,
    url="/campus/{slug}/",
    names=Names(
        plural="campus",
        title="Campus",
        title_plural="Campus",
        one="un campus",
        existing="campus existants",
        unknown="campus « {} » inconnu",
    ),
    form=Form(
        identifier="short_name",
        search=("short_name", "title"),
        body="Présentation",
        description="Une fiche par campus. Le nom du fichier vient du nom court.",
    ),
    scaffolds=(Scaffold("campus", "un campus", "la présentation du campus"),),
    vocabularies=(
        (("sectors", "*"), "sectors"),
        (("figures", "*", "participants", "@"), "audiences"),
    ),
    template="campus.html",
    calendar=True,
    api="api/campus.json",
)
