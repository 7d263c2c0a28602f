"""What the tests share: the fixture trees and how to copy them, builds, a local HTTP server, and
the judges' files. Test modules import from here, never from one another; the fixtures built on
these live in conftest.py."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

TESTS = Path(__file__).parent
REPO = TESTS.parent
VALID = TESTS / "fixtures" / "valid"
BAD = TESTS / "fixtures" / "bad"

SITE_URL = "https://cmq.example.org/portail/"  # a sub-path: links must keep it
BUILD_DATE = "2025-06-01"  # June and November 2025 fixture events are upcoming
EPOCH = "1748736000"  # 1 June 2025: the bundled portal's fixed build date, for identical builds

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps trying to reach Google on a closed network.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

NODE_MODULES = REPO / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LINKINATOR = NODE_MODULES / "linkinator" / "build" / "src" / "cli.js"


# --- fixture trees ------------------------------------------------------------------------------


def copy_valid(path: Path) -> Path:
    """A writable copy of the valid fixture tree (with its mkdocs.yml fixed to the repo theme)."""
    root = path / "portal"
    shutil.copytree(VALID, root)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace("../../../theme", str(REPO / "theme")), encoding="utf-8"
    )
    return root


def overlay(root: Path, case: str) -> None:
    """Copy the broken files of ``fixtures/bad/<case>`` into the tree at ``root``."""
    shutil.copytree(BAD / case, root, dirs_exist_ok=True)


def with_options(root: Path, **options: object) -> Path:
    """The tree at ``root`` with these options of the portal plugin in its mkdocs.yml."""
    path = root / "mkdocs.yml"
    lines = "".join(f"      {key}: {value}\n" for key, value in options.items())
    text = path.read_text(encoding="utf-8")
    assert "  - portal:\n" in text
    path.write_text(text.replace("  - portal:\n", f"  - portal:\n{lines}", 1), encoding="utf-8")
    return root


def dated_tree(path: Path) -> Path:
    """A copy of the valid fixture with a site address and a fixed build date."""
    root = with_options(copy_valid(path), build_date=BUILD_DATE)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(f"site_url: {SITE_URL}\n{config}", encoding="utf-8")
    return root


# --- builds -------------------------------------------------------------------------------------


def mkdocs_build(
    root: Path, out: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of ``root`` into ``out``, in a process of its own; ``env`` is
    added to this process's environment for that build only."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"),
         "-d", str(out)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )  # fmt: skip


def build_site(root: Path) -> Path:
    """``mkdocs build --strict`` of ``root`` into a ``site`` folder beside it."""
    out = root.parent / "site"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    return out


def build_bundled(out: Path) -> None:
    """The repository's own portal, on its fixed build date."""
    result = mkdocs_build(REPO, out, {"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr


SERVE_URL = "http://127.0.0.1:8000/"  # what `mkdocs serve` sets site_url to


def preview_tree(path: Path) -> Path:
    """The valid fixture, dated, with the address `mkdocs serve` gives it (so that a full build
    of it writes the same links)."""
    root = copy_valid(path)
    # A copy of the theme: the tree's alone, whatever happens to the repository's meanwhile.
    shutil.copytree(REPO / "theme", root / "theme")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(str(REPO / "theme"), "theme")
    config.write_text(f"site_url: {SERVE_URL}\n{text}", "utf-8")
    # Search in shards of a few pages: a save leaves some shards as they were.
    return with_options(root, build_date=BUILD_DATE, search_shard_pages=4)


def replace_in(path: Path, before: str, after: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert before in text, (path, before)
    path.write_text(text.replace(before, after, 1), encoding="utf-8")


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def tree_hash(root: Path) -> dict[str, str]:
    return {path: hashlib.sha256(data).hexdigest() for path, data in files_of(root).items()}


# --- serving ------------------------------------------------------------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` over HTTP on a free local port; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


# --- judges -------------------------------------------------------------------------------------


class Axe:
    """axe-core in Chromium, page after page. One browser page per width is reused, and axe-core
    is loaded by its address (``axe_url``), so that Chromium keeps it compiled: a new page and
    the script's 500 kB injected each time cost more than axe-core's own run."""

    def __init__(self, browser: Browser, axe_url: str) -> None:
        self.browser = browser
        self.axe_url = axe_url
        self.pages: dict[int, Page] = {}
        self.errors: list[str] = []

    def __call__(self, url: str, width: int = 1280) -> list[dict[str, Any]]:
        """The violations on ``url``, and any console error as a violation of its own."""
        page = self.pages.get(width)
        if page is None:
            page = self.browser.new_page(viewport={"width": width, "height": 900})
            page.on("pageerror", lambda exc: self.errors.append(str(exc)))
            page.on(
                "console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None
            )
            self.pages[width] = page
        self.errors.clear()
        page.goto(url)
        page.wait_for_load_state("load")
        found = [
            {"rule": v["id"], "impact": v["impact"], "where": [n["target"] for n in v["nodes"]][:3]}
            for v in self.run(page)
        ]
        errors = list(self.errors)
        return found + [{"rule": "console", "impact": "error", "where": errors}] * bool(errors)

    def run(self, page: Page) -> list[dict[str, Any]]:
        """axe-core's violations on ``page`` as it stands."""
        page.add_script_tag(url=self.axe_url)
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        violations: list[dict[str, Any]] = result["violations"]
        return violations

    def close(self) -> None:
        for page in self.pages.values():
            page.close()


def vnu(root: Path, files: list[str]) -> list[dict[str, Any]]:
    """The Nu Html Checker's errors on ``files`` (paths relative to ``root``)."""
    java = shutil.which("java")
    assert java, "Java is needed for the Nu Html Checker"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        cwd=root, capture_output=True, text=True, check=False,
    )  # fmt: skip
    messages: list[dict[str, Any]] = json.loads(result.stderr or result.stdout)["messages"]
    return messages


def at(page: Page, day: str) -> None:
    """Freeze the browser's clock at noon, Paris time, on ``day``."""
    noon = datetime.fromisoformat(f"{day}T12:00").replace(tzinfo=ZoneInfo("Europe/Paris"))
    page.clock.set_fixed_time(noon)
