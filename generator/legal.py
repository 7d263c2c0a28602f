"""The publisher's legal settings (``extra: legal:`` in mkdocs.yml), validated with their line.

French public bodies publish a legal notice, a personal-data page and an accessibility statement
(RGAA). What those pages say about the publisher, the host, the contact and the audit is not
content of the campuses: it is the portal's, so it lives in mkdocs.yml, under ``extra:``, which
MkDocs and its successor (Zensical, which runs no MkDocs plugin) both read as plain data.

A malformed value is an error (``mkdocs.yml:<line>: extra.legal.<field>: message``); a value not
given yet is a warning, and the page says plainly that it is not filled in. Gaps are logged under
the core's own logger, not ``mkdocs.*``: MkDocs' ``--strict`` counts those only, and a portal must
build before its publisher has filled every line.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any, Literal, cast

import yaml
from pydantic import Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from .errors import Problem, Severity
from .frontmatter import FieldPath
from .models.common import Email, LongText, Strict, Text, TextList, Url
from .siteconfig import CONFIG_FILE, read_config

# One wording for every message, the content's and the settings'.
from .validate import _clean_loc, _field_name, _message

log = logging.getLogger(__name__)

ROOT: FieldPath = ("extra", "legal")

Status = Literal["non-conforme", "partiellement-conforme", "totalement-conforme"]
# The words RGAA asks for, in the footer and the statement.
STATUS_LABELS: dict[str, str] = {
    "non-conforme": "non conforme",
    "partiellement-conforme": "partiellement conforme",
    "totalement-conforme": "totalement conforme",
}


class Body(Strict):
    """A body: the publisher or the host."""

    name: Text | None = Field(default=None, description="Nom")
    address: LongText | None = Field(default=None, description="Adresse postale")
    website: Url | None = Field(default=None, description="Site web")


class Contact(Strict):
    """The portal's contact: an institutional address or a form, never a person's."""

    email: Email | None = Field(default=None, description="E-mail institutionnel")
    form: Url | None = Field(default=None, description="Adresse d'un formulaire de contact")
    address: LongText | None = Field(default=None, description="Adresse postale")

    @property
    def given(self) -> bool:
        return any((self.email, self.form, self.address))


class Accessibility(Strict):
    """The accessibility statement's facts (RGAA form)."""

    status: Status = Field(default="non-conforme", description="État de conformité au RGAA")
    audit_date: date | None = Field(default=None, description="Date de l'audit de conformité")
    audit_by: Text | None = Field(default=None, description="Qui a réalisé l'audit")
    rate: float | None = Field(
        default=None, ge=0, le=100, description="Taux de conformité mesuré par l'audit, en %"
    )
    statement_date: date | None = Field(
        default=None, description="Date à laquelle la déclaration a été établie"
    )
    non_conformities: TextList = Field(default=(), description="Contenus non conformes")
    derogations: TextList = Field(
        default=(), description="Dérogations pour charge disproportionnée"
    )
    exempt: TextList = Field(default=(), description="Contenus non soumis à l'obligation")
    technologies: TextList = Field(
        default=("HTML", "CSS", "JavaScript"), description="Technologies utilisées"
    )
    tools: TextList = Field(default=(), description="Outils de vérification")
    pages: TextList = Field(default=(), description="Pages vérifiées")

    @model_validator(mode="after")
    def _audited(self) -> Accessibility:
        if self.status != "non-conforme" and self.audit_date is None:
            raise PydanticCustomError(
                "audit",
                "« {status} » suppose un audit : donnez sa date (audit_date), ou écrivez "
                "« status: non-conforme »",
                {"status": self.status},
            )
        if self.rate is not None and self.audit_date is None:
            raise PydanticCustomError(
                "audit",
                "un taux de conformité (rate) vient d'un audit : donnez sa date (audit_date)",
            )
        return self


class LegalSettings(Strict):
    publisher: Body = Field(default_factory=Body, description="Éditeur du portail")
    director: Text | None = Field(
        default=None,
        description="Directeur ou directrice de la publication : une fonction, jamais les "
        "coordonnées d'une personne",
    )
    host: Body = Field(default_factory=Body, description="Hébergeur")
    contact: Contact = Field(default_factory=Contact, description="Contact du portail")
    licence: Text | None = Field(default=None, description="Licence des données ouvertes")
    licence_url: Url | None = Field(default=None, description="Adresse du texte de la licence")
    credits: TextList = Field(default=(), description="Crédits")
    accessibility: Accessibility = Field(
        default_factory=Accessibility, description="Déclaration d'accessibilité"
    )

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.accessibility.status]


# What a portal must give, with the French name warnings use for it.
EXPECTED: tuple[tuple[FieldPath, str], ...] = (
    (("publisher", "name"), "le nom de l'éditeur"),
    (("publisher", "address"), "l'adresse de l'éditeur"),
    (("director",), "la fonction du directeur ou de la directrice de la publication"),
    (("host", "name"), "le nom de l'hébergeur"),
    (("host", "address"), "l'adresse de l'hébergeur"),
    (("contact",), "le contact du portail (email, form ou address)"),
    (("licence",), "la licence des données ouvertes"),
    (("accessibility", "statement_date"), "la date de la déclaration d'accessibilité"),
)


def _given(settings: LegalSettings, path: FieldPath) -> bool:
    value: Any = settings
    for part in path:
        value = getattr(value, str(part))
    return value.given if isinstance(value, Contact) else value is not None


def load_legal(
    raw: Any, config_text: str | None = None, display: str = CONFIG_FILE
) -> tuple[LegalSettings, list[Problem]]:
    """The settings from ``raw`` (mkdocs.yml's ``extra.legal``, as MkDocs read it) and their
    problems; ``config_text`` (the file's text) gives each problem its line. On an error, the
    settings returned are the defaults (nothing filled in)."""
    lines = _lines(config_text)

    def line_of(path: FieldPath) -> int:
        full = (*ROOT, *path)
        while full:
            if full in lines:
                return lines[full]
            full = full[:-1]
        return 1

    try:
        settings = LegalSettings.model_validate({} if raw is None else raw)
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            path = _clean_loc(error["loc"])
            message = _message(error, cast(Any, LegalSettings))
            name = _field_name((*ROOT, *path))
            problems.append(Problem(display, line_of(path), name, message))
        return LegalSettings(), sorted(problems)
    problems = [
        Problem(
            display,
            line_of(path),
            _field_name((*ROOT, *path)),
            f"non renseigné : {what} ; la page le dit « non renseigné » en attendant",
            Severity.WARNING,
        )
        for path, what in EXPECTED
        if not _given(settings, path)
    ]
    return settings, problems


def check_config(root: Path) -> list[Problem]:
    """The settings' problems in ``root``'s mkdocs.yml, for ``portal check`` (the build reads
    them from MkDocs' own configuration); none when the portal has no mkdocs.yml."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    try:
        config = read_config(text)
    except yaml.YAMLError:
        return []  # MkDocs says what is wrong with the file itself
    extra = config.get("extra") if isinstance(config, dict) else None
    return load_legal(extra.get("legal") if isinstance(extra, dict) else None, text)[1]


def warn(problems: list[Problem]) -> None:
    """Log the settings' gaps as warnings of the core (not under ``mkdocs.*``: see above)."""
    for problem in problems:
        log.warning("Avertissement : %s", problem)


def _lines(text: str | None) -> dict[FieldPath, int]:
    """The line (from 1) of every key under ``extra.legal`` in mkdocs.yml's text. Composed, not
    loaded: MkDocs' own tags (``!ENV``, ``!relative``) need no constructor to be placed."""
    if not text:
        return {}
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    found: dict[FieldPath, int] = {}

    def walk(node: yaml.Node, path: FieldPath) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = (*path, str(key.value))
                found.setdefault(child, key.start_mark.line + 1)
                walk(value, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                found[(*path, index)] = item.start_mark.line + 1
                walk(item, (*path, index))

    if node is not None:
        walk(node, ())
    return found
