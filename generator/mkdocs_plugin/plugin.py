"""MkDocs plugin ``portal``: feeds the core's generated pages and files into the build.

Thin by design: the core does the work; this module only translates between MkDocs and it, and is
the one place where the core's ContentError becomes MkDocs' PluginError.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.utils.meta import get_data

from .. import memos
from ..builddate import build_date
from ..contenttypes import EVENT
from ..dependencies import Snapshot, fingerprints
from ..errors import ContentError, Severity
from ..index import Site
from ..legal import LegalSettings, load_legal
from ..legal import warn as warn_legal
from ..pipeline import load_site
from ..plan import (
    THEME_CSS,
    THEME_JS,
    Kind,
    Output,
    Plan,
    PlanError,
    Settings,
    Unfinished,
    heading,
    plan,
)
from ..precompress import precompress
from ..render.abbreviations import AbbreviationsExtension
from ..render.pages import Page, PageRenderer
from ..render.typography import TypographyExtension
from ..routes import ROUTES, calendar_url
from ..search import SearchIndexer, SearchIndexError
from ..siteconfig import backend
from .config import PortalConfig
from .deferred import DeferredFile
from .held import HeldContent
from .incremental import Incremental, tree_key
from .material_fixes import fix_page
from .nav_cache import cache_nav
from .polling import Polling
from .workers import WorkerError, Workers, _ElsewhereFilter, usable_processes

# MkDocs' --strict counts warnings logged under "mkdocs.*" only.
log = logging.getLogger("mkdocs.plugins.portal")

SEARCH_DONE = "Recherche : index à jour."  # the preview's search, once written
# The collector's third threshold during a preview's build: no full pass; and out of one.
FULL_PASSES_HELD = 1_000_000
FULL_PASSES = gc.get_threshold()[2]


class PortalPlugin(BasePlugin[PortalConfig]):
    def __init__(self) -> None:
        self.site: Site | None = None
        self.base = Path()
        self.renderer: PageRenderer | None = None
        self.plan: Plan | None = None  # this build's outputs (generator/plan.py)
        self.unfinished: Unfinished | None = None  # the page being rendered, before its body
        self.abbreviations: AbbreviationsExtension | None = None  # marks the bodies' acronyms
        self.pages: dict[str, Page] = {}  # generated pages, by source URI
        self.guide: Path | None = None  # the editors' guide, when the file exists
        self.indexer: SearchIndexer | None = None  # this build's search index, when search is on
        self.order: dict[str, int] = {}  # the indexed pages' numbers in search, by source URI
        self.parallel = False  # several processes render pages (`mkdocs serve`: see on_nav)
        self.serving = False  # `mkdocs serve`: a preview, never published
        self.dirty = False
        self.search_thread: threading.Thread | None = None  # the preview's last Pagefind runs
        # The preview's search documents, kept from a build to the next (search.py's ``work``).
        self.search_work: Path | None = None
        self.search_failed = False
        self.workers = Workers(1, [])
        self.nav: Navigation | None = None  # this build's, for cache_nav
        # `mkdocs serve`: what the previous build was made of, to render only what changed.
        self.incremental = Incremental()
        self.polling = Polling()  # `mkdocs serve`'s watching for changes
        self.held = HeldContent()  # pages' contents between MkDocs' two loops
        self.snapshot: Snapshot | None = None  # this build's, once the nav is known
        # The previous build's search documents, by source URI: a page a rebuild does not
        # render keeps its document, moved when its shard changed.
        self.previous_documents: dict[str, str] = {}
        self.reused_filter = _ElsewhereFilter(set())
        # Each event's iCalendar text (an event is in three feeds), by slug: this build's
        # writer's, and the previous build's for the events whose feed still holds.
        self.vevents: dict[str, str] = {}
        self.previous_vevents: dict[str, str] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve` rebuilds in its server's process, and a --dirty build renders only the
        # pages changed: both as MkDocs alone does them.
        self.parallel = command != "serve" and not dirty
        self.serving = command == "serve"
        self.dirty = dirty  # MkDocs' own partial rebuild: no incremental one on top of it
        self.on_shutdown()  # a previous session's search, in this process
        memos.keep(self.serving)  # for the rebuilds to come
        self.incremental.forget()  # MkDocs keeps this plugin across sessions of one process
        self.previous_documents = {}
        self.previous_vevents = {}

    @property
    def incremental_on(self) -> bool:
        """Whether this build may reuse the previous one's outputs (`mkdocs serve` only)."""
        on = self.config.incremental and not self.config.precompress
        return self.serving and not self.dirty and on

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.polling.building()
        # Before MkDocs empties the site folder: the previous build's files are moved aside.
        self.wait_for_search()
        if self.serving:
            # No full pass of the collector until the page is shown: at 2,000 items, one costs
            # half a second (the previous build's site, the memos, MkDocs' state). Young
            # objects are still collected; the search thread makes the full pass
            # (_finish_search).
            young, middle, _ = gc.get_threshold()
            gc.set_threshold(young, middle, FULL_PASSES_HELD)
        if self.search_failed:  # the previous build's search: start again from nothing
            self.search_failed = False
            self.incremental.forget()
            self.on_shutdown()
        if self.incremental_on:
            self.incremental.begin(config)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Paths in the plugin config are relative to mkdocs.yml, wherever mkdocs is run from.
        self.base = Path(config.config_file_path or ".").resolve().parent
        guide = self.base / self.config.guide if self.config.guide else None
        self.guide = guide if guide is not None and guide.is_file() else None
        # The portal's own style and catalogue script (in theme/assets/) come with the plugin, so a
        # site's mkdocs.yml need not list them.
        for css in THEME_CSS:
            if css not in config.extra_css:
                config.extra_css.append(css)
        for js in THEME_JS:
            if js not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(ExtraScriptValue(js))
        config.extra["portal_search"] = self.config.search  # theme: header, Pagefind's assets
        config.extra["portal_routes"] = ROUTES.for_theme()  # theme: footer, feeds
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        # Load here, not in on_config: `mkdocs serve` calls on_files on every rebuild, so an edited
        # content file is read again; the nav, built after this hook, can then list generated pages.
        root = self.base / self.config.root
        try:
            self.site = load_site(root)
        except ContentError as exc:
            for problem in exc.problems:
                log.error(str(problem))
            n = len(exc.problems)
            raise PluginError(
                f"{n} erreur{'s' if n > 1 else ''} dans le contenu : le site n'est pas construit."
            ) from None
        today = build_date(self.config.build_date, os.environ)
        site_url = config.site_url or None
        # Acronyms are marked in every page MkDocs renders, the editorial pages included, in
        # document order: the template's part before the body (on_page_markdown), the body as
        # Python-Markdown converts it, the rest (on_page_content); /glossaire/ lists where each
        # is used. MkDocs types the list as extension names; Python-Markdown takes instances.
        editorial = [_editorial(f) for f in files.documentation_pages()]
        extensions: list[Any] = config.markdown_extensions
        extensions[:] = [
            e for e in extensions if not isinstance(e, AbbreviationsExtension | TypographyExtension)
        ]
        self.abbreviations = AbbreviationsExtension(self.site.acronyms)
        extensions.append(self.abbreviations)
        extensions.append(TypographyExtension())  # French typography in every Markdown body
        # An editorial accessibilite.md is the statement's own text, put inside the generated
        # statement (which the settings fill in): one page at /accessibilite/.
        statement, statement_file = "", None
        for file in list(files.documentation_pages()):
            if "/" + file.url == ROUTES.accessibility:
                statement, statement_file = get_data(file.content_string)[0], file.src_uri
                files.remove(file)
        settings = Settings(
            root=root,
            fragments=self.base / self.config.fragments,
            today=today,
            environ=os.environ,
            site_url=site_url,
            site_name=config.site_name,
            search=self.config.search,
            legal=self._legal(config),
            editorial=editorial,
            statement=statement,
            statement_source=statement_file,
            guide=self.guide,
            cms=backend(self.config),
            cms_search=[Path(config.config_file_path).parent],
            # A preview is never published: there a shallow clone only warns.
            allow_shallow_clone=self.config.allow_shallow_clone or self.serving,
        )
        try:
            self.plan = plan(self.site, settings)
        except PlanError as exc:
            raise PluginError(str(exc)) from None
        self.renderer = self.plan.renderer
        if self.incremental_on:  # the fragments compiled once per `mkdocs serve`
            self.renderer.env.bytecode_cache = self.incremental.templates
        self.pages = self.plan.pages
        self.vevents = self.plan.vevents
        for output in self.plan.outputs:
            files.append(_file(output, config))
        if self.incremental_on:
            # Editorial pages are MkDocs' own, rendered at every rebuild.
            docs, top = Path(config.docs_dir).resolve(), root.resolve()
            skip = [docs.relative_to(top).as_posix()] if docs.is_relative_to(top) else []
            self.snapshot = Snapshot(
                fingerprints(
                    root, self.plan.revisions, skip, self.site.content.vocabularies.values()
                ),
                self.plan.dependencies,
                key=f"{today} {self.site.acronyms.digest}",  # every page marks them
                digests=self.plan.digests,
            )
        config.extra["portal_guide"] = self.guide is not None  # footer link
        return files

    def _legal(self, config: MkDocsConfig) -> LegalSettings:
        """mkdocs.yml's « extra: legal: » settings, for the legal pages. Their gaps are the
        core's warnings (generator.legal), not MkDocs': a portal builds with --strict before its
        publisher has filled in every line."""
        path = Path(config.config_file_path) if config.config_file_path else None
        text = path.read_text(encoding="utf-8") if path is not None and path.is_file() else None
        display = path.name if path is not None else "mkdocs.yml"
        settings, problems = load_legal(config.extra.get("legal"), text, display)
        errors = [p for p in problems if p.severity is Severity.ERROR]
        if errors:
            for problem in errors:
                log.error(str(problem))
            n = len(errors)
            raise PluginError(
                f"{n} erreur{'s' if n > 1 else ''} dans les réglages « extra: legal » de "
                f"{display} : le site n'est pas construit."
            )
        warn_legal(problems)
        config.extra["portal_legal_status"] = settings.status_label  # footer
        return settings

    @event_priority(-100)  # the last: other plugins' pages are all there
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        processes = usable_processes(self.config.processes) if self.parallel else 1
        self.workers = Workers(processes, files.documentation_pages())
        reusing = self.incremental_on and self.snapshot is not None
        config.extra["portal_search_bundles"] = []
        if self.config.search:  # before the fork: the workers write into its work folder
            self._stop_indexer()  # a previous build of `mkdocs serve` that failed
            # The pages search indexes, numbered now, so that every process knows the bundles
            # (every page names them) before any page is rendered.
            indexed = [file for file in self.workers.pages if self._indexed(file)]
            self.order = {file.src_uri: n for n, file in enumerate(indexed)}
            language = config.theme.get("language") or "fr"
            shard = self.config.search_shard_pages
            if self.incremental_on and self.search_work is None:
                self.search_work = Path(tempfile.mkdtemp(prefix="portal-apercu-recherche-"))
            work = self.search_work if self.incremental_on else None
            self.indexer = SearchIndexer(
                Path(config.site_dir), language, len(indexed), shard, work=work
            )
            config.extra["portal_search_bundles"] = self.indexer.bundles()  # for search.js
        if reusing:
            self._reuse(nav, config, files)
            # Many pages to render again (a label many items use): the other cores help.
            rendered = [f for f in self.workers.pages if f.inclusion != InclusionLevel.EXCLUDED]
            wanted = self.config.serve_processes_from
            if 0 < wanted <= len(rendered):
                self.workers.processes = usable_processes(self.config.processes)
        self.workers.split(
            nav,
            config,
            dealt=lambda f: f.src_uri in self.pages and f.inclusion != InclusionLevel.EXCLUDED,
            nav_too=self.serving,
        )
        self.nav = nav
        return nav

    def _reuse(self, nav: Navigation, config: MkDocsConfig, files: Files) -> None:
        """`mkdocs serve`: leave out what the previous build made as it is now (incremental.py)."""
        assert self.snapshot is not None
        theme = [Path(d) for d in (config.theme.custom_dir,) if d]
        key = repr(
            (
                self.snapshot.key,
                Path(config.config_file_path).read_bytes() if config.config_file_path else b"",
                sorted(self.config.items()),
                config.site_url,
                [str(s) for s in config.extra_css],
                [str(s) for s in config.extra_javascript],
                sorted((k, repr(v)) for k, v in config.extra.items()),
                tree_key([*theme, self.base / self.config.fragments]),
            )
        )
        self.snapshot = replace(self.snapshot, key=key)
        self.incremental.plan(self.snapshot, files, {page.file.src_uri for page in nav.pages})
        for slug in self.site.content.events if self.site is not None else ():
            text = self.previous_vevents.get(slug)
            if text is not None and calendar_url(EVENT, slug) in self.incremental.outputs:
                self.vevents[slug] = text  # the same event, campuses and dates as last time
        self.reused_filter.elsewhere.clear()
        self.reused_filter.elsewhere.update(f.src_uri for f in self.incremental.reused_pages)
        logging.getLogger("mkdocs.structure.pages").addFilter(self.reused_filter)
        indexer = self.indexer
        if indexer is not None:
            reused = [(f, self.order.get(f.src_uri)) for f in self.incremental.reused_pages]
            for file, number in reused:  # a reused page's document, kept, to its shard
                before = self.previous_documents.get(file.src_uri)
                if number is not None and before is not None:
                    indexer.move(before, number, file.dest_uri)
            # The kept documents of pages gone, removed.
            numbers = ((self.order.get(f.src_uri), f.dest_uri) for f in self.workers.pages)
            indexer.prune({n: dest for n, dest in numbers if n is not None})
            indexer.reuse_from = self.incremental.stash  # unchanged shards' bundles
            for file, number in reused:
                if number is not None:
                    if not indexer.path(number, file.dest_uri).is_file():  # cannot happen
                        raise PluginError(f"Recherche : document de {file.src_uri} absent.")
                    indexer.settle(number)
        if self.incremental.reused_pages:
            n, total = len(self.incremental.reused_pages), len(self.workers.pages)
            log.info(f"Aperçu : {total - n} pages sur {total} rendues de nouveau.")

    def _indexed(self, file: File) -> bool:
        """Whether search indexes a page: not when its front matter says « search: exclude:
        true » (Material's key; the generated lists, reports and key figures say it)."""
        generated = self.pages.get(file.src_uri)
        if generated is not None:
            return generated.search
        _, meta = get_data(file.content_string)
        search = meta.get("search")
        return not (isinstance(search, dict) and search.get("exclude"))

    def on_page_markdown(
        self, markdown: str, /, *, page: Any, config: MkDocsConfig, files: Files
    ) -> str:
        # The structured part of a generated page is HTML already: it is rendered here, before
        # the body's conversion, and never parsed as Markdown.
        if self.plan is not None and self.abbreviations is not None:
            self.unfinished = self.plan.start("/" + page.url, self.pages.get(page.file.src_uri))
            self.abbreviations.begin(self.unfinished.marking)
        return markdown

    @event_priority(-100)  # the last: other plugins' changes are in what is held
    def _hold_content(self, html: str, /, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        return self.held.hold(page, html)

    @event_priority(100)  # the first: other plugins' on_page_context see the content
    def on_page_context(
        self, context: Any, /, *, page: Any, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        self.held.give_back(page)
        return context

    def _content(self, html: str, /, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        # The converted body in its template; search and the theme read it next.
        if self.unfinished is None or self.plan is None:  # on_files has not run
            return html
        html, self.unfinished = self.plan.content(self.unfinished, html), None
        number = self.order.get(page.file.src_uri)
        if self.indexer is not None and number is not None:
            changed = self.indexer.write(number, page.file.dest_uri, page.title or "", html)
            if self.workers.part:
                self.workers.report(number, changed)
            else:
                self.indexer.settle(number)
                self._settle_reported(self.indexer)
        return html

    def _settle_reported(self, indexer: SearchIndexer) -> None:
        """In the main process: settle the pages workers have reported written since the last
        call, and start the next shard if it is ready."""
        for number, changed in self.workers.poll():
            self._written(number, changed)
            indexer.settle(number)
        indexer.poll()

    def _written(self, number: int, changed: bool) -> None:
        """A worker has written page ``number``'s search document, changed or not."""
        if self.indexer is not None:
            self.indexer.written(number, changed)

    @event_priority(-100)  # the last: a worker drops what other plugins' on_env may have added
    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if not self.workers.part:
            self.workers.stand_in_pages(config)
        # A preview's calendars are written here: it keeps each event's text for the next build.
        self.workers.share_files(files, config, deferred_here=self.serving)
        if self.nav is not None:
            cache_nav(env, self.nav)
        if self.incremental_on:
            self.incremental.stand_in_pages(config)
            env.bytecode_cache = self.incremental.templates  # compiled once per session
        return env

    def on_template_context(
        self, context: Any, /, *, template_name: str, config: MkDocsConfig
    ) -> Any:
        # The sitemap lists every page, those rendered by workers included.
        if template_name == "sitemap.xml" and (
            self.workers.active or self.incremental.reused_pages
        ):
            context["pages"] = self.workers.pages
        return context

    on_page_content = CombinedEvent(_content, _hold_content)

    def on_post_page(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str:
        if self.indexer is not None and not self.workers.part:
            self._settle_reported(self.indexer)  # shards start while pages are written, too
        self.held.let_go(page)
        return fix_page(output)

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        return fix_page(output_content)  # 404.html is a theme template, not a page

    @event_priority(100)  # the first: a worker ends here, other plugins' work is the main's
    def _finish_build(self, *, config: MkDocsConfig) -> None:
        self.polling.built()
        if self.workers.part:
            self.workers.exit()
        try:
            warnings = self.workers.join(self._written)
        except WorkerError as exc:
            raise PluginError(str(exc)) from None
        if warnings:  # logged by the workers; --strict counts this one
            s = "s" if warnings > 1 else ""
            log.warning(f"{warnings} avertissement{s} des processus de rendu, ci-dessus.")
        collected = False  # by the search thread, once the page is shown
        indexer, self.indexer = self.indexer, None
        if indexer is not None and self.incremental_on:
            indexer.reuse_unchanged()  # before the previous build's files go
        elif indexer is not None:
            try:
                indexer.finish()
            except SearchIndexError as exc:
                raise PluginError(f"Recherche : {exc}") from None
        if self.incremental_on and self.snapshot is not None:
            self.incremental.finish(self.snapshot)
            self.previous_vevents = self.vevents
            numbered = [f for f in self.workers.pages if f.src_uri in self.order]
            self.previous_documents = {
                f.src_uri: indexer.document(self.order[f.src_uri], f.dest_uri) for f in numbered
            } if indexer is not None else {}
        if indexer is not None and self.incremental_on:
            # The preview shows the page while Pagefind ends (it moves each bundle into the
            # site folder, once incremental.finish has put it back); the next build waits.
            self.search_thread = threading.Thread(target=self._finish_search, args=(indexer,))
            self.search_thread.start()
            collected = True
        logging.getLogger("mkdocs.structure.pages").removeFilter(self.reused_filter)
        if not collected:
            _full_passes_again()

    @event_priority(-100)  # the last: every file of the site is written
    def _precompress(self, *, config: MkDocsConfig) -> None:
        if self.config.precompress:
            precompress(Path(config.site_dir))

    on_post_build = CombinedEvent(_finish_build, _precompress)

    def on_build_error(self, *, error: Exception) -> None:
        self.polling.built()
        self.held.clear()
        _full_passes_again()
        if self.workers.part:
            self.workers.exit(error)
        self.workers.stop()
        self._stop_indexer()
        self.incremental.forget()  # the next build renders everything
        self.previous_documents = {}
        self.previous_vevents = {}
        logging.getLogger("mkdocs.structure.pages").removeFilter(self.reused_filter)

    def _finish_search(self, indexer: SearchIndexer) -> None:
        try:
            indexer.finish()
        except SearchIndexError as exc:
            log.error(f"Recherche : {exc}")
            self.search_failed = True  # its bundles are not to be reused
            return
        finally:
            # The page is shown: the garbage of the build collected now, not during the next.
            _full_passes_again()
            gc.collect()
        log.info(SEARCH_DONE)

    def wait_for_search(self) -> None:
        """`mkdocs serve`: wait until the last build's search bundles are written."""
        if self.search_thread is not None:
            self.search_thread.join()
            self.search_thread = None

    def _stop_indexer(self) -> None:
        if self.indexer is not None:
            self.indexer.close()
            self.indexer = None

    def on_shutdown(self) -> None:
        self.wait_for_search()  # before `mkdocs serve` removes its site folder
        self.polling.stop()
        memos.keep(False)
        if self.search_work is not None:
            shutil.rmtree(self.search_work, ignore_errors=True)
            self.search_work = None

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        # The content lives outside docs_dir: watch it so that an edit triggers a rebuild.
        root = self.base / self.config.root
        folders = [root / "campuses", root / "content", self.base / self.config.fragments]
        folders = [path for path in folders if path.is_dir()]
        self.polling.start(server, folders)
        for path in folders:
            server.watch(str(path))
        if self.guide is not None:
            for path in (self.guide, self.guide.with_suffix("")):  # the guide, its folder
                if path.exists():
                    server.watch(str(path))
        self.polling.settle()
        self.polling.notify(server)  # a save rebuilds at once where the system says so
        return server


def _full_passes_again() -> None:
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_PASSES)


def _editorial(file: File) -> tuple[str, str, str]:
    """An editorial page as the core reads it: (site-relative URL, title, Markdown text)."""
    text = file.content_string
    return "/" + file.url, heading(text, Path(file.src_uri).stem), text


def _file(output: Output, config: MkDocsConfig) -> File:
    """An output of the plan as MkDocs' file."""
    if output.kind is Kind.PAGE:
        assert output.page is not None
        return File.generated(config, output.path, content=output.page.markdown)
    if output.kind is Kind.COPY:
        return File.generated(config, output.path, abs_src_path=str(output.source))
    assert output.text is not None
    if output.kind is Kind.MARKDOWN:  # MkDocs reads a page's source before the nav
        return File.generated(config, output.path, content=output.text())
    return DeferredFile.deferred(config, output.path, output.text)
