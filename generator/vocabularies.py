"""Vocabularies: the editors' lists of allowed values (audiences, levels, formats…), as data.

Each ``content/vocabularies/<name>.yml`` maps a key to its French label, or to
``{label: …, description: …}``. Order in the file is the display order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import Problem, display_path
from .frontmatter import parse_yaml
from .text import is_slug, slugify

VOCABULARY_FOLDER = "content/vocabularies"
# The vocabularies the content model refers to; an editor may add values, not remove a file.
REQUIRED = ("audiences", "levels", "formats", "sectors", "axes", "venues")


@dataclass(frozen=True)
class Term:
    key: str
    label: str
    description: str | None = None


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
    for name in REQUIRED:
        path = folder / f"{name}.yml"
        display = display_path(path, root)
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
    return vocabularies, problems


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
            terms[key_text] = Term(
                key_text, value["label"].strip(), str(description) if description else None
            )
        else:
            problems.append(
                Problem(display, line, key_text, "libellé manquant : écrivez « clé: Libellé »")
            )
    return Vocabulary(name, display, terms), problems
