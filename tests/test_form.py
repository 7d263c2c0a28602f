"""The web form (/admin/) as editors use it: Decap CMS in Debian's Chromium, on decap-server.

The browser tests serve what the build publishes under /admin/ (generator/cms.py: the page, its
configuration, Decap's pinned bundle and portal-cms.js) from 127.0.0.1, and run decap-server (the
local git backend, ``MODE=git``: the editorial workflow's drafts are branches ``cms/<collection>/
<slug>``) on a temporary git repository made from a copy of a tree, never on this checkout. Every
request to another host fails the test, and so does every console error but one kind: decap-server
answers 404 when the form asks for the draft of an entry that has none, and Chromium logs that.
Outcomes are read from the repository: files parsed as YAML, ``portal check``'s exit code.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Dialog,
    Locator,
    Page,
    Request,
    Route,
    expect,
)

from generator.cms import Backend, admin_assets, cms_config, collections_of, find_decap, render_cms
from generator.contenttypes import content_types
from generator.frontmatter import parse
from generator.text import slugify

from .support import REPO, TESTS, VALID, copy_valid, mkdocs_build, serve, with_options

DECAP_SERVER = REPO / "node_modules" / "decap-server" / "dist" / "index.js"
FORMATTER = TESTS / "form" / "decap-format.mjs"
# Where the tests leave their screenshots of the form, to look at what editors see.
CONFIG = cms_config(VALID)  # the fields' order is the models', whatever the tree
SCREENSHOTS = Path(
    os.environ.get("FORM_SCREENSHOTS", Path(tempfile.gettempdir()) / "portail-formulaire")
)


# ---------------------------------------------------------------------------------------------
# Decap's own serialisation, run by Node


def decap_format(root: Path, paths: list[Path]) -> dict[Path, str]:
    """Each file of ``paths`` (under ``root``) as the form writes it when its data is unchanged:
    Decap's front-matter formatter and the portal's preSave listener (tests/form/decap-format.mjs)
    with the collection's field order."""
    texts = {
        str(p): (p.read_text(encoding="utf-8"), p.parent.relative_to(root).as_posix())
        for p in paths
    }
    return {Path(p): text for p, text in decap_texts(texts).items()}


def decap_texts(texts: dict[str, tuple[str, str]]) -> dict[str, str]:
    """:func:`decap_format` of texts, each named and given with its folder (content/actions)."""
    orders = {c["folder"]: [f["name"] for f in c["fields"]] for _, c in collections_of(CONFIG)}
    files = {name: {"text": t, "order": orders[folder]} for name, (t, folder) in texts.items()}
    result = subprocess.run(
        ["node", str(FORMATTER)],
        input=json.dumps({"files": files}),
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    answer: dict[str, str] = json.loads(result.stdout)
    return answer


def content_files(root: Path) -> list[Path]:
    return sorted(p for t in content_types() for p in (root / t.folder).glob("*.md"))


def front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The parsed front matter and the body, as the portal reads them."""
    document = parse(text, "fichier")
    assert not isinstance(document, list), document
    return document.data, document.body


@pytest.mark.parametrize("root", [REPO, VALID], ids=["bundled", "fixture"])
def test_every_file_saved_by_the_form_keeps_its_data(root: Path) -> None:
    """All files through Decap's serialisation (not the browser: see the round trips below, which
    check on a subset that the browser writes exactly what this path writes)."""
    paths = content_files(root)
    assert len(paths) > (300 if root == REPO else 10)
    for path, text in decap_format(root, paths).items():
        assert front_matter(text) == front_matter(path.read_text(encoding="utf-8")), path


# ---------------------------------------------------------------------------------------------
# The form in the browser


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True
    ).stdout


def make_repository(source: Path, path: Path) -> Path:
    """A git repository holding a copy of the content of the tree at ``source``."""
    path.mkdir(parents=True)
    for name in ("campuses", "content"):
        shutil.copytree(source / name, path / name)
    git(path, "init", "-q", "-b", "main")
    # decap-server commits as the repository's user: a machine may have none configured.
    git(path, "config", "user.name", "Rédaction")
    git(path, "config", "user.email", "redaction@example.org")
    git(path, "add", ".")
    git(path, "commit", "-qm", "Départ")
    return path


def portal_check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "check", "--root", str(root)],
        capture_output=True,
        text=True,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Form:
    url: str  # the admin page
    api: str  # decap-server
    repo: Path

    def original(self, path: str) -> str:
        """The file as main holds it. (Never read from the work tree while decap-server runs:
        it checks the drafts' branches out there while it works on them.)"""
        return git(self.repo, "show", f"main:{path}")

    def paths(self, folder: str) -> list[str]:
        return sorted(git(self.repo, "ls-tree", "--name-only", "main", f"{folder}/").split())

    def check(self, branch: str) -> subprocess.CompletedProcess[str]:
        """``portal check`` of the tree ``branch`` holds, exported beside the repository (a
        checkout would race decap-server, which may still be at work after a save)."""
        tree = self.repo.parent / "check" / branch.replace("/", "-")
        tree.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", branch], cwd=self.repo, capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
        return portal_check(tree)

    def draft(self, collection: str, slug: str, path: str) -> str:
        """The file as the draft of an entry holds it."""
        return git(self.repo, "show", f"cms/{collection}/{slug}:{path}")

    def revision(self, branch: str) -> str:
        """The commit of ``branch``, "" when there is no such branch."""
        found = subprocess.run(
            ["git", "rev-parse", "--verify", "-q", branch],
            cwd=self.repo, capture_output=True, text=True,
        )  # fmt: skip
        return found.stdout.strip()


@contextmanager
def running_form(source: Path, work: Path) -> Iterator[Form]:
    """decap-server on a repository copied from ``source``, and the admin page, both local."""
    repo = make_repository(source, work / "repo")
    port = free_port()
    api = f"http://127.0.0.1:{port}/api/v1"
    www = work / "www"
    for name, text in render_cms(repo, backend=Backend(local_backend=api)).items():
        (www / name).parent.mkdir(parents=True, exist_ok=True)
        (www / name).write_text(text, encoding="utf-8")
    dist = find_decap(REPO)
    assert dist is not None, "Decap CMS manquant : ./scripts/test l'installe (npm ci)"
    for name, file in admin_assets(dist).items():
        shutil.copyfile(file, www / name)
    env = dict(
        os.environ, GIT_REPO_DIRECTORY=str(repo), PORT=str(port), MODE="git",
        BIND_HOST="127.0.0.1", LOG_LEVEL="error",
    )  # fmt: skip
    log = (work / "decap-server.log").open("w")
    server = subprocess.Popen(["node", str(DECAP_SERVER)], env=env, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "decap-server"
                time.sleep(0.1)
        with serve(www) as base:
            yield Form(f"{base}/admin/", api, repo)
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def bundled_form(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Form]:
    with running_form(REPO, tmp_path_factory.mktemp("form")) as form:
        yield form


@dataclass
class Editor:
    """One editor's browser on the form, keeping what must stay empty: requests to other hosts,
    console errors, failed answers of decap-server."""

    page: Page
    form: Form
    elsewhere: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def route(self, route: Route, request: Request) -> None:
        if request.url.startswith("http://127.0.0.1:") or request.url.startswith("data:"):
            route.continue_()
        else:
            self.elsewhere.append(request.url)
            route.abort()

    def console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        # Chromium's line for decap-server's 404, checked below with the answer itself.
        if message.text.startswith("Failed to load resource") and message.location.get(
            "url", ""
        ).startswith(self.form.api):
            return
        self.errors.append(message.text)

    def answer(self, response: Any) -> None:
        if response.status < 400:
            return
        request = json.loads(response.request.post_data or "{}")
        if (response.url, response.status, request.get("action")) == (
            self.form.api, 404, "unpublishedEntry"
        ):  # no draft of this entry yet: expected
            return
        self.failures.append(f"{response.status} {response.url} {request.get('action')}")

    def dialog(self, dialog: Dialog) -> None:
        """Yes to « Voulez-vous vraiment publier cette entrée ? »; no to anything else, noted."""
        if "publier" in dialog.message:
            dialog.accept()
        else:
            self.errors.append(f"dialog: {dialog.message}")
            dialog.dismiss()

    def login(self) -> None:
        self.page.goto(self.form.url)
        self.page.get_by_role("button", name="Se connecter").click()
        expect(self.page.get_by_role("link", name="Contenus")).to_be_visible()

    def field(self, name: str) -> Locator:
        """The input of a field (Decap gives it the id ``<name>-field-<n>``)."""
        return self.page.locator(f"[id^='{name}-field-']").first

    def open(self, collection: str, slug: str) -> None:
        """Open the entry, and wait until its title is shown. The page is loaded anew: Decap's
        editor does not follow a change of the address' fragment from one entry to another."""
        self.page.goto("about:blank")
        self.page.goto(f"{self.form.url}#/collections/{collection}/entries/{slug}")
        folder = next(t for t in content_types() if t.name == collection).folder
        title = data_of(self.form.original(f"{folder}/{slug}.md"))["title"]
        expect(self.field("title")).to_have_value(title, timeout=30_000)
        self.page.wait_for_load_state("networkidle")  # the draft asked for, the relations' lists

    def new(self, collection: str) -> None:
        self.page.goto("about:blank")
        self.page.goto(f"{self.form.url}#/collections/{collection}/new")
        expect(self.field("title")).to_be_visible(timeout=15_000)

    def pick(self, name: str, text: str) -> None:
        """Choose the first option of a select or relation widget that matches ``text``."""
        self.field(name).click()
        self.page.keyboard.type(text)
        option = self.page.locator("[class*='-option']").filter(has_text=text).first
        option.click()

    def save(self, collection: str, slug: str) -> None:
        """Save, and check that the draft's branch has a new commit. (Not by polling git while
        decap-server works: that made it hang, its work tree left on the draft's branch.)"""
        expect(self.page.get_by_text("Modifications non enregistrées")).to_be_visible()
        branch = f"cms/{collection}/{slug}"
        before = self.form.revision(branch)
        self.page.get_by_role("button", name="Enregistrer", exact=True).click()
        saved = self.page.get_by_text("Entrée enregistrée", exact=True)
        expect(saved).to_be_visible(timeout=60_000)
        expect(self.page.get_by_text("Modifications non enregistrées")).to_be_hidden()
        assert self.form.revision(branch) not in (before, "")

    def publish(self) -> None:
        """Draft → ready → published: the draft's branch is merged into main."""
        before = self.form.revision("main")
        self.page.get_by_role("button", name="Statut: Brouillon").click()
        self.page.get_by_role("menuitem", name="Prêt").click()
        expect(self.page.get_by_role("button", name="Statut: Prêt")).to_be_visible()
        self.page.get_by_role("button", name="Publier", exact=True).click()
        self.page.get_by_role("menuitem", name="Publier maintenant").click()
        expect(self.page.get_by_text("Entrée publiée", exact=True)).to_be_visible(timeout=60_000)
        assert self.form.revision("main") != before

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=SCREENSHOTS / f"formulaire-{name}.png")


@pytest.fixture
def editor(browser: Browser, bundled_form: Form) -> Iterator[Editor]:
    yield from open_editor(browser, bundled_form)


def open_editor(browser: Browser, form: Form) -> Iterator[Editor]:
    context = browser.new_context(
        locale="fr-FR", timezone_id="Europe/Paris", viewport={"width": 1280, "height": 1000}
    )
    page = context.new_page()
    editor = Editor(page, form)
    page.route("**/*", editor.route)
    page.on("console", editor.console)
    page.on("pageerror", lambda exc: editor.errors.append(f"page error: {exc}"))
    page.on("response", editor.answer)
    page.on("dialog", editor.dialog)
    editor.login()
    yield editor
    context.close()
    assert editor.elsewhere == []
    assert editor.errors == []
    assert editor.failures == []


def data_of(text: str) -> dict[str, Any]:
    return front_matter(text)[0]


@pytest.mark.slow
def test_form_lists_every_entry_of_every_collection(editor: Editor) -> None:
    page = editor.page
    expect(page.get_by_role("link", name="Flux")).to_be_visible()  # French, editorial workflow
    editor.screenshot("accueil")
    for content_type in content_types():
        expected = {Path(p).stem for p in editor.form.paths(content_type.folder)}
        page.goto(f"{editor.form.url}#/collections/{content_type.name}")
        links = page.locator(f"a[href^='#/collections/{content_type.name}/entries/']")
        expect(links).to_have_count(len(expected), timeout=20_000)
        hrefs = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert {h.rsplit("/", 1)[1] for h in hrefs} == expected


# Bundled files that, together, have every kind of field: figures, a map of participants, links,
# nulls, several campuses, an explicit default, dates with and without a time, keyed expansions.
ROUND_TRIPS = [
    "campuses/green-city.md",
    "campuses/foret-bois.md",
    "content/actions/fresque-du-climat.md",
    "content/actions/pulse-ideathon.md",
    "content/actions/fresque-de-la-ville.md",
    "content/actions/p-tech.md",
    "content/events/afterwork-construction-bois-mouchard-2025.md",
    "content/events/ideathon-2021.md",
    "content/events/printemps-du-bois-2023.md",
    "content/glossary/do.md",
    "content/glossary/parcours-avenir.md",
]


def collection_of(path: str) -> str:
    return next(t.name for t in content_types() if path.startswith(t.folder + "/"))


SUFFIX = " (modifié)"


def retitle_and_save(editor: Editor, path: str) -> str:
    """Open the entry of ``path``, add a few words to its title (the form saves only a changed
    entry), save; the draft's file."""
    collection, slug = collection_of(path), Path(path).stem
    editor.open(collection, slug)
    title = editor.field("title")
    longer = data_of(editor.form.original(path))["title"] + SUFFIX
    title.fill(longer)
    expect(title).to_have_value(longer)
    editor.page.wait_for_timeout(500)  # what Decap does with the value once it has it
    expect(title).to_have_value(longer)
    editor.save(collection, slug)
    return editor.form.draft(collection, slug, path)


def retitled(form: Form, path: str) -> tuple[dict[str, Any], str]:
    """The data of ``path`` with the longer title, and the file Decap's formatter makes of it."""
    data, body = front_matter(form.original(path))
    data = {**data, "title": data["title"] + SUFFIX}
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    [text] = decap_texts({path: (f"---\n{dumped}---\n{body}", str(Path(path).parent))}).values()
    return data, text


def without_title(text: str) -> list[str]:
    """The file's lines but those of its title (the first key, maybe folded on several)."""
    lines = text.splitlines()
    assert lines[1].startswith("title:")
    rest = 2
    while lines[rest].startswith(" "):
        rest += 1
    return lines[:1] + lines[rest:]


@pytest.mark.slow
@pytest.mark.parametrize("path", ROUND_TRIPS)
def test_changing_the_title_of_a_bundled_file_changes_only_the_title(
    editor: Editor, path: str
) -> None:
    original = editor.form.original(path)
    written = retitle_and_save(editor, path)
    data, expected = retitled(editor.form, path)
    assert written == expected  # Decap's formatter, as test_every_file… runs it
    assert front_matter(written) == (data, front_matter(original)[1])
    # Line for line, the file as the form writes it, but the title: the bundled files are in
    # that style (written once by the formatter), so a save is a diff of the title alone.
    [as_written] = decap_texts({path: (original, str(Path(path).parent))}).values()
    assert without_title(written) == without_title(as_written)
    assert as_written == original


@pytest.mark.slow
def test_the_browser_writes_what_decaps_formatter_writes(browser: Browser, tmp_path: Path) -> None:
    """On the fixture's hand-written files (flow lists, quotes, long lines), what the browser
    saves is what the formatter makes of the changed data, byte for byte:
    test_every_file_saved_by_the_form_keeps_its_data runs every file through that path."""
    with running_form(VALID, tmp_path) as form:
        for editor in open_editor(browser, form):
            types = [t for t in content_types() if t.name != "glossary"]  # the fixture's are plain
            paths = [p for t in types for p in form.paths(t.folder)]
            for path in paths:
                written = retitle_and_save(editor, path)
                data, expected = retitled(form, path)
                assert written == expected, path
                assert front_matter(written)[0] == data, path


@pytest.mark.slow
def test_a_new_action_is_published_with_the_projects_slug(editor: Editor) -> None:
    editor.new("action")
    editor.field("title").fill("Visite d'atelier")
    editor.pick("campus", "Green City")
    editor.field("summary").fill("Une visite des ateliers d’un lycée professionnel.")
    editor.pick("format", "Atelier")
    editor.pick("audiences", "Lycéens")
    editor.screenshot("nouvelle-action")
    editor.save("action", "visite-d-atelier")
    editor.publish()
    editor.screenshot("publiee")
    repo = editor.form.repo
    path = "content/actions/visite-d-atelier.md"  # generator.text.slugify's
    data = data_of(editor.form.original(path))
    assert data["title"] == "Visite d’atelier"
    assert data["campus"] == ["green-city"]
    assert data["format"] == "atelier" and data["audiences"] == ["lyceens"]
    history = git(repo, "log", "--format=%s")
    assert "Création\u00a0: Action «\u00a0visite-d-atelier\u00a0»" in history
    check = editor.form.check("main")
    assert check.returncode == 0, check.stdout + check.stderr


def fill_when(editor: Editor, name: str, day: str, time: str | None = None) -> None:
    """Enter a date (and a time: « Toute la journée » unchecked) in a portal-when widget."""
    editor.field(name).fill(day)
    box = editor.page.locator(f"[id^='{name}-field-'] ~ label input[type=checkbox]")
    if time is not None:
        box.uncheck()
        editor.page.locator(f"[id^='{name}-field-'] ~ input[type=time]").fill(time)
    else:
        expect(box).to_be_checked()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("title", "start", "end", "written"),
    [
        (
            "Journées portes ouvertes",
            ("2026-05-24", None),
            ("2026-05-26", None),
            (date(2026, 5, 24), date(2026, 5, 26)),
        ),
        (
            "Soirée des métiers",
            ("2026-06-05", "17:30"),
            ("2026-06-05", "20:30"),
            ("2026-06-05T17:30", "2026-06-05T20:30"),
        ),
    ],
    ids=["all-day", "timed"],
)
def test_events_all_day_or_timed(
    editor: Editor,
    title: str,
    start: tuple[str, str | None],
    end: tuple[str, str | None],
    written: tuple[object, object],
) -> None:
    editor.new("event")
    editor.field("title").fill(title)
    fill_when(editor, "start", *start)
    fill_when(editor, "end", *end)
    editor.pick("campus", "Forêt-Bois")
    editor.screenshot(f"evenement-{'heure' if start[1] else 'journee'}")
    slug = slugify(title)
    editor.save("event", slug)
    path = f"content/events/{slug}.md"
    data = data_of(editor.form.draft("event", slug, path))
    assert (data["start"], data["end"]) == written
    check = editor.form.check(f"cms/event/{slug}")
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.slow
def test_the_form_refuses_an_end_of_another_kind_than_the_start(editor: Editor) -> None:
    editor.new("event")
    editor.field("title").fill("Forum mixte")
    fill_when(editor, "start", "2026-03-20")
    fill_when(editor, "end", "2026-03-20", "18:00")
    editor.pick("campus", "Forêt-Bois")
    editor.page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(editor.page.get_by_text("tous deux « toute la journée »")).to_be_visible()
    assert "cms/event/forum-mixte" not in git(editor.form.repo, "branch")


@pytest.mark.slow
def test_a_second_campus_is_added_to_the_first(editor: Editor) -> None:
    path = "content/actions/fresque-de-la-construction.md"
    original = data_of(editor.form.original(path))
    assert original["campus"] == "green-city"  # one slug, not a list
    editor.open("action", "fresque-de-la-construction")
    campus = editor.page.locator("[id^='campus-field-']").locator("xpath=ancestor::div[3]")
    expect(campus).to_contain_text("Green City")  # shown, not empty
    # The model's defaults are shown for fields the file leaves out: free (oui), status.
    assert "free" not in original
    toggle = editor.page.locator("[id^='free-field-']")
    expect(toggle).to_have_attribute("aria-checked", "true")
    editor.pick("campus", "Forêt-Bois")
    editor.screenshot("deux-campus")
    editor.save("action", "fresque-de-la-construction")
    data = data_of(editor.form.draft("action", "fresque-de-la-construction", path))
    assert data["campus"] == ["green-city", "foret-bois"]
    assert {k: v for k, v in data.items() if k != "campus"} == {
        k: v for k, v in original.items() if k != "campus"
    }


@pytest.mark.slow
def test_one_value_of_a_list_is_shown_and_kept(browser: Browser, tmp_path: Path) -> None:
    """A hand-written file may give a list field one value (« audiences: enseignants »,
    « partners: EDF »): the form shows it, and a save keeps it one value."""
    tree = copy_valid(tmp_path)
    path = "content/actions/ancien-atelier.md"
    text = (tree / path).read_text(encoding="utf-8")
    text = text.replace("audiences: [enseignants]", "audiences: enseignants\npartners: EDF")
    (tree / path).write_text(text, encoding="utf-8")
    with running_form(tree, tmp_path / "form") as form:
        for editor in open_editor(browser, form):
            editor.open("action", "ancien-atelier")
            audiences = editor.page.locator("[id^='audiences-field-']")
            expect(audiences.locator("xpath=ancestor::div[3]")).to_contain_text("Enseignants")
            editor.screenshot("une-valeur")
            expect(editor.field("partners")).to_contain_text("1 partenaires")  # not 0
            data = data_of(retitle_and_save(editor, path))
            assert (data["audiences"], data["partners"]) == ("enseignants", "EDF")


@pytest.mark.slow
def test_clearing_an_optional_field_leaves_it_out(editor: Editor) -> None:
    path = "content/actions/cite-apprentie.md"
    original = data_of(editor.form.original(path))
    assert original["lead"]
    editor.open("action", "cite-apprentie")
    editor.field("lead").fill("")
    editor.save("action", "cite-apprentie")
    text = editor.form.draft("action", "cite-apprentie", path)
    data = data_of(text)
    assert data == {k: v for k, v in original.items() if k != "lead"}
    check = editor.form.check("cms/action/cite-apprentie")
    assert check.returncode == 0, check.stdout + check.stderr


# ---------------------------------------------------------------------------------------------
# What the build publishes


def test_the_build_publishes_the_form_and_everything_it_loads(tree: Path, tmp_path: Path) -> None:
    with_options(tree, cms="true", cms_backend="gitlab", cms_repo="cmq-bfc/portail",
                 cms_app_id="abc123", cms_auth_url="https://forge.apps.education.fr")  # fmt: skip
    out = tmp_path / "site"
    result = mkdocs_build(tree, out)
    assert result.returncode == 0, result.stderr
    dist = find_decap(REPO)
    assert dist is not None
    decap = (out / "admin" / "decap-cms.js").read_bytes()
    assert decap == (dist / "decap-cms.js").read_bytes()
    assert (out / "admin" / "portal-cms.js").is_file()
    chunks = list((out / "admin").glob("*.decap-cms.js"))
    assert len(chunks) == len(list(dist.glob("*.decap-cms.js"))) > 10
    page = BeautifulSoup((out / "admin/index.html").read_text(encoding="utf-8"), "html.parser")
    assert [s["src"] for s in page.find_all("script")] == ["decap-cms.js", "portal-cms.js"]
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "connect-src 'self' https://forge.apps.education.fr;" in policy
    config = yaml.safe_load((out / "admin/config.yml").read_text(encoding="utf-8"))
    del config["backend"]["commit_messages"]
    assert config["backend"] == {
        "name": "gitlab",
        "repo": "cmq-bfc/portail",
        "branch": "main",
        "base_url": "https://forge.apps.education.fr",
        "api_root": "https://forge.apps.education.fr/api/v4",
        "auth_type": "pkce",
        "app_id": "abc123",
    }
    assert "local_backend" not in config

