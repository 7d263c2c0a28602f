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
    model_validator,
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


SchoolYear = Annotated[
    str,
    _matching(
        re.compile(r"^\d{4}-\d{4}$"),
        "school_year",
        "« {value} » n'est pas une année scolaire (attendu : AAAA-AAAA, comme 2021-2022)",
    ),
]
# The counts of a figures row that « approx » and « at_least » may name, besides audience keys.
QUALIFIED = ("total", "establishments", "companies", "sessions")


class Figures(Strict):
    """Figures of one year, as the documents give them (see docs/key-figures.md).

    ``participants`` splits people by audience; ``total`` counts them all when the split does
    not (« 371 participants », of whom 180 are split). A row of a school year (``2021-2022``)
    counts in the calendar year it ends. ``approx`` and ``at_least`` name the counts the
    documents give as « environ » or « plus de »; a forecast is shown, never summed."""

    year: Year = Field(
        description="Année civile où les chiffres comptent (pour une année scolaire : celle où "
        "elle se termine)",
        examples=[2025],
    )
    school_year: SchoolYear | None = Field(
        default=None, description="Année scolaire, s'il y a lieu", examples=["2021-2022"]
    )
    participants: dict[Key, Count] = Field(
        default_factory=dict,
        description="Participants par public (clé du vocabulaire audiences)",
        examples=[{"collegiens": 15, "lyceens": 20}],
    )
    total: Count | None = Field(
        default=None,
        description="Participants au total, quand le détail par public ne les compte pas tous",
        examples=[371],
    )
    establishments: Count | None = Field(default=None, description="Établissements touchés")
    companies: Count | None = Field(default=None, description="Entreprises impliquées")
    approx: KeyList = Field(
        default=(),
        description="Chiffres approchés (« environ », « près de ») : total, establishments, "
        "companies, sessions ou une clé de public",
        examples=[["total"]],
    )
    at_least: KeyList = Field(
        default=(),
        description="Chiffres minimaux (« plus de », « au moins ») : total, establishments, "
        "companies, sessions ou une clé de public",
        examples=[["total"]],
    )
    forecast: bool = Field(
        default=False, description="Prévision (montrée à part, jamais additionnée)"
    )
    note: LongText | None = Field(
        default=None,
        description="Autres chiffres, en toutes lettres",
        examples=["Trois classes de seconde accueillies sur deux journées."],
    )

    @model_validator(mode="after")
    def _consistent(self) -> Figures:
        if self.school_year is not None:
            first, last = (int(part) for part in self.school_year.split("-"))
            if last != first + 1:
                raise PydanticCustomError(
                    "school_year",
                    "année scolaire « {value} » : la seconde année suit la première "
                    "(comme 2021-2022)",
                    {"value": self.school_year},
                )
            if self.year != last:
                raise PydanticCustomError(
                    "school_year",
                    "l'année scolaire {value} compte dans l'année où elle se termine : "
                    "écrivez « year: {last} »",
                    {"value": self.school_year, "last": last},
                )
        split = sum(self.participants.values())
        if self.total is not None and self.total < split:
            raise PydanticCustomError(
                "total",
                "le total ({total}) est inférieur à la somme des publics ({split})",
                {"total": self.total, "split": split},
            )
        for name, flag in (("approx", self.approx), ("at_least", self.at_least)):
            for counted in flag:
                if self.count(counted) is None:
                    raise PydanticCustomError(
                        "qualifier",
                        "« {flag} » nomme « {counted} », qui n'a pas de valeur dans ces chiffres "
                        "(possibles : total, establishments, companies, sessions ou une clé de "
                        "participants)",
                        {"flag": name, "counted": counted},
                    )
        both = set(self.approx) & set(self.at_least)
        if both:
            raise PydanticCustomError(
                "qualifier",
                "« {counted} » ne peut être à la fois approché et minimal",
                {"counted": sorted(both)[0]},
            )
        return self

    def count(self, name: str) -> int | None:
        """The count ``name`` (one of QUALIFIED or an audience key), or None when not given."""
        if name in QUALIFIED:
            value: int | None = getattr(self, name, None)
            return value
        return self.participants.get(name)

    def qualifier(self, name: str) -> str | None:
        """« at_least », « approx » or None: how the documents give the count ``name``."""
        if name in self.at_least:
            return "at_least"
        if name in self.approx:
            return "approx"
        return None

    @property
    def people(self) -> int:
        """Everyone counted: the total when given, else the sum of the split."""
        return self.total if self.total is not None else sum(self.participants.values())

    @property
    def unsplit(self) -> int:
        """People the split by audience does not place."""
        return self.people - sum(self.participants.values())
