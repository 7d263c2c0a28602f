"""Glossary entry — ``content/glossary/<slug>.md``: an acronym or a defined term."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from ..text import shown
from .common import Item, Slug, Strict, Text, Url
from .contenttype import ContentType, Finding, Form, Names, Scaffold


class Expansion(Strict):
    key: Slug | None = Field(
        default=None,
        description="Clé qui distingue les formes développées d'un même sigle, s'il en a plusieurs",
        examples=["centre"],
    )
    text: Text = Field(description="Forme développée", examples=["Centre de Formation d'Apprentis"])
    source: Text | None = Field(
        default=None,
        description="D'où vient la forme développée, quand ce n'est pas des documents du campus "
        "(affiché dans le glossaire)",
        examples=["Nom officiel de l'organisme"],
    )


class GlossaryEntry(Item):
    kind: Literal["acronym", "term"] = Field(
        description="Nature : « acronym » (sigle) ou « term » (terme défini)"
    )
    expansions: tuple[Expansion, ...] = Field(
        default=(), validate_default=True, description="Formes développées"
    )
    link: Url | None = Field(
        default=None,
        description="Lien pour en savoir plus",
        examples=["https://www.onisep.fr/"],
    )

    @field_validator("expansions")
    @classmethod
    def _expansions_fit_kind(
        cls, expansions: tuple[Expansion, ...], info: ValidationInfo
    ) -> tuple[Expansion, ...]:
        if info.data.get("kind") == "acronym" and not expansions:
            raise PydanticCustomError(
                "no_expansion", "un sigle doit avoir au moins une forme développée (« expansions »)"
            )
        if len(expansions) > 1:
            keys = [e.key for e in expansions]
            if None in keys or len(set(keys)) != len(keys):
                raise PydanticCustomError(
                    "expansion_keys",
                    "plusieurs formes développées : chacune doit avoir une « key » différente",
                )
        return expansions


def _term_defined(entry: Item) -> Iterator[Finding]:
    if isinstance(entry, GlossaryEntry) and entry.kind == "term" and not entry.body.strip():
        yield Finding(
            "définition", "un terme doit avoir sa définition dans le texte, après l'en-tête"
        )


def _one_file_per_short_form(entries: Mapping[str, Item]) -> Iterator[tuple[str, Finding]]:
    """Several meanings of one short form go in one file, under distinct keys."""
    first: dict[str, str] = {}
    for slug, entry in sorted(entries.items()):
        if entry.title in first:
            yield slug, Finding(
                "title",
                f"« {shown(entry.title)} » est déjà défini dans {first[entry.title]} ; pour "
                "plusieurs sens d'un même sigle, ajoutez une forme développée avec sa « key » "
                "dans ce fichier-là",
                ("title",),
            )
        else:
            first[entry.title] = entry.path


GLOSSARY = ContentType(
    name="glossary",
    folder="content/glossary",
    model=GlossaryEntry,
    url="/glossaire/#{slug}",
    names=Names(
        plural="entrées de glossaire",
        title="Entrée du glossaire (sigle ou terme)",
        title_plural="Glossaire",
        one="une entrée du glossaire",
    ),
    form=Form(
        identifier="title",
        search=("title",),
        body="Définition",
        description="Sigles et termes définis. Une définition est obligatoire pour un terme.",
    ),
    scaffolds=(
        Scaffold("acronym", "un sigle", "une définition, si elle aide", {"kind": "acronym"}),
    ),
    schema_rules=(
        (
            (),
            {
                "if": {"properties": {"kind": {"const": "acronym"}}, "required": ["kind"]},
                "then": {"properties": {"expansions": {"minItems": 1}}, "required": ["expansions"]},
            },
        ),
    ),
    check=_term_defined,
    check_all=_one_file_per_short_form,
    api="api/glossaire.json",
)
