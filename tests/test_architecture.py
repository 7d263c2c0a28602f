"""The core stays movable: nothing but the adapter imports MkDocs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import generator

CORE = Path(generator.__file__).parent


def test_core_imports_nothing_from_mkdocs() -> None:
    modules = sorted(
        "generator." + ".".join(p.relative_to(CORE).with_suffix("").parts)
        for p in CORE.rglob("*.py")
        if "mkdocs_plugin" not in p.parts and p.name not in {"__init__.py", "__main__.py"}
    )
    assert "generator.pipeline" in modules and "generator.render.pages" in modules
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(n for n in sys.modules\n"
        "             if n == 'mkdocs' or n.startswith(('mkdocs.', 'material'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_no_front_matter_field_takes_a_name_the_open_data_contract_uses() -> None:
    from generator.contenttypes import content_types

    for content_type in content_types():
        dumped = set(content_type.model.model_fields) - {"slug", "path", "line", "body"}
        assert not dumped & {"slug", "url", "body", "all_day", "start_date", "end_date"}, (
            content_type.name
        )
