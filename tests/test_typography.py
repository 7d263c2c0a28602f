"""French typography applied by the generator: editors type ' and plain spaces, readers get ’ and
no-break spaces; code, addresses and attributes are left as they are."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from generator.render.typography import TypographyExtension, finalize
from generator.text import french_typography

from .support import copy_valid, mkdocs_build

NBSP, NNBSP, APOS = "\u00a0", "\u202f", "\u2019"


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("L'atelier de Creativ' : visite", f"L{APOS}atelier de Creativ{APOS}{NBSP}: visite"),
        ("« Demain la ville »", f"«{NBSP}Demain la ville{NBSP}»"),
        ("«Demain»", f"«{NBSP}Demain{NBSP}»"),
        ("Pourquoi ? Parce que ; voilà !", f"Pourquoi{NNBSP}? Parce que{NNBSP}; voilà{NNBSP}!"),
        (
            "20 % des 4 000 élèves, 1 250,50 €",
            f"20{NBSP}% des 4{NNBSP}000 élèves, 1{NNBSP}250,50{NBSP}€",
        ),
        ("en 2022 300 élèves", "en 2022 300 élèves"),  # a year, then a count: not one number
        ("Super!", "Super!"),  # no space is added: URLs carry ! and ?
    ],
)
def test_french_typography(typed: str, printed: str) -> None:
    assert french_typography(typed) == printed
    assert french_typography(printed) == printed  # twice is once


def test_the_fragments_leave_addresses_and_markup_alone() -> None:
    from markupsafe import Markup

    assert (
        finalize("https://www.exemple.fr/l'atelier?x=1") == "https://www.exemple.fr/l'atelier?x=1"
    )
    assert finalize("contact@exemple.fr") == "contact@exemple.fr"
    assert finalize("../actions/") == "../actions/"
    assert finalize(Markup("<b>l'atelier :</b>")) == Markup("<b>l'atelier :</b>")
    assert finalize(2025) == 2025
    assert finalize("l'atelier : oui") == f"l{APOS}atelier{NBSP}: oui"


def test_markdown_bodies_keep_code_addresses_and_attributes() -> None:
    source = (
        "L'atelier : voir `l'option : x` et <https://www.exemple.fr/l'a>.\n\n"
        "[Le site « officiel »](https://www.exemple.fr/a'b \"titre : l'infobulle\")\n\n"
        "```\nl'exemple : brut\n```\n"
    )
    html = markdown.markdown(source, extensions=["fenced_code", TypographyExtension()])
    page = BeautifulSoup(html, "html.parser")
    first = page.find("p")
    assert first.contents[0] == f"L{APOS}atelier{NBSP}: voir "
    assert page.find("code").get_text() == "l'option : x"
    autolink = first.find("a")
    assert autolink.get_text() == autolink["href"] == "https://www.exemple.fr/l'a"
    link = page.find_all("p")[1].find("a")
    assert link.get_text() == f"Le site «{NBSP}officiel{NBSP}»"
    assert (link["href"], link["title"]) == ("https://www.exemple.fr/a'b", "titre : l'infobulle")
    assert page.find("pre").get_text() == "l'exemple : brut\n"


def test_built_pages_are_typeset_and_open_data_keeps_the_typed_text(tmp_path: Path) -> None:
    import json

    root = copy_valid(tmp_path)
    path = root / "content/actions/fresque-du-climat.md"
    text = path.read_text(encoding="utf-8")
    summary = "summary: Un atelier pour comprendre le changement climatique."
    assert summary in text
    typed = "L'atelier « fresque » : 4 000 élèves en 2025."
    body = "\nD'abord : une carte ; ensuite `l'option : x`.\n"
    path.write_text(text.replace(summary, f'summary: "{typed}"') + body, encoding="utf-8")
    out = tmp_path / "site"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup(
        (out / "actions/fresque-du-climat/index.html").read_text("utf-8"), "html.parser"
    )
    article = page.find("article")
    lead = article.find("p", class_="portal-lead").get_text()
    assert lead == f"L{APOS}atelier «{NBSP}fresque{NBSP}»{NBSP}: 4{NNBSP}000 élèves en 2025."
    body = article.get_text()
    assert f"D{APOS}abord{NBSP}: une carte{NNBSP}; ensuite l'option : x" in body
    data = json.loads((out / "api/actions.json").read_text(encoding="utf-8"))
    [item] = [i for i in data["items"] if i["slug"] == "fresque-du-climat"]
    assert item["summary"] == typed


# The text typed in the templates themselves (headings, buttons, sentences) is printed as it is:
# Jinja's finalize sees only the values. The templates are written with French typography, which
# keeps them portable (MiniJinja runs no Jinja extension); this test reads every one.
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_RAW = ("script", "style")


def literal_text(source: str) -> list[tuple[int, int]]:
    """Spans of a template's source that are printed text: outside Jinja's delimiters, outside
    HTML tags (attributes are not text), outside <script> and <style>."""
    spans: list[tuple[int, int]] = []
    in_tag = False
    raw: str | None = None
    position = 0
    pieces = [(m.start(), m.end()) for m in _JINJA.finditer(source)] + [(len(source), len(source))]
    for jinja_start, jinja_end in pieces:
        i, start = position, None
        while i < jinja_start:
            ch = source[i]
            if in_tag:
                if ch == ">":
                    in_tag = False
            elif raw is not None:
                if source.startswith(f"</{raw}", i):
                    raw, in_tag = None, True
            elif ch == "<":
                if start is not None:
                    spans.append((start, i))
                    start = None
                in_tag = True
                raw = next((r for r in _RAW if source.startswith(f"<{r}", i)), None)
                if raw:
                    in_tag = False  # the rest of the opening tag is skipped with the content
            elif start is None:
                start = i
            i += 1
        if start is not None:
            spans.append((start, jinja_start))
        position = jinja_end
    return spans


TEMPLATES = sorted((Path(__file__).parent.parent / "theme").rglob("*.html"))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_templates_are_typed_with_french_typography(template: Path) -> None:
    source = template.read_text(encoding="utf-8")
    wrong = []
    for start, end in literal_text(source):
        text = source[start:end]
        if french_typography(text) != text:
            line = source.count("\n", 0, start) + 1
            wrong.append(f"{template.name}:{line}: {text.strip()!r}")
    assert not wrong, "\n".join(wrong)


def test_literal_text_is_the_text_between_tags_and_jinja() -> None:
    source = (
        '<p class="a:b">L\'atelier {{ x }} : <a href="{{ u }}">voir</a></p>'
        "<script>a = 'b';</script>"
    )
    assert [source[s:e] for s, e in literal_text(source)] == ["L'atelier ", " : ", "voir"]
