"""The bundled Bourgogne-Franche-Comté content: valid, complete, and free of personal contacts."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.index import Site
from generator.pipeline import check

from .support import REPO


@pytest.fixture(scope="module")
def site() -> Site:
    site, problems = check(REPO)
    assert site is not None, "\n".join(map(str, problems))
    return site


def test_bundled_content_is_valid(site: Site) -> None:
    content = site.content
    labelled = [c for c in content.campuses.values() if c.status == "labellise"]
    assert len(labelled) == 8
    # The whole of the documents (issue 20): every activity and dated happening has its file.
    assert len(content.actions) >= 120
    assert len(content.events) >= 55


def test_the_two_campus_projects_of_the_2022_report_are_not_labelled(site: Site) -> None:
    preparing = {s: c for s, c in site.content.campuses.items() if c.status == "en-preparation"}
    assert sorted(preparing) == ["sante", "transport-logistique"]
    assert all(c.label is None for c in preparing.values())


def test_the_eight_campuses_of_the_2022_report(site: Site) -> None:
    short_names = {c.short_name for c in site.content.campuses.values() if c.status == "labellise"}
    assert short_names == {
        "AgroEquipements",
        "Alimentation-Goût-Tourisme",
        "Automobile et Mobilités du Futur",
        "Industrie Technologique Innovante et Performante",
        "Maroquinerie et Métiers d'Art",
        "Microtechniques et Systèmes Intelligents",
        "Green City",
        "Forêt-Bois",
    }


def test_green_city_declares_its_2025_figures(site: Site) -> None:
    # Seed 004: 80 animations, 4 604 personnes dont 2 087 collégiens, 1 616 lycéens,
    # 508 étudiants, 290 grand public.
    (figures,) = [f for f in site.content.campuses["green-city"].figures if f.year == 2025]
    assert (figures.actions, figures.people) == (80, 4604)
    assert figures.participants == {
        "collegiens": 2087, "lyceens": 1616, "etudiants": 508, "grand-public": 290,
    }  # fmt: skip


def test_glossary_keeps_both_expansions_where_the_report_gives_two(site: Site) -> None:
    by_title = {e.title: e for e in site.content.glossary.values()}
    for short in ("CFA", "DO", "EPLEFPA"):
        assert len(by_title[short].expansions) == 2, short
    terms = {e.title.lower() for e in site.content.glossary.values() if e.kind == "term"}
    assert {"parcours avenir", "plate-forme technologique"} <= terms


def test_events_the_issue_names_have_their_dates(site: Site) -> None:
    starts = {str(e.start)[:16] for e in site.content.events.values()}
    # Afterwork at the Lycée des métiers du bois de Mouchard, 5 June 2025, 17:30–20:30.
    assert "2025-06-05 17:30" in starts
    # Rencontres Demain la ville, 7–13 April 2025; ideathon 9–10 January 2024;
    # La Voie des Talents, 11–12 October 2021.
    assert {"2025-04-07", "2024-01-09", "2021-10-11"} <= starts


PHONE = re.compile(r"(?<!\d)0[1-9](?:[ .-]?\d{2}){4}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def test_no_personal_contact_is_published() -> None:
    files = [*REPO.glob("campuses/*.md"), *REPO.glob("content/**/*.md")]
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not PHONE.search(text), f"{path}: numéro de téléphone"
        for address in EMAIL.findall(text):
            # prénom.nom@… is a person's address, whatever the domain.
            assert not re.match(r"^[a-z]+[.-][a-z]+@", address, re.I), f"{path}: {address}"


def test_open_data_counts_equal_the_content_files(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=REPO,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "UserWarning" not in result.stderr and "WARNING -" not in result.stderr, result.stderr
    for name, folder in [
        ("campus.json", "campuses"),
        ("actions.json", "content/actions"),
        ("evenements.json", "content/events"),
        ("glossaire.json", "content/glossary"),
    ]:
        data = json.loads((out / "api" / name).read_text(encoding="utf-8"))
        assert data["count"] == len(data["items"]) == len(list((REPO / folder).rglob("*.md")))


def test_every_action_has_the_status_its_last_year_gives(site: Site) -> None:
    """The rule of docs/content-model.md: active when the documents show the action under way
    in 2024 or later (the newest document is the 2025 activity report), archived otherwise."""
    wrong = [
        (slug, action.last_seen, action.status)
        for slug, action in site.content.actions.items()
        if action.last_seen is None
        or action.status != ("active" if action.last_seen >= 2024 else "archived")
    ]
    assert wrong == []
