"""What the plugin publishes for editors: the guide at /contribuer/, the web form at /admin/."""

from __future__ import annotations

from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from .support import REPO, mkdocs_build, with_options


def test_guide_and_web_form_are_published_when_enabled(tree: Path, tmp_path: Path) -> None:
    guide = REPO / "docs" / "contribuer.md"
    with_options(tree, guide=guide, cms="true", cms_repo="cmq-bfc/portail")
    out = tmp_path / "site"
    result = mkdocs_build(tree, out)
    assert result.returncode == 0, result.stderr

    page = BeautifulSoup((out / "contribuer/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("article").h1.get_text(strip=True) == "Guide de rédaction"
    home = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.find("a", string="Contribuer")["href"] == "contribuer/"

    # The guide's other pages, from docs/contribuer/, each under /contribuer/<name>/ and linked.
    publish = BeautifulSoup(
        (out / "contribuer/publier/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert publish.find("article").h1.get_text(strip=True) == "Publier le portail"
    assert page.find("a", string="Publier le portail")["href"] == "publier/"

    cms = yaml.safe_load((out / "admin/config.yml").read_text(encoding="utf-8"))
    assert cms["backend"]["repo"] == "cmq-bfc/portail"
    assert {c["name"] for c in cms["collections"]} == {"campus", "action", "event", "glossary"}
    assert (out / "admin/index.html").is_file()


def test_nothing_for_editors_is_published_by_default(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = mkdocs_build(tree, out)
    assert result.returncode == 0, result.stderr
    assert not (out / "admin").exists() and not (out / "contribuer").exists()
    home = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.find("a", string="Contribuer") is None


def test_the_guide_shows_the_pictures_of_its_images_folder(tree: Path, tmp_path: Path) -> None:
    """docs/contribuer/images/ is published beside the guide's pages, and every picture the
    guide's pages show is there (a strict build would refuse a missing one too)."""
    with_options(tree, guide=REPO / "docs" / "contribuer.md")
    out = tmp_path / "site"
    result = mkdocs_build(tree, out)
    assert result.returncode == 0, result.stderr
    shown = []
    for page in (out / "contribuer").rglob("index.html"):
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for img in html.find("article").find_all("img"):
            assert img["alt"].strip(), img
            target = (page.parent / img["src"]).resolve()
            assert (
                target.read_bytes() == (REPO / "docs/contribuer/images" / target.name).read_bytes()
            )
            shown.append(target.name)
    assert "formulaire-accueil.png" in shown and len(shown) >= 4
