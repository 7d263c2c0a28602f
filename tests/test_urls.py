"""Relative links between site-relative URLs (the site must work under any path)."""

from __future__ import annotations

import posixpath
from itertools import product

import pytest

from generator.render.urls import relative

URLS = [
    "/",
    "/actions/",
    "/actions/fresque-du-climat/",
    "/campus/foret-bois/",
    "/campus/foret-bois/rapport-2024/",
    "/campus/forets/",
    "/glossaire/#cfa",
    "/api/actions.json",
    "/agenda/campus/foret-bois.ics",
    "/404.html",
]


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("/campus/x/", "/actions/y/", "../../actions/y/"),
        ("/campus/x/", "/campus/x/", "./"),
        ("/", "/glossaire/#cfa", "glossaire/#cfa"),
        ("/campus/x/rapport-2024/", "/", "../../../"),
        ("/campus/x/", "/campus/x/rapport-2024/", "rapport-2024/"),
        ("/campus/foret-bois/", "/campus/forets/", "../forets/"),  # a shared prefix is not a folder
        ("/404.html", "/api/actions.json", "api/actions.json"),
    ],
)
def test_relative_links(source: str, target: str, expected: str) -> None:
    assert relative(source, target) == expected


@pytest.mark.parametrize(("source", "target"), list(product(URLS, URLS)))
def test_every_relative_link_leads_to_its_target(source: str, target: str) -> None:
    base = source if source.endswith("/") else posixpath.dirname(source).rstrip("/") + "/"
    path, _, fragment = target.partition("#")
    link, _, link_fragment = relative(source, target).partition("#")
    assert not link.startswith("/") and link_fragment == fragment
    assert posixpath.normpath(posixpath.join(base, link)) == posixpath.normpath(path)
    assert link.endswith("/") == path.endswith("/")  # a folder stays a folder
    assert link == posixpath.relpath(path, base) + ("/" if path.endswith("/") else "")
