"""Editing for communications officers: templates, JSON Schemas, the web form, the check's output.

One schema drives the template, the form and the check; these tests hold each of them to the
models, so that a field added to a model and forgotten somewhere fails here.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
import types
import typing
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator import cli
from generator.cms import WIDGETS, Backend, collections_of, render_cms
from generator.contenttypes import by_name, content_types
from generator.errors import Problem, Severity
from generator.load import load_sources
from generator.models.common import RESERVED_FIELDS
from generator.pipeline import check
from generator.schema import schemas
from generator.vocabularies import load_vocabularies

from .support import BAD, REPO, VALID, overlay


def portal(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


def front_matter(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text(encoding="utf-8")
    _, head, body = text.split("---\n", 2)
    data = yaml.safe_load(head)
    assert isinstance(data, dict)
    return data, body


def write_front_matter(path: Path, data: dict[str, Any], body: str) -> None:
    head = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{head}---\n{body}", encoding="utf-8")


def errors_of(root: Path) -> list[str]:
    _, problems = check(root)
    return [str(p) for p in problems if p.severity is Severity.ERROR]


def model_fields(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every field name of ``model`` and of the models inside it, as the guide writes them:
    ``booking.email``, ``figures[].year``."""
    names = []
    for name, field in model.model_fields.items():
        if name in RESERVED_FIELDS:
            continue
        names.append(prefix + name)
        inner = nested_model(field.annotation)
        if inner is not None:
            many = "[]" if typing.get_origin(field.annotation) is tuple else ""
            names += model_fields(inner, f"{prefix}{name}{many}.")
    return names


def nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = nested_model(arg)
        if found is not None:
            return found
    return None


# ---------------------------------------------------------------------------------------------
# portal new

CONTENT_ATTRIBUTES = {
    "campus": "campuses",
    "action": "actions",
    "event": "events",
    "glossary": "glossary",
}

# What a test writes in the required fields the template leaves empty, per kind.
FILLED: dict[str, tuple[str, list[str], dict[str, Any]]] = {
    "campus": ("Campus des métiers de l'eau", [], {"short_name": "Eau", "sectors": ["energie"]}),
    "action": (
        "Atelier « énergie » à Dijon",
        ["--campus", "green-city"],
        {"summary": "Un atelier.", "format": "atelier", "audiences": ["lyceens"]},
    ),
    "event": (
        "Forum des métiers : 2026",
        [],
        {"start": "2026-03-12T09:30", "campus": ["foret-bois"]},
    ),
    "acronym": ("CFA-BTP", [], {"expansions": [{"text": "Centre de Formation d'Apprentis BTP"}]}),
}


@pytest.mark.parametrize("kind", sorted(FILLED))
def test_new_file_passes_the_check_once_its_required_fields_are_filled(
    tree: Path, kind: str
) -> None:
    title, options, filled = FILLED[kind]
    result = portal("new", kind, title, "--root", str(tree), *options)
    assert result.returncode == 0, result.stderr
    created = result.stdout.splitlines()[0].removeprefix("Fichier créé : ").split(" (")[0]
    path = tree / created
    assert path.is_file()
    assert "portal check" in result.stdout and "./scripts/serve" in result.stdout
    content_type = next(t for t in content_types() if path.is_relative_to(tree / t.folder))

    # Untouched, the template parses, and the check names exactly the fields still to fill.
    text = path.read_text(encoding="utf-8")
    errors = errors_of(tree)
    assert errors, "an unfilled template must not pass"
    assert all(e.startswith(created) for e in errors), errors
    reported = {e.split(": ")[1].split("[")[0].split(".")[0] for e in errors}
    assert reported == set(filled), errors
    # Every field of the model is in the template, nested ones too.
    for name in model_fields(content_type.model):
        assert f"{name.rsplit('.', 1)[-1]}:" in text, name

    data, body = front_matter(path)
    assert data["title"] == title
    data.update(filled)
    write_front_matter(path, data, body)
    site, problems = check(tree)
    assert [str(p) for p in problems if p.severity is Severity.ERROR] == []
    assert site is not None
    assert path.stem in getattr(site.content, CONTENT_ATTRIBUTES[content_type.name])


def test_new_refuses_to_overwrite(tree: Path) -> None:
    first = portal("new", "action", "Visite de chantier", "--root", str(tree))
    assert first.returncode == 0, first.stderr
    path = tree / "content/actions/visite-de-chantier.md"
    path.write_text(path.read_text(encoding="utf-8") + "Déjà commencé.\n", encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    again = portal("new", "action", "Visite de chantier", "--root", str(tree))
    assert again.returncode == 1
    assert "content/actions/visite-de-chantier.md existe déjà" in again.stderr
    assert "Traceback" not in again.stderr
    assert path.read_text(encoding="utf-8") == before
    # An existing bundled item too, whatever the case and accents of the title.
    existing = portal("new", "action", "Fresque du Climat", "--root", str(tree))
    assert existing.returncode == 1 and "fresque-du-climat.md existe déjà" in existing.stderr


def test_new_slug_has_no_accents(tree: Path) -> None:
    result = portal("new", "event", "Fête de l'Énergie à Besançon !", "--root", str(tree))
    assert result.returncode == 0, result.stderr
    assert (tree / "content/events/fete-de-l-energie-a-besancon.md").is_file()
    assert "/agenda/fete-de-l-energie-a-besancon/" in result.stdout
    data, _ = front_matter(tree / "content/events/fete-de-l-energie-a-besancon.md")
    assert data["title"] == "Fête de l'Énergie à Besançon !"


def test_new_checks_the_campus_option(tree: Path) -> None:
    result = portal("new", "action", "Atelier", "--campus", "gren-city", "--root", str(tree))
    assert result.returncode == 1
    assert "campus « gren-city » inconnu ; vouliez-vous dire « green-city » ?" in result.stderr
    assert not (tree / "content/actions/atelier.md").exists()
    acronym = portal("new", "acronym", "BTS", "--campus", "green-city", "--root", str(tree))
    assert acronym.returncode == 1 and "--campus" in acronym.stderr


def test_new_template_lists_the_vocabulary_of_the_tree(tree: Path) -> None:
    with (tree / "content/vocabularies/formats.yml").open("a", encoding="utf-8") as f:
        f.write("hackathon: Hackathon\n")
    assert portal("new", "action", "Hack", "--root", str(tree)).returncode == 0
    text = (tree / "content/actions/hack.md").read_text(encoding="utf-8")
    assert "hackathon (Hackathon)" in text
    assert "content/vocabularies/formats.yml" in text


# ---------------------------------------------------------------------------------------------
# JSON Schemas


def jsonable(value: Any) -> Any:
    """Front matter as JSON would carry it (YAML dates become ISO text)."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat()))


def schema_errors(root: Path, only: set[str] | None = None) -> dict[str, list[str]]:
    """Schema errors of every content file under ``root`` (or of the files ``only``)."""
    by_type = schemas(root)
    sources, _ = load_sources(root)
    found: dict[str, list[str]] = {}
    for source in sources:
        if only is not None and source.path not in only:
            continue
        validator = jsonschema.Draft202012Validator(
            by_type[source.type.name], format_checker=jsonschema.FormatChecker()
        )
        found[source.path] = [
            e.message for e in validator.iter_errors(jsonable(source.document.data))
        ]
    return found


@pytest.mark.parametrize("root", [REPO, VALID], ids=["bundled", "fixture"])
def test_schemas_accept_every_content_file(root: Path) -> None:
    found = schema_errors(root)
    assert len(found) > 10
    assert {path: errors for path, errors in found.items() if errors} == {}


# The bad fixtures a schema can see: one file's front matter, not the tree or the file's name.
SCHEMA_LEVEL = [
    "bookable-without-contact",
    "malformed-date",
    "unknown-action",
    "unknown-campus",
    "unknown-field",
    "unknown-vocabulary",
]


@pytest.mark.parametrize("case", SCHEMA_LEVEL)
def test_schemas_reject_the_bad_fixtures(tree: Path, case: str) -> None:
    overlay(tree, case)
    broken = {p.relative_to(BAD / case).as_posix() for p in (BAD / case).rglob("*.md")}
    found = schema_errors(tree, broken)
    assert set(found) == broken
    assert all(found.values()), found


def test_schemas_are_valid_json_schema_with_french_titles_and_enums(tmp_path: Path) -> None:
    result = portal("schema", "--out", str(tmp_path / "schemas"), "--root", str(VALID))
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert written == sorted(t.schema_file for t in content_types())
    action = json.loads((tmp_path / "schemas/action.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(action)
    assert action["title"] == "Action"
    summary = action["properties"]["summary"]
    assert summary["title"] == "Résumé en une phrase"
    assert summary["description"].startswith("Résumé en une phrase, affiché dans le catalogue")
    assert action["properties"]["format"]["enum"] == ["atelier", "stage", "fresque"]
    audiences = action["properties"]["audiences"]["anyOf"][1]["items"]
    assert audiences["x-enum-labels"]["collegiens"] == "Collégiens"
    assert action["properties"]["campus"]["anyOf"][0]["enum"] == ["foret-bois", "green-city"]
    # Without --out, nothing is written: what would be is listed.
    listed = portal("schema", "--root", str(VALID), cwd=tmp_path)
    assert listed.returncode == 0
    assert all(name in listed.stdout for name in (t.schema_file for t in content_types()))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["schemas"]


# ---------------------------------------------------------------------------------------------
# The web form


def expected_widget(type_name: str, path: tuple[str, ...], field: FieldInfo) -> str:
    """The widget a field must have, read from its Python type (independently of the schema)."""
    for pattern, _ in by_name(type_name).vocabularies:
        if pattern in (path, (*path, "*")):
            return "select"
    for pattern, _ in by_name(type_name).references:
        if pattern in (path, (*path, "*")):
            return "relation"
    annotation = bare(field.annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):  # X | None
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = bare(args[0]) if len(args) == 1 else annotation
    origin = typing.get_origin(annotation)
    if annotation is bool:
        return "boolean"
    if annotation is int:
        return "number"
    if origin is typing.Literal:
        return "select"
    if set(typing.get_args(annotation)) == {date, datetime}:
        return "datetime"
    if origin is dict:
        return "object"
    if origin is tuple:
        return "list"
    if nested_model(annotation) is not None:
        return "object"
    assert annotation is str, (path, annotation)
    return "string|text"


def bare(annotation: Any) -> Any:
    """``Annotated[X, …]`` → ``X``."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def compare(
    type_name: str, model: type[BaseModel], widgets: list[dict[str, Any]], path: tuple[str, ...]
) -> int:
    """Check every field of ``model`` against ``widgets``; the number of fields checked."""
    by_name = {w["name"]: w for w in widgets}
    names = [n for n in model.model_fields if n not in RESERVED_FIELDS]
    assert [w["name"] for w in widgets if w["name"] != "body"] == names
    checked = 0
    for name in names:
        field = model.model_fields[name]
        widget = by_name[name]
        here = (*path, name)
        where = f"{type_name}: {'.'.join(here)}"
        assert widget["required"] is field.is_required(), where
        assert widget["label"] and widget["label"][0].isupper(), where
        expected = expected_widget(type_name, here, field)
        base = WIDGETS.get(widget["widget"], widget["widget"])  # portal-cms.js wraps Decap's
        assert base in expected.split("|"), (where, widget["widget"], expected)
        checked += 1
        inner = nested_model(field.annotation)
        if inner is not None:
            multiple = typing.get_origin(field.annotation) is tuple
            assert widget["widget"] == ("list" if multiple else "object"), where
            checked += compare(type_name, inner, widget["fields"], (*here, *("*",) * multiple))
    return checked


def test_cms_has_every_model_field_with_its_widget_and_required_flag() -> None:
    files = render_cms(VALID)
    config = yaml.safe_load(files["admin/config.yml"])
    vocabularies, _ = load_vocabularies(VALID)
    assert config["publish_mode"] == "editorial_workflow"
    backend = config["backend"]
    messages = backend.pop("commit_messages")
    assert messages["create"] == "Création\u00a0: {{collection}} «\u00a0{{slug}}\u00a0»"
    assert backend == {"name": "github", "repo": "ORGANISATION/DEPOT", "branch": "main"}
    folders = {}
    checked = 0
    for content_type, collection in collections_of(config):
        folders[content_type.name] = collection["folder"]
        checked += compare(content_type.name, content_type.model, collection["fields"], ())
        body = collection["fields"][-1]
        assert body == {
            "name": "body",
            "label": body["label"],
            "widget": "markdown",
            "required": False,
        }
        widgets = {w["name"]: w for w in collection["fields"]}
        # Vocabulary selects offer the vocabulary's keys and labels; lists are multiple.
        for pattern, vocabulary_name in content_type.vocabularies:
            if len(pattern) > 2:
                continue
            widget = widgets[pattern[0]]
            terms = vocabularies[vocabulary_name].terms
            assert widget["options"] == [{"label": t.label, "value": k} for k, t in terms.items()]
            assert widget.get("multiple", False) is (pattern[-1] == "*")
        for pattern, target in content_type.references:
            widget = widgets[pattern[0]]
            assert widget["collection"] == target and widget["value_field"] == "{{slug}}"
            assert widget.get("multiple", False) is (pattern[-1] == "*")
    assert checked > 80
    assert folders == {
        "campus": "campuses",
        "action": "content/actions",
        "event": "content/events",
        "glossary": "content/glossary",
    }


def test_cms_nested_fields_and_hints() -> None:
    config = yaml.safe_load(render_cms(VALID)["admin/config.yml"])
    action = dict(collections_of(config))
    by_type = {t.name: {w["name"]: w for w in c["fields"]} for t, c in action.items()}
    figures = {w["name"]: w for w in by_type["action"]["figures"]["fields"]}
    participants = figures["participants"]
    assert [w["name"] for w in participants["fields"]] == [
        "collegiens",
        "lyceens",
        "etudiants",
        "enseignants",
    ]
    assert all(w["widget"] == "number" and w["value_type"] == "int" for w in participants["fields"])
    summary = by_type["action"]["summary"]
    assert summary["hint"].startswith("Résumé en une phrase, affiché dans le catalogue.")
    assert "\u00a0:" in summary["hint"]  # French spacing before the colon of « Exemple : »
    assert by_type["event"]["start"]["widget"] == "portal-when"
    assert by_type["action"]["free"]["widget"] == "portal-boolean"
    assert by_type["action"]["free"]["default"] is True  # shown when the file leaves it out
    assert by_type["action"]["status"]["options"][1] == {"label": "Archivée", "value": "archived"}
    social = {w["name"] for w in by_type["campus"]["contact"]["fields"][-1]["fields"]}
    assert {"Facebook", "LinkedIn"} <= social


def test_cms_backend_and_admin_page() -> None:
    files = render_cms(
        VALID,
        backend=Backend(repo="cmq-bfc/portail", branch="prod", base_url="https://auth.cmq.fr"),
        site_url="https://www.cmq-bfc.org/",
        content_path="site/",
    )
    assert sorted(files) == ["admin/config.yml", "admin/index.html"]
    config = yaml.safe_load(files["admin/config.yml"])
    del config["backend"]["commit_messages"]
    assert config["backend"] == {
        "name": "github",
        "repo": "cmq-bfc/portail",
        "branch": "prod",
        "base_url": "https://auth.cmq.fr",
    }
    assert config["site_url"] == "https://www.cmq-bfc.org/"
    assert dict(collections_of(config))[content_types()[1]]["folder"] == "site/content/actions"
    page = files["admin/index.html"]
    assert '<script src="decap-cms.js"></script>' in page  # served by the site itself
    assert page.count("<script") == 2 and '<html lang="fr">' in page
    assert "connect-src 'self' https://api.github.com;" in page
    assert render_cms(VALID) == render_cms(VALID)  # deterministic


# ---------------------------------------------------------------------------------------------
# portal check: errors and warnings


def run_check(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], problems: list[Problem]
) -> tuple[int, str, str]:
    site = None if any(p.severity is Severity.ERROR for p in problems) else _FakeSite()
    monkeypatch.setattr(cli, "check", lambda root: (site, problems))
    code = cli.main(["check", "--root", str(VALID)])
    out, err = capsys.readouterr()
    return code, out, err


class _FakeSite:
    def counts(self) -> dict[Any, int]:
        return {content_types()[1]: 3}


WARNING = Problem(
    "content/actions/a.md", 4, "summary", "« TI » ressemble à un sigle", Severity.WARNING
)
ERROR = Problem("content/actions/b.md", 2, "format", "valeur « x » inconnue")


def test_check_warnings_alone_pass(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_check(monkeypatch, capsys, [WARNING])
    assert code == 0
    assert out == "Contenu valide : 3 actions.\n"
    assert err.splitlines()[:2] == ["Avertissements (1) :", str(WARNING)]
    assert "Erreurs" not in err and "1 avertissement :" in err


def test_check_errors_and_warnings_are_apart(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_check(monkeypatch, capsys, [ERROR, WARNING])
    assert code == 1 and out == ""
    # The errors last, just above the conclusion: what a pipeline's log shows first.
    assert err.splitlines()[:4] == [
        "Avertissements (1) :",
        str(WARNING),
        "Erreurs (1) :",
        str(ERROR),
    ]
    assert "1 erreur et 1 avertissement : corrigez les erreurs" in err


# ---------------------------------------------------------------------------------------------
# pre-commit


def test_pre_commit_hooks_run_portal_check() -> None:
    offered = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert offered[0]["id"] == "portal-check" and offered[0]["entry"] == "portal check"
    assert offered[0]["pass_filenames"] is False
    local = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = local["repos"][0]["hooks"][0]
    assert local["repos"][0]["repo"] == "local" and hook["id"] == "portal-check"
    entry = shlex.split(hook["entry"])
    assert Path(entry[0]).name == "portal" and entry[1:] == ["check"]
    if not (REPO / entry[0]).exists():
        pytest.skip(f"{entry[0]} is not installed")
    result = subprocess.run(
        [str(REPO / entry[0]), *entry[1:]], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Contenu valide")


def test_tree_fixture_is_not_touched_by_new(tmp_path: Path) -> None:
    """``portal new`` writes only the new file (the guide promises it)."""
    root = tmp_path / "portal"
    shutil.copytree(VALID, root)
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    assert portal("new", "action", "Nouvelle", "--root", str(root)).returncode == 0
    after = sorted(p.relative_to(root) for p in root.rglob("*"))
    assert sorted(set(after) - set(before)) == [Path("content/actions/nouvelle.md")]


# ---------------------------------------------------------------------------------------------
# The guide (docs/contribuer.md)

GUIDE = REPO / "docs" / "contribuer.md"


def test_guide_explains_every_field() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    missing = [
        f"{t.name}: {name}"
        for t in content_types()
        for name in model_fields(t.model)
        if f"| `{name}` |" not in text
    ]
    assert missing == []


@pytest.mark.parametrize(
    "page", [GUIDE, *sorted(GUIDE.with_suffix("").glob("*.md"))], ids=lambda p: p.stem
)
def test_guide_has_french_typography(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    prose = re.sub(r"`[^`]*`|<https?://[^>]*>", "", prose)
    assert re.findall(r".{0,30}(?: [:;?!](?:\s|$)|« | »)", prose) == []
    assert "\u00a0:" in prose and "«\u00a0" in prose


A = "content/actions/fresque-de-la-construction.md"
E = "content/events/afterwork-construction-bois-mouchard-2025.md"
SUMMARY = (  # as the web form writes it (see tests/test_form.py): a long text folded
    "summary: Un atelier collaboratif sur les enjeux de la construction, animé pour\n"
    "  des élèves d'écoles d'ingénieurs pendant le Festival de la transition\n"
    "  écologique et numérique."
)
# The guide's ten errors, in its order: (file, text replaced, replacement), on the bundled content.
GUIDE_ERRORS = [
    (A, "format: fresque\n", ""),
    (A, SUMMARY, "summary:"),
    (A, "audiences:\n  - etudiants", "audiences:\n  - Étudiants"),
    (A, "campus: green-city", "campus: Green City"),
    (A, "lead: ", "porteur: "),
    (
        A,
        "lead: CMQ Green City (alors CMQ Territoire Intelligent)",
        "lead: Porteur : CMQ Green City",
    ),
    (E, "start: 2025-06-05T17:30", "start: 05/06/2025 17h30"),
    (E, "end: 2025-06-05T20:30", "end: 2025-06-05T16:30"),
    (A, "  bookable: false", "  bookable: true"),
    (A, None, "content/actions/Fresque-Bâtiment.md"),
]


def test_guide_quotes_the_real_messages(tmp_path: Path) -> None:
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("## Les dix erreurs les plus fréquentes", 1)[1].split("### Et aussi")[0]
    quoted = re.findall(r"```text\n(.*?)\n```", section, flags=re.S)
    assert len(quoted) == len(GUIDE_ERRORS) == 10
    for n, ((path, old, new), message) in enumerate(zip(GUIDE_ERRORS, quoted, strict=True)):
        root = tmp_path / f"case-{n}"
        for folder in ("campuses", "content"):
            shutil.copytree(REPO / folder, root / folder)
        target = root / path
        if old is None:
            shutil.copy(target, root / new)
        else:
            source = target.read_text(encoding="utf-8")
            assert old in source, (path, old)
            target.write_text(source.replace(old, new, 1), encoding="utf-8")
        errors = errors_of(root)
        if message.endswith(", …"):  # a long list of values, cut in the guide
            head = message.split(" ; valeurs possibles")[0].split(" ; campus existants")[0]
            head = head.split(" ; champs possibles")[0]
            assert any(e.startswith(head) for e in errors), (message, errors)
        else:
            assert message in errors, (message, errors)
