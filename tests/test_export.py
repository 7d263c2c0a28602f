"""``portal export``: the build plan written out, built by ProperDocs without the portal plugin.

The bundled portal is exported, then built by ProperDocs from the exported mkdocs.yml (no
``portal`` plugin in it); the result is compared with the plugin's own build: the same files at
the same URLs, the same text in every page's <article>, feeds and open data byte for byte. What
is not compared is said: Pagefind's bundles (the export leaves search to the Pagefind CLI),
and the order of MkDocs' sitemap.xml (its set of addresses is compared).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup

from .support import EPOCH, REPO

PROPERDOCS = REPO / ".venv-properdocs" / "bin" / "properdocs"
PORTAL = REPO / ".venv" / "bin" / "portal"
NOT_COMPARED = ("pagefind/", "pagefind-")  # search: the Pagefind CLI's, after the build
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


def run(*command: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PORTAL_SITE_URL", None)
    return subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "portal"
    result = run(PORTAL, "export", out)
    assert result.returncode == 0, result.stderr
    assert "fichiers dans" in result.stdout
    return out


@pytest.fixture(scope="module")
def built(exported: Path) -> Path:
    if not PROPERDOCS.exists():
        pytest.fail("ProperDocs manquant : ./scripts/test l'installe dans .venv-properdocs")
    site = exported / "site"
    result = run(PROPERDOCS, "build", "--strict", "-f", exported / "mkdocs.yml", "-d", site)
    assert result.returncode == 0, result.stderr
    return site


def files(site: Path) -> set[str]:
    return {
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file() and not path.relative_to(site).as_posix().startswith(NOT_COMPARED)
    }


def article_text(path: Path) -> str | None:
    article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article")
    return " ".join(article.get_text(" ").split()) if article is not None else None


def test_the_export_runs_no_portal_plugin(exported: Path) -> None:
    config = yaml.safe_load((exported / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == []
    assert config["docs_dir"] == "docs"
    page = (exported / "docs" / "campus" / "green-city.md").read_text(encoding="utf-8")
    front, _, content = page.removeprefix("---\n").partition("\n---\n")
    assert yaml.safe_load(front)["calendar"] == "campus/green-city.ics"
    html = BeautifulSoup(content, "html.parser")
    assert html.find("h1") is not None  # the finished page, not a template to fill in
    assert html.select_one('a[href$="glossaire/#cmq"] abbr') is not None  # acronyms marked


def test_properdocs_builds_the_same_urls_with_the_same_content(
    built: Path, bundled_site: Path
) -> None:
    ours, theirs = files(bundled_site), files(built)
    assert ours == theirs, (sorted(ours - theirs)[:10], sorted(theirs - ours)[:10])
    pages = sorted(f for f in ours if f.endswith(".html"))
    assert len(pages) > 200
    different = [f for f in pages if article_text(bundled_site / f) != article_text(built / f)]
    assert different == []
    assert article_text(built / "campus/green-city/index.html")  # there is text to compare


def test_feeds_and_open_data_are_written_as_they_are(built: Path, bundled_site: Path) -> None:
    data = [f for f in files(bundled_site) if f.endswith((".ics", ".json", ".xml"))]
    data.remove("sitemap.xml")  # MkDocs' own, below
    assert {"agenda.ics", "rss.xml", "api/actions.json", "campus/sitemap.xml"} <= set(data)
    assert [f for f in data if (built / f).read_bytes() != (bundled_site / f).read_bytes()] == []

    def addresses(site: Path) -> set[str | None]:
        tree = ElementTree.parse(site / "sitemap.xml")
        return {loc.text for loc in tree.iter(SITEMAP)}

    assert addresses(built) == addresses(bundled_site)
