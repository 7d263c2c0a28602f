"""Load: read every content file under the root, parse its front matter, keep lines.

Nothing is validated here beyond what reading needs: a file that cannot be read or parsed becomes
problems, and the run goes on so that every problem of the tree is reported at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import memos
from .contenttypes import ContentType, content_types
from .errors import Problem, display_path
from .frontmatter import Document, parse
from .text import is_slug, slugify


@dataclass(frozen=True)
class Source:
    """One parsed content file, not yet validated."""

    type: ContentType
    slug: str
    path: str  # as shown to editors, relative to the root
    document: Document


# The files parsed by the last load, by path, with their text (memos.py): under `mkdocs serve`,
# which loads the tree again at every save in the same process, only the files that changed are
# parsed again (YAML is most of loading). Documents are never changed once parsed.
_parsed: dict[Path, tuple[str, str, Document | list[Problem]]] = {}
memos.forgotten_with(_parsed.clear)


def load_sources(root: Path) -> tuple[list[Source], list[Problem]]:
    sources: list[Source] = []
    problems: list[Problem] = []
    parsed_now: dict[Path, tuple[str, str, Document | list[Problem]]] = {}
    for content_type in content_types():
        seen: dict[str, str] = {}
        folder = root / content_type.folder
        for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
            display = display_path(path, root)
            slug = path.stem
            if not is_slug(slug):
                suggestion = slugify(slug) or "nom-du-fichier"
                problems.append(
                    Problem(
                        display,
                        1,
                        "nom du fichier",
                        f"« {path.name} » n'est pas un nom valide (minuscules sans accents, "
                        f"chiffres et tirets) ; renommez-le « {suggestion}.md »",
                    )
                )
            elif slug in seen:
                problems.append(
                    Problem(
                        display,
                        1,
                        "nom du fichier",
                        f"identifiant « {slug} » déjà utilisé par {seen[slug]} : "
                        "deux fichiers ne peuvent pas avoir le même nom",
                    )
                )
                continue
            seen[slug] = display
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                problems.append(
                    Problem(
                        display,
                        1,
                        "fichier",
                        f"fichier non encodé en UTF-8 (octet n° {exc.start + 1} illisible) : "
                        "enregistrez-le en UTF-8",
                    )
                )
                continue
            before = _parsed.get(path)
            if before is not None and before[:2] == (display, text):
                parsed = before[2]
            else:
                parsed = parse(text, display)
            parsed_now[path] = (display, text, parsed)
            if isinstance(parsed, list):
                problems += parsed
                continue
            problems += parsed.problems
            sources.append(Source(content_type, slug, display, parsed))
    _parsed.clear()
    if memos.kept():
        _parsed.update(parsed_now)
    return sources, problems
