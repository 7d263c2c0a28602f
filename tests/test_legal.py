"""Legal pages, site map and sharing metadata: the built site, read as HTML.

The fixture portal gives every legal setting (tests/fixtures/valid/mkdocs.yml); each test that
needs another value writes it into a copy of the tree.
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from mkdocs.utils.yaml import yaml_load

from generator.errors import Severity
from generator.legal import load_legal

from .support import REPO, SITE_URL, copy_valid, dated_tree, mkdocs_build, replace_in

LEGAL_URLS = ("/accessibilite/", "/mentions-legales/", "/donnees-personnelles/", "/plan-du-site/")
SCRIPT = '<script>alert("x")</script>'


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url.strip("/") / "index.html").read_text("utf-8"), "html.parser")


def article_text(site: Path, url: str) -> str:
    article = soup(site, url).select_one("article")
    assert article is not None, url
    return " ".join(article.get_text(" ").split())


def page_urls(site: Path) -> list[str]:
    """The site-relative URL of every page of a built site (every index.html)."""
    urls = []
    for path in sorted(site.rglob("index.html")):
        folder = path.parent.relative_to(site).as_posix()
        urls.append("/" if folder == "." else f"/{folder}/")
    return urls


def set_legal(root: Path, block: str) -> Path:
    """The tree at ``root`` with ``block`` (YAML, indented under ``extra:``) as its settings."""
    path = root / "mkdocs.yml"
    text = path.read_text("utf-8")
    head = text[: text.index("# The publisher's facts")]
    path.write_text(head + "extra:\n" + block, encoding="utf-8")
    return root


def build(root: Path) -> tuple[Path, str]:
    out = root.parent / "site"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    return out, result.stderr


@pytest.fixture(scope="module")
def escaped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dated fixture with a <script> in a setting of every page."""
    root = dated_tree(tmp_path_factory.mktemp("escaped"))
    set_legal(
        root,
        "  legal:\n"
        f"    publisher:\n      name: '{SCRIPT}'\n      address: 1, rue de l'Exemple\n"
        f"    director: '{SCRIPT}'\n"
        f"    host:\n      name: 'Hôte {SCRIPT}'\n      address: 2, rue de l'Exemple\n"
        "    contact:\n      form: https://example.org/contact?a=1&b=2\n"
        f"    licence: '{SCRIPT}'\n"
        "    accessibility:\n"
        "      status: partiellement-conforme\n      audit_date: 2025-03-04\n      rate: 87.5\n"
        f"      statement_date: 2025-03-10\n      non_conformities: ['{SCRIPT}']\n",
    )
    site, _ = build(root)
    return site


def test_the_four_pages_say_the_settings_escaped(escaped: Path) -> None:
    for url in LEGAL_URLS:
        page = soup(escaped, url)
        assert page.select_one("article h1") is not None, url
        assert page.select("article script") == [], url  # nothing injected
        assert SCRIPT not in (escaped / url.strip("/") / "index.html").read_text("utf-8"), url
    notice = article_text(escaped, "/mentions-legales/")
    assert notice.count(SCRIPT) == 4  # publisher, director, host, licence: shown as text
    assert f"Hôte {SCRIPT}" in notice
    assert "2, rue de l’Exemple" in notice
    form = soup(escaped, "/mentions-legales/").select_one('article a[href^="https://example.org"]')
    assert form is not None and form["href"] == "https://example.org/contact?a=1&b=2"
    statement = article_text(escaped, "/accessibilite/")
    assert f"{SCRIPT} s’engage à rendre son portail accessible" in statement
    assert "est partiellement conforme avec le référentiel" in statement
    assert "L’audit de conformité réalisé le 4 mars 2025" in statement
    assert "87,5 % des critères" in statement
    assert "établie le 10 mars 2025" in statement
    assert SCRIPT in statement  # the non-conformity
    assert "Défenseur des droits, Libre réponse 71120" in statement
    footer = soup(escaped, "/").select_one("nav.portal-footer-links")
    assert footer is not None
    assert "Accessibilité\u00a0: partiellement conforme" in footer.get_text()


def test_the_fixture_statement_and_notice(dated_site: Path) -> None:
    statement = article_text(dated_site, "/accessibilite/")
    assert "est non conforme avec le référentiel" in statement
    assert "pas encore fait l’objet d’un audit" in statement
    assert "contact@example.org" in statement  # the portal's contact, not the campuses'
    notice = article_text(dated_site, "/mentions-legales/")
    for given in ("Portail de test", "La direction du portail de test", "Hébergeur de test",
                  "Licence Ouverte 2.0"):  # fmt: skip
        assert given in notice
    assert "pas encore renseignée" not in notice


def test_every_page_links_the_legal_pages_from_its_footer(dated_site: Path) -> None:
    urls = page_urls(dated_site)
    assert {"/", "/campus/", "/actions/", "/agenda/", "/glossaire/", *LEGAL_URLS} <= set(urls)
    assert any(re.fullmatch(r"/actions/[^/]+/", u) for u in urls)
    assert any(re.fullmatch(r"/agenda/[^/]+/", u) for u in urls)
    for url in urls:
        footer = soup(dated_site, url).select_one("footer nav.portal-footer-links")
        assert footer is not None, url
        links = {urljoin(url, a["href"]): a.get_text() for a in footer.select("a")}
        assert set(LEGAL_URLS) | {"/api/campus.json"} <= set(links), url
        assert links["/accessibilite/"] == "Accessibilité\u00a0: non conforme"
        assert links["/plan-du-site/"] == "Plan du site"


def _sitemap_links(site: Path) -> set[str]:
    article = soup(site, "/plan-du-site/").select_one("article")
    assert article is not None
    return {urljoin("/plan-du-site/", a["href"]) for a in article.select("a[href]")}


def test_the_site_map_links_every_page_of_the_site(dated_site: Path) -> None:
    links = _sitemap_links(dated_site)
    missing = [u for u in page_urls(dated_site) if u != "/plan-du-site/" and u not in links]
    assert missing == []
    assert {"/api/actions.json", "/rss.xml", "/agenda.ics"} <= links
    assert all((dated_site / link.lstrip("/")).exists() or link == "/"
               for link in links), "a link of the site map leads nowhere"  # fmt: skip


def test_the_bundled_site_map_links_every_page(bundled_site: Path) -> None:
    """The bundled portal: every page kind (reports, key figures by year, the guide…)."""
    site = bundled_site  # built with --strict: the settings' gaps did not fail it
    links = _sitemap_links(site)
    pages = page_urls(site)
    assert len(pages) > 150
    assert [u for u in pages if u != "/plan-du-site/" and u not in links] == []
    assert any("/rapport-" in u for u in links) and "/contribuer/" in links
    # The bundled settings leave the publisher empty (the documents do not name it): a
    # warning at its line, and the page says so.
    text = (REPO / "mkdocs.yml").read_text("utf-8")
    _, problems = load_legal(yaml_load(text)["extra"]["legal"], text)
    assert {p.severity for p in problems} == {Severity.WARNING}
    name = next(p for p in problems if p.field == "extra.legal.publisher.name")
    assert text.splitlines()[name.line - 1].strip() == "name:"
    assert "Éditeur : cette information n’est pas encore renseignée" in article_text(
        site, "/mentions-legales/"
    )
    home = _meta(soup(site, "/"))  # the home has no summary: the site's description
    description = (
        "Le portail des Campus des Métiers et des Qualifications de Bourgogne-Franche-Comté"
    )
    assert f"site_description: {description}\n" in (REPO / "mkdocs.yml").read_text("utf-8")
    assert home["og:description"] == home["description"] == description
    assert home["og:image"].endswith("/assets/images/portail.png")
    assert urlsplit(home["og:image"]).scheme == "https"


def _meta(page: BeautifulSoup) -> dict[str, str]:
    found = {}
    for tag in page.select("meta[property], meta[name]"):
        key = tag.get("property") or tag.get("name")
        found[str(key)] = str(tag.get("content"))
    return found


def test_open_graph_on_an_item_page_and_the_home(dated_site: Path) -> None:
    action = soup(dated_site, "/actions/fresque-du-climat/")
    og = _meta(action)
    canonical = action.select_one('link[rel="canonical"]')
    assert canonical is not None
    assert og["og:url"] == canonical["href"] == f"{SITE_URL}actions/fresque-du-climat/"
    assert og["og:title"] == "Fresque du climat"
    summary = action.select_one(".portal-lead")
    assert summary is not None
    assert og["og:description"] == summary.get_text().strip() == og["description"]
    assert og["og:type"] == "website" and og["og:locale"] == "fr_FR"
    assert og["og:site_name"] == "Portail de test"
    assert og["twitter:card"] == "summary"
    image = og["og:image"]
    assert image == f"{SITE_URL}assets/images/portail.png"
    png = (dated_site / urlsplit(image).path.removeprefix(urlsplit(SITE_URL).path)).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1200, 630)
    home = _meta(soup(dated_site, "/"))
    assert home["og:url"] == SITE_URL
    assert home["og:image"] == image
    assert "og:description" not in home  # the fixture has no site_description (the bundled has)
    for url in LEGAL_URLS:  # …and generated pages have their canonical address too
        page = soup(dated_site, url)
        link = page.select_one('link[rel="canonical"]')
        assert link is not None and link["href"] == SITE_URL + url.lstrip("/"), url
        assert _meta(page)["og:url"] == link["href"]


def test_a_summary_with_quotes_is_escaped_in_the_sharing_tags(tmp_path: Path) -> None:
    root = dated_tree(tmp_path)
    action = root / "content" / "actions" / "fresque-du-climat.md"
    text = action.read_text("utf-8")
    summary = next(line for line in text.splitlines() if line.startswith("summary:"))
    action.write_text(
        text.replace(summary, "summary: 'Un \"atelier\" <b>gras</b> & net'"), encoding="utf-8"
    )
    site, _ = build(root)
    html = (site / "actions" / "fresque-du-climat" / "index.html").read_text("utf-8")
    assert "<b>gras</b>" not in html.split("<body")[0]
    og = _meta(BeautifulSoup(html, "html.parser"))
    assert og["og:description"] == og["description"] == 'Un "atelier" <b>gras</b> & net'


def test_a_malformed_setting_is_a_french_error_at_its_line(tmp_path: Path) -> None:
    root = set_legal(
        copy_valid(tmp_path),
        "  legal:\n    contact:\n      email: pas-une-adresse\n"
        "    accessibility:\n      status: conforme\n",
    )
    lines = (root / "mkdocs.yml").read_text("utf-8").splitlines()
    email_line = next(i for i, line in enumerate(lines, 1) if "pas-une-adresse" in line)
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert (
        f"mkdocs.yml:{email_line}: extra.legal.contact.email: « pas-une-adresse » n'est pas "
        "une adresse e-mail valide"
    ) in result.stderr
    assert (
        f"mkdocs.yml:{email_line + 2}: extra.legal.accessibility.status: valeur « conforme » "
        "non autorisée"
    ) in result.stderr
    assert "2 erreurs dans les réglages « extra: legal » de mkdocs.yml" in result.stderr


def test_a_status_other_than_non_conforme_needs_an_audit() -> None:
    settings, problems = load_legal({"accessibility": {"status": "totalement-conforme"}})
    errors = [p for p in problems if p.severity is Severity.ERROR]
    assert [(p.field, p.message[:40]) for p in errors] == [
        ("extra.legal.accessibility", "« totalement-conforme » suppose un audit")
    ]
    assert settings.accessibility.status == "non-conforme"  # the defaults, never half-read


def test_a_missing_setting_warns_in_french_and_the_page_says_so(tmp_path: Path) -> None:
    root = set_legal(copy_valid(tmp_path), "  legal:\n    director: La direction\n")
    site, stderr = build(root)  # --strict: a gap is a warning that does not fail the build
    line = next(
        i for i, text in enumerate((root / "mkdocs.yml").read_text("utf-8").splitlines(), 1)
        if text.strip() == "legal:"
    )
    assert (
        f"Avertissement : mkdocs.yml:{line}: extra.legal.host.name: non renseigné : "
        "le nom de l'hébergeur"
    ) in stderr
    assert "extra.legal.director" not in stderr
    notice = article_text(site, "/mentions-legales/")
    assert "Hébergeur : cette information n’est pas encore renseignée" in notice
    assert "La direction" in notice
    statement = article_text(site, "/accessibilite/")
    assert "Contact du portail : cette information n’est pas encore renseignée" in statement


# --- Privacy: what the personal-data page says stays true ---------------------------------------

_LOADS = {  # elements that make the browser fetch something, and the attribute holding where
    "script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src",
    "audio": "src", "embed": "src", "object": "data", "track": "src", "input": "src",
}  # fmt: skip


def outside_loads(site: Path) -> list[tuple[str, str, object]]:
    """What the pages of ``site`` would fetch from another host than the site's own."""
    canonical = soup(site, "/").select_one('link[rel="canonical"]')
    assert canonical is not None
    site_host = urlsplit(str(canonical["href"])).netloc
    outside: list[tuple[str, str, object]] = []
    for path in sorted(site.rglob("*.html")):
        page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for name, attribute in _LOADS.items():
            for tag in page.find_all(name):
                for value in [tag.get(attribute), tag.get("srcset"), tag.get("poster")]:
                    if value and urlsplit(str(value)).netloc not in ("", site_host):
                        outside.append((path.name, name, value))
        for link in page.find_all("link"):  # stylesheets, icons, preloads; plain <a> are links
            host = urlsplit(str(link.get("href", ""))).netloc
            if host not in ("", site_host):
                outside.append((str(path.relative_to(site)), "link", link.get("href")))
        for tag in page.find_all(style=True):
            if re.search(r"url\(\s*['\"]?(https?:)?//", str(tag["style"])):
                outside.append((path.name, "style", tag["style"]))
        for script in page.find_all("script", src=False):
            assert "document.cookie" not in script.get_text(), path
    return outside


def test_the_load_check_sees_a_page_loading_from_another_site(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<link rel="canonical" href="https://cmq.example.org/">'
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css">'
        '<img src="//cdn.example.com/a.png"><a href="https://ailleurs.fr/">un lien</a>',
        encoding="utf-8",
    )
    assert [what for _, what, _ in outside_loads(tmp_path)] == ["img", "link"]


def test_the_bundled_portal_loads_nothing_from_another_site(bundled_site: Path) -> None:
    assert outside_loads(bundled_site) == []
    assert len(list(bundled_site.rglob("*.html"))) > 150


def test_no_page_loads_anything_from_another_site_nor_sets_a_cookie(dated_site: Path) -> None:
    assert outside_loads(dated_site) == []
    scripts = sorted(dated_site.rglob("*.js"))  # Material's and the portal's
    assert any(p.name == "catalogue.js" for p in scripts)
    for script in scripts:
        assert "document.cookie" not in script.read_text("utf-8", errors="replace"), script
    # The portal's own scripts fetch nothing from another site (Material's bundle names
    # unpkg.com for diagrams, which no page has).
    for script in sorted((REPO / "theme" / "assets" / "javascripts").glob("*.js")):
        addresses = re.findall(r"""["'`]((?:https?:)?//[^"'`]+)""", script.read_text("utf-8"))
        assert [a for a in addresses if "www.w3.org" not in a] == [], script
    privacy = article_text(dated_site, "/donnees-personnelles/")
    assert "ne dépose aucun cookie" in privacy
    assert "localStorage" in privacy


def test_an_editorial_statement_text_goes_inside_the_generated_statement(tmp_path: Path) -> None:
    """accessibilite.md's text is put in the statement, which takes its place: its links,
    relative to the file, still lead where they did (a --strict build checks them)."""
    root = copy_valid(tmp_path)
    (root / "pages" / "accessibilite.md").write_text(
        "---\ntitle: Accessibilité\n---\n\n"
        "Un texte de l'éditeur, voir [les campus](campus/index.md).\n",
        encoding="utf-8",
    )
    site, _ = build(root)
    article = soup(site, "/accessibilite/").select_one("article")
    assert article is not None
    assert "Un texte de l’éditeur" in article.get_text()
    assert [h.get_text() for h in article.select("h1")] == ["Déclaration d’accessibilité"]
    link = article.find("a", string="les campus")
    assert link is not None and urljoin("/accessibilite/", str(link["href"])) == "/campus/"


def test_portal_check_reads_the_settings_as_the_build_does(tmp_path: Path) -> None:
    """What an editor's merge request runs: the same errors, at the same lines, and the gaps."""
    root = set_legal(
        copy_valid(tmp_path),
        "  legal:\n    director: !ENV [PORTAL_NO_SUCH_VARIABLE, \"Le recteur\"]\n    contact:\n"
        "      email: pas-une-adresse\n",
    )
    lines = (root / "mkdocs.yml").read_text("utf-8").splitlines()
    email_line = next(i for i, line in enumerate(lines, 1) if "pas-une-adresse" in line)

    def check() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "generator", "check", "--root", str(root)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip

    result = check()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        f"mkdocs.yml:{email_line}: extra.legal.contact.email: « pas-une-adresse » n'est pas "
        "une adresse e-mail valide"
    ) in result.stderr
    replace_in(root / "mkdocs.yml", "email: pas-une-adresse", "email: contact@example.org")
    result = check()
    assert result.returncode == 0, result.stderr
    assert "extra.legal.host.name: non renseigné" in result.stderr  # a gap: a warning only
    assert "extra.legal.director" not in result.stderr  # !ENV's default, as MkDocs reads it
