"""Render: turn the indexed site into outputs (pages, feeds, open data). No MkDocs here."""
