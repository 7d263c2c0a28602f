"""mkdocs.yml read by the core itself (``portal check``, ``portal export``), as MkDocs reads it:
``!ENV`` resolved, its other tags (``!relative``, ``!!python/name``) read as no value."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

import yaml

from .cms import Backend
from .search import SHARD_PAGES

CONFIG_FILE = "mkdocs.yml"
PLUGIN = "portal"  # the plugin's name under « plugins: » in mkdocs.yml


@dataclass(frozen=True)
class PortalOptions:
    """The portal's options (``plugins: - portal: {…}`` in mkdocs.yml) and their defaults: the
    plugin's typed configuration (mkdocs_plugin/config.py, which says what each does) takes its
    defaults from here, and ``portal export`` reads them with these."""

    root: str = "."
    fragments: str = "theme/fragments"
    build_date: str | date | None = None
    guide: str = "docs/contribuer.md"
    search: bool = True
    search_shard_pages: int = SHARD_PAGES
    processes: int = 0
    serve_processes_from: int = 100
    incremental: bool = True
    allow_shallow_clone: bool = False
    precompress: bool = False
    cms: bool = False
    cms_backend: str = "github"
    cms_repo: str = "ORGANISATION/DEPOT"
    cms_branch: str = "main"
    cms_auth_url: str | None = None
    cms_app_id: str | None = None
    cms_local_backend: str | None = None

    @classmethod
    def of(cls, config: Any) -> PortalOptions:
        """The options written under the plugin in a configuration read by :func:`read_config`
        (the others keep their defaults); raises ``LookupError`` when the plugin is not there."""
        for entry in config.get("plugins") or []:
            if entry == PLUGIN or (isinstance(entry, dict) and PLUGIN in entry):
                given = (entry[PLUGIN] if isinstance(entry, dict) else None) or {}
                names = {f.name for f in dataclasses.fields(cls)}
                return cls(**{k: v for k, v in given.items() if k in names})
        raise LookupError(PLUGIN)


DEFAULTS = PortalOptions()


def backend(options: Any) -> Backend | None:
    """The web form's forge, when the form is on; ``options``: :class:`PortalOptions` or the
    plugin's configuration, which have the same names."""
    if not options.cms:
        return None
    return Backend(
        name=options.cms_backend,
        repo=options.cms_repo,
        branch=options.cms_branch,
        base_url=options.cms_auth_url,
        app_id=options.cms_app_id,
        local_backend=options.cms_local_backend,
    )


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
