"""Split a Markdown file into YAML front matter and body, keeping the line of every value.

PyYAML builds the node tree once; the same tree gives both the Python values and a map from
field path (``("booking", "email")``, ``("figures", 0, "year")``) to the line in the file, so that a
validation error can point at the line an editor has to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import Problem

FieldPath = tuple[str | int, ...]

_FENCE = "---"

# PyYAML's messages, in the words an editor can act on.
_YAML_HINTS = {
    "mapping values are not allowed here": (
        "deux-points inattendu ; mettez la valeur entre guillemets si elle contient « : »"
    ),
    "could not find expected ':'": "il manque « : » entre la clé et la valeur",
    "found character '\\t' that cannot start any token": (
        "tabulation interdite ; indentez avec des espaces"
    ),
    "found undefined alias": "alias « * » inconnu",
    "expected <block end>, but found '<block sequence start>'": "indentation de liste incohérente",
    "did not find expected key": "indentation incohérente ou guillemet non fermé",
    "found unexpected end of stream": "guillemet ou crochet non fermé",
    "did not find expected ',' or ']'": "crochet « [ » non fermé ou virgule manquante",
    "did not find expected ',' or '}'": "accolade « { » non fermée ou virgule manquante",
    "found unknown escape character": "séquence d'échappement inconnue entre guillemets doubles",
    "expected alphabetic or numeric character": "caractère inattendu après « & » ou « * »",
}


@dataclass
class Document:
    """A parsed content file: raw front-matter values, their lines, and the Markdown body."""

    data: dict[str, Any]
    lines: dict[FieldPath, int]
    body: str
    body_line: int
    fm_line: int = 1
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, path: FieldPath) -> int:
        """The line of ``path``, or of its nearest parent that has one, or of the front matter."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.fm_line


def parse(text: str, display: str) -> Document | list[Problem]:
    """Parse ``text`` (the content of the file shown as ``display``) or return its problems."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return [
            Problem(
                display, 1, "fichier", "fichier vide : il doit commencer par un en-tête « --- »"
            )
        ]
    lines = text.splitlines()
    if lines[0].strip() != _FENCE:
        return [
            Problem(
                display,
                1,
                "en-tête",
                "pas d'en-tête YAML : la première ligne doit être « --- », suivie des champs, "
                "puis d'une ligne « --- »",
            )
        ]
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() == _FENCE), None)
    if close is None:
        return [
            Problem(
                display,
                1,
                "en-tête",
                "en-tête YAML non fermé : ajoutez une ligne « --- » après les champs",
            )
        ]
    parsed = parse_yaml("\n".join(lines[1:close]), display, first_line=2)
    if isinstance(parsed, list):
        return parsed
    data, line_map, problems = parsed
    if data is None:
        return [
            Problem(display, 1, "en-tête", "en-tête YAML vide : au moins « title » est attendu")
        ]
    if not isinstance(data, dict):
        return [
            Problem(
                display,
                2,
                "en-tête",
                "l'en-tête YAML doit être une liste de champs « clé: valeur »",
            )
        ]
    body = "\n".join(lines[close + 1 :])
    return Document(data, line_map, body, body_line=close + 2, problems=problems)


def parse_yaml(
    text: str, display: str, first_line: int = 1
) -> tuple[Any, dict[FieldPath, int], list[Problem]] | list[Problem]:
    """Parse YAML ``text`` whose first line is line ``first_line`` of the file ``display``.

    Returns the value, the line of every key and item, and duplicate-key problems; or, when the
    text is not YAML, the problem with its line.
    """
    try:
        try:
            node, data = _load(_FastLoader, text)
        except yaml.YAMLError:
            # libyaml words its errors differently: the pure-Python parser gives the messages
            # that _YAML_HINTS translates, and the same marks.
            node, data = _load(_Loader, text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark is not None else first_line
        problem = exc.problem or "erreur de syntaxe"
        hint = _YAML_HINTS.get(problem)
        message = (
            f"YAML invalide : {hint} ({problem})"
            if hint
            else f"YAML invalide : {problem} ; vérifiez l'indentation et les guillemets"
        )
        return [Problem(display, line, "en-tête", message)]
    except yaml.YAMLError as exc:  # errors without a position, e.g. unacceptable characters
        return [Problem(display, first_line, "en-tête", f"YAML invalide : {exc}")]
    line_map: dict[FieldPath, int] = {}
    problems: list[Problem] = []
    if node is not None:
        _walk(node, (), first_line, line_map, problems, display)
    return data, line_map, problems


def _load(loader_class: type[yaml.SafeLoader], text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (for the lines) and the value of a single YAML document."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def _lenient_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """Keep an impossible date (``2025-02-30``) as text instead of raising a bare ValueError
    without a line: the model then reports it at its line."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


class _Loader(yaml.SafeLoader):
    """The pure-Python parser: its error messages are the ones translated above."""


# libyaml parses about 13 times faster and gives the same nodes and marks; PyYAML may be built
# without it.
_CSafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastLoader(_CSafeLoader):  # type: ignore[misc, valid-type]
    """A subclass, so that the constructor added below does not change PyYAML's own loader."""


for _cls in (_Loader, _FastLoader):
    _cls.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)


def _walk(
    node: yaml.Node,
    path: FieldPath,
    first_line: int,
    line_map: dict[FieldPath, int],
    problems: list[Problem],
    display: str,
) -> None:
    """Record the file line of every key and item below ``node``; report duplicate keys."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + first_line
            child = (*path, key)
            if key in seen:
                problems.append(
                    Problem(
                        display,
                        line,
                        ".".join(map(str, child)),
                        f"clé en double : « {key} » est déjà donnée ligne {line_map[child]} ; "
                        "gardez une seule de ces lignes",
                    )
                )
            seen.add(key)
            line_map.setdefault(child, line)
            _walk(value_node, child, first_line, line_map, problems, display)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            line_map[child] = item.start_mark.line + first_line
            _walk(item, child, first_line, line_map, problems, display)
