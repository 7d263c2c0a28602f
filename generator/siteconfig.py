"""mkdocs.yml read by the core itself (``portal check``, ``portal export``), as MkDocs reads it:
``!ENV`` resolved, its other tags (``!relative``, ``!!python/name``) read as no value."""

from __future__ import annotations

import os
from typing import Any, cast

import yaml

CONFIG_FILE = "mkdocs.yml"


class ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it: ``!ENV`` resolved, its other tags read as no value."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``: the first variable set, else the
    default (the last item of a list), as MkDocs' ``!ENV`` does."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [str(loader.construct_scalar(node))], None
    else:
        items = loader.construct_sequence(cast(yaml.SequenceNode, node))
        *variables, default = items if len(items) > 1 else [*items, None]
        names = [str(n) for n in variables]
    return next((os.environ[n] for n in names if n in os.environ), default)


ConfigLoader.add_constructor("!ENV", _env)
ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_config(text: str) -> Any:
    """The configuration's values; raises ``yaml.YAMLError`` on a file that is not YAML."""
    return yaml.load(text, Loader=ConfigLoader)
