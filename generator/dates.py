"""French dates as people write them, with non-breaking spaces where French typography wants them.

« 1er juin 2025 », « du 3 au 8 décembre 2025 », « 5 juin 2025, 17 h 30 – 20 h 30 ».
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import NamedTuple

from babel.dates import format_date

NBSP = "\u00a0"
LOCALE = "fr_FR"


def _day(day: date) -> str:
    return "1er" if day.day == 1 else str(day.day)


@cache  # twelve names, asked for thousands of times a build
def _month_name(month: int, width: str) -> str:
    """Babel's name of ``month`` (1–12): ``MMMM`` « septembre », ``MMM`` « sept. »."""
    return str(format_date(date(2000, month, 1), format=width, locale=LOCALE))


def _month(day: date) -> str:
    return _month_name(day.month, "MMMM")


def french_date(day: date) -> str:
    """« 5 juin 2025 », « 1er juin 2025 »."""
    return f"{_day(day)}{NBSP}{_month(day)}{NBSP}{day.year}"


def french_time(moment: datetime) -> str:
    """« 17 h 30 », « 9 h »."""
    minutes = f"{NBSP}{moment.minute:02d}" if moment.minute else ""
    return f"{moment.hour}{NBSP}h{minutes}"


def french_range(first: date, last: date) -> str:
    """Inclusive day range, sharing what the two ends share: « du 3 au 8 décembre 2025 »."""
    if first == last:
        return french_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"du {_day(first)} au {french_date(last)}"
    if first.year == last.year:
        return f"du {_day(first)}{NBSP}{_month(first)} au {french_date(last)}"
    return f"du {french_date(first)} au {french_date(last)}"


def french_when(start: date | datetime, end: date | datetime | None) -> str:
    """An event's dates: all-day or timed, on one day or several."""
    if isinstance(start, datetime):
        stop = end if isinstance(end, datetime) else start
        if stop == start:
            return f"{french_date(start.date())}, {french_time(start)}"
        if stop.date() == start.date():
            return f"{french_date(start.date())}, {french_time(start)} – {french_time(stop)}"
        return (
            f"du {french_date(start.date())}, {french_time(start)}, "
            f"au {french_date(stop.date())}, {french_time(stop)}"
        )
    return french_range(start, end if isinstance(end, date) else start)


def french_month(day: date) -> str:
    """A month as a heading: « Juin 2025 »."""
    return f"{_month(day).capitalize()}{NBSP}{day.year}"


class Badge(NamedTuple):
    """What a calendar badge shows: « 5 », « juin », « 2025 » (a month of more than four letters
    abbreviated as French writes it: « janv. », « sept. »)."""

    day: str
    month: str
    year: str


def date_badge(day: date) -> Badge:
    return Badge(str(day.day), _month_name(day.month, "MMM"), str(day.year))
