"""A fifth content type is one module, one template and one folder of files.

``tests/fixtures/fifth_type/`` holds a « partner » type (``partner.py``: its model and its row),
its page template (``partner.html``) and two partner files. Registered for the time of a test, it
is loaded, checked, offered by the schema, the web form and ``portal new``, published as pages and
open data, without a line of the generator changed; then it is gone.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.cms import render_cms
from generator.contenttypes import content_types, registered
from generator.errors import ContentError
from generator.pipeline import check, load_site
from generator.scaffold import new
from generator.schema import schemas

from .support import REPO, copy_valid

FIFTH = Path(__file__).parent / "fixtures" / "fifth_type"
sys.path.insert(0, str(FIFTH))
from partner import PARTNER  # noqa: E402  (the fixture's module, found through sys.path)


@pytest.fixture
def partners(tmp_path: Path) -> Iterator[Path]:
    """The valid fixture with the partners' folder, the type registered meanwhile."""
    root = copy_valid(tmp_path)
    shutil.copytree(FIFTH / "content", root / "content", dirs_exist_ok=True)
    with registered(PARTNER):
        yield root


def test_the_type_is_registered_only_for_the_test(partners: Path) -> None:
    assert content_types()[-1] is PARTNER
    assert [t.name for t in content_types()] == ["campus", "action", "event", "glossary", "partner"]


def test_after_the_test_the_registry_has_the_four_types() -> None:
    assert [t.name for t in content_types()] == ["campus", "action", "event", "glossary"]


def test_its_files_are_loaded_and_validated(partners: Path) -> None:
    site = load_site(partners)
    found = site.content.of(PARTNER)
    assert sorted(found) == ["reseau-chaleur", "scierie-du-haut-doubs"]
    assert found["scierie-du-haut-doubs"].campus == ("foret-bois", "green-city")
    assert site.counts()[PARTNER] == 2


def test_its_references_and_vocabularies_are_checked_in_french(partners: Path) -> None:
    (partners / "content/partners/mauvais.md").write_text(
        "---\ntitle: Mauvais\nsummary: Un partenaire mal écrit.\ncampus: green-cty\n"
        "sectors: [energie, nucleaire]\n---\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as raised:
        load_site(partners)
    messages = sorted(str(p) for p in raised.value.problems)
    assert len(messages) == 2, messages
    assert messages[0].startswith(
        "content/partners/mauvais.md:4: campus[1]: campus « green-cty » inconnu ; "
        "vouliez-vous dire « green-city » ?"
    )
    assert messages[1].startswith(
        "content/partners/mauvais.md:5: sectors[2]: valeur « nucleaire » inconnue"
    )


def test_the_check_counts_it(partners: Path) -> None:
    site, problems = check(partners, warnings=False)
    assert site is not None and problems == []
    assert site.counts()[PARTNER] == 2


def test_the_schema_form_and_portal_new_offer_it(partners: Path) -> None:
    schema = schemas(partners)["partner"]
    assert schema["title"] == "Partenaire"
    assert "campus" in schema["required"]
    assert '"x-reference": "campus"' in json.dumps(schema)
    assert '"x-vocabulary": "sectors"' in json.dumps(schema)

    config = yaml.safe_load(render_cms(partners)["admin/config.yml"])
    (collection,) = [c for c in config["collections"] if c["name"] == "partner"]
    assert collection["label"] == "Partenaires"
    assert collection["folder"] == "content/partners"
    campus = next(f for f in collection["fields"] if f["name"] == "campus")
    assert campus["collection"] == "campus"

    created = new("partner", "Fromagerie du Jura", partners, campus="foret-bois")
    assert created.display == "content/partners/fromagerie-du-jura.md"
    assert created.url == "/partenaires/fromagerie-du-jura/"
    text = created.path.read_text(encoding="utf-8")
    created.path.write_text(
        text.replace("summary:", "summary: Une fromagerie.", 1), encoding="utf-8"
    )
    assert "fromagerie-du-jura" in load_site(partners).content.of(PARTNER)


def test_its_pages_and_open_data_are_published(tmp_path: Path) -> None:
    root = copy_valid(tmp_path)
    shutil.copytree(FIFTH / "content", root / "content", dirs_exist_ok=True)
    # Its template beside the portal's own.
    fragments = tmp_path / "fragments"
    shutil.copytree(REPO / "theme" / "fragments", fragments)
    shutil.copy(FIFTH / "partner.html", fragments)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    fixed = f"fragments: {REPO / 'theme' / 'fragments'}"
    assert fixed in text
    config.write_text(text.replace(fixed, f"fragments: {fragments}"), encoding="utf-8")
    out = tmp_path / "site"
    # The build in a process of its own, with the type registered there.
    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from partner import PARTNER\n"
        "from generator.contenttypes import registered\n"
        "from mkdocs.__main__ import cli\n"
        "with registered(PARTNER):\n"
        "    cli(['build', '--strict', '-f', sys.argv[2], '-d', sys.argv[3]])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(FIFTH), str(root / "mkdocs.yml"), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr

    page = BeautifulSoup(
        (out / "partenaires/reseau-chaleur/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    main = page.select_one("article")
    assert main is not None
    h1 = main.find("h1")
    assert h1 is not None and h1.get_text() == "Réseau de chaleur de la ville"
    facts = {
        dt.get_text(): dt.find_next_sibling("dd")
        for dt in main.select("dl.portal-facts dt")
    }
    assert facts["Campus"].a["href"] == "../../campus/green-city/"
    assert facts["Filières"].get_text(" ", strip=True) == "Énergie, Construction"
    assert "Des visites de la chaufferie" in main.get_text()
    assert (out / "partenaires/scierie-du-haut-doubs/index.html").is_file()

    data = json.loads((out / "api/partenaires.json").read_text(encoding="utf-8"))
    assert data["count"] == 2
    first = data["items"][0]
    assert first["slug"] == "reseau-chaleur"
    assert first["url"] == "/partenaires/reseau-chaleur/"
    assert first["sectors"] == ["energie", "construction"]
