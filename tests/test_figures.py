"""Key figures and annual reports: sums checked against values worked out by hand.

Fixture figures (tests/fixtures/valid):
- engagement-tour (Green City): 2025 → 15 collégiens, 20 lycéens, 6 établissements.
- fresque-du-climat (Green City and Forêt-Bois): 2025 → 100 lycéens, 40 étudiants,
  3 établissements, 5 séances; 2024 → 30 lycéens, 2 séances.
- Green City declares for 2025: 80 actions, 4 604 people, 2 087 collégiens, 1 616 lycéens,
  508 étudiants. Forêt-Bois declares 140 people, 100 lycéens, 40 étudiants: what its actions give.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator.figures import Totals, differences
from generator.models.campus import DeclaredFigures
from generator.pipeline import load_site

from .support import VALID

NNBSP = "\u202f"
NBSP = "\u00a0"  # between « plus de », « environ » and the number


def test_sums_per_campus_year_and_audience() -> None:
    figures = load_site(VALID).figures
    green = figures.by_campus["green-city"]
    assert list(green) == [2025, 2024]  # newest first
    assert green[2025].participants == {"collegiens": 15, "lyceens": 120, "etudiants": 40}
    assert (green[2025].people, green[2025].establishments, green[2025].sessions) == (175, 9, 5)
    assert green[2025].actions == 2
    assert green[2024].participants == {"lyceens": 30}
    wood = figures.by_campus["foret-bois"][2025]
    assert (wood.people, wood.establishments, wood.sessions, wood.actions) == (140, 3, 5, 1)


def test_regional_totals_count_a_shared_action_once() -> None:
    figures = load_site(VALID).figures
    assert figures.years == [2025, 2024]
    region = figures.by_year[2025]
    # 175, not 175 + 140: the fresque is run by both campuses but happened once.
    assert (region.people, region.establishments, region.actions) == (175, 9, 2)
    assert set(figures.by_year_campus[2025]) == {"green-city", "foret-bois"}


def test_differences_name_each_declared_figure_that_the_sums_do_not_confirm() -> None:
    declared = DeclaredFigures.model_validate(
        {"year": 2025, "total": 175, "actions": 3, "participants": {"lyceens": 100}}
    )
    computed = Totals(participants={"lyceens": 120, "collegiens": 55}, actions=3)
    found = differences(declared, computed, {"lyceens": "Lycéens"})
    assert [(d.what, d.declared, d.computed) for d in found] == [("Lycéens", 100, 120)]
    same = DeclaredFigures.model_validate({"year": 2025, "total": 175, "actions": 3})
    assert differences(same, computed, {}) == []


@pytest.fixture
def built(dated_site: Path) -> Path:
    return dated_site


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def table_rows(table: Tag) -> list[list[str]]:
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in table.select("tbody tr")
    ]


def test_year_page_shows_totals_by_audience_and_by_campus(built: Path) -> None:
    html = page(built, "chiffres-cles/2025")
    charts = html.select("svg.portal-chart")
    assert len(charts) == 2
    by_audience = charts[0]
    title_id, desc_id = by_audience["aria-labelledby"].split()
    assert by_audience["role"] == "img"
    assert by_audience.find(id=title_id).get_text() == "Participants par public en 2025"
    assert by_audience.find(id=desc_id).get_text() == (
        "Collégiens : 15 ; Lycéens : 120 ; Étudiants : 40."
    )
    # The same numbers as a table beside the chart.
    table = by_audience.find_parent(class_="portal-chart-pair").find("table")
    assert table_rows(table) == [["Collégiens", "15"], ["Lycéens", "120"], ["Étudiants", "40"]]
    campus_table = html.find("caption", string="Chiffres des actions de chaque campus en 2025")
    assert table_rows(campus_table.parent) == [
        ["Forêt-Bois", "140", "3", "5", "1"],
        ["Green City", "175", "9", "5", "2"],
    ]


def test_overview_lists_years_and_flags_declared_figures_that_differ(built: Path) -> None:
    html = page(built, "chiffres-cles")
    years = html.find("caption", string="Chiffres de toutes les actions, par année").parent
    assert table_rows(years) == [["2025", "175", "9", "5", "2"], ["2024", "30", "0", "2", "1"]]
    assert years.find("a", string="2025")["href"] == "2025/"
    warnings = html.select(".portal-differences")
    assert len(warnings) == 1  # Green City's; Forêt-Bois's declared figures agree
    text = warnings[0].get_text(" ", strip=True)
    sums = "d’après les fiches d’action"
    assert f"Personnes touchées{NBSP}: 4{NNBSP}604 déclarés, 175 {sums}" in text
    assert f"Collégiens{NBSP}: 2{NNBSP}087 déclarés, 15 {sums}" in text
    assert len(html.select(".portal-agree")) == 1


def test_campus_page_shows_its_own_figures_and_reports(built: Path) -> None:
    html = page(built, "campus/green-city")
    section = html.find("h2", id="chiffres")
    assert section is not None
    table = html.find("caption", string="Chiffres des actions du campus, par année").parent
    assert table_rows(table) == [["2025", "175", "9", "5", "2"], ["2024", "30", "0", "2", "1"]]
    assert html.select_one(".portal-differences") is not None
    links = html.find_all("a", string=lambda s: s is not None and "Rapport d’activité" in s)
    reports = [a["href"] for a in links]
    assert reports == ["rapport-2025/", "rapport-2024/"]


def test_annual_report_follows_the_campus_report_structure(built: Path) -> None:
    html = page(built, "campus/green-city/rapport-2025")
    assert html.h1.get_text() == "Rapport d’activité 2025 — Green City"
    headings = [h.get_text() for h in html.find_all("h2")]
    assert headings[:2] == ["Contexte et objectifs", "Chiffres clés 2025"]
    assert headings[-1] == "Événements de l’année 2025"
    # Actions grouped by axis, each with its figures for the year.
    action = html.find(id="action-fresque-du-climat").find_parent("section")
    assert "100 lycéens, 40 étudiants" in action.get_text(" ", strip=True)
    keyfigures = [dd.get_text() for dd in html.select(".portal-keyfigures dd")]
    assert keyfigures == ["80", f"4{NNBSP}604", f"2{NNBSP}087", f"1{NNBSP}616", "508"]
    assert html.select_one(".portal-differences") is not None
    events = [a.get_text() for a in html.select("#evenements ~ ul li a")]
    assert "Festival de la transition écologique et numérique 2025" in events
    assert "Rencontre de mars" in events
    assert html.find("svg", class_="portal-chart") is not None


# ---------------------------------------------------------------------------------------------
# Totals, bounds, school years, forecasts and events (issue 20), worked out by hand.


def _action(slug: str, campus: list[str], figures: list[dict[str, object]]) -> object:
    from generator.models import Action

    fields = {"title": slug, "campus": campus, "summary": "Une action.", "format": "atelier"}
    return Action.model_validate(
        {**fields, "audiences": ["lyceens"], "figures": figures}
    ).model_copy(update={"slug": slug})


def _event(slug: str, campus: list[str], action: str | None, figures: list[dict[str, object]]):
    from generator.models import Event

    fields = {"title": slug, "campus": campus, "start": "2022-05-02", "figures": figures}
    return Event.model_validate({**fields, "action": action}).model_copy(update={"slug": slug})


@pytest.fixture
def mixed() -> object:
    from generator.figures import compute

    actions = {
        # 371 in all, 180 of them split by audience.
        "a": _action(
            "a",
            ["c1"],
            [
                {"year": 2022, "total": 371, "participants": {"collegiens": 100, "lyceens": 80}},
            ],
        ),
        # « plus de 4 000 », « environ 12 établissements ».
        "b": _action(
            "b",
            ["c1", "c2"],
            [
                {
                    "year": 2022,
                    "total": 4000,
                    "at_least": ["total"],
                    "establishments": 12,
                    "approx": ["establishments"],
                },
            ],
        ),
        # A school year counts in the year it ends; a forecast never counts.
        "c": _action(
            "c",
            ["c2"],
            [
                {"year": 2022, "school_year": "2021-2022", "participants": {"lyceens": 50}},
                {"year": 2023, "total": 999, "forecast": True},
            ],
        ),
        # No row of its own in 2022: its events' rows count for it.
        "d": _action("d", ["c1"], []),
    }
    events = {
        "e1": _event("e1", ["c1"], "d", [{"year": 2022, "total": 30}]),
        "e2": _event(
            "e2",
            ["c1"],
            "d",
            [
                {"year": 2022, "participants": {"collegiens": 20}, "approx": ["collegiens"]},
            ],
        ),
        # Action a has its own 2022 row: this event's figures are part of it, not added.
        "e3": _event("e3", ["c1"], "a", [{"year": 2022, "total": 200}]),
        # An event of no action counts alone.
        "e4": _event("e4", ["c2"], None, [{"year": 2022, "total": 80, "approx": ["total"]}]),
    }
    return compute(actions, {"c1": None, "c2": None}, events), actions, events  # type: ignore[arg-type]


def test_totals_bounds_school_years_forecasts_and_events_add_up(mixed: tuple) -> None:
    figures, _, _ = mixed
    assert figures.years == [2022]  # the 2023 forecast is no year of figures
    region = figures.by_year[2022]
    # 371 + 4 000 + 50 + (30 + 20) + 80, each activity once; e3's 200 not added.
    assert region.people == 4551
    assert region.participants == {"collegiens": 120, "lyceens": 130}
    assert region.unsplit == 191 + 4000 + 30 + 80
    assert region.actions == 5  # a, b, c, d and e4
    assert region.said("people") == f"au moins{NBSP}4{NNBSP}551"
    assert region.said("establishments") == f"environ{NBSP}12"
    assert region.said("collegiens") == f"environ{NBSP}120"
    assert region.said("lyceens") == "130"
    c1, c2 = figures.by_campus["c1"][2022], figures.by_campus["c2"][2022]
    assert (c1.people, c2.people) == (371 + 4000 + 50, 4000 + 50 + 80)
    assert c1.said("people").startswith("au moins")


def test_rows_are_said_as_the_documents_say_them(mixed: tuple) -> None:
    from generator.figures import participants_said, row_said, year_said

    _, actions, events = mixed
    labels = {"collegiens": "Collégiens", "lyceens": "Lycéens"}
    [a], [b] = actions["a"].figures, actions["b"].figures
    school, forecast = actions["c"].figures
    assert row_said(b, "total") == f"plus de{NBSP}4{NNBSP}000"
    assert row_said(b, "establishments") == f"environ{NBSP}12"
    assert row_said(b, "companies") == "—"
    assert row_said(events["e4"].figures[0], "people") == f"environ{NBSP}80"
    assert participants_said(a, labels) == "371 au total, dont 100 collégiens, 80 lycéens"
    assert participants_said(events["e2"].figures[0], labels) == f"environ{NBSP}20 collégiens"
    assert year_said(school) == "2022 (année scolaire 2021-2022)"
    assert year_said(forecast) == "2023 (prévision)"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            {"year": 2022, "total": 10, "participants": {"lyceens": 30}},
            "le total (10) est inférieur à la somme des publics (30)",
        ),
        (
            {"year": 2021, "school_year": "2021-2022"},
            "l'année scolaire 2021-2022 compte dans l'année où elle se termine",
        ),
        ({"year": 2022, "school_year": "2021-2023"}, "la seconde année suit la première"),
        ({"year": 2022, "approx": ["total"]}, "« approx » nomme « total », qui n'a pas de valeur"),
        (
            {"year": 2022, "total": 5, "approx": ["total"], "at_least": ["total"]},
            "« total » ne peut être à la fois approché et minimal",
        ),
    ],
)
def test_figures_that_cannot_be_true_are_refused_in_french(row: dict, message: str) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as error:
        _action("x", ["c1"], [row])
    assert message in str(error.value)


def test_pages_say_bounds_and_an_expired_label(tmp_path: Path) -> None:
    """On a built fixture: a row given as « plus de » on its action's page and in the year's
    key figures, and a label past its term said so (the build date is 2025-06-01)."""
    from .support import build_site, dated_tree

    root = dated_tree(tmp_path)
    action = root / "content/actions/engagement-tour.md"
    text = action.read_text(encoding="utf-8")
    assert "establishments: 6" in text
    action.write_text(
        text.replace(
            "establishments: 6", "establishments: 6\n    total: 4000\n    at_least: [total]"
        ),
        "utf-8",
    )
    campus = root / "campuses/green-city.md"
    text = campus.read_text(encoding="utf-8")
    campus.write_text(text.replace("  year: 2022\n", "  year: 2022\n  years: 2\n", 1), "utf-8")
    site = build_site(root)

    page = BeautifulSoup(
        (site / "actions/engagement-tour/index.html").read_text("utf-8"), "html.parser"
    )
    row = page.find("th", string="2025").find_parent("tr")
    assert row.find_all("td")[0].get_text() == (
        f"plus de{NBSP}4{NNBSP}000 au total, dont 15 collégiens, 20 lycéens"
    )
    year = BeautifulSoup((site / "chiffres-cles/2025/index.html").read_text("utf-8"), "html.parser")
    people = year.find("dt", string="Participants").find_next_sibling("dd").get_text()
    assert people == f"au moins{NBSP}4{NNBSP}140"  # 4 000 + 140 (fresque), a bound in the sum
    green = BeautifulSoup((site / "campus/green-city/index.html").read_text("utf-8"), "html.parser")
    label = green.find("dt", string="Label").find_next_sibling("dd").get_text()
    assert "ce label arrivait à échéance en 2024" in label
