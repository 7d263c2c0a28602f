"""The MkDocs build: the fixture site builds strictly, writes open data, refuses bad content."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .support import mkdocs_build, overlay


@pytest.fixture
def built(tree: Path, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    result = mkdocs_build(tree, out)
    assert result.returncode == 0, result.stderr
    return out


def load(site: Path, name: str) -> dict:
    return json.loads((site / "api" / name).read_text(encoding="utf-8"))


def test_open_data_lists_every_item_with_slug_and_url(built: Path, tree: Path) -> None:
    for name, folder, prefix in [
        ("campus.json", "campuses", "/campus/"),
        ("actions.json", "content/actions", "/actions/"),
        ("evenements.json", "content/events", "/agenda/"),
        ("glossaire.json", "content/glossary", "/glossaire/#"),
    ]:
        data = load(built, name)
        files = sorted(p.stem for p in (tree / folder).rglob("*.md"))
        assert data["count"] == len(files) == len(data["items"])
        assert [item["slug"] for item in data["items"]] == files
        for item in data["items"]:
            suffix = "" if prefix.endswith("#") else "/"
            assert item["url"] == f"{prefix}{item['slug']}{suffix}"


def test_open_data_event_times_carry_their_offset(built: Path) -> None:
    events = {e["slug"]: e for e in load(built, "evenements.json")["items"]}
    afterwork = events["afterwork-bois"]
    assert afterwork["all_day"] is False
    assert afterwork["start"] == "2025-06-05T17:30:00+02:00"  # summer time in Paris
    assert afterwork["end"] == "2025-06-05T20:30:00+02:00"
    march = events["rencontre-mars"]  # before the change to summer time (30 March 2025)
    assert march["start"] == "2025-03-20T00:00:00+01:00"
    assert march["end"] == "2025-03-21T00:00:00+01:00"  # exclusive end, as in iCalendar
    festival = events["festival-2025"]
    assert (festival["start_date"], festival["end_date"]) == ("2025-11-03", "2025-12-08")
    assert festival["end"] == "2025-12-09T00:00:00+01:00"
    for event in events.values():
        assert datetime.fromisoformat(event["start"]).utcoffset() is not None


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def links(page: BeautifulSoup) -> set[str]:
    return {str(a["href"]) for a in page.select("article a[href]")}


def test_campus_page_links_to_each_of_its_actions_and_back(built: Path) -> None:
    campus = soup(built, "campus/green-city")
    # The page opens with the short name; the full one is the first of its facts.
    assert campus.h1 is not None and campus.h1.get_text() == "Green City"
    facts = campus.find("dl", class_="portal-facts")
    assert facts is not None and "Énergie et Construction" in facts.dd.get_text()
    # green-city has engagement-tour and fresque-du-climat (shared with foret-bois).
    assert {"../../actions/engagement-tour/", "../../actions/fresque-du-climat/"} <= links(campus)
    forest = soup(built, "campus/foret-bois")
    assert "../../actions/fresque-du-climat/" in links(forest)
    assert "../../actions/ancien-atelier/" not in links(forest)  # archived: not listed
    for action in ("engagement-tour", "fresque-du-climat"):
        assert "../../campus/green-city/" in links(soup(built, f"actions/{action}"))
    assert "../../campus/foret-bois/" in links(soup(built, "actions/fresque-du-climat"))


def test_campus_page_groups_actions_by_axis(built: Path) -> None:
    campus = soup(built, "campus/green-city")
    headings = [h.get_text(strip=True) for h in campus.select("article h3")]
    # engagement-tour has axis "competences"; fresque-du-climat has none.
    assert headings.index("Accompagner l évolution des compétences") < headings.index(
        "Autres actions"
    )


def test_catalogue_lists_exactly_the_active_actions(built: Path) -> None:
    catalogue = soup(built, "actions")
    cards = catalogue.select(".portal-catalogue [data-action] .portal-card__title a")
    assert sorted(a["href"] for a in cards) == ["engagement-tour/", "fresque-du-climat/"]
    assert (built / "actions/ancien-atelier/index.html").is_file()  # still reachable by its URL
    card = catalogue.select_one('[data-action] a[href="engagement-tour/"]')
    assert card is not None
    item = card.find_parent("li")
    assert item is not None
    assert item["data-niveau"] == "troisieme seconde" and item["data-reservable"] == "1"
    # Every place that names a campus links to it.
    assert {a["href"] for a in item.select("dd a")} == {"../campus/green-city/"}


def test_action_page_has_booking_box_and_related_actions(built: Path) -> None:
    action = soup(built, "actions/engagement-tour")
    booking = action.select_one(".portal-booking")
    assert booking is not None and "mailto:contact@example.org" in str(booking)
    # Both active actions have the sector "energie"; the archived one is never suggested.
    related = {a["href"] for a in action.select(".portal-cards a")}
    assert related == {"../fresque-du-climat/"}
    dates = action.get_text()
    assert "Rencontre de mars" in dates


def test_glossary_and_event_pages(built: Path) -> None:
    assert (built / "agenda/festival-2025/index.html").is_file()
    glossary = soup(built, "glossaire")
    assert glossary.find(id="cfa") is not None and glossary.find(id="parcours-avenir") is not None


def test_item_pages_stay_out_of_the_navigation(built: Path) -> None:
    home = BeautifulSoup((built / "index.html").read_text(encoding="utf-8"), "html.parser")
    nav_links = {a.get_text(strip=True) for a in home.select("nav.md-nav--primary a")}
    assert {"Campus", "Actions", "Agenda", "Glossaire"} <= nav_links
    assert "Engagement tour" not in nav_links


def test_front_matter_values_are_escaped(tree: Path, tmp_path: Path) -> None:
    path = tree / "content/actions/engagement-tour.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("summary: Un stage", "summary: <script>alert(1)</script> Un stage")
    text = text.replace("title: Engagement tour", "title: '</title><script>alert(2)</script> & co'")
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    assert mkdocs_build(tree, out).returncode == 0
    page = (out / "actions/engagement-tour/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert [s.string for s in soup.find_all("script") if s.string and "alert" in s.string] == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Un stage" in page
    # The title reads as typed wherever Material shows it: <title>, header, <h1>.
    assert soup.title is not None
    assert soup.title.get_text().startswith("</title><script>alert(2)</script> & co - ")
    assert soup.h1 is not None and soup.h1.get_text() == "</title><script>alert(2)</script> & co"
    header = soup.select_one(".md-header__topic:last-child .md-ellipsis")
    assert header is not None and header.get_text(strip=True) == soup.h1.get_text()


def test_bad_content_refuses_to_build_with_the_check_messages(tree: Path, tmp_path: Path) -> None:
    overlay(tree, "unknown-vocabulary")
    overlay(tree, "malformed-date")
    result = mkdocs_build(tree, tmp_path / "site")
    assert result.returncode != 0
    assert "content/actions/atelier-energie.md:8: audiences[2]:" in result.stderr
    assert "content/events/salon.md:4: start:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def tree_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_build_leaves_content_untouched_and_is_reproducible(tree: Path, tmp_path: Path) -> None:
    before = {d: tree_hash(tree / d) for d in ("campuses", "content")}
    assert mkdocs_build(tree, tmp_path / "a").returncode == 0
    assert mkdocs_build(tree, tmp_path / "b").returncode == 0
    assert {d: tree_hash(tree / d) for d in ("campuses", "content")} == before
    for name in ("campus.json", "actions.json", "evenements.json", "glossaire.json"):
        assert (tmp_path / "a/api" / name).read_bytes() == (tmp_path / "b/api" / name).read_bytes()
