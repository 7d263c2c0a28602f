from __future__ import annotations

from datetime import date

from generator.builddate import build_date


def test_setting_wins_over_source_date_epoch() -> None:
    assert build_date("2025-06-01", {"SOURCE_DATE_EPOCH": "0"}) == date(2025, 6, 1)


def test_source_date_epoch_is_read_in_paris_time() -> None:
    # 1735685999 = 2024-12-31T22:59:59Z = 23:59:59 in Paris; 1735686000 is midnight in Paris.
    assert build_date(None, {"SOURCE_DATE_EPOCH": "1735685999"}) == date(2024, 12, 31)
    assert build_date(None, {"SOURCE_DATE_EPOCH": "1735686000"}) == date(2025, 1, 1)


def test_default_is_today() -> None:
    assert isinstance(build_date(None, {}), date)
