"""Vocabularies: the editors' lists of allowed values (audiences, levels, formats…), as data.

Each ``content/vocabularies/<name>.yml`` maps a key to its French label, or to
``{label: …, description: …}``. Order in the file is the display order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import Problem, display_path
from .frontmatter import parse_yaml
from .text import is_slug, quote_list, slugify

VOCABULARY_FOLDER = "content/vocabularies"
# The vocabularies the content model refers to; an editor may add values, not remove a file.
REQUIRED = ("audiences", "levels", "formats", "sectors", "axes", "venues")
# Vocabularies a tree may do without (an older fork): a missing file is an empty vocabulary.
OPTIONAL = ("interventions", "departements", "communes", "accessibility")
# A term's extra attribute that names a key of another vocabulary: venue → intervention type
# (the catalogue's « dans l'établissement », « sortie », « en ligne »), commune → département.
LINKS = {("venues", "intervention"): "interventions", ("communes", "departement"): "departements"}


@dataclass(frozen=True)
class Term:
    key: str
    label: str
    description: str | None = None
    # Other attributes of a mapping value, e.g. a commune's « departement: "21" ».
    extra: tuple[tuple[str, str], ...] = ()

    def attribute(self, name: str) -> str | None:
        return dict(self.extra).get(name)


@dataclass(frozen=True)
class Vocabulary:
    name: str
    path: str
    terms: dict[str, Term]

    def label(self, key: str) -> str:
        return self.terms[key].label

    def __contains__(self, key: object) -> bool:
        return key in self.terms


def load_vocabularies(root: Path) -> tuple[dict[str, Vocabulary], list[Problem]]:
    folder = root / VOCABULARY_FOLDER
    problems: list[Problem] = []
    vocabularies: dict[str, Vocabulary] = {}
    for name in REQUIRED + OPTIONAL:
        path = folder / f"{name}.yml"
        display = display_path(path, root)
        if not path.is_file() and name in OPTIONAL:
            vocabularies[name] = Vocabulary(name, display, {})
            continue
        if not path.is_file():
            problems.append(
                Problem(
                    display,
                    1,
                    "fichier",
                    "vocabulaire manquant : créez ce fichier, avec une ligne « clé: Libellé » "
                    "par valeur",
                )
            )
            vocabularies[name] = Vocabulary(name, display, {})
            continue
        vocabulary, found = _read(path, name, display)
        vocabularies[name] = vocabulary
        problems += found
    problems += _check_links(vocabularies, folder, root)
    return vocabularies, problems


def _check_links(
    vocabularies: dict[str, Vocabulary], folder: Path, root: Path
) -> list[Problem]:
    """Every linking attribute names a key of the vocabulary it points at."""
    problems = []
    for (name, attribute), target in LINKS.items():
        allowed = vocabularies[target].terms
        path = folder / f"{name}.yml"
        lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
        for key, term in vocabularies[name].terms.items():
            value = term.attribute(attribute)
            if value is None or value in allowed:
                continue
            line = next((n for n, text in enumerate(lines, 1) if text.startswith(f"{key}:")), 1)
            problems.append(
                Problem(
                    vocabularies[name].path,
                    line,
                    f"{key}.{attribute}",
                    f"valeur « {value} » inconnue ; valeurs possibles (fichier "
                    f"{vocabularies[target].path}) : {quote_list(allowed)}",
                )
            )
    return problems


def _read(path: Path, name: str, display: str) -> tuple[Vocabulary, list[Problem]]:
    parsed = parse_yaml(path.read_text(encoding="utf-8"), display)
    if isinstance(parsed, list):
        return Vocabulary(name, display, {}), parsed
    data, lines, problems = parsed
    if not isinstance(data, dict):
        problems.append(
            Problem(
                display,
                1,
                "fichier",
                "attendu : une ligne « clé: Libellé » par valeur (par exemple « collegiens: "
                "Collégiens »)",
            )
        )
        return Vocabulary(name, display, {}), problems
    terms: dict[str, Term] = {}
    for key, value in data.items():
        key_text = str(key)
        line = lines.get((key_text,), 1)
        if not is_slug(key_text):
            problems.append(
                Problem(
                    display,
                    line,
                    key_text,
                    "clé invalide (minuscules, chiffres, tirets) ; "
                    f"proposée : « {slugify(key_text)} »",
                )
            )
            continue
        if isinstance(value, str) and value.strip():
            terms[key_text] = Term(key_text, value.strip())
        elif (
            isinstance(value, dict)
            and isinstance(value.get("label"), str)
            and value["label"].strip()
        ):
            description = value.get("description")
            extra = tuple(
                sorted(
                    (str(k), str(v))
                    for k, v in value.items()
                    if k not in ("label", "description") and v is not None
                )
            )
            terms[key_text] = Term(
                key_text,
                value["label"].strip(),
                str(description) if description else None,
                extra,
            )
        else:
            problems.append(
                Problem(display, line, key_text, "libellé manquant : écrivez « clé: Libellé »")
            )
    return Vocabulary(name, display, terms), problems
