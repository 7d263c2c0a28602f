"""French dates, checked against how they are written in French (non-breaking spaces shown as ~)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from generator.dates import french_date, french_when
from generator.models.common import PARIS


def shown(text: str) -> str:
    return text.replace("\u00a0", "~")


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2025, 6, 5), None, "5~juin~2025"),
        (date(2025, 6, 1), date(2025, 6, 1), "1er~juin~2025"),
        (date(2025, 12, 3), date(2025, 12, 8), "du 3 au 8~décembre~2025"),
        (date(2025, 11, 3), date(2025, 12, 8), "du 3~novembre au 8~décembre~2025"),
        (date(2023, 12, 30), date(2024, 1, 10), "du 30~décembre~2023 au 10~janvier~2024"),
        (
            datetime(2025, 6, 5, 17, 30, tzinfo=PARIS),
            datetime(2025, 6, 5, 20, 30, tzinfo=PARIS),
            "5~juin~2025, 17~h~30 – 20~h~30",
        ),
        (datetime(2024, 1, 9, 9, 0, tzinfo=PARIS), None, "9~janvier~2024, 9~h"),
        (
            datetime(2024, 1, 9, 9, 0, tzinfo=PARIS),
            datetime(2024, 1, 10, 17, 0, tzinfo=PARIS),
            "du 9~janvier~2024, 9~h, au 10~janvier~2024, 17~h",
        ),
    ],
)
def test_french_when(start: date, end: date | None, expected: str) -> None:
    assert shown(french_when(start, end)) == expected


def test_french_date_uses_french_month_names() -> None:
    months = [shown(french_date(date(2025, m, 2))).split("~")[1] for m in range(1, 13)]
    assert months == [
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ]  # fmt: skip
