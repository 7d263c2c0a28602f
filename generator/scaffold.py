"""``portal new``: a new content file from a commented French template.

The template is written from the content type's JSON Schema (:mod:`generator.schema`), itself
generated from the model: every field appears, required ones first, each under its French
description, an example and, for vocabulary fields and references, the values it takes. A field
added to a model appears in the template without touching this module.

What is written is valid YAML as it stands: required fields are left empty (``portal check`` then
names them), optional ones are commented out with their default value, so that uncommenting a
block gives valid content to complete.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .contenttypes import CAMPUS, ContentType, by_name, content_types
from .errors import display_path
from .models.contenttype import Scaffold
from .schema import FieldSpec, content_schema, fields, tree_data
from .text import did_you_mean, french_spacing, is_slug, quote_list, slugify

WIDTH = 100  # of comment lines
_SHOWN = 12  # existing slugs listed for a reference; the rest are in the folder


@dataclass(frozen=True)
class Kind:
    """What ``portal new <kind>`` writes: one of a content type's scaffolds."""

    type: ContentType
    scaffold: Scaffold

    @property
    def label(self) -> str:  # French, with its article: « une action »
        return self.scaffold.label


def kinds() -> dict[str, Kind]:
    """Every kind ``portal new`` knows, by name, from the registered content types."""
    return {s.name: Kind(t, s) for t in content_types() for s in t.scaffolds}


class ScaffoldError(Exception):
    """A file that cannot be created, with the French reason."""


@dataclass(frozen=True)
class Created:
    path: Path
    display: str  # relative to the root, as editors see it
    slug: str
    to_fill: tuple[str, ...]  # required fields the editor must still fill
    url: str  # site-relative URL of the page


def new(
    kind_name: str, title: str, root: Path, *, campus: str | None = None, slug: str | None = None
) -> Created:
    """Write the template of a new ``kind_name`` item titled ``title`` under ``root``."""
    kind = kinds()[kind_name]
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("le titre est vide")
    if slug is None:
        slug = slugify(title)
        if not slug:
            raise ScaffoldError(
                f"« {title} » ne donne pas d'identifiant de fichier : précisez-en un avec --slug"
            )
    elif not is_slug(slug):
        raise ScaffoldError(
            f"« {slug} » n'est pas un identifiant valide (minuscules sans accents, chiffres, "
            f"tirets) ; proposé : « {slugify(slug) or 'nom-du-fichier'} »"
        )
    vocabularies, slugs, _ = tree_data(root)
    schema = content_schema(kind.type, vocabularies, slugs)
    specs = {spec.name: spec for spec in fields(schema)}
    values: dict[str, Any] = {"title": title, **kind.scaffold.preset}
    if campus is not None:
        if "campus" not in specs:
            raise ScaffoldError(f"l'option --campus ne s'applique pas à {kind.label}")
        known = slugs[CAMPUS.name]
        if campus not in known:
            raise ScaffoldError(
                f"campus « {campus} » inconnu{did_you_mean(campus, known)} ; "
                f"campus existants : {quote_list(known)}"
            )
        values["campus"] = campus
    folder = root / kind.type.folder
    existing = sorted(folder.rglob(f"{slug}.md")) if folder.is_dir() else []
    if existing:
        raise ScaffoldError(
            f"le fichier {display_path(existing[0], root)} existe déjà : il n'est pas remplacé ; "
            "modifiez-le, ou choisissez un autre titre (ou --slug)"
        )
    required = _required(schema, kind.scaffold.preset)
    text = render(kind, schema, values, required)
    path = folder / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:  # created meanwhile: never overwrite
        raise ScaffoldError(f"le fichier {display_path(path, root)} existe déjà") from None
    to_fill = tuple(name for name in specs if name in required and name not in values)
    url = kind.type.item_url(slug)
    return Created(path, display_path(path, root), slug, to_fill, url)


def _required(schema: Mapping[str, Any], preset: Mapping[str, Any]) -> set[str]:
    """The required fields, with those the schema's rules require given the preset values
    (a glossary entry of kind « acronym » needs its expansions)."""
    required = set(schema.get("required", ()))
    for rule in schema.get("allOf", ()):
        condition = rule.get("if", {}).get("properties", {})
        if condition and all(
            name in preset and preset[name] == test.get("const") for name, test in condition.items()
        ):
            required |= set(rule.get("then", {}).get("required", ()))
    return required


def render(
    kind: Kind, schema: Mapping[str, Any], values: Mapping[str, Any], required: set[str]
) -> str:
    """The whole file: front matter template, then an empty body."""
    specs = fields(schema)
    first = [s for s in specs if s.name in required]
    rest = [s for s in specs if s.name not in required]
    intro = [
        f"Nouveau fichier : {kind.label}, « {values['title']} ».",
        "Les lignes qui commencent par « # » sont des commentaires : le site les ignore.",
        "1. Remplissez les champs obligatoires, ceux du premier bloc.",
        "2. Pour utiliser un champ facultatif, retirez le « # » au début de sa ligne (et des "
        "lignes de son bloc), puis complétez-le. Supprimez les commentaires ou gardez-les.",
        "3. Vérifiez avec « portal check », prévisualisez avec « ./scripts/serve ».",
        "Guide de rédaction : docs/contribuer.md, publié sur le site sous /contribuer/.",
    ]
    lines = ["---", *_comment(intro, ""), ""]
    lines += ["# ━━ Champs obligatoires ━━", ""]
    for spec in first:
        lines += [*_field(spec, values.get(spec.name, _EMPTY), "", obligatory=False), ""]
    lines += ["# ━━ Champs facultatifs ━━", ""]
    for spec in rest:
        block = _field(spec, values.get(spec.name, _EMPTY), "", obligatory=False)
        lines += [*(_commented(line) for line in block), ""]
    lines += _comment([f"Après la ligne « --- » qui suit : {kind.scaffold.body}, en Markdown."], "")
    lines.append("---")
    return "\n".join(lines) + "\n"


class _Empty:
    pass


_EMPTY: Any = _Empty()


def _field(spec: FieldSpec, value: Any, indent: str, *, obligatory: bool) -> list[str]:
    """Comment lines explaining ``spec``, then its YAML lines, at ``indent``."""
    lines = _comment(_explain(spec, obligatory, given=value is not _EMPTY), indent)
    key = f"{indent}{spec.name}:"
    if value is not _EMPTY:
        return [*lines, f"{key} {_yaml(value)}"]
    if spec.kind == "object":
        lines.append(key)
        child = indent + "  "
        if spec.multiple:  # a list of objects: one item to copy
            item: list[str] = []
            for sub in spec.fields:
                item += _field(sub, _EMPTY, child + "  ", obligatory=sub.required)
            first = next(i for i, line in enumerate(item) if not line.lstrip().startswith("#"))
            item[first] = child + "- " + item[first][len(child) + 2 :]
            item[:first] = [line[2:] for line in item[:first]]  # its comment above the « - »
            return lines + item
        for sub in spec.fields:
            lines += _field(sub, _EMPTY, child, obligatory=sub.required)
        return lines
    if spec.has_default and spec.default not in (None, [], {}):
        return [*lines, f"{key} {_yaml(spec.default)}"]
    if spec.multiple:
        return [*lines, f"{key} []"]
    if spec.kind == "map":
        return [*lines, f"{key} {{}}"]
    return [*lines, key]


def _explain(spec: FieldSpec, obligatory: bool, *, given: bool = False) -> list[str]:
    """The French sentences above a field."""
    sentences = [spec.description.rstrip(".") + "."]
    if obligatory:
        sentences[0] = "Obligatoire. " + sentences[0]
    if spec.multiple and spec.kind != "object":
        form = (
            "Une valeur seule, ou plusieurs entre crochets" if spec.single_allowed else "Une liste"
        )
        least = " ; au moins une" if spec.min_items else ""
        sentences.append(f"{form}{least}.")
    if spec.kind == "boolean":
        sentences.append("Valeur : true (oui) ou false (non).")
    if spec.has_default and spec.default not in (None, [], {}):
        sentences.append(f"Par défaut : {_yaml(spec.default)}.")
    if spec.minimum is not None and spec.maximum is not None:
        sentences.append(f"Nombre entier de {spec.minimum} à {spec.maximum}.")
    elif spec.minimum is not None and spec.kind == "integer":
        sentences.append("Nombre entier, écrit en chiffres.")
    examples = [] if given else list(spec.examples)
    if not examples and not given and spec.multiple and spec.options:
        examples = [[value for value, _ in spec.options[:2]]]
    if examples:
        shown = " ou ".join(str(e) if spec.kind == "when" else _yaml(e) for e in examples)
        end = "" if shown.endswith(".") else "."
        sentences.append(f"Exemple{'s' if len(examples) > 1 else ''} : {shown}{end}")
    lines = [" ".join(sentences)]
    if spec.options:
        if spec.kind == "reference":
            lines.append("Identifiants existants :")
        elif spec.source:
            what = "Clés possibles" if spec.kind == "map" else "Valeurs possibles"
            lines.append(f"{what} (fichier content/vocabularies/{spec.source}.yml) :")
        else:
            lines.append("Valeurs possibles :")
        items = [v if label == v else f"{v} ({label})" for v, label in spec.options]
        if spec.kind == "reference" and spec.source and len(items) > _SHOWN:
            folder = by_name(spec.source).folder
            items = [
                *items[:_SHOWN],
                f"… ({len(items)} en tout : les noms des fichiers de {folder}/)",
            ]
        lines += ["  " + line for line in _pack(items, WIDTH - 12)]
    return lines


def _pack(items: list[str], width: int) -> list[str]:
    """``items`` joined by commas on lines of at most ``width`` characters, never inside one."""
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + 2 + len(item) <= width:
            lines[-1] += ", " + item
        else:
            if lines:
                lines[-1] += ","
            lines.append(item)
    return lines


def _comment(texts: list[str], indent: str) -> list[str]:
    out: list[str] = []
    for text in texts:
        keep = len(text) - len(text.lstrip(" "))  # a list of values keeps its indent
        wrapped = textwrap.wrap(
            french_spacing(text.strip()),
            max(WIDTH - len(indent) - 2 - keep, 40),
            break_on_hyphens=False,
            break_long_words=False,
        )
        out += [f"{indent}# {' ' * keep}{line}" for line in wrapped]
    return out


def _commented(line: str) -> str:
    """An optional field's line, commented out; its explanation, a comment already, stays."""
    return line if not line or line.startswith("# ") else f"# {line}"


def _yaml(value: Any) -> str:
    """One YAML value on one line, quoted only when YAML needs it."""
    text = yaml.safe_dump(
        value, allow_unicode=True, default_flow_style=True, width=10**6, sort_keys=False
    )
    return text.strip().removesuffix("...").strip()


def field_names(specs: tuple[FieldSpec, ...]) -> Iterator[str]:
    """Every field name, nested ones included (for the guide and tests)."""
    for spec in specs:
        yield spec.name
        yield from field_names(spec.fields)
