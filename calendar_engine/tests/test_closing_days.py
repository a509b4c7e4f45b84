"""R17/R18 closing days: Belgian public holidays, 11 July and the administrator's changes."""

from datetime import date

from calendar_engine import FLEMISH_COMMUNITY_DAY, belgian_closing_days
from calendar_engine.closing_days import _generated_closing_days


def test_r18_closing_days_2026_are_the_belgian_holidays_and_11_july():
    assert belgian_closing_days([2026]) == {
        date(2026, 1, 1): "Nieuwjaar",
        date(2026, 4, 5): "Pasen",
        date(2026, 4, 6): "Paasmaandag",
        date(2026, 5, 1): "Dag van de Arbeid",
        date(2026, 5, 14): "O. L. H. Hemelvaart",
        date(2026, 5, 24): "Pinksteren",
        date(2026, 5, 25): "Pinkstermaandag",
        date(2026, 7, 11): "Feest van de Vlaamse Gemeenschap",
        date(2026, 7, 21): "Nationale feestdag",
        date(2026, 8, 15): "O. L. V. Hemelvaart",
        date(2026, 11, 1): "Allerheiligen",
        date(2026, 11, 11): "Wapenstilstand",
        date(2026, 12, 25): "Kerstmis",
    }


def test_r18_closing_days_2027_move_with_easter():
    closing_days = belgian_closing_days([2027])
    assert closing_days[date(2027, 3, 29)] == "Paasmaandag"
    assert closing_days[date(2027, 5, 6)] == "O. L. H. Hemelvaart"
    assert closing_days[date(2027, 5, 17)] == "Pinkstermaandag"
    assert closing_days[date(2027, 7, 11)] == FLEMISH_COMMUNITY_DAY


def test_r18_closing_days_of_several_years_are_sorted():
    closing_days = belgian_closing_days([2027, 2026, 2027])
    assert list(closing_days) == sorted(closing_days)
    assert len(closing_days) == 26


def test_r18_administrator_adds_a_bridge_day():
    closing_days = belgian_closing_days([2026], extra={date(2026, 5, 15): "Brugdag"})
    assert closing_days[date(2026, 5, 15)] == "Brugdag"


def test_r18_administrator_switches_off_a_generated_holiday():
    closing_days = belgian_closing_days([2026], disabled=[date(2026, 11, 11)])
    assert date(2026, 11, 11) not in closing_days
    assert date(2026, 11, 1) in closing_days


def test_r18_extra_day_applies_even_when_its_date_was_disabled():
    closing_days = belgian_closing_days(
        [2026], extra={date(2026, 11, 11): "Sluitingsdag"}, disabled=[date(2026, 11, 11)]
    )
    assert closing_days[date(2026, 11, 11)] == "Sluitingsdag"


def test_r18_generated_holidays_are_cached_per_year():
    belgian_closing_days([2031])
    hits_before = _generated_closing_days.cache_info().hits
    belgian_closing_days([2031])
    assert _generated_closing_days.cache_info().hits == hits_before + 1


def test_r18_changing_the_result_does_not_change_the_cache():
    belgian_closing_days([2032]).clear()
    assert date(2032, 12, 25) in belgian_closing_days([2032])
