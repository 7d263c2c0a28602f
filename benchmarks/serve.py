"""Preview benchmark: the time from saving a file to the refreshed page under ``mkdocs serve``.

For the bundled portal (the repository's content as committed, ``git archive HEAD``) and for
synthetic portals of N items (``synth.py``, split as ``build.py`` splits them), the script
starts ``mkdocs serve --livereload`` and, once the first build is served, edits in turn an
action's summary, an event's body, a glossary entry's text and a vocabulary's label, each
``--repeat`` times. For each save it measures the time until the page showing the edit is
served with it: what an editor waits for, the server's polling for changes (every 0.1 s on
a small portal, 0.5 s beyond, then 0.1 s of quiet) and the rebuild included (the server
answers no page while it rebuilds), the browser's own reload aside. It also reads MkDocs'
« Documentation built in » for each rebuild. Each save comes once the previous rebuild's
search has ended (the plugin says « Recherche : index à jour. »), as an editor who reads the
page before saving again; ``--back-to-back`` saves as soon as the previous page is served,
and the rebuild then first waits for the previous one's Pagefind runs.

```sh
.venv/bin/python benchmarks/serve.py                        # bundled portal and N = 2,000
.venv/bin/python benchmarks/serve.py --sizes bundled --repeat 5
.venv/bin/python benchmarks/serve.py --whole                # every rebuild whole (before)
.venv/bin/python benchmarks/serve.py --back-to-back         # each save right after the last
```

Everything is written in a temporary folder and removed at the end (``--keep`` keeps it).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from build import machine, spec_for  # benchmarks/build.py: the script's folder is on sys.path
from synth import write

REPO = Path(__file__).resolve().parent.parent
BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
SEARCH_DONE = "Recherche : index à jour."  # the plugin's, once a rebuild's Pagefind runs end
START_TIMEOUT = 600.0  # the first build at 2,000 items and more
EDIT_TIMEOUT = 300.0


@dataclass(frozen=True)
class Edit:
    kind: str
    path: Path  # the file saved
    page: str  # the page that shows the edit (site-relative URL)
    before: str  # text replaced in the file by ``after`` (with ``{n}``)
    after: str
    shown: str  # what the page shows once rebuilt (with ``{n}``)


def export_head(out: Path) -> Path:
    """The repository's tree as committed (others may be editing the work tree)."""
    out.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "HEAD"], cwd=REPO, capture_output=True, check=True
    ).stdout
    tar = out.parent / "head.tar"
    tar.write_bytes(archive)
    with tarfile.open(tar) as t:
        t.extractall(out, filter="data")
    tar.unlink()
    return out


def first(folder: Path, pattern: str) -> Path:
    for path in sorted(folder.glob("*.md")):
        if re.search(pattern, path.read_text(encoding="utf-8")):
            return path
    raise SystemExit(f"aucun fichier de {folder} ne correspond à {pattern!r}")


def edits(root: Path) -> list[Edit]:
    action = first(root / "content/actions", r"\nsummary: \w[^:\n]*\n")  # plain, one line
    event = first(root / "content/events", r"\ntitle: ")
    term = first(root / "content/glossary", r"\ntitle: ")  # its text shown on /glossaire/
    formats = root / "content/vocabularies/formats.yml"
    action_text = action.read_text(encoding="utf-8")
    found = re.search(r"^format: (\S+)$", action_text, re.M)
    assert found, action
    key = found.group(1)
    label = re.search(rf"^{re.escape(key)}: (.+)$", formats.read_text(encoding="utf-8"), re.M)
    assert label, (formats, key)
    return [
        Edit(
            "action", action, f"/actions/{action.stem}/",
            "\nsummary: ", "\nsummary: Mesure{n} ", "Mesure{n}",
        ),
        Edit(
            "event", event, f"/agenda/{event.stem}/",
            "\n---\n", "\n---\n\nMesure{n} du programme.\n", "Mesure{n}",
        ),
        Edit(
            "glossary", term, "/glossaire/",
            "\n---\n", "\n---\n\nMesure{n} de la définition.\n", "Mesure{n}",
        ),
        Edit(
            "vocabulary", formats, f"/actions/{action.stem}/",
            f"\n{key}: {label.group(1)}", f"\n{key}: {label.group(1)} mesure{{n}}", "mesure{n}",
        ),
    ]  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=EDIT_TIMEOUT) as response:
            text: str = response.read().decode("utf-8")
            return text
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, shown: str, timeout: float) -> float:
    """Seconds until ``url`` is served with ``shown`` in it (polled every 20 ms)."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        page = fetch(url)
        if page is not None and shown in page:
            return time.monotonic() - start
        time.sleep(0.02)
    raise SystemExit(f"{url} n'a jamais montré {shown!r}")


def wait_until_gone(url: str, shown: str, timeout: float) -> None:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        page = fetch(url)
        if page is not None and shown not in page:
            return
        time.sleep(0.05)
    raise SystemExit(f"{url} montre toujours {shown!r}")


def built_times(log: Path) -> list[float]:
    return [float(s) for s in BUILT.findall(log.read_text(encoding="utf-8", errors="replace"))]


Rows = list[tuple[str, list[float], list[float]]]  # (edit, save → page s, MkDocs build s)


def wait_for_search(log: Path, builds: int, timeout: float) -> None:
    """Until the search of ``builds`` rebuilds has ended (the plugin says so for each)."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if log.read_text(encoding="utf-8", errors="replace").count(SEARCH_DONE) >= builds:
            return
        time.sleep(0.05)
    raise SystemExit(f"la recherche de {builds} reconstructions n'a jamais fini ({log})")


def measure(name: str, root: Path, repeat: int, whole: bool, back_to_back: bool) -> Rows:
    config = root / "mkdocs.yml"
    if whole:
        text = config.read_text(encoding="utf-8")
        whole_config = text.replace("  - portal:\n", "  - portal:\n      incremental: false\n", 1)
        config.write_text(whole_config, encoding="utf-8")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = root.parent / f"serve-{name}.log"
    # Dates from SOURCE_DATE_EPOCH: the tree is no git checkout.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1748736000"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"]
    rows = []
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [*command, "-f", str(config)], cwd=root, env=env, stdout=out,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            print(f"{name} : premier rendu…", file=sys.stderr, flush=True)
            wait_for(f"{base}/", "</html>", START_TIMEOUT)
            n = 0
            for edit in edits(root):
                saves, builds = [], []
                for _ in range(repeat):
                    n += 1
                    text = edit.path.read_text(encoding="utf-8")
                    assert edit.before in text, (edit.path, edit.before)
                    done = len(built_times(log))
                    if not (back_to_back or whole):  # once the last build's search has ended
                        wait_for_search(log, done, EDIT_TIMEOUT)
                    edit.path.write_text(
                        text.replace(edit.before, edit.after.format(n=n), 1), encoding="utf-8"
                    )
                    saves.append(wait_for(base + edit.page, edit.shown.format(n=n), EDIT_TIMEOUT))
                    time.sleep(0.3)  # MkDocs' log line follows the page
                    builds += built_times(log)[done : done + 1]
                    edit.path.write_text(text, encoding="utf-8")  # undo, and wait for it
                    wait_until_gone(base + edit.page, edit.shown.format(n=n), EDIT_TIMEOUT)
                print(f"{name} {edit.kind} : {saves}", file=sys.stderr, flush=True)
                rows.append((edit.kind, saves, builds))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
    return rows


def report(results: dict[str, Rows], whole: bool, back_to_back: bool) -> str:
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        f"Machine : {machine()} ; charge (1, 5, 15 min) à la fin : {load}.",
        f"Reconstruction : {'entière (incremental: false)' if whole else 'incrémentale'}.",
        "Enregistrements : "
        + (
            "à la suite (chacun dès la page précédente servie)."
            if back_to_back
            else "chacun une fois la recherche du précédent à jour."
        ),
        "",
        "| portal | edit | save → page s (median) | min–max | MkDocs build s (median) |",
        "|---|---|---:|---:|---:|",
    ]
    for name, rows in results.items():
        for kind, saves, builds in rows:
            built = f"{statistics.median(builds):.2f}" if builds else "?"
            lines.append(
                f"| {name} | {kind} | {statistics.median(saves):.2f} | "
                f"{min(saves):.2f}–{max(saves):.2f} | {built} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="bundled,2000", help="« bundled », N, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="saves of each kind")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic content")
    parser.add_argument("--whole", action="store_true", help="every rebuild whole (before)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--back-to-back",
        action="store_true",
        help="save as soon as the previous save's page is served, its search still running",
    )
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="portal-bench-serve-"))
    results = {}
    try:
        head = export_head(work / "repo")
        for size in args.sizes.split(","):
            if size == "bundled":
                root = work / "bundled"
                shutil.copytree(head, root)
            else:
                root = work / f"portal-{size}"
                print(f"N = {size} : écriture du portail synthétique…", file=sys.stderr, flush=True)
                write(spec_for(int(size), args.seed), root, repo=head)
            results[size] = measure(size, root, args.repeat, args.whole, args.back_to_back)
    finally:
        if args.keep:
            print(f"Conservé : {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(report(results, args.whole, args.back_to_back))
    return 0


if __name__ == "__main__":
    sys.exit(main())
