"""``portal synth``: a small synthetic tree is valid, deterministic, exhaustive and builds."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from benchmarks.synth import MARKER, REFERENCE_DATE, Spec, generate
from generator.cli import main
from generator.index import Site
from generator.pipeline import check
from generator.text import french_typography

from .support import mkdocs_build

SMALL = ["--campuses", "2", "--actions", "12", "--events", "8", "--acronyms", "10"]
UPPER_WORD = re.compile(r"(?<![\w'])[A-Z][A-Z0-9]+(?!\w)")


def synth(out: Path, *extra: str) -> int:
    return main(["synth", *SMALL, *extra, "--out", str(out)])


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "site" not in p.relative_to(root).parts
    }


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synth") / "portal"
    assert synth(root) == 0
    return root


@pytest.fixture(scope="module")
def site(small: Path) -> Site:
    found, problems = check(small)
    assert found is not None, "\n".join(str(p) for p in problems)
    return found


def test_small_tree_passes_portal_check(small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--root", str(small)]) == 0
    assert capsys.readouterr().out.strip() == (
        "Contenu valide : 2 campus, 12 actions, 8 événements, 14 entrées de glossaire."
    )


def test_same_arguments_give_the_same_bytes(small: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert synth(again) == 0
    assert snapshot(again) == snapshot(small)
    other = tmp_path / "other"
    assert synth(other, "--seed", "1") == 0
    assert snapshot(other) != snapshot(small)


def test_refuses_a_directory_it_did_not_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.md").write_text("à garder", encoding="utf-8")
    assert synth(tmp_path) == 2
    assert "n'est pas vide et ne vient pas de « portal synth »" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.md"]


def test_rewrites_its_own_output_without_leftovers(tmp_path: Path, small: Path) -> None:
    out = tmp_path / "portal"
    assert main(["synth", "--campuses", "3", "--actions", "30", "--out", str(out)]) == 0
    (out / "site").mkdir()  # a build next to the tree is left alone
    (out / "site" / "index.html").write_text("", encoding="utf-8")
    assert synth(out) == 0
    assert snapshot(out) == snapshot(small)
    assert (out / "site" / "index.html").is_file()
    assert (out / MARKER).is_file()


def test_refuses_a_portal_without_campus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["synth", "--campuses", "0", "--out", str(tmp_path / "x")]) == 2
    assert "au moins un campus" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("acronyms", [0, 1])
def test_tiny_trees_are_valid_too(tmp_path: Path, acronyms: int) -> None:
    args = ["--campuses", "1", "--actions", "1", "--events", "2", "--acronyms", str(acronyms)]
    assert main(["synth", *args, "--out", str(tmp_path / "p")]) == 0
    assert check(tmp_path / "p")[0] is not None


def test_config_uses_the_repository_theme(small: Path) -> None:
    config = (small / "mkdocs.yml").read_text(encoding="utf-8")
    theme = Path(__file__).resolve().parent.parent / "theme"
    assert f"custom_dir: {theme}\n" in config
    assert f"fragments: {theme / 'fragments'}\n" in config
    assert f"build_date: '{REFERENCE_DATE.isoformat()}'" in config


def test_exercises_every_kind_of_item_and_reference(site: Site) -> None:
    c = site.content
    actions = list(c.actions.values())
    events = list(c.events.values())
    assert any(len(a.campus) == 2 for a in actions)
    assert {a.status for a in actions} == {"active", "archived"}
    assert any(a.booking.bookable for a in actions) and any(a.figures for a in actions)
    assert any(not a.free for a in actions)
    assert any(e.action for e in events) and any(e.action is None for e in events)
    assert all(set(c.actions[e.action].campus) <= set(e.campus) for e in events if e.action)
    timed = [e for e in events if isinstance(e.start, datetime)]
    all_day = [e for e in events if not isinstance(e.start, datetime)]
    assert timed and all_day
    assert any(e.end is not None and e.last_day > _day(e.start) for e in timed)
    assert any(e.end is not None and e.last_day > _day(e.start) for e in all_day)
    assert any(e.last_day < REFERENCE_DATE for e in events)
    assert any(e.last_day >= REFERENCE_DATE for e in events)
    assert {e.status for e in events} == {"prevu", "annule", "reporte"}
    assert any(len(g.expansions) == 2 for g in c.glossary.values())
    assert {g.kind for g in c.glossary.values()} == {"acronym", "term"}
    assert all(campus.figures for campus in c.campuses.values())
    # Every catalogue facet has values to filter on.
    for field in ("axis", "format", "audiences", "levels", "sectors", "venues"):
        assert any(getattr(a, field) for a in actions), field


def test_every_vocabulary_value_is_used_when_items_are_enough() -> None:
    files = generate(Spec(campuses=3, actions=60, events=0, acronyms=0))
    actions = "\n".join(text for path, text in files.items() if path.startswith("content/actions"))
    formats = re.findall(r"^format: (\S+)$", actions, re.MULTILINE)
    vocabulary = re.findall(r"^([a-z0-9-]+):", files["content/vocabularies/formats.yml"], re.M)
    assert set(formats) == set(vocabulary)


def test_running_text_uses_only_glossary_acronyms(small: Path, site: Site) -> None:
    short_forms = {g.title for g in site.content.glossary.values() if g.kind == "acronym"}
    used: set[str] = set()
    for path in [*small.glob("campuses/*.md"), *small.glob("content/*/*.md")]:
        body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
        used |= set(UPPER_WORD.findall(body))
    assert used and used <= short_forms
    assert len(used) >= len(short_forms) // 2  # most acronyms appear somewhere


def test_builds_strictly_with_every_page(small: Path, site: Site, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = mkdocs_build(small, out)
    assert result.returncode == 0, result.stderr
    c = site.content
    expected = {
        # A campus page opens with its short name, the full one among its facts.
        **{f"campus/{s}": c.campuses[s].short_name for s in c.campuses},
        **{f"actions/{s}": c.actions[s].title for s in c.actions},
        **{f"agenda/{s}": c.events[s].title for s in c.events},
    }
    for folder, title in expected.items():
        page = out / folder / "index.html"
        assert page.is_file(), folder
        h1 = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("h1")
        assert h1 is not None and h1.get_text(strip=True) == french_typography(title), folder
    for index in ("", "campus/", "actions/", "agenda/", "glossaire/", "accessibilite/"):
        assert (out / index / "index.html").is_file(), index
    catalogue = BeautifulSoup((out / "actions" / "index.html").read_text("utf-8"), "html.parser")
    links = {a["href"].strip("/").split("/")[-1] for a in catalogue.find_all("a", href=True)}
    assert {s for s, a in c.actions.items() if a.status == "active"} <= links


def _day(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def test_an_installed_package_has_no_synth_and_says_so(tmp_path: Path) -> None:
    """The core package without the repository around it (as a wheel installs it)."""
    import shutil
    import subprocess
    import sys

    from .support import REPO

    shutil.copytree(REPO / "generator", tmp_path / "generator")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "synth", "--out", str(tmp_path / "out")],
        cwd=tmp_path, env={"PYTHONPATH": str(tmp_path)}, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "cette commande vient avec le dépôt du portail (benchmarks/synth.py)" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()
