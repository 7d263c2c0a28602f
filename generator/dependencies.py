"""Dependencies: which source files each output reads, so that a preview renders only what an
edit changes.

An incremental rebuild (the MkDocs plugin's, under ``mkdocs serve``) keeps the previous build's
outputs and asks :func:`reusable` which of them still hold. It compares two :class:`Snapshot`\\ s
of the tree: the fingerprint of every source file, the source files each output reads, and a
key standing for everything else outputs depend on (configuration, templates, build date).

The safe default is *everything*: an output missing from :func:`dependencies` (a list, a page
the core does not know) is rendered again at every rebuild, and a change to a file that is not
an item of its own (a list of names, a file the core does not know) renders every output
again. An item page reads its own file, every campus (cards and links name campuses by
their short names), and the items it shows; when the items it shows change (an event added to
an action), its set of dependencies changes, which renders it again too. An output that reads
every item but shows little of each (the glossary's back-references: titles and addresses) is
followed by a digest of what it shows. A glossary entry is an item too: what every page shows
of it, its acronym marked, is in the snapshot's key (:meth:`~generator.acronyms.Acronyms.digest`),
and the rest only on pages rendered at every rebuild or followed by a digest.

A vocabulary is followed term by term: its file stands for the order and the set of its keys (a
change there renders everything again), and each term (``formats.yml#atelier``) for its label,
description and attributes. An output reads the terms it shows of the items it reads (and the
terms those terms link to: a venue's intervention type, a commune's département): all of them for
the item of its own page and the campuses, fewer for the items it shows as cards or counts
(``dependencies``' table). A label edited renders the pages that show it, and the lists.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .contenttypes import ACTION, CAMPUS, EVENT, GLOSSARY, by_name
from .index import Site
from .models.contenttype import walk
from .revisions import CONTENT_FOLDERS, Revision
from .routes import calendar_url, report_url
from .vocabularies import LINKS, Vocabulary

# Item sources: a change there is followed through the dependencies, as is a change of a
# vocabulary's term (``path#key``); a change anywhere else under the content folders (a
# vocabulary's order or keys, lists of names, files the core does not know yet) renders everything
# again.
ITEM_FOLDERS = (CAMPUS.folder, ACTION.folder, EVENT.folder, GLOSSARY.folder)
TERM = "#"  # between a vocabulary's path and a key: the source a term stands for


@dataclass(frozen=True)
class Snapshot:
    """What a build's outputs were made from."""

    fingerprints: Mapping[str, str]  # source path (relative to the root) → hash of its state
    dependencies: Mapping[str, frozenset[str]]  # output's site-relative URL → source paths
    key: str  # everything else outputs depend on: any change renders everything again
    # Outputs that read every item, stood for by a digest of what they show of them (the
    # glossary's back-references): reused while the digest is the same.
    digests: Mapping[str, str] = field(default_factory=dict)


def fingerprints(
    root: Path,
    revisions: Mapping[str, Revision],
    skip: Iterable[str] = (),
    vocabularies: Iterable[Vocabulary] = (),
) -> dict[str, str]:
    """Every file under the content folders (``campuses/``, ``content/``) but those under
    ``skip`` (relative folders), by path relative to ``root``: a hash of its bytes and of its
    revision dates (feeds print them). The files of ``vocabularies`` (as loaded from the same
    tree) are hashed by their keys in order, and each term on its own."""
    skipped = tuple(f"{s.strip('/')}/" for s in skip)
    found: dict[str, str] = {}
    for vocabulary in vocabularies:
        found[vocabulary.path] = _digest(repr(list(vocabulary.terms)))
        for key, term in vocabulary.terms.items():
            found[f"{vocabulary.path}{TERM}{key}"] = _digest(repr(term))
    for folder in CONTENT_FOLDERS:
        base = root / folder
        for path in sorted(base.rglob("*")) if base.is_dir() else []:
            relative = path.relative_to(root).as_posix()
            if relative.startswith(skipped) or relative in found or not path.is_file():
                continue
            digest = hashlib.blake2b(path.read_bytes(), digest_size=16)
            revision = revisions.get(relative)
            if revision is not None:
                dates = f"{revision.created.isoformat()} {revision.modified.isoformat()}"
                digest.update(dates.encode())
            found[relative] = digest.hexdigest()
    return found


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def is_followed(path: str) -> bool:
    """Whether a change to ``path`` (a file, or a vocabulary's term) can be followed through
    the dependencies."""
    if TERM in path:
        return True
    return path.endswith(".md") and any(path.startswith(f"{f}/") for f in ITEM_FOLDERS)


def _terms(site: Site) -> dict[str, dict[str, frozenset[str]]]:
    """The vocabulary terms each item uses, by the item's path and by vocabulary, the terms they
    link to included (under the vocabulary of the field: a venue's intervention type is
    ``venues``)."""
    vocabularies = site.content.vocabularies

    def sources(name: str, key: str) -> Iterator[str]:
        yield f"{vocabularies[name].path}{TERM}{key}"
        term = vocabularies[name].terms.get(key)
        for (linking, attribute), target in LINKS.items():
            linked = term.attribute(attribute) if term is not None and linking == name else None
            if linked is not None:
                yield from sources(target, linked)

    used: dict[str, dict[str, frozenset[str]]] = {}
    for type_name, items in site.content.items.items():
        patterns = by_name(type_name).vocabularies
        for item in items.values():
            by_vocabulary: dict[str, set[str]] = {}
            for pattern, name in patterns:
                for _, key in walk(item, pattern):
                    by_vocabulary.setdefault(name, set()).update(sources(name, key))
            used[item.path] = {name: frozenset(s) for name, s in by_vocabulary.items()}
    return used


# The vocabularies an output shows the terms of, for the items it reads but does not show in
# full (ALL: every term of the item's). The templates say: an action's card shows its format
# (theme/fragments/_macros.html, action_card); a campus page groups its actions' cards by axis
# and sums their participants by audience; a report shows its actions' axes and participants;
# event cards (event_list) and the feeds show no term; an event's page names its action by its
# title only. tests/test_incremental.py edits each term in turn and checks the claim.
ALL: frozenset[str] | None = None
CARD = frozenset({"formats"})
COUNTED = frozenset({"audiences"})
NO_TERM: frozenset[str] = frozenset()


def dependencies(site: Site) -> dict[str, frozenset[str]]:
    """The source paths each output reads, by its site-relative URL (pages end with ``/``;
    files do not: ``/agenda/x.ics``). Outputs not listed read everything."""
    c = site.content
    terms = _terms(site)
    campuses = frozenset(campus.path for campus in c.campuses.values())
    # Every output reads every campus (cards and links name campuses), with its terms.
    every = campuses.union(*(s for path in campuses for s in terms[path].values()))

    def reads(*groups: tuple[Iterable[str], frozenset[str] | None]) -> frozenset[str]:
        """The items of each group, and those of their terms the group's vocabularies name."""
        found = set(every)
        for paths, shown in groups:
            for path in paths:
                found.add(path)
                of_item = terms.get(path, {})
                names = of_item if shown is None else shown & of_item.keys()
                found.update(*(of_item[name] for name in names))
        return frozenset(found)

    found: dict[str, frozenset[str]] = {}
    for slug, action in c.actions.items():
        events = site.events_by_action.get(slug, ())
        related = site.related_actions.get(slug, ())
        found[site.url(ACTION, slug)] = reads(
            ([action.path], ALL),
            ((e.path for e in events), NO_TERM),
            ((a.path for a in related), CARD),
        )
    for slug, event in c.events.items():
        named = c.actions.get(event.action) if event.action is not None else None
        of_event = reads(([event.path], ALL), ([named.path] if named else [], NO_TERM))
        found[site.url(EVENT, slug)] = found[calendar_url(EVENT, slug)] = of_event
    for slug in c.campuses:
        actions = site.actions_by_campus.get(slug, ())
        events = site.events_by_campus.get(slug, ())
        # The campus's figures add up its actions' figures, or else their events'.
        of_actions = [e.path for a in actions for e in site.events_by_action.get(a.slug, ())]
        found[calendar_url(CAMPUS, slug)] = reads(((e.path for e in events), NO_TERM))
        found[site.url(CAMPUS, slug)] = reads(
            ((a.path for a in actions), CARD | COUNTED | {"axes"}),
            ((e.path for e in events), NO_TERM),
            (of_actions, COUNTED),
        )
        report = reads(
            ((a.path for a in actions), COUNTED | {"axes"}),
            ((e.path for e in events), NO_TERM),
            (of_actions, COUNTED),
        )
        for year in site.figures.by_campus.get(slug, {}):
            found[report_url(slug, year)] = report
        for declared in c.campuses[slug].figures:
            found[report_url(slug, declared.year)] = report
    return found


def changed(before: Snapshot, after: Snapshot) -> set[str]:
    """The source paths added, removed or changed between two snapshots."""
    paths = before.fingerprints.keys() | after.fingerprints.keys()
    return {p for p in paths if before.fingerprints.get(p) != after.fingerprints.get(p)}


def reusable(before: Snapshot | None, after: Snapshot) -> set[str]:
    """The outputs of ``after`` that ``before``'s build made as they are now: those whose
    dependencies are known, the same, and unchanged. Empty when anything else changed."""
    if before is None or before.key != after.key:
        return set()
    edited = changed(before, after)
    if not all(is_followed(path) for path in edited):
        return set()
    return {
        url
        for url, reads in after.dependencies.items()
        if before.dependencies.get(url) == reads and reads.isdisjoint(edited)
    } | {url for url, digest in after.digests.items() if before.digests.get(url) == digest}
