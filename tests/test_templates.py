"""Portable templates and routes in one place.

Material for MkDocs reaches its end of life in 2027; its successor, Zensical, renders templates
with MiniJinja, where a Python method called from a template (``.get()``, ``.items()``,
``.strip()``, a model's ``vocab.audiences.label(key)``) stops the build. Every page of the
fixture site is rendered here twice, by the real :class:`PageRenderer` (Jinja2) and by MiniJinja
(PyPI ``minijinja``) with the same templates, filters, globals and context, and both must give
the same HTML.

MiniJinja is set up at least as strictly as Zensical would be: an undefined value is an error
(``undefined_behavior="strict"``), MiniJinja's own values have no Python methods
(``pycompat=False``: no ``.items()`` on a mapping, no ``.strip()`` on a string), and the
French-typography ``finalize`` of the build is MiniJinja's ``finalizer``, which it calls on every
printed value as Jinja2 does (markup already rendered comes to it as ``Markup`` and is left
alone). minijinja-py still lets a template call the methods of the Python objects it is given
(a model's, a dict's ``.get``), which Zensical's data would not have: so a second test reads
every template's syntax tree and fails on any call of an attribute (``x.y(…)``, ``x[k].y(…)``);
templates call only names, the globals and macros.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import jinja2
import minijinja
import pytest
from jinja2 import nodes
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.filters import FILTERS
from mkdocs.utils.yaml import yaml_load

from generator.contenttypes import CAMPUS, EVENT, GLOSSARY, content_types
from generator.glossary_use import DeferredUses
from generator.legal import load_legal
from generator.pipeline import load_site
from generator.render.legal import legal_pages
from generator.render.pages import Page, PageRenderer, with_body
from generator.render.typography import finalize
from generator.routes import (
    ROUTES,
    calendar_url,
    figures_url,
    item_url,
    open_data_url,
    report_url,
)

from .support import BUILD_DATE, REPO, SITE_URL, VALID

FRAGMENTS = REPO / "theme" / "fragments"
DESIGN = REPO.parent / "shared" / "DESIGN.md"  # the design, beside the checkout (not in a fork)
# The build date, when the fixture has events to come and events past, and a day after every
# event (the home page shows the last ones, the agenda has nothing to come).
DAYS = (date.fromisoformat(BUILD_DATE), date(2031, 1, 1))


def _pages(today: date) -> tuple[PageRenderer, list[Page]]:
    """Every generated page of the fixture site, as the plugin makes them, with every option
    on (search, the web form, the editors' guide, an editorial page, an editor's accessibility
    statement)."""
    site = load_site(VALID)
    editorial = [("/a-propos/", "À propos", "# À propos\n\nLe portail des CMQ.\n")]
    uses = DeferredUses(site, site.acronyms, editorial)
    renderer = PageRenderer(site, FRAGMENTS, today, SITE_URL, glossary_uses=uses)
    pages = [*renderer.pages(), renderer.search()]
    config_text = (VALID / "mkdocs.yml").read_text(encoding="utf-8")
    settings, _ = load_legal(yaml_load(config_text)["extra"]["legal"], config_text)
    pages += legal_pages(
        renderer,
        settings,
        pages,
        site_name="Portail de test",
        site_url=SITE_URL,
        editorial=[(url, title) for url, title, _ in editorial],
        guide=[("/contribuer/", "Contribuer")],
        statement_body="Le texte de l'éditeur.",
        cms=True,
        search=True,
    )
    return renderer, pages


def _minijinja(renderer: PageRenderer) -> minijinja.Environment:
    """A MiniJinja environment over the same fragments, with the renderer's own filters and
    globals (Jinja2's built-in ones left out: a template may use only what MiniJinja has too)."""
    env = renderer.env
    return minijinja.Environment(
        loader=minijinja.load_from_path(FRAGMENTS),
        filters={k: f for k, f in env.filters.items() if k not in FILTERS},
        globals={k: g for k, g in env.globals.items() if k not in DEFAULT_NAMESPACE},
        undefined_behavior="strict",
        pycompat=False,
        auto_escape_callback=lambda name: True,  # as select_autoescape(default=True)
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalizer=finalize,
    )


# MiniJinja escapes « / » (&#x2f;), « ' » (&#x27;) and « " » (&quot;) where markupsafe writes
# « / », &#39; and &#34;: the same characters for a browser, so both are written one way.
_ESCAPES = {"&#x2f;": "/", "&#x27;": "&#39;", "&quot;": "&#34;"}


def _normalised(html: str) -> str:
    return re.sub("|".join(map(re.escape, _ESCAPES)), lambda m: _ESCAPES[m[0]], html)


@pytest.fixture(scope="module", params=DAYS, ids=str)
def rendered(request: pytest.FixtureRequest) -> tuple[PageRenderer, list[Page]]:
    return _pages(request.param)


def test_every_page_renders_the_same_under_jinja2_and_minijinja(
    rendered: tuple[PageRenderer, list[Page]],
) -> None:
    renderer, pages = rendered
    mini = _minijinja(renderer)
    body = "<p>Le corps de la page.</p>"
    for page in pages:
        jinja = renderer.html(page, body)
        try:
            output = mini.render_template(page.template, **renderer.context(page))
        except minijinja.TemplateError as exc:
            pytest.fail(f"{page.url} ({page.template}): {exc}")
        assert _normalised(with_body(output, body)) == _normalised(jinja), page.url
        assert body in jinja and "<h1" in jinja, page.url


def test_minijinja_is_set_up_strictly(rendered: tuple[PageRenderer, list[Page]]) -> None:
    """As Zensical would: an undefined name, a missing attribute, or a Python-like method of
    MiniJinja's own values is an error, not an empty text."""
    mini = _minijinja(rendered[0])
    for source in ("{{ nope }}", "{{ routes.nope }}", "{{ ' x '.strip() }}", "{{ {}.items() }}"):
        with pytest.raises(minijinja.TemplateError):
            mini.render_str(source)
    assert _normalised(mini.render_str("{{ routes.catalogue }}")) == "/actions/"
    # A Python object's own methods stay callable (minijinja-py), a dict's too: the syntax
    # trees are read for them (test_templates_call_no_python_method).
    assert mini.render_str("{{ routes.items() | length > 1 }}") == "True"


def test_the_pages_rendered_cover_every_page_kind(
    rendered: tuple[PageRenderer, list[Page]],
) -> None:
    """Every page template of theme/fragments (those not named « _… », shared pieces) is among
    the pages compared, and so is every kind of page the site has."""
    _, pages = rendered
    templates = {p.template for p in pages}
    files = {p.name for p in FRAGMENTS.glob("*.html") if not p.name.startswith("_")}
    assert templates == files
    urls = {p.url for p in pages}
    # The form is Decap's own page; the guide is an editorial Markdown page.
    fixed = set(ROUTES.as_dict().values()) - {ROUTES.admin, ROUTES.guide}
    assert fixed - {ROUTES.rss, ROUTES.all_events} <= urls
    assert any(re.fullmatch(r"/campus/[^/]+/rapport-\d{4}/", u) for u in urls)
    assert any(re.fullmatch(r"/chiffres-cles/\d{4}/", u) for u in urls)


def _calls(source: str) -> Iterator[tuple[int, str]]:
    """Calls of an attribute or an item in a template: (line, the expression called)."""
    tree = _JINJA.parse(source)
    for call in tree.find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name):
            yield call.lineno, _expression(call.node)


def _expression(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_expression(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        return f"{_expression(node.node)}[…]"
    return type(node).__name__


_JINJA = jinja2.Environment()  # its parser: the syntax tree does not depend on the options


def test_the_method_check_finds_method_calls() -> None:
    source = "{{ vocab.formats.label(key) }}{% for k, v in d.items() %}{{ vocab[n].label(k) }}"
    found = list(_calls(source + "{{ link(CAMPUS, slug) }}{{ x | label('formats') }}{% endfor %}"))
    assert found == [(1, "vocab.formats.label"), (1, "d.items"), (1, "vocab[…].label")]


@pytest.mark.parametrize("template", sorted(p.name for p in FRAGMENTS.glob("*.html")))
def test_templates_call_no_python_method(template: str) -> None:
    """Only names are called (globals, macros, ``link``/``to``): what a template needs of a
    model is a filter, a global or a value of its context (generator/render/pages.py)."""
    source = (FRAGMENTS / template).read_text(encoding="utf-8")
    assert list(_calls(source)) == []


@pytest.mark.parametrize("template", sorted(p.name for p in FRAGMENTS.glob("*.html")))
def test_templates_write_no_site_url(template: str) -> None:
    """Links go through ``to()`` with a route (``to(routes.catalogue)``) or a builder, never a
    path written in the template (generator/routes.py holds them all)."""
    source = (FRAGMENTS / template).read_text(encoding="utf-8")
    assert re.findall(r"""to\(\s*['"]""", source) == []
    assert re.findall(r"""["'>]/[a-z][a-z-]*[/.]""", source) == []


def _contract() -> list[str]:
    """The paths of the design's « URL contract » table."""
    if not DESIGN.is_file():
        pytest.skip(f"{DESIGN} is not beside the checkout")
    text = DESIGN.read_text(encoding="utf-8")
    section = text.split("## URL contract", 1)[1].split("\n## ", 1)[0]
    return [path for row in section.splitlines() if row.startswith("| `")
            for path in re.findall(r"`([^`]+)`", row.split("|")[1])]  # fmt: skip


def test_routes_are_the_url_contract() -> None:
    """Each fixed route and each builder's pattern is a path of the contract, and each path of
    the contract is one of them. Three fixed pages are not in it: the search page (off when
    search is), the teacher's selection, which the catalogue links, and the editors' guide."""
    contract = set(_contract())
    slug, year = "<slug>", "<year>"
    ours = set(ROUTES.as_dict().values()) - {ROUTES.search, ROUTES.selection, ROUTES.guide}
    ours |= {item_url(t, slug) for t in content_types() if t.template}
    ours |= {calendar_url(t, slug) for t in content_types() if t.calendar}
    ours |= {u for t in content_types() if (u := open_data_url(t))}
    ours.add(figures_url(year))  # type: ignore[arg-type]  # a pattern, not a year
    assert ours == contract
    # The builders agree with the patterns of the types' rows and with the fixed pages.
    assert item_url(CAMPUS, "x").startswith(ROUTES.campuses)
    assert item_url(EVENT, "x").startswith(ROUTES.agenda)
    assert item_url(GLOSSARY, "x") == f"{ROUTES.glossary}#x"
    assert report_url("x", 2024) == "/campus/x/rapport-2024/"
