"""Open data (generator/render/api.py): each file is laid out as ``json.dumps(..., indent=2)``
lays it out, whether its records are laid out anew or taken from the memo of laid-out records
(``mkdocs serve`` writes every file again at each save)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.pipeline import load_site
from generator.render.api import render_api

from .support import copy_valid, replace_in


@pytest.mark.usefixtures("memos_kept")
def test_open_data_is_json_laid_out_with_two_spaces(tmp_path: Path) -> None:
    root = copy_valid(tmp_path)
    first = {path: text() for path, text in render_api(load_site(root)).items()}
    files = {"api/campus.json", "api/actions.json", "api/evenements.json", "api/glossaire.json"}
    assert set(first) == files
    for path, text in first.items():
        data = json.loads(text)
        assert data["count"] == len(data["items"]) > 0, path
        assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n", path
    # Again, one action changed: the others' records come from the memo, laid out the same.
    replace_in(root / "content/actions/engagement-tour.md", "summary: ", "summary: Nouveau. ")
    again = {path: text() for path, text in render_api(load_site(root)).items()}
    actions = json.loads(again["api/actions.json"])
    assert again["api/actions.json"] == json.dumps(actions, ensure_ascii=False, indent=2) + "\n"
    summaries = {a["slug"]: a["summary"] for a in actions["items"]}
    assert summaries["engagement-tour"].startswith("Nouveau. ")
    assert {p: t for p, t in again.items() if p != "api/actions.json"} == {
        p: t for p, t in first.items() if p != "api/actions.json"
    }
    # A venue's intervention type changed: the actions at that venue say so, their files as
    # they were (their items are the same objects as before, validate.py).
    venues = root / "content/vocabularies/venues.yml"
    replace_in(venues, "intervention: sortie", "intervention: etablissement")
    site = load_site(root)
    assert "site" in site.content.actions["engagement-tour"].venues
    later = json.loads(render_api(site)["api/actions.json"]())
    derived = {a["slug"]: a["interventions"] for a in later["items"]}
    assert "sortie" in {a["slug"]: a["interventions"] for a in actions["items"]}["engagement-tour"]
    assert "sortie" not in derived["engagement-tour"]
