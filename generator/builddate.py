"""The build date: what "upcoming" and "past" are measured against.

A fixed date makes builds reproducible: the ``build_date`` setting wins, then the
``SOURCE_DATE_EPOCH`` convention of reproducible builds, then today in Paris.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime

from .models.common import PARIS


def build_date(setting: str | date | None, environ: Mapping[str, str]) -> date:
    if isinstance(setting, date):
        return setting
    if setting:
        return date.fromisoformat(setting)
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC).astimezone(PARIS).date()
    return datetime.now(PARIS).date()
