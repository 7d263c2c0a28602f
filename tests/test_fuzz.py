"""Bad input of any shape gives the project's own problems, never another exception.

Short in CI; a long run: ``FUZZ_EXAMPLES=10000 .venv/bin/python -m pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import Problem
from generator.frontmatter import parse
from generator.pipeline import check

from .support import VALID

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=2000),
    st.dates(),
    st.datetimes(),
    st.sampled_from(["<script>alert(1)</script>", "2025-02-30", "green-city", "", "~", "0x1F"]),
)
junk = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = [
    "title", "campus", "summary", "format", "audiences", "levels", "start", "end", "kind",
    "expansions", "booking", "figures", "location", "status", "short_name", "sectors", "label",
]  # fmt: skip
front_matter = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=10), junk, max_size=8)


def problems_only(result: object) -> None:
    if isinstance(result, list):
        assert all(isinstance(p, Problem) for p in result)


@FUZZ
@given(text=st.text(max_size=400))
def test_any_text_parses_or_gives_problems(text: str) -> None:
    problems_only(parse(text, "x.md"))
    problems_only(parse("---\n" + text + "\n---\n", "x.md"))


@FUZZ
@given(
    data=front_matter,
    folder=st.sampled_from(["campuses", "content/actions", "content/events", "content/glossary"]),
)
def test_any_front_matter_gives_only_content_problems(
    tmp_path: Path, data: dict, folder: str
) -> None:
    root = tmp_path / "portal"
    if not root.exists():
        shutil.copytree(VALID, root)
    target = root / folder / "fuzz.md"
    text = yaml.safe_dump(data, allow_unicode=True)
    target.write_text(f"---\n{text}---\nCorps.\n", encoding="utf-8")
    site, problems = check(root)  # must not raise
    assert all(isinstance(p, Problem) and p.path and p.line >= 1 for p in problems)
    assert site is not None or problems
    for problem in problems:
        assert str(problem).startswith(f"{problem.path}:{problem.line}: ")
