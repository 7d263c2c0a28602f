"""Build-time benchmark: the synthetic portal against a plain MkDocs + Material site, N = 1k…8k.

For each size N (items: campuses + actions + events + glossary acronyms), this script

1. writes a synthetic portal with ``synth.py`` beside it (campuses ≈ N/40, actions N/2,
   acronyms N/10, events the rest) and builds it with ``mkdocs build``, search included: the
   plugin indexes pages with Pagefind, in shards, in other processes while MkDocs goes on
   (generator/search.py); it also builds it with the search off, to show what search adds;
2. writes a plain MkDocs + Material site with as many Markdown pages as the portal wrote HTML pages,
   the same ~2 KB French bodies, and only its index in the nav, and builds it twice: without
   search, then the Pagefind CLI over its output (``python -m pagefind --site``, the pinned
   wheel: what one would run for the portal's kind of search, and the comparison that counts),
   and with Material's own search (lunr, one index fetched whole);
3. exports the portal (``portal export``: its own pages, their finished content as HTML in
   Markdown files) and builds that with plain MkDocs + Material, then the Pagefind CLI over the
   output: the same pages and the same search, without the portal's plugin;
4. measures each build in its own process: wall seconds, pages written (``index.html`` files),
   the peak memory of its largest process, and the peak of the memory of all its processes
   together (sampled every 0.25 s: MkDocs' processes and a Pagefind run overlap);

then prints Markdown tables: times, ms per page, memory, ratio portal/plain, growth from the
smallest to the largest N, the weight of ``/actions/``, and what search costs a visitor: the
portal's Pagefind bundles (fetched a piece at a time) against the ``search_index.json`` that
Material's search fetches whole on the plain site.

Run from the repository root: ``.venv/bin/python benchmarks/build.py`` (several minutes), or
``--sizes 200,400`` for a quick run. Everything is written in a temporary directory, removed at
the end unless ``--keep`` is given. No timing is asserted anywhere: the numbers go in
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from synth import Spec, write  # benchmarks/synth.py: the script's folder is on sys.path

# Runs a command and prints, as JSON on its last line, its peak memory and CPU time. For the
# wrapper's children, ru_maxrss is the largest resident set of the command and its waited-for
# descendants, one process at a time, and the CPU times are their sum. The memory of the whole
# process tree at once is sampled from /proc: the proportional set size (PSS) of each process,
# which splits a memory page shared by several processes between them (the portal's workers are
# forked from MkDocs and share its pages), so the sum is what the machine holds. Reading PSS takes
# the kernel ~10 ms per 300 MB, hence a sample every 0.25 s. CPU time moves less than wall time
# when other work shares the machine.
_WRAPPER = """
import json, os, resource, subprocess, sys, threading
def pss(pid):
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0
def tree(pid):
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += pss(p)
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except (OSError, ValueError, IndexError):
            pass
    return total
process = subprocess.Popen(sys.argv[1:])
peak = [0]
def sample():
    while process.poll() is None:
        peak[0] = max(peak[0], tree(process.pid))
        threading.Event().wait(0.25)
threading.Thread(target=sample, daemon=True).start()
code = process.wait()
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": code, "peak_kib": u.ru_maxrss, "tree_kib": peak[0],
                  "cpu": u.ru_utime + u.ru_stime}))
"""

PLAIN_MKDOCS = """\
site_name: Site MkDocs témoin
docs_dir: docs
site_dir: site
use_directory_urls: true
theme:
  name: material
  language: fr
  font: false
# Only the index is in the nav: with every page in it, MkDocs builds are quadratic.
nav:
  - Accueil: index.md
{plugins}markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: false
validation:
  nav:
    omitted_files: ignore
"""


@dataclass(frozen=True)
class Build:
    seconds: float  # wall clock
    cpu: float  # user + system
    pages: int
    peak_mib: float  # the largest process
    tree_mib: float  # all its processes at once (PSS)


MATERIAL_SEARCH = "plugins:\n  - search:\n      lang: fr\n"
NO_PLUGIN = "plugins: []\n"


@dataclass(frozen=True)
class Row:
    n: int
    spec: Spec
    portal: Build  # search included
    unsearched: Build  # the portal with its search off
    plain: Build  # Material's search
    pagefind: Build  # no search plugin, then the Pagefind CLI over the site
    exported: Build  # the portal's own pages (portal export) by plain MkDocs, then Pagefind
    search: SearchWeight  # the portal's Pagefind bundle
    material_gzip: int  # the plain site's search_index.json, gzip: what Material's search fetches
    actions_gzip: int


@dataclass(frozen=True)
class SearchWeight:
    """Pagefind's bundles, in bytes as served (their index files are compressed already)."""

    bundles: int  # a query fetches the .pf_meta file and one chunk per word of each
    total: int  # every index file of every bundle (not their copies of the scripts)
    meta: int  # the .pf_meta files: fetched by the first query, grow with the site
    chunk_max: int  # the largest index chunk: a query fetches one per word and bundle
    fragment_mean: int  # a result's fragment: one per result shown


def search_weight(site: Path) -> SearchWeight:
    bundles = sorted(site.glob("pagefind*/"))

    def sizes(pattern: str) -> list[int]:
        return [p.stat().st_size for b in bundles for p in b.glob(pattern)]

    meta, chunks, fragments = sizes("*.pf_meta"), sizes("index/*"), sizes("fragment/*")
    return SearchWeight(
        bundles=len(bundles),
        total=sum(meta) + sum(chunks) + sum(fragments),
        meta=sum(meta),
        chunk_max=max(chunks),
        fragment_mean=sum(fragments) // len(fragments),
    )


def spec_for(n: int, seed: int) -> Spec:
    """N items split as a national portal would be: few campuses, many actions and events."""
    campuses = max(2, n // 40)
    actions = n // 2
    acronyms = n // 10
    events = max(0, n - campuses - actions - acronyms)
    return Spec(campuses, actions, events, acronyms, seed)


def run(command: list[str]) -> tuple[float, dict[str, float]]:
    """Run ``command`` in a fresh process: wall seconds and the wrapper's report."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *command],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    seconds = time.perf_counter() - started
    report: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    if report["code"] != 0:
        sys.exit(f"Échec de {' '.join(command)} :\n{result.stderr[-4000:]}")
    return seconds, report


def build(config: Path, site: Path, profile: Path | None = None) -> Build:
    """``mkdocs build`` of ``config`` into ``site`` in a fresh process, measured."""
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    if profile is not None:
        mkdocs[1:1] = ["-m", "cProfile", "-o", str(profile)]
    seconds, report = run(mkdocs)
    pages = sum(1 for _ in site.rglob("index.html"))
    return Build(
        seconds, report["cpu"], pages, report["peak_kib"] / 1024, report["tree_kib"] / 1024
    )


def without_search(config: Path, processes: int = 0) -> Path:
    """The portal's mkdocs.yml with its search off: what search adds to the build. With
    ``processes`` 1, in one process, for the profiler (a worker's work escapes it)."""
    text = config.read_text(encoding="utf-8")
    options = "    search: false\n" + (f"    processes: {processes}\n" if processes else "")
    text = text.replace("- portal:\n", "- portal:\n" + options, 1)
    text = text.replace("- Recherche: recherche/index.md\n", "")
    name = "mkdocs-sans-recherche.yml" if not processes else f"mkdocs-{processes}-processus.yml"
    out = config.with_name(name)
    out.write_text(text, encoding="utf-8")
    return out


def _bodies(portal: Path) -> list[tuple[str, str]]:
    """(title, Markdown body) of every campus, action and event of the synthetic portal."""
    found = []
    for folder in ("campuses", "content/actions", "content/events"):
        for path in sorted((portal / folder).glob("*.md")):
            text = path.read_text(encoding="utf-8")
            _, header, body = text.split("---\n", 2)
            title = re.search(r"^title: (.*)$", header, re.MULTILINE)
            found.append((title.group(1).strip("'\"") if title else path.stem, body))
    return found


def write_plain(root: Path, pages: int, portal: Path) -> None:
    """A plain site of ``pages`` HTML pages: an index plus ``pages - 1`` pages of ~2 KB each;
    ``mkdocs.yml`` with Material's search, ``mkdocs-pagefind.yml`` without."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(PLAIN_MKDOCS.format(plugins=MATERIAL_SEARCH), "utf-8")
    (root / "mkdocs-pagefind.yml").write_text(PLAIN_MKDOCS.format(plugins=NO_PLUGIN), "utf-8")
    bodies = _bodies(portal)
    (docs / "index.md").write_text(
        f"# Site témoin\n\n{pages - 1} pages, hors navigation.\n", encoding="utf-8"
    )
    for i in range(pages - 1):
        title, body = bodies[i % len(bodies)]
        (docs / f"page-{i:05d}.md").write_text(f"# {title}\n\n{body}", encoding="utf-8")


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def with_pagefind(config: Path, site: Path) -> Build:
    """``mkdocs build``, then the Pagefind CLI over the site, one after the other: one Build."""
    built = build(config, site)
    seconds, report = run([sys.executable, "-m", "pagefind", "--site", str(site), "--silent"])
    return Build(
        built.seconds + seconds,
        built.cpu + report["cpu"],
        built.pages,
        max(built.peak_mib, report["peak_kib"] / 1024),
        max(built.tree_mib, report["tree_kib"] / 1024),
    )


def best(config: Path, site: Path, repeat: int, pagefind: bool = False) -> Build:
    """The fastest of ``repeat`` builds (the others were slowed by something else), with the
    highest peak memory of them all."""
    builds = [(with_pagefind if pagefind else build)(config, site) for _ in range(repeat)]
    fastest = min(builds, key=lambda b: b.seconds)
    peak = max(b.peak_mib for b in builds)
    tree = max(b.tree_mib for b in builds)
    return Build(fastest.seconds, min(b.cpu for b in builds), fastest.pages, peak, tree)


def measure(n: int, seed: int, work: Path, profile: Path | None, repeat: int = 1) -> Row:
    spec = spec_for(n, seed)
    portal = work / f"portal-{n}"
    plain = work / f"plain-{n}"
    print(f"N = {n} : écriture du portail synthétique…", file=sys.stderr, flush=True)
    write(spec, portal)
    print(f"N = {n} : construction du portail…", file=sys.stderr, flush=True)
    portal_build = best(portal / "mkdocs.yml", portal / "site", repeat)
    print(f"N = {n} : construction du portail sans recherche…", file=sys.stderr, flush=True)
    unsearched_config = without_search(portal / "mkdocs.yml")
    unsearched = best(unsearched_config, portal / "site-sans-recherche", repeat)
    if profile is not None:  # a separate build: the profiler slows down what it measures
        print(f"N = {n} : construction profilée…", file=sys.stderr, flush=True)
        build(without_search(portal / "mkdocs.yml", processes=1), portal / "site-profile", profile)
    write_plain(plain, portal_build.pages, portal)
    print(f"N = {n} : construction du site témoin…", file=sys.stderr, flush=True)
    plain_build = best(plain / "mkdocs.yml", plain / "site", repeat)
    print(f"N = {n} : site témoin sans recherche, puis Pagefind…", file=sys.stderr, flush=True)
    pagefind = best(plain / "mkdocs-pagefind.yml", plain / "site-pagefind", repeat, True)
    assert (plain / "site-pagefind" / "pagefind" / "pagefind.js").is_file()
    print(f"N = {n} : pages du portail exportées, MkDocs seul puis Pagefind…", file=sys.stderr)
    export = work / f"export-{n}"
    portal_command = [sys.executable, "-m", "generator.cli", "export", str(export)]
    run([*portal_command, "-f", str(portal / "mkdocs.yml")])
    exported = best(export / "mkdocs.yml", export / "site", repeat, True)
    row = Row(
        n=n,
        spec=spec,
        portal=portal_build,
        unsearched=unsearched,
        plain=plain_build,
        pagefind=pagefind,
        exported=exported,
        search=search_weight(portal / "site"),
        material_gzip=gzip_size(plain / "site" / "search" / "search_index.json"),
        actions_gzip=gzip_size(portal / "site" / "actions" / "index.html"),
    )
    print(
        f"N = {n} : portail {portal_build.seconds:.1f} s "
        f"(sans recherche {unsearched.seconds:.1f} s), témoin + Pagefind "
        f"{pagefind.seconds:.1f} s, pages du portail par MkDocs seul + Pagefind "
        f"{exported.seconds:.1f} s, témoin avec la recherche de Material "
        f"{plain_build.seconds:.1f} s",
        file=sys.stderr,
        flush=True,
    )
    return row


def _kib(size: int) -> str:
    return f"{size / 1024:,.0f}"


def report(rows: list[Row]) -> str:
    lines = [
        "| N | pages | portal s | its pages by plain MkDocs + Pagefind CLI s | ratio "
        "| plain + Pagefind CLI s | ratio | plain, Material's search s "
        "| ratio | portal without search s | ms/page | portal peak MB "
        "| portal all processes MB | plain + Pagefind peak MB | portal CPU s "
        "| plain + Pagefind CPU s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        p, off, plain, pf, ex = r.portal, r.unsearched, r.plain, r.pagefind, r.exported
        lines.append(
            f"| {r.n:,} | {p.pages:,} | {p.seconds:.1f} | {ex.seconds:.1f} "
            f"| **{p.seconds / ex.seconds:.2f}** | {pf.seconds:.1f} "
            f"| {p.seconds / pf.seconds:.2f} | {plain.seconds:.1f} "
            f"| {p.seconds / plain.seconds:.2f} | {off.seconds:.1f} "
            f"| {1000 * p.seconds / p.pages:.1f} | {p.peak_mib:.0f} | {p.tree_mib:.0f} "
            f"| {pf.peak_mib:.0f} | {p.cpu:.1f} | {pf.cpu:.1f} |"
        )
    a, b = rows[0], rows[-1]
    if len(rows) > 1:
        lines += [
            "",
            f"Growth from N = {a.n:,} to N = {b.n:,} ({b.n / a.n:g}× the items), "
            f"wall time: portal {b.portal.seconds / a.portal.seconds:.2f}× (without search "
            f"{b.unsearched.seconds / a.unsearched.seconds:.2f}×), "
            f"plain + Pagefind {b.pagefind.seconds / a.pagefind.seconds:.2f}×, "
            f"plain with Material's search {b.plain.seconds / a.plain.seconds:.2f}×.",
        ]
    lines += [
        "",
        "| N | campuses | actions | events | acronyms | /actions/ gzip KB "
        "| Pagefind bundles | index KB | .pf_meta KB | largest index chunk KB | fragment KB "
        "| plain site's search_index.json gzip KB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        s, w = r.spec, r.search
        lines.append(
            f"| {r.n:,} | {s.campuses:,} | {s.actions:,} | {s.events:,} | {s.acronyms:,} "
            f"| {_kib(r.actions_gzip)} | {w.bundles} | {_kib(w.total)} | {_kib(w.meta)} "
            f"| {_kib(w.chunk_max)} | {w.fragment_mean / 1024:.1f} | {_kib(r.material_gzip)} |"
        )
    return "\n".join(lines) + "\n"


def machine() -> str:
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        total = re.search(r"MemTotal:\s+(\d+) kB", meminfo.read_text())
        if total:
            memory = f", {int(total.group(1)) / 1024**2:.0f} GiB"
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores{memory}, "
        f"Python {platform.python_version()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--sizes", default="1000,2000,4000,8000", help="item counts, comma-separated"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic content")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument(
        "--repeat", type=int, default=1, help="builds of each site; the fastest is reported"
    )
    parser.add_argument(
        "--profile",
        type=int,
        metavar="N",
        help="also profile the portal build of size N with cProfile (its .prof file is kept)",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    load_before = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    rows = []
    try:
        for n in sizes:
            profile = work / f"portal-{n}.prof" if args.profile == n else None
            rows.append(measure(n, args.seed, work, profile, max(1, args.repeat)))
            if profile is not None:
                kept = Path.cwd() / profile.name
                shutil.copy(profile, kept)
                print(f"Profil : {kept}", file=sys.stderr)
            if not args.keep:  # keep the disk use of a long run small
                shutil.rmtree(work / f"portal-{n}")
                shutil.rmtree(work / f"plain-{n}")
                shutil.rmtree(work / f"export-{n}")
    finally:
        if args.keep:
            print(f"Dossiers conservés : {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(
        f"Machine: {machine()}; load average {load_before:.1f} before the run, "
        f"{os.getloadavg()[0]:.1f} after (other work on the machine slows the wall times).\n"
    )
    print(report(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
