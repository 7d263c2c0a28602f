"""The core's dependencies (generator/dependencies.py): what each output is said to read,
checked against what rendering it again shows."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.builddate import build_date
from generator.dependencies import (
    TERM,
    Snapshot,
    dependencies,
    fingerprints,
    is_followed,
    reusable,
)
from generator.pipeline import load_site
from generator.plan import Settings, plan

from .support import BUILD_DATE, REPO, copy_valid


def rendered(root: Path) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """Every output of the tree's plan as the core renders it, by URL (a page's title, summary,
    body and template; a file's text), and the dependencies."""
    site = load_site(root)
    settings = Settings(
        root=root,
        fragments=REPO / "theme/fragments",
        today=build_date(BUILD_DATE, {}),
        site_url="https://portail.example/",
    )
    built = plan(site, settings)
    found = {}
    for output in built.outputs:
        if output.page is not None:
            page = output.page
            shown = (page.title, page.summary, page.body, built.renderer.template(page))
            found[output.url] = repr(shown)
        elif output.text is not None:
            found[output.url] = output.text()
    return found, built.dependencies


def edited(value: Any) -> Any:
    """A vocabulary value with its label and description changed."""
    if isinstance(value, dict):
        return {k: f"{v} modifié" if k in ("label", "description") else v for k, v in value.items()}
    return f"{value} modifié"


def bundled(path: Path) -> Path:
    root = path / "bundled"
    for folder in ("campuses", "content"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def most_read(reads: dict[str, frozenset[str]], per_vocabulary: int) -> list[str]:
    """The terms that the most outputs read, ``per_vocabulary`` of each vocabulary."""
    counts = Counter(s for found in reads.values() for s in found if TERM in s)
    kept: Counter[str] = Counter()
    chosen = []
    for term, _ in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])):
        vocabulary = term.partition(TERM)[0]
        if kept[vocabulary] < per_vocabulary:
            kept[vocabulary] += 1
            chosen.append(term)
    return chosen


@pytest.mark.parametrize("content", ["fixture", "bundled"])
def test_an_edited_term_changes_only_the_outputs_that_read_it(tmp_path: Path, content: str) -> None:
    """A term an item uses, edited alone (its label and description): every output whose
    rendering changes is one that reads the term, or one said to read everything. Every term
    of the test fixture; of the bundled content (a second of rendering each), the two terms
    of each vocabulary that the most outputs read."""
    root = copy_valid(tmp_path) if content == "fixture" else bundled(tmp_path)
    before, reads = rendered(root)
    terms = sorted({s for found in reads.values() for s in found if TERM in s})
    assert len({t.partition(TERM)[0] for t in terms}) >= 8  # most vocabularies are used
    if content == "bundled":
        terms = most_read(reads, 2)
    unsound, followed = [], 0
    for term in terms:
        path, _, key = term.partition(TERM)
        file = root / path
        text = file.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        data[key] = edited(data[key])
        file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        after, _ = rendered(root)
        file.write_text(text, encoding="utf-8")
        changed = {url for url in before.keys() | after.keys() if before.get(url) != after.get(url)}
        followed += len(changed & reads.keys())
        unsound += [
            (term, url) for url in sorted(changed) if url in reads and term not in reads[url]
        ]
    assert not unsound
    assert followed > len(terms)  # the edits show on item pages, not only on the lists


def test_the_dependencies_follow_the_items_a_page_shows(tmp_path: Path) -> None:
    site = load_site(copy_valid(tmp_path))
    found = dependencies(site)
    action = site.content.actions["engagement-tour"]
    reads = found["/actions/engagement-tour/"]
    assert action.path in reads
    assert {c.path for c in site.content.campuses.values()} <= reads
    for event in site.events_by_action.get("engagement-tour", ()):
        assert event.path in reads
        assert action.path in found[f"/agenda/{event.slug}/"]
        assert event.path in found[f"/agenda/{event.slug}.ics"]
    # Lists and the glossary are not listed: they read everything.
    assert "/actions/" not in found and "/glossaire/" not in found
    # The terms its fields use, and those a term links to (a commune's département).
    assert "content/vocabularies/formats.yml#stage" in reads
    assert "content/vocabularies/formats.yml#atelier" not in reads
    assert "content/vocabularies/venues.yml#site" in reads
    assert "content/vocabularies/interventions.yml#sortie" in reads
    assert "content/vocabularies/departements.yml#21" in reads
    # An event's page names its action by its title only; a campus's feed lists its events.
    of_event = found["/agenda/rencontre-mars/"]
    assert action.path in of_event
    assert "content/vocabularies/formats.yml#stage" not in of_event
    feed = found["/campus/green-city.ics"]
    assert action.path not in feed
    assert site.content.events["rencontre-mars"].path in feed
    assert is_followed("content/actions/x.md")
    assert is_followed("content/glossary/x.md")
    assert is_followed("content/vocabularies/formats.yml#atelier")
    assert not is_followed("content/vocabularies/formats.yml")


def test_a_vocabulary_is_fingerprinted_term_by_term(tmp_path: Path) -> None:
    root = copy_valid(tmp_path)

    def taken() -> dict[str, str]:
        site = load_site(root)
        found = fingerprints(root, {}, (), site.content.vocabularies.values())
        return {k: v for k, v in found.items() if k.startswith("content/vocabularies/formats")}

    formats = root / "content/vocabularies/formats.yml"
    first = taken()
    text = formats.read_text(encoding="utf-8")
    formats.write_text(f"# Un commentaire.\n{text}", encoding="utf-8")
    assert taken() == first  # a comment shows nowhere
    formats.write_text(text.replace("stage: ", "stage: Un "), encoding="utf-8")
    after = taken()
    assert {k for k in first if first[k] != after[k]} == {"content/vocabularies/formats.yml#stage"}
    lines = text.splitlines(keepends=True)
    formats.write_text("".join([*lines[1:], lines[0]]), encoding="utf-8")
    assert taken()["content/vocabularies/formats.yml"] != first["content/vocabularies/formats.yml"]


def test_reusable_outputs_are_those_whose_sources_did_not_change() -> None:
    before = Snapshot({"a.md": "1", "b.md": "1"}, {"/x/": frozenset({"a.md"})}, "k")
    assert reusable(None, before) == set()
    same = Snapshot(
        {"a.md": "1", "b.md": "2"},
        {"/x/": frozenset({"a.md"}), "/y/": frozenset({"b.md"})},
        "k",
    )
    # b.md is not an item source: everything again.
    assert reusable(before, same) == set()
    item = "content/actions/b.md"
    before = Snapshot({"campuses/a.md": "1", item: "1"}, {"/x/": frozenset({"campuses/a.md"})}, "k")
    after = Snapshot(
        {"campuses/a.md": "1", item: "2"},
        {"/x/": frozenset({"campuses/a.md"}), "/y/": frozenset({item})},
        "k",
    )
    assert reusable(before, after) == {"/x/"}
    assert reusable(before, Snapshot(after.fingerprints, after.dependencies, "other")) == set()


def test_an_output_followed_by_a_digest_is_reused_while_the_digest_holds() -> None:
    item = "content/actions/b.md"
    before = Snapshot({item: "1"}, {}, "k", digests={"/glossaire/": "d1", "/z/": "d1"})
    after = Snapshot({item: "2"}, {}, "k", digests={"/glossaire/": "d1", "/z/": "d2"})
    assert reusable(before, after) == {"/glossaire/"}
    # A change that is not an item's, or of the key: everything again, digests or not.
    other = Snapshot({item: "1", "content/vocabularies/x.yml": "1"}, {}, "k", after.digests)
    assert reusable(before, other) == set()
    assert reusable(before, Snapshot(after.fingerprints, {}, "other", after.digests)) == set()
