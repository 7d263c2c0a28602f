"""Every class of bad input gives a French message naming the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import Severity
from generator.pipeline import check, load_site

from .support import VALID, overlay


def errors_of(root: Path) -> list[str]:
    site, problems = check(root)
    errors = [str(p) for p in problems if p.severity is Severity.ERROR]
    assert (site is None) == bool(errors)
    return errors


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) by ``new`` in the file at ``path``."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def has_error(errors: list[str], where: str, *words: str) -> bool:
    """Some error starts with ``where`` (``path:line: field:``) and contains every word."""
    return any(e.startswith(where) and all(w in e for w in words) for e in errors)


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
    assert has_error(errors, where, *words), errors


def test_every_error_of_the_tree_is_reported_at_once(tree: Path) -> None:
    for case in ("unknown-campus", "malformed-date", "broken-yaml", "empty-file"):
        overlay(tree, case)
    errors = errors_of(tree)
    for path in ("visite-chantier.md:3:", "salon.md:4:", "forum-yaml.md:4:", "vide.md:1:"):
        assert any(path in e for e in errors), (path, errors)
    assert errors == sorted(errors)


ACTIONS = "content/actions"


def test_missing_required_field(tree: Path) -> None:
    edit(tree / ACTIONS / "fresque-du-climat.md", "format: fresque\n", "")
    assert has_error(
        errors_of(tree),
        f"{ACTIONS}/fresque-du-climat.md:1: format: champ obligatoire manquant",
        "ajoutez une ligne « format: … »",
        "valeurs possibles (fichier content/vocabularies/formats.yml) : « atelier »",
    )


def test_wrong_types_name_the_nested_field(tree: Path) -> None:
    path = tree / ACTIONS / "engagement-tour.md"
    edit(path, "bookable: true", "bookable: peut-être")
    edit(path, "establishments: 6", "establishments: six")
    errors = errors_of(tree)
    assert has_error(errors, f"{ACTIONS}/engagement-tour.md:13: booking.bookable:", "« true »")
    assert has_error(
        errors, f"{ACTIONS}/engagement-tour.md:18: figures[1].establishments:", "nombre entier"
    )


def test_unknown_audience_in_figures_points_at_its_line(tree: Path) -> None:
    edit(tree / ACTIONS / "engagement-tour.md", "lyceens: 20}", "lycéens: 20}")
    assert has_error(
        errors_of(tree),
        f"{ACTIONS}/engagement-tour.md:17: figures[1].participants.lycéens:",
        "vouliez-vous dire « lyceens » ?",
    )


def test_unknown_audience_in_an_events_figures_points_at_its_line(tree: Path) -> None:
    edit(
        tree / "content/events/afterwork-bois.md",
        "campus: foret-bois\n",
        "campus: foret-bois\nfigures:\n  - {year: 2025, participants: {lycéens: 12}}\n",
    )
    assert has_error(
        errors_of(tree),
        "content/events/afterwork-bois.md:7: figures[1].participants.lycéens:",
        "vouliez-vous dire « lyceens » ?",
    )


def test_glossary_term_needs_a_definition(tree: Path) -> None:
    path = tree / "content/glossary/parcours-avenir.md"
    path.write_text("---\ntitle: Parcours Avenir\nkind: term\n---\n", encoding="utf-8")
    assert has_error(errors_of(tree), "content/glossary/parcours-avenir.md:5: définition:")


def test_acronym_with_two_expansions_needs_keys(tree: Path) -> None:
    edit(tree / "content/glossary/cfa.md", "{key: centres, ", "{")
    assert has_error(errors_of(tree), "content/glossary/cfa.md:4: expansions:", "key")


def test_duplicate_key_in_front_matter(tree: Path) -> None:
    edit(
        tree / ACTIONS / "fresque-du-climat.md",
        "format: fresque\n",
        "format: fresque\nformat: atelier\n",
    )
    assert has_error(
        errors_of(tree), f"{ACTIONS}/fresque-du-climat.md:6: format: clé en double", "ligne 5"
    )


def test_vocabulary_file_errors(tree: Path) -> None:
    vocabularies = tree / "content/vocabularies"
    (vocabularies / "levels.yml").write_text(
        "troisieme: Troisième\nBac Pro: Bac pro\n", encoding="utf-8"
    )
    (vocabularies / "venues.yml").unlink()
    errors = errors_of(tree)
    assert has_error(errors, "content/vocabularies/levels.yml:2: Bac Pro:", "« bac-pro »")
    assert has_error(errors, "content/vocabularies/venues.yml:1: fichier:", "vocabulaire manquant")


def test_an_editor_can_extend_a_vocabulary(tree: Path) -> None:
    with (tree / "content/vocabularies/formats.yml").open("a", encoding="utf-8") as f:
        f.write("escape-game: Escape game\n")
    overlay(tree, "bookable-without-contact")
    path = tree / ACTIONS / "escape-game.md"
    edit(path, "format: atelier", "format: escape-game")
    edit(path, "  bookable: true\n", "  bookable: true\n  url: https://example.org/reserver\n")
    site, problems = check(tree)
    assert problems == [] and site is not None
    assert site.content.actions["escape-game"].format == "escape-game"


def test_naive_times_are_paris_time(tree: Path) -> None:
    site, _ = check(tree)
    assert site is not None
    start = site.content.events["afterwork-bois"].start
    assert start.isoformat() == "2025-06-05T17:30:00+02:00"


def test_libyaml_reads_front_matter_as_the_pure_python_parser_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The fast parser (libyaml) must give the same values and the same line of every field as
    the pure-Python one, whose error messages the French hints translate."""
    import yaml

    from generator import frontmatter

    assert issubclass(frontmatter._FastLoader, yaml.CSafeLoader)  # else this compares nothing
    repo = Path(__file__).resolve().parent.parent
    paths = sorted(
        [*repo.glob("campuses/*.md"), *repo.glob("content/*/*.md"), *VALID.rglob("*.md")]
    )
    texts = [(p.read_text(encoding="utf-8"), p.name) for p in paths]
    # Dates, impossible dates, anchors, nested lists, a block scalar, a duplicate key.
    texts.append(
        (
            "---\ntitle: x\nstart: 2025-02-30\nend: 2025-03-01 14:00\nbase: &b\n  a: 1\n"
            "copy: *b\nlist:\n  - - 1\n    - 2\n  - {k: v}\ntext: |\n  line\n  line\n"
            "title: again\n---\nbody\n",
            "synthetic.md",
        )
    )
    fast = [frontmatter.parse(text, name) for text, name in texts]
    monkeypatch.setattr(frontmatter, "_FastLoader", frontmatter._Loader)
    slow = [frontmatter.parse(text, name) for text, name in texts]
    assert len(paths) > 300
    assert fast == slow


@pytest.mark.usefixtures("memos_kept")
def test_an_unchanged_file_gives_the_same_item_at_the_next_load(tree: Path) -> None:
    """`mkdocs serve` loads the tree at every save: an item whose file did not change is the
    same object (later memos key on it), an edited one is read again."""
    first = load_site(tree).content
    action = tree / "content/actions/engagement-tour.md"
    action.write_text(
        action.read_text(encoding="utf-8").replace("summary: ", "summary: Modifié. ", 1),
        encoding="utf-8",
    )
    again = load_site(tree).content
    assert again.actions["fresque-du-climat"] is first.actions["fresque-du-climat"]
    assert again.actions["engagement-tour"] is not first.actions["engagement-tour"]
    assert again.actions["engagement-tour"].summary.startswith("Modifié. ")


def test_a_build_keeps_nothing_for_the_next(tree: Path) -> None:
    """Out of `mkdocs serve` (memos.py off), a load holds nothing once done: items are made
    again, the files parsed again."""
    first = load_site(tree).content
    assert load_site(tree).content.actions["fresque-du-climat"] is not first.actions[
        "fresque-du-climat"
    ]
