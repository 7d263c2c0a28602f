"""Every class of bad input gives a French message naming the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import Severity
from generator.pipeline import check

from .conftest import VALID, overlay


def errors_of(root: Path) -> list[str]:
    site, problems = check(root)
    errors = [str(p) for p in problems if p.severity is Severity.ERROR]
    assert (site is None) == bool(errors)
    return errors


def test_valid_fixture_has_no_problem() -> None:
    site, problems = check(VALID)
    assert problems == []
    assert site is not None
    assert sorted(site.content.actions) == [
        "ancien-atelier",
        "engagement-tour",
        "fresque-du-climat",
    ]


# (case, expected start of the message "path:line: field:", words the message must contain)
CASES = [
    (
        "unknown-campus",
        "content/actions/visite-chantier.md:3: campus[2]:",
        ["« gren-city »", "vouliez-vous dire « green-city » ?"],
    ),
    (
        "unknown-action",
        "content/events/visite-mai.md:5: action:",
        ["« engagement-tours »", "vouliez-vous dire « engagement-tour » ?"],
    ),
    (
        "unknown-vocabulary",
        "content/actions/atelier-energie.md:8: audiences[2]:",
        ["« colegiens »", "vouliez-vous dire « collegiens » ?", "valeurs possibles"],
    ),
    (
        "duplicate-slug",
        "content/actions/engagement-tour.md:1: nom du fichier:",
        ["« engagement-tour »", "content/actions/2024/engagement-tour.md"],
    ),
    (
        "duplicate-glossary",
        "content/glossary/cfa-bis.md:2: title:",
        ["« CFA »", "content/glossary/cfa.md"],
    ),
    (
        "end-before-start",
        "content/events/forum.md:4: end:",
        ["la fin (2025-04-07) est avant le début (2025-04-13)"],
    ),
    ("malformed-date", "content/events/salon.md:4: start:", ["« 2025-02-30 »", "AAAA-MM-JJ"]),
    (
        "bookable-without-contact",
        "content/actions/escape-game.md:7: booking:",
        ["réservable", "« email » ou « url »"],
    ),
    (
        "bad-file-name",
        "content/actions/Fête-Énergie.md:1: nom du fichier:",
        ["renommez-le « fete-energie.md »"],
    ),
    ("empty-file", "content/events/vide.md:1: fichier:", ["fichier vide"]),
    ("no-front-matter", "campuses/sans-entete.md:1: en-tête:", ["« --- »"]),
    ("broken-yaml", "content/actions/forum-yaml.md:4: en-tête:", ["YAML invalide", "guillemets"]),
    (
        "unknown-field",
        "content/actions/atelier-bois.md:4: sumary:",
        ["champ inconnu", "vouliez-vous dire « summary » ?"],
    ),
]


@pytest.mark.parametrize(("case", "where", "words"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported_precisely(
    tree: Path, case: str, where: str, words: list[str]
) -> None:
    overlay(tree, case)
    errors = errors_of(tree)
    matching = [e for e in errors if e.startswith(where)]
    assert matching, f"no error starts with {where!r}: {errors}"
    assert any(all(w in e for w in words) for e in matching), matching


def test_every_error_of_the_tree_is_reported_at_once(tree: Path) -> None:
    for case in ("unknown-campus", "malformed-date", "broken-yaml", "empty-file"):
        overlay(tree, case)
    errors = errors_of(tree)
    for path in ("visite-chantier.md:3:", "salon.md:4:", "forum-yaml.md:4:", "vide.md:1:"):
        assert any(path in e for e in errors), (path, errors)
    assert errors == sorted(errors)


def test_missing_required_field(tree: Path) -> None:
    path = tree / "content/actions/fresque-du-climat.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("format: fresque\n", ""), encoding="utf-8"
    )
    assert (
        "content/actions/fresque-du-climat.md:1: format: champ obligatoire manquant"
        in errors_of(tree)
    )


def test_wrong_types_name_the_nested_field(tree: Path) -> None:
    path = tree / "content/actions/engagement-tour.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("bookable: true", "bookable: peut-être").replace(
        "establishments: 6", "establishments: six"
    )
    path.write_text(text, encoding="utf-8")
    errors = errors_of(tree)
    assert any(
        e.startswith("content/actions/engagement-tour.md:13: booking.bookable:") and "« true »" in e
        for e in errors
    ), errors
    assert any(
        e.startswith("content/actions/engagement-tour.md:18: figures[1].establishments:")
        and "nombre entier" in e
        for e in errors
    ), errors


def test_unknown_audience_in_figures_points_at_its_line(tree: Path) -> None:
    path = tree / "content/actions/engagement-tour.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("lyceens: 20}", "lycéens: 20}"), encoding="utf-8"
    )
    errors = errors_of(tree)
    assert any(
        e.startswith("content/actions/engagement-tour.md:17: figures[1].participants.lycéens:")
        and "vouliez-vous dire « lyceens » ?" in e
        for e in errors
    ), errors


def test_glossary_term_needs_a_definition(tree: Path) -> None:
    path = tree / "content/glossary/parcours-avenir.md"
    path.write_text("---\ntitle: Parcours Avenir\nkind: term\n---\n", encoding="utf-8")
    assert any(
        e.startswith("content/glossary/parcours-avenir.md:5: définition:") for e in errors_of(tree)
    )


def test_acronym_with_two_expansions_needs_keys(tree: Path) -> None:
    path = tree / "content/glossary/cfa.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("{key: centres, ", "{"), encoding="utf-8"
    )
    assert any(
        e.startswith("content/glossary/cfa.md:4: expansions:") and "key" in e
        for e in errors_of(tree)
    )


def test_duplicate_key_in_front_matter(tree: Path) -> None:
    path = tree / "content/actions/fresque-du-climat.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "format: fresque\n", "format: fresque\nformat: atelier\n"
        ),
        encoding="utf-8",
    )
    assert "content/actions/fresque-du-climat.md:6: format: clé en double" in errors_of(tree)


def test_vocabulary_file_errors(tree: Path) -> None:
    (tree / "content/vocabularies/levels.yml").write_text(
        "troisieme: Troisième\nBac Pro: Bac pro\n", encoding="utf-8"
    )
    (tree / "content/vocabularies/venues.yml").unlink()
    errors = errors_of(tree)
    assert any(
        e.startswith("content/vocabularies/levels.yml:2: Bac Pro:") and "« bac-pro »" in e
        for e in errors
    ), errors
    assert any(
        e.startswith("content/vocabularies/venues.yml:1: fichier: vocabulaire manquant")
        for e in errors
    ), errors


def test_an_editor_can_extend_a_vocabulary(tree: Path) -> None:
    with (tree / "content/vocabularies/formats.yml").open("a", encoding="utf-8") as f:
        f.write("escape-game: Escape game\n")
    overlay(tree, "bookable-without-contact")
    path = tree / "content/actions/escape-game.md"
    text = path.read_text(encoding="utf-8").replace("format: atelier", "format: escape-game")
    path.write_text(
        text.replace(
            "  bookable: true\n", "  bookable: true\n  url: https://example.org/reserver\n"
        ),
        encoding="utf-8",
    )
    site, problems = check(tree)
    assert problems == [] and site is not None
    assert site.content.actions["escape-game"].format == "escape-game"


def test_naive_times_are_paris_time(tree: Path) -> None:
    site, _ = check(tree)
    assert site is not None
    start = site.content.events["afterwork-bois"].start
    assert start.isoformat() == "2025-06-05T17:30:00+02:00"
