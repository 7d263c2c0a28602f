"""A preview's rebuilds in this process, timed or profiled: where a save's time goes.

``serve.py`` measures what an editor waits for, through the real server. This script runs the
same rebuilds as ``mkdocs serve`` without the server (the configuration loaded again, MkDocs'
``build`` into the same folder, the plugin kept between builds, as tests/test_incremental.py
does), so that one kind of edit can be timed alone or profiled. Each save is the edit
``serve.py`` makes for that kind, then its undo; the time reported is MkDocs' build, and then,
apart, the wait for the rebuild's Pagefind runs, which a preview runs after the page is shown.

```sh
.venv/bin/python benchmarks/rebuild.py --size 2000 --kind vocabulary --repeat 3
.venv/bin/python benchmarks/rebuild.py --size bundled --kind action --profile /tmp/action.prof
```

The tree and the site are written in a temporary folder (``--work``: another one, such as
``/dev/shm``), removed at the end unless ``--keep``.
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from build import spec_for  # benchmarks/build.py: the script's folder is on sys.path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from serve import Edit, edits, export_head
from synth import write

KINDS = ("action", "event", "glossary", "vocabulary")
SERVE_URL = "http://127.0.0.1:8000/"  # what `mkdocs serve` sets site_url to
SHOWN = ("Aperçu", "Pages rendues")  # the plugin's lines on what a rebuild rendered, and how


def show_what_was_rendered() -> None:
    """Errors, and the plugin's count of pages rendered; not every build's warnings."""
    handler = logging.StreamHandler()
    handler.addFilter(lambda r: r.levelno >= logging.ERROR or r.getMessage().startswith(SHOWN))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    logging.getLogger("mkdocs").propagate = False
    logging.getLogger("generator").setLevel(logging.ERROR)  # the same warnings at every build


class Preview:
    """``mkdocs serve``'s builds of one tree, in this process."""

    def __init__(self, root: Path, site_dir: Path) -> None:
        self.root, self.site_dir = root, site_dir
        self.first = self._config()
        self.first.plugins.on_startup(command="serve", dirty=False)
        self.rebuild(self.first)

    def _config(self) -> MkDocsConfig:
        config = load_config(config_file=str(self.root / "mkdocs.yml"), site_dir=str(self.site_dir))
        config.site_url = SERVE_URL
        return config

    def rebuild(self, config: MkDocsConfig | None = None) -> tuple[float, float]:
        """The build's seconds, then the wait for its search."""
        config = config or self._config()
        start = time.perf_counter()
        build(config, serve_url=SERVE_URL)
        built = time.perf_counter()
        config.plugins["portal"].wait_for_search()
        return built - start, time.perf_counter() - built

    def close(self) -> None:
        self.first.plugins.on_startup(command="build", dirty=False)
        self.first.plugins.on_shutdown()


def save(preview: Preview, edit: Edit, n: int, profile: cProfile.Profile | None) -> float:
    """Edit, rebuild (profiled if asked), undo, rebuild: the edited rebuild's seconds."""
    text = edit.path.read_text(encoding="utf-8")
    edit.path.write_text(text.replace(edit.before, edit.after.format(n=n), 1), encoding="utf-8")
    if profile:
        profile.enable()
    built, search = preview.rebuild()
    if profile:
        profile.disable()
    page = preview.site_dir / edit.page.strip("/") / "index.html"
    assert edit.shown.format(n=n) in page.read_text(encoding="utf-8"), page
    edit.path.write_text(text, encoding="utf-8")
    preview.rebuild()
    print(f"{edit.kind} : {built:.2f} s, puis la recherche {search:.2f} s", file=sys.stderr)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="bundled", help="« bundled » or N")
    parser.add_argument("--kind", choices=KINDS, action="append", help="edits (default: all)")
    parser.add_argument("--repeat", type=int, default=2, help="saves of each kind")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic content")
    parser.add_argument("--profile", type=Path, help="cProfile file of the edited rebuilds")
    parser.add_argument("--work", type=Path, help="folder for the temporary one")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1748736000")  # the tree is no git checkout
    show_what_was_rendered()
    work = Path(tempfile.mkdtemp(prefix="portal-bench-rebuild-", dir=args.work))
    try:
        head = export_head(work / "repo")
        root = work / "portal"
        if args.size == "bundled":
            shutil.copytree(head, root)
        else:
            write(spec_for(int(args.size), args.seed), root, repo=head)
        (work / "site").mkdir()
        preview = Preview(root, work / "site")
        profile = cProfile.Profile() if args.profile else None
        times: dict[str, list[float]] = {}
        n = 0
        for edit in edits(root):
            if args.kind and edit.kind not in args.kind:
                continue
            for _ in range(args.repeat):
                n += 1
                times.setdefault(edit.kind, []).append(save(preview, edit, n, profile))
        preview.close()
        if profile:
            profile.dump_stats(args.profile)
    finally:
        if args.keep:
            print(f"Conservé : {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    for kind, seconds in times.items():
        print(f"{args.size} {kind}: median {statistics.median(seconds):.2f} s, "
              f"{min(seconds):.2f}–{max(seconds):.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
