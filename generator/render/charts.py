"""Bar charts as inline SVG, drawn at build time: no chart library, nothing loaded from elsewhere.

Each chart is an image with an accessible name (``<title>``) and description (``<desc>``) that
says what the bars show; the same numbers are always printed in a data table beside it (the
templates do that), which is what screen readers and printouts rely on.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from markupsafe import Markup

from ..text import french_number

# Sized for a phone: drawn at 360 units wide, the text stays at 16 px on a 360 px screen.
WIDTH = 360
ROW = 50  # label line, then the bar
BAR = 18
LABEL_SIZE = 16
VALUE_ROOM = 64  # room right of the longest bar for its value


def bar_chart(chart_id: str, title: str, rows: Sequence[tuple[str, int]]) -> Markup:
    """Horizontal bars, one per (label, value), each label written above its bar."""
    peak = max((value for _, value in rows), default=0) or 1
    height = ROW * len(rows) + 4
    summary = " ; ".join(f"{label} : {french_number(value)}" for label, value in rows)
    parts = [
        f'<svg class="portal-chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(summary)}.</desc>',
    ]
    for i, (label, value) in enumerate(rows):
        top = i * ROW
        length = round((WIDTH - VALUE_ROOM) * value / peak, 1)
        parts += [
            f'<text x="0" y="{top + LABEL_SIZE}" font-size="{LABEL_SIZE}">{escape(label)}</text>',
            f'<rect class="portal-chart__bar" x="0" y="{top + 24}" width="{length}" '
            f'height="{BAR}"></rect>',
            f'<text x="{length + 6}" y="{top + 24 + BAR - 3}" font-size="{LABEL_SIZE}" '
            f'font-weight="700">{french_number(value)}</text>',
        ]
    parts.append("</svg>")
    return Markup("".join(parts))
