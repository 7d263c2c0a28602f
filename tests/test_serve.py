"""The preview as editors run it: a bare ``mkdocs serve`` rebuilds on a content edit and the open
page is told to reload.

A bare ``mkdocs serve`` on purpose (no ``--livereload``): with click > 8.2.1, MkDocs 1.6.1 starts
with live reload off (mkdocs#4032), which this test must catch if the pin in pyproject.toml goes.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

TIMEOUT = 120  # seconds: the first build, then the rebuild


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def stop(server: subprocess.Popen[bytes]) -> None:
    """The server and what it started (its process group): asked to stop, then killed."""
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def fetch(url: str, timeout: float = 10) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            text: str = response.read().decode("utf-8")
            return text
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, condition: str, deadline: float) -> str:
    """The page at ``url`` once it contains ``condition``, polled until ``deadline``."""
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and condition in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{url} never contained {condition!r}")


def test_an_edited_content_file_is_rebuilt_and_the_page_told_to_reload(tree: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tree.parent / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=tree,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, killed as a whole below
        )
        try:
            page_url = f"{base}/actions/engagement-tour/"
            deadline = time.monotonic() + TIMEOUT
            page = wait_for(page_url, "Engagement tour", deadline)

            # The live reload script is injected, with the build's epoch it polls against.
            found = re.search(r"livereload\((\d+), (\d+)\);", page)
            assert found, "no live reload script in the served page"
            epoch, request_id = found.groups()

            path = tree / "content/actions/engagement-tour.md"
            text = path.read_text(encoding="utf-8")
            assert "title: Engagement tour\n" in text
            path.write_text(
                text.replace("title: Engagement tour\n", "title: Tournée engagement 2026\n"),
                encoding="utf-8",
            )

            # What the open page's script does: a long poll answered with a newer epoch.
            newer = fetch(f"{base}/livereload/{epoch}/{request_id}", timeout=TIMEOUT)
            assert newer is not None and int(newer) > int(epoch), (newer, epoch)
            # And the reloaded page shows the edit.
            page = wait_for(page_url, "Tournée engagement 2026", time.monotonic() + TIMEOUT)
            assert "livereload(" in page
        finally:
            stop(server)
    assert "Traceback" not in log.read_text(encoding="utf-8")


def test_the_served_site_after_edits_is_the_site_a_full_build_writes(tmp_path: Path) -> None:
    """The incremental preview under the real server: after each save, the folder it serves
    holds the files a fresh ``mkdocs build`` of the tree writes, byte for byte (the live
    reload script is added as pages are served, not written)."""
    from generator.mkdocs_plugin.plugin import SEARCH_DONE

    from .support import files_of, mkdocs_build, preview_tree, replace_in

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    tree = preview_tree(tmp_path)
    config = tree / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("http://127.0.0.1:8000/", f"{base}/"), encoding="utf-8")
    temporary = tmp_path / "tmp"  # where `mkdocs serve` makes its site folder
    temporary.mkdir()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
            cwd=tree,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temporary)},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            page_url = f"{base}/actions/engagement-tour/"
            page = wait_for(page_url, "Engagement tour", time.monotonic() + TIMEOUT)
            (served,) = temporary.glob("mkdocs_*")
            builds = 0

            def saved(path: Path, before: str, after: str, name: str) -> None:
                nonlocal page, builds
                found = re.search(r"livereload\((\d+), (\d+)\);", page)
                assert found
                if before:
                    replace_in(path, before, after)
                else:
                    path.unlink()
                newer = fetch(f"{base}/livereload/{found[1]}/{found[2]}", timeout=TIMEOUT)
                assert newer is not None and int(newer) > int(found[1]), name
                page = wait_for(page_url, "livereload(", time.monotonic() + TIMEOUT)
                # Search is written after the page is shown: wait for this build's (and the first).
                deadline = time.monotonic() + TIMEOUT
                while log.read_text(encoding="utf-8").count(SEARCH_DONE) < builds + 2:
                    assert time.monotonic() < deadline, name
                    time.sleep(0.1)
                out = tmp_path / f"full-{name}"
                assert mkdocs_build(tree, out).returncode == 0
                mine, full = files_of(served), files_of(out)
                assert sorted(mine) == sorted(full), name
                assert [p for p in full if mine[p] != full[p]] == [], name
                builds += 1

            action = tree / "content/actions/engagement-tour.md"
            saved(action, "summary: ", "summary: Résumé modifié. ", "action")
            saved(tree / "content/glossary/cfa.md", "Centre de F", "Centre de f", "glossary")
            saved(tree / "content/events/forum-orientation.md", "", "", "removed")
        finally:
            stop(server)
    text = log.read_text(encoding="utf-8")
    assert "Traceback" not in text
    assert "Aperçu : " in text  # the action's save reused pages
