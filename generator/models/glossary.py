"""Glossary entry — ``content/glossary/<slug>.md``: an acronym or a defined term."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from .common import Item, Slug, Strict, Text, Url


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
