"""The glossary across the built site: marking in pages, back-references, warnings of the check.

The engine's own boundary and exclusion cases are in tests/test_acronyms.py; here the whole
build is judged. Fixture uses, written by hand: ESTP in the Green City campus (``host``) and
twice in the engagement-tour action body; CFA with the marker ``{centres}`` in rencontre-mars,
without a marker in afterwork-bois.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import glossary_use
from generator.errors import Severity
from generator.glossary_use import Use, glossary_uses
from generator.pipeline import check, load_site

from .support import copy_valid, replace_in

ESTP = "École Spéciale des Travaux Publics, du bâtiment et de l'industrie"


@pytest.fixture
def built(dated_site: Path) -> Path:
    return dated_site


def article(site: Path, path: str) -> BeautifulSoup:
    html = (site / path / "index.html").read_text(encoding="utf-8")
    found = BeautifulSoup(html, "html.parser").find("article")
    assert found is not None
    return found


def test_first_occurrence_is_linked_and_expanded_in_the_text(built: Path) -> None:
    page = article(built, "actions/engagement-tour")
    abbrs = page.find_all("abbr", string="ESTP")
    assert len(abbrs) == 2
    first, later = abbrs
    assert first.parent.name == "a" and first.parent["href"] == "../../glossaire/#estp"
    assert first["title"] == ESTP
    # The expansion is in the text itself, for screen readers and touch screens.
    assert first.parent.next_sibling.startswith(f" ({ESTP})")
    assert later.parent.name != "a" and later["title"] == ESTP
    assert page.get_text().count(ESTP) == 1


def test_the_page_title_and_the_glossary_itself_are_not_marked(built: Path) -> None:
    campus = article(built, "campus/green-city")
    assert campus.h1.find("abbr") is None
    glossary = article(built, "glossaire")
    assert glossary.find("a", href="#estp") is None  # no entry links to itself


def test_an_explicit_marker_chooses_the_expansion(built: Path) -> None:
    page = article(built, "agenda/rencontre-mars")
    abbr = page.find("abbr", string="CFA")
    assert abbr["title"] == "Centres de Formation d'Apprentis"
    assert "{centres}" not in page.get_text()


def test_an_ambiguous_form_without_marker_gets_a_neutral_expansion(built: Path) -> None:
    page = article(built, "agenda/afterwork-bois")
    abbr = page.find("abbr", string="CFA")
    assert abbr["title"] == "Centre de Formation d'Apprentis / Centres de Formation d'Apprentis"


def test_glossary_lists_every_entry_a_to_z_with_back_references(built: Path) -> None:
    page = article(built, "glossaire")
    assert [dt["id"] for dt in page.find_all("dt")] == ["cfa", "estp", "parcours-avenir"]
    assert [a.get_text() for a in page.select("nav.portal-letters a")] == ["C", "E", "P"]
    # Several keyed expansions of one short form, shown together.
    cfa = page.find("dt", id="cfa").find_next_sibling("dd")
    assert [li.get_text() for li in cfa.find_all("li")] == [
        "Centre de Formation d’Apprentis", "Centres de Formation d’Apprentis",  # typeset: ’
    ]

    def uses(slug: str) -> list[tuple[str, str]]:
        dd = page.find("dt", id=slug).find_next_sibling("dd", class_="portal-uses")
        return [(a.get_text(), a["href"]) for a in dd.find_all("a")] if dd else []

    assert uses("estp") == [
        (
            "Campus des Métiers et des Qualifications Énergie et Construction\u00a0: vers des "
            "villes intelligentes et bas carbone",
            "../campus/green-city/",
        ),
        ("Engagement tour", "../actions/engagement-tour/"),
    ]
    assert uses("cfa") == [
        ("Afterwork des métiers du bois", "../agenda/afterwork-bois/"),
        ("Rencontre de mars", "../agenda/rencontre-mars/"),
    ]
    assert uses("parcours-avenir") == []


def test_check_warns_about_an_unknown_acronym_with_its_line(tree: Path) -> None:
    action = tree / "content/actions/engagement-tour.md"
    action.write_text(
        action.read_text(encoding="utf-8") + "\nAvec le RICET et les CFA{inconnu}.\n",
        encoding="utf-8",
    )
    site, problems = check(tree)
    assert site is not None  # warnings do not stop the build
    line = len(action.read_text(encoding="utf-8").splitlines())
    assert [(p.path, p.line, p.severity) for p in problems] == 2 * [
        ("content/actions/engagement-tour.md", line, Severity.WARNING)
    ]
    messages = " | ".join(p.message for p in problems)
    assert "« RICET »" in messages and "clé « inconnu » inconnue" in messages
    # Names in capitals that are not acronyms can be listed once for all.
    (tree / "content/non-sigles.yml").write_text("- RICET\n", encoding="utf-8")
    assert [p.message for p in check(tree)[1]] == [
        p.message for p in problems if "RICET" not in p.message
    ]


@pytest.mark.usefixtures("memos_kept")
def test_the_uses_worked_out_again_follow_an_edit(tmp_path: Path) -> None:
    """`mkdocs serve` works the uses out at every save, the unchanged items' text taken from
    the last time: they are what a first look at the tree gives."""
    root = copy_valid(tmp_path)
    site = load_site(root)
    fresque = Use(site.content.actions["fresque-du-climat"].title, "/actions/fresque-du-climat/")
    assert fresque not in glossary_uses(site, site.acronyms)["estp"]
    replace_in(
        root / "content/actions/fresque-du-climat.md", "summary: ", "summary: Avec l’ESTP. "
    )
    site = load_site(root)
    again = glossary_uses(site, site.acronyms)
    assert fresque in again["estp"]
    glossary_use._TEXTS.clear()
    assert glossary_uses(site, site.acronyms) == again
