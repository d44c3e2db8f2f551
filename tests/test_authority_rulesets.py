"""Authority rulesets are selected by authority, deciding body and decision date -- and only then."""
from __future__ import annotations

import datetime as dt

import pytest

from iop_rules.rulesets import load_rulesets

LIBRARY = load_rulesets()


@pytest.mark.parametrize(("authority", "body", "day", "expected"), [
    ("Borås Stad", "socialnämnden", dt.date(2016, 9, 29), ("iop-core", "boras-2016")),
    ("Borås Stad", "kulturnämnden", dt.date(2021, 1, 1), ("iop-core", "boras-2016")),  # every committee
    ("Borås Stad", "socialnämnden", dt.date(2016, 9, 28), ("iop-core",)),  # decided before the guideline
    ("Uddevalla kommun", "socialnämnden", dt.date(2020, 8, 25), ("iop-core", "uddevalla-2020")),
    ("Uddevalla kommun", None, dt.date(2020, 8, 24), ("iop-core",)),
    ("Västra Götalandsregionen", "hälso- och sjukvårdsnämnden", dt.date(2024, 1, 10), ("iop-core", "vgr")),
    ("Region Skåne", "regionstyrelsen", dt.date(2024, 1, 10), ("iop-core",)),
    ("Lunds kommun", "socialnämnden", dt.date(2019, 6, 10), ("iop-core", "lund-socialnamnd-2017")),
    ("Lunds kommun", "kommunstyrelsen", dt.date(2019, 6, 10), ("iop-core",)),  # another body
    ("Lunds kommun", "socialnämnden", dt.date(2020, 11, 11), ("iop-core", "lund-socialnamnd-2020")),
])
def test_selection(authority: str, body: str | None, day: dt.date, expected: tuple[str, ...]) -> None:
    assert LIBRARY.select(authority, body, day).ids == expected


def test_the_lou_threshold_is_the_one_in_force_on_the_decision_date() -> None:
    by_day = {day: LIBRARY.select(None, None, day).params["lou_threshold_sek"]
              for day in (dt.date(2017, 12, 31), dt.date(2018, 1, 1), dt.date(2021, 12, 31), dt.date(2022, 6, 1),
                          dt.date(2024, 1, 1), dt.date(2026, 12, 1))}
    assert list(by_day.values()) == [None, 586907, 2156469, 7802550, 8109450, 8109450]
    assert LIBRARY.select(None, None, None).params["lou_threshold_sek"] is None  # no date: no threshold
