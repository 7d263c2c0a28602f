"""The plugin's one typed configuration (``plugins: - portal: {…}`` in mkdocs.yml); the defaults
are the core's (``generator.siteconfig.PortalOptions``), which ``portal export`` reads too."""

from __future__ import annotations

from datetime import date

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..siteconfig import DEFAULTS as D


class PortalConfig(Config):
    # Folder holding campuses/ and content/, relative to mkdocs.yml.
    root = c.Type(str, default=D.root)
    # Jinja2 fragments the core renders generated pages with, relative to mkdocs.yml.
    fragments = c.Type(str, default=D.fragments)
    # Date that splits upcoming from past events (AAAA-MM-JJ); empty: SOURCE_DATE_EPOCH or today.
    build_date: c.Optional[str | date] = c.Optional(c.Type((str, date)))
    # The editors' guide (Markdown), published at /contribuer/; empty: not published.
    guide = c.Type(str, default=D.guide)
    # Full-text search: Pagefind bundles in /pagefind/, /pagefind-2/… (see generator/search.py),
    # one per shard of at most search_shard_pages pages, so the indexer's memory stays bounded.
    search = c.Type(bool, default=D.search)
    search_shard_pages = c.Type(int, default=D.search_shard_pages)
    # Processes rendering pages in `mkdocs build` (see workers.py): 0, one per core; 1, MkDocs
    # alone. The site is the same whatever the number.
    processes = c.Type(int, default=D.processes)
    # `mkdocs serve`: a rebuild with at least this many pages to render renders them in as many
    # processes too (a label used by hundreds of pages); 0, never.
    serve_processes_from = c.Type(int, default=D.serve_processes_from)
    # `mkdocs serve`: a rebuild renders only the outputs an edit changed and reuses the others
    # (see incremental.py); false, every rebuild is whole. `mkdocs build` is always whole.
    incremental = c.Type(bool, default=D.incremental)
    # Build in a shallow git clone anyway, with a warning (feed dates then come from the cut
    # history: see generator/revisions.py). Off: such a build is refused.
    allow_shallow_clone = c.Type(bool, default=D.allow_shallow_clone)
    # Write a gzip copy (.gz) beside every HTML, CSS, JS, JSON, XML, SVG and ICS file, for static
    # hosts that serve them as they are (GitLab Pages, nginx's gzip_static).
    precompress = c.Type(bool, default=D.precompress)
    # The web form (Decap CMS, see generator/cms.py) at /admin/, and the forge it commits to.
    cms = c.Type(bool, default=D.cms)
    cms_backend = c.Choice(("github", "gitlab"), default=D.cms_backend)
    cms_repo = c.Type(str, default=D.cms_repo)
    cms_branch = c.Type(str, default=D.cms_branch)
    # GitHub: the OAuth client's address; GitLab: the forge's, when it is not gitlab.com.
    cms_auth_url: c.Optional[str] = c.Optional(c.Type(str))
    # GitLab: the id of the forge's OAuth application (PKCE: no server of one's own to run).
    cms_app_id: c.Optional[str] = c.Optional(c.Type(str))
    # decap-server's API (scripts/form): the form then commits to this machine's repository.
    cms_local_backend: c.Optional[str] = c.Optional(c.Type(str))
