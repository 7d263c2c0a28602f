"""Core of the CMQ portal generator: load → validate → index → render.

Nothing in this package imports MkDocs except :mod:`generator.mkdocs_plugin`, the thin adapter.
"""
