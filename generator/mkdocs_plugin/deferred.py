"""Generated files whose text is rendered when MkDocs writes them, not when they are listed.

A build lists its files before the nav (``on_files``), in one process; it writes them after its
pages are rendered, and with several processes (workers.py) one of them writes these files while
the other goes on with pages. Rendering the text at listing time would keep both waiting.

MkDocs internal relied on (tests/test_mkdocs_internals.py): a generated file's text is read from
its private ``File._content``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File


class DeferredFile(File):
    """A generated file (a calendar, an open-data file) rendered the first time it is read.

    MkDocs keeps a generated file's text in ``_content``, which its readers and its writer
    (``content_string``, ``content_bytes``, ``copy_file``) all read: a property in its place
    renders the text on first use."""

    render: Callable[[], str] | None = None
    _text: str | bytes | None = None

    @classmethod
    def deferred(
        cls, config: MkDocsConfig, src_uri: str, render: Callable[[], str]
    ) -> DeferredFile:
        file = cast(DeferredFile, cls.generated(config, src_uri, content=""))
        file.render = render
        return file

    @property
    def _content(self) -> str | bytes | None:
        if self.render is not None:
            self._text, self.render = self.render(), None
        return self._text

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self._text = value
