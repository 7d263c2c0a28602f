"""The search indexer (generator/search.py): shards, bundles, failures, and its work folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.search import SearchIndexer, SearchIndexError, indexed_document


def page_counts(site: Path, bundles: list[str]) -> list[int]:
    return [
        json.loads((site / name / "pagefind-entry.json").read_text())["languages"]["fr"][
            "page_count"
        ]
        for name in bundles
    ]


def test_pages_are_indexed_in_bundles_of_at_most_shard_pages(tmp_path: Path) -> None:
    site = tmp_path / "site"
    indexer = SearchIndexer(site, "fr", pages=5, shard_pages=2)
    for n in range(5):
        indexer.write(n, f"actions/a{n}/index.html", f"Action {n}", f"<p>Atelier numéro {n}</p>")
        indexer.settle(n)
    assert indexer.bundles() == ["pagefind", "pagefind-2", "pagefind-3"]
    work = indexer.work
    indexer.finish()
    assert page_counts(site, indexer.bundles()) == [2, 2, 1]
    assert not work.exists()
    assert not (site / "pagefind-4").exists()


def test_shards_follow_page_numbers_whatever_the_order_pages_come_in(tmp_path: Path) -> None:
    """As when workers render pages: the bundles are known before any page is written; shards
    are full when all their pages are settled, in any order; a page written elsewhere is settled
    by number."""
    site = tmp_path / "site"
    indexer = SearchIndexer(site, "fr", pages=7, shard_pages=3)
    assert indexer.bundles() == ["pagefind", "pagefind-2", "pagefind-3"]  # 3, 3 and 1 pages
    for n in (6, 5, 3, 4, 2, 1):
        indexer.write(n, f"actions/a{n}/index.html", f"Action {n}", f"<p>Atelier {n}</p>")
        if n != 5:  # page 5 is written « elsewhere », settled later
            indexer.settle(n)
    assert indexer.started == 0  # shard 0 is not settled: nothing may start before it
    indexer.write(0, "actions/a0/index.html", "Action 0", "<p>Atelier 0</p>")
    indexer.settle(0)
    assert indexer.started == 1 and len(indexer.running) == 1
    indexer.running[0][1].wait()
    indexer.poll()
    assert indexer.started == 1  # shard 0 is done; shard 1 waits for page 5
    indexer.settle(5)
    assert indexer.started == 2
    indexer.finish()
    assert page_counts(site, indexer.bundles()) == [3, 3, 1]
    assert not (site / "pagefind-4").exists()


def test_shards_left_at_the_end_are_indexed_two_at_a_time(tmp_path: Path) -> None:
    """Pages written « elsewhere » and never reported: ``finish`` indexes every shard, several
    runs at once (the rendering processes have ended), each into its own bundle."""
    site = tmp_path / "site"
    indexer = SearchIndexer(site, "fr", pages=5, shard_pages=1)
    for n in range(5):
        indexer.write(n, f"actions/a{n}/index.html", f"Action {n}", f"<p>Atelier {n}</p>")
    assert indexer.started == 0
    indexer.poll(runs=2)
    assert indexer.started == 0  # nothing settled yet
    indexer.finish(runs=2)
    assert page_counts(site, indexer.bundles()) == [1, 1, 1, 1, 1]
    assert indexer.running == []


def test_a_failed_run_is_reported_in_french_and_cleaned_up(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.write_text("un fichier, pas un dossier")  # Pagefind cannot write its bundle in it
    indexer = SearchIndexer(site, "fr", pages=1, shard_pages=10)
    indexer.write(0, "actions/a/index.html", "Action", "<p>Atelier</p>")
    indexer.settle(0)
    work = indexer.work
    with pytest.raises(SearchIndexError, match="l'index de recherche n'a pas pu être construit"):
        indexer.finish()
    assert not work.exists()


def test_the_indexed_document_escapes_the_title_and_keeps_the_content_heading() -> None:
    page = indexed_document("<script>« Atelier »</script>", "<p>Texte</p>", "fr")
    assert "<script>" not in page and "<h1>&lt;script&gt;« Atelier »&lt;/script&gt;</h1>" in page
    assert '<html lang="fr">' in page and "data-pagefind-body" in page
    own = indexed_document("Titre", "<h1 id='t'>Titre</h1><p>Texte</p>", "fr")
    assert own.count("<h1") == 1
