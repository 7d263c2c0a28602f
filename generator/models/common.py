"""Field types shared by the content types, with French error messages.

Vocabulary-valued fields are typed as keys here; whether a key exists in the editors' vocabulary
files is checked by :mod:`generator.validate`, because vocabularies are data, not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue, SkipJsonSchema
from pydantic_core import CoreSchema, PydanticCustomError

from ..text import SLUG_RE

PARIS = ZoneInfo("Europe/Paris")

_EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[a-zA-Z]{2,}$")
_URL_RE = re.compile(r"^https?://[^\s<>\"]+\.[^\s<>\"]+$")


@dataclass(frozen=True)
class _Schema:
    """Keys added to a type's JSON Schema (editors' schema, web form, templates); validation is
    unchanged. Lets :mod:`generator.schema` tell an e-mail from a slug or a long text."""

    keys: tuple[tuple[str, Any], ...]

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        schema.update(self.keys)
        return schema


def _schema(**keys: Any) -> _Schema:
    return _Schema(tuple(keys.items()))


class _OneOrMany:
    """JSON Schema of a list that also takes a single value (``campus: green-city``)."""

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        return {"anyOf": [schema["items"], schema]}


def _text(value: str) -> str:
    if not value:
        raise PydanticCustomError("empty_text", "ne doit pas être vide")
    return value


def _matching(pattern: re.Pattern[str], kind: str, message: str) -> AfterValidator:
    """A validator that accepts text matching ``pattern``; ``message`` may use ``{value}``."""

    def check(value: str) -> str:
        if not pattern.match(value):
            raise PydanticCustomError(kind, message, {"value": value[:60]})
        return value

    return AfterValidator(check)


def _as_tuple(value: Any) -> Any:
    """A single value where a list is expected (``campus: green-city``) becomes a list of one."""
    return (value,) if isinstance(value, str) else value


def _when(value: Any) -> date | datetime:
    """A YAML date (all day) or date-time; naive times are Europe/Paris, never UTC."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=PARIS) if value.tzinfo is None else value.astimezone(PARIS)
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return date.fromisoformat(text)
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?", text):
                return _when(datetime.fromisoformat(text))
        except ValueError:
            pass
    raise PydanticCustomError(
        "when",
        "date invalide « {value} » : attendu AAAA-MM-JJ (journée entière) "
        "ou AAAA-MM-JJTHH:MM (heure de Paris)",
        {"value": str(value)},
    )


Text = Annotated[str, AfterValidator(_text), _schema(minLength=1)]
# A text of several lines (notes, instructions): a text area in the web form.
LongText = Annotated[Text, _schema(**{"x-multiline": True})]
Slug = Annotated[
    str,
    _matching(
        SLUG_RE,
        "slug",
        "« {value} » n'est pas un identifiant valide (minuscules sans accents, chiffres, tirets)",
    ),
    _schema(pattern=SLUG_RE.pattern),
]
# A vocabulary key: any text here, checked against the vocabulary files (with a suggestion) by
# the validator, so « Collégiens » gets « vouliez-vous dire « collegiens » ? ».
Key = Text
Email = Annotated[
    str,
    _matching(
        _EMAIL_RE,
        "email",
        "« {value} » n'est pas une adresse e-mail valide (attendu : nom@domaine.fr)",
    ),
    _schema(format="email"),
]
Url = Annotated[
    str,
    _matching(_URL_RE, "url", "« {value} » n'est pas une adresse web valide (attendu : https://…)"),
    _schema(format="uri", pattern="^https?://"),
]
Year = Annotated[int, Field(ge=1900, le=2100)]
Count = Annotated[int, Field(ge=0)]
SlugList = Annotated[tuple[Slug, ...], BeforeValidator(_as_tuple), _OneOrMany()]
KeyList = Annotated[tuple[Key, ...], BeforeValidator(_as_tuple), _OneOrMany()]
TextList = Annotated[tuple[Text, ...], BeforeValidator(_as_tuple), _OneOrMany()]
When = Annotated[
    date | datetime,
    PlainValidator(_when),
    PlainSerializer(lambda value: value.isoformat(), return_type=str),
    # Not JSON Schema's « date-time » (RFC 3339 wants seconds and an offset): the forms _when reads.
    WithJsonSchema(
        {
            "type": "string",
            "anyOf": [
                {"format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                {"pattern": r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?$"},
            ],
        }
    ),
]


class Strict(BaseModel):
    """Every front-matter object: unknown keys refused (a typo must not vanish), values frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Item(Strict):
    """Fields every content item has. ``slug``, ``path`` and ``body`` come from the file, not
    from the front matter: the validator sets them and refuses them as front-matter keys."""

    title: Text = Field(description="Titre")
    slug: SkipJsonSchema[str] = Field(default="", exclude=True)
    path: SkipJsonSchema[str] = Field(default="", exclude=True)
    line: SkipJsonSchema[int] = Field(default=1, exclude=True)
    body: SkipJsonSchema[str] = Field(default="", exclude=True)


RESERVED_FIELDS = frozenset({"slug", "path", "line", "body"})


class Link(Strict):
    label: Text = Field(description="Texte du lien", examples=["Vidéo de présentation"])
    url: Url = Field(description="Adresse web", examples=["https://www.exemple.fr/video"])


class Figures(Strict):
    """Figures of one year. ``participants`` maps an audience key to a head count."""

    year: Year = Field(description="Année", examples=[2025])
    participants: dict[Key, Count] = Field(
        default_factory=dict,
        description="Participants par public (clé du vocabulaire audiences)",
        examples=[{"collegiens": 15, "lyceens": 20}],
    )
    establishments: Count | None = Field(default=None, description="Établissements touchés")
    companies: Count | None = Field(default=None, description="Entreprises impliquées")
    note: LongText | None = Field(
        default=None,
        description="Autres chiffres, en toutes lettres",
        examples=["Trois classes de seconde accueillies sur deux journées."],
    )

    @property
    def total(self) -> int:
        return sum(self.participants.values())
