"""Campus — ``campuses/<slug>.md``."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import Count, Email, Figures, Item, KeyList, Strict, Text, TextList, Url, Year


class Label(Strict):
    category: Literal["excellence", "standard"] | None = Field(
        default=None, description="Catégorie du label : « excellence » ou « standard », si connue"
    )
    year: Year | None = Field(default=None, description="Année de labellisation")
    years: Count | None = Field(default=None, description="Durée du label, en années")
    note: Text | None = Field(default=None, description="Précision")


class Contact(Strict):
    """Institutional contact only: never a person's phone number or e-mail."""

    email: Email | None = Field(default=None, description="E-mail institutionnel")
    website: Url | None = Field(default=None, description="Site web")
    phone: Text | None = Field(default=None, description="Téléphone du standard")
    address: Text | None = Field(default=None, description="Adresse postale")
    social: dict[Text, Url] = Field(
        default_factory=dict, description="Réseaux sociaux : nom → adresse"
    )


class DeclaredFigures(Figures):
    """Key figures a campus declares for a year, shown beside those computed from its actions."""

    actions: Count | None = Field(default=None, description="Nombre d'actions ou d'animations")
    people: Count | None = Field(default=None, description="Personnes touchées, au total")


class Campus(Item):
    short_name: Text = Field(description="Nom court, utilisé dans les listes")
    acronyms: TextList = Field(default=(), description="Sigles du campus")
    former_names: TextList = Field(default=(), description="Anciens noms")
    summary: Text | None = Field(default=None, description="Résumé en une phrase")
    sectors: KeyList = Field(min_length=1, description="Filières (vocabulaire sectors)")
    region: Text = Field(default="Bourgogne-Franche-Comté", description="Région")
    academies: TextList = Field(default=(), description="Académie(s)")
    label: Label | None = Field(default=None, description="Label")
    host: Text | None = Field(default=None, description="Établissement support")
    partners: TextList = Field(default=(), description="Partenaires")
    contact: Contact = Field(default_factory=Contact, description="Contact institutionnel")
    figures: tuple[DeclaredFigures, ...] = Field(default=(), description="Chiffres clés déclarés")
