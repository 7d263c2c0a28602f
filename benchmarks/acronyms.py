"""Cost of acronym marking: one expression per page against one pass per acronym.

Synthetic and deterministic: 500 acronyms, 2,000 pages of about 2 KB of HTML. Prints seconds for
finding the acronyms in every page's text (one trie expression, one flat alternation, one
expression per acronym), for the whole marking (:func:`mark_html`) beside the mere reading of the
pages by ``html.parser``, which it is built on, and for Python-Markdown with and without the
extension (which marks the tree), beside marking the converted HTML with :func:`mark_html`
instead, in CPU seconds. Run: ``.venv/bin/python benchmarks/acronyms.py``.
"""

from __future__ import annotations

import argparse
import random
import re
import string
import time
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import markdown

from generator import acronyms as acronyms_module
from generator.acronyms import Acronyms
from generator.models.glossary import GlossaryEntry
from generator.render import abbreviations
from generator.render.abbreviations import AbbreviationsExtension, mark_html

_WORDS = (
    "campus métiers formation lycée collège apprentis entreprise région industrie numérique "
    "transition écologique atelier forum visite élèves enseignants territoire projet réseau "
    "compétences avenir énergie bâtiment plasturgie mobilité hydrogène découverte"
)
WORDS = _WORDS.split()
TAGS = re.compile(r"<[^>]*>")


def synthetic_glossary(count: int, rng: random.Random) -> dict[str, GlossaryEntry]:
    entries: dict[str, GlossaryEntry] = {}
    while len(entries) < count:
        short = "".join(rng.choices(string.ascii_uppercase, k=rng.randint(2, 6)))
        roll = rng.random()
        if roll < 0.05:
            short += " " + "".join(rng.choices(string.ascii_uppercase, k=3))
        elif roll < 0.10:
            short += str(rng.randint(1, 9))
        elif roll < 0.13:
            short += "-" + "".join(rng.choices(string.ascii_uppercase, k=2))
        slug = re.sub(r"[^a-z0-9]+", "-", short.lower())
        if slug in entries:
            continue
        expansions: list[dict[str, Any]] = [{"text": f"Expansion de {short}"}]
        if rng.random() < 0.03:
            expansions = [{"key": "a", "text": "Première"}, {"key": "b", "text": "Seconde"}]
        entries[slug] = GlossaryEntry.model_validate(
            {"title": short, "kind": "acronym", "expansions": expansions}
        )
    return entries


def synthetic_page(shorts: list[str], rng: random.Random) -> str:
    """About 2 KB of Markdown with a raw HTML block, links, code and a dozen acronyms."""
    paragraphs = []
    for _ in range(6):
        words = rng.choices(WORDS, k=45)
        for _ in range(2):
            words[rng.randrange(len(words))] = rng.choice(shorts)
        sentence = " ".join(words)  # not str.capitalize(), which would lower the acronyms
        paragraphs.append(sentence[0].upper() + sentence[1:] + ".")
    paragraphs[1] += f" Voir [la fiche {rng.choice(shorts)}](../autre/) et `{rng.choice(shorts)}`."
    card = f'<div class="card"><p>Le {rng.choice(shorts)} et la {rng.choice(words)}.</p></div>'
    return "## Présentation\n\n" + "\n\n".join([*paragraphs[:3], card, *paragraphs[3:]]) + "\n"


def timed(
    label: str, run: Callable[[], object], reference: float | None = None, repeat: int = 3
) -> float:
    """The best of ``repeat`` runs, printed (with its ratio to ``reference``) and returned."""
    seconds = min(_seconds(run) for _ in range(repeat))
    ratio = f"   ×{seconds / reference:.1f}" if reference else ""
    print(f"{label:<58} {seconds:8.2f} s{ratio}")
    return seconds


def _seconds(run: Callable[[], object]) -> float:
    """CPU seconds of this process: steadier than wall time when other work shares the machine.
    The memos of a serving process are emptied first: every run marks every page."""
    abbreviations._remembered.cache_clear()
    acronyms_module._USED.clear()
    start = time.process_time()
    run()
    return time.process_time() - start


def _read(html: str) -> None:
    """What reading a page with the standard library's parser costs, with nothing done."""
    parser = HTMLParser(convert_charrefs=False)
    parser.feed(html)
    parser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--acronyms", type=int, default=500)
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()

    rng = random.Random(20250605)
    glossary = synthetic_glossary(args.acronyms, rng)
    acronyms = Acronyms(glossary)
    shorts = [entry.title for entry in glossary.values()]
    sources = [synthetic_page(shorts, rng) for _ in range(args.pages)]
    pages = [markdown.markdown(source) for source in sources]
    texts = [TAGS.sub(" ", page) for page in pages]
    size = sum(len(page.encode()) for page in pages) / len(pages)
    print(f"{len(acronyms)} acronyms, {len(pages)} pages, {size / 1024:.1f} KB of HTML on average")
    print(f"trie expression: {len(acronyms.pattern.pattern):,} characters\n")

    print("Finding acronyms in the text of every page")
    trie = timed("  one trie expression", lambda: [acronyms.pattern.findall(t) for t in texts])
    by_length = sorted(shorts, key=len, reverse=True)
    flat = re.compile(
        r"(?<![^\W_])(?:" + "|".join(re.escape(s) for s in by_length) + r")(?![^\W_])"
    )
    timed("  one flat alternation (longest first)", lambda: [flat.findall(t) for t in texts], trie)
    naive = [re.compile(rf"\b{re.escape(s)}\b") for s in shorts]
    timed(
        "  one expression per acronym (naive)",
        lambda: [[p.findall(t) for p in naive] for t in texts],
        trie,
        repeat=1,  # slow enough to be steady
    )

    print("\nWhole marking of every page")
    timed("  mark_html (one pass over the text nodes)", lambda: [
        mark_html(page, acronyms, "../../glossaire/") for page in pages
    ])
    timed("  html.parser alone, reading every page whole", lambda: [
        _read(page) for page in pages
    ])
    timed("  Acronyms.used on the Markdown sources", lambda: [
        acronyms.used(source) for source in sources
    ])

    print("\nPython-Markdown, every page")
    extension = AbbreviationsExtension(acronyms)

    def convert(extensions: list[Any]) -> list[str]:
        out = []
        for source in sources:
            extension.set_page("/actions/x/")
            out.append(markdown.markdown(source, extensions=extensions))
        return out

    def convert_then_mark() -> None:
        for html in convert(["toc", "attr_list"]):
            mark_html(html, acronyms, "../../glossaire/")

    # Alternated and the best of five, as other work on the machine shifts single runs.
    runs: dict[str, list[float]] = {"without": [], "with": [], "after": []}
    for _ in range(5):
        runs["without"].append(_seconds(lambda: convert(["toc", "attr_list"])))
        runs["with"].append(_seconds(lambda: convert(["toc", "attr_list", extension])))
        runs["after"].append(_seconds(convert_then_mark))
    plain, marked, after = (min(runs[key]) for key in ("without", "with", "after"))
    print(f"{'  without the extension':<58} {plain:8.2f} s")
    print(f"{'  with the extension (marking on the tree)':<58} {marked:8.2f} s")
    print(f"{'  without it, then mark_html on the HTML':<58} {after:8.2f} s")
    tree, html = 100 * (marked - plain) / plain, 100 * (after - plain) / plain
    print(f"  marking adds {tree:.0f} % to Markdown conversion on the tree, {html:.0f} % on the")
    print(f"  converted HTML (tree / HTML: ×{(marked - plain) / (after - plain):.2f})")

if __name__ == "__main__":
    main()
