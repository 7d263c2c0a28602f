"""French typography applied by the generator: editors type ' and plain spaces, readers get ’ and
no-break spaces; code, addresses and attributes are left as they are."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from generator.render.typography import TypographyExtension, finalize
from generator.text import french_typography

from .conftest import copy_valid
from .test_build import mkdocs_build

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
