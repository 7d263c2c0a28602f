"""Site-relative URLs and the relative links between pages (so the site works under any path)."""

from __future__ import annotations

import posixpath


def relative(from_url: str, to_url: str) -> str:
    """Link from the page at ``from_url`` to ``to_url``; both site-relative, starting with "/".

    ``relative("/campus/x/", "/actions/y/")`` → ``"../../actions/y/"``.
    """
    base = from_url if from_url.endswith("/") else posixpath.dirname(from_url) + "/"
    target, _, fragment = to_url.partition("#")
    # posixpath.relpath would do, but it asks the OS for the working directory at every call,
    # and a build makes tens of thousands of links: the paths are clean, compare their parts.
    start = [part for part in base.split("/") if part]
    parts = [part for part in target.split("/") if part]
    common = 0
    for a, b in zip(start, parts, strict=False):
        if a != b:
            break
        common += 1
    path = "/".join([".."] * (len(start) - common) + parts[common:]) or "."
    if target.endswith("/") and not path.endswith("/"):
        path += "/"
    return path + (f"#{fragment}" if fragment else "")


def src_uri(url: str) -> str:
    """The Markdown source path MkDocs needs for a page URL: ``/campus/x/`` → ``campus/x.md``."""
    path = url.strip("/")
    return "index.md" if not path else f"{path}.md" if "/" in path else f"{path}/index.md"


def absolute(site_url: str | None, url: str) -> str | None:
    """The full address of a site-relative URL, when the site's own address is known."""
    if not site_url:
        return None
    return site_url.rstrip("/") + url
